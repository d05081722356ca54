package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// fieldsScenario names one resource of every kind and ends the lives of
// those that can end, so every field is read before its resource exists,
// while it exists and after it is gone.
const fieldsScenario = `
name: fields
setup:
  timings: {boot/ebs/linux: 10s, stop: 30s}
steps:
  - name: key
    action: CreateKeyPair
    params: {KeyName: k}
  - name: sg
    action: CreateSecurityGroup
    params: {GroupName: g, Description: d}
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, Placement: {AvailabilityZone: us-east-1a}}
  - name: data
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 8, VolumeType: gp3}
  - name: snap
    after: 1m
    action: CreateSnapshot
    params: {VolumeId: data}
  - name: golden
    action: CreateImage
    params: {InstanceId: web, Name: golden, NoReboot: true}
  - name: backups
    action: CreateLifecyclePolicy
    params:
      Description: daily
      State: ENABLED
      PolicyDetails:
        PolicyType: IMAGE_MANAGEMENT
        TargetTags: [{Key: backup, Value: daily}]
        Schedules:
          - Name: daily
            CreateRule: {Interval: 24, IntervalUnit: HOURS}
            RetainRule: {Count: 1}
  - after: 30m
    action: DeregisterImage
    params: {ImageId: golden}
  - action: DeleteSnapshot
    params: {SnapshotId: snap}
  - action: DeleteVolume
    params: {VolumeId: data}
  - action: TerminateInstances
    params: {InstanceIds: web}
  - name: lt
    action: CreateLaunchTemplate
    params: {LaunchTemplateName: web-lt, LaunchTemplateData: {ImageId: al2023, InstanceType: t3.micro}}
  - name: tg
    action: CreateTargetGroup
    params: {Name: web-tg}
  - name: asg
    action: CreateAutoScalingGroup
    params: {AutoScalingGroupName: web-asg, LaunchTemplate: {LaunchTemplateId: lt}, MinSize: 1, MaxSize: 2, AvailabilityZones: [us-east-1a], TargetGroupARNs: [tg]}
  - name: eip
    action: AllocateAddress
    params: {Domain: vpc}
  - after: 10m
    action: DeleteAutoScalingGroup
    params: {AutoScalingGroupName: asg, ForceDelete: true}
  - action: DeleteLaunchTemplate
    params: {LaunchTemplateId: lt}
  - action: ReleaseAddress
    params: {AllocationId: eip}
  - name: rioffer
    action: DescribeReservedInstancesOfferings
    params: {InstanceType: m5.large, OfferingClass: standard, OfferingType: No Upfront, MaxDuration: 31536000}
  - name: ri
    action: PurchaseReservedInstancesOffering
    params: {ReservedInstancesOfferingId: rioffer, InstanceCount: 1}
  - name: spoffer
    action: DescribeSavingsPlansOfferings
    params: {planTypes: [Compute], durations: [31536000], paymentOptions: [No Upfront]}
  - name: sp
    action: CreateSavingsPlan
    params: {savingsPlanOfferingId: spoffer, commitment: "0.05"}
  - name: cr
    action: CreateCapacityReservation
    params: {InstanceType: m5.large, AvailabilityZone: us-east-1a, InstanceCount: 1}
  - name: pg
    action: CreatePlacementGroup
    params: {GroupName: pg, Strategy: spread}
  - name: keep
    action: CreateRule
    params: {ResourceType: EBS_SNAPSHOT, RetentionPeriod: {RetentionPeriodValue: 1, RetentionPeriodUnit: DAYS}}
  - after: 1m
    action: DeletePlacementGroup
    params: {GroupName: pg}
  - action: DeleteRule
    params: {Identifier: keep}
end: 4h
`

func TestFieldsReadAsTheirType(t *testing.T) {
	sc, diags := Parse("fields.yaml", []byte(fieldsScenario))
	if sc == nil {
		t.Fatal(diags)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	type seen struct{ before, alive, gone bool }
	saw := map[model.ResourceKind]*seen{}
	check := func() {
		env := r.env()
		for name, kind := range sc.kinds {
			kf := fieldsOf(kind)
			ids := r.World.Lookup(name)
			s := saw[kind]
			if s == nil {
				s = &seen{}
				saw[kind] = s
			}
			for _, f := range kf.fields {
				v, err := env.field(0, name, f.name)
				if err != nil {
					t.Fatalf("%s.%s: %v", name, f.name, err)
				}
				if v.Kind != f.typ.valueKind() {
					t.Errorf("at %v %s.%s is %s (%s), but the table says %s", r.World.Now(), name, f.name, v.Kind, v, f.typ)
				}
				switch {
				case len(ids) == 0:
					s.before = true
				case isRead(f.read(env, ids)):
					s.alive = true
				default:
					s.gone = true
				}
			}
		}
	}
	check()
	for r.Step() {
		check()
	}
	for _, kf := range fieldTables {
		s := saw[kf.kind]
		if s == nil || !s.before || !s.alive {
			t.Errorf("the scenario never read a %s both before and after it was created: %+v", kf.kind, s)
		}
	}
	// A deregistered AMI keeps its record (its fields still answer), so only
	// these three kinds can be gone.
	for _, k := range []model.ResourceKind{model.ResourceInstance, model.ResourceVolume, model.ResourceSnapshot} {
		if s := saw[k]; s == nil || !s.gone {
			t.Errorf("the scenario never read a %s that is gone", k)
		}
	}
	for name, want := range map[string]string{"web": "terminated", "golden": "deregistered", "data": "deleted", "snap": "deleted"} {
		if v, _ := r.env().field(0, name, "state"); v.Str != want {
			t.Errorf("%s.state of a %s that is gone is %s, want %q", name, sc.kinds[name], v, want)
		}
	}
}

func isRead(_ Value, ok bool) bool { return ok }

func TestEveryKindAnActionCreatesHasFields(t *testing.T) {
	created := map[model.ResourceKind]bool{}
	for _, a := range model.Actions() {
		if a.Creates == "" {
			continue
		}
		created[a.Creates] = true
		if fieldsOf(a.Creates) == nil {
			t.Errorf("%s creates a %s, which has no field table", a.Name, a.Creates)
		}
	}
	for _, kf := range fieldTables {
		if !created[kf.kind] {
			t.Errorf("no action creates a %s, yet it has a field table", kf.kind)
		}
		var names []string
		for _, f := range kf.fields {
			if slices.Contains(names, f.name) {
				t.Errorf("%s lists field %s twice", kf.kind, f.name)
			}
			names = append(names, f.name)
			if f.typ.String() == "" || f.doc == "" || strings.ContainsAny(f.doc, "|\n") {
				t.Errorf("%s.%s needs a type and a one-line doc without |: %v %q", kf.kind, f.name, f.typ, f.doc)
			}
		}
	}
}

// fieldReference renders the field reference of docs/scenario-format.md
// from fieldTables.
func fieldReference() string {
	var b strings.Builder
	for _, kf := range fieldTables {
		b.WriteString("\n**" + string(kf.kind) + "**\n\n| field | type | meaning |\n|---|---|---|\n")
		for _, f := range kf.fields {
			b.WriteString("| `" + f.name + "` | " + f.typ.String() + " | " + f.doc + " |\n")
		}
	}
	return b.String()
}

func TestFieldReferenceMatchesTheTable(t *testing.T) {
	const begin, end = "<!-- fields: scenarios/fields.go -->\n", "<!-- end of fields -->"
	doc, err := os.ReadFile(filepath.Join("..", "docs", "scenario-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/scenario-format.md has no %q … %q section", strings.TrimSpace(begin), end)
	}
	if got, want := s[i+len(begin):j], fieldReference(); got != want {
		t.Errorf("the field reference in docs/scenario-format.md differs from fieldTables; it should read:\n%s", want)
	}
}

// snap.progress reads the model's progress at the moment a check runs: with
// the snapshot's duration fixed at 100 s, it is 1 after a second, 50
// halfway, 99 a second before it completes and 100 after.
func TestSnapshotProgressFieldReadsTheModel(t *testing.T) {
	const src = `
name: progress
setup:
  timings: {snapshot/base: 100s, snapshot/per-gib: 0s}
steps:
  - name: data
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 8, VolumeType: gp3}
  - name: snap
    at: 1m
    action: CreateSnapshot
    params: {VolumeId: data}
checks:
  - {at: 61s, expect: snap.progress == 1 and snap.state == "pending"}
  - {at: 110s, expect: snap.progress == 50}
  - {at: 159s, expect: snap.progress == 99 and snap.state == "pending"}
  - {at: 3m, expect: snap.progress == 100 and snap.state == "completed"}
`
	sc, r := ranToEnd(t, "progress.yaml", src)
	if len(r.Checks) != len(sc.Checks) {
		t.Fatalf("%d of %d checks ran", len(r.Checks), len(sc.Checks))
	}
	for _, c := range r.Checks {
		if !c.Pass {
			t.Errorf("%+v", c)
		}
	}
}
