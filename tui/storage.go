package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/model"
)

// renderStorage draws the storage relations a student has to keep in mind
// to stop paying: each AMI with the snapshots behind it and the volume each
// snapshot was taken from, then the snapshots no registered AMI uses, then
// the volumes. Every resource shows what it costs per 730-hour month, and
// what bills for nothing is flagged from the model's own waste findings
// (model.World.Waste), so the panel and `ec2sim bill` never disagree about
// what is orphaned. Whether a snapshot is in use is asked of the model
// (model.World.SnapshotInUseBy): a snapshot shared by a deregistered AMI and
// a registered one is in use, not orphaned.
func renderStorage(st Styles, w *model.World, width int) string {
	waste := map[string]model.Finding{}
	for _, f := range w.Waste() {
		waste[f.Resource] = f
	}
	var b strings.Builder
	// line writes s lead cells in; what wraps continues two cells deeper.
	line := func(lead int, s string) { b.WriteString(wrapIndent(strings.Repeat(" ", lead)+s, width, lead+2) + "\n") }
	price := func(id string) string { return st.Money.Render(dollars(w.MonthlyRate(id)) + "/mo") }

	line(0, st.Bold.Render("AMIs → snapshots → source volume"))
	shown := map[string]bool{}
	images := w.Images()
	if len(images) == 0 {
		line(2, st.Dim.Render("no AMIs of your own registered now"))
	}
	for _, im := range images {
		state := im.State
		if im.State == model.ImageDeregistered {
			state = st.Warn.Render("deregistered")
		}
		vis := "private"
		if im.Public {
			vis = st.Warn.Render("PUBLIC")
		} else if len(im.LaunchPermissions) > 0 {
			vis = fmt.Sprintf("shared ×%d", len(im.LaunchPermissions))
		}
		line(2, fmt.Sprintf("%s %s %s · %s %q", idOrName(w, im.ID), state, vis, im.Region, im.Name))
		for _, sid := range im.SnapshotIDs() {
			shown[sid] = true
			s, ok := w.Snapshot(sid)
			if !ok {
				line(4, "└ "+shortID(sid)+" "+st.Dim.Render("deleted"))
				continue
			}
			line(4, "└ "+snapshotLine(st, w, s, waste, price))
		}
	}
	var loose []model.Snapshot
	for _, s := range w.Snapshots() {
		if !shown[s.ID] {
			loose = append(loose, s)
		}
	}
	if len(loose) > 0 {
		line(0, st.Bold.Render("Snapshots no AMI on screen uses"))
		for _, s := range loose {
			line(2, snapshotLine(st, w, s, waste, price))
		}
	}

	vols := w.Volumes()
	line(0, st.Bold.Render("Volumes"))
	if len(vols) == 0 {
		line(2, st.Dim.Render("none now"))
	}
	for _, v := range vols {
		var att string
		switch {
		case v.InstanceID == "":
			att = st.Error.Render("⚠ idle: attached to nothing, still billing")
		default:
			dot := "kept on terminate"
			if v.DeleteOnTermination {
				dot = "deleted on terminate"
			}
			att = fmt.Sprintf("→ %s %s, %s", nameOr(w, v.InstanceID), v.Device, dot)
			if f, ok := waste[v.InstanceID]; ok && f.Kind == model.WasteStoppedInstanceVolumes {
				att += " " + st.Error.Render("⚠ instance stopped, still billing")
			}
		}
		line(2, fmt.Sprintf("%s %s %d GiB %s %s", idOrName(w, v.ID), price(v.ID), v.SizeGiB, v.Type, att))
	}
	return strings.TrimRight(b.String(), "\n")
}

// snapshotLine is one snapshot: its price first (so a narrow pane keeps
// it), what it is, where it came from, and who uses it.
func snapshotLine(st Styles, w *model.World, s model.Snapshot, waste map[string]model.Finding, price func(string) string) string {
	out := fmt.Sprintf("%s %s %d of %d GiB stored %s", idOrName(w, s.ID), price(s.ID), s.StoredGiB, s.VolumeSize, s.State)
	if s.Tier != "" && s.Tier != model.TierStandard {
		out += " " + s.Tier
	}
	out += " ← " + nameOr(w, s.VolumeID)
	switch by := w.SnapshotInUseBy(s.ID); {
	case len(by) > 0:
		names := make([]string, len(by))
		for i, id := range by {
			names[i] = nameOr(w, id)
		}
		out += st.Dim.Render(" · in use by " + strings.Join(names, ", "))
	case waste[s.ID].Kind == model.WasteOrphanedSnapshot:
		out = st.Error.Render("⚠ orphaned") + " " + out + st.Dim.Render(" · no registered AMI uses it: delete it to stop paying")
	}
	return out
}

// nameOr is a resource's scenario name, or its short ID.
func nameOr(w *model.World, id string) string {
	if n := w.NameOf(id); n != "" {
		return n
	}
	return shortID(id)
}

// wrapIndent wraps each line to w cells, continuing wrapped lines indent
// cells in (or at the line's own indent, if deeper), so a long storage line
// stays readable instead of being cut: the price and the warning are what a
// narrow pane must not lose.
func wrapIndent(s string, w, indent int) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		lead := len(l) - len(strings.TrimLeft(l, " "))
		pad := max(lead, indent)
		if w < pad+12 || ansi.StringWidth(l) <= w {
			out = append(out, l)
			continue
		}
		// Wrapped once, narrower by the indent, so that no word is split
		// twice and the continuation lines fit once indented.
		parts := strings.Split(ansi.Wrap(l, w-pad, ""), "\n")
		out = append(out, parts[0])
		for _, p := range parts[1:] {
			out = append(out, strings.Repeat(" ", pad)+strings.TrimLeft(p, " "))
		}
	}
	return strings.Join(out, "\n")
}

// dollars is money as a student reads it: to the cent from a cent up,
// else to a hundredth of a cent, so a free-tier bill of $0.005130 shows as
// $0.0051 rather than $0.00, and less than that exactly ($0.000004).
// Display only.
func dollars(m model.Money) string {
	switch {
	case m == 0 || m >= model.MicroPerUSD/100 || m <= -model.MicroPerUSD/100:
		return m.Cents()
	case m < 100 && m > -100: // under a hundredth of a cent: exact
		return "$" + m.String()
	}
	s := m.String() // 0.005130
	return "$" + s[:len(s)-2]
}
