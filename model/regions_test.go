package model_test

import (
	"slices"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// The regions exam questions name are all simulated, with their endpoints.
func TestDescribeRegionsListsTheExamRegions(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.DescribeRegions(asStudent, model.DescribeRegionsInput{})
	l.ok(err)
	var names []string
	for _, r := range out.Regions {
		names = append(names, r.RegionName)
		if r.Endpoint != "ec2."+r.RegionName+".amazonaws.com" || r.OptInStatus != "opt-in-not-required" {
			t.Errorf("%s: endpoint %q, opt-in %q", r.RegionName, r.Endpoint, r.OptInStatus)
		}
	}
	for _, want := range []string{"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1",
		"eu-west-2", "eu-central-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1"} {
		if !slices.Contains(names, want) {
			t.Errorf("region %s is not simulated", want)
		}
	}
	_, err = l.w.DescribeRegions(asStudent, model.DescribeRegionsInput{RegionNames: []string{"us-east-3"}})
	l.code(err, model.InvalidParameterValue)
}

// Zones are the caller's region's, with stable IDs, and an impaired zone
// says so.
func TestDescribeAvailabilityZonesShowsTheCallersRegionAndImpairment(t *testing.T) {
	l := newLab(t, labConfig(1))
	l.ok(l.w.AZImpairment(asStudent, model.AZFaultInput{AvailabilityZone: "us-east-1b", Duration: "1h"}))
	out, err := l.w.DescribeAvailabilityZones(asStudent, model.DescribeAvailabilityZonesInput{})
	l.ok(err)
	if len(out.AvailabilityZones) != 6 {
		t.Fatalf("%d zones in us-east-1, want 6", len(out.AvailabilityZones))
	}
	a, b := out.AvailabilityZones[0], out.AvailabilityZones[1]
	if a.ZoneName != "us-east-1a" || a.ZoneId != "use1-az1" || a.State != "available" || b.State != "impaired" {
		t.Errorf("got %+v and %+v", a, b)
	}
	tokyo, err := l.w.DescribeAvailabilityZones(model.Caller{Region: "ap-northeast-1"}, model.DescribeAvailabilityZonesInput{})
	l.ok(err)
	if z := tokyo.AvailabilityZones[0]; z.ZoneId != "apne1-az1" || z.RegionName != "ap-northeast-1" {
		t.Errorf("Tokyo: %+v", z)
	}
	_, err = l.w.DescribeAvailabilityZones(asStudent, model.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1z"}})
	l.code(err, model.InvalidParameterValue)
}

// DescribeInstanceTypes answers from the catalogue: vCPUs, memory in MiB,
// instance store, architectures, virtualization and root device types.
func TestDescribeInstanceTypesAnswersFromTheCatalogue(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.DescribeInstanceTypes(asStudent, model.DescribeInstanceTypesInput{InstanceTypes: []string{"m1.medium", "t3.nano"}})
	l.ok(err)
	if len(out.InstanceTypes) != 2 {
		t.Fatalf("got %d types", len(out.InstanceTypes))
	}
	t3, m1 := out.InstanceTypes[0], out.InstanceTypes[1] // catalogue order
	if t3.InstanceType != "t3.nano" || t3.VCpuInfo.DefaultVCpus != 2 || t3.MemoryInfo.SizeInMiB != 512 || t3.Hypervisor != "nitro" ||
		!t3.BurstablePerformanceSupported || t3.InstanceStorageSupported || !slices.Equal(t3.SupportedRootDeviceTypes, []string{"ebs"}) {
		t.Errorf("t3.nano: %+v", t3)
	}
	if m1.CurrentGeneration || !slices.Equal(m1.SupportedVirtualizationTypes, []string{"paravirtual"}) ||
		!slices.Contains(m1.SupportedRootDeviceTypes, "instance-store") || m1.InstanceStorageInfo == nil || m1.InstanceStorageInfo.TotalSizeInGB != 410 {
		t.Errorf("m1.medium: %+v", m1)
	}
	arm, err := l.w.DescribeInstanceTypes(asStudent, model.DescribeInstanceTypesInput{Filters: []model.Filter{{Name: "processor-info.supported-architecture", Values: []string{"arm64"}}}})
	l.ok(err)
	for _, it := range arm.InstanceTypes {
		if !slices.Contains(it.ProcessorInfo.SupportedArchitectures, "arm64") {
			t.Errorf("%s listed as arm64", it.InstanceType)
		}
	}
	if len(arm.InstanceTypes) < 3 {
		t.Errorf("only %d arm64 types", len(arm.InstanceTypes))
	}
	_, err = l.w.DescribeInstanceTypes(asStudent, model.DescribeInstanceTypesInput{InstanceTypes: []string{"t3.mirco"}})
	l.code(err, model.InvalidInstanceType)
}

// Every instance type has a us-east-1 price, so every type can be billed.
func TestEveryInstanceTypeHasAUSEast1Price(t *testing.T) {
	cat := model.DefaultCatalog()
	for _, it := range cat.InstanceTypes {
		found := false
		for _, p := range cat.Prices.Compute {
			if p.Type == it.Name && p.Region == "us-east-1" {
				found = p.Source != "" && p.USD > 0
			}
		}
		if !found {
			t.Errorf("%s has no sourced us-east-1 price", it.Name)
		}
	}
}

func TestDescribeAccountAttributesNamesTheDefaultVpc(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.DescribeAccountAttributes(asStudent, model.DescribeAccountAttributesInput{AttributeNames: []string{"default-vpc"}})
	l.ok(err)
	vpcs, err := l.w.DescribeVpcs(asStudent, model.DescribeVpcsInput{})
	l.ok(err)
	if len(out.AccountAttributes) != 1 || out.AccountAttributes[0].AttributeValues[0].AttributeValue != vpcs.Vpcs[0].VpcId {
		t.Errorf("default-vpc: %+v, VPC %s", out.AccountAttributes, vpcs.Vpcs[0].VpcId)
	}
	_, err = l.w.DescribeAccountAttributes(asStudent, model.DescribeAccountAttributesInput{AttributeNames: []string{"colour"}})
	l.code(err, model.InvalidParameterValue)
}
