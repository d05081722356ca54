package model

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// fleet is the world's state for running a fleet rather than an instance:
// launch templates, Auto Scaling groups, load-balancer target groups and
// Elastic IP addresses. It lives apart from the instance maps so that those
// stay as they were; the world reaches it as w.fleet.
type fleet struct {
	templates map[string]*LaunchTemplate   // by ID
	groups    map[string]*AutoScalingGroup // by groupKey
	targets   map[string]*TargetGroup      // by ARN
	addresses map[string]*Address          // by allocation ID
	memberOf  map[string]string            // instance ID → groupKey of its Auto Scaling group
	// failedApps: instance ID → the RunningSince of the run whose
	// application failed (ApplicationFailure); nil until one does.
	failedApps map[string]sim.Time
}

func newFleet() *fleet {
	return &fleet{templates: map[string]*LaunchTemplate{}, groups: map[string]*AutoScalingGroup{},
		targets: map[string]*TargetGroup{}, addresses: map[string]*Address{}, memberOf: map[string]string{}}
}

// clone copies the fleet for World.Clone: nothing is shared.
func (f *fleet) clone() *fleet {
	return &fleet{
		templates: cloneMap(f.templates, func(lt *LaunchTemplate) *LaunchTemplate {
			x := *lt
			x.Versions, x.Tags = slices.Clone(lt.Versions), slices.Clone(lt.Tags)
			return &x
		}),
		groups:     cloneMap(f.groups, func(g *AutoScalingGroup) *AutoScalingGroup { x := g.clone(); return &x }),
		targets:    cloneMap(f.targets, func(tg *TargetGroup) *TargetGroup { x := tg.clone(); return &x }),
		addresses:  cloneMap(f.addresses, func(a *Address) *Address { x := *a; x.Tags = slices.Clone(a.Tags); return &x }),
		memberOf:   maps.Clone(f.memberOf),
		failedApps: maps.Clone(f.failedApps),
	}
}

// What an evFleet event does (its n).
const (
	fleetGroupTick   = iota + 1 // an Auto Scaling group's minute: health checks, scaling policies, capacity (id: groupKey)
	fleetScheduled              // a scheduled action is due (id: groupKey + "\n" + action name)
	fleetTerminate              // a scaled-in instance has drained and is terminated (id: instance ID)
	fleetTargetCheck            // a target group's health checks run (id: ARN)
)

func (w *World) onFleetEvent(e event) {
	switch e.n {
	case fleetGroupTick:
		w.onGroupTick(e.id)
	case fleetScheduled:
		w.onScheduledAction(e.id)
	case fleetTerminate:
		w.onDrained(e.id)
	case fleetTargetCheck:
		w.onTargetCheck(e.id)
	default:
		panic(fmt.Sprintf("model: unknown fleet event %d", e.n))
	}
}

func (w *World) afterFleet(d sim.Time, n int, id string) sim.EventID {
	return w.eng.After(d, event{kind: evFleet, id: id, n: n})
}

// fleetSees is told of every instance state change (setState calls it):
// an Auto Scaling group moves its member's lifecycle, and an Elastic IP
// leaves an instance that has terminated.
func (w *World) fleetSees(inst *Instance, from InstanceState) {
	if key, ok := w.fleet.memberOf[inst.ID]; ok {
		if g := w.fleet.groups[key]; g != nil {
			w.memberChanged(g, inst, from)
		}
	}
	if inst.State == Terminated {
		if a := w.addressOf(inst.ID); a != nil {
			w.unassociate(a, "the instance terminated")
		}
	}
}

// isoTime is a simulated time as the API writes timestamps.
func (w *World) isoTime(t sim.Time) string {
	return w.Clock().At(t).Format("2006-01-02T15:04:05.000Z")
}

// uuid makes a version-4-shaped identifier from the ID stream, as Auto
// Scaling activity IDs and ARNs carry.
func (w *World) uuid() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 36)
	for i := 0; i < 32; i++ {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b = append(b, '-')
		}
		b = append(b, hex[w.idRand.Uint64()&0xf])
	}
	return string(b)
}
