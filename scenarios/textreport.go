package scenarios

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the run as `ec2sim run` prints it: a header, the event
// log (LogLine), the resources left at the end, and each expected error's
// outcome. Text from the scenario file is escaped for the terminal.
func (r *Run) WriteText(w io.Writer) {
	sc := r.Scenario
	fmt.Fprintf(w, "%s — %s\n", Line(sc.Name), Line(sc.Title))
	fmt.Fprintf(w, "seed %d · starts %s\n\n", r.Seed, sc.Start.Format("2006-01-02 15:04 MST"))
	for _, rec := range r.Records {
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
