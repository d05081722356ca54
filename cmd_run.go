package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
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
		printRun(e.stdout, r)
	}
	if n := r.Failures(); n > 0 {
		e.errorf("%d check(s) or expectation(s) failed; `ec2sim test %s` grades them one by one", n, ref)
		return exitFailed
	}
	return exitOK
}

func printRun(w io.Writer, r *scenarios.Run) {
	sc := r.Scenario
	// Everything below that came from the file (names, titles, AMI names,
	// device names, account names) is printed through Line: never raw.
	fmt.Fprintf(w, "%s — %s\n", scenarios.Line(sc.Name), scenarios.Line(sc.Title))
	fmt.Fprintf(w, "seed %d · starts %s\n\n", r.Seed, sc.Start.Format("2006-01-02 15:04 MST"))
	for _, rec := range r.Records {
		fmt.Fprintln(w, r.LogLine(rec))
	}
	rep := r.Report()
	fmt.Fprintf(w, "\nEnd state at %s\n", r.World.Now())
	res := rep.Resources
	if len(res.Instances) > 0 {
		fmt.Fprintln(w, "  Instances")
		for _, i := range res.Instances {
			fmt.Fprintf(w, "    %-21s %-10s %-13s %-9s %-11s %s root, from %s\n", i.ID, scenarios.Line(dash(i.Name)), i.State, i.Type, i.AZ, i.RootDeviceType, scenarios.Line(i.ImageID))
		}
	}
	if len(res.Volumes) > 0 {
		fmt.Fprintln(w, "  Volumes")
		for _, v := range res.Volumes {
			att := "not attached"
			if v.AttachedTo != "" {
				att = fmt.Sprintf("%s on %s, DeleteOnTermination=%t", scenarios.Line(v.Device), v.AttachedTo, v.DeleteOnTermination)
			}
			fmt.Fprintf(w, "    %-21s %5d GiB %-4s %-11s %-10s %s\n", v.ID, v.SizeGiB, v.Type, v.AZ, v.State, att)
		}
	}
	if len(res.Images) > 0 {
		fmt.Fprintln(w, "  Images")
		for _, im := range res.Images {
			vis := "private"
			switch {
			case im.Public:
				vis = "PUBLIC"
			case len(im.SharedWith) > 0:
				vis = "shared with " + scenarios.Line(strings.Join(im.SharedWith, ", "))
			}
			fmt.Fprintf(w, "    %-21s %-24s %-12s %-9s %s, snapshots: %s\n", im.ID, `"`+scenarios.Line(im.Name)+`"`, im.State, im.Region, vis, strings.Join(im.SnapshotIDs, ", "))
		}
	}
	if len(res.Snapshots) > 0 {
		fmt.Fprintln(w, "  Snapshots")
		for _, s := range res.Snapshots {
			use := "not used by any AMI"
			if s.InUseBy != "" {
				use = "backs " + scenarios.Line(s.InUseBy)
			}
			fmt.Fprintf(w, "    %-22s %4d GiB (%d stored) %-9s %-9s %s\n", s.ID, s.SizeGiB, s.StoredGiB, s.State, s.Region, use)
		}
	}
	for _, x := range r.Expectations {
		mark := "ok  "
		if !x.OK() {
			mark = "FAIL"
		}
		got := string(x.Got)
		if got == "" {
			got = "success"
		}
		fmt.Fprintf(w, "%s expected %s from %s at %s: got %s\n", mark, x.Want, x.Step.Action.Name, x.T, got)
	}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// simTime formats seconds of simulated time like the event log does.
func simTime(s float64) string {
	return sim.Time(s*1000 + 0.5).String()
}
