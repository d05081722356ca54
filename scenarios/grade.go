package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
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

// Score scores a single choice: ScoreResponse of that one letter.
func (q Quiz) Score(choice int, hintsTaken int) (correct bool, points int) {
	return q.ScoreResponse([]int{choice}, hintsTaken)
}

// ScoreResponse is the one scoring rule of a quiz, for every driver. A
// response is right when it holds every right choice and no wrong one, as
// AWS's exams score multiple-response questions ("Exam content": no partial
// credit, https://docs.aws.amazon.com/aws-certification/latest/examguides/exam-content.html).
// A right response earns q.Points less the penalties of the first
// hintsTaken hints, and never less than zero. A wrong one earns zero,
// whatever the hints.
func (q Quiz) ScoreResponse(chosen []int, hintsTaken int) (correct bool, points int) {
	c := slices.Clone(chosen)
	slices.Sort(c)
	if !slices.Equal(slices.Compact(c), q.Right()) {
		return false, 0
	}
	return true, max(0, q.Points-penalty(q.Hints, hintsTaken))
}

// Right is every right choice, ascending: Answers, or Answer alone for a
// question built without them.
func (q Quiz) Right() []int {
	if len(q.Answers) == 0 {
		return []int{q.Answer}
	}
	return q.Answers
}

// Response reads a response written as letters: "b", or "a,c" (commas or
// spaces between, "a, c" and "a c" alike) for a multiple-response question.
// It is false when a letter is not one of q's choices, or none is given.
func (q Quiz) Response(s string) ([]int, bool) {
	out, err := q.response(s)
	return out, err == nil
}

// response is Response with the reason a response cannot be read.
func (q Quiz) response(s string) ([]int, error) {
	var out []int
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		i, ok := q.Choice(l)
		if !ok {
			return nil, fmt.Errorf("%q is not one of its choices, a to %s", l, Letter(len(q.Choices)-1))
		}
		out = append(out, i)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no letter given; its choices are a to %s", Letter(len(q.Choices)-1))
	}
	return out, nil
}

// Letters names choices by their letters: "a, c".
func Letters(choices []int) string {
	var ls []string
	for _, i := range choices {
		ls = append(ls, Letter(i))
	}
	return strings.Join(ls, ", ")
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
	File       string                       // the answers file it was read from, for messages; "" inline
}

// For returns the answers for the scenario called name, by quiz id.
func (s AnswerSheet) For(name string) map[string]Answer {
	if a, ok := s.ByScenario[name]; ok {
		return a
	}
	return s.Every
}

// InlineAnswers reads answers written on one line, "id=b,id2=c", which
// apply to every scenario and take no hints. The letters of a
// multiple-response answer are separated by commas too, "id=a,c,id2=b": a
// piece without "=" is one more letter of the answer before it, which is
// unambiguous, as every answer starts with its quiz id and "=". (Letters
// separated by spaces, "id=a c", read the same: Response splits on both.)
func InlineAnswers(s string) (AnswerSheet, error) {
	every := map[string]Answer{}
	last := ""
	for _, piece := range strings.Split(s, ",") {
		piece = strings.TrimSpace(piece)
		id, choice, ok := strings.Cut(piece, "=")
		switch {
		case ok && id != "" && choice != "":
			if _, dup := every[id]; dup {
				return AnswerSheet{}, fmt.Errorf("%q is answered twice", id)
			}
			every[id] = Answer{Choice: choice}
			last = id
		case !ok && last != "" && len(piece) == 1 && strings.ContainsAny(strings.ToLower(piece), "abcdefghijklmnopqrstuvwxyz"):
			a := every[last]
			a.Choice += "," + piece
			every[last] = a
		default:
			return AnswerSheet{}, fmt.Errorf("%q: write quiz-id=letter, and more letters after commas for a multiple-response question (id=a,c)", piece)
		}
	}
	return AnswerSheet{Every: every}, nil
}

// ParseAnswers reads an answers file, YAML {scenario-name: {quiz-id: b}},
// where an answer may also be a list of letters ([a, c]) for a
// multiple-response question, or {answer: b, hints: 1} to charge the hints'
// penalties. name is the file's name, for error messages.
func ParseAnswers(name string, data []byte) (AnswerSheet, error) {
	var raw map[string]map[string]yaml.Node
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return AnswerSheet{}, fmt.Errorf("%s: %v (expected {scenario-name: {quiz-id: letter}})", name, err)
	}
	sheet := AnswerSheet{ByScenario: map[string]map[string]Answer{}, File: name}
	for scName, qs := range raw {
		sheet.ByScenario[scName] = map[string]Answer{}
		for id, n := range qs {
			a, err := readAnswer(&n)
			if err != nil {
				return AnswerSheet{}, fmt.Errorf("%s: %s.%s: %v", name, scName, id, err)
			}
			sheet.ByScenario[scName][id] = a
		}
	}
	return sheet, nil
}

// Check reports every answer of the sheet that cannot be graded on the
// scenarios graded, one line each: a scenario name none of them has, a
// quiz id that is not one of the scenario's questions, a response that is
// not letters of the question's choices. An answer for every scenario
// (Every) must fit a question of one of those it applies to. A typo in an
// answer sheet must never pass for a question left unanswered, which is not
// scored and fails nothing.
func (s AnswerSheet) Check(graded []*Scenario) []string {
	byName := map[string][]*Scenario{}
	var names []string
	var takers []*Scenario // the scenarios Every applies to
	for _, sc := range graded {
		if byName[sc.Name] == nil {
			names = append(names, sc.Name)
		}
		byName[sc.Name] = append(byName[sc.Name], sc)
		if _, ok := s.ByScenario[sc.Name]; !ok {
			takers = append(takers, sc)
		}
	}
	where := func(path string) string {
		if s.File != "" {
			return s.File + ": " + path
		}
		return path
	}
	var out []string
	for _, name := range sortedKeys(s.ByScenario) {
		scs := byName[name]
		if len(scs) == 0 {
			out = append(out, fmt.Sprintf("%s: no scenario of this name is being tested%s", where(name), didYouMean(name, names)))
			continue
		}
		for _, id := range sortedKeys(s.ByScenario[name]) {
			switch msg, unknown := answerProblem(scs, id, s.ByScenario[name][id]); {
			case unknown && s.File != "":
				out = append(out, s.File+": "+msg)
			case unknown:
				out = append(out, msg)
			case msg != "":
				out = append(out, where(name+"."+id)+": "+msg)
			}
		}
	}
	for _, id := range sortedKeys(s.Every) {
		if msg, _ := answerProblem(takers, id, s.Every[id]); msg != "" {
			out = append(out, where(id+"="+s.Every[id].Choice)+": "+msg)
		}
	}
	return out
}

// answerProblem says why a cannot answer question id of the scenarios scs,
// or "", and whether it is because none of them has such a question (the
// message then names the scenario).
func answerProblem(scs []*Scenario, id string, a Answer) (msg string, unknown bool) {
	var ids []string
	found := false
	for _, sc := range scs {
		for _, q := range sc.Quizzes {
			if !slices.Contains(ids, q.ID) {
				ids = append(ids, q.ID)
			}
			if q.ID != id {
				continue
			}
			found = true
			if _, err := q.response(a.Choice); err != nil {
				if len(scs) > 1 {
					return fmt.Sprintf("%v (the question of %s)", err, sc.Name), false
				}
				return err.Error(), false
			}
		}
	}
	if found {
		return "", false
	}
	msg = fmt.Sprintf("no scenario being tested has a question %q", id)
	if len(scs) == 1 {
		msg = fmt.Sprintf("%s has no question %q", scs[0].Name, id)
	}
	switch hint := didYouMean(id, ids); {
	case hint != "":
		msg += hint
	case len(ids) == 0 && len(scs) == 1:
		msg += " (it has no quiz)"
	case len(ids) > 0 && len(ids) <= 8 && len(scs) == 1:
		msg += "; its questions: " + strings.Join(ids, ", ")
	case len(ids) > 0 && len(ids) <= 8:
		slices.Sort(ids)
		msg += "; the questions are " + strings.Join(ids, ", ")
	}
	return msg, true
}

// didYouMean is `; did you mean "x"?` for the known word closest to got,
// from model.Suggest, or "".
func didYouMean(got string, known []string) string {
	if s := model.Suggest(got, known); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
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
	ResultTask        ResultKind = "task" // an exercise's goal: done, or open
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

	TasksDone     int `json:"tasks_done,omitempty"`
	Tasks         int `json:"tasks,omitempty"`
	TaskPoints    int `json:"task_points,omitempty"`     // scored by Task.Score
	TaskMaxPoints int `json:"task_max_points,omitempty"` // Scenario.TaskPoints
	HintsUsed     int `json:"hints_used,omitempty"`      // hints taken, of tasks and questions
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
//
// An exercise's tasks are listed too: a task done passes; one not done is
// open (listed, not scored), as the lab itself is not the student's work,
// unless the run plays the lab's reference solution (Solved): then it
// fails, for the solution should reach every task.
func Grade(r *Run, answers AnswerSheet) Grades {
	return grade(r, answers.For(r.Scenario.Name), nil, false)
}

// grade grades a run with one student's answers and task hints. For a
// student's work (GradeSubmission), the actions' own outcomes are not
// graded (what a call returned is the student's business, not a rule of
// the lab), a task not done fails, and so does a question left unanswered.
func grade(r *Run, mine map[string]Answer, hints map[string]int, student bool) Grades {
	sc := r.Scenario
	g := Grades{Scenario: sc.Name, File: sc.File, Seed: r.Seed, MaxPoints: sc.QuizPoints(),
		Tasks: len(sc.Tasks), TaskMaxPoints: sc.TaskPoints()}
	for _, t := range r.Tasks {
		n := min(hints[t.Task.ID], len(t.Task.Hints))
		g.HintsUsed += n
		res := Result{Kind: ResultTask, Name: t.Task.ID, Pass: t.Done, Scored: t.Done || sc.solved || student,
			TS: t.T.Seconds(), Detail: taskDetail(t, sc.solved)}
		if t.Done {
			g.TasksDone++
			pts := t.Task.Score(true, n)
			g.TaskPoints += pts
			res.Detail += fmt.Sprintf(" (+%d", pts)
			if n > 0 {
				res.Detail += fmt.Sprintf(", %d hint(s) taken", n)
			}
			res.Detail += ")"
		} else {
			res.TS = r.World.Now().Seconds()
		}
		g.Results = append(g.Results, res)
	}
	for _, x := range r.Expectations {
		if student {
			break
		}
		got := string(x.Got)
		if got == "" {
			got = "the call succeeded"
		}
		g.Results = append(g.Results, Result{ResultExpectation, fmt.Sprintf("%s fails with %s (line %d)", x.Step.Action.Name, x.Want, x.Step.Pos.Line),
			x.OK(), true, x.T.Seconds(), "got " + got})
	}
	for _, f := range r.Failed {
		if student {
			break
		}
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
	for _, q := range sc.Quizzes {
		res := Result{Kind: ResultQuiz, Name: q.ID, TS: q.At.Seconds()}
		a, ok := mine[q.ID]
		if !ok {
			res.Detail = "well formed; not scored (no answer given)"
			if student {
				res.Scored, res.Detail = true, "no answer given"
			}
			g.Results = append(g.Results, res)
			continue
		}
		res.Scored = true
		g.Answered++
		g.HintsUsed += min(max(a.Hints, 0), len(q.Hints))
		chosen, ok := q.Response(a.Choice)
		if !ok {
			res.Detail = fmt.Sprintf("answer %q is not one of a–%s", a.Choice, Letter(len(q.Choices)-1))
			g.Results = append(g.Results, res)
			continue
		}
		if correct, points := q.ScoreResponse(chosen, a.Hints); correct {
			res.Pass = true
			g.Points += points
			res.Detail = fmt.Sprintf("%s is right (+%d)", Letters(q.Right()), points)
		} else {
			res.Detail = fmt.Sprintf("answered %s, the answer is %s: %s", a.Choice, Letters(q.Right()), oneLine(q.Explanation))
		}
		g.Results = append(g.Results, res)
	}
	// In timeline order, as they happened.
	slices.SortStableFunc(g.Results, func(a, b Result) int { return cmp.Compare(a.TS, b.TS) })
	return g
}

// oneLine folds text written over several YAML lines into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// StudentGrade is one student's row of `ec2sim grade`. Field names are a
// stable JSON contract. Error says why a submission could not be graded;
// its row then scores nothing.
type StudentGrade struct {
	Student    string   `json:"student"`
	File       string   `json:"file"`
	Error      string   `json:"error,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
	TasksDone  int      `json:"tasks_done"`
	Tasks      int      `json:"tasks"`
	TaskPoints int      `json:"task_points"`
	HintsUsed  int      `json:"hints_used"`
	QuizPoints int      `json:"quiz_points"`
	QuizMax    int      `json:"quiz_max_points"`
	Total      int      `json:"total"`     // task and quiz points
	MaxTotal   int      `json:"max_total"` // with every task done and every answer right, no hint taken
	Pass       bool     `json:"pass"`      // every task done, every check passed, every question right
	Results    []Result `json:"results,omitempty"`
}

// GradeSubmission replays a submission's actions on the instructor's lab
// (lab, parsed from labSrc) and grades the result with the lab's own tasks,
// checks and answer key. Nothing of the submission but the student's
// actions, answers and hints taken counts; the answers and hints are as the
// file reports them (see Submission). A submission made on another version
// of the lab is graded against this one, with a warning, and so is one
// without the hints record every written submission has.
func GradeSubmission(lab *Scenario, labSrc []byte, sub *Submission) StudentGrade {
	row := StudentGrade{Student: sub.Student, File: sub.File, Tasks: len(lab.Tasks), QuizMax: lab.QuizPoints()}
	row.MaxTotal = lab.TaskPoints() + row.QuizMax
	if sub.Lab != lab.Name {
		row.Error = fmt.Sprintf("it is a submission for lab %q, not %q", sub.Lab, lab.Name)
		return row
	}
	switch sub.LabSHA256 {
	case LabHash(labSrc):
	case "":
		row.Warnings = append(row.Warnings, "it does not say which version of the lab it was made on; graded against this one")
	default:
		row.Warnings = append(row.Warnings, "it was made on another version of the lab; graded against this one")
	}
	if !sub.HasHints && !sub.Export && len(lab.Tasks) > 0 {
		row.Warnings = append(row.Warnings, "it has no hints: record, which ec2sim always writes: graded as if no task hint was taken")
	}
	if len(sub.Ignored) > 0 {
		row.Warnings = append(row.Warnings, "ignored (a submission's own rules never grade it): "+strings.Join(sub.Ignored, ", "))
	}
	sc, err := lab.withActions(sub)
	if err != nil {
		row.Error = err.Error()
		return row
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		row.Error = err.Error()
		return row
	}
	r.NoSeries = true
	if sub.HasTime {
		r.runUntil(sub.Time)
	} else {
		r.RunToEnd()
	}
	g := grade(r, sub.Answers, sub.Hints, true)
	row.Results = g.Results
	row.TasksDone, row.TaskPoints, row.HintsUsed, row.QuizPoints = g.TasksDone, g.TaskPoints, g.HintsUsed, g.Points
	row.Total = row.TaskPoints + row.QuizPoints
	_, failed := g.Tally()
	row.Pass = failed == 0
	return row
}

// withActions is the lab with a submission's actions as its sandbox,
// checked against the lab as the loader checks a sandbox. What the actions
// expected of their calls is dropped: it is not the lab's to grade.
func (sc *Scenario) withActions(sub *Submission) (*Scenario, error) {
	c := *sc
	c.Sandbox, c.solved = nil, false
	if sub.Actions == nil || sub.Actions.Tag == "!!null" {
		return &c, nil
	}
	sink := &diagSink{file: sub.File}
	p := &parser{sink: sink, sc: &c, names: map[string]Pos{}, kinds: cloneKinds(sc.kinds)}
	acts := p.actions(sub.Actions, "actions", false)
	if sink.ds.Errors() > 0 {
		sink.ds.sort()
		return nil, fmt.Errorf("its actions do not fit the lab: %s", oneLine(sink.ds.Error()))
	}
	for i := range acts {
		acts[i].ExpectError = ""
	}
	c.Sandbox, c.kinds = acts, p.kinds
	return &c, nil
}

// runUntil replays up to simulated time t, the moment the student handed
// in, and ends the run there: what was still under way then does not count,
// as the student's own screen showed. A run that reached its end earlier
// has ended already.
func (r *Run) runUntil(t sim.Time) {
	for {
		next, ok := r.NextAt()
		if !ok || next > t || !r.Step() {
			break
		}
	}
	if r.Stopped == "" && r.World.Now() < t {
		r.World.AdvanceTo(t)
	}
	r.evalTasks()
	r.finish()
}
