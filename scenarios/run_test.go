package scenarios

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The 400-day horizon holds for every kind of event, not only for the
// steps the loader can see: here a fault's recovery, scheduled by the
// model, would land on day 429.
func TestTheHorizonStopsEveryKindOfEvent(t *testing.T) {
	src := `name: beyond
steps:
  - at: 399d
    action: AZImpairment
    params: {AvailabilityZone: us-east-1a, Duration: 30d}
`
	_, r := ranToEnd(t, "beyond.yaml", src)
	if r.World.Now() > MaxHorizon {
		t.Errorf("the run went on to %s, past the %s horizon", r.World.Now(), MaxHorizon)
	}
	if !strings.Contains(r.Stopped, "horizon") || r.Failures() == 0 {
		t.Errorf("stopped = %q, failures = %d; want a horizon stop that fails the run", r.Stopped, r.Failures())
	}
}

// runLimited loads src with lim and runs it to its end.
func runLimited(t *testing.T, src string, lim Limits) *Run {
	t.Helper()
	sc, diags := ParseWith("limits.yaml", []byte(src), lim)
	if sc == nil {
		t.Fatal(diags.Error())
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	return r
}

// Limits on a run's work, not only on its file: each stops the run, is
// named in the reason with the flag that raises it, fails the run, and
// leaves the world no bigger than the limit allows plus one event's work
// (here a launch of 200 instances and their 200 root volumes).
func TestEveryLimitOnWorkStopsTheRunAndNamesItsFlag(t *testing.T) {
	fleet := `name: fleet
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 200, MaxCount: 200}
  - action: WriteData
    repeat: {every: 1m}
    params: {InstanceId: web, GiB: 1}
end: 1d
`
	waiting := `name: waiting
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 50, MaxCount: 50}
  - when: web.state == "stopped"
    timeout: 1d
    action: TerminateInstances
    params: {InstanceIds: [web]}
  - action: WriteData
    params: {InstanceId: web, GiB: 1}
`
	for _, c := range []struct {
		name, src string
		lim       Limits
		flag      string
	}{
		{"live resources, whatever setup.limits says", fleet, Limits{Resources: 500}, "--max-resources"},
		{"lines of the log kept in memory", fleet, Limits{Records: 1000}, "--max-records"},
		{"events", fleet, Limits{Events: 100}, "--max-events"},
		{"condition evaluations and the resources they read", waiting, Limits{Evaluations: 500}, "--max-evaluations"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runLimited(t, c.src, c.lim)
			if !strings.Contains(r.Stopped, c.flag) || r.Failures() == 0 {
				t.Fatalf("stopped = %q, failures = %d; want a stop naming %s", r.Stopped, r.Failures(), c.flag)
			}
			switch {
			case c.lim.Resources > 0 && r.World.Resources() > c.lim.Resources+400:
				t.Errorf("the world holds %d resources, limit %d", r.World.Resources(), c.lim.Resources)
			case c.lim.Records > 0 && r.Records.Len() > c.lim.Records+250:
				t.Errorf("the log has %d lines, limit %d", r.Records.Len(), c.lim.Records)
			case c.lim.Evaluations > 0 && r.work > c.lim.Evaluations+100:
				t.Errorf("%d units of condition work, limit %d", r.work, c.lim.Evaluations)
			}
		})
	}
	// The same files run to their end with the default limits.
	for _, src := range []string{fleet, waiting} {
		if r := runLimited(t, src, Limits{}); r.Stopped != "" {
			t.Errorf("stopped with the default limits: %s", r.Stopped)
		}
	}
}

// A repeating step finds its own run count and first-run narration by its
// index, not by scanning every step for its position (which made each event
// slower the more steps a file had): many steps, each repeating, each with
// its own {run} count.
func TestRepeatingStepsCountTheirOwnRuns(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: many\nsteps:\n")
	for i := range 300 {
		b.WriteString("  - action: CreateKeyPair\n    repeat: {every: 1h, times: 3}\n")
		b.WriteString("    params: {KeyName: \"k" + strconv.Itoa(i) + "-{run}\"}\n")
		if i == 299 {
			b.WriteString("    narration: once\n")
		}
	}
	r := runLimited(t, b.String(), Limits{})
	if len(r.Failed) > 0 {
		t.Fatalf("%d failed, first: %+v", len(r.Failed), r.Failed[0])
	}
	narrations, keys := 0, map[string]bool{}
	for _, rec := range r.Records.All() {
		if rec.Kind == RecordNarration {
			narrations++
		}
		if rec.Kind == RecordAPI && rec.Action == "CreateKeyPair" {
			keys[rec.Resource] = true
		}
	}
	if narrations != 1 || len(keys) != 900 || !keys["k299-3"] || !keys["k0-1"] {
		t.Errorf("%d narrations (want 1), %d distinct keys (want 900, k0-1 … k299-3)", narrations, len(keys))
	}
}

// A waiting step silently pushed `end` out, so checks written for 1h ran
// at 1d. The end still comes after the last step, but the run says so: a
// warning in the log and in Run.EndMoved, not a failure.
func TestAnEndMovedByAWaitingStepIsAWarning(t *testing.T) {
	src := `name: moved
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - when: web.state == "stopped"
    action: TerminateInstances
    params: {InstanceIds: [web]}
end: 1h
checks:
  - name: running at the end
    expect: web.state == "running"
`
	r := runLimited(t, src, Limits{})
	want := `end 1h came at 1d: the step at line 6 waited for "web.state == \"stopped\""`
	if !strings.HasPrefix(r.EndMoved, want) {
		t.Fatalf("EndMoved = %q, want it to start %q", r.EndMoved, want)
	}
	var logged bool
	for _, rec := range r.Records.All() {
		logged = logged || (rec.Error == "EndMoved" && strings.Contains(r.LogLine(rec), "warning: "+want))
	}
	if !logged {
		t.Error("the log does not say the end moved")
	}
	if r.Failures() != 1 { // the timed-out wait, not the warning
		t.Errorf("%d failures, want 1 (the wait that timed out)", r.Failures())
	}
	// A wait that ends in time moves nothing.
	quick := strings.Replace(src, `"stopped"`, `"running"`, 1)
	if r := runLimited(t, quick, Limits{}); r.EndMoved != "" {
		t.Errorf("a wait over in time: EndMoved = %q", r.EndMoved)
	}
}

// A run that discards its log (as `ec2sim bill` runs) reaches the same
// bill, failures and checks as one that keeps it, and holds no more than
// the last step's records however long it runs.
func TestDiscardingTheLogChangesNothingButTheLog(t *testing.T) {
	src := []byte(`
name: churn
steps:
  - name: web
    action: RunInstances
    repeat: {every: 1h}
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 3, MaxCount: 3}
  - action: TerminateInstances
    after: 30m
    repeat: {every: 1h}
    params: {InstanceIds: [web]}
  - after: 5h
    action: StopInstances
    params: {InstanceIds: [i-0123456789abcdef0]}
end: 3d
checks:
  - name: something was billed
    expect: bill.compute > $0
`)
	sc, diags := Parse("churn.yaml", src)
	if sc == nil {
		t.Fatal(diags)
	}
	run := func(discard bool) *Run {
		r, err := sc.NewRun(nil)
		if err != nil {
			t.Fatal(err)
		}
		if discard {
			r.DiscardLog()
		} else {
			r.TraceAPIOnly()
		}
		most := 0
		for r.Step() {
			most = max(most, r.Records.Len())
		}
		if discard && most > 16 {
			t.Errorf("the discarding run held %d records at once", most)
		}
		return r
	}
	kept, discarded := run(false), run(true)
	if len(kept.Failed) != 1 || kept.Records.Len() < 100 {
		t.Fatalf("%d failures, %d records kept: the test needs one failure in a longer run", len(kept.Failed), kept.Records.Len())
	}
	if a, b := kept.World.Bill(), discarded.World.Bill(); a.Total != b.Total || len(a.Lines) != len(b.Lines) {
		t.Errorf("bill %s in %d lines, discarding %s in %d", a.Total, len(a.Lines), b.Total, len(b.Lines))
	}
	if !slices.Equal(kept.Failed, discarded.Failed) {
		t.Errorf("failures differ: %v and %v", kept.Failed, discarded.Failed)
	}
	if len(kept.Checks) != len(discarded.Checks) {
		t.Fatalf("%d checks, discarding %d", len(kept.Checks), len(discarded.Checks))
	}
	for i := range kept.Checks {
		if a, b := kept.Checks[i], discarded.Checks[i]; a.Pass != b.Pass || a.Got != b.Got {
			t.Errorf("check %q: %t %q, discarding %t %q", a.Check.Name, a.Pass, a.Got, b.Pass, b.Got)
		}
	}
}

// ranToEnd parses src as the scenario file named file and runs it to its
// end, failing the test at once if it does not parse or cannot start.
func ranToEnd(t *testing.T, file, src string) (*Scenario, *Run) {
	t.Helper()
	sc, diags := Parse(file, []byte(src))
	if sc == nil || diags.Errors() > 0 {
		t.Fatal(diags)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	return sc, r
}
