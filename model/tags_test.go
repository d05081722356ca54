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
