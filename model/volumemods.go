package model

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// Volume modification states, as DescribeVolumesModifications spells them.
// A modification is modifying, then optimizing (the volume already has its
// new size and type, at less than full performance), then completed; the
// volume stays usable throughout (EBS user guide, "Monitor the progress of
// volume modifications", https://docs.aws.amazon.com/ebs/latest/userguide/monitoring-volume-modifications.html).
const (
	ModModifying  = "modifying"
	ModOptimizing = "optimizing"
	ModCompleted  = "completed"
)

// ModifyVolumeInput is the ModifyVolume request: the new size, type, IOPS,
// throughput or Multi-Attach setting of a volume; what is not given stays.
type ModifyVolumeInput struct {
	VolumeId           string `yaml:"VolumeId" json:"VolumeId"`
	Size               int    `yaml:"Size" json:"Size,omitempty"`
	VolumeType         string `yaml:"VolumeType" json:"VolumeType,omitempty"`
	Iops               int    `yaml:"Iops" json:"Iops,omitempty"`
	Throughput         int    `yaml:"Throughput" json:"Throughput,omitempty"`
	MultiAttachEnabled *bool  `yaml:"MultiAttachEnabled" json:"MultiAttachEnabled,omitempty"`
	DryRun             bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// VolumeModification is one modification of a volume, as
// DescribeVolumesModifications answers it. Progress is in percent.
type VolumeModification struct {
	VolumeId           string
	ModificationState  string
	OriginalSize       int
	TargetSize         int
	OriginalVolumeType string
	TargetVolumeType   string
	OriginalIops       int
	TargetIops         int
	OriginalThroughput int
	TargetThroughput   int
	Progress           int
	StartTime          sim.Time
	EndTime            sim.Time // 0 until completed
	seq                int64
	// recent are the start times of this volume's modifications in the
	// modificationWindow before this one's start, this one's included,
	// oldest first: what the rate limit counts. Each modification builds
	// its own slice, so clones never share one that is written to.
	recent []sim.Time
}

// The Elastic Volumes rate limit: at most modificationsPerWindow
// modifications of one volume may start within any modificationWindow
// (rolling), each after the previous one completed. Since 15 January 2026
// (S98) this replaced the older rule of one modification per six hours.
const (
	modificationWindow     = 24 * sim.Hour
	modificationsPerWindow = 4
)

// modificationRate checks the rate limit for a new modification of volume
// id now, and returns the start times still inside the window (a new
// slice), to which the new one's start is appended.
func (w *World) modificationRate(id string) ([]sim.Time, error) {
	var recent []sim.Time
	if m := w.volumeMods[id]; m != nil {
		for _, t := range m.recent {
			if w.Now()-t < modificationWindow {
				recent = append(recent, t)
			}
		}
	}
	if len(recent) >= modificationsPerWindow {
		next := recent[0] + modificationWindow
		return nil, errf(VolumeModificationRateExceeded,
			"You've reached the maximum modification rate per volume limit: volume '%s' was modified %d times in the last 24 hours. Wait %s, until 24 hours after the oldest of them, to modify it again.",
			id, len(recent), (next - w.Now()).Compact())
	}
	return recent, nil
}

// ModifyVolumeOutput answers ModifyVolume with the modification started.
type ModifyVolumeOutput struct {
	VolumeModification VolumeModification
}

// ModifyVolume changes a volume's size, type, IOPS or throughput while it
// stays attached and in use (Elastic Volumes). A volume only grows; one
// modification at a time (IncorrectModificationState while the previous one
// is not completed). The volume takes its new configuration, and is billed
// for it, as the modification starts (S48: "charged for the new volume
// configuration from the time the modification starts"); it is modifying,
// then optimizing for a time that grows with its size, then completed. At
// most four modifications of a volume may start in a rolling 24 hours
// (VolumeModificationRateExceeded, S98).
func (w *World) ModifyVolume(c Caller, in ModifyVolumeInput) (out ModifyVolumeOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifyVolume", c, w.resolve(in.VolumeId), err, "") }()
	if err != nil {
		return out, err
	}
	v, err := w.volumeFor(c, in.VolumeId)
	if err != nil {
		return out, err
	}
	if v.State != VolumeAvailable && v.State != VolumeInUseState {
		return out, errf(IncorrectState, "Volume '%s' is %s; only an available or in-use volume can be modified.", v.ID, v.State)
	}
	if m := w.volumeMods[v.ID]; m != nil && m.ModificationState != ModCompleted {
		return out, errf(IncorrectModificationState, "Volume '%s' is already being modified (%s).", v.ID, m.ModificationState)
	}
	recent, err := w.modificationRate(v.ID)
	if err != nil {
		return out, err
	}
	size, typ, iops, tput := v.SizeGiB, v.Type, v.IOPS, v.Throughput
	if in.Size != 0 {
		if in.Size < v.SizeGiB {
			return out, errf(InvalidParameterValue, "New size %d GiB is smaller than the volume's %d GiB: a volume can only grow.", in.Size, v.SizeGiB)
		}
		size = in.Size
	}
	if in.VolumeType != "" && in.VolumeType != typ {
		typ = in.VolumeType
		iops, tput = 0, 0 // the new type's defaults, unless given
	}
	if in.Iops != 0 {
		iops = in.Iops
	}
	if in.Throughput != 0 {
		tput = in.Throughput
	}
	if typ != "gp3" {
		tput = 0
	}
	if typ != "gp3" && typ != "io1" && typ != "io2" {
		iops = 0
	}
	multi := v.MultiAttach
	if in.MultiAttachEnabled != nil {
		multi = *in.MultiAttachEnabled
	}
	if multi && typ != "io1" && typ != "io2" {
		return out, errf(InvalidParameterDependency, "The parameter MultiAttachEnabled is only supported for io1 and io2 volumes, not %s.", typ)
	}
	if size == v.SizeGiB && typ == v.Type && (iops == v.IOPS || iops == 0) && (tput == v.Throughput || tput == 0) && multi == v.MultiAttach {
		return out, errf(InvalidParameterValue, "New configuration of volume '%s' is the same as the current one.", v.ID)
	}
	boot := false
	if inst := w.instances[v.InstanceID]; inst != nil {
		boot = v.Device == inst.RootDeviceName
	}
	if err := checkVolumeSpec(typ, size, iops, tput, boot); err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	m := &VolumeModification{
		VolumeId: v.ID, ModificationState: ModModifying, StartTime: w.Now(), seq: w.nextSeq(),
		OriginalSize: v.SizeGiB, OriginalVolumeType: v.Type, OriginalIops: v.IOPS, OriginalThroughput: v.Throughput,
		recent: append(recent, w.Now()),
	}
	w.bill.closeVolume(v)
	v.SizeGiB, v.Type, v.IOPS, v.Throughput, v.MultiAttach = size, typ, iops, tput, multi
	if typ == "gp3" {
		v.IOPS, v.Throughput = cmp.Or(v.IOPS, 3000), cmp.Or(v.Throughput, 125)
	}
	w.bill.openVolume(v)
	m.TargetSize, m.TargetVolumeType, m.TargetIops, m.TargetThroughput = v.SizeGiB, v.Type, v.IOPS, v.Throughput
	if w.volumeMods == nil {
		w.volumeMods = map[string]*VolumeModification{}
	}
	w.volumeMods[v.ID] = m
	w.emit(TraceEvent{Kind: TraceNote, Action: "volume-modification", Resource: v.ID, Region: v.Region, AZ: v.AZ,
		Message: fmt.Sprintf("modifying: %d GiB %s → %d GiB %s, billed at the new configuration from now", m.OriginalSize, m.OriginalVolumeType, m.TargetSize, m.TargetVolumeType)})
	w.after(w.sample("volume/modify"), evVolumeModified, v.ID)
	out.VolumeModification = *m
	return out, nil
}

// onVolumeModified moves a modification on: modifying → optimizing, which
// takes a base time plus time per GiB of the new size, → completed.
func (w *World) onVolumeModified(id string) {
	m := w.volumeMods[id]
	v := w.volumes[id]
	if m == nil || v == nil {
		return
	}
	switch m.ModificationState {
	case ModModifying:
		m.ModificationState, m.Progress = ModOptimizing, 0
		w.emit(TraceEvent{Kind: TraceNote, Action: "volume-modification", Resource: id, Region: v.Region, AZ: v.AZ,
			Message: "optimizing: the new size is usable (extend the file system), performance is between old and new until completed"})
		w.after(w.sample("volume/optimize")+sim.Time(v.SizeGiB)*w.sample("volume/optimize-per-gib"), evVolumeModified, id)
	case ModOptimizing:
		m.ModificationState, m.Progress, m.EndTime = ModCompleted, 100, w.Now()
		w.emit(TraceEvent{Kind: TraceNote, Action: "volume-modification", Resource: id, Region: v.Region, AZ: v.AZ, Message: "completed"})
	}
}

// DescribeVolumesModificationsInput is the DescribeVolumesModifications request.
type DescribeVolumesModificationsInput struct {
	VolumeIds []string `yaml:"VolumeIds" json:"VolumeIds,omitempty"`
	Filters   []Filter `yaml:"Filters" json:"Filters,omitempty"`
}

// DescribeVolumesModificationsOutput lists modifications.
type DescribeVolumesModificationsOutput struct {
	VolumesModifications []VolumeModification
}

// DescribeVolumesModifications lists the latest modification of each of
// the caller's volumes in its region, in the order they started. Filters:
// volume-id, modification-state, target-volume-type, original-volume-type,
// target-size, original-size.
func (w *World) DescribeVolumesModifications(c Caller, in DescribeVolumesModificationsInput) (out DescribeVolumesModificationsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeVolumesModifications", c, "", err, fmt.Sprintf("%d modification(s)", len(out.VolumesModifications)))
	}()
	if err != nil {
		return out, err
	}
	ids := w.resolveAll(in.VolumeIds)
	if err := volumeIDs.check(ids, func(id string) bool {
		v := w.volumes[id]
		return v != nil && v.Owner == c.Account && v.Region == c.Region
	}); err != nil {
		return out, err
	}
	var mods []*VolumeModification
	for _, v := range w.sortedVolumes() {
		if m := w.volumeMods[v.ID]; m != nil && v.Owner == c.Account && v.Region == c.Region && (len(ids) == 0 || slices.Contains(ids, v.ID)) {
			mods = append(mods, m)
		}
	}
	slices.SortFunc(mods, func(a, b *VolumeModification) int { return int(a.seq - b.seq) })
	mods, err = applyFilters(mods, in.Filters, filterFields[*VolumeModification]{
		"volume-id":            func(m *VolumeModification) []string { return one(m.VolumeId) },
		"modification-state":   func(m *VolumeModification) []string { return one(m.ModificationState) },
		"target-volume-type":   func(m *VolumeModification) []string { return one(m.TargetVolumeType) },
		"original-volume-type": func(m *VolumeModification) []string { return one(m.OriginalVolumeType) },
		"target-size":          func(m *VolumeModification) []string { return []string{fmt.Sprint(m.TargetSize)} },
		"original-size":        func(m *VolumeModification) []string { return []string{fmt.Sprint(m.OriginalSize)} },
	}, nil)
	if err != nil {
		return out, err
	}
	for _, m := range mods {
		out.VolumesModifications = append(out.VolumesModifications, *m)
	}
	return out, nil
}
