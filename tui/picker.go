package tui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// item is a scenario in the picker.
type item struct {
	sc   *scenarios.Scenario
	done string // progress, e.g. "quiz 2/3 points"
}

func (i item) Title() string { return scenarios.Line(i.sc.Title) }
func (i item) Description() string {
	d := scenarios.Line(fmt.Sprintf("%s · %s · %d min · %s", i.sc.Name, i.sc.Level, i.sc.Minutes, strings.Join(i.sc.Tags, " ")))
	if i.done != "" {
		d += " · " + i.done
	}
	return d
}

// FilterValue is what the filter reads: title, name, level and tags, one
// field a line, so that scenarioFilter can tell them apart. The title
// comes first: the list highlights matched runes in it.
func (i item) FilterValue() string {
	return i.sc.Title + "\n" + i.sc.Name + "\n" + i.sc.Level + "\n" + strings.Join(i.sc.Tags, "\n")
}

// scenarioFilter is the picker's filter, as the README documents it: every
// word typed must match, case-insensitively, either part of the name or the
// title, or the whole level (beginner), or a tag or the start of one (SAA
// matches SAA-C03). Fuzzy matching over all of it (the list's default)
// matched nearly everything for a tag like SCS-C02.
func scenarioFilter(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	var out []list.Rank
	for i, t := range targets {
		fields := strings.Split(strings.ToLower(t), "\n")
		var idx []int
		ok := len(words) > 0
		for _, w := range words {
			field, at := filterWord(fields, w)
			if field < 0 {
				ok = false
				break
			}
			if field == 0 { // in the title: highlight it (runes, not bytes)
				start := utf8.RuneCountInString(fields[0][:at])
				for j := range utf8.RuneCountInString(w) {
					idx = append(idx, start+j)
				}
			}
		}
		if ok {
			slices.Sort(idx)
			out = append(out, list.Rank{Index: i, MatchedIndexes: slices.Compact(idx)})
		}
	}
	return out
}

// filterWord finds w in the fields (title, name, level, tags…): which
// field it matched and where, or -1.
func filterWord(fields []string, w string) (field, at int) {
	for f, s := range fields {
		switch {
		case f <= 1: // title, name: any part
			if at := strings.Index(s, w); at >= 0 {
				return f, at
			}
		case f == 2: // level: the whole word
			if s == w {
				return f, 0
			}
		default: // a tag: the whole tag or its start
			if strings.HasPrefix(s, w) {
				return f, 0
			}
		}
	}
	return -1, 0
}

// picker lists the built-in scenarios, filterable with /.
type picker struct {
	c    *Common
	list list.Model
}

// pickerKeys is the list's key map with its quit key on q (the default one
// in use binds v and calls it "select"), so every key the help names does
// what it says.
func pickerKeys() list.KeyMap {
	km := list.DefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit"))
	km.ForceQuit = key.NewBinding(key.WithKeys("ctrl+c"))
	return km
}

func newPicker(c *Common, all []*scenarios.Scenario) *picker {
	items := make([]list.Item, len(all))
	for i, sc := range all {
		it := item{sc: sc}
		if sp := c.Progress.Scenarios[sc.Name]; sp != nil && sp.Max > 0 {
			it.done = fmt.Sprintf("quiz %d/%d points, %d answered", sp.Score, sp.Max, len(sp.Answers))
		}
		items[i] = it
	}
	d := list.NewDefaultDelegate()
	l := list.New(items, d, max(c.Width, 20), max(c.Height, 5))
	// The list cuts its title row (the title, a status message, or the
	// filter being typed) to its width less the spinner's, then pads it on
	// the left by TitleBar's padding: a padding wider than the spinner made
	// that row wider than the screen, every row was padded to it, and fit
	// cut each one, blank ones included, with an ellipsis. So the padding
	// is the spinner's width, whose place the list keeps either way.
	sp := spinner.Line
	l.SetSpinner(sp)
	l.Styles.TitleBar = l.Styles.TitleBar.PaddingLeft(lipgloss.Width(sp.Frames[0]))
	// Short enough for 80 columns; the help line below names the other keys.
	l.Title = "ec2sim — pick a scenario: enter plays it, / filters by name, level or tag"
	l.KeyMap = pickerKeys()
	l.Filter = scenarioFilter
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
