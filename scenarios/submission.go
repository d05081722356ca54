package scenarios

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/sim"
)

// A submission is what a student hands in for an exercise: the lab's
// identity, the student's actions, quiz answers and hints taken, and an
// optional student id. It never holds the lab's tasks, checks or answer
// key: `ec2sim grade` replays the actions on the instructor's own copy of
// the lab and grades with that copy's rules, so editing a submission cannot
// change the rules. What it records of the student is the student's to
// write: the actions are replayed, so they count only if they work on the
// lab, but the answers and the hints taken are taken on trust. Nothing
// here can prove them: the file is made on the student's machine, and any
// digest ec2sim wrote there the student could recompute after an edit.
// lab_sha256 says which lab text was played, not that the file is as it
// was written.

// SubmissionVersion is the format of the submission files this package
// writes and reads.
const SubmissionVersion = 1

// submissionKeys are the keys of a submission file. A scenario export (a
// whole scenario with a sandbox) is read as a submission too: of it, only
// name and sandbox count.
const (
	subVersion = "ec2sim_submission"
	subLab     = "lab"
	subHash    = "lab_sha256"
	subStudent = "student"
	subTime    = "time"
	subActions = "actions"
	subAnswers = "answers"
	subHints   = "hints"
)

var submissionKeys = []string{subVersion, subLab, subHash, subStudent, subTime, subActions, subAnswers, subHints}

// Submission is a submission file, read.
type Submission struct {
	File      string
	Lab       string // the lab's name
	LabSHA256 string // LabHash of the lab the student played; "" if the file has none
	Student   string // as written, or the file's name without its extension
	Time      sim.Time
	HasTime   bool
	Actions   *yaml.Node // a sequence, the shape of a sandbox; bound to the lab when graded
	Answers   map[string]Answer
	Hints     map[string]int // task id → hints taken
	HasHints  bool           // the file has a hints: record, as every submission ec2sim writes does
	Export    bool           // a scenario export read as a submission: it has no answers or hints
	Ignored   []string       // keys of the file that do not count (checks, steps …)
}

// LabHash identifies a lab's exact text: the hex SHA-256 of its file.
func LabHash(src []byte) string {
	h := sha256.Sum256(src)
	return hex.EncodeToString(h[:])
}

// Submission writes what the student did in this session as a submission
// file, for `ec2sim grade`. student may be "".
func (s *Session) Submission(student string) ([]byte, error) {
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(k string, v *yaml.Node) { top.Content = append(top.Content, scalar(k), v) }
	head := scalar(subVersion)
	head.HeadComment = "An ec2sim submission: what a student did in a lab. `ec2sim grade LAB.yaml FILE`\n" +
		"replays the actions on the instructor's copy of the lab and grades them with its rules."
	top.Content = append(top.Content, head, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(SubmissionVersion)})
	add(subLab, scalar(s.sc.Name))
	add(subHash, scalar(LabHash(s.src)))
	if student != "" {
		add(subStudent, scalar(student))
	}
	add(subTime, scalar(s.view.String()))
	add(subActions, s.sandboxNode())
	answers := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range sortedKeys(s.answers) {
		a := s.answers[id]
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		m.Content = append(m.Content, scalar("answer"), scalar(a.Choice), scalar("hints"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(a.Hints)})
		answers.Content = append(answers.Content, scalar(id), m)
	}
	add(subAnswers, answers)
	hints := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, id := range sortedKeys(s.hints) {
		hints.Content = append(hints.Content, scalar(id), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(s.hints[id])})
	}
	add(subHints, hints)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{top}}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SubmissionName is the file name a driver gives a submission: the lab's
// name and the student's, so a class's files do not overwrite each other.
func SubmissionName(lab, student string) string {
	if student == "" || !nameRE.MatchString(strings.ToLower(student)) {
		return lab + "-submission.yaml"
	}
	return lab + "-" + strings.ToLower(student) + ".yaml"
}

// ParseSubmission reads a submission file, or a scenario export used as
// one. It checks the file's shape only; the actions are checked against
// the lab when graded.
func ParseSubmission(file string, data []byte) (*Submission, error) {
	lim := DefaultLimits
	if len(data) > lim.FileSize {
		return nil, fmt.Errorf("the file is %d bytes; a submission is at most %d", len(data), lim.FileSize)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		_, msg := yamlErrorLine(err)
		return nil, fmt.Errorf("%s", msg)
	}
	if msg, _ := tooBig(&doc, lim); msg != "" {
		return nil, fmt.Errorf("%s", msg)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("a submission is a YAML mapping with lab, actions and answers")
	}
	top := doc.Content[0]
	sub := &Submission{File: file, Answers: map[string]Answer{}, Hints: map[string]int{}}
	export := mapValue(top, subVersion) == nil && mapValue(top, "sandbox") != nil
	sub.Export = export
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		var err error
		switch {
		case export && k == "name":
			sub.Lab = v.Value
		case export && k == "sandbox":
			sub.Actions = v
		case export || !slices.Contains(submissionKeys, k):
			sub.Ignored = append(sub.Ignored, k)
		case k == subVersion:
			if v.Value != fmt.Sprint(SubmissionVersion) {
				err = fmt.Errorf("format %s; this ec2sim reads format %d", v.Value, SubmissionVersion)
			}
		case k == subLab:
			sub.Lab = v.Value
		case k == subHash:
			sub.LabSHA256 = v.Value
		case k == subStudent:
			sub.Student = v.Value
		case k == subTime:
			sub.Time, err = sim.ParseTime(v.Value)
			sub.HasTime = err == nil
		case k == subActions:
			sub.Actions = v
		case k == subAnswers:
			err = v.Decode(&map[string]yaml.Node{})
			if err == nil {
				err = readAnswers(v, sub.Answers)
			}
		case k == subHints:
			err = v.Decode(&sub.Hints)
			sub.HasHints = true
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %v", top.Content[i].Line, k, err)
		}
	}
	if sub.Lab == "" {
		return nil, fmt.Errorf("it names no lab (lab: NAME)")
	}
	if sub.Actions != nil && sub.Actions.Kind != yaml.SequenceNode && sub.Actions.Tag != "!!null" {
		return nil, fmt.Errorf("line %d: actions must be a list", sub.Actions.Line)
	}
	if sub.Student == "" {
		sub.Student = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	return sub, nil
}

// readAnswers reads {quiz-id: b}, {quiz-id: [a, c]} or {quiz-id: {answer:
// b, hints: 1}} into into.
func readAnswers(n *yaml.Node, into map[string]Answer) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		id, v := n.Content[i].Value, n.Content[i+1]
		a, err := readAnswer(v)
		if err != nil {
			return fmt.Errorf("%s: %v", id, err)
		}
		into[id] = a
	}
	return nil
}

// readAnswer reads one answer: a letter, a list of letters, or {answer,
// hints}.
func readAnswer(n *yaml.Node) (Answer, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return Answer{Choice: n.Value}, nil
	case yaml.SequenceNode:
		if len(n.Content) < 2 {
			return Answer{}, fmt.Errorf("give a letter or {answer, hints}; a list answers a multiple-response question, with two letters or more")
		}
		var ls []string
		if err := n.Decode(&ls); err != nil {
			return Answer{}, err
		}
		return Answer{Choice: strings.Join(ls, ",")}, nil
	case yaml.MappingNode:
		var v struct {
			Answer yaml.Node `yaml:"answer"`
			Hints  int       `yaml:"hints"`
		}
		if err := n.Decode(&v); err != nil {
			return Answer{}, err
		}
		a, err := readAnswer(&v.Answer)
		a.Hints = v.Hints
		return a, err
	}
	return Answer{}, fmt.Errorf("give a letter or {answer, hints} (or a list of letters)")
}

// sandboxNode is the session's sandbox actions as a YAML list, in the
// shape the loader reads (sandbox:, a submission's actions:).
func (s *Session) sandboxNode() *yaml.Node {
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, st := range s.sc.Sandbox {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		add := func(k, v string) {
			if v != "" {
				m.Content = append(m.Content, scalar(k), scalar(v))
			}
		}
		add("at", st.At.String())
		add("name", st.Name)
		add("account", st.Account)
		add("region", st.Region)
		add("action", st.Action.Name)
		m.Content = append(m.Content, scalar("params"), st.Params)
		add("expect_error", string(st.ExpectError))
		if st.IDsOnly {
			m.Content = append(m.Content, scalar("ids_only"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		list.Content = append(list.Content, m)
	}
	return list
}
