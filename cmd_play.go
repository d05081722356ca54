package main

import (
	"context"
	"os"

	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/tui"
)

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func cmdPlay(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "play", "[FILE|NAME]",
		"Opens the terminal UI: with no argument the scenario picker, otherwise the\n"+
			"scenario itself. Play and pause simulated time, step forward and back, answer\n"+
			"the quizzes, act in the sandbox (:) and export the session (x). Progress is\n"+
			"kept under $XDG_STATE_HOME/ec2sim (default ~/.local/state/ec2sim).")
	lim := limitFlags(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		e.errorf("play takes at most one scenario")
		return exitUsage
	}
	if dumb := os.Getenv("TERM") == "dumb"; dumb || !isTerminal(e.stdin) || !isTerminal(e.stdout) {
		// A dumb terminal cannot address the cursor or show which tab is
		// open: the headless replay serves it better.
		why := "the terminal UI needs a terminal"
		if dumb {
			why = "TERM=dumb cannot draw the terminal UI"
		}
		e.errorf("%s; replaying headless instead (use `ec2sim run NAME` for that on purpose)", why)
		ref := defaultScenario
		if len(pos) == 1 {
			ref = pos[0]
		}
		return cmdRun(ctx, e, []string{ref})
	}
	all, err := scenarios.Builtin()
	if err != nil {
		e.errorf("built-in library: %v", err)
		return exitInvalid
	}
	opts := tui.Options{Library: all, Input: e.stdin, Output: e.stdout, ExportDir: ".",
		Sources: func(sc *scenarios.Scenario) []byte { b, _ := scenarios.BuiltinSource(sc); return b }}
	if store, err := tui.DefaultStore(); err == nil {
		opts.Store = &store
	} else {
		e.errorf("progress will not be saved: %v", err)
	}
	if len(pos) == 1 {
		sc, code := load(e, pos[0], lim)
		if sc == nil {
			return code
		}
		opts.Scenario = sc
		if src, ok := scenarios.BuiltinSource(sc); ok {
			opts.Source = src
		} else if src, err := readScenarioFile(pos[0], lim.FileSize); err == nil {
			opts.Source = src
		}
	}
	if err := tui.Run(opts); err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	return exitOK
}
