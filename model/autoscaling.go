package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// An Auto Scaling group keeps DesiredCapacity instances of a launch
// template running, between MinSize and MaxSize, spread evenly over its
// Availability Zones. Each minute it checks its members' health and
// replaces the unhealthy, runs its target-tracking policies, and launches
// or terminates to match the desired capacity; scheduled actions change
// min, max and desired at their times. Sources: the Amazon EC2 Auto Scaling
// User Guide (https://docs.aws.amazon.com/autoscaling/ec2/userguide/):
// "Health checks" (health-checks-overview.html) and "Set the health check
// grace period" (health-check-grace-period.html); "Instance lifecycle"
// (ec2-auto-scaling-lifecycle.html); "Rebalancing activities"
// (ec2-auto-scaling-capacity-rebalancing.html, auto-scaling-benefits.html#AutoScalingBehavior.Rebalancing);
// "Default termination policy" (ec2-auto-scaling-termination-policies.html);
// "Target tracking scaling policies" (as-scaling-target-tracking.html);
// "Scheduled scaling" (ec2-auto-scaling-scheduled-scaling.html);
// "Set the default instance warmup" (ec2-auto-scaling-default-instance-warmup.html).
// The simplifications are in docs/decisions.md.

// Lifecycle states of a group's instances, as Auto Scaling spells them.
const (
	LifecyclePending     = "Pending"
	LifecycleInService   = "InService"
	LifecycleTerminating = "Terminating"
)

// Health check types and member health.
const (
	HealthCheckEC2 = "EC2"
	HealthCheckELB = "ELB"
	Healthy        = "Healthy"
	Unhealthy      = "Unhealthy"
)

// Scaling activity status codes.
const (
	ActivityInProgress = "InProgress"
	ActivitySuccessful = "Successful"
	ActivityFailed     = "Failed"
)

// The target-tracking alarms: scale out after 3 one-minute data points
// above the target, scale in after 15 below it (as-scaling-target-tracking.html).
const (
	scaleOutPoints = 3
	scaleInPoints  = 15
	// defaultWarmup is the group's DefaultCooldown, 300 s, which stands in
	// for the warm-up when neither the group nor the policy gives one.
	defaultWarmup = 300
	// keptActivities bounds the history a group keeps (AWS keeps six weeks).
	keptActivities = 1000
)

// AutoScalingGroup is an EC2 Auto Scaling group.
type AutoScalingGroup struct {
	Name, ARN, Owner, Region string
	LaunchTemplate           LaunchTemplateSpecification // the template's ID, and the version as given
	MinSize, MaxSize         int
	DesiredCapacity          int
	AvailabilityZones        []string
	HealthCheckType          string // EC2 or ELB
	HealthCheckGracePeriod   int    // seconds after InService before health checks may replace it
	DefaultInstanceWarmup    *int   // seconds; nil for none set
	TargetGroupARNs          []string
	Instances                []GroupInstance // members, in launch order
	Activities               []ScalingActivity
	Policies                 []ScalingPolicy
	ScheduledActions         []ScheduledAction
	CreatedTime              sim.Time
	Replaced                 int // members replaced after failing a health check
	Tags                     Tags
	rebalancing              bool // a launch to even out the zones is in flight
	tick                     sim.EventID
	seq                      int64
}

// GroupInstance is one member of a group.
type GroupInstance struct {
	InstanceId       string
	AvailabilityZone string
	LifecycleState   string
	HealthStatus     string
	TemplateVersion  int64
	InServiceAt      sim.Time
	WarmUntil        sim.Time
	activity         string // the activity that launches or terminates it
}

// ScalingActivity is one entry of the group's history.
type ScalingActivity struct {
	ActivityId    string
	Description   string
	Cause         string
	StartTime     sim.Time
	EndTime       sim.Time
	StatusCode    string
	StatusMessage string
}

// ScalingPolicy is a target-tracking policy on the request count per target.
type ScalingPolicy struct {
	Name                    string
	TargetValue             float64
	TargetGroupARN          string
	DisableScaleIn          bool
	EstimatedInstanceWarmup int // seconds; 0 for the group's
	above, below            int // consecutive minutes over and under the target
}

// ScheduledAction changes min, max or desired at a time, once or on a
// recurrence (five cron fields, UTC).
type ScheduledAction struct {
	Name                                string
	StartTime                           sim.Time
	Recurrence                          string
	MinSize, MaxSize, DesiredCapacity   *int
	next                                sim.Time // when it runs next; -1 when never again
	event                               sim.EventID
	cronMin, cronHour, cronDom, cronMon []int
	cronDow                             []int
	recurring                           bool
}

func (g *AutoScalingGroup) clone() AutoScalingGroup {
	c := *g
	c.AvailabilityZones = slices.Clone(g.AvailabilityZones)
	c.TargetGroupARNs = slices.Clone(g.TargetGroupARNs)
	c.Instances = slices.Clone(g.Instances)
	c.Activities = slices.Clone(g.Activities)
	c.Policies = slices.Clone(g.Policies)
	c.ScheduledActions = slices.Clone(g.ScheduledActions) // the cron slices are never written after parsing
	c.Tags = slices.Clone(g.Tags)
	if g.DefaultInstanceWarmup != nil {
		v := *g.DefaultInstanceWarmup
		c.DefaultInstanceWarmup = &v
	}
	return c
}

func groupKey(account, region, name string) string { return account + "/" + region + "/" + name }

func (g *AutoScalingGroup) key() string { return groupKey(g.Owner, g.Region, g.Name) }

// capacity counts the members that count toward the desired capacity:
// Pending and InService.
func (g *AutoScalingGroup) capacity() int {
	n := 0
	for _, m := range g.Instances {
		if m.LifecycleState != LifecycleTerminating {
			n++
		}
	}
	return n
}

// Count is how many members are in a lifecycle state.
func (g AutoScalingGroup) Count(state string) int {
	n := 0
	for _, m := range g.Instances {
		if m.LifecycleState == state {
			n++
		}
	}
	return n
}

// Zones is how many Availability Zones have an InService member.
func (g AutoScalingGroup) Zones() int {
	seen := map[string]bool{}
	for _, m := range g.Instances {
		if m.LifecycleState == LifecycleInService {
			seen[m.AvailabilityZone] = true
		}
	}
	return len(seen)
}

// ---- requests and answers ------------------------------------------------

// AutoScalingGroupInput is the CreateAutoScalingGroup and
// UpdateAutoScalingGroup request. In an update, what is left out stays.
type AutoScalingGroupInput struct {
	AutoScalingGroupName   string                       `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	LaunchTemplate         *LaunchTemplateSpecification `yaml:"LaunchTemplate" json:"LaunchTemplate,omitempty"`
	MinSize                *int                         `yaml:"MinSize" json:"MinSize,omitempty"`
	MaxSize                *int                         `yaml:"MaxSize" json:"MaxSize,omitempty"`
	DesiredCapacity        *int                         `yaml:"DesiredCapacity" json:"DesiredCapacity,omitempty"`
	AvailabilityZones      []string                     `yaml:"AvailabilityZones" json:"AvailabilityZones,omitempty"`
	VPCZoneIdentifier      string                       `yaml:"VPCZoneIdentifier" json:"VPCZoneIdentifier,omitempty"`
	HealthCheckType        string                       `yaml:"HealthCheckType" json:"HealthCheckType,omitempty"`
	HealthCheckGracePeriod *int                         `yaml:"HealthCheckGracePeriod" json:"HealthCheckGracePeriod,omitempty"`
	DefaultInstanceWarmup  *int                         `yaml:"DefaultInstanceWarmup" json:"DefaultInstanceWarmup,omitempty"`
	TargetGroupARNs        []string                     `yaml:"TargetGroupARNs" json:"TargetGroupARNs,omitempty"`
	Tags                   []Tag                        `yaml:"Tags" json:"Tags,omitempty"`
}

// GroupNameInput names a group: CreateAutoScalingGroup's Created, and
// DescribeScalingActivities.
type GroupNameInput struct {
	AutoScalingGroupName string `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	MaxRecords           int    `yaml:"MaxRecords" json:"MaxRecords,omitempty"`
}

// AutoScalingGroupOutput answers CreateAutoScalingGroup (which AWS answers with
// nothing) with the group's name, for scenario names.
type AutoScalingGroupOutput struct {
	AutoScalingGroupName string `json:"-"`
}

// Created lists the group a CreateAutoScalingGroup call created.
func (o AutoScalingGroupOutput) Created() []string { return []string{o.AutoScalingGroupName} }

// DeleteAutoScalingGroupInput is the DeleteAutoScalingGroup request.
type DeleteAutoScalingGroupInput struct {
	AutoScalingGroupName string `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	ForceDelete          bool   `yaml:"ForceDelete" json:"ForceDelete,omitempty"`
}

// SetDesiredCapacityInput is the SetDesiredCapacity request.
type SetDesiredCapacityInput struct {
	AutoScalingGroupName string `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	DesiredCapacity      int    `yaml:"DesiredCapacity" json:"DesiredCapacity"`
	HonorCooldown        bool   `yaml:"HonorCooldown" json:"HonorCooldown,omitempty"`
}

// AttachTargetGroupsInput is the AttachLoadBalancerTargetGroups request.
type AttachTargetGroupsInput struct {
	AutoScalingGroupName string   `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	TargetGroupARNs      []string `yaml:"TargetGroupARNs" json:"TargetGroupARNs"`
}

// PutScheduledUpdateGroupActionInput is the PutScheduledUpdateGroupAction
// request. StartTime is ISO 8601 UTC; Recurrence five cron fields in UTC.
type PutScheduledUpdateGroupActionInput struct {
	AutoScalingGroupName string `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	ScheduledActionName  string `yaml:"ScheduledActionName" json:"ScheduledActionName"`
	StartTime            string `yaml:"StartTime" json:"StartTime,omitempty"`
	Recurrence           string `yaml:"Recurrence" json:"Recurrence,omitempty"`
	MinSize              *int   `yaml:"MinSize" json:"MinSize,omitempty"`
	MaxSize              *int   `yaml:"MaxSize" json:"MaxSize,omitempty"`
	DesiredCapacity      *int   `yaml:"DesiredCapacity" json:"DesiredCapacity,omitempty"`
}

// PutScalingPolicyInput is the PutScalingPolicy request; the simulator
// models target tracking on ALBRequestCountPerTarget.
type PutScalingPolicyInput struct {
	AutoScalingGroupName        string                       `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName"`
	PolicyName                  string                       `yaml:"PolicyName" json:"PolicyName"`
	PolicyType                  string                       `yaml:"PolicyType" json:"PolicyType,omitempty"`
	EstimatedInstanceWarmup     int                          `yaml:"EstimatedInstanceWarmup" json:"EstimatedInstanceWarmup,omitempty"`
	TargetTrackingConfiguration *TargetTrackingConfiguration `yaml:"TargetTrackingConfiguration" json:"TargetTrackingConfiguration,omitempty"`
}

// TargetTrackingConfiguration is a target-tracking policy's settings.
type TargetTrackingConfiguration struct {
	PredefinedMetricSpecification *PredefinedMetricSpecification `yaml:"PredefinedMetricSpecification" json:"PredefinedMetricSpecification,omitempty"`
	TargetValue                   float64                        `yaml:"TargetValue" json:"TargetValue"`
	DisableScaleIn                bool                           `yaml:"DisableScaleIn" json:"DisableScaleIn,omitempty"`
}

// PredefinedMetricSpecification names the metric. ResourceLabel ends in
// targetgroup/NAME/ID, or is a target group's ARN or scenario name; left
// out, it is the group's one target group.
type PredefinedMetricSpecification struct {
	PredefinedMetricType string `yaml:"PredefinedMetricType" json:"PredefinedMetricType"`
	ResourceLabel        string `yaml:"ResourceLabel" json:"ResourceLabel,omitempty"`
}

// PutScalingPolicyOutput answers PutScalingPolicy.
type PutScalingPolicyOutput struct {
	PolicyARN string `json:"PolicyARN"`
}

// DescribeAutoScalingGroupsInput is the DescribeAutoScalingGroups request.
type DescribeAutoScalingGroupsInput struct {
	AutoScalingGroupNames []string `yaml:"AutoScalingGroupNames" json:"AutoScalingGroupNames,omitempty"`
}

// GroupInfo is a group as DescribeAutoScalingGroups answers it.
type GroupInfo struct {
	AutoScalingGroupName   string                      `json:"AutoScalingGroupName"`
	AutoScalingGroupARN    string                      `json:"AutoScalingGroupARN"`
	LaunchTemplate         LaunchTemplateSpecification `json:"LaunchTemplate"`
	MinSize                int                         `json:"MinSize"`
	MaxSize                int                         `json:"MaxSize"`
	DesiredCapacity        int                         `json:"DesiredCapacity"`
	AvailabilityZones      []string                    `json:"AvailabilityZones"`
	HealthCheckType        string                      `json:"HealthCheckType"`
	HealthCheckGracePeriod int                         `json:"HealthCheckGracePeriod"`
	TargetGroupARNs        []string                    `json:"TargetGroupARNs"`
	Instances              []GroupInstanceInfo         `json:"Instances"`
	CreatedTime            string                      `json:"CreatedTime"`
}

// GroupInstanceInfo is a member as DescribeAutoScalingGroups answers it.
type GroupInstanceInfo struct {
	InstanceId       string                      `json:"InstanceId"`
	AvailabilityZone string                      `json:"AvailabilityZone"`
	LifecycleState   string                      `json:"LifecycleState"`
	HealthStatus     string                      `json:"HealthStatus"`
	LaunchTemplate   LaunchTemplateSpecification `json:"LaunchTemplate"`
}

// DescribeAutoScalingGroupsOutput answers DescribeAutoScalingGroups.
type DescribeAutoScalingGroupsOutput struct {
	AutoScalingGroups []GroupInfo `json:"AutoScalingGroups"`
}

// ActivityInfo is an activity as DescribeScalingActivities answers it.
type ActivityInfo struct {
	ActivityId           string `json:"ActivityId"`
	AutoScalingGroupName string `json:"AutoScalingGroupName"`
	Description          string `json:"Description"`
	Cause                string `json:"Cause"`
	StartTime            string `json:"StartTime"`
	EndTime              string `json:"EndTime,omitempty"`
	StatusCode           string `json:"StatusCode"`
	StatusMessage        string `json:"StatusMessage,omitempty"`
}

// DescribeScalingActivitiesOutput answers DescribeScalingActivities, newest first.
type DescribeScalingActivitiesOutput struct {
	Activities []ActivityInfo `json:"Activities"`
}

// ---- the actions -----------------------------------------------------------

// CreateAutoScalingGroup creates a group and launches its desired capacity
// (MinSize when DesiredCapacity is left out). HealthCheckType defaults to
// EC2 and HealthCheckGracePeriod to 0, the API's defaults (the console's
// is 300 s).
func (w *World) CreateAutoScalingGroup(c Caller, in AutoScalingGroupInput) (out AutoScalingGroupOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("CreateAutoScalingGroup", c, in.AutoScalingGroupName, err, groupMsg(w, c, in.AutoScalingGroupName))
	}()
	if err != nil {
		return out, err
	}
	if in.AutoScalingGroupName == "" || len(in.AutoScalingGroupName) > 255 {
		return out, errf(ValidationError, "1 validation error detected: Value at 'autoScalingGroupName' failed to satisfy constraint: Member must have length between 1 and 255")
	}
	if w.fleet.groups[groupKey(c.Account, c.Region, in.AutoScalingGroupName)] != nil {
		return out, errf(AlreadyExists, "AutoScalingGroup by this name already exists - A group with the name %s already exists", in.AutoScalingGroupName)
	}
	if in.MinSize == nil || in.MaxSize == nil {
		return out, errf(ValidationError, "MinSize and MaxSize are required")
	}
	if in.LaunchTemplate == nil {
		return out, errf(ValidationError, "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.")
	}
	g := &AutoScalingGroup{Name: in.AutoScalingGroupName, Owner: c.Account, Region: c.Region, HealthCheckType: HealthCheckEC2,
		CreatedTime: w.Now(), seq: w.nextSeq()}
	g.ARN = fmt.Sprintf("arn:aws:autoscaling:%s:%s:autoScalingGroup:%s:autoScalingGroupName/%s", c.Region, c.Account, w.uuid(), g.Name)
	g.DesiredCapacity = *in.MinSize
	if err := w.applyGroupInput(c, g, in, true); err != nil {
		return out, err
	}
	w.fleet.groups[g.key()] = g
	cause := fmt.Sprintf("At %s a user request created an AutoScalingGroup changing the desired capacity from 0 to %d.", w.isoTime(w.Now()), g.DesiredCapacity)
	w.reconcile(g, cause)
	g.tick = w.afterFleet(sim.Minute, fleetGroupTick, g.key())
	return AutoScalingGroupOutput{g.Name}, nil
}

func groupMsg(w *World, c Caller, name string) string {
	if g := w.fleet.groups[groupKey(c.Account, c.Region, name)]; g != nil {
		return fmt.Sprintf("min %d, max %d, desired %d", g.MinSize, g.MaxSize, g.DesiredCapacity)
	}
	return ""
}

// applyGroupInput checks a create or update request and applies it to g,
// which a failed check leaves unchanged.
func (w *World) applyGroupInput(c Caller, g *AutoScalingGroup, in AutoScalingGroupInput, creating bool) error {
	n := g.clone()
	if in.LaunchTemplate != nil {
		lt, err := w.findTemplate(c, in.LaunchTemplate.LaunchTemplateId, in.LaunchTemplate.LaunchTemplateName)
		if err != nil {
			return errf(ValidationError, "%s", err.(*Error).Message)
		}
		if _, err := lt.version(in.LaunchTemplate.Version); err != nil {
			return errf(ValidationError, "%s", err.(*Error).Message)
		}
		n.LaunchTemplate = LaunchTemplateSpecification{LaunchTemplateId: lt.ID, LaunchTemplateName: lt.Name, Version: cmp.Or(in.LaunchTemplate.Version, VersionDefault)}
	}
	if in.MinSize != nil {
		n.MinSize = *in.MinSize
	}
	if in.MaxSize != nil {
		n.MaxSize = *in.MaxSize
	}
	if in.DesiredCapacity != nil {
		n.DesiredCapacity = *in.DesiredCapacity
	} else if !creating {
		n.DesiredCapacity = min(max(n.DesiredCapacity, n.MinSize), n.MaxSize)
	}
	zones := in.AvailabilityZones
	if in.VPCZoneIdentifier != "" {
		zones = nil
		for _, s := range strings.Split(in.VPCZoneIdentifier, ",") {
			az, err := w.subnetAZ(c, strings.TrimSpace(s))
			if err != nil {
				return errf(ValidationError, "The subnet ID '%s' does not exist", strings.TrimSpace(s))
			}
			zones = append(zones, az)
		}
	}
	if zones != nil {
		r, _ := w.cat.Region(c.Region)
		for _, az := range zones {
			if !slices.Contains(r.AZs, az) {
				return errf(ValidationError, "The availability zone %s is not legal for this call (zones of %s: %s)", az, c.Region, strings.Join(r.AZs, ", "))
			}
		}
		n.AvailabilityZones = slices.Compact(slices.Clone(zones))
	}
	if len(n.AvailabilityZones) == 0 {
		return errf(ValidationError, "At least one Availability Zone or VPC Subnet is required.")
	}
	switch in.HealthCheckType {
	case "":
	case HealthCheckEC2, HealthCheckELB:
		n.HealthCheckType = in.HealthCheckType
	default:
		return errf(ValidationError, "Invalid health check type '%s' (valid: EC2, ELB)", in.HealthCheckType)
	}
	if in.HealthCheckGracePeriod != nil {
		if *in.HealthCheckGracePeriod < 0 {
			return errf(ValidationError, "HealthCheckGracePeriod cannot be negative")
		}
		n.HealthCheckGracePeriod = *in.HealthCheckGracePeriod
	}
	if in.DefaultInstanceWarmup != nil {
		v := *in.DefaultInstanceWarmup
		if v < 0 {
			return errf(ValidationError, "DefaultInstanceWarmup cannot be negative")
		}
		n.DefaultInstanceWarmup = &v
	}
	for _, ref := range in.TargetGroupARNs {
		tg, err := w.findTargetGroup(c, ref)
		if err != nil {
			return errf(ValidationError, "Provided Target Groups may not be valid. Please ensure they exist and try again. (%s)", ref)
		}
		if !slices.Contains(n.TargetGroupARNs, tg.ARN) {
			n.TargetGroupARNs = append(n.TargetGroupARNs, tg.ARN)
		}
	}
	for _, t := range in.Tags {
		n.Tags.Set(t.Key, t.Value)
	}
	switch {
	case n.MinSize < 0 || n.MaxSize < 0:
		return errf(ValidationError, "MinSize and MaxSize cannot be negative")
	case n.MinSize > n.MaxSize:
		return errf(ValidationError, "Max bound, %d, must be greater than or equal to min bound, %d", n.MaxSize, n.MinSize)
	case n.DesiredCapacity > n.MaxSize:
		return errf(ValidationError, "Desired capacity:%d must be between the specified min size:%d and max size:%d", n.DesiredCapacity, n.MinSize, n.MaxSize)
	case n.DesiredCapacity < n.MinSize:
		return errf(ValidationError, "Desired capacity:%d must be between the specified min size:%d and max size:%d", n.DesiredCapacity, n.MinSize, n.MaxSize)
	}
	added := slices.DeleteFunc(slices.Clone(n.TargetGroupARNs), func(a string) bool { return slices.Contains(g.TargetGroupARNs, a) })
	*g = n
	for _, arn := range added {
		w.registerMembers(g, w.fleet.targets[arn])
	}
	return nil
}

// UpdateAutoScalingGroup changes a group's settings; what the request
// leaves out stays. A new launch template version applies to launches from
// now on: running members keep theirs.
func (w *World) UpdateAutoScalingGroup(c Caller, in AutoScalingGroupInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("UpdateAutoScalingGroup", c, in.AutoScalingGroupName, err, groupMsg(w, c, in.AutoScalingGroupName))
	}()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	was := g.DesiredCapacity
	if err := w.applyGroupInput(c, g, in, false); err != nil {
		return out, err
	}
	w.reconcile(g, fmt.Sprintf("At %s a user request update of AutoScalingGroup constraints to min: %d, max: %d, desired: %d changing the desired capacity from %d to %d.",
		w.isoTime(w.Now()), g.MinSize, g.MaxSize, g.DesiredCapacity, was, g.DesiredCapacity))
	return out, nil
}

// SetDesiredCapacity sets the desired capacity, within min and max.
func (w *World) SetDesiredCapacity(c Caller, in SetDesiredCapacityInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("SetDesiredCapacity", c, in.AutoScalingGroupName, err, fmt.Sprintf("desired %d", in.DesiredCapacity))
	}()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	switch {
	case in.DesiredCapacity > g.MaxSize:
		return out, errf(ValidationError, "New SetDesiredCapacity value %d is above max value %d for the AutoScalingGroup.", in.DesiredCapacity, g.MaxSize)
	case in.DesiredCapacity < g.MinSize:
		return out, errf(ValidationError, "New SetDesiredCapacity value %d is below min value %d for the AutoScalingGroup.", in.DesiredCapacity, g.MinSize)
	}
	was := g.DesiredCapacity
	g.DesiredCapacity = in.DesiredCapacity
	w.reconcile(g, fmt.Sprintf("At %s a user request explicitly set group desired capacity changing the desired capacity from %d to %d.", w.isoTime(w.Now()), was, g.DesiredCapacity))
	return out, nil
}

// AttachLoadBalancerTargetGroups attaches target groups: the members are
// registered now, and every instance launched later at InService.
func (w *World) AttachLoadBalancerTargetGroups(c Caller, in AttachTargetGroupsInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("AttachLoadBalancerTargetGroups", c, in.AutoScalingGroupName, err, "") }()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	if len(in.TargetGroupARNs) == 0 {
		return out, errf(ValidationError, "TargetGroupARNs is required")
	}
	return out, w.applyGroupInput(c, g, AutoScalingGroupInput{TargetGroupARNs: in.TargetGroupARNs}, false)
}

// DeleteAutoScalingGroup deletes a group. Without ForceDelete it must have
// no instances (set min and desired to 0 first); with it, its instances
// are terminated.
func (w *World) DeleteAutoScalingGroup(c Caller, in DeleteAutoScalingGroupInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteAutoScalingGroup", c, in.AutoScalingGroupName, err, "") }()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	if !in.ForceDelete {
		if len(g.Instances) > 0 && g.Count(LifecycleTerminating) == len(g.Instances) {
			return out, errf(ScalingActivityInProgress, "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.")
		}
		if len(g.Instances) > 0 {
			return out, errf(ResourceInUse, "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.")
		}
	}
	for _, m := range g.Instances {
		delete(w.fleet.memberOf, m.InstanceId)
		if inst := w.instances[m.InstanceId]; inst != nil {
			w.leaveTargets(g, m.InstanceId)
			w.beginTerminate(inst, scalingDeleted, InitiatorService)
		}
	}
	w.eng.Cancel(g.tick)
	for _, a := range g.ScheduledActions {
		w.eng.Cancel(a.event)
	}
	delete(w.fleet.groups, g.key())
	return out, nil
}

// DescribeAutoScalingGroups lists the caller's groups in the region, in
// creation order; a name that matches no group is left out, as AWS does.
func (w *World) DescribeAutoScalingGroups(c Caller, in DescribeAutoScalingGroupsInput) (out DescribeAutoScalingGroupsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeAutoScalingGroups", c, "", err, listed(len(out.AutoScalingGroups), "Auto Scaling group", nil))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, n := range in.AutoScalingGroupNames {
		want[w.resolve(n)] = true
	}
	out.AutoScalingGroups = []GroupInfo{}
	for _, g := range sortedBySeq(w.fleet.groups, func(g *AutoScalingGroup) int64 { return g.seq }) {
		if g.Owner != c.Account || g.Region != c.Region || (len(want) > 0 && !want[g.Name]) {
			continue
		}
		info := GroupInfo{AutoScalingGroupName: g.Name, AutoScalingGroupARN: g.ARN, LaunchTemplate: g.LaunchTemplate, MinSize: g.MinSize,
			MaxSize: g.MaxSize, DesiredCapacity: g.DesiredCapacity, AvailabilityZones: slices.Clone(g.AvailabilityZones),
			HealthCheckType: g.HealthCheckType, HealthCheckGracePeriod: g.HealthCheckGracePeriod, TargetGroupARNs: slices.Clone(g.TargetGroupARNs),
			Instances: []GroupInstanceInfo{}, CreatedTime: w.isoTime(g.CreatedTime)}
		for _, m := range g.Instances {
			spec := g.LaunchTemplate
			spec.Version = strconv.FormatInt(m.TemplateVersion, 10)
			info.Instances = append(info.Instances, GroupInstanceInfo{m.InstanceId, m.AvailabilityZone, m.LifecycleState, m.HealthStatus, spec})
		}
		out.AutoScalingGroups = append(out.AutoScalingGroups, info)
	}
	return out, nil
}

// DescribeScalingActivities lists a group's activities, newest first (at
// most MaxRecords, default 100).
func (w *World) DescribeScalingActivities(c Caller, in GroupNameInput) (out DescribeScalingActivitiesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeScalingActivities", c, in.AutoScalingGroupName, err, listed(len(out.Activities), "activity record", nil))
	}()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	limit := cmp.Or(in.MaxRecords, 100)
	out.Activities = []ActivityInfo{}
	for i := len(g.Activities) - 1; i >= 0 && len(out.Activities) < limit; i-- {
		a := g.Activities[i]
		info := ActivityInfo{a.ActivityId, g.Name, a.Description, a.Cause, w.isoTime(a.StartTime), "", a.StatusCode, a.StatusMessage}
		if a.StatusCode != ActivityInProgress {
			info.EndTime = w.isoTime(a.EndTime)
		}
		out.Activities = append(out.Activities, info)
	}
	return out, nil
}

// PutScheduledUpdateGroupAction creates or replaces a scheduled action:
// at StartTime (once), or on every match of Recurrence after StartTime (or
// after now), the group's min, max and desired become those given.
func (w *World) PutScheduledUpdateGroupAction(c Caller, in PutScheduledUpdateGroupActionInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("PutScheduledUpdateGroupAction", c, in.AutoScalingGroupName, err, in.ScheduledActionName)
	}()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	if in.ScheduledActionName == "" {
		return out, errf(ValidationError, "ScheduledActionName is required")
	}
	if in.MinSize == nil && in.MaxSize == nil && in.DesiredCapacity == nil {
		return out, errf(ValidationError, "At least one of MinSize, MaxSize or DesiredCapacity must be specified.")
	}
	a := ScheduledAction{Name: in.ScheduledActionName, Recurrence: in.Recurrence, MinSize: in.MinSize, MaxSize: in.MaxSize, DesiredCapacity: in.DesiredCapacity}
	a.StartTime = w.Now()
	if in.StartTime != "" {
		t, err := time.Parse(time.RFC3339, in.StartTime)
		if err != nil {
			return out, errf(ValidationError, "Given start time %q is not in ISO 8601 format (for example 2026-01-05T08:00:00Z)", in.StartTime)
		}
		a.StartTime = w.Clock().Of(t)
		if a.StartTime < w.Now() && in.Recurrence == "" {
			return out, errf(ValidationError, "Given start time is in the past")
		}
	}
	if in.Recurrence != "" {
		if err := a.parseCron(in.Recurrence); err != nil {
			return out, err
		}
		a.recurring = true
		a.next = w.nextCron(&a, max(a.StartTime, w.Now()))
	} else {
		a.next = a.StartTime
	}
	if i := slices.IndexFunc(g.ScheduledActions, func(x ScheduledAction) bool { return x.Name == a.Name }); i >= 0 {
		w.eng.Cancel(g.ScheduledActions[i].event)
		g.ScheduledActions = slices.Delete(g.ScheduledActions, i, i+1)
	}
	if a.next >= 0 {
		a.event = w.afterFleet(a.next-w.Now(), fleetScheduled, g.key()+"\n"+a.Name)
	}
	g.ScheduledActions = append(g.ScheduledActions, a)
	return out, nil
}

// PutScalingPolicy creates or replaces a target-tracking policy that keeps
// ALBRequestCountPerTarget near TargetValue.
func (w *World) PutScalingPolicy(c Caller, in PutScalingPolicyInput) (out PutScalingPolicyOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("PutScalingPolicy", c, in.AutoScalingGroupName, err, in.PolicyName) }()
	if err != nil {
		return out, err
	}
	g, err := w.findGroup(c, in.AutoScalingGroupName)
	if err != nil {
		return out, err
	}
	tt := in.TargetTrackingConfiguration
	switch {
	case in.PolicyName == "":
		return out, errf(ValidationError, "PolicyName is required")
	case in.PolicyType != "TargetTrackingScaling":
		return out, errf(ValidationError, "PolicyType %q is not modelled: the simulator has TargetTrackingScaling policies only", in.PolicyType)
	case tt == nil || tt.PredefinedMetricSpecification == nil:
		return out, errf(ValidationError, "TargetTrackingConfiguration with a PredefinedMetricSpecification is required")
	case tt.PredefinedMetricSpecification.PredefinedMetricType != "ALBRequestCountPerTarget":
		return out, errf(ValidationError, "PredefinedMetricType %q is not modelled: the simulator tracks ALBRequestCountPerTarget, from the request rate a scenario sets (SetRequestRate)", tt.PredefinedMetricSpecification.PredefinedMetricType)
	case tt.TargetValue <= 0:
		return out, errf(ValidationError, "TargetValue must be greater than 0")
	}
	arn, err := w.policyTargetGroup(c, g, tt.PredefinedMetricSpecification.ResourceLabel)
	if err != nil {
		return out, err
	}
	p := ScalingPolicy{Name: in.PolicyName, TargetValue: tt.TargetValue, TargetGroupARN: arn, DisableScaleIn: tt.DisableScaleIn, EstimatedInstanceWarmup: in.EstimatedInstanceWarmup}
	if i := slices.IndexFunc(g.Policies, func(x ScalingPolicy) bool { return x.Name == p.Name }); i >= 0 {
		g.Policies[i] = p
	} else {
		g.Policies = append(g.Policies, p)
	}
	out.PolicyARN = fmt.Sprintf("arn:aws:autoscaling:%s:%s:scalingPolicy:%s:autoScalingGroupName/%s:policyName/%s", g.Region, g.Owner, w.uuid(), g.Name, p.Name)
	return out, nil
}

// policyTargetGroup finds the target group a policy's ResourceLabel names.
func (w *World) policyTargetGroup(c Caller, g *AutoScalingGroup, label string) (string, error) {
	if label == "" {
		if len(g.TargetGroupARNs) != 1 {
			return "", errf(ValidationError, "ResourceLabel is required: the group has %d target groups", len(g.TargetGroupARNs))
		}
		return g.TargetGroupARNs[0], nil
	}
	var tg *TargetGroup
	if i := strings.Index(label, "targetgroup/"); i >= 0 {
		for _, arn := range g.TargetGroupARNs {
			if strings.HasSuffix(arn, label[i:]) || strings.Contains(label[i:]+"/", "targetgroup/"+w.fleet.targets[arn].Name+"/") {
				tg = w.fleet.targets[arn]
			}
		}
	} else if x, err := w.findTargetGroup(c, label); err == nil {
		tg = x
	}
	if tg == nil || !slices.Contains(g.TargetGroupARNs, tg.ARN) {
		return "", errf(ValidationError, "ResourceLabel %q does not name a target group attached to %s", label, g.Name)
	}
	return tg.ARN, nil
}

// ---- lookups -----------------------------------------------------------------

func (w *World) findGroup(c Caller, ref string) (*AutoScalingGroup, error) {
	if ref == "" {
		return nil, errf(ValidationError, "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null")
	}
	g := w.fleet.groups[groupKey(c.Account, c.Region, w.resolve(ref))]
	if g == nil {
		return nil, errf(ValidationError, "AutoScalingGroup name not found - AutoScalingGroup '%s' not found", ref)
	}
	return g, nil
}

// AutoScalingGroup returns a copy of a group, by name (or scenario name),
// the oldest of that name when several accounts or regions have one.
func (w *World) AutoScalingGroup(ref string) (AutoScalingGroup, bool) {
	name := w.resolve(ref)
	for _, g := range sortedBySeq(w.fleet.groups, func(g *AutoScalingGroup) int64 { return g.seq }) {
		if g.Name == name {
			return g.clone(), true
		}
	}
	return AutoScalingGroup{}, false
}

// Launched lists every instance the group's kept history says it
// launched, oldest first: what its cost is the sum of.
func (g AutoScalingGroup) Launched() []string {
	var ids []string
	for _, a := range g.Activities {
		if id, ok := strings.CutPrefix(a.Description, launchingPrefix); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// launchingPrefix begins the description of a launch activity, as AWS words it.
const launchingPrefix = "Launching a new EC2 instance: "

// ---- keeping the desired capacity --------------------------------------------

// reconcile launches or terminates until the group's capacity is its
// desired capacity, then evens out the zones. cause is the history's
// wording of why.
func (w *World) reconcile(g *AutoScalingGroup, cause string) {
	if g.rebalancing && g.Count(LifecyclePending) == 0 {
		g.rebalancing = false
		// The rebalancing launch is InService: now one goes from the
		// fullest zone, which the termination policy picks.
		if g.capacity() > g.DesiredCapacity {
			w.scaleIn(g, g.capacity()-g.DesiredCapacity, fmt.Sprintf("At %s an instance was taken out of service in response to an Availability Zone rebalancing.", w.isoTime(w.Now())))
		}
	}
	if g.rebalancing {
		return
	}
	cause = strings.TrimSpace(cause + " ")
	switch have := g.capacity(); {
	case have < g.DesiredCapacity:
		for i := have; i < g.DesiredCapacity; i++ {
			if !w.launchMember(g, "", fmt.Sprintf("%s At %s an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %d to %d.",
				cause, w.isoTime(w.Now()), have, g.DesiredCapacity)) {
				break
			}
		}
	case have > g.DesiredCapacity:
		w.scaleIn(g, have-g.DesiredCapacity, fmt.Sprintf("%s At %s an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from %d to %d.",
			cause, w.isoTime(w.Now()), have, g.DesiredCapacity))
	default:
		w.rebalance(g)
	}
}

// usableZones are the group's zones that can take a launch now.
func (w *World) usableZones(g *AutoScalingGroup) []string {
	return slices.DeleteFunc(slices.Clone(g.AvailabilityZones), func(az string) bool { return w.impairedAZ[az] })
}

// zoneCounts counts the members that count toward capacity, per zone.
func (g *AutoScalingGroup) zoneCounts() map[string]int {
	n := map[string]int{}
	for _, m := range g.Instances {
		if m.LifecycleState != LifecycleTerminating {
			n[m.AvailabilityZone]++
		}
	}
	return n
}

// rebalance launches one instance in the emptiest zone when the zones
// differ by more than one, as AWS does after a zone comes back: launch
// first, then terminate in the fullest zone, so capacity never dips.
func (w *World) rebalance(g *AutoScalingGroup) {
	zones := w.usableZones(g)
	if len(zones) < 2 || g.Count(LifecyclePending) > 0 || g.DesiredCapacity == 0 {
		return
	}
	n := g.zoneCounts()
	lo, hi := zones[0], zones[0]
	for _, az := range zones {
		if n[az] < n[lo] {
			lo = az
		}
		if n[az] > n[hi] {
			hi = az
		}
	}
	if n[hi]-n[lo] <= 1 {
		return
	}
	if w.launchMember(g, lo, fmt.Sprintf("At %s an instance was launched to aid in balancing the group's zones.", w.isoTime(w.Now()))) {
		g.rebalancing = true
	}
}

// launchMember launches one instance from the group's template into az, or
// into the usable zone with the fewest members. A launch that fails there
// is tried in the other zones; it reports whether one succeeded, and a
// launch that fails everywhere is a Failed activity.
func (w *World) launchMember(g *AutoScalingGroup, az, cause string) bool {
	zones := w.usableZones(g)
	if len(zones) == 0 {
		zones = slices.Clone(g.AvailabilityZones)
	}
	n := g.zoneCounts()
	slices.SortStableFunc(zones, func(a, b string) int { return cmp.Compare(n[a], n[b]) })
	if az != "" {
		zones = append([]string{az}, slices.DeleteFunc(zones, func(z string) bool { return z == az })...)
	}
	c := Caller{Account: g.Owner, Region: g.Region}
	spec := LaunchTemplateSpecification{LaunchTemplateId: g.LaunchTemplate.LaunchTemplateId, Version: g.LaunchTemplate.Version}
	// The group chooses the zone and adds its own tags; the rest of the
	// template's placement (group, tenancy) and its tags, the volumes'
	// included, still apply. A group tag wins over a template tag of the
	// same key, as it comes later (S99).
	var base LaunchTemplateData
	if lt, err := w.findTemplate(c, spec.LaunchTemplateId, ""); err == nil {
		if v, err := lt.version(spec.Version); err == nil {
			base = v.Data
		}
	} // else fromTemplate reports it below
	var last error
	for _, z := range zones {
		pl := Placement{AvailabilityZone: z}
		if base.Placement != nil {
			pl = *base.Placement
			pl.AvailabilityZone = z
		}
		tags := append(slices.Clone(base.TagSpecifications),
			TagSpecification{ResourceType: "instance", Tags: append(slices.Clone(g.Tags), Tag{"aws:autoscaling:groupName", g.Name})})
		in := RunInstancesInput{LaunchTemplate: &spec, MinCount: 1, MaxCount: 1, Placement: &pl, TagSpecifications: tags}
		full, err := w.fromTemplate(c, in)
		var p *launchPlan
		if err == nil {
			p, err = w.planLaunch(c, full)
		}
		if err != nil {
			last = err
			continue
		}
		inst := w.launchOne(c, p)
		version, _ := strconv.ParseInt(inst.Tags.Get("aws:ec2launchtemplate:version"), 10, 64)
		act := w.activity(g, launchingPrefix+inst.ID, cause, ActivityInProgress, "")
		g.Instances = append(g.Instances, GroupInstance{InstanceId: inst.ID, AvailabilityZone: z, LifecycleState: LifecyclePending,
			HealthStatus: Healthy, TemplateVersion: version, activity: act})
		w.fleet.memberOf[inst.ID] = g.key()
		w.groupNote(g, fmt.Sprintf("launching %s in %s (capacity %d of %d)", inst.ID, z, g.capacity(), g.DesiredCapacity))
		return true
	}
	msg := apiError(last)
	w.activity(g, "Launching a new EC2 instance.  Status Reason: "+msg.Message, cause, ActivityFailed, string(msg.Code)+": "+msg.Message)
	w.groupNote(g, fmt.Sprintf("launch failed: %s", msg.Code))
	return false
}

// scaleIn takes n members out of service by the default termination
// policy: from the zone with the most members, then those on the oldest
// template version, then the oldest instance (where AWS chooses at random
// among the rest, the simulator chooses the oldest, to stay deterministic).
func (w *World) scaleIn(g *AutoScalingGroup, n int, cause string) {
	for ; n > 0; n-- {
		counts := g.zoneCounts()
		best := -1
		for i, m := range g.Instances {
			if m.LifecycleState == LifecycleTerminating {
				continue
			}
			if best < 0 {
				best = i
				continue
			}
			b := g.Instances[best]
			if c := cmp.Or(cmp.Compare(counts[m.AvailabilityZone], counts[b.AvailabilityZone]), cmp.Compare(b.TemplateVersion, m.TemplateVersion)); c > 0 {
				best = i
			}
		}
		if best < 0 {
			return
		}
		w.retireMember(g, best, cause, false)
	}
}

// retireMember moves a member to Terminating: it leaves its target groups
// (draining for their deregistration delay) and is terminated then, or at
// once when it is unhealthy or in no target group.
func (w *World) retireMember(g *AutoScalingGroup, i int, cause string, unhealthy bool) {
	m := &g.Instances[i]
	if m.LifecycleState == LifecyclePending || m.LifecycleState == LifecycleInService {
		w.closeActivity(g, m.activity, ActivitySuccessful, "")
	}
	m.LifecycleState = LifecycleTerminating
	if unhealthy {
		m.HealthStatus = Unhealthy
	}
	m.activity = w.activity(g, "Terminating EC2 instance: "+m.InstanceId, cause, ActivityInProgress, "")
	drain := w.leaveTargets(g, m.InstanceId)
	w.groupNote(g, fmt.Sprintf("terminating %s in %s", m.InstanceId, m.AvailabilityZone))
	inst := w.instances[m.InstanceId]
	switch {
	case inst == nil:
		w.memberGone(g, m.InstanceId)
	case drain > 0 && !unhealthy && inst.State == Running:
		w.afterFleet(drain, fleetTerminate, inst.ID)
	default:
		w.beginTerminate(inst, scalingTerminated, InitiatorService)
	}
}

// onDrained terminates a scaled-in member once its targets have drained.
func (w *World) onDrained(id string) {
	if inst := w.instances[id]; inst != nil {
		if _, ok := w.fleet.memberOf[id]; ok {
			w.beginTerminate(inst, scalingTerminated, InitiatorService)
		}
	}
}

// leaveTargets deregisters a member from the group's target groups and
// returns the longest deregistration delay among them.
func (w *World) leaveTargets(g *AutoScalingGroup, id string) sim.Time {
	var d sim.Time
	for _, arn := range g.TargetGroupARNs {
		if tg := w.fleet.targets[arn]; tg != nil && tg.target(id) != nil {
			w.deregister(tg, id)
			d = max(d, sim.Time(tg.DeregistrationDelay)*sim.Second)
		}
	}
	return d
}

// registerMembers registers the group's InService members with a target
// group just attached.
func (w *World) registerMembers(g *AutoScalingGroup, tg *TargetGroup) {
	for _, m := range g.Instances {
		if m.LifecycleState == LifecycleInService {
			w.register(tg, m.InstanceId, g.Name)
		}
	}
}

// memberChanged follows a member's instance: running makes a Pending
// member InService (registered with the target groups, warming up);
// terminated ends a Terminating member, or tells the group it has lost one.
func (w *World) memberChanged(g *AutoScalingGroup, inst *Instance, from InstanceState) {
	i := slices.IndexFunc(g.Instances, func(m GroupInstance) bool { return m.InstanceId == inst.ID })
	if i < 0 {
		return
	}
	m := &g.Instances[i]
	switch {
	case inst.State == Running && m.LifecycleState == LifecyclePending:
		m.LifecycleState, m.InServiceAt = LifecycleInService, w.Now()
		m.WarmUntil = w.Now() + sim.Time(w.warmup(g))*sim.Second
		w.closeActivity(g, m.activity, ActivitySuccessful, "")
		for _, arn := range g.TargetGroupARNs {
			if tg := w.fleet.targets[arn]; tg != nil {
				w.register(tg, inst.ID, g.Name)
			}
		}
		w.groupNote(g, fmt.Sprintf("%s is InService in %s", inst.ID, m.AvailabilityZone))
	case inst.State == Terminated:
		if m.LifecycleState == LifecyclePending {
			w.closeActivity(g, m.activity, ActivityFailed, inst.StateReason.Message)
		}
		w.memberGone(g, inst.ID)
	}
}

// memberGone removes a member whose instance has terminated.
func (w *World) memberGone(g *AutoScalingGroup, id string) {
	i := slices.IndexFunc(g.Instances, func(m GroupInstance) bool { return m.InstanceId == id })
	if i < 0 {
		return
	}
	if g.Instances[i].LifecycleState == LifecycleTerminating {
		w.closeActivity(g, g.Instances[i].activity, ActivitySuccessful, "")
	}
	g.Instances = slices.Delete(g.Instances, i, i+1)
	delete(w.fleet.memberOf, id)
}

func (w *World) warmup(g *AutoScalingGroup) int {
	if g.DefaultInstanceWarmup != nil {
		return *g.DefaultInstanceWarmup
	}
	for _, p := range g.Policies {
		if p.EstimatedInstanceWarmup > 0 {
			return p.EstimatedInstanceWarmup
		}
	}
	return defaultWarmup
}

// ---- the group's minute ------------------------------------------------------

// onGroupTick is a group's minute: health checks, then target tracking,
// then the desired capacity.
func (w *World) onGroupTick(key string) {
	g := w.fleet.groups[key]
	if g == nil {
		return
	}
	g.tick = w.afterFleet(sim.Minute, fleetGroupTick, key)
	w.checkHealth(g)
	cause := w.track(g)
	w.reconcile(g, cause)
}

// checkHealth replaces the members that fail a health check: EC2's (the
// instance is not running, or its status check is impaired) and, for an
// ELB group, the target groups' (unhealthy in any). Apart from an
// instance that is no longer running, no member is judged before its
// grace period since InService has passed.
func (w *World) checkHealth(g *AutoScalingGroup) {
	for i := 0; i < len(g.Instances); i++ {
		m := g.Instances[i]
		if m.LifecycleState != LifecycleInService {
			continue
		}
		inst := w.instances[m.InstanceId]
		graced := w.Now() >= m.InServiceAt+sim.Time(g.HealthCheckGracePeriod)*sim.Second
		why := ""
		switch {
		case inst == nil || (inst.State != Running && inst.State != Pending):
			why = "an EC2 health check indicating it has been terminated or stopped"
		case graced && inst.Status != "ok":
			why = "an EC2 health check indicating it has an impaired status"
		case graced && g.HealthCheckType == HealthCheckELB && w.failsELB(g, m.InstanceId):
			why = "an ELB system health check failure"
		}
		if why == "" {
			continue
		}
		g.Replaced++
		w.retireMember(g, i, fmt.Sprintf("At %s an instance was taken out of service in response to %s.", w.isoTime(w.Now()), why), true)
	}
}

func (w *World) failsELB(g *AutoScalingGroup, id string) bool {
	for _, arn := range g.TargetGroupARNs {
		if tg := w.fleet.targets[arn]; tg != nil {
			if t := tg.target(id); t != nil && t.State == TargetUnhealthy {
				return true
			}
		}
	}
	return false
}

// track runs the group's target-tracking policies on this minute's data
// point and returns the cause of a change, or "". The capacity that holds
// the metric at the target is ceil(requests per minute / target value); a
// policy scales out to it after scaleOutPoints minutes above the current
// desired capacity, and in after scaleInPoints minutes below, never while
// an instance is warming up, nor with DisableScaleIn.
func (w *World) track(g *AutoScalingGroup) string {
	cause := ""
	for i := range g.Policies {
		p := &g.Policies[i]
		tg := w.fleet.targets[p.TargetGroupARN]
		if tg == nil {
			continue
		}
		rpm := w.RequestsPerMinute(*tg)
		need := min(max(int(math.Ceil(float64(rpm)/p.TargetValue)), g.MinSize), g.MaxSize)
		switch {
		case need > g.DesiredCapacity:
			p.above, p.below = p.above+1, 0
		case need < g.DesiredCapacity:
			p.above, p.below = 0, p.below+1
		default:
			p.above, p.below = 0, 0
		}
		was := g.DesiredCapacity
		alarm := ""
		switch {
		case p.above >= scaleOutPoints:
			g.DesiredCapacity, alarm = need, "AlarmHigh"
		case p.below >= scaleInPoints && !p.DisableScaleIn && !w.warming(g):
			g.DesiredCapacity, alarm = need, "AlarmLow"
		}
		if alarm != "" {
			p.above, p.below = 0, 0
			cause = fmt.Sprintf("At %s a monitor alarm TargetTracking-%s-%s in state ALARM triggered policy %s changing the desired capacity from %d to %d.",
				w.isoTime(w.Now()), g.Name, alarm, p.Name, was, g.DesiredCapacity)
			w.groupNote(g, fmt.Sprintf("target tracking (%d requests/min, target %g per instance): desired %d → %d", rpm, p.TargetValue, was, g.DesiredCapacity))
		}
	}
	return cause
}

// warming reports whether a member is still in its warm-up.
func (w *World) warming(g *AutoScalingGroup) bool {
	for _, m := range g.Instances {
		if m.LifecycleState == LifecyclePending || m.LifecycleState == LifecycleInService && w.Now() < m.WarmUntil {
			return true
		}
	}
	return false
}

// ---- scheduled actions -------------------------------------------------------

func (w *World) onScheduledAction(id string) {
	key, name, _ := strings.Cut(id, "\n")
	g := w.fleet.groups[key]
	if g == nil {
		return
	}
	i := slices.IndexFunc(g.ScheduledActions, func(a ScheduledAction) bool { return a.Name == name })
	if i < 0 {
		return
	}
	a := &g.ScheduledActions[i]
	was := g.DesiredCapacity
	if a.MinSize != nil {
		g.MinSize = *a.MinSize
	}
	if a.MaxSize != nil {
		g.MaxSize = *a.MaxSize
	}
	if a.DesiredCapacity != nil {
		g.DesiredCapacity = *a.DesiredCapacity
	}
	g.DesiredCapacity = min(max(g.DesiredCapacity, g.MinSize), g.MaxSize)
	w.groupNote(g, fmt.Sprintf("scheduled action %s: min %d, max %d, desired %d → %d", a.Name, g.MinSize, g.MaxSize, was, g.DesiredCapacity))
	cause := fmt.Sprintf("At %s a scheduled action update of AutoScalingGroup constraints to min: %d, max: %d, desired: %d changing the desired capacity from %d to %d.",
		w.isoTime(w.Now()), g.MinSize, g.MaxSize, g.DesiredCapacity, was, g.DesiredCapacity)
	a.event = 0
	if a.recurring {
		a.next = w.nextCron(a, w.Now()+sim.Minute)
		if a.next >= 0 {
			a.event = w.afterFleet(a.next-w.Now(), fleetScheduled, id)
		}
	} else {
		g.ScheduledActions = slices.Delete(g.ScheduledActions, i, i+1) // a one-off action is gone once run
	}
	w.reconcile(g, cause)
}

// parseCron reads five cron fields (minute hour day-of-month month
// day-of-week); each is *, a number, a range a-b, or a list of those.
func (a *ScheduledAction) parseCron(s string) error {
	f := strings.Fields(s)
	bad := func() error {
		return errf(ValidationError, "Given recurrence %q is not a valid cron expression: write five fields, minute hour day-of-month month day-of-week, in UTC (for example \"0 8 * * *\")", s)
	}
	if len(f) != 5 {
		return bad()
	}
	lims := [5][2]int{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}}
	var out [5][]int
	for i, field := range f {
		if field == "*" {
			continue
		}
		for _, part := range strings.Split(field, ",") {
			lo, hi, isRange := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if isRange {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil || a < lims[i][0] || b > lims[i][1] || a > b {
				return bad()
			}
			for v := a; v <= b; v++ {
				if i == 4 && v == 7 {
					v = 0 // Sunday is 0 or 7
				}
				out[i] = append(out[i], v)
			}
		}
	}
	a.cronMin, a.cronHour, a.cronDom, a.cronMon, a.cronDow = out[0], out[1], out[2], out[3], out[4]
	return nil
}

// nextCron is the first minute at or after t that the recurrence matches,
// or -1 if none does within a year.
func (w *World) nextCron(a *ScheduledAction, t sim.Time) sim.Time {
	match := func(set []int, v int) bool { return set == nil || slices.Contains(set, v) }
	cal := w.Clock().At(t)
	start := cal.Truncate(time.Minute)
	if start.Before(cal) {
		start = start.Add(time.Minute)
	}
	for day := 0; day <= 366; day++ {
		d := time.Date(start.Year(), start.Month(), start.Day()+day, 0, 0, 0, 0, time.UTC)
		if !match(a.cronDom, d.Day()) || !match(a.cronMon, int(d.Month())) || !match(a.cronDow, int(d.Weekday())) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !match(a.cronHour, h) {
				continue
			}
			for m := 0; m < 60; m++ {
				if at := d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute); match(a.cronMin, m) && !at.Before(start) {
					return w.Clock().Of(at)
				}
			}
		}
	}
	return -1
}

// ---- history -------------------------------------------------------------------

// activity adds an entry to the group's history and returns its ID.
func (w *World) activity(g *AutoScalingGroup, desc, cause, status, msg string) string {
	a := ScalingActivity{ActivityId: w.uuid(), Description: desc, Cause: cause, StartTime: w.Now(), StatusCode: status, StatusMessage: msg}
	if status != ActivityInProgress {
		a.EndTime = w.Now()
	}
	g.Activities = append(g.Activities, a)
	if len(g.Activities) > keptActivities {
		g.Activities = slices.Delete(g.Activities, 0, len(g.Activities)-keptActivities)
	}
	return a.ActivityId
}

func (w *World) closeActivity(g *AutoScalingGroup, id, status, msg string) {
	for i := len(g.Activities) - 1; i >= 0; i-- {
		if a := &g.Activities[i]; a.ActivityId == id {
			if a.StatusCode == ActivityInProgress {
				a.StatusCode, a.StatusMessage, a.EndTime = status, msg, w.Now()
			}
			return
		}
	}
}

// groupNote puts what the group does in the event log.
func (w *World) groupNote(g *AutoScalingGroup, msg string) {
	if w.traces(TraceNote) {
		w.emit(TraceEvent{Kind: TraceNote, Action: "auto-scaling", Resource: g.Name, Region: g.Region, Message: msg})
	}
}
