package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// EBS volumes and snapshots: snapshot concurrency (docs/sources.md S18) and
// the API's actions and error codes (S3, S43).

func TestVolumeLifecycle(t *testing.T) {
	t.Run("CreateVolume goes creating then available", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		out, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 10})
		l.ok(err)
		if out.State != model.VolumeCreating || l.volume(out.VolumeId).State != model.VolumeCreating {
			t.Fatalf("CreateVolume answers %s, volume is %s; want creating", out.State, l.volume(out.VolumeId).State)
		}
		l.runFor(sim.Minute)
		if got := l.volume(out.VolumeId).State; got != model.VolumeAvailable {
			t.Fatalf("a minute later the volume is %s, want available", got)
		}
	})

	t.Run("the root volume of a stopped instance can be detached", func(t *testing.T) {
		// The counterpart of "the root volume of a running instance cannot
		// be detached" below.
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		root := l.rootVolume(id).ID
		l.stop(asStudent, id)
		l.waitState(id, model.Stopped)
		_, err := l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: root})
		l.ok(err)
		l.waitFor("root detached", func() bool { return l.volume(root).State == model.VolumeAvailable })
	})
}

func TestStorageErrors(t *testing.T) {
	// web runs in us-east-1a with an extra volume "data" attached at
	// /dev/sdf; "spare" is an available volume in us-east-1a and "far" one
	// in us-east-1b; "other" is a second running instance in us-east-1a.
	setup := func(l *lab) {
		in := labRun("al2023", "t3.micro")
		in.Placement = &model.Placement{AvailabilityZone: "us-east-1a"}
		web := l.running(asStudent, in)
		l.w.Name("web", web)
		l.w.Name("other", l.running(asStudent, in))
		data := l.createVolume(asStudent, "us-east-1a", 5)
		l.attach(asStudent, data, web, "/dev/sdf")
		l.w.Name("data", data)
		l.w.Name("spare", l.createVolume(asStudent, "us-east-1a", 5))
		l.w.Name("far", l.createVolume(asStudent, "us-east-1b", 5))
	}
	attach := func(vol, inst, device string) func(*lab) error {
		return func(l *lab) error {
			_, err := l.w.AttachVolume(asStudent, model.AttachVolumeInput{VolumeId: vol, InstanceId: inst, Device: device})
			return err
		}
	}
	detach := func(in model.DetachVolumeInput) func(*lab) error {
		return func(l *lab) error {
			if in.VolumeId == "root of web" {
				in.VolumeId = l.rootVolume("web").ID
			}
			_, err := l.w.DetachVolume(asStudent, in)
			return err
		}
	}
	for _, c := range []struct {
		rule string
		call func(*lab) error
		want model.Code
	}{
		{"a volume attaches only to an instance in its own AZ", attach("far", "web", "/dev/sdg"), model.InvalidVolumeZoneMismatch},
		{"an in-use volume cannot be attached again", attach("data", "other", "/dev/sdg"), model.VolumeInUse},
		{"an attached volume cannot be deleted", func(l *lab) error {
			_, err := l.w.DeleteVolume(asStudent, model.VolumeIDInput{VolumeId: "data"})
			return err
		}, model.VolumeInUse},
		{"an unattached volume cannot be detached", detach(model.DetachVolumeInput{VolumeId: "spare"}), model.IncorrectState},
		{"detach naming the wrong instance finds no attachment", detach(model.DetachVolumeInput{VolumeId: "data", InstanceId: "other"}), model.InvalidAttachmentNotFound},
		{"the root volume of a running instance cannot be detached", detach(model.DetachVolumeInput{VolumeId: "root of web"}), model.IncorrectInstanceState},
		{"an unknown volume is not found", attach(labUnknownVolume, "web", "/dev/sdg"), model.InvalidVolumeNotFound},
		{"an unknown snapshot is not found", func(l *lab) error {
			_, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", SnapshotId: labUnknownSnapshot})
			return err
		}, model.InvalidSnapshotNotFound},
		{"an unknown instance is not found", attach("spare", labUnknownInstance, "/dev/sdg"), model.InvalidInstanceIDNotFound},
		{"a malformed instance ID is refused", attach("spare", "i-nope", "/dev/sdg"), model.InvalidInstanceIDMalformed},
	} {
		t.Run(c.rule, func(t *testing.T) {
			labFailedCallChangesNothing(t, setup, c.call, c.want)
		})
	}
}

func TestSnapshots(t *testing.T) {
	snapshot := func(l *lab, vol string) (string, error) {
		out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
		return out.SnapshotId, err
	}
	completed := func(l *lab, id string) {
		l.t.Helper()
		l.waitFor(id+" completed", func() bool { return l.snapshot(id).State == model.SnapshotCompleted })
	}

	t.Run("a second snapshot stores only what was written since the first", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		root := l.rootVolume(id).ID
		l.write(asStudent, id, "", 3)
		first, err := snapshot(l, root)
		l.ok(err)
		completed(l, first)
		l.write(asStudent, id, "", 1)
		second, err := snapshot(l, root)
		l.ok(err)
		completed(l, second)
		for _, c := range []struct {
			id           string
			data, stored int
		}{
			{first, 5, 5},  // 2 GiB from the AMI + 3 written: the whole volume
			{second, 6, 1}, // 1 GiB written since
		} {
			if s := l.snapshot(c.id); s.DataGiB != c.data || s.StoredGiB != c.stored {
				t.Errorf("%s: %d GiB of data, %d stored; want %d and %d", c.id, s.DataGiB, s.StoredGiB, c.data, c.stored)
			}
		}
	})

	fivePending := func(l *lab) {
		vol := l.createVolume(asStudent, "us-east-1a", 10)
		l.w.Name("vol", vol)
		for range 5 {
			_, err := snapshot(l, vol)
			l.ok(err)
		}
	}
	t.Run("more than five pending snapshots of one volume are refused", func(t *testing.T) {
		l := labFailedCallChangesNothing(t, fivePending,
			func(l *lab) error { _, err := snapshot(l, "vol"); return err },
			model.ConcurrentSnapshotLimitExceeded)
		// Once they complete, the volume can be snapshotted again.
		l.runFor(sim.Hour)
		_, err := snapshot(l, "vol")
		l.ok(err)
	})
}

func TestSnapshotInUseBy(t *testing.T) {
	// Two AMIs registered from one snapshot both hold it; a deregistered one
	// no longer does, and the InUse error names the first that still holds it.
	l := newLab(t, labConfig(1))
	vol := l.createVolume(asStudent, "us-east-1a", 1)
	out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
	l.ok(err)
	snap := out.SnapshotId
	l.waitFor("snapshot", func() bool { return l.snapshot(snap).State == model.SnapshotCompleted })
	if by := l.w.SnapshotInUseBy(snap); len(by) != 0 {
		t.Fatalf("a fresh snapshot is in use by %v", by)
	}
	register := func(name string) string {
		out, err := l.w.RegisterImage(asStudent, model.RegisterImageInput{
			Name: name, RootDeviceName: "/dev/xvda", Architecture: "x86_64", VirtualizationType: "hvm",
			BlockDeviceMappings: []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{SnapshotId: snap}}},
		})
		l.ok(err)
		return out.ImageId
	}
	first, second := register("first"), register("second")
	if by := l.w.SnapshotInUseBy(snap); !slices.Equal(by, []string{first, second}) {
		t.Fatalf("in use by %v, want %v in creation order", by, []string{first, second})
	}
	l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: first}))
	if by := l.w.SnapshotInUseBy(snap); !slices.Equal(by, []string{second}) {
		t.Fatalf("after deregistering %s, in use by %v, want [%s]", first, by, second)
	}
	err = l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: snap})
	l.code(err, model.InvalidSnapshotInUse)
	if !strings.Contains(err.Error(), second) {
		t.Errorf("the InUse error %q does not name %s", err, second)
	}
	l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: second}))
	if by := l.w.SnapshotInUseBy(snap); len(by) != 0 {
		t.Fatalf("with both AMIs deregistered, in use by %v", by)
	}
	l.ok(l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: snap}))
}

// TestDetachVolumeNamesTheAttachment: a device the volume is not attached
// at names no attachment: InvalidAttachment.NotFound (S3, DetachVolume).
func TestDetachVolumeNamesTheAttachment(t *testing.T) {
	var vol, inst string
	setup := func(l *lab) {
		inst = l.running(asStudent, labRun("al2023", "t3.micro"))
		vol = l.createVolume(asStudent, l.inst(inst).AZ, 1)
		l.attach(asStudent, vol, inst, "/dev/sdf")
	}
	l := labFailedCallChangesNothing(t, setup, func(l *lab) error {
		_, err := l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: vol, InstanceId: inst, Device: "/dev/sdg"})
		return err
	}, model.InvalidAttachmentNotFound)
	_, err := l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: vol, InstanceId: inst, Device: "/dev/sdf"})
	l.ok(err)
}

// TestStoppedInstanceRootCanBeDetached: the root volume detaches once the
// instance is stopped, and only then (S5, S10).
func TestStoppedInstanceRootCanBeDetached(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	root := l.rootVolume(id).ID
	_, err := l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: root})
	l.code(err, model.IncorrectInstanceState)
	l.stop(asStudent, id)
	l.waitState(id, model.Stopped)
	_, err = l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: root})
	l.ok(err)
	l.waitFor("root detached", func() bool { return l.volume(root).State == model.VolumeAvailable })
}

// TestCreateSnapshotsExcludeBootVolume: CreateSnapshots snapshots every
// attached volume, the root left out with ExcludeBootVolume (S3,
// CreateSnapshots).
func TestCreateSnapshotsExcludeBootVolume(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	data := l.createVolume(asStudent, l.inst(id).AZ, 2)
	l.attach(asStudent, data, id, "/dev/sdf")
	all, err := l.w.CreateSnapshots(asStudent, model.CreateSnapshotsInput{InstanceSpecification: model.InstanceSpecification{InstanceId: id}})
	l.ok(err)
	some, err := l.w.CreateSnapshots(asStudent, model.CreateSnapshotsInput{InstanceSpecification: model.InstanceSpecification{InstanceId: id, ExcludeBootVolume: true},
		TagSpecifications: []model.TagSpecification{{ResourceType: "snapshot", Tags: []model.Tag{{Key: "k", Value: "v"}}}}})
	l.ok(err)
	if len(all.Snapshots) != 2 || len(some.Snapshots) != 1 || some.Snapshots[0].VolumeId != data || l.snapshot(some.Snapshots[0].SnapshotId).Tags.Get("k") != "v" {
		t.Errorf("all %+v, without boot %+v", all.Snapshots, some.Snapshots)
	}
}

// TestMultiAttachOnlyOnProvisionedIOPS: MultiAttachEnabled is for io1 and
// io2 only; elsewhere InvalidParameterDependency (EBS user guide,
// "Multi-Attach").
func TestMultiAttachOnlyOnProvisionedIOPS(t *testing.T) {
	l := labFailedCallChangesNothing(t, func(*lab) {}, func(l *lab) error {
		_, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "gp3", MultiAttachEnabled: true})
		return err
	}, model.InvalidParameterDependency)
	out, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "io2", Iops: 1000, MultiAttachEnabled: true})
	l.ok(err)
	if !l.volume(out.VolumeId).MultiAttach {
		t.Error("io2 volume is not multi-attach")
	}
}

// TestSnapshotProgress: a snapshot's progress (DescribeSnapshots'
// "progress", S101) is 0 when it starts, rises with simulated time and
// never falls, stays below 100 while pending and is exactly 100 once
// completed, however the snapshot was made; a clone reads what the world
// it was taken from reads.
func TestSnapshotProgress(t *testing.T) {
	completedSnapshot := func(l *lab) string {
		vol := l.createVolume(asStudent, "us-east-1a", 4)
		out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
		l.ok(err)
		l.waitFor("snapshot completed", func() bool { return l.snapshot(out.SnapshotId).State == model.SnapshotCompleted })
		return out.SnapshotId
	}
	copySnapshot := func(c model.Caller) func(l *lab) []string {
		return func(l *lab) []string {
			src := completedSnapshot(l)
			out, err := l.w.CopySnapshot(c, model.CopySnapshotInput{SourceSnapshotId: src, SourceRegion: "us-east-1"})
			l.ok(err)
			return []string{out.SnapshotId}
		}
	}
	// imageSnapshots waits for the image's snapshots to start: it stops at
	// the event that starts them, so their progress is read from their start.
	imageSnapshots := func(l *lab, image, region string) []string {
		l.waitFor(image+" snapshots", func() bool { return len(labSnaps(l.image(image, region))) > 0 })
		return labSnaps(l.image(image, region))
	}
	for _, c := range []struct {
		rule string
		make func(l *lab) []string // starts snapshots now and returns them
	}{
		{"CreateSnapshot", func(l *lab) []string {
			vol := l.createVolume(asStudent, "us-east-1a", 4)
			out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
			l.ok(err)
			return []string{out.SnapshotId}
		}},
		{"CopySnapshot in the same region", copySnapshot(asStudent)},
		{"CopySnapshot into another region", copySnapshot(asWest)},
		{"CreateImage's snapshots", func(l *lab) []string {
			inst := l.running(asStudent, labRun("al2023", "t3.micro"))
			out, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: inst, Name: "golden", NoReboot: true})
			l.ok(err)
			return imageSnapshots(l, out.ImageId, "us-east-1")
		}},
		{"CopyImage's snapshots", func(l *lab) []string {
			src := labGolden(l, labRun("al2023", "t3.micro"))
			out, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden-west", SourceImageId: src, SourceRegion: "us-east-1"})
			l.ok(err)
			return imageSnapshots(l, out.ImageId, "us-west-2")
		}},
	} {
		t.Run(c.rule, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			ids := c.make(l)
			if len(ids) == 0 {
				t.Fatal("no snapshot was started")
			}
			for _, id := range ids {
				s := l.snapshot(id)
				if s.State != model.SnapshotPending || s.StartTime != l.w.Now() {
					t.Fatalf("%s is %s, started at %s; want pending, started now (%s)", id, s.State, s.StartTime, l.w.Now())
				}
				if p := s.Progress(l.w.Now()); p != 0 {
					t.Errorf("%s starts at %d%%, want 0%%", id, p)
				}
			}
			isPending := func(id string) bool { return l.snapshot(id).State == model.SnapshotPending }
			seen := map[string][]int{} // each snapshot's progress, a second apart, while it is pending
			cloned := false
			for limit := l.w.Now() + sim.Day; slices.ContainsFunc(ids, isPending); l.runFor(sim.Second) {
				if l.w.Now() > limit {
					t.Fatalf("still pending after a day")
				}
				for _, id := range slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !isPending(id) }) {
					p, was := l.snapshot(id).Progress(l.w.Now()), seen[id]
					if p < 0 || p > 99 {
						t.Fatalf("%s is pending at %d%%, want 0 to 99", id, p)
					}
					if n := len(was); n > 0 && p < was[n-1] {
						t.Fatalf("%s fell from %d%% to %d%% at %s", id, was[n-1], p, l.w.Now())
					}
					seen[id] = append(was, p)
					if p > 0 && !cloned {
						cloned = true
						c := l.w.Clone()
						if cs, _ := c.Snapshot(id); cs.Progress(c.Now()) != p {
							t.Errorf("a clone reads %s at %d%%, the world %d%%", id, cs.Progress(c.Now()), p)
						}
					}
				}
			}
			for _, id := range ids {
				if len(seen[id]) < 3 {
					t.Fatalf("%s was pending for %d s: too short to see it rise", id, len(seen[id]))
				}
				if mid := seen[id][len(seen[id])/2]; mid <= 0 || mid >= 100 {
					t.Errorf("%s halfway through is at %d%%, want strictly between 0 and 100", id, mid)
				}
				s := l.snapshot(id)
				if s.State != model.SnapshotCompleted || s.Progress(l.w.Now()) != 100 {
					t.Errorf("%s is %s at %d%%, want completed at 100%%", id, s.State, s.Progress(l.w.Now()))
				}
			}
			l.runFor(sim.Hour)
			for _, id := range ids {
				if p := l.snapshot(id).Progress(l.w.Now()); p != 100 {
					t.Errorf("%s an hour after completing is at %d%%, want 100%%", id, p)
				}
			}
		})
	}
}
