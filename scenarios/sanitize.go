package scenarios

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Every text that came from a scenario file or a request (titles,
// narration, quiz text, check names, account names, parameter values the
// model echoes, file names) passes through Line or Text before any driver
// writes it to a terminal. Files and requests are untrusted: a raw ESC can
// set a terminal's title, write to its clipboard (OSC 52) or erase a line and
// print a forged one; a carriage return or a bidi override reorders what the
// reader sees. Both functions show such characters as visible Go-style
// escapes (`\x1b`, `\r`, `\u202e`) instead, so nothing in them reaches the
// terminal as a control and the reader can still see that something was
// there. JSON output needs neither: encoding/json already escapes controls,
// and drivers that emit JSON pass raw text to it.

// Line makes s safe to print on one line: every control character,
// including newline and tab, is escaped.
func Line(s string) string { return sanitize(s, false) }

// Text makes s safe to print as a block of text: newlines and tabs are kept,
// every other control character is escaped.
func Text(s string) string { return sanitize(s, true) }

func sanitize(s string, block bool) string {
	if clean(s, block) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case block && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// clean reports whether s needs no escaping, without allocating: the common
// case for every line of a trace.
func clean(s string, block bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return cleanUnicode(s[i:])
		}
		if c < 0x20 || c == 0x7f {
			if !block || (c != '\n' && c != '\t') {
				return false
			}
		}
	}
	return true
}

func cleanUnicode(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && unsafeRune(r)) {
			return false
		}
		if r < 0x80 && (r < 0x20 || r == 0x7f) && r != '\n' && r != '\t' {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports the characters a terminal acts on rather than shows:
// C0 and C1 controls, DEL, and the Unicode formatting characters that
// reorder or hide text (bidi embeddings, overrides, isolates and marks, the
// zero-width characters, the line and paragraph separators).
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200b, r == 0x200c, r == 0x200d, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	case r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
