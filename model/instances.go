package model

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/sim"
)

// RunInstancesInput is the RunInstances request, with the API's parameter
// names. Names of resources may be scenario names as well as IDs.
type RunInstancesInput struct {
	ImageId                           string                 `yaml:"ImageId" json:"ImageId,omitempty"`
	InstanceType                      string                 `yaml:"InstanceType" json:"InstanceType,omitempty"`
	MinCount                          int                    `yaml:"MinCount" json:"MinCount,omitempty"`
	MaxCount                          int                    `yaml:"MaxCount" json:"MaxCount,omitempty"`
	KeyName                           string                 `yaml:"KeyName" json:"KeyName,omitempty"`
	SecurityGroupIds                  []string               `yaml:"SecurityGroupIds" json:"SecurityGroupIds,omitempty"`
	SecurityGroups                    []string               `yaml:"SecurityGroups" json:"SecurityGroups,omitempty"`
	SubnetId                          string                 `yaml:"SubnetId" json:"SubnetId,omitempty"`
	Placement                         *Placement             `yaml:"Placement" json:"Placement,omitempty"`
	BlockDeviceMappings               []BlockDeviceMapping   `yaml:"BlockDeviceMappings" json:"BlockDeviceMappings,omitempty"`
	TagSpecifications                 []TagSpecification     `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	UserData                          string                 `yaml:"UserData" json:"UserData,omitempty"`
	HibernationOptions                *HibernationOptions    `yaml:"HibernationOptions" json:"HibernationOptions,omitempty"`
	InstanceMarketOptions             *InstanceMarketOptions `yaml:"InstanceMarketOptions" json:"InstanceMarketOptions,omitempty"`
	DisableApiTermination             bool                   `yaml:"DisableApiTermination" json:"DisableApiTermination,omitempty"`
	DisableApiStop                    bool                   `yaml:"DisableApiStop" json:"DisableApiStop,omitempty"`
	InstanceInitiatedShutdownBehavior string                 `yaml:"InstanceInitiatedShutdownBehavior" json:"InstanceInitiatedShutdownBehavior,omitempty"`
	NetworkInterfaces                 []NetworkInterfaceSpec `yaml:"NetworkInterfaces" json:"NetworkInterfaces,omitempty"`
	EbsOptimized                      bool                   `yaml:"EbsOptimized" json:"EbsOptimized,omitempty"`
	DryRun                            bool                   `yaml:"DryRun" json:"DryRun,omitempty"`
	// LaunchTemplate launches from a template version; the other
	// parameters given override the template's (launchtemplates.go).
	LaunchTemplate *LaunchTemplateSpecification `yaml:"LaunchTemplate" json:"LaunchTemplate,omitempty"`

	// Metadata options and Capacity Reservations (metadata.go,
	// capacityreservations.go).
	MetadataOptions                  *InstanceMetadataOptionsRequest   `yaml:"MetadataOptions" json:"MetadataOptions,omitempty"`
	CapacityReservationSpecification *CapacityReservationSpecification `yaml:"CapacityReservationSpecification" json:"CapacityReservationSpecification,omitempty"`
}

// Placement chooses the Availability Zone, and the placement group and
// tenancy (placement.go, purchasing.go).
type Placement struct {
	AvailabilityZone string `yaml:"AvailabilityZone" json:"AvailabilityZone,omitempty"`
	GroupName        string `yaml:"GroupName" json:"GroupName,omitempty"`
	GroupId          string `yaml:"GroupId" json:"GroupId,omitempty"`
	PartitionNumber  int    `yaml:"PartitionNumber" json:"PartitionNumber,omitempty"`
	Tenancy          string `yaml:"Tenancy" json:"Tenancy,omitempty"`
}

// HibernationOptions enables hibernation at launch (it cannot be enabled later).
type HibernationOptions struct {
	Configured bool `yaml:"Configured" json:"Configured"`
}

// InstanceMarketOptions requests Spot capacity.
type InstanceMarketOptions struct {
	MarketType  string       `yaml:"MarketType" json:"MarketType,omitempty"`
	SpotOptions *SpotOptions `yaml:"SpotOptions" json:"SpotOptions,omitempty"`
}

// SpotOptions are the Spot request settings.
type SpotOptions struct {
	SpotInstanceType             string `yaml:"SpotInstanceType" json:"SpotInstanceType,omitempty"`
	InstanceInterruptionBehavior string `yaml:"InstanceInterruptionBehavior" json:"InstanceInterruptionBehavior,omitempty"`
}

// NetworkInterfaceSpec is the part of a launch network interface the model uses.
type NetworkInterfaceSpec struct {
	DeviceIndex              int   `yaml:"DeviceIndex" json:"DeviceIndex"`
	AssociatePublicIpAddress *bool `yaml:"AssociatePublicIpAddress" json:"AssociatePublicIpAddress,omitempty"`
}

// TagSpecification tags resources as they are created.
type TagSpecification struct {
	ResourceType string `yaml:"ResourceType" json:"ResourceType,omitempty"`
	Tags         []Tag  `yaml:"Tags" json:"Tags,omitempty"`
}

// BlockDeviceMapping is one launch or image block device mapping entry.
type BlockDeviceMapping struct {
	DeviceName  string          `yaml:"DeviceName" json:"DeviceName,omitempty"`
	VirtualName string          `yaml:"VirtualName" json:"VirtualName,omitempty"`
	NoDevice    *string         `yaml:"NoDevice" json:"NoDevice,omitempty"`
	Ebs         *EbsBlockDevice `yaml:"Ebs" json:"Ebs,omitempty"`
}

// EbsBlockDevice describes an EBS volume in a mapping.
type EbsBlockDevice struct {
	SnapshotId          string `yaml:"SnapshotId" json:"SnapshotId,omitempty"`
	VolumeSize          int    `yaml:"VolumeSize" json:"VolumeSize,omitempty"`
	VolumeType          string `yaml:"VolumeType" json:"VolumeType,omitempty"`
	Iops                int    `yaml:"Iops" json:"Iops,omitempty"`
	Throughput          int    `yaml:"Throughput" json:"Throughput,omitempty"`
	Encrypted           *bool  `yaml:"Encrypted" json:"Encrypted,omitempty"`
	KmsKeyId            string `yaml:"KmsKeyId" json:"KmsKeyId,omitempty"`
	DeleteOnTermination *bool  `yaml:"DeleteOnTermination" json:"DeleteOnTermination,omitempty"`
}

// InstanceIDsInput is the request of the actions that take a list of instances.
type InstanceIDsInput struct {
	InstanceIds []string `yaml:"InstanceIds" json:"InstanceIds"`
	DryRun      bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// StopInstancesInput is the StopInstances request.
type StopInstancesInput struct {
	InstanceIds []string `yaml:"InstanceIds" json:"InstanceIds"`
	Hibernate   bool     `yaml:"Hibernate" json:"Hibernate,omitempty"`
	Force       bool     `yaml:"Force" json:"Force,omitempty"`
	DryRun      bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// StateChange is one instance's state before and after a call.
type StateChange struct {
	InstanceId    string        `json:"InstanceId"`
	PreviousState InstanceState `json:"PreviousState"`
	CurrentState  InstanceState `json:"CurrentState"`
}

// InstancesOutput answers the lifecycle actions.
type InstancesOutput struct {
	Instances []StateChange `json:"Instances"`
}

// Created lists the IDs the call created (for scenario names).
func (o InstancesOutput) Created() []string {
	ids := make([]string, len(o.Instances))
	for i, s := range o.Instances {
		ids[i] = s.InstanceId
	}
	return ids
}

// dryRun is the answer to a call with DryRun: true that passed every check.
func dryRun() error { return fixedError(DryRunOperation) }

// RunInstances launches instances from an AMI. Every check happens before
// anything is created, so a failed call leaves the world as it was.
func (w *World) RunInstances(c Caller, in RunInstancesInput) (out InstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RunInstances", c, firstID(out.Created()), err, launchMsg(out)) }()
	if err != nil {
		return out, err
	}
	// Planning an encrypted volume may create the account's AWS managed EBS
	// key (alias/aws/ebs, made on first use); a refused launch must not
	// leave it behind.
	awsKey := keyID(c.Account, c.Region, "alias/aws/ebs")
	_, hadKey := w.keys[awsKey]
	in, err = w.fromTemplate(c, in)
	if err != nil {
		return out, err
	}
	p, err := w.planLaunch(c, in)
	if err == nil && in.DryRun {
		err = dryRun()
	}
	if err != nil {
		if !hadKey {
			delete(w.keys, awsKey)
		}
		return out, err
	}
	w.azNext[c.Region] = p.azNext
	for i := 0; i < p.count; i++ {
		inst := w.launchOne(c, p)
		out.Instances = append(out.Instances, StateChange{inst.ID, "", Pending})
	}
	return out, nil
}

func launchMsg(o InstancesOutput) string {
	if len(o.Instances) <= 1 {
		return ""
	}
	return fmt.Sprintf("launched %d instances", len(o.Instances))
}

func firstID(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// launchPlan is a checked RunInstances request.
type launchPlan struct {
	in       RunInstancesInput
	image    *Image
	itype    *InstanceTypeInfo
	az       string
	azNext   int // the round-robin cursor after this launch, committed only if it goes ahead
	count    int
	devices  []plannedDevice
	publicIP bool
	failWith StateReason // launch passes the API checks but the instance will not boot
	groups   []string    // the instances' security groups, worked out at the first

	placed placed // placement group, tenancy, reservation and metadata options (placement.go)
}

type plannedDevice struct {
	name        string
	virtualName string
	ebs         bool
	root        bool
	snapshot    *Snapshot
	size        int
	volType     string
	iops        int
	throughput  int
	encrypted   bool
	kmsKey      string
	dot         bool
	isSize      int // instance-store disk size, GB
}

func (w *World) planLaunch(c Caller, in RunInstancesInput) (*launchPlan, error) {
	p := &launchPlan{in: in}
	// Both counts are required by the API; a scenario may give either and
	// the other follows (MinCount 1, MaxCount = MinCount).
	if in.MinCount == 0 && in.MaxCount >= 0 {
		in.MinCount = 1
	}
	if in.MaxCount == 0 {
		in.MaxCount = in.MinCount
	}
	switch {
	case in.MinCount < 1 || in.MaxCount < 1:
		return nil, errf(InvalidParameterValue, "MinCount and MaxCount must be at least 1 (got %d and %d)", in.MinCount, in.MaxCount)
	case in.MinCount > in.MaxCount:
		return nil, errf(InvalidParameterValue, "MinCount (%d) cannot be greater than MaxCount (%d)", in.MinCount, in.MaxCount)
	case in.MaxCount > w.quotas.MaxCount:
		return nil, errf(InvalidParameterValue, "MaxCount %d is above the limit of %d instances per RunInstances call in this simulation", in.MaxCount, w.quotas.MaxCount)
	}
	if in.ImageId == "" {
		return nil, errf(MissingParameter, "The request must contain the parameter ImageId")
	}
	im, err := w.launchableImage(c, in.ImageId)
	if err != nil {
		return nil, err
	}
	p.image = im
	if in.InstanceType == "" {
		in.InstanceType = "m1.small" // the API's documented default
	}
	t, ok := w.cat.InstanceType(in.InstanceType)
	if !ok {
		return nil, errf(InvalidParameterValue, "Invalid value '%s' for InstanceType.%s", in.InstanceType, suggest(in.InstanceType, w.cat.InstanceTypeNames()))
	}
	p.itype = t
	if im.RootDeviceType == RootInstanceStore && !t.InstanceStoreRoot {
		return nil, errf(UnsupportedOperation, "Instance type %s cannot boot instance-store-backed AMI %s: only some previous-generation types (such as m1.small, m3.medium, c3.large) can; Nitro-based types boot from EBS only.", t.Name, im.ID)
	}
	if !slices.Contains(t.Arch, im.Arch) {
		return nil, errf(InvalidParameterValue, "The architecture '%s' of the specified instance type does not match the architecture '%s' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.", strings.Join(t.Arch, "/"), im.Arch)
	}
	virt := im.Virtualization
	if virt == "" {
		virt = "hvm"
	}
	if !slices.Contains(t.Virtualization, virt) {
		return nil, errf(Unsupported, "The requested configuration is currently not supported: instance type %s does not support %s AMIs.", t.Name, virt)
	}
	pl := in.Placement
	if in.SubnetId != "" {
		// A default subnet is one zone's: choosing it chooses the zone.
		az, err := w.subnetAZ(c, in.SubnetId)
		if err != nil {
			return nil, err
		}
		pl = &Placement{AvailabilityZone: az}
	}
	if pl, err = w.preparePlacement(c, in, pl); err != nil {
		return nil, err
	}
	if err := w.pickAZ(c, pl, p); err != nil {
		return nil, err
	}
	if in.KeyName != "" {
		if _, ok := w.keyPairs[keyPairKey(c.Account, c.Region, in.KeyName)]; !ok {
			return nil, errf(InvalidKeyPairNotFound, "The key pair '%s' does not exist", in.KeyName)
		}
	}
	if _, err := w.launchGroups(c, in); err != nil {
		return nil, err
	}
	if err := w.planDevices(c, in, p); err != nil {
		return nil, err
	}
	if err := checkTagSpecs(in.TagSpecifications, resInstance, resInstance, resVolume, resNetworkInterface, resSpotRequest); err != nil {
		return nil, err
	}
	if h := in.HibernationOptions; h != nil && h.Configured {
		root := p.devices[0]
		switch {
		case im.RootDeviceType != RootEBS:
			return nil, errf(UnsupportedHibernationConfiguration, "Hibernation needs an EBS root volume; %s is instance-store-backed.", im.ID)
		case !root.encrypted:
			return nil, errf(UnsupportedHibernationConfiguration, "Hibernation needs an encrypted root volume: set Encrypted: true on the root device mapping.")
		case t.MemoryGiB >= 150:
			return nil, errf(UnsupportedHibernationConfiguration, "Hibernation needs less than 150 GiB of memory; %s has %g GiB.", t.Name, t.MemoryGiB)
		case root.snapshot != nil && float64(root.size) < float64(root.snapshot.DataGiB)+t.MemoryGiB:
			return nil, errf(UnsupportedHibernationConfiguration, "The root volume (%d GiB) must hold the operating system (%d GiB) and all of RAM (%g GiB) to hibernate: make it at least %d GiB.",
				root.size, root.snapshot.DataGiB, t.MemoryGiB, root.snapshot.DataGiB+int(math.Ceil(t.MemoryGiB)))
		}
	}
	if m := in.InstanceMarketOptions; m != nil {
		if m.MarketType != "spot" {
			return nil, errf(InvalidParameterValue, "Invalid value '%s' for MarketType (valid: spot)", m.MarketType)
		}
		if so := m.SpotOptions; so != nil {
			switch so.SpotInstanceType {
			case "", SpotOneTime, SpotPersistent:
			default:
				return nil, errf(InvalidParameterValue, "Invalid value '%s' for SpotInstanceType (valid: one-time, persistent)", so.SpotInstanceType)
			}
			switch so.InstanceInterruptionBehavior {
			case "", "terminate":
			case "stop", "hibernate":
				if so.SpotInstanceType != SpotPersistent {
					return nil, errf(InvalidParameterCombination, "InstanceInterruptionBehavior %q needs SpotInstanceType \"persistent\".", so.InstanceInterruptionBehavior)
				}
				if im.RootDeviceType != RootEBS {
					return nil, errf(InvalidParameterCombination, "InstanceInterruptionBehavior %q needs an EBS-backed AMI: %s is instance-store-backed, and such instances cannot be stopped or hibernated, only terminated.", so.InstanceInterruptionBehavior, im.ID)
				}
			default:
				return nil, errf(InvalidParameterValue, "Invalid value '%s' for InstanceInterruptionBehavior (valid: terminate, stop, hibernate)", so.InstanceInterruptionBehavior)
			}
		}
	}
	switch in.InstanceInitiatedShutdownBehavior {
	case "", "stop", "terminate":
	default:
		return nil, errf(InvalidParameterValue, "Invalid value '%s' for InstanceInitiatedShutdownBehavior (valid: stop, terminate)", in.InstanceInitiatedShutdownBehavior)
	}
	used := w.vcpusInUse(c.Account, c.Region)
	fit := (w.quotas.VCPUs - used) / t.VCPU
	if fit < in.MinCount {
		return nil, errf(VcpuLimitExceeded, "You have requested more vCPU capacity than your current vCPU limit of %d allows for the instance bucket that the specified instance type belongs to (%d in use, %d requested). Request a quota increase or launch fewer instances.", w.quotas.VCPUs, used, in.MinCount*t.VCPU)
	}
	p.count = min(in.MaxCount, fit)
	p.publicIP = true
	for _, ni := range in.NetworkInterfaces {
		if ni.DeviceIndex == 0 && ni.AssociatePublicIpAddress != nil {
			p.publicIP = *ni.AssociatePublicIpAddress
		}
	}
	for _, d := range p.devices {
		if d.snapshot != nil && d.snapshot.Encrypted && !w.canUseKey(c.Account, d.snapshot.KMSKeyID) {
			p.failWith = kmsLaunchFailure(d.snapshot.KMSKeyID, d.snapshot.ID)
		}
	}
	if err := w.checkPlacement(c, in, p); err != nil {
		return nil, err
	}
	p.in = in
	return p, nil
}

// launchableImage finds an image the caller may launch in the caller's region.
func (w *World) launchableImage(c Caller, ref string) (*Image, error) {
	id := w.resolveImage(ref, c.Region)
	if !validID(id, "ami") {
		return nil, errf(InvalidAMIIDMalformed, "Invalid id: \"%s\" (expecting \"ami-...\")%s", ref, suggestAlias(w.cat, ref))
	}
	im, ok := w.images[id]
	if ok && im.Gone {
		ok = false
	}
	if !ok || im.Region != c.Region {
		where := ""
		if ok {
			where = fmt.Sprintf(". AMIs are regional: %s exists in %s; copy it to %s with CopyImage first", id, im.Region, c.Region)
		}
		return nil, errf(InvalidAMIIDNotFound, "The image id '[%s]' does not exist%s", id, where)
	}
	switch im.State {
	case ImageAvailable:
	case ImagePending:
		return nil, errf(InvalidAMIIDUnavailable, "AMI '%s' is pending, and cannot be run", id)
	default:
		return nil, errf(InvalidAMIIDUnavailable, "AMI '%s' is %s and can no longer launch instances", id, im.State)
	}
	if !w.canLaunch(c.Account, im) {
		return nil, errf(AuthFailure, "Not authorized for images: [%s]", id)
	}
	return im, nil
}

func suggestAlias(cat *Catalog, ref string) string {
	var aliases []string
	for _, im := range cat.Images {
		aliases = append(aliases, im.Alias)
	}
	if s := Suggest(ref, aliases); s != "" {
		return fmt.Sprintf(" (did you mean the public image %q?)", s)
	}
	return ""
}

func (w *World) canLaunch(account string, im *Image) bool {
	if im.Owner == account || im.Public || slices.Contains(im.LaunchPermissions, account) {
		return true
	}
	if len(im.LaunchOrgs) == 0 {
		return false
	}
	a, ok := w.account(account)
	return ok && (a.OrganizationArn != "" && slices.Contains(im.LaunchOrgs, a.OrganizationArn) ||
		a.OrganizationalUnitArn != "" && slices.Contains(im.LaunchOrgs, a.OrganizationalUnitArn))
}

func validID(id, prefix string) bool {
	hex, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || (len(hex) != 8 && len(hex) != 17) {
		return false
	}
	for i := range len(hex) {
		if c := hex[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func (w *World) pickAZ(c Caller, pl *Placement, p *launchPlan) error {
	r, _ := w.cat.Region(c.Region)
	p.azNext = w.azNext[c.Region]
	if pl != nil && pl.AvailabilityZone != "" {
		if !slices.Contains(r.AZs, pl.AvailabilityZone) {
			return errf(InvalidParameterValue, "Invalid availability zone: [%s] (zones of %s: %s)", pl.AvailabilityZone, c.Region, strings.Join(r.AZs, ", "))
		}
		p.az = pl.AvailabilityZone
	} else {
		// Round-robin over the zones that are not impaired, as the default
		// subnets spread launches.
		for range r.AZs {
			az := r.AZs[p.azNext%len(r.AZs)]
			p.azNext++
			if !w.impairedAZ[az] {
				p.az = az
				break
			}
		}
		if p.az == "" {
			p.az = r.AZs[0]
		}
	}
	if w.impairedAZ[p.az] {
		return errf(InsufficientInstanceCapacity, "We currently do not have sufficient %s capacity in the Availability Zone you requested (%s). Our system will be working on provisioning additional capacity. You can currently get %s capacity by not specifying an Availability Zone in your request or choosing another zone.", p.itype.Name, p.az, p.itype.Name)
	}
	return nil
}

func (w *World) launchGroups(c Caller, in RunInstancesInput) ([]string, error) {
	var ids []string
	for _, ref := range in.SecurityGroupIds {
		id := w.resolve(ref)
		g, ok := w.groups[id]
		if !ok || g.Region != c.Region || g.Owner != c.Account {
			return nil, errf(InvalidGroupNotFound, "The security group '%s' does not exist", ref)
		}
		ids = append(ids, id)
	}
	for _, name := range in.SecurityGroups {
		g := w.groupByName(c.Account, c.Region, name)
		if g == nil {
			return nil, errf(InvalidGroupNotFound, "The security group '%s' does not exist in default VPC", name)
		}
		ids = append(ids, g.ID)
	}
	if len(ids) == 0 {
		ids = append(ids, w.groupByName(c.Account, c.Region, "default").ID)
	}
	return ids, nil
}

// planDevices merges the AMI's block device mapping with the launch's.
func (w *World) planDevices(c Caller, in RunInstancesInput, p *launchPlan) error {
	im, t := p.image, p.itype
	var devs []plannedDevice
	for _, b := range im.BlockDevices {
		d := plannedDevice{name: b.DeviceName, virtualName: b.VirtualName, root: b.DeviceName == im.RootDeviceName}
		if b.SnapshotID != "" {
			snap := w.snapshots[b.SnapshotID]
			d.ebs, d.snapshot = true, snap
			d.size, d.volType, d.iops, d.throughput = b.VolumeSize, b.VolumeType, b.IOPS, b.Throughput
			d.encrypted, d.dot = b.Encrypted, b.DeleteOnTermination
			if snap != nil {
				d.kmsKey = snap.KMSKeyID
			}
		} else if b.VirtualName == "" && d.root && im.RootDeviceType == RootInstanceStore {
			d.isSize = b.VolumeSize
		}
		devs = append(devs, d)
	}
	for i, m := range in.BlockDeviceMappings {
		if m.DeviceName == "" {
			return errf(InvalidBlockDeviceMapping, "BlockDeviceMappings[%d]: DeviceName is required", i)
		}
		at := slices.IndexFunc(devs, func(d plannedDevice) bool { return d.name == m.DeviceName })
		if m.NoDevice != nil {
			if at >= 0 && devs[at].root {
				return errf(InvalidBlockDeviceMapping, "The root device %s cannot be suppressed with NoDevice", m.DeviceName)
			}
			if at >= 0 {
				devs = slices.Delete(devs, at, at+1)
			}
			continue
		}
		if m.VirtualName != "" {
			if at < 0 {
				devs = append(devs, plannedDevice{name: m.DeviceName, virtualName: m.VirtualName})
			}
			continue
		}
		if m.Ebs == nil {
			// AWS's answer to a mapping that names only a device.
			return errf(MissingParameter, "The request must contain the parameter ebs")
		}
		var d plannedDevice
		if at >= 0 {
			d = devs[at]
			if !d.ebs {
				return errf(InvalidBlockDeviceMapping, "%s is an instance-store device in the AMI; it cannot become EBS at launch", m.DeviceName)
			}
		} else {
			d = plannedDevice{name: m.DeviceName, ebs: true, dot: true, volType: "gp2"}
		}
		e := m.Ebs
		if e.SnapshotId != "" {
			id := w.resolve(e.SnapshotId)
			s, ok := w.snapshots[id]
			if !ok || s.Region != c.Region {
				return errf(InvalidSnapshotNotFound, "The snapshot '%s' does not exist.", e.SnapshotId)
			}
			d.snapshot, d.kmsKey, d.encrypted = s, s.KMSKeyID, s.Encrypted
			if d.size == 0 {
				d.size = s.VolumeSize
			}
		}
		if e.VolumeSize != 0 {
			d.size = e.VolumeSize
		}
		if e.VolumeType != "" {
			d.volType = e.VolumeType
		}
		if e.Iops != 0 {
			d.iops = e.Iops
		}
		if e.Throughput != 0 {
			d.throughput = e.Throughput
		}
		if e.DeleteOnTermination != nil {
			d.dot = *e.DeleteOnTermination
		}
		if e.Encrypted != nil {
			if !*e.Encrypted && d.encrypted {
				return errf(InvalidBlockDeviceMapping, "%s: the snapshot is encrypted, so the volume must be encrypted too", m.DeviceName)
			}
			d.encrypted = *e.Encrypted
		}
		if e.KmsKeyId != "" {
			if !d.encrypted {
				return errf(InvalidParameterDependency, "%s: The parameter KmsKeyId requires the parameter Encrypted to be set.", m.DeviceName)
			}
			k, err := w.findKey(c.Account, c.Region, e.KmsKeyId)
			if err != nil {
				return err
			}
			d.kmsKey = k.ID
		}
		if d.size == 0 {
			return errf(InvalidBlockDeviceMapping, "%s: VolumeSize is required for a volume without a snapshot", m.DeviceName)
		}
		if at >= 0 {
			devs[at] = d
		} else {
			devs = append(devs, d)
		}
	}
	for i := range devs {
		d := &devs[i]
		if !d.ebs {
			continue
		}
		if d.snapshot != nil && d.size < d.snapshot.VolumeSize {
			return errf(InvalidBlockDeviceMapping, "Volume of size %dGB is smaller than snapshot '%s', expect size >= %dGB", d.size, d.snapshot.ID, d.snapshot.VolumeSize)
		}
		if err := checkVolumeSpec(d.volType, d.size, d.iops, d.throughput, d.root); err != nil {
			return err
		}
		if w.encryptsByDefault(c) { // encryption.go
			d.encrypted = true
		}
		if d.encrypted && d.kmsKey == "" {
			d.kmsKey = w.ebsDefaultKeyID(c)
		}
	}
	// Instance-store disks: NVMe types attach all of theirs automatically;
	// previous-generation types only those the mapping names, and extra
	// ephemeral mappings beyond the type's disks are ignored, as on AWS.
	n := 0
	kept := devs[:0]
	for _, d := range devs {
		if d.virtualName == "" {
			kept = append(kept, d)
			continue
		}
		idx := -1
		fmt.Sscanf(d.virtualName, "ephemeral%d", &idx)
		if idx < 0 || idx >= len(t.InstanceStoreGB) || !t.InstanceStoreRoot {
			continue
		}
		d.isSize = t.InstanceStoreGB[idx]
		kept = append(kept, d)
		n++
	}
	devs = kept
	if !t.InstanceStoreRoot {
		for i, gb := range t.InstanceStoreGB {
			devs = append(devs, plannedDevice{name: fmt.Sprintf("/dev/nvme%dn1", i+1), virtualName: fmt.Sprintf("ephemeral%d", i), isSize: gb})
		}
	}
	// Root first.
	slices.SortStableFunc(devs, func(a, b plannedDevice) int {
		switch {
		case a.root && !b.root:
			return -1
		case b.root && !a.root:
			return 1
		}
		return 0
	})
	p.devices = devs
	return nil
}

// checkVolumeSpec applies the EBS volume limits of the volume constraints
// page (docs/sources.md S52) and the API reference (S3).
func checkVolumeSpec(volType string, size, iops, throughput int, boot bool) error {
	type lim struct{ min, max int }
	sizes := map[string]lim{"gp3": {1, 65536}, "gp2": {1, 16384}, "io1": {4, 16384}, "io2": {4, 65536}, "st1": {125, 16384}, "sc1": {125, 16384}, "standard": {1, 1024}}
	l, ok := sizes[volType]
	if !ok {
		return errf(InvalidParameterValue, "Invalid value '%s' for VolumeType (valid: gp3, gp2, io1, io2, st1, sc1, standard)%s", volType, suggest(volType, []string{"gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"}))
	}
	if size < l.min || size > l.max {
		return errf(InvalidParameterValue, "Volume size %d GiB is out of range for %s: the EBS limit is %d to %d GiB", size, volType, l.min, l.max)
	}
	if boot && (volType == "st1" || volType == "sc1") {
		return errf(InvalidBlockDeviceMapping, "%s volumes cannot be boot volumes", volType)
	}
	switch volType {
	case "io1", "io2":
		maxIOPS := 64000
		if volType == "io2" {
			maxIOPS = 256000
		}
		if iops == 0 {
			return errf(MissingParameter, "The parameter Iops must be specified for %s volumes.", volType)
		}
		if iops < 100 || iops > maxIOPS {
			return errf(InvalidParameterValue, "Iops %d is out of range for %s: 100 to %d", iops, volType, maxIOPS)
		}
	case "gp3":
		if iops != 0 && (iops < 3000 || iops > 80000) {
			return errf(InvalidParameterValue, "Iops %d is out of range for gp3: 3000 to 80000", iops)
		}
		if throughput != 0 && (throughput < 125 || throughput > 2000) {
			return errf(InvalidParameterValue, "Throughput %d MiB/s is out of range for gp3: 125 to 2000", throughput)
		}
	default:
		if iops != 0 {
			return errf(InvalidParameterCombination, "Iops can be set only on io1, io2 and gp3 volumes, not %s", volType)
		}
	}
	if throughput != 0 && volType != "gp3" {
		return errf(InvalidParameterCombination, "Throughput can be set only on gp3 volumes, not %s", volType)
	}
	return nil
}

// vcpusInUse counts the vCPUs of an account's pending and running
// instances in a region, which the quota limits. setState keeps the count.
func (w *World) vcpusInUse(account, region string) int {
	return w.vcpus[accountRegion{account, region}]
}

// countsTowardQuota says which states hold On-Demand vCPU quota.
func countsTowardQuota(s InstanceState) bool { return s == Pending || s == Running }

func (w *World) launchOne(c Caller, p *launchPlan) *Instance {
	in, im := p.in, p.image
	// An instance and its first block devices are one allocation: a fleet
	// launches thousands.
	alloc := new(struct {
		Instance
		devices [2]InstanceBlockDevice
	})
	inst := &alloc.Instance
	*inst = Instance{
		ID:                    w.newID("i"),
		Owner:                 c.Account,
		Region:                c.Region,
		AZ:                    p.az,
		Type:                  p.itype.Name,
		ImageID:               im.ID,
		Platform:              im.Platform,
		Arch:                  im.Arch,
		RootDeviceType:        im.RootDeviceType,
		RootDeviceName:        im.RootDeviceName,
		LaunchTime:            w.Now(),
		KeyName:               in.KeyName,
		Status:                "ok",
		DisableAPITermination: in.DisableApiTermination,
		DisableAPIStop:        in.DisableApiStop,
		ShutdownBehavior:      "stop",
		UserData:              in.UserData,
		ProductCode:           im.ProductCode,
		SoftwareFee:           im.SoftwareFee,
		ContainsSecret:        im.Secret,
		seq:                   w.nextSeq(),
		BlockDevices:          alloc.devices[:0],
	}
	if in.InstanceInitiatedShutdownBehavior != "" {
		inst.ShutdownBehavior = in.InstanceInitiatedShutdownBehavior
	}
	if p.groups == nil {
		p.groups, _ = w.launchGroups(c, in) // checked when the launch was planned
	}
	inst.SecurityGroups = p.groups // shared by the launch's instances: never changed in place
	if h := in.HibernationOptions; h != nil {
		inst.Hibernation = h.Configured
	}
	if m := in.InstanceMarketOptions; m != nil {
		inst.Spot, inst.InterruptionBehavior, inst.SpotRequestType = true, "terminate", SpotOneTime
		if m.SpotOptions != nil && m.SpotOptions.InstanceInterruptionBehavior != "" {
			inst.InterruptionBehavior = m.SpotOptions.InstanceInterruptionBehavior
		}
		if m.SpotOptions != nil && m.SpotOptions.SpotInstanceType == SpotPersistent {
			inst.SpotRequestType = SpotPersistent
		}
	}
	for _, ts := range in.TagSpecifications {
		if ts.ResourceType == "" || ts.ResourceType == resInstance {
			for _, t := range ts.Tags {
				inst.Tags.Set(t.Key, t.Value)
			}
		}
	}
	w.instances[inst.ID] = inst
	w.applyPlacement(inst, p)
	w.setState(inst, Pending, StateReason{})
	inst.StateReason = pendingReason
	for _, d := range p.devices {
		switch {
		case d.ebs:
			v := w.newVolume(VolumeInUseState, c.Account, c.Region, p.az, d.size, d.volType, d.iops, d.throughput, d.encrypted, d.kmsKey, d.snapshot)
			v.InstanceID, v.Device, v.AttachState, v.DeleteOnTermination, v.AttachTime = inst.ID, d.name, Attached, d.dot, w.Now()
			if w.traces(TraceState) {
				w.emit(TraceEvent{Kind: TraceState, Action: "volume", Resource: v.ID, Region: v.Region, AZ: v.AZ, To: VolumeInUseState,
					Message: fmt.Sprintf("%d GiB %s, attached to %s as %s, DeleteOnTermination=%t", v.SizeGiB, v.Type, inst.ID, d.name, d.dot)})
			}
			for _, ts := range in.TagSpecifications {
				if ts.ResourceType == "volume" {
					for _, t := range ts.Tags {
						v.Tags.Set(t.Key, t.Value)
					}
				}
			}
			w.bill.openVolume(v)
			inst.BlockDevices = append(inst.BlockDevices, InstanceBlockDevice{d.name, v.ID, d.dot})
		case d.root:
			// Instance-store root: the bundle is copied onto the host disk.
			inst.Ephemeral = append(inst.Ephemeral, EphemeralDisk{DeviceName: d.name, SizeGB: 10, CapacityGiB: 10, DataGiB: im.BundleGiB, Secret: im.Secret})
		default:
			inst.Ephemeral = append(inst.Ephemeral, EphemeralDisk{DeviceName: d.name, VirtualName: d.virtualName, SizeGB: d.isSize, CapacityGiB: gbToGiB(d.isSize)})
		}
	}
	r, _ := w.cat.Region(c.Region)
	inst.VpcID, inst.SubnetID = w.defaultNetwork(c.Account, c.Region, p.az)
	inst.PrivateIP = w.privateIP(r, p.az, inst.seq)
	inst.AutoPublicIP = p.publicIP
	if p.publicIP {
		w.assignPublicIP(inst)
	}
	if !p.failWith.IsZero() {
		inst.next = w.eng.After(w.sample("volume/create"), event{kind: evLaunchFailed, id: inst.ID})
		inst.launchFailure = p.failWith
		return inst
	}
	inst.next = w.after(w.bootTime(inst), evBooted, inst.ID)
	return inst
}

func (w *World) bootTime(inst *Instance) sim.Time {
	return w.cat.bootDist(inst.RootDeviceType, inst.Platform).Sample(w.timeRand)
}

func (w *World) assignPublicIP(inst *Instance) {
	if w.holdsAddress(inst) {
		return // an Elastic IP stays through stop and start
	}
	u := w.idRand.Uint64()
	inst.PublicIP = publicIPv4(u)
	w.bill.openIPv4(inst)
}

func (w *World) releasePublicIP(inst *Instance) {
	if inst.PublicIP == "" || w.holdsAddress(inst) {
		return
	}
	w.bill.closeIPv4(inst)
	inst.PublicIP = ""
}

// setState moves an instance along a lifecycle edge and meters compute:
// only time in running is billed. A reason, when given, becomes the
// instance's StateReason.
func (w *World) setState(inst *Instance, to InstanceState, reason StateReason) {
	from := inst.State
	if from == to {
		return
	}
	if from != "" && !IsEdge(inst.RootDeviceType, from, to) {
		panic(fmt.Sprintf("model: %s %s → %s is not a lifecycle edge", inst.ID, from, to))
	}
	// Only running is billed, except that a hibernating instance is billed
	// while it is stopping too: it is writing RAM to its root volume.
	if from == Running && (to != Stopping || !inst.Hibernating) || from == Stopping && inst.Hibernating {
		w.closeInstanceCompute(inst)
	}
	if q, was := countsTowardQuota(to), countsTowardQuota(from); q != was {
		t, _ := w.cat.InstanceType(inst.Type)
		if q {
			w.vcpus[accountRegion{inst.Owner, inst.Region}] += t.VCPU
		} else {
			w.vcpus[accountRegion{inst.Owner, inst.Region}] -= t.VCPU
		}
	}
	inst.State, inst.StateSince = to, w.Now()
	if to == Running {
		inst.RunningSince = w.Now()
		w.openInstanceCompute(inst)
	}
	if !reason.IsZero() {
		inst.StateReason = reason
	}
	w.emit(TraceEvent{Kind: TraceState, Action: "instance", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ, From: string(from), To: string(to), Message: reason.Message})
	w.fleetSees(inst, from)
	w.onInstanceState(inst, from, to)
}

func (w *World) onBooted(id string) {
	inst := w.instances[id]
	inst.next = 0
	inst.StateReason = StateReason{} // running: EC2 answers no reason
	w.setState(inst, Running, StateReason{})
	if inst.Platform == "windows" {
		// The password is never available sooner than the floor after
		// launch; the rest of first boot (sysprep, EC2Launch) comes on top.
		inst.next = w.after(w.sample("ready/windows/floor")+w.sample("ready/windows"), evReady, id)
		return
	}
	inst.Ready = true
}

func (w *World) onReady(id string) {
	inst := w.instances[id]
	inst.next, inst.Ready = 0, true
	w.emit(TraceEvent{Kind: TraceNote, Action: "ready", Resource: id, Region: inst.Region, AZ: inst.AZ, Message: "Windows has finished its first boot; the password can be retrieved and RDP answers"})
}

func (w *World) onLaunchFailed(id string, _ int) {
	inst := w.instances[id]
	inst.next = 0
	w.endInstance(inst, inst.launchFailure)
}

// instancesFor resolves and checks a list of instance references: all must
// exist in the caller's region and belong to the caller, or nothing happens.
func (w *World) instancesFor(c Caller, refs []string) ([]*Instance, error) {
	if len(refs) == 0 {
		return nil, errf(MissingParameter, "The request must contain the parameter InstanceIds")
	}
	ids := w.resolveAll(refs)
	var bad, missing []string
	out := make([]*Instance, 0, len(ids))
	for _, id := range ids {
		inst, ok := w.instances[id] // an instance's ID is well formed: only a miss needs checking
		if !ok && !validID(id, "i") {
			bad = append(bad, id)
			continue
		}
		if !ok || inst.Region != c.Region || inst.Owner != c.Account {
			missing = append(missing, id)
			continue
		}
		out = append(out, inst)
	}
	if len(bad) > 0 {
		return nil, errf(InvalidInstanceIDMalformed, "Invalid id: \"%s\"", strings.Join(bad, ", "))
	}
	if len(missing) > 0 {
		return nil, errf(InvalidInstanceIDNotFound, "The instance ID%s '%s' do%s not exist", plural(len(missing), "", "s"), strings.Join(missing, ", "), plural(len(missing), "es", ""))
	}
	return out, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// StartInstances starts stopped EBS-backed instances.
func (w *World) StartInstances(c Caller, in InstanceIDsInput) (out InstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("StartInstances", c, firstRef(in.InstanceIds, w), err, "") }()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	need := 0
	for _, inst := range insts {
		switch inst.State {
		case Stopped:
			if inst.SpotInterrupted {
				// "Only Amazon EC2 can restart an interrupted stopped Spot
				// Instance" (S36); the code is the simulator's choice.
				return out, errf(IncorrectInstanceState, "The Spot Instance '%s' was stopped by a Spot interruption: only Amazon EC2 can start it again, when capacity is available.", inst.ID)
			}
			if !rootAttached(inst, nil) {
				return out, errf(IncorrectInstanceState, "The instance '%s' has no volume attached at its root device %s: attach one before starting it.", inst.ID, inst.RootDeviceName)
			}
			t, _ := w.cat.InstanceType(inst.Type)
			need += t.VCPU
			if w.impairedAZ[inst.AZ] {
				return out, errf(InsufficientInstanceCapacity, "Insufficient capacity in %s to start %s (the Availability Zone is impaired). Try again later, or launch from an AMI in another zone.", inst.AZ, inst.ID)
			}
		case Pending, Running:
		default:
			return out, errf(IncorrectInstanceState, "The instance '%s' is not in a state from which it can be started.", inst.ID)
		}
	}
	if used := w.vcpusInUse(c.Account, c.Region); used+need > w.quotas.VCPUs {
		return out, errf(VcpuLimitExceeded, "You have requested more vCPU capacity than your current vCPU limit of %d allows.", w.quotas.VCPUs)
	}
	if in.DryRun {
		return out, dryRun()
	}
	for _, inst := range insts {
		prev := inst.State
		if prev == Stopped {
			w.startStopped(inst)
		}
		out.Instances = append(out.Instances, StateChange{inst.ID, prev, inst.State})
	}
	return out, nil
}

// startStopped boots a stopped instance: a new billing period, and a new
// public IPv4 address if it gets one automatically.
func (w *World) startStopped(inst *Instance) {
	w.eng.Cancel(inst.next)
	w.setState(inst, Pending, StateReason{})
	inst.StateReason, inst.Transition = pendingReason, Transition{} // a start clears the stop's reasons
	inst.Hibernating, inst.SpotInterrupted = false, false
	if inst.AutoPublicIP {
		w.assignPublicIP(inst)
	}
	inst.next = w.after(w.bootTime(inst), evBooted, inst.ID)
}

func firstRef(refs []string, w *World) string {
	if len(refs) == 0 {
		return ""
	}
	return w.resolve(refs[0])
}

// StopInstances stops (or hibernates) EBS-backed instances.
func (w *World) StopInstances(c Caller, in StopInstancesInput) (out InstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("StopInstances", c, firstRef(in.InstanceIds, w), err, "") }()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	for _, inst := range insts {
		if inst.RootDeviceType != RootEBS {
			return out, errf(UnsupportedOperation, "The instance '%s' does not have an 'ebs' root device type and cannot be stopped.", inst.ID)
		}
		if inst.Spot && inst.SpotRequestType != SpotPersistent {
			return out, errf(UnsupportedOperation, "You can't stop the Spot Instance '%s' because it is associated with a one-time Spot Instance request. You can only stop Spot Instances associated with persistent Spot Instance requests.", inst.ID)
		}
		if inst.DisableAPIStop {
			return out, errf(OperationNotPermitted, "The instance '%s' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.", inst.ID)
		}
		if in.Hibernate && !inst.Hibernation {
			return out, errf(UnsupportedHibernationConfiguration, "The instance '%s' does not have hibernation configured: hibernation can be enabled only at launch.", inst.ID)
		}
		switch inst.State {
		case Running, Stopped:
		case Stopping:
		default:
			return out, errf(IncorrectInstanceState, "This instance '%s' is not in a state from which it can be stopped.", inst.ID)
		}
	}
	if in.DryRun {
		return out, dryRun()
	}
	for _, inst := range insts {
		prev := inst.State
		switch {
		case prev == Running:
			reason := userShutdown
			if in.Hibernate {
				reason = userHibernate
			}
			w.beginStop(inst, in.Hibernate, reason, InitiatorUser)
			if in.Force {
				w.finishStopNow(inst)
			}
		case prev == Stopping && in.Force:
			w.finishStopNow(inst)
		}
		out.Instances = append(out.Instances, StateChange{inst.ID, prev, inst.State})
	}
	return out, nil
}

// beginStop stops (or hibernates) a running instance for reason, begun by
// by ("" for the OS's own shutdown).
func (w *World) beginStop(inst *Instance, hibernate bool, reason StateReason, by Initiator) {
	w.eng.Cancel(inst.next)
	inst.rebooting = false
	inst.Hibernating = hibernate
	inst.Transition = transitionBy(by, w.Now())
	w.setState(inst, Stopping, reason)
	w.releasePublicIP(inst)
	d := w.sample("stop")
	if hibernate {
		d = w.sample("hibernate")
	}
	inst.next = w.after(d, evStopped, inst.ID)
}

func (w *World) finishStopNow(inst *Instance) {
	w.eng.Cancel(inst.next)
	w.onStopped(inst.ID)
}

func (w *World) onStopped(id string) {
	inst := w.instances[id]
	inst.next, inst.Ready, inst.Status, inst.HostFailed = 0, false, "ok", false
	w.eraseInstanceStore(inst, "stopped")
	w.setState(inst, Stopped, inst.StateReason)
	if inst.SpotInterrupted {
		inst.next = w.after(w.sample("spot/restart"), evSpotRestart, id)
	}
}

// onSpotRestart is EC2 starting an interrupted persistent Spot instance
// again once capacity is back (S36). In an impaired zone there is none yet,
// so it tries again later; a root detached meanwhile means it cannot start,
// and EC2 terminates it.
func (w *World) onSpotRestart(id string) {
	inst, ok := w.instances[id]
	if !ok || inst.State != Stopped || !inst.SpotInterrupted {
		return
	}
	inst.next = 0
	switch {
	case !rootAttached(inst, nil):
		w.beginTerminate(inst, spotRootDetached, InitiatorService)
	case w.impairedAZ[inst.AZ]:
		inst.next = w.after(w.sample("spot/restart"), evSpotRestart, id)
	default:
		w.fault(inst, "spot-restart", "capacity is available again: EC2 starts the persistent Spot Instance")
		w.startStopped(inst)
	}
}

// eraseInstanceStore resets every instance-store block, as stop, hibernate,
// terminate and host failure do.
func (w *World) eraseInstanceStore(inst *Instance, why string) {
	lost := 0
	for i := range inst.Ephemeral {
		lost += inst.Ephemeral[i].DataGiB
		inst.Ephemeral[i].DataGiB, inst.Ephemeral[i].Secret = 0, false
	}
	if lost > 0 {
		w.emit(TraceEvent{Kind: TraceNote, Action: "data-lost", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
			Message: fmt.Sprintf("%d GiB on instance store erased (instance %s); EBS volumes keep their data", lost, why)})
	}
}

// RebootInstances reboots running instances. Rebooting is not a state: the
// instance stays running and no new billing period starts.
func (w *World) RebootInstances(c Caller, in InstanceIDsInput) (out InstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RebootInstances", c, firstRef(in.InstanceIds, w), err, "") }()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	for _, inst := range insts {
		if inst.State != Running && inst.State != Terminated {
			return out, errf(IncorrectInstanceState, "The instance '%s' is not in a state from which it can be rebooted (%s).", inst.ID, inst.State)
		}
	}
	if in.DryRun {
		return out, dryRun()
	}
	for _, inst := range insts {
		if inst.State == Running && !inst.rebooting {
			msg := "reboot requested; the instance stays running"
			if len(inst.Ephemeral) > 0 {
				msg += " and its instance-store data is kept"
			}
			w.beginReboot(inst, msg, 0)
		}
		out.Instances = append(out.Instances, StateChange{inst.ID, inst.State, inst.State})
	}
	return out, nil
}

// beginReboot starts a reboot that completes a reboot time after down (the
// time the OS spends shut down first, e.g. while CreateImage snapshots).
func (w *World) beginReboot(inst *Instance, msg string, down sim.Time) {
	w.emit(TraceEvent{Kind: TraceNote, Action: "reboot", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ, Message: msg})
	if inst.HostFailed && inst.rebooting {
		return // already down for an automatic recovery, which brings it back
	}
	inst.rebooting, inst.Ready = true, false
	w.eng.Cancel(inst.next)
	inst.next = w.after(down+w.sample("reboot"), evRebooted, inst.ID)
}

func (w *World) onRebooted(id string) {
	inst := w.instances[id]
	inst.next, inst.rebooting, inst.Ready = 0, false, true
	w.emit(TraceEvent{Kind: TraceNote, Action: "rebooted", Resource: id, Region: inst.Region, AZ: inst.AZ, Message: "back up after reboot"})
}

// TerminateInstances terminates instances. It is idempotent.
func (w *World) TerminateInstances(c Caller, in InstanceIDsInput) (out InstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("TerminateInstances", c, firstRef(in.InstanceIds, w), err, "") }()
	if err != nil {
		return out, err
	}
	if len(in.InstanceIds) == 0 {
		// AWS's answer (not MissingParameter, as for the other lifecycle
		// actions): TerminateInstances takes its IDs or a filter-less nothing.
		return out, errf(InvalidParameterCombination, "No instances specified")
	}
	insts, err := w.instancesFor(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	for _, inst := range insts {
		if inst.DisableAPITermination && inst.State != Terminated {
			return out, errf(OperationNotPermitted, "The instance '%s' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.", inst.ID)
		}
	}
	if in.DryRun {
		return out, dryRun()
	}
	out.Instances = make([]StateChange, 0, len(insts))
	for _, inst := range insts {
		prev := inst.State
		w.beginTerminate(inst, userShutdown, InitiatorUser)
		out.Instances = append(out.Instances, StateChange{inst.ID, prev, inst.State})
	}
	return out, nil
}

// beginTerminate terminates an instance for reason, begun by by ("" for
// the OS's own shutdown); one already on its way is left as it is.
func (w *World) beginTerminate(inst *Instance, reason StateReason, by Initiator) {
	if inst.State == ShuttingDown || inst.State == Terminated {
		return
	}
	w.eng.Cancel(inst.next)
	inst.Transition = transitionBy(by, w.Now())
	inst.rebooting = false
	d := w.sample("shutdown")
	if inst.State == Stopped {
		d = w.sample("shutdown/stopped")
	}
	w.setState(inst, ShuttingDown, reason)
	w.releasePublicIP(inst)
	inst.next = w.after(d, evTerminated, inst.ID)
}

func (w *World) onTerminated(id string) {
	inst := w.instances[id]
	inst.next = 0
	w.endInstance(inst, inst.StateReason)
}

// endInstance moves an instance to terminated and settles its storage:
// instance store is erased, EBS volumes are deleted or detached according
// to DeleteOnTermination.
func (w *World) endInstance(inst *Instance, reason StateReason) {
	w.releasePublicIP(inst)
	w.eraseInstanceStore(inst, "terminated")
	inst.Ready = false
	w.setState(inst, Terminated, reason)
	w.eng.Cancel(inst.spotNote)
	w.eng.Cancel(inst.retire)
	for _, bd := range inst.BlockDevices {
		v := w.volumes[bd.VolumeID]
		if v == nil {
			continue
		}
		// An attach or detach still in flight ends here: its event must not
		// fire later on a volume that is available, reattached or deleted.
		w.eng.Cancel(v.next)
		v.next = 0
		v.InstanceID, v.Device, v.AttachState = "", "", ""
		if bd.DeleteOnTermination {
			w.setVolumeState(v, VolumeDeleting)
			v.next = w.after(w.sample("volume/delete"), evVolumeDeleted, v.ID)
		} else {
			w.setVolumeState(v, VolumeAvailable)
		}
	}
	inst.BlockDevices = nil
	inst.visible = w.after(w.sample("terminated/visible"), evForgetInstance, inst.ID)
}

func (w *World) onForgetInstance(id string) {
	inst := w.instances[id]
	w.emit(TraceEvent{Kind: TraceNote, Action: "gone", Resource: id, Region: inst.Region, AZ: inst.AZ, Message: "terminated instance no longer appears in DescribeInstances"})
	delete(w.instances, id)
	w.forget(w.bill.billed(&inst.bill, id))
}
