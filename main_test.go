package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ec2sim runs the command in-process, as a user would from a shell.
func ec2sim(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func runJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, errs, code := ec2sim(t, append([]string{"run", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	return doc
}

func TestSameScenarioAndSeedGiveIdenticalJSON(t *testing.T) {
	a, _, _ := ec2sim(t, "run", "console-tutorial", "--json")
	b, _, _ := ec2sim(t, "run", "console-tutorial", "--json")
	if a != b {
		t.Fatal("two runs of the same scenario and seed differ")
	}
	for _, key := range []string{"scenario", "seed", "end_s", "events", "resources"} {
		if !strings.Contains(a, `"`+key+`"`) {
			t.Errorf("JSON lacks field %q", key)
		}
	}
}

// bootTimes returns when each instance reached running.
func bootTimes(doc map[string]any) []float64 {
	var ts []float64
	for _, e := range doc["events"].([]any) {
		ev := e.(map[string]any)
		if ev["action"] == "instance" && ev["to"] == "running" {
			ts = append(ts, ev["t_s"].(float64))
		}
	}
	return ts
}

func TestADifferentSeedChangesBootTimes(t *testing.T) {
	a := bootTimes(runJSON(t, "console-tutorial", "--seed", "1"))
	b := bootTimes(runJSON(t, "console-tutorial", "--seed", "2"))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("boot events: %v vs %v", a, b)
	}
	if a[0] == b[0] {
		t.Errorf("seeds 1 and 2 boot at the same time %v", a[0])
	}
}

func TestTutorialLogFollowsTheConsoleSteps(t *testing.T) {
	out, errs, code := ec2sim(t, "run", "console-tutorial")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The console's steps, in order: key pair, security group, launch,
	// boot, image creation with its reboot, snapshots, image available.
	want := []string{
		"CreateKeyPair ✓", "CreateSecurityGroup ✓", "RunInstances ✓", "instance pending\n",
		"instance pending → running", "CreateImage ✓", "reboot:", "snapshot pending → completed",
		"image pending → available", "End state",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(out[at:], w)
		if i < 0 {
			t.Fatalf("log lacks %q after offset %d:\n%s", w, at, out)
		}
		at += i + len(w)
	}
	doc := runJSON(t, "console-tutorial")
	res := doc["resources"].(map[string]any)
	inst := res["instances"].([]any)[0].(map[string]any)
	if inst["type"] != "t2.micro" || inst["state"] != "running" || inst["root_device_type"] != "ebs" {
		t.Errorf("instance = %v", inst)
	}
	if n := len(res["volumes"].([]any)); n != 2 {
		t.Errorf("%d volumes, want root + the added one", n)
	}
	img := res["images"].([]any)[0].(map[string]any)
	if img["state"] != "available" || len(img["snapshot_ids"].([]any)) != 2 || img["public"] != false {
		t.Errorf("image = %v", img)
	}
}

func TestTutorialGoldenTrace(t *testing.T) {
	out, _, _ := ec2sim(t, "run", "console-tutorial")
	golden := filepath.Join("testdata", "console-tutorial.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out != string(want) {
		t.Errorf("trace differs from %s; review with go test -run Golden -update && git diff", golden)
	}
}

func TestBadInputGetsAOneLineErrorAndNonZeroExit(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown command", []string{"rnu"}, exitUsage, `unknown command "rnu"`},
		{"unknown flag", []string{"run", "console-tutorial", "--sead", "3"}, exitUsage, "ec2sim run: unknown flag --sead (did you mean --seed?)"},
		{"missing scenario", []string{"run"}, exitUsage, "run takes one scenario"},
		{"no such file or name", []string{"run", "nosuch"}, exitInvalid, `no built-in scenario "nosuch"`},
		{"misspelt built-in", []string{"run", "console-tutorail"}, exitInvalid, "did you mean console-tutorial"},
		{"missing file path", []string{"run", filepath.Join(dir, "gone.yaml")}, exitInvalid, "no such file"},
		{"missing file said plainly", []string{"bill", "gone.yaml"}, exitInvalid, "ec2sim: gone.yaml: no such file (give a scenario file, or a built-in scenario by name"},
		{"directory", []string{"run", dir}, exitInvalid, "is a directory"},
		{"not YAML", []string{"run", write("bad.yaml", "name: [unclosed\n")}, exitInvalid, "bad.yaml:"},
		{"unknown action", []string{"run", write("act.yaml", "name: x\nsteps:\n  - action: StopInstance\n")}, exitInvalid, "did you mean StopInstances?"},
		{"unknown parameter", []string{"run", write("par.yaml", "name: x\nsteps:\n  - action: RunInstances\n    params: {ImageID: al2023}\n")}, exitInvalid, "did you mean ImageId?"},
		{"empty file", []string{"run", write("empty.yaml", "")}, exitInvalid, "empty.yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := ec2sim(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, errs)
			}
			if !strings.Contains(errs, c.msg) {
				t.Errorf("stderr lacks %q:\n%s", c.msg, errs)
			}
			if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic:") {
				t.Errorf("a Go panic reached the user:\n%s", errs)
			}
			if out != "" && c.code != exitOK {
				t.Errorf("a failure wrote to stdout: %q", out)
			}
		})
	}
}

func TestListShowsNameFirst(t *testing.T) {
	out, _, code := ec2sim(t, "list")
	if code != exitOK || !strings.HasPrefix(out, "console-tutorial ") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	var entries []map[string]any
	js, _, _ := ec2sim(t, "list", "--json")
	if err := json.Unmarshal([]byte(js), &entries); err != nil || len(entries) == 0 || entries[0]["name"] == nil {
		t.Errorf("list --json = %s (%v)", js, err)
	}
}

// Help asked for is the command's output: on stdout, exit 0. `ec2sim help
// run` is `ec2sim run --help`, not the list of commands.
func TestHelpTeaches(t *testing.T) {
	out, _, code := ec2sim(t, "--help")
	if code != exitOK || !strings.Contains(out, "Exit codes") || !strings.Contains(out, "run") {
		t.Errorf("help:\n%s", out)
	}
	runHelp, errs, code := ec2sim(t, "run", "--help")
	if code != exitOK || !strings.Contains(runHelp, "--seed") || errs != "" {
		t.Errorf("run --help (exit %d):\n%s%s", code, runHelp, errs)
	}
	if out, errs, code := ec2sim(t, "help", "run"); code != exitOK || out != runHelp {
		t.Errorf("help run (exit %d) is not run --help:\n%s%s", code, out, errs)
	}
}

// docYAML writes the first YAML block after a heading of a doc to a
// temporary file and returns its path: how the docs' examples are tested.
func docYAML(t *testing.T, doc, heading string) string {
	t.Helper()
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(text), heading)
	if !ok {
		t.Fatalf("%s has no %q", doc, heading)
	}
	_, body, ok := strings.Cut(rest, "```yaml\n")
	if !ok {
		t.Fatalf("%s has no YAML block after %q", doc, heading)
	}
	body, _, _ = strings.Cut(body, "```")
	file := filepath.Join(t.TempDir(), "example.yaml")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestDocExamplePassesCheckAndTest(t *testing.T) {
	file := docYAML(t, filepath.Join("docs", "scenario-format.md"), "## A complete example")
	if out, errs, code := ec2sim(t, "check", file); code != exitOK {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code := ec2sim(t, "test", file, "--answers", "what-survives=b")
	if code != exitOK || !strings.Contains(out, "0 failed") {
		t.Fatalf("test: exit %d\n%s%s", code, out, errs)
	}
}

func TestReadmeExamplePassesCheckAndTest(t *testing.T) {
	file := docYAML(t, "README.md", "## Writing scenarios")
	out, errs, code := ec2sim(t, "test", file, "--answers", "what-bills=b")
	if code != exitOK || !strings.Contains(out, "0 failed") {
		t.Fatalf("test: exit %d\n%s%s", code, out, errs)
	}
}

func TestGenFleetWritesARunnableScenario(t *testing.T) {
	out, errs, code := ec2sim(t, "gen", "fleet", "--instances", "30", "--days", "2", "--regions", "us-east-1,eu-west-1")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "fleet.yaml")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := ec2sim(t, "test", file, "--answers", "fleet-cost=a"); code != exitOK || !strings.Contains(out, "0 failed") {
		t.Fatalf("test: exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := ec2sim(t, "gen", "fleet", "--regions", "us-east-9"); code != exitUsage || !strings.Contains(errs, `did you mean us-east-1`) {
		t.Errorf("bad region: exit %d, %s", code, errs)
	}
}

// rawControl finds what a terminal would act on in a command's output: an
// ESC, BEL, carriage return, C1 control or bidi override that reached it
// raw. It returns the first one and where, or -1.
func rawControl(s string) (rune, int) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			return r, i
		}
	}
	return 0, -1
}

// Terminal payloads through real commands: the OSC 0 title, the OSC 52
// clipboard, erase-line with a forged PASS and a bidi override, carried
// in a title, narration, account names, key and group names, a device
// name, an AMI name, check names and quiz text (testdata/hostile-content.yaml).
// Every command shows them escaped, so the reader sees something was there.
func TestTerminalPayloadsArePrintedEscapedByEveryCommand(t *testing.T) {
	const file = "testdata/hostile-content.yaml"
	for _, c := range []struct {
		args []string
		show []string // escaped payloads the output must contain
	}{
		{[]string{"run", file}, []string{`Title \x1b]0;owned\x07`, `narration \x1b]52;c;`, `key\r\x1b[2KPASS everything`, `/dev/sd\x1b]0;owned\x07 on`, `[part\u202ener]`, `check: web runs\r\x1b[2KPASS`, `Question \x1b]0;owned\x07?`}},
		{[]string{"test", file}, []string{`web runs\r\x1b[2KPASS everything`, `fails\u202e`, `'key\r\x1b[2KPASS everything'`}},
		{[]string{"bill", file}, []string{"Bill for hostile-content"}},
		{[]string{"sweep", file, "--runs", "2"}, []string{`web runs\r\x1b[2KPASS everything`}},
		{[]string{"check", file}, []string{"1 file(s) checked"}},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			out, errs, _ := ec2sim(t, c.args...)
			for _, s := range []string{out, errs} {
				if r, i := rawControl(s); i >= 0 {
					t.Errorf("raw %U at byte %d: %q", r, i, s[max(0, i-40):min(len(s), i+40)])
				}
			}
			for _, want := range c.show {
				if !strings.Contains(out+errs, want) {
					t.Errorf("output lacks %s:\n%s%s", want, out, errs)
				}
			}
		})
	}
}

// `check` quotes the file's own lines and names: a hostile key, a hostile
// region and a hostile file name are all shown escaped.
func TestCheckPrintsHostileSourceLinesAndFileNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "evil\x1b]0;owned\x07.yaml")
	src := "name: evil\n\"k\\e]52;c;ZWNobyBwd25lZCB8IHNo\\a\": 1\nsetup: {region: \"us\\u202e-east-1\\r\\e[2K\"}\nsteps: []\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := ec2sim(t, "check", file)
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d:\n%s", code, exitInvalid, errs)
	}
	for _, s := range []string{out, errs} {
		if r, i := rawControl(s); i >= 0 {
			t.Errorf("raw %U at byte %d: %q", r, i, s)
		}
	}
	for _, want := range []string{`evil\x1b]0;owned\x07.yaml:2:1: unknown key "k\x1b]52;c;`, `unknown region "us\u202e-east-1\r\x1b[2K"`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %s:\n%s", want, errs)
		}
	}
}

// list --tag keeps the scenarios tagged with the exam or task statement
// asked for, or one under it (SAA-C03:4 finds SAA-C03:4.2), and only those.
func TestListFiltersByTag(t *testing.T) {
	var all, some []map[string]any
	js, _, _ := ec2sim(t, "list", "--json")
	if err := json.Unmarshal([]byte(js), &all); err != nil {
		t.Fatal(err)
	}
	js, _, code := ec2sim(t, "list", "--json", "--tag", "SAA-C03:4")
	if err := json.Unmarshal([]byte(js), &some); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s", code, err, js)
	}
	if len(some) == 0 || len(some) >= len(all) {
		t.Fatalf("--tag SAA-C03:4 kept %d of %d", len(some), len(all))
	}
	for _, e := range some {
		found := false
		for _, tg := range e["tags"].([]any) {
			found = found || strings.HasPrefix(tg.(string), "SAA-C03:4.")
		}
		if !found {
			t.Errorf("%s has no SAA-C03:4.x tag: %v", e["name"], e["tags"])
		}
	}
}

// A tag no scenario has is a usage error, not an empty list that looks like
// a library without lessons on it: it names the nearest tag and lists the
// tags there are.
func TestListSaysATagFindsNothing(t *testing.T) {
	out, errs, code := ec2sim(t, "list", "--tag", "ebz")
	if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.Contains(errs, `ec2sim: no scenario is tagged "ebz" or with a tag under it (did you mean ebs?); tags: CLF-C02, SAA-C03,`) || !strings.Contains(errs, ", spot,") {
		t.Errorf("--tag ebz: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, errs, code := ec2sim(t, "list", "--tag", "FOO", "--json"); code != exitUsage || !strings.Contains(errs, `no scenario is tagged "FOO"`) {
		t.Errorf("--tag FOO --json: exit %d, %s", code, errs)
	}
}
