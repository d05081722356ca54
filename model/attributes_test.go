package model_test

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// DescribeInstanceStatus lists running instances only, unless
// IncludeAllInstances.
func TestDescribeInstanceStatusListsRunningOnlyUnlessIncludeAll(t *testing.T) {
	l := newLab(t, labConfig(1))
	up := l.running(asStudent, labRun("al2023", "t3.micro"))
	down := l.running(asStudent, labRun("al2023", "t3.micro"))
	l.stop(asStudent, down)
	l.waitState(down, model.Stopped)
	out, err := l.w.DescribeInstanceStatus(asStudent, model.DescribeInstanceStatusInput{})
	l.ok(err)
	if len(out.InstanceStatuses) != 1 || out.InstanceStatuses[0].InstanceId != up || out.InstanceStatuses[0].InstanceState.Code != 16 ||
		out.InstanceStatuses[0].SystemStatus.Status != "ok" {
		t.Fatalf("default: %+v", out.InstanceStatuses)
	}
	all, err := l.w.DescribeInstanceStatus(asStudent, model.DescribeInstanceStatusInput{IncludeAllInstances: true})
	l.ok(err)
	if len(all.InstanceStatuses) != 2 || all.InstanceStatuses[1].InstanceStatus.Status != "not-applicable" || all.InstanceStatuses[1].InstanceState.Code != 80 {
		t.Errorf("IncludeAllInstances: %+v", all.InstanceStatuses)
	}
	byID, err := l.w.DescribeInstanceStatus(asStudent, model.DescribeInstanceStatusInput{InstanceIds: []string{down}})
	l.ok(err)
	if len(byID.InstanceStatuses) != 0 {
		t.Errorf("a stopped instance asked by ID is listed without IncludeAllInstances")
	}
}

// ModifyInstanceAttribute: protections change in any state; the type and
// user data only while stopped (IncorrectInstanceState otherwise); one
// attribute per call; DeleteOnTermination of an attached volume.
func TestModifyInstanceAttributeRules(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	read := func(attr string) model.InstanceAttribute {
		t.Helper()
		out, err := l.w.DescribeInstanceAttribute(asStudent, model.DescribeInstanceAttributeInput{InstanceId: id, Attribute: attr})
		l.ok(err)
		return out
	}
	l.ok(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, DisableApiTermination: &model.AttributeBooleanValue{Value: true}}))
	if !read("disableApiTermination").DisableApiTermination.Value {
		t.Error("termination protection did not turn on")
	}
	_, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
	l.code(err, model.OperationNotPermitted)
	l.ok(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, Attribute: "disableApiTermination", Value: "false"}))
	if read("disableApiTermination").DisableApiTermination.Value {
		t.Error("the Attribute/Value form did not turn protection off")
	}

	l.code(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, InstanceType: &model.AttributeValue{Value: "t3.small"}}), model.IncorrectInstanceState)
	l.code(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, UserData: &model.AttributeValue{Value: "IyEvYmluL3No"}}), model.IncorrectInstanceState)
	l.code(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id,
		DisableApiStop: &model.AttributeBooleanValue{Value: true}, InstanceType: &model.AttributeValue{Value: "t3.small"}}), model.InvalidParameterCombination)
	l.stop(asStudent, id)
	l.waitState(id, model.Stopped)
	l.code(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, InstanceType: &model.AttributeValue{Value: "t4g.micro"}}), model.InvalidInstanceAttributeValue)
	l.ok(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id, InstanceType: &model.AttributeValue{Value: "t3.small"}}))
	if got := read("instanceType").InstanceType.Value; got != "t3.small" {
		t.Errorf("type is %s after the change", got)
	}
	_, err = l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
	l.ok(err)
	l.waitState(id, model.Running)
	if l.inst(id).Type != "t3.small" {
		t.Error("the instance started with its old type")
	}

	root := l.inst(id).RootDeviceName
	l.ok(l.w.ModifyInstanceAttribute(asStudent, model.ModifyInstanceAttributeInput{InstanceId: id,
		BlockDeviceMappings: []model.InstanceBlockDeviceMappingSpecification{{DeviceName: root, Ebs: &model.EbsInstanceBlockDeviceSpecification{DeleteOnTermination: labBool(false)}}}}))
	if m := read("blockDeviceMapping").BlockDeviceMappings; len(m) != 1 || m[0].Ebs.DeleteOnTermination || l.rootVolume(id).DeleteOnTermination {
		t.Errorf("DeleteOnTermination still true: %+v", m)
	}
	l.terminate(asStudent, id)
	l.waitState(id, model.Terminated)
	vols, err := l.w.DescribeVolumes(asStudent, model.DescribeVolumesInput{Filters: []model.Filter{{Name: "status", Values: []string{"available"}}}})
	l.ok(err)
	if len(vols.Volumes) != 1 {
		t.Errorf("the root volume kept by DeleteOnTermination=false is not available: %d volumes", len(vols.Volumes))
	}
	_, err = l.w.DescribeInstanceAttribute(asStudent, model.DescribeInstanceAttributeInput{InstanceId: id, Attribute: "colour"})
	l.code(err, model.InvalidParameterValue)
}

// DescribeImageAttribute: launch permissions are the owner's to read and
// list shared accounts; the description anyone who can launch may read.
func TestDescribeImageAttributeLaunchPermissionIsTheOwners(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	ami := l.createImage(asStudent, id, "golden", true)
	l.waitAvailable(ami, "us-east-1")
	l.ok(l.share(asStudent, ami, "partner"))
	out, err := l.w.DescribeImageAttribute(asStudent, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "launchPermission"})
	l.ok(err)
	if len(out.LaunchPermissions) != 1 || out.LaunchPermissions[0].UserId != "444455556666" {
		t.Errorf("launch permissions: %+v", out.LaunchPermissions)
	}
	_, err = l.w.DescribeImageAttribute(asPartner, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "launchPermission"})
	l.code(err, model.AuthFailure)
	_, err = l.w.DescribeImageAttribute(asPartner, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "description"})
	l.ok(err)
	bdm, err := l.w.DescribeImageAttribute(asStudent, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "blockDeviceMapping"})
	l.ok(err)
	if len(bdm.BlockDeviceMappings) == 0 || !strings.HasPrefix(bdm.BlockDeviceMappings[0].Ebs.SnapshotId, "snap-") {
		t.Errorf("block device mapping: %+v", bdm.BlockDeviceMappings)
	}
	_, err = l.w.DescribeImageAttribute(asStranger, model.DescribeImageAttributeInput{ImageId: ami, Attribute: "description"})
	l.code(err, model.InvalidAMIIDNotFound)
}
