package scenarios

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// UnreadableSubmission is the row of a submission that could not be read
// or parsed: it scores nothing, says why, and the others are still graded.
func UnreadableSubmission(lab *Scenario, file string, err error) StudentGrade {
	name := strings.TrimSuffix(file[strings.LastIndexAny(file, `/\`)+1:], ".yaml")
	return StudentGrade{Student: name, File: file, Error: "unreadable: " + err.Error(), Tasks: len(lab.Tasks),
		QuizMax: lab.QuizPoints(), MaxTotal: lab.TaskPoints() + lab.QuizPoints()}
}

// Note is a row's error, or its warnings, or what it fell short on.
func (g StudentGrade) Note() string {
	if g.Error != "" {
		return g.Error
	}
	parts := append([]string(nil), g.Warnings...)
	for _, res := range g.Results {
		if res.Scored && !res.Pass {
			parts = append(parts, fmt.Sprintf("%s %s not passed", res.Kind, res.Name))
		}
	}
	return strings.Join(parts, "; ")
}

// gradeColumns are the CSV header, a stable contract for spreadsheets.
var gradeColumns = []string{"student", "file", "tasks_done", "tasks", "task_points", "hints_used", "quiz_points", "quiz_max_points", "total", "max_total", "pass", "note"}

// WriteGradeCSV writes one row per student, as `ec2sim grade --csv` does.
// Text from submissions is written as CSV quotes it, not escaped: a
// spreadsheet is not a terminal.
func WriteGradeCSV(w io.Writer, rows []StudentGrade) error {
	cw := csv.NewWriter(w)
	cw.Write(gradeColumns)
	for _, r := range rows {
		cw.Write([]string{r.Student, r.File, strconv.Itoa(r.TasksDone), strconv.Itoa(r.Tasks), strconv.Itoa(r.TaskPoints),
			strconv.Itoa(r.HintsUsed), strconv.Itoa(r.QuizPoints), strconv.Itoa(r.QuizMax), strconv.Itoa(r.Total),
			strconv.Itoa(r.MaxTotal), strconv.FormatBool(r.Pass), r.Note()})
	}
	cw.Flush()
	return cw.Error()
}

// WriteGradeTable writes one row per student for a terminal, as `ec2sim
// grade` prints it; names and notes are escaped.
func WriteGradeTable(w io.Writer, rows []StudentGrade) {
	fmt.Fprintf(w, "%-20s %-6s %-7s %-5s %-7s %-9s %s\n", "STUDENT", "TASKS", "POINTS", "HINTS", "QUIZ", "TOTAL", "NOTE")
	for _, r := range rows {
		mark := "✔"
		if !r.Pass {
			mark = "✘"
		}
		fmt.Fprintf(w, "%-20s %-6s %-7s %-5d %-7s %-9s %s %s\n", Line(r.Student),
			fmt.Sprintf("%d/%d", r.TasksDone, r.Tasks), strconv.Itoa(r.TaskPoints), r.HintsUsed,
			fmt.Sprintf("%d/%d", r.QuizPoints, r.QuizMax), fmt.Sprintf("%d/%d", r.Total, r.MaxTotal), mark, Line(r.Note()))
	}
}
