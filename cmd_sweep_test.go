package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/scenarios/sweep"
)

// flakyBoot is a scenario whose first check passes for some seeds only.
const flakyBoot = "scenarios/sweep/testdata/flaky-boot.yaml"

func sweepJSON(t *testing.T, wantCode int, args ...string) sweep.Report {
	t.Helper()
	out, errs, code := ec2sim(t, append([]string{"sweep", "--json"}, args...)...)
	if code != wantCode {
		t.Fatalf("exit %d, want %d: %s", code, wantCode, errs)
	}
	var rep sweep.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	return rep
}

// The report itself is worker-independent (scenarios/sweep); this is the
// text the command draws from it.
func TestSweepIsTheSameWhateverTheWorkerCount(t *testing.T) {
	textOne, _, _ := ec2sim(t, "sweep", "console-tutorial", "--runs", "60", "--workers", "1")
	textTwo, _, _ := ec2sim(t, "sweep", "console-tutorial", "--runs", "60", "--workers", "2")
	if textOne != textTwo {
		t.Fatalf("text reports differ:\n%s\n---\n%s", textOne, textTwo)
	}
}

func TestSweepFlagsChooseTheSeeds(t *testing.T) {
	rep := sweepJSON(t, exitOK, "console-tutorial", "--runs", "50", "--seed", "11")
	if rep.Scenario != "console-tutorial" || rep.Runs != 50 || rep.FirstSeed != 11 || rep.LastSeed != 60 || rep.PercentileMethod != "nearest-rank" {
		t.Errorf("header = %+v", rep)
	}
	if len(rep.Ready) != 2 || len(rep.Checks) != 5 || len(rep.BillHistogram) == 0 {
		t.Errorf("--json lacks the report's tables: %+v", rep)
	}
}

func TestSweepNamesTheSeedToReplay(t *testing.T) {
	rep := sweepJSON(t, exitFailed, flakyBoot, "--runs", "200")
	if rep.FailedRuns == 0 || rep.FirstFailedSeed == nil {
		t.Fatalf("no run of the racing check failed: %+v", rep)
	}
	out, errs, code := ec2sim(t, "sweep", flakyBoot, "--runs", "200")
	replay := fmt.Sprintf("`ec2sim run %s --seed %d` replays the first", flakyBoot, *rep.FirstFailedSeed)
	if code != exitFailed || !strings.Contains(errs, replay) {
		t.Errorf("exit %d, stderr %q: want 1 and %q", code, errs, replay)
	}
	if !strings.Contains(out, "web is up within 15 seconds") || !strings.Contains(out, "%") || !strings.Contains(out, "█") {
		t.Errorf("text report:\n%s", out)
	}
}

func TestSweepBadFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no runs", []string{"console-tutorial"}, exitUsage, "ec2sim: --runs is required: how many seeds to replay, 1 to 100000"},
		{"zero runs", []string{"console-tutorial", "--runs", "0"}, exitUsage, "--runs must be between"},
		{"too many runs", []string{"console-tutorial", "--runs", "100001"}, exitUsage, "--runs must be between"},
		{"runs not a number", []string{"console-tutorial", "--runs", "many"}, exitUsage, "invalid value"},
		{"negative seed", []string{"console-tutorial", "--runs", "3", "--seed", "-1"}, exitUsage, "invalid value"},
		{"seeds past the largest", []string{"console-tutorial", "--runs", "3", "--seed", "18446744073709551614"}, exitUsage, "past the largest seed"},
		{"no workers", []string{"console-tutorial", "--runs", "3", "--workers", "0"}, exitUsage, "--workers must be at least 1"},
		{"unknown flag", []string{"console-tutorial", "--runs", "3", "--run", "2"}, exitUsage, "unknown flag --run (did you mean --runs?)"},
		{"no scenario", []string{"--runs", "3"}, exitUsage, "sweep takes one scenario"},
		{"two scenarios", []string{"console-tutorial", "billing", "--runs", "3"}, exitUsage, "sweep takes one scenario"},
		{"no such scenario", []string{"nosuch", "--runs", "3"}, exitInvalid, `no built-in scenario "nosuch"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := ec2sim(t, append([]string{"sweep"}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("exit %d (want %d), stderr lacks %q:\n%s", code, c.code, c.msg, errs)
			}
			if out != "" {
				t.Errorf("a failure wrote to stdout: %q", out)
			}
		})
	}
	// The largest seed itself is fine.
	if _, errs, code := ec2sim(t, "sweep", "console-tutorial", "--runs", "1", "--seed", "18446744073709551615"); code != exitOK {
		t.Errorf("the largest seed: exit %d: %s", code, errs)
	}
	out, _, code := ec2sim(t, "sweep", "--help")
	if code != exitOK || !strings.Contains(out, "nearest rank") || !strings.Contains(out, "--workers") {
		t.Errorf("sweep --help (exit %d):\n%s", code, out)
	}
}

func TestSweepStopsWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"sweep", "console-tutorial", "--runs", "100000"}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted || out.String() != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

// BenchmarkSweepTutorial sweeps the console tutorial over 1000 seeds on
// all cores, as `ec2sim sweep console-tutorial --runs 1000` does.
func BenchmarkSweepTutorial(b *testing.B) {
	const runs = 1000
	for b.Loop() {
		code := run(context.Background(), []string{"sweep", "console-tutorial", "--runs", "1000"}, strings.NewReader(""), io.Discard, io.Discard)
		if code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
}
