package scenarios

import (
	"strings"
	"testing"
)

// The 400-day horizon holds for every kind of event, not only for the
// steps the loader can see: here a fault's recovery, scheduled by the
// model, would land on day 429.
func TestTheHorizonStopsEveryKindOfEvent(t *testing.T) {
	src := `name: beyond
steps:
  - at: 399d
    action: AZImpairment
    params: {AvailabilityZone: us-east-1a, Duration: 30d}
`
	sc, diags := Parse("beyond.yaml", []byte(src))
	if sc == nil {
		t.Fatal(diags.Error())
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	if r.World.Now() > MaxHorizon {
		t.Errorf("the run went on to %s, past the %s horizon", r.World.Now(), MaxHorizon)
	}
	if !strings.Contains(r.Stopped, "horizon") || r.Failures() == 0 {
		t.Errorf("stopped = %q, failures = %d; want a horizon stop that fails the run", r.Stopped, r.Failures())
	}
}
