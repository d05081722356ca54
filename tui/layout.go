package tui

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
		n := cellWidth(l)
		if n > w {
			if t := strings.TrimRight(l, " "); cellWidth(t) <= w {
				l = t // only padding was past the edge: nothing is cut
			} else {
				l = truncate(l, w)
			}
			n = cellWidth(l)
		}
		if n < w {
			l += strings.Repeat(" ", w-n)
		}
		lines[i] = l
	}
	return lines
}

// cellWidth is how many terminal cells s takes, as ansi.StringWidth counts
// them: see plainWidth, and StringWidth for everything else.
func cellWidth(s string) int {
	if n, ok := plainWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// plainWidth counts the cells of a plain line, and says whether s is one.
// Nearly every line the player draws is printable ASCII, whole SGR and
// other CSI sequences, and a few symbols (box drawing, bullets, arrows,
// the state glyphs), whose width is one cell per character outside the
// sequences: that is counted here, without the grapheme segmentation
// StringWidth does for the general case.
func plainWidth(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f:
			n++
		case c == 0x1b:
			j, ok := csiEnd(s, i)
			if !ok {
				return 0, false
			}
			i = j
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowRune(r) {
				return 0, false
			}
			n++
			i += size - 1
		default:
			return 0, false
		}
	}
	return n, true
}

// csiEnd is the index of the final byte of the control sequence that
// begins at s[i] (ESC [, parameter bytes 0x30–0x3f, then intermediate bytes
// 0x20–0x2f, then a final byte 0x40–0x7e, as ECMA-48 orders them), or false
// if no whole one begins there.
func csiEnd(s string, i int) (int, bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false
	}
	j := i + 2
	for j < len(s) && s[j] >= 0x30 && s[j] < 0x40 {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] < 0x30 {
		j++
	}
	if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
		return 0, false
	}
	return j, true
}

// truncate cuts s to w cells with "…" as its last, as ansi.Truncate does,
// and the same way: the escape sequences past the cut are kept, so a
// colour still ends. A line cellWidth counts itself is cut here, byte by
// byte; any other goes to ansi.Truncate.
func truncate(s string, w int) string {
	const tail = "…"
	n, ok := plainWidth(s)
	if !ok {
		return ansi.Truncate(s, w, tail)
	}
	if n <= w {
		return s
	}
	if w < 1 {
		return ""
	}
	keep := w - 1 // cells before the tail
	var b strings.Builder
	b.Grow(len(s))
	cells, cut := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b { // a whole control sequence: plainWidth has checked
			j, _ := csiEnd(s, i)
			b.WriteString(s[i : j+1])
			i = j + 1
			continue
		}
		size := 1
		if c >= 0x80 {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		if !cut && cells == keep {
			b.WriteString(tail)
			cut = true
		}
		if !cut {
			b.WriteString(s[i : i+size])
			cells++
		}
		i += size
	}
	return b.String()
}

// narrowFirst and narrowLast bound the symbols cellWidth counts itself:
// from General Punctuation to the end of the Dingbats, with the arrows,
// technical symbols, box drawing and shapes between. No script is in the
// range, so no letter there joins the next into one cluster (as Indic
// vowel signs do): TestCellWidthAgreesWithStringWidth checks every one.
const narrowFirst, narrowLast = 0x2010, 0x27bf

// narrow marks the runes in [narrowFirst, narrowLast] that StringWidth
// counts as one cell on their own, worked out once from StringWidth itself.
// Those it does not (wide emoji) are left to it, and so are all combining
// marks, joiners and variation selectors, which lie outside the range.
var narrow = sync.OnceValue(func() []bool {
	t := make([]bool, narrowLast-narrowFirst+1)
	for r := rune(narrowFirst); r <= narrowLast; r++ {
		t[r-narrowFirst] = ansi.StringWidth(string(r)) == 1
	}
	return t
})

func narrowRune(r rune) bool {
	return r >= narrowFirst && r <= narrowLast && narrow()[r-narrowFirst]
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
