package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// The errors of key pairs, security groups and tags: each names the rule
// that refuses the call, and a refused call changes nothing.
func TestNetworkErrors(t *testing.T) {
	key := func(l *lab) {
		_, err := l.w.CreateKeyPair(asStudent, model.CreateKeyPairInput{KeyName: "ops"})
		l.ok(err)
	}
	group := func(l *lab) {
		out, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers"})
		l.ok(err)
		l.w.Name("web-sg", out.GroupId)
		l.ok(l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupId: "web-sg", IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0"}))
	}
	for _, c := range []struct {
		rule  string
		setup func(*lab)
		call  func(*lab) error
		want  model.Code
	}{
		{
			rule:  "a key pair name is unique per account and region",
			setup: key,
			call: func(l *lab) error {
				_, err := l.w.CreateKeyPair(asStudent, model.CreateKeyPairInput{KeyName: "ops"})
				return err
			},
			want: model.InvalidKeyPairDuplicate,
		},
		{
			rule:  "key pairs are regional: a launch elsewhere does not find it",
			setup: key,
			call: func(l *lab) error {
				in := labRun("al2023", "t3.micro")
				in.KeyName = "ops"
				_, err := l.w.RunInstances(asWest, in)
				return err
			},
			want: model.InvalidKeyPairNotFound,
		},
		{
			rule:  "a security group name is unique per account and region",
			setup: group,
			call: func(l *lab) error {
				_, err := l.w.CreateSecurityGroup(asStudent, model.CreateSecurityGroupInput{GroupName: "web", Description: "again"})
				return err
			},
			want: model.InvalidGroupDuplicate,
		},
		{
			rule:  "security groups are regional: a launch elsewhere does not find one by ID",
			setup: group,
			call: func(l *lab) error {
				in := labRun("al2023", "t3.micro")
				in.SecurityGroupIds = []string{"web-sg"}
				_, err := l.w.RunInstances(asWest, in)
				return err
			},
			want: model.InvalidGroupNotFound,
		},
		{
			rule:  "a launch does not find another account's group by name",
			setup: group,
			call: func(l *lab) error {
				in := labRun("al2023", "t3.micro")
				in.SecurityGroups = []string{"web"}
				_, err := l.w.RunInstances(asPartner, in)
				return err
			},
			want: model.InvalidGroupNotFound,
		},
		{
			rule:  "a group holds each inbound rule once",
			setup: group,
			call: func(l *lab) error {
				return l.w.AuthorizeSecurityGroupIngress(asStudent, model.AuthorizeSecurityGroupIngressInput{GroupId: "web-sg", IpProtocol: "TCP", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0"})
			},
			want: model.InvalidPermissionDuplicate,
		},
		{
			rule: "tags are all or nothing: one unknown resource tags none",
			setup: func(l *lab) {
				l.w.Name("web", l.running(asStudent, labRun("al2023", "t3.micro")))
			},
			call: func(l *lab) error {
				return l.w.CreateTags(asStudent, model.CreateTagsInput{Resources: []string{"web", labUnknownVolume}, Tags: []model.Tag{{Key: "team", Value: "blue"}}})
			},
			want: model.InvalidID,
		},
	} {
		t.Run(c.rule, func(t *testing.T) {
			labFailedCallChangesNothing(t, c.setup, c.call, c.want)
		})
	}
}
