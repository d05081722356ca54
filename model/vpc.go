package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The default VPC. Every account has one default VPC per region, with one
// default subnet per Availability Zone, as AWS creates them for accounts
// made since December 2013 (AWS's "Default VPCs" page): CIDR 172.31.0.0/16,
// each default subnet a /20 in zone order (172.31.0.0/20, 172.31.16.0/20,
// …). The simulator has no other VPC: they exist so that DescribeVpcs,
// DescribeSubnets and the VpcId/SubnetId of an instance answer what tools
// and students expect. Their IDs derive from the account and the region or
// zone, never from the seed, so they are the same in every run and adding a
// region changes no other ID.

const (
	defaultVpcCIDR   = "172.31.0.0/16"
	defaultSubnetIPs = 4091 // a /20 has 4096 addresses; AWS reserves 5 of each subnet's
)

func defaultVpcID(account, region string) string {
	return stableID("vpc", account, region)
}

func defaultSubnetID(account, az string) string {
	return stableID("subnet", account, az)
}

// defaultNetwork is the default VPC and subnet a launch into an AZ lands
// in, remembered: a fleet launches thousands of instances into a few.
func (w *World) defaultNetwork(account, region, az string) (vpc, subnet string) {
	k := accountRegion{account, az}
	n, ok := w.networks[k]
	if !ok {
		n = [2]string{defaultVpcID(account, region), defaultSubnetID(account, az)}
		w.networks[k] = n
	}
	return n[0], n[1]
}

// Vpc is one entry of DescribeVpcs.
type Vpc struct {
	VpcId           string
	OwnerId         string
	CidrBlock       string
	State           string // available
	IsDefault       bool
	InstanceTenancy string // default
	DhcpOptionsId   string
}

// Subnet is one entry of DescribeSubnets.
type Subnet struct {
	SubnetId                string
	VpcId                   string
	OwnerId                 string
	AvailabilityZone        string
	AvailabilityZoneId      string
	CidrBlock               string
	AvailableIpAddressCount int
	State                   string // available
	DefaultForAz            bool
	MapPublicIpOnLaunch     bool // true in default subnets: instances get a public IPv4 address
}

func (w *World) defaultVpc(account, region string) Vpc {
	return Vpc{VpcId: defaultVpcID(account, region), OwnerId: account, CidrBlock: defaultVpcCIDR, State: "available",
		IsDefault: true, InstanceTenancy: "default", DhcpOptionsId: "dopt-" + stableHex("dopt/" + account + "/" + region)[:8]}
}

// defaultSubnets lists the default subnets of an account in a region, in
// zone order. AvailableIpAddressCount counts the instances that hold an
// address there (every state but terminated).
func (w *World) defaultSubnets(account, region string) []Subnet {
	r, ok := w.cat.Region(region)
	if !ok {
		return nil
	}
	used := map[string]int{}
	for _, i := range w.instances {
		if i.Owner == account && i.Region == region && i.State != Terminated {
			used[i.AZ]++
		}
	}
	var out []Subnet
	for n, az := range r.AZs {
		out = append(out, Subnet{SubnetId: defaultSubnetID(account, az), VpcId: defaultVpcID(account, region), OwnerId: account,
			AvailabilityZone: az, AvailabilityZoneId: ZoneID(region, n), CidrBlock: fmt.Sprintf("172.31.%d.0/20", 16*n),
			AvailableIpAddressCount: defaultSubnetIPs - used[az], State: "available", DefaultForAz: true, MapPublicIpOnLaunch: true})
	}
	return out
}

// subnetAZ returns the zone of one of the caller's default subnets.
func (w *World) subnetAZ(c Caller, ref string) (string, error) {
	id := w.resolve(ref)
	for _, s := range w.defaultSubnets(c.Account, c.Region) {
		if s.SubnetId == id {
			return s.AvailabilityZone, nil
		}
	}
	return "", subnetIDs.check([]string{id}, func(string) bool { return false })
}

// privateIP is an instance's private IPv4 address in its zone's default
// subnet: host number 4 onwards (AWS reserves the first four of a subnet),
// from the instance's creation sequence, so it is unique among the
// instances of a subnet until thousands have come and gone. The text is
// cut from the zone's subnetText, so a launch allocates nothing for it.
func (w *World) privateIP(r *RegionInfo, az string, seq int64) string {
	n := max(slices.Index(r.AZs, az), 0)
	for len(w.privateIPs) <= n {
		w.privateIPs = append(w.privateIPs, nil)
	}
	if w.privateIPs[n] == nil {
		w.privateIPs[n] = newSubnetText(n)
	}
	return w.privateIPs[n].addr(4 + int(seq%defaultSubnetIPs))
}

// subnetText is every address of the default subnet of a region's n-th
// zone, 172.31.16n.0/20 (the same in every region, so they share it),
// written out once, end to end: a fleet launches from a few zones for
// months, and its addresses are then about 67 KB per zone position rather
// than a string per address. It is never changed, so copies of a world
// share it.
type subnetText struct {
	text string
	end  [subnetHosts + 1]uint32 // host h's address is text[end[h]:end[h+1]]
}

const subnetHosts = 4096 // a /20

func newSubnetText(n int) *subnetText {
	t := new(subnetText)
	buf := make([]byte, 0, subnetHosts*len("172.31.255.255"))
	for h := range subnetHosts {
		t.end[h] = uint32(len(buf))
		buf = appendDotted(buf, 172, 31, 16*n+h/256, h%256)
	}
	t.end[subnetHosts] = uint32(len(buf))
	t.text = string(buf)
	return t
}

func (t *subnetText) addr(host int) string { return t.text[t.end[host]:t.end[host+1]] }

// DescribeVpcsInput is the DescribeVpcs request.
type DescribeVpcsInput struct {
	VpcIds  []string `yaml:"VpcIds" json:"VpcIds,omitempty"`
	Filters []Filter `yaml:"Filters" json:"Filters,omitempty"`
}

// DescribeVpcsOutput lists VPCs.
type DescribeVpcsOutput struct{ Vpcs []Vpc }

// DescribeVpcs lists the caller's VPCs in its region: the default VPC.
func (w *World) DescribeVpcs(c Caller, in DescribeVpcsInput) (out DescribeVpcsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, v := range out.Vpcs {
			items = append(items, v.VpcId+" "+v.CidrBlock)
		}
		w.apiDone("DescribeVpcs", c, "", err, listed(len(items), "VPC", items))
	}()
	if err != nil {
		return out, err
	}
	all := []Vpc{w.defaultVpc(c.Account, c.Region)}
	ids := w.resolveAll(in.VpcIds)
	if err := vpcIDs.check(ids, func(id string) bool { return id == all[0].VpcId }); err != nil {
		return out, err
	}
	out.Vpcs, err = applyFilters(all, in.Filters, filterFields[Vpc]{
		"vpc-id":                            func(v Vpc) []string { return one(v.VpcId) },
		"owner-id":                          func(v Vpc) []string { return one(v.OwnerId) },
		"cidr":                              func(v Vpc) []string { return one(v.CidrBlock) },
		"cidr-block-association.cidr-block": func(v Vpc) []string { return one(v.CidrBlock) },
		"state":                             func(v Vpc) []string { return one(v.State) },
		"is-default":                        func(v Vpc) []string { return boolValue(v.IsDefault) },
		"dhcp-options-id":                   func(v Vpc) []string { return one(v.DhcpOptionsId) },
	}, nil)
	return out, err
}

// DescribeSubnetsInput is the DescribeSubnets request.
type DescribeSubnetsInput struct {
	SubnetIds []string `yaml:"SubnetIds" json:"SubnetIds,omitempty"`
	Filters   []Filter `yaml:"Filters" json:"Filters,omitempty"`
}

// DescribeSubnetsOutput lists subnets.
type DescribeSubnetsOutput struct{ Subnets []Subnet }

// DescribeSubnets lists the caller's subnets in its region: one default
// subnet per zone.
func (w *World) DescribeSubnets(c Caller, in DescribeSubnetsInput) (out DescribeSubnetsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, s := range out.Subnets {
			items = append(items, s.SubnetId+" "+s.AvailabilityZone)
		}
		w.apiDone("DescribeSubnets", c, "", err, listed(len(items), "subnet", items))
	}()
	if err != nil {
		return out, err
	}
	all := w.defaultSubnets(c.Account, c.Region)
	ids := w.resolveAll(in.SubnetIds)
	has := func(id string) bool { return slices.ContainsFunc(all, func(s Subnet) bool { return s.SubnetId == id }) }
	if err := subnetIDs.check(ids, has); err != nil {
		return out, err
	}
	if len(ids) > 0 {
		all = slices.DeleteFunc(all, func(s Subnet) bool { return !slices.Contains(ids, s.SubnetId) })
	}
	out.Subnets, err = applyFilters(all, in.Filters, filterFields[Subnet]{
		"subnet-id":               func(s Subnet) []string { return one(s.SubnetId) },
		"vpc-id":                  func(s Subnet) []string { return one(s.VpcId) },
		"owner-id":                func(s Subnet) []string { return one(s.OwnerId) },
		"availability-zone":       func(s Subnet) []string { return one(s.AvailabilityZone) },
		"availability-zone-id":    func(s Subnet) []string { return one(s.AvailabilityZoneId) },
		"cidr-block":              func(s Subnet) []string { return one(s.CidrBlock) },
		"state":                   func(s Subnet) []string { return one(s.State) },
		"default-for-az":          func(s Subnet) []string { return boolValue(s.DefaultForAz) },
		"map-public-ip-on-launch": func(s Subnet) []string { return boolValue(s.MapPublicIpOnLaunch) },
	}, nil)
	return out, err
}

// dotted writes an IPv4 address in dotted-decimal form in one allocation.
func dotted[N int | uint64](a, b, c, d N) string {
	var arr [15]byte
	return string(appendDotted(arr[:0], a, b, c, d))
}

func appendDotted[N int | uint64](buf []byte, a, b, c, d N) []byte {
	buf = strconv.AppendUint(buf, uint64(a), 10)
	for _, n := range [...]N{b, c, d} {
		buf = strconv.AppendUint(append(buf, '.'), uint64(n), 10)
	}
	return buf
}

// publicIPv4 is the public address drawn from u: the first octet from a
// few of Amazon's ranges, the last never 0 or 255.
func publicIPv4(u uint64) string {
	first := [...]uint64{3, 18, 34, 44, 52, 54}
	return dotted(first[u%6], (u>>8)&0xff, (u>>16)&0xff, 1+(u>>24)%254)
}

// PublicDNSName is an instance's public IPv4 DNS name, "" while it has no
// public address: "ec2-" and the address with dashes, then
// "compute-1.amazonaws.com" in us-east-1 and "REGION.compute.amazonaws.com"
// elsewhere (S100).
func (i Instance) PublicDNSName() string {
	if i.PublicIP == "" {
		return ""
	}
	return "ec2-" + strings.ReplaceAll(i.PublicIP, ".", "-") + "." + regionDomain(i.Region, "compute-1", "compute") + ".amazonaws.com"
}

// PrivateDNSName is an instance's private IPv4 DNS name, "" once it is
// terminated: "ip-" and the private address with dashes, then
// "ec2.internal" in us-east-1 and "REGION.compute.internal" elsewhere
// (S100).
func (i Instance) PrivateDNSName() string {
	if i.State == Terminated || i.PrivateIP == "" {
		return ""
	}
	return "ip-" + strings.ReplaceAll(i.PrivateIP, ".", "-") + "." + regionDomain(i.Region, "ec2", "compute") + ".internal"
}

// regionDomain is the part of an EC2 hostname that names the region: a
// name of its own in us-east-1, the oldest region, and "REGION.suffix"
// everywhere else.
func regionDomain(region, useast1, suffix string) string {
	if region == "us-east-1" {
		return useast1
	}
	return region + "." + suffix
}
