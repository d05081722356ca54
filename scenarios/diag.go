package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic makes a file invalid.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a scenario file.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
	Rule     Rule // the rule a warning comes from, "" for the older warnings
}

// Rule names a lint rule, as actionlint's kinds do: shown in brackets after
// the warning, and the name of the file that holds the rule.
type Rule string

func (d Diagnostic) String() string {
	sev := ""
	if d.Severity == Warning {
		sev = "warning: "
	}
	// The file name and the message can quote the file: never raw.
	rule := ""
	if d.Rule != "" {
		rule = " [" + string(d.Rule) + "]"
	}
	return fmt.Sprintf("%s: %s%s%s", Line(d.Pos.String()), sev, Line(d.Msg), rule)
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostics is every problem found, sorted by position.
type Diagnostics []Diagnostic

// Errors counts the diagnostics that are errors.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (ds Diagnostics) Warnings() int { return len(ds) - ds.Errors() }

func (ds Diagnostics) sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
}

// Error makes Diagnostics usable as an error: the first few, one a line.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i == 10 {
			fmt.Fprintf(&b, "(and %d more)\n", len(ds)-10)
			break
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Format writes the diagnostics with the offending source line and a caret
// under the column, Go-compiler style, then "(and N more errors)" past max.
func (ds Diagnostics) Format(src []byte, max int) string {
	lines := strings.Split(string(src), "\n")
	var b strings.Builder
	for i, d := range ds {
		if max > 0 && i == max {
			fmt.Fprintf(&b, "(and %d more)\n", len(ds)-max)
			break
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
		if d.Pos.Line >= 1 && d.Pos.Line <= len(lines) && d.Pos.Col >= 1 {
			line := strings.TrimRight(lines[d.Pos.Line-1], "\r")
			if len(line) > 200 {
				continue
			}
			// The quoted line is file text: escape it, and measure the caret
			// against the escaped text so it still points at the column.
			cut := min(len(line), d.Pos.Col-1)
			before, after := Text(line[:cut]), Text(line[cut:])
			pad := strings.Map(func(r rune) rune {
				if r == '\t' {
					return '\t'
				}
				return ' '
			}, before)
			fmt.Fprintf(&b, "    %s%s\n    %s^\n", before, after, pad)
		}
	}
	return b.String()
}

type diagSink struct {
	file string
	ds   Diagnostics
}

func (s *diagSink) at(line, col int) Pos { return Pos{s.file, line, col} }

func (s *diagSink) errorf(line, col int, format string, args ...any) {
	s.ds = append(s.ds, Diagnostic{s.at(line, col), Error, fmt.Sprintf(format, args...), ""})
}

func (s *diagSink) warnRule(rule Rule, line, col int, format string, args ...any) {
	s.ds = append(s.ds, Diagnostic{s.at(line, col), Warning, fmt.Sprintf(format, args...), rule})
}

func (s *diagSink) warnf(line, col int, format string, args ...any) {
	s.ds = append(s.ds, Diagnostic{s.at(line, col), Warning, fmt.Sprintf(format, args...), ""})
}
