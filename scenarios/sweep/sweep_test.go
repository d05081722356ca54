package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/scenarios"
)

// flakyBoot is a scenario whose first check passes for some seeds only.
const flakyBoot = "testdata/flaky-boot.yaml"

func tutorial(t *testing.T) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.BuiltinNamed("console-tutorial")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func flaky(t *testing.T) *scenarios.Scenario {
	t.Helper()
	data, err := os.ReadFile(flakyBoot)
	if err != nil {
		t.Fatal(err)
	}
	sc, diags := scenarios.Parse(flakyBoot, data)
	if sc == nil {
		t.Fatalf("%s does not load:\n%s", flakyBoot, diags.Format(data, 10))
	}
	return sc
}

func mustRun(t *testing.T, sc *scenarios.Scenario, opts Options) Report {
	t.Helper()
	rep, err := Run(context.Background(), sc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestReportIsTheSameWhateverTheWorkerCount(t *testing.T) {
	sc := tutorial(t)
	var docs []string
	for _, w := range []int{1, 2, 7} {
		b, err := json.MarshalIndent(mustRun(t, sc, Options{FirstSeed: 1, Runs: 60, Workers: w}), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	if docs[0] != docs[1] || docs[0] != docs[2] {
		t.Fatalf("1, 2 and 7 workers give different reports:\n%s\n---\n%s", docs[0], docs[1])
	}
}

func TestReportShowsWhatVaries(t *testing.T) {
	rep := mustRun(t, tutorial(t), Options{FirstSeed: 11, Runs: 50, Workers: 2})
	if rep.Runs != 50 || rep.FirstSeed != 11 || rep.LastSeed != 60 || rep.PercentileMethod != "nearest-rank" {
		t.Errorf("header = %+v", rep)
	}
	var names []string
	for _, r := range rep.Ready {
		names = append(names, r.Name+"/"+r.Kind+"/"+r.ReadyState)
		if r.ReadyRuns != 50 || r.Seconds == nil || r.Seconds.Min > r.Seconds.P50 || r.Seconds.P50 > r.Seconds.P99 || r.Seconds.P99 > r.Seconds.Max {
			t.Errorf("%s: %+v %+v", r.Name, r, r.Seconds)
		}
	}
	if want := []string{"web/instance/running", "web-v1/image/available"}; !slices.Equal(names, want) {
		t.Errorf("ready names = %v, want %v", names, want)
	}
	if r := rep.Ready[0].Seconds; r.Min == r.Max {
		t.Errorf("boot time does not vary over 50 seeds: %+v", r)
	}
	if h := rep.ReadyHistogram; h == nil || h.Name != "web-v1" {
		t.Errorf("histogram of the slowest name = %+v, want web-v1 (an image waits for its instance)", h)
	}
	if len(rep.Checks) != 5 || !slices.IsSortedFunc(rep.Checks, func(a, b Rate) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("checks = %+v, want the tutorial's 5, sorted", rep.Checks)
	}
	for _, c := range rep.Checks {
		if c.Evaluated != 50 || c.PassRate != 1 {
			t.Errorf("check %+v", c)
		}
	}
	if rep.Bill.Total.Min == "" || !strings.Contains(rep.Bill.Total.P50, ".") || len(strings.Split(rep.Bill.Total.P50, ".")[1]) != 6 {
		t.Errorf("bill total = %+v, want dollars with six decimals", rep.Bill.Total)
	}
	var cats []string
	for _, c := range rep.Bill.Categories {
		cats = append(cats, c.Category)
	}
	if !slices.Contains(cats, "public-ipv4") || !slices.Contains(cats, "snapshot") {
		t.Errorf("categories = %v", cats)
	}
	n := 0
	for _, b := range rep.BillHistogram {
		n += b.Count
	}
	if n != 50 || len(rep.BillHistogram) > MaxBuckets {
		t.Errorf("bill histogram holds %d runs in %d buckets", n, len(rep.BillHistogram))
	}
}

func TestReportShowsAPassRateBetweenNoneAndAll(t *testing.T) {
	rep := mustRun(t, flaky(t), Options{FirstSeed: 1, Runs: 200, Workers: 2})
	var flaky, steady Rate
	for _, c := range rep.Checks {
		switch c.Name {
		case "web is up within 15 seconds":
			flaky = c
		case "web is up after ten minutes":
			steady = c
		}
	}
	if flaky.Evaluated != 200 || flaky.PassRate <= 0 || flaky.PassRate >= 1 || flaky.PassRate != float64(flaky.Passed)/200 {
		t.Errorf("racing check = %+v, want a pass rate strictly between 0 and 1", flaky)
	}
	if steady.PassRate != 1 {
		t.Errorf("end check = %+v, want always passing", steady)
	}
	if rep.FailedRuns != 200-flaky.Passed || rep.FirstFailedSeed == nil {
		t.Errorf("failed runs = %d (first %v), want %d", rep.FailedRuns, rep.FirstFailedSeed, 200-flaky.Passed)
	}
}

func TestFirstFailedSeedIsTheLowestThatFailed(t *testing.T) {
	sc := flaky(t)
	rep := mustRun(t, sc, Options{FirstSeed: 1, Runs: 200, Workers: 7})
	if rep.FirstFailedSeed == nil {
		t.Fatal("no run failed")
	}
	for seed := uint64(1); seed <= *rep.FirstFailedSeed; seed++ {
		r, err := sc.NewRun(&seed)
		if err != nil {
			t.Fatal(err)
		}
		r.RunToEnd()
		if failed := r.Failures() > 0; failed != (seed == *rep.FirstFailedSeed) {
			t.Fatalf("seed %d failed = %t, but the report names seed %d first", seed, failed, *rep.FirstFailedSeed)
		}
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, tutorial(t), Options{FirstSeed: 1, Runs: 100_000, Workers: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRunRefusesOptionsWithoutSeeds(t *testing.T) {
	sc := tutorial(t)
	for name, opts := range map[string]Options{
		"no runs":                {FirstSeed: 1, Runs: 0, Workers: 1},
		"no workers":             {FirstSeed: 1, Runs: 3, Workers: 0},
		"seeds past the largest": {FirstSeed: math.MaxUint64 - 1, Runs: 3, Workers: 1},
	} {
		if _, err := Run(context.Background(), sc, opts); err == nil {
			t.Errorf("%s: %+v ran", name, opts)
		}
	}
	rep := mustRun(t, sc, Options{FirstSeed: math.MaxUint64, Runs: 1, Workers: 4})
	if rep.FirstSeed != math.MaxUint64 || rep.LastSeed != math.MaxUint64 || rep.Runs != 1 {
		t.Errorf("the largest seed alone: %+v", rep)
	}
}
