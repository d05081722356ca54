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

// rowRenderer draws rows, each distinct piece of styled text once: a
// fleet's rows repeat the same few states, types and uptimes, and styling
// text is most of what drawing a row costs.
type rowRenderer struct {
	st   Styles
	done map[rowPiece]string // nil: nothing kept
}

// rowPiece is a piece of a row: a state, or a text in the dim style.
type rowPiece struct {
	state model.InstanceState
	dim   string
}

func (rr rowRenderer) piece(k rowPiece) string {
	if s, ok := rr.done[k]; ok {
		return s
	}
	var s string
	if k.state != "" {
		s = rr.st.State(k.state)
	} else {
		s = rr.st.Dim.Render(k.dim)
	}
	if rr.done != nil {
		rr.done[k] = s
	}
	return s
}

func (rr rowRenderer) render(w *model.World, now sim.Time, r row, name string) string {
	st := rr.st
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
	up := ""
	if i.State == model.Running {
		up = " " + rr.piece(rowPiece{dim: short(now - i.RunningSince)})
	}
	flag := ""
	if i.Status == "impaired" {
		flag = " " + st.Error.Render("⚠ impaired")
	}
	return "  " + rr.piece(rowPiece{state: i.State}) + " " + name + " " + rr.piece(rowPiece{dim: i.Type}) + up + flag
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

// renderInstances draws rows, the window of the tree around the selection
// that fits the pane (visible): only those are read from the world and
// labelled.
func renderInstances(st Styles, w *model.World, now sim.Time, rows []row, label func(id string) string, selected string) string {
	if len(rows) == 0 {
		if now == 0 {
			return st.Dim.Render("no instances yet")
		}
		return st.Dim.Render("no instances now")
	}
	var b strings.Builder
	rr := rowRenderer{st: st, done: map[rowPiece]string{}}
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		name := ""
		if r.id != "" {
			name = label(r.id)
		}
		line := rr.render(w, now, r, name)
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
// last is the instance's newest transition (derived.lastTransition).
func renderLifecycle(st Styles, run *scenarios.Run, id string, last scenarios.Record) string {
	inst, ok := run.World.Instance(id)
	if !ok {
		return st.Dim.Render("Select an instance (↑/↓) to see its lifecycle.\n\nThe six states: pending, running, stopping, stopped,\nshutting-down, terminated. Rebooting is not a state.")
	}
	name := run.World.NameOf(id)
	if name == "" {
		name = id
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s root\n", st.Bold.Render(name), inst.RootDeviceType)
	edges := model.LifecycleEdges(inst.RootDeviceType)
	exists := map[model.InstanceState]bool{} // the states this root can be in
	for _, e := range edges {
		exists[e.From], exists[e.To] = true, true
	}
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
		case !exists[s]:
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
		b.WriteString(st.Warn.Render("StopInstances fails: "+string(model.UnsupportedOperation)) + "\n")
	}
	if last.To != "" {
		fmt.Fprintf(&b, "last: %s → %s at %s", last.From, last.To, last.T)
		if last.Message != "" {
			b.WriteString(" (" + scenarios.Line(last.Message) + ")")
		}
	}
	return b.String()
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

// logWindow is how many of the newest records the Log pane holds: enough
// to scroll back through a lesson, bounded for a fleet's millions.
const logWindow = 2000

// renderLog shows the log, oldest first, failed calls with their code and
// what the code means. Text from the scenario is escaped (scenarios.Line).
func renderLog(st Styles, run *scenarios.Run, width int) string {
	recs := run.Records
	var lines []string
	for _, r := range recs.From(max(0, recs.Len()-logWindow)).All() {
		if r.Kind == scenarios.RecordNarration {
			continue
		}
		who := r.Name
		if who == "" {
			who = r.Resource
		}
		msg := scenarios.Line(r.Message)
		var what string
		var explain string
		switch r.Kind {
		case scenarios.RecordAPI:
			if r.Error != "" {
				what = st.Error.Render("✗ "+r.Action+" "+r.Error) + " " + msg
				if t, ok := model.Explain(r.Error); ok {
					explain = "    " + st.Dim.Render("↳ "+t.Summary)
				}
			} else {
				what = st.Good.Render("✓ ") + r.Action
			}
		case scenarios.RecordState:
			what = r.Action + " " + strings.TrimSpace(r.From+" → "+r.To)
		case scenarios.RecordFault:
			what = st.Warn.Render("! " + r.Action + ": " + msg)
		case scenarios.RecordCheck:
			mark := st.Good.Render("✔ PASS")
			if r.Action != "PASS" {
				mark = st.Error.Render("✘ FAIL")
			}
			what = mark + " " + msg
		case scenarios.RecordQuiz:
			what = st.Key.Render("? quiz ") + msg
		default:
			what = scenarios.Line(r.Action) + ": " + msg
		}
		lines = append(lines, wrapIndent(fmt.Sprintf("%s %s %s", st.Dim.Render(clock(r.T)), shortID(scenarios.Line(who)), what), width, 4))
		if explain != "" {
			lines = append(lines, wrapIndent(explain, width, 6))
		}
	}
	if len(lines) == 0 {
		return st.Dim.Render("nothing has happened yet — press space to play")
	}
	return strings.Join(lines, "\n")
}

// instanceLabel is an instance's label, given its scenario name and how
// many instances on screen share that name.
func instanceLabel(id, name string, sharing int) string {
	switch {
	case name == "":
		return shortID(id)
	case sharing > 1:
		return name + " " + strings.TrimSuffix(shortID(id), "…")[2:]
	default:
		return name
	}
}
