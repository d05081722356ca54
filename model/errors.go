package model

import (
	"errors"
	"fmt"
	"slices"
)

// Code is an EC2 API error code, spelled exactly as AWS returns it. The set
// only grows: scenarios and tests match on these strings, so a code is never
// renamed or removed. Every code the model returns is a constant below with
// a row in codes; AWS lists its codes, their meaning and whether they are
// the client's or the server's fault on
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
type Code string

// Error codes the simulated API can return. New codes go at the end, each
// with its row in codes.
const (
	AuthFailure                            Code = "AuthFailure"
	AttachmentLimitExceeded                Code = "AttachmentLimitExceeded"
	ConcurrentSnapshotLimitExceeded        Code = "ConcurrentSnapshotLimitExceeded"
	IncorrectInstanceState                 Code = "IncorrectInstanceState"
	IncorrectState                         Code = "IncorrectState"
	InsufficientInstanceCapacity           Code = "InsufficientInstanceCapacity"
	InvalidAMIIDMalformed                  Code = "InvalidAMIID.Malformed"
	InvalidAMIIDNotFound                   Code = "InvalidAMIID.NotFound"
	InvalidAMIIDUnavailable                Code = "InvalidAMIID.Unavailable"
	InvalidAMINameDuplicate                Code = "InvalidAMIName.Duplicate"
	InvalidAttachmentNotFound              Code = "InvalidAttachment.NotFound"
	InvalidBlockDeviceMapping              Code = "InvalidBlockDeviceMapping"
	InvalidInstanceIDMalformed             Code = "InvalidInstanceID.Malformed"
	InvalidInstanceIDNotFound              Code = "InvalidInstanceID.NotFound"
	InvalidKMSKeyNotFound                  Code = "InvalidKMSKey.NotFound"
	InvalidParameter                       Code = "InvalidParameter"
	InvalidParameterCombination            Code = "InvalidParameterCombination"
	InvalidParameterValue                  Code = "InvalidParameterValue"
	InvalidSnapshotInUse                   Code = "InvalidSnapshot.InUse"
	InvalidSnapshotMalformed               Code = "InvalidSnapshot.Malformed"
	InvalidSnapshotNotFound                Code = "InvalidSnapshot.NotFound"
	InvalidVolumeMalformed                 Code = "InvalidVolume.Malformed"
	InvalidVolumeNotFound                  Code = "InvalidVolume.NotFound"
	InvalidVolumeZoneMismatch              Code = "InvalidVolume.ZoneMismatch"
	InvalidZoneNotFound                    Code = "InvalidZone.NotFound"
	MissingParameter                       Code = "MissingParameter"
	OperationNotPermitted                  Code = "OperationNotPermitted"
	ResourceLimitExceeded                  Code = "ResourceLimitExceeded"
	Unsupported                            Code = "Unsupported"
	UnsupportedHibernationConfiguration    Code = "UnsupportedHibernationConfiguration"
	UnsupportedOperation                   Code = "UnsupportedOperation"
	VcpuLimitExceeded                      Code = "VcpuLimitExceeded"
	VolumeInUse                            Code = "VolumeInUse"
	InvalidRegion                          Code = "InvalidRegion"
	DryRunOperation                        Code = "DryRunOperation"
	InvalidKeyPairNotFound                 Code = "InvalidKeyPair.NotFound"
	InvalidKeyPairDuplicate                Code = "InvalidKeyPair.Duplicate"
	InvalidGroupNotFound                   Code = "InvalidGroup.NotFound"
	InvalidGroupDuplicate                  Code = "InvalidGroup.Duplicate"
	InvalidPermissionDuplicate             Code = "InvalidPermission.Duplicate"
	InvalidID                              Code = "InvalidID"
	CannotDelete                           Code = "CannotDelete"
	DependencyViolation                    Code = "DependencyViolation"
	InvalidGroupIdMalformed                Code = "InvalidGroupId.Malformed"
	InvalidInstanceAttributeValue          Code = "InvalidInstanceAttributeValue"
	InvalidInstanceType                    Code = "InvalidInstanceType"
	InvalidKeyFormat                       Code = "InvalidKey.Format"
	InvalidPaginationToken                 Code = "InvalidPaginationToken"
	InvalidSubnetIDMalformed               Code = "InvalidSubnetID.Malformed"
	InvalidSubnetIDNotFound                Code = "InvalidSubnetID.NotFound"
	InvalidVpcIDMalformed                  Code = "InvalidVpcID.Malformed"
	InvalidVpcIDNotFound                   Code = "InvalidVpcID.NotFound"
	AddressLimitExceeded                   Code = "AddressLimitExceeded"
	AlreadyExists                          Code = "AlreadyExists"
	DuplicateTargetGroupName               Code = "DuplicateTargetGroupName"
	InvalidAddressNotFound                 Code = "InvalidAddress.NotFound"
	InvalidAllocationIDNotFound            Code = "InvalidAllocationID.NotFound"
	InvalidAssociationIDNotFound           Code = "InvalidAssociationID.NotFound"
	InvalidIPAddressInUse                  Code = "InvalidIPAddress.InUse"
	InvalidLaunchTemplateIdMalformed       Code = "InvalidLaunchTemplateId.Malformed"
	InvalidLaunchTemplateIdNotFound        Code = "InvalidLaunchTemplateId.NotFound"
	InvalidLaunchTemplateIdVersionNotFound Code = "InvalidLaunchTemplateId.VersionNotFound"
	InvalidLaunchTemplateNameAlreadyExists Code = "InvalidLaunchTemplateName.AlreadyExistsException"
	InvalidLaunchTemplateNameMalformed     Code = "InvalidLaunchTemplateName.MalformedException"
	InvalidLaunchTemplateNameNotFound      Code = "InvalidLaunchTemplateName.NotFoundException"
	InvalidTarget                          Code = "InvalidTarget"
	ResourceAlreadyAssociated              Code = "Resource.AlreadyAssociated"
	ResourceInUse                          Code = "ResourceInUse"
	ScalingActivityInProgress              Code = "ScalingActivityInProgress"
	TargetGroupNotFound                    Code = "TargetGroupNotFound"
	ValidationError                        Code = "ValidationError"
	InvalidRequest                         Code = "InvalidRequest"
	InvalidAMIAttributeItemValue           Code = "InvalidAMIAttributeItemValue"
	InvalidParameterDependency             Code = "InvalidParameterDependency"
	IncorrectModificationState             Code = "IncorrectModificationState"
	VolumeModificationRateExceeded         Code = "VolumeModificationRateExceeded"
	// The wire protocol's (ec2sim serve): what EC2 answers a request it
	// cannot read, before any action runs.
	MissingAction                      Code = "MissingAction"
	InvalidAction                      Code = "InvalidAction"
	NotImplemented                     Code = "NotImplemented"
	UnknownParameter                   Code = "UnknownParameter"
	MalformedQueryString               Code = "MalformedQueryString"
	IdempotentParameterMismatch        Code = "IdempotentParameterMismatch"
	InternalError                      Code = "InternalError"
	RequestEntityTooLarge              Code = "RequestEntityTooLarge"
	InvalidNetworkInterfaceIDMalformed Code = "InvalidNetworkInterfaceID.Malformed"
	InvalidNetworkInterfaceIDNotFound  Code = "InvalidNetworkInterfaceID.NotFound"
)

// Codes of the purchasing options, placement groups and Recycle Bin
// (purchasing.go, capacityreservations.go, placement.go, recyclebin.go).
const (
	InvalidReservedInstancesOfferingId   Code = "InvalidReservedInstancesOfferingId"
	InvalidCapacityReservationIdNotFound Code = "InvalidCapacityReservationId.NotFound"
	ReservationCapacityExceeded          Code = "ReservationCapacityExceeded"
	InvalidPlacementGroupDuplicate       Code = "InvalidPlacementGroup.Duplicate"
	InvalidPlacementGroupUnknown         Code = "InvalidPlacementGroup.Unknown"
	InvalidPlacementGroupInUse           Code = "InvalidPlacementGroup.InUse"
	ValidationException                  Code = "ValidationException"       // the rbin and savingsplans APIs
	ResourceNotFoundException            Code = "ResourceNotFoundException" // the rbin and savingsplans APIs
)

// Error is what a failed API call returns: an EC2 error code and a message
// in the style AWS uses. A failed call changes nothing in the world.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

func errf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// fixedError is the error of a code whose message AWS never varies
// (CodeInfo.Message).
func fixedError(code Code) *Error {
	info, _ := LookupCode(code)
	return &Error{Code: code, Message: info.Message}
}

// CodeOf returns the EC2 error code carried by err, or "" when err is nil or
// not an API error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// HTTP statuses of EC2 errors (the errors-overview page above): the caller's
// mistakes are 400 Bad Request, a successful dry run is 412 Precondition
// Failed, and what AWS cannot do right now is 500 Internal Server Error.
const (
	statusClient         = 400
	statusDryRun         = 412
	statusTooLarge       = 413 // a body over serve's limit (RequestEntityTooLarge)
	statusServer         = 500
	statusNotImplemented = 501 // an EC2 action ec2sim does not simulate
)

// CodeInfo is everything the simulator knows about one error code: how AWS
// answers with it and how explain teaches it.
type CodeInfo struct {
	Code   Code
	Status int // the HTTP status AWS answers with
	// Message is the text AWS always sends with this code, or "" when the
	// message names the resource or the cause and so is written at the call.
	Message string
	Summary string   // one line: what the code means
	related []string // names of topics (actions or codes) worth reading next
	text    string   // why it happens and how to fix it, wrapped by Topics
}

// HTTPStatus is the HTTP status AWS answers with code. A code outside the
// table is the simulator's own bug, so it is a server error.
func (c Code) HTTPStatus() int {
	if info, ok := LookupCode(c); ok {
		return info.Status
	}
	return statusServer
}

// Codes lists every error code the simulator can return, in the order
// explain lists them: alphabetical, ignoring case. The slice is a copy.
func Codes() []CodeInfo { return slices.Clone(codes[:]) }

// LookupCode finds a code's row. The match is exact, as EC2 codes are.
func LookupCode(c Code) (CodeInfo, bool) {
	for _, info := range codes {
		if info.Code == c {
			return info, true
		}
	}
	return CodeInfo{}, false
}

// codes is the one table of error codes, in Codes order (a test keeps it so).
// The texts are written for this project and describe the simulator's
// behaviour; they are wrapped loosely (see reflow).
var codes = [...]CodeInfo{
	{
		Code:    AddressLimitExceeded,
		Status:  statusClient,
		Message: "The maximum number of addresses has been reached.",
		Summary: "the region's quota of Elastic IP addresses is used up",
		related: []string{"AllocateAddress", "ReleaseAddress", "DescribeAddresses"},
		text: `AllocateAddress found the account already holding its quota of Elastic IP
addresses in the region: five by default on AWS, and in the simulator.

Fix: release addresses nothing uses (DescribeAddresses shows those without
an instance; the bill's Waste section lists them too), or ask AWS for a
higher quota. Most designs need far fewer fixed addresses than they think:
a load balancer's DNS name, not an Elastic IP, is how clients usually find
a fleet.`,
	},
	{
		Code:    AlreadyExists,
		Status:  statusClient,
		Summary: "an Auto Scaling group of that name already exists",
		related: []string{"CreateAutoScalingGroup", "DescribeAutoScalingGroups", "UpdateAutoScalingGroup"},
		text: `An Auto Scaling API error: CreateAutoScalingGroup named a group that
already exists in the account and region. Group names are unique there,
and the group's ARN is made from its name.

Fix: change the existing group with UpdateAutoScalingGroup (sizes,
template, zones, health checks), or choose another name. Deleting and
re-creating a group terminates its instances.`,
	},
	{
		Code:    AttachmentLimitExceeded,
		Status:  statusClient,
		Summary: "the instance has no room for another EBS volume",
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
	{
		Code:    AuthFailure,
		Status:  statusClient,
		Summary: "you are not allowed to use this resource, or the caller is unknown",
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
	{
		Code:    CannotDelete,
		Status:  statusClient,
		Summary: "the default security group cannot be deleted",
		related: []string{"DeleteSecurityGroup", "DescribeSecurityGroups"},
		text: `DeleteSecurityGroup named the group called default. Every VPC has one,
created with the VPC, and it lives as long as the VPC does: nobody can
delete it.

It is also where instances go when a launch names no group. That makes
it easy to open too much by accident: rules added to default apply to
every instance launched without a group of its own.

Fix: leave it in place. To stop using it, launch with your own groups.`,
	},
	{
		Code:    ConcurrentSnapshotLimitExceeded,
		Status:  statusClient,
		Summary: "too many snapshots of one volume are still pending",
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
	{
		Code:    DependencyViolation,
		Status:  statusClient,
		Summary: "the resource is still in use by another resource",
		related: []string{"DeleteSecurityGroup", "TerminateInstances"},
		text: `The resource cannot be deleted while something depends on it. Here: a
security group that an instance not yet terminated still uses.

Stopped instances count, because they keep their security groups, and so
do instances still shutting down.

Fix: terminate the instances that use the group (or, on AWS, move them to
another group), wait until they are terminated, then delete the group
again. Tools that delete a whole stack must delete in this order.`,
	},
	{
		Code:    DryRunOperation,
		Status:  statusDryRun,
		Message: "Request would have succeeded, but DryRun flag is set.",
		Summary: "DryRun: the call would have succeeded (nothing was done)",
		related: []string{"RunInstances", "StopInstances", "TerminateInstances"},
		text: `Not a real failure. The request had DryRun: true and passed every check,
so EC2 answered with this code instead of doing the work. Nothing was
created, changed or billed.

On AWS a dry run also tells you whether you have permission to call the
action; a refused dry run returns an authorisation error instead (the
simulator has no IAM, so it never does). In the simulator every action
accepts DryRun: the call is tried on a copy of the world.

In a scenario, expect it with expect_error: DryRunOperation. Any other
code from a dry run names the problem the real call would have hit.

Fix: nothing to fix. Call again without DryRun to do it for real.`,
	},
	{
		Code:    DuplicateTargetGroupName,
		Status:  statusClient,
		Summary: "a target group of that name already exists",
		related: []string{"CreateTargetGroup", "DescribeTargetHealth"},
		text: `An Elastic Load Balancing error: CreateTargetGroup named a target group
that already exists in the account and region with other settings.
Target group names are unique per account and region.

Fix: use the existing group (its ARN is what the scenario's name for it
stands for), change its settings, or choose another name.`,
	},
	{
		Code:    IdempotentParameterMismatch,
		Status:  statusClient,
		Summary: "a client token was used before with other parameters",
		related: []string{"RunInstances"},
		text: `A mutating call carried a ClientToken already used in the same account
and region with different parameters. EC2 treats a token as one request:
the same token with the same parameters gets the first answer again (a
retry launches nothing new), and with other parameters this error.

Fix: a client token names one request; give each new request a new token
(the AWS CLI and SDKs make one per call when you give none), and reuse a
token only to retry exactly the same call.`,
	},
	{
		Code:    IncorrectInstanceState,
		Status:  statusClient,
		Summary: "the instance is in the wrong state for this action",
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
	{
		Code:    IncorrectModificationState,
		Status:  statusClient,
		Summary: "the volume is already being modified",
		related: []string{"ModifyVolume", "DescribeVolumesModifications", "VolumeModificationRateExceeded"},
		text: `ModifyVolume was called on a volume whose previous modification has not
finished optimizing yet. A volume takes one modification at a time, and
at most four in a rolling 24 hours (VolumeModificationRateExceeded).

Fix: watch the modification with DescribeVolumesModifications until it
is completed, then modify again.`,
	},
	{
		Code:    IncorrectState,
		Status:  statusClient,
		Summary: "a volume or snapshot is in the wrong state for this action",
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
	{
		Code:    InsufficientInstanceCapacity,
		Status:  statusServer,
		Summary: "no capacity for this instance type in that Availability Zone",
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
	{
		Code:    InternalError,
		Status:  statusServer,
		Summary: "ec2sim itself failed to answer: its own bug, not yours",
		related: []string{"InsufficientInstanceCapacity"},
		text: `The server hit an error of its own while answering: the request may have
been perfectly good. The server's log says what went wrong. On AWS this
code means the same, and clients retry it.

Fix: retry once; if it happens again, it is a bug in the simulator worth
reporting with the log line and the request.`,
	},
	{
		Code:    InvalidAction,
		Status:  statusClient,
		Summary: "the request names no EC2 action, or is not a POST or GET",
		related: []string{"MissingAction", "NotImplemented"},
		text: `The Action parameter is not an EC2 API action (a typo, another service's
action), or the request was neither a POST nor a GET. The AWS CLI and SDKs
never send one of these: a hand-made request or a misconfigured endpoint
does.

Fix: check the action's spelling against the EC2 API reference (ec2sim
explain lists the simulated ones), and that --endpoint-url points at the
EC2 endpoint.`,
	},
	{
		Code:    InvalidAddressNotFound,
		Status:  statusClient,
		Summary: "no Elastic IP address of yours has that public IP",
		related: []string{"DescribeAddresses", "AssociateAddress", "ReleaseAddress"},
		text: `The call named an Elastic IP address by its public IP, and the caller
holds no such address in the region. Addresses are regional, and an
instance's automatic public IPv4 address is not an Elastic IP: it cannot be
associated, released or kept.

Fix: name the address by its allocation ID (eipalloc-…), which
AllocateAddress returns, and call in the region where it was allocated.`,
	},
	{
		Code:    InvalidAllocationIDNotFound,
		Status:  statusClient,
		Summary: "no Elastic IP address has that allocation ID",
		related: []string{"AllocateAddress", "AssociateAddress", "ReleaseAddress", "DescribeAddresses"},
		text: `The allocation ID (eipalloc-…) names no address the caller holds in the
region: it was released, belongs to another account, or was allocated in
another region.

Fix: check DescribeAddresses in the right region. A released address is
gone for good: allocating again gives another IP.`,
	},
	{
		Code:    InvalidAMIAttributeItemValue,
		Status:  statusClient,
		Summary: "a launch permission names no valid account, group or organization",
		related: []string{"ModifyImageAttribute", "DescribeImageAttribute"},
		text: `ModifyImageAttribute was given a launch permission AWS cannot use: a
UserId that is not a 12-digit account ID, a Group other than all, or an
OrganizationArn / OrganizationalUnitArn that is not an ARN of the form
arn:aws:organizations::ACCOUNT:organization/o-... (or .../ou/o-.../ou-...).

The call is all or nothing: when one item is bad, none of the others is
added or removed either.

Fix: give account IDs as 12 digits (quoted in YAML), the group as all,
and organization ARNs as AWS Organizations prints them.`,
	},
	{
		Code:    InvalidAMIIDMalformed,
		Status:  statusClient,
		Summary: "the ImageId does not look like an AMI ID",
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
	{
		Code:    InvalidAMIIDNotFound,
		Status:  statusClient,
		Summary: "no such AMI in this region",
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
	{
		Code:    InvalidAMIIDUnavailable,
		Status:  statusClient,
		Summary: "the AMI exists but cannot be used now",
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
	{
		Code:    InvalidAMINameDuplicate,
		Status:  statusClient,
		Summary: "an AMI with this name already exists in your account and region",
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
	{
		Code:    InvalidAssociationIDNotFound,
		Status:  statusClient,
		Summary: "the Elastic IP association does not exist",
		related: []string{"DisassociateAddress", "AssociateAddress", "DescribeAddresses"},
		text: `DisassociateAddress named an association (eipassoc-…) that does not
exist, or an address that is associated with nothing. An association ends
when the address is disassociated, moved to another instance, or when its
instance terminates.

Fix: read the current association from DescribeAddresses.`,
	},
	{
		Code:    InvalidAttachmentNotFound,
		Status:  statusClient,
		Summary: "the volume is not attached to that instance",
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
	{
		Code:    InvalidBlockDeviceMapping,
		Status:  statusClient,
		Summary: "a block device mapping entry is wrong",
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
	{
		Code:    InvalidCapacityReservationIdNotFound,
		Status:  statusClient,
		Summary: "no such Capacity Reservation in this account and Region",
		related: []string{"CreateCapacityReservation", "DescribeCapacityReservations", "RunInstances"},
		text: `The call named a Capacity Reservation (cr-…) that does not exist in the
caller's account and Region. Capacity Reservations are zonal and belong to
one account; a cancelled one still answers DescribeCapacityReservations but
can no longer be targeted.

Fix: check the ID and the step's region, or create the reservation first
with CreateCapacityReservation.`,
	},
	{
		Code:    InvalidGroupDuplicate,
		Status:  statusClient,
		Summary: "a security group with this name already exists here",
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
	{
		Code:    InvalidGroupNotFound,
		Status:  statusClient,
		Summary: "no security group with this ID or name here",
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
	{
		Code:    InvalidGroupIdMalformed,
		Status:  statusClient,
		Summary: "the text is not shaped like a security group ID",
		related: []string{"DescribeSecurityGroups", "DeleteSecurityGroup", "InvalidGroup.NotFound"},
		text: `A security group ID is "sg-" and 8 or 17 hexadecimal digits; the value
given is not. EC2 checks the shape before it looks anything up.

It often means a group name was passed where an ID was expected: names go
in GroupNames (or GroupName), IDs in GroupIds (GroupId).

Fix: copy the ID from CreateSecurityGroup's answer or from
DescribeSecurityGroups.`,
	},
	{
		Code:    InvalidID,
		Status:  statusClient,
		Summary: "a resource ID given to CreateTags is unknown or not yours",
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
	{
		Code:    InvalidInstanceAttributeValue,
		Status:  statusClient,
		Summary: "the new value of an instance attribute cannot apply to this instance",
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
	{
		Code:    InvalidInstanceIDMalformed,
		Status:  statusClient,
		Summary: "the instance ID does not look like an instance ID",
		related: []string{"InvalidInstanceID.NotFound", "DescribeInstances"},
		text: `The InstanceId (or an entry of InstanceIds) is not shaped like an
instance ID: i- followed by 8 or 17 hexadecimal digits. Nothing was looked
up, and nothing happened to the other instances in the list.

In scenarios an instance may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling of the name, or copy the ID from the step that
launched the instance (it is in the run log) instead of typing it.`,
	},
	{
		Code:    InvalidInstanceIDNotFound,
		Status:  statusClient,
		Summary: "no such instance in this region for this account",
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
	{
		Code:    InvalidInstanceType,
		Status:  statusClient,
		Summary: "no such instance type",
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
	{
		Code:    InvalidIPAddressInUse,
		Status:  statusClient,
		Summary: "the Elastic IP address is still associated with an instance",
		related: []string{"ReleaseAddress", "DisassociateAddress"},
		text: `ReleaseAddress was asked to give back an address that still points at an
instance.

Fix: DisassociateAddress first, then ReleaseAddress. Releasing is final:
the IP goes back to Amazon's pool and may never come back to you, so
clients or firewall rules that trust it break.`,
	},
	{
		Code:    InvalidKeyFormat,
		Status:  statusClient,
		Summary: "the public key is not an OpenSSH RSA or ED25519 key",
		related: []string{"ImportKeyPair", "CreateKeyPair"},
		text: `ImportKeyPair was given something that is not an OpenSSH public key of a
type EC2 accepts. It takes RSA and ED25519 keys, as the one-line text of
a .pub file ("ssh-ed25519 AAAA... user@host").

Common causes: the private key file instead of the .pub; a PEM or PuTTY
format key; an ECDSA key, which EC2 does not accept.

Fix: ssh-keygen -t ed25519, then import the .pub file (the CLI takes
fileb://~/.ssh/id_ed25519.pub).`,
	},
	{
		Code:    InvalidKeyPairDuplicate,
		Status:  statusClient,
		Summary: "a key pair with this name already exists here",
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
	{
		Code:    InvalidKeyPairNotFound,
		Status:  statusClient,
		Summary: "no key pair with this name in this region",
		related: []string{"CreateKeyPair", "RunInstances"},
		text: `RunInstances was given a KeyName that does not exist in the account and
region of the call.

Key pairs are regional: a key pair created in us-east-1 does not exist in
eu-west-1, even for the same account. Names are also case-sensitive.

Fix: create the key pair in this region first (CreateKeyPair; on AWS you
can also import the same public key there), or launch without a KeyName. Note that on AWS you keep the private key of a new key pair; if it is
lost, a new key pair is the only way in for new instances.`,
	},
	{
		Code:    InvalidKMSKeyNotFound,
		Status:  statusClient,
		Summary: "the KMS key does not exist here or you may not use it",
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
	{
		Code:    InvalidLaunchTemplateIdMalformed,
		Status:  statusClient,
		Summary: "the launch template ID is not of the form lt-…",
		related: []string{"CreateLaunchTemplate", "DescribeLaunchTemplates"},
		text: `A launch template ID is lt- followed by 17 hexadecimal digits. The value
given is not, and is not the scenario name of a template either.

Fix: use the ID CreateLaunchTemplate returned (or the scenario name given
to that step), or name the template by LaunchTemplateName instead: most
calls take either, but never both.`,
	},
	{
		Code:    InvalidLaunchTemplateIdNotFound,
		Status:  statusClient,
		Summary: "no launch template has that ID",
		related: []string{"CreateLaunchTemplate", "DescribeLaunchTemplates", "DeleteLaunchTemplate"},
		text: `The ID names no template of the caller's in the region: it was deleted,
belongs to another account, or is in another region. Launch templates are
regional.

Fix: check DescribeLaunchTemplates in the right region; create the
template in each region you launch in.`,
	},
	{
		Code:    InvalidLaunchTemplateIdVersionNotFound,
		Status:  statusClient,
		Summary: "the launch template has no such version",
		related: []string{"DescribeLaunchTemplateVersions", "CreateLaunchTemplateVersion", "ModifyLaunchTemplate", "RunInstances"},
		text: `The version asked for does not exist: a version is a number from 1 to
the latest, or $Latest, or $Default.

Fix: list the versions with DescribeLaunchTemplateVersions. Versions are
never edited: to change a parameter, create a new version, then make it the
default with ModifyLaunchTemplate (or launch it as $Latest).`,
	},
	{
		Code:    InvalidLaunchTemplateNameAlreadyExists,
		Status:  statusClient,
		Message: "Launch template name already in use.",
		Summary: "a launch template of that name already exists",
		related: []string{"CreateLaunchTemplate", "CreateLaunchTemplateVersion"},
		text: `CreateLaunchTemplate named a template that exists in the account and
region. Template names are unique there.

Fix: to change the template, add a version with
CreateLaunchTemplateVersion, which keeps its ID and name, so Auto Scaling
groups and launch scripts that name it go on working; then move the
default with ModifyLaunchTemplate.`,
	},
	{
		Code:    InvalidLaunchTemplateNameMalformed,
		Status:  statusClient,
		Summary: "the launch template name is not allowed",
		related: []string{"CreateLaunchTemplate"},
		text: `A launch template name is 3 to 128 characters of letters, digits and
( ) . - / _. Spaces, for example, are not allowed.

Fix: choose a name within those rules, such as web-server or
app/web-2026. The name can never be changed afterwards: a new name means a
new template with a new ID.`,
	},
	{
		Code:    InvalidLaunchTemplateNameNotFound,
		Status:  statusClient,
		Message: "At least one of the launch templates specified in the request does not exist.",
		Summary: "no launch template has that name",
		related: []string{"DescribeLaunchTemplates", "CreateLaunchTemplate", "RunInstances"},
		text: `The name names no template of the caller's in the region: it was deleted
or never created there. Launch templates are regional and belong to one
account.

Fix: check DescribeLaunchTemplates in the right region, and create the
template in every region you launch in (an AMI it names is regional
too).`,
	},
	{
		Code:    InvalidNetworkInterfaceIDMalformed,
		Status:  statusClient,
		Summary: "the text is not shaped like a network interface ID",
		related: []string{"DescribeNetworkInterfaces", "InvalidNetworkInterfaceID.NotFound"},
		text: `A network interface ID is "eni-" and 8 or 17 hexadecimal digits; the
value given is not. EC2 checks the shape before it looks anything up.

An attachment ID (eni-attach-...) is not an interface ID.

Fix: take the NetworkInterfaceId from DescribeNetworkInterfaces, or from
the instance's NetworkInterfaces in DescribeInstances.`,
	},
	{
		Code:    InvalidNetworkInterfaceIDNotFound,
		Status:  statusClient,
		Summary: "no network interface with this ID here",
		related: []string{"DescribeNetworkInterfaces", "TerminateInstances"},
		text: `The network interface ID is well formed but is not one of the caller's
interfaces in this region.

The simulator models the primary interface EC2 gives every instance at
launch, and deletes it with the instance: once the instance is
terminated, its interface ID is gone too. Interfaces are regional and per
account.

Fix: DescribeNetworkInterfaces in the region you call (a filter such as
attachment.instance-id finds an instance's), and use the ID it lists.`,
	},
	{
		Code:    InvalidPaginationToken,
		Status:  statusClient,
		Summary: "NextToken is not one this API gave out",
		related: []string{"DescribeInstances", "DescribeImages", "DescribeVolumes", "DescribeSnapshots"},
		text: `A Describe call was given a NextToken that no earlier page returned. A
token only means something to the call that produced it.

Paging works like this: ask with MaxResults; if the answer has a
NextToken, ask again with the same parameters and that token; stop when
no token comes back. The CLI and SDK paginators do it for you.

Fix: pass the token exactly as returned, or leave it out to start from
the first page.`,
	},
	{
		Code:    InvalidParameter,
		Status:  statusClient,
		Summary: "a request is wrong in a way no more specific code covers",
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
	{
		Code:    InvalidParameterCombination,
		Status:  statusClient,
		Summary: "parameters that are fine alone do not go together",
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
	{
		Code:    InvalidParameterDependency,
		Status:  statusClient,
		Summary: "a parameter needs another one that is missing or set otherwise",
		related: []string{"CopyImage", "CopySnapshot", "CreateVolume", "RunInstances"},
		text: `One parameter only makes sense together with another, and the other is
missing or has a value that rules it out. Cases in the simulator:

- KmsKeyId without Encrypted: true (CopyImage, CopySnapshot,
CreateVolume, a launch mapping): a key says how to encrypt, Encrypted
says to do it;
- MultiAttachEnabled on a volume type other than io1 or io2: only
Provisioned IOPS SSD volumes can be attached to several instances.

Fix: add the parameter the message names (Encrypted: true), or drop the
one that depends on it.`,
	},
	{
		Code:    InvalidParameterValue,
		Status:  statusClient,
		Summary: "a parameter has a value EC2 does not accept",
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
	{
		Code:    InvalidPermissionDuplicate,
		Status:  statusClient,
		Summary: "this inbound rule already exists in the group",
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
	{
		Code:    InvalidPlacementGroupDuplicate,
		Status:  statusClient,
		Summary: "a placement group of that name already exists in this Region",
		related: []string{"CreatePlacementGroup", "DescribePlacementGroups"},
		text: `CreatePlacementGroup named a group that the account already has in this
Region: names are unique per account and Region.

A group's strategy cannot be changed after it is created: a group of
the same name with another strategy needs the old one deleted first.

Fix: reuse the existing group (DescribePlacementGroups shows its strategy),
or choose another name.`,
	},
	{
		Code:    InvalidPlacementGroupInUse,
		Status:  statusClient,
		Summary: "the placement group has instances, or its cluster is in another zone",
		related: []string{"DeletePlacementGroup", "RunInstances", "TerminateInstances"},
		text: `Two cases:

- DeletePlacementGroup on a group that still has instances that are not
terminated (stopped instances count);
- RunInstances into a cluster placement group in another Availability Zone
than the one its instances are in. AWS answers "The placement group 'x' is
in use in another availability zone". A cluster group lives in one zone.

Fix: terminate the group's instances before deleting it; launch into a
cluster group without naming a zone (the simulator then uses the group's
zone), or in the zone its instances are in.`,
	},
	{
		Code:    InvalidPlacementGroupUnknown,
		Status:  statusClient,
		Summary: "no placement group of that name in this account and Region",
		related: []string{"CreatePlacementGroup", "RunInstances"},
		text: `Placement.GroupName (or DeletePlacementGroup, DescribePlacementGroups)
named a group that does not exist here. Placement groups are regional and
per account: a group made in us-east-1 is unknown in us-west-2.

A deleted group is unknown too, even to instances that were in it.

Fix: CreatePlacementGroup first, or check the name and the region.`,
	},
	{
		Code:    InvalidRegion,
		Status:  statusClient,
		Summary: "the region name is not one the simulator knows",
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
	{
		Code:    InvalidRequest,
		Status:  statusClient,
		Summary: "the request cannot be done for this resource as asked",
		related: []string{"CopyImage", "ModifySnapshotAttribute", "DescribeSnapshotAttribute", "TerminateInstances"},
		text: `AWS's code for a request that is well formed but cannot be carried out
for this resource. Cases in the simulator, all from CopyImage:

- copying an AMI another account shared with you, when its owner has
not also given you createVolumePermission on the snapshots behind it:
"You do not have permission to access the storage of this ami". Sharing
an AMI lets you launch it, not read its snapshots;
- asking for an unencrypted copy (Encrypted: false) of an encrypted AMI:
a copy can add encryption, never remove it;
- copying another account's AWS Marketplace AMI: launch it and create
your own image instead.

Fix for the first: the owner calls ModifySnapshotAttribute with
Attribute createVolumePermission and your account on each snapshot
(DescribeImages shows them), then you copy again.`,
	},
	{
		Code:    InvalidReservedInstancesOfferingId,
		Status:  statusClient,
		Summary: "no Reserved Instances offering with that ID in this Region",
		related: []string{"DescribeReservedInstancesOfferings", "PurchaseReservedInstancesOffering"},
		text: `PurchaseReservedInstancesOffering named an offering ID that is not for
sale in the caller's Region. Offerings are regional (and zonal RIs are
for one zone): an ID listed in us-east-1 does not exist in eu-west-1.

Fix: call DescribeReservedInstancesOfferings in the same Region, with
InstanceType and the class, payment option and duration you want, and buy
the offering it lists. In a scenario, name that step and pass the name.`,
	},
	{
		Code:    InvalidSnapshotInUse,
		Status:  statusClient,
		Summary: "a registered AMI is backed by this snapshot",
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
	{
		Code:    InvalidSnapshotMalformed,
		Status:  statusClient,
		Summary: "the snapshot ID does not look like a snapshot ID",
		related: []string{"InvalidSnapshot.NotFound", "DescribeSnapshots"},
		text: `The SnapshotId (or SourceSnapshotId) is not shaped like a snapshot ID:
snap- followed by 8 or 17 hexadecimal digits. Nothing was looked up.

In scenarios a snapshot may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling of the name, or use the ID the CreateSnapshot or
CopySnapshot step returned. Snapshots made by CreateImage are named in the
AMI's block device mapping; DescribeSnapshots lists them all.`,
	},
	{
		Code:    InvalidSnapshotNotFound,
		Status:  statusClient,
		Summary: "no such snapshot in this region that you can use",
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
	{
		Code:    InvalidSubnetIDMalformed,
		Status:  statusClient,
		Summary: "the text is not shaped like a subnet ID",
		related: []string{"DescribeSubnets", "RunInstances"},
		text: `A subnet ID is "subnet-" and 8 or 17 hexadecimal digits; the value given
is not. EC2 checks the shape before it looks anything up.

It often means a zone name (us-east-1a) or a CIDR block was passed where
a subnet ID was expected.

Fix: list the subnets with DescribeSubnets and copy the SubnetId of the
zone you want.`,
	},
	{
		Code:    InvalidSubnetIDNotFound,
		Status:  statusClient,
		Summary: "no subnet with this ID in the region",
		related: []string{"DescribeSubnets", "RunInstances"},
		text: `The subnet ID is well formed but is not one of the caller's subnets in
this region. Subnets are regional and per account: an ID copied from
another region, another account or an old tutorial does not exist here.

In the simulator every account has one default subnet per zone, with IDs
that depend only on the account and the zone.

Fix: DescribeSubnets in the region you call, and use one of its IDs.`,
	},
	{
		Code:    InvalidTarget,
		Status:  statusClient,
		Summary: "the instance cannot be a target of this target group",
		related: []string{"RegisterTargets", "DeregisterTargets", "DescribeTargetHealth"},
		text: `An Elastic Load Balancing error: RegisterTargets named something that is
not an instance of the caller's in the region, or an instance that is
terminated; or DeregisterTargets named an instance that is not registered.

Fix: register running instances by ID. With an Auto Scaling group, attach
the target group to the group instead: it registers each instance it
launches, and deregisters each it terminates.`,
	},
	{
		Code:    InvalidVolumeMalformed,
		Status:  statusClient,
		Summary: "the volume ID does not look like a volume ID",
		related: []string{"InvalidVolume.NotFound", "DescribeVolumes"},
		text: `The VolumeId is not shaped like a volume ID: vol- followed by 8 or 17
hexadecimal digits. Nothing was looked up.

In scenarios a volume may also be named by a name given to an earlier
step's result; a misspelt name is passed on as an ID and lands here.

Fix: check the spelling, or use the ID the CreateVolume step returned. The
volumes an instance got at launch are listed with the instance in
DescribeInstances, and all volumes in DescribeVolumes.`,
	},
	{
		Code:    InvalidVolumeNotFound,
		Status:  statusClient,
		Summary: "no such volume in this region for this account",
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
	{
		Code:    InvalidVolumeZoneMismatch,
		Status:  statusClient,
		Summary: "the volume and the instance are in different Availability Zones",
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
	{
		Code:    InvalidVpcIDMalformed,
		Status:  statusClient,
		Summary: "the text is not shaped like a VPC ID",
		related: []string{"DescribeVpcs"},
		text: `A VPC ID is "vpc-" and 8 or 17 hexadecimal digits; the value given is
not. EC2 checks the shape before it looks anything up.

It often means a VPC's Name tag or its CIDR block was passed where the ID
was expected; to find a VPC by name, filter with tag:Name.

Fix: copy the VpcId from DescribeVpcs.`,
	},
	{
		Code:    InvalidVpcIDNotFound,
		Status:  statusClient,
		Summary: "no VPC with this ID in the region",
		related: []string{"DescribeVpcs", "DescribeAccountAttributes"},
		text: `The VPC ID is well formed but is not one of the caller's VPCs in this
region. VPCs are regional and per account.

The simulator has one VPC per account and region, the default VPC; its ID
depends only on the account and the region. DescribeAccountAttributes
default-vpc names it too.

Fix: DescribeVpcs in the region you call, and use its VpcId.`,
	},
	{
		Code:    InvalidZoneNotFound,
		Status:  statusClient,
		Summary: "no such Availability Zone in this region",
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
	{
		Code:    MalformedQueryString,
		Status:  statusClient,
		Summary: "the request's parameters could not be read",
		related: []string{"UnknownParameter", "MissingAction"},
		text: `The query string or the form-encoded body could not be parsed: a stray
percent sign, a broken encoding, a body that is not a form. The AWS CLI and
SDKs do not send these; a hand-written request (curl) usually does.

Fix: encode every parameter (curl --data-urlencode), and send the body as
a form, as the Query protocol expects.`,
	},
	{
		Code:    MissingAction,
		Status:  statusClient,
		Summary: "the request has no Action parameter",
		related: []string{"InvalidAction", "MalformedQueryString"},
		text: `An EC2 Query request names its action in the Action parameter; this one
had none. A client pointed at the wrong path, or a request built by hand,
is the usual cause.

Fix: send Action=NAME (and Version=2016-11-15) with the request, to the
endpoint's root path; the AWS CLI, boto3 and Terraform all do, given
--endpoint-url (or endpoint_url=, or the provider's endpoints block).`,
	},
	{
		Code:    MissingParameter,
		Status:  statusClient,
		Summary: "a required parameter is absent",
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
	{
		Code:    NotImplemented,
		Status:  statusNotImplemented,
		Summary: "an EC2 action that ec2sim does not simulate",
		related: []string{"InvalidAction", "UnknownParameter"},
		text: `The action exists in EC2's API, but the simulator does not model it, so
it answers 501 rather than pretend. docs/serve.md lists the actions it
answers.

Fix: leave the action out of the lab, or use what the simulator has
instead (ec2sim explain lists its actions). Terraform resources that call
such an action fail on apply or destroy: keep to the resources docs/serve.md
names.`,
	},
	{
		Code:    OperationNotPermitted,
		Status:  statusClient,
		Summary: "the instance is protected against this action",
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
	{
		Code:    RequestEntityTooLarge,
		Status:  statusTooLarge,
		Summary: "the request body is over ec2sim serve's limit",
		related: []string{"RunInstances", "MalformedQueryString"},
		text: `The request body was larger than the server reads (1 MiB). This code is
ec2sim's own: EC2 documents none for an oversized request. Real EC2
requests are small; a body this big is nearly always a mistake, such as a
file sent as user data that the instance should fetch instead.

Fix: send less in one call. EC2 itself limits user data to 16 KB.`,
	},
	{
		Code:    ReservationCapacityExceeded,
		Status:  statusClient,
		Summary: "the targeted Capacity Reservation has no room for the launch",
		related: []string{"RunInstances", "CreateCapacityReservation", "DescribeCapacityReservations"},
		text: `RunInstances targeted a Capacity Reservation
(CapacityReservationTarget) that has fewer free slots than the launch asks
for: its running and pending instances already hold them.

Fix: launch fewer instances, stop or terminate some in the reservation,
create a bigger reservation, or launch without a target (an open
preference) to run outside it, at the usual rate and without a capacity
guarantee.`,
	},
	{
		Code:    ResourceAlreadyAssociated,
		Status:  statusClient,
		Summary: "the Elastic IP address is associated with another instance",
		related: []string{"AssociateAddress", "DisassociateAddress"},
		text: `AssociateAddress was asked to point an address at an instance while it
already points at another, without AllowReassociation.

Fix: disassociate it first, or pass AllowReassociation: true to move it in
one call. Moving an Elastic IP is how a standby takes over a fixed address
when the primary fails.`,
	},
	{
		Code:    ResourceInUse,
		Status:  statusClient,
		Summary: "the Auto Scaling group still has instances",
		related: []string{"DeleteAutoScalingGroup", "UpdateAutoScalingGroup"},
		text: `An Auto Scaling API error: DeleteAutoScalingGroup found instances in the
group.

Fix: set MinSize and DesiredCapacity to 0 with UpdateAutoScalingGroup,
wait until the group has terminated its instances, then delete it; or
delete it with ForceDelete: true, which terminates them for you.`,
	},
	{
		Code:    ResourceLimitExceeded,
		Status:  statusClient,
		Summary: "too many copies or similar operations are in progress",
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
	{
		Code:    ResourceNotFoundException,
		Status:  statusClient,
		Summary: "(Recycle Bin, Savings Plans) no such rule or offering",
		related: []string{"CreateRule", "DeleteRule", "CreateSavingsPlan"},
		text: `Not an EC2 code: the Recycle Bin (rbin) and Savings Plans APIs answer
with it when a rule identifier or an offering ID does not exist for the
caller (rules are per account and Region).

Fix: list what exists (ListRules with the ResourceType, or
DescribeSavingsPlansOfferings) and use one of those identifiers.`,
	},
	{
		Code:    ScalingActivityInProgress,
		Status:  statusClient,
		Summary: "the Auto Scaling group is still terminating its instances",
		related: []string{"DeleteAutoScalingGroup", "DescribeScalingActivities"},
		text: `An Auto Scaling API error: DeleteAutoScalingGroup was called while the
group's activities were still in progress (its last instances are
terminating).

Fix: wait until DescribeScalingActivities shows them Successful, then
delete the group.`,
	},
	{
		Code:    TargetGroupNotFound,
		Status:  statusClient,
		Message: "One or more target groups not found",
		Summary: "no target group has that ARN",
		related: []string{"CreateTargetGroup", "RegisterTargets", "DescribeTargetHealth"},
		text: `An Elastic Load Balancing error: the ARN names no target group of the
caller's in the region. Target groups are regional and belong to one
account.

Fix: use the ARN CreateTargetGroup returned, or the scenario name given to
that step. Attach the target group to an Auto Scaling group in the same
region.`,
	},
	{
		Code:    UnknownParameter,
		Status:  statusClient,
		Summary: "the request carries a parameter the action does not take",
		related: []string{"NotImplemented", "InvalidParameterValue"},
		text: `A parameter of the request is not one the action takes: a typo, a
parameter of another action, or one the simulator does not simulate and
does not know to ignore. The message names it.

Fix: check the name against the action's parameters (ec2sim explain
ACTION lists them); the parameters the simulator accepts and ignores are
listed in docs/serve.md.`,
	},
	{
		Code:    Unsupported,
		Status:  statusClient,
		Summary: "this instance type cannot run this AMI",
		related: []string{"RunInstances", "RegisterImage", "InvalidParameterValue"},
		text: `The request is well formed, but the combination is not supported. In the
simulator it comes from RunInstances: a paravirtual AMI on a type that
supports only hvm (most of them), or an hvm AMI on m1.small, which
supports only paravirtual. (An instance-store-backed AMI on a type without
instance store is UnsupportedOperation, as AWS answers.)

Fix: for a paravirtual AMI, choose a type
that lists paravirtual, or register the image again with
VirtualizationType hvm if it really is hvm.`,
	},
	{
		Code:    UnsupportedHibernationConfiguration,
		Status:  statusClient,
		Summary: "hibernation is not possible for this instance",
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
	{
		Code:    UnsupportedOperation,
		Status:  statusClient,
		Summary: "this action does not apply to this kind of resource",
		related: []string{"StopInstances", "CreateImage", "BundleVolume", "CopyImage", "ModifyImageAttribute", "SpotInterruption"},
		text: `The action exists but cannot be applied to this resource at all, whatever
its state. Cases in the simulator:

- StopInstances on an instance-store-backed instance: it has no stopped
state and can only run or terminate;
- CreateImage on an instance-store-backed instance (bundle it and use
RegisterImage), or BundleVolume on an EBS-backed one (use CreateImage);
- an instance-store-backed AMI on a type without instance-store boot;
- StopInstances on a Spot instance of a one-time request;
- ModifyImageAttribute making an encrypted AMI public (share it with
chosen accounts instead);
- a Spot interruption of an On-Demand instance.

Fix: pick the action that fits the resource. For the first two, the real
answer is usually to move to an EBS-backed AMI.`,
	},
	{
		Code:    ValidationError,
		Status:  statusClient,
		Summary: "the Auto Scaling or load-balancing request breaks a rule",
		related: []string{"CreateAutoScalingGroup", "UpdateAutoScalingGroup", "SetDesiredCapacity", "PutScalingPolicy", "PutScheduledUpdateGroupAction", "CreateTargetGroup"},
		text: `The catch-all error of the Auto Scaling and Elastic Load Balancing APIs:
a parameter is missing or out of range, or names something that does not
exist. Common ones:

- a desired capacity outside MinSize..MaxSize (SetDesiredCapacity,
UpdateAutoScalingGroup);
- a group name that does not exist ("AutoScalingGroup name not found");
- a launch template or version that does not exist;
- a target group that does not exist, or that the group is not attached to;
- a policy type or metric the simulator does not model (it models target
tracking on ALBRequestCountPerTarget);
- a scheduled action's StartTime that is not ISO 8601, or a Recurrence that
is not five cron fields.

Fix: the message says which rule; change the request.`,
	},
	{
		Code:    ValidationException,
		Status:  statusClient,
		Summary: "(Recycle Bin, Savings Plans) a parameter is missing or out of range",
		related: []string{"CreateRule", "ListRules", "CreateSavingsPlan", "DescribeSavingsPlansOfferings"},
		text: `Not an EC2 code: the Recycle Bin (rbin) and Savings Plans APIs answer
with it when a request does not validate. In the simulator:

- CreateRule or ListRules with a ResourceType other than EBS_SNAPSHOT or
EC2_IMAGE;
- a retention period outside 1 to 365 DAYS;
- CreateSavingsPlan with a commitment that is not a dollar amount per hour.

Fix: correct the parameter the message names.`,
	},
	{
		Code:    VcpuLimitExceeded,
		Status:  statusClient,
		Summary: "the account's vCPU quota for On-Demand instances is used up",
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
	{
		Code:    VolumeInUse,
		Status:  statusClient,
		Summary: "the volume is attached to an instance",
		related: []string{"DetachVolume", "DeleteVolume", "AttachVolume"},
		text: `The volume is attached (in-use), and the action needs it free:

- DeleteVolume cannot delete an attached volume;
- AttachVolume cannot attach a volume that is already attached (the
simulator does not model Multi-Attach).

Fix: DetachVolume first and wait until the volume is available. For a
root volume, stop the instance before detaching it, or simply terminate the
instance: the root goes with it when its DeleteOnTermination is true.`,
	},
	{
		Code:    VolumeModificationRateExceeded,
		Status:  statusClient,
		Summary: "the volume was modified four times in the last 24 hours",
		related: []string{"ModifyVolume", "DescribeVolumesModifications", "IncorrectModificationState"},
		text: `ModifyVolume was called on a volume four of whose modifications started
within the last 24 hours. AWS allows up to four modifications of a volume
in a rolling 24-hour period, each once the one before it is completed
(since January 2026; before, it was one per six hours).

Fix: wait until the oldest of the four is 24 hours old, as the message
says. Plan a change of size, type, IOPS and throughput as one
modification, not several.`,
	},
}
