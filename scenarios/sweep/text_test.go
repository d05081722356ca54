package sweep

import (
	"strings"
	"testing"
)

func TestHistogramBarWidths(t *testing.T) {
	if b := bar(1, 1000); b != "█" {
		t.Errorf("a non-empty bucket's bar = %q, want one cell", b)
	}
	if b := bar(1000, 1000); strings.Count(b, "█") != histWidth {
		t.Errorf("the fullest bar = %d cells", strings.Count(b, "█"))
	}
	if b := bar(0, 1000); b != "" {
		t.Errorf("an empty bucket's bar = %q, want none", b)
	}
}
