package model_test

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// Describe filters: filters AND, values OR, * and ? wildcards, tag:KEY,
// tag-key; an unknown filter name is InvalidParameterValue with AWS's text.
func TestFiltersAndAcrossNamesOrAcrossValues(t *testing.T) {
	l := newLab(t, labConfig(1))
	web := labRun("al2023", "t3.micro")
	web.TagSpecifications = []model.TagSpecification{{ResourceType: "instance", Tags: []model.Tag{{Key: "Name", Value: "web-1"}, {Key: "env", Value: "prod"}}}}
	a := l.running(asStudent, web)
	db := labRun("al2023", "t3.small")
	db.TagSpecifications = []model.TagSpecification{{ResourceType: "instance", Tags: []model.Tag{{Key: "Name", Value: "db"}}}}
	b := l.running(asStudent, db)
	ids := func(fs ...model.Filter) string {
		t.Helper()
		out, err := l.w.DescribeInstances(asStudent, model.DescribeInstancesInput{Filters: fs})
		l.ok(err)
		var s []string
		for _, i := range out.Instances {
			s = append(s, i.ID)
		}
		return strings.Join(s, ",")
	}
	cases := []struct {
		name    string
		filters []model.Filter
		want    string
	}{
		{"values OR", []model.Filter{{Name: "instance-type", Values: []string{"t3.micro", "t3.small"}}}, a + "," + b},
		{"filters AND", []model.Filter{{Name: "instance-type", Values: []string{"t3.micro", "t3.small"}}, {Name: "tag:Name", Values: []string{"db"}}}, b},
		{"star wildcard", []model.Filter{{Name: "tag:Name", Values: []string{"web-*"}}}, a},
		{"question-mark wildcard", []model.Filter{{Name: "instance-type", Values: []string{"t3.?icro"}}}, a},
		{"escaped star is literal", []model.Filter{{Name: "tag:Name", Values: []string{`web-\*`}}}, ""},
		{"tag-key", []model.Filter{{Name: "tag-key", Values: []string{"env"}}}, a},
		{"state", []model.Filter{{Name: "instance-state-name", Values: []string{"stopped"}}}, ""},
	}
	for _, c := range cases {
		if got := ids(c.filters...); got != c.want {
			t.Errorf("%s: got [%s], want [%s]", c.name, got, c.want)
		}
	}
}

func TestUnknownFilterIsInvalidParameterValue(t *testing.T) {
	l := newLab(t, labConfig(1))
	_, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{Filters: []model.Filter{{Name: "colour", Values: []string{"red"}}}})
	l.code(err, model.InvalidParameterValue)
	if !strings.Contains(err.Error(), "The filter 'colour' is invalid") {
		t.Errorf("message %q lacks AWS's form", err)
	}
	// Even where nothing would be listed, and on actions without tags.
	_, err = l.w.DescribeRegions(asStudent, model.DescribeRegionsInput{Filters: []model.Filter{{Name: "tag:Name", Values: []string{"x"}}}})
	l.code(err, model.InvalidParameterValue)
}

// Describe calls by ID fail on a well-formed unknown ID (so a waiter
// retries instead of "succeeding" over nothing) and on a malformed one,
// with AWS's message forms.
func TestDescribeByUnknownIDIsNotFoundAndMalformedIsMalformed(t *testing.T) {
	l := newLab(t, labConfig(1))
	cases := []struct {
		name string
		call func() error
		code model.Code
		msg  string
	}{
		{"one image", func() error {
			_, err := l.w.DescribeImages(asStudent, model.DescribeImagesInput{ImageIds: []string{"ami-abcd1234"}})
			return err
		}, model.InvalidAMIIDNotFound, "The image id '[ami-abcd1234]' does not exist"},
		{"several images", func() error {
			_, err := l.w.DescribeImages(asStudent, model.DescribeImagesInput{ImageIds: []string{"ami-abcd1234", "al2023", "ami-12345678"}})
			return err
		}, model.InvalidAMIIDNotFound, "The image ids '[ami-abcd1234, ami-12345678]' do not exist"},
		{"malformed image", func() error {
			_, err := l.w.DescribeImages(asStudent, model.DescribeImagesInput{ImageIds: []string{"x"}})
			return err
		}, model.InvalidAMIIDMalformed, `Invalid id: "x" (expecting "ami-...")`},
		{"volume", func() error {
			_, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{VolumeIds: []string{labUnknownVolume}})
			return err
		}, model.InvalidVolumeNotFound, "The volume '" + labUnknownVolume + "' does not exist."},
		{"malformed volume", func() error {
			_, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{VolumeIds: []string{"vol-xyz"}})
			return err
		}, model.InvalidVolumeMalformed, `Invalid id: "vol-xyz" (expecting "vol-...")`},
		{"snapshot", func() error {
			_, err := l.w.DescribeSnapshots(asStudent, model.DescribeSnapshotsInput{SnapshotIds: []string{labUnknownSnapshot}})
			return err
		}, model.InvalidSnapshotNotFound, "The snapshot '" + labUnknownSnapshot + "' does not exist."},
		{"instance", func() error {
			_, err := l.w.DescribeInstances(asStudent, model.DescribeInstancesInput{InstanceIds: []string{labUnknownInstance}})
			return err
		}, model.InvalidInstanceIDNotFound, "The instance ID '" + labUnknownInstance + "' does not exist"},
		{"security group", func() error {
			_, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{GroupIds: []string{"sg-0123456789abcdef0"}})
			return err
		}, "InvalidGroup.NotFound", "The security group 'sg-0123456789abcdef0' does not exist"},
		{"malformed security group", func() error {
			_, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{GroupIds: []string{"default"}})
			return err
		}, model.InvalidGroupIdMalformed, `Invalid id: "default" (expecting "sg-...")`},
		{"vpc", func() error {
			_, err := l.w.DescribeVpcs(asStudent, model.DescribeVpcsInput{VpcIds: []string{"vpc-12345678"}})
			return err
		}, model.InvalidVpcIDNotFound, "The vpc ID 'vpc-12345678' does not exist"},
		{"subnet", func() error {
			_, err := l.w.DescribeSubnets(asStudent, model.DescribeSubnetsInput{SubnetIds: []string{"subnet-1"}})
			return err
		}, model.InvalidSubnetIDMalformed, `Invalid id: "subnet-1" (expecting "subnet-...")`},
	}
	for _, c := range cases {
		err := c.call()
		if model.CodeOf(err) != c.code || err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %v, want %s with %q", c.name, err, c.code, c.msg)
		}
	}
}

// MaxResults and NextToken walk a list page by page, in creation order,
// with nothing lost or repeated; MaxResults with IDs is refused.
func TestPaginationWalksEveryItemOnce(t *testing.T) {
	l := newLab(t, labConfig(1))
	var want []string
	for range 7 {
		want = append(want, l.createVolume(asStudent, "us-east-1a", 1))
	}
	var got []string
	token, pages := "", 0
	for {
		out, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{MaxResults: 5, NextToken: token})
		l.ok(err)
		pages++
		for _, v := range out.Volumes {
			got = append(got, v.ID)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	if pages != 2 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%d pages of %v, want 2 pages of %v", pages, got, want)
	}
	_, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{MaxResults: 2})
	l.code(err, model.InvalidParameterValue)
	_, err = l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{NextToken: "garbage"})
	l.code(err, model.InvalidPaginationToken)
	_, err = l.w.DescribeInstances(asStudent, model.DescribeInstancesInput{InstanceIds: []string{labUnknownInstance}, MaxResults: 5})
	l.code(err, model.InvalidParameterCombination)
}
