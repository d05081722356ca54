package model

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/ec2sim/ec2sim/sim"
)

// Network interfaces. EC2 gives every instance in a VPC a primary network
// interface (eth0, device index 0) when it launches, in the instance's
// subnet, with its private address and security groups, and deletes it
// when the instance terminates (S104). ec2sim models that interface only:
// no CreateNetworkInterface, no secondary interfaces, no interfaces that
// other services own. DescribeNetworkInterfaces answers the primary
// interface of each of the caller's instances not yet terminated, and
// DescribeInstances shows the same one; Terraform's aws_security_group asks
// on destroy which interfaces still use the group.

// NetworkInterface is an instance's primary network interface, as
// DescribeNetworkInterfaces answers it. Members marked omitempty are
// absent when zero; DescribeInstances answers the same interface without
// those it does not have (the zone, the attachment's instance, the
// requester, tags).
type NetworkInterface struct {
	NetworkInterfaceId string
	SubnetId           string
	VpcId              string
	AvailabilityZone   string `json:",omitempty"`
	Description        string
	OwnerId            string
	RequesterManaged   *bool
	Status             string
	MacAddress         string
	PrivateIpAddress   string
	PrivateDnsName     string
	SourceDestCheck    bool
	InterfaceType      string
	Groups             []GroupIdentifier
	Attachment         NetworkInterfaceAttachment
	Association        *NetworkInterfaceAssociation
	PrivateIpAddresses []NetworkInterfacePrivateIpAddress
	Tags               Tags `json:",omitempty"`
}

// NetworkInterfaceAttachment is how an interface is attached: to which
// instance, at which device index, since when.
type NetworkInterfaceAttachment struct {
	AttachmentId        string
	InstanceId          string `json:",omitempty"`
	InstanceOwnerId     string `json:",omitempty"`
	DeviceIndex         int
	NetworkCardIndex    int
	Status              string
	AttachTime          sim.Time
	DeleteOnTermination bool
}

// NetworkInterfaceAssociation is the public IPv4 address of an interface:
// AWS's own ("amazon") for an address assigned at launch, the account's for
// an Elastic IP.
type NetworkInterfaceAssociation struct {
	PublicIp      string
	PublicDnsName string
	IpOwnerId     string
}

// NetworkInterfacePrivateIpAddress is one private address of an interface;
// ec2sim gives each interface one, its primary.
type NetworkInterfacePrivateIpAddress struct {
	PrivateIpAddress string
	PrivateDnsName   string
	Primary          bool
	Association      *NetworkInterfaceAssociation
}

// Interface type and statuses, as the API names them.
const (
	interfaceTypeInterface = "interface"
	interfaceInUse         = "in-use"
	ipOwnerAmazon          = "amazon"
)

// eniIDs are the ways EC2 reports network interface IDs it cannot use.
var eniIDs = idForms{prefix: "eni", malformed: InvalidNetworkInterfaceIDMalformed, notFound: InvalidNetworkInterfaceIDNotFound,
	notFoundOne: "The networkInterface ID '%s' does not exist", notFoundSeveral: "The networkInterface IDs '%s' do not exist"}

// hasInterface reports whether an instance has its network interface: from
// launch until it is terminated.
func hasInterface(i *Instance) bool { return i.State != Terminated && i.SubnetID != "" }

// NetworkInterfaceOf is an instance's primary network interface, and false
// once it has none (terminated).
func (w *World) NetworkInterfaceOf(i Instance) (NetworkInterface, bool) {
	if !hasInterface(&i) {
		return NetworkInterface{}, false
	}
	id := "eni-" + stableHex("eni/" + i.ID)[:17]
	mac := stableHex("mac/" + i.ID)
	ni := NetworkInterface{
		NetworkInterfaceId: id, SubnetId: i.SubnetID, VpcId: i.VpcID, AvailabilityZone: i.AZ, OwnerId: i.Owner,
		RequesterManaged: new(bool), Status: interfaceInUse,
		MacAddress:       fmt.Sprintf("02:%s:%s:%s:%s:%s", mac[0:2], mac[2:4], mac[4:6], mac[6:8], mac[8:10]),
		PrivateIpAddress: i.PrivateIP, PrivateDnsName: i.PrivateDNSName(), SourceDestCheck: i.SourceDestCheck(),
		InterfaceType: interfaceTypeInterface, Groups: w.SecurityGroupsOf(i), Tags: Tags{}, // ec2sim keeps no interface tags
		Attachment: NetworkInterfaceAttachment{AttachmentId: "eni-attach-" + stableHex("eni-attach/" + i.ID)[:17],
			InstanceId: i.ID, InstanceOwnerId: i.Owner, Status: Attached, AttachTime: i.LaunchTime, DeleteOnTermination: true},
	}
	if i.PublicIP != "" {
		owner := ipOwnerAmazon
		if w.holdsAddress(&i) {
			owner = i.Owner
		}
		ni.Association = &NetworkInterfaceAssociation{PublicIp: i.PublicIP, PublicDnsName: i.PublicDNSName(), IpOwnerId: owner}
	}
	ni.PrivateIpAddresses = []NetworkInterfacePrivateIpAddress{{PrivateIpAddress: i.PrivateIP, PrivateDnsName: ni.PrivateDnsName, Primary: true, Association: ni.Association}}
	return ni, true
}

// DescribeNetworkInterfacesInput is the DescribeNetworkInterfaces request.
// IncludeManagedResources changes nothing: no interface here is managed by
// another service.
type DescribeNetworkInterfacesInput struct {
	NetworkInterfaceIds     []string `yaml:"NetworkInterfaceIds" json:"NetworkInterfaceIds,omitempty"`
	Filters                 []Filter `yaml:"Filters" json:"Filters,omitempty"`
	IncludeManagedResources bool     `yaml:"IncludeManagedResources" json:"IncludeManagedResources,omitempty"`
	MaxResults              int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken               string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// DescribeNetworkInterfacesOutput lists network interfaces.
type DescribeNetworkInterfacesOutput struct {
	NetworkInterfaces []NetworkInterface
	NextToken         string
}

// eniPages are DescribeNetworkInterfaces' MaxResults bounds (S3).
var eniPages = pageBounds{5, 1000}

// DescribeNetworkInterfaces lists the primary network interfaces of the
// caller's instances in its region, in launch order. An unknown interface
// ID is InvalidNetworkInterfaceID.NotFound; MaxResults with IDs is
// InvalidParameterCombination, as the API reference says.
func (w *World) DescribeNetworkInterfaces(c Caller, in DescribeNetworkInterfacesInput) (out DescribeNetworkInterfacesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, ni := range out.NetworkInterfaces {
			items = append(items, ni.NetworkInterfaceId+" "+ni.Attachment.InstanceId)
		}
		w.apiDone("DescribeNetworkInterfaces", c, "", err, listed(len(items), "network interface", items))
	}()
	if err != nil {
		return out, err
	}
	if err := pageOrIDs(in.NetworkInterfaceIds, in.MaxResults, "networkInterfaceIds"); err != nil {
		return out, err
	}
	type item struct {
		ni  NetworkInterface
		seq int64
	}
	var all []item
	for _, i := range w.sortedInstances() {
		if i.Owner != c.Account || i.Region != c.Region {
			continue
		}
		if ni, ok := w.NetworkInterfaceOf(*i); ok {
			all = append(all, item{ni, i.seq})
		}
	}
	if err := eniIDs.check(in.NetworkInterfaceIds, func(id string) bool {
		return slices.ContainsFunc(all, func(x item) bool { return x.ni.NetworkInterfaceId == id })
	}); err != nil {
		return out, err
	}
	if len(in.NetworkInterfaceIds) > 0 {
		all = slices.DeleteFunc(all, func(x item) bool { return !slices.Contains(in.NetworkInterfaceIds, x.ni.NetworkInterfaceId) })
	}
	public := func(x item) []string {
		if x.ni.Association == nil {
			return nil
		}
		return one(x.ni.Association.PublicIp)
	}
	all, err = applyFilters(all, in.Filters, filterFields[item]{
		"network-interface-id":         func(x item) []string { return one(x.ni.NetworkInterfaceId) },
		"attachment.instance-id":       func(x item) []string { return one(x.ni.Attachment.InstanceId) },
		"attachment.instance-owner-id": func(x item) []string { return one(x.ni.Attachment.InstanceOwnerId) },
		"attachment.attachment-id":     func(x item) []string { return one(x.ni.Attachment.AttachmentId) },
		"attachment.device-index":      func(x item) []string { return []string{strconv.Itoa(x.ni.Attachment.DeviceIndex)} },
		"attachment.status":            func(x item) []string { return one(x.ni.Attachment.Status) },
		"attachment.delete-on-termination": func(x item) []string {
			return boolValue(x.ni.Attachment.DeleteOnTermination)
		},
		"availability-zone": func(x item) []string { return one(x.ni.AvailabilityZone) },
		"description":       func(x item) []string { return []string{x.ni.Description} },
		"group-id": func(x item) []string {
			return groupField(x.ni.Groups, func(g GroupIdentifier) string { return g.GroupId })
		},
		"group-name": func(x item) []string {
			return groupField(x.ni.Groups, func(g GroupIdentifier) string { return g.GroupName })
		},
		"owner-id":              func(x item) []string { return one(x.ni.OwnerId) },
		"private-ip-address":    func(x item) []string { return one(x.ni.PrivateIpAddress) },
		"private-dns-name":      func(x item) []string { return one(x.ni.PrivateDnsName) },
		"association.public-ip": public,
		"mac-address":           func(x item) []string { return one(x.ni.MacAddress) },
		"status":                func(x item) []string { return one(x.ni.Status) },
		"subnet-id":             func(x item) []string { return one(x.ni.SubnetId) },
		"vpc-id":                func(x item) []string { return one(x.ni.VpcId) },
		"source-dest-check":     func(x item) []string { return boolValue(x.ni.SourceDestCheck) },
		"interface-type":        func(x item) []string { return one(x.ni.InterfaceType) },
		"requester-managed":     func(x item) []string { return boolValue(*x.ni.RequesterManaged) },
	}, func(item) Tags { return Tags{} })
	if err != nil {
		return out, err
	}
	page, next, err := paginate(all, func(x item) int64 { return x.seq }, eniPages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	out.NetworkInterfaces = make([]NetworkInterface, 0, len(page))
	for _, x := range page {
		out.NetworkInterfaces = append(out.NetworkInterfaces, x.ni)
	}
	out.NextToken = next
	return out, nil
}

func groupField(gs []GroupIdentifier, f func(GroupIdentifier) string) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = f(g)
	}
	return out
}
