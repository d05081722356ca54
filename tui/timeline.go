package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/progress"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The timeline pane: each instance's states as bars over simulated time,
// a playhead at the time on screen, and a row of marks for what happened
// (narrations, quizzes, checks, faults, failed calls). A column stands for
// a slice of time; a state that lasts less than a column (a pending of six
// seconds in a day) still shows, because a column shows the most
// transient state it saw. Drawn by hand: no Charm part draws a Gantt chart.

// bars give every state a fill of its own, so the bars read without colour.
var bars = map[model.InstanceState]rune{
	model.Pending:      '▒',
	model.Running:      '█',
	model.Stopping:     '▓',
	model.Stopped:      '─',
	model.ShuttingDown: '░',
	model.Terminated:   ' ',
}

// transience ranks states: a column shows the highest it saw.
var transience = map[model.InstanceState]int{
	model.Terminated: 1, model.Running: 2, model.Stopped: 3, model.Pending: 4, model.Stopping: 4, model.ShuttingDown: 4,
}

// span is the time the timeline and the progress bar cover: the scenario's
// end, or the time on screen when that is later (the sandbox goes on).
func (p *player) span() sim.Time {
	s := p.sess.Now()
	if end, ok := p.end(); ok {
		s = max(s, end)
	}
	return max(s, sim.Second)
}

// progressLine is the scenario's progress as a bar: how far the time on
// screen is through the scenario.
func (p *player) progressLine(w int) string {
	end, ok := p.end()
	if !ok {
		return fit(p.c.Styles.Dim.Render("no end time: the scenario runs until nothing is left to happen"), w, 1)
	}
	label := fmt.Sprintf(" T+%s of %s", short(p.sess.Now()), short(end))
	bar := progress.New(progress.WithWidth(max(4, w-len([]rune(label))-1)), progress.WithoutPercentage(),
		progress.WithFillCharacters('█', '░'), progress.WithColors(p.c.Styles.accent))
	return fit(bar.ViewAs(min(1, float64(p.sess.Now())/float64(end)))+label, w, 1)
}

// column maps a time to a column of cols over the span.
func column(t, span sim.Time, cols int) int {
	return min(cols-1, max(0, int(int64(t)*int64(cols)/int64(span))))
}

// timeline is the Timeline pane's lines at width w. Only the instance
// lines a pane of h lines shows (p.window) are drawn, the others left
// empty: a fleet has thousands and the pane shows a screenful; h 0 draws
// them all.
func (p *player) timeline(w, h int) []string {
	st := p.c.Styles
	d := p.derived()
	now, span := p.sess.Now(), p.span()
	labelW := min(18, max(8, w/4))
	cols := w - labelW - 1
	if cols < 8 {
		return []string{st.Dim.Render("too narrow for the timeline")}
	}
	pad := strings.Repeat(" ", labelW+1)
	head := column(now, span, cols)
	lines := []string{
		pad + strings.Repeat(" ", head) + st.Current.Render("▼") + " " + st.Dim.Render("T+"+short(now)),
		fit(st.Dim.Render("events"), labelW, 1) + " " + marks(st, d.mrks, span, cols),
	}
	axis := "0" + strings.Repeat("─", max(0, cols-3-len(short(span)))) + "T+" + short(span)
	var legend []string
	for _, s := range teachingOrder[:5] {
		legend = append(legend, st.StateStyle(s).Render(string(bars[s]))+" "+string(s))
	}
	tail := []string{pad + st.Dim.Render(axis)}
	tail = append(tail, strings.Split(wrapIndent(strings.Join(legend, "  "), w, 0), "\n")...)
	tail = append(tail, strings.Split(wrapIndent(st.Dim.Render("marks: ¶ story  ? quiz  ✔/✘ check  ! fault  ✗ failed call  · not yet"), w, 7), "\n")...)

	// Each instance's bar, from its transitions in the log; the cells
	// repeat a few glyphs, each styled once.
	var ids []string
	for _, r := range d.tree.layout() {
		if r.id != "" {
			ids = append(ids, r.id)
		}
	}
	from, to := 0, len(ids)
	if h > 0 {
		top, rows := p.window(panelTimeline, len(lines)+len(ids)+len(tail), h)
		from, to = max(0, top-len(lines)), max(0, min(len(ids), top+rows-len(lines)))
	}
	cell := map[model.InstanceState]string{}
	glyph := func(s model.InstanceState) string {
		g, ok := cell[s]
		if !ok {
			g = st.StateStyle(s).Render(string(bars[s]))
			cell[s] = g
		}
		return g
	}
	notYet := st.Dim.Render("·")
	for k, id := range ids {
		if k < from || k >= to {
			lines = append(lines, "")
			continue
		}
		cs := d.changes[id]
		var sb strings.Builder
		j, cur := 0, model.InstanceState("")
		for c := range cols {
			t0, t1 := span*sim.Time(c)/sim.Time(cols), span*sim.Time(c+1)/sim.Time(cols)
			if t0 > now {
				sb.WriteString(notYet)
				continue
			}
			show := cur
			for j < len(cs) && cs[j].t < t1 {
				cur = cs[j].to
				if transience[cur] > transience[show] {
					show = cur
				}
				j++
			}
			if show == "" {
				sb.WriteByte(' ')
				continue
			}
			if transience[cur] > transience[show] {
				show = cur
			}
			sb.WriteString(glyph(show))
		}
		sel := " "
		if id == p.selected {
			sel = st.Selected.Render("▸")
		}
		lines = append(lines, sel+fit(p.label(id), labelW-1, 1)+" "+sb.String())
	}
	return append(lines, tail...)
}

// marks is a row of what happened, one mark per column: the most
// important thing in that slice of time (derived.mrks lists them all).
func marks(st Styles, all []mark, span sim.Time, cols int) string {
	row := make([]mark, cols)
	for _, m := range all {
		if c := column(m.t, span, cols); m.rank > row[c].rank {
			row[c] = m
		}
	}
	var sb strings.Builder
	for _, m := range row {
		switch {
		case m.r == 0:
			sb.WriteByte(' ')
		case m.fail:
			sb.WriteString(st.Error.Render(string(m.r)))
		default:
			sb.WriteString(st.Key.Render(string(m.r)))
		}
	}
	return sb.String()
}
