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
	sc, diags := Parse("lab.yaml", []byte(src))
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
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
	sc, diags := Parse("teach.yaml", []byte(src))
	if sc == nil {
		t.Fatal(diags.Error())
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	for _, x := range r.Expectations {
		if !x.OK() {
			t.Errorf("%s: want %s, got %q (%s)", x.Step.Pos, x.Want, x.Got, x.Msg)
		}
	}
}
