package main

import (
	"context"

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
			"count. The actions are replayed, so a task counts only if it is really done; the\n"+
			"answers and hints taken are as the file reports them (self-reported: nothing in a\n"+
			"file made on the student's machine can prove them; a file without its hints: record\n"+
			"is warned about). Prints one row per student: tasks done, points, hints used, quiz\n"+
			"score, total.\n"+
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
		if err := scenarios.WriteGradeCSV(e.stdout, rows); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
	default:
		scenarios.WriteGradeTable(e.stdout, rows)
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
		return scenarios.UnreadableSubmission(lab, file, err)
	}
	return scenarios.GradeSubmission(lab, src, sub)
}
