package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/scenarios"
)

// testResult is one graded item.
type testResult struct {
	Kind   string  `json:"kind"` // expectation, check, step, wait, quiz
	Name   string  `json:"name"`
	Pass   bool    `json:"pass"`
	Scored bool    `json:"scored"`
	TS     float64 `json:"t_s"`
	Detail string  `json:"detail"`
}

type testReport struct {
	Scenario string       `json:"scenario"`
	File     string       `json:"file"`
	Seed     uint64       `json:"seed"`
	Results  []testResult `json:"results"`
	Points   int          `json:"quiz_points"`
	MaxPts   int          `json:"quiz_max_points"`
	answered int
}

// answerSheet maps scenario name → quiz id → answer (a letter) and hints taken.
type answerSheet map[string]map[string]answer

type answer struct {
	Choice string
	Hints  int
}

func cmdTest(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "test", "[FILE|DIR|NAME...] [--answers FILE|id=b,...] [--json]",
		"Runs scenarios to the end and grades them: every step that expects an error\n"+
			"code, every check, and every quiz question that has an answer. Prints PASS or\n"+
			"FAIL per item with the simulated time and the reason, then \"N passed, N failed\".\n"+
			"Exits 1 when anything failed. With no arguments it tests the built-in library.\n\n"+
			"Answers: a YAML file {scenario-name: {quiz-id: b}} (or {quiz-id: {answer: b, hints: 1}}\n"+
			"to charge hint penalties), or inline as id=b,id2=c for every scenario.")
	answersFlag := fs.String("answers", "", "quiz answers: a YAML file, or id=letter pairs separated by commas")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	lim := limitFlags(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	sheet, inline, err := readAnswers(*answersFlag)
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
	for _, ref := range pos {
		if st, err := os.Stat(ref); err == nil && st.IsDir() {
			files, err := scenarioFiles([]string{ref})
			if err != nil {
				e.errorf("%v", err)
				return exitInvalid
			}
			for _, f := range files {
				sc, code := load(e, f, lim)
				if sc == nil {
					return code
				}
				scs = append(scs, sc)
			}
			continue
		}
		sc, code := load(e, ref, lim)
		if sc == nil {
			return code
		}
		scs = append(scs, sc)
	}
	var reports []testReport
	passed, failed := 0, 0
	for _, sc := range scs {
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
		answers := sheet[sc.Name]
		if answers == nil {
			answers = inline
		}
		rep := grade(r, answers)
		for _, res := range rep.Results {
			if !res.Scored {
				continue
			}
			if res.Pass {
				passed++
			} else {
				failed++
			}
		}
		reports = append(reports, rep)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			Scenarios []testReport `json:"scenarios"`
			Passed    int          `json:"passed"`
			Failed    int          `json:"failed"`
		}{reports, passed, failed})
	} else {
		for _, rep := range reports {
			fmt.Fprintf(e.stdout, "%s (%s, seed %d)\n", rep.Scenario, rep.File, rep.Seed)
			for _, res := range rep.Results {
				mark := "PASS"
				switch {
				case !res.Scored:
					mark = "----"
				case !res.Pass:
					mark = "FAIL"
				}
				fmt.Fprintf(e.stdout, "  %s  %12s  %-11s %s — %s\n", mark, simTime(res.TS), res.Kind, res.Name, res.Detail)
			}
			if rep.answered > 0 {
				fmt.Fprintf(e.stdout, "  quiz score: %d of %d\n", rep.Points, rep.MaxPts)
			}
		}
		fmt.Fprintf(e.stdout, "%d passed, %d failed\n", passed, failed)
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

func grade(r *scenarios.Run, answers map[string]answer) testReport {
	sc := r.Sc
	rep := testReport{Scenario: sc.Name, File: sc.File, Seed: r.Seed}
	for _, x := range r.Expectations {
		got := string(x.Got)
		if got == "" {
			got = "the call succeeded"
		}
		rep.Results = append(rep.Results, testResult{"expectation", fmt.Sprintf("%s fails with %s (line %d)", x.Step.Action.Name, x.Want, x.Step.Pos.Line),
			x.OK(), true, x.T.Seconds(), "got " + got})
	}
	for _, f := range r.Failed {
		rep.Results = append(rep.Results, testResult{"step", f.Action + " failed unexpectedly", false, true, f.T.Seconds(), f.Error + ": " + f.Message})
	}
	for _, st := range r.TimedOut {
		rep.Results = append(rep.Results, testResult{"wait", fmt.Sprintf("%s at line %d waits for %s", st.Action.Name, st.Pos.Line, st.When.Src),
			false, true, 0, "the condition never came true within " + st.Timeout.Compact()})
	}
	if r.Stopped != "" {
		rep.Results = append(rep.Results, testResult{"run", "the run reaches its end", false, true, r.W.Now().Seconds(), r.Stopped})
	}
	for _, c := range r.Checks {
		detail := c.Got
		if !c.Pass && c.Check.Explain != "" {
			detail += " (" + strings.TrimSpace(c.Check.Explain) + ")"
		}
		rep.Results = append(rep.Results, testResult{"check", c.Check.Name, c.Pass, true, c.T.Seconds(), detail})
	}
	for _, q := range sc.Quizzes {
		res := testResult{Kind: "quiz", Name: q.ID, TS: q.At.Seconds()}
		rep.MaxPts += q.Points
		a, ok := answers[q.ID]
		if !ok {
			res.Detail = "well formed; not scored (no answer given)"
			rep.Results = append(rep.Results, res)
			continue
		}
		res.Scored = true
		rep.answered++
		idx := -1
		if s := strings.ToLower(strings.TrimSpace(a.Choice)); len(s) == 1 && s[0] >= 'a' && int(s[0]-'a') < len(q.Choices) {
			idx = int(s[0] - 'a')
		}
		correct := string(rune('a' + q.Answer))
		switch {
		case idx < 0:
			res.Detail = fmt.Sprintf("answer %q is not one of a–%c", a.Choice, 'a'+rune(len(q.Choices)-1))
		case idx == q.Answer:
			res.Pass = true
			pen := 0
			for i := 0; i < a.Hints && i < len(q.Hints); i++ {
				pen += q.Hints[i].Penalty
			}
			pts := max(0, q.Points-pen)
			rep.Points += pts
			res.Detail = fmt.Sprintf("%s is right (+%d)", correct, pts)
		default:
			res.Detail = fmt.Sprintf("answered %s, the answer is %s: %s", a.Choice, correct, oneLine(q.Explanation))
		}
		rep.Results = append(rep.Results, res)
	}
	// In timeline order, as they happened.
	slices.SortStableFunc(rep.Results, func(a, b testResult) int { return cmp.Compare(a.TS, b.TS) })
	return rep
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readAnswers reads --answers: inline "id=b,id2=c" or a YAML file.
func readAnswers(arg string) (answerSheet, map[string]answer, error) {
	if arg == "" {
		return nil, nil, nil
	}
	if strings.Contains(arg, "=") && !strings.ContainsAny(arg, "/\\") {
		inline := map[string]answer{}
		for _, pair := range strings.Split(arg, ",") {
			id, choice, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if !ok || id == "" || choice == "" {
				return nil, nil, fmt.Errorf("%q: write quiz-id=letter", pair)
			}
			inline[id] = answer{Choice: choice}
		}
		return nil, inline, nil
	}
	data, err := readScenarioFile(arg, 0)
	if err != nil {
		return nil, nil, err
	}
	var raw map[string]map[string]yaml.Node
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, nil, fmt.Errorf("%s: %v (expected {scenario-name: {quiz-id: letter}})", arg, err)
	}
	sheet := answerSheet{}
	for scName, qs := range raw {
		sheet[scName] = map[string]answer{}
		for id, n := range qs {
			a := answer{}
			switch n.Kind {
			case yaml.ScalarNode:
				a.Choice = n.Value
			case yaml.MappingNode:
				var v struct {
					Answer string `yaml:"answer"`
					Hints  int    `yaml:"hints"`
				}
				if err := n.Decode(&v); err != nil {
					return nil, nil, fmt.Errorf("%s: %s.%s: %v", arg, scName, id, err)
				}
				a = answer{v.Answer, v.Hints}
			default:
				return nil, nil, fmt.Errorf("%s: %s.%s: give a letter or {answer, hints}", arg, scName, id)
			}
			sheet[scName][id] = a
		}
	}
	return sheet, nil, nil
}
