package scenarios

import (
	"fmt"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// Record is one line of a run's event log: a world trace event, or the
// scenario's own narration and expectation results.
type Record struct {
	T        sim.Time
	Kind     string // api, state, fault, note, narration, expect
	Action   string
	Resource string
	Name     string
	Region   string
	AZ       string
	From, To string
	Error    string
	Message  string
}

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

// Run is one replay of a scenario: the world, the log, and where the
// timeline stands. Runs of the same scenario and seed are identical.
type Run struct {
	Sc           *Scenario
	Seed         uint64
	W            *model.World
	Records      []Record
	Expectations []Expectation
	Failed       []Record    // steps that failed without expecting to
	Series       []CostPoint // the bill's total over time, for charts

	seriesEvery sim.Time
	lastPoint   sim.Time

	next  int // index of the next step
	done  bool
	ended bool
}

const endToken = -2

// NewRun builds the world for a scenario. seed overrides the scenario's
// seed when not nil.
func (sc *Scenario) NewRun(seed *uint64) (*Run, error) {
	s := sc.Seed
	if seed != nil {
		s = *seed
	}
	cat := model.DefaultCatalog()
	if len(sc.Timings) > 0 {
		cat = cat.Clone()
		for k, d := range sc.Timings {
			if err := cat.SetTiming(k, d); err != nil {
				return nil, err
			}
		}
	}
	w, err := model.New(model.Config{
		Seed: s, Start: sc.Start, Accounts: sc.Accounts, Catalog: cat,
		FreeTier: sc.FreeTier, Keys: sc.Keys, Limits: sc.Limits,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sc.File, err)
	}
	r := &Run{Sc: sc, Seed: s, W: w}
	w.Observe(func(ev model.TraceEvent) {
		r.Records = append(r.Records, Record{
			T: ev.T, Kind: string(ev.Kind), Action: ev.Action, Resource: ev.Resource, Name: ev.Name,
			Region: ev.Region, AZ: ev.AZ, From: ev.From, To: ev.To, Error: string(ev.Error), Message: ev.Message,
		})
	})
	r.seriesEvery = sim.Minute
	if sc.HasEnd && sc.End/200 > r.seriesEvery {
		r.seriesEvery = sc.End / 200
	}
	r.lastPoint = -r.seriesEvery
	r.scheduleNext(0)
	return r, nil
}

// sample records the bill's total when enough simulated time has passed.
func (r *Run) sample(force bool) {
	now := r.W.Now()
	if !force && now-r.lastPoint < r.seriesEvery {
		return
	}
	if n := len(r.Series); n > 0 && r.Series[n-1].TS == now.Seconds() {
		r.Series = r.Series[:n-1]
	}
	r.lastPoint = now
	r.Series = append(r.Series, CostPoint{TS: now.Seconds(), TotalUSD: r.W.Bill().Total.String()})
}

func (r *Run) scheduleNext(now sim.Time) {
	if r.next >= len(r.Sc.Steps) {
		if r.Sc.HasEnd {
			r.W.ScheduleHook(r.Sc.End, endToken)
		}
		return
	}
	st := r.Sc.Steps[r.next]
	at := now
	if st.HasAt {
		at = st.At
	}
	r.W.ScheduleHook(at+st.After, r.next)
}

// Done reports whether the run has reached its end.
func (r *Run) Done() bool { return r.done }

// Step fires the next event: a world event or a scenario step. It returns
// false when the run is over.
func (r *Run) Step() bool {
	if r.done {
		return false
	}
	if next, ok := r.W.NextAt(); ok && next > r.W.Now() {
		r.sample(false) // the total just before time moves on
	}
	f, ok := r.W.Step()
	if !ok {
		r.done = true
		r.sample(true)
		return false
	}
	if f.Hook == endToken {
		r.done, r.ended = true, true
		r.sample(true)
		return false
	}
	if f.Hook >= 0 {
		r.do(r.Sc.Steps[f.Hook])
		r.next = f.Hook + 1
		r.scheduleNext(f.At)
	}
	return true
}

// RunToEnd steps until the scenario is over.
func (r *Run) RunToEnd() {
	for r.Step() {
	}
}

func (r *Run) do(st Step) {
	w := r.W
	if st.Narration != "" {
		r.Records = append(r.Records, Record{T: w.Now(), Kind: "narration", Action: st.Action.Name, Message: st.Narration})
	}
	in := st.Action.NewInput()
	if err := st.Params.Decode(in); err != nil {
		// Parse checked the parameters; this cannot fail for a parsed scenario.
		panic(fmt.Sprintf("%s: params no longer decode: %v", st.Pos, err))
	}
	before := len(r.Records)
	ids, err := w.Do(model.Caller{Account: st.Account, Region: st.Region}, st.Action, in)
	if err == nil && st.Name != "" && len(ids) > 0 {
		w.Name(st.Name, ids...)
		// Name the records this call produced, now the name exists.
		for i := before; i < len(r.Records); i++ {
			for _, id := range ids {
				if r.Records[i].Resource == id && r.Records[i].Name == "" {
					r.Records[i].Name = st.Name
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
		r.Records = append(r.Records, Record{T: w.Now(), Kind: "expect", Action: st.Action.Name, Error: string(got), Message: msg})
		return
	}
	if err != nil {
		r.Failed = append(r.Failed, r.Records[len(r.Records)-1])
	}
}
