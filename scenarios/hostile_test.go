package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile files, one per kind of abuse, each with the exact diagnostics it
// must get. They must be refused fast, with little memory, and never run.
func TestHostileScenariosAreRefusedWithClearErrors(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "hostile", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no hostile files")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sc, diags := Parse(filepath.ToSlash(f), data)
			if sc != nil {
				t.Fatalf("%s was accepted", f)
			}
			checkDiagGolden(t, f, diags.Format(data, 0))
		})
	}
}

// The limits that protect against big files are flags: shown here with
// small values on an ordinary file.
func TestLimitsAreConfigurable(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("library", "01-console-tutorial.yaml"))
	for _, c := range []struct {
		lim  Limits
		want string
	}{
		{Limits{FileSize: 100}, "limited to 100 (--max-file-size)"},
		{Limits{Steps: 2}, "the limit is 2 (--max-steps)"},
		{Limits{Depth: 3}, "nests deeper than 3 levels"},
		{Limits{Nodes: 50}, "more than 50 YAML nodes"},
	} {
		sc, diags := ParseWith("tutorial.yaml", data, c.lim)
		if sc != nil || !strings.Contains(diags.Error(), c.want) {
			t.Errorf("%+v: got %v", c.lim, diags)
		}
	}
	sc, _ := ParseWith("tutorial.yaml", data, Limits{Events: 5})
	r, _ := sc.NewRun(nil)
	r.RunToEnd()
	if !strings.Contains(r.Stopped, "after 5 events") {
		t.Errorf("event limit: %q", r.Stopped)
	}
}

func checkDiagGolden(t *testing.T, file, got string) {
	t.Helper()
	golden := strings.TrimSuffix(file, ".yaml") + ".golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./scenarios -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("diagnostics differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
	}
}
