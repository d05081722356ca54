package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/scenarios/files"
)

func cmdCheck(ctx context.Context, e *env, args []string) int {
	fset := newFlags(e, "check", "FILE|DIR|NAME...",
		"Validates scenario files without running them and reports every problem at\n"+
			"once as file:line:col, with the source line and a caret. A directory is\n"+
			"searched for *.yaml files; a NAME is a built-in scenario (ec2sim list). Exits 3\n"+
			"when any file has an error or is missing; warnings alone exit 0.")
	lim := limitFlags(fset)
	pos, code, ok := parseArgs(fset, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		e.errorf("check takes one or more scenario files, directories or built-in names")
		return exitUsage
	}
	refs, err := scenarioRefs(pos)
	if err != nil {
		e.errorf("%v", err)
		return exitInvalid
	}
	bad, errs, warns := 0, 0, 0
	for _, ref := range refs {
		file, data, _, err := scenarioText(ref, lim.FileSize)
		if err != nil {
			e.errorf("%v", err)
			bad++
			errs++
			continue
		}
		_, diags := scenarios.ParseWith(file, data, *lim)
		fmt.Fprint(e.stderr, diags.Format(data, 0))
		errs += diags.Errors()
		warns += diags.Warnings()
		if diags.Errors() > 0 {
			bad++
		}
	}
	fmt.Fprintf(e.stdout, "%d file(s) checked: %d invalid, %d error(s), %d warning(s)\n", len(refs), bad, errs, warns)
	if bad > 0 {
		return exitInvalid
	}
	return exitOK
}

// scenarioRefs expands the directories among args into their *.yaml files
// (scenarioFiles); anything else is kept as it is, for scenarioText to read
// as a file or a built-in name, or to say is not there.
func scenarioRefs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			out = append(out, a)
			continue
		}
		found, err := scenarioFiles([]string{a})
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// scenarioFiles expands directories into their *.yaml files, sorted.
func scenarioFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := files.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			// testdata holds deliberately broken files, as in Go's own tree.
			if d.IsDir() && p != a && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no .yaml files in %s", strings.Join(args, ", "))
	}
	return out, nil
}
