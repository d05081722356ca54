package model

import (
	"strings"
	"testing"
)

// A price override is the one number a scenario can put straight into the
// bill: a negative price would make usage earn money, and a huge one would
// overflow the bill's integer micro-dollars.
func TestScenarioPricesAreNonNegativeAndBounded(t *testing.T) {
	for _, c := range []struct {
		usd  Money
		want string
	}{
		{-1, "is negative"},
		{MaxPrice + 1, "above the largest price"},
		{0, ""},
		{MaxPrice, ""},
	} {
		err := DefaultCatalog().Clone().SetPrice("compute/t3.micro/us-east-1", c.usd)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.usd, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want an error with %q", c.usd, err, c.want)
		}
	}
}
