package model

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Topic is one teaching text: what an action does, or why an error code
// happens and how to get past it. Texts are written for this project and
// describe the simulator's behaviour, including the choices it made where
// AWS sources disagree.
type Topic struct {
	Name    string    `json:"name"`
	Kind    TopicKind `json:"kind"`
	Summary string    `json:"summary"`
	Text    string    `json:"text"`    // plain text, wrapped at TextWidth columns
	Related []string  `json:"related"` // names of other topics
}

// TopicKind says what a topic is about. Its text is shown to users
// ("StopInstances (action): ...") and is the JSON "kind", so it never changes.
type TopicKind string

// Topic kinds.
const (
	TopicAction TopicKind = "action"       // an EC2 API action
	TopicGuest  TopicKind = "guest action" // what software inside an instance does
	TopicFault  TopicKind = "fault"        // what AWS or the hardware does to you
	TopicCode   TopicKind = "error code"   // an EC2 error code
	TopicLoad   TopicKind = "load signal"  // the demand a scenario describes (SetRequestRate)
)

// TextWidth is the column a topic's text is wrapped at.
const TextWidth = 76

// topicKind maps an action kind to a topic kind: every API action (EC2's
// or another AWS service's, such as Data Lifecycle Manager) is an "action".
func topicKind(k ActionKind) TopicKind {
	switch k {
	case KindGuest:
		return TopicGuest
	case KindFault:
		return TopicFault
	case KindLoad:
		return TopicLoad
	}
	return TopicAction
}

// topicIndex is every topic, built once: the texts never change while the
// program runs, and Explain is called freely (once a frame by the TUI).
type topicIndex struct {
	all    []Topic
	names  []string
	byName map[string]int // lower-case name → index in all
}

var topics = sync.OnceValue(func() topicIndex {
	var ix topicIndex
	for _, a := range actions {
		if t, ok := actionTexts[a.Name]; ok {
			ix.all = append(ix.all, newTopic(a.Name, topicKind(a.Kind), a.Summary, t.related, t.text))
		}
	}
	for _, c := range codes {
		ix.all = append(ix.all, newTopic(string(c.Code), TopicCode, c.Summary, c.related, c.text))
	}
	ix.byName = make(map[string]int, len(ix.all))
	for i, t := range ix.all {
		ix.names = append(ix.names, t.Name)
		ix.byName[strings.ToLower(t.Name)] = i
	}
	return ix
})

func newTopic(name string, kind TopicKind, summary string, related []string, text string) Topic {
	return Topic{Name: name, Kind: kind, Summary: summary, Text: reflow(text, TextWidth), Related: slices.Clip(slices.Clone(related))}
}

// Topics lists every topic: the actions in registry order, then the error
// codes in Codes order. The slice is the caller's; the Related lists are
// shared and must not be modified.
func Topics() []Topic { return slices.Clone(topics().all) }

// Explain finds the topic of an action or error code, ignoring case. Its
// Related list is shared and must not be modified.
func Explain(name string) (Topic, bool) {
	ix := topics()
	i, ok := ix.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Topic{}, false
	}
	return ix.all[i], true
}

// TopicNames lists every topic's name, in Topics order.
func TopicNames() []string { return slices.Clone(topics().names) }

// actionText is the teaching text of one action; its summary is the
// registry's.
type actionText struct {
	related []string
	text    string
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
var actionTexts = map[string]actionText{
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
aws-marketplace or account IDs), ExecutableUsers (self, account IDs or all: explicit launch permissions only).
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
		related: []string{"CreateSecurityGroup", "RevokeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "InvalidGroup.NotFound", "InvalidPermission.Duplicate"},
		text: `Adds inbound rules to a security group, named by GroupId or, for a
group in the default VPC, by GroupName. The rules are IpPermissions (each
a protocol, a port range, and CIDR blocks in IpRanges or groups in
Groups), or one rule in the flat form: IpProtocol (tcp, udp, icmp or -1
for all traffic), FromPort, ToPort, CidrIp (for example 203.0.113.7/32).
On AWS a rule takes effect at once on every instance in the group; the
simulator records it without enforcing it. Rules are free.

InvalidGroup.NotFound: no such group in this region for this account.
InvalidPermission.Duplicate: the exact same rule is already there; then
none of the call's rules is added.

Gotcha: CidrIp 0.0.0.0/0 means the whole internet. Opening port 22 (SSH)
or 3389 (RDP) to it invites constant login attempts; open it to your own
address instead.`,
	},
	"AuthorizeSecurityGroupEgress": {
		related: []string{"RevokeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "DescribeSecurityGroups"},
		text: `Adds outbound rules to a security group, named by GroupId only (the
API takes no GroupName for egress). The rules are written as for
AuthorizeSecurityGroupIngress; a CIDR block or group is where traffic may
go rather than where it may come from.

Every new group starts with one outbound rule: all traffic (-1) to
0.0.0.0/0. Adding that rule again is InvalidPermission.Duplicate, so a
tool that manages egress rules itself (Terraform's aws_security_group)
first revokes it with RevokeSecurityGroupEgress.

Gotcha: security groups are stateful. Replies to traffic a group let in
go out whatever the outbound rules say; outbound rules only limit
connections the instance opens.`,
	},
	"RevokeSecurityGroupIngress": {
		related: []string{"AuthorizeSecurityGroupIngress", "DescribeSecurityGroups", "RevokeSecurityGroupEgress"},
		text: `Removes inbound rules from a security group, named by GroupId or, in the
default VPC, by GroupName. Name the rules exactly as they were added:
protocol, ports and CIDR block or group (a rule's description does not
matter).

A rule the group does not have is not an error in a default VPC: the call
succeeds and answers it in UnknownIpPermissions, as AWS does. Describe the
group afterwards to see what is left.

Gotcha: narrowing a rule is two calls. Authorize the narrower rule first,
then revoke the wide one, so the port is never closed in between.`,
	},
	"RevokeSecurityGroupEgress": {
		related: []string{"AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "DescribeSecurityGroups"},
		text: `Removes outbound rules from a security group, named by GroupId only.
Rules are matched as RevokeSecurityGroupIngress matches them, and one the
group does not have comes back in UnknownIpPermissions.

Revoking the default all-traffic rule (-1 to 0.0.0.0/0) leaves the group
with no outbound rule: instances in it can open no connection out, though
replies to allowed inbound traffic still flow.`,
	},
	"DescribeNetworkInterfaces": {
		related: []string{"DescribeInstances", "DeleteSecurityGroup", "InvalidNetworkInterfaceID.NotFound"},
		text: `Lists network interfaces. Key parameters: NetworkInterfaceIds, Filters
(network-interface-id, attachment.instance-id, group-id, subnet-id,
vpc-id, private-ip-address, association.public-ip, status, ...),
MaxResults, NextToken.

Every instance in a VPC gets a primary network interface (eth0) at
launch: its private address, its subnet and its security groups belong
to the interface. It is deleted with the instance, so a terminated
instance's interface is not listed. The simulator models only these
primary interfaces, one per instance.

Gotcha: a security group is in use while any interface has it, which is
why DeleteSecurityGroup fails with DependencyViolation until the
instances using it are terminated. Terraform lists the interfaces that
use a group before it deletes the group.`,
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
nothing until AuthorizeSecurityGroupIngress adds a rule, and lets all
traffic out until RevokeSecurityGroupEgress removes that rule.

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
	"CreateSnapshots": {
		related: []string{"CreateSnapshot", "CreateImage", "DescribeSnapshots"},
		text: `Snapshots every EBS volume attached to an instance at the same moment
(crash-consistent across the volumes), without rebooting it. Key
parameters: InstanceSpecification {InstanceId, ExcludeBootVolume,
ExcludeDataVolumeIds}, Description, CopyTagsFromSource (volume),
TagSpecifications.

ExcludeBootVolume leaves the root out: handy for backing up data volumes
only. Each snapshot is incremental on the previous one of its volume and
counts toward that volume's limit of snapshots in progress.

Unlike CreateImage, the result is only snapshots: no AMI to launch.`,
	},
	"ModifyVolume": {
		related: []string{"DescribeVolumesModifications", "CreateVolume", "IncorrectModificationState", "VolumeModificationRateExceeded", "InvalidParameterDependency"},
		text: `Changes a volume in place, attached or not (Elastic Volumes). Key
parameters: VolumeId, Size, VolumeType, Iops, Throughput,
MultiAttachEnabled.

A volume can only grow. The modification is modifying, then optimizing
(the new size is there; extend the file system), then completed; bigger
volumes optimize longer. The new configuration is billed from the start.
A second ModifyVolume before completed is IncorrectModificationState;
a fifth within 24 hours of the first is VolumeModificationRateExceeded.

Gotcha: shrinking is impossible; make a smaller volume and copy the data.`,
	},
	"DescribeVolumesModifications": {
		related: []string{"ModifyVolume", "DescribeVolumes"},
		text: `Lists the latest modification of your volumes: original and target
size, type, IOPS and throughput, its state (modifying, optimizing,
completed), progress, start and end time. Key parameters: VolumeIds,
Filters (modification-state, volume-id, target-volume-type, ...).

Wait for completed before modifying the same volume again.`,
	},
	"RestoreSnapshotTier": {
		related: []string{"ModifySnapshotTier", "CreateVolume", "DescribeSnapshots"},
		text: `Brings an archived snapshot back. Key parameters: SnapshotId, and
TemporaryRestoreDays (a restore for that many days) or PermanentRestore.

Restoring takes hours (up to 72) and charges a retrieval fee per GiB of
the full snapshot. A temporary restore keeps the archived copy and bills
a full standard-tier copy beside it until the days are up. A permanent
restore moves it back to the standard tier as a full snapshot; before 90
days in the archive that pays the early-deletion charge.

An archived snapshot cannot back a volume or an AMI until restored.`,
	},
	"ModifySnapshotAttribute": {
		related: []string{"DescribeSnapshotAttribute", "ModifyImageAttribute", "CopyImage", "InvalidRequest"},
		text: `Shares a snapshot's data: Attribute createVolumePermission with
CreateVolumePermission {Add, Remove} of {UserId} or {Group: all}, or
OperationType with UserIds / GroupNames.

An account given the permission can create volumes from the snapshot
and copy it. Sharing an AMI does not share its snapshots: to let a
partner copy your AMI (CopyImage), share each snapshot too, or the copy
fails with InvalidRequest.

Encrypted snapshots cannot be made public; with a customer managed key,
grant the key as well.`,
	},
	"DescribeSnapshotAttribute": {
		related: []string{"ModifySnapshotAttribute", "DescribeSnapshots"},
		text: `Reads one attribute of a snapshot you own: createVolumePermission (the
accounts, or the group all, that may use its data) or productCodes. Key
parameters: SnapshotId, Attribute.

Check it after sharing an AMI with a partner who needs to copy it:
launch permission on the AMI lets them launch it, but only this
permission on every snapshot behind it lets them copy it.`,
	},
	"DescribeInstanceCreditSpecifications": {
		related: []string{"DescribeInstanceTypes", "RunInstances", "InvalidParameterCombination"},
		text: `Reads the CPU credit option of burstable performance instances (T2, T3,
T3a, T4g). Key parameters: InstanceIds, Filters (instance-id), MaxResults,
NextToken (not together with InstanceIds).

A burstable instance earns CPU credits below its baseline and spends them
above it. With "standard" it is throttled to the baseline when the credits
run out; with "unlimited" it keeps bursting and the surplus credits are
billed. T3, T3a and T4g launch unlimited, T2 standard. ec2sim keeps each
family's default and does not meter credits.

Asked by ID it answers every instance (standard for a type that does not
burst); without IDs it lists only the unlimited ones. Terraform reads it
after every launch of a burstable type.`,
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
	"CreateLaunchTemplate": {
		related: []string{"CreateLaunchTemplateVersion", "ModifyLaunchTemplate", "RunInstances", "CreateAutoScalingGroup", "InvalidLaunchTemplateName.AlreadyExistsException"},
		text: `Creates a launch template: a named set of launch parameters, saved as
version 1, which is also the default. Key parameters: LaunchTemplateName,
VersionDescription, LaunchTemplateData (ImageId, InstanceType, KeyName,
SecurityGroupIds, BlockDeviceMappings, TagSpecifications, UserData,
InstanceMarketOptions, ...), TagSpecifications.

RunInstances launches from it with LaunchTemplate: {LaunchTemplateId or
LaunchTemplateName, Version}; Auto Scaling groups launch only from
templates (launch configurations are retired). A template is regional and
free. Nothing in it is checked until a launch uses it: a template naming a
missing AMI is created, and the launch fails.`,
	},
	"CreateLaunchTemplateVersion": {
		related: []string{"CreateLaunchTemplate", "ModifyLaunchTemplate", "DescribeLaunchTemplateVersions", "InvalidLaunchTemplateId.VersionNotFound"},
		text: `Adds a version to a template; versions are numbered and never change.
Key parameters: LaunchTemplateId or LaunchTemplateName, SourceVersion,
VersionDescription, LaunchTemplateData.

With SourceVersion the new version starts as a copy of that one and the
data given overrides it (a new AMI, say); without it, the data given is
the whole version. The default version does not move: launches and groups
that ask for $Default keep the old one until ModifyLaunchTemplate moves it,
those that ask for $Latest get the new one at their next launch.`,
	},
	"ModifyLaunchTemplate": {
		related: []string{"CreateLaunchTemplateVersion", "DescribeLaunchTemplates", "UpdateAutoScalingGroup"},
		text: `Sets a template's default version. Key parameters: LaunchTemplateId or
LaunchTemplateName, SetDefaultVersion (a number, or $Latest).

An Auto Scaling group that names the template with Version $Default uses
the new default for every launch from now on; its running instances keep
the version they were launched from. To roll the fleet onto the new
version, replace the old instances (scale out and in, or an instance
refresh on AWS).`,
	},
	"DescribeLaunchTemplates": {
		related: []string{"CreateLaunchTemplate", "DescribeLaunchTemplateVersions"},
		text: `Lists the caller's launch templates in the region, in creation order,
with their default and latest version numbers. Key parameters:
LaunchTemplateIds, LaunchTemplateNames (left out, all of them).

A template named that does not exist is an error
(InvalidLaunchTemplateId.NotFound, InvalidLaunchTemplateName.NotFoundException).
Templates are regional: one created in us-east-1 is not listed in
us-west-2.`,
	},
	"DescribeLaunchTemplateVersions": {
		related: []string{"CreateLaunchTemplateVersion", "ModifyLaunchTemplate"},
		text: `Lists versions of one template with their parameters. Key parameters:
LaunchTemplateId or LaunchTemplateName, Versions (numbers, $Latest,
$Default; left out, all of them, in version order).

Each answer says whether it is the default version. Use it to see what a
group that asks for $Default or $Latest will launch next, before you move
the default with ModifyLaunchTemplate.`,
	},
	"DeleteLaunchTemplate": {
		related: []string{"CreateLaunchTemplate", "CreateAutoScalingGroup"},
		text: `Deletes a template and every version. Key parameters: LaunchTemplateId or
LaunchTemplateName.

Instances launched from it keep running. An Auto Scaling group that names
it can no longer launch: its next launch fails, and the failure is in its
activity history.`,
	},
	"AllocateAddress": {
		related: []string{"AssociateAddress", "ReleaseAddress", "DescribeAddresses", "AddressLimitExceeded"},
		text: `Allocates an Elastic IP address: a public IPv4 address that stays the
account's until it releases it. Key parameters: Domain (vpc),
TagSpecifications.

It bills $0.005 an hour from now until ReleaseAddress, associated or not:
since February 2024 every public IPv4 address costs the same whether in
use or idle. Five per region is the default quota (AddressLimitExceeded
past it).`,
	},
	"AssociateAddress": {
		related: []string{"AllocateAddress", "DisassociateAddress", "Resource.AlreadyAssociated", "IncorrectInstanceState"},
		text: `Points an Elastic IP address at an instance. Key parameters: AllocationId
(or PublicIp), InstanceId, AllowReassociation.

The instance's automatic public address is released (it does not come
back) and the Elastic IP replaces it: the instance is billed for one
address, not two. The address stays through stop and start, and leaves
the instance when it terminates. An address already pointing elsewhere
moves only with AllowReassociation (Resource.AlreadyAssociated otherwise):
that is how a standby takes over a fixed address.`,
	},
	"DisassociateAddress": {
		related: []string{"AssociateAddress", "ReleaseAddress", "InvalidAssociationID.NotFound"},
		text: `Takes an Elastic IP address off its instance. Key parameters:
AssociationId (or PublicIp).

The address stays allocated and keeps billing: an idle address is waste
(the bill lists it). A running instance launched with an automatic public
address gets a new one, not the one it had before.`,
	},
	"ReleaseAddress": {
		related: []string{"AllocateAddress", "DisassociateAddress", "InvalidIPAddress.InUse"},
		text: `Gives an Elastic IP address back to Amazon's pool; its billing stops.
Key parameters: AllocationId (or PublicIp).

An associated address must be disassociated first (InvalidIPAddress.InUse).
Releasing is final: the IP will most likely never be yours again, so
clients and allow-lists that name it break.`,
	},
	"DescribeAddresses": {
		related: []string{"AllocateAddress", "AssociateAddress"},
		text: `Lists the caller's Elastic IP addresses in the region: public IP,
allocation ID, and the instance and association, if any. Key parameters:
AllocationIds, PublicIps.

An address without an InstanceId is idle and still billing $0.005 an hour;
so is one held by a stopped instance. The bill's Waste section lists
both.`,
	},
	"CreateAutoScalingGroup": {
		related: []string{"UpdateAutoScalingGroup", "SetDesiredCapacity", "PutScalingPolicy", "PutScheduledUpdateGroupAction", "DescribeScalingActivities", "CreateLaunchTemplate", "ValidationError"},
		text: `Creates an Auto Scaling group. Key parameters: AutoScalingGroupName,
LaunchTemplate {LaunchTemplateId or LaunchTemplateName, Version}, MinSize,
MaxSize, DesiredCapacity (default MinSize), AvailabilityZones or
VPCZoneIdentifier, HealthCheckType (EC2 or ELB), HealthCheckGracePeriod
(seconds; API default 0, console 300), DefaultInstanceWarmup,
TargetGroupARNs.

It launches until it has DesiredCapacity, evenly over its zones, skipping
a zone that cannot launch. Members go Pending → InService (registered
with the target groups) → Terminating. Every minute it replaces members
that fail a health check: EC2's always, the load balancer's only with
HealthCheckType ELB, none before the grace period after InService. When a
zone recovers it rebalances: launch in the emptiest zone, then terminate
in the fullest. The group is free; its instances bill.`,
	},
	"UpdateAutoScalingGroup": {
		related: []string{"CreateAutoScalingGroup", "SetDesiredCapacity", "ModifyLaunchTemplate"},
		text: `Changes a group: any of MinSize, MaxSize, DesiredCapacity,
LaunchTemplate, AvailabilityZones, HealthCheckType,
HealthCheckGracePeriod, DefaultInstanceWarmup, TargetGroupARNs. What the
request leaves out stays.

A desired capacity outside the new min and max is pulled inside them. A
new template or version applies to the next launches only. Setting
HealthCheckType to ELB is what makes the group replace instances whose
application fails while the instance itself is fine.`,
	},
	"SetDesiredCapacity": {
		related: []string{"UpdateAutoScalingGroup", "DescribeAutoScalingGroups", "ValidationError"},
		text: `Sets how many instances a group keeps. Key parameters:
AutoScalingGroupName, DesiredCapacity (between MinSize and MaxSize, else
ValidationError).

Scaling out launches at once, in the emptiest zones. Scaling in
terminates by the default termination policy: from the zone with the most
instances, then those on the oldest launch template version (the
simulator then picks the oldest instance where AWS picks at random). A
member registered with a target group drains for the deregistration delay
(300 s by default) before it is terminated, and bills meanwhile.`,
	},
	"DescribeAutoScalingGroups": {
		related: []string{"CreateAutoScalingGroup", "DescribeScalingActivities"},
		text: `Lists the caller's groups in the region: sizes, zones, health check type,
target groups, and each member's zone, LifecycleState (Pending,
InService, Terminating), HealthStatus and template version. Key
parameters: AutoScalingGroupNames.

A name that matches no group is simply left out of the answer, not an
error. DescribeScalingActivities says why the members are what they are.`,
	},
	"DeleteAutoScalingGroup": {
		related: []string{"UpdateAutoScalingGroup", "ResourceInUse", "ScalingActivityInProgress"},
		text: `Deletes a group. Key parameters: AutoScalingGroupName, ForceDelete.

A group that still has instances is ResourceInUse: set MinSize and
DesiredCapacity to 0 and wait, or pass ForceDelete: true, which
terminates them. Terminating a group's instance by hand does not shrink
the group: it launches a replacement.`,
	},
	"AttachLoadBalancerTargetGroups": {
		related: []string{"CreateTargetGroup", "CreateAutoScalingGroup", "DescribeTargetHealth"},
		text: `Attaches target groups to an Auto Scaling group. Key parameters:
AutoScalingGroupName, TargetGroupARNs.

The group's InService instances are registered now; every instance it
launches later is registered when it goes InService, and deregistered
(draining) when it is terminated. The target group's health checks then
run on them; the group acts on them only with HealthCheckType ELB.`,
	},
	"PutScheduledUpdateGroupAction": {
		related: []string{"SetDesiredCapacity", "PutScalingPolicy", "ValidationError"},
		text: `Schedules a change of a group's MinSize, MaxSize and DesiredCapacity.
Key parameters: AutoScalingGroupName, ScheduledActionName, StartTime (ISO
8601, UTC), Recurrence (five cron fields, UTC, e.g. "0 8 * * 1-5" for
08:00 on weekdays), MinSize, MaxSize, DesiredCapacity.

Without Recurrence it runs once at StartTime; with it, at every match
after StartTime (or now). The same name replaces an action. Use it for
load you can predict (business hours); use target tracking for load you
cannot.`,
	},
	"PutScalingPolicy": {
		related: []string{"SetRequestRate", "PutScheduledUpdateGroupAction", "CreateTargetGroup", "ValidationError"},
		text: `Creates or replaces a scaling policy. The simulator models target
tracking (PolicyType TargetTrackingScaling) on ALBRequestCountPerTarget:
TargetTrackingConfiguration {PredefinedMetricSpecification
{PredefinedMetricType: ALBRequestCountPerTarget, ResourceLabel},
TargetValue, DisableScaleIn}, EstimatedInstanceWarmup.

Each minute the capacity that holds the metric at the target is
ceil(requests per minute / TargetValue), within min and max. Like AWS's
alarms, the policy scales out after 3 minutes above the current desired
capacity and in after 15 minutes below; it never scales in while an
instance is warming up, nor with DisableScaleIn. ResourceLabel names the
target group (its ARN, scenario name or app/.../targetgroup/NAME/ID);
left out, the group's one target group. The request rate is what
SetRequestRate says.`,
	},
	"DescribeScalingActivities": {
		related: []string{"CreateAutoScalingGroup", "DescribeAutoScalingGroups"},
		text: `Lists a group's activities, newest first: each launch and termination
with its cause in AWS's words ("an instance was started in response to a
difference between desired and actual capacity", "... in response to an
ELB system health check failure"), its start and end and its status
(InProgress, Successful, Failed, with the EC2 error of a failed launch).
Key parameters: AutoScalingGroupName, MaxRecords (default 100). It is the
first place to look when a group does not do what you expect.`,
	},
	"CreateTargetGroup": {
		related: []string{"RegisterTargets", "DescribeTargetHealth", "AttachLoadBalancerTargetGroups", "DuplicateTargetGroupName"},
		text: `Creates a load-balancer target group of instances (Elastic Load
Balancing v2 API). Key parameters: Name, Protocol (HTTP), Port (80),
VpcId, HealthCheckPath (/), HealthCheckIntervalSeconds (30),
HealthyThresholdCount (5), UnhealthyThresholdCount (2); the defaults are
an Application Load Balancer's.

A target is healthy after HealthyThresholdCount checks in a row pass,
unhealthy after UnhealthyThresholdCount fail. A check passes while the
instance is running, booted, with an ok status check and an application
that answers. The load balancer in front is not modelled, nor billed.`,
	},
	"RegisterTargets": {
		related: []string{"CreateTargetGroup", "DeregisterTargets", "DescribeTargetHealth", "InvalidTarget"},
		text: `Registers instances with a target group. Key parameters: TargetGroupArn,
Targets [{Id, Port}].

Each target starts initial and becomes healthy after
HealthyThresholdCount passing checks: 2.5 minutes with the defaults (5
checks, 30 s apart). An Auto Scaling group with the target group attached
registers and deregisters its instances for you, which is how a fleet
should be run.`,
	},
	"DeregisterTargets": {
		related: []string{"RegisterTargets", "DescribeTargetHealth"},
		text: `Deregisters instances from a target group. Key parameters:
TargetGroupArn, Targets.

Each target drains (state draining, Target.DeregistrationInProgress) for
the deregistration delay, 300 seconds by default, so requests in flight
can finish; then it leaves the group. An Auto Scaling group waits for the
drain before it terminates a scaled-in instance.`,
	},
	"DescribeTargetHealth": {
		related: []string{"CreateTargetGroup", "RegisterTargets", "ApplicationFailure", "UpdateAutoScalingGroup"},
		text: `Answers the health of a target group's targets. Key parameters:
TargetGroupArn, Targets. Each has a State (initial, healthy, unhealthy,
unused, draining) and a Reason: Elb.InitialHealthChecking,
Target.ResponseCodeMismatch (the application answers with an error),
Target.Timeout (the instance does not answer: booting, or impaired),
Target.InvalidState (stopped or terminated), Target.DeregistrationInProgress.

An unhealthy target gets no requests, but it is not replaced unless an
Auto Scaling group with HealthCheckType ELB owns it.`,
	},
	"SetRequestRate": {
		related: []string{"PutScalingPolicy", "CreateTargetGroup"},
		text: `Not an AWS call: the scenario's statement of how much traffic reaches a
target group from now on. Parameters: TargetGroupArn, RequestsPerMinute,
or HourlyRequestsPerMinute (24 values, one per hour of the UTC day,
repeating every day).

Target-tracking policies on ALBRequestCountPerTarget read it: with 6000
requests a minute and a target of 1000 per instance, the group wants 6
instances.`,
	},
	"ApplicationFailure": {
		related: []string{"DescribeTargetHealth", "UpdateAutoScalingGroup", "CreateAutoScalingGroup"},
		text: `The application on a running instance stops answering (a crash, a hung
process). Parameter: InstanceId.

The instance stays running and its EC2 status checks stay ok, so an Auto
Scaling group with EC2 health checks sees nothing wrong. Its target
group's checks fail: after UnhealthyThresholdCount of them it is
unhealthy, and a group with HealthCheckType ELB replaces it. A stop and
start brings the application back.`,
	},
	// Purchasing options, placement groups and metadata options.
	"DescribeReservedInstancesOfferings": {
		related: []string{"PurchaseReservedInstancesOffering", "DescribeReservedInstances", "InvalidReservedInstancesOfferingId"},
		text: `Lists the Reserved Instances for sale for one InstanceType in the caller's
Region: standard and convertible, 1 and 3 years, No, Partial and All
Upfront. Filters: ProductDescription (Linux/UNIX, Windows, SUSE Linux),
InstanceTenancy, OfferingClass, OfferingType, Min/MaxDuration (seconds);
AvailabilityZone lists zonal RIs for that zone instead of regional ones.

Each offering has a FixedPrice (paid at purchase) and a UsagePrice (per
hour, for every hour of the term). Its effective rate is FixedPrice spread
over the term's hours plus UsagePrice. The simulator's prices are On-Demand
times a discount table (catalog.yaml), approximate but the same in every run.

In a scenario, name this step and pass the name to
PurchaseReservedInstancesOffering: filter until one offering is listed.`,
	},
	"PurchaseReservedInstancesOffering": {
		related: []string{"DescribeReservedInstancesOfferings", "DescribeReservedInstances", "CreateSavingsPlan", "InvalidReservedInstancesOfferingId"},
		text: `Buys InstanceCount RIs of an offering. An RI is a billing discount, not an
instance: the upfront part is billed now and the recurring part every
hour of the term, used or not. A running instance of the same type,
Region (and zone, for a zonal RI), platform and tenancy is then billed at
$0 on its own line; the RI's lines carry the cost. Spot is never covered.

When a covered instance stops, its slot passes at once to the earliest
launched matching instance still running On-Demand. RIs apply before
Savings Plans. Simplifications: the benefit moves per second, not per
clock-hour, and regional RIs match the exact type (AWS spreads Linux RIs
over sizes of a family). Zonal RIs reserve capacity on AWS; here only
Capacity Reservations do.`,
	},
	"DescribeReservedInstances": {
		related: []string{"PurchaseReservedInstancesOffering", "DescribeReservedInstancesOfferings"},
		text: `Lists the caller's Reserved Instances in its Region, oldest first:
instance type, scope (Region or a zone), platform, tenancy, class, payment
option, term, InstanceCount and state (active, then retired when the term
ends, when its recurring charge stops).

An RI that covers no running instance still bills its recurring charge:
an unused RI is waste. A scenario check reads its in_use field (how many
running instances it covers now) and compares it with count.`,
	},
	"DescribeSavingsPlansOfferings": {
		related: []string{"CreateSavingsPlan", "DescribeSavingsPlans", "ValidationException"},
		text: `The Savings Plans API (not EC2's): lists the plans for sale. planTypes:
Compute (any EC2 instance in any Region, family, size, OS or tenancy) or
EC2Instance (one instanceFamily in one Region, a bigger discount).
durations in seconds (31536000 or 94608000), paymentOptions (No, Partial
or All Upfront). EC2 Instance plans are listed for productRegion, or the
caller's Region.

A plan's rates are On-Demand times the discount table of catalog.yaml
(approximate). In a scenario, name this step and pass the name to
CreateSavingsPlan as savingsPlanOfferingId.`,
	},
	"CreateSavingsPlan": {
		related: []string{"DescribeSavingsPlansOfferings", "DescribeSavingsPlans", "PurchaseReservedInstancesOffering", "ResourceNotFoundException"},
		text: `Commits to commitment dollars an hour of compute for the term. The
commitment is billed every hour whether used or not (All Upfront pays it
all at purchase, Partial Upfront half). Eligible running instances are
charged against it at their Savings Plan rates and billed $0 on their own
lines; usage beyond the commitment is On-Demand.

RIs apply first, then EC2 Instance plans, then Compute plans; older
instances are covered first. Simplification: the simulator covers whole
instances only. One whose rate does not fit in what is left of the
commitment runs fully On-Demand, where AWS would cover part of it.`,
	},
	"DescribeSavingsPlans": {
		related: []string{"CreateSavingsPlan", "DescribeSavingsPlansOfferings"},
		text: `Lists the caller's Savings Plans, oldest first, from any Region: plans
are account-wide, and a Compute plan covers instances in every Region.
Each shows its type, term, payment option, hourly commitment and state.

Scenario checks read a plan's used field (the Savings Plan rates of the
instances it covers now, per hour) and commitment: a plan whose used stays
well under its commitment is paid for and wasted, the usual reason to buy
a smaller commitment and leave the peaks On-Demand.`,
	},
	"CreateCapacityReservation": {
		related: []string{"CancelCapacityReservation", "DescribeCapacityReservations", "RunInstances", "ReservationCapacityExceeded", "InsufficientInstanceCapacity"},
		text: `Reserves capacity for InstanceCount instances of one InstanceType,
InstancePlatform and Tenancy in one AvailabilityZone. It is billed at the
On-Demand rate for every slot no instance uses, from now until it is
cancelled or reaches its EndDate (EndDateType limited). An instance in a
slot is billed as usual, so a used slot costs nothing extra.

InstanceMatchCriteria open (default): matching launches that do not opt
out (CapacityReservationPreference none) use it automatically, and so do
matching instances already running. targeted: only launches that name it
in CapacityReservationSpecification. Unlike an RI it is no discount and
has no term. InsufficientInstanceCapacity: the zone is impaired.`,
	},
	"CancelCapacityReservation": {
		related: []string{"CreateCapacityReservation", "DescribeCapacityReservations"},
		text: `Cancels a Capacity Reservation: its billing stops at once and its
instances go on running as ordinary On-Demand instances, with no capacity
guarantee any more. A cancelled reservation stays in
DescribeCapacityReservations with state cancelled.

This is the fix when a bill shows "capacity reservation, unused" lines:
reserved capacity nobody runs on costs the full On-Demand rate.
IncorrectState: it is already cancelled or expired.`,
	},
	"DescribeCapacityReservations": {
		related: []string{"CreateCapacityReservation", "CancelCapacityReservation"},
		text: `Lists the caller's Capacity Reservations in its Region, oldest first:
type, platform, zone, tenancy, match criteria, TotalInstanceCount,
AvailableInstanceCount (slots no pending or running instance holds) and
state (active, cancelled, expired).

An instance holds its slot while pending or running; a stop gives it back
and a start takes one again if there is room. Scenario checks read the
reservation's available and used fields.`,
	},
	"CreatePlacementGroup": {
		related: []string{"RunInstances", "DescribePlacementGroups", "DeletePlacementGroup", "InvalidPlacementGroup.Duplicate"},
		text: `Creates a placement group (free). Strategy cluster packs instances close
together in one zone for low latency and high throughput: all of them in
the zone of the first, and capacity errors are likelier for later
additions, so launch them together. spread puts each instance on its own
rack: at most 7 running instances per zone per group, several zones
allowed. partition splits instances into 1 to 7 partitions per zone
(PartitionCount, default 2) that share no racks, for HDFS, Cassandra,
Kafka.

Launch into it with RunInstances Placement.GroupName (and
PartitionNumber). A Spot instance that stops or hibernates when
interrupted cannot join a placement group.`,
	},
	"DeletePlacementGroup": {
		related: []string{"CreatePlacementGroup", "TerminateInstances", "InvalidPlacementGroup.InUse", "InvalidPlacementGroup.Unknown"},
		text: `Deletes a placement group by GroupName. Every instance in it must be
terminated first: stopped instances still belong to the group, and the
call fails with InvalidPlacementGroup.InUse.

An instance cannot be moved out of a group while it runs; on AWS, stop it
and change its placement with ModifyInstancePlacement (not modelled), or
launch replacements elsewhere.`,
	},
	"DescribePlacementGroups": {
		related: []string{"CreatePlacementGroup", "DeletePlacementGroup"},
		text: `Lists the caller's placement groups in its Region (or those named by
GroupNames or GroupIds): name, ID, strategy, partition count, spread
level and state.

The instances in a group show it in DescribeInstances (PlacementGroup and
PartitionNumber); a scenario check reads the group's instances field and
an instance's placement_group and partition fields.`,
	},
	"ModifyInstanceMetadataOptions": {
		related: []string{"RunInstances", "DescribeInstances", "IncorrectInstanceState"},
		text: `Changes an instance's metadata options without a reboot. HttpTokens
required allows only IMDSv2 (a PUT for a session token first), which
blocks the SSRF attacks that read credentials through IMDSv1's plain
GETs; optional also answers IMDSv1. HttpEndpoint disabled turns the
service off. HttpPutResponseHopLimit (1 to 64): 1 keeps tokens from
leaving the instance; containers need 2.

The same options can be set at launch with RunInstances MetadataOptions.
Without them the simulator uses optional, enabled, 1 (AWS defaults to
required for AMIs whose ImdsSupport is v2.0, which is not modelled).`,
	},
	"EnableImageDeprecation": {
		related: []string{"DisableImageDeprecation", "DescribeImages", "DisableImage"},
		text: `Deprecates an AMI from DeprecateAt (UTC, rounded to the minute; not in
the past, at most ten years ahead). A deprecated AMI still launches for
everyone allowed to launch it, the owner and accounts that name its ID
included; existing instances are unaffected.

What changes is visibility: DescribeImages stops listing it to accounts
other than the owner unless they pass IncludeDeprecated or its ImageId.
It is how a team retires an old golden image without breaking the
automation that pins its ID. To stop launches too, DisableImage.`,
	},
	"DisableImageDeprecation": {
		related: []string{"EnableImageDeprecation", "DescribeImages"},
		text: `Cancels an AMI's deprecation, whether it is already deprecated or only
scheduled: the AMI is listed to everyone allowed to launch it again.

Only the owner can call it. It changes nothing about who may launch the
AMI: launch permissions are ModifyImageAttribute's business, and a
deprecated AMI was launchable all along.`,
	},
	"DisableImage": {
		related: []string{"EnableImage", "EnableImageDeprecation", "DeregisterImage", "InvalidAMIID.Unavailable"},
		text: `Disables an available AMI you own: its state becomes disabled and nobody,
the owner included, can launch it (InvalidAMIID.Unavailable). It is made
private and every launch permission is removed, so the accounts it was
shared with lose it; running instances are unaffected and its snapshots
keep billing.

Only the owner lists it, with DescribeImages IncludeDisabled.
EnableImage brings it back as a private AMI: the lost launch permissions
do not come back. Disabling is the reversible step before deregistering.`,
	},
	"EnableImage": {
		related: []string{"DisableImage", "ModifyImageAttribute"},
		text: `Re-enables a disabled AMI: available again, launchable and listed to its
owner. The accounts that lost access when it was disabled do not regain
it automatically: share it again with ModifyImageAttribute.

IncorrectState: the AMI is not disabled. Only the owner can call it, as
only the owner could disable it.`,
	},
	"EnableImageBlockPublicAccess": {
		related: []string{"DisableImageBlockPublicAccess", "GetImageBlockPublicAccessState", "ModifyImageAttribute", "OperationNotPermitted"},
		text: `Turns on block public access for AMIs in the caller's Region, with
ImageBlockPublicAccessState block-new-sharing. From then on
ModifyImageAttribute refuses to make any of the account's AMIs public
(OperationNotPermitted); sharing with chosen accounts still works, and
AMIs that are already public stay public.

It takes up to ten minutes (timing image-block-public-access/apply):
until then GetImageBlockPublicAccessState still answers unblocked and a
public share still succeeds. It is a per-Region setting: turn it on in
every Region you use.`,
	},
	"DisableImageBlockPublicAccess": {
		related: []string{"EnableImageBlockPublicAccess", "GetImageBlockPublicAccessState"},
		text: `Turns block public access for AMIs off in the caller's Region, so AMIs can
be made public again. Like turning it on, it takes up to ten minutes:
GetImageBlockPublicAccessState answers block-new-sharing until it has
taken effect.

Making an AMI public publishes everything on its snapshots; check for
secrets before you do.`,
	},
	"GetImageBlockPublicAccessState": {
		related: []string{"EnableImageBlockPublicAccess", "DisableImageBlockPublicAccess"},
		text: `Reports block public access for AMIs in the caller's Region as it is in
force now: block-new-sharing or unblocked. After an Enable or Disable
call it reports the old state until the change has taken effect, up to
ten minutes later.

It is per account and per Region: a value read in us-east-1 says nothing
about eu-west-1.`,
	},
	"EnableEbsEncryptionByDefault": {
		related: []string{"DisableEbsEncryptionByDefault", "GetEbsEncryptionByDefault", "ModifyEbsDefaultKmsKeyId", "CreateVolume", "RunInstances"},
		text: `Turns on EBS encryption by default in the caller's Region, at once. Every
new volume (CreateVolume, the volumes a launch creates) and every snapshot
copy is then encrypted whatever the request's Encrypted says, with the
account's default key: aws/ebs unless ModifyEbsDefaultKmsKeyId chose a
customer managed key.

Existing volumes and snapshots stay as they are: to encrypt one, snapshot
it and copy the snapshot. It is per Region. Gotcha: AMIs encrypted with
aws/ebs cannot be shared with other accounts; choose a customer managed
key if you share.`,
	},
	"DisableEbsEncryptionByDefault": {
		related: []string{"EnableEbsEncryptionByDefault", "GetEbsEncryptionByDefault"},
		text: `Turns EBS encryption by default off in the caller's Region: new volumes
are encrypted only when the request asks (or their snapshot is
encrypted). Volumes already encrypted stay encrypted; encryption can never
be removed from a volume or a snapshot.

A Service Control Policy can stop accounts from turning it off
(ec2:DisableEbsEncryptionByDefault); not modelled.`,
	},
	"GetEbsEncryptionByDefault": {
		related: []string{"EnableEbsEncryptionByDefault", "GetEbsDefaultKmsKeyId"},
		text: `Reports whether EBS encryption by default is on in the caller's Region
(EbsEncryptionByDefault true or false). It is off until turned on in each
Region of each account.

A scenario check reads it through the encrypted field of a volume created
after the call: the setting changes nothing that already exists.`,
	},
	"ModifyEbsDefaultKmsKeyId": {
		related: []string{"GetEbsDefaultKmsKeyId", "EnableEbsEncryptionByDefault", "InvalidKMSKey.NotFound"},
		text: `Chooses the KMS key (KmsKeyId: an alias or key ID in the caller's Region)
that EBS uses for a volume or copy encrypted without a KmsKeyId, whether
encryption by default is on or not. Until then it is the account's AWS
managed key, aws/ebs.

A customer managed key can be granted to other accounts, so AMIs built on
its volumes can be shared; aws/ebs cannot.`,
	},
	"GetEbsDefaultKmsKeyId": {
		related: []string{"ModifyEbsDefaultKmsKeyId", "GetEbsEncryptionByDefault"},
		text: `Names the KMS key a volume or snapshot copy encrypted without a KmsKeyId
gets in the caller's Region: the key ModifyEbsDefaultKmsKeyId chose, or
the account's aws/ebs key.

The aws/ebs key is created on first use; this call names it even before
any volume has used it.`,
	},
	"CreateRule": {
		related: []string{"ListRules", "DeleteRule", "ListSnapshotsInRecycleBin", "ListImagesInRecycleBin", "ValidationException"},
		text: `The Recycle Bin API (rbin): creates a retention rule for ResourceType
EBS_SNAPSHOT or EC2_IMAGE in the caller's Region, with a RetentionPeriod
of 1 to 365 DAYS. Without ResourceTags it covers every resource of the
type (a Region-level rule); with them, resources carrying one of the tags.

From then on, a deleted snapshot or deregistered AMI it covers goes to the
Recycle Bin instead of being deleted: recoverable until the retention ends,
then deleted for good. Where several rules match, the longest retention
wins. A snapshot in the bin bills at its usual storage rate.`,
	},
	"ListRules": {
		related: []string{"CreateRule", "DeleteRule"},
		text: `Lists the caller's Recycle Bin rules for one ResourceType (EBS_SNAPSHOT
or EC2_IMAGE) in its Region: identifier, description, retention period,
resource tags and status.

Rules are regional: a rule in us-east-1 keeps nothing deleted in
us-west-2. A scenario check reads a rule's retained field: how many
resources it keeps in the bin now.`,
	},
	"DeleteRule": {
		related: []string{"CreateRule", "ListRules", "ResourceNotFoundException"},
		text: `Deletes a Recycle Bin rule by Identifier. Resources it already keeps stay
in the bin until their retention ends; only later deletions are no longer
retained.

On AWS a rule can be locked against deletion (LockConfiguration); the
simulator does not model locks. ResourceNotFoundException: no such rule in
this account and Region.`,
	},
	"ListSnapshotsInRecycleBin": {
		related: []string{"RestoreSnapshotFromRecycleBin", "CreateRule", "DeleteSnapshot"},
		text: `Lists the caller's snapshots that the Recycle Bin keeps in its Region:
ID, description, RecycleBinEnterTime (deletion) and RecycleBinExitTime
(when it is deleted for good).

They no longer appear in DescribeSnapshots and cannot be used or copied,
but each still bills its storage at its usual rate.`,
	},
	"RestoreSnapshotFromRecycleBin": {
		related: []string{"ListSnapshotsInRecycleBin", "RestoreImageFromRecycleBin", "InvalidSnapshot.NotFound"},
		text: `Brings a snapshot back from the Recycle Bin: it is recovering for a short
while (timing recycle-bin/restore), then completed and usable again, with
its ID, data and tags. Billing never stopped.

InvalidSnapshot.NotFound: it is not in the bin (never deleted, deleted
without a matching rule, or its retention ran out). Restore an AMI's
snapshots before the AMI itself.`,
	},
	"ListImagesInRecycleBin": {
		related: []string{"RestoreImageFromRecycleBin", "CreateRule", "DeregisterImage"},
		text: `Lists the caller's deregistered AMIs that the Recycle Bin keeps in its
Region: ID, description and when each entered and will leave the bin.

An AMI in the bin cannot launch and is not in DescribeImages. Its
snapshots are separate resources: unless a snapshot rule keeps them too,
deleting them (DeleteAssociatedSnapshots) deletes them for good.`,
	},
	"RestoreImageFromRecycleBin": {
		related: []string{"ListImagesInRecycleBin", "RestoreSnapshotFromRecycleBin", "IncorrectState", "InvalidAMIID.NotFound"},
		text: `Brings an AMI back from the Recycle Bin: available again with its ID,
block device mapping and launch permissions.

Its snapshots must exist: if they were deleted into the bin, restore them
first (IncorrectState otherwise); if they were deleted for good, the AMI
cannot come back. InvalidAMIID.NotFound: it is not in the bin.`,
	},
}
