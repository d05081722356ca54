package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// TestRestoreSnapshotTier: an archived snapshot cannot back a volume until
// restored; a temporary restore makes it usable until its days are up, a
// permanent one returns it to the standard tier (S14, S95).
func TestRestoreSnapshotTier(t *testing.T) {
	l := newLab(t, labConfig(1))
	vol := l.createVolume(asStudent, "us-east-1a", 4)
	out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
	l.ok(err)
	snap := out.SnapshotId
	l.waitFor("snapshot", func() bool { return l.snapshot(snap).State == model.SnapshotCompleted })
	_, err = l.w.RestoreSnapshotTier(asStudent, model.RestoreSnapshotTierInput{SnapshotId: snap, PermanentRestore: true})
	l.code(err, model.IncorrectState) // not archived
	l.ok(l.w.ModifySnapshotTier(asStudent, model.ModifySnapshotTierInput{SnapshotId: snap, StorageTier: model.TierArchive}))
	fromSnap := func() error {
		_, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", SnapshotId: snap})
		return err
	}
	l.code(fromSnap(), model.IncorrectState)
	_, err = l.w.RestoreSnapshotTier(asStudent, model.RestoreSnapshotTierInput{SnapshotId: snap, TemporaryRestoreDays: 2})
	l.ok(err)
	l.runFor(72 * sim.Hour) // restoring takes up to 72 hours
	if s := l.snapshot(snap); s.RestoreState != model.RestoreRestored {
		t.Fatalf("72 hours after a temporary restore: %q", s.RestoreState)
	}
	l.ok(fromSnap())
	l.runFor(2 * sim.Day)
	if s := l.snapshot(snap); s.RestoreState != "" || s.Tier != model.TierArchive {
		t.Fatalf("after the temporary restore: %q %s", s.RestoreState, s.Tier)
	}
	_, err = l.w.RestoreSnapshotTier(asStudent, model.RestoreSnapshotTierInput{SnapshotId: snap, PermanentRestore: true})
	l.ok(err)
	l.runFor(72 * sim.Hour)
	if s := l.snapshot(snap); s.Tier != model.TierStandard || s.StoredGiB != s.DataGiB {
		t.Errorf("after a permanent restore: %s tier, %d of %d GiB stored", s.Tier, s.StoredGiB, s.DataGiB)
	}
}
