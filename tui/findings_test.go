package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/scenarios"
)

// Tests named after the findings of the TUI trial they prove fixed.

// Finding 3: ? then esc closes the help page, not the session.
func TestHelpThenEscKeepsTheSession(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("right", "right", "right")
	fired := h.player().sess.Fired()
	h.keys("?")
	if !h.player().showHelp {
		t.Fatal("? did not open the help")
	}
	h.keys("esc")
	if h.player() == nil || h.player().showHelp || h.player().sess.Fired() != fired {
		t.Fatalf("esc on the help page left the session (player %v)", h.player() != nil)
	}
	h.keys("?", "q")
	if h.player() == nil || h.player().showHelp {
		t.Fatal("q on the help page did not just close it")
	}
}

// Finding 20: esc and q ask before throwing unexported sandbox work away.
func TestLeavingWithUnexportedWorkAsksFirst(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("G", ":")
	for _, r := range "launch al2023 t3.micro in us-east-1z" {
		h.send(press(string(r)))
	}
	h.keys("enter")
	if h.player().Unexported() != 1 {
		t.Fatalf("%d unexported actions after a failed call", h.player().Unexported())
	}
	h.keys("esc")
	if h.player() == nil || h.player().confirm == nil {
		t.Fatal("esc left without asking")
	}
	h.keys("esc")
	if h.player() == nil || h.player().confirm != nil {
		t.Fatal("esc on the question did not stay")
	}
	h.keys("q", "x")
	if h.player().Unexported() != 0 {
		t.Errorf("x on the question did not export: %q", h.player().status)
	}
}

// Finding 5: in the picker, v does not quit, and q does.
func TestPickerVDoesNotQuit(t *testing.T) {
	all, _ := scenarios.Builtin()
	m, _ := New(Options{Library: all, Monochrome: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	_, cmd := m.Update(press("v"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("v quit the picker")
		}
	}
	if !strings.Contains(plain(m), "q quit") || strings.Contains(plain(m), "v select") {
		t.Errorf("the picker's help:\n%s", plain(m))
	}
}

func plain(m tea.Model) string { return stripped(m.View().Content) }

// Finding 6: the filter matches name, title, level and tags as the README
// says: a tag filters to the scenarios that carry it, a level to that level.
func TestFilterMatchesTagsAndLevelsExactly(t *testing.T) {
	all, _ := scenarios.Builtin()
	var targets []string
	for _, sc := range all {
		targets = append(targets, item{sc: sc}.FilterValue())
	}
	count := func(pred func(*scenarios.Scenario) bool) int {
		n := 0
		for _, sc := range all {
			if pred(sc) {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		term string
		want func(*scenarios.Scenario) bool
	}{
		{"SCS-C02", func(sc *scenarios.Scenario) bool { return hasTagPrefix(sc, "scs-c02") }},
		{"saa", func(sc *scenarios.Scenario) bool { return hasTagPrefix(sc, "saa") }},
		{"beginner", func(sc *scenarios.Scenario) bool { return strings.EqualFold(sc.Level, "beginner") }},
		{"billing", func(sc *scenarios.Scenario) bool {
			return strings.Contains(strings.ToLower(sc.Name+"\n"+sc.Title), "billing") || hasTagPrefix(sc, "billing")
		}},
	} {
		got := scenarioFilter(tc.term, targets)
		if want := count(tc.want); len(got) != want || want == 0 {
			t.Errorf("/%s: %d matches, want %d", tc.term, len(got), want)
		}
		for _, r := range got {
			if !tc.want(all[r.Index]) {
				t.Errorf("/%s matched %s", tc.term, all[r.Index].Name)
			}
		}
	}
	var _ list.FilterFunc = scenarioFilter
}

func hasTagPrefix(sc *scenarios.Scenario, p string) bool {
	for _, tag := range sc.Tags {
		if strings.HasPrefix(strings.ToLower(tag), p) {
			return true
		}
	}
	return false
}

// Finding 7: n shows the narration it lands on.
func TestNextShowsTheNarration(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("4", "n")
	if h.player().panel != panelStory || !strings.Contains(h.screen(), "Key pair") {
		t.Errorf("n did not show the story:\n%s", h.screen())
	}
}

// Finding 8: playing pauses at every narration, at its own instant, and
// the story pane keeps them all; with c it plays on.
func TestPlaybackPausesAtEachNarration(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	seen := 0
	for range 400 {
		if h.player().quiz != nil {
			break
		}
		if !h.player().playing {
			h.keys("space")
		}
		h.tick()
		if n := len(h.player().narrations()); n > seen {
			seen = n
			if h.player().playing {
				t.Fatalf("still playing after narration %d", n)
			}
			last := h.player().narrations()[n-1]
			if h.player().sess.Now() != last.T {
				t.Errorf("narration %d told at %s, shown at %s", n, last.T, h.player().sess.Now())
			}
		}
	}
	if seen < 5 {
		t.Fatalf("only %d narrations before the quiz", seen)
	}
	if s := h.player().storyView(60); strings.Count(s, "── ") != seen {
		t.Errorf("the story pane does not hold all %d narrations:\n%s", seen, s)
	}
	a := newHarness(t, "console-tutorial", 80, 24)
	a.keys("c", "space")
	for range 5 {
		a.tick()
	}
	if !a.player().playing {
		t.Error("with c, playback stopped at a narration")
	}
}

// Finding 9: after a quiz reached by stepping, playback does not resume.
func TestNoResumeAfterAQuizReachedByStepping(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	h.keys("b", "enter", "enter")
	if h.player().quiz != nil || h.player().playing {
		t.Errorf("quiz open %v, playing %v", h.player().quiz != nil, h.player().playing)
	}
}

// Finding 10: a letter only chooses; nothing is recorded before enter.
func TestAStrayLetterDoesNotAnswer(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	h.keys("a")
	if h.player().quiz.chosen >= 0 || h.player().answered("wizard-to-api") {
		t.Fatal("a letter answered the quiz")
	}
	h.keys("b", "enter")
	if !h.player().answered("wizard-to-api") {
		t.Fatal("enter did not record the answer")
	}
}

// Practice: a retake does not overwrite the recorded score.
func TestAPracticeRetakeKeepsTheRecordedScore(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	h.keys("b", "enter", "enter", "g")
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	if !h.player().quiz.practice {
		t.Fatal("the second time is not practice")
	}
	h.keys("a", "enter")
	if got := h.c().Progress.Scenarios["console-tutorial"].Answers["wizard-to-api"]; got.Choice != "b" || !got.Correct {
		t.Errorf("the retake overwrote the answer: %+v", got)
	}
}

// Finding 14: the panes stay on screen, and switchable, while answering.
func TestThePanesStayLiveUnderAQuiz(t *testing.T) {
	h := newHarness(t, "console-tutorial", 120, 40)
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	h.keys("2")
	if scr := h.screen(); !strings.Contains(scr, "AMIs → snapshots") || !strings.Contains(scr, "Launch instance") {
		t.Errorf("quiz and Storage are not both on screen:\n%s", scr)
	}
}

// Finding 11: the footer always shows ? and q.
func TestTheFooterAlwaysShowsHelpAndQuit(t *testing.T) {
	for _, w := range []int{60, 80, 120, 200} {
		h := newHarness(t, "console-tutorial", w, 24)
		lines := strings.Split(h.screen(), "\n")
		last := lines[len(lines)-1]
		if !strings.Contains(last, "? help") || !strings.Contains(last, "q quit") {
			t.Errorf("at %d columns the footer is %q", w, last)
		}
	}
}

// Finding 17: instances that share a name are told apart.
func TestInstancesWithTheSameNameAreToldApart(t *testing.T) {
	h := newHarness(t, "scaling", 120, 40)
	p := h.player()
	for range 400 {
		if p.quiz != nil {
			h.keys("esc")
		}
		h.keys("right")
	}
	seen := map[string]string{}
	for id, l := range p.labels() {
		if other, dup := seen[l]; dup {
			t.Fatalf("%s and %s are both labelled %q", id, other, l)
		}
		seen[l] = id
	}
}

// Finding 16 and the README's "never by colour alone": the open tab is
// marked by brackets, not only by bold.
func TestTheOpenTabIsMarkedWithoutColour(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("3")
	if !strings.Contains(h.screen(), "[3 Cost]") {
		t.Errorf("tabs:\n%s", h.screen())
	}
}

// Finding 26: with the window too small, playback stops.
func TestTooSmallStopsPlayback(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("c", "space")
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	now := h.player().sess.Now()
	h.tick()
	if h.player().playing || h.player().sess.Now() != now {
		t.Error("playback went on under the too-small notice")
	}
}

// Timeline: each instance's bar, the playhead and the marks are drawn.
func TestTheTimelineShowsStatesAndMarks(t *testing.T) {
	h := newHarness(t, "console-tutorial", 120, 40)
	for range 11 {
		h.keys("right")
	}
	h.keys("6")
	scr := h.screen()
	for _, want := range []string{"▼ T+", "¶", "█", "web"} {
		if !strings.Contains(scr, want) {
			t.Errorf("no %q on the timeline:\n%s", want, scr)
		}
	}
}

// Mouse: a click on a tab opens it; the wheel scrolls.
func TestMouseSelectsTabs(t *testing.T) {
	h := newHarness(t, "console-tutorial", 120, 40)
	l := h.player().layout()
	// The Cost tab: after "[1 Lifecycle]" and " 2 Storage " in the main pane.
	x := l.leftW + 2 + len("[1 Lifecycle]") + len(" 2 Storage ") + 1
	h.send(tea.MouseClickMsg{X: x, Y: l.headerH + 1, Button: tea.MouseLeft})
	if h.player().panel != panelCost {
		t.Errorf("the click opened pane %d", h.player().panel)
	}
}

func (h *harness) c() *Common { return h.m.(*root).c }

func stripped(s string) string { return xansi.Strip(s) }

// The quiz footer says "q quit": q during a question quits, as it does
// from the player.
func TestQDuringAQuizQuits(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	for h.player().quiz == nil && h.player().sess.Step() {
		h.player().afterJump(true)
	}
	if h.player().quiz == nil {
		t.Fatal("no quiz reached")
	}
	if !strings.Contains(h.screen(), "q quit") {
		t.Fatalf("the quiz footer does not offer q:\n%s", h.screen())
	}
	_, cmd := h.m.Update(press("q"))
	if cmd == nil {
		t.Fatal("q during a quiz did nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("q during a quiz did not quit")
	}
}
