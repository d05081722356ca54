package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/tui"
)

// Opening a FIFO blocks until something writes to it: a scenario, or a
// FIFO inside a checked folder, must be refused before it is opened.
func TestSpecialFilesAreRefusedBeforeTheyAreOpened(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "lesson.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("this system cannot make a FIFO: %v", err)
	}
	for _, args := range [][]string{{"run", fifo}, {"check", fifo}, {"check", dir}, {"bill", fifo}} {
		_, errs, code := ec2sim(t, args...)
		if code != exitInvalid || !strings.Contains(errs, "not a regular file (a named pipe)") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// failingWriter is a disk that fills up after a few bytes.
type failingWriter struct{ room int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n := f.room
		f.room = 0
		return n, errors.New("no space left on device")
	}
	f.room -= len(p)
	return len(p), nil
}

// A report that could not be written whole is a failure the user sees,
// never an exit 0 with a truncated file (`ec2sim gen fleet > file` on a
// full disk).
func TestAFailedWriteIsAnErrorNotASilentExit0(t *testing.T) {
	for _, args := range [][]string{{"run", "console-tutorial"}, {"run", "--json", "console-tutorial"}, {"gen", "fleet"}, {"list"}} {
		var errb bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), &failingWriter{room: 100}, &errb)
		if code == exitOK || !strings.Contains(errb.String(), "no space left") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}

// Ctrl-C while a long report is being printed stops it and exits 130
// (here the interrupt arrives with the first buffer written).
func TestAnInterruptWhilePrintingExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	out := writerFunc(func(p []byte) (int, error) { cancel(); return len(p), nil })
	code := run(ctx, []string{"run", "--json", "best-practices"}, strings.NewReader(""), out, &errb)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr %q", code, exitInterrupted, errb.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Bytes of output per run are bounded: a file that logs millions of lines
// cannot fill a disk through a pipe. The error names --max-output, the run
// exits 1, and the flag raises the limit.
func TestOutputPerRunIsBoundedAndNamesItsFlag(t *testing.T) {
	out, errs, code := ec2sim(t, "run", "console-tutorial", "--max-output", "2000")
	if code != exitFailed || !strings.Contains(errs, "the output reached 2.0 KB, the limit for one run (--max-output raises it)") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if len(out) > 2000 {
		t.Errorf("%d bytes written past the 2000-byte limit", len(out))
	}
	if _, errs, code := ec2sim(t, "run", "console-tutorial", "--json", "--max-output", "100000000"); code != exitOK {
		t.Errorf("raised: exit %d: %s", code, errs)
	}
}

// `gen fleet --instances 1000000` wrote a 16 KB file that `check` accepted;
// now gen refuses it, naming the limit, unless the same flag raises it for
// gen and check alike.
func TestGenFleetOfAMillionNeedsRaisedLimits(t *testing.T) {
	out, errs, code := ec2sim(t, "gen", "fleet", "--instances", "1000000")
	if code != exitUsage || out != "" || !strings.Contains(errs, "(--max-resources)") {
		t.Fatalf("exit %d, %d bytes written, stderr %s", code, len(out), errs)
	}
	out, errs, code = ec2sim(t, "gen", "fleet", "--instances", "1000000", "--max-resources", "5000000")
	if code != exitOK {
		t.Fatalf("raised: exit %d: %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "fleet.yaml")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := ec2sim(t, "check", file); code != exitInvalid || !strings.Contains(errs, "--max-resources") {
		t.Errorf("check with the default limits: exit %d, %s", code, errs)
	}
	if _, errs, code := ec2sim(t, "check", file, "--max-resources", "5000000"); code != exitOK {
		t.Errorf("check with raised limits: exit %d, %s", code, errs)
	}
}

// A 10 MB file is refused by its real size in MB, without being read.
func TestATenMBFileIsReportedInMB(t *testing.T) {
	file := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(file, make([]byte, 10<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"run", "check"} {
		_, errs, code := ec2sim(t, cmd, file)
		if code != exitInvalid || !strings.Contains(errs, "file is 10.0 MB; scenario files are limited to 1048576 (--max-file-size), 1.0 MB") || strings.Contains(errs, "1048577") {
			t.Errorf("%s: exit %d, %s", cmd, code, errs)
		}
	}
}

// docs/security.md lists every limit on a scenario file and its runs: each
// field of scenarios.Limits has a --max-* flag, and the doc has a row with
// that flag and its default; the fixed limits of the language are there too.
func TestSecurityDocListsEveryLimit(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "security.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := func(parts ...string) bool {
		for _, l := range strings.Split(string(doc), "\n") {
			ok := strings.HasPrefix(l, "|")
			for _, p := range parts {
				ok = ok && strings.Contains(l, p)
			}
			if ok {
				return true
			}
		}
		return false
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	limitFlags(fs)
	n := 0
	fs.VisitAll(func(f *flag.Flag) {
		n++
		if !row("`--"+f.Name+"`", "`"+f.DefValue+"`") {
			t.Errorf("docs/security.md has no row with `--%s` and its default `%s`", f.Name, f.DefValue)
		}
	})
	if fields := reflect.TypeOf(scenarios.Limits{}).NumField(); n != fields {
		t.Errorf("%d limit flags for the %d fields of scenarios.Limits", n, fields)
	}
	for _, c := range [][]string{
		{"scenarios.MaxRepeats", strconv.Itoa(scenarios.MaxRepeats)},
		{"scenarios.MaxHorizon", scenarios.MaxHorizon.Compact()},
		{"scenarios.MaxExprLen", strconv.Itoa(scenarios.MaxExprLen)},
		{"tui.MaxProgressSize", strconv.Itoa(tui.MaxProgressSize)},
	} {
		if !row("`"+c[0]+"`", "`"+c[1]+"`") {
			t.Errorf("docs/security.md has no row with `%s` and `%s`", c[0], c[1])
		}
	}
}

// `ec2sim bill` keeps no event log, so it offers no flag to bound one;
// `ec2sim run`, which prints the log, does.
func TestBillOffersNoLogLimit(t *testing.T) {
	for cmd, want := range map[string]bool{"bill": false, "run": true} {
		var out, errOut strings.Builder
		code := run(context.Background(), []string{cmd, "--help"}, strings.NewReader(""), &out, &errOut)
		if got := strings.Contains(out.String()+errOut.String(), "-max-records"); got != want {
			t.Errorf("%s --help lists -max-records: %v, want %v (exit %d)", cmd, got, want, code)
		}
	}
}

// bill --json carries what the text bill shows: the period, the month
// ahead at list price and after the free tier, and the waste findings
// (here the cleanup exercise's idle volume and stopped instance).
func TestBillJSONHasThePeriodTheMonthAheadAndTheWaste(t *testing.T) {
	out, errs, code := ec2sim(t, "bill", "exercise-cleanup", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var b struct {
		From, To     string
		MonthAhead   string `json:"month_ahead_usd"`
		AfterFree    string `json:"month_ahead_after_free_tier_usd"`
		Waste        []struct{ Resource, Kind string }
		Total        string `json:"total_usd"`
		RunRatePerHr string `json:"run_rate_usd_per_hour"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	text, _, _ := ec2sim(t, "bill", "exercise-cleanup")
	if b.From == "" || b.To <= b.From || b.MonthAhead == "" || b.AfterFree == "" {
		t.Errorf("period %q → %q, month ahead %q / %q", b.From, b.To, b.MonthAhead, b.AfterFree)
	}
	if len(b.Waste) == 0 || !strings.Contains(text, "Waste") {
		t.Fatalf("%d findings in the JSON; the text bill:\n%s", len(b.Waste), text)
	}
	for _, f := range b.Waste {
		if f.Resource == "" || f.Kind == "" || !strings.Contains(text, f.Resource) {
			t.Errorf("finding %+v is not the text bill's", f)
		}
	}
}

// A bad command line gets one line, prefixed like Go's own tools, with the
// nearest right word from the one suggestion helper and where the help is:
// never the whole help.
func TestUsageErrorsAreOneLineWithTheNearestWord(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "console-tutorial", "--sed", "3"}, "ec2sim run: unknown flag --sed (did you mean --seed?); ec2sim run --help lists the flags\n"},
		{[]string{"list", "--jsn"}, "ec2sim list: unknown flag --jsn (did you mean --json?); ec2sim list --help lists the flags\n"},
		{[]string{"run", "console-tutorial", "--seed"}, "ec2sim run: flag needs an argument: --seed; ec2sim run --help lists the flags\n"},
		{[]string{"rn"}, "ec2sim: unknown command \"rn\" (did you mean run?); ec2sim --help lists the commands\n"},
		{[]string{"help", "rn"}, "ec2sim: unknown command \"rn\" (did you mean run?); ec2sim --help lists the commands\n"},
	} {
		out, errs, code := ec2sim(t, c.args...)
		if code != exitUsage || out != "" || errs != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errs, exitUsage, c.want)
		}
	}
}

// A file that is not there is said the same way by every command that reads
// one, never as Go's "stat x: no such file or directory".
func TestEveryCommandSaysAMissingFilePlainly(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "gone.yaml")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"run", gone}, exitInvalid, "ec2sim: " + gone + ": no such file (give a scenario file, or a built-in scenario by name"},
		{[]string{"check", gone}, exitInvalid, "ec2sim: " + gone + ": no such file (give a scenario file, or a built-in scenario by name"},
		{[]string{"test", gone}, exitInvalid, "ec2sim: " + gone + ": no such file (give a scenario file, or a built-in scenario by name"},
		{[]string{"grade", gone, gone}, exitInvalid, "ec2sim: " + gone + ": no such file (give a scenario file, or a built-in scenario by name"},
		{[]string{"grade", "exercise-cleanup", gone}, exitUsage, "ec2sim: " + gone + ": no such file\n"},
		{[]string{"test", "console-tutorial", "--answers", gone}, exitUsage, "ec2sim: --answers: " + gone + ": no such file\n"},
	} {
		_, errs, code := ec2sim(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) || strings.Contains(errs, "stat ") || strings.Contains(errs, "no such file or directory") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// check reads a built-in scenario by name, through the loader every other
// command uses, and reports its diagnostics under the built-in file's name.
func TestCheckTakesBuiltInNamesLikeEveryCommand(t *testing.T) {
	out, errs, code := ec2sim(t, "check", "console-tutorial")
	if code != exitOK || out != "1 file(s) checked: 0 invalid, 0 error(s), 0 warning(s)\n" {
		t.Errorf("check console-tutorial: exit %d\n%s%s", code, out, errs)
	}
	_, errs, code = ec2sim(t, "check", "console-tutorail")
	if code != exitInvalid || !strings.Contains(errs, "did you mean console-tutorial?") {
		t.Errorf("check console-tutorail: exit %d, %s", code, errs)
	}
	if _, errs, code := ec2sim(t, "check", "--max-steps", "1", "console-tutorial"); code != exitInvalid || !strings.Contains(errs, "builtin:01-console-tutorial.yaml:") {
		t.Errorf("a built-in scenario's diagnostics name its file: exit %d, %s", code, errs)
	}
}

// test says which scenarios it could not find apart from the invalid ones,
// and points to `ec2sim check` only for files check can say more about.
func TestTestTellsMissingScenariosFromInvalidFiles(t *testing.T) {
	_, errs, code := ec2sim(t, "test", "console-tutorial", "nosuch")
	if code != exitInvalid || !strings.Contains(errs, "ec2sim: 1 scenario(s) not found, not graded: nosuch\n") || strings.Contains(errs, "ec2sim check") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = ec2sim(t, "test", bad)
	if code != exitInvalid || !strings.Contains(errs, "1 invalid file(s) not graded: "+bad+" (`ec2sim check "+bad+"` lists every problem)") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}
