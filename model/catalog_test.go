package model

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/sim"
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

// A boot takes the timing of its root device type and platform, or the
// type's Linux timing when the platform has none; an override of either
// is what the next boot takes, and an override in a clone leaves the
// original as it was.
func TestBootTimingIsThePlatformsOrLinuxs(t *testing.T) {
	c := DefaultCatalog().Clone()
	// A boot reads the list, not the map: it holds every boot timing.
	n := 0
	for _, name := range c.TimingNames() {
		if strings.HasPrefix(name, "boot/") {
			n++
		}
	}
	if n < 5 || len(c.boots) != n {
		t.Fatalf("the catalogue's boot list holds %d timings of its %d", len(c.boots), n)
	}
	for _, b := range c.boots {
		if b.d != c.Timing("boot/"+b.root+"/"+b.platform) {
			t.Errorf("the boot list's %s/%s is %v, the timing is %v", b.root, b.platform, b.d, c.Timing("boot/"+b.root+"/"+b.platform))
		}
	}
	for _, tc := range []struct{ root, platform, want string }{
		{"ebs", "windows", "boot/ebs/windows"},
		{"ebs", "suse", "boot/ebs/suse"},
		{"ebs", "rhel", "boot/ebs/linux"},
		{"instance-store", "ubuntu", "boot/instance-store/linux"},
	} {
		if got, want := c.bootDist(tc.root, tc.platform), c.Timing(tc.want); got != want {
			t.Errorf("%s %s boots in %v, want %s: %v", tc.root, tc.platform, got, tc.want, want)
		}
	}
	orig := DefaultCatalog().Clone()
	before := orig.bootDist("ebs", "rhel")
	clone := orig.Clone()
	for name, d := range map[string]sim.Dist{"boot/ebs/linux": sim.Constant(7 * sim.Second), "boot/ebs/windows": sim.Constant(9 * sim.Second)} {
		if err := clone.SetTiming(name, d); err != nil {
			t.Fatal(err)
		}
	}
	if got := clone.bootDist("ebs", "rhel"); got != sim.Constant(7*sim.Second) {
		t.Errorf("after the override a rhel boot takes %v, want 7s", got)
	}
	if got := clone.bootDist("ebs", "windows"); got != sim.Constant(9*sim.Second) {
		t.Errorf("after the override a windows boot takes %v, want 9s", got)
	}
	if got := orig.bootDist("ebs", "rhel"); got != before {
		t.Errorf("an override in a clone changed the original's boot to %v", got)
	}
}
