package model_test

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// Every account has a default VPC per region and a default subnet per zone,
// with IDs that depend only on the account and the place; instances report
// the VPC, the subnet of their zone and a private address in it, and
// SubnetId chooses the zone.
func TestDefaultVpcAndSubnetsPlaceInstances(t *testing.T) {
	l := newLab(t, labConfig(1))
	other := newLab(t, labConfig(99))
	vpcs, err := l.w.DescribeVpcs(asStudent, model.DescribeVpcsInput{})
	l.ok(err)
	again, _ := other.w.DescribeVpcs(asStudent, model.DescribeVpcsInput{})
	if len(vpcs.Vpcs) != 1 || !vpcs.Vpcs[0].IsDefault || vpcs.Vpcs[0].CidrBlock != "172.31.0.0/16" || again.Vpcs[0].VpcId != vpcs.Vpcs[0].VpcId {
		t.Fatalf("default VPC: %+v (other seed: %+v)", vpcs.Vpcs, again.Vpcs)
	}
	partner, _ := l.w.DescribeVpcs(asPartner, model.DescribeVpcsInput{})
	if partner.Vpcs[0].VpcId == vpcs.Vpcs[0].VpcId {
		t.Error("two accounts share a default VPC")
	}
	subs, err := l.w.DescribeSubnets(asStudent, model.DescribeSubnetsInput{Filters: []model.Filter{{Name: "availability-zone", Values: []string{"us-east-1c"}}}})
	l.ok(err)
	if len(subs.Subnets) != 1 || subs.Subnets[0].CidrBlock != "172.31.32.0/20" || !subs.Subnets[0].DefaultForAz {
		t.Fatalf("us-east-1c subnet: %+v", subs.Subnets)
	}
	in := labRun("al2023", "t3.micro")
	in.SubnetId = subs.Subnets[0].SubnetId
	id := l.running(asStudent, in)
	inst := l.inst(id)
	if inst.AZ != "us-east-1c" || inst.SubnetID != in.SubnetId || inst.VpcID != vpcs.Vpcs[0].VpcId || !strings.HasPrefix(inst.PrivateIP, "172.31.32.") {
		t.Errorf("instance placed at %s in %s/%s with %s", inst.AZ, inst.VpcID, inst.SubnetID, inst.PrivateIP)
	}
	after, _ := l.w.DescribeSubnets(asStudent, model.DescribeSubnetsInput{SubnetIds: []string{in.SubnetId}})
	if got := after.Subnets[0].AvailableIpAddressCount; got != subs.Subnets[0].AvailableIpAddressCount-1 {
		t.Errorf("available addresses %d after a launch, want one fewer than %d", got, subs.Subnets[0].AvailableIpAddressCount)
	}
	bad := labRun("al2023", "t3.micro")
	bad.SubnetId = "subnet-0123456789abcdef0"
	_, err = l.w.RunInstances(asStudent, bad)
	l.code(err, model.InvalidSubnetIDNotFound)
}
