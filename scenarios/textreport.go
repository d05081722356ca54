package scenarios

import (
	"fmt"
	"io"
	"strings"

	"github.com/ec2sim/ec2sim/model"
)

// WriteText writes the run as `ec2sim run` prints it: a header, the event
// log (LogLine), the resources left at the end, and each expected error's
// outcome. Text from the scenario file is escaped for the terminal.
func (r *Run) WriteText(w io.Writer) {
	sc := r.Scenario
	fmt.Fprintf(w, "%s — %s\n", Line(sc.Name), Line(sc.Title))
	fmt.Fprintf(w, "seed %d · starts %s\n\n", r.Seed, sc.Start.Format("2006-01-02 15:04 MST"))
	for _, rec := range r.Records.All() {
		fmt.Fprintln(w, r.LogLine(rec))
	}
	fmt.Fprintf(w, "\nEnd state at %s\n", r.World.Now())
	res := CollectResources(r.World) // not Report: that copies every record and works out the bill
	if len(res.Instances) > 0 {
		fmt.Fprintln(w, "  Instances")
		for _, i := range res.Instances {
			fmt.Fprintf(w, "    %-21s %-10s %-13s %-9s %-11s %s root, from %s\n", i.ID, Line(dash(i.Name)), i.State, i.Type, i.AZ, i.RootDeviceType, i.ImageID)
		}
	}
	if len(res.Volumes) > 0 {
		fmt.Fprintln(w, "  Volumes")
		for _, v := range res.Volumes {
			att := "not attached"
			if v.AttachedTo != "" {
				att = fmt.Sprintf("%s on %s, DeleteOnTermination=%t", Line(v.Device), v.AttachedTo, v.DeleteOnTermination)
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
				vis = "shared with " + Line(strings.Join(im.SharedWith, ", "))
			}
			fmt.Fprintf(w, "    %-21s %-24s %-12s %-9s %s, snapshots: %s\n", im.ID, `"`+Line(im.Name)+`"`, im.State, im.Region, vis, strings.Join(im.SnapshotIDs, ", "))
		}
	}
	if len(res.Snapshots) > 0 {
		fmt.Fprintln(w, "  Snapshots")
		for _, s := range res.Snapshots {
			use := "not used by any AMI"
			if s.InUseBy != "" {
				use = "backs " + Line(s.InUseBy)
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

// WriteBill writes the run's bill as `ec2sim bill` prints it: the period,
// the total, the run rate, each category, every line by region and
// resource with its subtotal, and the waste worth cleaning up. Text that can
// quote the file is escaped. Linear in the number of lines.
func (r *Run) WriteBill(w io.Writer) {
	world := r.World
	b := world.Bill()
	clock := world.Clock()
	// Names, components and waste messages can quote the file: never raw.
	fmt.Fprintf(w, "Bill for %s (seed %d)\n", Line(r.Scenario.Name), r.Seed)
	fmt.Fprintf(w, "  period     %s → %s (%s simulated)\n", clock.At(0).Format("2006-01-02 15:04"), clock.At(b.At).Format("2006-01-02 15:04"), b.At.Compact())
	fmt.Fprintf(w, "  total      %s  (exact: $%s)\n", b.Total.Cents(), b.Total)
	rate, ahead := world.RunRate(), world.MonthAhead()
	if ahead.FreeTier {
		fmt.Fprintf(w, "  run rate   $%s per hour now at list price → %s per 730-hour month, %s after the free tier, if nothing changes\n\n", rate, ahead.List.Cents(), ahead.AfterFreeTier.Cents())
	} else {
		fmt.Fprintf(w, "  run rate   $%s per hour now → %s per 730-hour month if nothing changes\n\n", rate, ahead.List.Cents())
	}
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
			fmt.Fprintf(w, "\n%s\n", Line(region))
		}
		if l.Resource != resource {
			resource = l.Resource
			who := l.Resource
			if l.Name != "" {
				who += " (" + l.Name + ")"
			}
			who = Line(who)
			sub := subtotal[[2]string{l.Resource, l.Region}]
			fmt.Fprintf(w, "  %s  %s $%s\n", who, strings.Repeat("·", max(1, 46-len(who))), sub)
		}
		approx := " "
		if l.Approximate {
			approx = "~"
		}
		fmt.Fprintf(w, "    %-44s %s %12s %-12s × %s$%-9s = $%s\n", Line(l.Component), l.Month, l.Quantity(), l.Unit, approx, l.Rate, l.Cost)
	}
	waste := world.Waste()
	if len(waste) > 0 {
		fmt.Fprintln(w, "\nWaste")
		for _, f := range waste {
			who := f.Resource
			if f.Name != "" {
				who += " (" + f.Name + ")"
			}
			fmt.Fprintf(w, "  %s/month  %s: %s\n", f.Monthly.Cents(), Line(who), Line(f.Message))
		}
	}
	fmt.Fprintln(w, "\nEach line is rounded once, half to even, to the micro-dollar; the total is the sum of the lines.")
}
