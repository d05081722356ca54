package scenarios

import (
	"strings"
	"testing"
)

// Text from a file must never reach the terminal as a control: each
// payload below is one a hostile scenario used on a real terminal.
func TestSanitizerDefusesTerminalPayloads(t *testing.T) {
	for _, c := range []struct{ name, in, line, text string }{
		{"OSC 52 writes the clipboard", "ok\x1b]52;c;ZWNobyBwd25lZCB8IHNo\x07", `ok\x1b]52;c;ZWNobyBwd25lZCB8IHNo\x07`, `ok\x1b]52;c;ZWNobyBwd25lZCB8IHNo\x07`},
		{"OSC 0 sets the window title", "\x1b]0;owned\x1b\\title", `\x1b]0;owned\x1b\title`, `\x1b]0;owned\x1b\title`},
		{"erase line and forge a result", "disk ok\r\x1b[2KPASS everything", `disk ok\r\x1b[2KPASS everything`, `disk ok\r\x1b[2KPASS everything`},
		{"a newline forges a second line", "name\nPASS everything", `name\nPASS everything`, "name\nPASS everything"},
		{"bidi override reverses text", "abc\u202edcba", `abc\u202edcba`, `abc\u202edcba`},
		{"bidi isolate", "x\u2066y\u2069", `x\u2066y\u2069`, `x\u2066y\u2069`},
		{"C1 CSI", "a\u009b2Jb", `a\x9b2Jb`, `a\x9b2Jb`},
		{"DCS", "\x1bPq#0\x1b\\", `\x1bPq#0\x1b\`, `\x1bPq#0\x1b\`},
		{"invalid UTF-8", "a\xffb", `a\xffb`, `a\xffb`},
		{"tabs kept in text only", "a\tb", `a\tb`, "a\tb"},
		{"plain text and Unicode unchanged", "Gründung — 東京 ✓", "Gründung — 東京 ✓", "Gründung — 東京 ✓"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Line(c.in); got != c.line {
				t.Errorf("Line(%q) = %q, want %q", c.in, got, c.line)
			}
			if got := Text(c.in); got != c.text {
				t.Errorf("Text(%q) = %q, want %q", c.in, got, c.text)
			}
			for _, out := range []string{Line(c.in), Text(c.in)} {
				if strings.ContainsAny(out, "\x1b\r\u009b\u202e\u2066") {
					t.Errorf("%q still carries a control", out)
				}
			}
		})
	}
}

func TestSanitizerLeavesCleanTextAlone(t *testing.T) {
	s := "i-0abc  running  web (t3.micro, us-east-1a)"
	if Line(s) != s || Text(s) != s {
		t.Fatal("clean text changed")
	}
	if n := testing.AllocsPerRun(100, func() { _ = Line(s) }); n != 0 {
		t.Errorf("clean text allocated %v times", n)
	}
}
