package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// DeleteTags removes a key whatever its value, or only a matching value;
// DescribeTags lists tags by resource-id, resource-type, key and value.
func TestDeleteTagsAndDescribeTags(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	vol := l.createVolume(asStudent, "us-east-1a", 1)
	l.ok(l.w.CreateTags(asStudent, model.CreateTagsInput{Resources: []string{id, vol}, Tags: []model.Tag{{Key: "env", Value: "prod"}, {Key: "owner", Value: "ana"}}}))
	tags := func(fs ...model.Filter) int {
		t.Helper()
		out, err := l.w.DescribeTags(asStudent, model.DescribeTagsInput{Filters: fs})
		l.ok(err)
		return len(out.Tags)
	}
	if n := tags(); n != 4 {
		t.Errorf("%d tags, want 4", n)
	}
	if n := tags(model.Filter{Name: "resource-type", Values: []string{"volume"}}, model.Filter{Name: "key", Values: []string{"env"}}); n != 1 {
		t.Errorf("volume env tags: %d, want 1", n)
	}
	if n := tags(model.Filter{Name: "resource-id", Values: []string{id}}, model.Filter{Name: "value", Values: []string{"a*"}}); n != 1 {
		t.Errorf("instance tags valued a*: %d, want 1", n)
	}
	wrong, right := "dev", "prod"
	l.ok(l.w.DeleteTags(asStudent, model.DeleteTagsInput{Resources: []string{id}, Tags: []model.TagKey{{Key: "env", Value: &wrong}}}))
	if l.inst(id).Tags.Get("env") != "prod" {
		t.Error("a tag was deleted although its value did not match")
	}
	l.ok(l.w.DeleteTags(asStudent, model.DeleteTagsInput{Resources: []string{id}, Tags: []model.TagKey{{Key: "env", Value: &right}, {Key: "owner"}}}))
	if n := len(l.inst(id).Tags); n != 0 {
		t.Errorf("instance keeps %d tags", n)
	}
	// All or nothing: an unknown resource removes nothing anywhere.
	l.code(l.w.DeleteTags(asStudent, model.DeleteTagsInput{Resources: []string{vol, labUnknownInstance}}), "InvalidID")
	if n := len(l.volume(vol).Tags); n != 2 {
		t.Errorf("volume keeps %d tags after a failed DeleteTags, want 2", n)
	}
}

// TestTagSpecificationsAreCheckedAndApplied: a resource type the action
// cannot tag is InvalidParameterValue; CreateImage tags its snapshots with
// ResourceType snapshot, CopySnapshot tags its copy (S3, TagSpecification).
func TestTagSpecificationsAreCheckedAndApplied(t *testing.T) {
	tag := func(rt string) []model.TagSpecification {
		return []model.TagSpecification{{ResourceType: rt, Tags: []model.Tag{{Key: "team", Value: "web"}}}}
	}
	var inst string
	setup := func(l *lab) { inst = l.running(asStudent, labRun("al2023", "t3.micro")) }
	l := labFailedCallChangesNothing(t, setup, func(l *lab) error {
		_, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: inst, Name: "tagged", NoReboot: true, TagSpecifications: tag("volume")})
		return err
	}, model.InvalidParameterValue)
	out, err := l.w.CreateImage(asStudent, model.CreateImageInput{InstanceId: inst, Name: "tagged", NoReboot: true, TagSpecifications: append(tag("image"), tag("snapshot")...)})
	l.ok(err)
	l.waitAvailable(out.ImageId, "us-east-1")
	snap := labSnaps(l.image(out.ImageId, "us-east-1"))[0]
	if l.snapshot(snap).Tags.Get("team") != "web" || l.image(out.ImageId, "us-east-1").Tags.Get("team") != "web" {
		t.Fatalf("CreateImage tagged image %v, snapshot %v", l.image(out.ImageId, "us-east-1").Tags, l.snapshot(snap).Tags)
	}
	cp, err := l.w.CopySnapshot(asWest, model.CopySnapshotInput{SourceRegion: "us-east-1", SourceSnapshotId: snap, TagSpecifications: tag("snapshot")})
	l.ok(err)
	if l.snapshot(cp.SnapshotId).Tags.Get("team") != "web" {
		t.Error("CopySnapshot did not tag its copy")
	}
	_, err = l.w.RunInstances(asStudent, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", TagSpecifications: tag("image")})
	l.code(err, model.InvalidParameterValue)
}
