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
	if p := web.IpPermissions; len(p) != 1 || p[0].IpProtocol != "tcp" || p[0].FromPort != 22 || p[0].ToPort != 22 || p[0].IpRanges[0].CidrIp != "0.0.0.0/0" {
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
