package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/sim"
)

// cleanupLab is the built-in cleanup exercise and its text.
func cleanupLab(t testing.TB) (*Scenario, []byte) {
	t.Helper()
	sc, err := BuiltinNamed("exercise-cleanup")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := BuiltinSource(sc)
	return sc, src
}

// solve plays commands in a session of lab at the given times and returns
// the session.
func solve(t testing.TB, sc *Scenario, src []byte, cmds map[string]string) *Session {
	t.Helper()
	s, err := NewSession(sc, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SeekTime(10 * sim.Minute); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"delete-volume", "delete-volume-2", "terminate"} {
		c, ok := cmds[line]
		if !ok {
			continue
		}
		cmd, err := ParseCommand(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Act(cmd); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AdvanceTo(s.Now() + 5*sim.Minute); err != nil {
		t.Fatal(err)
	}
	return s
}

var rightActions = map[string]string{
	"delete-volume":   "DeleteVolume VolumeId=orphan-logs",
	"delete-volume-2": "DeleteVolume VolumeId=orphan-scratch",
	"terminate":       "terminate old-build",
}

func submit(t testing.TB, s *Session, student string) *Submission {
	t.Helper()
	data, err := s.Submission(student)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ParseSubmission(student+".yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return sub
}

// A submission grades on the instructor's lab: solved in a session, it
// earns every task's points, and it never carries the lab's rules.
func TestASolvedSubmissionGradesGreen(t *testing.T) {
	sc, src := cleanupLab(t)
	s := solve(t, sc, src, rightActions)
	if err := s.Answer("stopped-costs", Answer{Choice: "a, c"}); err != nil {
		t.Fatal(err)
	}
	data, _ := s.Submission("ana")
	for _, rule := range []string{"goal:", "checks:", "explanation", "solution"} {
		if strings.Contains(string(data), rule) {
			t.Errorf("the submission carries the lab's %s", rule)
		}
	}
	row := GradeSubmission(sc, src, submit(t, s, "ana"))
	if !row.Pass || row.TasksDone != 3 || row.TaskPoints != 5 || row.QuizPoints != 1 || row.Total != 6 || row.MaxTotal != 6 || len(row.Warnings) > 0 {
		t.Errorf("row: %+v", row)
	}
	if p := s.Progress(); p.Done != 3 || p.Points != 5 {
		t.Errorf("the session's own progress disagrees with the grade: %+v", p)
	}
}

// Editing a submission's checks or expectations changes nothing: only the
// student's actions, answers and hints count.
func TestEditedChecksAndExpectationsGradeTheSame(t *testing.T) {
	sc, src := cleanupLab(t)
	s := solve(t, sc, src, map[string]string{"delete-volume": rightActions["delete-volume"]})
	data, _ := s.Submission("bo")
	want := GradeSubmission(sc, src, submit(t, s, "bo"))
	edited := strings.Replace(string(data), "actions:", `checks:
  - {expect: "true"}
tasks:
  - {id: orphans, text: free points, goal: "true", points: 100}
actions:`, 1)
	edited = strings.Replace(edited, "action: DeleteVolume", "action: DeleteVolume\n    expect_error: InvalidVolume.NotFound", 1)
	sub, err := ParseSubmission("bo.yaml", []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	got := GradeSubmission(sc, src, sub)
	if got.Total != want.Total || got.TasksDone != want.TasksDone || got.Pass != want.Pass || got.Pass {
		t.Errorf("edited %+v, original %+v", got, want)
	}
	// The export of a whole scenario, with its own checks, is read the same way.
	exp, _ := s.Export()
	asExport := strings.Replace(string(exp), "tasks:", "checks:\n  - {expect: \"true\"}\ntasks:", 1)
	sub, err = ParseSubmission("bo-export.yaml", []byte(asExport))
	if err != nil {
		t.Fatal(err)
	}
	if got := GradeSubmission(sc, src, sub); got.TaskPoints != want.TaskPoints {
		t.Errorf("export graded %d task points, submission %d", got.TaskPoints, want.TaskPoints)
	}
}

// One wrong action loses exactly the points of the task it was for.
func TestOneWrongActionLosesExactlyThatTasksPoints(t *testing.T) {
	sc, src := cleanupLab(t)
	right := GradeSubmission(sc, src, submit(t, solve(t, sc, src, rightActions), "right"))
	wrongActions := map[string]string{
		"delete-volume":   rightActions["delete-volume"],
		"delete-volume-2": rightActions["delete-volume-2"],
		"terminate":       "stop web", // not the build server
	}
	wrong := GradeSubmission(sc, src, submit(t, solve(t, sc, src, wrongActions), "wrong"))
	lost := right.TaskPoints - wrong.TaskPoints
	// The wrong action misses old-build (2 points) and stops web, which
	// keep-web needs (1 point): 3 points, no more.
	if lost != 3 || wrong.TasksDone != 1 || wrong.Pass {
		t.Errorf("right %+v\nwrong %+v", right, wrong)
	}
	onlyMissed := map[string]string{"delete-volume": rightActions["delete-volume"], "delete-volume-2": rightActions["delete-volume-2"], "terminate": "stop old-build"}
	missed := GradeSubmission(sc, src, submit(t, solve(t, sc, src, onlyMissed), "missed"))
	if right.TaskPoints-missed.TaskPoints != 3 { // old-build (2) and keep-web's run rate (1): the stopped build still bills its volume
		t.Errorf("stopping instead of terminating: %+v", missed)
	}
}

// A submission made on another version of the lab is graded against the
// instructor's copy, with a warning; one for another lab is not graded.
func TestASubmissionFromAnotherVersionIsGradedWithAWarning(t *testing.T) {
	sc, src := cleanupLab(t)
	sub := submit(t, solve(t, sc, src, rightActions), "cy")
	sub.LabSHA256 = LabHash([]byte("an older lab"))
	if row := GradeSubmission(sc, src, sub); row.TasksDone != 3 || len(row.Warnings) != 1 || !strings.Contains(row.Warnings[0], "another version") {
		t.Errorf("%+v", row)
	}
	sub.Lab = "exercise-other"
	if row := GradeSubmission(sc, src, sub); row.Error == "" || row.Pass {
		t.Errorf("a submission for another lab graded: %+v", row)
	}
}

// classFolder is 30 submissions (every tenth one short of a task) and one
// corrupt file, as `ec2sim grade` reads a directory.
func classFolder(t testing.TB) map[string][]byte {
	sc, src := cleanupLab(t)
	files := map[string][]byte{}
	good, _ := solve(t, sc, src, rightActions).Submission("")
	short, _ := solve(t, sc, src, map[string]string{"delete-volume": rightActions["delete-volume"]}).Submission("")
	for i := range 30 {
		data := good
		if i%10 == 0 {
			data = short
		}
		files[fmt.Sprintf("student%02d.yaml", i)] = data
	}
	files["corrupt.yaml"] = []byte("lab: exercise-cleanup\nactions: [ {at: 1m\n")
	return files
}

func gradeFolder(t testing.TB, files map[string][]byte) []StudentGrade {
	sc, src := cleanupLab(t)
	var rows []StudentGrade
	for _, name := range sortedKeys(files) {
		sub, err := ParseSubmission(name, files[name])
		if err != nil {
			rows = append(rows, StudentGrade{Student: name, Error: err.Error()})
			continue
		}
		rows = append(rows, GradeSubmission(sc, src, sub))
	}
	return rows
}

// A class folder of 30 submissions and one corrupt file grades into 31
// rows; the corrupt one says why, and the others are graded.
func TestAClassFolderGradesEveryStudent(t *testing.T) {
	rows := gradeFolder(t, classFolder(t))
	if len(rows) != 31 {
		t.Fatalf("%d rows", len(rows))
	}
	passed, short, broken := 0, 0, 0
	for _, r := range rows {
		switch {
		case r.Error != "":
			broken++
			if !strings.Contains(r.Error, "YAML") {
				t.Errorf("the corrupt file's reason: %s", r.Error)
			}
		case r.Pass:
			passed++
		default:
			short++
		}
	}
	// The quiz is unanswered in every one: nobody passes outright, but 27
	// have every task done.
	done := 0
	for _, r := range rows {
		if r.TasksDone == 3 {
			done++
		}
	}
	if broken != 1 || done != 27 || passed+short != 30 {
		t.Errorf("%d broken, %d with every task, %d passed, %d short", broken, done, passed, short)
	}
}

func BenchmarkGradeAClassFolder(b *testing.B) {
	files := classFolder(b)
	b.ResetTimer()
	for range b.N {
		if rows := gradeFolder(b, files); len(rows) != 31 {
			b.Fatal(len(rows))
		}
	}
}

// A submission that is not one is refused with a reason.
func TestUnreadableSubmissionsSayWhy(t *testing.T) {
	for src, msg := range map[string]string{
		"":                                  "mapping",
		"- a\n- b\n":                        "mapping",
		"actions: []\n":                     "names no lab",
		"ec2sim_submission: 9\nlab: x\n":    "format 9",
		"lab: x\nactions: {a: 1}\n":         "must be a list",
		"lab: x\nanswers: {q: {answer: [}}": "YAML",
	} {
		if _, err := ParseSubmission("s.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", src, err, msg)
		}
	}
}

// Hints taken are what the submission reports: nothing can prove them (the
// student's machine writes the file). A file without the hints record that
// every written submission has is graded without penalties, but its row
// says so; a hint count edited down cannot be told from a true one.
func TestDeletedHintsAreChargedNothingButWarned(t *testing.T) {
	sc, src := cleanupLab(t)
	s := solve(t, sc, src, rightActions)
	if _, err := s.TakeHint("orphans"); err != nil {
		t.Fatal(err)
	}
	data, _ := s.Submission("dan")
	honest := GradeSubmission(sc, src, submit(t, s, "dan"))
	if honest.HintsUsed != 1 || len(honest.Warnings) != 0 {
		t.Fatalf("the submission as written: %+v", honest)
	}
	i := strings.Index(string(data), "\nhints:")
	if i < 0 {
		t.Fatalf("no hints record in\n%s", data)
	}
	sub, err := ParseSubmission("dan.yaml", data[:i+1])
	if err != nil {
		t.Fatal(err)
	}
	edited := GradeSubmission(sc, src, sub)
	if edited.HintsUsed != 0 || edited.TaskPoints != honest.TaskPoints+1 {
		t.Errorf("without hints: the grade is the file's word: %+v", edited)
	}
	if len(edited.Warnings) != 1 || !strings.Contains(edited.Warnings[0], "no hints: record") || !strings.Contains(edited.Note(), "no hints: record") {
		t.Errorf("a submission without its hints record is not warned about: %+v", edited.Warnings)
	}
}
