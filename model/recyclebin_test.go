package model_test

import (
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func rule(l *lab, kind string, days int, tags ...model.ResourceTag) string {
	l.t.Helper()
	out, err := l.w.CreateRule(asStudent, model.CreateRuleInput{ResourceType: kind, RetentionPeriod: model.RetentionPeriod{RetentionPeriodValue: days, RetentionPeriodUnit: "DAYS"}, ResourceTags: tags})
	l.ok(err)
	return out.Identifier
}

func completedSnapshot(l *lab, gib int) string {
	l.t.Helper()
	inst := l.running(asStudent, labRun("al2023", "t3.micro"))
	vol := l.createVolume(asStudent, l.inst(inst).AZ, 10)
	l.waitFor("volume", func() bool { return l.volume(vol).State == model.VolumeAvailable })
	l.attach(asStudent, vol, inst, "/dev/sdf")
	l.write(asStudent, inst, "/dev/sdf", gib)
	out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
	l.ok(err)
	l.waitFor("snapshot", func() bool { return l.snapshot(out.SnapshotId).State == model.SnapshotCompleted })
	return out.SnapshotId
}

// TestRecycleBinKeepsDeletedSnapshots: with a Region-level rule, a deleted
// snapshot leaves DescribeSnapshots but stays restorable, and bills at its
// storage rate, until its retention ends (S23). Worked example: 4 GiB ×
// $0.05 per GiB-month kept 7 days of January (31 days) in the bin cost
// 4 × 0.05 × 7/31 = $0.045161 more than a snapshot deleted at once.
func TestRecycleBinKeepsDeletedSnapshots(t *testing.T) {
	l := newLab(t, labConfig(1))
	rule(l, model.RbinSnapshot, 7)
	snap := completedSnapshot(l, 4)
	before := l.w.Bill().ForResource(snap)
	l.ok(l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: snap}))
	if _, ok := l.w.Snapshot(snap); ok || !l.w.InRecycleBin(snap) {
		t.Fatalf("after delete: visible %t, in bin %t; want hidden and in the bin", ok, l.w.InRecycleBin(snap))
	}
	list, err := l.w.ListSnapshotsInRecycleBin(asStudent, model.ListSnapshotsInRecycleBinInput{})
	l.ok(err)
	if len(list.Snapshots) != 1 || list.Snapshots[0].RecycleBinExitTime-list.Snapshots[0].RecycleBinEnterTime != 7*sim.Day {
		t.Fatalf("bin lists %+v, want the snapshot for 7 days", list.Snapshots)
	}
	l.runFor(8 * sim.Day)
	if l.w.InRecycleBin(snap) {
		t.Fatal("still in the bin after its retention")
	}
	got := l.w.Bill().ForResource(snap) - before
	want := model.Prorate(model.MustMoney("0.05")*4, int64(7*sim.Day), int64(31*sim.Day))
	if got != want {
		t.Errorf("billed in the bin: %s, want %s (4 GiB × $0.05 × 7/31)", got, want)
	}
}

// TestRecycleBinRestoresASnapshot: restoring brings the same snapshot back,
// recovering and then completed; a tag-level rule keeps only what carries
// one of its tags.
func TestRecycleBinRestoresASnapshot(t *testing.T) {
	l := newLab(t, labConfig(1))
	rule(l, model.RbinSnapshot, 30, model.ResourceTag{ResourceTagKey: "keep", ResourceTagValue: "yes"})
	kept, gone := completedSnapshot(l, 1), completedSnapshot(l, 1)
	l.ok(l.w.CreateTags(asStudent, model.CreateTagsInput{Resources: []string{kept}, Tags: []model.Tag{{Key: "keep", Value: "yes"}}}))
	l.ok(l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: kept}))
	l.ok(l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: gone}))
	if l.w.InRecycleBin(gone) {
		t.Error("an untagged snapshot went to a tag-level rule's bin")
	}
	_, err := l.w.RestoreSnapshotFromRecycleBin(asStudent, model.RestoreSnapshotInput{SnapshotId: gone})
	l.code(err, model.InvalidSnapshotNotFound)
	out, err := l.w.RestoreSnapshotFromRecycleBin(asStudent, model.RestoreSnapshotInput{SnapshotId: kept})
	l.ok(err)
	if out.State != model.SnapshotRecovering || l.snapshot(kept).State != model.SnapshotRecovering {
		t.Errorf("restore answers %q, snapshot %q; want recovering", out.State, l.snapshot(kept).State)
	}
	l.waitFor("completed", func() bool { return l.snapshot(kept).State == model.SnapshotCompleted })
}

// TestRecycleBinKeepsDeregisteredAMIs: an AMI rule keeps a deregistered
// AMI out of DescribeImages and unlaunchable; it restores only once its
// snapshots exist (S23).
func TestRecycleBinKeepsDeregisteredAMIs(t *testing.T) {
	l := newLab(t, labConfig(1))
	rule(l, model.RbinImage, 10)
	rule(l, model.RbinSnapshot, 10)
	inst := l.running(asStudent, labRun("al2023", "t3.micro"))
	ami := l.createImage(asStudent, inst, "golden", true)
	l.waitAvailable(ami, "us-east-1")
	l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: ami, DeleteAssociatedSnapshots: true}))
	if !l.w.InRecycleBin(ami) {
		t.Fatal("the AMI is not in the bin")
	}
	_, err := l.w.RunInstances(asStudent, labRun(ami, "t3.micro"))
	l.code(err, model.InvalidAMIIDNotFound)
	_, err = l.w.RestoreImageFromRecycleBin(asStudent, model.ImageIDInput{ImageId: ami})
	l.code(err, model.IncorrectState) // its snapshot is in the bin too
	im := l.image(ami, "us-east-1")
	snap := im.SnapshotIDs()[0]
	_, err = l.w.RestoreSnapshotFromRecycleBin(asStudent, model.RestoreSnapshotInput{SnapshotId: snap})
	l.ok(err)
	_, err = l.w.RestoreImageFromRecycleBin(asStudent, model.ImageIDInput{ImageId: ami})
	l.ok(err)
	if st := l.image(ami, "us-east-1").State; st != model.ImageAvailable {
		t.Errorf("restored AMI is %s", st)
	}
}

// TestRecycleBinRuleLimits: retention is 1 to 365 days, resource types
// EBS_SNAPSHOT and EC2_IMAGE; an unknown rule is ResourceNotFoundException.
func TestRecycleBinRuleLimits(t *testing.T) {
	l := newLab(t, labConfig(1))
	for _, in := range []model.CreateRuleInput{
		{ResourceType: model.RbinSnapshot, RetentionPeriod: model.RetentionPeriod{RetentionPeriodValue: 366, RetentionPeriodUnit: "DAYS"}},
		{ResourceType: model.RbinSnapshot, RetentionPeriod: model.RetentionPeriod{RetentionPeriodValue: 0, RetentionPeriodUnit: "DAYS"}},
		{ResourceType: "EBS_VOLUME", RetentionPeriod: model.RetentionPeriod{RetentionPeriodValue: 7, RetentionPeriodUnit: "DAYS"}},
	} {
		_, err := l.w.CreateRule(asStudent, in)
		l.code(err, model.ValidationException)
	}
	l.code(l.w.DeleteRule(asStudent, model.RuleIdentifierInput{Identifier: "abcdefghijk"}), model.ResourceNotFoundException)
}

// TestImageDeprecation: a deprecated AMI is still launchable but no longer
// listed to other accounts unless they ask for it (S68).
func TestImageDeprecation(t *testing.T) {
	l := newLab(t, labConfig(1))
	inst := l.running(asStudent, labRun("al2023", "t3.micro"))
	ami := l.createImage(asStudent, inst, "golden", true)
	l.waitAvailable(ami, "us-east-1")
	l.ok(l.share(asStudent, ami, "partner"))
	at := l.w.Clock().At(l.w.Now() + sim.Hour).Format(time.RFC3339)
	_, err := l.w.EnableImageDeprecation(asStudent, model.EnableImageDeprecationInput{ImageId: ami, DeprecateAt: at})
	l.ok(err)
	listed := func(c model.Caller, in model.DescribeImagesInput) bool {
		out, err := l.w.DescribeImages(c, in)
		l.ok(err)
		for _, im := range out.Images {
			if im.ID == ami {
				return true
			}
		}
		return false
	}
	if !listed(asPartner, model.DescribeImagesInput{}) {
		t.Error("hidden before its deprecation time")
	}
	l.runFor(2 * sim.Hour)
	if listed(asPartner, model.DescribeImagesInput{}) {
		t.Error("a deprecated AMI is still listed to another account")
	}
	if !listed(asPartner, model.DescribeImagesInput{IncludeDeprecated: true}) || !listed(asStudent, model.DescribeImagesInput{}) {
		t.Error("IncludeDeprecated, or the owner, should still list it")
	}
	l.launch(asPartner, labRun(ami, "t3.micro")) // still launchable
}

// TestDisableImage: a disabled AMI launches for nobody, loses its launch
// permissions, and EnableImage does not give them back (S68).
func TestDisableImage(t *testing.T) {
	l := newLab(t, labConfig(1))
	inst := l.running(asStudent, labRun("al2023", "t3.micro"))
	ami := l.createImage(asStudent, inst, "golden", true)
	l.waitAvailable(ami, "us-east-1")
	l.ok(l.share(asStudent, ami, "partner"))
	_, err := l.w.DisableImage(asStudent, model.ImageIDInput{ImageId: ami})
	l.ok(err)
	_, err = l.w.RunInstances(asStudent, labRun(ami, "t3.micro"))
	l.code(err, model.InvalidAMIIDUnavailable)
	_, err = l.w.EnableImage(asStudent, model.ImageIDInput{ImageId: ami})
	l.ok(err)
	l.launch(asStudent, labRun(ami, "t3.micro"))
	_, err = l.w.RunInstances(asPartner, labRun(ami, "t3.micro"))
	l.code(err, model.AuthFailure)
}

// TestImageBlockPublicAccess: once in force (it takes up to ten minutes),
// making an AMI public is refused; sharing with an account still works.
func TestImageBlockPublicAccess(t *testing.T) {
	l := newLab(t, labConfig(1))
	inst := l.running(asStudent, labRun("al2023", "t3.micro"))
	ami := l.createImage(asStudent, inst, "golden", true)
	l.waitAvailable(ami, "us-east-1")
	_, err := l.w.EnableImageBlockPublicAccess(asStudent, model.ImageBlockPublicAccessInput{ImageBlockPublicAccessState: model.BlockNewSharing})
	l.ok(err)
	if st, _ := l.w.GetImageBlockPublicAccessState(asStudent, model.DisableImageBlockPublicAccessInput{}); st.ImageBlockPublicAccessState != model.Unblocked {
		t.Errorf("in force at once: %q", st.ImageBlockPublicAccessState)
	}
	l.runFor(10 * sim.Minute)
	if st, _ := l.w.GetImageBlockPublicAccessState(asStudent, model.DisableImageBlockPublicAccessInput{}); st.ImageBlockPublicAccessState != model.BlockNewSharing {
		t.Errorf("after 10 minutes: %q", st.ImageBlockPublicAccessState)
	}
	l.code(l.share(asStudent, ami, "all"), model.OperationNotPermitted)
	l.ok(l.share(asStudent, ami, "partner"))
}

// TestEncryptionByDefault: with it on, new volumes are encrypted with the
// default key whatever the request says; it is per Region (S67).
func TestEncryptionByDefault(t *testing.T) {
	l := newLab(t, labConfig(1))
	_, err := l.w.EnableEbsEncryptionByDefault(asStudent, model.EbsEncryptionByDefaultInput{})
	l.ok(err)
	out, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 8, Encrypted: labBool(false)})
	l.ok(err)
	if v := l.volume(out.VolumeId); !v.Encrypted || v.KMSKeyID == "" {
		t.Errorf("volume encrypted %t key %q, want encrypted with aws/ebs", v.Encrypted, v.KMSKeyID)
	}
	id := l.launch(asStudent, labRun("al2023", "t3.micro"))[0]
	if !l.rootVolume(id).Encrypted {
		t.Error("a launch's root volume is not encrypted")
	}
	west, err := l.w.CreateVolume(asWest, model.CreateVolumeInput{AvailabilityZone: "us-west-2a", Size: 8})
	l.ok(err)
	if l.volume(west.VolumeId).Encrypted {
		t.Error("encryption by default leaked into another Region")
	}
	_, err = l.w.ModifyEbsDefaultKmsKeyId(asStudent, model.ModifyEbsDefaultKmsKeyIdInput{KmsKeyId: "alias/golden"})
	l.ok(err)
	cmk, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 8})
	l.ok(err)
	if k, _ := l.w.GetEbsDefaultKmsKeyId(asStudent, model.GetEbsDefaultKmsKeyIdInput{}); l.volume(cmk.VolumeId).KMSKeyID != k.KmsKeyId {
		t.Errorf("volume key %q, want the chosen default %q", l.volume(cmk.VolumeId).KMSKeyID, k.KmsKeyId)
	}
}
