package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

func TestRootDataGiB(t *testing.T) {
	t.Run("an EBS-backed root reads its root volume, not the other volumes", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		in := labRun("al2023", "t3.micro")
		in.Placement = &model.Placement{AvailabilityZone: "us-east-1a"}
		id := l.running(asStudent, in)
		data := l.createVolume(asStudent, "us-east-1a", 5)
		l.attach(asStudent, data, id, "/dev/sdf")
		l.write(asStudent, id, "/dev/sdf", 4)
		want := l.rootVolume(id).DataGiB
		if got, ok := l.w.RootDataGiB(id); !ok || got != want {
			t.Fatalf("RootDataGiB = %d, %v; want the root volume's %d GiB", got, ok, want)
		}
		l.write(asStudent, id, "", 3)
		if got, _ := l.w.RootDataGiB(id); got != want+3 {
			t.Fatalf("after writing 3 GiB to the root, RootDataGiB = %d, want %d", got, want+3)
		}
		root := l.rootVolume(id).ID
		l.stop(asStudent, id)
		l.waitState(id, model.Stopped)
		_, err := l.w.DetachVolume(asStudent, model.DetachVolumeInput{VolumeId: root})
		l.ok(err)
		l.waitFor("root detached", func() bool { return l.volume(root).State == model.VolumeAvailable })
		if got, ok := l.w.RootDataGiB(id); !ok || got != 0 {
			t.Fatalf("with its root volume detached, RootDataGiB = %d, %v; want 0, true", got, ok)
		}
	})

	t.Run("an instance-store root reads its root disk", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
		l.write(asStudent, id, "", 6)
		want := l.ephemeral(id, "/dev/sda1").DataGiB
		if got, ok := l.w.RootDataGiB(id); !ok || got != want || want < 6 {
			t.Fatalf("RootDataGiB = %d, %v; want the root disk's %d GiB (at least the 6 written)", got, ok, want)
		}
	})

	t.Run("an instance that is not visible has none", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		if got, ok := l.w.RootDataGiB("i-0000000000000000"); ok || got != 0 {
			t.Fatalf("RootDataGiB of an unknown instance = %d, %v; want 0, false", got, ok)
		}
	})
}
