package model

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// SecurityGroupInfo is one entry of DescribeSecurityGroups.
type SecurityGroupInfo struct {
	GroupId             string
	GroupName           string
	Description         string
	OwnerId             string
	VpcId               string
	IpPermissions       []IpPermission
	IpPermissionsEgress []IpPermission
	Tags                Tags
}

// IpPermission is the rules of one protocol and port range as the API
// writes them, in a request and in DescribeSecurityGroups: the CIDR blocks
// and groups they admit (inbound) or reach (outbound). FromPort and ToPort
// are absent for all traffic (ProtocolAll) and for protocols without ports.
// The lists are answered even when empty, as EC2 does.
type IpPermission struct {
	IpProtocol       string            `yaml:"IpProtocol" json:"IpProtocol"`
	FromPort         *int              `yaml:"FromPort" json:"FromPort,omitempty"`
	ToPort           *int              `yaml:"ToPort" json:"ToPort,omitempty"`
	IpRanges         []IpRange         `yaml:"IpRanges" json:"IpRanges"`
	Ipv6Ranges       []Ipv6Range       `yaml:"Ipv6Ranges" json:"Ipv6Ranges"`
	UserIdGroupPairs []UserIdGroupPair `yaml:"UserIdGroupPairs" json:"UserIdGroupPairs"`
}

// IpRange is an IPv4 CIDR block of a rule.
type IpRange struct {
	CidrIp      string `yaml:"CidrIp" json:"CidrIp"`
	Description string `yaml:"Description" json:"Description,omitempty"`
}

// Ipv6Range is an IPv6 CIDR block of a rule. ec2sim's default VPC has no
// IPv6 block, so such a rule admits nothing there; it is kept as written.
type Ipv6Range struct {
	CidrIpv6    string `yaml:"CidrIpv6" json:"CidrIpv6"`
	Description string `yaml:"Description" json:"Description,omitempty"`
}

// UserIdGroupPair is a security group a rule admits traffic from (or sends
// it to): by GroupId, or by GroupName in the default VPC in a request.
type UserIdGroupPair struct {
	GroupId     string `yaml:"GroupId" json:"GroupId,omitempty"`
	GroupName   string `yaml:"GroupName" json:"GroupName,omitempty"`
	UserId      string `yaml:"UserId" json:"UserId,omitempty"`
	Description string `yaml:"Description" json:"Description,omitempty"`
}

// SecurityGroupRule is one rule of a group, in or out: a protocol, a port
// range (tcp and udp ports; the ICMP type and code; 0 and 0 for a protocol
// without ports) and one peer, an IPv4 or IPv6 CIDR block or a security
// group. Rules are recorded and shown, not enforced: ec2sim has no network.
type SecurityGroupRule struct {
	Protocol         string // tcp, udp, icmp, icmpv6, another protocol's number, or ProtocolAll
	FromPort, ToPort int
	CidrIp, CidrIpv6 string
	GroupId, UserId  string // a peer group and its owner's account
	Description      string
}

// ProtocolAll is the protocol of a rule for all traffic (the API's "-1"),
// which has no ports.
const ProtocolAll = "-1"

// The protocols EC2 names rather than numbers, as it writes them.
const (
	protoTCP    = "tcp"
	protoUDP    = "udp"
	protoICMP   = "icmp"
	protoICMPv6 = "icmpv6"
)

// allTrafficOut is the outbound rule EC2 gives every new group: all traffic
// to anywhere. Terraform's aws_security_group revokes it at once.
var allTrafficOut = SecurityGroupRule{Protocol: ProtocolAll, CidrIp: "0.0.0.0/0"}

// hasPorts reports whether a protocol's rules carry a port range (for icmp,
// a type and code): tcp, udp, icmp and icmpv6; any other protocol is
// allowed on every port.
func hasPorts(protocol string) bool {
	switch protocol {
	case protoTCP, protoUDP, protoICMP, protoICMPv6:
		return true
	}
	return false
}

// sameRule reports whether two rules admit the same traffic: a rule's
// description does not tell it apart (the API reference of
// RevokeSecurityGroupIngress: a rule is matched without its description).
func sameRule(a, b SecurityGroupRule) bool {
	a.Description, b.Description = "", ""
	return a == b
}

// String is the rule as EC2's InvalidPermission.Duplicate message quotes it
// ("peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW").
func (r SecurityGroupRule) String() string {
	peer := r.CidrIp + r.CidrIpv6
	if r.GroupId != "" {
		peer = r.GroupId
	}
	if r.Protocol == ProtocolAll {
		return fmt.Sprintf("peer: %s, ALL, ALLOW", peer)
	}
	if !hasPorts(r.Protocol) {
		return fmt.Sprintf("peer: %s, %s, ALLOW", peer, strings.ToUpper(r.Protocol))
	}
	return fmt.Sprintf("peer: %s, %s, from port: %d, to port: %d, ALLOW", peer, strings.ToUpper(r.Protocol), r.FromPort, r.ToPort)
}

// permissionsOf writes rules as the API does: one IpPermission per
// protocol and port range, in the order each first appears, with its CIDR
// blocks and groups.
func permissionsOf(rules []SecurityGroupRule) []IpPermission {
	var out []IpPermission
	type key struct {
		protocol string
		from, to int
	}
	var keys []key
	for _, r := range rules {
		k := key{r.Protocol, r.FromPort, r.ToPort}
		i := slices.Index(keys, k)
		if i < 0 {
			p := IpPermission{IpProtocol: r.Protocol, IpRanges: []IpRange{}, Ipv6Ranges: []Ipv6Range{}, UserIdGroupPairs: []UserIdGroupPair{}}
			if hasPorts(r.Protocol) {
				from, to := r.FromPort, r.ToPort
				p.FromPort, p.ToPort = &from, &to
			}
			keys, out, i = append(keys, k), append(out, p), len(out)
		}
		switch {
		case r.GroupId != "":
			out[i].UserIdGroupPairs = append(out[i].UserIdGroupPairs, UserIdGroupPair{GroupId: r.GroupId, UserId: r.UserId, Description: r.Description})
		case r.CidrIpv6 != "":
			out[i].Ipv6Ranges = append(out[i].Ipv6Ranges, Ipv6Range{CidrIpv6: r.CidrIpv6, Description: r.Description})
		default:
			out[i].IpRanges = append(out[i].IpRanges, IpRange{CidrIp: r.CidrIp, Description: r.Description})
		}
	}
	return out
}

// flatRule is the flat form of one rule in an Authorize or Revoke request
// (IpProtocol, FromPort, ToPort, CidrIp), beside IpPermissions.
type flatRule struct {
	protocol string
	from, to int
	cidr     string
}

// rulesOf reads the rules an Authorize or Revoke call names, one peer to a
// rule: IpPermissions, or the flat form, not both. Protocols are tcp, udp,
// icmp, icmpv6 (or their numbers), any other protocol number, or "-1"; tcp
// and udp need a port range within 0–65535, icmp a type and code within
// -1–255; every rule needs a CIDR block or a group the caller has.
func (w *World) rulesOf(c Caller, perms []IpPermission, flat flatRule) ([]SecurityGroupRule, error) {
	if flat != (flatRule{}) {
		if len(perms) > 0 {
			return nil, errf(InvalidParameterCombination, "The parameter IpPermissions cannot be used with IpProtocol, FromPort, ToPort or CidrIp: give the rules one way")
		}
		from, to := flat.from, flat.to
		perms = []IpPermission{{IpProtocol: flat.protocol, FromPort: &from, ToPort: &to}}
		if flat.cidr != "" {
			perms[0].IpRanges = []IpRange{{CidrIp: flat.cidr}}
		}
	}
	if len(perms) == 0 {
		return nil, errf(MissingParameter, "The request must contain the parameter IpPermissions")
	}
	var out []SecurityGroupRule
	for _, p := range perms {
		proto, err := protocolOf(p.IpProtocol)
		if err != nil {
			return nil, err
		}
		var from, to int
		if hasPorts(proto) {
			if p.FromPort == nil || p.ToPort == nil {
				return nil, errf(InvalidParameterValue, "Invalid value for portRange. Must specify both from and to ports with %s.", strings.ToUpper(proto))
			}
			from, to = *p.FromPort, *p.ToPort
			lo, hi := 0, 65535
			if proto == protoICMP || proto == protoICMPv6 {
				lo, hi = -1, 255
			}
			if from < lo || from > hi || to < lo || to > hi || (lo == 0 && from > to) {
				return nil, errf(InvalidParameterValue, "Invalid value for portRange: %s ports %d to %d (from %d to %d)", strings.ToUpper(proto), from, to, lo, hi)
			}
		}
		if len(p.IpRanges)+len(p.Ipv6Ranges)+len(p.UserIdGroupPairs) == 0 {
			return nil, errf(MissingParameter, "The request must contain, for each rule, a CIDR block (IpRanges, Ipv6Ranges or CidrIp) or a security group (Groups)")
		}
		for _, r := range p.IpRanges {
			if pre, err := netip.ParsePrefix(r.CidrIp); err != nil || !pre.Addr().Is4() {
				return nil, errf(InvalidParameterValue, "CIDR block %s is malformed", r.CidrIp)
			}
			out = append(out, SecurityGroupRule{Protocol: proto, FromPort: from, ToPort: to, CidrIp: r.CidrIp, Description: r.Description})
		}
		for _, r := range p.Ipv6Ranges {
			if pre, err := netip.ParsePrefix(r.CidrIpv6); err != nil || !pre.Addr().Is6() {
				return nil, errf(InvalidParameterValue, "CIDR block %s is malformed", r.CidrIpv6)
			}
			out = append(out, SecurityGroupRule{Protocol: proto, FromPort: from, ToPort: to, CidrIpv6: r.CidrIpv6, Description: r.Description})
		}
		for _, gp := range p.UserIdGroupPairs {
			peer, err := w.groupFor(c, gp.GroupId, gp.GroupName)
			if err != nil {
				return nil, err
			}
			out = append(out, SecurityGroupRule{Protocol: proto, FromPort: from, ToPort: to, GroupId: peer.ID, UserId: peer.Owner, Description: gp.Description})
		}
	}
	return out, nil
}

// protocolOf is a rule's protocol as EC2 keeps it: a name in lower case for
// tcp (6), udp (17), icmp (1) and icmpv6 (58), ProtocolAll, or another
// protocol's number.
func protocolOf(s string) (string, error) {
	p := strings.ToLower(s)
	switch p {
	case protoTCP, protoUDP, protoICMP, protoICMPv6, ProtocolAll:
		return p, nil
	case "6":
		return protoTCP, nil
	case "17":
		return protoUDP, nil
	case "1":
		return protoICMP, nil
	case "58":
		return protoICMPv6, nil
	case "":
		return "", errf(MissingParameter, "The request must contain the parameter IpProtocol")
	}
	if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 255 {
		return strconv.Itoa(n), nil
	}
	return "", errf(InvalidParameterValue, "Invalid value '%s' for IP protocol. Unknown protocol.", s)
}

// authorize adds rules to a group's list, all or none: a rule the group
// already has (or the request names twice) is InvalidPermission.Duplicate.
func authorize(list *[]SecurityGroupRule, rules []SecurityGroupRule) error {
	for i, r := range rules {
		dup := func(x SecurityGroupRule) bool { return sameRule(x, r) }
		if slices.ContainsFunc(*list, dup) || slices.ContainsFunc(rules[:i], dup) {
			return errf(InvalidPermissionDuplicate, "the specified rule \"%s\" already exists", r)
		}
	}
	*list = append(*list, rules...)
	return nil
}

// revoke removes the rules a group's list has and returns those it does
// not: in a default VPC EC2 answers those as unknown, with no error (the
// API reference of RevokeSecurityGroupIngress).
func revoke(list *[]SecurityGroupRule, rules []SecurityGroupRule) RevokeSecurityGroupOutput {
	var unknown []SecurityGroupRule
	for _, r := range rules {
		i := slices.IndexFunc(*list, func(x SecurityGroupRule) bool { return sameRule(x, r) })
		if i < 0 {
			unknown = append(unknown, r)
			continue
		}
		*list = slices.Delete(*list, i, i+1)
	}
	return RevokeSecurityGroupOutput{Return: true, UnknownIpPermissions: permissionsOf(unknown)}
}

// RevokeSecurityGroupOutput answers RevokeSecurityGroupIngress and
// RevokeSecurityGroupEgress: true, and the rules named that the group did
// not have.
type RevokeSecurityGroupOutput struct {
	Return               bool
	UnknownIpPermissions []IpPermission
}

// groupFor finds the caller's group in its region by ID, or by name in the
// default VPC: the API takes a name only for a default VPC's group, and
// every group ec2sim has is in the default VPC. An unknown name is
// InvalidGroup.NotFound "… does not exist in default VPC 'vpc-…'", as
// DescribeSecurityGroups answers it.
func (w *World) groupFor(c Caller, id, name string) (*SecurityGroup, error) {
	switch {
	case id != "":
		id = w.resolve(id)
		mine := func(id string) bool {
			g, ok := w.groups[id]
			return ok && g.Owner == c.Account && g.Region == c.Region
		}
		if err := groupIDs.check([]string{id}, mine); err != nil {
			return nil, err
		}
		return w.groups[id], nil
	case name != "":
		if g := w.groupByName(c.Account, c.Region, name); g != nil {
			return g, nil
		}
		return nil, errf(InvalidGroupNotFound, "The security group '%s' does not exist in default VPC '%s'", name, defaultVpcID(c.Account, c.Region))
	}
	return nil, errf(MissingParameter, "The request must contain the parameter GroupId or GroupName")
}

// groupRef is what a call's log line names: the group found, else what the
// request gave.
func groupRef(g *SecurityGroup, id, name string, w *World) string {
	switch {
	case g != nil:
		return g.ID
	case id != "":
		return w.resolve(id)
	}
	return name
}

// AuthorizeSecurityGroupEgress adds outbound rules to a group, named by its
// ID only.
func (w *World) AuthorizeSecurityGroupEgress(c Caller, in AuthorizeSecurityGroupEgressInput) (err error) {
	c, err = w.caller(c)
	var g *SecurityGroup
	defer func() { w.apiDone("AuthorizeSecurityGroupEgress", c, groupRef(g, in.GroupId, "", w), err, "") }()
	if err != nil {
		return err
	}
	if in.GroupId == "" {
		return errf(MissingParameter, "The request must contain the parameter GroupId")
	}
	if g, err = w.groupFor(c, in.GroupId, ""); err != nil {
		return err
	}
	rules, err := w.rulesOf(c, in.IpPermissions, flatRule{in.IpProtocol, in.FromPort, in.ToPort, in.CidrIp})
	if err != nil {
		return err
	}
	return authorize(&g.Egress, rules)
}

// RevokeSecurityGroupIngress removes inbound rules from a group named by ID
// or, in the default VPC, by name. A rule the group does not have is
// answered back as unknown, not refused.
func (w *World) RevokeSecurityGroupIngress(c Caller, in RevokeSecurityGroupIngressInput) (out RevokeSecurityGroupOutput, err error) {
	c, err = w.caller(c)
	var g *SecurityGroup
	defer func() { w.apiDone("RevokeSecurityGroupIngress", c, groupRef(g, in.GroupId, in.GroupName, w), err, "") }()
	if err != nil {
		return out, err
	}
	if g, err = w.groupFor(c, in.GroupId, in.GroupName); err != nil {
		return out, err
	}
	rules, err := w.rulesOf(c, in.IpPermissions, flatRule{in.IpProtocol, in.FromPort, in.ToPort, in.CidrIp})
	if err != nil {
		return out, err
	}
	return revoke(&g.Ingress, rules), nil
}

// RevokeSecurityGroupEgress removes outbound rules from a group named by
// its ID, as RevokeSecurityGroupIngress does inbound ones.
func (w *World) RevokeSecurityGroupEgress(c Caller, in RevokeSecurityGroupEgressInput) (out RevokeSecurityGroupOutput, err error) {
	c, err = w.caller(c)
	var g *SecurityGroup
	defer func() { w.apiDone("RevokeSecurityGroupEgress", c, groupRef(g, in.GroupId, "", w), err, "") }()
	if err != nil {
		return out, err
	}
	if in.GroupId == "" {
		return out, errf(MissingParameter, "The request must contain the parameter GroupId")
	}
	if g, err = w.groupFor(c, in.GroupId, ""); err != nil {
		return out, err
	}
	rules, err := w.rulesOf(c, in.IpPermissions, flatRule{in.IpProtocol, in.FromPort, in.ToPort, in.CidrIp})
	if err != nil {
		return out, err
	}
	return revoke(&g.Egress, rules), nil
}

// DescribeSecurityGroupsInput is the DescribeSecurityGroups request.
type DescribeSecurityGroupsInput struct {
	GroupIds   []string `yaml:"GroupIds" json:"GroupIds,omitempty"`
	GroupNames []string `yaml:"GroupNames" json:"GroupNames,omitempty"`
	Filters    []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken  string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// DescribeSecurityGroupsOutput lists security groups.
type DescribeSecurityGroupsOutput struct {
	SecurityGroups []SecurityGroupInfo
	NextToken      string
}

// describeGroup renders a group as the API does: its rules as
// IpPermissions (the default group's and every new group's are those AWS
// creates them with, AWS's "Default security groups" page: all traffic in
// from the default group's own members; all traffic out), then the rules
// added since, less those revoked.
func describeGroup(g *SecurityGroup) SecurityGroupInfo {
	return SecurityGroupInfo{GroupId: g.ID, GroupName: g.Name, Description: g.Description, OwnerId: g.Owner,
		VpcId: defaultVpcID(g.Owner, g.Region), Tags: slices.Clone(g.Tags),
		IpPermissions: permissionsOf(g.Ingress), IpPermissionsEgress: permissionsOf(g.Egress)}
}

// DescribeSecurityGroups lists the caller's security groups in its region,
// the default group of the default VPC first. Unknown IDs are
// InvalidGroup.NotFound (the security-group-exists waiter retries on it),
// malformed ones InvalidGroupId.Malformed, and an unknown name
// InvalidGroup.NotFound "… does not exist in default VPC 'vpc-…'".
func (w *World) DescribeSecurityGroups(c Caller, in DescribeSecurityGroupsInput) (out DescribeSecurityGroupsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, g := range out.SecurityGroups {
			items = append(items, fmt.Sprintf("%s %s", g.GroupId, g.GroupName))
		}
		w.apiDone("DescribeSecurityGroups", c, "", err, listed(len(items), "security group", items))
	}()
	if err != nil {
		return out, err
	}
	var mine []*SecurityGroup
	for _, g := range sortedBySeq(w.groups, func(g *SecurityGroup) int64 { return g.seq }) {
		if g.Owner == c.Account && g.Region == c.Region {
			mine = append(mine, g)
		}
	}
	ids := w.resolveAll(in.GroupIds)
	if err := groupIDs.check(ids, func(id string) bool {
		return slices.ContainsFunc(mine, func(g *SecurityGroup) bool { return g.ID == id })
	}); err != nil {
		return out, err
	}
	for _, n := range in.GroupNames {
		if !slices.ContainsFunc(mine, func(g *SecurityGroup) bool { return g.Name == n }) {
			return out, errf(InvalidGroupNotFound, "The security group '%s' does not exist in default VPC '%s'", n, defaultVpcID(c.Account, c.Region))
		}
	}
	if len(ids) > 0 || len(in.GroupNames) > 0 {
		mine = slices.DeleteFunc(mine, func(g *SecurityGroup) bool {
			return !slices.Contains(ids, g.ID) && !slices.Contains(in.GroupNames, g.Name)
		})
	}
	mine, err = applyFilters(mine, in.Filters, filterFields[*SecurityGroup]{
		"group-id":    func(g *SecurityGroup) []string { return one(g.ID) },
		"group-name":  func(g *SecurityGroup) []string { return one(g.Name) },
		"description": func(g *SecurityGroup) []string { return one(g.Description) },
		"owner-id":    func(g *SecurityGroup) []string { return one(g.Owner) },
		"vpc-id":      func(g *SecurityGroup) []string { return one(defaultVpcID(g.Owner, g.Region)) },
		"ip-permission.cidr": func(g *SecurityGroup) []string {
			var cs []string
			for _, p := range describeGroup(g).IpPermissions {
				for _, r := range p.IpRanges {
					cs = append(cs, r.CidrIp)
				}
			}
			return cs
		},
	}, func(g *SecurityGroup) Tags { return g.Tags })
	if err != nil {
		return out, err
	}
	page, next, err := paginate(mine, func(g *SecurityGroup) int64 { return g.seq }, groupPages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, g := range page {
		out.SecurityGroups = append(out.SecurityGroups, describeGroup(g))
	}
	out.NextToken = next
	return out, nil
}

// DeleteSecurityGroupInput is the DeleteSecurityGroup request: an ID, or a
// name in the default VPC.
type DeleteSecurityGroupInput struct {
	GroupId   string `yaml:"GroupId" json:"GroupId,omitempty"`
	GroupName string `yaml:"GroupName" json:"GroupName,omitempty"`
	DryRun    bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DeleteSecurityGroup deletes a security group. The default group cannot be
// deleted (CannotDelete), and a group that an instance not yet terminated
// still uses is DependencyViolation ("resource sg-… has a dependent
// object"), as AWS's DeleteSecurityGroup reference says: terminate or move
// the instances first.
func (w *World) DeleteSecurityGroup(c Caller, in DeleteSecurityGroupInput) (err error) {
	c, err = w.caller(c)
	var g *SecurityGroup
	defer func() {
		res := in.GroupId
		if g != nil {
			res = g.ID
		}
		w.apiDone("DeleteSecurityGroup", c, res, err, in.GroupName)
	}()
	if err != nil {
		return err
	}
	if g, err = w.groupFor(c, in.GroupId, in.GroupName); err != nil {
		return err
	}
	if g.Name == "default" {
		return errf(CannotDelete, "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", g.ID)
	}
	for _, i := range w.sortedInstances() {
		if i.State != Terminated && slices.Contains(i.SecurityGroups, g.ID) {
			return errf(DependencyViolation, "resource %s has a dependent object", g.ID)
		}
	}
	if in.DryRun {
		return dryRun()
	}
	delete(w.groups, g.ID)
	return nil
}
