package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// On-Demand Capacity Reservations (S64): capacity for InstanceCount
// instances of one type, platform and tenancy in one zone, billed at the
// On-Demand rate for every slot no instance uses, from creation until it
// is cancelled or ends. An instance in a slot is billed as usual (and RIs
// or Savings Plans apply to it as usual); the slot itself then costs
// nothing extra. An "open" reservation takes any matching launch that
// does not opt out; a "targeted" one only launches that name it.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html

// Capacity Reservation states and match criteria.
const (
	CRActive    = "active"
	CRCancelled = "cancelled"
	CRExpired   = "expired"

	MatchOpen     = "open"
	MatchTargeted = "targeted"
)

// CapacityReservation is reserved capacity in one zone.
type CapacityReservation struct {
	CapacityReservationId  string
	Owner, Region          string
	AvailabilityZone       string
	InstanceType           string
	InstancePlatform       string // Linux/UNIX, Windows, SUSE Linux
	Tenancy                string
	InstanceMatchCriteria  string
	TotalInstanceCount     int
	State                  string
	EndDateType            string // unlimited or limited
	StartDate, EndDate     sim.Time
	members                []string // pending and running instances in it
	seq                    int64
	Tags                   Tags
	AvailableInstanceCount int // kept by the world: Total − members
}

// CapacityReservationSpecification is RunInstances' choice of
// reservation.
type CapacityReservationSpecification struct {
	CapacityReservationPreference string                     `yaml:"CapacityReservationPreference" json:"CapacityReservationPreference,omitempty"` // open (default) or none
	CapacityReservationTarget     *CapacityReservationTarget `yaml:"CapacityReservationTarget" json:"CapacityReservationTarget,omitempty"`
}

// CapacityReservationTarget names one reservation.
type CapacityReservationTarget struct {
	CapacityReservationId string `yaml:"CapacityReservationId" json:"CapacityReservationId,omitempty"`
}

// CreateCapacityReservationInput is the API's request.
type CreateCapacityReservationInput struct {
	InstanceType          string `yaml:"InstanceType" json:"InstanceType"`
	InstancePlatform      string `yaml:"InstancePlatform" json:"InstancePlatform"`
	AvailabilityZone      string `yaml:"AvailabilityZone" json:"AvailabilityZone"`
	InstanceCount         int    `yaml:"InstanceCount" json:"InstanceCount"`
	Tenancy               string `yaml:"Tenancy" json:"Tenancy,omitempty"`
	InstanceMatchCriteria string `yaml:"InstanceMatchCriteria" json:"InstanceMatchCriteria,omitempty"`
	EndDateType           string `yaml:"EndDateType" json:"EndDateType,omitempty"`
	EndDate               string `yaml:"EndDate" json:"EndDate,omitempty"` // RFC 3339
	DryRun                bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// CapacityReservationOutput answers CreateCapacityReservation.
type CapacityReservationOutput struct {
	CapacityReservation CapacityReservation `json:"CapacityReservation"`
}

// Created lists the reservation.
func (o CapacityReservationOutput) Created() []string {
	return []string{o.CapacityReservation.CapacityReservationId}
}

// CreateCapacityReservation reserves capacity in a zone, billed from now.
func (w *World) CreateCapacityReservation(c Caller, in CreateCapacityReservationInput) (out CapacityReservationOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("CreateCapacityReservation", c, out.CapacityReservation.CapacityReservationId, err, "")
	}()
	if err != nil {
		return out, err
	}
	switch {
	case in.InstanceType == "":
		return out, errf(MissingParameter, "The request must contain the parameter InstanceType")
	case in.AvailabilityZone == "":
		return out, errf(MissingParameter, "The request must contain the parameter AvailabilityZone")
	case in.InstanceCount < 1:
		return out, errf(InvalidParameterValue, "InstanceCount must be at least 1 (got %d)", in.InstanceCount)
	}
	t, ok := w.cat.InstanceType(in.InstanceType)
	if !ok {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for InstanceType.%s", in.InstanceType, suggest(in.InstanceType, w.cat.InstanceTypeNames()))
	}
	if err := w.checkAZ(c, in.AvailabilityZone); err != nil {
		return out, err
	}
	platform := cmp.Or(in.InstancePlatform, "Linux/UNIX")
	if _, ok := productPlatform[platform]; !ok {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for InstancePlatform (valid: Linux/UNIX, Windows, SUSE Linux)", platform)
	}
	tenancy := cmp.Or(in.Tenancy, TenancyDefault)
	if tenancy != TenancyDefault && tenancy != TenancyDedicated {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for Tenancy (valid: default, dedicated)", tenancy)
	}
	match := cmp.Or(in.InstanceMatchCriteria, MatchOpen)
	if match != MatchOpen && match != MatchTargeted {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for InstanceMatchCriteria (valid: open, targeted)", match)
	}
	endType := cmp.Or(in.EndDateType, "unlimited")
	var end sim.Time
	switch endType {
	case "unlimited":
		if in.EndDate != "" {
			return out, errf(InvalidParameterCombination, "EndDate needs EndDateType limited")
		}
	case "limited":
		at, perr := time.Parse(time.RFC3339, in.EndDate)
		if perr != nil {
			return out, errf(InvalidParameterValue, "EndDate %q is not a time such as 2026-01-06T09:00:00Z", in.EndDate)
		}
		if end = w.Clock().Of(at); end <= w.Now() {
			return out, errf(InvalidParameterValue, "EndDate %s is not in the future", in.EndDate)
		}
	default:
		return out, errf(InvalidParameterValue, "Invalid value '%s' for EndDateType (valid: unlimited, limited)", endType)
	}
	if w.impairedAZ[in.AvailabilityZone] {
		return out, errf(InsufficientInstanceCapacity, "There is not enough capacity to fulfill your request for %d %s in %s.", in.InstanceCount, t.Name, in.AvailabilityZone)
	}
	if in.DryRun {
		return out, dryRun()
	}
	cr := &CapacityReservation{CapacityReservationId: w.newID("cr"), Owner: c.Account, Region: c.Region, AvailabilityZone: in.AvailabilityZone,
		InstanceType: t.Name, InstancePlatform: platform, Tenancy: tenancy, InstanceMatchCriteria: match, TotalInstanceCount: in.InstanceCount,
		State: CRActive, EndDateType: endType, StartDate: w.Now(), EndDate: end, seq: w.nextSeq()}
	w.market.crs[cr.CapacityReservationId] = cr
	w.emit(TraceEvent{Kind: TraceState, Action: "capacity-reservation", Resource: cr.CapacityReservationId, Region: c.Region, AZ: cr.AvailabilityZone, To: CRActive,
		Message: fmt.Sprintf("%d × %s %s (%s), billed at the On-Demand rate whether used or not", cr.TotalInstanceCount, cr.InstanceType, platform, match)})
	if end > 0 {
		w.after(end-w.Now(), evCommitmentEnd, cr.CapacityReservationId)
	}
	// Matching instances already running in the zone move in, as AWS does
	// for an open reservation.
	if match == MatchOpen {
		for _, inst := range w.sortedInstances() {
			if len(cr.members) < cr.TotalInstanceCount && inst.CapacityReservationId == "" && inst.CapacityReservationPreference != "none" &&
				countsTowardQuota(inst.State) && cr.fits(inst) {
				inst.CapacityReservationId = cr.CapacityReservationId
				cr.members = append(cr.members, inst.ID)
			}
		}
	}
	w.meterReservation(cr)
	return CapacityReservationOutput{w.crView(cr)}, nil
}

// fits reports whether an instance matches a reservation's attributes.
func (cr *CapacityReservation) fits(inst *Instance) bool {
	return cr.State == CRActive && inst.Owner == cr.Owner && inst.AZ == cr.AvailabilityZone && inst.Type == cr.InstanceType &&
		slices.Contains(productPlatform[cr.InstancePlatform], inst.Platform) && cmp.Or(inst.Tenancy, TenancyDefault) == cr.Tenancy && !inst.Spot
}

func (w *World) crView(cr *CapacityReservation) CapacityReservation {
	x := *cr
	x.members = slices.Clone(cr.members)
	x.Tags = slices.Clone(cr.Tags)
	x.AvailableInstanceCount = cr.TotalInstanceCount - len(cr.members)
	if cr.State != CRActive {
		x.AvailableInstanceCount = 0
	}
	return x
}

// meterReservation bills a reservation's unused slots at the On-Demand
// rate: the meter is reopened with the new count whenever it changes.
func (w *World) meterReservation(cr *CapacityReservation) {
	id, p := cr.CapacityReservationId, part{compCapacityUnused, 0}
	w.bill.closeMeter(w.bill.known(id), p)
	unused := int64(cr.TotalInstanceCount - len(cr.members))
	if cr.State != CRActive || unused <= 0 {
		return
	}
	r := w.bill.prices.onDemandRate(cr.InstanceType, cr.Region, productPlatform[cr.InstancePlatform][0], cr.Tenancy)
	r.source = S64 + "; " + r.source
	text := fmt.Sprintf("%s %s capacity reservation, unused", cr.InstanceType, platformTitle[productPlatform[cr.InstancePlatform][0]])
	w.bill.openMeter(w.bill.entry(id), w.bill.newMeter(p, cr.Owner, cr.Region, CatCompute, text, Hours, r, unused))
}

// targetReservation checks a launch that names a reservation: it must
// exist, be active, match and have room for count instances.
func (w *World) targetReservation(c Caller, spec *CapacityReservationSpecification, az, itype, platform, tenancy string, count int) (*CapacityReservation, error) {
	if spec == nil {
		return nil, nil
	}
	switch spec.CapacityReservationPreference {
	case "", MatchOpen, "none":
	default:
		return nil, errf(InvalidParameterValue, "Invalid value '%s' for CapacityReservationPreference (valid: open, none)", spec.CapacityReservationPreference)
	}
	if spec.CapacityReservationTarget == nil || spec.CapacityReservationTarget.CapacityReservationId == "" {
		return nil, nil
	}
	ref := spec.CapacityReservationTarget.CapacityReservationId
	cr, ok := w.market.crs[w.resolve(ref)]
	if !ok || cr.Owner != c.Account || cr.Region != c.Region {
		return nil, errf(InvalidCapacityReservationIdNotFound, "The capacity reservation ID '%s' does not exist", ref)
	}
	probe := &Instance{Owner: c.Account, AZ: az, Type: itype, Platform: platform, Tenancy: tenancy}
	if cr.State != CRActive || !cr.fits(probe) {
		return nil, errf(InvalidParameterCombination, "The instance does not match Capacity Reservation %s (%s %s in %s, %s tenancy, %s)",
			cr.CapacityReservationId, cr.InstanceType, cr.InstancePlatform, cr.AvailabilityZone, cr.Tenancy, cr.State)
	}
	if free := cr.TotalInstanceCount - len(cr.members); free < count {
		return nil, errf(ReservationCapacityExceeded, "The targeted Capacity Reservation %s does not have enough available capacity: %d free, %d requested.", cr.CapacityReservationId, free, count)
	}
	return cr, nil
}

// joinReservation puts an instance that has just entered pending into a
// slot: its target, or the oldest open reservation it fits with room.
func (w *World) joinReservation(inst *Instance) {
	if inst.CapacityReservationPreference == "none" {
		return
	}
	var cr *CapacityReservation
	if inst.capacityTarget != "" {
		cr = w.market.crs[inst.capacityTarget]
		if cr != nil && (cr.State != CRActive || len(cr.members) >= cr.TotalInstanceCount) {
			cr = nil
		}
	} else {
		for _, x := range sortedBySeq(w.market.crs, func(r *CapacityReservation) int64 { return r.seq }) {
			if x.InstanceMatchCriteria == MatchOpen && x.fits(inst) && len(x.members) < x.TotalInstanceCount {
				cr = x
				break
			}
		}
	}
	if cr == nil {
		return
	}
	inst.CapacityReservationId = cr.CapacityReservationId
	cr.members = append(cr.members, inst.ID)
	w.meterReservation(cr)
}

// leaveReservation frees an instance's slot when it stops or terminates.
func (w *World) leaveReservation(inst *Instance) {
	cr, ok := w.market.crs[inst.CapacityReservationId]
	inst.CapacityReservationId = ""
	if !ok {
		return
	}
	cr.members = slices.DeleteFunc(cr.members, func(id string) bool { return id == inst.ID })
	w.meterReservation(cr)
}

// CapacityReservationIDInput names one reservation.
type CapacityReservationIDInput struct {
	CapacityReservationId string `yaml:"CapacityReservationId" json:"CapacityReservationId"`
	DryRun                bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// CancelCapacityReservation ends a reservation: billing stops, and its
// instances run on as ordinary On-Demand instances.
func (w *World) CancelCapacityReservation(c Caller, in CapacityReservationIDInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CancelCapacityReservation", c, w.resolve(in.CapacityReservationId), err, "") }()
	if err != nil {
		return err
	}
	cr, ok := w.market.crs[w.resolve(in.CapacityReservationId)]
	if !ok || cr.Owner != c.Account || cr.Region != c.Region {
		return errf(InvalidCapacityReservationIdNotFound, "The capacity reservation ID '%s' does not exist", in.CapacityReservationId)
	}
	if cr.State != CRActive {
		return errf(IncorrectState, "Capacity Reservation %s is %s", cr.CapacityReservationId, cr.State)
	}
	if in.DryRun {
		return dryRun()
	}
	w.endCapacityReservation(cr, CRCancelled)
	return nil
}

func (w *World) endCapacityReservation(cr *CapacityReservation, state string) {
	if cr.State != CRActive {
		return
	}
	for _, id := range cr.members {
		if inst, ok := w.instances[id]; ok {
			inst.CapacityReservationId = ""
		}
	}
	cr.members = nil
	cr.State = state
	w.meterReservation(cr)
	w.emit(TraceEvent{Kind: TraceState, Action: "capacity-reservation", Resource: cr.CapacityReservationId, Region: cr.Region, AZ: cr.AvailabilityZone, From: CRActive, To: state})
}

// DescribeCapacityReservationsInput lists reservations.
type DescribeCapacityReservationsInput struct {
	CapacityReservationIds []string `yaml:"CapacityReservationIds" json:"CapacityReservationIds,omitempty"`
}

// DescribeCapacityReservationsOutput lists reservations.
type DescribeCapacityReservationsOutput struct {
	CapacityReservations []CapacityReservation `json:"CapacityReservations"`
}

// DescribeCapacityReservations lists the caller's reservations in its
// region, oldest first.
func (w *World) DescribeCapacityReservations(c Caller, in DescribeCapacityReservationsInput) (out DescribeCapacityReservationsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeCapacityReservations", c, "", err, listed(len(out.CapacityReservations), "capacity reservation", nil))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, id := range w.resolveAll(in.CapacityReservationIds) {
		if cr, ok := w.market.crs[id]; !ok || cr.Owner != c.Account || cr.Region != c.Region {
			return out, errf(InvalidCapacityReservationIdNotFound, "The capacity reservation ID '%s' does not exist", id)
		}
		want[id] = true
	}
	for _, cr := range sortedBySeq(w.market.crs, func(r *CapacityReservation) int64 { return r.seq }) {
		if cr.Owner == c.Account && cr.Region == c.Region && (len(want) == 0 || want[cr.CapacityReservationId]) {
			out.CapacityReservations = append(out.CapacityReservations, w.crView(cr))
		}
	}
	return out, nil
}

// CapacityReservationByID returns a reservation by ID or scenario name.
func (w *World) CapacityReservationByID(ref string) (CapacityReservation, bool) {
	cr, ok := w.market.crs[w.resolve(ref)]
	if !ok {
		return CapacityReservation{}, false
	}
	return w.crView(cr), true
}
