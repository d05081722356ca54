// This file implements `ec2sim test`. It is not called cmd_test.go because
// Go builds a file named *_test.go only under `go test`.

package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
)

func cmdTest(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "test", "[FILE|DIR|NAME...] [--answers FILE|id=b,...] [--json]",
		"Runs scenarios to the end and grades them: every step that expects an error\n"+
			"code, every check, and every quiz question that has an answer. Prints PASS or\n"+
			"FAIL per item with the simulated time and the reason, then \"N passed, N failed\".\n"+
			"Exits 1 when anything failed. With no arguments it tests the built-in library.\n\n"+
			"An exercise with a solution: plays the solution and fails any task it does not\n"+
			"reach; without one, tasks not done are listed as open, not failed.\n\n"+
			"Answers: inline as id=b,id2=c for every scenario, with the letters of a\n"+
			"multiple-response question separated by commas too (id=a,c,id2=b); or a YAML\n"+
			"file {scenario-name: {quiz-id: b}}, where an answer may be a list ([a, c]) or\n"+
			"{answer: b, hints: 1} to charge hint penalties. Every scenario, quiz id and letter\n"+
			"they name must be one being tested: a typo is an error (exit 2), never a question\n"+
			"left unanswered.")
	answersFlag := fs.String("answers", "", "quiz answers: a YAML file, or id=letter pairs separated by commas (id=a,c for several letters)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	lim := limitFlags(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	e.limitOutput(lim.Output)
	sheet, err := readAnswers(*answersFlag)
	if err != nil {
		e.errorf("--answers: %v", err)
		return exitUsage
	}
	var scs []*scenarios.Scenario
	if len(pos) == 0 {
		if scs, err = scenarios.Builtin(); err != nil {
			e.errorf("built-in library: %v", err)
			return exitInvalid
		}
	}
	// Every valid file is graded, even when others in the folder are not:
	// one broken file must not hide a class's results.
	refs, err := scenarioRefs(pos)
	if err != nil {
		e.errorf("%v", err)
		return exitInvalid
	}
	var invalid, missing []string
	for _, ref := range refs {
		sc, notThere := loadScenario(e, ref, lim)
		switch {
		case notThere:
			missing = append(missing, ref)
		case sc == nil:
			invalid = append(invalid, ref)
		default:
			scs = append(scs, sc)
		}
	}
	if len(invalid)+len(missing) == 0 { // else a name the sheet gives may be an unread file's
		if probs := sheet.Check(scs); len(probs) > 0 {
			for _, p := range probs {
				e.errorf("--answers: %s", p)
			}
			return exitUsage
		}
	}
	var reports []scenarios.Grades
	passed, failed := 0, 0
	for _, sc := range scs {
		if solved := sc.Solved(); solved != nil {
			sc = solved // prove every task can be done
		}
		r, err := sc.NewRun(nil)
		if err != nil {
			e.errorf("%v", err)
			return exitInvalid
		}
		r.NoSeries = true
		for r.Step() {
			if ctx.Err() != nil {
				e.errorf("interrupted")
				return exitInterrupted
			}
		}
		if r.EndMoved != "" {
			e.errorf("warning: %s: %s", sc.File, r.EndMoved)
		}
		g := scenarios.Grade(r, sheet)
		p, f := g.Tally()
		passed, failed = passed+p, failed+f
		reports = append(reports, g)
	}
	if *asJSON {
		if code := writeJSON(e, struct {
			Scenarios []scenarios.Grades `json:"scenarios"`
			Passed    int                `json:"passed"`
			Failed    int                `json:"failed"`
			Invalid   []string           `json:"invalid_files,omitempty"` // not graded: invalid or not found
		}{reports, passed, failed, append(invalid, missing...)}); code != exitOK {
			return code
		}
	} else {
		for _, rep := range reports {
			fmt.Fprintf(e.stdout, "%s (%s, seed %d)\n", scenarios.Line(rep.Scenario), scenarios.Line(rep.File), rep.Seed)
			for _, res := range rep.Results {
				mark := "PASS"
				switch {
				case !res.Scored:
					mark = "----"
				case !res.Pass:
					mark = "FAIL"
				}
				fmt.Fprintf(e.stdout, "  %s  %12s  %-11s %s — %s\n", mark, simTime(res.TS), res.Kind, scenarios.Line(res.Name), scenarios.Line(res.Detail))
			}
			if rep.Answered > 0 {
				fmt.Fprintf(e.stdout, "  quiz score: %d of %d\n", rep.Points, rep.MaxPoints)
			}
			if rep.Tasks > 0 {
				fmt.Fprintf(e.stdout, "  tasks: %d of %d done, %d of %d points\n", rep.TasksDone, rep.Tasks, rep.TaskPoints, rep.TaskMaxPoints)
			}
		}
		fmt.Fprintf(e.stdout, "%d passed, %d failed\n", passed, failed)
	}
	if len(missing) > 0 {
		e.errorf("%d scenario(s) not found, not graded: %s", len(missing), scenarios.Line(strings.Join(missing, ", ")))
	}
	if len(invalid) > 0 {
		e.errorf("%d invalid file(s) not graded: %s (`ec2sim check %s` lists every problem)", len(invalid), scenarios.Line(strings.Join(invalid, ", ")), scenarios.Line(strings.Join(invalid, " ")))
	}
	if len(invalid)+len(missing) > 0 {
		return exitInvalid
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// readAnswers reads --answers: inline "id=b,id2=c" or the name of a YAML
// file. A path separator makes it a file even if it holds "=".
func readAnswers(arg string) (scenarios.AnswerSheet, error) {
	if arg == "" {
		return scenarios.AnswerSheet{}, nil
	}
	if strings.Contains(arg, "=") && !strings.ContainsAny(arg, "/\\") {
		return scenarios.InlineAnswers(arg)
	}
	data, err := readScenarioFile(arg, 0)
	if err != nil {
		return scenarios.AnswerSheet{}, err
	}
	return scenarios.ParseAnswers(arg, data)
}
