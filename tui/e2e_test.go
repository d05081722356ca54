package tui

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// End to end through a real Bubble Tea program: the picker opens, a
// scenario starts, and q quits.
func TestEndToEndPickAndQuit(t *testing.T) {
	all, err := scenarios.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Library: all, Store: &Store{Path: filepath.Join(t.TempDir(), "p.json")}, Monochrome: true,
		Sources: func(sc *scenarios.Scenario) []byte { b, _ := scenarios.BuiltinSource(sc); return b }})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("pick a scenario")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Instances")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(*root)
	if final.player == nil || final.player.sess.Scenario().Name != "console-tutorial" {
		t.Errorf("the first scenario was not opened")
	}
}

// Playing for real: time moves on its own until the first quiz stops it.
func TestEndToEndPlayUntilTheQuiz(t *testing.T) {
	sc, _ := scenarios.BuiltinNamed("console-tutorial")
	src, _ := scenarios.BuiltinSource(sc)
	// AutoStory: playback goes on past the narrations, to the quiz.
	m, err := New(Options{Scenario: sc, Source: src, Monochrome: true, AutoStory: true})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(tea.KeyPressMsg{Code: '+', Text: "+"}) // 10 min/s: the quiz at 10m comes in about a second
	tm.Send(tea.KeyPressMsg{Code: '+', Text: "+"})
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("CreateInstance")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(tea.KeyPressMsg{Code: 'b', Text: "b"})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Right.")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
