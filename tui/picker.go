package tui

import (
	"charm.land/bubbles/v2/key"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// item is a scenario in the picker.
type item struct {
	sc   *scenarios.Scenario
	done string // progress, e.g. "quiz 2/3"
}

func (i item) Title() string { return i.sc.Title }
func (i item) Description() string {
	d := fmt.Sprintf("%s · %s · %d min · %s", i.sc.Name, i.sc.Level, i.sc.Minutes, strings.Join(i.sc.Tags, " "))
	if i.done != "" {
		d += " · " + i.done
	}
	return d
}
func (i item) FilterValue() string {
	return i.sc.Name + " " + i.sc.Title + " " + i.sc.Level + " " + strings.Join(i.sc.Tags, " ")
}

// picker lists the built-in scenarios, filterable with /.
type picker struct {
	c    *Common
	list list.Model
}

func newPicker(c *Common, all []*scenarios.Scenario) *picker {
	items := make([]list.Item, len(all))
	for i, sc := range all {
		it := item{sc: sc}
		if sp := c.Progress.Scenarios[sc.Name]; sp != nil && sp.Max > 0 {
			it.done = fmt.Sprintf("quiz %d/%d", sp.Score, sp.Max)
		}
		items[i] = it
	}
	d := list.NewDefaultDelegate()
	l := list.New(items, d, max(c.Width, 20), max(c.Height, 5))
	l.Title = "ec2sim — pick a scenario (enter to play, / to filter, q to quit)"
	l.SetShowHelp(true)
	return &picker{c: c, list: l}
}

func (p *picker) setSize(w, h int) { p.list.SetSize(w, h) }

// chosen is sent when a scenario is picked.
type chosen struct{ sc *scenarios.Scenario }

func (p *picker) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && p.list.FilterState() != list.Filtering {
		switch {
		case key.Matches(k, p.c.Keys.Confirm):
			if it, ok := p.list.SelectedItem().(item); ok {
				return func() tea.Msg { return chosen{it.sc} }
			}
		case key.Matches(k, p.c.Keys.Quit):
			return tea.Quit
		}
	}
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	return cmd
}

func (p *picker) View() string {
	if p.c.Width < 20 || p.c.Height < 6 {
		return tooSmall(p.c.Width, p.c.Height)
	}
	return fit(p.list.View(), p.c.Width, p.c.Height)
}
