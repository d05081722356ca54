package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/scenarios"
)

// A scenario's text reaches the screen escaped: a carriage return, a bidi
// override or an OSC sequence in the title, the summary or a narration
// must not reach the terminal, where it would break the layout or act.
func TestFileTextIsEscapedOnScreen(t *testing.T) {
	src := "name: hostile-tui\ntitle: \"Lab\\r\\u202e\\e]0;owned\\a\"\nsummary: \"line\\rforged\"\n" +
		"steps:\n  - action: DescribeInstances\n    narration: \"story\\r\\e[2Kforged \\u202e\"\n"
	sc, diags := scenarios.Parse("hostile.yaml", []byte(src))
	if sc == nil {
		t.Fatal(diags.Error())
	}
	m, err := New(Options{Scenario: sc, Source: []byte(src), Monochrome: true})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	for i := 0; i < 3; i++ {
		h.keys("right")
		// Only our own styling may use ESC: strip it, then nothing of the
		// file's controls may be left.
		scr := ansi.Strip(h.m.View().Content)
		if strings.ContainsAny(scr, "\r\u202e\a") || strings.Contains(scr, "]0;owned") && !strings.Contains(scr, `\x1b]0;owned`) {
			t.Fatalf("a control from the file reached the screen:\n%q", scr)
		}
	}
}
