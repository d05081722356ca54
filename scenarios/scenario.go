// Package scenarios reads instructors' YAML scenario files, checks them, and
// replays them against the model on a deterministic simulated clock.
//
// A scenario names its resources ("web", "golden") so later steps and checks
// never need the generated IDs. Files are untrusted input: nothing in a
// scenario can read other files, run commands or reach the network, and
// every problem is reported with its file:line:col.
//
// The package does no I/O of its own beyond reading the embedded library;
// callers hand it bytes and a file name.
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

	Steps   []Step
	Sandbox []Step // actions a student took in the terminal UI, at absolute times (At)
	Checks  []Check
	Quizzes []Quiz

	kinds map[string]model.ResourceKind // scenario name → resource kind
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
	Answer      int // index into Choices
	Explanation string
	Hints       []Hint
	Points      int
}

// Hint is a clue a student may take, for a penalty in points.
type Hint struct {
	Text    string
	Penalty int
}

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
}

// Pos is a position in a scenario file.
type Pos struct {
	File      string
	Line, Col int
}
