package awsapi

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

func ptr[T any](v T) *T { return &v }

// The bodies in testdata/requests were serialized by botocore 1.43's
// EC2Serializer (the code the AWS CLI v1 and boto3 send with) from the
// parameters in each case's comment.
func TestRecordedBodiesDecodeIntoModelInputs(t *testing.T) {
	cases := []struct {
		action  string
		want    any
		dryRun  bool
		token   string
		ignored []string
	}{
		{"RunInstances", &model.RunInstancesInput{
			ImageId: "ami-0abcdef1234567890", InstanceType: "t3.micro", MinCount: 2, MaxCount: 2, KeyName: "k1",
			SecurityGroupIds: []string{"sg-1", "sg-2"}, Placement: &model.Placement{AvailabilityZone: "us-east-1b"},
			BlockDeviceMappings: []model.BlockDeviceMapping{{DeviceName: "/dev/xvda",
				Ebs: &model.EbsBlockDevice{VolumeSize: 20, VolumeType: "gp3", DeleteOnTermination: ptr(true)}}},
			// a tag value 007 stays text
			TagSpecifications: []model.TagSpecification{{ResourceType: "instance",
				Tags: []model.Tag{{Key: "Name", Value: "web"}, {Key: "build", Value: "007"}}}},
			HibernationOptions: &model.HibernationOptions{Configured: false},
		}, false, "96e12181-e828-44a5-acb4-7af5f81a9846", nil},
		{"DescribeImages", &model.DescribeImagesInput{
			ImageIds: []string{"ami-1"}, Owners: []string{"self", "amazon"}, ExecutableUsers: []string{"all"},
		}, false, "", nil},
		{"CreateTags", &model.CreateTagsInput{
			Resources: []string{"i-1", "vol-2"}, Tags: []model.Tag{{Key: "env", Value: "yes"}}, // yes stays text
		}, false, "", nil},
		{"ModifyImageAttribute", &model.ModifyImageAttributeInput{
			ImageId: "ami-1", LaunchPermission: &model.LaunchPermissionChange{Add: []model.LaunchPermission{{UserId: "444455556666"}}},
		}, false, "", nil},
		{"CreateSecurityGroup", &model.CreateSecurityGroupInput{GroupName: "web", Description: "web servers"}, false, "", nil},
		// The CLI sends --protocol, --port and --cidr as one IpPermissions entry.
		{"AuthorizeSecurityGroupIngress", &model.AuthorizeSecurityGroupIngressInput{
			GroupId: "sg-1", IpPermissions: []model.IpPermission{{IpProtocol: "tcp", FromPort: ptr(22), ToPort: ptr(22), IpRanges: []model.IpRange{{CidrIp: "0.0.0.0/0"}}}},
		}, false, "", nil},
		// What Terraform's aws_security_group sends first: the default
		// all-traffic egress rule revoked.
		{"RevokeSecurityGroupEgress", &model.RevokeSecurityGroupEgressInput{
			GroupId: "sg-1", IpPermissions: []model.IpPermission{{IpProtocol: "-1", FromPort: ptr(0), ToPort: ptr(0), IpRanges: []model.IpRange{{CidrIp: "0.0.0.0/0"}}}},
		}, false, "", nil},
		// revoke-security-group-ingress --group-name web --protocol tcp --port 22 --cidr 0.0.0.0/0
		{"RevokeSecurityGroupIngress", &model.RevokeSecurityGroupIngressInput{
			GroupName: "web", IpPermissions: []model.IpPermission{{IpProtocol: "tcp", FromPort: ptr(22), ToPort: ptr(22), IpRanges: []model.IpRange{{CidrIp: "0.0.0.0/0"}}}},
		}, false, "", nil},
		{"StopInstances", &model.StopInstancesInput{InstanceIds: []string{"i-1", "i-2"}, Hibernate: true}, true, "", nil},
		{"CopyImage", &model.CopyImageInput{Name: "copy", SourceImageId: "ami-1", SourceRegion: "us-east-1"}, false, "tok-1", nil},
		{"DeregisterImage", &model.DeregisterImageInput{ImageId: "ami-1", DeleteAssociatedSnapshots: true}, false, "", nil},
	}
	for _, c := range cases {
		t.Run(c.action, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "requests", c.action+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			form, err := url.ParseQuery(strings.TrimSpace(string(body)))
			if err != nil {
				t.Fatal(err)
			}
			a, _ := model.LookupAction(form.Get(paramAction))
			req, derr := decode(a, form)
			if derr != nil {
				t.Fatalf("decode: %v", derr)
			}
			if !reflect.DeepEqual(req.in, c.want) {
				t.Errorf("decoded\n  %+v\nwant\n  %+v", req.in, c.want)
			}
			if req.dryRun != c.dryRun || req.clientToken != c.token {
				t.Errorf("DryRun %v ClientToken %q, want %v %q", req.dryRun, req.clientToken, c.dryRun, c.token)
			}
		})
	}
}

func TestBadParametersAreAWSErrors(t *testing.T) {
	cases := []struct {
		name, body string
		code       model.Code
	}{
		{"a parameter the action does not take", "ImageId=ami-1&Colour=blue", UnknownParameter},
		{"a member the structure does not have", "ImageId=ami-1&Placement.Zone=x", UnknownParameter},
		{"a list without an index", "ImageId=ami-1&SecurityGroupId=sg-1", UnknownParameter},
		{"an index that is not a number", "ImageId=ami-1&SecurityGroupId.x=sg-1", UnknownParameter},
		{"a structure given a value", "ImageId=ami-1&Placement=x", UnknownParameter},
		{"text where an integer goes", "ImageId=ami-1&MinCount=two", model.InvalidParameterValue},
		{"text where a boolean goes", "ImageId=ami-1&EbsOptimized=yes", model.InvalidParameterValue},
		{"DryRun that is not a boolean", "ImageId=ami-1&DryRun=maybe", model.InvalidParameterValue},
	}
	a, _ := model.LookupAction("RunInstances")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form, _ := url.ParseQuery(c.body)
			_, err := decode(a, form)
			if err == nil || err.Code != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
		})
	}
}

func TestNotSimulatedParametersAreIgnored(t *testing.T) {
	a, _ := model.LookupAction("RunInstances")
	form, _ := url.ParseQuery("ImageId=ami-1&MinCount=1&MaxCount=1&Monitoring.Enabled=false&NetworkInterface.1.SubnetId=subnet-1&NetworkInterface.1.DeviceIndex=0")
	req, err := decode(a, form)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Monitoring.Enabled", "NetworkInterface.1.SubnetId"}; !reflect.DeepEqual(req.ignored, want) {
		t.Errorf("ignored %v, want %v", req.ignored, want)
	}
	in := req.in.(*model.RunInstancesInput)
	if len(in.NetworkInterfaces) != 1 || in.NetworkInterfaces[0].DeviceIndex != 0 {
		t.Errorf("the simulated member of the interface was lost: %+v", in.NetworkInterfaces)
	}
}

func TestListsFollowTheirIndexNotTheirOrder(t *testing.T) {
	a, _ := model.LookupAction("TerminateInstances")
	form, _ := url.ParseQuery("InstanceId.10=i-c&InstanceId.2=i-b&InstanceId.1=i-a")
	req, err := decode(a, form)
	if err != nil {
		t.Fatal(err)
	}
	if got := req.in.(*model.InstanceIDsInput).InstanceIds; !reflect.DeepEqual(got, []string{"i-a", "i-b", "i-c"}) {
		t.Errorf("got %v", got)
	}
}

const deprecationLabYAML = `name: serve-deprecation
title: a shared AMI that is deprecated
setup:
  accounts:
    - {name: student, id: "111122223333"}
    - {name: partner, id: "444455556666"}
steps:
  - name: builder
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - when: builder.state == "running"
    name: golden
    action: CreateImage
    params: {InstanceId: builder, Name: golden, NoReboot: true}
  - when: golden.state == "available"
    action: ModifyImageAttribute
    params: {ImageId: golden, LaunchPermission: {Add: [{UserId: "444455556666"}]}}
  - action: EnableImageDeprecation
    params: {ImageId: golden, DeprecateAt: "2026-01-05T10:00:00Z"}
`

// DescribeImages' IncludeDeprecated reaches the model, which answers it
// (deprecation.go): an AMI shared with the partner and deprecated is listed
// to the partner only when it asks for deprecated ones, and the server
// does not call the parameter ignored.
func TestIncludeDeprecatedOnTheWire(t *testing.T) {
	ts := newLabServer(t, "settle", deprecationLabYAML)
	ts.ec2(t, "Action=DescribeImages&Owner.1=self") // the lab's steps run
	if status, body := ts.admin(t, "POST", adminClock, `{"advance":"2h"}`); status != 200 {
		t.Fatalf("advance: %d %s", status, body)
	}
	list := func(extra string) string {
		_, body := ts.call(t, "partner", "us-east-1", "Action=DescribeImages&Version=2016-11-15&ExecutableBy.1=self"+extra)
		return body
	}
	if body := list(""); strings.Contains(body, "<name>golden</name>") {
		t.Errorf("a deprecated AMI is listed to the partner without IncludeDeprecated:\n%s", body)
	}
	if body := list("&IncludeDeprecated=true"); !strings.Contains(body, "<name>golden</name>") {
		t.Errorf("IncludeDeprecated=true does not list the deprecated AMI:\n%s", body)
	}
	for _, l := range ts.logs {
		if strings.Contains(l, "not simulated") && strings.Contains(l, "IncludeDeprecated") {
			t.Errorf("the server says it ignored IncludeDeprecated: %s", l)
		}
	}
}
