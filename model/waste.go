package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Finding is something in the account that costs money for nothing — the
// usual reasons a forgotten experiment keeps billing.
type Finding struct {
	Resource string
	Name     string
	Kind     FindingKind
	Message  string
	Monthly  Money // what it costs per 730-hour month if left alone
}

// FindingKind is what kind of waste a finding is.
type FindingKind string

// The kinds of waste Waste finds.
const (
	WasteStoppedInstanceVolumes FindingKind = "stopped-instance-volumes" // a stopped instance's volumes still bill
	WasteUnattachedVolume       FindingKind = "unattached-volume"
	WasteOrphanedSnapshot       FindingKind = "orphaned-snapshot" // no registered AMI uses it
	WasteUnusedBundle           FindingKind = "unused-bundle"     // an instance-store AMI's bundle no AMI uses
	WasteIdleElasticIP          FindingKind = "idle-elastic-ip"
)

// MonthlyRate is what a resource's open meters cost per 730-hour month.
func (w *World) MonthlyRate(resource string) Money { return w.bill.monthlyRate(resource) }

// Waste lists the findings, most expensive first.
func (w *World) Waste() []Finding {
	var out []Finding
	stopped := func(i *Instance) bool { return i.State == Stopped && len(i.BlockDevices) > 0 }
	for _, inst := range sortedWhere(w.instances, stopped, func(i *Instance) int64 { return i.seq }) {
		var m Money
		gib := 0
		for _, bd := range inst.BlockDevices {
			m += w.MonthlyRate(bd.VolumeID)
			gib += w.volumes[bd.VolumeID].SizeGiB
		}
		out = append(out, Finding{inst.ID, w.nameOf[inst.ID], WasteStoppedInstanceVolumes,
			fmt.Sprintf("stopped instance still pays for %d GiB of EBS; terminate it (or snapshot and delete) if it is not coming back", gib), m})
	}
	available := func(v *Volume) bool { return v.State == VolumeAvailable }
	for _, v := range sortedWhere(w.volumes, available, func(v *Volume) int64 { return v.seq }) {
		out = append(out, Finding{v.ID, w.nameOf[v.ID], WasteUnattachedVolume,
			fmt.Sprintf("%d GiB %s volume attached to nothing", v.SizeGiB, v.Type), w.MonthlyRate(v.ID)})
	}
	for _, s := range w.sortedSnapshots() {
		if s.Public || len(w.SnapshotInUseBy(s.ID)) > 0 {
			continue
		}
		for _, im := range w.sortedImages() {
			if im.State == ImageDeregistered && slices.Contains(im.SnapshotIDs(), s.ID) {
				out = append(out, Finding{s.ID, w.nameOf[s.ID], WasteOrphanedSnapshot,
					fmt.Sprintf("snapshot of deregistered %s (%d GiB stored) still bills; delete it", im.ID, s.StoredGiB), w.MonthlyRate(s.ID)})
				break
			}
		}
	}
	for _, b := range sortedBySeq(w.bundles, func(b *bundle) int64 { return b.seq }) {
		used := false
		for _, im := range w.images {
			if im.ImageLocation == b.Location && im.State != ImageDeregistered {
				used = true
			}
		}
		if !used {
			out = append(out, Finding{b.Location, "", WasteUnusedBundle,
				fmt.Sprintf("S3 bundle of %d GiB no registered AMI uses", b.GiB), w.MonthlyRate(b.Location)})
		}
	}
	out = append(out, w.addressWaste()...)
	slices.SortStableFunc(out, func(a, b Finding) int { return cmp.Compare(b.Monthly, a.Monthly) })
	return out
}
