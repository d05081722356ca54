package model

import (
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// CreateLifecyclePolicyInput is the Amazon Data Lifecycle Manager request
// (the DLM API, not EC2's), reduced to what an AMI policy needs: target
// instances by tag, create an AMI every Interval hours, keep the newest
// RetainRule.Count and deregister older ones, deleting their snapshots.
type CreateLifecyclePolicyInput struct {
	Description   string        `yaml:"Description" json:"Description,omitempty"`
	State         string        `yaml:"State" json:"State,omitempty"`
	PolicyDetails PolicyDetails `yaml:"PolicyDetails" json:"PolicyDetails"`
}

// PolicyDetails is the body of a lifecycle policy.
type PolicyDetails struct {
	PolicyType    string           `yaml:"PolicyType" json:"PolicyType"`
	ResourceTypes []string         `yaml:"ResourceTypes" json:"ResourceTypes,omitempty"`
	TargetTags    []Tag            `yaml:"TargetTags" json:"TargetTags"`
	Schedules     []PolicySchedule `yaml:"Schedules" json:"Schedules"`
	Parameters    *struct {
		NoReboot *bool `yaml:"NoReboot" json:"NoReboot,omitempty"`
	} `yaml:"Parameters" json:"Parameters,omitempty"`
}

// PolicySchedule says how often to create and how many to keep.
type PolicySchedule struct {
	Name       string `yaml:"Name" json:"Name,omitempty"`
	CreateRule struct {
		Interval     int    `yaml:"Interval" json:"Interval"`
		IntervalUnit string `yaml:"IntervalUnit" json:"IntervalUnit"`
	} `yaml:"CreateRule" json:"CreateRule"`
	RetainRule struct {
		Count int `yaml:"Count" json:"Count"`
	} `yaml:"RetainRule" json:"RetainRule"`
	CopyTags bool `yaml:"CopyTags" json:"CopyTags,omitempty"`
}

// PolicyOutput names the policy created.
type PolicyOutput struct {
	PolicyId string `json:"PolicyId"`
}

// Created lists the IDs the call created.
func (o PolicyOutput) Created() []string { return []string{o.PolicyId} }

// policy is an enabled AMI lifecycle policy.
type policy struct {
	ID       string
	Owner    string
	Region   string
	Targets  []Tag
	Every    sim.Time
	Keep     int
	NoReboot bool
	Runs     int
	images   map[string][]string // instance ID → the policy's images, oldest first
}

// CreateLifecyclePolicy enables an AMI policy in the caller's region. Its
// first run is one interval after creation.
func (w *World) CreateLifecyclePolicy(c Caller, in CreateLifecyclePolicyInput) (out PolicyOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateLifecyclePolicy", c, out.PolicyId, err, in.Description) }()
	if err != nil {
		return out, err
	}
	d := in.PolicyDetails
	switch {
	case d.PolicyType != "IMAGE_MANAGEMENT":
		return out, errf(InvalidParameterValue, "PolicyType %q: the simulator models AMI policies, PolicyType IMAGE_MANAGEMENT", d.PolicyType)
	case len(d.TargetTags) == 0:
		return out, errf(MissingParameter, "PolicyDetails.TargetTags: a policy targets instances by tag")
	case len(d.Schedules) != 1:
		return out, errf(InvalidParameterValue, "give exactly one schedule (DLM allows up to 4; the simulator one)")
	}
	s := d.Schedules[0]
	if s.CreateRule.IntervalUnit != "HOURS" || !slices.Contains([]int{1, 2, 3, 4, 6, 8, 12, 24}, s.CreateRule.Interval) {
		return out, errf(InvalidParameterValue, "CreateRule: Interval must be 1, 2, 3, 4, 6, 8, 12 or 24 with IntervalUnit HOURS")
	}
	if s.RetainRule.Count < 1 || s.RetainRule.Count > 1000 {
		return out, errf(InvalidParameterValue, "RetainRule.Count must be 1 to 1000")
	}
	if in.State != "" && in.State != "ENABLED" {
		return out, errf(InvalidParameterValue, "State %q: create the policy ENABLED", in.State)
	}
	p := &policy{ID: w.newID("policy"), Owner: c.Account, Region: c.Region, Targets: d.TargetTags,
		Every: sim.Time(s.CreateRule.Interval) * sim.Hour, Keep: s.RetainRule.Count, images: map[string][]string{}}
	// DLM's NoReboot defaults to true: a policy does not reboot its targets
	// unless told to.
	p.NoReboot = true
	if d.Parameters != nil && d.Parameters.NoReboot != nil {
		p.NoReboot = *d.Parameters.NoReboot
	}
	if w.policies == nil {
		w.policies = map[string]*policy{}
	}
	w.policies[p.ID] = p
	w.after(p.Every, evPolicyRun, p.ID)
	return PolicyOutput{p.ID}, nil
}

func (p *policy) targets(inst *Instance) bool {
	for _, t := range p.Targets {
		if inst.Tags.Get(t.Key) != t.Value {
			return false
		}
	}
	return true
}

// onPolicyRun images every targeted instance, then enforces retention:
// images past the newest Keep are deregistered and their snapshots deleted.
func (w *World) onPolicyRun(id string) {
	p := w.policies[id]
	p.Runs++
	c := Caller{Account: p.Owner, Region: p.Region}
	for _, inst := range w.sortedInstances() {
		if inst.Owner != p.Owner || inst.Region != p.Region || !p.targets(inst) ||
			(inst.State != Running && inst.State != Stopped) || inst.RootDeviceType != RootEBS {
			continue
		}
		name := fmt.Sprintf("%s-%s-run%d", p.ID, inst.ID, p.Runs)
		out, err := w.CreateImage(c, CreateImageInput{InstanceId: inst.ID, Name: name, NoReboot: p.NoReboot,
			Description: "Created by Data Lifecycle Manager policy " + p.ID})
		if err != nil {
			continue
		}
		w.images[out.ImageId].Tags.Set("dlm:managed", "true")
		p.images[inst.ID] = append(p.images[inst.ID], out.ImageId)
		for len(p.images[inst.ID]) > p.Keep {
			old := p.images[inst.ID][0]
			p.images[inst.ID] = p.images[inst.ID][1:]
			if im, ok := w.images[old]; ok && im.State != ImageDeregistered {
				w.DeregisterImage(c, DeregisterImageInput{ImageId: old, DeleteAssociatedSnapshots: true})
			}
		}
	}
	w.after(p.Every, evPolicyRun, p.ID)
}

// PolicyImages counts the images a policy currently retains.
func (w *World) PolicyImages(id string) (int, bool) {
	p, ok := w.policies[id]
	if !ok {
		return 0, false
	}
	n := 0
	for _, ids := range p.images {
		for _, im := range ids {
			if x, ok := w.images[im]; ok && x.State != ImageDeregistered {
				n++
			}
		}
	}
	return n, true
}
