package model

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Topic is one teaching text: what an action does, or why an error code
// happens and how to get past it. Texts are written for this project and
// describe the simulator's behaviour, including the choices it made where
// AWS sources disagree (ec2-facts.md §8).
type Topic struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"` // one of the Topic* kinds
	Summary string   `json:"summary"`
	Text    string   `json:"text"`    // plain text, wrapped at TextWidth columns
	Related []string `json:"related"` // names of other topics
}

// Topic kinds.
const (
	TopicAction = "action"       // an EC2 API action
	TopicGuest  = "guest action" // what software inside an instance does
	TopicFault  = "fault"        // what AWS or the hardware does to you
	TopicCode   = "error code"   // an EC2 error code
)

// TextWidth is the column a topic's text is wrapped at.
const TextWidth = 76

// topicKind maps an action kind to a topic kind: every API action (EC2's
// or another AWS service's, such as Data Lifecycle Manager) is an "action".
func topicKind(k ActionKind) string {
	switch k {
	case KindGuest:
		return TopicGuest
	case KindFault:
		return TopicFault
	}
	return TopicAction
}

// Topics lists every topic: the actions in registry order, then the error
// codes in alphabetical order.
func Topics() []Topic {
	var out []Topic
	for _, a := range actions {
		e, ok := actionTexts[a.Name]
		if !ok {
			continue
		}
		out = append(out, e.topic(a.Name, topicKind(a.Kind), a.Summary))
	}
	codes := make([]Code, 0, len(codeTexts))
	for c := range codeTexts {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b Code) int {
		return cmp.Or(strings.Compare(strings.ToLower(string(a)), strings.ToLower(string(b))), strings.Compare(string(a), string(b)))
	})
	for _, c := range codes {
		e := codeTexts[c]
		out = append(out, e.topic(string(c), TopicCode, e.summary))
	}
	return out
}

// Explain finds the topic of an action or error code, ignoring case.
func Explain(name string) (Topic, bool) {
	name = strings.TrimSpace(name)
	for _, t := range Topics() {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return Topic{}, false
}

// TopicNames lists every topic's name, in Topics order.
func TopicNames() []string {
	ts := Topics()
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return names
}

type entry struct {
	summary string // codes only: actions use the registry's summary
	related []string
	text    string
}

func (e entry) topic(name, kind, summary string) Topic {
	return Topic{Name: name, Kind: kind, Summary: summary, Text: reflow(e.text, TextWidth), Related: slices.Clone(e.related)}
}

// reflow wraps each paragraph (paragraphs are separated by blank lines) at
// width columns. A source line starting with "- " starts a list item, whose
// continuation lines are indented by two spaces. The texts below are
// written loosely so they can be edited without counting columns.
func reflow(s string, width int) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		var items []string
		for _, line := range strings.Split(p, "\n") {
			line = strings.TrimSpace(line)
			if len(items) == 0 || strings.HasPrefix(line, "- ") {
				items = append(items, line)
			} else {
				items[len(items)-1] += " " + line
			}
		}
		for i, it := range items {
			indent := ""
			if strings.HasPrefix(it, "- ") {
				indent = "  "
			}
			items[i] = wrap(it, width, indent)
		}
		paras = append(paras, strings.Join(items, "\n"))
	}
	return strings.Join(paras, "\n\n")
}

// wrap breaks one item into lines of at most width columns (a single word
// longer than that stays whole); continuation lines start with indent.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		switch {
		case col == 0:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// actionTexts explains every action of the registry (actions.go).
var actionTexts = map[string]entry{
	"RunInstances": {
		related: []string{"StartInstances", "TerminateInstances", "CopyImage", "InvalidAMIID.NotFound", "Unsupported", "VcpuLimitExceeded", "InsufficientInstanceCapacity", "DryRunOperation"},
		text: `Launches instances from an AMI of the caller's region. Key parameters:
ImageId (an ID or an alias such as al2023), InstanceType (left out, the
API's old default m1.small), MinCount/MaxCount, KeyName, SecurityGroupIds,
Placement, BlockDeviceMappings, HibernationOptions, InstanceMarketOptions.

Each instance goes pending → running (EBS-backed: seconds; instance-store:
minutes). Compute bills only while running, per second with a 60 s minimum
(SUSE per started hour); volumes and the public IPv4 bill from launch. Some
prices, eu-west-1's among them, are approximate and marked ~ in bills.

All checks run before anything is created, so a failure changes nothing:
InvalidAMIID.*, AuthFailure, InvalidParameterValue, Unsupported,
InsufficientInstanceCapacity, VcpuLimitExceeded and more. Gotcha: an extra
EBS volume in the launch mapping without DeleteOnTermination dies with the
instance; sources disagree on that default and the simulator chose true.`,
	},
	"StartInstances": {
		related: []string{"StopInstances", "IncorrectInstanceState", "InsufficientInstanceCapacity", "VcpuLimitExceeded"},
		text: `Starts stopped EBS-backed instances: stopped → pending → running. Parameters:
InstanceIds, DryRun. Pending or running instances are left as they are.

A start usually lands on a new host and gets a new public IPv4 address (if
it had an automatic one); the EBS volumes come back with their data, the instance store
comes back empty. Each start opens a new billing period with its own
60-second minimum, so frequent stop/start cycles cost extra.

IncorrectInstanceState: the instance is stopping, shutting-down or
terminated (wait until it is stopped). InsufficientInstanceCapacity: its
Availability Zone is impaired; a stopped instance cannot change zone,
because its volumes live there. VcpuLimitExceeded: the quota is used up.
Gotcha: an instance-store-backed instance can never be stopped, so it can
never be started either.`,
	},
	"StopInstances": {
		related: []string{"StartInstances", "TerminateInstances", "UnsupportedOperation", "OperationNotPermitted", "UnsupportedHibernationConfiguration", "IncorrectInstanceState"},
		text: `Stops EBS-backed instances: running → stopping → stopped. Parameters:
InstanceIds, Hibernate (save RAM to the encrypted root instead of losing
it), Force (skip the wait for a clean OS shutdown), DryRun.

Compute billing ends when the instance leaves running; EBS volumes keep
billing while it is stopped. The public IPv4 is released and every
instance-store disk is erased. Sources disagree on whether the stopping
phase of a hibernation is billed; the simulator bills only running time.

UnsupportedOperation: the root device is instance store, which cannot
stop. OperationNotPermitted: the instance was launched with DisableApiStop.
UnsupportedHibernationConfiguration: Hibernate on an instance launched
without hibernation. IncorrectInstanceState: pending, shutting-down or
terminated. Gotcha: a stop is not a pause; anything on instance store (an
i3 or m5d data disk) is gone when it comes back.`,
	},
	"RebootInstances": {
		related: []string{"StopInstances", "HostFailure", "CreateImage", "IncorrectInstanceState"},
		text: `Reboots running instances. Parameters: InstanceIds, DryRun. The call
returns at once; the OS restarts in the background (about 40 s here).

Rebooting is not a state: the instance stays running throughout, keeps its
host, its public IPv4 and its instance-store data, and no new billing
period or 60-second minimum starts.

IncorrectInstanceState: the instance is pending, stopping, stopped or
shutting-down (terminated instances are silently ignored).

Gotcha: a reboot stays on the same hardware, so it cannot cure a failed
host; a stop and start moves an EBS-backed instance to new hardware.`,
	},
	"TerminateInstances": {
		related: []string{"StopInstances", "DescribeVolumes", "OperationNotPermitted", "InvalidInstanceID.NotFound", "AttachVolume"},
		text: `Ends instances for good: running → shutting-down → terminated. Parameters:
InstanceIds, DryRun. It is idempotent: terminating a terminated instance
is not an error. A stopped instance also passes through a brief
shutting-down: AWS text does not say so; the simulator keeps one path.

Compute billing ends at shutting-down. Instance store is erased. Each EBS
volume follows its DeleteOnTermination flag: the root and extra
launch-mapping volumes default to true (the simulator's choice where
sources disagree), volumes attached later with AttachVolume to false; those
become available and keep billing. The instance stays listed about an hour.

OperationNotPermitted: DisableApiTermination was set at launch.
InvalidInstanceID.NotFound: one unknown ID fails the whole call. Gotcha:
check DescribeVolumes afterwards for volumes left behind.`,
	},
	"DescribeInstances": {
		related: []string{"RunInstances", "TerminateInstances", "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"},
		text: `Lists your instances in the caller's region, in launch order, with their
state, type, zone, public IPv4, volumes and state reason. Optional
parameter: InstanceIds, to list just those. It is free and changes nothing.

Terminated instances remain listed for about an hour of simulated time,
then disappear; after that their IDs answer InvalidInstanceID.NotFound.

InvalidInstanceID.Malformed: an ID that is not i- followed by 8 or 17 hex
digits. InvalidInstanceID.NotFound: an ID that does not exist in this
region or belongs to another account.

Gotcha: instances are regional; one launched in eu-west-1 is invisible to a
call made in us-east-1, so "it vanished" is often "wrong region".`,
	},
	"CreateImage": {
		related: []string{"CreateSnapshot", "RegisterImage", "DeregisterImage", "BundleVolume", "InvalidAMIName.Duplicate", "UnsupportedOperation", "IncorrectInstanceState"},
		text: `Makes an EBS-backed AMI from an instance by snapshotting every EBS volume
attached to it. Parameters: InstanceId, Name (3 to 128 characters, unique
per account and region), NoReboot, Description, TagSpecifications.

The AMI is pending until all its snapshots complete, then available. It is
free itself; its snapshots bill per GiB-month of stored data until the AMI
is deregistered AND they are deleted. Secret data goes into the image too.

UnsupportedOperation: an instance-store-backed instance (bundle it, then
RegisterImage). IncorrectInstanceState: not running or stopped.
InvalidAMIName.Duplicate or InvalidParameterValue: the name.

Gotcha: unless NoReboot: true, a running instance is shut down and rebooted
first so its disks are at rest, a short outage. NoReboot avoids it but
gives only crash-consistent snapshots.`,
	},
	"RegisterImage": {
		related: []string{"BundleVolume", "CreateImage", "CreateSnapshot", "InvalidBlockDeviceMapping", "InvalidAMIName.Duplicate", "Unsupported"},
		text: `Registers an AMI from parts that already exist: an S3 bundle made by
BundleVolume (ImageLocation: an instance-store-backed AMI), or a completed
snapshot named in BlockDeviceMappings for RootDeviceName (EBS-backed).
Other parameters: Name, Architecture, VirtualizationType, Description.

The AMI is pending for a few seconds, then available. Registering costs
nothing; the snapshots or the S3 bundle behind the AMI keep billing.

InvalidBlockDeviceMapping: no entry for the root device, a root without a
SnapshotId, or a size below the snapshot's. IncorrectState: the snapshot
is still pending. InvalidParameterValue: no bundle at ImageLocation.

Gotcha: left out, Architecture is i386 and VirtualizationType paravirtual,
as in the API. Such an AMI fails on current instance types; set x86_64 (or
arm64) and hvm unless you really mean the old defaults.`,
	},
	"CopyImage": {
		related: []string{"CopySnapshot", "ModifyImageAttribute", "RunInstances", "InvalidAMIID.NotFound", "InvalidParameterCombination", "InvalidKMSKey.NotFound"},
		text: `Copies an AMI into another region. Call it in the DESTINATION region,
with SourceImageId and SourceRegion; also Name, Encrypted, KmsKeyId,
CopyImageTags, Description. The copy gets a new AMI ID and new snapshots.

It is pending until its snapshots are copied. There is no fee for the copy
itself, but the data crossing regions is billed per GiB (an approximate
rate), and the new snapshots bill storage in the destination. The first
copy into a region is a full copy; later ones of the same source are
incremental.

InvalidAMIID.NotFound: the AMI is not in SourceRegion. AuthFailure: it is
not shared with you. InvalidParameterCombination: trying to drop
encryption. UnsupportedOperation: another account's Marketplace AMI.
Gotcha: launch permissions are never copied (share the copy again) and tags
only with CopyImageTags: true.`,
	},
	"DeregisterImage": {
		related: []string{"DeleteSnapshot", "DescribeSnapshots", "CreateImage", "InvalidAMIID.Unavailable", "InvalidSnapshot.InUse"},
		text: `Retires an AMI: no new instance can launch from it. Parameters: ImageId,
DeleteAssociatedSnapshots. Instances already launched from it keep
running. The AMI shows as deregistered for about an hour, then disappears.

Gotcha: the snapshots behind the AMI are NOT deleted by default and keep
billing every month: this is the classic forgotten cost. Either pass
DeleteAssociatedSnapshots: true (a snapshot another registered AMI still
uses is kept), or delete them afterwards with DeleteSnapshot. An
instance-store AMI's S3 bundle keeps billing as well.

AuthFailure: the AMI belongs to another account. InvalidAMIID.Unavailable:
it is already deregistered. InvalidAMIID.NotFound: not in this region.`,
	},
	"ModifyImageAttribute": {
		related: []string{"CopyImage", "DescribeImages", "AuthFailure", "UnsupportedOperation", "InvalidParameter", "InvalidKMSKey.NotFound"},
		text: `Changes who may launch an AMI, or its description. Parameters: ImageId, then
either LaunchPermission {Add, Remove} with UserId (an account) or Group
"all" (public), or OperationType add|remove with UserIds or UserGroups, or
Description. Only the owner may call it, and all changes apply or none.

Sharing is free for the owner: whoever launches pays for the instance.

AuthFailure: not your AMI. UnsupportedOperation: making an encrypted AMI
public. InvalidParameter: sharing an AMI encrypted with the AWS managed key
alias/aws/ebs. InvalidParameterValue: a bad account ID or group, or making
a Marketplace AMI public. MissingParameter: nothing to change.

Gotcha: the managed-key case is permanent for that image: copy it with a
customer managed key, grant the other account that key, and share the copy.
Public means everyone, secrets baked into the image included.`,
	},
	"DescribeImages": {
		related: []string{"CopyImage", "ModifyImageAttribute", "RunInstances", "InvalidAMIID.Malformed"},
		text: `Lists the AMIs you can launch in the caller's region: your own, public
ones, and those shared with you. Filters: ImageIds, Owners (self, amazon,
aws-marketplace or account IDs), ExecutableUsers (self or account IDs).
It is free and changes nothing.

A deregistered AMI of yours still shows, as deregistered, for about an
hour. AMIs are regional: the same Amazon Linux release has a different ID
in each region.

InvalidAMIID.Malformed: an ImageIds entry that is not ami- followed by 8
or 17 hex digits.

Gotcha: without an Owners filter the list includes community AMIs from
owners nobody has verified. Prefer Owners: [amazon] or a known account.`,
	},
	"CreateSnapshot": {
		related: []string{"CreateVolume", "CopySnapshot", "DeleteSnapshot", "ModifySnapshotTier", "ConcurrentSnapshotLimitExceeded", "IncorrectState"},
		text: `Takes a point-in-time copy of an EBS volume. Parameters: VolumeId,
Description, TagSpecifications. The volume may be attached and in use.

The snapshot is pending, then completed (longer the more data it stores).
Snapshots are incremental: the first one of a volume stores every written
GiB, later ones only what changed since the previous one. Storage bills per
GiB-month of stored data (standard tier), not of the volume's size.

ConcurrentSnapshotLimitExceeded: five snapshots of this volume are already
pending (one for st1 and sc1). IncorrectState: the volume is being created
or deleted. InvalidVolume.NotFound: not in this region or not yours.

Gotcha: snapshots are regional, not zonal, so snapshot plus CreateVolume
is how a volume moves to another Availability Zone.`,
	},
	"CopySnapshot": {
		related: []string{"CreateSnapshot", "CopyImage", "InvalidSnapshot.NotFound", "InvalidParameterCombination", "InvalidKMSKey.NotFound"},
		text: `Copies a completed snapshot into the caller's region. Call it in the
destination region with SourceRegion and SourceSnapshotId; also
Encrypted, KmsKeyId, Description.

The copy is a new snapshot, pending until the data has arrived. The first
copy of a snapshot into another region is full; later copies of the same
volume's snapshots are incremental. Data crossing regions bills per GiB (an
approximate rate), plus storage in the destination. A same-region copy by
the owner, with no change of encryption, stores nothing new.

InvalidSnapshot.NotFound: the snapshot is not in SourceRegion.
IncorrectState: it is still pending. InvalidParameterCombination: trying to
remove encryption. InvalidKMSKey.NotFound: KMS keys are regional, so name
a key of the destination region.`,
	},
	"DeleteSnapshot": {
		related: []string{"DeregisterImage", "CreateSnapshot", "InvalidSnapshot.InUse", "AuthFailure"},
		text: `Deletes a snapshot. Parameter: SnapshotId. Its storage billing stops.

Because snapshots are incremental, blocks that a later snapshot of the same
volume still needs are not thrown away: they move to that later snapshot,
whose stored size (and bill) grows. Deleting an old snapshot therefore often
saves less than its size suggested.

InvalidSnapshot.InUse: a registered AMI is backed by the snapshot;
deregister the AMI first. AuthFailure: it belongs to another account (a
public snapshot, for instance). InvalidSnapshot.NotFound: not in this
region.

Gotcha: volumes created from a snapshot do not depend on it; deleting the
snapshot leaves them intact.`,
	},
	"ModifySnapshotTier": {
		related: []string{"CreateSnapshot", "DeleteSnapshot", "InvalidSnapshot.InUse", "IncorrectState"},
		text: `Moves a completed snapshot to the archive tier. Parameters: SnapshotId,
StorageTier: archive.

An archived snapshot is cheaper per GiB-month but becomes a full snapshot:
it stores all of its data, not just the changes. It has a 90-day minimum:
deleting it sooner still bills the rest of the 90 days. On AWS, getting it
back takes hours; the simulator has no restore action.

InvalidParameterValue: a StorageTier other than archive. IncorrectState:
the snapshot is pending or already archived. InvalidSnapshot.InUse: a
registered AMI uses it.

Gotcha: archiving a small incremental snapshot of a big volume can cost
more than leaving it, because the archived copy is full.`,
	},
	"DescribeSnapshots": {
		related: []string{"CreateSnapshot", "DeleteSnapshot", "DeregisterImage"},
		text: `Lists your snapshots in the caller's region, in creation order, with their
state, tier, the volume they came from, data size and stored size. It takes
no parameters, is free and changes nothing.

Stored size is what you pay for: a later incremental snapshot may store far
less than its volume holds.

It fails only for the reasons every call can fail: AuthFailure (an account
the scenario does not know) or InvalidRegion.

Gotcha: after DeregisterImage, the AMI's snapshots are still here and
still billing. Their description names the AMI they were created for,
which helps find them.`,
	},
	"CreateVolume": {
		related: []string{"AttachVolume", "CreateSnapshot", "DeleteVolume", "InvalidZone.NotFound", "IncorrectState", "InvalidParameterValue"},
		text: `Creates an EBS volume in one Availability Zone. Parameters:
AvailabilityZone (required), Size in GiB and/or SnapshotId, VolumeType
(default gp2), Iops, Throughput, Encrypted, KmsKeyId, TagSpecifications.

The volume is creating for a few seconds, then available. It bills per
provisioned GiB-month from creation, attached or not, whether you write to
it or not. A volume from an encrypted snapshot is always encrypted.

MissingParameter: no zone, or neither Size nor SnapshotId.
InvalidZone.NotFound: a zone of another region. IncorrectState: the
snapshot is still pending. InvalidParameterValue: size, type, IOPS or
throughput out of range. InvalidParameterCombination: Iops on gp2, or
KmsKeyId without Encrypted.

Gotcha: the default type is gp2, not the cheaper gp3.`,
	},
	"AttachVolume": {
		related: []string{"DetachVolume", "CreateVolume", "InvalidVolume.ZoneMismatch", "VolumeInUse", "AttachmentLimitExceeded", "TerminateInstances"},
		text: `Attaches an available volume to an instance as a device. Parameters:
Device (for example /dev/sdf), InstanceId, VolumeId. The instance must be
running or stopped and in the same Availability Zone.

The volume becomes in-use (attaching, then attached). Nothing new is
billed: the volume was billing since it was created.

InvalidVolume.ZoneMismatch: the volume is in another zone (snapshot it and
create a copy in the right one). VolumeInUse: it is already attached.
IncorrectState: it is not available yet. IncorrectInstanceState: the
instance is pending, stopping or gone. InvalidParameterValue: the device
name is taken. AttachmentLimitExceeded: too many volumes.

Gotcha: a volume attached after launch has DeleteOnTermination false: it
outlives the instance and keeps billing.`,
	},
	"DetachVolume": {
		related: []string{"AttachVolume", "DeleteVolume", "InvalidAttachment.NotFound", "IncorrectState", "IncorrectInstanceState"},
		text: `Detaches a volume from its instance. Parameters: VolumeId, and
optionally InstanceId, Device, Force. The volume is detaching for a few
seconds, then available again with all its data.

IncorrectState: the volume is not attached, or is already detaching.
InvalidAttachment.NotFound: InstanceId names an instance the volume is not
attached to. IncorrectInstanceState: it is the root volume of an instance
that is not stopped; stop the instance first.

Cost: detaching changes nothing on the bill. An available volume bills
exactly as much as an attached one.

Gotcha: detached is not deleted. Use DeleteVolume when the data is no
longer needed (snapshot it first if it might be).`,
	},
	"DeleteVolume": {
		related: []string{"DetachVolume", "CreateSnapshot", "VolumeInUse", "IncorrectState"},
		text: `Deletes an available volume. Parameter: VolumeId. The volume goes to
deleting, then is gone, and its billing stops. Its data is lost.

VolumeInUse: the volume is attached; detach it first (or, for a root
volume, terminate the instance). IncorrectState: it is still creating or
already deleting. InvalidVolume.NotFound: it is not in this region, or
already deleted.

Snapshots made from the volume are independent of it and survive; so do
volumes created from those snapshots.

Gotcha: a volume left available after a terminate or a detach is easy to
forget, and bills the same as one in use. DescribeVolumes shows them.`,
	},
	"DescribeVolumes": {
		related: []string{"CreateVolume", "DeleteVolume", "TerminateInstances"},
		text: `Lists your EBS volumes in the caller's region, in creation order, with
their zone, size, type, state, attachment and DeleteOnTermination flag. It
takes no parameters, is free and changes nothing.

States: creating, available (not attached), in-use (attached), deleting.
A volume bills from creating to deleted, whatever its state in between.

It fails only for the reasons every call can fail: AuthFailure (an account
the scenario does not know) or InvalidRegion.

Gotcha: look for available volumes after terminating instances; they are
the ones with DeleteOnTermination false, and each one still bills.`,
	},
	"CreateKeyPair": {
		related: []string{"RunInstances", "InvalidKeyPair.Duplicate", "InvalidKeyPair.NotFound"},
		text: `Creates an SSH key pair. Parameters: KeyName (1 to 255 characters),
KeyType. The name is registered in the caller's account and region; it is
what RunInstances takes as KeyName. Key pairs are free.

On AWS the private key is returned once, by this call, and can never be
downloaded again; the simulator does not model key material at all.

InvalidKeyPair.Duplicate: a key pair with this name already exists here.
InvalidParameterValue: an empty or over-long name.

Gotcha: key pairs are regional. A key created in us-east-1 does not exist
in eu-west-1, so launching there with the same KeyName fails with
InvalidKeyPair.NotFound until you create or import one there.`,
	},
	"CreateSecurityGroup": {
		related: []string{"AuthorizeSecurityGroupIngress", "RunInstances", "InvalidGroup.Duplicate", "InvalidGroup.NotFound"},
		text: `Creates a security group in the default VPC of the caller's region.
Parameters: GroupName and Description, both required. A new group allows
no inbound traffic until rules are added. Groups are free.

Every account and region also has a group named default, which
RunInstances uses when you name none.

MissingParameter: no GroupName or no Description. InvalidGroup.Duplicate:
a group with this name already exists here.

Gotcha: security groups are regional, like key pairs. In the simulator the
rules are recorded and shown but not enforced: it does not model network
traffic.`,
	},
	"AuthorizeSecurityGroupIngress": {
		related: []string{"CreateSecurityGroup", "InvalidGroup.NotFound", "InvalidPermission.Duplicate"},
		text: `Adds an inbound rule to a security group. Parameters: GroupId,
IpProtocol (tcp, udp, icmp), FromPort, ToPort, CidrIp (for example
203.0.113.7/32). On AWS the rule takes effect at once on every instance in
the group; the simulator records it without enforcing it. Rules are free.

InvalidGroup.NotFound: no such group in this region for this account.
InvalidPermission.Duplicate: the exact same rule is already there.

Gotcha: CidrIp 0.0.0.0/0 means the whole internet. Opening port 22 (SSH)
or 3389 (RDP) to it invites constant login attempts; open it to your own
address instead.`,
	},
	"CreateTags": {
		related: []string{"RunInstances", "CreateImage", "CopyImage", "InvalidID"},
		text: `Adds tags to resources, or overwrites tags with the same key. Parameters:
Resources (instance, volume, snapshot or AMI IDs, or scenario names), Tags
(Key and Value pairs). Tags are free and change no behaviour.

InvalidID: one of the resources does not exist or belongs to another
account. The whole call then fails: no resource is tagged.

Tags do not spread by themselves. Tagging an instance does not tag its
volumes; use TagSpecifications with ResourceType volume at launch for that.
CreateImage does not copy the instance's tags to the AMI, and CopyImage
copies the AMI's only with CopyImageTags: true.

Gotcha: tags are how cost reports are split, so untagged volumes and
snapshots are the ones nobody claims.`,
	},
	"CreateLifecyclePolicy": {
		related: []string{"CreateImage", "DeregisterImage", "CreateTags", "InvalidParameterValue", "MissingParameter"},
		text: `Not EC2 but Amazon Data Lifecycle Manager: an AMI policy that images tagged
instances on a schedule and retires old images. Parameters: PolicyDetails
with PolicyType IMAGE_MANAGEMENT, TargetTags, one schedule (CreateRule
Interval in HOURS, RetainRule Count), Parameters.NoReboot; State ENABLED.

Every Interval hours, starting one interval after creation, each targeted
EBS-backed instance that is running or stopped gets a CreateImage. Past
Count images per instance, the oldest is deregistered and its snapshots
deleted. The policy is free; the images' snapshots bill as usual.

InvalidParameterValue: another PolicyType, an Interval other than 1, 2, 3,
4, 6, 8, 12 or 24, a Count outside 1 to 1000, or several schedules.
MissingParameter: no TargetTags. Gotcha: unlike a plain CreateImage, a
policy does not reboot its targets unless Parameters.NoReboot is false, so
its images are crash-consistent by default.`,
	},
	"WriteData": {
		related: []string{"CreateSnapshot", "CreateImage", "StopInstances", "HostFailure"},
		text: `Not an EC2 call: it stands for software on the instance writing data.
Parameters: InstanceId, GiB, Device (default the root device; ephemeral0
and so on for an instance-store disk), Secret (the data is a credential,
such as an access key).

It lets a scenario show what survives what. Data on EBS survives reboot,
stop and start; data on instance store survives only a reboot. A snapshot
stores what was written since the previous one, so writing makes the next
snapshot bigger. EBS bills by provisioned size, so writing costs nothing.

IncorrectInstanceState: the instance is not running.
InvalidParameterValue: a negative GiB, or a device the instance lacks.

Gotcha: Secret data ends up in every image made afterwards; never bake keys
into an AMI, least of all one you share.`,
	},
	"BundleVolume": {
		related: []string{"RegisterImage", "CreateImage", "UnsupportedOperation"},
		text: `Not an EC2 call: it stands for the AMI tools that bundle the root of a
running instance-store-backed instance and upload it to S3. Parameters:
InstanceId, ImageLocation (bucket/name.manifest.xml). RegisterImage with
that ImageLocation then turns the bundle into an AMI.

The bundle bills S3 storage per GiB-month (an approximate rate) from the
moment it is uploaded; the simulator has no action that deletes it.

UnsupportedOperation: the instance is EBS-backed; use CreateImage.
IncorrectInstanceState: it is not running. InvalidParameterValue: a
location not ending in .manifest.xml, one already used, or a root holding
more than the 10 GiB an instance-store root allows.

Gotcha: this two-step, legacy path exists only for instance-store AMIs.`,
	},
	"GuestShutdown": {
		related: []string{"StopInstances", "TerminateInstances", "RunInstances", "IncorrectInstanceState"},
		text: `Not an EC2 call: it stands for the operating system shutting itself down,
as "sudo shutdown -h now" does. Parameter: InstanceId.

An EBS-backed instance then stops (running → stopping → stopped), unless
it was launched with InstanceInitiatedShutdownBehavior: terminate, in
which case it terminates. An instance-store-backed instance always
terminates, because it has no stopped state.

Billing follows the new state as for StopInstances or TerminateInstances.

IncorrectInstanceState: the instance is not running.

Gotcha: with the terminate behaviour, a routine OS shutdown destroys the
instance and every volume whose DeleteOnTermination is true.`,
	},
	"HostFailure": {
		related: []string{"RebootInstances", "StopInstances", "StartInstances", "InstanceRetirement"},
		text: `A fault: the hardware under an instance fails. Its system status check
fails (impaired) and every instance-store disk is erased. Parameter:
InstanceId.

What follows depends on the instance. EBS-backed, running, without
instance-store disks: automatic recovery moves it to new hardware after a
few minutes, with the same ID and addresses but an empty RAM. EBS-backed
with instance-store disks: no automatic recovery; stop and start it to
move it. Instance-store-backed: nothing can be saved; terminate it and
launch a new one from the AMI.

IncorrectInstanceState: the instance is already shutting-down or
terminated.

Gotcha: a reboot does not help, since it stays on the same broken host.`,
	},
	"InstanceRetirement": {
		related: []string{"StopInstances", "StartInstances", "HostFailure"},
		text: `A fault: AWS retires the hardware under an instance, now or After a delay
such as 2h or 3d (a scheduled event gives notice). Parameters:
InstanceId, After.

On the retirement date a running EBS-backed instance is stopped; it can be
started again on new hardware. An instance-store-backed instance is
terminated, and its data is gone.

IncorrectInstanceState: the instance is already shutting-down or
terminated. InvalidParameterValue: After is not a duration.

Gotcha: do not wait for the deadline. Stop and start an EBS-backed instance
yourself at a quiet moment, or replace an instance-store-backed one from
its AMI, so the outage happens when you choose.`,
	},
	"AZImpairment": {
		related: []string{"InsufficientInstanceCapacity", "RunInstances", "CreateSnapshot", "CopyImage"},
		text: `A fault: one Availability Zone is impaired for a Duration (such as 2h).
Parameters: AvailabilityZone, Duration.

Instances in the zone fail their status checks. Launches into it and starts
of stopped instances there fail with InsufficientInstanceCapacity;
launches that name no zone go to the healthy ones. EBS volumes are stuck in
their zone, but AMIs and snapshots are regional: you can launch from an AMI
or restore a snapshot in another zone while this one is down.

InvalidZone.NotFound: the zone is not in the caller's region.
InvalidParameterValue: Duration is not a positive duration.

Gotcha: a service running in one zone is down for the whole impairment.
Spreading instances over two or more zones is what keeps it up.`,
	},
	"SpotInterruption": {
		related: []string{"RunInstances", "StopInstances", "TerminateInstances", "UnsupportedOperation"},
		text: `A fault: AWS reclaims a Spot instance. Parameter: InstanceId. After a
two-minute notice the instance meets its InstanceInterruptionBehavior:
terminate (the default), stop, or hibernate; hibernation gets the notice
but no two minutes.

Spot capacity is cheaper; the simulator uses one fixed discount, an
approximation, since real Spot prices move. Stop and hibernate need
SpotInstanceType: persistent at launch, and a stopped Spot instance keeps
billing for its volumes.

UnsupportedOperation: the instance is On-Demand.
IncorrectInstanceState: it is not running.

Gotcha: two minutes is all the warning you get. Keep state off Spot
instances, or on EBS volumes that outlive them.`,
	},
	"DescribeRegions": {
		related: []string{"DescribeAvailabilityZones", "CopyImage", "InvalidParameterValue"},
		text: `Lists the regions the simulator models, each with its endpoint
(ec2.REGION.amazonaws.com) and opt-in status. Key parameters: RegionNames,
AllRegions, Filters (region-name, endpoint, opt-in-status).

A region is a separate EC2: AMIs, snapshots, key pairs and security groups
live in one region, and a call sees only the region of its endpoint. That
is why an AMI ID from us-east-1 is InvalidAMIID.NotFound in eu-west-1.

Every simulated region is one AWS enables by default (opt-in-not-required).
Prices outside us-east-1 come from a regional factor unless the catalogue
has the region's own figure, and are marked approximate.`,
	},
	"DescribeAvailabilityZones": {
		related: []string{"DescribeRegions", "DescribeSubnets", "AZImpairment", "InvalidZone.NotFound"},
		text: `Lists the Availability Zones of the caller's region (of every region with
AllAvailabilityZones). Key parameters: ZoneNames, ZoneIds, Filters
(zone-name, zone-id, region-name, state, ...).

A zone is one or more data centres; a region has several, so an
application spread over two survives the loss of one. Instances and EBS
volumes live in a zone, and a volume attaches only to an instance in its
own zone.

A zone hit by an AZImpairment fault shows as impaired. Zone IDs (use1-az1)
name the same data centres for every account; zone names (us-east-1a) are
shuffled per account on AWS. The simulator maps names to IDs in order.`,
	},
	"DescribeInstanceTypes": {
		related: []string{"RunInstances", "ModifyInstanceAttribute", "InvalidInstanceType"},
		text: `Lists instance types from the catalogue: vCPUs, memory in MiB, instance
store (disks, sizes, SSD or HDD), supported architectures, virtualization
types and root device types, and whether the type is current generation,
burstable or free-tier eligible. Key parameters: InstanceTypes, Filters
(instance-type, current-generation, processor-info.supported-architecture,
instance-storage-supported, ...), MaxResults, NextToken.

Check it before launching: an arm64 AMI needs a Graviton type (t4g, m7g),
a paravirtual AMI a previous-generation type (m1, t1, m3, c3), and an
instance-store-backed AMI a type that lists instance-store as a root
device type. A name the catalogue lacks is InvalidInstanceType.`,
	},
	"DescribeAccountAttributes": {
		related: []string{"DescribeVpcs", "VcpuLimitExceeded"},
		text: `Reads account settings that tools ask for first: supported-platforms
(VPC: EC2-Classic is gone), default-vpc (the ID of the region's default
VPC), max-instances, max-elastic-ips and
vpc-max-security-groups-per-interface.

The simulator answers from its own limits: max-instances is the vCPU quota
halved, a stand-in, since AWS counts On-Demand limits in vCPUs now (see
VcpuLimitExceeded). An unknown attribute name is InvalidParameterValue.`,
	},
	"DescribeVpcs": {
		related: []string{"DescribeSubnets", "DescribeSecurityGroups", "InvalidVpcID.NotFound"},
		text: `Lists the caller's VPCs in its region. The simulator has exactly one per
account and region: the default VPC (172.31.0.0/16), which AWS creates for
every account. Key parameters: VpcIds, Filters (vpc-id, is-default,
cidr, state, owner-id).

Every instance launches into it, in the default subnet of its zone, and
every security group belongs to it. Its ID depends only on the account and
region, so it is the same in every run.

A well-formed ID that is not the default VPC's is InvalidVpcID.NotFound; a
malformed one InvalidVpcID.Malformed.`,
	},
	"DescribeSubnets": {
		related: []string{"DescribeVpcs", "RunInstances", "InvalidSubnetID.NotFound"},
		text: `Lists the caller's subnets in its region: one default subnet per
Availability Zone, each a /20 of the default VPC (172.31.0.0/20,
172.31.16.0/20, ...), with public IPv4 addresses on launch. Key parameters:
SubnetIds, Filters (subnet-id, availability-zone, vpc-id, default-for-az).

A subnet lives in one zone, so RunInstances with SubnetId chooses the
instance's zone. AvailableIpAddressCount goes down by one for each
instance in the subnet that is not terminated.

An unknown ID is InvalidSubnetID.NotFound, a malformed one
InvalidSubnetID.Malformed.`,
	},
	"DescribeSecurityGroups": {
		related: []string{"CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "DeleteSecurityGroup", "InvalidGroup.NotFound"},
		text: `Lists the caller's security groups in its region with their rules. Key
parameters: GroupIds, GroupNames, Filters (group-id, group-name, vpc-id,
ip-permission.cidr, tag:KEY, ...), MaxResults, NextToken.

Every account has a group named default in the default VPC: it admits all
traffic from its own members and lets everything out. A new group admits
nothing until AuthorizeSecurityGroupIngress adds a rule; every group lets
all traffic out.

The simulator records rules but does not enforce them. An unknown ID or
name is InvalidGroup.NotFound (the security-group-exists waiter retries on
it); a malformed ID is InvalidGroupId.Malformed.`,
	},
	"DeleteSecurityGroup": {
		related: []string{"DescribeSecurityGroups", "CreateSecurityGroup", "DependencyViolation", "CannotDelete"},
		text: `Deletes a security group, named by GroupId or GroupName.

Two things stop it:
- the default group cannot be deleted at all (CannotDelete);
- a group an instance still uses cannot be deleted until the instance is
terminated (DependencyViolation). Stopped instances count: they keep their
groups.

Gotcha: deleting a stack in the wrong order fails here. Terminate the
instances first, wait until they are terminated, then delete the group.`,
	},
	"ImportKeyPair": {
		related: []string{"CreateKeyPair", "DescribeKeyPairs", "DeleteKeyPair", "InvalidKey.Format", "InvalidKeyPair.Duplicate"},
		text: `Registers a public key you made yourself (ssh-keygen -t ed25519) under a
name in the caller's region. Key parameters: KeyName, PublicKeyMaterial
(the OpenSSH text of the .pub file; the CLI sends it base64-encoded),
TagSpecifications.

Unlike CreateKeyPair, the private key never leaves your machine, and the
same key can be imported into every region you use: key pairs are
regional.

RSA and ED25519 keys are accepted; anything else is InvalidKey.Format. A
name already used in the region is InvalidKeyPair.Duplicate.`,
	},
	"DescribeKeyPairs": {
		related: []string{"CreateKeyPair", "ImportKeyPair", "DeleteKeyPair", "InvalidKeyPair.NotFound"},
		text: `Lists the caller's key pairs in its region: name, ID, fingerprint, type
and creation time. Key parameters: KeyNames, KeyPairIds, Filters
(key-name, key-pair-id, fingerprint, key-type, tag:KEY), IncludePublicKey.

A name or ID that is not there is InvalidKeyPair.NotFound: the
key-pair-exists waiter retries on it.

The fingerprints look like AWS's but are not computed from key material,
and no private key is ever stored: on AWS too, only the public half stays
with EC2.`,
	},
	"DeleteKeyPair": {
		related: []string{"CreateKeyPair", "ImportKeyPair", "DescribeKeyPairs", "InvalidKeyPair.NotFound"},
		text: `Deletes a key pair's name from the region, by KeyName or KeyPairId.

As on AWS, deleting a name that does not exist succeeds: the call is
idempotent. A KeyPairId that does not exist is InvalidKeyPair.NotFound.

Gotcha: instances launched with the key keep it. EC2 put the public key on
them at launch; deleting the key pair changes nothing on the instances, and
whoever holds the private key can still log in.`,
	},
	"DeleteTags": {
		related: []string{"CreateTags", "DescribeTags", "InvalidID"},
		text: `Removes tags from resources. Key parameters: Resources, Tags.

A tag given with only a Key is removed whatever its value; given with a
Value (the empty string too), it is removed only if the value matches. No
Tags at all removes every tag. A key the resource does not have is not an
error.

The call is all or nothing: one unknown resource (InvalidID) and no tag is
removed anywhere.`,
	},
	"DescribeTags": {
		related: []string{"CreateTags", "DeleteTags"},
		text: `Lists the tags of the caller's resources in its region, one entry per
tag: resource ID, resource type, key and value. Key parameters: Filters
(resource-id, resource-type, key, value, tag:KEY, tag-key), MaxResults,
NextToken.

It answers questions such as "which resources have no owner tag?" or
"what is tagged env=prod?" across instances, volumes, snapshots, AMIs,
security groups and key pairs in one call. Terraform reads an instance's
tags with it after every apply.`,
	},
	"DescribeInstanceStatus": {
		related: []string{"DescribeInstances", "HostFailure", "AZImpairment", "StopInstances"},
		text: `Answers the two status checks of the caller's instances: the system check
(the AWS hardware and network under the instance) and the instance check
(the OS answering). Key parameters: InstanceIds, IncludeAllInstances,
Filters (instance-state-name, system-status.status,
instance-status.status, ...), MaxResults, NextToken.

By default only running instances are listed: a stopped instance is simply
absent unless IncludeAllInstances is true, and then its checks are
not-applicable.

The instance check is initializing until the OS has booted (Windows takes
minutes). Both checks are impaired on failed hardware or in an impaired
zone; stop and start the instance to move it to healthy hardware.`,
	},
	"DescribeInstanceAttribute": {
		related: []string{"ModifyInstanceAttribute", "DescribeInstances"},
		text: `Reads one attribute of an instance. Key parameters: InstanceId, Attribute
(instanceType, userData, disableApiTermination, disableApiStop,
instanceInitiatedShutdownBehavior, rootDeviceName, blockDeviceMapping,
groupSet, productCodes, ebsOptimized, sourceDestCheck, enaSupport, ...).

The answer holds the instance ID and the one attribute asked for. Terraform
reads four of them after every launch, which is why they exist here.

An attribute name AWS does not know is InvalidParameterValue.`,
	},
	"ModifyInstanceAttribute": {
		related: []string{"DescribeInstanceAttribute", "StopInstances", "TerminateInstances", "IncorrectInstanceState", "InvalidInstanceAttributeValue"},
		text: `Changes one attribute of an instance per call. Key parameters: InstanceId
and one of DisableApiTermination, DisableApiStop,
InstanceInitiatedShutdownBehavior, InstanceType, UserData,
BlockDeviceMappings (DeleteOnTermination of an attached volume).

The instance type and the user data change only while the instance is
stopped (IncorrectInstanceState otherwise): stop, change, start. The new
type must run the AMI's architecture and virtualization. The protections,
the shutdown behaviour and DeleteOnTermination change in any state.

Gotcha: turn termination protection off before TerminateInstances, and
set DeleteOnTermination=false on a data volume you want to keep.`,
	},
	"DescribeImageAttribute": {
		related: []string{"ModifyImageAttribute", "DescribeImages", "AuthFailure"},
		text: `Reads one attribute of an AMI. Key parameters: ImageId, Attribute
(launchPermission, description, blockDeviceMapping, productCodes, kernel,
ramdisk, sriovNetSupport, bootMode).

launchPermission lists the accounts the image is shared with, and the group
all when it is public. Only the owner may read it: another account gets
AuthFailure, even for an image it may launch.

Use it to check a share before telling a partner it is done, and
blockDeviceMapping to see which snapshots stay billed behind an image.`,
	},
}

// codeTexts explains every error code the simulator can return (errors.go,
// plus the codes spelled as strings in instances.go and network.go).
var codeTexts = map[Code]entry{
	AuthFailure: {
		summary: "you are not allowed to use this resource, or the caller is unknown",
		related: []string{"ModifyImageAttribute", "RunInstances", "CopyImage", "DeregisterImage", "DeleteSnapshot"},
		text: `The call was refused because of who made it. On AWS it usually means bad
credentials; in the simulator it means one of these:

- the step's account is not one of the scenario's accounts;
- RunInstances or CopyImage names an AMI that is neither yours, nor
public, nor shared with your account;
- DeregisterImage or ModifyImageAttribute on an AMI another account owns;
- DeleteSnapshot on a snapshot you do not own (a public one, say).

Fix: check the step's account. To use another account's AMI, its owner
must add your account ID with ModifyImageAttribute. To change or delete a
resource, call as the account that owns it, or work on your own copy.`,
	},
	AttachmentLimitExceeded: {
		summary: "the instance has no room for another EBS volume",
		related: []string{"AttachVolume", "DetachVolume"},
		text: `AttachVolume found the instance already at its limit of attached EBS
volumes. Each instance type allows only so many attachments.

The simulator uses 27 volumes for Nitro-based types (on AWS they share 28
attachment slots with network interfaces) and 40 for older Xen-based
types.

Fix: detach volumes the instance no longer needs, or replace several small
volumes with one bigger volume. EBS volumes can grow up to 16 TiB (gp2) or
64 TiB (gp3, io2), so a lot of volumes is rarely needed.`,
	},
	ConcurrentSnapshotLimitExceeded: {
		summary: "too many snapshots of one volume are still pending",
		related: []string{"CreateSnapshot", "DescribeSnapshots"},
		text: `CreateSnapshot refused because this volume already has the maximum
number of snapshots in progress: five per volume, and only one for the
throughput-optimised st1 and cold sc1 types.

A snapshot stays pending until all of its data has been stored, which for
a big first snapshot can take a long time.

Fix: wait until a pending snapshot completes (DescribeSnapshots shows the
state), then try again. A schedule that takes a snapshot every few minutes
of a busy volume will hit this; space the snapshots out.`,
	},
	IncorrectInstanceState: {
		summary: "the instance is in the wrong state for this action",
		related: []string{"StartInstances", "StopInstances", "RebootInstances", "CreateImage", "DetachVolume", "DescribeInstances"},
		text: `The action exists, the instance exists, but not in a state that allows
the action now. Typical cases in the simulator:

- StartInstances while the instance is still stopping (wait for stopped);
- StopInstances or RebootInstances on a pending, shutting-down or
terminated instance;
- CreateImage unless running or stopped; BundleVolume unless running;
- DetachVolume of a root volume while the instance is not stopped;
- AttachVolume to an instance that is not running or stopped;
- WriteData, GuestShutdown or a Spot interruption when the instance is
not running; any fault on a terminated one.

Fix: look at the state (DescribeInstances), wait for the transition to
finish, then call again. Transitions take simulated time.`,
	},
	IncorrectState: {
		summary: "a volume or snapshot is in the wrong state for this action",
		related: []string{"CreateVolume", "AttachVolume", "DetachVolume", "DeleteVolume", "RegisterImage", "ModifySnapshotTier"},
		text: `Like IncorrectInstanceState, but for a volume or a snapshot. Typical
cases in the simulator:

- CreateVolume, RegisterImage or CopySnapshot from a snapshot that is
still pending;
- AttachVolume of a volume that is still creating, or whose KMS key your
account may not use;
- DetachVolume of a volume that is not attached, or already detaching;
- DeleteVolume while creating or deleting; CreateSnapshot of a volume
being created or deleted;
- ModifySnapshotTier of a pending or already archived snapshot.

Fix: check the state with DescribeVolumes or DescribeSnapshots and wait.`,
	},
	InsufficientInstanceCapacity: {
		summary: "no capacity for this instance type in that Availability Zone",
		related: []string{"AZImpairment", "RunInstances", "StartInstances"},
		text: `AWS had no spare hardware of the requested type in the zone. It is not
about your account: the same request may succeed elsewhere or later.

In the simulator it happens while an Availability Zone is impaired (the
AZImpairment fault): RunInstances with a Placement in that zone, or
StartInstances of a stopped instance that lives there. A stopped instance
cannot change zone, because its EBS volumes are zonal.

Fix: launch without naming a zone (healthy zones are chosen), or name
another zone. For a stopped instance: wait, or create an AMI from it (or
use its existing AMI) and launch a replacement in another zone. Trying
another instance type can also help on AWS.`,
	},
	InvalidAMIIDMalformed: {
		summary: "the ImageId does not look like an AMI ID",
		related: []string{"InvalidAMIID.NotFound", "RunInstances", "DescribeImages"},
		text: `The ImageId is not shaped like an AMI ID: ami- followed by 8 or 17
hexadecimal digits. Nothing was looked up.

In scenarios an ImageId may also be a public image alias (such as al2023)
or a name given to an earlier step's result. A misspelt alias ends up here,
and RunInstances suggests the closest alias.

Fix: correct the spelling, use the ID a CreateImage or CopyImage step
returned, or name the step's result and use that name. An ami- ID typed by
hand is easy to cut short; copy it instead.`,
	},
	InvalidAMIIDNotFound: {
		summary: "no such AMI in this region",
		related: []string{"CopyImage", "DescribeImages", "InvalidAMIID.Unavailable", "InvalidAMIID.Malformed"},
		text: `The ID is well formed, but no AMI with it exists in the region of the
call. The most common reason is the region: AMIs are regional, and an
AMI made in us-east-1 does not exist in eu-west-1. RunInstances says so
when the ID exists in another region.

Other cases: the AMI was deregistered more than about an hour ago and has
gone; CopyImage was called with the wrong SourceRegion.

Fix: use CopyImage, called in the region where you want to launch, to make
a copy there (it gets a new ID), or make the call in the AMI's own region.
Public images have a different ID in each region; scenario aliases such as
al2023 resolve to the right one.`,
	},
	InvalidAMIIDUnavailable: {
		summary: "the AMI exists but cannot be used now",
		related: []string{"CreateImage", "DeregisterImage", "InvalidAMIID.NotFound"},
		text: `The AMI exists in this region, but its state forbids the call:

- it is still pending: CreateImage, RegisterImage and CopyImage return an
ID at once, long before the image is available;
- it is deregistered, so it can no longer launch or be copied;
- it failed (for instance, its instance was terminated while CreateImage
was shutting it down).

Fix: for a pending AMI, wait until DescribeImages shows available (in a
scenario, add a step with a when condition or an after delay). A
deregistered AMI cannot come back; launch from another AMI or make a new
one. Instances launched earlier are not affected.`,
	},
	InvalidAMINameDuplicate: {
		summary: "an AMI with this name already exists in your account and region",
		related: []string{"CreateImage", "RegisterImage", "CopyImage", "DeregisterImage"},
		text: `AMI names must be unique per account and per region. CreateImage,
RegisterImage or CopyImage was given a name one of your AMIs in this region
already has.

The same name may be used in another region or by another account, and a
deregistered AMI gives its name back.

Fix: give each image a unique name, typically with a date or version in
it (web-2025-06-01, web-v42). If the old image is no longer needed,
deregister it first, and remember that its snapshots still bill until you
delete them.`,
	},
	InvalidAttachmentNotFound: {
		summary: "the volume is not attached to that instance",
		related: []string{"DetachVolume", "DescribeVolumes"},
		text: `DetachVolume named an InstanceId, but the volume is attached to a
different instance. The optional InstanceId is a safety check, and it
failed.

This usually means the scenario or the student mixed up two volumes, or
two instances, for example after a replacement instance was launched.

Fix: look at the volume's attachment in DescribeVolumes, then detach it
from the instance it is really attached to, or leave InstanceId out. A
volume that is not attached at all gives IncorrectState instead.`,
	},
	InvalidBlockDeviceMapping: {
		summary: "a block device mapping entry is wrong",
		related: []string{"RunInstances", "RegisterImage", "CreateVolume"},
		text: `An entry of BlockDeviceMappings cannot be used. Typical cases:

- an entry without DeviceName, or without Ebs, VirtualName or NoDevice;
- NoDevice on the root device, which cannot be suppressed;
- a VolumeSize smaller than the snapshot, or no size and no snapshot;
- st1 or sc1 as the root: those types cannot boot;
- an unencrypted volume from an encrypted snapshot;
- RegisterImage: no entry for RootDeviceName, a root without SnapshotId,
or a root above 64 TiB.

Fix: the message names the device. Every EBS entry needs a size or a
snapshot, and a volume may be bigger than its snapshot, never smaller.`,
	},
	InvalidInstanceIDMalformed: {
		summary: "the instance ID does not look like an instance ID",
		related: []string{"InvalidInstanceID.NotFound", "DescribeInstances"},
		text: `The InstanceId (or an entry of InstanceIds) is not shaped like an
instance ID: i- followed by 8 or 17 hexadecimal digits. Nothing was looked
up, and nothing happened to the other instances in the list.

In scenarios an instance may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling of the name, or copy the ID from the step that
launched the instance (it is in the run log) instead of typing it.`,
	},
	InvalidInstanceIDNotFound: {
		summary: "no such instance in this region for this account",
		related: []string{"DescribeInstances", "TerminateInstances", "InvalidInstanceID.Malformed"},
		text: `The ID is well formed, but no instance with it is visible to the caller.
Usual reasons:

- wrong region: instances belong to the region they were launched in;
- wrong account: another account's instances are invisible to you;
- the instance was terminated more than about an hour ago and is gone.

When a call lists several instances and one is unknown, the whole call
fails and none of them is changed.

Fix: call in the right region and account, or remove the unknown ID from
the list. DescribeInstances shows what exists.`,
	},
	InvalidKMSKeyNotFound: {
		summary: "the KMS key does not exist here or you may not use it",
		related: []string{"CopyImage", "CopySnapshot", "CreateVolume", "ModifyImageAttribute"},
		text: `A KmsKeyId (ID, ARN or alias) could not be used. Typical cases:

- the key is in another region: KMS keys are regional, so a cross-region
CopyImage or CopySnapshot needs a key of the destination region;
- the key belongs to another account that has not granted yours its use;
- there is no key by that name at all.

alias/aws/ebs, the AWS managed key, always exists in your account, but it
cannot be shared with other accounts.

Fix: name a key of the right region that your account owns or has been
granted. To share encrypted images, use a customer managed key and grant
the other account.`,
	},
	InvalidParameter: {
		summary: "a request is wrong in a way no more specific code covers",
		related: []string{"ModifyImageAttribute", "CopyImage", "InvalidKMSKey.NotFound", "InvalidParameterValue"},
		text: `A general complaint about a request, used by AWS when no more precise
code fits. In the simulator it comes from ModifyImageAttribute: sharing an
AMI whose snapshots are encrypted with the AWS managed key alias/aws/ebs
with another account. That key cannot be shared, so neither can the AMI.

Most parameter problems get a more precise code instead:
InvalidParameterValue (a value is not acceptable),
InvalidParameterCombination (values clash) or MissingParameter.

Fix: copy the AMI with CopyImage, Encrypted: true and a customer managed
KmsKeyId; grant the other account that key; share the copy.`,
	},
	InvalidParameterCombination: {
		summary: "parameters that are fine alone do not go together",
		related: []string{"CreateVolume", "CopyImage", "CopySnapshot", "RunInstances", "InvalidParameterValue"},
		text: `Each parameter is acceptable on its own, but not together with another.
Typical cases in the simulator:

- KmsKeyId without Encrypted: true;
- Iops on a gp2, st1, sc1 or standard volume, or Throughput on anything
but gp3;
- a copy or volume that would remove a snapshot's encryption
(Encrypted: false from an encrypted source), or an encrypted copy of an
instance-store AMI;
- Spot InstanceInterruptionBehavior stop or hibernate without
SpotInstanceType: persistent.

Fix: drop one of the two, or add what the other needs; the message says
which pair clashed.`,
	},
	InvalidParameterValue: {
		summary: "a parameter has a value EC2 does not accept",
		related: []string{"RunInstances", "CreateVolume", "ModifyImageAttribute", "InvalidParameterCombination", "MissingParameter"},
		text: `The most common client error: one parameter's value is wrong. The message
names it, and suggests a spelling where it can. Typical cases:

- an unknown InstanceType, VolumeType or SourceRegion; MinCount above
MaxCount;
- the AMI's architecture is not one the type supports (an arm64 AMI on an
x86_64 type, or a RegisterImage default of i386);
- a size, IOPS or throughput outside the volume type's range;
- an AMI name of the wrong length or with forbidden characters;
- ModifyImageAttribute: a bad account ID, or making a Marketplace AMI
public.

Fix: correct the value the message names.`,
	},
	InvalidSnapshotInUse: {
		summary: "a registered AMI is backed by this snapshot",
		related: []string{"DeregisterImage", "DeleteSnapshot", "ModifySnapshotTier"},
		text: `DeleteSnapshot or ModifySnapshotTier refused because a registered AMI
uses the snapshot as one of its volumes. Deleting it would leave the AMI
unable to launch, so EC2 protects it.

This is the other side of the DeregisterImage lesson: the AMI holds its
snapshots, and the snapshots outlive the AMI.

Fix: deregister the AMI first (the message names it), then delete the
snapshot. Or deregister with DeleteAssociatedSnapshots: true, which does
both. Make sure nobody still launches from the AMI: sharing it does not
stop you deregistering it.`,
	},
	InvalidSnapshotMalformed: {
		summary: "the snapshot ID does not look like a snapshot ID",
		related: []string{"InvalidSnapshot.NotFound", "DescribeSnapshots"},
		text: `The SnapshotId (or SourceSnapshotId) is not shaped like a snapshot ID:
snap- followed by 8 or 17 hexadecimal digits. Nothing was looked up.

In scenarios a snapshot may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling of the name, or use the ID the CreateSnapshot or
CopySnapshot step returned. Snapshots made by CreateImage are named in the
AMI's block device mapping; DescribeSnapshots lists them all.`,
	},
	InvalidSnapshotNotFound: {
		summary: "no such snapshot in this region that you can use",
		related: []string{"CopySnapshot", "DescribeSnapshots", "InvalidSnapshot.Malformed"},
		text: `The ID is well formed, but no snapshot you can use has it in this region.
Usual reasons:

- wrong region: snapshots are regional, so copy it first (CopySnapshot,
called in the region you want it in);
- CopySnapshot was given the wrong SourceRegion;
- it belongs to another account and is not public;
- it was deleted.

Fix: make the call in the snapshot's region, or copy it there. In a launch
block device mapping the snapshot must also be in the launch region.`,
	},
	InvalidVolumeMalformed: {
		summary: "the volume ID does not look like a volume ID",
		related: []string{"InvalidVolume.NotFound", "DescribeVolumes"},
		text: `The VolumeId is not shaped like a volume ID: vol- followed by 8 or 17
hexadecimal digits. Nothing was looked up.

In scenarios a volume may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling, or use the ID the CreateVolume step returned. The
volumes an instance got at launch are listed with the instance in
DescribeInstances, and all volumes in DescribeVolumes.`,
	},
	InvalidVolumeNotFound: {
		summary: "no such volume in this region for this account",
		related: []string{"DescribeVolumes", "TerminateInstances", "InvalidVolume.Malformed"},
		text: `The ID is well formed, but you have no volume with it in this region.
Usual reasons:

- wrong region: volumes live in one zone of one region;
- another account owns it;
- it was deleted, perhaps automatically: a volume with
DeleteOnTermination true goes when its instance is terminated.

Fix: check DescribeVolumes in the right region. If the data is still
needed and the volume is gone, a snapshot is the only way back: create a
volume from it. That is why snapshots come before risky changes.`,
	},
	InvalidVolumeZoneMismatch: {
		summary: "the volume and the instance are in different Availability Zones",
		related: []string{"AttachVolume", "CreateSnapshot", "CreateVolume"},
		text: `AttachVolume refused because an EBS volume can only be attached to an
instance in its own Availability Zone. A volume created in us-east-1a
cannot serve an instance in us-east-1b, even in the same region.

This often surprises students whose launches were spread over zones by
default: RunInstances without a Placement picks a zone for you.

Fix: snapshot the volume (CreateSnapshot; snapshots are regional), then
CreateVolume from the snapshot in the instance's zone, and attach that.
Or launch the instance with Placement in the volume's zone. Delete the old
volume afterwards, or it keeps billing.`,
	},
	InvalidZoneNotFound: {
		summary: "no such Availability Zone in this region",
		related: []string{"CreateVolume", "AZImpairment", "InvalidRegion"},
		text: `The AvailabilityZone given to CreateVolume or to the AZImpairment fault is
not a zone of the caller's region. Zone names are the region name plus a
letter, such as us-east-1a, and each region has its own set.

Most often the zone belongs to another region than the call (eu-west-1a
with a call in us-east-1), or the letter does not exist there (eu-west-1
has only a, b and c in the simulator).

Fix: use a zone of the call's region; the message suggests a close one.
For RunInstances a bad Placement zone is reported as InvalidParameterValue,
with the region's zones listed.`,
	},
	MissingParameter: {
		summary: "a required parameter is absent",
		related: []string{"InvalidParameterValue", "InvalidParameter"},
		text: `The request lacks a parameter the action needs. The message names it.
Typical cases in the simulator:

- RunInstances without ImageId;
- InstanceIds, VolumeId or SnapshotId left empty;
- CreateVolume without AvailabilityZone, or with neither Size nor
SnapshotId; io1 and io2 volumes without Iops;
- CopyImage or CopySnapshot without SourceRegion;
- RegisterImage with neither ImageLocation nor RootDeviceName;
- CreateSecurityGroup without GroupName or Description.

Fix: add the parameter. Names are case-sensitive (ImageId, not ImageID);
the scenario checker flags unknown names and suggests the right one.`,
	},
	OperationNotPermitted: {
		summary: "the instance is protected against this action",
		related: []string{"TerminateInstances", "StopInstances", "RunInstances"},
		text: `The instance is protected. TerminateInstances fails on an instance
launched with DisableApiTermination: true, and StopInstances on one
launched with DisableApiStop: true. Nothing in the call is changed, not
even the other instances in the list.

The protection only covers API and console calls: a shutdown from inside
the guest, or an AWS fault, still stops or terminates the instance.

Fix: the protection is deliberate, so make sure this is the right
instance. On AWS, turn the attribute off with ModifyInstanceAttribute and
call again; in scenarios, the flag is set at launch, so leave it out there
for instances the scenario means to remove.`,
	},
	ResourceLimitExceeded: {
		summary: "too many copies or similar operations are in progress",
		related: []string{"CopySnapshot", "CopyImage", "ConcurrentSnapshotLimitExceeded"},
		text: `AWS returns this when an account has too many of some operation in
flight at once, for example more than 20 snapshot copies into one
destination region. It is listed so scenarios can expect it; the simulator
does not limit concurrent copies, so it currently never returns it.

It differs from the quota codes: VcpuLimitExceeded is about running
capacity, ConcurrentSnapshotLimitExceeded about pending snapshots of one
volume.

Fix: wait for some of the operations in progress to complete, then retry;
spread big copy jobs over time rather than starting them all together.`,
	},
	Unsupported: {
		summary: "this instance type cannot run this AMI",
		related: []string{"RunInstances", "RegisterImage", "InvalidParameterValue"},
		text: `The request is well formed, but the combination is not supported. In the
simulator it comes from RunInstances:

- an instance-store-backed AMI on a type that cannot boot from instance
store: only some previous-generation types (m1.small, m3.medium, c3.large
here) can; current Nitro types boot from EBS only;
- a paravirtual AMI on a type that supports only hvm (most of them), or
an hvm AMI on m1.small, which supports only paravirtual.

Fix: for a legacy instance-store AMI, pick one of those old types, or
better, move to an EBS-backed AMI. For a paravirtual AMI, choose a type
that lists paravirtual, or register the image again with
VirtualizationType hvm if it really is hvm.`,
	},
	UnsupportedHibernationConfiguration: {
		summary: "hibernation is not possible for this instance",
		related: []string{"StopInstances", "RunInstances"},
		text: `Hibernation saves RAM to the root volume, so it has conditions. The
simulator checks them at launch (HibernationOptions Configured: true):

- the AMI must be EBS-backed;
- the root volume must be encrypted (Encrypted: true in its mapping);
- the type needs less than 150 GiB of memory;
- the root must hold the OS and all of RAM (an m5.large with 8 GiB of
  RAM on al2023, 2 GiB of OS, needs a root of at least 10 GiB).

StopInstances with Hibernate: true also fails on an instance launched
without hibernation: it cannot be turned on later (the 2023 AWS guide says
so; this may have changed since).

Fix: launch a new instance with hibernation configured and an encrypted
root, or use a plain stop, which loses what is in memory.`,
	},
	UnsupportedOperation: {
		summary: "this action does not apply to this kind of resource",
		related: []string{"StopInstances", "CreateImage", "BundleVolume", "CopyImage", "ModifyImageAttribute", "SpotInterruption"},
		text: `The action exists but cannot be applied to this resource at all, whatever
its state. Cases in the simulator:

- StopInstances on an instance-store-backed instance: it has no stopped
state and can only run or terminate;
- CreateImage on an instance-store-backed instance (bundle it and use
RegisterImage), or BundleVolume on an EBS-backed one (use CreateImage);
- CopyImage of another account's AWS Marketplace AMI;
- ModifyImageAttribute making an encrypted AMI public (share it with
chosen accounts instead);
- a Spot interruption of an On-Demand instance.

Fix: pick the action that fits the resource. For the first two, the real
answer is usually to move to an EBS-backed AMI.`,
	},
	VcpuLimitExceeded: {
		summary: "the account's vCPU quota for On-Demand instances is used up",
		related: []string{"RunInstances", "StartInstances", "TerminateInstances"},
		text: `Each account has a quota of vCPUs for running instances per region. The
instances that are pending or running count; stopped ones do not. A launch
or start that would go over it fails.

RunInstances launches as many as fit between MinCount and MaxCount, so it
fails only if even MinCount instances do not fit. The simulator's quota
is 5120 vCPUs unless the scenario sets another.

Fix: stop or terminate instances you do not need, choose smaller types, or
lower MinCount. On AWS a quota can be raised through Service Quotas; in a
scenario, raise the limit in the scenario file.`,
	},
	VolumeInUse: {
		summary: "the volume is attached to an instance",
		related: []string{"DetachVolume", "DeleteVolume", "AttachVolume"},
		text: `The volume is attached (in-use), and the action needs it free:

- DeleteVolume cannot delete an attached volume;
- AttachVolume cannot attach a volume that is already attached (the
simulator does not model Multi-Attach).

Fix: DetachVolume first and wait until the volume is available. For a
root volume, stop the instance before detaching it, or simply terminate the
instance: the root goes with it when its DeleteOnTermination is true.`,
	},
	InvalidRegion: {
		summary: "the region name is not one the simulator knows",
		related: []string{"InvalidZone.NotFound", "CopyImage"},
		text: `The region of the call (a step's region) is not a region of the
simulator's catalogue: us-east-1, us-west-2, eu-west-1, eu-central-1 and
ap-south-1. Every action, even a fault, checks it first.

A typo (us-east1, eu-west-01) or a zone name used as a region (us-east-1a)
are the usual causes; the message suggests the closest name.

Fix: use a region name. Regions are independent of each other: AMIs,
snapshots, key pairs and security groups made in one are not seen from
another until copied or created there. Source regions given to CopyImage
or CopySnapshot are reported as InvalidParameterValue instead.`,
	},
	"DryRunOperation": {
		summary: "DryRun: the call would have succeeded (nothing was done)",
		related: []string{"RunInstances", "StopInstances", "TerminateInstances"},
		text: `Not a real failure. The request had DryRun: true and passed every check,
so EC2 answered with this code instead of doing the work. Nothing was
created, changed or billed.

On AWS a dry run also tells you whether you have permission to call the
action; a refused dry run returns an authorisation error instead. In the
simulator, RunInstances, StartInstances, StopInstances, RebootInstances
and TerminateInstances accept DryRun.

In a scenario, expect it with expect_error: DryRunOperation. Any other
code from a dry run names the problem the real call would have hit.

Fix: nothing to fix. Call again without DryRun to do it for real.`,
	},
	"InvalidKeyPair.NotFound": {
		summary: "no key pair with this name in this region",
		related: []string{"CreateKeyPair", "RunInstances"},
		text: `RunInstances was given a KeyName that does not exist in the account and
region of the call.

Key pairs are regional: a key pair created in us-east-1 does not exist in
eu-west-1, even for the same account. Names are also case-sensitive.

Fix: create the key pair in this region first (CreateKeyPair; on AWS you
can also import the same public key there), or launch without a KeyName. Note that on AWS you keep the private key of a new key pair; if it is
lost, a new key pair is the only way in for new instances.`,
	},
	"InvalidKeyPair.Duplicate": {
		summary: "a key pair with this name already exists here",
		related: []string{"CreateKeyPair"},
		text: `CreateKeyPair was given a name already used by a key pair of this account
in this region. Names are unique per account and region.

On AWS the private key is handed out only when the key pair is created, so
re-running a script that creates a key pair fails here, and the private
key from the first run is the only one there is.

Fix: choose another name, or use the existing key pair. If its private key
is lost, create a new pair under a new name; the old one cannot be
downloaded again.`,
	},
	"InvalidGroup.NotFound": {
		summary: "no security group with this ID or name here",
		related: []string{"CreateSecurityGroup", "RunInstances", "AuthorizeSecurityGroupIngress"},
		text: `A security group named in RunInstances (SecurityGroupIds or
SecurityGroups) or in AuthorizeSecurityGroupIngress does not exist for
this account in this region.

Security groups are regional, like key pairs: a group created in us-east-1
does not exist in eu-west-1. IDs (sg-...) and names are different things:
SecurityGroupIds takes IDs or scenario names, SecurityGroups takes group
names.

Fix: create the group in this region (CreateSecurityGroup) and use the ID
it returns, or leave groups out to get the region's default group.`,
	},
	"InvalidGroup.Duplicate": {
		summary: "a security group with this name already exists here",
		related: []string{"CreateSecurityGroup"},
		text: `CreateSecurityGroup was given a name already used by a group of this
account in this region's default VPC. The name default is always taken.

This typically happens when a setup script or scenario is run twice in
the same world.

Fix: choose another name, or use the existing group (its ID is in the run
log, or name the step that created it and use that name). Adding rules to
the existing group with AuthorizeSecurityGroupIngress is often what was
meant.`,
	},
	"InvalidPermission.Duplicate": {
		summary: "this inbound rule already exists in the group",
		related: []string{"AuthorizeSecurityGroupIngress"},
		text: `AuthorizeSecurityGroupIngress was asked to add a rule the group already
has: the same protocol, port range and source CIDR. A group holds each
rule once.

It is harmless: the traffic the rule allows is already allowed. It often
shows that a setup step ran twice.

Fix: nothing needed if the rule is what you want. To change a rule (say,
narrow 0.0.0.0/0 to your own address), add the new one; on AWS you would
then revoke the old one with RevokeSecurityGroupIngress.`,
	},
	"InvalidID": {
		summary: "a resource ID given to CreateTags is unknown or not yours",
		related: []string{"CreateTags"},
		text: `CreateTags was given a resource that is not an instance, volume, snapshot
or AMI of the calling account. It may be misspelt, in another region,
another account's, or already deleted.

The call is all or nothing: because one resource was bad, none of them
were tagged.

Fix: check each ID or scenario name in Resources, and make the call in the
region and account that own them. To tag resources as they are created,
TagSpecifications on RunInstances, CreateVolume, CreateSnapshot or
CreateImage avoids a separate CreateTags step.`,
	},
	CannotDelete: {
		summary: "the default security group cannot be deleted",
		related: []string{"DeleteSecurityGroup", "DescribeSecurityGroups"},
		text: `DeleteSecurityGroup named the group called default. Every VPC has one,
created with the VPC, and it lives as long as the VPC does: nobody can
delete it.

It is also where instances go when a launch names no group. That makes
it easy to open too much by accident: rules added to default apply to
every instance launched without a group of its own.

Fix: leave it in place. To stop using it, launch with your own groups.`,
	},
	DependencyViolation: {
		summary: "the resource is still in use by another resource",
		related: []string{"DeleteSecurityGroup", "TerminateInstances"},
		text: `The resource cannot be deleted while something depends on it. Here: a
security group that an instance not yet terminated still uses.

Stopped instances count, because they keep their security groups, and so
do instances still shutting down.

Fix: terminate the instances that use the group (or, on AWS, move them to
another group), wait until they are terminated, then delete the group
again. Tools that delete a whole stack must delete in this order.`,
	},
	InvalidGroupIdMalformed: {
		summary: "the text is not shaped like a security group ID",
		related: []string{"DescribeSecurityGroups", "DeleteSecurityGroup", "InvalidGroup.NotFound"},
		text: `A security group ID is "sg-" and 8 or 17 hexadecimal digits; the value
given is not. EC2 checks the shape before it looks anything up.

It often means a group name was passed where an ID was expected: names go
in GroupNames (or GroupName), IDs in GroupIds (GroupId).

Fix: copy the ID from CreateSecurityGroup's answer or from
DescribeSecurityGroups.`,
	},
	InvalidInstanceAttributeValue: {
		summary: "the new value of an instance attribute cannot apply to this instance",
		related: []string{"ModifyInstanceAttribute", "DescribeInstanceTypes"},
		text: `ModifyInstanceAttribute was given a value the instance cannot take:
- an instance type the catalogue does not have;
- a type that cannot run the instance's AMI: another architecture (an
x86_64 AMI on a Graviton type) or virtualization (a paravirtual AMI on a
current-generation type);
- DeleteOnTermination for a device no volume is attached at.

Fix: check the type with DescribeInstanceTypes, and the devices with
DescribeInstanceAttribute blockDeviceMapping.`,
	},
	InvalidInstanceType: {
		summary: "no such instance type",
		related: []string{"DescribeInstanceTypes", "RunInstances"},
		text: `DescribeInstanceTypes was asked for a type that does not exist in the
catalogue; AWS's message lists them: "The following supplied instance
types do not exist: [...]".

Instance type names are family, generation, options and size: t3.micro,
m5d.large, c7g.large. A typo (t3.mirco) or a size the family lacks
(t2.xxlarge) gives this error.

Fix: list the types with DescribeInstanceTypes and no names, or filter
with instance-type and a wildcard such as t3.*.`,
	},
	InvalidKeyFormat: {
		summary: "the public key is not an OpenSSH RSA or ED25519 key",
		related: []string{"ImportKeyPair", "CreateKeyPair"},
		text: `ImportKeyPair was given something that is not an OpenSSH public key of a
type EC2 accepts. It takes RSA and ED25519 keys, as the one-line text of
a .pub file ("ssh-ed25519 AAAA... user@host").

Common causes: the private key file instead of the .pub; a PEM or PuTTY
format key; an ECDSA key, which EC2 does not accept.

Fix: ssh-keygen -t ed25519, then import the .pub file (the CLI takes
fileb://~/.ssh/id_ed25519.pub).`,
	},
	InvalidPaginationToken: {
		summary: "NextToken is not one this API gave out",
		related: []string{"DescribeInstances", "DescribeImages", "DescribeVolumes", "DescribeSnapshots"},
		text: `A Describe call was given a NextToken that no earlier page returned. A
token only means something to the call that produced it.

Paging works like this: ask with MaxResults; if the answer has a
NextToken, ask again with the same parameters and that token; stop when
no token comes back. The CLI and SDK paginators do it for you.

Fix: pass the token exactly as returned, or leave it out to start from
the first page.`,
	},
	InvalidSubnetIDMalformed: {
		summary: "the text is not shaped like a subnet ID",
		related: []string{"DescribeSubnets", "RunInstances"},
		text: `A subnet ID is "subnet-" and 8 or 17 hexadecimal digits; the value given
is not. EC2 checks the shape before it looks anything up.

It often means a zone name (us-east-1a) or a CIDR block was passed where
a subnet ID was expected.

Fix: list the subnets with DescribeSubnets and copy the SubnetId of the
zone you want.`,
	},
	InvalidSubnetIDNotFound: {
		summary: "no subnet with this ID in the region",
		related: []string{"DescribeSubnets", "RunInstances"},
		text: `The subnet ID is well formed but is not one of the caller's subnets in
this region. Subnets are regional and per account: an ID copied from
another region, another account or an old tutorial does not exist here.

In the simulator every account has one default subnet per zone, with IDs
that depend only on the account and the zone.

Fix: DescribeSubnets in the region you call, and use one of its IDs.`,
	},
	InvalidVpcIDMalformed: {
		summary: "the text is not shaped like a VPC ID",
		related: []string{"DescribeVpcs"},
		text: `A VPC ID is "vpc-" and 8 or 17 hexadecimal digits; the value given is
not. EC2 checks the shape before it looks anything up.

It often means a VPC's Name tag or its CIDR block was passed where the ID
was expected; to find a VPC by name, filter with tag:Name.

Fix: copy the VpcId from DescribeVpcs.`,
	},
	InvalidVpcIDNotFound: {
		summary: "no VPC with this ID in the region",
		related: []string{"DescribeVpcs", "DescribeAccountAttributes"},
		text: `The VPC ID is well formed but is not one of the caller's VPCs in this
region. VPCs are regional and per account.

The simulator has one VPC per account and region, the default VPC; its ID
depends only on the account and the region. DescribeAccountAttributes
default-vpc names it too.

Fix: DescribeVpcs in the region you call, and use its VpcId.`,
	},
}
