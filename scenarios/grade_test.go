package scenarios

import (
	"slices"
	"strings"
	"testing"
)

func TestQuizChoiceReadsTheLetterOfAChoice(t *testing.T) {
	q := Quiz{Choices: []string{"one", "two", "three"}}
	cases := []struct {
		name, letter string
		want         int
		ok           bool
	}{
		{"a is the first choice", "a", 0, true},
		{"the last letter is the last choice", "c", 2, true},
		{"case does not matter", "B", 1, true},
		{"surrounding space does not matter", " b\n", 1, true},
		{"a letter past the choices is no choice", "d", 0, false},
		{"an empty answer is no choice", "", 0, false},
		{"two letters are no choice", "ab", 0, false},
		{"a digit is no choice", "1", 0, false},
		{"the character before a is no choice", "`", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := q.Choice(c.letter)
			if got != c.want || ok != c.ok {
				t.Errorf("Choice(%q) = %d, %v; want %d, %v", c.letter, got, ok, c.want, c.ok)
			}
		})
	}
	for i := range q.Choices {
		if got, ok := q.Choice(Letter(i)); !ok || got != i {
			t.Errorf("Choice(Letter(%d)) = %d, %v", i, got, ok)
		}
	}
}

func TestQuizScore(t *testing.T) {
	q := Quiz{Answer: 1, Points: 5, Hints: []Hint{{Text: "first", Penalty: 2}, {Text: "second", Penalty: 4}}}
	cases := []struct {
		name          string
		choice, hints int
		correct       bool
		points        int
	}{
		{"a right answer earns the question's points", 1, 0, true, 5},
		{"a hint costs its penalty", 1, 1, true, 3},
		{"the penalties of the hints taken add up", 1, 2, true, 0},
		{"hints beyond the list cost nothing more", 1, 9, true, 0},
		{"a negative hint count takes no hint", 1, -1, true, 5},
		{"a wrong answer earns nothing", 0, 0, false, 0},
		{"a wrong answer earns nothing, whatever the hints", 2, 2, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			correct, points := q.Score(c.choice, c.hints)
			if correct != c.correct || points != c.points {
				t.Errorf("Score(%d, %d) = %v, %d; want %v, %d", c.choice, c.hints, correct, points, c.correct, c.points)
			}
		})
	}
	t.Run("points never go below zero", func(t *testing.T) {
		q := Quiz{Answer: 0, Points: 1, Hints: []Hint{{Penalty: 3}}}
		if correct, points := q.Score(0, 1); !correct || points != 0 {
			t.Errorf("Score = %v, %d; want true, 0", correct, points)
		}
	})
}

func TestAnswerSheets(t *testing.T) {
	t.Run("inline answers apply to every scenario and take no hints", func(t *testing.T) {
		s, err := InlineAnswers("q1=b, q2=c")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"one", "other"} {
			a := s.For(name)
			if a["q1"] != (Answer{Choice: "b"}) || a["q2"] != (Answer{Choice: "c"}) || len(a) != 2 {
				t.Errorf("For(%q) = %v", name, a)
			}
		}
	})
	t.Run("inline letters after commas are one multiple-response answer", func(t *testing.T) {
		s, err := InlineAnswers("q1=b,d,q2=c")
		if err != nil {
			t.Fatal(err)
		}
		q := Quiz{Choices: []string{"a", "b", "c", "d"}, Answers: []int{1, 3}}
		a := s.For("any")
		if chosen, ok := q.Response(a["q1"].Choice); !ok || !slices.Equal(chosen, []int{1, 3}) || a["q2"] != (Answer{Choice: "c"}) || len(a) != 2 {
			t.Errorf("For = %v", a)
		}
		if s, err := InlineAnswers("q1=b d"); err != nil || s.Every["q1"].Choice != "b d" {
			t.Errorf("letters separated by a space: %v, %v", s.Every, err)
		}
	})
	for _, bad := range []string{"q1=b,,q2=c", "q1=", "=b", "q1", "b,q1=c", "q1=b,q2c", "q1=a,q1=b"} {
		t.Run("inline "+bad+" is an error", func(t *testing.T) {
			if _, err := InlineAnswers(bad); err == nil || !strings.Contains(err.Error(), "write quiz-id=letter") && !strings.Contains(err.Error(), "answered twice") {
				t.Errorf("err = %v", err)
			}
		})
	}
	t.Run("a file answers by scenario, with a letter or {answer, hints}", func(t *testing.T) {
		s, err := ParseAnswers("a.yaml", []byte("lab:\n  q1: b\n  q2: {answer: c, hints: 2}\n"))
		if err != nil {
			t.Fatal(err)
		}
		a := s.For("lab")
		if a["q1"] != (Answer{Choice: "b"}) || a["q2"] != (Answer{Choice: "c", Hints: 2}) {
			t.Errorf("For(lab) = %v", a)
		}
		if other := s.For("other"); other != nil {
			t.Errorf("a scenario the file does not name has answers %v", other)
		}
	})
	for _, c := range []struct{ name, src, msg string }{
		{"a file that is not a map of maps", "lab: [a, b]\n", "a.yaml: yaml: unmarshal errors"},
		{"a list as an answer", "lab:\n  q1: [a]\n", "a.yaml: lab.q1: give a letter or {answer, hints}"},
		{"hints that are not a number", "lab:\n  q1: {answer: b, hints: many}\n", "a.yaml: lab.q1: yaml:"},
	} {
		t.Run(c.name+" is an error", func(t *testing.T) {
			if _, err := ParseAnswers("a.yaml", []byte(c.src)); err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want it to contain %q", err, c.msg)
			}
		})
	}
}

// An answer sheet's typo is an error that names the nearest right word,
// never a question silently left unanswered.
func TestAnswerSheetCheckReportsWhatCannotBeGraded(t *testing.T) {
	parse := func(name, src string) *Scenario {
		sc, diags := Parse(name+".yaml", []byte(src))
		if sc == nil {
			t.Fatal(diags)
		}
		return sc
	}
	const quiz = `
steps: []
end: 1h
quiz:
  - {id: image-contents, question: Q, choices: [one, two, three], answer: b, explanation: E.}
  - {id: copy-facts, question: Q, choices: [one, two, three, four], answer: [b, d], explanation: E.}
`
	tutorial := parse("tutorial", "name: console-tutorial"+quiz)
	other := parse("other", "name: other\nsteps: []\nend: 1h\nquiz:\n  - {id: only-here, question: Q, choices: [one, two], answer: a, explanation: E.}\n")
	file := func(src string) AnswerSheet {
		s, err := ParseAnswers("a.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	inline := func(src string) AnswerSheet {
		s, err := InlineAnswers(src)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		rule   string
		sheet  AnswerSheet
		graded []*Scenario
		want   string // "" for no problem
	}{
		{"a misspelt scenario name is an error with the nearest name", file("console-tutoral: {image-contents: b}"), []*Scenario{tutorial},
			`a.yaml: console-tutoral: no scenario of this name is being tested; did you mean "console-tutorial"?`},
		{"a misspelt quiz id is an error with the nearest id", file("console-tutorial: {image-contnets: b}"), []*Scenario{tutorial},
			`a.yaml: console-tutorial has no question "image-contnets"; did you mean "image-contents"?`},
		{"a letter past the choices is an error", file("console-tutorial: {image-contents: d}"), []*Scenario{tutorial},
			`a.yaml: console-tutorial.image-contents: "d" is not one of its choices, a to c`},
		{"a letter past the choices in a list is an error", file("console-tutorial: {copy-facts: [b, e]}"), []*Scenario{tutorial},
			`a.yaml: console-tutorial.copy-facts: "e" is not one of its choices, a to d`},
		{"an inline id no scenario has is an error listing the questions", inline("nosuch=b"), []*Scenario{tutorial},
			`nosuch=b: console-tutorial has no question "nosuch"; its questions: image-contents, copy-facts`},
		{"a misspelt inline id is an error with the nearest id", inline("copy-fact=b,d"), []*Scenario{tutorial, other},
			`copy-fact=b,d: no scenario being tested has a question "copy-fact"; did you mean "copy-facts"?`},
		{"an inline letter past the choices is an error", inline("image-contents=b,x"), []*Scenario{tutorial},
			`image-contents=b,x: "x" is not one of its choices, a to c`},
		{"an inline answer needs a question in one of the scenarios only", inline("only-here=a,copy-facts=b,d"), []*Scenario{tutorial, other}, ""},
		{"a wrong answer is no problem of the sheet: it is graded wrong", file("console-tutorial: {image-contents: a, copy-facts: [a, b]}"), []*Scenario{tutorial}, ""},
		{"a file naming every scenario tested is fine", file("console-tutorial: {image-contents: b}\nother: {only-here: a}"), []*Scenario{tutorial, other}, ""},
	} {
		t.Run(c.rule, func(t *testing.T) {
			got := strings.Join(c.sheet.Check(c.graded), "\n")
			if got != c.want {
				t.Errorf("Check =\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

const gradeLab = `
name: grade-lab
setup:
  timings: {boot/ebs/linux: 10s}
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - after: 2m
    action: StopInstances
    params: {InstanceIds: web}
    expect_error: IncorrectInstanceState
end: 1h
checks:
  - name: web is running
    expect: web.state == "running"
    explain: it was never stopped
  - name: web is stopped
    expect: web.state == "stopped"
    explain: a stop takes effect
quiz:
  - id: late
    at: 30m
    question: Which?
    choices: [one, two, three]
    answer: b
    explanation: "Two,
      on two lines."
    points: 3
    hints: [{text: a clue, penalty: 1}]
  - id: early
    at: 1m
    question: Which?
    choices: [one, two]
    answer: a
    explanation: One.
    points: 2
  - id: wrong
    at: 5m
    question: Which?
    choices: [one, two]
    answer: a
    explanation: "One,
      indeed."
  - id: bad-letter
    at: 6m
    question: Which?
    choices: [one, two]
    answer: a
    explanation: One.
  - id: unanswered
    at: 7m
    question: Which?
    choices: [one, two]
    answer: a
    explanation: One.
`

func TestGrade(t *testing.T) {
	sc, r := ranToEnd(t, "grade-lab.yaml", gradeLab)
	sheet, err := ParseAnswers("a.yaml", []byte(`grade-lab:
  late: {answer: B, hints: 1}
  early: a
  wrong: b
  bad-letter: z
`))
	if err != nil {
		t.Fatal(err)
	}
	g := Grade(r, sheet)
	byName := map[string]Result{}
	for i, res := range g.Results {
		byName[res.Name] = res
		if i > 0 && g.Results[i-1].TS > res.TS {
			t.Errorf("results are not in timeline order: %v before %v", g.Results[i-1], res)
		}
	}
	want := []struct {
		rule, name   string
		kind         ResultKind
		pass, scored bool
		detail       string
	}{
		{"an expected error that does not come fails", "StopInstances fails with IncorrectInstanceState (line 9)", ResultExpectation, false, true, "got the call succeeded"},
		{"a failed check says why it matters", "web is running", ResultCheck, false, true, `(it was never stopped)`},
		{"a passed check keeps its explanation to itself", "web is stopped", ResultCheck, true, true, ""},
		{"a right answer after a hint earns the points less the penalty", "late", ResultQuiz, true, true, "b is right (+2)"},
		{"a right answer earns the question's points", "early", ResultQuiz, true, true, "a is right (+2)"},
		{"a wrong answer fails with the explanation on one line", "wrong", ResultQuiz, false, true, "answered b, the answer is a: One, indeed."},
		{"a letter past the choices fails", "bad-letter", ResultQuiz, false, true, `answer "z" is not one of a–b`},
		{"a question with no answer is not scored", "unanswered", ResultQuiz, false, false, "not scored (no answer given)"},
	}
	for _, w := range want {
		t.Run(w.rule, func(t *testing.T) {
			res, ok := byName[w.name]
			if !ok {
				t.Fatalf("no result named %q in %v", w.name, g.Results)
			}
			if res.Kind != w.kind || res.Pass != w.pass || res.Scored != w.scored || !strings.Contains(res.Detail, w.detail) {
				t.Errorf("got %+v", res)
			}
			if w.detail == "" && strings.Contains(res.Detail, "a stop takes effect") {
				t.Errorf("a passed check shows its explanation: %q", res.Detail)
			}
		})
	}
	if len(g.Results) != len(want) {
		t.Errorf("%d results, want %d: %v", len(g.Results), len(want), g.Results)
	}
	t.Run("the score adds the points of the right answers, out of every question's points", func(t *testing.T) {
		if g.Points != 4 || g.MaxPoints != 3+2+1+1+1 || g.MaxPoints != sc.QuizPoints() || g.Answered != 4 {
			t.Errorf("points %d of %d, %d answered", g.Points, g.MaxPoints, g.Answered)
		}
	})
	t.Run("the tally counts only scored results", func(t *testing.T) {
		if p, f := g.Tally(); p != 3 || f != 4 {
			t.Errorf("Tally = %d passed, %d failed; want 3, 4", p, f)
		}
	})
	t.Run("inline answers grade every scenario", func(t *testing.T) {
		s, err := InlineAnswers("early=a")
		if err != nil {
			t.Fatal(err)
		}
		if g := Grade(r, s); g.Points != 2 || g.Answered != 1 {
			t.Errorf("points %d, %d answered", g.Points, g.Answered)
		}
	})
}

// A run fails for exactly the reasons test prints as FAIL (quizzes
// aside), so `ec2sim run` and `ec2sim test` never disagree; a step that
// fails without expect_error is one of them.
func TestRunFailuresAreTheFailRowsOfItsGrade(t *testing.T) {
	src := `name: unexpected
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - after: 1m
    action: StartInstances
    params: {InstanceIds: web}
  - after: 1m
    action: TerminateInstances
    params: {InstanceIds: web}
  - after: 1m
    action: StopInstances
    params: {InstanceIds: web}
checks:
  - name: terminated
    expect: web.state == "terminated"
`
	_, r := ranToEnd(t, "unexpected.yaml", src)
	failRows := 0
	for _, res := range Grade(r, AnswerSheet{}).Results {
		if res.Kind != ResultQuiz && !res.Pass {
			failRows++
		}
	}
	if failRows == 0 || r.Failures() != failRows {
		t.Errorf("Failures() = %d, FAIL rows = %d; want the same, and at least the unexpected StopInstances", r.Failures(), failRows)
	}
}
