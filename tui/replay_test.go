package tui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// expectedAt is what a headless replay shows at the instant the player is
// at: a fresh run of the scenario, stepped as far as the session's steps
// and then advanced to the time on screen, as `ec2sim run` advances.
func expectedAt(t *testing.T, sess *scenarios.Session) *scenarios.Run {
	t.Helper()
	r, err := sess.Scenario().NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < sess.Fired() && r.Step(); i++ {
	}
	// Every step due before the instant on screen has happened: the clock
	// never shows a time the world has not reached.
	if next, ok := r.NextAt(); ok && next < sess.Now() {
		t.Fatalf("the screen shows %s but a step at %s has not happened", sess.Now(), next)
	}
	r.World.AdvanceTo(sess.Now())
	return r
}

// assertScreenIsTheReplay checks the header clock, every instance's state
// on screen, the Cost panel's total and the header's total against a fresh
// replay at the same instant.
func assertScreenIsTheReplay(t *testing.T, h *harness, what string) {
	t.Helper()
	p := h.player()
	if p.quiz != nil {
		return // the quiz covers the panels it would compare
	}
	want := expectedAt(t, p.sess)
	now := p.sess.Now()
	if want.World.Now() != now {
		t.Fatalf("%s: the replay is at %s, the screen at %s", what, want.World.Now(), now)
	}
	if want.Ended() && want.Scenario.HasEnd && now < want.Scenario.End {
		t.Fatalf("%s: the run ended, but the clock shows %s, before the end at %s", what, now, want.Scenario.End)
	}
	panel := p.panel
	p.panel = panelCost
	scr := h.screen()
	p.panel = panel
	if clock := "T+" + clock(now); !strings.Contains(scr, clock) {
		t.Fatalf("%s: the header does not show %s:\n%s", what, clock, scr)
	}
	total := want.World.BillSummary().Total
	if s := "Total so far  $" + total.String(); !strings.Contains(scr, s) {
		t.Fatalf("%s: the Cost panel does not show %q:\n%s", what, s, scr)
	}
	if s := dollars(total); !strings.Contains(strings.SplitN(scr, "\n", 2)[0], s) {
		t.Fatalf("%s: the header does not show the total %s:\n%s", what, s, scr)
	}
	// Every instance the rows hold has the replay's state.
	for _, r := range p.rows() {
		if r.id == "" {
			continue
		}
		got, _ := p.run().World.Instance(r.id)
		exp, ok := want.World.Instance(r.id)
		if !ok || got.State != exp.State {
			t.Fatalf("%s: %s is %s on screen, %s in the replay", what, r.id, got.State, exp.State)
		}
		if line := (rowRenderer{st: p.c.Styles}).render(p.run().World, now, r, p.labels()[r.id]); !strings.Contains(line, string(exp.State)) {
			t.Fatalf("%s: the row %q does not say %s", what, line, exp.State)
		}
	}
	if n, m := len(p.rows()), len(instanceRows(want.World.InstanceRefs())); n != m {
		t.Fatalf("%s: %d rows on screen, %d in the replay", what, n, m)
	}
}

// The screen never contradicts the replay: every built-in scenario, played
// with random keys (steps, jumps, seeks, narration jumps, speed changes and
// ticks of playback), shows at every moment the time, the states and the
// bill a fresh headless replay has at that instant.
func TestTheScreenIsTheHeadlessReplayAtEveryInstant(t *testing.T) {
	all, err := scenarios.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"right", "right", "right", "left", "n", "G", "g", "+", "-", "space", "tick", "tick", "tick", "1", "3"}
	for _, sc := range all {
		t.Run(sc.Name, func(t *testing.T) {
			h := newHarness(t, sc.Name, 120, 40)
			r := rand.New(rand.NewPCG(uint64(len(sc.Name)), 7))
			var done []string
			for i := range 40 {
				k := keys[r.IntN(len(keys))]
				if h.player().quiz != nil {
					k = "esc" // skip it: answering is not what is tested here
				}
				switch k {
				case "tick":
					h.tick()
				default:
					h.keys(k)
				}
				done = append(done, k)
				assertScreenIsTheReplay(t, h, fmt.Sprintf("after %d keys %v", i+1, done))
			}
			h.keys("G")
			for h.player().quiz != nil {
				h.keys("esc", "G")
			}
			assertScreenIsTheReplay(t, h, "after G")
			end := sc.End
			if !sc.HasEnd {
				end = h.player().run().World.Now()
			}
			if now := h.player().sess.Now(); now != end {
				t.Errorf("after G the clock shows %s, the scenario ends at %s", now, end)
			}
			full, _ := sc.NewRun(nil)
			full.RunToEnd()
			if got, want := h.player().bill().Total, full.World.BillSummary().Total; got != want {
				t.Errorf("after G the bill is %s, `ec2sim run` ends with %s", got, want)
			}
		})
	}
}

// Finding 1: after stepping to the end, the header clock and the Cost
// panel show the scenario's end (billing ends at 30d), not the last item.
func TestStepToTheEndShowsTheEndClockAndBill(t *testing.T) {
	h := newHarness(t, "billing", 200, 50)
	for range 2000 {
		if h.player().quiz != nil {
			h.keys("esc")
		}
		if h.player().run().Ended() {
			break
		}
		h.keys("right")
	}
	if got := h.player().sess.Now(); got != 30*sim.Day {
		t.Fatalf("the clock is at %s after stepping to the end, want 30d", got)
	}
	assertScreenIsTheReplay(t, h, "stepped to the end")
	if scr := h.screen(); !strings.Contains(scr, "T+30d 00:00:00 of 30d") {
		t.Errorf("header:\n%s", scr)
	}
}

// Finding 2: a snapshot a registered AMI still uses is not orphaned, and
// the real orphan stays flagged with its monthly price for as long as it
// bills, after its AMI is gone from the list.
func TestOrphanedSnapshotsAreJudgedByReference(t *testing.T) {
	h := newHarness(t, "ami-lifecycle", 120, 40)
	p := h.player()
	seekTo := func(at sim.Time) string {
		if err := p.sess.SeekTime(at); err != nil {
			t.Fatal(err)
		}
		p.refresh()
		p.quiz = nil
		return renderStorage(p.c.Styles, p.run().World, 200)
	}
	w := func() *model.World { return p.run().World }
	scr := seekTo(23 * sim.Minute)
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "orphaned") {
			for _, s := range w().Snapshots() {
				if strings.Contains(l, shortID(s.ID)) && len(w().SnapshotInUseBy(s.ID)) > 0 {
					t.Errorf("a snapshot in use by %v is flagged: %s", w().SnapshotInUseBy(s.ID), l)
				}
			}
		}
	}
	for _, at := range []sim.Time{sim.Day + 2*sim.Minute, sim.Day + 2*sim.Hour, 31 * sim.Day} {
		scr := seekTo(at)
		var orphans []model.Finding
		for _, f := range w().Waste() {
			if f.Kind == "orphaned-snapshot" {
				orphans = append(orphans, f)
			}
		}
		if len(orphans) == 0 {
			t.Fatalf("at %s the model finds no orphan; the scenario changed?", at)
		}
		for _, f := range orphans {
			found := false
			for _, l := range strings.Split(scr, "\n") {
				if strings.Contains(l, shortID(f.Resource)) && strings.Contains(l, "⚠ orphaned") && strings.Contains(l, dollars(f.Monthly)+"/mo") {
					found = true
				}
			}
			if !found {
				t.Errorf("at %s the orphan %s (%s/mo) is not flagged with its price:\n%s", at, f.Resource, dollars(f.Monthly), scr)
			}
		}
	}
}
