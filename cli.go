package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/scenarios/files"
)

// Exit codes, stable for scripts and graders.
const (
	exitOK          = 0   // success
	exitFailed      = 1   // a check, expectation or quiz failed
	exitUsage       = 2   // bad command line
	exitInvalid     = 3   // the scenario file is invalid (or missing)
	exitInterrupted = 130 // interrupted (Ctrl-C)
)

// defaultScenario is what `ec2sim` with no arguments replays.
const defaultScenario = "console-tutorial"

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *env, args []string) int
	// interactive commands write to the terminal as things happen, so
	// their output is neither buffered nor wrapped.
	interactive bool
}

// env is what a command may touch: its streams and nothing global.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	out            *checkedWriter // stdout, when buffered and checked (not for interactive commands)
}

// limitOutput bounds the bytes the command writes to stdout from now on
// (Limits.Output): a hostile file cannot fill a disk through a pipe.
func (e *env) limitOutput(n int) {
	if e.out != nil && n > 0 {
		e.out.max = e.out.n + int64(n)
	}
}

// errorf prints one diagnostic on stderr. Its arguments can quote a file,
// a file name or an error the model built from a file's text, so the
// message goes through scenarios.Text: never raw to the terminal.
func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "ec2sim: %s\n", scenarios.Text(fmt.Sprintf(format, args...)))
}

func commands() []command {
	return []command{
		{"play", "[FILE|NAME]", "the terminal UI: step through a scenario, answer quizzes, act", cmdPlay, true},
		{"run", "FILE|NAME [--seed N]", "replay a scenario headless: event log and final state", cmdRun, false},
		{"list", "[--json]", "list the built-in scenarios", cmdList, false},
		{"bill", "FILE|NAME [--seed N]", "replay a scenario and print its bill and waste", cmdBill, false},
		{"sweep", "FILE|NAME --runs N", "replay under N seeds: percentiles of ready times, pass rates, bill", cmdSweep, false},
		{"test", "[FILE|DIR|NAME...]", "grade scenarios: expectations, checks, quizzes; N passed, N failed", cmdTest, false},
		{"grade", "LAB SUBMISSION...|DIR", "grade a class: replay submissions on the lab, one row per student", cmdGrade, false},
		{"check", "FILE|DIR|NAME...", "validate scenarios: every problem, as file:line:col", cmdCheck, false},
		{"gen", "fleet [--instances N]", "write a generated scenario: a large fleet over a month", cmdGen, false},
		{"explain", "[ACTION|ERROR-CODE]", "what an action does or why an error happens", cmdExplain, false},
		{"serve", "[FILE|NAME] [--clock MODE]", "serve the EC2 API to the real AWS CLI, boto3 and Terraform", cmdServe, true},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `ec2sim — learn how EC2 instances and AMIs behave, on a simulated clock.

Usage:
  ec2sim                 open the terminal UI on the built-in scenarios
                         (without a terminal: replay the console tutorial)
  ec2sim COMMAND [ARGS]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-7s %-28s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprint(w, `
A scenario is a YAML file, or the NAME of a built-in one (ec2sim list).
Run "ec2sim help COMMAND" or "ec2sim COMMAND --help" for a command's flags.

Exit codes: 0 ok, 1 a check, expectation or quiz answer failed, 2 usage
error (a flag, command, tag or --answers it cannot use), 3 invalid or missing
scenario, 130 interrupted.
`)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"play"}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "help":
		if len(args) == 1 {
			usage(stdout)
			return exitOK
		}
		args = []string{args[1], "--help"} // `help run` is `run --help`
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
		if c.name == args[0] {
			if c.interactive {
				// The terminal itself: the UI needs the real file.
				return c.run(ctx, &env{stdin: stdin, stdout: stdout, stderr: stderr}, args[1:])
			}
			// Reports can be millions of lines: buffer them.
			buf := bufio.NewWriterSize(stdout, 64<<10)
			out := &checkedWriter{ctx: ctx, w: buf, flush: buf.Flush}
			e := &env{stdin: stdin, stdout: out, stderr: stderr, out: out}
			return out.finish(e, c.run(ctx, e, args[1:]))
		}
	}
	fmt.Fprintf(stderr, "ec2sim: unknown command %q%s; ec2sim --help lists the commands\n", scenarios.Text(args[0]), didYouMean(args[0], names, ""))
	return exitUsage
}

// didYouMean is " (did you mean x?)" for the known word nearest got, by
// model.Suggest, with prefix before it (as "--" for a flag), or "".
func didYouMean(got string, known []string, prefix string) string {
	if s := model.Suggest(got, known); s != "" {
		return fmt.Sprintf(" (did you mean %s%s?)", prefix, s)
	}
	return ""
}

// checkedWriter is every command's stdout. It stops writing at the first
// error or interrupt and remembers why, so that a full disk or a Ctrl-C
// in the middle of a long report is never an exit 0 with truncated output.
type checkedWriter struct {
	ctx   context.Context
	w     io.Writer
	flush func() error
	err   error
	n     int64 // bytes written
	max   int64 // the most it may write (0: no limit)
}

// errOutputLimit is what a write past checkedWriter.max fails with.
type errOutputLimit struct{ max int64 }

func (e errOutputLimit) Error() string {
	return fmt.Sprintf("the output reached %s, the limit for one run (--max-output raises it)", scenarios.ByteSize(e.max))
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err == nil {
		c.err = c.ctx.Err()
	}
	if c.err == nil && c.max > 0 && c.n+int64(len(p)) > c.max {
		c.err = errOutputLimit{c.max}
	}
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// finish flushes what is buffered and turns a failed write into the exit
// code: 130 for an interrupt (whenever it came), 1 for anything else.
func (c *checkedWriter) finish(e *env, code int) int {
	if c.flush != nil && c.err == nil {
		c.err = c.flush()
	}
	if c.err == nil {
		c.err = c.ctx.Err() // an interrupt always exits 130, even at the last line
	}
	switch {
	case c.err == nil:
		return code
	case errors.Is(c.err, context.Canceled):
		if code != exitInterrupted {
			e.errorf("interrupted")
		}
		return exitInterrupted
	}
	e.errorf("writing the output: %v", c.err)
	if code == exitOK {
		return exitFailed
	}
	return code
}

// newFlags makes a command's flag set with a help text that teaches. The
// help, asked for, is the command's output (stdout); errors go to stderr.
func newFlags(e *env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("ec2sim "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: ec2sim %s %s\n\n%s\n\nFlags:\n", name, args, about)
		out := fs.Output()
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(out)
	}
	return fs
}

// parseArgs parses flags anywhere among the arguments ("run x.yaml --json").
// --help prints the command's help; a bad flag is one line on stderr, with
// the nearest flag for a misspelt one and where the help is, never the
// whole help.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	help, out := fs.Usage, fs.Output()
	fs.Usage = func() {} // the flag package calls it on every error too
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = help; fs.SetOutput(out) }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				help()
				return nil, exitOK, false
			}
			fmt.Fprintf(out, "%s: %s; %s --help lists the flags\n", fs.Name(), scenarios.Text(flagError(fs, err)), fs.Name())
			return nil, exitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError rewords the flag package's error in the spelling the help
// uses (--seed, not -seed), and names the nearest flag for an unknown one.
// The flag package's messages have read the same since Go 1.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		return "unknown flag --" + name + didYouMean(name, names, "--")
	}
	for _, p := range []string{"flag -", "flag needs an argument: -", "for -"} {
		msg = strings.Replace(msg, p, strings.TrimSuffix(p, "-")+"--", 1)
	}
	return msg
}

// limitFlags adds the flags that bound what an untrusted scenario file may
// ask for: one per field of scenarios.Limits, defaults from DefaultLimits,
// but for the flags named in omit, which the command has no use for (their
// limits keep their defaults).
func limitFlags(fs *flag.FlagSet, omit ...string) *scenarios.Limits {
	l := scenarios.DefaultLimits
	for _, f := range []struct {
		v           *int
		name, usage string
	}{
		{&l.FileSize, "max-file-size", "largest scenario file accepted, in bytes"},
		{&l.Depth, "max-depth", "deepest nesting of YAML collections accepted"},
		{&l.Nodes, "max-nodes", "most YAML nodes a file may expand to, aliases included"},
		{&l.Steps, "max-steps", "most steps a scenario may have"},
		{&l.StepRuns, "max-step-runs", "most step runs in all (repeats × steps) a scenario may ask for"},
		{&l.Expansion, "max-expansion", "most bytes the {run}/{date}/{time} placeholders may expand to over a run"},
		{&l.Resources, "max-resources", "most resources a run may hold at once, whatever setup.limits says"},
		{&l.Events, "max-events", "most events one run may fire before it is stopped"},
		{&l.Evaluations, "max-evaluations", "most condition work in one run (evaluations of when and checks, plus the resources they read)"},
		{&l.Records, "max-records", "most lines of the event log one run keeps in memory"},
		{&l.Output, "max-output", "most bytes a command may write for one run"},
	} {
		if !slices.Contains(omit, f.name) {
			fs.IntVar(f.v, f.name, *f.v, f.usage)
		}
	}
	return &l
}

// load reads a scenario from a file, or finds a built-in one by name.
func load(e *env, ref string, lim *scenarios.Limits) (*scenarios.Scenario, int) {
	if sc, _ := loadScenario(e, ref, lim); sc != nil {
		return sc, exitOK
	}
	return nil, exitInvalid
}

// loadScenario is load, saying on failure whether there was no scenario to
// read (missing) or one with errors. Either way it has told the user why.
func loadScenario(e *env, ref string, lim *scenarios.Limits) (sc *scenarios.Scenario, missing bool) {
	var limits scenarios.Limits
	if lim != nil {
		limits = *lim
	}
	file, data, builtin, err := scenarioText(ref, limits.FileSize)
	switch {
	case err != nil:
		e.errorf("%v", err)
		return nil, errors.Is(err, os.ErrNotExist)
	case builtin != nil:
		builtin.Limits = builtin.Limits.WithRuntime(limits)
		return builtin, false
	}
	sc, diags := scenarios.ParseWith(file, data, limits)
	if sc == nil {
		fmt.Fprint(e.stderr, diags.Format(data, 10))
		fmt.Fprintf(e.stderr, "%s: %d error(s)\n", scenarios.Line(file), diags.Errors())
	}
	return sc, false
}

// scenarioText finds the scenario ref names, as every command reads one: a
// file's text or, when there is no such file and ref is a bare name, a
// built-in scenario (builtin, already parsed) and its text. file is the
// name diagnostics give it ("builtin:01-console-tutorial.yaml" for a
// built-in one). A scenario that is not there is an error errors.Is finds
// os.ErrNotExist in.
func scenarioText(ref string, limit int) (file string, data []byte, builtin *scenarios.Scenario, err error) {
	data, err = readScenarioFile(ref, limit)
	switch {
	case err == nil:
		return ref, data, nil, nil
	case errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(ref, `/\`) && filepath.Ext(ref) == "":
		sc, berr := scenarios.BuiltinNamed(ref)
		if berr != nil {
			return "", nil, nil, notFound{berr.Error()}
		}
		src, _ := scenarios.BuiltinSource(sc)
		return sc.File, src, sc, nil
	case errors.Is(err, os.ErrNotExist):
		return "", nil, nil, notFound{ref + ": no such file (give a scenario file, or a built-in scenario by name: ec2sim list shows them)"}
	}
	return "", nil, nil, err
}

// notFound is a scenario that is not there: no such file, and no built-in
// one of the name.
type notFound struct{ msg string }

func (n notFound) Error() string { return n.msg }
func (n notFound) Unwrap() error { return os.ErrNotExist }

// readScenarioFile reads a regular file, at most limit+1 bytes (0: the
// default limit), so a huge file is refused without being read whole.
func readScenarioFile(path string, limit int) ([]byte, error) {
	if limit <= 0 {
		limit = scenarios.MaxFileSize
	}
	data, err := files.ReadRegular(path, limit)
	if err == nil && len(data) > limit {
		if st, serr := files.Stat(path); serr == nil {
			// Its real size, not the limit+1 bytes the read stopped at.
			return nil, fmt.Errorf("%s: %s", path, scenarios.TooBig(st.Size(), limit))
		}
	}
	return data, err
}

// replayFlags are the flags of the commands that replay one scenario.
type replayFlags struct {
	fs     *flag.FlagSet
	seed   *uint64
	asJSON *bool
	lim    *scenarios.Limits
}

func newReplayFlags(e *env, name, about, jsonHelp string, omit ...string) replayFlags {
	fs := newFlags(e, name, "FILE|NAME [--seed N] [--json]", about)
	return replayFlags{
		fs:     fs,
		seed:   fs.Uint64("seed", 0, "random seed (default: the scenario's own)"),
		asJSON: fs.Bool("json", false, jsonHelp),
		lim:    limitFlags(fs, omit...),
	}
}

// start parses the arguments, loads the one scenario they name and builds
// its run. A nil run comes with the exit code to return.
func (rf replayFlags) start(e *env, args []string) (*scenarios.Run, string, int) {
	pos, code, ok := parseArgs(rf.fs, args)
	if !ok {
		return nil, "", code
	}
	if len(pos) != 1 {
		e.errorf("%s takes one scenario file or built-in name, got %d (try `ec2sim list`)", strings.TrimPrefix(rf.fs.Name(), "ec2sim "), len(pos))
		return nil, "", exitUsage
	}
	sc, code := load(e, pos[0], rf.lim)
	if sc == nil {
		return nil, "", code
	}
	var seed *uint64
	rf.fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			seed = rf.seed
		}
	})
	r, err := sc.NewRun(seed)
	if err != nil {
		e.errorf("%v", err)
		return nil, "", exitInvalid
	}
	e.limitOutput(sc.Limits.Output)
	return r, pos[0], exitOK
}

// stepToEnd runs to the end, stopping early (exit 130) on an interrupt. A
// run a limit cut short is reported here, with the limit and its flag; the
// command still prints what the run reached.
func stepToEnd(ctx context.Context, e *env, r *scenarios.Run) int {
	for r.Step() {
		if ctx.Err() != nil {
			e.errorf("interrupted at simulated time %s", r.World.Now())
			return exitInterrupted
		}
	}
	if r.Stopped != "" {
		e.errorf("%s", r.Stopped)
	}
	if r.EndMoved != "" {
		e.errorf("warning: %s", r.EndMoved)
	}
	return exitOK
}

// writeJSON prints v as indented JSON on stdout; a failed write (a closed
// pipe, a full disk) is an error the user sees, never a silent exit 0.
func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	return exitOK
}
