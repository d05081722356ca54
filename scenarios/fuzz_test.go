package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/sim"
)

// addSeeds gives a fuzz target the built-in library and every invalid and
// hostile file in testdata, so `go test` replays them all.
func addSeeds(f *testing.F) {
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
		sc, diags := ParseWith("fuzz.yaml", data, Limits{Events: 20_000})
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
