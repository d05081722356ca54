package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// Multiple-response questions score as AWS's exams do: every right choice
// and no wrong one, or nothing ("Exam content",
// https://docs.aws.amazon.com/aws-certification/latest/examguides/exam-content.html).
func TestMultipleResponseScoresAllOrNothing(t *testing.T) {
	sc, diags := Parse("q.yaml", []byte(`name: q
steps: []
quiz:
  - {id: two, question: pick two, choices: [w, x, y, z], answer: [a, c], explanation: e, points: 2}
`))
	if sc == nil {
		t.Fatal(diags)
	}
	q := sc.Quizzes[0]
	for resp, want := range map[string]int{"a, c": 2, "c,a": 2, "a": 0, "a, b, c": 0, "b, d": 0} {
		chosen, ok := q.Response(resp)
		if _, pts := q.ScoreResponse(chosen, 0); !ok || pts != want {
			t.Errorf("%q: %d points, want %d", resp, pts, want)
		}
	}
	for src, msg := range map[string]string{
		"[a]":          "names 2 to 3",
		"[a, a]":       "given twice",
		"[a, e]":       "out of range",
		"[a, b, c, d]": "names 2 to 3",
	} {
		_, diags := Parse("q.yaml", []byte("name: q\nsteps: []\nquiz:\n  - {id: two, question: p, choices: [w, x, y, z], answer: "+src+", explanation: e}\n"))
		if !strings.Contains(diags.Error(), msg) {
			t.Errorf("answer %s: %v, want %q", src, diags, msg)
		}
	}
}

// quizLab is a lab whose right answers are the given letters; the right
// choice is the longest when longest says so.
func quizLab(answers string, longest bool) string {
	var b strings.Builder
	b.WriteString("name: q\nsteps: []\nquiz:\n")
	for i, a := range strings.Split(answers, "") {
		choices := []string{"aa", "bb", "cc", "dd"}
		if longest {
			choices[a[0]-'a'] = "the longest choice of all"
		}
		fmt.Fprintf(&b, "  - {id: q%d, question: p, choices: [%s], answer: %s, explanation: e}\n", i, strings.Join(choices, ", "), a)
	}
	return b.String()
}

// check warns when a lab's key leans on one letter (more than 40 % over five
// or more questions) or is nearly always the longest choice, each with its
// rule kind.
func TestCheckWarnsOnAnAnswerKeyATestWiseStudentCouldGuess(t *testing.T) {
	for _, c := range []struct {
		rule    string
		answers string
		longest bool
		want    Rule
	}{
		{"three b of five is a skew", "bbbac", false, RuleAnswerPosition},
		{"two b of five is not", "bbacd", false, ""},
		{"four questions are too few to judge", "bbbb", false, ""},
		{"the longest right in five of five", "abcda", true, RuleAnswerLongest},
	} {
		_, diags := Parse("q.yaml", []byte(quizLab(c.answers, c.longest)))
		var got Rule
		for _, d := range diags {
			if d.Rule != "" {
				got = d.Rule
			}
		}
		if got != c.want {
			t.Errorf("%s: rule %q, want %q (%v)", c.rule, got, c.want, diags)
		}
		if c.want != "" && !strings.Contains(diags.Error(), "["+string(c.want)+"]") {
			t.Errorf("%s: the warning does not show its rule: %v", c.rule, diags)
		}
	}
}
