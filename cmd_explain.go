package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ec2sim/ec2sim/model"
)

// explainGroups is the order and heading of each kind in the topic list.
var explainGroups = []struct {
	kind    model.TopicKind
	heading string
}{
	{model.TopicAction, "Actions"},
	{model.TopicGuest, "Guest actions (software inside an instance, not API calls)"},
	{model.TopicFault, "Faults (what AWS or the hardware does to you)"},
	{model.TopicLoad, "Load signals (the traffic a scenario describes, not API calls)"},
	{model.TopicCode, "Error codes"},
}

func cmdExplain(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "explain", "[ACTION|ERROR-CODE] [--json]",
		"Explains what an action does (parameters, state changes, cost, errors, a\n"+
			"gotcha) or what an error code means, when the simulator returns it and\n"+
			"how to fix it. Names are case-insensitive. With no name, lists every topic.")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	switch len(pos) {
	case 0:
		return explainList(e, *asJSON)
	case 1:
	default:
		e.errorf("explain takes one ACTION or ERROR-CODE, got %d", len(pos))
		return exitUsage
	}
	t, found := model.Explain(pos[0])
	if !found {
		hint := ""
		if s := model.Suggest(pos[0], model.TopicNames()); s != "" {
			hint = "; did you mean " + s + "?"
		}
		e.errorf("no action or error code %q%s (ec2sim explain lists them all)", pos[0], hint)
		return exitInvalid
	}
	if *asJSON {
		return writeJSON(e, t)
	}
	fmt.Fprintf(e.stdout, "%s (%s): %s\n\n%s\n", t.Name, t.Kind, t.Summary, t.Text)
	if len(t.Related) > 0 {
		fmt.Fprintf(e.stdout, "\n%s\n", seeAlso(t.Related, model.TextWidth))
	}
	return exitOK
}

func explainList(e *env, asJSON bool) int {
	topics := model.Topics()
	if asJSON {
		return writeJSON(e, topics)
	}
	width := 0
	for _, t := range topics {
		width = max(width, len(t.Name))
	}
	for i, g := range explainGroups {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s:\n", g.heading)
		for _, t := range topics {
			if t.Kind == g.kind {
				fmt.Fprintf(e.stdout, "  %-*s  %s\n", width, t.Name, t.Summary)
			}
		}
	}
	return exitOK
}

// seeAlso formats the related topics as "See also: a, b, c", wrapped at
// width columns with continuation lines aligned under the first name.
func seeAlso(names []string, width int) string {
	const lead = "See also: "
	var b strings.Builder
	b.WriteString(lead)
	col := len(lead)
	for i, n := range names {
		item := n
		if i < len(names)-1 {
			item += ","
		}
		if i > 0 {
			if col+1+len(item) > width {
				b.WriteString("\n" + strings.Repeat(" ", len(lead)))
				col = len(lead)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(item)
		col += len(item)
	}
	return b.String()
}
