package model_test

import (
	"slices"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// AMIs: lifecycle operations, IDs, scope and sharing as the User Guide
// describes them (docs/sources.md S17–S21), with the API's error codes (S3,
// S43).

// labGolden launches an instance, names it "src", makes an AMI of it named
// "golden" and returns the AMI ID.
func labGolden(l *lab, in model.RunInstancesInput) string {
	l.t.Helper()
	src := l.running(asStudent, in)
	l.w.Name("src", src)
	ami := l.createImage(asStudent, src, "golden", true)
	l.w.Name("golden", ami)
	return ami
}

// labEncrypted is a launch whose root volume is encrypted with the given
// KMS key ("" is the AWS managed key, alias/aws/ebs).
func labEncrypted(key string) model.RunInstancesInput {
	in := labRun("al2023", "t3.micro")
	in.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{Encrypted: labBool(true), KmsKeyId: key}}}
	return in
}

// labSnaps and labEnc call Image's pointer methods on a copy.
func labSnaps(im model.Image) []string { return im.SnapshotIDs() }
func labEnc(im model.Image) bool       { return im.Encrypted() }

func TestAMIIDs(t *testing.T) {
	// script makes the same AMIs in a world built from seed.
	script := func(t *testing.T, seed uint64) []string {
		l := newLab(t, labConfig(seed))
		a := labGolden(l, labRun("al2023", "t3.micro"))
		b := l.createImage(asStudent, "src", "golden-2", false)
		out, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden", SourceImageId: a, SourceRegion: "us-east-1"})
		l.ok(err)
		return []string{a, b, out.ImageId}
	}
	one, again, other := script(t, 1), script(t, 1), script(t, 2)

	t.Run("AMI IDs are ami- and 17 hex digits", func(t *testing.T) {
		for _, id := range one {
			if !labAMIID.MatchString(id) {
				t.Errorf("AMI ID %q is not ami- and 17 lower-case hex digits", id)
			}
		}
	})
	t.Run("the same seed gives the same AMI IDs", func(t *testing.T) {
		if !slices.Equal(one, again) {
			t.Errorf("seed 1 gave %v, then %v", one, again)
		}
	})
	t.Run("a different seed gives different AMI IDs", func(t *testing.T) {
		for i := range one {
			if one[i] == other[i] {
				t.Errorf("seeds 1 and 2 both made %s", one[i])
			}
		}
	})
	t.Run("public image IDs do not depend on the seed", func(t *testing.T) {
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			want := model.PublicImageID("al2023", region)
			if !labAMIID.MatchString(want) {
				t.Fatalf("public AMI ID %q is not ami- and 17 hex digits", want)
			}
			for _, seed := range []uint64{1, 2, 99} {
				l := newLab(t, labConfig(seed))
				if got := l.image("al2023", region).ID; got != want {
					t.Errorf("seed %d: al2023 in %s is %s, want %s", seed, region, got, want)
				}
			}
		}
		if model.PublicImageID("al2023", "us-east-1") == model.PublicImageID("al2023", "eu-west-1") {
			t.Errorf("a public image has one ID in every region; each region has its own")
		}
	})
}

func TestAMIsAreRegional(t *testing.T) {
	t.Run("an AMI launches only in its own region", func(t *testing.T) {
		l := labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) },
			func(l *lab) error {
				_, err := l.w.RunInstances(asWest, labRun(l.w.Lookup("golden")[0], "t3.micro"))
				return err
			},
			model.InvalidAMIIDNotFound)
		out, err := l.w.DescribeImages(asWest, model.DescribeImagesInput{Owners: []string{"self"}})
		l.ok(err)
		if len(out.Images) != 0 {
			t.Errorf("DescribeImages in us-west-2 lists %d of the student's us-east-1 AMIs", len(out.Images))
		}
	})
	t.Run("a public image has another ID in another region", func(t *testing.T) {
		labFailedCallChangesNothing(t, func(*lab) {},
			func(l *lab) error {
				_, err := l.w.RunInstances(asWest, labRun(model.PublicImageID("al2023", "us-east-1"), "t3.micro"))
				return err
			},
			model.InvalidAMIIDNotFound)
		l := newLab(t, labConfig(1))
		l.running(asWest, labRun(model.PublicImageID("al2023", "us-west-2"), "t3.micro"))
	})
	t.Run("a snapshot is usable only in its own region", func(t *testing.T) {
		labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) },
			func(l *lab) error {
				snap := labSnaps(l.image("golden", "us-east-1"))[0]
				_, err := l.w.CreateVolume(asWest, model.CreateVolumeInput{AvailabilityZone: "us-west-2a", SnapshotId: snap})
				return err
			},
			model.InvalidSnapshotNotFound)
	})
	t.Run("a malformed AMI ID is refused", func(t *testing.T) {
		for _, ref := range []string{"ami-12345", "ami-0123456789ABCDEF0", "al2024"} {
			labFailedCallChangesNothing(t, func(*lab) {},
				func(l *lab) error {
					_, err := l.w.RunInstances(asStudent, labRun(ref, "t3.micro"))
					return err
				},
				model.InvalidAMIIDMalformed)
		}
	})
}

func TestCreateImage(t *testing.T) {
	t.Run("CreateImage reboots the instance unless NoReboot", func(t *testing.T) {
		for _, noReboot := range []bool{false, true} {
			l := newLab(t, labConfig(1))
			id := l.running(asStudent, labRun("al2023", "t3.micro"))
			l.createImage(asStudent, id, "golden", noReboot)
			l.runFor(10 * sim.Minute)
			if got, want := l.notes("reboot", id), map[bool]int{false: 1, true: 0}[noReboot]; got != want {
				t.Errorf("NoReboot=%t: %d reboot note(s), want %d", noReboot, got, want)
			}
			if got, want := l.instanceStates(id), []model.InstanceState{model.Pending, model.Running}; !slices.Equal(got, want) {
				t.Errorf("NoReboot=%t: states = %v, want %v (a reboot is not a state)", noReboot, got, want)
			}
		}
	})

	t.Run("CreateImage snapshots every EBS volume and no instance-store disk", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		in := labRun("al2023", "m5d.large")
		in.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/sdf", Ebs: &model.EbsBlockDevice{VolumeSize: 10, VolumeType: "gp3"}}}
		id := l.running(asStudent, in)
		l.attach(asStudent, l.createVolume(asStudent, l.inst(id).AZ, 5), id, "/dev/sdg")
		l.write(asStudent, id, "ephemeral0", 5)
		ami := l.createImage(asStudent, id, "golden", false)

		im := l.image(ami, "us-east-1")
		var volumes []string
		for _, bd := range l.inst(id).BlockDevices {
			volumes = append(volumes, bd.VolumeID)
		}
		if len(volumes) != 3 || len(im.BlockDevices) != 3 {
			t.Fatalf("%d EBS volumes, %d image block devices; want 3 and 3: %+v", len(volumes), len(im.BlockDevices), im.BlockDevices)
		}
		for i, bd := range im.BlockDevices {
			s := l.snapshot(bd.SnapshotID)
			if s.VolumeID != volumes[i] || s.State != model.SnapshotCompleted || s.Region != "us-east-1" {
				t.Errorf("%s: snapshot %s of %s (%s), want a completed snapshot of %s", bd.DeviceName, s.ID, s.VolumeID, s.State, volumes[i])
			}
			if bd.VirtualName != "" {
				t.Errorf("the AMI maps instance-store disk %s", bd.VirtualName)
			}
		}
	})

	t.Run("a new AMI is pending, then available", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		out, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: id, Name: "golden"})
		l.ok(err)
		if got := l.image(out.ImageId, "us-east-1").State; got != model.ImagePending {
			t.Fatalf("state right after CreateImage = %s, want pending", got)
		}
		l.waitAvailable(out.ImageId, "us-east-1")
		l.running(asStudent, labRun(out.ImageId, "t3.micro"))
	})

	t.Run("a pending AMI cannot launch", func(t *testing.T) {
		labFailedCallChangesNothing(t,
			func(l *lab) {
				id := l.running(asStudent, labRun("al2023", "t3.micro"))
				out, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: id, Name: "golden"})
				l.ok(err)
				l.w.Name("golden", out.ImageId)
			},
			func(l *lab) error {
				_, err := l.w.RunInstances(asStudent, labRun("golden", "t3.micro"))
				return err
			},
			model.InvalidAMIIDUnavailable)
	})

	t.Run("AMI names are unique per account and region", func(t *testing.T) {
		l := labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) },
			func(l *lab) error {
				_, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: "src", Name: "golden", NoReboot: true})
				return err
			},
			model.InvalidAMINameDuplicate)
		// The same name is free in another region and for another account.
		_, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden", SourceImageId: "golden", SourceRegion: "us-east-1"})
		l.ok(err)
		other := l.running(asPartner, labRun("al2023", "t3.micro"))
		_, err = l.w.CreateImage(asPartner, model.CreateImageInput{InstanceId: other, Name: "golden"})
		l.ok(err)
	})
}

func TestCopyImage(t *testing.T) {
	t.Run("CopyImage is called in the destination region and makes a new AMI with new snapshots", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		src := l.image(labGolden(l, labRun("al2023", "t3.micro")), "us-east-1")
		out, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden-west", SourceImageId: src.ID, SourceRegion: "us-east-1"})
		l.ok(err)
		l.waitAvailable(out.ImageId, "us-west-2")
		cp := l.image(out.ImageId, "us-west-2")
		if cp.ID == src.ID || cp.Region != "us-west-2" || !labAMIID.MatchString(cp.ID) {
			t.Fatalf("copy %s in %s, want a new AMI ID in us-west-2 (source %s)", cp.ID, cp.Region, src.ID)
		}
		if len(labSnaps(cp)) != len(labSnaps(src)) {
			t.Fatalf("copy has %d snapshots, source %d", len(labSnaps(cp)), len(labSnaps(src)))
		}
		for i, id := range labSnaps(cp) {
			if s := l.snapshot(id); id == labSnaps(src)[i] || s.Region != "us-west-2" {
				t.Errorf("copy's snapshot %s is in %s; want a new snapshot in us-west-2", id, s.Region)
			}
		}
		l.running(asWest, labRun(cp.ID, "t3.micro"))
	})

	t.Run("CopyImage copies no launch permissions", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		src := labGolden(l, labRun("al2023", "t3.micro"))
		l.ok(l.share(asStudent, src, "partner"))
		l.running(asPartner, labRun(src, "t3.micro"))
		out, err := l.w.CopyImage(asStudent, model.CopyImageInput{Name: "golden-copy", SourceImageId: src, SourceRegion: "us-east-1"})
		l.ok(err)
		l.waitAvailable(out.ImageId, "us-east-1")
		if p := l.image(out.ImageId, "us-east-1").LaunchPermissions; len(p) != 0 {
			t.Errorf("the copy has launch permissions %v", p)
		}
		_, err = l.w.RunInstances(asPartner, labRun(out.ImageId, "t3.micro"))
		l.code(err, model.AuthFailure)
	})

	t.Run("CopyImage can add encryption", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		src := labGolden(l, labRun("al2023", "t3.micro"))
		out, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden-enc", SourceImageId: src, SourceRegion: "us-east-1", Encrypted: labBool(true)})
		l.ok(err)
		l.waitAvailable(out.ImageId, "us-west-2")
		if labEnc(l.image(src, "us-east-1")) || !labEnc(l.image(out.ImageId, "us-west-2")) {
			t.Errorf("source encrypted %t, copy encrypted %t; want false, true", labEnc(l.image(src, "us-east-1")), labEnc(l.image(out.ImageId, "us-west-2")))
		}
	})

	t.Run("a copy of an encrypted AMI is always encrypted", func(t *testing.T) {
		setup := func(l *lab) { labGolden(l, labEncrypted("alias/golden")) }
		l := newLab(t, labConfig(1))
		setup(l)
		out, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden", SourceImageId: "golden", SourceRegion: "us-east-1"})
		l.ok(err)
		if !labEnc(l.image(out.ImageId, "us-west-2")) {
			t.Errorf("a copy of an encrypted AMI that does not ask for encryption is not encrypted")
		}
		labFailedCallChangesNothing(t, setup,
			func(l *lab) error {
				_, err := l.w.CopyImage(asWest, model.CopyImageInput{Name: "golden", SourceImageId: "golden", SourceRegion: "us-east-1", Encrypted: labBool(false)})
				return err
			},
			model.InvalidRequest) // AWS's code (issue 12); was InvalidParameterCombination
	})
}

func TestDeregisterImage(t *testing.T) {
	t.Run("deregister keeps snapshots", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		ami := labGolden(l, labRun("al2023", "t3.micro"))
		snaps := labSnaps(l.image(ami, "us-east-1"))
		l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: ami}))
		for _, id := range snaps {
			if s := l.snapshot(id); s.State != model.SnapshotCompleted {
				t.Errorf("snapshot %s is %s after deregister", id, s.State)
			}
		}
		if l.notes("orphaned-snapshots", ami) != 1 {
			t.Errorf("the trace does not warn that the snapshots keep billing")
		}
		_, err := l.w.RunInstances(asStudent, labRun(ami, "t3.micro"))
		l.code(err, model.InvalidAMIIDUnavailable)
	})

	t.Run("deregister with DeleteAssociatedSnapshots deletes the snapshots", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		ami := labGolden(l, labRun("al2023", "t3.micro"))
		snaps := labSnaps(l.image(ami, "us-east-1"))
		l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: ami, DeleteAssociatedSnapshots: true}))
		for _, id := range snaps {
			if _, ok := l.w.Snapshot(id); ok {
				t.Errorf("snapshot %s still exists", id)
			}
		}
	})

	t.Run("a snapshot backing a registered AMI cannot be deleted", func(t *testing.T) {
		labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) },
			func(l *lab) error {
				snap := labSnaps(l.image("golden", "us-east-1"))[0]
				return l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: snap})
			},
			model.InvalidSnapshotInUse)
	})

	t.Run("the snapshot can be deleted after deregistration", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		ami := labGolden(l, labRun("al2023", "t3.micro"))
		snap := labSnaps(l.image(ami, "us-east-1"))[0]
		l.ok(l.w.DeregisterImage(asStudent, model.DeregisterImageInput{ImageId: ami}))
		l.ok(l.w.DeleteSnapshot(asStudent, model.SnapshotIDInput{SnapshotId: snap}))
		if _, ok := l.w.Snapshot(snap); ok {
			t.Errorf("snapshot %s still exists", snap)
		}
	})
}

func TestLaunchPermissions(t *testing.T) {
	launchAs := func(c model.Caller) func(*lab) error {
		return func(l *lab) error {
			_, err := l.w.RunInstances(c, labRun("golden", "t3.micro"))
			return err
		}
	}
	golden := func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) }

	t.Run("AMIs are private by default", func(t *testing.T) {
		l := labFailedCallChangesNothing(t, golden, launchAs(asPartner), model.AuthFailure)
		if im := l.image("golden", "us-east-1"); im.Public || len(im.LaunchPermissions) != 0 {
			t.Errorf("new AMI: public %t, launch permissions %v", im.Public, im.LaunchPermissions)
		}
	})

	t.Run("a launch permission lets that account launch, and only that account", func(t *testing.T) {
		shared := func(l *lab) { golden(l); l.ok(l.share(asStudent, "golden", "partner")) }
		l := newLab(t, labConfig(1))
		shared(l)
		l.running(asPartner, labRun("golden", "t3.micro"))
		labFailedCallChangesNothing(t, shared, launchAs(asStranger), model.AuthFailure)
	})

	t.Run("removing the launch permission takes it away", func(t *testing.T) {
		labFailedCallChangesNothing(t,
			func(l *lab) {
				golden(l)
				l.ok(l.share(asStudent, "golden", "partner"))
				l.ok(l.w.ModifyImageAttribute(asStudent, model.ModifyImageAttributeInput{ImageId: "golden",
					LaunchPermission: &model.LaunchPermissionChange{Remove: []model.LaunchPermission{{UserId: "444455556666"}}}}))
			},
			launchAs(asPartner), model.AuthFailure)
	})

	t.Run("group all makes an AMI public", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		golden(l)
		l.ok(l.share(asStudent, "golden", "all"))
		if !l.image("golden", "us-east-1").Public {
			t.Fatalf("the AMI is not public")
		}
		l.running(asStranger, labRun("golden", "t3.micro"))
	})

	t.Run("encrypted AMIs cannot be made public", func(t *testing.T) {
		l := labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labEncrypted("alias/golden")) },
			func(l *lab) error { return l.share(asStudent, "golden", "all") },
			model.UnsupportedOperation)
		if l.image("golden", "us-east-1").Public {
			t.Errorf("the encrypted AMI became public")
		}
	})

	t.Run("an AMI encrypted with the AWS managed key cannot be shared with an account", func(t *testing.T) {
		labFailedCallChangesNothing(t,
			func(l *lab) { labGolden(l, labEncrypted("")) },
			func(l *lab) error { return l.share(asStudent, "golden", "partner") },
			model.InvalidParameter)
	})

	t.Run("an AMI encrypted with a customer managed key can be shared with an account", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		ami := labGolden(l, labEncrypted("alias/golden"))
		l.ok(l.share(asStudent, ami, "partner"))
		// alias/golden grants the partner, so the launch boots.
		l.running(asPartner, labRun(ami, "t3.micro"))
	})
}

func TestRootDeviceLimits(t *testing.T) {
	t.Run("an instance-store-backed AMI does not run on a Nitro type", func(t *testing.T) {
		labFailedCallChangesNothing(t, func(*lab) {},
			func(l *lab) error {
				_, err := l.w.RunInstances(asStudent, labRun("amzn-instance-store", "t3.micro"))
				return err
			},
			model.UnsupportedOperation) // AWS's code (issue 12); was Unsupported
		// The public instance-store AMI is also paravirtual, which Nitro
		// types cannot boot either. An HVM instance-store AMI isolates the
		// root device rule: it runs on m3.medium but not on t3.micro.
		hvm := func(l *lab) {
			id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
			l.ok(l.w.BundleVolume(asStudent, model.BundleVolumeInput{InstanceId: id, ImageLocation: "my-bucket/hvm.manifest.xml"}))
			out, err := l.w.RegisterImage(asStudent, model.RegisterImageInput{Name: "hvm-instance-store", ImageLocation: "my-bucket/hvm.manifest.xml", Architecture: "x86_64", VirtualizationType: "hvm"})
			l.ok(err)
			l.waitAvailable(out.ImageId, "us-east-1")
			l.w.Name("hvm-is", out.ImageId)
		}
		l := labFailedCallChangesNothing(t, hvm,
			func(l *lab) error {
				_, err := l.w.RunInstances(asStudent, labRun("hvm-is", "t3.micro"))
				return err
			},
			model.UnsupportedOperation) // AWS's code (issue 12); was Unsupported
		l.running(asStudent, labRun("hvm-is", "m3.medium"))
	})

	t.Run("an instance-store-backed AMI runs on m1.small", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
		if i := l.inst(id); i.RootDeviceType != model.RootInstanceStore || len(i.BlockDevices) != 0 {
			t.Errorf("root device type %s with %d EBS volumes, want instance-store and none", i.RootDeviceType, len(i.BlockDevices))
		}
	})

	t.Run("an instance-store root device holds at most 10 GiB", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
		l.write(asStudent, id, "", 25)
		root := l.ephemeral(id, "/dev/sda1")
		if root.SizeGB != 10 || root.DataGiB != 10 {
			t.Fatalf("root is %d GB holding %d GiB, want a full 10 GiB device", root.SizeGB, root.DataGiB)
		}
		l.ok(l.w.BundleVolume(asStudent, model.BundleVolumeInput{InstanceId: id, ImageLocation: "my-bucket/full.manifest.xml"}))
		out, err := l.w.RegisterImage(asStudent, model.RegisterImageInput{Name: "full", ImageLocation: "my-bucket/full.manifest.xml", Architecture: "x86_64"})
		l.ok(err)
		l.waitAvailable(out.ImageId, "us-east-1")
		if im := l.image(out.ImageId, "us-east-1"); im.BundleGiB != 10 || im.RootDeviceType != model.RootInstanceStore {
			t.Errorf("registered %s AMI of %d GiB, want instance-store and 10", im.RootDeviceType, im.BundleGiB)
		}
	})

	// RegisterImage from a snapshot, with a root of the given size.
	register := func(l *lab, gib int) error {
		vol := l.createVolume(asStudent, "us-east-1a", 1)
		out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
		l.ok(err)
		l.waitFor("snapshot", func() bool { return l.snapshot(out.SnapshotId).State == model.SnapshotCompleted })
		_, err = l.w.RegisterImage(asStudent, model.RegisterImageInput{
			Name: "huge", RootDeviceName: "/dev/xvda", Architecture: "x86_64", VirtualizationType: "hvm",
			BlockDeviceMappings: []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{SnapshotId: out.SnapshotId, VolumeSize: gib, VolumeType: "gp3"}}},
		})
		return err
	}
	t.Run("RegisterImage refuses an EBS root over 65536 GiB", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		l.code(register(l, 65537), model.InvalidBlockDeviceMapping)
		if n := len(l.w.Images()); n != 0 {
			t.Fatalf("the failed RegisterImage left %d image(s)", n)
		}
		l.ok(register(l, 65536))
	})

	huge := func(gib int) model.RunInstancesInput {
		in := labRun("al2023", "t3.micro")
		in.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{VolumeSize: gib}}}
		return in
	}
	t.Run("a launch mapping refuses an EBS root over 65536 GiB", func(t *testing.T) {
		labFailedCallChangesNothing(t, func(*lab) {},
			func(l *lab) error {
				_, err := l.w.RunInstances(asStudent, huge(65537))
				return err
			},
			model.InvalidParameterValue)
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, huge(65536))
		if got := l.rootVolume(id).SizeGiB; got != 65536 {
			t.Errorf("root is %d GiB, want 65536", got)
		}
	})
}

// TestSharingAnAMIDoesNotShareItsSnapshots: launch permission lets another
// account launch an AMI, not copy it; CopyImage needs createVolumePermission
// on every snapshot behind it, else InvalidRequest "You do not have
// permission to access the storage of this ami" (S17, S21; docs/sources.md
// S93 for the message).
func TestSharingAnAMIDoesNotShareItsSnapshots(t *testing.T) {
	l := newLab(t, labConfig(1))
	ami := labGolden(l, labRun("al2023", "t3.micro"))
	l.ok(l.share(asStudent, ami, "partner"))
	l.running(asPartner, labRun(ami, "t3.micro")) // launching works
	copyIt := func() error {
		_, err := l.w.CopyImage(model.Caller{Account: "partner", Region: "us-west-2"}, model.CopyImageInput{Name: "mine", SourceImageId: ami, SourceRegion: "us-east-1"})
		return err
	}
	l.code(copyIt(), model.InvalidRequest)
	for _, id := range labSnaps(l.image(ami, "us-east-1")) {
		l.ok(l.w.ModifySnapshotAttribute(asStudent, model.ModifySnapshotAttributeInput{SnapshotId: id, Attribute: "createVolumePermission", OperationType: "add", UserIds: []string{"partner"}}))
		attr, err := l.w.DescribeSnapshotAttribute(asStudent, model.DescribeSnapshotAttributeInput{SnapshotId: id, Attribute: "createVolumePermission"})
		l.ok(err)
		if len(attr.CreateVolumePermissions) != 1 || attr.CreateVolumePermissions[0].UserId != "444455556666" {
			t.Fatalf("createVolumePermission of %s = %+v, want the partner", id, attr.CreateVolumePermissions)
		}
	}
	l.ok(copyIt())
}

// TestLaunchPermissionValuesAreChecked: a group other than all, an account
// ID that is not 12 digits or a malformed organization ARN is
// InvalidAMIAttributeItemValue, and nothing of the call applies (S3,
// ModifyImageAttribute).
func TestLaunchPermissionValuesAreChecked(t *testing.T) {
	for _, bad := range []model.LaunchPermission{{Group: "everyone"}, {UserId: "12345"}, {OrganizationArn: "arn:aws:organizations::1:organization/x"}, {OrganizationalUnitArn: "ou-1"}} {
		setup := func(l *lab) { labGolden(l, labRun("al2023", "t3.micro")) }
		labFailedCallChangesNothing(t, setup, func(l *lab) error {
			return l.w.ModifyImageAttribute(asStudent, model.ModifyImageAttributeInput{ImageId: "golden",
				LaunchPermission: &model.LaunchPermissionChange{Add: []model.LaunchPermission{{UserId: "444455556666"}, bad}}})
		}, model.InvalidAMIAttributeItemValue)
	}
}

// TestLaunchPermissionForAnOrganization: an AMI shared with an organization
// (or an organizational unit) is launchable by the accounts in it and by no
// other (S21, "Share an AMI with organizations or OUs").
func TestLaunchPermissionForAnOrganization(t *testing.T) {
	const org = "arn:aws:organizations::111122223333:organization/o-exampleorgid"
	cfg := labConfig(1)
	cfg.Accounts[1].OrganizationArn = org
	l := newLab(t, cfg)
	ami := labGolden(l, labRun("al2023", "t3.micro"))
	l.ok(l.w.ModifyImageAttribute(asStudent, model.ModifyImageAttributeInput{ImageId: ami,
		LaunchPermission: &model.LaunchPermissionChange{Add: []model.LaunchPermission{{OrganizationArn: org}}}}))
	l.running(asPartner, labRun(ami, "t3.micro"))
	_, err := l.w.RunInstances(asStranger, labRun(ami, "t3.micro"))
	l.code(err, model.AuthFailure)
	attr, err := l.w.DescribeImageAttribute(asStudent, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "launchPermission"})
	l.ok(err)
	if len(attr.LaunchPermissions) != 1 || attr.LaunchPermissions[0].OrganizationArn != org {
		t.Errorf("launchPermission = %+v, want the organization", attr.LaunchPermissions)
	}
}

// TestExecutableUsersCountsExplicitGrantsOnly: DescribeImages'
// ExecutableUsers scopes the list by explicit launch permissions (S102):
// self gives what is shared with the caller's account or its organization,
// another account's ID what is shared with that account by ID, all the
// public AMIs; an owner's own AMIs (an implicit permission) and the public
// ones come only from all.
func TestExecutableUsersCountsExplicitGrantsOnly(t *testing.T) {
	const org = "arn:aws:organizations::111122223333:organization/o-exampleorgid"
	cfg := labConfig(1)
	cfg.Accounts[1].OrganizationArn = org
	l := newLab(t, cfg)
	src := l.running(asStudent, labRun("al2023", "t3.micro"))
	share := func(name string, p model.LaunchPermission) string {
		ami := l.createImage(asStudent, src, name, true)
		if p != (model.LaunchPermission{}) {
			l.ok(l.w.ModifyImageAttribute(asStudent, model.ModifyImageAttributeInput{ImageId: ami,
				LaunchPermission: &model.LaunchPermissionChange{Add: []model.LaunchPermission{p}}}))
		}
		return ami
	}
	byID := share("by-id", model.LaunchPermission{UserId: "444455556666"})
	byOrg := share("by-org", model.LaunchPermission{OrganizationArn: org})
	share("private", model.LaunchPermission{})
	listed := func(c model.Caller, users ...string) (mine []string, public int) {
		t.Helper()
		out, err := l.w.DescribeImages(c, model.DescribeImagesInput{ExecutableUsers: users})
		l.ok(err)
		for _, im := range out.Images {
			if im.Public {
				public++
			} else {
				mine = append(mine, im.ID)
			}
		}
		slices.Sort(mine)
		return mine, public
	}
	both := []string{byID, byOrg}
	slices.Sort(both)
	for _, tc := range []struct {
		name       string
		c          model.Caller
		users      []string
		want       []string
		wantPublic bool
	}{
		{"self: shared with the account or its organization", asPartner, []string{"self"}, both, false},
		{"the caller's own ID, as self", asPartner, []string{"444455556666"}, both, false},
		{"another account's ID: shared with it by ID only", asStudent, []string{"444455556666"}, []string{byID}, false},
		{"the owner's self: its own AMIs are not shared with it", asStudent, []string{"self"}, nil, false},
		{"all: the public AMIs", asPartner, []string{"all"}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, public := listed(tc.c, tc.users...)
			if !slices.Equal(got, tc.want) || (public > 0) != tc.wantPublic {
				t.Errorf("ExecutableUsers %v lists %v and %d public AMIs, want %v and public %v", tc.users, got, public, tc.want, tc.wantPublic)
			}
		})
	}
}

// TestCopyImageCodesAsAWSReturnsThem: an unencrypted copy of an encrypted
// AMI and a copy of another account's Marketplace AMI are InvalidRequest;
// KmsKeyId without Encrypted is InvalidParameterDependency (S3, CopyImage).
func TestCopyImageCodesAsAWSReturnsThem(t *testing.T) {
	cases := []struct {
		name string
		in   model.CopyImageInput
		want model.Code
	}{
		{"Marketplace AMI of another account", model.CopyImageInput{Name: "cis", SourceImageId: "cis-al2023", SourceRegion: "us-east-1"}, model.InvalidRequest},
		{"KmsKeyId without Encrypted", model.CopyImageInput{Name: "kms-copy", SourceImageId: "al2023", SourceRegion: "us-east-1", KmsKeyId: "alias/aws/ebs"}, model.InvalidParameterDependency},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			labFailedCallChangesNothing(t, func(*lab) {}, func(l *lab) error {
				_, err := l.w.CopyImage(asWest, tc.in)
				return err
			}, tc.want)
		})
	}
}
