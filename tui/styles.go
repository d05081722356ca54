package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/ec2sim/ec2sim/model"
)

// Styles holds every style the UI uses, built once from a small palette
// for the terminal's background and colour depth (and rebuilt if the
// terminal reports another background). Colour always comes with a glyph
// and a word, so a monochrome terminal (or NO_COLOR) still shows every
// state; the active tab is in brackets, not only bold.
type Styles struct {
	App, Header, Title, Dim, Bold, Error, Good, Warn, Money      lipgloss.Style
	Panel, PanelFocus, Tab, TabActive, Selected, Current, Status lipgloss.Style
	Overlay, Key, Quiz                                           lipgloss.Style
	Help                                                         help.Styles
	accent                                                       color.Color
	state                                                        map[model.InstanceState]lipgloss.Style
}

// shade is one role's colour at each depth: the 16-colour choice is made
// by hand so that the states stay apart (pending yellow, stopping cyan,
// shutting-down red), where a downsampled hex palette folded them all
// into bright red.
type shade struct {
	ansi, ansiDark    color.Color
	light, dark, x256 string
}

var (
	shadeAccent   = shade{lipgloss.Magenta, lipgloss.BrightMagenta, "#5A3FC0", "#9D7CFF", "99"}
	shadeGood     = shade{lipgloss.Green, lipgloss.BrightGreen, "#1A7F37", "#3FB950", "34"}
	shadeWarn     = shade{lipgloss.Yellow, lipgloss.BrightYellow, "#9A6700", "#D29922", "178"}
	shadeTransit  = shade{lipgloss.Cyan, lipgloss.BrightCyan, "#0E7490", "#39C5CF", "37"}
	shadeBad      = shade{lipgloss.Red, lipgloss.BrightRed, "#CF222E", "#F85149", "196"}
	shadeDim      = shade{lipgloss.BrightBlack, lipgloss.BrightBlack, "#57606A", "#8B949E", "245"}
	shadeMoney    = shade{lipgloss.Blue, lipgloss.BrightBlue, "#0969DA", "#58A6FF", "33"}
	shadeStrongFg = shade{lipgloss.Black, lipgloss.BrightWhite, "#1F2328", "#E6EDF3", "252"}
)

func (s shade) pick(dark bool, prof colorprofile.Profile) color.Color {
	a, tc := s.ansi, s.light
	if dark {
		a, tc = s.ansiDark, s.dark
	}
	return lipgloss.Complete(prof)(a, lipgloss.Color(s.x256), lipgloss.Color(tc))
}

// newStyles builds the styles for a dark or light background and a colour
// profile (TrueColor when unknown: the renderer downsamples further).
func newStyles(dark bool, prof colorprofile.Profile) Styles {
	c := func(s shade) color.Color { return s.pick(dark, prof) }
	accent, good, warn, transit, bad, dim, money := c(shadeAccent), c(shadeGood), c(shadeWarn), c(shadeTransit), c(shadeBad), c(shadeDim), c(shadeMoney)
	s := Styles{
		accent:     accent,
		Header:     lipgloss.NewStyle().Bold(true),
		Title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:        lipgloss.NewStyle().Foreground(dim),
		Bold:       lipgloss.NewStyle().Bold(true),
		Error:      lipgloss.NewStyle().Foreground(bad).Bold(true),
		Good:       lipgloss.NewStyle().Foreground(good),
		Warn:       lipgloss.NewStyle().Foreground(warn),
		Money:      lipgloss.NewStyle().Foreground(money),
		Panel:      lipgloss.NewStyle().Foreground(dim),    // border colour of a panel
		PanelFocus: lipgloss.NewStyle().Foreground(accent), // border colour of the focused panel
		Quiz:       lipgloss.NewStyle().Foreground(warn),   // border colour of the quiz and of questions
		Tab:        lipgloss.NewStyle().Foreground(dim),
		TabActive:  lipgloss.NewStyle().Bold(true).Underline(true).Foreground(accent),
		Selected:   lipgloss.NewStyle().Reverse(true),
		Current:    lipgloss.NewStyle().Bold(true).Reverse(true),
		Status:     lipgloss.NewStyle().Foreground(c(shadeStrongFg)),
		Overlay:    lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(1, 2),
		Key:        lipgloss.NewStyle().Bold(true).Foreground(accent),
	}
	s.Help = help.Styles{
		ShortKey:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		ShortDesc:      lipgloss.NewStyle().Foreground(dim),
		ShortSeparator: lipgloss.NewStyle().Foreground(dim),
		Ellipsis:       lipgloss.NewStyle().Foreground(dim),
		FullKey:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		FullDesc:       lipgloss.NewStyle(),
		FullSeparator:  lipgloss.NewStyle().Foreground(dim),
	}
	s.state = map[model.InstanceState]lipgloss.Style{
		model.Pending:      lipgloss.NewStyle().Foreground(warn),
		model.Running:      lipgloss.NewStyle().Foreground(good),
		model.Stopping:     lipgloss.NewStyle().Foreground(transit),
		model.Stopped:      lipgloss.NewStyle().Foreground(dim),
		model.ShuttingDown: lipgloss.NewStyle().Foreground(bad),
		model.Terminated:   lipgloss.NewStyle().Foreground(dim).Faint(true),
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

// StateStyle is the colour of a state alone (for the timeline's bars).
func (s Styles) StateStyle(st model.InstanceState) lipgloss.Style { return s.state[st] }
