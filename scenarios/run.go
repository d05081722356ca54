package scenarios

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// Expectation is the outcome of a step that expected an error code.
type Expectation struct {
	Step Step
	T    sim.Time
	Want model.Code
	Got  model.Code
	Msg  string
}

// OK reports whether the step failed with the expected code.
func (e Expectation) OK() bool { return e.Want == e.Got }

// CheckResult is the outcome of one check.
type CheckResult struct {
	Check Check
	T     sim.Time
	Pass  bool
	Got   string // the value or error that decided it
}

// QuizEvent records that a question was reached on the timeline.
type QuizEvent struct {
	Quiz Quiz
	T    sim.Time
}

// Run is one replay of a scenario: the world, the log, and where the
// timeline stands. Runs of the same scenario and seed are identical.
type Run struct {
	Scenario     *Scenario // what is replayed
	Seed         uint64
	World        *model.World // the world it acts on
	Records      Log
	Expectations []Expectation
	Failed       []Record    // steps that failed without expecting to
	Series       []CostPoint // the bill's total over time, for charts
	Checks       []CheckResult
	Quizzes      []QuizEvent  // questions reached, in timeline order
	Tasks        []TaskResult // an exercise's tasks, in the scenario's order
	TimedOut     []Step       // `when` steps whose condition never came true
	Stopped      string       // why the run was cut short by a limit, if it was
	// EndMoved says why the end came later than the file's `end`, if it
	// did: a waiting step held the steps after it past that time, and the
	// end comes only after the last step. A warning, not a failure: the
	// checks at the end grade a later world than the author wrote them for.
	EndMoved string
	NoSeries bool // skip sampling the bill over time (headless runs that chart nothing)

	discardLog bool // see DiscardLog

	events int
	work   int // condition evaluations and the resources they read (Limits.Evaluations)

	nextSandbox int // index into Sc.Sandbox of the next sandbox action to replay

	waiting int         // index of the step waiting on its `when`, or -1
	waited  int         // index of the last step that waited, or -1
	timeout sim.EventID // the waiting step's timeout hook
	runs    map[int]int // how often each repeating step has run

	seriesEvery sim.Time
	lastPoint   sim.Time

	next int // index of the next step
	// stepAt is when the scenario's next step is due, while stepDue: a
	// step is scheduled (not waiting on its `when`; see NextStepAt).
	stepAt  sim.Time
	stepDue bool
	done    bool
	ended   bool
}

// Hook tokens: steps use their index; the rest are offset.
const (
	endToken    = -2
	checkBase   = 1 << 20
	quizBase    = 2 << 20
	timeoutBase = 3 << 20
	repeatBase  = 4 << 20
)

// NewRun builds the world for a scenario. seed overrides the scenario's
// seed when not nil.
func (sc *Scenario) NewRun(seed *uint64) (*Run, error) {
	s := sc.Seed
	if seed != nil {
		s = *seed
	}
	cat := model.DefaultCatalog()
	if len(sc.Timings) > 0 || len(sc.Prices) > 0 {
		cat = cat.Clone()
		for _, k := range sortedKeys(sc.Timings) {
			if err := cat.SetTiming(k, sc.Timings[k]); err != nil {
				return nil, err
			}
		}
		for _, k := range sortedKeys(sc.Prices) {
			if err := cat.SetPrice(k, sc.Prices[k]); err != nil {
				return nil, err
			}
		}
	}
	w, err := model.New(model.Config{
		Seed: s, Start: sc.Start, Accounts: sc.Accounts, Catalog: cat,
		FreeTier: sc.FreeTier, Keys: sc.Keys, Quotas: sc.Quotas,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
	}
	r := &Run{Scenario: sc, Seed: s, World: w, Records: Log{tab: newLogTable()}, waiting: -1, waited: -1, runs: map[int]int{}}
	for _, t := range sc.Tasks {
		r.Tasks = append(r.Tasks, TaskResult{Task: t})
	}
	r.observe()
	r.seriesEvery = sim.Minute
	if sc.HasEnd && sc.End/200 > r.seriesEvery {
		r.seriesEvery = sc.End / 200
	}
	r.lastPoint = -r.seriesEvery
	for i, c := range sc.Checks {
		if c.HasAt {
			w.ScheduleHook(c.At, checkBase+i)
		}
	}
	for i, q := range sc.Quizzes {
		w.ScheduleHook(q.At, quizBase+i)
	}
	r.scheduleNext(0)
	return r, nil
}

// observe logs the world's trace into this run's records.
func (r *Run) observe() {
	r.World.Observe(func(ev model.TraceEvent) {
		r.Records.append(Record{
			T: ev.T, Kind: RecordKind(ev.Kind), Action: ev.Action, Resource: ev.Resource, Name: ev.Name,
			Region: ev.Region, AZ: ev.AZ, From: ev.From, To: ev.To, Account: ev.Account, Error: string(ev.Error), Message: ev.Message,
		})
	})
}

// clone copies the run for a checkpoint: the world deeply, the small
// slices too. The log is shared up to its length: a session has one live
// run, and what a replay appends past a checkpoint is the same log again.
func (r *Run) clone() *Run {
	c := *r
	c.World = r.World.Clone()
	c.Expectations = slices.Clone(r.Expectations)
	c.Failed = slices.Clone(r.Failed)
	c.Series = slices.Clone(r.Series)
	c.Checks = slices.Clone(r.Checks)
	c.Quizzes = slices.Clone(r.Quizzes)
	c.TimedOut = slices.Clone(r.TimedOut)
	c.Tasks = slices.Clone(r.Tasks)
	c.runs = maps.Clone(r.runs)
	c.observe()
	return &c
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sample records the bill's total when enough simulated time has passed.
func (r *Run) sample(force bool) {
	if r.NoSeries {
		return
	}
	now := r.World.Now()
	if !force && now-r.lastPoint < r.seriesEvery {
		return
	}
	if n := len(r.Series); n > 0 && r.Series[n-1].TS == now.Seconds() {
		r.Series = r.Series[:n-1]
	}
	r.lastPoint = now
	r.Series = append(r.Series, CostPoint{TS: now.Seconds(), TotalUSD: r.World.BillSummary().Total.String()})
}

func (r *Run) scheduleNext(now sim.Time) {
	if r.next >= len(r.Scenario.Steps) {
		if r.Scenario.HasEnd {
			if end := r.Scenario.End; now > end && r.waited >= 0 {
				st := r.Scenario.Steps[r.waited]
				r.EndMoved = fmt.Sprintf("end %s came at %s: the step at line %d waited for %q, and the end comes only after the last step; the checks at the end grade the world at %s",
					end.Compact(), now.Compact(), st.Pos.Line, st.When.Src, now.Compact())
				r.Records.append(Record{T: now, Kind: RecordExpect, Action: "end", Error: "EndMoved", Message: "warning: " + r.EndMoved})
			}
			r.World.ScheduleHook(r.Scenario.End, endToken)
		}
		return
	}
	st := r.Scenario.Steps[r.next]
	if st.When != nil {
		r.waiting, r.waited = r.next, r.next
		r.timeout = r.World.ScheduleHook(now+st.Timeout, timeoutBase+r.next)
		r.poll()
		return
	}
	at := now
	if st.HasAt {
		at = st.At
	}
	r.World.ScheduleHook(at+st.After, r.next)
	r.stepAt, r.stepDue = at+st.After, true
}

// poll checks the waiting step's condition; once true, the step is
// scheduled After its delay from now.
func (r *Run) poll() {
	if r.waiting < 0 {
		return
	}
	st := r.Scenario.Steps[r.waiting]
	v, err := st.When.eval(r.env())
	if err != nil || v.Kind != KBool || !v.Bool {
		return
	}
	r.World.CancelHook(r.timeout)
	r.World.ScheduleHook(r.World.Now()+st.After, r.waiting)
	r.stepAt, r.stepDue = r.World.Now()+st.After, true
	r.waiting = -1
}

func (r *Run) env() *evalEnv {
	return &evalEnv{w: r.World, kind: r.Scenario.KindOf, absentIsGone: r.Scenario.Exercise(), work: &r.work}
}

// TraceAPIOnly keeps only API calls (and the scenario's own records) in
// the log, not every state change: for big fleets.
func (r *Run) TraceAPIOnly() { r.World.ObserveAPIOnly(true) }

// DiscardLog keeps API calls only (TraceAPIOnly) and drops each step's
// records once the next step begins, so a run's memory does not grow with
// its length: for reports that read only the world and the bill. Failures
// stay in Failed; the record limit (--max-records) then never applies.
func (r *Run) DiscardLog() {
	r.TraceAPIOnly()
	r.discardLog = true
}

// halted reports whether the run has stopped stepping: it ended or was cut
// short, and no sandbox action is left to replay (Extend wakes it). Ended,
// by contrast, says whether the scenario reached its end.
func (r *Run) halted() bool { return r.done }

// sandboxLeft reports whether sandbox actions remain to replay after the
// scenario's end (so the run is not over yet).
func (r *Run) sandboxLeft() bool { return r.nextSandbox < len(r.Scenario.Sandbox) }

// progress says how far the run has gone, so that a caller can tell a step
// that did something (even the last one, which reports false) from one that
// found nothing left to do.
type progress struct {
	events, sandbox int
	ended           bool
	stopped         string
}

func (r *Run) progress() progress {
	return progress{r.events, r.nextSandbox, r.ended, r.Stopped}
}

// NextAt is when the next step would happen: a world event or a sandbox
// action still to replay.
func (r *Run) NextAt() (sim.Time, bool) {
	if r.Stopped != "" {
		return 0, false
	}
	t, ok := r.World.NextAt()
	if r.done {
		ok = false
	}
	if r.nextSandbox < len(r.Scenario.Sandbox) {
		at := r.Scenario.Sandbox[r.nextSandbox].At
		if !ok || at < t {
			return at, true
		}
	}
	return t, ok
}

// NextStepAt is when the scenario's next step is due, if one is scheduled:
// not while the next step waits on its `when` (nothing but the world can
// make that true), nor for a repeating step's later runs, nor once the run
// is over. The settle clock of `ec2sim serve` runs up to it, so a lab's
// own steps happen without anyone moving time.
func (r *Run) NextStepAt() (sim.Time, bool) {
	return r.stepAt, r.stepDue && !r.done && r.Stopped == ""
}

// Ended reports whether the scenario reached its end (its end checks ran).
func (r *Run) Ended() bool { return r.ended }

// Extend lets a run that reached its end go on firing the world's own
// events, for the sandbox: nothing of the scenario is left to happen.
func (r *Run) Extend() {
	if r.ended && r.Stopped == "" {
		r.done = false
	}
}

// Step fires the next event: a world event or a scenario step. It returns
// false when the run is over.
func (r *Run) Step() bool {
	if r.discardLog {
		r.Records.reset()
	}
	if r.done {
		if !r.ended || r.Stopped != "" || r.nextSandbox >= len(r.Scenario.Sandbox) {
			return false
		}
		r.done = false // sandbox actions taken after the end still replay
	}
	if r.nextSandbox < len(r.Scenario.Sandbox) {
		iv := r.Scenario.Sandbox[r.nextSandbox]
		if next, ok := r.World.NextAt(); !ok || next > iv.At {
			// A sandbox action happened between events: after every event
			// due at its time, before any later one.
			r.nextSandbox++
			r.World.AdvanceTo(iv.At)
			r.do(iv)
			r.poll() // as Session.Act does: the live call and its replay agree
			r.evalTasks()
			return true
		}
	}
	if next, ok := r.World.NextAt(); ok && next > r.World.Now() {
		r.sample(false) // the total just before time moves on
	}
	if next, ok := r.World.NextAt(); ok && next > MaxHorizon {
		// Every kind of event stops here: repeats, timeouts, lifecycle
		// policies and the world's own timers alike.
		r.stop(fmt.Sprintf("stopped at %s: the next event (at %s) is beyond the %s horizon of a scenario", r.World.Now(), next.Compact(), MaxHorizon.Compact()))
		return false
	}
	r.events++
	if r.events > r.Scenario.Limits.Events {
		r.stop(fmt.Sprintf("stopped at %s after %d events: the limit (--max-events) guards against schedules that never end", r.World.Now(), r.Scenario.Limits.Events))
		return false
	}
	if msg := r.overLimit(); msg != "" {
		r.stop(msg)
		return false
	}
	f, ok := r.World.Step()
	if !ok {
		r.finish()
		return r.sandboxLeft()
	}
	switch h := f.Hook; {
	case h == endToken:
		r.finish()
		return r.sandboxLeft()
	case h >= repeatBase:
		r.runStep(h - repeatBase)
	case h >= timeoutBase:
		st := r.Scenario.Steps[h-timeoutBase]
		r.TimedOut = append(r.TimedOut, st)
		r.Records.append(Record{T: f.At, Kind: RecordExpect, Action: st.Action.Name, Error: "Timeout",
			Message: fmt.Sprintf("gave up waiting for %q after %s; the step was skipped", st.When.Src, st.Timeout.Compact())})
		r.waiting = -1
		r.next = h - timeoutBase + 1
		r.scheduleNext(f.At)
	case h >= quizBase:
		q := r.Scenario.Quizzes[h-quizBase]
		r.Quizzes = append(r.Quizzes, QuizEvent{q, f.At})
		r.Records.append(Record{T: f.At, Kind: RecordQuiz, Action: q.ID, Message: q.Question})
	case h >= checkBase:
		r.check(r.Scenario.Checks[h-checkBase])
	case h >= 0:
		r.stepDue = false
		r.runStep(h)
		r.next = h + 1
		r.scheduleNext(f.At)
	}
	r.poll()
	r.evalTasks()
	if r.World.Pending() == 0 && !r.Scenario.HasEnd {
		r.finish()
		return r.sandboxLeft() // a student's actions may come after the scenario's last event
	}
	return true
}

// stop cuts the run short for a limit: the reason is logged, the end
// checks still run (on the world as it stands), and Failures counts it.
func (r *Run) stop(msg string) {
	r.Stopped = msg
	r.Records.append(Record{T: r.World.Now(), Kind: RecordExpect, Action: "limit", Error: "Stopped", Message: msg})
	r.finish()
}

// overLimit checks the limits on a run's work that the last event may have
// crossed: what the world holds, the work of conditions, the log's length.
// Each is a counter, so the check costs the same whatever the world's size.
func (r *Run) overLimit() string {
	lim := r.Scenario.Limits
	now := r.World.Now()
	switch {
	case r.World.Resources() > lim.Resources:
		return fmt.Sprintf("stopped at %s: the world holds %d resources; a run may hold %d at once (--max-resources), whatever setup.limits says", now, r.World.Resources(), lim.Resources)
	case r.work > lim.Evaluations:
		return fmt.Sprintf("stopped at %s after %d units of condition work (evaluations of when and checks, and the resources they read): the limit is %d (--max-evaluations)", now, r.work, lim.Evaluations)
	case r.Records.Len() > lim.Records:
		return fmt.Sprintf("stopped at %s: the event log has %d lines; a run keeps at most %d in memory (--max-records)", now, r.Records.Len(), lim.Records)
	}
	return ""
}

// expand fills the placeholders a repeating step needs to make unique
// names: {run} (1, 2, 3 …), {date} (2026-01-05) and {time} (0915).
// i is the step's index in Scenario.Steps (-1 for a sandbox action): found
// by the caller, so no event scans the steps.
func (r *Run) expand(st Step, i int) *yaml.Node {
	cal := r.World.Clock().At(r.World.Now())
	rep := strings.NewReplacer("{run}", strconv.Itoa(r.runs[i]+1), "{date}", cal.Format("2006-01-02"), "{time}", cal.Format("1504"))
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		c := *n
		if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "{") {
			c.Value = rep.Replace(n.Value)
		}
		c.Content = nil
		for _, k := range n.Content {
			c.Content = append(c.Content, walk(k))
		}
		return &c
	}
	return walk(st.Params)
}

// runStep runs a step and, if it repeats, schedules its next run.
func (r *Run) runStep(i int) {
	st := r.Scenario.Steps[i]
	r.doStep(st, i)
	if st.Every == 0 {
		return
	}
	r.runs[i]++
	if st.Times > 0 && r.runs[i] >= st.Times {
		return
	}
	at := r.World.Now() + st.Every
	if r.Scenario.HasEnd && at > r.Scenario.End {
		return
	}
	r.World.ScheduleHook(at, repeatBase+i)
}

// finish evaluates the end-of-run checks, once.
func (r *Run) finish() {
	if r.ended {
		r.done = true
		return
	}
	r.done, r.ended = true, true
	r.evalTasks()
	for _, c := range r.Scenario.Checks {
		if !c.HasAt {
			r.check(c)
		}
	}
	r.sample(true)
}

func (r *Run) check(c Check) {
	res := CheckResult{Check: c, T: r.World.Now()}
	if c.Expect == nil {
		res.Got = "no expression"
	} else if v, err := c.Expect.eval(r.env()); err != nil {
		res.Got = "error: " + err.Error()
	} else if v.Kind != KBool {
		res.Got = fmt.Sprintf("%s is %s, not true/false", v, v.Kind)
	} else {
		res.Pass = v.Bool
		res.Got = explainValues(c.Expect, r.env())
	}
	r.Checks = append(r.Checks, res)
	mark := "PASS"
	if !res.Pass {
		mark = "FAIL"
	}
	r.Records.append(Record{T: res.T, Kind: RecordCheck, Action: mark, Message: c.Name + " — " + res.Got})
}

// RunToEnd steps until the scenario is over.
func (r *Run) RunToEnd() {
	for r.Step() {
	}
}

// do calls a step's action now and returns what the call answered: its
// typed output, or the API error (which the run records as expected or as a
// failure).
func (r *Run) do(st Step) (any, error) { return r.doStep(st, -1) }

// doStep is do for step i of Scenario.Steps (-1: a sandbox action).
func (r *Run) doStep(st Step, i int) (any, error) {
	w := r.World
	if st.Narration != "" && (i < 0 || r.runs[i] == 0) {
		r.Records.append(Record{T: w.Now(), Kind: RecordNarration, Action: st.Action.Name, Message: st.Narration})
	}
	params := st.Params
	if i >= 0 { // placeholders are a scenario step's; what a student typed stays as typed
		params = r.expand(st, i)
	}
	params, dryNode := splitDryRun(params)
	in := st.Action.NewInput()
	if err := params.Decode(in); err != nil {
		// Parse checked the parameters; this cannot fail for a parsed scenario.
		panic(fmt.Sprintf("%s: params no longer decode: %v", st.Pos, err))
	}
	before := r.Records.Len()
	caller := model.Caller{Account: st.Account, Region: st.Region, IDsOnly: st.IDsOnly}
	var out any
	var err error
	if dry, _ := dryRunOf(dryNode); dry {
		err = w.DryRun(caller, st.Action, in) // parse and Act checked the value
	} else {
		out, err = w.Call(caller, st.Action, in)
	}
	if ids := model.Created(out); st.Name != "" && len(ids) > 0 {
		w.Name(st.Name, ids...)
		if st.Action.Creates == model.ResourceInstance {
			nameLaunchVolumes(w, r.Scenario.KindOf, st.Name, ids)
		}
		// Name the records this call produced, now the name exists.
		for i := before; i < r.Records.Len(); i++ {
			for _, id := range ids {
				if r.Records.resource(i) == id && !r.Records.named(i) {
					r.Records.setName(i, st.Name)
				}
			}
		}
	}
	got := model.CodeOf(err)
	if st.ExpectError != "" {
		e := Expectation{Step: st, T: w.Now(), Want: st.ExpectError, Got: got}
		if err != nil {
			e.Msg = err.Error()
		}
		r.Expectations = append(r.Expectations, e)
		msg := fmt.Sprintf("expected %s: ", st.ExpectError)
		switch {
		case e.OK():
			msg += "got it"
		case got == "":
			msg += "but the call succeeded"
		default:
			msg += "but got " + string(got)
		}
		r.Records.append(Record{T: w.Now(), Kind: RecordExpect, Action: st.Action.Name, Error: string(got), Message: msg})
		return out, err
	}
	if err != nil {
		r.Failed = append(r.Failed, r.Records.At(r.Records.Len()-1))
	}
	return out, err
}
