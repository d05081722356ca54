package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size the player can lay out; below it a clear notice
// replaces the screen.
const (
	minWidth  = 60
	minHeight = 16
)

// fit cuts or pads text to exactly w columns and h lines, ANSI-aware, so
// nothing a panel draws can spill past its box.
func fit(s string, w, h int) string {
	if w < 1 || h < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			l = ansi.Truncate(l, w, "…")
		}
		lines[i] = l + strings.Repeat(" ", max(0, w-ansi.StringWidth(l)))
	}
	return strings.Join(lines, "\n")
}

// box draws content in a bordered panel of exactly w×h cells.
func box(style lipgloss.Style, w, h int, title, content string) string {
	fw, fh := style.GetHorizontalFrameSize(), style.GetVerticalFrameSize()
	if w <= fw || h <= fh {
		return fit("", w, h)
	}
	inner := content
	if title != "" {
		inner = title + "\n" + content
	}
	return style.Render(fit(inner, w-fw, h-fh))
}

// tooSmall is the notice shown when the terminal cannot hold the player.
func tooSmall(w, h int) string {
	msg := "Terminal too small: " + itoa(w) + "×" + itoa(h) + "\nec2sim needs at least " + itoa(minWidth) + "×" + itoa(minHeight) + ".\nEnlarge the window, or press q to quit."
	if w < 1 || h < 1 {
		return ""
	}
	return fit(lipgloss.Place(max(w, 1), max(h, 1), lipgloss.Center, lipgloss.Center, msg), w, h)
}

func itoa(n int) string { return strconv.Itoa(n) }

// wrap breaks text into lines of at most w cells.
func wrap(s string, w int) string {
	if w < 1 {
		return s
	}
	return lipgloss.NewStyle().Width(w).Render(s)
}
