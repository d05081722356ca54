package tui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestCellWidthAgreesWithStringWidth checks the ASCII-and-colour fast path
// against the general count, on the kinds of line the player draws and on
// the cases it must hand over: wide and combining characters, box drawing,
// other escape sequences, a sequence cut short.
func TestCellWidthAgreesWithStringWidth(t *testing.T) {
	st := lipgloss.NewStyle().Foreground(lipgloss.Color("#ff8800")).Bold(true)
	cases := []string{
		"", "plain text", "  i-0123456789abcdef0 web t3.micro 3h12m",
		st.Render("running") + " web " + st.Render("t3.micro"),
		"\x1b[38;2;255;136;0mtruecolour\x1b[m and \x1b[1;4mmore\x1b[0m",
		"╭──────╮", "● running", "é combining e\u0301", "wide 日本語", "emoji 👍🏽 done",
		"tab\there", "\x1b]8;;https://example.com\x07link\x1b]8;;\x07", "cut short \x1b[38;5",
		"\x1b[", "bell\a", "del\x7f",
		"⏸ paused", "▶ playing", "⚠ impaired", "⚠\ufe0f emoji", "a\u200db", "→ · — … ✓ ✗ ▸",
		"e\u0301\u0301", "\u00a0nbsp", "\u00ad soft hyphen", "\u2028 line sep", "❤\ufe0f heart",
		"\xff invalid", "cafe\u0301 ● ○ ◐",
		"\x1b[ 1mab", "\x1b[!1mab", "\x1b[1 qab", "\x1b[?25lab", "\x1b[38:2:1:2:3mab", "\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;21;22;23;24;25;26;27;28;29;30;31;32;33mab",
	}
	// Every symbol the fast path may count, beside ASCII and beside each
	// other, and with a combining mark after it.
	for r := rune(narrowFirst); r <= narrowLast; r++ {
		cases = append(cases, "x"+string(r)+"y", string(r)+string(r), string(r)+"\u0301", string(r)+"\ufe0f")
	}
	for _, s := range cases {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	}
}

// TestTruncateAgreesWithAnsiTruncate checks the fast cut against
// ansi.Truncate at every width, colour sequences and symbols included, and
// on lines it must hand over.
func TestTruncateAgreesWithAnsiTruncate(t *testing.T) {
	st := lipgloss.NewStyle().Foreground(lipgloss.Color("#ff8800")).Bold(true)
	cases := []string{
		"", "abc", "plain text that is long",
		st.Render("● running") + " web-1234 " + st.Render("t3.micro") + " 3h12m",
		"\x1b[38;2;255;136;0mtruecolour\x1b[m and \x1b[1;4mmore\x1b[0m",
		"╭──────╮ → ⏸ ▶ ⚠ …", "wide 日本語 here", "e\u0301\u0301 marks", "tab\there", "cut \x1b[38;5",
		"\x1b[ 1mabc", "\x1b[!1mabcd", "\x1b[1 qabc",
	}
	for _, s := range cases {
		for w := 0; w <= ansi.StringWidth(s)+1; w++ {
			if got, want := truncate(s, w), ansi.Truncate(s, w, "…"); got != want {
				t.Errorf("truncate(%q, %d) = %q, ansi.Truncate gives %q", s, w, got, want)
			}
		}
	}
}

// fit cuts what is past the edge with an ellipsis, but padding past it
// (the spaces a joined block pads its narrower rows with) is not content:
// it goes without one.
func TestFitCutsPaddingWithoutAnEllipsis(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"abc   ", "abc "},
		{"", "    "},
		{"     ", "    "},
		{"abcdef", "abc…"},
		{"abcde ", "abc…"},
		{"\x1b[1mab\x1b[m   ", "\x1b[1mab\x1b[m  "},
	} {
		if got := fit(c.in, 4, 1); got != c.want {
			t.Errorf("fit(%q, 4) = %q, want %q", c.in, got, c.want)
		}
	}
}
