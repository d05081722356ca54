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

// An instance's DNS names follow AWS's IP-name format, with us-east-1's
// own domains: ec2.internal and compute-1 (S100, ec2-instance-naming.html).
func TestInstanceDNSNamesFollowAWSsFormat(t *testing.T) {
	for _, tc := range []struct {
		region, state, public, private string
		wantPublic, wantPrivate        string
	}{
		{"us-east-1", "running", "3.84.1.2", "172.31.16.139", "ec2-3-84-1-2.compute-1.amazonaws.com", "ip-172-31-16-139.ec2.internal"},
		{"eu-west-1", "running", "52.1.2.3", "172.31.0.5", "ec2-52-1-2-3.eu-west-1.compute.amazonaws.com", "ip-172-31-0-5.eu-west-1.compute.internal"},
		{"eu-west-1", "stopped", "", "172.31.0.5", "", "ip-172-31-0-5.eu-west-1.compute.internal"},
		{"eu-west-1", "terminated", "", "172.31.0.5", "", ""},
	} {
		i := model.Instance{Region: tc.region, State: model.InstanceState(tc.state), PublicIP: tc.public, PrivateIP: tc.private}
		if got := i.PublicDNSName(); got != tc.wantPublic {
			t.Errorf("%s %s: public DNS %q, want %q", tc.region, tc.state, got, tc.wantPublic)
		}
		if got := i.PrivateDNSName(); got != tc.wantPrivate {
			t.Errorf("%s %s: private DNS %q, want %q", tc.region, tc.state, got, tc.wantPrivate)
		}
	}
}
