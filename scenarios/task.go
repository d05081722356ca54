package scenarios

import (
	"fmt"
	"maps"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// taskKeys are the fields of a task.
var taskKeys = []string{"id", "text", "goal", "points", "hints", "deadline"}

// tasks reads an exercise's goals. Their expressions may name what only the
// student will create (p.exercise): such a name is resolved when the run
// is graded.
func (p *parser) tasks(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "tasks must be a list of {id, text, goal, points}")
		return
	}
	ids := map[string]bool{}
	for _, e := range n.Content {
		t := Task{Pos: p.sink.at(e.Line, e.Column), Points: 1}
		p.fields(e, "a task", taskKeys, func(key string, k, v *yaml.Node) {
			switch key {
			case "id":
				t.ID = p.itemID(v, "task", ids)
			case "text":
				t.Text = p.str(v, "text")
			case "goal":
				t.Goal = p.expr(v, "goal")
			case "points":
				t.Points = int(p.integer(v, "points", 0, 100))
			case "hints":
				t.Hints = p.hints(v)
			case "deadline":
				t.Deadline, t.HasDeadline = p.duration(v, "deadline"), true
			}
		})
		if t.ID == "" || t.Text == "" || t.Goal == nil {
			p.errorf(e, "a task needs id, text and goal")
			continue
		}
		p.sc.Tasks = append(p.sc.Tasks, t)
	}
}

// solution reads the instructor's reference actions. They are not part of
// the lab a student plays: their names are kept apart (solutionKinds), and
// only Solved puts them in.
func (p *parser) solution(n *yaml.Node) {
	kinds, names := p.kinds, p.names
	p.kinds, p.names = maps.Clone(kinds), maps.Clone(names)
	p.sc.Solution = p.actions(n, "solution", true)
	p.sc.solutionKinds = p.kinds
	p.kinds, p.names = kinds, names
}

// Solved is the scenario with its reference solution as the sandbox: what
// `ec2sim test` plays to prove every task can be done. It is nil when the
// scenario has no solution.
func (sc *Scenario) Solved() *Scenario {
	if len(sc.Solution) == 0 {
		return nil
	}
	c := *sc
	c.Sandbox = sc.Solution
	c.kinds = sc.solutionKinds
	c.solved = true
	return &c
}

// TaskResult is where a task stands in a run.
type TaskResult struct {
	Task Task
	Done bool
	T    sim.Time // when it was done
}

// TaskPoints is the most a student can score on tasks: every task's
// points, with no hint taken.
func (sc *Scenario) TaskPoints() int {
	n := 0
	for _, t := range sc.Tasks {
		n += t.Points
	}
	return n
}

// Score is the one scoring rule of a task: a done task earns its points
// less the penalties of the first hintsTaken hints, never less than zero;
// a task not done earns nothing.
func (t Task) Score(done bool, hintsTaken int) int {
	if !done {
		return 0
	}
	return max(0, t.Points-penalty(t.Hints, hintsTaken))
}

// evalTasks ticks every task whose goal is true now, within its deadline.
// A goal that cannot be evaluated yet (an error) is simply not true.
func (r *Run) evalTasks() {
	if len(r.Tasks) == 0 {
		return
	}
	now := r.World.Now()
	var env *evalEnv
	for i := range r.Tasks {
		t := &r.Tasks[i]
		if t.Done || (t.Task.HasDeadline && now > t.Task.Deadline) {
			continue
		}
		if env == nil {
			env = r.env()
		}
		if v, err := t.Task.Goal.eval(env); err == nil && v.Kind == KBool && v.Bool {
			t.Done, t.T = true, now
			r.Records.append(Record{T: now, Kind: RecordTask, Action: t.Task.ID, Message: t.Task.Text})
		}
	}
}

// TasksDone counts the tasks done so far.
func (r *Run) TasksDone() int {
	n := 0
	for _, t := range r.Tasks {
		if t.Done {
			n++
		}
	}
	return n
}

// taskDetail says how a task stands, for Grade.
func taskDetail(t TaskResult, solved bool) string {
	switch {
	case t.Done:
		return fmt.Sprintf("done at %s: %s", t.T.Compact(), t.Task.Goal.Src)
	case solved:
		return "the reference solution does not reach it: " + t.Task.Goal.Src
	case t.Task.HasDeadline:
		return fmt.Sprintf("open: not done by its deadline (%s)", t.Task.Deadline.Compact())
	}
	return "open: not done"
}

// exerciseKind is the kind a name has where the lab does not define it:
// from the solution, when it names it.
func (p *parser) exerciseKind(name string) (model.ResourceKind, bool) {
	k, ok := p.sc.solutionKinds[name]
	return k, ok
}
