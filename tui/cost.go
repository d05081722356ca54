package tui

import (
	"fmt"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// costView is what the cost pane shows, each part worked out at most once
// per state or instant (see player.sync).
type costView struct {
	total   model.Money
	cats    map[model.Category]model.Money
	rate    model.Money
	ahead   model.MonthAhead
	top     topResources                // the most expensive resources so far
	monthly func(id string) model.Money // a resource's open meters per month
	waste   []model.Finding
	marks   []mark
}

// renderCost shows the running total, per category, the rate now, a chart
// of the total over time with the events marked under it, what each
// resource cost so far and costs per month now, and the waste findings of
// `ec2sim bill` (model.World.Waste).
func renderCost(st Styles, run *scenarios.Run, c costView, width, height int) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Total so far  %s  %s\n", st.Money.Render("$"+c.total.String()), st.Dim.Render(dollars(c.total)))
	rate := fmt.Sprintf("Per hour now  $%s · per 730-h month %s", c.rate, c.ahead.List.Cents())
	if c.ahead.FreeTier {
		rate += fmt.Sprintf(" · %s after the free tier", c.ahead.AfterFreeTier.Cents())
	}
	s.WriteString(wrapIndent(rate, width, 2) + "\n")
	var parts []string
	for _, cat := range model.Categories {
		if v, ok := c.cats[cat]; ok {
			parts = append(parts, fmt.Sprintf("%s $%s", cat, v))
		}
	}
	s.WriteString(wrapIndent(strings.Join(parts, " · "), width, 2) + "\n")
	if chartH := min(10, max(3, height/3)); height >= 8 {
		span := run.World.Now()
		if run.Scenario.HasEnd {
			span = max(span, run.Scenario.End)
		}
		s.WriteString(chart(run, run.World.Now(), c.total, width, chartH) + "\n")
		if span > 0 && width > 6 {
			s.WriteString(" " + marks(st, c.marks, max(run.World.Now(), sim.Second), width-2) + "\n")
		}
	}
	s.WriteString(st.Bold.Render("Per resource") + st.Dim.Render("  so far · per month now") + "\n")
	for _, r := range c.top.first {
		mo := ""
		if m := c.monthly(r.id); m > 0 {
			mo = " · " + dollars(m) + "/mo"
		}
		s.WriteString(wrapIndent(fmt.Sprintf("  %s %s%s %s", st.Money.Render("$"+r.cost.String()), r.label, mo, st.Dim.Render(r.what)), width, 4) + "\n")
	}
	if c.top.more > 0 {
		s.WriteString(st.Dim.Render(fmt.Sprintf("  … and %d more (ec2sim bill lists them all)", c.top.more)) + "\n")
	}
	waste := c.waste
	if len(waste) > 0 {
		s.WriteString(st.Error.Render("Waste: billing for nothing") + "\n")
		for _, f := range waste {
			who := shortID(f.Resource)
			if f.Name != "" {
				who = f.Name + " " + who
			}
			s.WriteString(wrapIndent(fmt.Sprintf("  ⚠ %s %s/mo %s: %s", who, dollars(f.Monthly), f.Kind, scenarios.Line(f.Message)), width, 4) + "\n")
		}
	}
	return strings.TrimRight(s.String(), "\n")
}

// maxResourceLines is how many resources the Cost pane lists, the most
// expensive first: a fleet's thousands are for `ec2sim bill`.
const maxResourceLines = 100

// topResources are the most expensive resources so far, as
// model.World.TopCosts lists them, and how many more the bill lists.
type topResources struct {
	first []resourceCost
	more  int
}

type resourceCost struct {
	id, label, what string
	cost            model.Money
}

// costRows labels and describes the resources TopCosts lists.
func costRows(top []model.ResourceCost, more int) topResources {
	t := topResources{first: make([]resourceCost, len(top)), more: more}
	for i, r := range top {
		label := shortID(r.Resource)
		if r.Name != "" {
			label = r.Name + " " + label
		}
		t.first[i] = resourceCost{id: r.Resource, label: label, what: strings.Join(r.Components, ", "), cost: r.Cost}
	}
	return t
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
