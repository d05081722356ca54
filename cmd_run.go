package main

import (
	"context"

	"github.com/ec2sim/ec2sim/sim"
)

func cmdRun(ctx context.Context, e *env, args []string) int {
	rf := newReplayFlags(e, "run",
		"Replays a scenario from start to end on the simulated clock and prints every\n"+
			"API call, state change and fault, then the resources left at the end.\n"+
			"The same file and seed always give the same output.",
		"print one JSON document instead of the log")
	r, ref, code := rf.start(e, args)
	if r == nil {
		return code
	}
	if code := stepToEnd(ctx, e, r); code != exitOK {
		return code
	}
	asJSON := rf.asJSON
	if *asJSON {
		if code := writeJSON(e, r.Report()); code != exitOK {
			return code
		}
	} else {
		r.WriteText(e.stdout)
	}
	if n := r.Failures(); n > 0 {
		e.errorf("%d check(s) or expectation(s) failed; `ec2sim test %s` grades them one by one", n, ref)
		return exitFailed
	}
	return exitOK
}

// simTime formats seconds of simulated time like the event log does.
func simTime(s float64) string {
	return sim.Time(s*1000 + 0.5).String()
}
