package scenarios

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Every kind of mistake an instructor can make has a file in
// testdata/invalid and the exact diagnostics it must produce beside it.
func TestInvalidScenariosGetPositionedDiagnostics(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid scenarios: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sc, diags := Parse(filepath.ToSlash(f), data)
			if sc != nil {
				t.Fatalf("%s parsed without errors", f)
			}
			checkDiagGolden(t, f, diags.Format(data, 0))
			for _, d := range diags {
				if d.Pos.File == "" {
					t.Errorf("diagnostic without a file: %v", d)
				}
			}
		})
	}
}

func TestDiagnosticsAreSortedByPosition(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "invalid", "undefined-name.yaml"))
	_, diags := Parse("x.yaml", data)
	for i := 1; i < len(diags); i++ {
		a, b := diags[i-1].Pos, diags[i].Pos
		if a.Line > b.Line || (a.Line == b.Line && a.Col > b.Col) {
			t.Errorf("%v before %v", a, b)
		}
	}
}

func TestFormatCapsTheList(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "invalid", "undefined-name.yaml"))
	_, diags := Parse("x.yaml", data)
	if len(diags) < 3 {
		t.Fatalf("want several diagnostics, got %d", len(diags))
	}
	out := diags.Format(data, 2)
	if !strings.Contains(out, "(and "+strconv.Itoa(len(diags)-2)+" more)") {
		t.Errorf("no summary of the rest:\n%s", out)
	}
}

func TestOversizedFileIsRejected(t *testing.T) {
	big := []byte("name: big\nsummary: " + strings.Repeat("x", MaxFileSize) + "\n")
	sc, diags := Parse("big.yaml", big)
	if sc != nil || diags.Errors() != 1 || !strings.Contains(diags[0].Msg, "limited to") {
		t.Fatalf("got %v", diags)
	}
}

// YAML can write a number as 1e15, 0x186A1, 0o777777 or 1_000_000; each
// must meet the same range check as plain decimal.
func TestEveryNumberNotationIsRangeChecked(t *testing.T) {
	for _, v := range []string{"1e15", "0x186A1", "0o777777", "1_000_000", "100001", "-1", "1.5e6"} {
		src := "name: n\nsteps:\n  - action: RunInstances\n    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 1, MaxCount: " + v + "}\n"
		sc, diags := Parse("n.yaml", []byte(src))
		if sc != nil || !strings.Contains(diags.Error(), "out of range") {
			t.Errorf("MaxCount %s: accepted or wrong error: %v", v, diags.Error())
		}
	}
}

// `steps: []` is a world a student acts in; its export (a sandbox list)
// loads and replays.
func TestEmptyStepsIsAWorldToActIn(t *testing.T) {
	src := "name: lab\nsteps: []\nsandbox:\n  - at: 10s\n    action: CreateVolume\n    name: data\n    params: {AvailabilityZone: us-east-1a, Size: 8}\n"
	_, r := ranToEnd(t, "lab.yaml", src)
	if _, ok := r.World.Volume("data"); !ok {
		t.Error("the sandbox action did not replay")
	}
}

// A step that expects an error is left to the API, so a lesson can show
// what AWS answers to a malformed ID or a type that does not exist.
func TestAStepCanTeachTheErrorsCheckWouldCatch(t *testing.T) {
	src := `name: teach-errors
steps:
  - action: RunInstances
    params: {ImageId: ami-bogus, InstanceType: t3.micro}
    expect_error: InvalidAMIID.Malformed
  - action: RunInstances
    params: {ImageId: al2023, InstanceType: t9.huge}
    expect_error: InvalidParameterValue
  - action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, Placement: {AvailabilityZone: us-east-1z}}
    expect_error: InvalidParameterValue
`
	_, r := ranToEnd(t, "teach.yaml", src)
	for _, x := range r.Expectations {
		if !x.OK() {
			t.Errorf("%s: want %s, got %q (%s)", x.Step.Pos, x.Want, x.Got, x.Msg)
		}
	}
}

// Work a file asks for is bounded before anything runs: ten repeating
// steps of an 870-byte file (a million step runs), placeholders that expand
// to gigabytes, and a quota in setup.limits above the ceiling on what a run
// may hold. Each error names the limit's flag; raising it lets the file load.
func TestWorkAFileAsksForIsBoundedAtLoad(t *testing.T) {
	var tenRepeats strings.Builder
	tenRepeats.WriteString("name: ten\nsteps:\n")
	for range 10 {
		tenRepeats.WriteString("  - action: CreateKeyPair\n    repeat: {every: 1s, times: 100000}\n    params: {KeyName: \"k{run}\"}\n")
	}
	huge := "name: huge\nsteps:\n  - action: CreateKeyPair\n    repeat: {every: 1m, times: 10000}\n    params: {KeyName: \"" + strings.Repeat("{run}", 4000) + "\"}\n"
	quota := "name: quota\nsetup: {limits: {vcpus: 4000000}}\nsteps: []\n"
	for _, c := range []struct {
		name, src, want string
		raised          Limits
	}{
		{"expanded steps (repeats × steps)", tenRepeats.String(), "run 200000 times in all (repeats × steps); a run may take 100000 (--max-step-runs)", Limits{StepRuns: 2_000_000}},
		{"placeholder expansion", huge, "expand to 190.7 MB over the run; the limit is 16.0 MB (--max-expansion)", Limits{Expansion: 1 << 30}},
		{"live resources, whatever setup.limits says", quota, "limits.vcpus 4000000 allows more instances than the 50000 resources a run may hold at once (--max-resources)", Limits{Resources: 4_000_000}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc, diags := Parse("work.yaml", []byte(c.src))
			if sc != nil || !strings.Contains(diags.Error(), c.want) {
				t.Errorf("got %v\nwant %s", diags, c.want)
			}
			if sc, diags := ParseWith("work.yaml", []byte(c.src), c.raised); sc == nil {
				t.Errorf("with %+v: still refused: %v", c.raised, diags)
			}
		})
	}
}

// A file over the size limit is reported in units a reader takes in, not
// as "1048577 bytes" (the limit plus the one byte read to notice).
func TestAnOversizedFileIsReportedInMB(t *testing.T) {
	for _, c := range []struct {
		size int64
		want string
	}{
		{10 << 20, "file is 10.0 MB; scenario files are limited to 1048576 (--max-file-size), 1.0 MB"},
		{1<<20 + 1, "file is 1.0 MB; scenario files are limited to 1048576 (--max-file-size), 1.0 MB"},
	} {
		if got := TooBig(c.size, MaxFileSize); got != c.want {
			t.Errorf("TooBig(%d) = %q, want %q", c.size, got, c.want)
		}
	}
	if got := ByteSize(900); got != "900 bytes" {
		t.Errorf("ByteSize(900) = %q", got)
	}
}

// Errors the YAML reader reports without a position ("control characters
// are not allowed", "invalid UTF-8", "unknown anchor") get line:col, and a
// tab in the indentation is reported on its own line, not the mapping's.
func TestEveryYAMLErrorIsPositioned(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"control character", "name: a\nsteps: []\ntitle: \"x\x01y\"\n", "t.yaml:3:10: YAML: control characters are not allowed"},
		{"invalid UTF-8", "name: a\nsteps: []\ntitle: Gr\xc3\xbcn x\xffy\n", "t.yaml:3:14: YAML: invalid leading UTF-8 octet"},
		{"unknown anchor", "name: a\nsteps: []\ntitle: &nopex t\nsummary: *nopex\nobjectives: [*nope]\n", "t.yaml:5:14: YAML: unknown anchor 'nope' referenced"},
		{"tab in a mapping", "name: a\nsteps: []\nsetup:\n  seed: 1\n\tregion: x\n", "t.yaml:5:1: YAML syntax: found a tab character that violates indentation"},
		{"tab before a list item", "name: a\nsteps:\n  \t- action: X\n", "t.yaml:3:3: YAML syntax:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("t.yaml", []byte(c.src))
			if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), c.want) {
				t.Errorf("got %v\nwant %s", diags, c.want)
			}
		})
	}
}

// TestSetupPlacesAccountsInAnOrganizationAndUnit: setup.accounts may put an
// account in an AWS Organization and one of its organizational units, so a
// lesson can share an AMI with OrganizationArn or OrganizationalUnitArn; an
// account outside them cannot launch it (EC2 user guide, "Share an AMI with
// organizations or OUs": https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/share-amis-with-organizations-and-OUs.html).
// A unit's ARN names its organization, so the account is in that one.
func TestSetupPlacesAccountsInAnOrganizationAndUnit(t *testing.T) {
	const org = "arn:aws:organizations::111122223333:organization/o-abcde12345"
	const ou = "arn:aws:organizations::111122223333:ou/o-abcde12345/ou-ab12-cdef3456"
	src := `name: org-share
setup:
  accounts:
    - {name: student, id: "111122223333", organization_arn: ` + org + `}
    - {name: dev, id: "444455556666", organizational_unit_arn: ` + ou + `}
    - {name: qa, id: "555566667777", organization_arn: ` + org + `}
    - {name: stranger, id: "777788889999"}
steps:
  - {at: 0s, name: web, action: RunInstances, params: {ImageId: al2023, InstanceType: t3.micro}}
  - {when: web.state == "running", name: golden, action: CreateImage, params: {InstanceId: web, Name: golden, NoReboot: true}}
  - {when: golden.state == "available", action: ModifyImageAttribute, params: {ImageId: golden, LaunchPermission: {Add: [{OrganizationalUnitArn: ` + ou + `}]}}}
  - {action: RunInstances, account: dev, params: {ImageId: golden, InstanceType: t3.micro}}
  - {action: RunInstances, account: qa, params: {ImageId: golden, InstanceType: t3.micro}, expect_error: AuthFailure}
  - {action: ModifyImageAttribute, params: {ImageId: golden, LaunchPermission: {Add: [{OrganizationArn: ` + org + `}]}}}
  - {action: RunInstances, account: qa, params: {ImageId: golden, InstanceType: t3.micro}}
  - {action: RunInstances, account: stranger, params: {ImageId: golden, InstanceType: t3.micro}, expect_error: AuthFailure}
`
	sc, diags := Parse("org.yaml", []byte(src))
	if sc == nil || diags.Errors() > 0 {
		t.Fatal(diags.Error())
	}
	if a := sc.Accounts[1]; a.OrganizationArn != org || a.OrganizationalUnitArn != ou {
		t.Errorf("dev is in %q / %q, want the unit's organization and the unit", a.OrganizationArn, a.OrganizationalUnitArn)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	for _, f := range r.Failed {
		t.Errorf("unexpected failure: %s %s %s", f.Action, f.Error, f.Message)
	}
	for _, e := range r.Expectations {
		if !e.OK() {
			t.Errorf("%s by %s: got %q (%s), want %s", e.Step.Action.Name, e.Step.Account, e.Got, e.Msg, e.Want)
		}
	}
	if len(r.Expectations) != 2 {
		t.Errorf("%d expectations met or not, want 2", len(r.Expectations))
	}

	for _, c := range []struct{ account, want string }{
		{`{name: x, id: "444455556666", organization_arn: o-abcde12345}`, "is not an organization's ARN"},
		{`{name: x, id: "444455556666", organizational_unit_arn: ou-ab12-cdef3456}`, "is not an organizational unit's ARN"},
		{`{name: x, id: "444455556666", organization_arn: "arn:aws:organizations::111122223333:organization/o-zzzzz99999", organizational_unit_arn: ` + ou + `}`, "belongs to organization"},
	} {
		_, diags := Parse("bad.yaml", []byte("name: bad\nsetup:\n  accounts:\n    - "+c.account+"\nsteps: []\n"))
		if !strings.Contains(diags.Error(), c.want) {
			t.Errorf("%s: %q, want %q", c.account, diags.Error(), c.want)
		}
	}
}
