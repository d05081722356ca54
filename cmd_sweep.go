package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// maxSweepRuns bounds --runs: enough for stable p99s, small enough that a
// typo cannot keep a machine busy for hours.
const maxSweepRuns = 100_000

// readyState is the state that makes a resource of a kind usable; the
// names of a scenario are matched against the state records of the log.
var readyState = map[string][]string{
	"instance": {"running"},
	"image":    {"available"},
	"snapshot": {"completed"},
	"volume":   {"available", "in-use"},
}

// histogram shape: at most histBuckets buckets, the fullest bar histWidth
// cells wide.
const (
	histBuckets = 10
	histWidth   = 40
)

func cmdSweep(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "sweep", "FILE|NAME --runs N [--seed S] [--json] [--workers W]",
		"Replays a scenario under N seeds (S, S+1, … S+N-1) and reports what varies:\n"+
			"when each named resource first became ready (instance running, image\n"+
			"available, snapshot completed, volume available or in-use), each check's\n"+
			"and each expected error's pass rate, and the bill, in total and per\n"+
			"category, with histograms of the total and of the slowest name.\n\n"+
			"Percentiles are by nearest rank: of n sorted values, pP is the value of\n"+
			"rank ceil(P/100 × n), so every figure is one that some seed produced.\n"+
			"Ready times are seconds since the scenario's start, over the runs in which\n"+
			"the resource became ready at all; the mean is rounded to the millisecond\n"+
			"and, for money, to the micro-dollar.\n\n"+
			"Runs are spread over --workers goroutines; the report depends only on the\n"+
			"scenario and the seeds, never on the number of workers. Exits 1 when any\n"+
			"run failed a check, an expectation or a wait (the first such seed is named).")
	runs := fs.Int("runs", 0, fmt.Sprintf("how many seeds to run, 1..%d (required)", maxSweepRuns))
	seed := fs.Uint64("seed", 1, "the first seed")
	asJSON := fs.Bool("json", false, "print one JSON document instead of the tables")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "runs in parallel, each on its own world (GOMAXPROCS unless set)")
	lim := limitFlags(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		e.errorf("sweep takes one scenario file or built-in name, got %d (try `ec2sim list`)", len(pos))
		return exitUsage
	}
	if *runs < 1 || *runs > maxSweepRuns {
		e.errorf("--runs must be between 1 and %d, got %d", maxSweepRuns, *runs)
		return exitUsage
	}
	if *workers < 1 {
		e.errorf("--workers must be at least 1, got %d", *workers)
		return exitUsage
	}
	if *seed > math.MaxUint64-uint64(*runs-1) {
		e.errorf("--seed %d with --runs %d goes past the largest seed", *seed, *runs)
		return exitUsage
	}
	sc, code := load(e, pos[0], lim)
	if sc == nil {
		return code
	}
	p := newSweepPlan(sc)
	results, err := p.runAll(ctx, *seed, *runs, min(*workers, *runs))
	switch {
	case ctx.Err() != nil:
		e.errorf("interrupted")
		return exitInterrupted
	case err != nil:
		e.errorf("%v", err)
		return exitInvalid
	}
	rep := p.aggregate(*seed, results)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
	} else {
		printSweep(e.stdout, rep)
	}
	if rep.FailedRuns > 0 {
		e.errorf("%d of %d run(s) failed a check, an expectation or a wait; `ec2sim run %s --seed %d` replays the first",
			rep.FailedRuns, rep.Runs, pos[0], *rep.FirstFailedSeed)
		return exitFailed
	}
	return exitOK
}

// sweepPlan is what every run of a sweep is measured against: the names,
// checks and expectations of the scenario, sorted, with their indexes. It
// and the scenario are read-only once built, so workers share them.
type sweepPlan struct {
	sc *scenarios.Scenario

	names   []string // scenario names of resources that have a ready state, sorted
	kinds   []string // kind of each name
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

func expectLabel(st scenarios.Step) string {
	return fmt.Sprintf("%s fails with %s (line %d)", st.Action.Name, st.ExpectError, st.Pos.Line)
}

func newSweepPlan(sc *scenarios.Scenario) *sweepPlan {
	p := &sweepPlan{sc: sc, nameIdx: map[string]int{}, checkIdx: map[string]int{}, expectIdx: map[scenarios.Pos]int{}}
	steps := append(slices.Clone(sc.Steps), sc.Sandbox...)
	seen := map[string]bool{}
	for _, st := range steps {
		if st.Name != "" && readyState[sc.KindOf(st.Name)] != nil && !seen[st.Name] {
			seen[st.Name] = true
			p.names = append(p.names, st.Name)
		}
	}
	slices.Sort(p.names)
	for i, n := range p.names {
		p.nameIdx[n] = i
		p.kinds = append(p.kinds, sc.KindOf(n))
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
// returns their results indexed by seed offset. Each worker builds its own
// Run: a World is never shared between goroutines.
func (p *sweepPlan) runAll(ctx context.Context, first uint64, n, workers int) ([]seedResult, error) {
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

func (p *sweepPlan) runOne(ctx context.Context, seed uint64) (seedResult, error) {
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
	for _, rec := range r.Records {
		if left == 0 {
			break
		}
		if rec.Kind != "state" || rec.Name == "" {
			continue
		}
		i, ok := p.nameIdx[rec.Name]
		if !ok || res.ready[i] >= 0 || rec.Action != p.kinds[i] || !slices.Contains(readyState[p.kinds[i]], rec.To) {
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
	b := r.W.Bill()
	res.total = b.Total
	for _, l := range b.Lines {
		res.cats[l.Category] += l.Cost
	}
	return res, nil
}

// sweepReport is the JSON document of `ec2sim sweep --json`. Field names
// are a stable interface; add, never rename.
type sweepReport struct {
	Scenario         string         `json:"scenario"`
	File             string         `json:"file"`
	Runs             int            `json:"runs"`
	FirstSeed        uint64         `json:"first_seed"`
	LastSeed         uint64         `json:"last_seed"`
	PercentileMethod string         `json:"percentile_method"`
	FailedRuns       int            `json:"failed_runs"`
	FirstFailedSeed  *uint64        `json:"first_failed_seed"` // null when no run failed
	Ready            []readyJSON    `json:"ready"`
	Checks           []rateJSON     `json:"checks"`
	Expectations     []rateJSON     `json:"expectations"`
	Bill             sweepBillJSON  `json:"bill"`
	ReadyHistogram   *readyHistJSON `json:"ready_histogram"` // of the slowest name; null without names
	BillHistogram    []moneyBucket  `json:"bill_histogram"`
}

// readyJSON is when one scenario name first reached its ready state.
type readyJSON struct {
	Name       string        `json:"name"`
	Kind       string        `json:"kind"`
	ReadyState string        `json:"ready_state"` // e.g. "running", "available|in-use"
	ReadyRuns  int           `json:"ready_runs"`  // runs in which it became ready
	Seconds    *secondsStats `json:"seconds"`     // null when it never did
}

type secondsStats struct {
	Min  float64 `json:"min"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// rateJSON is how often a check or expectation passed.
type rateJSON struct {
	Name      string  `json:"name"`
	Evaluated int     `json:"evaluated"` // evaluations over all runs
	Passed    int     `json:"passed"`
	PassRate  float64 `json:"pass_rate"` // passed ÷ evaluated, 0..1
}

// sweepBillJSON holds dollar amounts as exact decimal strings with six
// decimals, like the bill of `ec2sim run --json`.
type sweepBillJSON struct {
	Total      usdStats       `json:"total"`
	Categories []categoryJSON `json:"categories"`
}

type categoryJSON struct {
	Category string   `json:"category"`
	USD      usdStats `json:"usd"`
}

type usdStats struct {
	Min  string `json:"min"`
	P50  string `json:"p50"`
	P90  string `json:"p90"`
	P99  string `json:"p99"`
	Max  string `json:"max"`
	Mean string `json:"mean"`
}

type readyHistJSON struct {
	Name    string          `json:"name"`
	Buckets []secondsBucket `json:"buckets"`
}

// Buckets hold the values from..to, both included.
type secondsBucket struct {
	FromS float64 `json:"from_s"`
	ToS   float64 `json:"to_s"`
	Count int     `json:"count"`
}

type moneyBucket struct {
	FromUSD string `json:"from_usd"`
	ToUSD   string `json:"to_usd"`
	Count   int    `json:"count"`
}

// aggregate folds the per-seed results in seed order into the report.
func (p *sweepPlan) aggregate(first uint64, results []seedResult) sweepReport {
	n := len(results)
	rep := sweepReport{
		Scenario: p.sc.Name, File: p.sc.File, Runs: n, FirstSeed: first, LastSeed: first + uint64(n-1),
		PercentileMethod: "nearest-rank", Ready: []readyJSON{}, Checks: []rateJSON{}, Expectations: []rateJSON{},
		BillHistogram: []moneyBucket{},
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

	slowest, slowestVals := -1, []int64(nil)
	for i, name := range p.names {
		var vals []int64
		for _, res := range results {
			if t := res.ready[i]; t >= 0 {
				vals = append(vals, int64(t))
			}
		}
		rj := readyJSON{Name: name, Kind: p.kinds[i], ReadyState: strings.Join(readyState[p.kinds[i]], "|"), ReadyRuns: len(vals)}
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
		h := &readyHistJSON{Name: p.names[slowest], Buckets: []secondsBucket{}}
		for _, b := range histogram(slowestVals) {
			h.Buckets = append(h.Buckets, secondsBucket{sim.Time(b.from).Seconds(), sim.Time(b.to).Seconds(), b.count})
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
		rep.BillHistogram = append(rep.BillHistogram, moneyBucket{model.Money(b.from).String(), model.Money(b.to).String(), b.count})
	}
	rep.Bill.Categories = []categoryJSON{}
	for _, c := range categoryOrder(seen) {
		vals := make([]int64, n)
		for i, res := range results {
			vals[i] = int64(res.cats[c]) // a category absent from a run's bill is $0 in it
		}
		slices.Sort(vals)
		rep.Bill.Categories = append(rep.Bill.Categories, categoryJSON{string(c), usd(vals)})
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

func rates(names []string, results []seedResult, of func(seedResult) []tally) []rateJSON {
	out := []rateJSON{}
	for i, name := range names {
		var t tally
		for _, res := range results {
			t.evaluated += of(res)[i].evaluated
			t.passed += of(res)[i].passed
		}
		rj := rateJSON{Name: name, Evaluated: t.evaluated, Passed: t.passed}
		if t.evaluated > 0 {
			rj.PassRate = float64(t.passed) / float64(t.evaluated)
		}
		out = append(out, rj)
	}
	return out
}

// percentile returns the p-th percentile (0..100) of sorted values by
// nearest rank: the value of rank ceil(p/100 × n), 1-based; p = 0 gives the
// minimum. sorted must not be empty.
func percentile(sorted []int64, p int) int64 {
	n := len(sorted)
	rank := (p*n + 99) / 100
	return sorted[max(rank, 1)-1]
}

// meanRounded is the mean of the values rounded half away from zero to an
// integer, computed exactly whatever the sum.
func meanRounded(vals []int64) int64 {
	sum := new(big.Int)
	for _, v := range vals {
		sum.Add(sum, big.NewInt(v))
	}
	n := big.NewInt(int64(len(vals)))
	neg := sum.Sign() < 0
	sum.Abs(sum)
	sum.Add(sum.Mul(sum, big.NewInt(2)), n) // (2|sum| + n) / 2n rounds half up
	q := sum.Quo(sum, n.Mul(n, big.NewInt(2))).Int64()
	if neg {
		q = -q
	}
	return q
}

// seconds summarises sorted millisecond values in seconds.
func seconds(sorted []int64) secondsStats {
	s := func(ms int64) float64 { return sim.Time(ms).Seconds() }
	return secondsStats{
		Min: s(sorted[0]), P50: s(percentile(sorted, 50)), P90: s(percentile(sorted, 90)),
		P99: s(percentile(sorted, 99)), Max: s(sorted[len(sorted)-1]), Mean: s(meanRounded(sorted)),
	}
}

// usd summarises sorted micro-dollar values as exact dollar strings.
func usd(sorted []int64) usdStats {
	s := func(m int64) string { return model.Money(m).String() }
	return usdStats{
		Min: s(sorted[0]), P50: s(percentile(sorted, 50)), P90: s(percentile(sorted, 90)),
		P99: s(percentile(sorted, 99)), Max: s(sorted[len(sorted)-1]), Mean: s(meanRounded(sorted)),
	}
}

type bucket struct {
	from, to int64 // inclusive
	count    int
}

// histogram splits sorted integer values into at most histBuckets buckets
// of equal integer width from the minimum to the maximum.
func histogram(sorted []int64) []bucket {
	if len(sorted) == 0 {
		return nil
	}
	lo, hi := sorted[0], sorted[len(sorted)-1]
	span := new(big.Int).Sub(big.NewInt(hi), big.NewInt(lo))
	span.Add(span, big.NewInt(1))
	// width = ceil(span / histBuckets); span fits in a uint64.
	width := (span.Uint64() + histBuckets - 1) / histBuckets
	var out []bucket
	for i, v := 0, 0; v < len(sorted); i++ {
		from := lo + int64(uint64(i)*width)
		to := from + int64(width-1)
		if to > hi || to < from { // the last bucket ends at the maximum
			to = hi
		}
		b := bucket{from: from, to: to}
		for v < len(sorted) && sorted[v] <= to {
			b.count++
			v++
		}
		out = append(out, b)
	}
	return out
}

// bar draws count as a bar of at most histWidth cells, the fullest bucket
// full width; a bucket that is not empty gets at least one cell.
func bar(count, most int) string {
	if count == 0 {
		return ""
	}
	return strings.Repeat("█", max(1, (count*histWidth+most/2)/most))
}

func printSweep(w io.Writer, rep sweepReport) {
	fmt.Fprintf(w, "%s: %d runs, seeds %d–%d; percentiles by nearest rank\n", rep.Scenario, rep.Runs, rep.FirstSeed, rep.LastSeed)
	if rep.FailedRuns > 0 {
		fmt.Fprintf(w, "%d run(s) failed a check, an expectation or a wait, the first with seed %d\n", rep.FailedRuns, *rep.FirstFailedSeed)
	} else {
		fmt.Fprintln(w, "every run passed its checks, expectations and waits")
	}
	if len(rep.Ready) > 0 {
		nw, rw := len("name"), len(fmt.Sprintf(" %d/%d", rep.Runs, rep.Runs))
		for _, r := range rep.Ready {
			nw = max(nw, len(r.Name)+len(r.ReadyState)+3)
		}
		fmt.Fprintf(w, "\nReady, seconds from the start\n  %-*s %*s %10s %10s %10s %10s %10s %10s\n", nw, "name", rw, "runs", "min", "p50", "p90", "p99", "max", "mean")
		for _, r := range rep.Ready {
			label := fmt.Sprintf("%s (%s)", r.Name, r.ReadyState)
			fmt.Fprintf(w, "  %-*s %*s", nw, label, rw, fmt.Sprintf("%d/%d", r.ReadyRuns, rep.Runs))
			if s := r.Seconds; s != nil {
				fmt.Fprintf(w, " %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f\n", s.Min, s.P50, s.P90, s.P99, s.Max, s.Mean)
			} else {
				fmt.Fprintln(w, "  never ready")
			}
		}
	}
	printRates(w, "Checks", rep.Checks)
	printRates(w, "Expected errors", rep.Expectations)
	cw := len("total")
	for _, c := range rep.Bill.Categories {
		cw = max(cw, len(c.Category))
	}
	fmt.Fprintf(w, "\nBill, USD\n  %-*s %12s %12s %12s %12s %12s %12s\n", cw, "", "min", "p50", "p90", "p99", "max", "mean")
	row := func(name string, s usdStats) {
		fmt.Fprintf(w, "  %-*s %12s %12s %12s %12s %12s %12s\n", cw, name, s.Min, s.P50, s.P90, s.P99, s.Max, s.Mean)
	}
	row("total", rep.Bill.Total)
	for _, c := range rep.Bill.Categories {
		row(c.Category, c.USD)
	}
	fmt.Fprintln(w, "\nBill total, USD")
	var rows [][2]string
	var counts []int
	for _, b := range rep.BillHistogram {
		rows = append(rows, [2]string{b.FromUSD, b.ToUSD})
		counts = append(counts, b.Count)
	}
	printHistogram(w, rows, counts)
	if h := rep.ReadyHistogram; h != nil {
		fmt.Fprintf(w, "\n%s ready, seconds from the start (the slowest name)\n", h.Name)
		rows, counts = nil, nil
		for _, b := range h.Buckets {
			rows = append(rows, [2]string{fmt.Sprintf("%.3f", b.FromS), fmt.Sprintf("%.3f", b.ToS)})
			counts = append(counts, b.Count)
		}
		printHistogram(w, rows, counts)
	}
}

func printRates(w io.Writer, title string, rs []rateJSON) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s, pass rate\n", title)
	for _, r := range rs {
		pct := "     -"
		if r.Evaluated > 0 {
			pct = fmt.Sprintf("%5.1f%%", 100*r.PassRate)
		}
		fmt.Fprintf(w, "  %s %13s  %s\n", pct, fmt.Sprintf("%d/%d", r.Passed, r.Evaluated), r.Name)
	}
}

// printHistogram draws one line per bucket: its range, both ends
// included, a bar and the count.
func printHistogram(w io.Writer, rows [][2]string, counts []int) {
	fw, tw, most := 0, 0, 0
	for i, r := range rows {
		fw, tw, most = max(fw, len(r[0])), max(tw, len(r[1])), max(most, counts[i])
	}
	for i, r := range rows {
		fmt.Fprintf(w, "  %*s – %*s  %s %d\n", fw, r[0], tw, r[1], padBar(bar(counts[i], most)), counts[i])
	}
}

// padBar pads a bar of multi-byte cells to histWidth cells, since %-*s
// counts bytes.
func padBar(b string) string {
	return b + strings.Repeat(" ", histWidth-strings.Count(b, "█"))
}
