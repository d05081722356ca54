package scenarios

import (
	"slices"
	"strings"
)

// Tags lists what a driver can offer when a tag finds nothing: the exams
// the scenarios are tagged with (EXAM of EXAM:DOMAIN.TASK) and every tag
// not in that notation, each once, sorted. Each of them finds a scenario
// (HasTag).
func Tags(scs []*Scenario) (exams, others []string) {
	for _, sc := range scs {
		for _, t := range sc.Tags {
			if exam, _, ok := strings.Cut(t, ":"); ok {
				exams = append(exams, exam)
			} else if isExam(t) {
				exams = append(exams, t)
			} else {
				others = append(others, t)
			}
		}
	}
	slices.Sort(exams)
	slices.Sort(others)
	return slices.Compact(exams), slices.Compact(others)
}

// isExam is true for a tag that is an exam's code, like SCS-C02: upper
// case, a dash, then a letter and digits.
func isExam(t string) bool {
	code, version, ok := strings.Cut(t, "-")
	return ok && code != "" && strings.ToUpper(code) == code && len(version) > 1 &&
		version[0] >= 'A' && version[0] <= 'Z' && strings.Trim(version[1:], "0123456789") == ""
}

// HasTag reports whether one of the scenario's tags is tag or lies under
// it: case aside, a tag equal to it, or starting with it at a boundary of
// the exam-tag notation (EXAM:DOMAIN.TASK). So "SAA-C03" finds "SAA-C03" and
// "SAA-C03:4.2", "SAA-C03:4" finds "SAA-C03:4.1" and "SAA-C03:4.2", and
// "SAA-C03:4.1" does not find "SAA-C03:4.10" nor "spot" find "spotlight".
// An empty tag matches every scenario.
func (sc *Scenario) HasTag(tag string) bool {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == "" {
		return true
	}
	for _, t := range sc.Tags {
		t = strings.ToLower(t)
		if t == tag {
			return true
		}
		if rest, ok := strings.CutPrefix(t, tag); ok && (strings.HasSuffix(tag, ":") || strings.HasSuffix(tag, ".") || rest[0] == ':' || rest[0] == '.') {
			return true
		}
	}
	return false
}
