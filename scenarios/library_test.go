package scenarios

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// The built-in library is what students meet first: every scenario must
// load cleanly, teach (narration, quiz), grade itself (checks, including
// one on the bill), and pass.
func TestEveryBuiltinScenarioTeachesAndPasses(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no built-in scenarios")
	}
	names := map[string]bool{}
	for _, sc := range all {
		t.Run(sc.Name, func(t *testing.T) {
			if names[sc.Name] {
				t.Errorf("two built-in scenarios are named %s", sc.Name)
			}
			names[sc.Name] = true
			if sc.Title == "" || sc.Summary == "" || sc.Level == "" || sc.Minutes == 0 || len(sc.Objectives) == 0 {
				t.Errorf("metadata incomplete: title %q, level %q, minutes %d, %d objectives", sc.Title, sc.Level, sc.Minutes, len(sc.Objectives))
			}
			narrated := 0
			for _, st := range sc.Steps {
				if st.Narration != "" {
					narrated++
				}
			}
			if narrated == 0 {
				t.Error("no narration")
			}
			if len(sc.Quizzes) == 0 {
				t.Error("no quiz")
			}
			if sc.Exercise() {
				// An exercise grades the student with tasks, not the script
				// with checks: its rules are in exerciseSolvesAndNeedsTheStudent.
				exerciseSolvesAndNeedsTheStudent(t, sc)
				return
			}
			if len(sc.Checks) < 3 {
				t.Errorf("%d checks; want at least 3", len(sc.Checks))
			}
			billChecked := false
			for _, c := range sc.Checks {
				if c.Expect != nil && (strings.Contains(c.Expect.Src, "bill.") || strings.Contains(c.Expect.Src, "cost(") ||
					strings.Contains(c.Expect.Src, ".cost") || strings.Contains(c.Expect.Src, "monthly(")) {
					billChecked = true
				}
			}
			if !billChecked {
				t.Error("no check reads the bill")
			}
			r, err := sc.NewRun(nil)
			if err != nil {
				t.Fatal(err)
			}
			r.RunToEnd()
			for _, x := range r.Expectations {
				if !x.OK() {
					t.Errorf("line %d: %s expected %s, got %q", x.Step.Pos.Line, x.Step.Action.Name, x.Want, x.Got)
				}
			}
			for _, f := range r.Failed {
				t.Errorf("at %s %s failed unexpectedly: %s: %s", f.T, f.Action, f.Error, f.Message)
			}
			for _, st := range r.TimedOut {
				t.Errorf("line %d: gave up waiting for %s", st.Pos.Line, st.When.Src)
			}
			for _, c := range r.Checks {
				if !c.Pass {
					t.Errorf("check %q failed at %s: %s", c.Check.Name, c.T, c.Got)
				}
			}
			if len(r.Checks) != len(sc.Checks) {
				t.Errorf("%d of %d checks ran", len(r.Checks), len(sc.Checks))
			}
		})
	}
}

// exerciseSolvesAndNeedsTheStudent holds a built-in exercise to the rules
// of an exercise: at least two tasks, a reference solution that reaches
// every one of them cleanly, and no task done before the student acts (a
// goal true from the start would grade nothing).
func exerciseSolvesAndNeedsTheStudent(t *testing.T, sc *Scenario) {
	t.Helper()
	if len(sc.Tasks) < 2 {
		t.Errorf("%d tasks; an exercise wants at least 2", len(sc.Tasks))
	}
	solved := sc.Solved()
	if solved == nil {
		t.Fatal("an exercise needs a solution")
	}
	r, err := solved.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	for _, tr := range r.Tasks {
		if !tr.Done {
			t.Errorf("the solution does not reach task %s: %s", tr.Task.ID, tr.Task.Goal.Src)
		}
	}
	for _, f := range r.Failed {
		t.Errorf("at %s %s failed unexpectedly: %s: %s", f.T, f.Action, f.Error, f.Message)
	}
	for _, st := range r.TimedOut {
		t.Errorf("line %d: gave up waiting for %s", st.Pos.Line, st.When.Src)
	}
	alone, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	alone.RunToEnd()
	for _, tr := range alone.Tasks {
		if tr.Done {
			t.Errorf("task %s is done before the student acts (at %s): %s", tr.Task.ID, tr.T, tr.Task.Goal.Src)
		}
	}
}

// The library offers exercises, in which the student acts, after the
// lessons, in which the student watches.
func TestTheLibraryHasExercisesAfterTheLessons(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	exercises, lesson := 0, false
	for i := len(all) - 1; i >= 0; i-- {
		switch {
		case all[i].Exercise() && lesson:
			t.Errorf("exercise %s comes before a lesson: number it 30 or more", all[i].Name)
		case all[i].Exercise():
			exercises++
		default:
			lesson = true
		}
	}
	if exercises < 4 {
		t.Errorf("%d exercises; want at least 4", exercises)
	}
}

// Running twice gives the same log: the library is deterministic.
func TestBuiltinRunsAreDeterministic(t *testing.T) {
	all, _ := Builtin()
	for _, sc := range all {
		a, _ := sc.NewRun(nil)
		b, _ := sc.NewRun(nil)
		a.RunToEnd()
		b.RunToEnd()
		if a.Records.Len() != b.Records.Len() {
			t.Fatalf("%s: %d vs %d records", sc.Name, a.Records.Len(), b.Records.Len())
		}
		for i, rec := range a.Records.All() {
			if rec != b.Records.At(i) {
				t.Fatalf("%s: record %d differs: %+v vs %+v", sc.Name, i, rec, b.Records.At(i))
			}
		}
	}
}

// The format doc lists every simulated region and instance type, so a
// diagnostic that points there is never wrong.
func TestTheFormatDocListsTheCatalogue(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "scenario-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	cat := model.DefaultCatalog()
	for _, names := range [][]string{cat.RegionNames(), cat.InstanceTypeNames()} {
		for _, n := range names {
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(n) + `\b`).Match(doc) {
				t.Errorf("docs/scenario-format.md does not list %s", n)
			}
		}
	}
}

// The library's answer key is spread over the letters: over all of its
// single-answer questions no letter is right more than 35 % of the time,
// so always picking one letter scores no better than reading (the teaching
// trial found 24 of 35 answers on b). And the right answer is the strictly
// longest choice in at most half of them, so "pick the longest" does not
// work either.
func TestTheLibraryAnswerKeyIsSpreadOverTheLetters(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	count := map[int]int{}
	single, longest := 0, 0
	for _, sc := range all {
		for _, q := range sc.Quizzes {
			if len(q.Answers) != 1 {
				continue
			}
			single++
			count[q.Answer]++
			n, top := len(q.Choices[q.Answer]), 0
			for i, c := range q.Choices {
				if i != q.Answer && len(c) >= n {
					top++
				}
			}
			if top == 0 {
				longest++
			}
		}
	}
	if single < 20 {
		t.Fatalf("%d single-answer questions; too few to judge", single)
	}
	for i := range 6 {
		if share := float64(count[i]) / float64(single); share > 0.35 {
			t.Errorf("%s is the right answer of %d of %d single-answer questions (%.0f%%, more than 35%%)", Letter(i), count[i], single, 100*share)
		}
	}
	if share := float64(longest) / float64(single); share > 0.5 {
		t.Errorf("the right answer is the longest choice in %d of %d questions (%.0f%%, more than half)", longest, single, 100*share)
	}
}

// Intermediate and advanced scenarios ask at least one multiple-response
// question ("Choose two"), as the associate exams do.
func TestEveryIntermediateScenarioAsksAMultipleResponseQuestion(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		if sc.Level == "beginner" {
			continue
		}
		multi := 0
		for _, q := range sc.Quizzes {
			if len(q.Answers) > 1 {
				multi++
			}
		}
		if multi == 0 && sc.Level == "intermediate" {
			t.Errorf("%s (intermediate) has no multiple-response question", sc.Name)
		}
	}
}

// examTasks are the task statements of the current exam guides the library
// is tagged against: SAA-C03, SOA-C03 (which replaced SOA-C02 on
// 2025-09-30) and CLF-C02, by domain, the number of tasks in each.
var examTasks = map[string][]int{
	"SAA-C03": {3, 2, 5, 4},    // secure, resilient, high-performing, cost-optimised
	"SOA-C03": {3, 3, 2, 2, 3}, // monitoring, reliability, deployment, security, networking
	"CLF-C02": {4, 4, 8, 3},    // cloud concepts, security, technology, billing
}

var examTag = regexp.MustCompile(`^([A-Z]{3}-C0[0-9])(?::([0-9]+)\.([0-9]+))?$`)

// Every scenario names at least one task statement of a current exam
// (SAA-C03:4.2), every such tag names a task that exists, and no scenario
// is tagged with the retired SOA-C02, which a student preparing today
// would take for current.
func TestEveryScenarioIsTaggedWithCurrentTaskStatements(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range all {
		tasks := 0
		for _, tag := range sc.Tags {
			m := examTag.FindStringSubmatch(tag)
			if m == nil {
				continue
			}
			if m[1] == "SOA-C02" {
				t.Errorf("%s is tagged with the retired SOA-C02", sc.Name)
				continue
			}
			domains, ok := examTasks[m[1]]
			if !ok || m[2] == "" {
				continue
			}
			d, task := int(m[2][0]-'0'), int(m[3][0]-'0')
			if len(m[2]) != 1 || len(m[3]) != 1 || d < 1 || d > len(domains) || task < 1 || task > domains[d-1] {
				t.Errorf("%s: %s names no task statement of %s", sc.Name, tag, m[1])
				continue
			}
			tasks++
		}
		if tasks == 0 {
			t.Errorf("%s names no task statement (SAA-C03:x.y, SOA-C03:x.y or CLF-C02:x.y): tags %v", sc.Name, sc.Tags)
		}
	}
}
