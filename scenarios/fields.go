package scenarios

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ec2sim/ec2sim/model"
)

// fieldType is what a field reads as. It fixes the kind of value the field
// yields and what it reads for a resource that is gone: the type's zero.
type fieldType int

// The field types.
const (
	typeCount fieldType = iota + 1 // a whole number: how many, or GiB
	typeText
	typeBool
	typeMoney
	typeTime // a duration
)

// String is the type as the field reference in docs/scenario-format.md
// names it.
func (t fieldType) String() string {
	return [...]string{typeCount: "a count", typeText: "text", typeBool: "a boolean", typeMoney: "money", typeTime: "a time"}[t]
}

// valueKind is the kind of every value a field of this type yields.
func (t fieldType) valueKind() ValueKind {
	return [...]ValueKind{typeCount: KNum, typeText: KStr, typeBool: KBool, typeMoney: KMoney, typeTime: KDur}[t]
}

// zero is what a field of this type reads before its resource exists and,
// unless its accessor says otherwise (goneAs), after it is gone: 0, "",
// false, $0 or 0s.
func (t fieldType) zero() Value { return Value{Kind: t.valueKind()} }

// A field is one thing an expression can read of a named resource, as
// NAME.FIELD.
type field struct {
	name string
	typ  fieldType
	doc  string // one line, for the field reference
	read accessor
}

// accessor reads a field of what a scenario name stands for. ids are every
// resource the name stands for, oldest first, and never empty. It reports
// false when the resource it reads is gone.
type accessor func(e *evalEnv, ids []string) (Value, bool)

// kindFields is what one resource kind exposes to expressions, in the order
// of the field reference.
type kindFields struct {
	kind   model.ResourceKind
	fields []field
}

// fieldTables lists every kind a scenario name can stand for. Evaluation
// (evalEnv.field), the load-time check of expressions and the field
// reference in docs/scenario-format.md all read it.
var fieldTables = []kindFields{
	{model.ResourceInstance, []field{
		{"id", typeText, "its instance ID (it answers after the instance is gone)", every(lastID)},
		{"state", typeText, "lifecycle state: " + orList(instanceStates()),
			goneAs(str(string(model.Terminated)), instance(func(i model.Instance) Value { return str(string(i.State)) }))},
		{"type", typeText, "instance type, e.g. `t3.micro`", instance(func(i model.Instance) Value { return str(i.Type) })},
		{"az", typeText, "Availability Zone", instance(func(i model.Instance) Value { return str(i.AZ) })},
		{"region", typeText, "region", instance(func(i model.Instance) Value { return str(i.Region) })},
		{"image", typeText, "ID of the AMI it was launched from", instance(func(i model.Instance) Value { return str(i.ImageID) })},
		{"root_device_type", typeText, "`ebs` or `instance-store`", instance(func(i model.Instance) Value { return str(i.RootDeviceType) })},
		{"public_ip", typeText, "public IPv4 address; empty if none", instance(func(i model.Instance) Value { return str(i.PublicIP) })},
		{"status", typeText, "system status check: `ok` or `impaired`", instance(func(i model.Instance) Value { return str(i.Status) })},
		{"state_reason", typeText, "why it is in its state: the message of EC2's state reason (e.g. `Client.UserInitiatedHibernate: User initiated hibernate`; `pending` while it launches or starts, empty while it runs)",
			instance(func(i model.Instance) Value { return str(i.StateReason.Message) })},
		{"hibernated", typeBool, "its last stop was a hibernation (RAM saved to the root volume)", instance(func(i model.Instance) Value { return boolean(i.Hibernating) })},
		{"ready", typeBool, "the OS has finished booting", instance(func(i model.Instance) Value { return boolean(i.Ready) })},
		{"exists", typeBool, "still visible: a terminated instance for about an hour (`terminated/visible`)", instance(func(model.Instance) Value { return boolean(true) })},
		{"uptime", typeTime, "time in `running` since the last start; `0s` when not running", latest((*model.World).Instance, func(w *model.World, i model.Instance) Value {
			if i.State != model.Running {
				return duration(0)
			}
			return duration(w.Now() - i.RunningSince)
		})},
		{"cost", typeMoney, "what every instance of the name has cost so far: compute, software fee and public IPv4 (its EBS volumes bill on their own)", every(func(e *evalEnv, ids []string) Value {
			var m model.Money
			for _, id := range ids {
				m += e.getBill().ForResource(id)
			}
			return money(m)
		})},
		{"spot", typeBool, "a Spot instance", instance(func(i model.Instance) Value { return boolean(i.Spot) })},
		{"volumes", typeCount, "EBS volumes attached", instance(func(i model.Instance) Value { return num(len(i.BlockDevices)) })},
		{"instance_store_gib", typeCount, "GiB of data on its instance-store disks", instance(func(i model.Instance) Value {
			n := 0
			for _, d := range i.Ephemeral {
				n += d.DataGiB
			}
			return num(n)
		})},
		{"root_data_gib", typeCount, "GiB of data on its root device, EBS volume or instance store", latest((*model.World).Instance, func(w *model.World, i model.Instance) Value {
			n, _ := w.RootDataGiB(i.ID)
			return num(n)
		})},
		{"secret", typeBool, "launched from an AMI with a secret baked in", instance(func(i model.Instance) Value { return boolean(i.ContainsSecret) })},
		{"count", typeCount, "how many instances the name stands for, gone ones included", every(func(_ *evalEnv, ids []string) Value { return num(len(ids)) })},
		{"running", typeCount, "how many of them are running", every(func(e *evalEnv, ids []string) Value {
			n := 0
			for _, id := range ids {
				if i, ok := e.w.Instance(id); ok && i.State == model.Running {
					n++
				}
			}
			return num(n)
		})},
		{"pricing", typeText, "what pays for its hours while running: `on-demand`, `spot`, `reserved` or `savings-plan`; empty when not running", instance(func(i model.Instance) Value { return str(i.Pricing) })},
		{"tenancy", typeText, "`default` or `dedicated`", instance(func(i model.Instance) Value { return str(i.Tenancy) })},
		{"capacity_reservation", typeText, "ID of the Capacity Reservation whose slot it holds; empty if none", instance(func(i model.Instance) Value { return str(i.CapacityReservationId) })},
		{"placement_group", typeText, "name of its placement group; empty if none", instance(func(i model.Instance) Value { return str(i.PlacementGroup) })},
		{"partition", typeCount, "its partition in a partition placement group; 0 otherwise", instance(func(i model.Instance) Value { return num(i.PartitionNumber) })},
		{"http_tokens", typeText, "metadata option HttpTokens: `required` (IMDSv2 only) or `optional`", instance(func(i model.Instance) Value { return str(i.MetadataHttpTokens) })},
		{"http_endpoint", typeText, "metadata option HttpEndpoint: `enabled` or `disabled`", instance(func(i model.Instance) Value { return str(i.MetadataHttpEndpoint) })},
		{"user_data", typeText, "its user data as given (base64 on the wire); empty if none", instance(func(i model.Instance) Value { return str(i.UserData) })},
		{"spot_interruption_notice", typeBool, "a Spot two-minute interruption notice has been given since its last start", instance(func(i model.Instance) Value { return boolean(i.SpotNotice) })},
		{"spot_interruption_in", typeTime, "time left before the interruption behaviour takes effect; `0s` without a notice or once it has", latest((*model.World).Instance, func(w *model.World, i model.Instance) Value {
			if !i.SpotNotice || i.SpotActionAt <= w.Now() {
				return duration(0)
			}
			return duration(i.SpotActionAt - w.Now())
		})},
	}},
	{model.ResourceImage, []field{
		{"id", typeText, "its AMI ID (it answers after the AMI is gone)", every(lastID)},
		{"state", typeText, "AMI state: `pending`, `available`, `failed` or `deregistered`",
			goneAs(str(model.ImageDeregistered), image(func(im model.Image) Value { return str(im.State) }))},
		{"public", typeBool, "launchable by every account", image(func(im model.Image) Value { return boolean(im.Public) })},
		{"shared_with", typeCount, "accounts given launch permission", image(func(im model.Image) Value { return num(len(im.LaunchPermissions)) })},
		{"encrypted", typeBool, "any of its snapshots is encrypted", image(func(im model.Image) Value { return boolean(im.Encrypted()) })},
		{"snapshots", typeCount, "snapshots behind it", image(func(im model.Image) Value { return num(len(im.SnapshotIDs())) })},
		{"snapshots_exist", typeCount, "how many of those snapshots still exist", latest(loadImage, func(w *model.World, im model.Image) Value {
			n := 0
			for _, s := range im.SnapshotIDs() {
				if _, ok := w.Snapshot(s); ok {
					n++
				}
			}
			return num(n)
		})},
		{"region", typeText, "region", image(func(im model.Image) Value { return str(im.Region) })},
		{"exists", typeBool, "still visible: false once a deregistered AMI has left DescribeImages, about an hour later; its other fields still answer",
			image(func(im model.Image) Value { return boolean(!im.Gone) })},
		{"root_device_type", typeText, "`ebs` or `instance-store`", image(func(im model.Image) Value { return str(im.RootDeviceType) })},
		{"secret", typeBool, "a secret is baked in", image(func(im model.Image) Value { return boolean(im.Secret) })},
		{"deprecated", typeBool, "deprecated now (EnableImageDeprecation): still launchable, no longer listed to other accounts", latest(loadImage, func(w *model.World, im model.Image) Value { return boolean(im.Deprecated(w.Now())) })},
		{"in_recycle_bin", typeBool, "deregistered and kept by a Recycle Bin rule, restorable", every(func(e *evalEnv, ids []string) Value { return boolean(e.w.InRecycleBin(ids[len(ids)-1])) })},
		{"cost", typeMoney, "what the snapshots of every AMI of the name have cost so far: storage, and the transfer that copied them", every(func(e *evalEnv, ids []string) Value {
			var m model.Money
			for _, id := range ids {
				if im, ok := e.w.Image(id, ""); ok {
					for _, s := range im.SnapshotIDs() {
						m += e.getBill().ForResource(s)
					}
				}
			}
			return money(m)
		})},
	}},
	{model.ResourceVolume, []field{
		{"id", typeText, "its volume ID (it answers after the volume is gone)", every(lastID)},
		{"state", typeText, "volume state: `creating`, `available`, `in-use`, `deleting` or `deleted`",
			goneAs(str(model.VolumeDeleted), volume(func(v model.Volume) Value { return str(v.State) }))},
		{"size", typeCount, "size in GiB", volume(func(v model.Volume) Value { return num(v.SizeGiB) })},
		{"type", typeText, "volume type, e.g. `gp3`", volume(func(v model.Volume) Value { return str(v.Type) })},
		{"az", typeText, "Availability Zone", volume(func(v model.Volume) Value { return str(v.AZ) })},
		{"attached_to", typeText, "ID of the instance it is attached to; empty if none", volume(func(v model.Volume) Value { return str(v.InstanceID) })},
		{"delete_on_termination", typeBool, "deleted with its instance", volume(func(v model.Volume) Value { return boolean(v.DeleteOnTermination) })},
		{"data_gib", typeCount, "GiB written to it", volume(func(v model.Volume) Value { return num(v.DataGiB) })},
		{"exists", typeBool, "not deleted", volume(func(model.Volume) Value { return boolean(true) })},
		{"cost", typeMoney, "what it has cost so far (it answers after it is deleted)", every(lastCost)},
	}},
	{model.ResourceSnapshot, []field{
		{"id", typeText, "its snapshot ID (it answers after the snapshot is gone)", every(lastID)},
		{"state", typeText, "snapshot state: `pending`, `completed` or `error`; `deleted` once it is",
			goneAs(str("deleted"), snapshot(func(s model.Snapshot) Value { return str(s.State) }))},
		{"progress", typeCount, "percent done, as DescribeSnapshots says it: rises from 0 while `pending`, 100 once `completed`",
			latest((*model.World).Snapshot, func(w *model.World, s model.Snapshot) Value { return num(s.Progress(w.Now())) })},
		{"size", typeCount, "GiB of the volume it was taken from", snapshot(func(s model.Snapshot) Value { return num(s.VolumeSize) })},
		{"stored", typeCount, "GiB it adds to storage (snapshots are incremental)", snapshot(func(s model.Snapshot) Value { return num(s.StoredGiB) })},
		{"tier", typeText, "`standard` or `archive`", snapshot(func(s model.Snapshot) Value { return str(s.Tier) })},
		{"exists", typeBool, "not deleted", snapshot(func(model.Snapshot) Value { return boolean(true) })},
		{"cost", typeMoney, "what it has cost so far (it answers after it is deleted)", every(lastCost)},
		{"in_use", typeBool, "backs a registered AMI, so it cannot be deleted or archived", latest((*model.World).Snapshot, func(w *model.World, s model.Snapshot) Value {
			return boolean(len(w.SnapshotInUseBy(s.ID)) > 0)
		})},
		{"region", typeText, "region", snapshot(func(s model.Snapshot) Value { return str(s.Region) })},
		{"in_recycle_bin", typeBool, "deleted and kept by a Recycle Bin rule, restorable (it still bills)", every(func(e *evalEnv, ids []string) Value { return boolean(e.w.InRecycleBin(ids[len(ids)-1])) })},
	}},
	{model.ResourceSecurityGroup, []field{
		{"exists", typeBool, "it was created (security groups are never deleted here)", every(created)},
	}},
	{model.ResourceKeyPair, []field{
		{"exists", typeBool, "it was created (key pairs are never deleted here)", every(created)},
	}},
	{model.ResourceLifecyclePolicy, []field{
		{"exists", typeBool, "it exists", latest((*model.World).PolicyImages, func(*model.World, int) Value { return boolean(true) })},
		{"images", typeCount, "registered AMIs it keeps now", latest((*model.World).PolicyImages, func(_ *model.World, n int) Value { return num(n) })},
	}},
	{model.ResourceLaunchTemplate, []field{
		{"exists", typeBool, "not deleted", latest((*model.World).LaunchTemplate, func(*model.World, model.LaunchTemplate) Value { return boolean(true) })},
		{"id", typeText, "its launch template ID (it answers after the template is deleted)", every(func(_ *evalEnv, ids []string) Value { return str(ids[len(ids)-1]) })},
		{"default_version", typeCount, "the version `$Default` means", latest((*model.World).LaunchTemplate, func(_ *model.World, lt model.LaunchTemplate) Value { return num(int(lt.DefaultVersion)) })},
		{"latest_version", typeCount, "the newest version, which `$Latest` means", latest((*model.World).LaunchTemplate, func(_ *model.World, lt model.LaunchTemplate) Value { return num(int(lt.LatestVersion())) })},
	}},
	{model.ResourceAutoScaling, []field{
		{"exists", typeBool, "not deleted", group(func(model.AutoScalingGroup) Value { return boolean(true) })},
		{"desired", typeCount, "desired capacity", group(func(g model.AutoScalingGroup) Value { return num(g.DesiredCapacity) })},
		{"min", typeCount, "minimum size", group(func(g model.AutoScalingGroup) Value { return num(g.MinSize) })},
		{"max", typeCount, "maximum size", group(func(g model.AutoScalingGroup) Value { return num(g.MaxSize) })},
		{"in_service", typeCount, "members `InService`", group(func(g model.AutoScalingGroup) Value { return num(g.Count(model.LifecycleInService)) })},
		{"pending", typeCount, "members `Pending` (launched, not yet running)", group(func(g model.AutoScalingGroup) Value { return num(g.Count(model.LifecyclePending)) })},
		{"terminating", typeCount, "members `Terminating` (draining or shutting down)", group(func(g model.AutoScalingGroup) Value { return num(g.Count(model.LifecycleTerminating)) })},
		{"zones", typeCount, "Availability Zones with an `InService` member", group(func(g model.AutoScalingGroup) Value { return num(g.Zones()) })},
		{"replaced", typeCount, "members replaced after failing a health check", group(func(g model.AutoScalingGroup) Value { return num(g.Replaced) })},
		{"launched", typeCount, "instances it has launched (its kept history)", group(func(g model.AutoScalingGroup) Value { return num(len(g.Launched())) })},
		{"failed_launches", typeCount, "launches that failed (its kept history)", group(func(g model.AutoScalingGroup) Value {
			n := 0
			for _, a := range g.Activities {
				if a.StatusCode == model.ActivityFailed {
					n++
				}
			}
			return num(n)
		})},
		{"cost", typeMoney, "what the instances it has launched have cost so far: compute and public IPv4 (their EBS volumes bill on their own); `$0` once the group is deleted", func(e *evalEnv, ids []string) (Value, bool) {
			g, ok := e.w.AutoScalingGroup(ids[len(ids)-1])
			if !ok {
				return Value{}, false
			}
			var m model.Money
			for _, id := range g.Launched() {
				m += e.getBill().ForResource(id)
			}
			return money(m), true
		}},
	}},
	{model.ResourceTargetGroup, []field{
		{"exists", typeBool, "it exists", targetGroup(func(*model.World, model.TargetGroup) Value { return boolean(true) })},
		{"healthy", typeCount, "targets `healthy`", targetGroup(func(_ *model.World, tg model.TargetGroup) Value { return num(tg.Count(model.TargetHealthy)) })},
		{"unhealthy", typeCount, "targets `unhealthy`", targetGroup(func(_ *model.World, tg model.TargetGroup) Value { return num(tg.Count(model.TargetUnhealthy)) })},
		{"initial", typeCount, "targets `initial` (registered, not yet through the healthy threshold)", targetGroup(func(_ *model.World, tg model.TargetGroup) Value { return num(tg.Count(model.TargetInitial)) })},
		{"draining", typeCount, "targets `draining` (deregistered, finishing requests)", targetGroup(func(_ *model.World, tg model.TargetGroup) Value { return num(tg.Count(model.TargetDraining)) })},
		{"targets", typeCount, "registered targets, in any state", targetGroup(func(_ *model.World, tg model.TargetGroup) Value { return num(len(tg.Targets)) })},
		{"request_rate", typeCount, "requests per minute reaching it now (SetRequestRate)", targetGroup(func(w *model.World, tg model.TargetGroup) Value { return num(w.RequestsPerMinute(tg)) })},
	}},
	{model.ResourceAddress, []field{
		{"exists", typeBool, "allocated, not yet released", latest((*model.World).Address, func(*model.World, model.Address) Value { return boolean(true) })},
		{"public_ip", typeText, "the address", latest((*model.World).Address, func(_ *model.World, a model.Address) Value { return str(a.PublicIP) })},
		{"associated", typeBool, "points at an instance", latest((*model.World).Address, func(_ *model.World, a model.Address) Value { return boolean(a.InstanceID != "") })},
		{"instance", typeText, "ID of the instance it points at; empty if none", latest((*model.World).Address, func(_ *model.World, a model.Address) Value { return str(a.InstanceID) })},
		{"cost", typeMoney, "what it has cost so far (it answers after it is released)", every(lastCost)},
	}},
	{model.ResourceRIOffering, []field{
		{"effective_rate", typeMoney, "what one RI costs per hour over its term, upfront included", latest((*model.World).RIOffering, func(_ *model.World, o model.ReservedInstancesOffering) Value { return money(o.EffectiveRate) })},
		{"upfront", typeMoney, "FixedPrice: paid once at purchase, per RI", latest((*model.World).RIOffering, func(_ *model.World, o model.ReservedInstancesOffering) Value { return money(o.FixedPrice) })},
		{"hourly", typeMoney, "UsagePrice: billed every hour of the term, per RI", latest((*model.World).RIOffering, func(_ *model.World, o model.ReservedInstancesOffering) Value { return money(o.UsagePrice) })},
		{"count", typeCount, "how many offerings the name stands for (a purchase buys the most recent)", every(func(_ *evalEnv, ids []string) Value { return num(len(ids)) })},
	}},
	{model.ResourceReservedInstances, []field{
		{"state", typeText, "`active`, or `retired` once its term has ended", latest((*model.World).ReservedInstancesByID, func(_ *model.World, r model.ReservedInstances) Value { return str(r.State) })},
		{"count", typeCount, "InstanceCount: how many RIs were bought", latest((*model.World).ReservedInstancesByID, func(_ *model.World, r model.ReservedInstances) Value { return num(r.InstanceCount) })},
		{"in_use", typeCount, "how many running instances it covers now", latest((*model.World).ReservedInstancesByID, func(_ *model.World, r model.ReservedInstances) Value { return num(r.InUse()) })},
		{"cost", typeMoney, "what it has cost so far: upfront and recurring charges", every(lastCost)},
	}},
	{model.ResourceSPOffering, []field{
		{"plan_type", typeText, "`Compute` or `EC2Instance`", latest((*model.World).SPOffering, func(_ *model.World, o model.SavingsPlanOffering) Value { return str(o.PlanType) })},
		{"count", typeCount, "how many offerings the name stands for (a purchase buys the most recent)", every(func(_ *evalEnv, ids []string) Value { return num(len(ids)) })},
	}},
	{model.ResourceSavingsPlan, []field{
		{"state", typeText, "`active`, or `retired` once its term has ended", latest((*model.World).SavingsPlanByID, func(_ *model.World, s model.SavingsPlan) Value { return str(s.State) })},
		{"commitment", typeMoney, "the hourly commitment, billed every hour whether used or not", latest((*model.World).SavingsPlanByID, func(_ *model.World, s model.SavingsPlan) Value { return money(s.Commitment) })},
		{"used", typeMoney, "the part of the hourly commitment the instances it covers use now", latest((*model.World).SavingsPlanByID, func(_ *model.World, s model.SavingsPlan) Value { return money(s.Used()) })},
		{"covering", typeCount, "how many running instances it covers now", latest((*model.World).SavingsPlanByID, func(_ *model.World, s model.SavingsPlan) Value { return num(s.Covering()) })},
		{"cost", typeMoney, "what it has cost so far", every(lastCost)},
	}},
	{model.ResourceCapacityReservation, []field{
		{"state", typeText, "`active`, `cancelled` or `expired`", latest((*model.World).CapacityReservationByID, func(_ *model.World, c model.CapacityReservation) Value { return str(c.State) })},
		{"total", typeCount, "TotalInstanceCount: slots reserved", latest((*model.World).CapacityReservationByID, func(_ *model.World, c model.CapacityReservation) Value { return num(c.TotalInstanceCount) })},
		{"available", typeCount, "slots no pending or running instance holds (each billed at the On-Demand rate)", latest((*model.World).CapacityReservationByID, func(_ *model.World, c model.CapacityReservation) Value { return num(c.AvailableInstanceCount) })},
		{"cost", typeMoney, "what its unused slots have cost so far", every(lastCost)},
	}},
	{model.ResourcePlacementGroup, []field{
		{"exists", typeBool, "not deleted", latest(loadGroup, func(*model.World, placementGroup) Value { return boolean(true) })},
		{"strategy", typeText, "`cluster`, `spread` or `partition`", latest(loadGroup, func(_ *model.World, g placementGroup) Value { return str(g.Strategy) })},
		{"instances", typeCount, "instances in it that are not terminated", latest(loadGroup, func(_ *model.World, g placementGroup) Value { return num(g.members) })},
	}},
	{model.ResourceRecycleBinRule, []field{
		{"exists", typeBool, "not deleted", latest(loadRule, func(*model.World, rbinRule) Value { return boolean(true) })},
		{"retention_days", typeCount, "how many days it keeps what it covers", latest(loadRule, func(_ *model.World, r rbinRule) Value { return num(r.RetentionPeriod.RetentionPeriodValue) })},
		{"retained", typeCount, "how many resources it keeps in the Recycle Bin now", latest(loadRule, func(_ *model.World, r rbinRule) Value { return num(r.retained) })},
	}},
}

// instanceStates are the model's instance states (model.InstanceStates),
// as the text a state field reads.
func instanceStates() []string {
	out := make([]string, len(model.InstanceStates))
	for i, s := range model.InstanceStates {
		out[i] = string(s)
	}
	return out
}

// values are the only texts a field of kind k can read, for the load-time
// check of comparisons, where the model lists them; nil where it does not,
// and any text may then be compared with the field. Only the instance
// states have such a list in the model (model.InstanceStates); the states
// of AMIs, snapshots and volumes are constants there, with no list to read.
func values(k model.ResourceKind, name string) []string {
	if k == model.ResourceInstance && name == "state" {
		return instanceStates()
	}
	return nil
}

// orList writes words as the field reference does: "`a`, `b` or `c`".
func orList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "`" + w + "`"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// group and targetGroup read a field of the most recent Auto Scaling group
// or target group a name stands for.
func group(get func(model.AutoScalingGroup) Value) accessor {
	return latest((*model.World).AutoScalingGroup, func(_ *model.World, g model.AutoScalingGroup) Value { return get(g) })
}

func targetGroup(get func(*model.World, model.TargetGroup) Value) accessor {
	return latest((*model.World).TargetGroup, get)
}

// placementGroup and rbinRule pair a resource with the count the world
// reports beside it, for latest.
type placementGroup struct {
	model.PlacementGroup
	members int
}

func loadGroup(w *model.World, id string) (placementGroup, bool) {
	g, n, ok := w.PlacementGroupByID(id)
	return placementGroup{g, n}, ok
}

type rbinRule struct {
	model.RecycleBinRule
	retained int
}

func loadRule(w *model.World, id string) (rbinRule, bool) {
	r, n, ok := w.RecycleBinRuleByID(id)
	return rbinRule{r, n}, ok
}

// latest reads a field of the most recent resource a name stands for (the
// one meant where a single resource is): load finds it, and reports false
// once it is gone.
func latest[R any](load func(w *model.World, id string) (R, bool), get func(w *model.World, r R) Value) accessor {
	return func(e *evalEnv, ids []string) (Value, bool) {
		r, ok := load(e.w, ids[len(ids)-1])
		if !ok {
			return Value{}, false
		}
		return get(e.w, r), true
	}
}

// goneAs makes a field read v, not its type's zero, once the resource is
// gone: a state field reads the state the resource left in.
func goneAs(v Value, read accessor) accessor {
	return func(e *evalEnv, ids []string) (Value, bool) {
		if x, ok := read(e, ids); ok {
			return x, true
		}
		return v, true
	}
}

// every reads a field of everything a name stands for, or of its record
// (an ID, a bill), which answers even once the resource is gone.
func every(get func(e *evalEnv, ids []string) Value) accessor {
	return func(e *evalEnv, ids []string) (Value, bool) { return get(e, ids), true }
}

// instance, image, volume and snapshot read a field of the most recent
// resource of their kind a name stands for, once they have found it.
func instance(get func(model.Instance) Value) accessor {
	return latest((*model.World).Instance, func(_ *model.World, i model.Instance) Value { return get(i) })
}

func loadImage(w *model.World, id string) (model.Image, bool) { return w.Image(id, "") }

func image(get func(model.Image) Value) accessor {
	return latest(loadImage, func(_ *model.World, im model.Image) Value { return get(im) })
}

func volume(get func(model.Volume) Value) accessor {
	return latest((*model.World).Volume, func(_ *model.World, v model.Volume) Value { return get(v) })
}

func snapshot(get func(model.Snapshot) Value) accessor {
	return latest((*model.World).Snapshot, func(_ *model.World, s model.Snapshot) Value { return get(s) })
}

// lastCost is what the most recent resource of a name has cost so far.
func lastCost(e *evalEnv, ids []string) Value { return money(e.getBill().ForResource(ids[len(ids)-1])) }

// lastID is the ID of the most recent resource a name stands for.
func lastID(_ *evalEnv, ids []string) Value { return str(ids[len(ids)-1]) }

// created is true: the resource was created, and its kind is never deleted.
func created(*evalEnv, []string) Value { return boolean(true) }

// fieldsOf returns the fields of a kind, nil for a kind no name stands for.
func fieldsOf(k model.ResourceKind) *kindFields {
	for i := range fieldTables {
		if fieldTables[i].kind == k {
			return &fieldTables[i]
		}
	}
	return nil
}

// anyField finds a field by name in the first kind that has it: how a name
// no step defines reads (as a resource that does not exist, every field its
// type's zero).
func anyField(name string) (field, bool) {
	for i := range fieldTables {
		if f, ok := fieldTables[i].field(name); ok {
			return f, true
		}
	}
	return field{}, false
}

// allFieldNames lists every field any kind has, sorted, for suggestions.
func allFieldNames() []string {
	var out []string
	for i := range fieldTables {
		for _, f := range fieldTables[i].fields {
			if !slices.Contains(out, f.name) {
				out = append(out, f.name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// field finds a field by name.
func (k *kindFields) field(name string) (field, bool) {
	i := slices.IndexFunc(k.fields, func(f field) bool { return f.name == name })
	if i < 0 {
		return field{}, false
	}
	return k.fields[i], true
}

// names lists the kind's field names in sorted order, for suggestions.
func (k *kindFields) names() []string {
	out := make([]string, len(k.fields))
	for i, f := range k.fields {
		out[i] = f.name
	}
	sort.Strings(out)
	return out
}

// noField says that a named resource of this kind has no such field, with
// the nearest field name when one is close.
func (k *kindFields) noField(name, f string) string {
	return fmt.Sprintf("%s %s has no field %s%s", k.kind, name, f, hintFrom(f, k.names()))
}

// value reads the field of what a name stands for (ids, oldest first). A
// name whose step has not run yet, or failed, stands for nothing: every
// field then reads as its type's zero, state included.
func (f field) value(e *evalEnv, ids []string) Value {
	if len(ids) == 0 {
		return f.typ.zero()
	}
	if v, ok := f.read(e, ids); ok {
		return v
	}
	return f.typ.zero()
}
