package model

import (
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// ResourceKind is a kind of resource an action creates (ActionInfo.Creates)
// and a scenario name can stand for. Its value is the noun messages use.
type ResourceKind string

// The resource kinds.
const (
	ResourceInstance        ResourceKind = "instance"
	ResourceImage           ResourceKind = "image"
	ResourceVolume          ResourceKind = "volume"
	ResourceSnapshot        ResourceKind = "snapshot"
	ResourceSecurityGroup   ResourceKind = "security group"
	ResourceKeyPair         ResourceKind = "key pair"
	ResourceLifecyclePolicy ResourceKind = "lifecycle policy"
	ResourceLaunchTemplate  ResourceKind = "launch template"
	ResourceAutoScaling     ResourceKind = "Auto Scaling group"
	ResourceTargetGroup     ResourceKind = "target group"
	ResourceAddress         ResourceKind = "Elastic IP address"
)

// The resource kinds of the purchasing options, placement groups and the
// Recycle Bin. An offering is what a Describe…Offerings call lists: naming
// it lets a later step buy it.
const (
	ResourceRIOffering          ResourceKind = "reserved instances offering"
	ResourceReservedInstances   ResourceKind = "reserved instances"
	ResourceSPOffering          ResourceKind = "savings plan offering"
	ResourceSavingsPlan         ResourceKind = "savings plan"
	ResourceCapacityReservation ResourceKind = "capacity reservation"
	ResourcePlacementGroup      ResourceKind = "placement group"
	ResourceRecycleBinRule      ResourceKind = "recycle bin rule"
)

// InstanceState is one of the six EC2 instance states. Rebooting and
// hibernated are not states: a rebooting instance stays running, a
// hibernated one is stopped.
type InstanceState string

// The instance states, with the low byte of their API codes in comments.
const (
	Pending      InstanceState = "pending"       // 0
	Running      InstanceState = "running"       // 16
	ShuttingDown InstanceState = "shutting-down" // 32
	Terminated   InstanceState = "terminated"    // 48
	Stopping     InstanceState = "stopping"      // 64
	Stopped      InstanceState = "stopped"       // 80
)

// InstanceStates lists the states in API code order.
var InstanceStates = []InstanceState{Pending, Running, ShuttingDown, Terminated, Stopping, Stopped}

// StateCode is the API code of an instance state (0 pending, 16 running, …, 80 stopped):
// the states are listed in code order, 16 apart.
func StateCode(s InstanceState) int { return 16 * slices.Index(InstanceStates, s) }

// Root device types.
const (
	RootEBS           = "ebs"
	RootInstanceStore = "instance-store"
)

// Edge is a transition of the instance lifecycle.
type Edge struct{ From, To InstanceState }

// instanceStoreEdges and ebsEdges are the lifecycle tables, built once:
// IsEdge runs on every state change, and building them per call was a fifth
// of all the bytes a fleet run allocated. ebsEdges begins with
// instanceStoreEdges.
var (
	ebsEdges = []Edge{
		{Pending, Running},
		{Pending, Terminated}, // launch failure
		{Pending, ShuttingDown},
		{Running, ShuttingDown},
		{ShuttingDown, Terminated},
		// Only EBS-backed instances stop.
		{Running, Stopping},
		{Stopping, Stopped},
		{Stopping, ShuttingDown},
		{Stopped, Pending},
		{Stopped, ShuttingDown},
	}
	instanceStoreEdges = ebsEdges[:5:5]
)

// lifecycleEdges returns the shared table for the root device type; callers
// must not modify it.
func lifecycleEdges(rootDeviceType string) []Edge {
	if rootDeviceType == RootEBS {
		return ebsEdges
	}
	return instanceStoreEdges
}

// LifecycleEdges returns every transition an instance with the given root
// device type can make. Instance-store-backed instances have no stopping or
// stopped state at all: they only run or terminate. The slice is the
// caller's own.
func LifecycleEdges(rootDeviceType string) []Edge {
	return slices.Clone(lifecycleEdges(rootDeviceType))
}

// IsEdge reports whether from → to is a lifecycle transition for the root
// type. It does not allocate.
func IsEdge(rootDeviceType string, from, to InstanceState) bool {
	return slices.Contains(lifecycleEdges(rootDeviceType), Edge{from, to})
}

// Instance is one EC2 instance.
type Instance struct {
	// An action over a fleet reads these of every instance it names: they
	// share the first cache line.
	ID             string
	State          InstanceState
	Owner          string // account ID
	Region, AZ     string
	Type           string
	ImageID        string
	Platform       string // linux, ubuntu, windows, suse
	Arch           string
	RootDeviceType string
	RootDeviceName string
	StateReason    StateReason // why it is in its state (statereasons.go); none while running
	Transition     Transition  // who began its last stop or termination, and when; none while running
	LaunchTime     sim.Time
	StateSince     sim.Time
	RunningSince   sim.Time // last entry into running
	KeyName        string
	SecurityGroups []string
	Tags           Tags
	PublicIP       string
	PrivateIP      string // in its zone's default subnet (vpc.go)
	VpcID          string // the region's default VPC
	SubnetID       string // its zone's default subnet
	UserData       string // as given at launch or by ModifyInstanceAttribute (base64 on the wire)
	Status         string // "ok" or "impaired" (system status check)
	HostFailed     bool   // impaired by its own hardware, not its zone: only a stop/start or replacement helps
	AutoPublicIP   bool   // gets a public IPv4 address at each start
	Ready          bool   // the OS has finished booting (Windows takes longer)

	Spot                  bool
	SpotRequestType       string // SpotOneTime or SpotPersistent, for a Spot instance
	InterruptionBehavior  string // terminate, stop or hibernate
	SpotInterrupted       bool   // stopped by a Spot interruption: EC2, not you, starts it again
	Hibernation           bool   // configured at launch
	Hibernating           bool   // the current stop is a hibernation
	DisableAPITermination bool
	DisableAPIStop        bool
	ShutdownBehavior      string // stop or terminate
	ProductCode           string
	SoftwareFee           Money
	ContainsSecret        bool // launched from an image with a secret baked in

	// Purchasing and placement (purchasing.go, capacityreservations.go,
	// placement.go, metadata.go).
	Tenancy                       string   // default or dedicated
	Pricing                       string   // what pays for its hours while running: on-demand, spot, reserved, savings-plan; "" when not running
	CapacityReservationId         string   // the reservation whose slot it holds while pending or running
	CapacityReservationPreference string   // open or none
	PlacementGroup                string   // group name, "" if none
	PartitionNumber               int      // partition groups only
	MetadataHttpTokens            string   // optional or required (required = IMDSv2 only)
	MetadataHttpEndpoint          string   // enabled or disabled
	MetadataHopLimit              int      // HttpPutResponseHopLimit
	SpotNotice                    bool     // a Spot interruption notice has been given since the last start
	SpotActionAt                  sim.Time // when the interruption behaviour takes effect, with SpotNotice
	coveredBy                     string   // the RI or Savings Plan paying for it
	capacityTarget                string   // the reservation a launch targeted

	BlockDevices []InstanceBlockDevice // EBS volumes, root first
	Ephemeral    []EphemeralDisk       // instance-store disks (and the root, when instance-store-backed)

	seq           int64
	next          sim.EventID // the pending lifecycle event, cancellable
	launchFailure StateReason // why a launch that passed the API's checks will end in terminated
	rebooting     bool
	spotNote      sim.EventID
	retire        sim.EventID
	visible       sim.EventID
	// bill is the instance's entry in its world's ledger, which the ledger
	// sets and reads (ledger.entryOf): nil until first billed, and in any
	// copy, which finds its own.
	bill *resEntry
}

// InstanceLifecycle is DescribeInstances' instanceLifecycle: how the
// instance was bought, when not On-Demand. EC2 also answers scheduled and
// capacity-block (S101); ec2sim launches On-Demand and Spot instances only.
type InstanceLifecycle string

// LifecycleSpot is a Spot instance's lifecycle.
const LifecycleSpot InstanceLifecycle = "spot"

// Lifecycle is the instance's instanceLifecycle: LifecycleSpot for a Spot
// instance, "" for an On-Demand one, which EC2 answers without the element.
func (i Instance) Lifecycle() InstanceLifecycle {
	if i.Spot {
		return LifecycleSpot
	}
	return ""
}

// MonitoringState is an instance's monitoring state (disabled, disabling,
// enabled or pending; S101): whether detailed monitoring (one-minute
// CloudWatch metrics) is on.
type MonitoringState string

// MonitoringDisabled means basic monitoring only.
const MonitoringDisabled MonitoringState = "disabled"

// Monitoring is the instance's monitoring state. ec2sim does not model
// detailed monitoring (RunInstances' Monitoring is accepted and ignored,
// docs/serve.md), so every instance has basic monitoring: disabled.
func (i Instance) Monitoring() MonitoringState { return MonitoringDisabled }

// SourceDestCheck is whether EC2 drops traffic the instance neither sends
// from nor receives at its own address: on by default, turned off only for
// a NAT or routing instance, which ec2sim does not model (S101, Instance's
// sourceDestCheck). DescribeInstances and DescribeInstanceAttribute read it.
func (i Instance) SourceDestCheck() bool { return true }

// Spot request types (SpotOptions.SpotInstanceType). Only an instance of a
// persistent request can be stopped, by you or by an interruption; EC2
// starts an interrupted one again when capacity returns (S36).
const (
	SpotOneTime    = "one-time"
	SpotPersistent = "persistent"
)

// InstanceBlockDevice is an EBS volume attached to an instance.
type InstanceBlockDevice struct {
	DeviceName          string
	VolumeID            string
	DeleteOnTermination bool
}

// EphemeralDisk is an instance-store volume: fast, free, and gone on stop,
// hibernate, terminate and host failure.
type EphemeralDisk struct {
	DeviceName  string
	VirtualName string // ephemeral0, ephemeral1, ...
	SizeGB      int    // as AWS lists it, in decimal gigabytes
	CapacityGiB int    // what fits on it, in GiB
	DataGiB     int
	Secret      bool
}

// gbToGiB converts AWS's decimal gigabytes of instance store to GiB.
func gbToGiB(gb int) int { return int(int64(gb) * 1_000_000_000 >> 30) }

// Volume states.
const (
	VolumeCreating   = "creating"
	VolumeAvailable  = "available"
	VolumeInUseState = "in-use"
	VolumeDeleting   = "deleting"
	VolumeDeleted    = "deleted"
)

// Attachment states.
const (
	Attaching = "attaching"
	Attached  = "attached"
	Detaching = "detaching"
)

// Volume is an EBS volume. It lives in one AZ and bills from creation to
// deletion whatever the instance it is attached to is doing.
type Volume struct {
	ID         string
	Owner      string
	Region, AZ string
	SizeGiB    int
	Type       string
	IOPS       int
	Throughput int
	Encrypted  bool
	KMSKeyID   string
	SnapshotID string // created from
	State      string
	CreateTime sim.Time
	Tags       Tags

	MultiAttach bool // io1/io2 only; the simulator still attaches it to one instance at a time

	// Attachment (at most one: multi-attach is accepted but one attachment is modelled).
	InstanceID          string
	Device              string
	AttachState         string
	DeleteOnTermination bool
	AttachTime          sim.Time // when the attachment began: the launch, or the AttachVolume call (VolumeAttachment's attachTime, S101)

	DataGiB  int  // written data
	Dirty    int  // GiB changed since the last snapshot of this volume
	Secret   bool // data marked secret was written here
	lastSnap string
	seq      int64
	next     sim.EventID
	bill     *resEntry // its entry in the ledger, as Instance.bill
}

// Snapshot states.
const (
	SnapshotPending   = "pending"
	SnapshotCompleted = "completed"
	SnapshotError     = "error"
)

// Snapshot is an EBS snapshot, stored regionally (in S3, out of sight).
type Snapshot struct {
	ID          string
	Owner       string
	Region      string
	VolumeID    string // source volume ("vol-ffffffff" for copies, as AWS shows)
	VolumeSize  int    // GiB of the source volume
	DataGiB     int    // full data it represents
	StoredGiB   int    // what it adds to storage (incremental)
	State       string
	StartTime   sim.Time
	Description string
	Encrypted   bool
	KMSKeyID    string
	Tier        string // standard or archive
	ArchivedAt  sim.Time
	// Restore from the archive tier (RestoreSnapshotTier): RestoreState is
	// "" (not restoring), restoring, or restored; a temporary restore lasts
	// until RestoreExpires, when the standard copy is removed again.
	RestoreState   string
	RestoreExpires sim.Time // 0 for a permanent restore
	// CreateVolumePermissions are the accounts (IDs) that may create volumes
	// from the snapshot and copy it, besides its owner; "all" makes it public.
	CreateVolumePermissions []string
	Secret                  bool
	Tags                    Tags
	Public                  bool // owned by a public image's owner; never billed to a scenario account
	lineage                 string
	copyOf                  string   // lineage of the snapshot this was copied from
	doneAt                  sim.Time // when a pending snapshot completes: StartTime plus its sampled duration
	seq                     int64
}

// Progress is how far the snapshot has got, in percent, at simulated time
// now: what DescribeSnapshots answers as progress ("as a percentage", S101).
// While pending it is the share of its duration that has passed, rounded
// down: 0 when it starts, never more than 99, never falling as time goes on.
// A completed snapshot is at 100, as is one the Recycle Bin is restoring
// (its data was whole when it was deleted); an errored one, which ec2sim
// never produces, at 0 (docs/decisions.md).
func (s Snapshot) Progress(now sim.Time) int {
	switch s.State {
	case SnapshotPending:
		took := s.doneAt - s.StartTime
		if took <= 0 {
			return 0
		}
		return int(min(max(100*(now-s.StartTime)/took, 0), 99))
	case SnapshotError:
		return 0
	}
	return 100
}

// Image states.
const (
	ImagePending      = "pending"
	ImageAvailable    = "available"
	ImageDeregistered = "deregistered"
	ImageFailed       = "failed"
)

// What DescribeImages answers of every AMI ec2sim has: a machine image (EC2
// also has kernel and ramdisk images, which nothing here registers), on the
// xen hypervisor, the only one the API supports (S101).
const (
	ImageTypeMachine = "machine"
	ImageHypervisor  = "xen"
)

// Image is an AMI: a root template (snapshots or an S3 bundle), launch
// permissions and a block device mapping. Regional.
type Image struct {
	ID                string
	Name              string
	Description       string
	Owner             string
	OwnerAlias        string
	Region            string
	State             string
	Platform          string
	Arch              string
	Virtualization    string
	RootDeviceType    string
	RootDeviceName    string
	BlockDevices      []ImageBlockDevice
	Public            bool
	LaunchPermissions []string // account IDs
	LaunchOrgs        []string // organization and organizational unit ARNs it is shared with
	ProductCode       string
	SoftwareFee       Money
	CreationTime      sim.Time
	SourceInstanceID  string
	SourceImageID     string
	SourceRegion      string
	ImageLocation     string // instance-store bundle manifest
	BundleGiB         int    // instance-store bundle stored in S3
	Secret            bool   // data marked secret is baked in
	Tags              Tags
	Alias             string // the catalogue alias, for public images
	DeregisteredAt    sim.Time
	DeprecationTime   sim.Time // with Deprecating: when it counts as deprecated (deprecation.go)
	Deprecating       bool     // EnableImageDeprecation set a DeprecationTime
	Gone              bool     // deregistered long enough ago to have left DescribeImages
	pendingSnaps      int
	volumes           []string // CreateImage: the volumes attached when it was called
	snapshotTags      Tags     // CreateImage: the tags its TagSpecifications give each snapshot
	seq               int64
}

// ImageBlockDevice is one entry of an AMI's block device mapping.
type ImageBlockDevice struct {
	DeviceName          string
	SnapshotID          string // "" for instance-store (VirtualName) entries
	VirtualName         string
	VolumeSize          int
	VolumeType          string
	IOPS                int
	Throughput          int
	Encrypted           bool
	DeleteOnTermination bool
}

// Encrypted reports whether any of the image's snapshots is encrypted.
func (im *Image) Encrypted() bool {
	for _, b := range im.BlockDevices {
		if b.Encrypted {
			return true
		}
	}
	return false
}

// SnapshotIDs lists the snapshots behind the image.
func (im *Image) SnapshotIDs() []string {
	var ids []string
	for _, b := range im.BlockDevices {
		if b.SnapshotID != "" {
			ids = append(ids, b.SnapshotID)
		}
	}
	return ids
}

// ReadyStates returns the states in which a resource of a kind is ready
// for use: an instance once running, an AMI once available (the only state
// it can be launched from), a snapshot once completed (all its data
// stored), a volume once available, or in-use for one a launch creates
// already attached. It returns nil for kinds with no such state (security groups,
// key pairs) and a fresh slice each call.
//
// kind is the word a TraceState event carries in its Action ("instance",
// "image", "snapshot", "volume"); scenarios calls the kind of a name by the
// same word. The table lives here, beside the state constants, because
// which state means "usable" is a fact of EC2's lifecycles, not of any
// report that asks (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Snapshot.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Volume.html).
func ReadyStates(kind string) []string {
	switch kind {
	case "instance":
		return []string{string(Running)}
	case "image":
		return []string{ImageAvailable}
	case "snapshot":
		return []string{SnapshotCompleted}
	case "volume":
		return []string{VolumeAvailable, VolumeInUseState}
	}
	return nil
}

// KMSKey is a KMS key: AWS-managed (alias/aws/ebs, cannot be shared) or
// customer-managed (can grant other accounts). Regional.
type KMSKey struct {
	ID         string
	Alias      string
	Owner      string
	Region     string
	AWSManaged bool
	Grants     []string // account IDs allowed to use it besides the owner
}

// KeyPair is an SSH key pair name registered in a region.
type KeyPair struct {
	Name, Owner, Region string
	ID                  string // key-…, from the account, region, name and creation order
	Type                string // rsa or ed25519
	Fingerprint         string
	PublicKey           string // imported keys only: the OpenSSH public key text
	CreateTime          sim.Time
	Tags                Tags
	seq                 int64
}

// SecurityGroup is a named set of firewall rules (rules are recorded, not enforced).
type SecurityGroup struct {
	ID, Name, Description, Owner, Region string
	Ingress, Egress                      []SecurityGroupRule // in the order they were added (securitygroups.go)
	Tags                                 Tags
	seq                                  int64
}

// Tag is a key/value label.
type Tag struct {
	Key   string `yaml:"Key" json:"Key"`
	Value string `yaml:"Value" json:"Value"`
}

// Tags is an ordered tag list (order of first setting, as the API keeps it).
type Tags []Tag

// Get returns a tag's value.
func (ts Tags) Get(k string) string {
	for _, t := range ts {
		if t.Key == k {
			return t.Value
		}
	}
	return ""
}

// Set adds or replaces a tag.
func (ts *Tags) Set(k, v string) {
	for i := range *ts {
		if (*ts)[i].Key == k {
			(*ts)[i].Value = v
			return
		}
	}
	*ts = append(*ts, Tag{k, v})
}
