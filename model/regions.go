package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The read-only actions that answer from the catalogue (catalog.yaml):
// regions, zones, instance types and account attributes. Their outputs use
// AWS's field names so a wire encoder can name elements after them.

// DescribeRegionsInput is the DescribeRegions request.
type DescribeRegionsInput struct {
	RegionNames []string `yaml:"RegionNames" json:"RegionNames,omitempty"`
	AllRegions  bool     `yaml:"AllRegions" json:"AllRegions,omitempty"`
	Filters     []Filter `yaml:"Filters" json:"Filters,omitempty"`
}

// Region is one entry of DescribeRegions.
type Region struct {
	RegionName  string
	Endpoint    string // ec2.REGION.amazonaws.com
	OptInStatus string // opt-in-not-required: every simulated region is on by default
}

// DescribeRegionsOutput lists regions.
type DescribeRegionsOutput struct{ Regions []Region }

// Region opt-in status: every simulated region is one AWS enables by default.
const optInNotRequired = "opt-in-not-required"

// DescribeRegions lists the simulated regions, in catalogue order. An
// unknown name in RegionNames is InvalidParameterValue.
func (w *World) DescribeRegions(c Caller, in DescribeRegionsInput) (out DescribeRegionsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, r := range out.Regions {
			items = append(items, r.RegionName)
		}
		w.apiDone("DescribeRegions", c, "", err, listed(len(items), "region", items))
	}()
	if err != nil {
		return out, err
	}
	for _, n := range in.RegionNames {
		if _, ok := w.cat.Region(n); !ok {
			return out, errf(InvalidParameterValue, "Invalid region: %s (simulated: %s)%s", n, strings.Join(w.cat.RegionNames(), ", "), suggest(n, w.cat.RegionNames()))
		}
	}
	var all []Region
	for _, r := range w.cat.Regions {
		if len(in.RegionNames) == 0 || slices.Contains(in.RegionNames, r.Name) {
			all = append(all, Region{RegionName: r.Name, Endpoint: "ec2." + r.Name + ".amazonaws.com", OptInStatus: optInNotRequired})
		}
	}
	out.Regions, err = applyFilters(all, in.Filters, filterFields[Region]{
		"region-name":   func(r Region) []string { return one(r.RegionName) },
		"endpoint":      func(r Region) []string { return one(r.Endpoint) },
		"opt-in-status": func(r Region) []string { return one(r.OptInStatus) },
	}, nil)
	return out, err
}

// DescribeAvailabilityZonesInput is the DescribeAvailabilityZones request.
type DescribeAvailabilityZonesInput struct {
	ZoneNames            []string `yaml:"ZoneNames" json:"ZoneNames,omitempty"`
	ZoneIds              []string `yaml:"ZoneIds" json:"ZoneIds,omitempty"`
	AllAvailabilityZones bool     `yaml:"AllAvailabilityZones" json:"AllAvailabilityZones,omitempty"`
	Filters              []Filter `yaml:"Filters" json:"Filters,omitempty"`
}

// AvailabilityZone is one entry of DescribeAvailabilityZones.
type AvailabilityZone struct {
	ZoneName           string
	ZoneId             string // e.g. use1-az1
	ZoneType           string // availability-zone
	RegionName         string
	State              string // available, or impaired during an AZImpairment
	OptInStatus        string
	GroupName          string
	NetworkBorderGroup string
}

// DescribeAvailabilityZonesOutput lists zones.
type DescribeAvailabilityZonesOutput struct{ AvailabilityZones []AvailabilityZone }

// ZoneID is the zone ID of an AZ: the region's short code and the zone's
// position, as in use1-az1. On AWS the mapping from a zone's name (letter)
// to its ID differs per account, so that "us-east-1a" is not the same data
// centres everywhere; the simulator maps them in order, the same for every
// account.
func ZoneID(region string, index int) string {
	short := map[string]string{"north": "n", "south": "s", "east": "e", "west": "w", "central": "c",
		"northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw"}
	parts := strings.Split(region, "-")
	var b strings.Builder
	for i, p := range parts {
		if s, ok := short[p]; ok && i > 0 {
			p = s
		}
		b.WriteString(p)
	}
	return fmt.Sprintf("%s-az%d", b.String(), index+1)
}

// DescribeAvailabilityZones lists the zones of the caller's region (of every
// region with AllAvailabilityZones). A zone impaired by an AZImpairment
// fault is reported as impaired. An unknown zone name or ID is
// InvalidParameterValue.
func (w *World) DescribeAvailabilityZones(c Caller, in DescribeAvailabilityZonesInput) (out DescribeAvailabilityZonesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, z := range out.AvailabilityZones {
			items = append(items, z.ZoneName+" "+z.State)
		}
		w.apiDone("DescribeAvailabilityZones", c, "", err, listed(len(items), "zone", items))
	}()
	if err != nil {
		return out, err
	}
	var all []AvailabilityZone
	for _, r := range w.cat.Regions {
		if r.Name != c.Region && !in.AllAvailabilityZones && len(in.ZoneNames) == 0 && len(in.ZoneIds) == 0 {
			continue
		}
		for i, az := range r.AZs {
			z := AvailabilityZone{ZoneName: az, ZoneId: ZoneID(r.Name, i), ZoneType: "availability-zone", RegionName: r.Name,
				State: "available", OptInStatus: optInNotRequired, GroupName: r.Name, NetworkBorderGroup: r.Name}
			if w.impairedAZ[az] {
				z.State = "impaired"
			}
			all = append(all, z)
		}
	}
	has := func(pick func(AvailabilityZone) string, want string) bool {
		return slices.ContainsFunc(all, func(z AvailabilityZone) bool { return pick(z) == want })
	}
	for _, n := range in.ZoneNames {
		if !has(func(z AvailabilityZone) string { return z.ZoneName }, n) {
			return out, errf(InvalidParameterValue, "The zone '%s' does not exist.", n)
		}
	}
	for _, id := range in.ZoneIds {
		if !has(func(z AvailabilityZone) string { return z.ZoneId }, id) {
			return out, errf(InvalidParameterValue, "The zone ID '%s' does not exist.", id)
		}
	}
	if len(in.ZoneNames) > 0 || len(in.ZoneIds) > 0 {
		all = slices.DeleteFunc(all, func(z AvailabilityZone) bool {
			return !slices.Contains(in.ZoneNames, z.ZoneName) && !slices.Contains(in.ZoneIds, z.ZoneId)
		})
	}
	out.AvailabilityZones, err = applyFilters(all, in.Filters, filterFields[AvailabilityZone]{
		"zone-name":            func(z AvailabilityZone) []string { return one(z.ZoneName) },
		"zone-id":              func(z AvailabilityZone) []string { return one(z.ZoneId) },
		"zone-type":            func(z AvailabilityZone) []string { return one(z.ZoneType) },
		"region-name":          func(z AvailabilityZone) []string { return one(z.RegionName) },
		"state":                func(z AvailabilityZone) []string { return one(z.State) },
		"opt-in-status":        func(z AvailabilityZone) []string { return one(z.OptInStatus) },
		"group-name":           func(z AvailabilityZone) []string { return one(z.GroupName) },
		"network-border-group": func(z AvailabilityZone) []string { return one(z.NetworkBorderGroup) },
	}, nil)
	return out, err
}

// DescribeInstanceTypesInput is the DescribeInstanceTypes request.
type DescribeInstanceTypesInput struct {
	InstanceTypes []string `yaml:"InstanceTypes" json:"InstanceTypes,omitempty"`
	Filters       []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults    int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken     string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// InstanceTypeDescription is one entry of DescribeInstanceTypes (AWS's
// InstanceTypeInfo shape; the name InstanceTypeInfo is the catalogue's).
type InstanceTypeDescription struct {
	InstanceType                  string
	CurrentGeneration             bool
	FreeTierEligible              bool
	SupportedUsageClasses         []string // on-demand, spot
	SupportedRootDeviceTypes      []string // ebs, and instance-store where the type boots from it
	SupportedVirtualizationTypes  []string // hvm, paravirtual
	BareMetal                     bool
	Hypervisor                    string // nitro or xen
	ProcessorInfo                 ProcessorInfo
	VCpuInfo                      VCpuInfo
	MemoryInfo                    MemoryInfo
	InstanceStorageSupported      bool
	InstanceStorageInfo           *InstanceStorageInfo // nil without instance store
	BurstablePerformanceSupported bool
	HibernationSupported          bool
}

// ProcessorInfo lists the CPU architectures a type runs.
type ProcessorInfo struct{ SupportedArchitectures []string }

// VCpuInfo is the type's vCPU count.
type VCpuInfo struct{ DefaultVCpus int }

// MemoryInfo is the type's memory in MiB.
type MemoryInfo struct{ SizeInMiB int64 }

// InstanceStorageInfo is the type's instance store: total decimal GB, and
// the disks grouped by size.
type InstanceStorageInfo struct {
	TotalSizeInGB int64
	Disks         []DiskInfo
}

// DiskInfo is Count disks of SizeInGB decimal gigabytes each; Type is ssd or hdd.
type DiskInfo struct {
	SizeInGB int64
	Count    int
	Type     string
}

// DescribeInstanceTypesOutput lists instance types.
type DescribeInstanceTypesOutput struct {
	InstanceTypes []InstanceTypeDescription
	NextToken     string
}

func describeType(t *InstanceTypeInfo) InstanceTypeDescription {
	d := InstanceTypeDescription{
		InstanceType:                  t.Name,
		CurrentGeneration:             !t.PreviousGen,
		FreeTierEligible:              t.FreeTier,
		SupportedUsageClasses:         []string{"on-demand", "spot"},
		SupportedRootDeviceTypes:      []string{RootEBS},
		SupportedVirtualizationTypes:  slices.Clone(t.Virtualization),
		Hypervisor:                    "xen",
		ProcessorInfo:                 ProcessorInfo{slices.Clone(t.Arch)},
		VCpuInfo:                      VCpuInfo{t.VCPU},
		MemoryInfo:                    MemoryInfo{int64(t.MemoryGiB*1024 + 0.5)},
		InstanceStorageSupported:      len(t.InstanceStoreGB) > 0,
		BurstablePerformanceSupported: t.Burstable,
		// Hibernation: the model's rule (instances.go) needs a Nitro or
		// current Xen type; previous generation cannot hibernate.
		HibernationSupported: !t.PreviousGen,
	}
	if t.Nitro {
		d.Hypervisor = "nitro"
	}
	if t.InstanceStoreRoot {
		d.SupportedRootDeviceTypes = append(d.SupportedRootDeviceTypes, RootInstanceStore)
	}
	if len(t.InstanceStoreGB) > 0 {
		info := &InstanceStorageInfo{}
		kind := "ssd"
		if t.InstanceStoreHDD {
			kind = "hdd"
		}
		for _, gb := range t.InstanceStoreGB {
			info.TotalSizeInGB += int64(gb)
			if n := len(info.Disks); n > 0 && info.Disks[n-1].SizeInGB == int64(gb) {
				info.Disks[n-1].Count++
			} else {
				info.Disks = append(info.Disks, DiskInfo{SizeInGB: int64(gb), Count: 1, Type: kind})
			}
		}
		d.InstanceStorageInfo = info
	}
	return d
}

// DescribeInstanceTypes lists the catalogue's instance types. A name the
// catalogue lacks is InvalidInstanceType, with AWS's message ("The
// following supplied instance types do not exist: [x]").
func (w *World) DescribeInstanceTypes(c Caller, in DescribeInstanceTypesInput) (out DescribeInstanceTypesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, t := range out.InstanceTypes {
			items = append(items, t.InstanceType)
		}
		w.apiDone("DescribeInstanceTypes", c, "", err, listed(len(items), "instance type", items))
	}()
	if err != nil {
		return out, err
	}
	var missing []string
	for _, n := range in.InstanceTypes {
		if _, ok := w.cat.InstanceType(n); !ok {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return out, errf(InvalidInstanceType, "The following supplied instance types do not exist: [%s]%s", strings.Join(missing, ", "), suggest(missing[0], w.cat.InstanceTypeNames()))
	}
	type indexed struct {
		d InstanceTypeDescription
		i int64
	}
	var all []indexed
	for i := range w.cat.InstanceTypes {
		t := &w.cat.InstanceTypes[i]
		if len(in.InstanceTypes) == 0 || slices.Contains(in.InstanceTypes, t.Name) {
			all = append(all, indexed{describeType(t), int64(i + 1)})
		}
	}
	f := func(g func(InstanceTypeDescription) []string) func(indexed) []string {
		return func(x indexed) []string { return g(x.d) }
	}
	all, err = applyFilters(all, in.Filters, filterFields[indexed]{
		"instance-type":      f(func(d InstanceTypeDescription) []string { return one(d.InstanceType) }),
		"current-generation": f(func(d InstanceTypeDescription) []string { return boolValue(d.CurrentGeneration) }),
		"free-tier-eligible": f(func(d InstanceTypeDescription) []string { return boolValue(d.FreeTierEligible) }),
		"bare-metal":         f(func(d InstanceTypeDescription) []string { return boolValue(d.BareMetal) }),
		"hypervisor":         f(func(d InstanceTypeDescription) []string { return one(d.Hypervisor) }),
		"burstable-performance-supported": f(func(d InstanceTypeDescription) []string {
			return boolValue(d.BurstablePerformanceSupported)
		}),
		"hibernation-supported":         f(func(d InstanceTypeDescription) []string { return boolValue(d.HibernationSupported) }),
		"instance-storage-supported":    f(func(d InstanceTypeDescription) []string { return boolValue(d.InstanceStorageSupported) }),
		"supported-root-device-type":    f(func(d InstanceTypeDescription) []string { return d.SupportedRootDeviceTypes }),
		"supported-usage-class":         f(func(d InstanceTypeDescription) []string { return d.SupportedUsageClasses }),
		"supported-virtualization-type": f(func(d InstanceTypeDescription) []string { return d.SupportedVirtualizationTypes }),
		"processor-info.supported-architecture": f(func(d InstanceTypeDescription) []string {
			return d.ProcessorInfo.SupportedArchitectures
		}),
		"vcpu-info.default-vcpus": f(func(d InstanceTypeDescription) []string { return []string{strconv.Itoa(d.VCpuInfo.DefaultVCpus)} }),
		"memory-info.size-in-mib": f(func(d InstanceTypeDescription) []string {
			return []string{strconv.FormatInt(d.MemoryInfo.SizeInMiB, 10)}
		}),
	}, nil)
	if err != nil {
		return out, err
	}
	page, next, err := paginate(all, func(x indexed) int64 { return x.i }, typePages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, x := range page {
		out.InstanceTypes = append(out.InstanceTypes, x.d)
	}
	out.NextToken = next
	return out, nil
}

// DescribeAccountAttributesInput is the DescribeAccountAttributes request.
type DescribeAccountAttributesInput struct {
	AttributeNames []string `yaml:"AttributeNames" json:"AttributeNames,omitempty"`
}

// AccountAttribute is one named account setting and its values.
type AccountAttribute struct {
	AttributeName   string
	AttributeValues []AccountAttributeValue
}

// AccountAttributeValue is one value of an account attribute.
type AccountAttributeValue struct{ AttributeValue string }

// DescribeAccountAttributesOutput lists account attributes.
type DescribeAccountAttributesOutput struct{ AccountAttributes []AccountAttribute }

// DescribeAccountAttributes answers the attributes tools ask for first:
// supported-platforms (VPC only, as for every account since 2013),
// default-vpc (the synthetic default VPC of the region), and the quotas
// max-instances (the vCPU quota divided by 2, a stand-in: AWS reports
// On-Demand instance limits in vCPUs now), max-elastic-ips and
// vpc-max-security-groups-per-interface (AWS's defaults, 5 each). An
// unknown name is InvalidParameterValue.
func (w *World) DescribeAccountAttributes(c Caller, in DescribeAccountAttributesInput) (out DescribeAccountAttributesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DescribeAccountAttributes", c, "", err, "") }()
	if err != nil {
		return out, err
	}
	v := func(name string, vals ...string) AccountAttribute {
		a := AccountAttribute{AttributeName: name}
		for _, s := range vals {
			a.AttributeValues = append(a.AttributeValues, AccountAttributeValue{s})
		}
		return a
	}
	all := []AccountAttribute{
		v("supported-platforms", "VPC"),
		v("default-vpc", defaultVpcID(c.Account, c.Region)),
		v("max-instances", strconv.Itoa(w.quotas.VCPUs/2)),
		v("max-elastic-ips", "5"),
		v("vpc-max-elastic-ips", "5"),
		v("vpc-max-security-groups-per-interface", "5"),
	}
	for _, n := range in.AttributeNames {
		if !slices.ContainsFunc(all, func(a AccountAttribute) bool { return a.AttributeName == n }) {
			return out, errf(InvalidParameterValue, "Value (%s) for parameter attributeName is invalid. Unknown attribute.", n)
		}
	}
	for _, a := range all {
		if len(in.AttributeNames) == 0 || slices.Contains(in.AttributeNames, a.AttributeName) {
			out.AccountAttributes = append(out.AccountAttributes, a)
		}
	}
	return out, nil
}
