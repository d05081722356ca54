package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/scenarios"
)

func answered(p *Progress, scenario, quiz string) bool {
	sp := p.Scenarios[scenario]
	if sp == nil {
		return false
	}
	_, ok := sp.Answers[quiz]
	return ok
}

// Two UIs open at once each load the file, then each save: the second save
// must keep the first one's answers.
func TestTwoUIsSavingLoseNoAnswers(t *testing.T) {
	s := Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	a, _, _ := s.Load()
	b, _, _ := s.Load()
	a.Scenarios["tutorial"] = &ScenarioProgress{Answers: map[string]QuizAnswer{"q1": {Choice: "b", Correct: true, Points: 2}}}
	if err := s.Save(a); err != nil {
		t.Fatal(err)
	}
	b.Scenarios["tutorial"] = &ScenarioProgress{Answers: map[string]QuizAnswer{"q2": {Choice: "c", Correct: true, Points: 3}}}
	b.Scenarios["billing"] = &ScenarioProgress{Answers: map[string]QuizAnswer{"q9": {Choice: "a"}}}
	if err := s.Save(b); err != nil {
		t.Fatal(err)
	}
	disk, note, err := s.Load()
	if err != nil || note != "" {
		t.Fatal(err, note)
	}
	for _, want := range [][2]string{{"tutorial", "q1"}, {"tutorial", "q2"}, {"billing", "q9"}} {
		if !answered(disk, want[0], want[1]) {
			t.Errorf("%s/%s was lost", want[0], want[1])
		}
	}
	if got := disk.Scenarios["tutorial"].Score; got != 5 {
		t.Errorf("merged score %d, want 2+3", got)
	}
}

// A symlinked progress.json (kept in a dotfiles repository, say) is
// followed: the link stays a link and its target gets the answers.
func TestASymlinkedProgressFileStaysALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "progress.json")
	os.MkdirAll(filepath.Dir(target), 0o755)
	os.WriteFile(target, []byte(`{"version":1,"scenarios":{}}`), 0o644)
	link := filepath.Join(dir, "state", "progress.json")
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s := Store{Path: link}
	p, _, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	p.Scenarios["x"] = &ScenarioProgress{Answers: map[string]QuizAnswer{"q": {Choice: "a"}}}
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	data, _ := os.ReadFile(target)
	if !strings.Contains(string(data), `"q"`) {
		t.Errorf("the target did not get the answer: %s", data)
	}
}

// Hand-edited or truncated entries must not crash the UI: a scenario entry
// without answers, a null entry, an empty choice.
func TestMalformedProgressEntriesDoNotCrash(t *testing.T) {
	s := Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	os.WriteFile(s.Path, []byte(`{"version":1,"scenarios":{"console-tutorial":{"score":1},"x":null,"y":{"answers":{"q":{"choice":""}}}}}`), 0o644)
	p, note, err := s.Load()
	if err != nil || note != "" {
		t.Fatal(err, note)
	}
	if p.Scenarios["console-tutorial"].Answers == nil {
		t.Fatal("answers left nil: the first answer would panic")
	}
	sc, _ := scenarios.BuiltinNamed("console-tutorial")
	src, _ := scenarios.BuiltinSource(sc)
	m, err := New(Options{Scenario: sc, Source: src, Store: &s, ExportDir: t.TempDir(), Monochrome: true})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m, store: &s}
	answerNextQuiz(h)
	if !answered(s.mustLoad(t), "console-tutorial", "wizard-to-api") {
		t.Error("the answer was not saved")
	}
}

// answerNextQuiz steps to the next quiz and answers it "a" (chosen, then
// confirmed with enter).
func answerNextQuiz(h *harness) {
	for h.player().quiz == nil && h.player().sess.Step() {
		h.player().afterJump(false)
	}
	h.keys("a", "enter")
}

func (s Store) mustLoad(t *testing.T) *Progress {
	t.Helper()
	p, _, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A progress file too big to be ours is set aside, not read on every
// answer.
func TestAnOversizedProgressFileIsSetAside(t *testing.T) {
	s := Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	big := `{"version":1,"scenarios":{},"pad":"` + strings.Repeat("x", MaxProgressSize) + `"}`
	os.WriteFile(s.Path, []byte(big), 0o644)
	p, note, err := s.Load()
	if err != nil || !strings.Contains(note, "larger than") || len(p.Scenarios) != 0 {
		t.Fatalf("load: %v, %q", err, note)
	}
}

// A progress path that is a directory does not stop the UI from starting:
// it plays, and says progress will not be saved.
func TestAProgressDirectoryDoesNotStopTheUI(t *testing.T) {
	dir := t.TempDir()
	s := Store{Path: dir}
	sc, _ := scenarios.BuiltinNamed("console-tutorial")
	m, err := New(Options{Scenario: sc, Store: &s, Monochrome: true})
	if err != nil {
		t.Fatalf("the UI did not start: %v", err)
	}
	if st := m.(*root).player.status; !strings.Contains(st, "will not be saved") {
		t.Errorf("status %q does not say progress is not kept", st)
	}
}

// A save that fails is shown, and quitting afterwards ends in an error, so
// the student learns the answers are gone.
func TestAFailedSaveMakesQuitAnError(t *testing.T) {
	h := newHarness(t, "console-tutorial", 80, 24)
	// The folder the progress file lives in becomes a file: saving fails.
	dir := filepath.Dir(h.store.Path)
	os.RemoveAll(dir)
	os.WriteFile(dir, []byte("not a folder"), 0o644)
	answerNextQuiz(h)
	h.keys("enter")
	if h.m.(*root).c.SaveErr == nil {
		t.Fatal("the save did not fail; the test is not testing anything")
	}
	h.keys("q")
	if h.m.(*root).err == nil || !strings.Contains(h.m.(*root).err.Error(), "not saved") {
		t.Errorf("quit after a failed save: err = %v", h.m.(*root).err)
	}
}
