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
	return strings.Join(fitLines(s, w, h), "\n")
}

func fitLines(s string, w, h int) []string {
	if w < 1 || h < 1 {
		return nil
	}
	lines := strings.SplitN(s, "\n", h+1)
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		n := ansi.StringWidth(l)
		if n > w {
			l = ansi.Truncate(l, w, "…")
			n = ansi.StringWidth(l)
		}
		if n < w {
			l += strings.Repeat(" ", w-n)
		}
		lines[i] = l
	}
	return lines
}

// box draws content in a rounded border of exactly w×h cells, the border
// in the style's colour. Drawn by hand: the sizes are known, so nothing
// needs measuring twice.
func box(border lipgloss.Style, w, h int, title, content string) string {
	return strings.Join(boxLines(border, w, h, title, content), "\n")
}

func boxLines(border lipgloss.Style, w, h int, title, content string) []string {
	if w < 4 || h < 2 {
		return fitLines("", w, h)
	}
	inner := content
	if title != "" {
		inner = title + "\n" + content
	}
	side := border.Render("│")
	out := make([]string, 0, h)
	out = append(out, border.Render("╭"+strings.Repeat("─", w-2)+"╮"))
	for _, l := range fitLines(inner, w-4, h-2) {
		out = append(out, side+" "+l+" "+side)
	}
	return append(out, border.Render("╰"+strings.Repeat("─", w-2)+"╯"))
}

// beside joins two blocks of equal height line by line.
func beside(a, b []string) []string {
	out := make([]string, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
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
