package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/sim"
)

// shapeSeeds are small files of the shapes the loader and the run bound:
// a sandbox action that expects an error, placeholders in a repeat, a
// waiting step that moves the end, a quota at the ceiling, a lifecycle
// policy, YAML errors that need a position.
var shapeSeeds = []string{
	"name: s\nsteps: []\nsandbox:\n  - at: 1m\n    action: StopInstances\n    params: {InstanceIds: [i-0123456789abcdef0]}\n    expect_error: InvalidInstanceID.NotFound\n",
	"name: p\nsteps:\n  - action: CreateKeyPair\n    repeat: {every: 1h, times: 5}\n    params: {KeyName: \"k-{run}-{date}-{time}\"}\n",
	"name: w\nsteps:\n  - name: web\n    action: RunInstances\n    params: {ImageId: al2023, InstanceType: t3.micro}\n  - when: web.state == \"stopped\"\n    timeout: 2h\n    action: TerminateInstances\n    params: {InstanceIds: [web]}\nend: 1h\n",
	"name: q\nsetup: {limits: {vcpus: 50000, max_count: 1000}}\nsteps:\n  - action: RunInstances\n    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 1000, MaxCount: 1000}\n",
	"name: d\nsteps:\n  - name: b\n    action: RunInstances\n    params: {ImageId: al2023, InstanceType: t3.micro, TagSpecifications: [{ResourceType: instance, Tags: [{Key: g, Value: b}]}]}\n  - action: CreateLifecyclePolicy\n    params: {PolicyDetails: {PolicyType: IMAGE_MANAGEMENT, TargetTags: [{Key: g, Value: b}], Schedules: [{Name: n, CreateRule: {Interval: 24, IntervalUnit: HOURS}, RetainRule: {Count: 2}}]}}\nend: 3d\n",
	"name: a\nsteps: []\ntitle: &x t\nsummary: *y\n",
	"name: a\nsteps: []\nsetup:\n  seed: 1\n\tregion: x\n",
	"name: a\nsteps: []\ntitle: \"\\e]52;c;ZWNobyBwd25lZCB8IHNo\\a\"\n",
}

// fuzzLimits keep one fuzzed run to milliseconds: the fuzzer looks for
// crashes and hangs, not for big worlds.
var fuzzLimits = Limits{Events: 20_000, Resources: 5_000, Records: 50_000, Evaluations: 200_000, StepRuns: 5_000}

// addSeeds gives a fuzz target the built-in library, every invalid and
// hostile file in testdata and the shape seeds, so `go test` replays them
// all (and the findings kept in testdata/fuzz/FuzzParse).
func addSeeds(f *testing.F) {
	for _, s := range shapeSeeds {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{"library/*.yaml", "testdata/invalid/*.yaml", "testdata/hostile/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
}

// FuzzParse: any bytes give either a scenario or positioned diagnostics,
// never a panic or a hang; and a scenario that loads runs to its end within
// an event budget.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, diags := ParseWith("fuzz.yaml", data, fuzzLimits)
		if sc == nil {
			if diags.Errors() == 0 {
				t.Fatalf("no scenario and no error")
			}
			for _, d := range diags {
				if d.Pos.File != "fuzz.yaml" || d.Msg == "" {
					t.Fatalf("diagnostic without a position or message: %+v", d)
				}
			}
			return
		}
		r, err := sc.NewRun(nil)
		if err != nil {
			return // a world the model refuses to build (e.g. a KMS key for an unknown account) is an error, not a crash
		}
		r.RunToEnd()
		if r.World.Now() > MaxHorizon+sim.Day && r.Stopped == "" {
			t.Fatalf("ran to %s, past the horizon", r.World.Now())
		}
	})
}

// FuzzExpr: any text either parses or gives an ExprError at an offset
// inside it; what parses evaluates to a value or an error, never a panic.
func FuzzExpr(f *testing.F) {
	for _, s := range []string{`web.state == "running"`, `bill.total < $0.50 and not golden.public`, `cost(web) * 2 > $1`,
		`max(1, 2) + min(3, 4) / 0`, `((((1))))`, `now > 30d or web.uptime < 5m`, `account_cost("partner") >= 0`, `"a" == 'a'`, `-$1 < 0`} {
		f.Add(s)
	}
	sc, diags := Parse("eval.yaml", []byte(`
name: eval
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - name: golden
    action: CreateImage
    params: {InstanceId: web, Name: golden, NoReboot: true}
end: 1h
`))
	if sc == nil {
		f.Fatal(diags)
	}
	r, _ := sc.NewRun(nil)
	r.RunToEnd()
	env := r.env()
	f.Fuzz(func(t *testing.T, src string) {
		x, err := ParseExpr(src)
		if err != nil {
			ee, ok := err.(*ExprError)
			if !ok || ee.Off < 0 || ee.Off > len(src) || strings.TrimSpace(ee.Msg) == "" {
				t.Fatalf("bad error for %q: %#v", src, err)
			}
			return
		}
		x.eval(env)
		explainValues(x, env)
	})
}
