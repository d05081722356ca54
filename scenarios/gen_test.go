package scenarios

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGeneratedFleetIsAValidScenario(t *testing.T) {
	small := FleetOptions{Instances: 60, Regions: []string{"us-east-1", "eu-west-1"}, Days: 2, Replace: 50, Keep: 2, Seed: 3}
	sc, diags := Parse("fleet.yaml", FleetScenario(small))
	if sc == nil {
		t.Fatal(diags)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	for _, f := range r.Failed {
		t.Errorf("%s failed: %s %s", f.Action, f.Error, f.Message)
	}
	for _, c := range r.Checks {
		if !c.Pass {
			t.Errorf("check %q: %s", c.Check.Name, c.Got)
		}
	}
	running := 0
	for _, i := range r.World.Instances() {
		if i.State == "running" {
			running++
		}
	}
	if running != 61 { // 60 in the fleet and the builder
		t.Errorf("%d running at the end, want 61", running)
	}
}

// BenchmarkFleetMonth: 10,000 instances in 3 regions for 30 days, 10%
// replaced every hour, a nightly image kept 7 deep, with the bill.
func BenchmarkFleetMonth(b *testing.B) {
	// The whole month is about six million events: over the default limit,
	// which stops a run at a million.
	sc, diags := ParseWith("fleet.yaml", FleetScenario(DefaultFleet), Limits{Events: 20_000_000})
	if sc == nil {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	var events int
	var peak uint64
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		var ms runtime.MemStats
		events, _ = runFleet(b, sc, func(n int) {
			if n%200_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		})
	}
	runtime.ReadMemStats(&after)
	all := float64(events) * float64(b.N)
	b.ReportMetric(float64(events), "events/run")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/all, "ns/event")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/all, "allocs/event")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/all, "B/event")
}

// runFleet runs a fleet scenario to its end as `ec2sim bill` does, calling
// each (if not nil) after every step with the steps so far, reads the bill,
// and returns the number of steps and the run.
func runFleet(b *testing.B, sc *Scenario, each func(n int)) (int, *Run) {
	r, err := sc.NewRun(nil)
	if err != nil {
		b.Fatal(err)
	}
	r.NoSeries = true // no chart to draw
	r.DiscardLog()    // as `ec2sim bill` runs it: no log of what is done
	n := 0
	for r.Step() {
		n++
		if each != nil {
			each(n)
		}
	}
	if !r.Ended() || len(r.Failed) > 0 {
		b.Fatalf("the fleet run did not end cleanly: %d failures", len(r.Failed))
	}
	_ = r.World.Bill()
	return n, r
}

// BenchmarkFleetDay: the first day of BenchmarkFleetMonth's fleet, short
// enough to run under a cache simulator for a before and after that the
// machine's noise cannot blur (see docs/performance.md).
func BenchmarkFleetDay(b *testing.B) {
	o := DefaultFleet
	o.Days = 1
	sc, diags := Parse("fleet.yaml", FleetScenario(o))
	if sc == nil {
		b.Fatal(diags)
	}
	events := 0
	for b.Loop() {
		events, _ = runFleet(b, sc, nil)
	}
	b.ReportMetric(float64(events), "events/run")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(events*b.N), "ns/event")
}

// BenchmarkFleetBill: what `ec2sim bill` costs at 1,000 to 20,000 instances
// for a month, split into the run and the writing of the bill, so that the
// report's share (bill-vs-run: run and report over the run alone) and the
// cost per event at each size are read in one sitting.
func BenchmarkFleetBill(b *testing.B) {
	for _, n := range []int{1000, 5000, 10_000, 20_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			o := DefaultFleet
			o.Instances = n
			sc, diags := ParseWith("fleet.yaml", FleetScenario(o), Limits{Events: 50_000_000, Resources: 200_000})
			if sc == nil {
				b.Fatal(diags)
			}
			var run, report time.Duration
			events := 0
			for b.Loop() {
				start := time.Now()
				r, err := sc.NewRun(nil)
				if err != nil {
					b.Fatal(err)
				}
				r.NoSeries = true
				r.DiscardLog()
				events = 0
				for r.Step() {
					events++
				}
				mid := time.Now()
				r.WriteBill(io.Discard)
				run, report = run+mid.Sub(start), report+time.Since(mid)
			}
			b.ReportMetric(float64(events), "events/run")
			b.ReportMetric(float64(run.Nanoseconds())/float64(b.N)/float64(events), "run-ns/event")
			b.ReportMetric(float64(report.Nanoseconds())/float64(b.N)/1e6, "bill-ms")
			b.ReportMetric(float64(run+report)/float64(run), "bill-vs-run")
		})
	}
}

// BenchmarkFreeTierBillRead: reading the bill of a world with the free tier
// on, as the TUI does on every frame (the header's total, the Cost pane's
// top resources) and `ec2sim bill` once: 100 t2.micro instances for 10
// days under the legacy free tier, about 6,700 lines, read at the end.
func BenchmarkFreeTierBillRead(b *testing.B) {
	o := DefaultFleet
	o.Instances, o.Days = 100, 10
	src := string(FleetScenario(o))
	setup := fmt.Sprintf("  seed: %d\n", o.Seed)
	if !strings.Contains(src, setup) {
		b.Fatalf("the generated fleet has no %q line to put the free tier after", setup)
	}
	src = strings.Replace(src, setup, setup+"  free_tier: legacy\n", 1)
	sc, diags := Parse("fleet.yaml", []byte(strings.ReplaceAll(src, "t3.micro", "t2.micro")))
	if sc == nil {
		b.Fatal(diags)
	}
	_, r := runFleet(b, sc, nil)
	lines, free := 0, 0
	for _, ln := range r.World.Bill().Lines {
		lines++
		if strings.HasSuffix(ln.Component, "(free tier)") {
			free++
		}
	}
	if free == 0 {
		b.Fatal("the bill has no free-tier line: the free tier is not on")
	}
	for _, read := range []struct {
		name string
		f    func()
	}{
		{"Summary", func() { r.World.BillSummary() }},
		{"TopCosts", func() { r.World.TopCosts(100) }},
		{"Bill", func() { r.World.Bill() }},
	} {
		b.Run(read.name, func(b *testing.B) {
			for b.Loop() {
				read.f()
			}
			b.ReportMetric(float64(lines), "lines")
		})
	}
}
