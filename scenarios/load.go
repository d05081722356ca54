package scenarios

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// MaxFileSize is the default limit on a scenario file's size.
const MaxFileSize = 1 << 20

// Limits bound what a scenario file may ask for. Scenario files are shared
// and downloaded like Community AMIs: untrusted. The first group bounds the
// file (checked as it loads), the second the work a run of it may do
// (checked as it runs, or at load where the file says enough). Each is
// named in the error it gives, with the flag that raises it. Zero fields
// take the defaults in DefaultLimits.
type Limits struct {
	FileSize int // bytes of the file
	Depth    int // nesting of YAML collections
	Nodes    int // YAML nodes after alias expansion ("billion laughs")
	Steps    int // steps written in the file

	// StepRuns bounds the steps a run may take: every step once, a
	// repeating step as often as it repeats (repeats × steps). Checked at load.
	StepRuns int
	// Expansion bounds the bytes of parameter text the {run}, {date} and
	// {time} placeholders of repeating steps may produce over a run, at
	// their widest. Checked at load.
	Expansion int
	// Resources bounds what the world may hold at once (instances,
	// volumes, snapshots, images, keys, groups, …), whatever setup.limits
	// says: checked at load against setup.limits, and after every event.
	Resources int
	Events    int // events one run may fire before it is stopped
	// Evaluations bounds the work of `when` conditions and checks in one
	// run: each evaluation counts 1, plus 1 for every resource it reads.
	Evaluations int
	// Records bounds the lines of a run's event log, which a run keeps in
	// memory: about 70 bytes a line on a fleet, with the text only the log
	// holds (see Log).
	Records int
	// Output bounds the bytes a command writes for one run (the log, the
	// report, the JSON). The drivers enforce it.
	Output int
}

// DefaultLimits are generous for any real lesson and small enough that a
// hostile file is refused in milliseconds, and that any file `check`
// accepts finishes (or is stopped, saying which limit stopped it) in a few
// seconds and a few hundred MB on a 2-core machine: about a million events
// at a few µs each, and a quarter of a million log lines at about a KB
// each (with the world they describe).
var DefaultLimits = Limits{
	FileSize: MaxFileSize, Depth: 64, Nodes: 200_000, Steps: 10_000,
	StepRuns: 100_000, Expansion: 16 << 20, Resources: 50_000,
	Events: 1_000_000, Evaluations: 5_000_000, Records: 250_000, Output: 64 << 20,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	for _, f := range []struct{ v, d *int }{
		{&l.FileSize, &d.FileSize}, {&l.Depth, &d.Depth}, {&l.Nodes, &d.Nodes}, {&l.Steps, &d.Steps},
		{&l.StepRuns, &d.StepRuns}, {&l.Expansion, &d.Expansion}, {&l.Resources, &d.Resources},
		{&l.Events, &d.Events}, {&l.Evaluations, &d.Evaluations}, {&l.Records, &d.Records}, {&l.Output, &d.Output},
	} {
		if *f.v > 0 {
			*f.d = *f.v
		}
	}
	return d
}

// WithRuntime returns l with the limits on a run's work (Resources, Events,
// Evaluations, Records, Output) taken from o where o sets them: for a
// built-in scenario, which was loaded before the command's flags were read.
func (l Limits) WithRuntime(o Limits) Limits {
	if o.Resources > 0 {
		l.Resources = o.Resources
	}
	if o.Events > 0 {
		l.Events = o.Events
	}
	if o.Evaluations > 0 {
		l.Evaluations = o.Evaluations
	}
	if o.Records > 0 {
		l.Records = o.Records
	}
	if o.Output > 0 {
		l.Output = o.Output
	}
	return l
}

// TooBig is the error for a scenario file of size bytes over the limit,
// sizes in units a reader takes in at a glance.
func TooBig(size int64, limit int) string {
	return fmt.Sprintf("file is %s; scenario files are limited to %d (--max-file-size), %s", ByteSize(size), limit, ByteSize(int64(limit)))
}

// ByteSize writes a size in bytes, KB or MB (of 1024 and 1024²), as a
// message about a limit should.
func ByteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// Parse reads and checks a scenario with the default limits. It returns
// the scenario, or nil and every problem found (errors and warnings, sorted
// by position). Warnings alone do not stop a scenario from loading.
func Parse(file string, data []byte) (*Scenario, Diagnostics) {
	return ParseWith(file, data, Limits{})
}

// ParseWith is Parse with explicit limits.
func ParseWith(file string, data []byte, lim Limits) (*Scenario, Diagnostics) {
	lim = lim.orDefault()
	sink := &diagSink{file: file}
	if len(data) > lim.FileSize {
		sink.errorf(0, 0, "%s", TooBig(int64(len(data)), lim.FileSize))
		return nil, sink.ds
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			sink.errorf(0, 0, "the file is empty; a scenario needs at least a name and steps")
			return nil, sink.ds
		}
		line, msg := yamlErrorLine(err)
		line, col := locate(data, line, msg)
		sink.errorf(line, col, "%s", msg)
		return nil, sink.ds
	}
	var second yaml.Node
	if err := dec.Decode(&second); err != io.EOF {
		// A second document would be silently ignored: refuse it, so what
		// the instructor reads is what runs.
		line := second.Line
		if err != nil {
			line, _ = yamlErrorLine(err)
		}
		sink.errorf(line, 1, "a scenario file holds one YAML document; a second one starts here (remove the \"---\" or split the file)")
		return nil, sink.ds
	}
	if msg, n := tooBig(&doc, lim); msg != "" {
		sink.errorf(n.Line, n.Column, "%s", msg)
		return nil, sink.ds
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		n := &doc
		if len(doc.Content) > 0 {
			n = doc.Content[0]
		}
		sink.errorf(n.Line, n.Column, "a scenario is a YAML mapping with name, setup and steps")
		return nil, sink.ds
	}
	sc := &Scenario{File: file, Region: "us-east-1", Start: model.DefaultStart, Limits: lim}
	p := &parser{sink: sink, sc: sc, names: map[string]Pos{}, kinds: map[string]model.ResourceKind{}}
	p.top(doc.Content[0])
	sink.ds.sort()
	if sink.ds.Errors() > 0 {
		return nil, sink.ds
	}
	return sc, sink.ds
}

// tooBig walks the document once, counting nodes as an alias would expand
// them (memoised, so the walk itself stays cheap) and measuring depth.
func tooBig(doc *yaml.Node, lim Limits) (string, *yaml.Node) {
	size := map[*yaml.Node]int{}
	var worst *yaml.Node
	var walk func(n *yaml.Node, depth int) int
	walk = func(n *yaml.Node, depth int) int {
		if depth > lim.Depth {
			if worst == nil {
				worst = n
			}
			return 1
		}
		if s, ok := size[n]; ok {
			return s
		}
		size[n] = 1 // guards against alias cycles
		total := 1
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			total += walk(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			total += walk(c, depth+1)
			if total > lim.Nodes {
				break
			}
		}
		size[n] = total
		return total
	}
	total := walk(doc, 0)
	if worst != nil {
		return fmt.Sprintf("YAML nests deeper than %d levels (--max-depth)", lim.Depth), worst
	}
	if total > lim.Nodes {
		return fmt.Sprintf("the document expands to more than %d YAML nodes (aliases included); scenario files are limited to that (--max-nodes)", lim.Nodes), doc
	}
	return "", nil
}

var anchorRE = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// locate finds where in the file a YAML error is, for the errors the YAML
// reader reports without a position (a control character, invalid UTF-8, an
// unknown anchor) or on the line before (a tab in the indentation is
// reported on the line of the mapping it breaks). It returns line and
// column, 1-based, or the line it was given and 0.
func locate(data []byte, line int, msg string) (int, int) {
	switch {
	case strings.Contains(msg, "control characters"), strings.Contains(msg, "UTF-8"):
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
				return position(data, i)
			}
			i += size
		}
	case anchorRE.MatchString(msg):
		name := anchorRE.FindStringSubmatch(msg)[1]
		for off := 0; ; {
			i := bytes.Index(data[off:], []byte("*"+name))
			if i < 0 {
				break
			}
			at := off + i + 1 + len(name)
			if at == len(data) || !isAnchorChar(data[at]) {
				return position(data, off+i)
			}
			off = at
		}
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token"):
		lines := bytes.Split(data, []byte("\n"))
		last := len(lines)
		if !strings.Contains(msg, "tab character") {
			last = min(line, last) // only a tab on the line itself explains this one
		}
		for l := max(line, 1); l <= last; l++ {
			indent := lines[l-1][:len(lines[l-1])-len(bytes.TrimLeft(lines[l-1], " \t"))]
			if c := bytes.IndexByte(indent, '\t'); c >= 0 {
				return l, c + 1
			}
		}
	}
	return line, 0
}

// isAnchorChar reports whether c can continue an anchor's name, as YAML
// spells them (anything but white space and flow indicators).
func isAnchorChar(c byte) bool {
	return !strings.ContainsRune(" \t\r\n,[]{}", rune(c))
}

// position turns a byte offset into a 1-based line and column (in runes).
func position(data []byte, off int) (int, int) {
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErrorLine reads the line yaml.v3 puts in a syntax error, as it puts
// it. For a parser error that line is yaml.v3's own, and one short: it
// prints the 0-based line of the construct left open (decode.go,
// parser.fail, adds 1 for scanner errors only), so an unclosed { on line 4
// is reported at line 3. It is not corrected here: the message does not
// say which kind of error it was, and a scanner error's line is right.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "YAML syntax: " + m[2]
	}
	return 0, "YAML: " + strings.TrimPrefix(msg, "yaml: ")
}

type parser struct {
	sink    *diagSink
	sc      *Scenario
	names   map[string]Pos                // scenario names defined so far
	kinds   map[string]model.ResourceKind // scenario name → resource kind
	repeats []repeatCheck                 // open-ended repeats, checked against the end
	// exercise lets expressions name what no step defines: the student's
	// resources, resolved when the run is graded.
	exercise bool
}

type repeatCheck struct {
	n     *yaml.Node
	every sim.Time
}

// MaxRepeats bounds how often one step may run, so a schedule can never
// run away.
const MaxRepeats = 100_000

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.sink.errorf(n.Line, n.Column, format, args...)
}

// fields walks a mapping, calling f for each known key and reporting
// unknown ones with a suggestion.
func (p *parser) fields(n *yaml.Node, what string, known []string, f func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "%s: key %q appears twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		if !slices.Contains(known, k.Value) {
			hint := ""
			if s := model.Suggest(k.Value, known); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			p.errorf(k, "unknown key %q in %s%s", k.Value, what, hint)
			continue
		}
		f(k.Value, k, v)
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s must be text, not %s", what, kindName(n))
		return ""
	}
	return n.Value
}

func (p *parser) strs(n *yaml.Node, what string) []string {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list, not %s", what, kindName(n))
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, p.str(c, what+" entry"))
	}
	return out
}

func (p *parser) integer(n *yaml.Node, what string, lo, hi int64) int64 {
	v, err := strconv.ParseInt(n.Value, 10, 64)
	if n.Kind != yaml.ScalarNode || err != nil {
		p.errorf(n, "%s must be a whole number, not %s", what, kindName(n))
		return 0
	}
	if v < lo || v > hi {
		p.errorf(n, "%s must be between %d and %d, got %d", what, lo, hi, v)
		return 0
	}
	return v
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	switch n.Value {
	case "true":
		return true
	case "false":
		return false
	}
	p.errorf(n, "%s must be true or false, not %s", what, kindName(n))
	return false
}

func (p *parser) duration(n *yaml.Node, what string) sim.Time {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "%s must be a duration such as 90s, 5m, 2h or 30d, not %s", what, kindName(n))
		return 0
	}
	d, err := sim.ParseTime(n.Value)
	if err != nil || d < 0 {
		p.errorf(n, "%s: %q is not a duration (write 90s, 5m, 1h30m, 2d)", what, n.Value)
		return 0
	}
	if d > MaxHorizon {
		p.errorf(n, "%s: %s is beyond the %s horizon of a scenario", what, d.Compact(), MaxHorizon.Compact())
		return 0
	}
	return d
}

// MaxHorizon is the longest simulated time a scenario may span.
const MaxHorizon = 400 * sim.Day

var (
	topKeys   = []string{"name", "title", "summary", "objectives", "level", "tags", "minutes", "setup", "steps", "end", "checks", "quiz", "sandbox", "tasks", "solution"}
	setupKeys = []string{"seed", "start", "region", "accounts", "free_tier", "kms_keys", "timings", "limits", "prices"}
	stepKeys  = []string{"name", "at", "after", "when", "timeout", "repeat", "account", "region", "action", "params", "expect_error", "narration"}
	levels    = []string{"beginner", "intermediate", "advanced"}
)

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)

func (p *parser) top(n *yaml.Node) {
	sc := p.sc
	var setup, steps, end, checks, quiz, sandbox, tasks, solution *yaml.Node
	p.fields(n, "the scenario", topKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			sc.Name = p.str(v, "name")
			if sc.Name != "" && !nameRE.MatchString(sc.Name) {
				p.errorf(v, "name %q: use lower-case letters, digits and dashes (it is what `ec2sim run NAME` takes)", sc.Name)
			}
		case "title":
			sc.Title = p.str(v, "title")
		case "summary":
			sc.Summary = p.str(v, "summary")
		case "objectives":
			sc.Objectives = p.strs(v, "objectives")
		case "level":
			sc.Level = p.str(v, "level")
			if sc.Level != "" && !slices.Contains(levels, sc.Level) {
				p.errorf(v, "level %q: use one of %s", sc.Level, strings.Join(levels, ", "))
			}
		case "tags":
			sc.Tags = p.strs(v, "tags")
		case "minutes":
			sc.Minutes = int(p.integer(v, "minutes", 1, 600))
		case "setup":
			setup = v
		case "steps":
			steps = v
		case "end":
			end = v
		case "checks":
			checks = v
		case "quiz":
			quiz = v
		case "sandbox":
			sandbox = v
		case "tasks":
			tasks = v
		case "solution":
			solution = v
		}
	})
	if sc.Name == "" {
		p.errorf(n, "the scenario has no name")
	}
	if setup != nil {
		p.setup(setup)
	}
	if len(sc.Accounts) == 0 {
		sc.Accounts = []model.Account{{ID: model.DefaultAccountID, Name: "student"}}
	}
	switch {
	case steps == nil:
		p.errorf(n, "the scenario has no steps")
	case steps.Kind == yaml.SequenceNode && len(steps.Content) == 0:
		// `steps: []` is a world for a student to act in (the sandbox, or
		// `ec2sim serve`): its actions come in the export's sandbox list.
	case steps.Kind == yaml.SequenceNode && len(steps.Content) > sc.Limits.Steps:
		p.errorf(steps, "%d steps; the limit is %d (--max-steps)", len(steps.Content), sc.Limits.Steps)
	default:
		p.steps(steps)
	}
	if end != nil {
		sc.End, sc.HasEnd = p.duration(end, "end"), true
		if last := p.lastAt(); sc.HasEnd && sc.End < last {
			p.errorf(end, "end %s comes before the last step (at %s)", sc.End.Compact(), last.Compact())
		}
	}
	for _, rc := range p.repeats {
		switch {
		case !sc.HasEnd:
			p.errorf(rc.n, "a repeat without times runs until the end: give the scenario an end, or give repeat a number of times")
		case int64(sc.End/rc.every) > MaxRepeats:
			p.errorf(rc.n, "repeating every %s until %s is %d runs; the limit is %d", rc.every.Compact(), sc.End.Compact(), sc.End/rc.every, MaxRepeats)
		}
	}
	p.checkWork()
	if !sc.HasEnd {
		// A lifecycle policy creates and deletes on its schedule for as long
		// as the world lasts: without an end, the run would never finish.
		for _, st := range sc.Steps {
			if st.Action.Kind == model.KindDLM || st.Action.Recurs {
				p.sink.errorf(st.Pos.Line, st.Pos.Col, "%s runs on its schedule for ever: give the scenario an end (for example end: 30d)", st.Action.Name)
			}
		}
	}
	if sandbox != nil {
		p.sc.Sandbox = p.actions(sandbox, "sandbox", false)
	}
	if solution != nil {
		p.solution(solution)
	}
	// An exercise's tasks and checks may name what the student will create.
	p.exercise = tasks != nil
	if tasks != nil {
		p.tasks(tasks)
	}
	if checks != nil {
		p.checks(checks)
	}
	p.exercise = false
	if solution != nil && tasks == nil {
		p.errorf(solution, "a solution proves an exercise's tasks: give the scenario tasks, or remove the solution")
	}
	if quiz != nil {
		p.quizzes(quiz)
	}
	sc.kinds = p.kinds
	p.warnings()
	p.answerPosition()
	p.answerLongest()
}

// checkWork bounds, before anything runs, the work the steps ask for:
// every run of every step (repeats × steps, Limits.StepRuns) and the text
// their placeholders expand to (Limits.Expansion), for a file with no
// other error.
func (p *parser) checkWork() {
	sc := p.sc
	if p.sink.ds.Errors() > 0 {
		return // counted from a schedule already reported wrong, the total would only repeat it
	}
	runs, expansion := 0, 0
	for _, st := range sc.Steps {
		n := 1
		switch {
		case st.Every > 0 && st.Times > 0:
			n = st.Times
		case st.Every > 0 && sc.HasEnd:
			n = int(sc.End/st.Every) + 1
		}
		runs += n
		if w := placeholderWidth(st.Params, n); w > 0 {
			expansion += w * n
		}
		if runs > sc.Limits.StepRuns {
			p.sink.errorf(st.Pos.Line, st.Pos.Col, "the steps up to here run %d times in all (repeats × steps); a run may take %d (--max-step-runs)", runs, sc.Limits.StepRuns)
			return
		}
		if expansion > sc.Limits.Expansion {
			p.sink.errorf(st.Pos.Line, st.Pos.Col, "the placeholders ({run}, {date}, {time}) of the steps up to here expand to %s over the run; the limit is %s (--max-expansion)", ByteSize(int64(expansion)), ByteSize(int64(sc.Limits.Expansion)))
			return
		}
	}
}

// placeholderWidth is the bytes of parameter text that hold a placeholder,
// each placeholder at its widest for a step that runs n times: what one
// run's expansion makes. Text without one is not copied, so it counts 0.
func placeholderWidth(n *yaml.Node, runs int) int {
	if n == nil {
		return 0
	}
	w := 0
	if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "{") {
		r := strings.Count(n.Value, "{run}")
		d := strings.Count(n.Value, "{date}")
		t := strings.Count(n.Value, "{time}")
		if r+d+t > 0 {
			w = len(n.Value) + r*(len(strconv.Itoa(runs))-len("{run}")) + d*(len("2006-01-02")-len("{date}"))
		}
	}
	for _, c := range n.Content {
		w += placeholderWidth(c, runs)
	}
	return w
}

// lastAt is the earliest time the last step can happen.
func (p *parser) lastAt() sim.Time {
	t := sim.Time(0)
	for _, s := range p.sc.Steps {
		if s.HasAt {
			t = s.At
		}
		t += s.After
	}
	return t
}

func (p *parser) setup(n *yaml.Node) {
	sc := p.sc
	p.fields(n, "setup", setupKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "seed":
			u, err := strconv.ParseUint(v.Value, 10, 64)
			if v.Kind != yaml.ScalarNode || err != nil {
				p.errorf(v, "seed must be a whole number from 0 to 18446744073709551615, not %s", kindName(v))
			}
			sc.Seed = u
		case "start":
			t, err := time.Parse(time.RFC3339, v.Value)
			if err != nil {
				p.errorf(v, "start must be a date and time like 2026-01-05T09:00:00Z, not %s", kindName(v))
			}
			if t.Year() < 2006 || t.Year() > 2100 {
				p.errorf(v, "start must be between 2006 (EC2's launch) and 2100")
			}
			sc.Start = t.UTC()
		case "region":
			sc.Region = p.region(v)
		case "accounts":
			p.accounts(v)
		case "free_tier":
			switch v.Value {
			case "legacy":
				sc.FreeTier = true
			case "none":
			default:
				p.errorf(v, "free_tier must be legacy (750 hours of t2.micro and 30 GiB of EBS a month) or none")
			}
		case "kms_keys":
			p.keys(v)
		case "timings":
			p.timings(v)
		case "prices":
			p.prices(v)
		case "limits":
			p.fields(v, "limits", []string{"vcpus", "max_count"}, func(key string, k, v *yaml.Node) {
				switch key {
				case "vcpus":
					sc.Quotas.VCPUs = int(p.integer(v, "limits.vcpus", 1, 10_000_000))
				case "max_count":
					sc.Quotas.MaxCount = int(p.integer(v, "limits.max_count", 1, 100_000))
				}
				// An instance holds at least one vCPU: a quota above the
				// ceiling promises more than a run may hold.
				n := sc.Quotas.VCPUs
				if key == "max_count" {
					n = sc.Quotas.MaxCount
				}
				if n > sc.Limits.Resources {
					p.errorf(v, "limits.%s %d allows more instances than the %d resources a run may hold at once (--max-resources)", key, n, sc.Limits.Resources)
				}
			})
		}
	})
}

func (p *parser) region(v *yaml.Node) string {
	r := p.str(v, "region")
	cat := model.DefaultCatalog()
	if _, ok := cat.Region(r); r != "" && !ok {
		hint := ""
		if s := model.Suggest(r, cat.RegionNames()); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		p.errorf(v, "unknown region %q (simulated: %s)%s", r, strings.Join(cat.RegionNames(), ", "), hint)
	}
	return r
}

func (p *parser) accounts(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "accounts must be a list of {name, id}")
		return
	}
	for _, e := range n.Content {
		var a model.Account
		var ouNode *yaml.Node
		p.fields(e, "an account", []string{"name", "id", "organization_arn", "organizational_unit_arn"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				a.Name = p.str(v, "account name")
			case "id":
				a.ID = p.str(v, "account id")
				if len(a.ID) != 12 || strings.Trim(a.ID, "0123456789") != "" {
					p.errorf(v, "account id %q: an AWS account ID is 12 digits, quoted (\"111122223333\")", a.ID)
				}
			case "organization_arn":
				a.OrganizationArn = p.str(v, "organization_arn")
				if !model.IsOrganizationArn(a.OrganizationArn) {
					p.errorf(v, "organization_arn %q is not an organization's ARN (arn:aws:organizations::111122223333:organization/o-exampleorgid)", a.OrganizationArn)
				}
			case "organizational_unit_arn":
				ouNode = v
				a.OrganizationalUnitArn = p.str(v, "organizational_unit_arn")
				if !model.IsOrganizationalUnitArn(a.OrganizationalUnitArn) {
					p.errorf(v, "organizational_unit_arn %q is not an organizational unit's ARN (arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-exam-exampleouid)", a.OrganizationalUnitArn)
				}
			}
		})
		if a.Name == "" || a.ID == "" {
			p.errorf(e, "an account needs both name and id")
			continue
		}
		// An OU belongs to one organization, which its ARN names: the
		// account is in that organization too.
		if org := model.UnitOrganization(a.OrganizationalUnitArn); org != "" {
			switch {
			case a.OrganizationArn == "":
				a.OrganizationArn = org
			case a.OrganizationArn != org:
				p.errorf(ouNode, "organizational unit %s belongs to organization %s, not to the account's %s", a.OrganizationalUnitArn, org, a.OrganizationArn)
			}
		}
		for _, o := range p.sc.Accounts {
			if o.Name == a.Name || o.ID == a.ID {
				p.errorf(e, "account %s (%s) is declared twice", a.Name, a.ID)
			}
		}
		p.sc.Accounts = append(p.sc.Accounts, a)
	}
}

func (p *parser) keys(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "kms_keys must be a list of {alias, owner, region, grants}")
		return
	}
	for _, e := range n.Content {
		var k model.KMSKeySpec
		p.fields(e, "a KMS key", []string{"alias", "owner", "region", "grants"}, func(key string, kn, v *yaml.Node) {
			switch key {
			case "alias":
				k.Alias = p.str(v, "alias")
				if !strings.HasPrefix(k.Alias, "alias/") || strings.HasPrefix(k.Alias, "alias/aws/") {
					p.errorf(v, "alias %q must start with alias/ (alias/aws/ is reserved for AWS managed keys)", k.Alias)
				}
			case "owner":
				k.Owner = p.str(v, "owner")
			case "region":
				k.Region = p.region(v)
			case "grants":
				k.Grants = p.strs(v, "grants")
			}
		})
		if k.Region == "" {
			k.Region = p.sc.Region
		}
		p.sc.Keys = append(p.sc.Keys, k)
	}
}

func (p *parser) timings(n *yaml.Node) {
	cat := model.DefaultCatalog()
	p.sc.Timings = map[string]sim.Dist{}
	p.fields(n, "timings", cat.TimingNames(), func(key string, k, v *yaml.Node) {
		d, err := sim.ParseDist(p.str(v, "timing "+key))
		if err != nil {
			p.errorf(v, "timing %s: %v", key, err)
			return
		}
		p.sc.Timings[key] = d
	})
}

func (p *parser) steps(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "steps must be a list")
		return
	}
	var prev sim.Time
	timeKnown := true // false once a step waits on a condition
	for _, e := range n.Content {
		st := Step{Pos: p.sink.at(e.Line, e.Column)}
		var params, action, when, nameNode, repeatNode *yaml.Node
		p.fields(e, "a step", stepKeys, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				st.Name = p.str(v, "step name")
				if st.Name != "" && !nameRE.MatchString(st.Name) {
					p.errorf(v, "name %q: use lower-case letters, digits and dashes", st.Name)
				}
				nameNode = v
			case "at":
				st.At, st.HasAt = p.duration(v, "at"), true
				if timeKnown && st.At < prev {
					p.errorf(v, "at %s is before the previous step (%s): steps run in file order", st.At.Compact(), prev.Compact())
				}
			case "after":
				st.After = p.duration(v, "after")
			case "when":
				when = v
			case "timeout":
				st.Timeout = p.duration(v, "timeout")
			case "repeat":
				p.fields(v, "repeat", []string{"every", "times"}, func(key string, k, v *yaml.Node) {
					switch key {
					case "every":
						st.Every = p.duration(v, "repeat.every")
						if st.Every < sim.Second {
							p.errorf(v, "repeat.every must be at least 1s")
						}
					case "times":
						st.Times = int(p.integer(v, "repeat.times", 1, MaxRepeats))
					}
				})
				if st.Every == 0 {
					p.errorf(v, "repeat needs every: how often, e.g. every: 1d")
				}
				repeatNode = v
			case "account":
				st.Account = p.str(v, "account")
			case "region":
				st.Region = p.region(v)
			case "action":
				action = v
			case "params":
				params = v
			case "expect_error":
				st.ExpectError = p.expectError(v)
			case "narration":
				st.Narration = p.str(v, "narration")
			}
		})
		if when != nil {
			if st.HasAt {
				p.errorf(when, "a step has either at or when, not both")
			}
			st.When = p.expr(when, "when")
			timeKnown = false
			if st.Timeout == 0 {
				st.Timeout = DefaultWaitTimeout
			}
		} else if st.Timeout != 0 {
			p.errorf(e, "timeout applies only to a step with when")
		}
		if st.HasAt {
			prev, timeKnown = st.At, true
		}
		prev += st.After
		if st.Account != "" && !p.hasAccount(st.Account) {
			p.errorf(e, "step account %q is not declared in setup.accounts", st.Account)
		}
		if st.Region == "" {
			st.Region = p.sc.Region
		}
		if action == nil {
			p.errorf(e, "a step needs an action (an EC2 API name such as RunInstances)")
			continue
		}
		if !p.bindAction(e, &st, action, params, nameNode) {
			continue
		}
		if repeatNode != nil && st.Every > 0 && st.Times == 0 {
			p.repeats = append(p.repeats, repeatCheck{repeatNode, st.Every})
		}
		p.sc.Steps = append(p.sc.Steps, st)
	}
}

// bindAction resolves a step's action, checks and decodes its parameters,
// and records the name it gives what it creates.
func (p *parser) bindAction(e *yaml.Node, st *Step, action, params, nameNode *yaml.Node) bool {
	name := p.str(action, "action")
	a, ok := model.LookupAction(name)
	if !ok {
		hint := ""
		if s := model.Suggest(name, model.ActionNames()); s != "" {
			hint = fmt.Sprintf("; did you mean %s?", s)
		}
		p.errorf(action, "unknown action %s%s", name, hint)
		return false
	}
	st.Action = a
	if params == nil {
		params = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: e.Line, Column: e.Column}
	}
	in := a.NewInput()
	rest, dryNode := splitDryRun(params)
	dry, derr := dryRunOf(dryNode)
	if derr != nil {
		p.errorf(dryNode, "%s: %v", a.Name, derr)
	}
	if p.checkParams(rest, reflect.TypeOf(in).Elem(), a.Name) {
		if err := rest.Decode(in); err != nil {
			p.typeErrors(rest, err)
		}
	}
	st.Params = params
	if dry && st.Name != "" && nameNode != nil {
		p.errorf(nameNode, "a DryRun call creates nothing to name; take name off, or DryRun")
		return false
	}
	if st.Name != "" && nameNode != nil {
		k := a.Creates
		creates := k != ""
		if prev, ok := p.kinds[st.Name]; ok && creates && prev != k {
			at := p.names[st.Name]
			p.errorf(nameNode, "name %q already stands for a %s (line %d); a name may be given again only to more of the same kind", st.Name, prev, at.Line)
			return false
		}
		if _, ok := p.names[st.Name]; !ok {
			p.names[st.Name] = p.sink.at(nameNode.Line, nameNode.Column)
		}
		if creates {
			p.kinds[st.Name] = k
			if k == model.ResourceInstance {
				p.launchVolumeNames(st.Name, params)
			}
		} else {
			p.errorf(nameNode, "%s creates nothing to name; put name on the step that creates the resource", a.Name)
		}
	}
	p.checkRefs(params, *st)
	return true
}

// sandbox reads the actions a student took in the terminal UI: steps at
// absolute times, replayed between the events around them.
// expectError reads an expected error code, which must be one the
// simulator can return.
func (p *parser) expectError(v *yaml.Node) model.Code {
	code := model.Code(p.str(v, "expect_error"))
	if _, ok := model.LookupCode(code); code != "" && !ok {
		p.errorf(v, "expect_error: %s is not an EC2 error code the simulator returns%s (ec2sim explain lists them)", code, hintFrom(string(code), errorCodes()))
	}
	return code
}

// actions reads a list of actions at absolute times: a sandbox (what a
// student did) or a solution (what the instructor would do). A solution's
// actions are named by the rule student actions are (Session.Act) when
// they give no name: derive says so.
func (p *parser) actions(n *yaml.Node, what string, derive bool) []Step {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list of {at, action, params}", what)
		return nil
	}
	var out []Step
	var prev sim.Time
	for _, e := range n.Content {
		st := Step{Pos: p.sink.at(e.Line, e.Column), HasAt: true}
		var action, params, nameNode *yaml.Node
		p.fields(e, "an action of the "+what, []string{"at", "name", "account", "region", "action", "params", "expect_error", "ids_only"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "ids_only":
				st.IDsOnly = p.boolean(v, "ids_only")
			case "expect_error":
				// A call that failed in the session is replayed as one that
				// was expected to: the export grades as cleanly as it ran.
				st.ExpectError = p.expectError(v)
			case "at":
				st.At = p.duration(v, "at")
				if st.At < prev {
					p.errorf(v, "%s actions must be in time order (%s is before %s)", what, st.At.Compact(), prev.Compact())
				}
				prev = st.At
			case "name":
				st.Name = p.str(v, "name")
				nameNode = v
			case "account":
				st.Account = p.str(v, "account")
			case "region":
				st.Region = p.region(v)
			case "action":
				action = v
			case "params":
				params = v
			}
		})
		if st.Region == "" {
			st.Region = p.sc.Region
		}
		if action == nil {
			p.errorf(e, "an action of the %s needs an action", what)
			continue
		}
		if derive && nameNode == nil {
			if a, ok := model.LookupAction(action.Value); ok {
				if name := givenName(a, params); nameRE.MatchString(name) && p.kinds[name] == "" {
					st.Name, nameNode = name, &yaml.Node{Kind: yaml.ScalarNode, Value: name, Line: e.Line, Column: e.Column}
				}
			}
		}
		if p.bindAction(e, &st, action, params, nameNode) {
			out = append(out, st)
		}
	}
	return out
}

func (p *parser) hasAccount(ref string) bool {
	for _, a := range p.sc.Accounts {
		if a.Name == ref || a.ID == ref {
			return true
		}
	}
	return len(p.sc.Accounts) == 0 && ref == "student"
}

// checkParams reports parameters the action does not take, recursively,
// with the API's own spelling suggested.
func (p *parser) checkParams(n *yaml.Node, t reflect.Type, where string) bool {
	ok := true
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice {
			if n.Kind == yaml.SequenceNode {
				for _, c := range n.Content {
					ok = p.checkParams(c, t.Elem(), where) && ok
				}
				return ok
			}
			if t.Elem().Kind() == reflect.String && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
				// One name where the API takes a list: accept it as a list of one.
				item := *n
				*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column, Content: []*yaml.Node{&item}}
				return true
			}
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return true
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping, not %s", where, kindName(n))
		return false
	}
	var known []string
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		known = append(known, tag)
		fields[tag] = f.Type
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, found := fields[k.Value]
		if !found {
			hint := ""
			if s := model.Suggest(k.Value, known); s != "" {
				hint = fmt.Sprintf("; did you mean %s?", s)
			} else if len(known) > 0 {
				hint = fmt.Sprintf(" (it takes %s)", strings.Join(known, ", "))
			}
			p.errorf(k, "%s has no parameter %s%s", where, k.Value, hint)
			ok = false
			continue
		}
		ok = p.checkParams(v, ft, where+"."+k.Value) && ok
	}
	return ok
}

var typeErrRE = regexp.MustCompile(`^line (\d+): (.*)$`)

func (p *parser) typeErrors(n *yaml.Node, err error) {
	te, ok := err.(*yaml.TypeError)
	if !ok {
		p.errorf(n, "%v", err)
		return
	}
	for _, e := range te.Errors {
		if m := typeErrRE.FindStringSubmatch(e); m != nil {
			line, _ := strconv.Atoi(m[1])
			col := 0
			if v := unmarshalRE.FindStringSubmatch(m[2]); v != nil {
				col = findScalar(n, line, v[2])
			}
			p.sink.errorf(line, col, "%s", friendlyTypeError(m[2]))
			continue
		}
		p.errorf(n, "%s", e)
	}
}

// findScalar returns the column of a scalar with this value on this line.
func findScalar(n *yaml.Node, line int, value string) int {
	if n.Kind == yaml.ScalarNode && n.Line == line && n.Value == value {
		return n.Column
	}
	for _, c := range n.Content {
		if col := findScalar(c, line, value); col > 0 {
			return col
		}
	}
	return 0
}

var unmarshalRE = regexp.MustCompile("cannot unmarshal !!(\\w+) `(.*)` into (.*)$")

func friendlyTypeError(s string) string {
	if m := unmarshalRE.FindStringSubmatch(s); m != nil {
		want := m[3]
		switch {
		case strings.HasSuffix(want, "int"):
			want = "a whole number"
		case want == "bool":
			want = "true or false"
		case want == "string":
			want = "text"
		case strings.HasPrefix(want, "[]"):
			want = "a list"
		default:
			want = "a mapping"
		}
		return fmt.Sprintf("%q should be %s", m[2], want)
	}
	return s
}

// errorCodes lists every error code the model can return, in model.Codes
// order, as candidates for a suggestion.
func errorCodes() []string {
	var out []string
	for _, c := range model.Codes() {
		out = append(out, string(c.Code))
	}
	return out
}

// DefaultWaitTimeout is how long a `when` step waits when it names no timeout.
const DefaultWaitTimeout = sim.Day

func (p *parser) prices(n *yaml.Node) {
	p.sc.Prices = map[string]model.Money{}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "prices must be a mapping of price key to dollars, e.g. compute/t3.micro/us-east-1: \"0.0104\"")
		return
	}
	cat := model.DefaultCatalog().Clone()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		m, err := model.ParseMoney(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			p.errorf(v, "price %s: %q is not an amount of dollars (write \"0.0116\")", k.Value, v.Value)
			continue
		}
		if err := cat.SetPrice(k.Value, m); err != nil {
			p.errorf(k, "%v", err)
			continue
		}
		p.sc.Prices[k.Value] = m
	}
}
