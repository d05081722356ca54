package model

import (
	"errors"
	"slices"
)

// ActionKind tells EC2 API actions from the simulator's own stand-ins.
type ActionKind string

// Action kinds.
const (
	KindEC2   ActionKind = "ec2"   // a real EC2 API action, same name and parameters
	KindGuest ActionKind = "guest" // what software inside an instance does
	KindFault ActionKind = "fault" // what AWS or the hardware does to you
	KindDLM   ActionKind = "dlm"   // Amazon Data Lifecycle Manager's API

	KindAutoScaling  ActionKind = "autoscaling"  // the Amazon EC2 Auto Scaling API
	KindELB          ActionKind = "elbv2"        // the Elastic Load Balancing (v2) API
	KindLoad         ActionKind = "load"         // what an application's users do: the demand a scenario describes
	KindRbin         ActionKind = "rbin"         // the Recycle Bin API
	KindSavingsPlans ActionKind = "savingsplans" // the Savings Plans API
)

// ActionInfo describes one action a scenario, the sandbox or a wire server
// can call.
type ActionInfo struct {
	Name    string
	Kind    ActionKind
	Summary string
	Creates ResourceKind // the kind of the IDs a call returns for scenario names; "" if it creates nothing
	// Recurs says that what the action creates acts on its own schedule for
	// as long as it exists (an Auto Scaling group's minute, a target
	// group's health checks), so a scenario using it needs an end.
	Recurs bool
	input  func() any
	call   func(w *World, c Caller, in any) (any, error)
}

// NewInput returns a pointer to a zero request of the action's input type,
// ready to be decoded into.
func (a ActionInfo) NewInput() any { return a.input() }

// creating records what kind of resource the action creates.
func (a ActionInfo) creating(k ResourceKind) ActionInfo { a.Creates = k; return a }

// recurring marks an action whose creation keeps acting (ActionInfo.Recurs).
func (a ActionInfo) recurring() ActionInfo { a.Recurs = true; return a }

// creator is an output that lists the IDs its call created.
type creator interface{ Created() []string }

// Created lists the IDs a call created, given the output Call returned, so
// a scenario can name them. It is nil for an output that creates nothing
// (and for nil, the output of a failed call).
func Created(out any) []string {
	if cr, ok := out.(creator); ok {
		return cr.Created()
	}
	return nil
}

// action binds an API action that answers with a typed output
// (RunInstances → InstancesOutput).
func action[In, Out any](kind ActionKind, name, summary string, f func(*World, Caller, In) (Out, error)) ActionInfo {
	return ActionInfo{Name: name, Kind: kind, Summary: summary,
		input: func() any { return new(In) },
		call: func(w *World, c Caller, in any) (any, error) {
			out, err := f(w, c, *in.(*In))
			if err != nil {
				return nil, apiError(err)
			}
			return out, nil
		}}
}

// command binds an action that answers with nothing but success or an
// error (DeregisterImage, HostFailure); its output is struct{}{}.
func command[In any](kind ActionKind, name, summary string, f func(*World, Caller, In) error) ActionInfo {
	return ActionInfo{Name: name, Kind: kind, Summary: summary,
		input: func() any { return new(In) },
		call: func(w *World, c Caller, in any) (any, error) {
			if err := f(w, c, *in.(*In)); err != nil {
				return nil, apiError(err)
			}
			return struct{}{}, nil
		}}
}

// apiError is err as the API reports it: an *Error, with any other error
// read as InvalidParameterValue (an action's own errors are all *Error; this
// only keeps the promise of Call for a mistake).
func apiError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: InvalidParameterValue, Message: err.Error()}
}

var actions = []ActionInfo{
	action(KindEC2, "RunInstances", "launch instances from an AMI", (*World).RunInstances).creating(ResourceInstance),
	action(KindEC2, "StartInstances", "start stopped EBS-backed instances", (*World).StartInstances),
	action(KindEC2, "StopInstances", "stop (or hibernate) EBS-backed instances", (*World).StopInstances),
	action(KindEC2, "RebootInstances", "reboot running instances (they stay running)", (*World).RebootInstances),
	action(KindEC2, "TerminateInstances", "terminate instances for good", (*World).TerminateInstances),
	action(KindEC2, "DescribeInstances", "list instances", (*World).DescribeInstances),
	action(KindEC2, "CreateImage", "make an EBS-backed AMI from an instance", (*World).CreateImage).creating(ResourceImage),
	action(KindEC2, "RegisterImage", "register an AMI from a snapshot or an S3 bundle", (*World).RegisterImage).creating(ResourceImage),
	action(KindEC2, "CopyImage", "copy an AMI into this region", (*World).CopyImage).creating(ResourceImage),
	command(KindEC2, "DeregisterImage", "deregister an AMI (its snapshots stay unless deleted)", (*World).DeregisterImage),
	command(KindEC2, "ModifyImageAttribute", "share an AMI, make it public or private", (*World).ModifyImageAttribute),
	action(KindEC2, "DescribeImages", "list AMIs you can see", (*World).DescribeImages),
	action(KindEC2, "CreateSnapshot", "snapshot an EBS volume", (*World).CreateSnapshot).creating(ResourceSnapshot),
	action(KindEC2, "CopySnapshot", "copy a snapshot into this region", (*World).CopySnapshot).creating(ResourceSnapshot),
	command(KindEC2, "DeleteSnapshot", "delete a snapshot", (*World).DeleteSnapshot),
	command(KindEC2, "ModifySnapshotTier", "move a snapshot to the archive tier", (*World).ModifySnapshotTier),
	action(KindEC2, "DescribeSnapshots", "list your snapshots", (*World).DescribeSnapshots),
	action(KindEC2, "CreateVolume", "create an EBS volume in an AZ", (*World).CreateVolume).creating(ResourceVolume),
	action(KindEC2, "AttachVolume", "attach a volume to an instance in the same AZ", (*World).AttachVolume),
	action(KindEC2, "DetachVolume", "detach a volume", (*World).DetachVolume),
	action(KindEC2, "DeleteVolume", "delete an available volume", (*World).DeleteVolume),
	action(KindEC2, "DescribeVolumes", "list your volumes", (*World).DescribeVolumes),
	action(KindEC2, "CreateKeyPair", "create an SSH key pair", (*World).CreateKeyPair).creating(ResourceKeyPair),
	action(KindEC2, "CreateSecurityGroup", "create a security group", (*World).CreateSecurityGroup).creating(ResourceSecurityGroup),
	command(KindEC2, "AuthorizeSecurityGroupIngress", "open an inbound port", (*World).AuthorizeSecurityGroupIngress),
	command(KindEC2, "AuthorizeSecurityGroupEgress", "allow outbound traffic to a CIDR block or group", (*World).AuthorizeSecurityGroupEgress),
	action(KindEC2, "RevokeSecurityGroupIngress", "remove inbound rules from a security group", (*World).RevokeSecurityGroupIngress),
	action(KindEC2, "RevokeSecurityGroupEgress", "remove outbound rules, such as the default allow-all", (*World).RevokeSecurityGroupEgress),
	action(KindEC2, "DescribeNetworkInterfaces", "list the instances' network interfaces (each one's primary, eth0)", (*World).DescribeNetworkInterfaces),
	command(KindEC2, "CreateTags", "tag resources", (*World).CreateTags),
	action(KindEC2, "DescribeRegions", "list the simulated regions and their endpoints", (*World).DescribeRegions),
	action(KindEC2, "DescribeAvailabilityZones", "list a region's Availability Zones", (*World).DescribeAvailabilityZones),
	action(KindEC2, "DescribeInstanceTypes", "list instance types: vCPUs, memory, instance store, architectures", (*World).DescribeInstanceTypes),
	action(KindEC2, "DescribeAccountAttributes", "read account settings: platforms, default VPC, limits", (*World).DescribeAccountAttributes),
	action(KindEC2, "DescribeVpcs", "list VPCs (the region's default VPC)", (*World).DescribeVpcs),
	action(KindEC2, "DescribeSubnets", "list subnets (one default subnet per zone)", (*World).DescribeSubnets),
	action(KindEC2, "DescribeSecurityGroups", "list security groups and their rules", (*World).DescribeSecurityGroups),
	command(KindEC2, "DeleteSecurityGroup", "delete a security group no instance uses", (*World).DeleteSecurityGroup),
	action(KindEC2, "ImportKeyPair", "register a public key made with ssh-keygen", (*World).ImportKeyPair).creating(ResourceKeyPair),
	action(KindEC2, "DescribeKeyPairs", "list key pairs", (*World).DescribeKeyPairs),
	command(KindEC2, "DeleteKeyPair", "delete a key pair's name from the region", (*World).DeleteKeyPair),
	command(KindEC2, "DeleteTags", "remove tags from resources", (*World).DeleteTags),
	action(KindEC2, "DescribeTags", "list tags, by resource, type, key or value", (*World).DescribeTags),
	action(KindEC2, "DescribeInstanceStatus", "status checks of running (or all) instances", (*World).DescribeInstanceStatus),
	action(KindEC2, "DescribeInstanceAttribute", "read one attribute of an instance", (*World).DescribeInstanceAttribute),
	command(KindEC2, "ModifyInstanceAttribute", "change protections, shutdown behaviour, type or user data", (*World).ModifyInstanceAttribute),
	action(KindEC2, "DescribeImageAttribute", "read one attribute of an AMI (launch permissions, description…)", (*World).DescribeImageAttribute),
	action(KindEC2, "CreateSnapshots", "snapshot every EBS volume of an instance at once", (*World).CreateSnapshots).creating(ResourceSnapshot),
	action(KindEC2, "ModifyVolume", "grow a volume or change its type, IOPS or throughput in place", (*World).ModifyVolume),
	action(KindEC2, "DescribeVolumesModifications", "follow a ModifyVolume: modifying, optimizing, completed", (*World).DescribeVolumesModifications),
	action(KindEC2, "RestoreSnapshotTier", "restore an archived snapshot, for some days or for good", (*World).RestoreSnapshotTier),
	command(KindEC2, "ModifySnapshotAttribute", "share a snapshot's data (createVolumePermission)", (*World).ModifySnapshotAttribute),
	action(KindEC2, "DescribeSnapshotAttribute", "read who may create volumes from a snapshot", (*World).DescribeSnapshotAttribute),
	action(KindEC2, "DescribeInstanceCreditSpecifications", "read the CPU credit option of burstable instances", (*World).DescribeInstanceCreditSpecifications),
	action(KindDLM, "CreateLifecyclePolicy", "automate AMI creation and retention by tag (Data Lifecycle Manager)", (*World).CreateLifecyclePolicy).creating(ResourceLifecyclePolicy),

	// Purchasing options, placement, metadata options (purchasing.go,
	// capacityreservations.go, placement.go, metadata.go).
	action(KindEC2, "DescribeReservedInstancesOfferings", "list the Reserved Instances for sale for an instance type", (*World).DescribeReservedInstancesOfferings).creating(ResourceRIOffering),
	action(KindEC2, "PurchaseReservedInstancesOffering", "buy Reserved Instances: a billing discount for a 1- or 3-year term", (*World).PurchaseReservedInstancesOffering).creating(ResourceReservedInstances),
	action(KindEC2, "DescribeReservedInstances", "list your Reserved Instances and how many are in use", (*World).DescribeReservedInstances),
	action(KindSavingsPlans, "DescribeSavingsPlansOfferings", "list the Savings Plans for sale (Compute, EC2 Instance)", (*World).DescribeSavingsPlansOfferings).creating(ResourceSPOffering),
	action(KindSavingsPlans, "CreateSavingsPlan", "commit to dollars per hour of compute for a 1- or 3-year term", (*World).CreateSavingsPlan).creating(ResourceSavingsPlan),
	action(KindSavingsPlans, "DescribeSavingsPlans", "list your Savings Plans", (*World).DescribeSavingsPlans),
	action(KindEC2, "CreateCapacityReservation", "reserve capacity in a zone, billed whether used or not", (*World).CreateCapacityReservation).creating(ResourceCapacityReservation),
	command(KindEC2, "CancelCapacityReservation", "release a Capacity Reservation and stop its billing", (*World).CancelCapacityReservation),
	action(KindEC2, "DescribeCapacityReservations", "list your Capacity Reservations and their free slots", (*World).DescribeCapacityReservations),
	action(KindEC2, "CreatePlacementGroup", "create a cluster, spread or partition placement group", (*World).CreatePlacementGroup).creating(ResourcePlacementGroup),
	command(KindEC2, "DeletePlacementGroup", "delete an empty placement group", (*World).DeletePlacementGroup),
	action(KindEC2, "DescribePlacementGroups", "list placement groups", (*World).DescribePlacementGroups),
	action(KindEC2, "ModifyInstanceMetadataOptions", "require IMDSv2, or turn the metadata endpoint off", (*World).ModifyInstanceMetadataOptions),

	// AMI deprecation and disabling, block public access, EBS encryption
	// by default, Recycle Bin (deprecation.go, encryption.go, recyclebin.go).
	action(KindEC2, "EnableImageDeprecation", "deprecate an AMI from a date: still launchable, no longer listed to others", (*World).EnableImageDeprecation),
	action(KindEC2, "DisableImageDeprecation", "cancel an AMI's deprecation", (*World).DisableImageDeprecation),
	action(KindEC2, "DisableImage", "disable an AMI: nobody can launch it, and it is made private", (*World).DisableImage),
	action(KindEC2, "EnableImage", "re-enable a disabled AMI (private)", (*World).EnableImage),
	action(KindEC2, "EnableImageBlockPublicAccess", "block making AMIs public in this Region", (*World).EnableImageBlockPublicAccess),
	action(KindEC2, "DisableImageBlockPublicAccess", "allow public AMIs again in this Region", (*World).DisableImageBlockPublicAccess),
	action(KindEC2, "GetImageBlockPublicAccessState", "read block public access for AMIs", (*World).GetImageBlockPublicAccessState),
	action(KindEC2, "EnableEbsEncryptionByDefault", "encrypt every new EBS volume in this Region", (*World).EnableEbsEncryptionByDefault),
	action(KindEC2, "DisableEbsEncryptionByDefault", "stop encrypting new volumes by default", (*World).DisableEbsEncryptionByDefault),
	action(KindEC2, "GetEbsEncryptionByDefault", "read EBS encryption by default", (*World).GetEbsEncryptionByDefault),
	action(KindEC2, "ModifyEbsDefaultKmsKeyId", "choose the KMS key of encryption by default", (*World).ModifyEbsDefaultKmsKeyId),
	action(KindEC2, "GetEbsDefaultKmsKeyId", "read the default EBS KMS key", (*World).GetEbsDefaultKmsKeyId),
	action(KindRbin, "CreateRule", "create a Recycle Bin retention rule for snapshots or AMIs", (*World).CreateRule).creating(ResourceRecycleBinRule),
	action(KindRbin, "ListRules", "list Recycle Bin retention rules", (*World).ListRules),
	command(KindRbin, "DeleteRule", "delete a Recycle Bin retention rule", (*World).DeleteRule),
	action(KindEC2, "ListSnapshotsInRecycleBin", "list deleted snapshots the Recycle Bin keeps", (*World).ListSnapshotsInRecycleBin),
	action(KindEC2, "RestoreSnapshotFromRecycleBin", "bring a snapshot back from the Recycle Bin", (*World).RestoreSnapshotFromRecycleBin),
	action(KindEC2, "ListImagesInRecycleBin", "list deregistered AMIs the Recycle Bin keeps", (*World).ListImagesInRecycleBin),
	action(KindEC2, "RestoreImageFromRecycleBin", "bring an AMI back from the Recycle Bin", (*World).RestoreImageFromRecycleBin),
	command(KindGuest, "WriteData", "software on the instance writes data to a volume or instance store", (*World).WriteData),
	command(KindGuest, "BundleVolume", "the AMI tools bundle an instance-store root into S3", (*World).BundleVolume),
	command(KindGuest, "GuestShutdown", "the OS shuts itself down", (*World).GuestShutdown),
	command(KindFault, "HostFailure", "the hardware under an instance fails", (*World).HostFailure),
	command(KindFault, "InstanceRetirement", "AWS retires an instance's hardware", (*World).InstanceRetirement),
	command(KindFault, "AZImpairment", "an Availability Zone is impaired for a while", (*World).AZImpairment),
	command(KindFault, "SpotInterruption", "AWS reclaims a Spot instance", (*World).SpotInterruption),
	// Launch templates, Elastic IPs, Auto Scaling and target groups (fleet.go).
	action(KindEC2, "CreateLaunchTemplate", "create a launch template and its version 1", (*World).CreateLaunchTemplate).creating(ResourceLaunchTemplate),
	action(KindEC2, "CreateLaunchTemplateVersion", "add a version to a launch template", (*World).CreateLaunchTemplateVersion),
	action(KindEC2, "ModifyLaunchTemplate", "set a launch template's default version", (*World).ModifyLaunchTemplate),
	action(KindEC2, "DescribeLaunchTemplates", "list launch templates", (*World).DescribeLaunchTemplates),
	action(KindEC2, "DescribeLaunchTemplateVersions", "list a launch template's versions and their parameters", (*World).DescribeLaunchTemplateVersions),
	action(KindEC2, "DeleteLaunchTemplate", "delete a launch template and all its versions", (*World).DeleteLaunchTemplate),
	action(KindEC2, "AllocateAddress", "allocate an Elastic IP address (billed until released)", (*World).AllocateAddress).creating(ResourceAddress),
	action(KindEC2, "AssociateAddress", "point an Elastic IP address at an instance", (*World).AssociateAddress),
	command(KindEC2, "DisassociateAddress", "take an Elastic IP address off its instance (it stays allocated)", (*World).DisassociateAddress),
	command(KindEC2, "ReleaseAddress", "give an Elastic IP address back (its billing stops)", (*World).ReleaseAddress),
	action(KindEC2, "DescribeAddresses", "list Elastic IP addresses and what they point at", (*World).DescribeAddresses),
	action(KindAutoScaling, "CreateAutoScalingGroup", "create an Auto Scaling group from a launch template", (*World).CreateAutoScalingGroup).creating(ResourceAutoScaling).recurring(),
	action(KindAutoScaling, "UpdateAutoScalingGroup", "change a group's sizes, zones, template or health checks", (*World).UpdateAutoScalingGroup),
	action(KindAutoScaling, "SetDesiredCapacity", "set how many instances a group keeps", (*World).SetDesiredCapacity),
	action(KindAutoScaling, "DescribeAutoScalingGroups", "list Auto Scaling groups and their instances", (*World).DescribeAutoScalingGroups),
	action(KindAutoScaling, "DeleteAutoScalingGroup", "delete an Auto Scaling group", (*World).DeleteAutoScalingGroup),
	action(KindAutoScaling, "AttachLoadBalancerTargetGroups", "attach target groups to an Auto Scaling group", (*World).AttachLoadBalancerTargetGroups),
	action(KindAutoScaling, "PutScheduledUpdateGroupAction", "change a group's sizes at a time, or on a schedule", (*World).PutScheduledUpdateGroupAction),
	action(KindAutoScaling, "PutScalingPolicy", "keep requests per instance near a target (target tracking)", (*World).PutScalingPolicy),
	action(KindAutoScaling, "DescribeScalingActivities", "read a group's history of launches and terminations", (*World).DescribeScalingActivities),
	action(KindELB, "CreateTargetGroup", "create a load-balancer target group with its health check", (*World).CreateTargetGroup).creating(ResourceTargetGroup),
	action(KindELB, "RegisterTargets", "register instances with a target group", (*World).RegisterTargets).recurring(),
	action(KindELB, "DeregisterTargets", "deregister instances from a target group (they drain first)", (*World).DeregisterTargets),
	action(KindELB, "DescribeTargetHealth", "read the health of a target group's targets", (*World).DescribeTargetHealth),
	action(KindLoad, "SetRequestRate", "set the requests per minute that reach a target group", (*World).SetRequestRate),
	command(KindGuest, "ApplicationFailure", "the application on an instance stops answering health checks", (*World).ApplicationFailure),
}

// Actions lists every action, EC2 ones first.
func Actions() []ActionInfo { return slices.Clone(actions) }

// ActionNames lists the action names.
func ActionNames() []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.Name
	}
	return names
}

// LookupAction finds an action by its exact name.
func LookupAction(name string) (ActionInfo, bool) {
	for _, a := range actions {
		if a.Name == name {
			return a, true
		}
	}
	return ActionInfo{}, false
}

// Call calls an action with a request from its NewInput. On success it
// returns the action's typed output (a value such as InstancesOutput or
// DescribeImagesOutput; struct{}{} for a command) and a nil error. On failure
// the output is nil and the error is always an *Error, whose code the trace
// records too; a failed call changes nothing in the world. Created(out)
// lists what the call created. A request whose DryRun field is true is
// answered by World.DryRun, the one rule for dry runs.
func (w *World) Call(c Caller, a ActionInfo, in any) (any, error) {
	if c.IDsOnly {
		w.idsOnly = true
		defer func() { w.idsOnly = false }()
	}
	if real, ok := withoutDryRun(in); ok {
		return nil, w.DryRun(c, a, real)
	}
	return a.call(w, c, in)
}
