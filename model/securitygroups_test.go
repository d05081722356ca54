package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// DescribeSecurityGroups shows the default group of the default VPC and the
// rules added; DeleteSecurityGroup refuses the default group and a group in
// use, and deletes it once its instance is terminated.
func TestSecurityGroupsDescribeAndDeleteRules(t *testing.T) {
	l := newLab(t, labConfig(1))
	g, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers"})
	l.ok(err)
	l.ok(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupId: g.GroupId, IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0"}))
	out, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{})
	l.ok(err)
	if len(out.SecurityGroups) != 2 || out.SecurityGroups[0].GroupName != "default" || out.SecurityGroups[1].GroupId != g.GroupId {
		t.Fatalf("groups: %+v", out.SecurityGroups)
	}
	web := out.SecurityGroups[1]
	if p := web.IpPermissions; len(p) != 1 || p[0].IpProtocol != "tcp" || p[0].FromPort == nil || *p[0].FromPort != 22 || p[0].ToPort == nil || *p[0].ToPort != 22 || p[0].IpRanges[0].CidrIp != "0.0.0.0/0" {
		t.Errorf("web rules: %+v", p)
	}
	if web.VpcId != out.SecurityGroups[0].VpcId || web.VpcId == "" {
		t.Errorf("groups in different VPCs: %s, %s", web.VpcId, out.SecurityGroups[0].VpcId)
	}
	byName, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{Filters: []model.Filter{{Name: "ip-permission.cidr", Values: []string{"0.0.0.0/0"}}}})
	l.ok(err)
	if len(byName.SecurityGroups) != 1 || byName.SecurityGroups[0].GroupId != g.GroupId {
		t.Errorf("cidr filter: %+v", byName.SecurityGroups)
	}
	l.code(l.w.DeleteSecurityGroup(asStudent, model.DeleteSecurityGroupInput{GroupName: "default"}), model.CannotDelete)

	in := labRun("al2023", "t3.micro")
	in.SecurityGroupIds = []string{g.GroupId}
	id := l.running(asStudent, in)
	l.stop(asStudent, id)
	l.waitState(id, model.Stopped)
	l.code(l.w.DeleteSecurityGroup(asStudent, model.DeleteSecurityGroupInput{GroupId: g.GroupId}), model.DependencyViolation)
	l.terminate(asStudent, id)
	l.waitState(id, model.Terminated)
	l.ok(l.w.DeleteSecurityGroup(asStudent, model.DeleteSecurityGroupInput{GroupId: g.GroupId}))
	_, err = l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{GroupIds: []string{g.GroupId}})
	l.code(err, "InvalidGroup.NotFound")
	l.code(l.w.DeleteSecurityGroup(asStudent, model.DeleteSecurityGroupInput{GroupId: g.GroupId}), "InvalidGroup.NotFound")
}

// The rules of security groups, as the API states them: a group in the
// default VPC can be named by GroupName for inbound rules (egress takes its
// ID only); a new group lets all traffic out until that rule is revoked;
// revoking a rule the group lacks answers it as unknown, with no error; a
// duplicate adds none of the call's rules; all traffic (-1) has no ports.
func TestSecurityGroupRules(t *testing.T) {
	ports := func(n int) *int { return &n }
	ssh := []model.IpPermission{{IpProtocol: "tcp", FromPort: ports(22), ToPort: ports(22), IpRanges: []model.IpRange{{CidrIp: "0.0.0.0/0"}}}}
	allOut := []model.IpPermission{{IpProtocol: "-1", FromPort: ports(0), ToPort: ports(0), IpRanges: []model.IpRange{{CidrIp: "0.0.0.0/0"}}}}
	setup := func(t *testing.T) (*lab, string) {
		l := newLab(t, labConfig(1))
		g, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers"})
		l.ok(err)
		return l, g.GroupId
	}
	describe := func(l *lab, id string) model.SecurityGroupInfo {
		out, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{GroupIds: []string{id}})
		l.ok(err)
		return out.SecurityGroups[0]
	}
	t.Run("a default VPC group is named by GroupName for inbound rules", func(t *testing.T) {
		l, id := setup(t)
		l.ok(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupName: "web", IpPermissions: ssh}))
		if p := describe(l, id).IpPermissions; len(p) != 1 || *p[0].FromPort != 22 || p[0].IpRanges[0].CidrIp != "0.0.0.0/0" {
			t.Fatalf("after authorize by name: %+v", p)
		}
		out, err := l.w.RevokeSecurityGroupIngress(asStudent, model.RevokeSecurityGroupIngressInput{GroupName: "web", IpPermissions: ssh})
		l.ok(err)
		if !out.Return || len(out.UnknownIpPermissions) != 0 || len(describe(l, id).IpPermissions) != 0 {
			t.Errorf("after revoke by name: %+v, group %+v", out, describe(l, id).IpPermissions)
		}
	})
	t.Run("an unknown group name is InvalidGroup.NotFound", func(t *testing.T) {
		l, _ := setup(t)
		l.code(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupName: "api", IpPermissions: ssh}), model.InvalidGroupNotFound)
		_, err := l.w.RevokeSecurityGroupIngress(asStudent, model.RevokeSecurityGroupIngressInput{GroupName: "api", IpPermissions: ssh})
		l.code(err, model.InvalidGroupNotFound)
	})
	t.Run("egress names its group by ID", func(t *testing.T) {
		l, _ := setup(t)
		l.code(l.w.AuthorizeSecurityGroupEgress(asStudent, model.AuthorizeSecurityGroupEgressInput{IpPermissions: ssh}), model.MissingParameter)
	})
	t.Run("a new group lets all traffic out until that rule is revoked", func(t *testing.T) {
		l, id := setup(t)
		p := describe(l, id).IpPermissionsEgress
		if len(p) != 1 || p[0].IpProtocol != "-1" || p[0].IpRanges[0].CidrIp != "0.0.0.0/0" {
			t.Fatalf("a new group's egress: %+v", p)
		}
		l.code(l.w.AuthorizeSecurityGroupEgress(asStudent, model.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: allOut}), model.InvalidPermissionDuplicate)
		_, err := l.w.RevokeSecurityGroupEgress(asStudent, model.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: allOut})
		l.ok(err)
		if p := describe(l, id).IpPermissionsEgress; len(p) != 0 {
			t.Errorf("egress after the revoke: %+v", p)
		}
		l.ok(l.w.AuthorizeSecurityGroupEgress(asStudent, model.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: allOut}))
	})
	t.Run("revoking a rule the group lacks answers it as unknown", func(t *testing.T) {
		l, id := setup(t)
		out, err := l.w.RevokeSecurityGroupIngress(asStudent, model.RevokeSecurityGroupIngressInput{GroupId: id, IpPermissions: ssh})
		l.ok(err)
		if u := out.UnknownIpPermissions; !out.Return || len(u) != 1 || u[0].IpProtocol != "tcp" || *u[0].FromPort != 22 || u[0].IpRanges[0].CidrIp != "0.0.0.0/0" {
			t.Errorf("revoke of a missing rule: %+v", out)
		}
	})
	t.Run("a duplicate adds none of the call's rules", func(t *testing.T) {
		l, id := setup(t)
		l.ok(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: ssh}))
		both := []model.IpPermission{{IpProtocol: "tcp", FromPort: ports(22), ToPort: ports(22), IpRanges: []model.IpRange{{CidrIp: "10.0.0.0/8"}, {CidrIp: "0.0.0.0/0"}}}}
		l.code(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupId: id, IpPermissions: both}), model.InvalidPermissionDuplicate)
		if p := describe(l, id).IpPermissions; len(p) != 1 || len(p[0].IpRanges) != 1 {
			t.Errorf("after a refused duplicate: %+v", p)
		}
	})
	t.Run("a group takes tags and the default VPC at creation, and no other VPC", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		vpcs, err := l.w.DescribeVpcs(asStudent, model.DescribeVpcsInput{})
		l.ok(err)
		g, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers", VpcId: vpcs.Vpcs[0].VpcId,
			TagSpecifications: []model.TagSpecification{{ResourceType: "security-group", Tags: []model.Tag{{Key: "Name", Value: "tf-web"}}}}})
		l.ok(err)
		if tags := describe(l, g.GroupId).Tags; len(tags) != 1 || tags[0] != (model.Tag{Key: "Name", Value: "tf-web"}) {
			t.Errorf("tags: %+v", tags)
		}
		_, err = l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "api", Description: "api", VpcId: "vpc-0123456789abcdef0"})
		l.code(err, model.InvalidVpcIDNotFound)
	})
	t.Run("an IPv6 block the default VPC never had is unknown to a revoke", func(t *testing.T) {
		l, id := setup(t)
		v6 := []model.IpPermission{{IpProtocol: "-1", FromPort: ports(0), ToPort: ports(0), Ipv6Ranges: []model.Ipv6Range{{CidrIpv6: "::/0"}}}}
		out, err := l.w.RevokeSecurityGroupEgress(asStudent, model.RevokeSecurityGroupEgressInput{GroupId: id, IpPermissions: v6})
		l.ok(err)
		if u := out.UnknownIpPermissions; len(u) != 1 || len(u[0].Ipv6Ranges) != 1 || u[0].Ipv6Ranges[0].CidrIpv6 != "::/0" {
			t.Errorf("revoke of ::/0: %+v", out)
		}
		l.ok(l.w.AuthorizeSecurityGroupEgress(asStudent, model.AuthorizeSecurityGroupEgressInput{GroupId: id, IpPermissions: v6}))
		if p := describe(l, id).IpPermissionsEgress; len(p) != 1 || len(p[0].IpRanges) != 1 || len(p[0].Ipv6Ranges) != 1 {
			t.Errorf("egress with ::/0 beside 0.0.0.0/0: %+v", p)
		}
	})
	t.Run("all traffic has no ports, and a group peer names its owner", func(t *testing.T) {
		l, _ := setup(t)
		out, err := l.w.DescribeSecurityGroups(asStudent, model.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
		l.ok(err)
		def := out.SecurityGroups[0]
		in, eg := def.IpPermissions, def.IpPermissionsEgress
		if len(in) != 1 || in[0].IpProtocol != "-1" || in[0].FromPort != nil || in[0].ToPort != nil ||
			len(in[0].UserIdGroupPairs) != 1 || in[0].UserIdGroupPairs[0].GroupId != def.GroupId || in[0].UserIdGroupPairs[0].UserId != def.OwnerId {
			t.Errorf("the default group's inbound rules: %+v", in)
		}
		if len(eg) != 1 || eg[0].FromPort != nil || eg[0].ToPort != nil {
			t.Errorf("the default group's outbound rules: %+v", eg)
		}
	})
}
