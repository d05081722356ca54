package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/ec2sim/ec2sim/model"
)

// Styles holds every style the UI uses, built once from a small palette.
// Colour always comes with a glyph and a word, so a monochrome terminal
// (or NO_COLOR) still shows every state.
type Styles struct {
	App, Header, Title, Dim, Bold, Error, Good, Warn, Money      lipgloss.Style
	Panel, PanelFocus, Tab, TabActive, Selected, Current, Status lipgloss.Style
	Overlay, Key                                                 lipgloss.Style
	state                                                        map[model.InstanceState]lipgloss.Style
}

type palette struct{ accent, good, warn, bad, dim, money color.Color }

func newStyles() Styles {
	p := palette{
		accent: lipgloss.Color("#7D56F4"),
		good:   lipgloss.Color("#3FB950"),
		warn:   lipgloss.Color("#D29922"),
		bad:    lipgloss.Color("#F85149"),
		dim:    lipgloss.Color("#8B949E"),
		money:  lipgloss.Color("#58A6FF"),
	}
	s := Styles{
		Header:     lipgloss.NewStyle().Bold(true),
		Title:      lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Dim:        lipgloss.NewStyle().Foreground(p.dim),
		Bold:       lipgloss.NewStyle().Bold(true),
		Error:      lipgloss.NewStyle().Foreground(p.bad).Bold(true),
		Good:       lipgloss.NewStyle().Foreground(p.good),
		Warn:       lipgloss.NewStyle().Foreground(p.warn),
		Money:      lipgloss.NewStyle().Foreground(p.money),
		Panel:      lipgloss.NewStyle().Foreground(p.dim),    // border colour of a panel
		PanelFocus: lipgloss.NewStyle().Foreground(p.accent), // border colour of the focused panel
		Tab:        lipgloss.NewStyle().Foreground(p.dim),
		TabActive:  lipgloss.NewStyle().Bold(true).Underline(true).Foreground(p.accent),
		Selected:   lipgloss.NewStyle().Reverse(true),
		Current:    lipgloss.NewStyle().Bold(true).Reverse(true),
		Status:     lipgloss.NewStyle().Foreground(p.dim),
		Overlay:    lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(p.accent).Padding(1, 2),
		Key:        lipgloss.NewStyle().Bold(true).Foreground(p.accent),
	}
	s.state = map[model.InstanceState]lipgloss.Style{
		model.Pending:      lipgloss.NewStyle().Foreground(p.warn),
		model.Running:      lipgloss.NewStyle().Foreground(p.good),
		model.Stopping:     lipgloss.NewStyle().Foreground(p.warn),
		model.Stopped:      lipgloss.NewStyle().Foreground(p.dim),
		model.ShuttingDown: lipgloss.NewStyle().Foreground(p.bad),
		model.Terminated:   lipgloss.NewStyle().Foreground(p.bad).Faint(true),
	}
	return s
}

// glyphs give every state a shape of its own.
var glyphs = map[model.InstanceState]string{
	model.Pending:      "◔",
	model.Running:      "●",
	model.Stopping:     "◑",
	model.Stopped:      "■",
	model.ShuttingDown: "◌",
	model.Terminated:   "✕",
}

// State renders a state as glyph and word, coloured.
func (s Styles) State(st model.InstanceState) string {
	return s.state[st].Render(glyphs[st] + " " + string(st))
}
