package model

import (
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// Snapshot storage tiers (Snapshot.Tier).
const (
	TierStandard = "standard"
	TierArchive  = "archive"
)

// Restore states of an archived snapshot (Snapshot.RestoreState).
const (
	RestoreRestoring = "restoring" // RestoreSnapshotTier called, not readable yet
	RestoreRestored  = "restored"  // temporarily readable in the standard tier
)

// RestoreSnapshotTierInput is the RestoreSnapshotTier request: a temporary
// restore for TemporaryRestoreDays, or a permanent one.
type RestoreSnapshotTierInput struct {
	SnapshotId           string `yaml:"SnapshotId" json:"SnapshotId"`
	TemporaryRestoreDays int    `yaml:"TemporaryRestoreDays" json:"TemporaryRestoreDays,omitempty"`
	PermanentRestore     bool   `yaml:"PermanentRestore" json:"PermanentRestore,omitempty"`
	DryRun               bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// RestoreSnapshotTierOutput answers RestoreSnapshotTier.
type RestoreSnapshotTierOutput struct {
	SnapshotId         string
	RestoreStartTime   sim.Time
	RestoreDuration    int // days, temporary restores only
	IsPermanentRestore bool
}

// RestoreSnapshotTier restores an archived snapshot (S14; API reference,
// RestoreSnapshotTier). Restoring takes up to 72 hours ("snapshot/restore")
// and costs a retrieval fee per GiB of the full snapshot, charged when the
// call is made. A permanent restore moves the snapshot back to the standard
// tier as a full snapshot and ends its archive storage (a restore before the
// 90 days are up pays the early-deletion charge). A temporary restore keeps
// the archived snapshot and adds a full standard-tier copy, billed at the
// standard rate, until the days are up; then only the archive copy remains.
// While restored, the snapshot can back volumes and AMIs.
func (w *World) RestoreSnapshotTier(c Caller, in RestoreSnapshotTierInput) (out RestoreSnapshotTierOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RestoreSnapshotTier", c, w.resolve(in.SnapshotId), err, "") }()
	if err != nil {
		return out, err
	}
	s, err := w.ownSnapshot(c, in.SnapshotId, "restore")
	if err != nil {
		return out, err
	}
	switch {
	case in.PermanentRestore && in.TemporaryRestoreDays != 0:
		return out, errf(InvalidParameterCombination, "Specify either TemporaryRestoreDays or PermanentRestore, not both.")
	case !in.PermanentRestore && in.TemporaryRestoreDays <= 0:
		return out, errf(MissingParameter, "The request must contain the parameter TemporaryRestoreDays (or PermanentRestore: true)")
	case s.Tier != TierArchive:
		return out, errf(IncorrectState, "Snapshot '%s' is in the standard tier: only an archived snapshot can be restored.", s.ID)
	case s.RestoreState == RestoreRestoring:
		return out, errf(IncorrectState, "Snapshot '%s' is already being restored.", s.ID)
	case s.RestoreState == RestoreRestored && !in.PermanentRestore:
		return out, errf(IncorrectState, "Snapshot '%s' is already temporarily restored until %s.", s.ID, w.bill.clock.At(s.RestoreExpires).Format("2006-01-02 15:04"))
	}
	if in.DryRun {
		return out, dryRun()
	}
	if s.RestoreState != RestoreRestored { // a restored copy is already there: no second retrieval
		w.bill.restoreFee(s)
	}
	s.RestoreState = RestoreRestoring
	s.RestoreExpires = 0
	if !in.PermanentRestore {
		s.RestoreExpires = sim.Time(in.TemporaryRestoreDays) * sim.Day // the length, until the restore completes
	}
	w.after(w.sample("snapshot/restore"), evSnapshotRestored, s.ID)
	w.emit(TraceEvent{Kind: TraceNote, Action: "restoring", Resource: s.ID, Region: s.Region,
		Message: fmt.Sprintf("restore of %d GiB from the archive tier started (%s)", s.DataGiB, map[bool]string{true: "permanent", false: fmt.Sprintf("temporary, %d days", in.TemporaryRestoreDays)}[in.PermanentRestore])})
	return RestoreSnapshotTierOutput{SnapshotId: s.ID, RestoreStartTime: w.Now(), RestoreDuration: in.TemporaryRestoreDays, IsPermanentRestore: in.PermanentRestore}, nil
}

// onSnapshotRestored finishes a restore: a permanent one returns the
// snapshot to the standard tier for good, a temporary one opens the
// standard copy's meter until it expires.
func (w *World) onSnapshotRestored(id string) {
	s, ok := w.snapshots[id]
	if !ok || s.RestoreState != RestoreRestoring {
		return
	}
	if s.RestoreExpires == 0 {
		w.bill.closeSnapshot(s) // the archive copy goes: early-deletion charge before 90 days
		s.Tier, s.RestoreState, s.ArchivedAt = TierStandard, "", 0
		s.StoredGiB, s.lineage = s.DataGiB, s.ID // a full snapshot of its own
		w.bill.openSnapshot(s)
		w.emit(TraceEvent{Kind: TraceNote, Action: "restored", Resource: id, Region: s.Region, Message: "permanently restored to the standard tier as a full snapshot"})
		return
	}
	s.RestoreState = RestoreRestored
	s.RestoreExpires += w.Now()
	w.bill.openRestoredCopy(s)
	w.after(s.RestoreExpires-w.Now(), evRestoreExpired, id)
	w.emit(TraceEvent{Kind: TraceNote, Action: "restored", Resource: id, Region: s.Region,
		Message: fmt.Sprintf("temporarily restored until %s: a full standard-tier copy is billed beside the archived one", w.bill.clock.At(s.RestoreExpires).Format("2006-01-02 15:04"))})
}

// onRestoreExpired ends a temporary restore: the standard copy is removed
// and the snapshot is archived only, as before.
func (w *World) onRestoreExpired(id string) {
	s, ok := w.snapshots[id]
	if !ok || s.RestoreState != RestoreRestored || w.Now() < s.RestoreExpires {
		return
	}
	w.bill.closeRestoredCopy(s)
	s.RestoreState, s.RestoreExpires = "", 0
	w.emit(TraceEvent{Kind: TraceNote, Action: "re-archived", Resource: id, Region: s.Region, Message: "temporary restore over: only the archive copy remains"})
}

// readable reports whether a snapshot's data can be used now (to create a
// volume or register an AMI): in the standard tier, or temporarily restored.
func (s *Snapshot) readable() bool {
	return s.Tier != TierArchive || s.RestoreState == RestoreRestored
}

// restorableBy reports whether an account may use a snapshot's data
// (create a volume from it, copy it, copy an AMI it backs): its owner, any
// account for a public one, or an account given createVolumePermission.
func (s *Snapshot) restorableBy(account string) bool {
	return s.Owner == account || s.Public || slices.Contains(s.CreateVolumePermissions, account) || slices.Contains(s.CreateVolumePermissions, groupAll)
}
