package model

import (
	"fmt"
	"slices"
	"strings"
)

// CreateKeyPairInput is the CreateKeyPair request.
type CreateKeyPairInput struct {
	KeyName string `yaml:"KeyName" json:"KeyName"`
	KeyType string `yaml:"KeyType" json:"KeyType,omitempty"`
}

// KeyPairOutput answers CreateKeyPair. The private key material is not
// simulated: in AWS it is shown once and never again; KeyMaterial says so in
// a PEM-shaped text that no SSH client accepts.
type KeyPairOutput struct {
	KeyName        string `json:"KeyName"`
	KeyPairId      string `json:"KeyPairId,omitempty"`
	KeyFingerprint string `json:"KeyFingerprint,omitempty"`
	KeyMaterial    string `json:"KeyMaterial,omitempty"`
}

// Created lists the names the call created.
func (o KeyPairOutput) Created() []string { return []string{o.KeyName} }

// CreateSecurityGroupInput is the CreateSecurityGroup request. VpcId may
// name the region's default VPC, the only one ec2sim has (Terraform sends
// it when the configuration names the VPC).
type CreateSecurityGroupInput struct {
	GroupName         string             `yaml:"GroupName" json:"GroupName"`
	Description       string             `yaml:"Description" json:"Description"`
	VpcId             string             `yaml:"VpcId" json:"VpcId,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
}

// GroupOutput names the security group a call created.
type GroupOutput struct {
	GroupId string `json:"GroupId"`
}

// Created lists the IDs the call created.
func (o GroupOutput) Created() []string { return []string{o.GroupId} }

// AuthorizeSecurityGroupIngressInput adds inbound rules to a group, named by
// GroupId or, in the default VPC, by GroupName: the rules of IpPermissions,
// or one rule in the flat form (IpProtocol, FromPort, ToPort, CidrIp), as
// the API takes either (rules are recorded, not enforced).
type AuthorizeSecurityGroupIngressInput struct {
	GroupId       string         `yaml:"GroupId" json:"GroupId,omitempty"`
	GroupName     string         `yaml:"GroupName" json:"GroupName,omitempty"`
	IpPermissions []IpPermission `yaml:"IpPermissions" json:"IpPermissions,omitempty"`
	IpProtocol    string         `yaml:"IpProtocol" json:"IpProtocol,omitempty"`
	FromPort      int            `yaml:"FromPort" json:"FromPort,omitempty"`
	ToPort        int            `yaml:"ToPort" json:"ToPort,omitempty"`
	CidrIp        string         `yaml:"CidrIp" json:"CidrIp,omitempty"`
}

// RevokeSecurityGroupIngressInput removes inbound rules, named as
// AuthorizeSecurityGroupIngress adds them.
type RevokeSecurityGroupIngressInput AuthorizeSecurityGroupIngressInput

// AuthorizeSecurityGroupEgressInput adds outbound rules to a group, which
// only its GroupId names (the API takes no GroupName for egress).
type AuthorizeSecurityGroupEgressInput struct {
	GroupId       string         `yaml:"GroupId" json:"GroupId"`
	IpPermissions []IpPermission `yaml:"IpPermissions" json:"IpPermissions,omitempty"`
	IpProtocol    string         `yaml:"IpProtocol" json:"IpProtocol,omitempty"`
	FromPort      int            `yaml:"FromPort" json:"FromPort,omitempty"`
	ToPort        int            `yaml:"ToPort" json:"ToPort,omitempty"`
	CidrIp        string         `yaml:"CidrIp" json:"CidrIp,omitempty"`
}

// RevokeSecurityGroupEgressInput removes outbound rules, named as
// AuthorizeSecurityGroupEgress adds them.
type RevokeSecurityGroupEgressInput AuthorizeSecurityGroupEgressInput

// CreateTagsInput is the CreateTags request.
type CreateTagsInput struct {
	Resources []string `yaml:"Resources" json:"Resources"`
	Tags      []Tag    `yaml:"Tags" json:"Tags"`
}

func keyPairKey(account, region, name string) string { return account + "/" + region + "/" + name }

// CreateKeyPair registers an SSH key pair in the caller's region.
func (w *World) CreateKeyPair(c Caller, in CreateKeyPairInput) (out KeyPairOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateKeyPair", c, in.KeyName, err, "") }()
	if err != nil {
		return out, err
	}
	if in.KeyName == "" || len(in.KeyName) > 255 {
		return out, errf(InvalidParameterValue, "KeyName must be 1 to 255 characters")
	}
	k := keyPairKey(c.Account, c.Region, in.KeyName)
	if _, ok := w.keyPairs[k]; ok {
		return out, errf(InvalidKeyPairDuplicate, "The keypair '%s' already exists.", in.KeyName)
	}
	kp := w.addKeyPair(c, in.KeyName, in.KeyType, "")
	return KeyPairOutput{KeyName: kp.Name, KeyPairId: kp.ID, KeyFingerprint: kp.Fingerprint, KeyMaterial: simulatedKeyMaterial}, nil
}

// addDefaultGroup makes a region's default group of the default VPC, with
// the rules AWS gives it: all traffic in from its own members, all out.
func (w *World) addDefaultGroup(account, region string) {
	g := &SecurityGroup{ID: "sg-" + stableHex("sg/"+account+"/"+region), Name: "default", Description: "default VPC security group", Owner: account, Region: region, seq: w.nextSeq()}
	g.Ingress = []SecurityGroupRule{{Protocol: ProtocolAll, GroupId: g.ID, UserId: account}}
	g.Egress = []SecurityGroupRule{allTrafficOut}
	w.groups[g.ID] = g
}

func (w *World) groupByName(account, region, name string) *SecurityGroup {
	for _, g := range w.groups {
		if g.Owner == account && g.Region == region && g.Name == name {
			return g
		}
	}
	return nil
}

// CreateSecurityGroup creates a security group in the default VPC.
func (w *World) CreateSecurityGroup(c Caller, in CreateSecurityGroupInput) (out GroupOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateSecurityGroup", c, out.GroupId, err, in.GroupName) }()
	if err != nil {
		return out, err
	}
	if in.GroupName == "" || in.Description == "" {
		return out, errf(MissingParameter, "CreateSecurityGroup needs GroupName and Description")
	}
	if in.VpcId != "" {
		if err := vpcIDs.check([]string{in.VpcId}, func(id string) bool { return id == defaultVpcID(c.Account, c.Region) }); err != nil {
			return out, err
		}
	}
	if err := checkTagSpecs(in.TagSpecifications, resSecurityGroup, resSecurityGroup); err != nil {
		return out, err
	}
	if w.groupByName(c.Account, c.Region, in.GroupName) != nil {
		return out, errf(InvalidGroupDuplicate, "The security group '%s' already exists for VPC 'default'", in.GroupName)
	}
	g := &SecurityGroup{ID: w.newID("sg"), Name: in.GroupName, Description: in.Description, Owner: c.Account, Region: c.Region, seq: w.nextSeq()}
	g.Tags = specTags(in.TagSpecifications, resSecurityGroup, resSecurityGroup)
	g.Egress = []SecurityGroupRule{allTrafficOut} // a new group lets everything out, and nothing in
	w.groups[g.ID] = g
	return GroupOutput{g.ID}, nil
}

// AuthorizeSecurityGroupIngress adds inbound rules (securitygroups.go).
func (w *World) AuthorizeSecurityGroupIngress(c Caller, in AuthorizeSecurityGroupIngressInput) (err error) {
	c, err = w.caller(c)
	var g *SecurityGroup
	defer func() {
		w.apiDone("AuthorizeSecurityGroupIngress", c, groupRef(g, in.GroupId, in.GroupName, w), err, "")
	}()
	if err != nil {
		return err
	}
	if g, err = w.groupFor(c, in.GroupId, in.GroupName); err != nil {
		return err
	}
	rules, err := w.rulesOf(c, in.IpPermissions, flatRule{in.IpProtocol, in.FromPort, in.ToPort, in.CidrIp})
	if err != nil {
		return err
	}
	return authorize(&g.Ingress, rules)
}

// CreateTags adds or overwrites tags on instances, volumes, snapshots and images.
func (w *World) CreateTags(c Caller, in CreateTagsInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateTags", c, firstRef(in.Resources, w), err, "") }()
	if err != nil {
		return err
	}
	var targets []*Tags
	for _, ref := range w.resolveAll(in.Resources) {
		switch {
		case w.instances[ref] != nil && w.instances[ref].Owner == c.Account:
			targets = append(targets, &w.instances[ref].Tags)
		case w.volumes[ref] != nil && w.volumes[ref].Owner == c.Account:
			targets = append(targets, &w.volumes[ref].Tags)
		case w.snapshots[ref] != nil && w.snapshots[ref].Owner == c.Account:
			targets = append(targets, &w.snapshots[ref].Tags)
		case w.images[ref] != nil && w.images[ref].Owner == c.Account:
			targets = append(targets, &w.images[ref].Tags)
		case w.groups[ref] != nil && w.groups[ref].Owner == c.Account:
			targets = append(targets, &w.groups[ref].Tags)
		default:
			return errf(InvalidID, "The ID '%s' is not valid", ref)
		}
	}
	for _, t := range targets {
		for _, tag := range in.Tags {
			t.Set(tag.Key, tag.Value)
		}
	}
	return nil
}

// ---- KMS ---------------------------------------------------------------

func (w *World) addKey(spec KMSKeySpec) error {
	owner, ok := w.account(spec.Owner)
	if !ok {
		return fmt.Errorf("KMS key %s: unknown owner account %q", spec.Alias, spec.Owner)
	}
	if _, ok := w.cat.Region(spec.Region); !ok {
		return fmt.Errorf("KMS key %s: unknown region %q", spec.Alias, spec.Region)
	}
	if !strings.HasPrefix(spec.Alias, "alias/") || strings.HasPrefix(spec.Alias, "alias/aws/") {
		return fmt.Errorf("KMS key alias %q must start with alias/ and not alias/aws/ (reserved for AWS managed keys)", spec.Alias)
	}
	k := &KMSKey{ID: keyID(owner.ID, spec.Region, spec.Alias), Alias: spec.Alias, Owner: owner.ID, Region: spec.Region}
	for _, g := range spec.Grants {
		a, ok := w.account(g)
		if !ok {
			return fmt.Errorf("KMS key %s: unknown grantee account %q", spec.Alias, g)
		}
		k.Grants = append(k.Grants, a.ID)
	}
	w.keys[k.ID] = k
	return nil
}

func keyID(account, region, alias string) string {
	h := stableHex("kms/" + account + "/" + region + "/" + alias)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[1:5], h[5:17])
}

// defaultKey returns the account's AWS managed EBS key in a region
// (alias/aws/ebs), creating it on first use as AWS does.
func (w *World) defaultKey(account, region string) *KMSKey {
	id := keyID(account, region, "alias/aws/ebs")
	if k, ok := w.keys[id]; ok {
		return k
	}
	k := &KMSKey{ID: id, Alias: "alias/aws/ebs", Owner: account, Region: region, AWSManaged: true}
	w.keys[id] = k
	return k
}

// findKey resolves a key ID, ARN or alias the caller may use in a region.
func (w *World) findKey(account, region, ref string) (*KMSKey, error) {
	if ref == "alias/aws/ebs" {
		return w.defaultKey(account, region), nil
	}
	for _, id := range w.sortedKeyIDs() {
		k := w.keys[id]
		if k.ID == ref || k.Alias == ref || strings.HasSuffix(ref, ":key/"+k.ID) || strings.HasSuffix(ref, ":"+k.Alias) {
			if k.Region != region {
				return nil, errf(InvalidKMSKeyNotFound, "KMS key %s is in %s; KMS keys are regional, so use a key in %s.", ref, k.Region, region)
			}
			if !w.canUseKey(account, k.ID) {
				return nil, errf(InvalidKMSKeyNotFound, "KMS key %s belongs to another account that has not granted this one its use.", ref)
			}
			return k, nil
		}
	}
	return nil, errf(InvalidKMSKeyNotFound, "The KMS key %s does not exist in %s.", ref, region)
}

func (w *World) canUseKey(account, keyID string) bool {
	k, ok := w.keys[keyID]
	if !ok {
		return false
	}
	return k.Owner == account || (!k.AWSManaged && slices.Contains(k.Grants, account))
}

func (w *World) sortedKeyIDs() []string {
	ids := make([]string, 0, len(w.keys))
	for id := range w.keys {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// KMSKeys lists the keys that exist, sorted by region then alias.
func (w *World) KMSKeys() []KMSKey {
	var out []KMSKey
	for _, id := range w.sortedKeyIDs() {
		out = append(out, *w.keys[id])
	}
	slices.SortStableFunc(out, func(a, b KMSKey) int {
		return strings.Compare(a.Region+a.Alias+a.Owner, b.Region+b.Alias+b.Owner)
	})
	return out
}
