package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"runtime"

	"github.com/ec2sim/ec2sim/scenarios/sweep"
)

// maxSweepRuns bounds --runs: enough for stable p99s, small enough that a
// typo cannot keep a machine busy for hours.
const maxSweepRuns = 100_000

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
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "runs" })
	if !set {
		e.errorf("--runs is required: how many seeds to replay, 1 to %d (try --runs 100)", maxSweepRuns)
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
		rep.WriteText(e.stdout)
	}
	if rep.FailedRuns > 0 {
		e.errorf("%d of %d run(s) failed a check, an expectation or a wait; `ec2sim run %s --seed %d` replays the first",
			rep.FailedRuns, rep.Runs, pos[0], *rep.FirstFailedSeed)
		return exitFailed
	}
	return exitOK
}
