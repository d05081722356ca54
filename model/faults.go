package model

import (
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// The faults an instructor can inject. They are not EC2 API actions: they
// stand for what AWS or the hardware does to a running fleet.

// InstanceFaultInput names the instance a fault strikes.
type InstanceFaultInput struct {
	InstanceId string `yaml:"InstanceId" json:"InstanceId"`
	// After delays a scheduled retirement ("2h"); empty means now.
	After string `yaml:"After" json:"After,omitempty"`
}

// AZFaultInput impairs an Availability Zone for a while.
type AZFaultInput struct {
	AvailabilityZone string `yaml:"AvailabilityZone" json:"AvailabilityZone"`
	Duration         string `yaml:"Duration" json:"Duration"` // e.g. "2h"
}

func (w *World) faultInstance(c Caller, action, ref string) (*Instance, Caller, error) {
	c, err := w.caller(c)
	if err != nil {
		return nil, c, err
	}
	insts, err := w.instancesFor(c, []string{ref})
	if err != nil {
		return nil, c, err
	}
	if st := insts[0].State; st == Terminated || st == ShuttingDown {
		return nil, c, errf(IncorrectInstanceState, "%s: instance '%s' is already %s", action, insts[0].ID, st)
	}
	return insts[0], c, nil
}

func (w *World) fault(inst *Instance, action, msg string) {
	w.emit(TraceEvent{Kind: TraceFault, Action: action, Resource: inst.ID, Region: inst.Region, AZ: inst.AZ, Message: msg})
}

// HostFailure fails the hardware under an instance: the system status check
// fails and instance-store data is lost. An EBS-backed instance without
// instance-store volumes is recovered automatically onto new hardware (same
// ID, RAM lost); any other stays impaired until the student acts.
func (w *World) HostFailure(c Caller, in InstanceFaultInput) (err error) {
	inst, c, err := w.faultInstance(c, "HostFailure", in.InstanceId)
	defer func() { w.apiDone("HostFailure", c, w.resolve(in.InstanceId), err, "") }()
	if err != nil {
		return err
	}
	inst.Status, inst.HostFailed = "impaired", true
	w.eraseInstanceStore(inst, "host failed")
	switch {
	case inst.RootDeviceType == RootInstanceStore:
		w.fault(inst, "host-failure", "system status check failed; the instance-store root is gone: terminate it and launch a replacement from the AMI")
	case len(inst.Ephemeral) > 0:
		w.fault(inst, "host-failure", "system status check failed; automatic recovery does not cover instances with instance-store volumes: stop and start it to move to healthy hardware")
	case inst.State == Running:
		w.fault(inst, "host-failure", "system status check failed; simplified automatic recovery moves the instance to new hardware (same ID and IPs, RAM lost)")
		w.eng.Cancel(inst.next)
		inst.rebooting, inst.Ready = true, false
		inst.next = w.after(w.sample("recovery"), evRecovered, inst.ID)
	default:
		w.fault(inst, "host-failure", fmt.Sprintf("system status check failed while %s; a start moves it to healthy hardware", inst.State))
	}
	return nil
}

func (w *World) onRecovered(id string) {
	inst := w.instances[id]
	inst.next, inst.rebooting, inst.Ready, inst.Status, inst.HostFailed = 0, false, true, "ok", false
	w.fault(inst, "recovered", "recovered onto healthy hardware; system status check ok")
}

// InstanceRetirement retires an instance's hardware (now, or After a
// delay): an EBS-backed instance is stopped, an instance-store-backed one
// is terminated.
func (w *World) InstanceRetirement(c Caller, in InstanceFaultInput) (err error) {
	inst, c, err := w.faultInstance(c, "InstanceRetirement", in.InstanceId)
	defer func() { w.apiDone("InstanceRetirement", c, w.resolve(in.InstanceId), err, in.After) }()
	if err != nil {
		return err
	}
	delay := sim.Time(0)
	if in.After != "" {
		if delay, err = sim.ParseTime(in.After); err != nil || delay < 0 {
			return errf(InvalidParameterValue, "After: %q is not a duration such as 2h or 3d", in.After)
		}
	}
	w.eng.Cancel(inst.retire)
	what := "stopped"
	if inst.RootDeviceType == RootInstanceStore {
		what = "terminated"
	}
	w.fault(inst, "retirement-scheduled", fmt.Sprintf("hardware retirement scheduled for %s (in %s): the instance will be %s", w.Now()+delay, delay.Compact(), what))
	inst.retire = w.after(delay, evRetire, inst.ID)
	return nil
}

func (w *World) onRetire(id string) {
	inst, ok := w.instances[id]
	if !ok {
		return
	}
	inst.retire = 0
	switch {
	case inst.State == Terminated || inst.State == ShuttingDown:
		return
	case inst.RootDeviceType == RootInstanceStore:
		w.fault(inst, "retired", "hardware retired: instance-store-backed instances are terminated")
		w.beginTerminate(inst, retirementStop, InitiatorService)
	case inst.State == Running:
		w.fault(inst, "retired", "hardware retired: EBS-backed instances are stopped and can be started on new hardware")
		w.beginStop(inst, false, retirementStop, InitiatorService)
	}
}

// AZImpairment impairs an Availability Zone for a duration: its instances
// fail their status checks and new launches or starts there fail for lack
// of capacity. AMIs and snapshots are regional and stay usable from the
// other zones.
func (w *World) AZImpairment(c Caller, in AZFaultInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("AZImpairment", c, in.AvailabilityZone, err, in.Duration) }()
	if err != nil {
		return err
	}
	r, _ := w.cat.Region(c.Region)
	if !slices.Contains(r.AZs, in.AvailabilityZone) {
		return errf(InvalidZoneNotFound, "The zone '%s' does not exist in %s.%s", in.AvailabilityZone, c.Region, suggest(in.AvailabilityZone, r.AZs))
	}
	d, err := sim.ParseTime(in.Duration)
	if err != nil || d <= 0 {
		return errf(InvalidParameterValue, "Duration: %q is not a positive duration such as 2h", in.Duration)
	}
	w.impairedAZ[in.AvailabilityZone] = true
	for _, inst := range w.sortedInstances() {
		if inst.AZ == in.AvailabilityZone && inst.State != Terminated {
			inst.Status = "impaired"
		}
	}
	w.emit(TraceEvent{Kind: TraceFault, Action: "az-impaired", Resource: in.AvailabilityZone, Region: c.Region, AZ: in.AvailabilityZone,
		Message: fmt.Sprintf("Availability Zone impaired for %s: its instances are unreachable and launches there fail", d)})
	w.eng.After(d, event{kind: evAZRestored, id: in.AvailabilityZone})
	return nil
}

func (w *World) onAZRestored(az string) {
	delete(w.impairedAZ, az)
	region, _ := w.cat.RegionOfAZ(az)
	for _, inst := range w.sortedInstances() {
		if inst.AZ == az && inst.Status == "impaired" && !inst.HostFailed {
			inst.Status = "ok"
		}
	}
	w.emit(TraceEvent{Kind: TraceFault, Action: "az-restored", Resource: az, Region: region, AZ: az, Message: "Availability Zone healthy again"})
}

// SpotInterruption reclaims a Spot instance: a two-minute notice, then the
// interruption behaviour (terminate, stop or hibernate; hibernation gets
// the notice but no lead time).
func (w *World) SpotInterruption(c Caller, in InstanceFaultInput) (err error) {
	inst, c, err := w.faultInstance(c, "SpotInterruption", in.InstanceId)
	defer func() { w.apiDone("SpotInterruption", c, w.resolve(in.InstanceId), err, "") }()
	if err != nil {
		return err
	}
	if !inst.Spot {
		return errf(UnsupportedOperation, "Instance '%s' is On-Demand: only Spot instances are interrupted", inst.ID)
	}
	if inst.State != Running {
		return errf(IncorrectInstanceState, "Spot instance '%s' is %s, not running", inst.ID, inst.State)
	}
	lead := w.sample("spot/notice")
	if inst.InterruptionBehavior == "hibernate" {
		lead = 0
	}
	w.fault(inst, "spot-notice", fmt.Sprintf("Spot interruption notice: the instance will %s in %s", inst.InterruptionBehavior, lead))
	w.eng.Cancel(inst.spotNote)
	inst.spotNote = w.after(lead, evSpotAction, inst.ID)
	inst.SpotNotice, inst.SpotActionAt = true, w.Now()+lead
	return nil
}

func (w *World) onSpotAction(id string) {
	inst, ok := w.instances[id]
	if !ok || inst.State != Running {
		return
	}
	inst.spotNote = 0
	if w.Now()-inst.RunningSince < sim.Hour {
		// "If Amazon EC2 interrupts your Spot Instance in the first instance
		// hour, you are not charged for that usage" (S36).
		w.bill.waiveCompute(inst)
		w.emit(TraceEvent{Kind: TraceNote, Action: "spot-not-charged", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
			Message: "interrupted by EC2 within its first instance hour: this run is not charged"})
	}
	if inst.InterruptionBehavior != "terminate" {
		inst.SpotInterrupted = true
	}
	switch inst.InterruptionBehavior {
	case "stop":
		w.beginStop(inst, false, spotShutdown, InitiatorService)
	case "hibernate":
		w.beginStop(inst, true, spotHibernation, InitiatorService)
	default:
		w.beginTerminate(inst, spotTermination, InitiatorService)
	}
}

// GuestShutdown is the operating system shutting itself down (shutdown -h
// inside the instance). An EBS-backed instance stops, or terminates if its
// InstanceInitiatedShutdownBehavior says so; an instance-store-backed one
// always terminates.
func (w *World) GuestShutdown(c Caller, in InstanceFaultInput) (err error) {
	inst, c, err := w.faultInstance(c, "GuestShutdown", in.InstanceId)
	defer func() { w.apiDone("GuestShutdown", c, w.resolve(in.InstanceId), err, "") }()
	if err != nil {
		return err
	}
	if inst.State != Running {
		return errf(IncorrectInstanceState, "Instance '%s' is %s: only a running OS can shut down", inst.ID, inst.State)
	}
	if inst.RootDeviceType == RootInstanceStore || inst.ShutdownBehavior == "terminate" {
		w.beginTerminate(inst, guestShutdown, "")
	} else {
		w.beginStop(inst, false, guestShutdown, "")
	}
	return nil
}
