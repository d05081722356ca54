package model

import (
	"fmt"
	"slices"
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

// IpPermission is one rule: a protocol ("-1" for all), a port range, and
// the CIDR ranges or groups it admits.
type IpPermission struct {
	IpProtocol       string
	FromPort         int
	ToPort           int
	IpRanges         []IpRange
	UserIdGroupPairs []UserIdGroupPair
}

// IpRange is an IPv4 CIDR block of a rule.
type IpRange struct{ CidrIp string }

// UserIdGroupPair is a security group a rule admits traffic from.
type UserIdGroupPair struct{ GroupId, UserId string }

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

// describeGroup renders a group as the API does. The default group admits
// all traffic from its own members, and every group lets all traffic out,
// as AWS creates them (AWS's "Default security groups" page); the rules
// AuthorizeSecurityGroupIngress added follow.
func describeGroup(g *SecurityGroup) SecurityGroupInfo {
	out := SecurityGroupInfo{GroupId: g.ID, GroupName: g.Name, Description: g.Description, OwnerId: g.Owner,
		VpcId: defaultVpcID(g.Owner, g.Region), Tags: slices.Clone(g.Tags),
		IpPermissionsEgress: []IpPermission{{IpProtocol: "-1", IpRanges: []IpRange{{"0.0.0.0/0"}}}}}
	if g.Name == "default" {
		out.IpPermissions = append(out.IpPermissions, IpPermission{IpProtocol: "-1", UserIdGroupPairs: []UserIdGroupPair{{g.ID, g.Owner}}})
	}
	for _, r := range g.Ingress {
		// The rule's text is AuthorizeSecurityGroupIngress's (network.go).
		var from, to int
		head, cidr, _ := strings.Cut(r, " from ")
		proto, ports, _ := strings.Cut(head, "/")
		fmt.Sscanf(ports, "%d-%d", &from, &to)
		out.IpPermissions = append(out.IpPermissions, IpPermission{IpProtocol: proto, FromPort: from, ToPort: to, IpRanges: []IpRange{{cidr}}})
	}
	return out
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
	switch {
	case in.GroupId != "":
		id := w.resolve(in.GroupId)
		found := func(id string) bool {
			x, ok := w.groups[id]
			return ok && x.Owner == c.Account && x.Region == c.Region
		}
		if err := groupIDs.check([]string{id}, found); err != nil {
			return err
		}
		g = w.groups[id]
	case in.GroupName != "":
		if g = w.groupByName(c.Account, c.Region, in.GroupName); g == nil {
			return errf(InvalidGroupNotFound, "The security group '%s' does not exist in default VPC '%s'", in.GroupName, defaultVpcID(c.Account, c.Region))
		}
	default:
		return errf(MissingParameter, "The request must contain the parameter GroupId or GroupName")
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
