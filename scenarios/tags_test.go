package scenarios

import (
	"slices"
	"testing"
)

// Tags offers the exams once each, whether tagged alone or with a task
// statement, and the other tags once each, every one of which finds a
// scenario.
func TestTagsOffersTheExamsAndTheOtherTags(t *testing.T) {
	scs := []*Scenario{{Tags: []string{"SAA-C03:4.2", "spot", "SCS-C02"}}, {Tags: []string{"SAA-C03:1.1", "ebs", "spot"}}}
	exams, others := Tags(scs)
	if !slices.Equal(exams, []string{"SAA-C03", "SCS-C02"}) || !slices.Equal(others, []string{"ebs", "spot"}) {
		t.Errorf("Tags = %v, %v", exams, others)
	}
	for _, tag := range append(exams, others...) {
		if !slices.ContainsFunc(scs, func(sc *Scenario) bool { return sc.HasTag(tag) }) {
			t.Errorf("%s finds no scenario", tag)
		}
	}
}

// HasTag matches a tag or anything under it in EXAM:DOMAIN.TASK notation,
// never a longer word or a longer task number.
func TestHasTagMatchesATagOrWhatLiesUnderIt(t *testing.T) {
	sc := &Scenario{Tags: []string{"SAA-C03:4.2", "SAA-C03:4.10", "SOA-C03:2.3", "spot"}}
	for _, c := range []struct {
		tag  string
		want bool
	}{
		{"", true},
		{"SAA-C03", true},
		{"saa-c03:4.2", true},
		{"SAA-C03:4", true},
		{"SAA-C03:4.", true},
		{"SAA-C03:4.1", false}, // not 4.10
		{"SAA-C03:4.3", false},
		{"SAA-C03:1", false},
		{"SOA-C02", false},
		{"SOA", false},
		{"spot", true},
		{"spo", false},
		{"CLF-C02", false},
	} {
		if got := sc.HasTag(c.tag); got != c.want {
			t.Errorf("HasTag(%q) = %v, want %v", c.tag, got, c.want)
		}
	}
}
