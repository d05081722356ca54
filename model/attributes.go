package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/sim"
)

// Instance and image attributes, and instance status: the per-resource
// settings a Describe call does not show whole, read and changed one at a
// time as AWS's API does.

// AttributeBooleanValue is a boolean attribute (DisableApiTermination.Value).
type AttributeBooleanValue struct {
	Value bool `yaml:"Value" json:"Value"`
}

// Instance attribute names, as DescribeInstanceAttribute spells them.
const (
	attrInstanceType     = "instanceType"
	attrUserData         = "userData"
	attrDisableTerm      = "disableApiTermination"
	attrDisableStop      = "disableApiStop"
	attrShutdownBehavior = "instanceInitiatedShutdownBehavior"
	attrRootDeviceName   = "rootDeviceName"
	attrBlockDevices     = "blockDeviceMapping"
	attrGroupSet         = "groupSet"
	attrProductCodes     = "productCodes"
	attrEbsOptimized     = "ebsOptimized"
	attrSourceDestCheck  = "sourceDestCheck"
	attrEnaSupport       = "enaSupport"
	attrKernel           = "kernel"
	attrRamdisk          = "ramdisk"
)

var instanceAttributes = []string{attrInstanceType, attrKernel, attrRamdisk, attrUserData, attrDisableTerm, attrShutdownBehavior,
	attrRootDeviceName, attrBlockDevices, attrProductCodes, attrSourceDestCheck, attrGroupSet, attrEbsOptimized, attrEnaSupport, attrDisableStop}

// DescribeInstanceAttributeInput is the DescribeInstanceAttribute request.
type DescribeInstanceAttributeInput struct {
	InstanceId string `yaml:"InstanceId" json:"InstanceId"`
	Attribute  string `yaml:"Attribute" json:"Attribute"`
}

// InstanceAttribute answers DescribeInstanceAttribute: InstanceId and the
// one field asked for, which is never nil (a list asked for is empty, not
// nil, when there is nothing in it); the others are nil, and EC2 answers
// only the one.
type InstanceAttribute struct {
	InstanceId                        string
	InstanceType                      *AttributeValue
	KernelId                          *AttributeValue
	RamdiskId                         *AttributeValue
	UserData                          *AttributeValue
	DisableApiTermination             *AttributeBooleanValue
	DisableApiStop                    *AttributeBooleanValue
	InstanceInitiatedShutdownBehavior *AttributeValue
	RootDeviceName                    *AttributeValue
	BlockDeviceMappings               []InstanceBlockDeviceMapping
	Groups                            []GroupIdentifier
	ProductCodes                      []ProductCode
	EbsOptimized                      *AttributeBooleanValue
	SourceDestCheck                   *AttributeBooleanValue
	EnaSupport                        *AttributeBooleanValue
}

// InstanceBlockDeviceMapping is an attached EBS volume as the API shows it.
type InstanceBlockDeviceMapping struct {
	DeviceName string
	Ebs        EbsInstanceBlockDevice
}

// EbsInstanceBlockDevice is the EBS part of an InstanceBlockDeviceMapping.
type EbsInstanceBlockDevice struct {
	VolumeId            string
	Status              string // attaching, attached, detaching
	AttachTime          sim.Time
	DeleteOnTermination bool
}

// GroupIdentifier names a security group.
type GroupIdentifier struct{ GroupId, GroupName string }

// BlockDeviceMappings is an instance's EBS volumes as the API shows them, in
// DescribeInstances and DescribeInstanceAttribute alike: each device's
// volume, its attachment's status and start, and DeleteOnTermination.
func (w *World) BlockDeviceMappings(i Instance) []InstanceBlockDeviceMapping {
	out := make([]InstanceBlockDeviceMapping, 0, len(i.BlockDevices))
	for _, b := range i.BlockDevices {
		ebs := EbsInstanceBlockDevice{VolumeId: b.VolumeID, Status: Attached, AttachTime: i.LaunchTime, DeleteOnTermination: b.DeleteOnTermination}
		if v, ok := w.volumes[b.VolumeID]; ok {
			ebs.Status, ebs.AttachTime = v.AttachState, v.AttachTime
		}
		out = append(out, InstanceBlockDeviceMapping{b.DeviceName, ebs})
	}
	return out
}

// SecurityGroupsOf names an instance's security groups, ID and name, as
// DescribeInstances' groupSet and DescribeInstanceAttribute's do.
func (w *World) SecurityGroupsOf(i Instance) []GroupIdentifier {
	out := make([]GroupIdentifier, 0, len(i.SecurityGroups))
	for _, id := range i.SecurityGroups {
		name := ""
		if g, ok := w.groups[id]; ok {
			name = g.Name
		}
		out = append(out, GroupIdentifier{id, name})
	}
	return out
}

// ProductCode is a Marketplace product code.
type ProductCode struct{ ProductCodeId, ProductCodeType string }

// productCodeMarketplace is the type of every product code ec2sim knows:
// an AWS Marketplace one (EC2 also has devpay, retired).
const productCodeMarketplace = "marketplace"

// productCodes lists a resource's product codes as the attribute calls
// answer them: an empty list, not nil, for none.
func productCodes(code string) []ProductCode {
	if code == "" {
		return []ProductCode{}
	}
	return []ProductCode{{code, productCodeMarketplace}}
}

func (w *World) instanceFor(c Caller, ref string) (*Instance, error) {
	if ref == "" {
		return nil, errf(MissingParameter, "The request must contain the parameter InstanceId")
	}
	insts, err := w.instancesFor(c, []string{ref})
	if err != nil {
		return nil, err
	}
	return insts[len(insts)-1], nil
}

func unknownAttribute(a string) error {
	return errf(InvalidParameterValue, "Value (%s) for parameter attribute is invalid. Unknown attribute.", a)
}

// DescribeInstanceAttribute answers one attribute of one instance.
// Terraform reads four of them after every launch (disableApiTermination,
// disableApiStop, instanceInitiatedShutdownBehavior, userData).
func (w *World) DescribeInstanceAttribute(c Caller, in DescribeInstanceAttributeInput) (out InstanceAttribute, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DescribeInstanceAttribute", c, out.InstanceId, err, in.Attribute) }()
	if err != nil {
		return out, err
	}
	if in.Attribute == "" {
		return out, errf(MissingParameter, "The request must contain the parameter attribute")
	}
	if !slices.Contains(instanceAttributes, in.Attribute) {
		return out, unknownAttribute(in.Attribute)
	}
	inst, err := w.instanceFor(c, in.InstanceId)
	if err != nil {
		return out, err
	}
	out.InstanceId = inst.ID
	t, _ := w.cat.InstanceType(inst.Type)
	switch in.Attribute {
	case attrInstanceType:
		out.InstanceType = &AttributeValue{inst.Type}
	case attrKernel:
		out.KernelId = &AttributeValue{}
	case attrRamdisk:
		out.RamdiskId = &AttributeValue{}
	case attrUserData:
		out.UserData = &AttributeValue{inst.UserData}
	case attrDisableTerm:
		out.DisableApiTermination = &AttributeBooleanValue{inst.DisableAPITermination}
	case attrDisableStop:
		out.DisableApiStop = &AttributeBooleanValue{inst.DisableAPIStop}
	case attrShutdownBehavior:
		out.InstanceInitiatedShutdownBehavior = &AttributeValue{inst.ShutdownBehavior}
	case attrRootDeviceName:
		out.RootDeviceName = &AttributeValue{inst.RootDeviceName}
	case attrBlockDevices:
		out.BlockDeviceMappings = w.BlockDeviceMappings(*inst)
	case attrGroupSet:
		out.Groups = w.SecurityGroupsOf(*inst)
	case attrProductCodes:
		out.ProductCodes = productCodes(inst.ProductCode)
	case attrEbsOptimized:
		out.EbsOptimized = &AttributeBooleanValue{t != nil && t.Nitro}
	case attrSourceDestCheck:
		out.SourceDestCheck = &AttributeBooleanValue{inst.SourceDestCheck()}
	case attrEnaSupport:
		out.EnaSupport = &AttributeBooleanValue{t != nil && t.Nitro}
	}
	return out, nil
}

// ModifyInstanceAttributeInput is the ModifyInstanceAttribute request: one
// attribute per call, either as its own field or as Attribute and Value.
type ModifyInstanceAttributeInput struct {
	InstanceId                        string                                    `yaml:"InstanceId" json:"InstanceId"`
	Attribute                         string                                    `yaml:"Attribute" json:"Attribute,omitempty"`
	Value                             string                                    `yaml:"Value" json:"Value,omitempty"`
	DisableApiTermination             *AttributeBooleanValue                    `yaml:"DisableApiTermination" json:"DisableApiTermination,omitempty"`
	DisableApiStop                    *AttributeBooleanValue                    `yaml:"DisableApiStop" json:"DisableApiStop,omitempty"`
	InstanceType                      *AttributeValue                           `yaml:"InstanceType" json:"InstanceType,omitempty"`
	InstanceInitiatedShutdownBehavior *AttributeValue                           `yaml:"InstanceInitiatedShutdownBehavior" json:"InstanceInitiatedShutdownBehavior,omitempty"`
	UserData                          *AttributeValue                           `yaml:"UserData" json:"UserData,omitempty"`
	BlockDeviceMappings               []InstanceBlockDeviceMappingSpecification `yaml:"BlockDeviceMappings" json:"BlockDeviceMappings,omitempty"`
	DryRun                            bool                                      `yaml:"DryRun" json:"DryRun,omitempty"`
}

// InstanceBlockDeviceMappingSpecification changes DeleteOnTermination of
// an attached volume, named by its device.
type InstanceBlockDeviceMappingSpecification struct {
	DeviceName string                               `yaml:"DeviceName" json:"DeviceName"`
	Ebs        *EbsInstanceBlockDeviceSpecification `yaml:"Ebs" json:"Ebs,omitempty"`
}

// EbsInstanceBlockDeviceSpecification is the EBS part of a mapping change.
type EbsInstanceBlockDeviceSpecification struct {
	VolumeId            string `yaml:"VolumeId" json:"VolumeId,omitempty"`
	DeleteOnTermination *bool  `yaml:"DeleteOnTermination" json:"DeleteOnTermination,omitempty"`
}

// normalise turns the Attribute/Value form into the typed fields, and
// lists the attributes the request sets.
func (in *ModifyInstanceAttributeInput) normalise() ([]string, error) {
	if in.Attribute != "" {
		switch in.Attribute {
		case attrInstanceType:
			in.InstanceType = &AttributeValue{in.Value}
		case attrUserData:
			in.UserData = &AttributeValue{in.Value}
		case attrShutdownBehavior:
			in.InstanceInitiatedShutdownBehavior = &AttributeValue{in.Value}
		case attrDisableTerm, attrDisableStop:
			b, err := strconv.ParseBool(in.Value)
			if err != nil {
				return nil, errf(InvalidParameterValue, "Value (%s) for parameter value is invalid. Expecting true or false.", in.Value)
			}
			if in.Attribute == attrDisableTerm {
				in.DisableApiTermination = &AttributeBooleanValue{b}
			} else {
				in.DisableApiStop = &AttributeBooleanValue{b}
			}
		default:
			if slices.Contains(instanceAttributes, in.Attribute) {
				return nil, errf(UnsupportedOperation, "ec2sim does not simulate changing the %s attribute", in.Attribute)
			}
			return nil, unknownAttribute(in.Attribute)
		}
	}
	var set []string
	for _, f := range []struct {
		name string
		on   bool
	}{{attrDisableTerm, in.DisableApiTermination != nil}, {attrDisableStop, in.DisableApiStop != nil},
		{attrInstanceType, in.InstanceType != nil}, {attrShutdownBehavior, in.InstanceInitiatedShutdownBehavior != nil},
		{attrUserData, in.UserData != nil}, {attrBlockDevices, len(in.BlockDeviceMappings) > 0}} {
		if f.on {
			set = append(set, f.name)
		}
	}
	return set, nil
}

// ModifyInstanceAttribute changes one attribute of an instance. The instance
// type and the user data change only while the instance is stopped
// (IncorrectInstanceState otherwise, as AWS's "Change the instance type"
// page says); the new type must run the instance's AMI (architecture and
// virtualization) and keeps as many instance-store disks as it has. The
// protections, the shutdown behaviour and DeleteOnTermination of attached
// volumes change in any state but terminated. More than one attribute in
// one call is InvalidParameterCombination.
func (w *World) ModifyInstanceAttribute(c Caller, in ModifyInstanceAttributeInput) (err error) {
	c, err = w.caller(c)
	var inst *Instance
	defer func() {
		id := ""
		if inst != nil {
			id = inst.ID
		}
		w.apiDone("ModifyInstanceAttribute", c, id, err, "")
	}()
	if err != nil {
		return err
	}
	set, err := in.normalise()
	if err != nil {
		return err
	}
	switch {
	case len(set) == 0:
		return errf(MissingParameter, "The request must contain one attribute to modify")
	case len(set) > 1:
		return errf(InvalidParameterCombination, "Fields for multiple attribute types specified: %s", strings.Join(set, ", "))
	}
	if inst, err = w.instanceFor(c, in.InstanceId); err != nil {
		return err
	}
	if inst.State == Terminated {
		return errf(IncorrectInstanceState, "The instance '%s' is not in a state from which it can be modified.", inst.ID)
	}
	stoppedOnly := func() error {
		if inst.State != Stopped {
			return errf(IncorrectInstanceState, "The instance '%s' is not in the 'stopped' state.", inst.ID)
		}
		return nil
	}
	var apply func()
	switch set[0] {
	case attrDisableTerm:
		apply = func() { inst.DisableAPITermination = in.DisableApiTermination.Value }
	case attrDisableStop:
		apply = func() { inst.DisableAPIStop = in.DisableApiStop.Value }
	case attrShutdownBehavior:
		v := in.InstanceInitiatedShutdownBehavior.Value
		if v != "stop" && v != "terminate" {
			return errf(InvalidParameterValue, "Value (%s) for parameter instanceInitiatedShutdownBehavior is invalid. Expecting stop or terminate.", v)
		}
		apply = func() { inst.ShutdownBehavior = v }
	case attrUserData:
		if err := stoppedOnly(); err != nil {
			return err
		}
		apply = func() { inst.UserData = in.UserData.Value }
	case attrInstanceType:
		if err := stoppedOnly(); err != nil {
			return err
		}
		t, ok := w.cat.InstanceType(in.InstanceType.Value)
		if !ok {
			return errf(InvalidInstanceAttributeValue, "The instanceType '%s' is invalid.%s", in.InstanceType.Value, suggest(in.InstanceType.Value, w.cat.InstanceTypeNames()))
		}
		if !slices.Contains(t.Arch, inst.Arch) {
			return errf(InvalidInstanceAttributeValue, "The instance type '%s' does not support the '%s' architecture of the instance's AMI.", t.Name, inst.Arch)
		}
		virt := "hvm"
		if im, ok := w.images[inst.ImageID]; ok && im.Virtualization != "" {
			virt = im.Virtualization
		}
		if !slices.Contains(t.Virtualization, virt) {
			return errf(InvalidInstanceAttributeValue, "The instance type '%s' does not support %s virtualization.", t.Name, virt)
		}
		apply = func() {
			inst.Type = t.Name
			if n := len(t.InstanceStoreGB); len(inst.Ephemeral) > n {
				inst.Ephemeral = inst.Ephemeral[:n]
			}
			for i := range inst.Ephemeral {
				inst.Ephemeral[i].SizeGB, inst.Ephemeral[i].CapacityGiB = t.InstanceStoreGB[i], gbToGiB(t.InstanceStoreGB[i])
				inst.Ephemeral[i].DataGiB = min(inst.Ephemeral[i].DataGiB, inst.Ephemeral[i].CapacityGiB)
			}
		}
	case attrBlockDevices:
		idx := make([]int, len(in.BlockDeviceMappings))
		for n, m := range in.BlockDeviceMappings {
			idx[n] = slices.IndexFunc(inst.BlockDevices, func(b InstanceBlockDevice) bool { return b.DeviceName == m.DeviceName })
			if idx[n] < 0 {
				return errf(InvalidInstanceAttributeValue, "No device is currently mapped at %s", m.DeviceName)
			}
			if m.Ebs == nil || m.Ebs.DeleteOnTermination == nil {
				return errf(MissingParameter, "The request must contain the parameter BlockDeviceMapping.Ebs.DeleteOnTermination")
			}
		}
		apply = func() {
			for n, m := range in.BlockDeviceMappings {
				b := &inst.BlockDevices[idx[n]]
				b.DeleteOnTermination = *m.Ebs.DeleteOnTermination
				if v, ok := w.volumes[b.VolumeID]; ok {
					v.DeleteOnTermination = b.DeleteOnTermination
				}
			}
		}
	}
	if in.DryRun {
		return dryRun()
	}
	apply()
	return nil
}

// DescribeInstanceStatusInput is the DescribeInstanceStatus request.
type DescribeInstanceStatusInput struct {
	InstanceIds         []string `yaml:"InstanceIds" json:"InstanceIds,omitempty"`
	Filters             []Filter `yaml:"Filters" json:"Filters,omitempty"`
	IncludeAllInstances bool     `yaml:"IncludeAllInstances" json:"IncludeAllInstances,omitempty"`
	MaxResults          int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken           string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// InstanceStatusItem is one instance's state and status checks (AWS's
// InstanceStatus shape; the name InstanceStatus is its check field).
type InstanceStatusItem struct {
	InstanceId       string
	AvailabilityZone string
	InstanceState    InstanceStateInfo
	SystemStatus     StatusSummary
	InstanceStatus   StatusSummary
	seq              int64
}

// InstanceStateInfo is a state and its API code.
type InstanceStateInfo struct {
	Code int
	Name InstanceState
}

// StatusSummary is one status check: ok, impaired, initializing or
// not-applicable, with its reachability detail.
type StatusSummary struct {
	Status  string
	Details []StatusDetail
}

// StatusDetail is one detail of a status check.
type StatusDetail struct{ Name, Status string }

// DescribeInstanceStatusOutput lists instance statuses.
type DescribeInstanceStatusOutput struct {
	InstanceStatuses []InstanceStatusItem
	NextToken        string
}

func statusOf(inst *Instance) InstanceStatusItem {
	s := InstanceStatusItem{InstanceId: inst.ID, AvailabilityZone: inst.AZ, InstanceState: InstanceStateInfo{StateCode(inst.State), inst.State}, seq: inst.seq}
	check := func(status string) StatusSummary {
		detail := map[string]string{"ok": "passed", "impaired": "failed", "initializing": "initializing"}[status]
		if detail == "" {
			return StatusSummary{Status: status}
		}
		return StatusSummary{Status: status, Details: []StatusDetail{{"reachability", detail}}}
	}
	switch {
	case inst.State != Running:
		s.SystemStatus, s.InstanceStatus = check("not-applicable"), check("not-applicable")
	case inst.Status == "impaired":
		s.SystemStatus, s.InstanceStatus = check("impaired"), check("impaired")
	case !inst.Ready:
		s.SystemStatus, s.InstanceStatus = check("ok"), check("initializing")
	default:
		s.SystemStatus, s.InstanceStatus = check("ok"), check("ok")
	}
	return s
}

// DescribeInstanceStatus answers the status checks of the caller's
// instances: running ones only unless IncludeAllInstances, as AWS does (so
// the instance-status-ok waiter sees nothing for a stopped instance). The
// instance status check is initializing until the OS has booted (Windows
// takes minutes); both checks are impaired on failed hardware or in an
// impaired zone.
func (w *World) DescribeInstanceStatus(c Caller, in DescribeInstanceStatusInput) (out DescribeInstanceStatusOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, s := range out.InstanceStatuses {
			items = append(items, fmt.Sprintf("%s %s/%s", s.InstanceId, s.SystemStatus.Status, s.InstanceStatus.Status))
		}
		w.apiDone("DescribeInstanceStatus", c, "", err, listed(len(items), "instance", items))
	}()
	if err != nil {
		return out, err
	}
	if err := pageOrIDs(in.InstanceIds, in.MaxResults, "instancesSet"); err != nil {
		return out, err
	}
	insts, err := w.describedInstances(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	var all []InstanceStatusItem
	for _, i := range insts {
		if i.State == Running || in.IncludeAllInstances {
			all = append(all, statusOf(i))
		}
	}
	all, err = applyFilters(all, in.Filters, filterFields[InstanceStatusItem]{
		"availability-zone":            func(s InstanceStatusItem) []string { return one(s.AvailabilityZone) },
		"instance-state-name":          func(s InstanceStatusItem) []string { return one(string(s.InstanceState.Name)) },
		"instance-state-code":          func(s InstanceStatusItem) []string { return []string{strconv.Itoa(s.InstanceState.Code)} },
		"system-status.status":         func(s InstanceStatusItem) []string { return one(s.SystemStatus.Status) },
		"instance-status.status":       func(s InstanceStatusItem) []string { return one(s.InstanceStatus.Status) },
		"system-status.reachability":   func(s InstanceStatusItem) []string { return reachability(s.SystemStatus) },
		"instance-status.reachability": func(s InstanceStatusItem) []string { return reachability(s.InstanceStatus) },
	}, nil)
	if err != nil {
		return out, err
	}
	out.InstanceStatuses, out.NextToken, err = paginate(all, func(s InstanceStatusItem) int64 { return s.seq }, statusPages, in.MaxResults, in.NextToken)
	return out, err
}

func reachability(s StatusSummary) []string {
	var out []string
	for _, d := range s.Details {
		out = append(out, d.Status)
	}
	return out
}

// Image attribute names, as DescribeImageAttribute spells them.
const (
	imgAttrDescription  = "description"
	imgAttrLaunchPerm   = "launchPermission"
	imgAttrProductCodes = "productCodes"
	imgAttrBlockDevices = "blockDeviceMapping"
	imgAttrKernel       = "kernel"
	imgAttrRamdisk      = "ramdisk"
	imgAttrSriov        = "sriovNetSupport"
	imgAttrBootMode     = "bootMode"
)

var imageAttributes = []string{imgAttrDescription, imgAttrKernel, imgAttrRamdisk, imgAttrLaunchPerm, imgAttrProductCodes,
	imgAttrBlockDevices, imgAttrSriov, imgAttrBootMode}

// DescribeImageAttributeInput is the DescribeImageAttribute request.
type DescribeImageAttributeInput struct {
	ImageId   string `yaml:"ImageId" json:"ImageId"`
	Attribute string `yaml:"Attribute" json:"Attribute"`
}

// ImageAttribute answers DescribeImageAttribute: ImageId and the one field
// asked for, never nil (an empty list when there is nothing in it); the
// others are nil, as in InstanceAttribute.
type ImageAttribute struct {
	ImageId             string
	Description         *AttributeValue
	KernelId            *AttributeValue
	RamdiskId           *AttributeValue
	LaunchPermissions   []LaunchPermission
	ProductCodes        []ProductCode
	BlockDeviceMappings []BlockDeviceMapping
	SriovNetSupport     *AttributeValue
	BootMode            *AttributeValue
}

// DescribeImageAttribute answers one attribute of an AMI. Launch
// permissions are the owner's to read: another account asking gets
// AuthFailure even for an image it may launch. The permissions list the
// accounts the image is shared with, and the group "all" for a public one.
func (w *World) DescribeImageAttribute(c Caller, in DescribeImageAttributeInput) (out ImageAttribute, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DescribeImageAttribute", c, out.ImageId, err, in.Attribute) }()
	if err != nil {
		return out, err
	}
	if in.Attribute == "" {
		return out, errf(MissingParameter, "The request must contain the parameter attribute")
	}
	if !slices.Contains(imageAttributes, in.Attribute) {
		return out, unknownAttribute(in.Attribute)
	}
	im, err := w.imageFor(c, in.ImageId, c.Region)
	if err != nil {
		return out, err
	}
	if !w.canLaunch(c.Account, im) {
		return out, errf(InvalidAMIIDNotFound, imageIDs.notFoundOne, im.ID)
	}
	if in.Attribute == imgAttrLaunchPerm && im.Owner != c.Account {
		return out, errf(AuthFailure, "Not authorized for image:%s", im.ID)
	}
	out.ImageId = im.ID
	switch in.Attribute {
	case imgAttrDescription:
		out.Description = &AttributeValue{im.Description}
	case imgAttrKernel:
		out.KernelId = &AttributeValue{}
	case imgAttrRamdisk:
		out.RamdiskId = &AttributeValue{}
	case imgAttrLaunchPerm:
		out.LaunchPermissions = []LaunchPermission{}
		for _, id := range im.LaunchPermissions {
			out.LaunchPermissions = append(out.LaunchPermissions, LaunchPermission{UserId: id})
		}
		for _, arn := range im.LaunchOrgs {
			if strings.Contains(arn, ":ou/") {
				out.LaunchPermissions = append(out.LaunchPermissions, LaunchPermission{OrganizationalUnitArn: arn})
			} else {
				out.LaunchPermissions = append(out.LaunchPermissions, LaunchPermission{OrganizationArn: arn})
			}
		}
		if im.Public {
			out.LaunchPermissions = append(out.LaunchPermissions, LaunchPermission{Group: groupAll})
		}
	case imgAttrProductCodes:
		out.ProductCodes = productCodes(im.ProductCode)
	case imgAttrBlockDevices:
		out.BlockDeviceMappings = []BlockDeviceMapping{}
		for _, b := range im.BlockDevices {
			m := BlockDeviceMapping{DeviceName: b.DeviceName, VirtualName: b.VirtualName}
			if b.SnapshotID != "" {
				enc, dot := b.Encrypted, b.DeleteOnTermination
				m.Ebs = &EbsBlockDevice{SnapshotId: b.SnapshotID, VolumeSize: b.VolumeSize, VolumeType: b.VolumeType, Iops: b.IOPS,
					Throughput: b.Throughput, Encrypted: &enc, DeleteOnTermination: &dot}
			}
			out.BlockDeviceMappings = append(out.BlockDeviceMappings, m)
		}
	case imgAttrSriov:
		out.SriovNetSupport = &AttributeValue{"simple"}
	case imgAttrBootMode:
		out.BootMode = &AttributeValue{}
	}
	return out, nil
}

// groupAll is the one launch-permission and create-volume-permission group:
// everyone.
const groupAll = "all"

// Snapshot attribute names, as Describe/ModifySnapshotAttribute spell them.
const (
	snapAttrCreateVolumePermission = "createVolumePermission"
	snapAttrProductCodes           = "productCodes"
)

// CreateVolumePermission names an account (UserId) or the group "all".
type CreateVolumePermission struct {
	UserId string `yaml:"UserId" json:"UserId,omitempty"`
	Group  string `yaml:"Group" json:"Group,omitempty"`
}

// CreateVolumePermissionChange adds and removes create-volume permissions.
type CreateVolumePermissionChange struct {
	Add    []CreateVolumePermission `yaml:"Add" json:"Add,omitempty"`
	Remove []CreateVolumePermission `yaml:"Remove" json:"Remove,omitempty"`
}

// ModifySnapshotAttributeInput is the ModifySnapshotAttribute request:
// CreateVolumePermission {Add, Remove}, or OperationType with UserIds, as
// the API takes either (the group all only through CreateVolumePermission).
type ModifySnapshotAttributeInput struct {
	SnapshotId             string                        `yaml:"SnapshotId" json:"SnapshotId"`
	Attribute              string                        `yaml:"Attribute" json:"Attribute,omitempty"`
	CreateVolumePermission *CreateVolumePermissionChange `yaml:"CreateVolumePermission" json:"CreateVolumePermission,omitempty"`
	OperationType          string                        `yaml:"OperationType" json:"OperationType,omitempty"`
	UserIds                []string                      `yaml:"UserIds" json:"UserIds,omitempty"`
	DryRun                 bool                          `yaml:"DryRun" json:"DryRun,omitempty"`
}

// ModifySnapshotAttribute shares a snapshot's data with other accounts
// (createVolumePermission): they may then create volumes from it and copy
// it, and copy an AMI it backs. Sharing an AMI does not do this; its owner
// shares the snapshots too (S21, "Share an AMI"; S17: copying a shared AMI
// needs read access to its snapshots). All or nothing, like
// ModifyImageAttribute; only the owner may call it. An encrypted snapshot
// cannot be made public, and one encrypted with the AWS managed key cannot
// be shared at all.
func (w *World) ModifySnapshotAttribute(c Caller, in ModifySnapshotAttributeInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifySnapshotAttribute", c, w.resolve(in.SnapshotId), err, "") }()
	if err != nil {
		return err
	}
	s, err := w.ownSnapshot(c, in.SnapshotId, "modify")
	if err != nil {
		return err
	}
	if in.Attribute != "" && in.Attribute != snapAttrCreateVolumePermission {
		return errf(InvalidParameterValue, "Value (%s) for parameter attribute is invalid. Only createVolumePermission can be modified.", in.Attribute)
	}
	var add, remove []CreateVolumePermission
	if p := in.CreateVolumePermission; p != nil {
		add, remove = p.Add, p.Remove
	}
	var ops []CreateVolumePermission
	for _, u := range in.UserIds {
		ops = append(ops, CreateVolumePermission{UserId: u})
	}
	add, remove, err = withOperation(add, remove, ops, in.OperationType, "The request must contain the parameter operationType")
	if err != nil {
		return err
	}
	if len(add)+len(remove) == 0 {
		return errf(MissingParameter, "The request must contain the parameter createVolumePermission")
	}
	resolve := func(p CreateVolumePermission) (string, error) {
		switch {
		case p.Group == groupAll && p.UserId == "":
			return groupAll, nil
		case p.Group != "":
			return "", errf(InvalidParameterValue, "Invalid value '%s' for Group (the only group is \"all\")", p.Group)
		}
		id := cmp.Or(w.AccountID(p.UserId), p.UserId)
		if !isAccountID(id) {
			return "", errf(InvalidParameterValue, "Invalid value '%s' for UserId: an AWS account ID is 12 digits", p.UserId)
		}
		return id, nil
	}
	var addIDs, removeIDs []string
	for _, p := range add {
		id, err := resolve(p)
		if err != nil {
			return err
		}
		if s.Encrypted && id == groupAll {
			return errf(UnsupportedOperation, "Encrypted snapshot %s cannot be made public: share it with specific accounts and grant them its KMS key.", s.ID)
		}
		if k := w.keys[s.KMSKeyID]; s.Encrypted && k != nil && k.AWSManaged {
			return errf(InvalidParameter, "Snapshot %s is encrypted with the AWS managed key (alias/aws/ebs), which cannot be shared: copy it with a customer managed key first.", s.ID)
		}
		addIDs = append(addIDs, id)
	}
	for _, p := range remove {
		id, err := resolve(p)
		if err != nil {
			return err
		}
		removeIDs = append(removeIDs, id)
	}
	if in.DryRun {
		return dryRun()
	}
	for _, id := range addIDs {
		if !slices.Contains(s.CreateVolumePermissions, id) {
			s.CreateVolumePermissions = append(s.CreateVolumePermissions, id)
		}
	}
	for _, id := range removeIDs {
		s.CreateVolumePermissions = slices.DeleteFunc(s.CreateVolumePermissions, func(x string) bool { return x == id })
	}
	return nil
}

// DescribeSnapshotAttributeInput is the DescribeSnapshotAttribute request.
type DescribeSnapshotAttributeInput struct {
	SnapshotId string `yaml:"SnapshotId" json:"SnapshotId"`
	Attribute  string `yaml:"Attribute" json:"Attribute"`
}

// SnapshotAttribute answers DescribeSnapshotAttribute: SnapshotId and the
// one attribute asked for, an empty list rather than nil when there is
// nothing in it; the other is nil.
type SnapshotAttribute struct {
	SnapshotId              string
	CreateVolumePermissions []CreateVolumePermission
	ProductCodes            []ProductCode
}

// DescribeSnapshotAttribute answers one attribute of a snapshot the caller
// owns: the accounts (and the group all) that may create volumes from it,
// or its product codes.
func (w *World) DescribeSnapshotAttribute(c Caller, in DescribeSnapshotAttributeInput) (out SnapshotAttribute, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DescribeSnapshotAttribute", c, out.SnapshotId, err, in.Attribute) }()
	if err != nil {
		return out, err
	}
	if in.Attribute == "" {
		return out, errf(MissingParameter, "The request must contain the parameter attribute")
	}
	if in.Attribute != snapAttrCreateVolumePermission && in.Attribute != snapAttrProductCodes {
		return out, errf(InvalidParameterValue, "Value (%s) for parameter attribute is invalid. Valid values: createVolumePermission, productCodes", in.Attribute)
	}
	s, err := w.snapshotFor(c, in.SnapshotId, c.Region)
	if err != nil {
		return out, err
	}
	if s.Owner != c.Account {
		return out, errf(AuthFailure, "You are not authorized to read the attributes of snapshot %s.", s.ID)
	}
	out.SnapshotId = s.ID
	if in.Attribute == snapAttrProductCodes {
		out.ProductCodes = productCodes("")
	}
	if in.Attribute == snapAttrCreateVolumePermission {
		out.CreateVolumePermissions = []CreateVolumePermission{}
		for _, id := range s.CreateVolumePermissions {
			if id == groupAll {
				out.CreateVolumePermissions = append(out.CreateVolumePermissions, CreateVolumePermission{Group: groupAll})
			} else {
				out.CreateVolumePermissions = append(out.CreateVolumePermissions, CreateVolumePermission{UserId: id})
			}
		}
	}
	return out, nil
}
