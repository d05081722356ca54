package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// row is one line of the instance tree: a region or AZ heading, or an
// instance (ID set). Rows are cheap; only the visible ones are rendered.
type row struct {
	heading string
	indent  int
	id      string
}

// instanceRows builds the region → AZ → instance tree, unrendered.
func instanceRows(refs []model.InstanceRef) []row {
	refs = slices.Clone(refs)
	slices.SortStableFunc(refs, func(a, b model.InstanceRef) int {
		if c := strings.Compare(a.Region, b.Region); c != 0 {
			return c
		}
		return strings.Compare(a.AZ, b.AZ)
	})
	rows := make([]row, 0, len(refs)+8)
	region, az := "", ""
	for _, i := range refs {
		if i.Region != region {
			region, az = i.Region, ""
			rows = append(rows, row{heading: region})
		}
		if i.AZ != az {
			az = i.AZ
			rows = append(rows, row{heading: az, indent: 1})
		}
		rows = append(rows, row{id: i.ID})
	}
	return rows
}

// renderRow draws one row of the tree.
func renderRow(st Styles, w *model.World, now sim.Time, r row) string {
	if r.id == "" {
		if r.indent == 0 {
			return st.Bold.Render(r.heading)
		}
		return " " + st.Dim.Render(r.heading)
	}
	i, ok := w.Instance(r.id)
	if !ok {
		return ""
	}
	name := w.NameOf(i.ID)
	if name == "" {
		name = shortID(i.ID)
	}
	up := ""
	if i.State == model.Running {
		up = " " + st.Dim.Render(short(now-i.RunningSince))
	}
	flag := ""
	if i.Status == "impaired" {
		flag = " " + st.Error.Render("⚠ impaired")
	}
	return fmt.Sprintf("  %s %s %s%s%s", st.State(i.State), name, st.Dim.Render(i.Type), up, flag)
}

// short formats a duration in its two largest whole units: 3d4h, 12m30s.
func short(d sim.Time) string {
	if d < sim.Second {
		return "0s"
	}
	units := []struct {
		n    sim.Time
		name string
	}{{sim.Day, "d"}, {sim.Hour, "h"}, {sim.Minute, "m"}, {sim.Second, "s"}}
	var out string
	parts := 0
	for _, u := range units {
		if q := d / u.n; q > 0 || parts > 0 {
			if q > 0 {
				out += itoa(int(q)) + u.name
			}
			d -= q * u.n
			parts++
			if parts == 2 {
				break
			}
		}
	}
	return out
}

// visible picks the window of rows around the selection that fits in h.
func visible(rows []row, selected string, h int) []row {
	if len(rows) <= h {
		return rows
	}
	at := slices.IndexFunc(rows, func(r row) bool { return r.id == selected })
	start := max(0, min(at-h/2, len(rows)-h))
	return rows[start : start+h]
}

func renderInstances(st Styles, w *model.World, now sim.Time, rows []row, selected string, height int) string {
	if len(rows) == 0 {
		return st.Dim.Render("no instances yet")
	}
	var b strings.Builder
	for i, r := range visible(rows, selected, height) {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := renderRow(st, w, now, r)
		if r.id != "" && r.id == selected {
			line = st.Selected.Render("▸") + line[1:]
		}
		b.WriteString(line)
	}
	return b.String()
}

// teachingOrder is the order a student follows the lifecycle in.
var teachingOrder = []model.InstanceState{model.Pending, model.Running, model.Stopping, model.Stopped, model.ShuttingDown, model.Terminated}

// renderLifecycle lists every state with the edges that leave it. The
// current state is highlighted; edges that do not exist for an
// instance-store root are shown struck out, with the reason.
func renderLifecycle(st Styles, run *scenarios.Run, id string) string {
	inst, ok := run.World.Instance(id)
	if !ok {
		return st.Dim.Render("Select an instance (↑/↓) to see its lifecycle.\n\nThe six states: pending, running, stopping, stopped,\nshutting-down, terminated. Rebooting is not a state.")
	}
	name := run.World.NameOf(id)
	if name == "" {
		name = id
	}
	last := lastTransition(run, id)
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s root\n", st.Bold.Render(name), inst.RootDeviceType)
	edges := model.LifecycleEdges(inst.RootDeviceType)
	ebsOnly := map[model.InstanceState]bool{model.Stopping: true, model.Stopped: true}
	for _, s := range teachingOrder {
		var outs []string
		for _, e := range edges {
			if e.From == s {
				label := string(e.To)
				if last.From == string(e.From) && last.To == string(e.To) {
					label = st.Bold.Render("⇒ " + label)
				}
				outs = append(outs, label)
			}
		}
		line := fmt.Sprintf("%-22s", st.State(s))
		switch {
		case inst.RootDeviceType != model.RootEBS && ebsOnly[s]:
			line = st.Dim.Strikethrough(true).Render(glyphs[s]+" "+string(s)) + st.Dim.Render("  ✗ no such state for an instance-store root")
		case len(outs) > 0:
			line += " → " + strings.Join(outs, ", ")
		}
		if s == inst.State {
			line = st.Current.Render("▶") + " " + line
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	if inst.RootDeviceType != model.RootEBS {
		b.WriteString(st.Warn.Render("StopInstances fails: UnsupportedOperation") + "\n")
	}
	if last.To != "" {
		fmt.Fprintf(&b, "last: %s → %s at %s", last.From, last.To, last.T)
		if last.Message != "" {
			b.WriteString(" (" + last.Message + ")")
		}
	}
	return b.String()
}

func lastTransition(run *scenarios.Run, id string) scenarios.Record {
	for i := len(run.Records) - 1; i >= 0; i-- {
		r := run.Records[i]
		if r.Kind == scenarios.RecordState && r.Action == "instance" && r.Resource == id && r.From != "" {
			return r
		}
	}
	return scenarios.Record{}
}

func idOrName(w *model.World, id string) string {
	if n := w.NameOf(id); n != "" {
		return n + " " + shortID(id)
	}
	return shortID(id)
}

// shortID keeps an ID's prefix and first hex digits: vol-350e56…
func shortID(id string) string {
	for _, p := range []string{"i-", "vol-", "snap-", "ami-", "sg-"} {
		if hex, ok := strings.CutPrefix(id, p); ok && len(hex) == 17 {
			return p + hex[:6] + "…"
		}
	}
	return id
}

// clock is a time on the log without milliseconds: 00:08:52, 2d 01:00:00.
func clock(t sim.Time) string {
	s := t.String()
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		return s[:i]
	}
	return s
}

// costView is what the cost panel shows, computed once per state.
type costView struct {
	total model.Money
	cats  map[model.Category]model.Money
	rate  model.Money
}

// renderCost shows the running total, per category, the rate now and a
// chart of the total over time.
func renderCost(st Styles, run *scenarios.Run, c costView, width, height int) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Total so far  %s  %s\n", st.Money.Render("$"+c.total.String()), st.Dim.Render(c.total.Cents()))
	fmt.Fprintf(&s, "Per hour now  $%s   per 730-h month %s\n", c.rate, (c.rate * 730).Cents())
	var parts []string
	for _, cat := range model.Categories {
		if v, ok := c.cats[cat]; ok {
			parts = append(parts, fmt.Sprintf("%s $%s", cat, v))
		}
	}
	s.WriteString(strings.Join(parts, " · ") + "\n")
	if chartH := height - 4; chartH >= 3 {
		s.WriteString(chart(run, run.World.Now(), c.total, width, chartH))
	}
	return s.String()
}

// chart draws the total bill over time with block characters, one column
// per slice of the timeline so far. Between samples the total grows
// linearly, as metered charges do.
func chart(run *scenarios.Run, now sim.Time, total model.Money, width, height int) string {
	type pt struct{ t, v float64 }
	var pts []pt
	for _, c := range run.Series {
		m, _ := model.ParseMoney(c.TotalUSD)
		pts = append(pts, pt{c.TS, float64(m)})
	}
	pts = append(pts, pt{now.Seconds(), float64(total)})
	cols := width - 2
	if cols < 4 || now <= 0 || height < 2 {
		return ""
	}
	vals := make([]float64, cols)
	top := float64(total)
	j := 0
	for c := range cols {
		t := now.Seconds() * float64(c+1) / float64(cols)
		for j+1 < len(pts) && pts[j+1].t < t {
			j++
		}
		a, b := pts[j], pts[min(j+1, len(pts)-1)]
		v := a.v
		if b.t > a.t && t > a.t {
			v = a.v + (b.v-a.v)*min(1, (t-a.t)/(b.t-a.t))
		}
		vals[c] = v
		top = max(top, v)
	}
	if top == 0 {
		return "(nothing billed yet)"
	}
	blocks := []rune(" ▁▂▃▄▅▆▇█")
	h := height - 1
	lines := make([]string, 0, height)
	for r := range h {
		var sb strings.Builder
		sb.WriteString("│")
		for c := range cols {
			cell := vals[c]/top*float64(h) - float64(h-1-r)
			switch {
			case cell >= 1:
				sb.WriteRune('█')
			case cell <= 0:
				sb.WriteRune(' ')
			default:
				sb.WriteRune(blocks[int(cell*8)])
			}
		}
		lines = append(lines, sb.String())
	}
	peak := "$" + model.Money(top).String()
	if first := []rune(lines[0]); len(first) > len(peak)+1 {
		lines[0] = string(first[:len(first)-len(peak)]) + peak
	}
	axis := "└0" + strings.Repeat("─", max(0, cols-1-len(short(now))-2)) + "T+" + short(now)
	return strings.Join(lines, "\n") + "\n" + axis
}

// renderLog shows the newest events, failed calls with their code and what
// the code means.
func renderLog(st Styles, run *scenarios.Run, height int) string {
	recs := run.Records
	var lines []string
	for i := len(recs) - 1; i >= 0 && len(lines) < height; i-- {
		r := recs[i]
		if r.Kind == scenarios.RecordNarration {
			continue
		}
		who := r.Name
		if who == "" {
			who = r.Resource
		}
		var what string
		switch r.Kind {
		case scenarios.RecordAPI:
			if r.Error != "" {
				what = st.Error.Render("✗ "+r.Action+" "+r.Error) + " " + r.Message
				if t, ok := model.Explain(r.Error); ok {
					lines = append(lines, "    "+st.Dim.Render("↳ "+t.Summary))
				}
			} else {
				what = st.Good.Render("✓ ") + r.Action
			}
		case scenarios.RecordState:
			what = r.Action + " " + strings.TrimSpace(r.From+" → "+r.To)
		case scenarios.RecordFault:
			what = st.Warn.Render("⚡ " + r.Action + ": " + r.Message)
		case scenarios.RecordCheck:
			mark := st.Good.Render("✔ PASS")
			if r.Action != "PASS" {
				mark = st.Error.Render("✘ FAIL")
			}
			what = mark + " " + r.Message
		case scenarios.RecordQuiz:
			what = st.Key.Render("? quiz ") + r.Message
		default:
			what = r.Action + ": " + r.Message
		}
		lines = append(lines, fmt.Sprintf("%s %s %s", st.Dim.Render(clock(r.T)), shortID(who), what))
	}
	slices.Reverse(lines)
	if len(lines) == 0 {
		return st.Dim.Render("nothing has happened yet — press space to play")
	}
	return strings.Join(lines, "\n")
}
