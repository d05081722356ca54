package scenarios

import (
	"bytes"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// Session is an interactive replay of a scenario: it moves forward event by
// event or to a time, moves back exactly (by replaying from the start: the
// run is deterministic), and takes the student's own actions (the sandbox),
// which it can export as a scenario that replays identically.
type Session struct {
	sc    *Scenario // a copy of the scenario, with this session's sandbox
	src   []byte    // the scenario's YAML, for Export
	seed  *uint64
	run   *Run
	fired int      // steps the run has taken: events and sandbox actions
	view  sim.Time // the simulated time on screen (≥ the last event's)

	// Checkpoints make a jump back cheap on a long run: a copy of the run
	// every `every` steps, at most maxCheckpoints of them (when full, every
	// other one goes and the spacing doubles).
	checkpoints []checkpoint
	every       int
}

// checkpoint is a copy of the run after fired steps, without its log: only
// the log's length is kept. The live run's log holds every record any
// checkpoint needs, because replays are deterministic and a replay from a
// checkpoint rewrites the same records in place (see restore); copies of
// the log in each checkpoint would pin one array per checkpoint.
type checkpoint struct {
	fired   int
	records int // len(run.Records) at the checkpoint
	run     *Run
}

// newCheckpoint copies r, which has taken fired steps.
func newCheckpoint(fired int, r *Run) checkpoint {
	c := r.clone()
	n := len(c.Records)
	c.Records = nil
	return checkpoint{fired, n, c}
}

// restore returns a live copy of cp's run whose log is log's first
// cp.records records. log is the live run's log: its backing array holds
// the longest replay so far (a replay only appends into it, and when it
// outgrows it the new array holds all of it), so those records are there,
// within its capacity, even when log is currently shorter.
func (cp *checkpoint) restore(log []Record) *Run {
	r := cp.run.clone()
	r.Records = log[:cp.records]
	return r
}

// Checkpoints cost memory: as many are kept as fit in checkpointBudget
// (at least minCheckpoints), spaced at least firstCheckpointEvery apart.
const (
	firstCheckpointEvery = 2048
	checkpointBudget     = 256 << 20
	minCheckpoints       = 8
	maxCheckpoints       = 1024
)

// NewSession starts a session at time 0. src is the scenario's YAML text.
func NewSession(sc *Scenario, src []byte, seed *uint64) (*Session, error) {
	c := *sc
	c.Sandbox = slices.Clone(sc.Sandbox)
	s := &Session{sc: &c, src: src, seed: seed}
	if err := s.seek(0, 0); err != nil {
		return nil, err
	}
	return s, nil
}

// Scenario is the scenario being played, with the session's sandbox actions.
func (s *Session) Scenario() *Scenario { return s.sc }

// Run is the current run: its world, log, checks and quizzes.
func (s *Session) Run() *Run { return s.run }

// Now is the simulated time on screen.
func (s *Session) Now() sim.Time { return s.view }

// Fired is how many steps (events and sandbox actions) have happened.
func (s *Session) Fired() int { return s.fired }

// seek replays from the start to n steps, then shows time view (or the
// last step's time, if later).
func (s *Session) seek(n int, view sim.Time) error {
	var cp *checkpoint
	for i := range s.checkpoints {
		if s.checkpoints[i].fired <= n {
			cp = &s.checkpoints[i]
		}
	}
	if cp == nil {
		r, err := s.sc.NewRun(s.seed)
		if err != nil {
			return err
		}
		s.every = firstCheckpointEvery
		s.checkpoints = []checkpoint{newCheckpoint(0, r)}
		s.run, s.fired = r, 0
	} else {
		s.run, s.fired = cp.restore(s.run.Records), cp.fired
	}
	for s.fired < n && s.Step() {
	}
	s.view = max(view, s.run.World.Now())
	s.run.World.AdvanceTo(s.view)
	return nil
}

// Seek moves to just after step n (events and sandbox actions), from the
// nearest checkpoint before it.
func (s *Session) Seek(n int) error { return s.seek(n, 0) }

// SeekTime moves to simulated time t: every step due by then has happened.
func (s *Session) SeekTime(t sim.Time) error {
	at := 0
	for i := range s.checkpoints {
		if s.checkpoints[i].run.World.Now() <= t {
			at = i
		}
	}
	if err := s.seek(s.checkpoints[at].fired, 0); err != nil {
		return err
	}
	for {
		next, ok := s.run.NextAt()
		if !ok || next > t || !s.Step() {
			break
		}
	}
	s.view = max(s.view, t)
	if !s.run.halted() || s.run.Ended() {
		s.run.World.AdvanceTo(s.view)
	}
	return nil
}

// Step fires one event; the view moves to its time. It reports false at the
// end of the scenario.
func (s *Session) Step() bool {
	if !s.run.Step() {
		return false
	}
	s.fired++
	s.view = max(s.view, s.run.World.Now())
	if last := s.checkpoints[len(s.checkpoints)-1].fired; s.fired >= last+s.every {
		s.checkpoints = append(s.checkpoints, newCheckpoint(s.fired, s.run))
		keep := min(maxCheckpoints, max(minCheckpoints, checkpointBudget/s.run.World.Size()))
		if len(s.checkpoints) > keep {
			kept := s.checkpoints[:0]
			for i, c := range s.checkpoints {
				if i%2 == 0 {
					kept = append(kept, c)
				}
			}
			s.checkpoints = kept
			s.every *= 2
		}
	}
	return true
}

// Back undoes the last step exactly, by replaying all but it.
func (s *Session) Back() error {
	if s.fired == 0 {
		return nil
	}
	return s.seek(s.fired-1, 0)
}

// Restart goes back to time 0.
func (s *Session) Restart() error { return s.seek(0, 0) }

// Stop says why AdvanceTo stopped early: a question to answer.
type Stop struct {
	Quiz *QuizEvent
}

// AdvanceTo fires every event up to t and shows t, unless a quiz comes up
// first: then it stops there, so the student answers before time moves on.
func (s *Session) AdvanceTo(t sim.Time) (Stop, error) {
	for {
		next, ok := s.run.NextAt()
		if !ok || next > t {
			break
		}
		quizzes := len(s.run.Quizzes)
		if !s.Step() {
			break
		}
		if len(s.run.Quizzes) > quizzes {
			return Stop{Quiz: &s.run.Quizzes[len(s.run.Quizzes)-1]}, nil
		}
	}
	if s.run.halted() && !s.run.Ended() {
		return Stop{}, nil // cut short by a limit: time stands still
	}
	s.view = max(s.view, t)
	s.run.World.AdvanceTo(s.view)
	return Stop{}, nil
}

// Until steps until a record of one of the kinds appears (narration, quiz,
// check …) or the run ends, and reports whether one did.
func (s *Session) Until(kinds ...RecordKind) bool {
	for {
		n := len(s.run.Records)
		if !s.Step() {
			return false
		}
		for _, rec := range s.run.Records[n:] {
			if slices.Contains(kinds, rec.Kind) {
				return true
			}
		}
	}
}

// ToEnd steps to the end of the scenario.
func (s *Session) ToEnd() {
	for s.Step() {
	}
}

// ActResult is what a sandbox command did: the action it called and the
// answer, so a driver can show a real response.
type ActResult struct {
	Action model.ActionInfo
	Output any          // the action's typed output (model.InstancesOutput …); nil when Err is set
	Err    *model.Error // the API error the call returned, or nil
}

// Act takes a sandbox action now: the world continues from there, and the
// action becomes part of the session (and of its export), whether the call
// succeeds or fails as EC2 would. The error is for a command that never
// became a call: an unknown action, parameters that do not fit its request,
// or a name already taken.
func (s *Session) Act(c Command) (ActResult, error) {
	a, ok := model.LookupAction(c.Action)
	if !ok {
		return ActResult{}, fmt.Errorf("unknown action %s%s", c.Action, hintFrom(c.Action, model.ActionNames()))
	}
	var node yaml.Node
	if err := node.Encode(c.Params); err != nil {
		return ActResult{}, err
	}
	if err := node.Decode(a.NewInput()); err != nil {
		return ActResult{}, fmt.Errorf("%s: %v", c.Action, err)
	}
	region := c.Region
	if region == "" {
		region = s.sc.Region
	}
	if c.Name != "" && s.sc.kinds[c.Name] != "" {
		return ActResult{}, fmt.Errorf("the name %q is taken", c.Name)
	}
	st := Step{At: s.view, HasAt: true, Name: c.Name, Account: c.Account, Region: region, Action: a, Params: &node}
	if c.Name != "" {
		if k := a.Creates; k != "" {
			s.sc.kinds = cloneKinds(s.sc.kinds)
			s.sc.kinds[c.Name] = k
		}
	}
	// Checkpoints past this point hold a future without this action.
	for len(s.checkpoints) > 1 && s.checkpoints[len(s.checkpoints)-1].fired > s.fired {
		s.checkpoints = s.checkpoints[:len(s.checkpoints)-1]
	}
	s.run.Extend() // the sandbox goes on after the scenario's end
	s.sc.Sandbox = append(s.sc.Sandbox, st)
	s.run.nextSandbox = len(s.sc.Sandbox)
	out, err := s.run.do(st)
	s.fired++
	res := ActResult{Action: a, Output: out}
	if err != nil {
		res.Err = err.(*model.Error) // World.Call's errors are always *model.Error
		// The session did get this error: its export says so, so that the
		// replay expects it and grades as cleanly as the session ran.
		s.sc.Sandbox[len(s.sc.Sandbox)-1].ExpectError = res.Err.Code
	}
	return res, nil
}

func cloneKinds(m map[string]model.ResourceKind) map[string]model.ResourceKind {
	c := make(map[string]model.ResourceKind, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Export writes the scenario with the session's sandbox actions, as YAML
// that `ec2sim run` replays to the same end state and bill.
func (s *Session) Export() ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the scenario source is not a mapping")
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "sandbox" {
			top.Content = append(top.Content[:i], top.Content[i+2:]...)
			break
		}
	}
	if len(s.sc.Sandbox) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, st := range s.sc.Sandbox {
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			add := func(k, v string) {
				if v != "" {
					m.Content = append(m.Content, scalar(k), scalar(v))
				}
			}
			add("at", st.At.String())
			add("name", st.Name)
			add("account", st.Account)
			add("region", st.Region)
			add("action", st.Action.Name)
			m.Content = append(m.Content, scalar("params"), st.Params)
			add("expect_error", string(st.ExpectError))
			list.Content = append(list.Content, m)
		}
		key := scalar("sandbox")
		key.HeadComment = "Actions taken in the ec2sim terminal UI, replayed at these times."
		top.Content = append(top.Content, key, list)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
