package model_test

import (
	"reflect"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// A clone goes on exactly as the original would, and changing one never
// touches the other.
func TestCloneContinuesIdenticallyAndIndependently(t *testing.T) {
	w, err := model.New(model.Config{Seed: 9, FreeTier: true})
	if err != nil {
		t.Fatal(err)
	}
	c := model.Caller{}
	out, _ := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro", MinCount: 2, MaxCount: 2})
	for w.Now() < 5*sim.Minute && w.Pending() > 0 {
		w.Step()
	}
	w.CreateImage(c, model.CreateImageInput{InstanceId: out.Created()[0], Name: "golden"})
	w.Name("web", out.Created()...)

	twin := w.Clone()
	drive := func(x *model.World) {
		x.StopInstances(c, model.StopInstancesInput{InstanceIds: []string{"web"}})
		for x.Pending() > 0 && x.Now() < 2*sim.Hour {
			x.Step()
		}
		x.AdvanceTo(3 * sim.Hour)
	}
	drive(w)
	// The original moved on; the twin is still where it was cloned.
	if i, _ := twin.Instance(out.Created()[0]); i.State != model.Running {
		t.Fatalf("the twin changed with the original: %s", i.State)
	}
	drive(twin)
	if !reflect.DeepEqual(w.Instances(), twin.Instances()) || !reflect.DeepEqual(w.Images(), twin.Images()) ||
		!reflect.DeepEqual(w.Snapshots(), twin.Snapshots()) || !reflect.DeepEqual(w.Volumes(), twin.Volumes()) {
		t.Error("the twin ended in another state")
	}
	if a, b := w.Bill(), twin.Bill(); !reflect.DeepEqual(a, b) {
		t.Errorf("bills differ: %s vs %s", a.Total, b.Total)
	}
	// And IDs drawn after the clone are the same.
	x, _ := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1})
	y, _ := twin.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1})
	if x.VolumeId != y.VolumeId {
		t.Errorf("IDs diverged: %s vs %s", x.VolumeId, y.VolumeId)
	}
}
