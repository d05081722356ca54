package awsapi

import (
	"fmt"
	"strings"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// ClockMode says how simulated time moves while the server runs. The wall
// clock is read here and nowhere below: model/ and sim/ only ever see the
// simulated instants this package hands them.
type ClockMode string

// The clock modes.
const (
	// ClockWall runs simulated time at Speed × wall time (paused at 0).
	ClockWall ClockMode = "wall"
	// ClockStep advances a fixed step before each EC2 request, wall time
	// ignored: the same script gives the same trace on every run.
	ClockStep ClockMode = "step"
	// ClockSettle finishes every transition already started before it
	// handles the next request; the call that starts one still answers
	// the transitional state (pending, stopping, shutting-down).
	ClockSettle ClockMode = "settle"
	// ClockManual moves only when told (POST /_ec2sim/clock).
	ClockManual ClockMode = "manual"
)

// Clock is a parsed --clock value.
type Clock struct {
	Mode ClockMode
	Step sim.Time // ClockStep only
}

// ParseClock reads wall, step:DUR (e.g. step:5s), settle or manual.
func ParseClock(s string) (Clock, error) {
	mode, arg, hasArg := strings.Cut(s, ":")
	switch c := (Clock{Mode: ClockMode(mode)}); c.Mode {
	case ClockWall, ClockSettle, ClockManual:
		if hasArg {
			return Clock{}, fmt.Errorf("--clock %s takes no duration", mode)
		}
		return c, nil
	case ClockStep:
		d, err := sim.ParseTime(arg)
		if err != nil || d <= 0 {
			return Clock{}, fmt.Errorf("--clock step:DUR needs a positive duration, such as step:5s")
		}
		c.Step = d
		return c, nil
	}
	return Clock{}, fmt.Errorf("unknown --clock %q: want wall, step:DUR, settle or manual", s)
}

func (c Clock) String() string {
	if c.Mode == ClockStep {
		return string(ClockStep) + ":" + c.Step.Compact()
	}
	return string(c.Mode)
}

// wallMap maps wall time to simulated time: sim = base + speed × (wall −
// wallBase), re-based whenever the speed changes, the clock pauses or an
// advance jumps ahead, so simulated time only moves forward.
type wallMap struct {
	speed    float64
	paused   bool
	wallBase time.Time
	simBase  sim.Time
}

func (m *wallMap) target(wall time.Time) sim.Time {
	if m.paused || m.speed <= 0 {
		return m.simBase
	}
	return m.simBase + sim.FromDuration(time.Duration(float64(wall.Sub(m.wallBase))*m.speed))
}

func (m *wallMap) rebase(wall time.Time, now sim.Time) {
	m.wallBase, m.simBase = wall, now
}
