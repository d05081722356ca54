package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func edgeWorld(t *testing.T) (*model.World, func(sim.Time)) {
	t.Helper()
	w, err := model.New(model.Config{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	return w, advancer(w)
}

// advancer returns a function that fires every event of the next d and
// leaves the clock d later.
func advancer(w *model.World) func(sim.Time) {
	return func(d sim.Time) {
		end := w.Now() + d
		for {
			next, ok := w.NextAt()
			if !ok || next > end {
				break
			}
			w.Step()
		}
		w.AdvanceTo(end)
	}
}

func TestEdgeRules(t *testing.T) {
	c := model.Caller{}
	t.Run("an instance with its root detached cannot start", func(t *testing.T) {
		w, advance := edgeWorld(t)
		out, _ := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro"})
		id := out.Created()[0]
		advance(sim.Minute)
		w.StopInstances(c, model.StopInstancesInput{InstanceIds: []string{id}})
		advance(5 * sim.Minute)
		inst, _ := w.Instance(id)
		if _, err := w.DetachVolume(c, model.DetachVolumeInput{VolumeId: inst.BlockDevices[0].VolumeID}); err != nil {
			t.Fatal(err)
		}
		advance(sim.Minute)
		_, err := w.StartInstances(c, model.InstanceIDsInput{InstanceIds: []string{id}})
		if model.CodeOf(err) != model.IncorrectInstanceState {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("an archived snapshot must be restored before a volume is made from it", func(t *testing.T) {
		w, advance := edgeWorld(t)
		v, _ := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 5})
		advance(sim.Minute)
		s, _ := w.CreateSnapshot(c, model.CreateSnapshotInput{VolumeId: v.VolumeId})
		advance(10 * sim.Minute)
		if err := w.ModifySnapshotTier(c, model.ModifySnapshotTierInput{SnapshotId: s.SnapshotId, StorageTier: "archive"}); err != nil {
			t.Fatal(err)
		}
		_, err := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", SnapshotId: s.SnapshotId})
		if model.CodeOf(err) != model.IncorrectState {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("CreateImage during an automatic recovery leaves the recovery to finish", func(t *testing.T) {
		w, advance := edgeWorld(t)
		out, _ := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro"})
		id := out.Created()[0]
		advance(sim.Minute)
		if err := w.HostFailure(c, model.InstanceFaultInput{InstanceId: id}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.CreateImage(c, model.CreateImageInput{InstanceId: id, Name: "during-recovery"}); err != nil {
			t.Fatal(err)
		}
		advance(2 * sim.Hour)
		if inst, _ := w.Instance(id); inst.Status != "ok" {
			t.Fatalf("status %s two hours after a host failure", inst.Status)
		}
	})
}
