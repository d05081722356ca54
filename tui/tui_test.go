package tui

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"weak"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
)

// updating reports -update, the flag teatest's golden package defines:
// go test ./tui -update rewrites the golden screens.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// key builds a key press the way the terminal would send it.
func press(s string) tea.KeyPressMsg {
	switch s {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

type harness struct {
	t     *testing.T
	m     tea.Model
	store *Store
}

func newHarness(t *testing.T, name string, w, h int) *harness {
	t.Helper()
	sc, err := scenarios.BuiltinNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := scenarios.BuiltinSource(sc)
	all, _ := scenarios.Builtin()
	store := &Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	m, err := New(Options{Scenario: sc, Source: src, Library: all, Store: store, ExportDir: t.TempDir(), Monochrome: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, m: m, store: store}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func (h *harness) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		var cmd tea.Cmd
		h.m, cmd = h.m.Update(msg)
		_ = cmd // commands (ticks) are driven by hand in these tests
	}
}

func (h *harness) keys(ks ...string) {
	for _, k := range ks {
		h.send(press(k))
	}
}

func (h *harness) player() *player { return h.m.(*root).player }

func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// tick advances playback by one tick of the current speed.
func (h *harness) tick() { h.send(tickMsg{gen: h.player().gen}) }

func TestPlayingReachesTheQuizWhichPausesPlayback(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("space")
	if !h.player().playing {
		t.Fatal("space did not start playback")
	}
	for i := 0; i < 200 && h.player().quiz == nil; i++ {
		if !h.player().playing { // paused at a narration: space plays on
			h.keys("space")
		}
		h.tick()
	}
	p := h.player()
	if p.quiz == nil || p.playing {
		t.Fatalf("no quiz, or still playing (quiz %v, playing %v) at %s", p.quiz != nil, p.playing, p.sess.Now())
	}
	if !strings.Contains(h.screen(), "Launch instance") {
		t.Errorf("the question is not on screen:\n%s", h.screen())
	}
	h.keys("b", "enter")
	if !strings.Contains(h.screen(), "Right.") {
		t.Errorf("no verdict:\n%s", h.screen())
	}
	saved, _, err := h.store.Load()
	if err != nil || saved.Scenarios["console-tutorial"] == nil || !saved.Scenarios["console-tutorial"].Answers["wizard-to-api"].Correct {
		t.Errorf("the answer was not saved: %+v (%v)", saved, err)
	}
	h.keys("enter")
	if h.player().quiz != nil || !h.player().playing {
		t.Error("enter did not close the quiz and resume")
	}
}

func TestAWrongAnswerShowsTheRightOneAndScoresNothing(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("n", "n", "n", "n", "n", "n", "n", "n")
	for h.player().quiz == nil && h.player().sess.Step() {
		h.player().afterJump(false)
	}
	h.keys("H", "a", "enter")
	scr := h.screen()
	if !strings.Contains(scr, "the answer is b") || !strings.Contains(scr, "hint") {
		t.Errorf("screen:\n%s", scr)
	}
	if sc, _ := h.player().score(); sc != 0 {
		t.Errorf("score %d after a wrong answer", sc)
	}
}

func TestSteppingBackRestoresTheScreen(t *testing.T) {
	h := newHarness(t, "console-tutorial", 100, 30)
	h.keys("right", "right", "right", "right", "right", "right")
	before, fired := h.screen(), h.player().sess.Fired()
	h.keys("right", "right", "left", "left")
	if h.player().sess.Fired() != fired {
		t.Fatalf("fired %d, want %d", h.player().sess.Fired(), fired)
	}
	if after := h.screen(); after != before {
		t.Errorf("screen differs after stepping forward and back:\n%s\n---\n%s", before, after)
	}
}

func TestSandboxCommandActsOnTheWorld(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	for h.player().sess.Now() < 60_000 {
		h.keys("right")
	}
	h.keys(":")
	for _, r := range "stop web" {
		h.send(press(string(r)))
	}
	h.keys("enter")
	inst, _ := h.player().run().World.Instance("web")
	if inst.State != model.Stopping {
		t.Fatalf("web is %s after `stop web`; status %q", inst.State, h.player().status)
	}
	h.keys("x")
	if !strings.Contains(h.player().status, "exported to") {
		t.Fatalf("export: %q", h.player().status)
	}
	path := strings.Fields(strings.TrimPrefix(h.player().status, "exported to "))[0]
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sc, diags := scenarios.Parse(path, data); sc == nil || len(sc.Sandbox) != 1 {
		t.Fatalf("the export does not parse with its sandbox: %v", diags)
	}
}

func TestBadSandboxCommandExplainsItself(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys(":")
	for _, r := range "stpo web" {
		h.send(press(string(r)))
	}
	h.keys("enter")
	if !strings.Contains(h.player().status, "did you mean stop") {
		t.Errorf("status %q", h.player().status)
	}
}

// Every size from 1×1 up must render without a panic and without a line
// wider than the terminal or more lines than it has.
func TestEverySizeFits(t *testing.T) {
	for _, name := range []string{"console-tutorial", "scaling"} {
		h := newHarness(t, name, 80, 24)
		h.keys("n", "n", "n", "3")
		for w := 1; w <= 210; w += 7 {
			for ht := 1; ht <= 60; ht += 5 {
				h.send(tea.WindowSizeMsg{Width: w, Height: ht})
				scr := h.screen()
				lines := strings.Split(scr, "\n")
				if len(lines) > ht {
					t.Fatalf("%s at %d×%d: %d lines", name, w, ht, len(lines))
				}
				for i, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%s at %d×%d: line %d is %d wide: %q", name, w, ht, i, ansi.StringWidth(l), l)
					}
				}
			}
		}
	}
}

func TestTooSmallSaysSo(t *testing.T) {
	h := newHarness(t, "console-tutorial", 40, 10)
	if !strings.Contains(h.screen(), "Terminal too small") {
		t.Errorf("screen:\n%s", h.screen())
	}
}

func TestFastKeyRepeatDoesNotBreakAnything(t *testing.T) {
	h := newHarness(t, "ami-lifecycle", 80, 24)
	answer := func() {
		if h.player().quiz != nil {
			h.keys("a", "enter")
			h.player().playing = false
		}
	}
	for i := 0; i < 300; i++ {
		answer()
		h.keys("right")
	}
	fired := h.player().sess.Fired()
	for i := 0; i < fired+10; i++ {
		answer()
		h.keys("left")
	}
	if h.player().sess.Fired() != 0 {
		t.Errorf("fired %d after more steps back than forward (%d)", h.player().sess.Fired(), fired)
	}
}

// The screens a student sees, ANSI-stripped, at the classroom size, a
// laptop and a wide monitor, on dark and light backgrounds: every pane after
// the eleventh event of the tutorial (the last before its first quiz), and
// the quiz with the panes live above it.
func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		for _, bg := range []string{"dark", "light"} {
			name := itoa(size[0]) + "x" + itoa(size[1]) + "-" + bg
			t.Run(name, func(t *testing.T) { goldenScreens(t, size, bg == "light", name) })
		}
	}
}

func goldenScreens(t *testing.T, size [2]int, light bool, name string) {
	for _, panel := range []string{"1", "2", "3", "4", "5", "6"} {
		h := newColourHarness(t, "console-tutorial", size[0], size[1], light)
		for i := 0; i < 11; i++ {
			h.keys("right")
		}
		h.keys(panel)
		checkGolden(t, filepath.Join("testdata", "tutorial-"+name+"-panel"+panel+".golden"), h.screen())
	}
	h := newColourHarness(t, "console-tutorial", size[0], size[1], light)
	for h.player().quiz == nil && h.player().sess.Fired() < 50 {
		h.keys("right")
	}
	h.keys("2")
	checkGolden(t, filepath.Join("testdata", "tutorial-"+name+"-quiz.golden"), h.screen())
}

// newColourHarness is newHarness with colour on (stripped from the screen,
// but the story's Markdown style follows the background).
func newColourHarness(t *testing.T, name string, w, h int, light bool) *harness {
	t.Helper()
	sc, err := scenarios.BuiltinNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := scenarios.BuiltinSource(sc)
	store := &Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	m, err := New(Options{Scenario: sc, Source: src, Store: store, ExportDir: t.TempDir(), Light: light})
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, m: m, store: store}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// checkGolden compares an ANSI-stripped screen with its file.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	if updating() {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (go test ./tui -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n%s", name, got)
	}
}

func TestCorruptProgressIsSetAsideNotReset(t *testing.T) {
	dir := t.TempDir()
	s := Store{Path: filepath.Join(dir, "progress.json")}
	if err := os.WriteFile(s.Path, []byte(`{"version":1,"scenarios":{"x":`), 0o644); err != nil {
		t.Fatal(err)
	}
	p, note, err := s.Load()
	if err != nil || !strings.Contains(note, "corrupt") || len(p.Scenarios) != 0 {
		t.Fatalf("load: %v, %q, %+v", err, note, p)
	}
	if _, err := os.Stat(s.Path + ".corrupt-1"); err != nil {
		t.Errorf("the corrupt file was not kept: %v", err)
	}
	p.Scenarios["x"] = &ScenarioProgress{Score: 2, Max: 3}
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	q, note, err := s.Load()
	if err != nil || note != "" || q.Scenarios["x"].Score != 2 {
		t.Errorf("reload: %v %q %+v", err, note, q)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// Every built-in scenario plays to its end and back to its start.
func TestEveryBuiltinPlaysToTheEndAndBack(t *testing.T) {
	all, err := scenarios.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		h := newHarness(t, sc.Name, 100, 30)
		h.keys("G")
		if !h.player().run().Ended() {
			t.Errorf("%s: G did not reach the end", sc.Name)
		}
		if !strings.Contains(h.screen(), "End of "+sc.Name) {
			t.Errorf("%s: no end-of-scenario summary:\n%s", sc.Name, h.screen())
		}
		if h.player().quiz != nil { // a question at the very end is asked there
			h.keys("esc")
		}
		end := h.player().sess.Fired()
		back := func() {
			h.keys("left")
			if h.player().quiz != nil { // stepping back onto a question shows it again
				h.keys("esc")
			}
		}
		back()
		back()
		if h.player().sess.Fired() != end-2 {
			t.Errorf("%s: two steps back from %d went to %d", sc.Name, end, h.player().sess.Fired())
		}
		h.keys("g")
		if h.player().sess.Fired() != 0 || h.player().sess.Now() != 0 {
			t.Errorf("%s: g did not return to the start", sc.Name)
		}
	}
}

// After a jump back the player lets the run it left go: the panes it keeps
// drawn (Lifecycle, Story) are keyed by run, and must not hold the old one,
// and with it its world, until they are next drawn.
func TestAJumpBackLetsTheOldRunGo(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	h.keys("right", "right", "right", "right", "right", "right", "1")
	h.screen()
	h.keys("5")
	h.screen()
	old := h.player().run()
	if p := h.player(); p.lifeAt.run != old || p.storyAt.run != old {
		t.Fatal("the Lifecycle and Story panes were not both drawn for the run: the test means nothing")
	}
	gone, world := weak.Make(old), weak.Make(old.World)
	old = nil
	h.keys("4", "left")
	h.screen()
	if p := h.player(); p.run() == gone.Value() {
		t.Fatal("stepping back did not replay into another run")
	}
	runtime.GC()
	if gone.Value() != nil || world.Value() != nil {
		t.Errorf("after a jump back the old run (%t) or its world (%t) is still reachable", gone.Value() != nil, world.Value() != nil)
	}
	runtime.KeepAlive(h)
}
