// Package sweep replays one scenario under a range of seeds and reports
// what varies between them: when each named resource first became ready,
// how often each check and expected error passed, and what the bill came
// to, as exact order statistics.
//
// It is built only on the public API of scenarios and model, so every
// driver (the CLI today, a TUI panel or an instructor's report tomorrow)
// gets the same numbers. It must not parse flags, read files, print or
// decide exit codes; and its Report must depend only on the scenario and
// the seeds, never on the number of workers or on which finished first.
// Each worker builds its own run: a model.World is never shared between
// goroutines.
package sweep

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// Options say which seeds to run and on how many goroutines.
type Options struct {
	FirstSeed uint64 // seeds FirstSeed … FirstSeed+Runs-1; the last must not pass math.MaxUint64
	Runs      int    // how many seeds, at least 1
	Workers   int    // runs in parallel, at least 1; more than Runs are never started
}

// PercentileMethod is how every percentile of a Report is taken: of n
// sorted values, pP is the value of rank ceil(P/100 × n), so every figure
// is one that some seed produced.
const PercentileMethod = "nearest-rank"

// Run replays sc under the seeds of opts and folds what each run measured,
// in seed order, into one Report. It returns the error of the lowest seed
// whose run could not be built, or ctx.Err() once ctx is done (and then no
// Report). sc is only read, by all workers at once.
func Run(ctx context.Context, sc *scenarios.Scenario, opts Options) (Report, error) {
	switch {
	case opts.Runs < 1:
		return Report{}, fmt.Errorf("sweep: %d runs, want at least 1", opts.Runs)
	case opts.Workers < 1:
		return Report{}, fmt.Errorf("sweep: %d workers, want at least 1", opts.Workers)
	case opts.FirstSeed > math.MaxUint64-uint64(opts.Runs-1):
		return Report{}, errors.New("sweep: the seeds go past the largest seed")
	}
	p := newPlan(sc)
	results, err := p.runAll(ctx, opts.FirstSeed, opts.Runs, min(opts.Workers, opts.Runs))
	if err != nil {
		return Report{}, err
	}
	return p.aggregate(opts.FirstSeed, results), nil
}

// plan is what every run of a sweep is measured against: the names,
// checks and expectations of the scenario, sorted, with their indexes. It
// and the scenario are read-only once built, so workers share them.
type plan struct {
	sc *scenarios.Scenario

	names   []string   // scenario names of resources that have a ready state, sorted
	kinds   []string   // kind of each name
	ready   [][]string // ready states of each name (model.ReadyStates of its kind)
	nameIdx map[string]int

	checks   []string // check names, sorted, unique
	checkIdx map[string]int

	expects   []string // expectation labels, sorted, unique
	expectIdx map[scenarios.Pos]int
}

// seedResult is what one run contributes to the report.
type seedResult struct {
	ready   []sim.Time // per plan name: first ready time, or -1
	checks  []tally    // per plan check name
	expects []tally    // per plan expectation
	total   model.Money
	cats    map[model.Category]model.Money
	failed  bool
}

type tally struct{ evaluated, passed int }

// expectLabel names a step that expects an error; steps with the same
// label are counted together.
func expectLabel(st scenarios.Step) string {
	return fmt.Sprintf("%s fails with %s (line %d)", st.Action.Name, st.ExpectError, st.Pos.Line)
}

func newPlan(sc *scenarios.Scenario) *plan {
	p := &plan{sc: sc, nameIdx: map[string]int{}, checkIdx: map[string]int{}, expectIdx: map[scenarios.Pos]int{}}
	steps := append(slices.Clone(sc.Steps), sc.Sandbox...)
	seen := map[string]bool{}
	for _, st := range steps {
		if st.Name != "" && model.ReadyStates(sc.KindOf(st.Name)) != nil && !seen[st.Name] {
			seen[st.Name] = true
			p.names = append(p.names, st.Name)
		}
	}
	slices.Sort(p.names)
	for i, n := range p.names {
		p.nameIdx[n] = i
		p.kinds = append(p.kinds, sc.KindOf(n))
		p.ready = append(p.ready, model.ReadyStates(sc.KindOf(n)))
	}
	for _, c := range sc.Checks {
		if _, ok := p.checkIdx[c.Name]; !ok {
			p.checkIdx[c.Name] = 0
			p.checks = append(p.checks, c.Name)
		}
	}
	slices.Sort(p.checks)
	for i, n := range p.checks {
		p.checkIdx[n] = i
	}
	labels := map[string]int{}
	for _, st := range steps {
		if st.ExpectError != "" {
			if _, ok := labels[expectLabel(st)]; !ok {
				labels[expectLabel(st)] = 0
				p.expects = append(p.expects, expectLabel(st))
			}
		}
	}
	slices.Sort(p.expects)
	for i, l := range p.expects {
		labels[l] = i
	}
	for _, st := range steps {
		if st.ExpectError != "" {
			p.expectIdx[st.Pos] = labels[expectLabel(st)]
		}
	}
	return p
}

// runAll runs seeds first … first+n-1 on the given number of workers and
// returns their results indexed by seed offset.
func (p *plan) runAll(ctx context.Context, first uint64, n, workers int) ([]seedResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]seedResult, n)
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				res, err := p.runOne(ctx, first+uint64(i))
				if err != nil {
					errs[i] = err
					cancel()
					return
				}
				results[i] = res
			}
		})
	}
	wg.Wait()
	// The lowest seed's error, whichever worker met one first.
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, ctx.Err()
}

// ctxEvery is how many events a run fires between looks at the context:
// often enough to stop within milliseconds, rarely enough to cost nothing.
const ctxEvery = 256

func (p *plan) runOne(ctx context.Context, seed uint64) (seedResult, error) {
	r, err := p.sc.NewRun(&seed)
	if err != nil {
		return seedResult{}, err
	}
	r.NoSeries = true // nothing here charts the bill over time
	for i := 1; r.Step(); i++ {
		if i%ctxEvery == 0 && ctx.Err() != nil {
			return seedResult{}, nil // the caller sees ctx.Err()
		}
	}
	res := seedResult{
		ready:   make([]sim.Time, len(p.names)),
		checks:  make([]tally, len(p.checks)),
		expects: make([]tally, len(p.expects)),
		cats:    map[model.Category]model.Money{},
		failed:  r.Failures() > 0,
	}
	for i := range res.ready {
		res.ready[i] = -1
	}
	left := len(p.names)
	for _, rec := range r.Records.All() {
		if left == 0 {
			break
		}
		if rec.Kind != scenarios.RecordState || rec.Name == "" {
			continue
		}
		i, ok := p.nameIdx[rec.Name]
		if !ok || res.ready[i] >= 0 || rec.Action != p.kinds[i] || !slices.Contains(p.ready[i], rec.To) {
			continue
		}
		res.ready[i] = rec.T
		left--
	}
	for _, c := range r.Checks {
		t := &res.checks[p.checkIdx[c.Check.Name]]
		t.evaluated++
		if c.Pass {
			t.passed++
		}
	}
	for _, x := range r.Expectations {
		i, ok := p.expectIdx[x.Step.Pos]
		if !ok {
			continue
		}
		res.expects[i].evaluated++
		if x.OK() {
			res.expects[i].passed++
		}
	}
	b := r.World.Bill()
	res.total = b.Total
	for _, l := range b.Lines {
		res.cats[l.Category] += l.Cost
	}
	return res, nil
}

// Report is the JSON document of `ec2sim sweep --json`. Field names are a
// stable interface; add, never rename. Lists are never null.
type Report struct {
	Scenario         string          `json:"scenario"`
	File             string          `json:"file"`
	Runs             int             `json:"runs"`
	FirstSeed        uint64          `json:"first_seed"`
	LastSeed         uint64          `json:"last_seed"`
	PercentileMethod string          `json:"percentile_method"`
	FailedRuns       int             `json:"failed_runs"`       // runs with scenarios.Run.Failures() > 0
	FirstFailedSeed  *uint64         `json:"first_failed_seed"` // null when no run failed
	Ready            []Ready         `json:"ready"`             // sorted by name
	Checks           []Rate          `json:"checks"`            // sorted by name
	Expectations     []Rate          `json:"expectations"`      // sorted by label
	Bill             Bill            `json:"bill"`
	ReadyHistogram   *ReadyHistogram `json:"ready_histogram"` // of the slowest name; null without names
	BillHistogram    []MoneyBucket   `json:"bill_histogram"`  // of the total
}

// Ready is when one scenario name first reached a ready state, in seconds
// since the scenario's start, over the runs in which it did.
type Ready struct {
	Name       string        `json:"name"`
	Kind       string        `json:"kind"`
	ReadyState string        `json:"ready_state"` // e.g. "running", "available|in-use"
	ReadyRuns  int           `json:"ready_runs"`  // runs in which it became ready
	Seconds    *SecondsStats `json:"seconds"`     // null when it never did
}

// SecondsStats summarise durations in seconds, exact to the millisecond;
// the mean is rounded to the millisecond.
type SecondsStats struct {
	Min  float64 `json:"min"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// Rate is how often a check or expectation passed.
type Rate struct {
	Name      string  `json:"name"`
	Evaluated int     `json:"evaluated"` // evaluations over all runs
	Passed    int     `json:"passed"`
	PassRate  float64 `json:"pass_rate"` // passed ÷ evaluated, 0..1; 0 when never evaluated
}

// Bill holds dollar amounts as exact decimal strings with six decimals,
// like the bill of `ec2sim run --json`.
type Bill struct {
	Total      USDStats   `json:"total"`
	Categories []Category `json:"categories"` // in bill order; $0 in a run whose bill lacks the category
}

// Category is the spread of one bill category over the runs.
type Category struct {
	Category string   `json:"category"`
	USD      USDStats `json:"usd"`
}

// USDStats summarise amounts as model.Money strings; the mean is rounded
// to the micro-dollar.
type USDStats struct {
	Min  string `json:"min"`
	P50  string `json:"p50"`
	P90  string `json:"p90"`
	P99  string `json:"p99"`
	Max  string `json:"max"`
	Mean string `json:"mean"`
}

// ReadyHistogram is the spread of one name's ready time.
type ReadyHistogram struct {
	Name    string          `json:"name"`
	Buckets []SecondsBucket `json:"buckets"` // at most MaxBuckets
}

// SecondsBucket holds the values from FromS to ToS, both included.
type SecondsBucket struct {
	FromS float64 `json:"from_s"`
	ToS   float64 `json:"to_s"`
	Count int     `json:"count"`
}

// MoneyBucket holds the amounts from FromUSD to ToUSD, both included.
type MoneyBucket struct {
	FromUSD string `json:"from_usd"`
	ToUSD   string `json:"to_usd"`
	Count   int    `json:"count"`
}

// aggregate folds the per-seed results in seed order into the report.
func (p *plan) aggregate(first uint64, results []seedResult) Report {
	n := len(results)
	rep := Report{
		Scenario: p.sc.Name, File: p.sc.File, Runs: n, FirstSeed: first, LastSeed: first + uint64(n-1),
		PercentileMethod: PercentileMethod, Ready: []Ready{}, Checks: []Rate{}, Expectations: []Rate{},
		BillHistogram: []MoneyBucket{},
	}
	for i, res := range results {
		if res.failed {
			if rep.FailedRuns == 0 {
				s := first + uint64(i)
				rep.FirstFailedSeed = &s
			}
			rep.FailedRuns++
		}
	}

	// The slowest name is the one with the highest median, then p99.
	slowest, slowestVals := -1, []int64(nil)
	for i, name := range p.names {
		var vals []int64
		for _, res := range results {
			if t := res.ready[i]; t >= 0 {
				vals = append(vals, int64(t))
			}
		}
		rj := Ready{Name: name, Kind: p.kinds[i], ReadyState: strings.Join(p.ready[i], "|"), ReadyRuns: len(vals)}
		if len(vals) > 0 {
			slices.Sort(vals)
			st := seconds(vals)
			rj.Seconds = &st
			if slowest < 0 || cmp.Or(cmp.Compare(percentile(vals, 50), percentile(slowestVals, 50)),
				cmp.Compare(percentile(vals, 99), percentile(slowestVals, 99))) > 0 {
				slowest, slowestVals = i, vals
			}
		}
		rep.Ready = append(rep.Ready, rj)
	}
	if slowest >= 0 {
		h := &ReadyHistogram{Name: p.names[slowest], Buckets: []SecondsBucket{}}
		for _, b := range histogram(slowestVals) {
			h.Buckets = append(h.Buckets, SecondsBucket{sim.Time(b.from).Seconds(), sim.Time(b.to).Seconds(), b.count})
		}
		rep.ReadyHistogram = h
	}

	rep.Checks = rates(p.checks, results, func(r seedResult) []tally { return r.checks })
	rep.Expectations = rates(p.expects, results, func(r seedResult) []tally { return r.expects })

	totals := make([]int64, n)
	seen := map[model.Category]bool{}
	for i, res := range results {
		totals[i] = int64(res.total)
		for c := range res.cats {
			seen[c] = true
		}
	}
	slices.Sort(totals)
	rep.Bill.Total = usd(totals)
	for _, b := range histogram(totals) {
		rep.BillHistogram = append(rep.BillHistogram, MoneyBucket{model.Money(b.from).String(), model.Money(b.to).String(), b.count})
	}
	rep.Bill.Categories = []Category{}
	for _, c := range categoryOrder(seen) {
		vals := make([]int64, n)
		for i, res := range results {
			vals[i] = int64(res.cats[c]) // a category absent from a run's bill is $0 in it
		}
		slices.Sort(vals)
		rep.Bill.Categories = append(rep.Bill.Categories, Category{string(c), usd(vals)})
	}
	return rep
}

// categoryOrder lists the categories seen in the order a bill shows them,
// then any the model adds later, sorted.
func categoryOrder(seen map[model.Category]bool) []model.Category {
	var out, extra []model.Category
	for _, c := range model.Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	for c := range seen {
		if !slices.Contains(model.Categories, c) {
			extra = append(extra, c)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

func rates(names []string, results []seedResult, of func(seedResult) []tally) []Rate {
	out := []Rate{}
	for i, name := range names {
		var t tally
		for _, res := range results {
			t.evaluated += of(res)[i].evaluated
			t.passed += of(res)[i].passed
		}
		rj := Rate{Name: name, Evaluated: t.evaluated, Passed: t.passed}
		if t.evaluated > 0 {
			rj.PassRate = float64(t.passed) / float64(t.evaluated)
		}
		out = append(out, rj)
	}
	return out
}
