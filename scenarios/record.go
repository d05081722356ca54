package scenarios

import (
	"fmt"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// RecordKind says what a log record is. The world's trace kinds come first;
// the rest are the scenario's own. Drivers match on these constants, never
// on their text.
type RecordKind string

// Record kinds.
const (
	RecordAPI                  = RecordKind(model.TraceAPI)   // an API call, successful or failed
	RecordState                = RecordKind(model.TraceState) // a resource changed state
	RecordFault                = RecordKind(model.TraceFault) // an injected fault or AWS-side event
	RecordNote                 = RecordKind(model.TraceNote)  // something the student should notice
	RecordNarration RecordKind = "narration"                  // a step's narration, shown before it acts
	RecordExpect    RecordKind = "expect"                     // an expected error, a vain wait, a limit
	RecordQuiz      RecordKind = "quiz"                       // a quiz question was asked
	RecordCheck     RecordKind = "check"                      // a check ran (Action is PASS or FAIL)
	RecordTask      RecordKind = "task"                       // an exercise's task was done (Action is its id)
)

// Record is one line of a run's event log: a world trace event, or the
// scenario's own narration and expectation results. It is the readable
// form: the log stores each record compactly and hands out Records (see
// Log), so a Record is a copy, and comparable with ==.
type Record struct {
	T        sim.Time
	Kind     RecordKind
	Action   string
	Resource string
	Name     string
	Region   string
	AZ       string
	From, To string
	Account  string // account ID of an API call's caller
	Error    string
	Message  string
}

// LogLine formats a record the way `ec2sim run` prints it: time, where,
// who, what; a narration is an indented block. Calls made by an account
// other than the scenario's first are marked with its name. Text from the
// scenario file is escaped (see Line), so the result is safe for a
// terminal. Every driver that shows the log uses this one format.
func (r *Run) LogLine(rec Record) string {
	if first := r.World.Accounts()[0].ID; rec.Account != "" && rec.Account != first {
		rec.Action = "[" + r.World.OwnerAlias(rec.Account) + "] " + rec.Action
	}
	return rec.logLine()
}

func (rec Record) logLine() string {
	where := rec.AZ
	if where == "" {
		where = rec.Region
	}
	who := rec.Resource
	if rec.Name != "" {
		who += " (" + rec.Name + ")"
	}
	var what string
	switch rec.Kind {
	case RecordNarration:
		return "\n" + indent(Text(strings.TrimSpace(rec.Message)), "    │ ")
	case RecordAPI:
		if rec.Error != "" {
			what = fmt.Sprintf("%s ✗ %s: %s", rec.Action, rec.Error, rec.Message)
		} else {
			what = rec.Action + " ✓"
			if rec.Message != "" {
				what += " " + rec.Message
			}
		}
	case RecordState:
		if rec.From == "" {
			what = fmt.Sprintf("%s %s", rec.Action, rec.To)
		} else {
			what = fmt.Sprintf("%s %s → %s", rec.Action, rec.From, rec.To)
		}
		if rec.Message != "" {
			what += " (" + rec.Message + ")"
		}
	case RecordExpect:
		what = "⚑ " + rec.Message
	case RecordQuiz:
		// A question written over several lines reads as one here: the
		// log's line would show its line breaks as \n.
		what = fmt.Sprintf("? quiz %s: %s", rec.Action, strings.Join(strings.Fields(rec.Message), " "))
	case RecordTask:
		what = fmt.Sprintf("☑ task %s done: %s", rec.Action, rec.Message)
	case RecordCheck:
		mark := "✔"
		if rec.Action != "PASS" {
			mark = "✘"
		}
		what = fmt.Sprintf("%s %s check: %s", mark, rec.Action, rec.Message)
	default:
		what = fmt.Sprintf("%s: %s", rec.Action, rec.Message)
		if rec.Kind == RecordFault {
			what = "⚡ " + what
		}
	}
	return Line(fmt.Sprintf("%s  %-11s %-30s %s", rec.T, where, who, what))
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
