package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/scenarios"
)

// gLab ends a day after its last step, as the teaching trial's lab did: G
// must put the clock at the end, where the checks and the bill are, so an
// action taken then is exported at the time it was applied.
const gLab = `name: g-export
title: G then act
setup: {seed: 1, region: us-east-1}
steps:
  - name: orphan
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 50, VolumeType: gp2}
  - at: 1h
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 1, VolumeType: gp2}
end: 1d
checks:
  - name: the orphan is deleted
    expect: orphan.state == "deleted"
`

// newFileHarness plays a scenario given as text, as `ec2sim play FILE` does.
func newFileHarness(t *testing.T, src string, w, h int) *harness {
	t.Helper()
	sc, ds := scenarios.Parse("lab.yaml", []byte(src))
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	store := &Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	m, err := New(Options{Scenario: sc, Source: []byte(src), Store: store, ExportDir: t.TempDir(), Monochrome: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, m: m, store: store}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// typeLine opens the sandbox prompt, types a line and runs it.
func (h *harness) typeLine(line string) {
	h.keys(":")
	for _, r := range line {
		h.send(press(string(r)))
	}
	h.keys("enter")
}

// Issue 17 (teaching trial, finding 6): after G a sandbox action is applied
// at the time the export records, so the TUI's checks are the export's.
func TestAnActionAfterGIsExportedAtTheTimeItWasApplied(t *testing.T) {
	h := newFileHarness(t, gLab, 120, 40)
	h.keys("G")
	p := h.player()
	if end, _ := p.end(); p.sess.Now() != end {
		t.Fatalf("G put the clock at %s, not the end %s", p.sess.Now(), end)
	}
	h.typeLine("delete-volume orphan")
	data, err := p.sess.Export()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.sess.VerifyExport(data); err != nil {
		t.Fatal(err)
	}
	sc, ds := scenarios.Parse("export.yaml", data)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	if got := sc.Sandbox[0].At; got != p.sess.Now() {
		t.Errorf("exported at %s, applied at %s", got, p.sess.Now())
	}
	replay, err := scenarios.NewSession(sc, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	replay.ToEnd()
	live, exp := p.run().Checks, replay.Run().Checks
	if len(live) != len(exp) {
		t.Fatalf("%d checks live, %d in the export", len(live), len(exp))
	}
	for i := range live {
		if live[i].Pass != exp[i].Pass || live[i].T != exp[i].T {
			t.Errorf("check %q: live %v at %s, export %v at %s", live[i].Check.Name, live[i].Pass, live[i].T, exp[i].Pass, exp[i].T)
		}
	}
}

// cleanup opens the cleanup exercise at its last event, past its question
// (skipped), with the student id set: the state a student acts from.
func cleanup(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, "exercise-cleanup", w, h)
	hs.c().Student = "alice"
	hs.keys("G")
	if hs.player().quiz != nil {
		hs.keys("esc")
	}
	return hs
}

// settle steps until nothing is left to happen (deletions finish).
func (h *harness) settle() {
	for range 100 {
		if !h.player().sess.Step() {
			break
		}
	}
	h.player().refresh()
}

// Issue 17: the Tasks pane of an exercise is a live checklist that ticks as
// each goal becomes true, with the points earned so far.
func TestTheTaskListTicksAsGoalsBecomeTrue(t *testing.T) {
	h := cleanup(t, 120, 40)
	h.keys("7")
	if scr := h.screen(); !strings.Contains(scr, "[7 Tasks]") || !strings.Contains(scr, "☐ orphans · 0/2") || !strings.Contains(scr, "0/5 points") {
		t.Fatalf("the Tasks pane before acting:\n%s", scr)
	}
	h.typeLine("delete-volume orphan-logs")
	h.typeLine("delete-volume orphan-scratch")
	h.settle()
	if !strings.Contains(h.player().status, "✔ task orphans done") {
		t.Errorf("status %q does not say the task was done", h.player().status)
	}
	h.keys("7")
	scr := h.screen()
	if !strings.Contains(scr, "✔ orphans · 2/2") || !strings.Contains(scr, "1 of 3 tasks done · 2/5 points") || !strings.Contains(scr, "☐ old-build") {
		t.Errorf("the Tasks pane after deleting the orphans:\n%s", scr)
	}
}

// A film (no tasks) keeps its six panes: 7 opens nothing.
func TestAFilmHasNoTasksPane(t *testing.T) {
	h := newHarness(t, "console-tutorial", 120, 40)
	h.keys("7")
	if h.player().panel == panelTasks || strings.Contains(h.screen(), "Tasks") {
		t.Errorf("a scenario without tasks shows a Tasks pane:\n%s", h.screen())
	}
}

// Issue 17: H offers each task's next hint with its penalty and, when it
// is not available yet, the time it will be; nothing is taken before enter,
// and a hint not yet available is not taken at all.
func TestAHintIsOfferedWithItsCostBeforeItIsTaken(t *testing.T) {
	h := cleanup(t, 120, 40)
	p := h.player()
	h.keys("H")
	scr := h.screen()
	if p.offer == nil || !strings.Contains(scr, "orphans: hint 1 of 1 costs 1 point") ||
		!strings.Contains(scr, "old-build: hint 1 of 1 costs 1 point, available from T+00:05:00") {
		t.Fatalf("the hint offer:\n%s", scr)
	}
	if taken := p.sess.Progress().Tasks[0].HintsTaken; taken != 0 {
		t.Fatalf("opening the offer took %d hints", taken)
	}
	h.keys("down", "enter") // old-build's hint: not before 5m
	if p.sess.Progress().Tasks[1].HintsTaken != 0 || !strings.Contains(p.offer.note, "available from 5m") {
		t.Fatalf("a hint not yet available: taken %d, note %q", p.sess.Progress().Tasks[1].HintsTaken, p.offer.note)
	}
	h.keys("up", "enter")
	if p.offer != nil || p.sess.Progress().Tasks[0].HintsTaken != 1 || !strings.Contains(p.status, "unattached volume is `available`") {
		t.Fatalf("enter did not take the orphans hint: %q", p.status)
	}
	h.typeLine("delete-volume orphan-logs")
	h.typeLine("delete-volume orphan-scratch")
	h.settle()
	if got := p.sess.Progress().Tasks[0].Points; got != 1 {
		t.Errorf("orphans done with one hint earns %d, want 2 − 1 = 1", got)
	}
}

// quizAt opens the cleanup exercise's multiple-response question.
func quizAt(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, "exercise-cleanup", 120, 40)
	h.keys("G")
	if h.player().quiz == nil || !h.player().quiz.multi {
		t.Fatal("no multiple-response question at the end")
	}
	return h
}

// Issue 17: a multiple-response question ticks several choices and enter
// confirms the set, scored as the exams score it (every right choice, no
// wrong one); the answer goes to the session, so the submission has it.
func TestAMultipleResponseQuestionTakesSeveralChoices(t *testing.T) {
	for _, tc := range []struct {
		rule   string
		keys   []string
		points int
		answer string
	}{
		{"both right choices score", []string{"a", "c", "enter"}, 1, "a, c"},
		{"space ticks the choice under the cursor", []string{"space", "down", "down", "space", "enter"}, 1, "a, c"},
		{"one right choice of two scores nothing", []string{"a", "enter"}, 0, "a"},
		{"a wrong choice besides the right ones scores nothing", []string{"a", "b", "c", "enter"}, 0, "a, b, c"},
		{"a second letter press unticks", []string{"a", "b", "b", "c", "enter"}, 1, "a, c"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			h := quizAt(t)
			h.keys(tc.keys...)
			p := h.player()
			a := p.c.Progress.Scenarios["exercise-cleanup"].Answers["stopped-costs"]
			if a.Points != tc.points || a.Choice != tc.answer {
				t.Errorf("recorded %+v, want %d points for %q", a, tc.points, tc.answer)
			}
			sub, err := p.sess.Submission("alice")
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := scenarios.ParseSubmission("s.yaml", sub)
			if err != nil {
				t.Fatal(err)
			}
			if got := parsed.Answers["stopped-costs"].Choice; got != tc.answer {
				t.Errorf("the submission answers %q, want %q", got, tc.answer)
			}
		})
	}
	t.Run("enter with nothing ticked records nothing", func(t *testing.T) {
		h := quizAt(t)
		h.keys("enter")
		if h.player().quiz.chosen >= 0 || h.player().answered("stopped-costs") {
			t.Error("enter with no choice ticked answered")
		}
	})
}

// Issue 17: x on an exercise writes a submission named after the lab and
// the student, which grades with the lab's own rules, and a second x never
// writes over the first.
func TestXOnAnExerciseWritesASubmission(t *testing.T) {
	h := cleanup(t, 120, 40)
	h.typeLine("delete-volume orphan-logs")
	h.keys("x")
	p := h.player()
	first := filepath.Join(p.c.ExportDir, "exercise-cleanup-alice.yaml")
	if !strings.Contains(p.status, "submission (alice") || !strings.Contains(p.status, first) {
		t.Fatalf("status %q", p.status)
	}
	h.typeLine("delete-volume orphan-scratch")
	h.keys("x")
	if strings.Contains(p.status, first) || p.Unexported() != 0 {
		t.Errorf("the second submission: %q", p.status)
	}
	data, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := scenarios.ParseSubmission(first, data)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Student != "alice" || sub.Actions == nil || len(sub.Actions.Content) != 1 {
		t.Errorf("the first submission kept %+v", sub)
	}
	if strings.Contains(string(data), "checks:") || strings.Contains(string(data), "goal:") {
		t.Errorf("a submission carries the lab's rules:\n%s", data)
	}
}

// Issue 17: the submission of a session that solved every task grades
// green on the instructor's lab, and the same with one task's action
// wrong loses exactly that task's points.
func TestASolvedSessionGradesGreen(t *testing.T) {
	solve := func(lines ...string) scenarios.StudentGrade {
		h := newHarness(t, "exercise-cleanup", 120, 40)
		h.keys("G", "a", "c", "enter", "enter")
		for _, l := range lines {
			h.typeLine(l)
		}
		h.settle()
		data, err := h.player().sess.Submission("alice")
		if err != nil {
			t.Fatal(err)
		}
		sub, err := scenarios.ParseSubmission("alice.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		lab := h.player().sess.Scenario()
		src, _ := scenarios.BuiltinSource(lab)
		return scenarios.GradeSubmission(lab, src, sub)
	}
	good := solve("delete-volume orphan-logs", "delete-volume orphan-scratch", "terminate old-build")
	if !good.Pass || good.TaskPoints != 5 || good.Total != good.MaxTotal {
		t.Fatalf("the solved session grades %+v", good)
	}
	// One wrong action: terminating web along with old-build loses
	// keep-web's point, and only that.
	wrong := solve("delete-volume orphan-logs", "delete-volume orphan-scratch", "terminate old-build web")
	if wrong.Pass || good.TaskPoints-wrong.TaskPoints != 1 || wrong.TasksDone != 2 || good.QuizPoints != wrong.QuizPoints {
		t.Errorf("terminating web too: %d task points, %d tasks, want %d − 1 (keep-web's)", wrong.TaskPoints, wrong.TasksDone, good.TaskPoints)
	}
}

// Finding 19: a line that does nothing keeps the prompt open, with the line
// to mend and a readable reason (never yaml.v3's text).
func TestATypoKeepsThePromptOpen(t *testing.T) {
	h := cleanup(t, 80, 24)
	h.typeLine("StopInstances InstanceIds=web Bogus=1")
	p := h.player()
	if p.palette == nil || p.palette.Value() != "StopInstances InstanceIds=web Bogus=1" {
		t.Fatalf("the prompt closed or lost the line (open %v)", p.palette != nil)
	}
	scr := h.screen()
	if !strings.Contains(scr, "StopInstances: has no parameter Bogus") || strings.Contains(scr, "yaml") {
		t.Errorf("the reason under the prompt:\n%s", scr)
	}
	if len(p.sess.Scenario().Sandbox) != 0 {
		t.Error("a refused line became an action")
	}
}

// Finding 19: ↑ and ↓ walk the lines entered before, back to the draft.
func TestUpAndDownWalkTheHistory(t *testing.T) {
	h := cleanup(t, 80, 24)
	h.typeLine("delete-volume orphan-logs")
	h.typeLine("stpo web") // refused: the prompt stays open
	h.keys("esc", ":")
	for _, r := range "ter" {
		h.send(press(string(r)))
	}
	p := h.player()
	for _, want := range []string{"stpo web", "delete-volume orphan-logs", "delete-volume orphan-logs"} {
		h.keys("up")
		if got := p.palette.Value(); got != want {
			t.Errorf("↑ shows %q, want %q", got, want)
		}
	}
	h.keys("down", "down")
	if got := p.palette.Value(); got != "ter" {
		t.Errorf("↓ past the newest shows %q, want the draft", got)
	}
}

// Finding 19: the prompt line fits 80 columns without a stray ellipsis,
// whether it shows the placeholder, a completion or a long line.
func TestNoStrayEllipsisInThePromptAt80Columns(t *testing.T) {
	h := cleanup(t, 80, 24)
	h.keys(":")
	for _, typed := range []string{"", "sto", "p web" + strings.Repeat(" x", 50)} {
		for _, r := range typed {
			h.send(press(string(r)))
		}
		lines := strings.Split(h.screen(), "\n")
		prompt := lines[len(lines)-2]
		if !strings.HasPrefix(prompt, ": ") || strings.Contains(prompt, "…") || ansi.StringWidth(prompt) > 80 {
			t.Errorf("after %q the prompt is %q", typed, prompt)
		}
	}
}

// Seven tabs fit 80 columns whole (no "…"), and a click on a tab opens the
// pane drawn there.
func TestSevenTabsFitEightyColumns(t *testing.T) {
	h := cleanup(t, 80, 24)
	h.keys("7")
	scr := h.screen()
	if !strings.Contains(scr, "[7 Task]") || !strings.Contains(scr, "1 Life 2 Disk") {
		t.Fatalf("the tabs at 80 columns:\n%s", scr)
	}
	l := h.player().layout()
	// The Log tab: after "1 Life 2 Disk 3 Cost " in the main pane.
	x := l.leftW + 2 + len("1 Life 2 Disk 3 Cost ") + 1
	h.send(tea.MouseClickMsg{X: x, Y: l.headerH + 1, Button: tea.MouseLeft})
	if h.player().panel != panelLog {
		t.Errorf("the click opened pane %d", h.player().panel)
	}
}
