package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/sim"
)

// Recycle Bin (S23): retention rules of the rbin API keep deleted EBS
// snapshots and deregistered AMIs recoverable for a while instead of
// deleting them at once.
//
//   - A rule covers one resource type (EBS_SNAPSHOT or EC2_IMAGE) in one
//     account and Region: every resource of the type (a Region-level rule),
//     or those with one of its tags (a tag-level rule). Retention is 1 to
//     365 days; where several rules match, the longest wins.
//   - A snapshot in the bin leaves DescribeSnapshots and cannot be used,
//     but is billed at its usual storage rate until it leaves the bin for
//     good; RestoreSnapshotFromRecycleBin brings it back (recovering, then
//     completed).
//   - An AMI in the bin cannot launch and is not listed; its snapshots
//     are separate resources under their own rules. RestoreImageFromRecycleBin
//     needs them restored first.
//
// https://docs.aws.amazon.com/ebs/latest/userguide/recycle-bin.html
// https://docs.aws.amazon.com/recyclebin/latest/APIReference/API_CreateRule.html

// Recycle Bin resource types and rule states.
const (
	RbinSnapshot = "EBS_SNAPSHOT"
	RbinImage    = "EC2_IMAGE"

	RuleAvailable = "available"
	// SnapshotRecovering is the state of a snapshot being restored.
	SnapshotRecovering = "recovering"
)

// RetentionPeriod is a rule's retention.
type RetentionPeriod struct {
	RetentionPeriodValue int    `yaml:"RetentionPeriodValue" json:"RetentionPeriodValue"`
	RetentionPeriodUnit  string `yaml:"RetentionPeriodUnit" json:"RetentionPeriodUnit"` // DAYS
}

// ResourceTag is a tag a tag-level rule matches.
type ResourceTag struct {
	ResourceTagKey   string `yaml:"ResourceTagKey" json:"ResourceTagKey"`
	ResourceTagValue string `yaml:"ResourceTagValue" json:"ResourceTagValue,omitempty"`
}

// RecycleBinRule is a retention rule.
type RecycleBinRule struct {
	Identifier      string
	Description     string
	ResourceType    string
	RetentionPeriod RetentionPeriod
	ResourceTags    []ResourceTag
	Status          string
	Owner, Region   string
	seq             int64
}

func (r *RecycleBinRule) matches(owner, region string, tags Tags) bool {
	if r.Owner != owner || r.Region != region {
		return false
	}
	if len(r.ResourceTags) == 0 {
		return true
	}
	for _, t := range r.ResourceTags {
		for _, have := range tags {
			if have.Key == t.ResourceTagKey && (t.ResourceTagValue == "" || have.Value == t.ResourceTagValue) {
				return true
			}
		}
	}
	return false
}

// binned is a resource in the bin.
type binned struct {
	Enter, Exit sim.Time
	Rule        string
	snapshot    *Snapshot // for a snapshot: the record, out of w.snapshots
	ev          sim.EventID
}

type recycleBin struct {
	rules     map[string]*RecycleBinRule
	snapshots map[string]*binned
	images    map[string]*binned
}

func newRecycleBin() recycleBin {
	return recycleBin{rules: map[string]*RecycleBinRule{}, snapshots: map[string]*binned{}, images: map[string]*binned{}}
}

func (b recycleBin) clone() recycleBin {
	return recycleBin{
		rules: cloneMap(b.rules, func(r *RecycleBinRule) *RecycleBinRule {
			x := *r
			x.ResourceTags = slices.Clone(r.ResourceTags)
			return &x
		}),
		snapshots: cloneMap(b.snapshots, func(e *binned) *binned {
			x := *e
			if e.snapshot != nil {
				s := *e.snapshot
				s.Tags = slices.Clone(e.snapshot.Tags)
				x.snapshot = &s
			}
			return &x
		}),
		images: cloneMap(b.images, func(e *binned) *binned { x := *e; return &x }),
	}
}

// retention finds the longest-retaining rule for a resource, if any.
func (w *World) retention(kind, owner, region string, tags Tags) (*RecycleBinRule, bool) {
	var best *RecycleBinRule
	for _, r := range sortedBySeq(w.rbin.rules, func(r *RecycleBinRule) int64 { return r.seq }) {
		if r.ResourceType == kind && r.matches(owner, region, tags) && (best == nil || r.RetentionPeriod.RetentionPeriodValue > best.RetentionPeriod.RetentionPeriodValue) {
			best = r
		}
	}
	return best, best != nil
}

// binSnapshot moves a snapshot being deleted into the bin when a rule
// retains it. Its storage meter stays open: it bills on.
func (w *World) binSnapshot(s *Snapshot) bool {
	if s.Public {
		return false
	}
	if _, in := w.rbin.snapshots[s.ID]; in {
		return false // leaving the bin for good
	}
	r, ok := w.retention(RbinSnapshot, s.Owner, s.Region, s.Tags)
	if !ok {
		return false
	}
	d := sim.Time(r.RetentionPeriod.RetentionPeriodValue) * sim.Day
	e := &binned{Enter: w.Now(), Exit: w.Now() + d, Rule: r.Identifier, snapshot: s}
	e.ev = w.after(d, evRecycleBinExpiry, s.ID)
	w.rbin.snapshots[s.ID] = e
	delete(w.snapshots, s.ID)
	w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: s.ID, Region: s.Region, From: s.State, To: "recycle-bin",
		Message: fmt.Sprintf("kept by Recycle Bin rule %s for %d days, billed as before; restore it with RestoreSnapshotFromRecycleBin", r.Identifier, r.RetentionPeriod.RetentionPeriodValue)})
	return true
}

// binImage keeps a just-deregistered AMI in the bin when a rule retains it.
func (w *World) binImage(im *Image) bool {
	r, ok := w.retention(RbinImage, im.Owner, im.Region, im.Tags)
	if !ok {
		return false
	}
	d := sim.Time(r.RetentionPeriod.RetentionPeriodValue) * sim.Day
	e := &binned{Enter: w.Now(), Exit: w.Now() + d, Rule: r.Identifier}
	e.ev = w.after(d, evRecycleBinExpiry, im.ID)
	w.rbin.images[im.ID] = e
	im.Gone = true
	w.emit(TraceEvent{Kind: TraceState, Action: "image", Resource: im.ID, Region: im.Region, From: ImageDeregistered, To: "recycle-bin",
		Message: fmt.Sprintf("kept by Recycle Bin rule %s for %d days; restore it with RestoreImageFromRecycleBin", r.Identifier, r.RetentionPeriod.RetentionPeriodValue)})
	return true
}

// onRecycleBinExpiry deletes a resource whose retention has run out, or
// completes a snapshot's restore ("restore:" + ID).
func (w *World) onRecycleBinExpiry(id string) {
	if sid, ok := strings.CutPrefix(id, "restore:"); ok {
		if s, ok := w.snapshots[sid]; ok && s.State == SnapshotRecovering {
			s.State = SnapshotCompleted
			w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: s.ID, Region: s.Region, From: SnapshotRecovering, To: SnapshotCompleted})
		}
		return
	}
	if e, ok := w.rbin.snapshots[id]; ok {
		w.snapshots[id] = e.snapshot
		w.deleteSnapshot(e.snapshot) // binSnapshot sees it is leaving the bin
		delete(w.rbin.snapshots, id)
		return
	}
	if _, ok := w.rbin.images[id]; ok {
		delete(w.rbin.images, id)
		if im, ok := w.images[id]; ok {
			w.emit(TraceEvent{Kind: TraceState, Action: "image", Resource: id, Region: im.Region, From: "recycle-bin", To: ImageDeregistered, Message: "retention ended: deleted for good"})
		}
	}
}

// InRecycleBin reports whether a snapshot or AMI (ID or scenario name) is
// in the Recycle Bin now.
func (w *World) InRecycleBin(ref string) bool {
	id := w.resolve(ref)
	_, s := w.rbin.snapshots[id]
	_, i := w.rbin.images[id]
	return s || i
}

// ---- rbin API -----------------------------------------------------------------

// CreateRuleInput is the rbin API's CreateRule.
type CreateRuleInput struct {
	ResourceType    string          `yaml:"ResourceType" json:"ResourceType"`
	RetentionPeriod RetentionPeriod `yaml:"RetentionPeriod" json:"RetentionPeriod"`
	Description     string          `yaml:"Description" json:"Description,omitempty"`
	ResourceTags    []ResourceTag   `yaml:"ResourceTags" json:"ResourceTags,omitempty"`
	Tags            []Tag           `yaml:"Tags" json:"Tags,omitempty"`
}

// RuleOutput answers CreateRule.
type RuleOutput struct {
	Identifier      string          `json:"Identifier"`
	RetentionPeriod RetentionPeriod `json:"RetentionPeriod"`
	ResourceType    string          `json:"ResourceType"`
	Status          string          `json:"Status"`
}

// Created lists the rule.
func (o RuleOutput) Created() []string { return []string{o.Identifier} }

// CreateRule creates a retention rule; it applies to deletions from now on.
func (w *World) CreateRule(c Caller, in CreateRuleInput) (out RuleOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateRule", c, out.Identifier, err, in.Description) }()
	if err != nil {
		return out, err
	}
	if in.ResourceType != RbinSnapshot && in.ResourceType != RbinImage {
		return out, errf(ValidationException, "ResourceType %q: valid values are EBS_SNAPSHOT and EC2_IMAGE", in.ResourceType)
	}
	if u := in.RetentionPeriod.RetentionPeriodUnit; u != "DAYS" {
		return out, errf(ValidationException, "RetentionPeriodUnit %q: the only unit is DAYS", u)
	}
	if v := in.RetentionPeriod.RetentionPeriodValue; v < 1 || v > 365 {
		return out, errf(ValidationException, "RetentionPeriodValue %d is out of range: 1 to 365 days", v)
	}
	for _, t := range in.ResourceTags {
		if t.ResourceTagKey == "" {
			return out, errf(ValidationException, "ResourceTags: every tag needs a ResourceTagKey")
		}
	}
	r := &RecycleBinRule{Identifier: w.newRuleID(), Description: in.Description, ResourceType: in.ResourceType, RetentionPeriod: in.RetentionPeriod,
		ResourceTags: slices.Clone(in.ResourceTags), Status: RuleAvailable, Owner: c.Account, Region: c.Region, seq: w.nextSeq()}
	w.rbin.rules[r.Identifier] = r
	level := "Region-level"
	if len(r.ResourceTags) > 0 {
		level = "tag-level"
	}
	w.emit(TraceEvent{Kind: TraceState, Action: "recycle-bin-rule", Resource: r.Identifier, Region: c.Region, To: RuleAvailable,
		Message: fmt.Sprintf("%s rule for %s, %d days", level, r.ResourceType, r.RetentionPeriod.RetentionPeriodValue)})
	return RuleOutput{r.Identifier, r.RetentionPeriod, r.ResourceType, r.Status}, nil
}

// newRuleID makes an 11-character rule identifier from the ID stream.
func (w *World) newRuleID() string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for {
		var b [11]byte
		for i := range b {
			b[i] = alnum[w.idRand.Uint64()%uint64(len(alnum))]
		}
		if _, taken := w.rbin.rules[string(b[:])]; !taken {
			return string(b[:])
		}
	}
}

// RuleIdentifierInput names a rule.
type RuleIdentifierInput struct {
	Identifier string `yaml:"Identifier" json:"Identifier"`
}

func (w *World) ruleFor(c Caller, ref string) (*RecycleBinRule, error) {
	r, ok := w.rbin.rules[w.resolve(ref)]
	if !ok || r.Owner != c.Account || r.Region != c.Region {
		return nil, errf(ResourceNotFoundException, "Rule %s does not exist in %s", ref, c.Region)
	}
	return r, nil
}

// DeleteRule deletes a rule. What it already keeps stays in the bin until
// its retention ends.
func (w *World) DeleteRule(c Caller, in RuleIdentifierInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteRule", c, w.resolve(in.Identifier), err, "") }()
	if err != nil {
		return err
	}
	r, err := w.ruleFor(c, in.Identifier)
	if err != nil {
		return err
	}
	delete(w.rbin.rules, r.Identifier)
	return nil
}

// ListRulesInput lists the rules of one resource type.
type ListRulesInput struct {
	ResourceType string `yaml:"ResourceType" json:"ResourceType"`
}

// ListRulesOutput lists rules.
type ListRulesOutput struct {
	Rules []RecycleBinRule `json:"Rules"`
}

// ListRules lists the caller's rules for a resource type in its Region.
func (w *World) ListRules(c Caller, in ListRulesInput) (out ListRulesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ListRules", c, "", err, listed(len(out.Rules), "rule", nil)) }()
	if err != nil {
		return out, err
	}
	if in.ResourceType != RbinSnapshot && in.ResourceType != RbinImage {
		return out, errf(ValidationException, "ResourceType %q: valid values are EBS_SNAPSHOT and EC2_IMAGE", in.ResourceType)
	}
	for _, r := range sortedBySeq(w.rbin.rules, func(r *RecycleBinRule) int64 { return r.seq }) {
		if r.Owner == c.Account && r.Region == c.Region && r.ResourceType == in.ResourceType {
			x := *r
			x.ResourceTags = slices.Clone(r.ResourceTags)
			out.Rules = append(out.Rules, x)
		}
	}
	return out, nil
}

// RecycleBinRuleByID returns a rule by ID or scenario name, and how many
// resources it keeps in the bin now.
func (w *World) RecycleBinRuleByID(ref string) (RecycleBinRule, int, bool) {
	r, ok := w.rbin.rules[w.resolve(ref)]
	if !ok {
		return RecycleBinRule{}, 0, false
	}
	n := 0
	for _, m := range []map[string]*binned{w.rbin.snapshots, w.rbin.images} {
		for _, e := range m { // a count: order cannot matter
			if e.Rule == r.Identifier {
				n++
			}
		}
	}
	return *r, n, true
}

// ---- EC2 side -------------------------------------------------------------------

// BinnedResource is one entry of ListSnapshotsInRecycleBin or
// ListImagesInRecycleBin.
type BinnedResource struct {
	SnapshotId          string   `json:"SnapshotId,omitempty"`
	ImageId             string   `json:"ImageId,omitempty"`
	Description         string   `json:"Description,omitempty"`
	RecycleBinEnterTime sim.Time `json:"RecycleBinEnterTime"`
	RecycleBinExitTime  sim.Time `json:"RecycleBinExitTime"`
}

// ListSnapshotsInRecycleBinInput filters the listing by ID.
type ListSnapshotsInRecycleBinInput struct {
	SnapshotIds []string `yaml:"SnapshotIds" json:"SnapshotIds,omitempty"`
}

// ListImagesInRecycleBinInput filters the listing by ID.
type ListImagesInRecycleBinInput struct {
	ImageIds []string `yaml:"ImageIds" json:"ImageIds,omitempty"`
}

// ListSnapshotsInRecycleBinOutput lists snapshots in the bin.
type ListSnapshotsInRecycleBinOutput struct {
	Snapshots []BinnedResource `json:"Snapshots"`
}

func (w *World) binnedSorted(m map[string]*binned) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(m[a].Enter, m[b].Enter), cmp.Compare(a, b)) })
	return ids
}

// ListSnapshotsInRecycleBin lists the caller's snapshots in the bin in its
// Region, oldest deletion first.
func (w *World) ListSnapshotsInRecycleBin(c Caller, in ListSnapshotsInRecycleBinInput) (out ListSnapshotsInRecycleBinOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("ListSnapshotsInRecycleBin", c, "", err, listed(len(out.Snapshots), "snapshot", nil))
	}()
	if err != nil {
		return out, err
	}
	want := w.resolveAll(in.SnapshotIds)
	for _, id := range w.binnedSorted(w.rbin.snapshots) {
		e := w.rbin.snapshots[id]
		if s := e.snapshot; s.Owner == c.Account && s.Region == c.Region && (len(want) == 0 || slices.Contains(want, id)) {
			out.Snapshots = append(out.Snapshots, BinnedResource{SnapshotId: id, Description: s.Description, RecycleBinEnterTime: e.Enter, RecycleBinExitTime: e.Exit})
		}
	}
	return out, nil
}

// ListImagesInRecycleBinOutput lists AMIs in the bin.
type ListImagesInRecycleBinOutput struct {
	Images []BinnedResource `json:"Images"`
}

// ListImagesInRecycleBin lists the caller's AMIs in the bin in its Region.
func (w *World) ListImagesInRecycleBin(c Caller, in ListImagesInRecycleBinInput) (out ListImagesInRecycleBinOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ListImagesInRecycleBin", c, "", err, listed(len(out.Images), "image", nil)) }()
	if err != nil {
		return out, err
	}
	want := w.resolveAll(in.ImageIds)
	for _, id := range w.binnedSorted(w.rbin.images) {
		e, im := w.rbin.images[id], w.images[id]
		if im != nil && im.Owner == c.Account && im.Region == c.Region && (len(want) == 0 || slices.Contains(want, id)) {
			out.Images = append(out.Images, BinnedResource{ImageId: id, Description: im.Description, RecycleBinEnterTime: e.Enter, RecycleBinExitTime: e.Exit})
		}
	}
	return out, nil
}

// RestoreSnapshotInput names a snapshot in the bin.
type RestoreSnapshotInput struct {
	SnapshotId string `yaml:"SnapshotId" json:"SnapshotId"`
	DryRun     bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// RestoreSnapshotOutput answers RestoreSnapshotFromRecycleBin.
type RestoreSnapshotOutput struct {
	SnapshotId string `json:"SnapshotId"`
	State      string `json:"State"`
}

// RestoreSnapshotFromRecycleBin takes a snapshot out of the bin: it is
// recovering for a moment (recycle-bin/restore), then completed and usable.
func (w *World) RestoreSnapshotFromRecycleBin(c Caller, in RestoreSnapshotInput) (out RestoreSnapshotOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RestoreSnapshotFromRecycleBin", c, w.resolve(in.SnapshotId), err, "") }()
	if err != nil {
		return out, err
	}
	id := w.resolve(in.SnapshotId)
	e, ok := w.rbin.snapshots[id]
	if !ok || e.snapshot.Owner != c.Account || e.snapshot.Region != c.Region {
		return out, errf(InvalidSnapshotNotFound, "The snapshot '%s' is not in the Recycle Bin of %s.", in.SnapshotId, c.Region)
	}
	if in.DryRun {
		return out, dryRun()
	}
	w.eng.Cancel(e.ev)
	delete(w.rbin.snapshots, id)
	s := e.snapshot
	s.State = SnapshotRecovering
	w.snapshots[id] = s
	w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: id, Region: s.Region, From: "recycle-bin", To: SnapshotRecovering})
	w.after(w.sample("recycle-bin/restore"), evRecycleBinExpiry, "restore:"+id)
	return RestoreSnapshotOutput{id, SnapshotRecovering}, nil
}

// RestoreImageFromRecycleBin takes an AMI out of the bin, available again
// with its launch permissions. Its snapshots must exist (restore them
// first if they are in the bin too).
func (w *World) RestoreImageFromRecycleBin(c Caller, in ImageIDInput) (out ReturnOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RestoreImageFromRecycleBin", c, w.resolve(in.ImageId), err, "") }()
	if err != nil {
		return out, err
	}
	id := w.resolve(in.ImageId)
	e, ok := w.rbin.images[id]
	im := w.images[id]
	if !ok || im == nil || im.Owner != c.Account || im.Region != c.Region {
		return out, errf(InvalidAMIIDNotFound, "The image id '[%s]' is not in the Recycle Bin of %s", in.ImageId, c.Region)
	}
	for _, sid := range im.SnapshotIDs() {
		if _, ok := w.snapshots[sid]; !ok {
			where := "it was deleted"
			if _, binnedToo := w.rbin.snapshots[sid]; binnedToo {
				where = "it is in the Recycle Bin: RestoreSnapshotFromRecycleBin first"
			}
			return out, errf(IncorrectState, "AMI %s cannot be restored: its snapshot %s is missing (%s).", id, sid, where)
		}
	}
	if in.DryRun {
		return out, dryRun()
	}
	w.eng.Cancel(e.ev)
	delete(w.rbin.images, id)
	im.Gone, im.DeregisteredAt = false, 0
	w.setImageState(im, ImageAvailable)
	return ReturnOutput{true}, nil
}
