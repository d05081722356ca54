package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// Every instance has one network interface, its primary, from launch until
// it is terminated: in its subnet, with its private address and its
// security groups; a group's interfaces are what DeleteSecurityGroup waits
// for. An unknown interface ID is InvalidNetworkInterfaceID.NotFound.
func TestAnInstanceHasItsPrimaryNetworkInterface(t *testing.T) {
	l := newLab(t, labConfig(1))
	g, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers"})
	l.ok(err)
	in := labRun("al2023", "t3.micro")
	in.SecurityGroupIds = []string{g.GroupId}
	web := l.launch(asStudent, in)[0]
	other := l.running(asStudent, labRun("al2023", "t3.micro"))
	list := func(filters ...model.Filter) []model.NetworkInterface {
		t.Helper()
		out, err := l.w.DescribeNetworkInterfaces(asStudent, model.DescribeNetworkInterfacesInput{Filters: filters})
		l.ok(err)
		return out.NetworkInterfaces
	}
	all := list()
	if len(all) != 2 || all[0].Attachment.InstanceId != web || all[1].Attachment.InstanceId != other {
		t.Fatalf("interfaces: %+v", all)
	}
	i := l.inst(web)
	ni := all[0]
	if ni.SubnetId != i.SubnetID || ni.VpcId != i.VpcID || ni.PrivateIpAddress != i.PrivateIP || ni.AvailabilityZone != i.AZ ||
		len(ni.Groups) != 1 || ni.Groups[0].GroupId != g.GroupId || ni.Groups[0].GroupName != "web" ||
		ni.Attachment.DeviceIndex != 0 || !ni.Attachment.DeleteOnTermination || ni.Status != "in-use" {
		t.Errorf("the primary interface of %s: %+v", web, ni)
	}
	if got := list(model.Filter{Name: "group-id", Values: []string{g.GroupId}}); len(got) != 1 || got[0].NetworkInterfaceId != ni.NetworkInterfaceId {
		t.Errorf("group-id %s: %+v", g.GroupId, got)
	}
	// What Terraform asks before it deletes a group: Lambda's interfaces.
	if got := list(model.Filter{Name: "group-id", Values: []string{g.GroupId}}, model.Filter{Name: "description", Values: []string{"AWS Lambda VPC ENI*"}}); len(got) != 0 {
		t.Errorf("Lambda interfaces: %+v", got)
	}
	l.terminate(asStudent, web)
	l.waitState(web, model.Terminated)
	if got := list(model.Filter{Name: "group-id", Values: []string{g.GroupId}}); len(got) != 0 {
		t.Errorf("a terminated instance keeps its interface: %+v", got)
	}
	_, err = l.w.DescribeNetworkInterfaces(asStudent, model.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{ni.NetworkInterfaceId}})
	l.code(err, model.InvalidNetworkInterfaceIDNotFound)
	_, err = l.w.DescribeNetworkInterfaces(asStudent, model.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{"eni-nope"}})
	l.code(err, model.InvalidNetworkInterfaceIDMalformed)
	l.ok(l.w.DeleteSecurityGroup(asStudent, model.DeleteSecurityGroupInput{GroupId: g.GroupId}))
}
