package model_test

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

// dryRunLab is the world every DryRun case starts from: a running
// instance, an available volume, a completed snapshot of it and an
// available AMI, all the student's. The IDs are the same in every world
// built from the same seed.
type dryRunLab struct{ inst, vol, snap, img string }

func (d *dryRunLab) setup(l *lab) {
	d.inst = l.running(asStudent, labRun("al2023", "t3.micro"))
	d.vol = l.createVolume(asStudent, "us-east-1a", 10)
	out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: d.vol})
	l.ok(err)
	d.snap = out.SnapshotId
	l.waitFor(d.snap+" completed", func() bool { return l.snapshot(d.snap).State == model.SnapshotCompleted })
	d.img = l.createImage(asStudent, d.inst, "golden", true)
	l.waitAvailable(d.img, "us-east-1")
}

// input decodes params, with the lab's IDs in place of {inst}, {vol},
// {snap} and {img}, into a's request type.
func (d *dryRunLab) input(t *testing.T, a model.ActionInfo, params string) any {
	t.Helper()
	in := a.NewInput()
	params = strings.NewReplacer("{inst}", d.inst, "{vol}", d.vol, "{snap}", d.snap, "{img}", d.img).Replace(params)
	if err := yaml.Unmarshal([]byte(params), in); err != nil {
		t.Fatalf("%s params: %v", a.Name, err)
	}
	return in
}

// dryRunWouldSucceed are requests that succeed in a dryRunLab world: with
// DryRun they must answer DryRunOperation and do nothing.
var dryRunWouldSucceed = map[string]string{
	"RunInstances":        "{ImageId: al2023, InstanceType: t3.micro, MinCount: 1, MaxCount: 1}",
	"StopInstances":       "{InstanceIds: [{inst}]}",
	"RebootInstances":     "{InstanceIds: [{inst}]}",
	"TerminateInstances":  "{InstanceIds: [{inst}]}",
	"CreateImage":         "{InstanceId: {inst}, Name: copy}",
	"DeregisterImage":     "{ImageId: {img}}",
	"CreateSnapshot":      "{VolumeId: {vol}}",
	"CopySnapshot":        "{SourceSnapshotId: {snap}, SourceRegion: us-east-1}",
	"DeleteSnapshot":      "{SnapshotId: {snap}}",
	"ModifySnapshotTier":  "{SnapshotId: {snap}, StorageTier: archive}",
	"CreateVolume":        "{AvailabilityZone: us-east-1a, Size: 8}",
	"DeleteVolume":        "{VolumeId: {vol}}",
	"ModifyVolume":        "{VolumeId: {vol}, Size: 20}",
	"CreateTags":          "{Resources: [{inst}], Tags: [{Key: team, Value: web}]}",
	"CreateKeyPair":       "{KeyName: deploy}",
	"CreateSecurityGroup": "{GroupName: web, Description: web servers}",
}

// TestDryRunAnswersWhatTheCallWouldAndChangesNothing: every mutating EC2
// action accepts DryRun. The answer is DryRunOperation when the call would
// have succeeded, and otherwise the error the call itself returns; either
// way nothing changes, and the world goes on exactly as if the call had
// never been made (API reference, "Common query parameters", DryRun:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html).
// Requests in dryRunWouldSucceed are ones that succeed; the others are
// empty requests, whose answer a real call on a twin world decides.
func TestDryRunAnswersWhatTheCallWouldAndChangesNothing(t *testing.T) {
	var d dryRunLab
	mutating := 0
	for _, a := range model.Actions() {
		if a.Kind != model.KindEC2 || a.ReadOnly() {
			continue
		}
		mutating++
		t.Run(a.Name, func(t *testing.T) {
			params, succeeds := dryRunWouldSucceed[a.Name]
			if !succeeds {
				params = "{}"
			}
			want := model.DryRunOperation
			if !succeeds {
				twin := newLab(t, labConfig(7))
				d.setup(twin)
				if _, err := twin.w.Call(asStudent, a, d.input(t, a, params)); err != nil {
					want = model.CodeOf(err)
				}
			}
			labFailedCallChangesNothing(t, d.setup, func(l *lab) error {
				return l.w.DryRun(asStudent, a, d.input(t, a, params))
			}, want)
		})
	}
	for name := range dryRunWouldSucceed {
		if a, ok := model.LookupAction(name); !ok || a.ReadOnly() {
			t.Errorf("%s is not a mutating action", name)
		}
	}
	if mutating < 40 {
		t.Errorf("only %d mutating EC2 actions in the registry", mutating)
	}
}

// TestDryRunIsTracedLikeAnyCall: a dry run is a call, and the trace shows it
// with its answer, so a scenario's log and the server's show what a student
// asked.
func TestDryRunIsTracedLikeAnyCall(t *testing.T) {
	l := newLab(t, labConfig(1))
	a, _ := model.LookupAction("CreateVolume")
	before := len(l.trace)
	in := &model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 8}
	l.code(l.w.DryRun(asStudent, a, in), model.DryRunOperation)
	got := l.trace[before:]
	if len(got) != 1 || got[0].Kind != model.TraceAPI || got[0].Action != "CreateVolume" || got[0].Error != model.DryRunOperation || got[0].Account != "111122223333" {
		t.Errorf("trace %+v, want one CreateVolume call answered DryRunOperation", got)
	}
}

// TestCallHonoursARequestsDryRunField: World.Call answers a request whose
// own DryRun field is true by the same rule as World.DryRun: the real
// error when the call would fail, DryRunOperation and no change when it
// would succeed (API reference, "Common query parameters", DryRun).
func TestCallHonoursARequestsDryRunField(t *testing.T) {
	a, _ := model.LookupAction("StopInstances")
	for _, c := range []struct {
		rule string
		ids  func(inst string) []string
		want model.Code
	}{
		{"a stop that would succeed", func(inst string) []string { return []string{inst} }, model.DryRunOperation},
		{"a stop of an unknown instance", func(string) []string { return []string{labUnknownInstance} }, model.InvalidInstanceIDNotFound},
	} {
		t.Run(c.rule, func(t *testing.T) {
			var inst string
			labFailedCallChangesNothing(t, func(l *lab) { inst = l.running(asStudent, labRun("al2023", "t3.micro")) }, func(l *lab) error {
				_, err := l.w.Call(asStudent, a, &model.StopInstancesInput{InstanceIds: c.ids(inst), DryRun: true})
				return err
			}, c.want)
		})
	}
}
