package scenarios

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// seekScenario is a long, busy run: a small fleet replaced hourly for
// most of a year, about a million events and two million log records, so
// the limits are raised to let it run to its end (the defaults stop it at
// 250,000 records).
func seekScenario(tb testing.TB) *Scenario {
	tb.Helper()
	o := FleetOptions{Instances: 300, Regions: []string{"us-east-1", "eu-west-1", "ap-south-1"}, Days: 340, Replace: 10, Keep: 7, Seed: 5}
	sc, diags := ParseWith("seek.yaml", FleetScenario(o), Limits{Events: 5_000_000, Records: 10_000_000})
	if sc == nil {
		tb.Fatal(diags)
	}
	return sc
}

// playedSmallFleet is a session played to the end of a small fleet's 20
// days: long enough for several checkpoints.
func playedSmallFleet(t *testing.T) (*Scenario, *Session) {
	t.Helper()
	sc, s := fleetSession(t, FleetOptions{Instances: 60, Regions: []string{"us-east-1", "eu-west-1"}, Days: 20, Replace: 10, Keep: 3, Seed: 2})
	s.ToEnd()
	return sc, s
}

// fleetSession is a session on a generated fleet, at its start.
func fleetSession(t *testing.T, o FleetOptions) (*Scenario, *Session) {
	t.Helper()
	sc, diags := Parse("fleet.yaml", FleetScenario(o))
	if sc == nil {
		t.Fatal(diags)
	}
	s, err := NewSession(sc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc, s
}

// A seek lands on exactly the state a straight replay reaches.
func TestSeekMatchesAStraightReplay(t *testing.T) {
	sc, s := playedSmallFleet(t)
	total := s.Fired()
	if len(s.checkpoints) < 3 {
		t.Fatalf("only %d checkpoints over %d steps", len(s.checkpoints), total)
	}
	r := rand.New(rand.NewPCG(1, 1))
	for range 5 {
		n := r.IntN(total)
		if err := s.Seek(n); err != nil {
			t.Fatal(err)
		}
		straight, _ := sc.NewRun(nil)
		for i := 0; i < n && straight.Step(); i++ {
		}
		if a, b := stateLine(s.Run()), stateLine(straight); a != b || s.Run().World.Now() != straight.World.Now() {
			t.Fatalf("seek to %d: %s at %s, replay %s at %s", n, a, s.Run().World.Now(), b, straight.World.Now())
		}
		if a, b := s.Run().World.Bill().Total, straight.World.Bill().Total; a != b {
			t.Fatalf("seek to %d: bill %s, replay %s", n, a, b)
		}
		if s.Run().Records.Len() != straight.Records.Len() {
			t.Fatalf("seek to %d: %d records, replay %d", n, s.Run().Records.Len(), straight.Records.Len())
		}
		if !slices.Equal(s.Run().Records.Records(), straight.Records.Records()) {
			t.Fatalf("seek to %d: the log differs from a straight replay's", n)
		}
	}
}

// BenchmarkSeek jumps to random points of a million-event run, as the TUI
// does when stepping back, through the session's checkpoints.
func BenchmarkSeek(b *testing.B) {
	sc := seekScenario(b)
	s, err := NewSession(sc, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	s.Run().NoSeries = true
	s.ToEnd()
	total, records := s.Fired(), s.Run().Records.Len()
	r := rand.New(rand.NewPCG(3, 3))
	for b.Loop() {
		if err := s.Seek(r.IntN(total)); err != nil {
			b.Fatal(err)
		}
	}
	// Reported after the loop: b.Loop drops the metrics reported before it.
	b.ReportMetric(float64(total), "steps/run")
	b.ReportMetric(float64(len(s.checkpoints)), "checkpoints")
	heap := liveHeap()
	b.ReportMetric(float64(heap)/1e6, "live-heap-MB") // the session, its checkpoints and log
	s.run.Records = Log{}
	b.ReportMetric(float64(heap-liveHeap())/float64(records), "log-B/record") // the log's array and the text only it holds
	runtime.KeepAlive(s)
}

// A large world's checkpoints are spaced by what copying it costs: after
// a checkpoint, the next comes no sooner than its bytes over
// checkpointCopyPerStep steps, so the copies cost each step the same
// however big the world.
func TestLargeWorldsCheckpointsAreSpacedByTheirSize(t *testing.T) {
	_, s := fleetSession(t, FleetOptions{Instances: 4000, Regions: []string{"us-east-1", "eu-west-1"}, Days: 1, Replace: 10, Keep: 3, Seed: 2})
	for len(s.checkpoints) < 4 && s.Step() {
	}
	if len(s.checkpoints) < 4 {
		t.Fatalf("only %d checkpoints in %d steps", len(s.checkpoints), s.Fired())
	}
	spaced := false
	for i := 1; i+1 < len(s.checkpoints); i++ {
		prev, next := s.checkpoints[i], s.checkpoints[i+1]
		want := int(prev.bytes / checkpointCopyPerStep)
		if gap := next.fired - prev.fired; gap < want {
			t.Errorf("checkpoint %d (%.1f MB) was followed by another %d steps later, want at least %d", i, float64(prev.bytes)/1e6, gap, want)
		}
		spaced = spaced || want > firstCheckpointEvery
	}
	if !spaced {
		t.Fatalf("no checkpoint was large enough to be spaced by its size: the fleet is too small for this test")
	}
}
