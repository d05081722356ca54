package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/scenarios"
)

// The instructor's workflow: a class folder with a solved submission, a
// short one and a corrupt file grades into one row each, and the exit code
// says someone fell short; an invalid lab is exit 3.
func TestGradeAClassFolder(t *testing.T) {
	dir := t.TempDir()
	sc, err := scenarios.BuiltinNamed("exercise-cleanup")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := scenarios.BuiltinSource(sc)
	lab := filepath.Join(dir, "lab.yaml")
	os.WriteFile(lab, src, 0o644)
	class := filepath.Join(dir, "class")
	os.Mkdir(class, 0o755)
	for student, cmds := range map[string][]string{
		"ana": {"DeleteVolume VolumeId=orphan-logs", "DeleteVolume VolumeId=orphan-scratch", "terminate old-build"},
		"bo":  {"DeleteVolume VolumeId=orphan-logs"},
	} {
		s, _ := scenarios.NewSession(sc, src, nil)
		s.SeekTime(600_000)
		for _, line := range cmds {
			c, err := scenarios.ParseCommand(line)
			if err != nil {
				t.Fatal(err)
			}
			s.Act(c)
		}
		s.AdvanceTo(s.Now() + 300_000)
		s.Answer("stopped-costs", scenarios.Answer{Choice: "a,c"})
		data, _ := s.Submission(student)
		os.WriteFile(filepath.Join(class, scenarios.SubmissionName(sc.Name, student)), data, 0o644)
	}
	os.WriteFile(filepath.Join(class, "zed.yaml"), []byte("{{{"), 0o644)

	out, _, code := ec2sim(t, "grade", lab, class, "--json")
	var got struct {
		Students []scenarios.StudentGrade `json:"students"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Students) != 3 || code != exitFailed {
		t.Fatalf("%d: %v %s", code, err, out)
	}
	byName := map[string]scenarios.StudentGrade{}
	for _, r := range got.Students {
		byName[r.Student] = r
	}
	if !byName["ana"].Pass || byName["ana"].Total != 6 || byName["bo"].Pass || byName["bo"].TasksDone != 0 || !strings.Contains(byName["zed"].Error, "unreadable") {
		t.Errorf("%+v", got.Students)
	}
	csv, _, _ := ec2sim(t, "grade", lab, class, "--csv")
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "student,file,tasks_done") {
		t.Errorf("csv: %s", csv)
	}
	os.WriteFile(lab, []byte("name: broken\n"), 0o644)
	if _, _, code := ec2sim(t, "grade", lab, class); code != exitInvalid {
		t.Errorf("an invalid lab: exit %d", code)
	}
}

// The format doc's complete exercise loads, and its solution reaches every
// task.
func TestTheFormatDocsExerciseIsSolvable(t *testing.T) {
	file := docYAML(t, filepath.Join("docs", "scenario-format.md"), "## A complete exercise")
	answers := filepath.Join(t.TempDir(), "answers.txt")
	if err := os.WriteFile(answers, []byte("bake-and-launch: {what-is-copied: [a, c]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := ec2sim(t, "test", file, "--answers", answers)
	if code != exitOK || !strings.Contains(out, "tasks: 2 of 2 done") || !strings.Contains(out, "0 failed") {
		t.Fatalf("test: exit %d\n%s%s", code, out, errs)
	}
}
