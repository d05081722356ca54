package scenarios

import "strings"

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
