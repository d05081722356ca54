package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/ec2sim/ec2sim/scenarios"
)

type listEntry struct {
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	Level   string   `json:"level"`
	Minutes int      `json:"minutes"`
	Tags    []string `json:"tags"`
	Summary string   `json:"summary"`
}

func cmdList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "list", "[--tag TAG] [--json]", "Lists the built-in scenarios, one a line: name, title, level, minutes.\n"+
		"A --tag that no scenario has, nor anything under it, is an error (exit 2)\n"+
		"that lists the tags there are.")
	asJSON := fs.Bool("json", false, "print JSON")
	tag := fs.String("tag", "", "only scenarios with this tag or one under it, e.g. SAA-C03 or SAA-C03:4.2")
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		e.errorf("list takes no arguments")
		return exitUsage
	}
	all, err := scenarios.Builtin()
	if err != nil {
		e.errorf("built-in library: %v", err)
		return exitInvalid
	}
	out := []listEntry{}
	for _, sc := range all {
		if !sc.HasTag(*tag) {
			continue
		}
		tags := sc.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, listEntry{sc.Name, sc.Title, sc.Level, sc.Minutes, tags, strings.TrimSpace(sc.Summary)})
	}
	if len(out) == 0 && len(all) > 0 {
		exams, others := scenarios.Tags(all)
		e.errorf("no scenario is tagged %q or with a tag under it%s; tags: %s (each with its EXAM:DOMAIN.TASK statements, docs/coverage.md), %s",
			scenarios.Line(*tag), didYouMean(*tag, append(exams, others...), ""), strings.Join(exams, ", "), strings.Join(others, ", "))
		return exitUsage
	}
	if *asJSON {
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, l := range out {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d min\n", scenarios.Line(l.Name), scenarios.Line(l.Title), scenarios.Line(l.Level), l.Minutes)
	}
	tw.Flush()
	return exitOK
}
