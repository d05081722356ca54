package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Placement groups (S65): cluster packs instances close together in one
// zone; spread puts each on its own rack, at most seven running instances
// per zone per group; partition divides instances into up to seven
// partitions per zone that share no racks.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/limitations-placement-groups.html

// Placement strategies and group states.
const (
	StrategyCluster   = "cluster"
	StrategySpread    = "spread"
	StrategyPartition = "partition"

	PlacementGroupAvailable = "available"
	PlacementGroupDeleted   = "deleted"

	// SpreadPerAZ is the most running instances a rack spread group holds
	// in one zone.
	SpreadPerAZ = 7
	// MaxPartitions is the most partitions a partition group has per zone.
	MaxPartitions = 7
)

// PlacementGroup is a named placement strategy in a region.
type PlacementGroup struct {
	GroupName      string
	GroupId        string
	Strategy       string
	PartitionCount int
	SpreadLevel    string
	State          string
	Owner, Region  string
	Tags           Tags
	seq            int64
	nextPartition  int // round-robin cursor for launches that name no partition
}

// CreatePlacementGroupInput is the API's request.
type CreatePlacementGroupInput struct {
	GroupName         string             `yaml:"GroupName" json:"GroupName"`
	Strategy          string             `yaml:"Strategy" json:"Strategy"`
	PartitionCount    int                `yaml:"PartitionCount" json:"PartitionCount,omitempty"`
	SpreadLevel       string             `yaml:"SpreadLevel" json:"SpreadLevel,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	DryRun            bool               `yaml:"DryRun" json:"DryRun,omitempty"`
}

// PlacementGroupOutput answers CreatePlacementGroup.
type PlacementGroupOutput struct {
	PlacementGroup PlacementGroup `json:"PlacementGroup"`
}

// Created lists the group's ID.
func (o PlacementGroupOutput) Created() []string { return []string{o.PlacementGroup.GroupId} }

func pgKey(account, region, name string) string { return account + "/" + region + "/" + name }

// CreatePlacementGroup creates an empty group. Groups are free.
func (w *World) CreatePlacementGroup(c Caller, in CreatePlacementGroupInput) (out PlacementGroupOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreatePlacementGroup", c, out.PlacementGroup.GroupId, err, in.GroupName) }()
	if err != nil {
		return out, err
	}
	if in.GroupName == "" {
		return out, errf(MissingParameter, "The request must contain the parameter GroupName")
	}
	if _, ok := w.pgroups[pgKey(c.Account, c.Region, in.GroupName)]; ok {
		return out, errf(InvalidPlacementGroupDuplicate, "The placement group '%s' already exists.", in.GroupName)
	}
	g := &PlacementGroup{GroupName: in.GroupName, Strategy: in.Strategy, State: PlacementGroupAvailable, Owner: c.Account, Region: c.Region}
	switch in.Strategy {
	case StrategyCluster:
	case StrategySpread:
		g.SpreadLevel = cmp.Or(in.SpreadLevel, "rack")
		if g.SpreadLevel != "rack" {
			return out, errf(InvalidParameterValue, "SpreadLevel %q needs AWS Outposts; in a Region the spread level is rack", in.SpreadLevel)
		}
	case StrategyPartition:
		g.PartitionCount = in.PartitionCount
		if g.PartitionCount == 0 {
			g.PartitionCount = 2
		}
		if g.PartitionCount < 1 || g.PartitionCount > MaxPartitions {
			return out, errf(InvalidParameterValue, "PartitionCount %d is out of range: a partition placement group has 1 to %d partitions per Availability Zone", in.PartitionCount, MaxPartitions)
		}
	case "":
		return out, errf(MissingParameter, "The request must contain the parameter Strategy (cluster, spread or partition)")
	default:
		return out, errf(InvalidParameterValue, "Invalid value '%s' for Strategy (valid: cluster, spread, partition)%s", in.Strategy, suggest(in.Strategy, []string{StrategyCluster, StrategySpread, StrategyPartition}))
	}
	if in.PartitionCount != 0 && in.Strategy != StrategyPartition {
		return out, errf(InvalidParameterCombination, "PartitionCount is valid only with Strategy partition")
	}
	if in.DryRun {
		return out, dryRun()
	}
	g.GroupId, g.seq = w.newID("pg"), w.nextSeq()
	for _, ts := range in.TagSpecifications {
		for _, t := range ts.Tags {
			g.Tags.Set(t.Key, t.Value)
		}
	}
	w.pgroups[pgKey(c.Account, c.Region, g.GroupName)] = g
	w.emit(TraceEvent{Kind: TraceState, Action: "placement-group", Resource: g.GroupId, Region: c.Region, To: PlacementGroupAvailable, Message: g.GroupName + " (" + g.Strategy + ")"})
	return PlacementGroupOutput{*g}, nil
}

// placementGroup finds a group by name, ID or scenario name.
func (w *World) placementGroup(c Caller, ref string) (*PlacementGroup, error) {
	if g, ok := w.pgroups[pgKey(c.Account, c.Region, ref)]; ok {
		return g, nil
	}
	id := w.resolve(ref)
	for _, g := range w.sortedGroups() {
		if g.GroupId == id && g.Owner == c.Account && g.Region == c.Region {
			return g, nil
		}
	}
	return nil, errf(InvalidPlacementGroupUnknown, "The Placement Group '%s' is unknown.", ref)
}

func (w *World) sortedGroups() []*PlacementGroup {
	return sortedBySeq(w.pgroups, func(g *PlacementGroup) int64 { return g.seq })
}

// members lists the group's instances that are not terminated.
func (w *World) members(g *PlacementGroup) []*Instance {
	var out []*Instance
	for _, inst := range w.sortedInstances() {
		if inst.PlacementGroup == g.GroupName && inst.Owner == g.Owner && inst.Region == g.Region && inst.State != Terminated {
			out = append(out, inst)
		}
	}
	return out
}

// PlacementGroupNameInput names a group.
type PlacementGroupNameInput struct {
	GroupName string `yaml:"GroupName" json:"GroupName"`
	DryRun    bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DeletePlacementGroup deletes an empty group: every instance in it must
// be terminated first.
func (w *World) DeletePlacementGroup(c Caller, in PlacementGroupNameInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeletePlacementGroup", c, in.GroupName, err, "") }()
	if err != nil {
		return err
	}
	g, err := w.placementGroup(c, in.GroupName)
	if err != nil {
		return err
	}
	if m := w.members(g); len(m) > 0 {
		return errf(InvalidPlacementGroupInUse, "Placement group '%s' is in use by %d instance(s), such as %s: terminate them first.", g.GroupName, len(m), m[0].ID)
	}
	if in.DryRun {
		return dryRun()
	}
	g.State = PlacementGroupDeleted
	delete(w.pgroups, pgKey(g.Owner, g.Region, g.GroupName))
	w.emit(TraceEvent{Kind: TraceState, Action: "placement-group", Resource: g.GroupId, Region: g.Region, From: PlacementGroupAvailable, To: PlacementGroupDeleted})
	return nil
}

// DescribePlacementGroupsInput lists groups by name or ID.
type DescribePlacementGroupsInput struct {
	GroupNames []string `yaml:"GroupNames" json:"GroupNames,omitempty"`
	GroupIds   []string `yaml:"GroupIds" json:"GroupIds,omitempty"`
}

// DescribePlacementGroupsOutput lists groups.
type DescribePlacementGroupsOutput struct {
	PlacementGroups []PlacementGroup `json:"PlacementGroups"`
}

// DescribePlacementGroups lists the caller's groups in its region.
func (w *World) DescribePlacementGroups(c Caller, in DescribePlacementGroupsInput) (out DescribePlacementGroupsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribePlacementGroups", c, "", err, listed(len(out.PlacementGroups), "placement group", nil))
	}()
	if err != nil {
		return out, err
	}
	var want []string
	for _, ref := range append(slices.Clone(in.GroupNames), in.GroupIds...) {
		g, err := w.placementGroup(c, ref)
		if err != nil {
			return out, err
		}
		want = append(want, g.GroupId)
	}
	for _, g := range w.sortedGroups() {
		if g.Owner == c.Account && g.Region == c.Region && (len(want) == 0 || slices.Contains(want, g.GroupId)) {
			x := *g
			x.Tags = slices.Clone(g.Tags)
			out.PlacementGroups = append(out.PlacementGroups, x)
		}
	}
	return out, nil
}

// PlacementGroupByID returns a group by ID or scenario name, and how many
// instances not yet terminated are in it.
func (w *World) PlacementGroupByID(ref string) (PlacementGroup, int, bool) {
	id := w.resolve(ref)
	for _, g := range w.sortedGroups() {
		if g.GroupId == id {
			return *g, len(w.members(g)), true
		}
	}
	return PlacementGroup{}, 0, false
}

// ---- RunInstances ----------------------------------------------------------

// placed is what a launch's Placement, CapacityReservationSpecification
// and MetadataOptions decided, checked before anything is created.
type placed struct {
	group     *PlacementGroup
	partition int // the partition asked for; 0 means round-robin
	tenancy   string
	crTarget  *CapacityReservation
	crPref    string
	metadata  metadataOptions
}

// preparePlacement chooses the zone where the launch's placement decides
// it: a cluster group already in use pins its zone, and a targeted
// Capacity Reservation is in one zone. It returns the placement pickAZ
// should use.
func (w *World) preparePlacement(c Caller, in RunInstancesInput, pl *Placement) (*Placement, error) {
	az := ""
	if pl != nil {
		az = pl.AvailabilityZone
	}
	if s := in.CapacityReservationSpecification; s != nil && s.CapacityReservationTarget != nil && s.CapacityReservationTarget.CapacityReservationId != "" && az == "" {
		if cr, ok := w.market.crs[w.resolve(s.CapacityReservationTarget.CapacityReservationId)]; ok {
			az = cr.AvailabilityZone
		}
	}
	if in.Placement != nil && in.Placement.GroupName != "" && az == "" {
		if g, err := w.placementGroup(c, in.Placement.GroupName); err == nil && g.Strategy == StrategyCluster {
			if m := w.members(g); len(m) > 0 {
				az = m[0].AZ
			}
		}
	}
	if az == "" {
		return pl, nil
	}
	return &Placement{AvailabilityZone: az}, nil
}

// checkPlacement applies the rules of placement groups, tenancy, Capacity
// Reservation targets and metadata options to a launch whose zone, type
// and count are known.
func (w *World) checkPlacement(c Caller, in RunInstancesInput, p *launchPlan) error {
	pp := &p.placed
	pp.tenancy = TenancyDefault
	if pl := in.Placement; pl != nil {
		switch pl.Tenancy {
		case "", TenancyDefault:
		case TenancyDedicated:
			pp.tenancy = TenancyDedicated
		case TenancyHost:
			return errf(Unsupported, "Tenancy host needs a Dedicated Host (AllocateHosts), which the simulator does not model; use Tenancy dedicated for a Dedicated Instance.")
		default:
			return errf(InvalidParameterValue, "Invalid value '%s' for Tenancy (valid: default, dedicated, host)", pl.Tenancy)
		}
		if pl.GroupName != "" || pl.GroupId != "" {
			g, err := w.placementGroup(c, cmp.Or(pl.GroupName, pl.GroupId))
			if err != nil {
				return err
			}
			if err := w.checkGroupLaunch(g, in, p); err != nil {
				return err
			}
			pp.group, pp.partition = g, pl.PartitionNumber
		} else if pl.PartitionNumber != 0 {
			return errf(InvalidParameterCombination, "PartitionNumber needs a partition placement group (GroupName)")
		}
	}
	if s := in.CapacityReservationSpecification; s != nil {
		cr, err := w.targetReservation(c, s, p.az, p.itype.Name, p.image.Platform, pp.tenancy, p.count)
		if err != nil {
			return err
		}
		pp.crTarget, pp.crPref = cr, s.CapacityReservationPreference
		if cr == nil && s.CapacityReservationPreference == "" {
			pp.crPref = MatchOpen
		}
	}
	md, err := checkMetadataOptions(in.MetadataOptions, metadataDefaults)
	if err != nil {
		return err
	}
	pp.metadata = md
	return nil
}

// checkGroupLaunch applies a group's strategy to a launch.
func (w *World) checkGroupLaunch(g *PlacementGroup, in RunInstancesInput, p *launchPlan) error {
	if m := in.InstanceMarketOptions; m != nil && m.SpotOptions != nil {
		if b := m.SpotOptions.InstanceInterruptionBehavior; b == "stop" || b == "hibernate" {
			return errf(InvalidParameterCombination, "A Spot Instance that stops or hibernates when interrupted cannot be launched in a placement group.")
		}
	}
	members := w.members(g)
	switch g.Strategy {
	case StrategyCluster:
		for _, m := range members {
			if m.AZ != p.az {
				return errf(InvalidPlacementGroupInUse, "The placement group '%s' is in use in another availability zone: %s", g.GroupName, m.AZ)
			}
		}
	case StrategySpread:
		running := 0
		for _, m := range members {
			if m.AZ == p.az && countsTowardQuota(m.State) {
				running++
			}
		}
		if running+in.MinCount > SpreadPerAZ {
			return errf(InsufficientInstanceCapacity, "The spread placement group '%s' already has %d running instances in %s; a spread placement group holds at most %d running instances per Availability Zone. Launch into another zone or another group.",
				g.GroupName, running, p.az, SpreadPerAZ)
		}
		p.count = min(p.count, SpreadPerAZ-running)
	case StrategyPartition:
		if n := in.Placement.PartitionNumber; n < 0 || n > g.PartitionCount {
			return errf(InvalidParameterValue, "PartitionNumber %d is out of range: placement group '%s' has partitions 1 to %d", n, g.GroupName, g.PartitionCount)
		}
	}
	return nil
}

// applyPlacement records a checked launch's placement on a new instance
// before it enters pending.
func (w *World) applyPlacement(inst *Instance, p *launchPlan) {
	pp := p.placed
	inst.Tenancy = pp.tenancy
	inst.MetadataHttpTokens, inst.MetadataHttpEndpoint, inst.MetadataHopLimit = pp.metadata.tokens, pp.metadata.endpoint, pp.metadata.hopLimit
	inst.CapacityReservationPreference = pp.crPref
	if pp.crTarget != nil {
		inst.capacityTarget = pp.crTarget.CapacityReservationId
	}
	if g := pp.group; g != nil {
		inst.PlacementGroup = g.GroupName
		if g.Strategy == StrategyPartition {
			inst.PartitionNumber = pp.partition
			if inst.PartitionNumber == 0 {
				inst.PartitionNumber = g.nextPartition%g.PartitionCount + 1
				g.nextPartition++
			}
		}
	}
}

// onInstanceState is told of every lifecycle change, after it: a
// Capacity Reservation slot is taken on entering pending and given back
// on stopping, shutting down or terminating; a start clears a Spot
// interruption notice.
func (w *World) onInstanceState(inst *Instance, from, to InstanceState) {
	switch {
	case to == Pending:
		inst.SpotNotice, inst.SpotActionAt = false, 0
		w.joinReservation(inst)
	case !countsTowardQuota(to) && countsTowardQuota(from):
		w.leaveReservation(inst)
	}
}

// placementsClone copies the groups for World.Clone.
func placementsClone(m map[string]*PlacementGroup) map[string]*PlacementGroup {
	return cloneMap(m, func(g *PlacementGroup) *PlacementGroup { x := *g; x.Tags = slices.Clone(g.Tags); return &x })
}

// String is the group as the log shows it.
func (g PlacementGroup) String() string {
	return fmt.Sprintf("%s (%s, %s)", g.GroupName, g.GroupId, g.Strategy)
}
