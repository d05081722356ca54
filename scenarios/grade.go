package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Failures counts what makes a run a failure, for every driver: failed
// checks and expectations, steps that failed without expecting to, steps
// that waited in vain, and a run cut short by a limit. It counts exactly the
// FAIL rows Grade reports for the run itself.
func (r *Run) Failures() int {
	n := len(r.TimedOut) + len(r.Failed)
	for _, x := range r.Expectations {
		if !x.OK() {
			n++
		}
	}
	for _, c := range r.Checks {
		if !c.Pass {
			n++
		}
	}
	if r.Stopped != "" {
		n++
	}
	return n
}

// Choice reads an answer given as a letter: "a" is the first choice. Case
// and surrounding space do not matter. It is false for anything that is not
// the letter of one of q's choices. Every driver and the loader read answer
// letters here, and only here.
func (q Quiz) Choice(letter string) (int, bool) {
	s := strings.ToLower(strings.TrimSpace(letter))
	if len(s) != 1 || s[0] < 'a' || int(s[0]-'a') >= len(q.Choices) {
		return 0, false
	}
	return int(s[0] - 'a'), true
}

// Letter is the letter that names choice i (0 is "a"): what Choice reads.
func Letter(i int) string { return string(rune('a' + i)) }

// Score is the one scoring rule of a quiz, for every driver. A right choice
// earns q.Points less the penalties of the first hintsTaken hints, and never
// less than zero; hints beyond q.Hints cost nothing, as there is nothing more
// to take. A wrong choice earns zero, whatever the hints.
func (q Quiz) Score(choice int, hintsTaken int) (correct bool, points int) {
	if choice != q.Answer {
		return false, 0
	}
	penalty := 0
	for _, h := range q.Hints[:min(max(hintsTaken, 0), len(q.Hints))] {
		penalty += h.Penalty
	}
	return true, max(0, q.Points-penalty)
}

// QuizPoints is the most a student can score in sc: every question's
// points, with no hint taken.
func (sc *Scenario) QuizPoints() int {
	n := 0
	for _, q := range sc.Quizzes {
		n += q.Points
	}
	return n
}

// Answer is a student's answer to one question.
type Answer struct {
	Choice string // the letter as given; Quiz.Choice reads it
	Hints  int    // hints taken before answering
}

// AnswerSheet holds the answers `ec2sim test` grades quizzes with.
type AnswerSheet struct {
	ByScenario map[string]map[string]Answer // scenario name → quiz id → answer
	Every      map[string]Answer            // quiz id → answer, for any scenario ByScenario does not name
}

// For returns the answers for the scenario called name, by quiz id.
func (s AnswerSheet) For(name string) map[string]Answer {
	if a, ok := s.ByScenario[name]; ok {
		return a
	}
	return s.Every
}

// InlineAnswers reads answers written "id=b,id2=c", which apply to every
// scenario and take no hints.
func InlineAnswers(s string) (AnswerSheet, error) {
	every := map[string]Answer{}
	for _, pair := range strings.Split(s, ",") {
		id, choice, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok || id == "" || choice == "" {
			return AnswerSheet{}, fmt.Errorf("%q: write quiz-id=letter", pair)
		}
		every[id] = Answer{Choice: choice}
	}
	return AnswerSheet{Every: every}, nil
}

// ParseAnswers reads an answers file, YAML {scenario-name: {quiz-id: b}},
// where an answer may also be {answer: b, hints: 1} to charge the hints'
// penalties. name is the file's name, for error messages.
func ParseAnswers(name string, data []byte) (AnswerSheet, error) {
	var raw map[string]map[string]yaml.Node
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return AnswerSheet{}, fmt.Errorf("%s: %v (expected {scenario-name: {quiz-id: letter}})", name, err)
	}
	sheet := AnswerSheet{ByScenario: map[string]map[string]Answer{}}
	for scName, qs := range raw {
		sheet.ByScenario[scName] = map[string]Answer{}
		for id, n := range qs {
			a := Answer{}
			switch n.Kind {
			case yaml.ScalarNode:
				a.Choice = n.Value
			case yaml.MappingNode:
				var v struct {
					Answer string `yaml:"answer"`
					Hints  int    `yaml:"hints"`
				}
				if err := n.Decode(&v); err != nil {
					return AnswerSheet{}, fmt.Errorf("%s: %s.%s: %v", name, scName, id, err)
				}
				a = Answer{v.Answer, v.Hints}
			default:
				return AnswerSheet{}, fmt.Errorf("%s: %s.%s: give a letter or {answer, hints}", name, scName, id)
			}
			sheet.ByScenario[scName][id] = a
		}
	}
	return sheet, nil
}

// ResultKind says what a graded item is. The strings are part of the JSON
// that `ec2sim test --json` prints.
type ResultKind string

const (
	ResultExpectation ResultKind = "expectation" // a step expected to fail with a code
	ResultStep        ResultKind = "step"        // a step that failed without expecting to
	ResultWait        ResultKind = "wait"        // a `when` step whose condition never came true
	ResultRun         ResultKind = "run"         // the run was cut short by a limit
	ResultCheck       ResultKind = "check"
	ResultQuiz        ResultKind = "quiz"
)

// Result is one graded item of a run. Field names are a stable JSON
// contract.
type Result struct {
	Kind   ResultKind `json:"kind"`
	Name   string     `json:"name"`
	Pass   bool       `json:"pass"`
	Scored bool       `json:"scored"` // false for a question with no answer: it neither passes nor fails
	TS     float64    `json:"t_s"`    // simulated seconds since the scenario's start
	Detail string     `json:"detail"`
}

// Grades is a finished run, graded: every expectation, check, unexpected
// step failure, vain wait, limit and answered question, in timeline order.
// Field names are a stable JSON contract.
type Grades struct {
	Scenario  string   `json:"scenario"`
	File      string   `json:"file"`
	Seed      uint64   `json:"seed"`
	Results   []Result `json:"results"`
	Points    int      `json:"quiz_points"`     // scored by Quiz.Score
	MaxPoints int      `json:"quiz_max_points"` // Scenario.QuizPoints
	Answered  int      `json:"-"`               // questions that had an answer
}

// Tally counts the scored results that passed and failed.
func (g Grades) Tally() (passed, failed int) {
	for _, res := range g.Results {
		switch {
		case !res.Scored:
		case res.Pass:
			passed++
		default:
			failed++
		}
	}
	return passed, failed
}

// Grade grades a run that has ended, with the answers the sheet gives for
// its scenario. A question without an answer is listed but not scored.
func Grade(r *Run, answers AnswerSheet) Grades {
	sc := r.Scenario
	g := Grades{Scenario: sc.Name, File: sc.File, Seed: r.Seed, MaxPoints: sc.QuizPoints()}
	for _, x := range r.Expectations {
		got := string(x.Got)
		if got == "" {
			got = "the call succeeded"
		}
		g.Results = append(g.Results, Result{ResultExpectation, fmt.Sprintf("%s fails with %s (line %d)", x.Step.Action.Name, x.Want, x.Step.Pos.Line),
			x.OK(), true, x.T.Seconds(), "got " + got})
	}
	for _, f := range r.Failed {
		g.Results = append(g.Results, Result{ResultStep, f.Action + " failed unexpectedly", false, true, f.T.Seconds(), f.Error + ": " + f.Message})
	}
	for _, st := range r.TimedOut {
		g.Results = append(g.Results, Result{ResultWait, fmt.Sprintf("%s at line %d waits for %s", st.Action.Name, st.Pos.Line, st.When.Src),
			false, true, 0, "the condition never came true within " + st.Timeout.Compact()})
	}
	if r.Stopped != "" {
		g.Results = append(g.Results, Result{ResultRun, "the run reaches its end", false, true, r.World.Now().Seconds(), r.Stopped})
	}
	for _, c := range r.Checks {
		detail := c.Got
		if !c.Pass && c.Check.Explain != "" {
			detail += " (" + strings.TrimSpace(c.Check.Explain) + ")"
		}
		g.Results = append(g.Results, Result{ResultCheck, c.Check.Name, c.Pass, true, c.T.Seconds(), detail})
	}
	mine := answers.For(sc.Name)
	for _, q := range sc.Quizzes {
		res := Result{Kind: ResultQuiz, Name: q.ID, TS: q.At.Seconds()}
		a, ok := mine[q.ID]
		if !ok {
			res.Detail = "well formed; not scored (no answer given)"
			g.Results = append(g.Results, res)
			continue
		}
		res.Scored = true
		g.Answered++
		choice, ok := q.Choice(a.Choice)
		if !ok {
			res.Detail = fmt.Sprintf("answer %q is not one of a–%s", a.Choice, Letter(len(q.Choices)-1))
			g.Results = append(g.Results, res)
			continue
		}
		if correct, points := q.Score(choice, a.Hints); correct {
			res.Pass = true
			g.Points += points
			res.Detail = fmt.Sprintf("%s is right (+%d)", Letter(q.Answer), points)
		} else {
			res.Detail = fmt.Sprintf("answered %s, the answer is %s: %s", a.Choice, Letter(q.Answer), oneLine(q.Explanation))
		}
		g.Results = append(g.Results, res)
	}
	// In timeline order, as they happened.
	slices.SortStableFunc(g.Results, func(a, b Result) int { return cmp.Compare(a.TS, b.TS) })
	return g
}

// oneLine folds text written over several YAML lines into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
