package main

import (
	"context"
)

func cmdBill(ctx context.Context, e *env, args []string) int {
	rf := newReplayFlags(e, "bill",
		"Replays a scenario and prints its bill: the period and total, what the\n"+
			"resources left running would cost per 730-hour month, every line per\n"+
			"region and resource, and the waste worth cleaning up. Rates marked ~ are\n"+
			"approximate (no dated source confirms them; see model/catalog.yaml).",
		"print the bill as JSON",
		"max-records") // a bill keeps no log (see DiscardLog below)
	r, _, code := rf.start(e, args)
	if r == nil {
		return code
	}
	asJSON := rf.asJSON
	if !*asJSON {
		r.NoSeries = true // the text bill draws no chart
	}
	r.DiscardLog() // a bill reads the world and its bill, not the log
	if code := stepToEnd(ctx, e, r); code != exitOK {
		return code
	}
	if *asJSON {
		if code := writeJSON(e, r.Report().Bill); code != exitOK || r.Stopped == "" {
			return code
		}
		return exitFailed
	}
	r.WriteBill(e.stdout)
	if r.Stopped != "" {
		return exitFailed // the bill of a run a limit cut short is not the scenario's
	}
	return exitOK
}
