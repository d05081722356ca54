package scenarios

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime/metrics"
	"slices"
	"strings"

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

	// What the student did besides acting, for Submission: answers by quiz
	// id, and how many hints of each task they took. Going back in time
	// does not take them back.
	answers map[string]Answer
	hints   map[string]int
}

// checkpoint is a copy of the run after fired steps, without its log: only
// the log's length is kept. The live run's log holds every record any
// checkpoint needs, because replays are deterministic and a replay from a
// checkpoint rewrites the same records in place (see restore); copies of
// the log in each checkpoint would pin one array per checkpoint.
type checkpoint struct {
	fired   int
	records int // run.Records.Len() at the checkpoint
	run     *Run
	bytes   uint64 // what making the copy allocated on the heap
}

// newCheckpoint copies r, which has taken fired steps.
func newCheckpoint(fired int, r *Run) checkpoint {
	before := heapAllocated()
	c := r.clone()
	cost := heapAllocated() - before
	n := c.Records.Len()
	c.Records = Log{}
	return checkpoint{fired, n, c, cost}
}

// heapAllocated is how many bytes the process has allocated on the heap
// so far, as the runtime counts them. The difference across a clone is
// what the clone holds: a copy allocates what it keeps and little else.
// It is measured rather than estimated from the world's contents because
// an estimate drifts from the truth as the model's storage changes
// (World.Size undercounted a fleet's checkpoints 1.3 to 2.1 times). The
// count is per process, so allocations of other goroutines during a clone
// count too: that only overstates a checkpoint, which errs towards fewer.
// It is exact to within the runtime's per-thread allocation caches, a few
// percent of a large world; it never decides what a run does, only how
// many copies a session keeps to seek with.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// restore returns a live copy of cp's run whose log is log's first
// cp.records records. log is the live run's log: its backing array holds
// the longest replay so far (a replay only appends into it, and when it
// outgrows it the new array holds all of it), so those records are there,
// within its capacity, even when log is currently shorter.
func (cp *checkpoint) restore(log Log) *Run {
	r := cp.run.clone()
	r.Records = log.prefix(cp.records)
	return r
}

// Checkpoints cost memory: as many are kept as fit in checkpointBudget
// (at least minCheckpoints), spaced at least firstCheckpointEvery apart.
// The budget is what their copies allocated (see heapAllocated): with the
// live run and a long run's log it keeps a session well under half a GB.
const (
	firstCheckpointEvery = 2048
	checkpointBudget     = 256 << 20
	minCheckpoints       = 8
	maxCheckpoints       = 1024
	// checkpointCopyPerStep spaces the checkpoints of a large world: the
	// steps after one are at least its copy's bytes over this, so copying
	// costs a step no more than this many bytes, on average, however big
	// the world. (A copy costs about as much per byte as the steps of a
	// 5,000-instance world cost per 4 KiB.) Small worlds keep
	// firstCheckpointEvery.
	checkpointCopyPerStep = 4 << 10
)

// NewSession starts a session at time 0. src is the scenario's YAML text.
func NewSession(sc *Scenario, src []byte, seed *uint64) (*Session, error) {
	c := *sc
	c.Sandbox = slices.Clone(sc.Sandbox)
	s := &Session{sc: &c, src: src, seed: seed, answers: map[string]Answer{}, hints: map[string]int{}}
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
		cp := newCheckpoint(0, r)
		s.every = max(firstCheckpointEvery, int(cp.bytes/checkpointCopyPerStep))
		s.checkpoints = []checkpoint{cp}
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

// Step fires one event; the view moves to its time. It reports false when
// nothing was left to happen. The step that reaches the scenario's end (the
// end checks, at its end time) counts as a step like any other, so the view
// moves to the end too and Back undoes it: the clock on screen is then the
// one a headless replay ends at.
func (s *Session) Step() bool {
	before := s.run.progress()
	if !s.run.Step() && s.run.progress() == before {
		return false
	}
	s.fired++
	s.view = max(s.view, s.run.World.Now())
	if last := s.checkpoints[len(s.checkpoints)-1].fired; s.fired >= last+s.every {
		cp := newCheckpoint(s.fired, s.run)
		s.checkpoints = append(s.checkpoints, cp)
		s.every = max(s.every, int(cp.bytes/checkpointCopyPerStep))
		if n := len(s.checkpoints); n > maxCheckpoints || n > minCheckpoints && s.checkpointBytes() > checkpointBudget {
			s.checkpoints = thin(s.checkpoints)
			s.every *= 2
		}
	}
	return true
}

// checkpointBytes is what the checkpoints hold, in bytes.
func (s *Session) checkpointBytes() uint64 {
	var n uint64
	for _, c := range s.checkpoints {
		n += c.bytes
	}
	return n
}

// thin keeps every other checkpoint, the first among them, in cps's array.
// It clears the array's tail: the dropped checkpoints' worlds would stay
// reachable through it (half of them, megabytes each, on a fleet) until
// new checkpoints overwrote them.
func thin(cps []checkpoint) []checkpoint {
	kept := cps[:0]
	for i, c := range cps {
		if i%2 == 0 {
			kept = append(kept, c)
		}
	}
	clear(cps[len(kept):])
	return kept
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

// Stop says why AdvanceTo stopped early: a question to answer, or (for
// AdvanceUntil) a record of a kind the caller wanted to stop at.
type Stop struct {
	Quiz   *QuizEvent
	Record *Record
}

// AdvanceTo fires every event up to t and shows t, unless a quiz comes up
// first: then it stops there, so the student answers before time moves on.
func (s *Session) AdvanceTo(t sim.Time) (Stop, error) { return s.AdvanceUntil(t) }

// AdvanceUntil is AdvanceTo that also stops just after a step that logged a
// record of one of the kinds, at that step's time: a player that pauses at
// each narration shows it at its own instant, not a tick later.
func (s *Session) AdvanceUntil(t sim.Time, kinds ...RecordKind) (Stop, error) {
	for {
		next, ok := s.run.NextAt()
		if !ok || next > t {
			break
		}
		quizzes, records := len(s.run.Quizzes), s.run.Records.Len()
		if !s.Step() {
			break
		}
		if len(s.run.Quizzes) > quizzes {
			return Stop{Quiz: &s.run.Quizzes[len(s.run.Quizzes)-1]}, nil
		}
		for i := records; i < s.run.Records.Len(); i++ {
			if slices.Contains(kinds, s.run.Records.Kind(i)) {
				rec := s.run.Records.At(i)
				return Stop{Record: &rec}, nil
			}
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
		n := s.run.Records.Len()
		if !s.Step() {
			return false
		}
		for i := n; i < s.run.Records.Len(); i++ {
			if slices.Contains(kinds, s.run.Records.Kind(i)) {
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
	rest, dryNode := splitDryRun(&node)
	if err := checkCommandParams(a, rest); err != nil {
		return ActResult{}, err
	}
	dry, err := dryRunOf(dryNode)
	switch {
	case err != nil:
		return ActResult{}, fmt.Errorf("%s: %v", c.Action, err)
	case dry && c.Name != "":
		return ActResult{}, fmt.Errorf("a DryRun call creates nothing to name %q", c.Name)
	}
	region := c.Region
	if region == "" {
		region = s.sc.Region
	}
	if c.Name != "" && s.sc.kinds[c.Name] != "" {
		return ActResult{}, fmt.Errorf("the name %q is taken", c.Name)
	}
	derived := false
	if c.Name == "" {
		// One naming rule for every driver: a Name tag, an AMI's name, a
		// key's or a group's name names what the call creates, when free.
		if n := givenName(a, &node); n != "" && freeName(n, s.sc.kinds, s.run.World, region) {
			c.Name, derived = n, true
		}
	}
	st := Step{At: s.view, HasAt: true, Name: c.Name, Account: c.Account, Region: region, Action: a, Params: &node, IDsOnly: c.IDsOnly}
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
	if derived && len(model.Created(out)) == 0 {
		// A call that created nothing leaves a derived name free for the retry.
		delete(s.sc.kinds, c.Name)
		s.sc.Sandbox[len(s.sc.Sandbox)-1].Name = ""
	}
	s.run.poll() // a step waiting on what the action changed runs now, as on replay
	s.run.evalTasks()
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

// checkCommandParams checks a command's parameters as the loader checks a
// step's: a parameter the action does not take is named with the API's
// spelling suggested, a value of the wrong kind says what it should be, and
// one name where the API takes a list is a list of one. The message is one
// line, for a prompt; never yaml.v3's own text.
func checkCommandParams(a model.ActionInfo, node *yaml.Node) error {
	sink := &diagSink{}
	p := &parser{sink: sink}
	in := a.NewInput()
	if p.checkParams(node, reflect.TypeOf(in).Elem(), a.Name) {
		if err := node.Decode(in); err != nil {
			p.typeErrors(node, err)
		}
	}
	if len(sink.ds) == 0 {
		return nil
	}
	var msgs []string
	for _, d := range sink.ds {
		msgs = append(msgs, strings.TrimPrefix(d.Msg, a.Name+" "))
	}
	return fmt.Errorf("%s: %s", a.Name, strings.Join(msgs, "; "))
}

func cloneKinds(m map[string]model.ResourceKind) map[string]model.ResourceKind {
	c := make(map[string]model.ResourceKind, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Export writes the scenario with the session's sandbox actions, as YAML
// that `ec2sim run` replays to the same end state and bill. A scenario
// without an end (a world the student acts in) gets one a millisecond after
// the session's time, so the replay stops where the session stood: after
// its last action (at an equal time the end would fire first).
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
		list := s.sandboxNode()
		key := scalar("sandbox")
		key.HeadComment = "Actions taken in the session (the terminal UI or ec2sim serve), replayed at these times."
		top.Content = append(top.Content, key, list)
	}
	if !s.sc.HasEnd {
		key := scalar("end")
		key.HeadComment = "When the session was exported: checks grade the world at this time."
		top.Content = append(top.Content, key, scalar((s.view + sim.Millisecond).String()))
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

// VerifyExport replays an export of this session to the session's time and
// compares its resources and bill with the live ones; the error says what
// differs. A difference is a bug in the simulator, never the student's.
func (s *Session) VerifyExport(src []byte) error {
	sc, diags := Parse("export.yaml", src)
	if diags.Errors() > 0 {
		return fmt.Errorf("the export does not load: %s", diags.Error())
	}
	seed := s.run.Seed
	replay, err := NewSession(sc, src, &seed)
	if err == nil {
		err = replay.SeekTime(s.view)
	}
	if err != nil {
		return fmt.Errorf("the export does not replay: %w", err)
	}
	live, got := s.run.Report(), replay.run.Report()
	if a, b := fmt.Sprint(live.Resources), fmt.Sprint(got.Resources); a != b {
		return fmt.Errorf("the export does not replay to the live world: resources differ:\n  live   %s\n  replay %s", a, b)
	}
	if live.Bill.TotalUSD != got.Bill.TotalUSD {
		return fmt.Errorf("the export does not replay to the live world: the bill differs: live %s, replay %s", live.Bill.TotalUSD, got.Bill.TotalUSD)
	}
	return nil
}

// Answer records the student's answer to a question, for Submission: the
// letters as given ("b", or "a, c") and the hints taken before answering.
func (s *Session) Answer(quizID string, a Answer) error {
	i := slices.IndexFunc(s.sc.Quizzes, func(q Quiz) bool { return q.ID == quizID })
	if i < 0 {
		return fmt.Errorf("no question %q", quizID)
	}
	if _, ok := s.sc.Quizzes[i].Response(a.Choice); !ok {
		return fmt.Errorf("%q is not a choice of %s", a.Choice, quizID)
	}
	s.answers[quizID] = a
	return nil
}

// TakeHint takes the next hint of a task, if it is available at the
// simulated time on screen, and returns it. The hint's penalty then comes
// off the task's points when it is done.
func (s *Session) TakeHint(taskID string) (Hint, error) {
	i := slices.IndexFunc(s.sc.Tasks, func(t Task) bool { return t.ID == taskID })
	if i < 0 {
		return Hint{}, fmt.Errorf("no task %q", taskID)
	}
	t, n := s.sc.Tasks[i], s.hints[taskID]
	switch {
	case n >= len(t.Hints):
		return Hint{}, fmt.Errorf("task %s has no more hints", taskID)
	case !t.Hints[n].Available(s.view):
		return Hint{}, fmt.Errorf("the next hint of %s is available from %s", taskID, t.Hints[n].After.Compact())
	}
	s.hints[taskID] = n + 1
	return t.Hints[n], nil
}

// TaskProgress is where one task stands in a session, for a live
// checklist. Field names are a stable JSON contract (`ec2sim serve`'s admin
// API).
type TaskProgress struct {
	ID         string  `json:"id"`
	Text       string  `json:"text"`
	Done       bool    `json:"done"`
	DoneS      float64 `json:"done_s,omitempty"` // simulated seconds since the start, when done
	Points     int     `json:"points"`           // what it earns now: Task.Score
	MaxPoints  int     `json:"max_points"`
	HintsTaken int     `json:"hints_taken"`
	HintsLeft  int     `json:"hints_left"`
	NextHint   int     `json:"next_hint_penalty"` // what the next hint would cost; 0 when none is left
	Deadline   string  `json:"deadline,omitempty"`
}

// Progress is an exercise's tasks as they stand now, and the points they
// earn so far.
type Progress struct {
	Tasks     []TaskProgress `json:"tasks"`
	Done      int            `json:"done"`
	Points    int            `json:"points"`
	MaxPoints int            `json:"max_points"`
}

// Progress reports the tasks as they stand at the time on screen.
func (s *Session) Progress() Progress {
	var p Progress
	for _, tr := range s.run.Tasks {
		t, n := tr.Task, s.hints[tr.Task.ID]
		tp := TaskProgress{ID: t.ID, Text: t.Text, Done: tr.Done, Points: t.Score(tr.Done, n), MaxPoints: t.Points,
			HintsTaken: n, HintsLeft: max(0, len(t.Hints)-n)}
		if tr.Done {
			tp.DoneS = tr.T.Seconds()
			p.Done++
		}
		if n < len(t.Hints) {
			tp.NextHint = t.Hints[n].Penalty
		}
		if t.HasDeadline {
			tp.Deadline = t.Deadline.Compact()
		}
		p.Points += tp.Points
		p.MaxPoints += t.Points
		p.Tasks = append(p.Tasks, tp)
	}
	return p
}
