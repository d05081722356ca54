package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
)

func cmdBill(ctx context.Context, e *env, args []string) int {
	rf := newReplayFlags(e, "bill",
		"Replays a scenario and prints its bill: the period and total, what the\n"+
			"resources left running would cost per 730-hour month, every line per\n"+
			"region and resource, and the waste worth cleaning up. Rates marked ~ are\n"+
			"approximate (no dated source confirms them; see model/catalog.yaml).",
		"print the bill as JSON")
	r, _, code := rf.start(e, args)
	if r == nil {
		return code
	}
	asJSON := rf.asJSON
	if !*asJSON {
		r.NoSeries = true // the text bill draws no chart
	}
	r.TraceAPIOnly() // a bill needs no log of every state change
	if code := stepToEnd(ctx, e, r); code != exitOK {
		return code
	}
	if *asJSON {
		if code := writeJSON(e, r.Report().Bill); code != exitOK || r.Stopped == "" {
			return code
		}
		return exitFailed
	}
	printBill(e.stdout, r)
	if r.Stopped != "" {
		return exitFailed // the bill of a run a limit cut short is not the scenario's
	}
	return exitOK
}

func printBill(w io.Writer, r *scenarios.Run) {
	world := r.World
	b := world.Bill()
	clock := world.Clock()
	// Names, components and waste messages can quote the file: never raw.
	fmt.Fprintf(w, "Bill for %s (seed %d)\n", scenarios.Line(r.Scenario.Name), r.Seed)
	fmt.Fprintf(w, "  period     %s → %s (%s simulated)\n", clock.At(0).Format("2006-01-02 15:04"), clock.At(b.At).Format("2006-01-02 15:04"), b.At.Compact())
	fmt.Fprintf(w, "  total      %s  (exact: $%s)\n", b.Total.Cents(), b.Total)
	rate := world.RunRate()
	fmt.Fprintf(w, "  run rate   $%s per hour now → %s per 730-hour month if nothing changes\n\n", rate, (rate * 730).Cents())
	if len(b.Lines) == 0 {
		fmt.Fprintln(w, "  nothing billed")
	}
	byCat := b.ByCategory()
	for _, c := range model.Categories {
		if v, ok := byCat[c]; ok {
			fmt.Fprintf(w, "  %-14s %12s\n", c, "$"+v.String())
		}
	}
	// Each resource's lines in each region, summed in one pass: a fleet's
	// bill has tens of thousands of lines, and summing them per resource
	// would be quadratic.
	subtotal := map[[2]string]model.Money{}
	for _, l := range b.Lines {
		subtotal[[2]string{l.Resource, l.Region}] += l.Cost
	}
	region, resource := "", ""
	for _, l := range b.Lines {
		if l.Region != region {
			region, resource = l.Region, ""
			fmt.Fprintf(w, "\n%s\n", scenarios.Line(region))
		}
		if l.Resource != resource {
			resource = l.Resource
			who := l.Resource
			if l.Name != "" {
				who += " (" + l.Name + ")"
			}
			who = scenarios.Line(who)
			sub := subtotal[[2]string{l.Resource, l.Region}]
			fmt.Fprintf(w, "  %s  %s $%s\n", who, strings.Repeat("·", max(1, 46-len(who))), sub)
		}
		approx := " "
		if l.Approximate {
			approx = "~"
		}
		fmt.Fprintf(w, "    %-44s %s %12s %-12s × %s$%-9s = $%s\n", scenarios.Line(l.Component), l.Month, l.Quantity(), l.Unit, approx, l.Rate, l.Cost)
	}
	waste := world.Waste()
	if len(waste) > 0 {
		fmt.Fprintln(w, "\nWaste")
		for _, f := range waste {
			who := f.Resource
			if f.Name != "" {
				who += " (" + f.Name + ")"
			}
			fmt.Fprintf(w, "  %s/month  %s: %s\n", f.Monthly.Cents(), scenarios.Line(who), scenarios.Line(f.Message))
		}
	}
	fmt.Fprintln(w, "\nEach line is rounded once, half to even, to the micro-dollar; the total is the sum of the lines.")
}
