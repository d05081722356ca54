package scenarios

import "testing"

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
