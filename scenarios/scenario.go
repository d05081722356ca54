// Package scenarios reads instructors' YAML scenario files, checks them, and
// replays them against the model on a deterministic simulated clock.
//
// A scenario names its resources ("web", "golden") so later steps and checks
// never need the generated IDs. Files are untrusted input: nothing in a
// scenario can read other files, run commands or reach the network, and
// every problem is reported with its file:line:col.
//
// The package does no I/O of its own beyond reading the embedded library;
// callers hand it bytes and a file name (package files reads them). It is
// the one home of what every driver shares, so the CLI, the terminal UI and
// the server never hold a rule of their own:
//
//   - the format and its checks: load.go (top level, setup, steps),
//     params.go (what step parameters may hold), exprcheck.go, checks.go,
//     quiz.go, task.go, and one file per best-practice warning (warn_*.go,
//     warnings.go);
//   - what checks can read of each resource kind: fields.go (one table per
//     kind; docs/scenario-format.md's field reference is tested against it);
//   - the replay: run.go (Run), session.go (stepping back, the sandbox,
//     exports, submissions), record.go (log records and their one text
//     format), textreport.go (the run's, the bill's text reports);
//   - what a run means: grade.go (failures, quiz and task scoring, grading
//     a submission), gradereport.go (the class table and CSV);
//   - the sandbox's short commands: command.go; names for what a student
//     creates: naming.go;
//   - text from files and requests made safe for a terminal: sanitize.go.
package scenarios

import (
	"time"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// Scenario is a parsed, checked scenario file.
type Scenario struct {
	File       string // where it came from, for diagnostics
	Name       string
	Title      string
	Summary    string
	Objectives []string
	Level      string
	Tags       []string
	Minutes    int

	Seed     uint64
	Start    time.Time
	Region   string // default region of steps
	Accounts []model.Account
	FreeTier bool
	Keys     []model.KMSKeySpec
	Quotas   model.Quotas // the accounts' service quotas (setup.limits)
	Timings  map[string]sim.Dist
	End      sim.Time // run until this time; 0 means until the queue is empty
	HasEnd   bool

	Prices map[string]model.Money // catalogue price overrides, by price key

	Limits Limits // what the file was parsed with; Events bounds each run

	Steps    []Step
	Sandbox  []Step // actions a student took in the terminal UI, at absolute times (At)
	Checks   []Check
	Quizzes  []Quiz
	Tasks    []Task // goals the student reaches by acting: the scenario is then an exercise
	Solution []Step // the instructor's reference actions, same shape as Sandbox

	kinds         map[string]model.ResourceKind // scenario name → resource kind
	solutionKinds map[string]model.ResourceKind // what the solution names, for Solved
	solved        bool                          // Sandbox is the reference solution (Solved)
}

// Exercise reports whether the scenario has tasks: the student acts, and
// the tasks, checks and answer key grade what they did.
func (sc *Scenario) Exercise() bool { return len(sc.Tasks) > 0 }

// Task is a goal of an exercise: done once Goal is true at some moment,
// by the Deadline when it has one. Once done it stays done, as a checklist
// ticks.
type Task struct {
	Pos         Pos
	ID          string
	Text        string // shown to the student
	Goal        *Expr
	Points      int
	Hints       []Hint
	Deadline    sim.Time // simulated time since the start, when HasDeadline
	HasDeadline bool
}

// Check is an expectation evaluated at a point of the timeline.
type Check struct {
	Pos     Pos
	Name    string
	At      sim.Time // when HasAt; otherwise at the end
	HasAt   bool
	Expect  *Expr
	Explain string
}

// Quiz is a multiple-choice question asked at a point of the timeline.
type Quiz struct {
	Pos         Pos
	ID          string
	At          sim.Time
	Question    string
	Choices     []string
	Answer      int   // index into Choices of the first right choice: Answers[0]
	Answers     []int // every right choice, ascending; more than one for a multiple-response question
	Explanation string
	Hints       []Hint
	Points      int
}

// Hint is a clue a student may take, for a penalty in points, from
// simulated time After on (0: at once).
type Hint struct {
	Text    string
	Penalty int
	After   sim.Time
}

// Available reports whether the hint may be taken at simulated time now.
func (h Hint) Available(now sim.Time) bool { return now >= h.After }

// KindOf returns what kind of resource a scenario name stands for
// ("instance", "image", ...), or "".
func (sc *Scenario) KindOf(name string) string { return string(sc.kinds[name]) }

// Step is one action at one point of the timeline.
type Step struct {
	Pos         Pos
	Name        string   // scenario name for what the step creates
	At          sim.Time // absolute time, when HasAt
	HasAt       bool
	After       sim.Time // delay after the previous step
	Account     string
	Region      string
	When        *Expr    // wait until this is true (then After), when set
	Timeout     sim.Time // give up waiting after this long
	Every       sim.Time // repeat this often after the first run, when set
	Times       int      // how many runs in all (0: until the end)
	Action      model.ActionInfo
	Params      *yaml.Node // decoded afresh for each run
	ExpectError model.Code
	Narration   string
	// IDsOnly says a sandbox action came through EC2's own API (ec2sim
	// serve), where resources go by ID only: a scenario name in its
	// params is not resolved, as it was not when the call was made
	// (model.Caller.IDsOnly). A file says ids_only: true.
	IDsOnly bool
}

// Pos is a position in a scenario file.
type Pos struct {
	File      string
	Line, Col int
}
