package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// A world is settling while anything is in a transitional state (an
// instance pending, stopping or shutting-down; an AMI or a snapshot
// pending; a volume creating, deleting, attaching or detaching) and settled
// once every timer has fired ("Amazon EC2 instance state changes",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html).
func TestSettlingWhileAnythingIsInTransition(t *testing.T) {
	l := newLab(t, labConfig(1))
	if l.w.Settling() {
		t.Fatal("a new world is settling")
	}
	settle := func(what string) {
		t.Helper()
		if !l.w.Settling() {
			t.Fatalf("%s: not settling", what)
		}
		for l.w.Settling() {
			if _, ok := l.w.Step(); !ok {
				t.Fatalf("%s: settling with nothing pending", what)
			}
		}
	}
	out, err := l.w.RunInstances(asStudent, labRun("al2023", "t3.micro"))
	l.ok(err)
	id := out.Instances[0].InstanceId
	settle("pending instance")
	vol, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1})
	l.ok(err)
	settle("creating volume")
	_, err = l.w.AttachVolume(asStudent, model.AttachVolumeInput{VolumeId: vol.VolumeId, InstanceId: id, Device: "/dev/sdf"})
	l.ok(err)
	settle("attaching volume")
	_, err = l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol.VolumeId})
	l.ok(err)
	settle("pending snapshot")
	_, err = l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: id, Name: "settled", NoReboot: true})
	l.ok(err)
	settle("pending image")
	_, err = l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{id}})
	l.ok(err)
	settle("stopping instance")
	if i, _ := l.w.Instance(id); i.State != model.Stopped {
		t.Errorf("settled at %s, want stopped", i.State)
	}
}
