package model

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// A target group is where an Application Load Balancer sends requests, and
// what it health-checks: every HealthCheckIntervalSeconds it asks each
// registered target; HealthyThresholdCount passes in a row make a target
// healthy, UnhealthyThresholdCount failures in a row unhealthy. A target
// being deregistered drains for the deregistration delay, 300 seconds by
// default (ELB User Guide, "Health checks for Application Load Balancer
// target groups",
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html,
// and "Deregistration delay",
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay).
//
// Only the target group is modelled, not the load balancer in front of it:
// what the lessons need is target health and the request rate the scenario
// says reaches it. A load balancer's own hourly and LCU charges are not on
// the bill (docs/decisions.md). A check passes while the instance is
// running, its OS has booted, its status check is ok and its application
// answers (ApplicationFailure stops it answering).

// Target health states and reasons, as DescribeTargetHealth spells them.
const (
	TargetInitial   = "initial"
	TargetHealthy   = "healthy"
	TargetUnhealthy = "unhealthy"
	TargetUnused    = "unused"
	TargetDraining  = "draining"

	reasonRegistering   = "Elb.RegistrationInProgress"
	reasonInitialChecks = "Elb.InitialHealthChecking"
	reasonResponseCode  = "Target.ResponseCodeMismatch"
	reasonTimeout       = "Target.Timeout"
	reasonInvalidState  = "Target.InvalidState"
	reasonDeregistering = "Target.DeregistrationInProgress"
)

// TargetGroup is an ELB target group of instances.
type TargetGroup struct {
	ARN, Name, Owner, Region string
	Protocol                 string
	Port                     int
	HealthCheckPath          string
	Interval                 int // seconds between checks
	HealthyThreshold         int
	UnhealthyThreshold       int
	DeregistrationDelay      int // seconds
	Targets                  []*Target
	Load                     RequestRate // what the scenario says reaches it
	checks                   sim.EventID // the next round of checks; 0 when none is due
	seq                      int64
}

// Target is one registered instance and its health.
type Target struct {
	ID                string // instance ID
	Port              int
	State             string
	Reason            string
	passes, fails     int      // consecutive results
	drainedAt         sim.Time // draining: when it leaves the group
	registeredThrough string   // the Auto Scaling group that registered it, "" if RegisterTargets did
}

// RequestRate is the demand a scenario describes for a target group:
// requests per minute, constant or by hour of the UTC day.
type RequestRate struct {
	PerMinute int
	Hourly    []int // 24 values, requests per minute during each hour; overrides PerMinute
}

// at is the rate at a calendar hour.
func (r RequestRate) at(hour int) int {
	if len(r.Hourly) == 24 {
		return r.Hourly[hour]
	}
	return r.PerMinute
}

func (tg *TargetGroup) clone() TargetGroup {
	c := *tg
	c.Targets = make([]*Target, len(tg.Targets))
	for i, t := range tg.Targets {
		x := *t
		c.Targets[i] = &x
	}
	c.Load.Hourly = slices.Clone(tg.Load.Hourly)
	return c
}

func (tg *TargetGroup) target(id string) *Target {
	for _, t := range tg.Targets {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// ---- requests and answers --------------------------------------------------

// CreateTargetGroupInput is the ELBv2 CreateTargetGroup request.
type CreateTargetGroupInput struct {
	Name                       string `yaml:"Name" json:"Name,omitempty"`
	Protocol                   string `yaml:"Protocol" json:"Protocol,omitempty"`
	Port                       int    `yaml:"Port" json:"Port,omitempty"`
	VpcId                      string `yaml:"VpcId" json:"VpcId,omitempty"`
	TargetType                 string `yaml:"TargetType" json:"TargetType,omitempty"`
	HealthCheckPath            string `yaml:"HealthCheckPath" json:"HealthCheckPath,omitempty"`
	HealthCheckIntervalSeconds int    `yaml:"HealthCheckIntervalSeconds" json:"HealthCheckIntervalSeconds,omitempty"`
	HealthyThresholdCount      int    `yaml:"HealthyThresholdCount" json:"HealthyThresholdCount,omitempty"`
	UnhealthyThresholdCount    int    `yaml:"UnhealthyThresholdCount" json:"UnhealthyThresholdCount,omitempty"`
}

// TargetGroupInfo is a target group as the API describes it.
type TargetGroupInfo struct {
	TargetGroupArn             string `json:"TargetGroupArn"`
	TargetGroupName            string `json:"TargetGroupName"`
	Protocol                   string `json:"Protocol"`
	Port                       int    `json:"Port"`
	VpcId                      string `json:"VpcId"`
	HealthCheckPath            string `json:"HealthCheckPath"`
	HealthCheckIntervalSeconds int    `json:"HealthCheckIntervalSeconds"`
	HealthyThresholdCount      int    `json:"HealthyThresholdCount"`
	UnhealthyThresholdCount    int    `json:"UnhealthyThresholdCount"`
	TargetType                 string `json:"TargetType"`
}

// CreateTargetGroupOutput answers CreateTargetGroup.
type CreateTargetGroupOutput struct {
	TargetGroups []TargetGroupInfo `json:"TargetGroups"`
}

// Created lists the target group's ARN, for scenario names.
func (o CreateTargetGroupOutput) Created() []string {
	var ids []string
	for _, tg := range o.TargetGroups {
		ids = append(ids, tg.TargetGroupArn)
	}
	return ids
}

// TargetDescription names a target.
type TargetDescription struct {
	Id   string `yaml:"Id" json:"Id"`
	Port int    `yaml:"Port" json:"Port,omitempty"`
}

// TargetsInput is the RegisterTargets, DeregisterTargets and
// DescribeTargetHealth request.
type TargetsInput struct {
	TargetGroupArn string              `yaml:"TargetGroupArn" json:"TargetGroupArn,omitempty"`
	Targets        []TargetDescription `yaml:"Targets" json:"Targets,omitempty"`
}

// TargetHealth is one target's health as DescribeTargetHealth answers.
type TargetHealth struct {
	State       string `json:"State"`
	Reason      string `json:"Reason,omitempty"`
	Description string `json:"Description,omitempty"`
}

// TargetHealthDescription is one target of DescribeTargetHealth's answer.
type TargetHealthDescription struct {
	Target          TargetDescription `json:"Target"`
	HealthCheckPort string            `json:"HealthCheckPort"`
	TargetHealth    TargetHealth      `json:"TargetHealth"`
}

// DescribeTargetHealthOutput answers DescribeTargetHealth.
type DescribeTargetHealthOutput struct {
	TargetHealthDescriptions []TargetHealthDescription `json:"TargetHealthDescriptions"`
}

// SetRequestRateInput is the load signal: how many requests per minute
// reach a target group, from now on. HourlyRequestsPerMinute, 24 values,
// gives the rate for each hour of the UTC day and repeats every day.
type SetRequestRateInput struct {
	TargetGroupArn          string `yaml:"TargetGroupArn" json:"TargetGroupArn,omitempty"`
	RequestsPerMinute       int    `yaml:"RequestsPerMinute" json:"RequestsPerMinute,omitempty"`
	HourlyRequestsPerMinute []int  `yaml:"HourlyRequestsPerMinute" json:"HourlyRequestsPerMinute,omitempty"`
}

// ApplicationFailureInput names the instance whose application stops
// answering: by ID, or as the oldest InService member of an Auto Scaling
// group (whose instances a scenario cannot name).
type ApplicationFailureInput struct {
	InstanceId           string `yaml:"InstanceId" json:"InstanceId,omitempty"`
	AutoScalingGroupName string `yaml:"AutoScalingGroupName" json:"AutoScalingGroupName,omitempty"`
}

// ---- the actions -----------------------------------------------------------

// CreateTargetGroup creates a target group of instances with the
// Application Load Balancer's health-check defaults: HTTP on the traffic
// port, path /, every 30 s, 5 passes to be healthy, 2 failures to be
// unhealthy (ELB API reference, CreateTargetGroup,
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).
func (w *World) CreateTargetGroup(c Caller, in CreateTargetGroupInput) (out CreateTargetGroupOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateTargetGroup", c, firstID(out.Created()), err, "") }()
	if err != nil {
		return out, err
	}
	switch {
	case in.Name == "":
		return out, errf(ValidationError, "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
	case len(in.Name) > 32 || !elbName(in.Name):
		return out, errf(ValidationError, "Target group name '%s' can have a maximum of 32 characters, contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen", in.Name)
	case in.TargetType != "" && in.TargetType != "instance":
		return out, errf(ValidationError, "TargetType %q is not modelled: the simulator has instance targets only", in.TargetType)
	}
	for _, tg := range w.fleet.targets {
		if tg.Name == in.Name && tg.Owner == c.Account && tg.Region == c.Region {
			return out, errf(DuplicateTargetGroupName, "A target group with the same name '%s' exists, but with different settings", in.Name)
		}
	}
	tg := &TargetGroup{Name: in.Name, Owner: c.Account, Region: c.Region, Protocol: in.Protocol, Port: in.Port,
		HealthCheckPath: in.HealthCheckPath, Interval: in.HealthCheckIntervalSeconds, HealthyThreshold: in.HealthyThresholdCount,
		UnhealthyThreshold: in.UnhealthyThresholdCount, DeregistrationDelay: 300, seq: w.nextSeq()}
	if tg.Protocol == "" {
		tg.Protocol = "HTTP"
	}
	if tg.Port == 0 {
		tg.Port = 80
	}
	if tg.HealthCheckPath == "" {
		tg.HealthCheckPath = "/"
	}
	tg.Interval = cmp.Or(tg.Interval, 30)
	tg.HealthyThreshold = cmp.Or(tg.HealthyThreshold, 5)
	tg.UnhealthyThreshold = cmp.Or(tg.UnhealthyThreshold, 2)
	switch {
	case tg.Interval < 5 || tg.Interval > 300:
		return out, errf(ValidationError, "Health check interval must be between 5 and 300 seconds (got %d)", tg.Interval)
	case tg.HealthyThreshold < 2 || tg.HealthyThreshold > 10 || tg.UnhealthyThreshold < 2 || tg.UnhealthyThreshold > 10:
		return out, errf(ValidationError, "Healthy and unhealthy threshold counts must be between 2 and 10")
	}
	tg.ARN = fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s", c.Region, c.Account, in.Name, w.uuid()[:8]+w.uuid()[:8])
	w.fleet.targets[tg.ARN] = tg
	return CreateTargetGroupOutput{[]TargetGroupInfo{tgInfo(tg)}}, nil
}

func elbName(s string) bool {
	if s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func tgInfo(tg *TargetGroup) TargetGroupInfo {
	return TargetGroupInfo{TargetGroupArn: tg.ARN, TargetGroupName: tg.Name, Protocol: tg.Protocol, Port: tg.Port,
		VpcId: defaultVpcID(tg.Owner, tg.Region), HealthCheckPath: tg.HealthCheckPath, HealthCheckIntervalSeconds: tg.Interval,
		HealthyThresholdCount: tg.HealthyThreshold, UnhealthyThresholdCount: tg.UnhealthyThreshold, TargetType: "instance"}
}

// RegisterTargets adds instances to a target group. Each starts initial and
// becomes healthy after HealthyThresholdCount checks in a row pass.
func (w *World) RegisterTargets(c Caller, in TargetsInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("RegisterTargets", c, w.resolve(in.TargetGroupArn), err, fmt.Sprintf("%d targets", len(in.Targets)))
	}()
	if err != nil {
		return out, err
	}
	tg, err := w.findTargetGroup(c, in.TargetGroupArn)
	if err != nil {
		return out, err
	}
	if len(in.Targets) == 0 {
		return out, errf(ValidationError, "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null")
	}
	var ids []string
	for _, t := range in.Targets {
		id := w.resolve(t.Id)
		inst, ok := w.instances[id]
		if !ok || inst.Owner != c.Account || inst.Region != c.Region {
			return out, errf(InvalidTarget, "The following targets are not valid instances: '%s'", t.Id)
		}
		if inst.State != Running && inst.State != Stopped && inst.State != Pending {
			return out, errf(InvalidTarget, "The following targets are not in a running state and cannot be registered: '%s'", id)
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		w.register(tg, id, "")
	}
	return out, nil
}

// register puts an instance in a target group (again, if it was draining).
func (w *World) register(tg *TargetGroup, id, group string) {
	if t := tg.target(id); t != nil {
		if t.State == TargetDraining {
			w.setTarget(tg, t, TargetInitial, reasonRegistering)
		}
		return
	}
	t := &Target{ID: id, Port: tg.Port, registeredThrough: group}
	tg.Targets = append(tg.Targets, t)
	w.setTarget(tg, t, TargetInitial, reasonRegistering)
	if tg.checks == 0 {
		tg.checks = w.afterFleet(sim.Time(tg.Interval)*sim.Second, fleetTargetCheck, tg.ARN)
	}
}

// DeregisterTargets takes instances out of a target group: they drain for
// the deregistration delay, then leave it.
func (w *World) DeregisterTargets(c Caller, in TargetsInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeregisterTargets", c, w.resolve(in.TargetGroupArn), err, "") }()
	if err != nil {
		return out, err
	}
	tg, err := w.findTargetGroup(c, in.TargetGroupArn)
	if err != nil {
		return out, err
	}
	for _, t := range in.Targets {
		if tg.target(w.resolve(t.Id)) == nil {
			return out, errf(InvalidTarget, "The following targets are not registered in target group %s: '%s'", tg.Name, t.Id)
		}
	}
	for _, t := range in.Targets {
		w.deregister(tg, w.resolve(t.Id))
	}
	return out, nil
}

func (w *World) deregister(tg *TargetGroup, id string) {
	t := tg.target(id)
	if t == nil || t.State == TargetDraining {
		return
	}
	t.drainedAt = w.Now() + sim.Time(tg.DeregistrationDelay)*sim.Second
	w.setTarget(tg, t, TargetDraining, reasonDeregistering)
}

// DescribeTargetHealth answers the health of a target group's targets (or
// of those asked for), in registration order.
func (w *World) DescribeTargetHealth(c Caller, in TargetsInput) (out DescribeTargetHealthOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeTargetHealth", c, w.resolve(in.TargetGroupArn), err, listed(len(out.TargetHealthDescriptions), "target", healthList(out)))
	}()
	if err != nil {
		return out, err
	}
	tg, err := w.findTargetGroup(c, in.TargetGroupArn)
	if err != nil {
		return out, err
	}
	out.TargetHealthDescriptions = []TargetHealthDescription{}
	for _, t := range tg.Targets {
		if len(in.Targets) > 0 && !slices.ContainsFunc(in.Targets, func(d TargetDescription) bool { return w.resolve(d.Id) == t.ID }) {
			continue
		}
		out.TargetHealthDescriptions = append(out.TargetHealthDescriptions, TargetHealthDescription{
			Target: TargetDescription{Id: t.ID, Port: t.Port}, HealthCheckPort: fmt.Sprint(t.Port),
			TargetHealth: TargetHealth{State: t.State, Reason: t.Reason, Description: reasonText[t.Reason]}})
	}
	return out, nil
}

func healthList(o DescribeTargetHealthOutput) []string {
	var s []string
	for _, d := range o.TargetHealthDescriptions {
		s = append(s, d.Target.Id+" "+d.TargetHealth.State)
	}
	return s
}

// reasonText is the description AWS gives with each reason.
var reasonText = map[string]string{
	reasonRegistering:   "Target registration is in progress",
	reasonInitialChecks: "Initial health checks in progress",
	reasonResponseCode:  "Health checks failed with these codes: [502]",
	reasonTimeout:       "Request timed out",
	reasonInvalidState:  "Target is in the stopped or terminated state",
	reasonDeregistering: "Target deregistration is in progress",
}

// SetRequestRate sets the demand that reaches a target group: the load
// signal target tracking scales on. It is the scenario's statement about
// the world, not an AWS API call.
func (w *World) SetRequestRate(c Caller, in SetRequestRateInput) (out struct{}, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("SetRequestRate", c, w.resolve(in.TargetGroupArn), err, "") }()
	if err != nil {
		return out, err
	}
	tg, err := w.findTargetGroup(c, in.TargetGroupArn)
	if err != nil {
		return out, err
	}
	if n := len(in.HourlyRequestsPerMinute); n != 0 && n != 24 {
		return out, errf(InvalidParameterValue, "HourlyRequestsPerMinute needs 24 values, one per hour of the UTC day (got %d)", n)
	}
	if in.RequestsPerMinute < 0 || slices.ContainsFunc(in.HourlyRequestsPerMinute, func(n int) bool { return n < 0 }) {
		return out, errf(InvalidParameterValue, "a request rate cannot be negative")
	}
	tg.Load = RequestRate{PerMinute: in.RequestsPerMinute, Hourly: slices.Clone(in.HourlyRequestsPerMinute)}
	return out, nil
}

// ApplicationFailure makes the application on an instance stop answering:
// the instance stays running and its EC2 status checks stay ok, but every
// load-balancer health check of it fails until the instance runs afresh
// (a stop and start) or is replaced.
func (w *World) ApplicationFailure(c Caller, in ApplicationFailureInput) error {
	c, err := w.caller(c)
	defer func() {
		w.apiDone("ApplicationFailure", c, cmp.Or(w.resolve(in.InstanceId), in.AutoScalingGroupName), err, "")
	}()
	if err != nil {
		return err
	}
	ref := in.InstanceId
	if ref == "" && in.AutoScalingGroupName != "" {
		g, err := w.findGroup(c, in.AutoScalingGroupName)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(g.Instances, func(m GroupInstance) bool { return m.LifecycleState == LifecycleInService })
		if i < 0 {
			return errf(IncorrectInstanceState, "Auto Scaling group %s has no InService instance.", g.Name)
		}
		ref = g.Instances[i].InstanceId
	}
	insts, err := w.instancesFor(c, []string{ref})
	if err != nil {
		return err
	}
	inst := insts[0]
	if inst.State != Running {
		return errf(IncorrectInstanceState, "The instance '%s' is not running, so no application runs on it.", inst.ID)
	}
	w.fleet.appDown(inst.ID, inst.RunningSince)
	w.emit(TraceEvent{Kind: TraceNote, Action: "app-failure", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
		Message: "the application stops answering; EC2 status checks still pass"})
	return nil
}

// ---- health checks ---------------------------------------------------------

// onTargetCheck runs one round of a target group's health checks and drops
// the targets that have finished draining.
func (w *World) onTargetCheck(arn string) {
	tg := w.fleet.targets[arn]
	if tg == nil {
		return
	}
	tg.checks = 0
	kept := tg.Targets[:0]
	for _, t := range tg.Targets {
		if t.State == TargetDraining {
			if w.Now() >= t.drainedAt {
				continue
			}
			kept = append(kept, t)
			continue
		}
		kept = append(kept, t)
		w.checkTarget(tg, t)
	}
	clear(tg.Targets[len(kept):])
	tg.Targets = kept
	if len(tg.Targets) > 0 {
		tg.checks = w.afterFleet(sim.Time(tg.Interval)*sim.Second, fleetTargetCheck, tg.ARN)
	}
}

func (w *World) checkTarget(tg *TargetGroup, t *Target) {
	inst, ok := w.instances[t.ID]
	if !ok || (inst.State != Running && inst.State != Pending) {
		t.passes, t.fails = 0, 0
		w.setTarget(tg, t, TargetUnused, reasonInvalidState)
		return
	}
	reason := ""
	switch {
	case inst.State != Running || !inst.Ready || inst.Status != "ok":
		reason = reasonTimeout
	case w.fleet.isAppDown(inst.ID, inst.RunningSince):
		reason = reasonResponseCode
	}
	if reason == "" {
		t.passes, t.fails = t.passes+1, 0
		if t.State != TargetHealthy && t.passes >= tg.HealthyThreshold {
			w.setTarget(tg, t, TargetHealthy, "")
		} else if t.State == TargetInitial {
			t.Reason = reasonInitialChecks
		} else if t.State == TargetUnused {
			w.setTarget(tg, t, TargetInitial, reasonInitialChecks)
		}
		return
	}
	t.passes, t.fails = 0, t.fails+1
	if t.State == TargetUnused {
		w.setTarget(tg, t, TargetInitial, reasonInitialChecks)
	}
	if t.State != TargetUnhealthy && t.fails >= tg.UnhealthyThreshold {
		w.setTarget(tg, t, TargetUnhealthy, reason)
	}
}

func (w *World) setTarget(tg *TargetGroup, t *Target, state, reason string) {
	from := t.State
	t.State, t.Reason = state, reason
	if from == state {
		return
	}
	if w.traces(TraceState) {
		msg := "in target group " + tg.Name
		if reason != "" {
			msg += ": " + reason
		}
		inst := w.instances[t.ID]
		ev := TraceEvent{Kind: TraceState, Action: "target", Resource: t.ID, Region: tg.Region, From: from, To: state, Message: msg}
		if inst != nil {
			ev.AZ = inst.AZ
		}
		w.emit(ev)
	}
}

// ---- lookups -----------------------------------------------------------------

// findTargetGroup finds the caller's target group by ARN or scenario name.
func (w *World) findTargetGroup(c Caller, ref string) (*TargetGroup, error) {
	if ref == "" {
		return nil, errf(ValidationError, "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null")
	}
	tg, ok := w.fleet.targets[w.resolve(ref)]
	if !ok || tg.Owner != c.Account || tg.Region != c.Region {
		return nil, errf(TargetGroupNotFound, "One or more target groups not found")
	}
	return tg, nil
}

// TargetGroup returns a copy of a target group, by ARN or scenario name.
func (w *World) TargetGroup(ref string) (TargetGroup, bool) {
	tg, ok := w.fleet.targets[w.resolve(ref)]
	if !ok {
		return TargetGroup{}, false
	}
	return tg.clone(), true
}

// RequestsPerMinute is the request rate that reaches a target group now.
func (w *World) RequestsPerMinute(tg TargetGroup) int {
	return tg.Load.at(w.Clock().At(w.Now()).Hour())
}

// Count is how many of the group's targets are in a state.
func (tg TargetGroup) Count(state string) int {
	n := 0
	for _, t := range tg.Targets {
		if t.State == state {
			n++
		}
	}
	return n
}

// appDown records that an instance's application has failed during its
// current run (a stop and start brings it back).
func (f *fleet) appDown(id string, since sim.Time) {
	if f.failedApps == nil {
		f.failedApps = map[string]sim.Time{}
	}
	f.failedApps[id] = since
}

func (f *fleet) isAppDown(id string, since sim.Time) bool {
	t, ok := f.failedApps[id]
	return ok && t == since
}
