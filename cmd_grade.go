package main

import (
	"context"
	"encoding/csv"
	"fmt"

	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
)

// cmdGrade implements `ec2sim grade LAB SUBMISSION...|DIR`: each
// submission's actions replayed on the instructor's lab and graded with its
// own tasks, checks and answer key (scenarios.GradeSubmission), one row per
// student.
func cmdGrade(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "grade", "LAB SUBMISSION...|DIR [--json|--csv]",
		"Grades a class: replays each submission's actions on LAB (the instructor's copy)\n"+
			"and applies LAB's own tasks, checks and answer key; a submission's own rules never\n"+
			"count. Prints one row per student: tasks done, points, hints used, quiz score, total.\n"+
			"A submission that cannot be read or does not fit the lab gets its own row with the\n"+
			"reason; the others are still graded. A directory means every *.yaml in it.\n"+
			"Exits 1 when any student falls short (a task not done, a check failed, a question\n"+
			"wrong or unanswered, an unreadable file), 3 only when LAB itself is invalid.")
	asJSON := fs.Bool("json", false, "print the rows as JSON")
	asCSV := fs.Bool("csv", false, "print the rows as CSV, for a spreadsheet")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) < 2 || (*asJSON && *asCSV) {
		e.errorf("grade: give a lab and at least one submission or directory (and at most one of --json, --csv)")
		return exitUsage
	}
	lab, code := load(e, pos[0], nil)
	if lab == nil {
		return code
	}
	src, ok := scenarios.BuiltinSource(lab)
	if !ok {
		var err error
		if src, err = readScenarioFile(pos[0], 0); err != nil {
			e.errorf("%v", err)
			return exitInvalid
		}
	}
	files, err := scenarioFiles(pos[1:])
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var rows []scenarios.StudentGrade
	for _, f := range files {
		if ctx.Err() != nil {
			e.errorf("interrupted")
			return exitInterrupted
		}
		rows = append(rows, gradeFile(lab, src, f))
	}
	switch {
	case *asJSON:
		if code := writeJSON(e, struct {
			Lab      string                   `json:"lab"`
			Students []scenarios.StudentGrade `json:"students"`
		}{lab.Name, rows}); code != exitOK {
			return code
		}
	case *asCSV:
		w := csv.NewWriter(e.stdout)
		w.Write([]string{"student", "file", "tasks_done", "tasks", "task_points", "hints_used", "quiz_points", "quiz_max_points", "total", "max_total", "pass", "note"})
		for _, r := range rows {
			w.Write([]string{r.Student, r.File, strconv.Itoa(r.TasksDone), strconv.Itoa(r.Tasks), strconv.Itoa(r.TaskPoints),
				strconv.Itoa(r.HintsUsed), strconv.Itoa(r.QuizPoints), strconv.Itoa(r.QuizMax), strconv.Itoa(r.Total),
				strconv.Itoa(r.MaxTotal), strconv.FormatBool(r.Pass), note(r)})
		}
		w.Flush()
	default:
		fmt.Fprintf(e.stdout, "%-20s %-6s %-7s %-5s %-7s %-9s %s\n", "STUDENT", "TASKS", "POINTS", "HINTS", "QUIZ", "TOTAL", "NOTE")
		for _, r := range rows {
			mark := "✔"
			if !r.Pass {
				mark = "✘"
			}
			fmt.Fprintf(e.stdout, "%-20s %-6s %-7s %-5d %-7s %-9s %s %s\n", scenarios.Line(r.Student),
				fmt.Sprintf("%d/%d", r.TasksDone, r.Tasks), strconv.Itoa(r.TaskPoints), r.HintsUsed,
				fmt.Sprintf("%d/%d", r.QuizPoints, r.QuizMax), fmt.Sprintf("%d/%d", r.Total, r.MaxTotal), mark, scenarios.Line(note(r)))
		}
	}
	for _, r := range rows {
		if !r.Pass {
			return exitFailed
		}
	}
	return exitOK
}

// gradeFile reads and grades one submission; a file that cannot be read
// becomes a row that says why.
func gradeFile(lab *scenarios.Scenario, src []byte, file string) scenarios.StudentGrade {
	data, err := readScenarioFile(file, 0)
	var sub *scenarios.Submission
	if err == nil {
		sub, err = scenarios.ParseSubmission(file, data)
	}
	if err != nil {
		name := strings.TrimSuffix(file[strings.LastIndexAny(file, `/\`)+1:], ".yaml")
		return scenarios.StudentGrade{Student: name, File: file, Error: "unreadable: " + err.Error(), Tasks: len(lab.Tasks),
			QuizMax: lab.QuizPoints(), MaxTotal: lab.TaskPoints() + lab.QuizPoints()}
	}
	return scenarios.GradeSubmission(lab, src, sub)
}

// note is a row's error, or its warnings, or what it fell short on.
func note(r scenarios.StudentGrade) string {
	if r.Error != "" {
		return r.Error
	}
	var parts []string
	parts = append(parts, r.Warnings...)
	for _, res := range r.Results {
		if res.Scored && !res.Pass {
			parts = append(parts, fmt.Sprintf("%s %s not passed", res.Kind, res.Name))
		}
	}
	return strings.Join(parts, "; ")
}
