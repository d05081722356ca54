package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/scenarios/sweep"
)

// maxSweepRuns bounds --runs: enough for stable p99s, small enough that a
// typo cannot keep a machine busy for hours.
const maxSweepRuns = 100_000

// histWidth is how many cells wide the fullest bar of a histogram is.
const histWidth = 40

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
	rep, err := sweep.Run(ctx, sc, sweep.Options{FirstSeed: *seed, Runs: *runs, Workers: *workers})
	switch {
	case ctx.Err() != nil:
		e.errorf("interrupted")
		return exitInterrupted
	case err != nil:
		e.errorf("%v", err)
		return exitInvalid
	}
	if *asJSON {
		if code := writeJSON(e, rep); code != exitOK {
			return code
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

// bar draws count as a bar of at most histWidth cells, the fullest bucket
// full width; a bucket that is not empty gets at least one cell.
func bar(count, most int) string {
	if count == 0 {
		return ""
	}
	return strings.Repeat("█", max(1, (count*histWidth+most/2)/most))
}

func printSweep(w io.Writer, rep sweep.Report) {
	fmt.Fprintf(w, "%s: %d runs, seeds %d–%d; percentiles by nearest rank\n", scenarios.Line(rep.Scenario), rep.Runs, rep.FirstSeed, rep.LastSeed)
	if rep.FailedRuns > 0 {
		fmt.Fprintf(w, "%d run(s) failed a check, an expectation or a wait, the first with seed %d\n", rep.FailedRuns, *rep.FirstFailedSeed)
	} else {
		fmt.Fprintln(w, "every run passed its checks, expectations and waits")
	}
	if len(rep.Ready) > 0 {
		nw, rw := len("name"), len(fmt.Sprintf(" %d/%d", rep.Runs, rep.Runs))
		for _, r := range rep.Ready {
			nw = max(nw, len(scenarios.Line(r.Name))+len(r.ReadyState)+3)
		}
		fmt.Fprintf(w, "\nReady, seconds from the start\n  %-*s %*s %10s %10s %10s %10s %10s %10s\n", nw, "name", rw, "runs", "min", "p50", "p90", "p99", "max", "mean")
		for _, r := range rep.Ready {
			label := scenarios.Line(fmt.Sprintf("%s (%s)", r.Name, r.ReadyState))
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
	row := func(name string, s sweep.USDStats) {
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
		fmt.Fprintf(w, "\n%s ready, seconds from the start (the slowest name)\n", scenarios.Line(h.Name))
		rows, counts = nil, nil
		for _, b := range h.Buckets {
			rows = append(rows, [2]string{fmt.Sprintf("%.3f", b.FromS), fmt.Sprintf("%.3f", b.ToS)})
			counts = append(counts, b.Count)
		}
		printHistogram(w, rows, counts)
	}
}

func printRates(w io.Writer, title string, rs []sweep.Rate) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s, pass rate\n", title)
	for _, r := range rs {
		pct := "     -"
		if r.Evaluated > 0 {
			pct = fmt.Sprintf("%5.1f%%", 100*r.PassRate)
		}
		fmt.Fprintf(w, "  %s %13s  %s\n", pct, fmt.Sprintf("%d/%d", r.Passed, r.Evaluated), scenarios.Line(r.Name))
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
