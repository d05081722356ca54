package model

import "slices"

// ActionKind tells EC2 API actions from the simulator's own stand-ins.
type ActionKind string

// Action kinds.
const (
	KindEC2   ActionKind = "ec2"   // a real EC2 API action, same name and parameters
	KindGuest ActionKind = "guest" // what software inside an instance does
	KindFault ActionKind = "fault" // what AWS or the hardware does to you
	KindDLM   ActionKind = "dlm"   // Amazon Data Lifecycle Manager's API
)

// ActionInfo describes one action a scenario or the sandbox can call.
type ActionInfo struct {
	Name    string
	Kind    ActionKind
	Summary string
	input   func() any
	call    func(w *World, c Caller, in any) (any, error) // the typed output (nil for commands)
}

// NewInput returns a pointer to a zero request of the action's input type,
// ready to be decoded into.
func (a ActionInfo) NewInput() any { return a.input() }

type creator interface{ Created() []string }

func api[In, Out any](kind ActionKind, name, summary string, f func(*World, Caller, In) (Out, error)) ActionInfo {
	return ActionInfo{Name: name, Kind: kind, Summary: summary,
		input: func() any { return new(In) },
		call: func(w *World, c Caller, in any) (any, error) {
			return f(w, c, *in.(*In))
		}}
}

func cmd[In any](kind ActionKind, name, summary string, f func(*World, Caller, In) error) ActionInfo {
	return ActionInfo{Name: name, Kind: kind, Summary: summary,
		input: func() any { return new(In) },
		call: func(w *World, c Caller, in any) (any, error) {
			return nil, f(w, c, *in.(*In))
		}}
}

var actions = []ActionInfo{
	api(KindEC2, "RunInstances", "launch instances from an AMI", (*World).RunInstances),
	api(KindEC2, "StartInstances", "start stopped EBS-backed instances", (*World).StartInstances),
	api(KindEC2, "StopInstances", "stop (or hibernate) EBS-backed instances", (*World).StopInstances),
	api(KindEC2, "RebootInstances", "reboot running instances (they stay running)", (*World).RebootInstances),
	api(KindEC2, "TerminateInstances", "terminate instances for good", (*World).TerminateInstances),
	api(KindEC2, "DescribeInstances", "list instances", (*World).DescribeInstances),
	api(KindEC2, "CreateImage", "make an EBS-backed AMI from an instance", (*World).CreateImage),
	api(KindEC2, "RegisterImage", "register an AMI from a snapshot or an S3 bundle", (*World).RegisterImage),
	api(KindEC2, "CopyImage", "copy an AMI into this region", (*World).CopyImage),
	cmd(KindEC2, "DeregisterImage", "deregister an AMI (its snapshots stay unless deleted)", (*World).DeregisterImage),
	cmd(KindEC2, "ModifyImageAttribute", "share an AMI, make it public or private", (*World).ModifyImageAttribute),
	api(KindEC2, "DescribeImages", "list AMIs you can see", (*World).DescribeImages),
	api(KindEC2, "CreateSnapshot", "snapshot an EBS volume", (*World).CreateSnapshot),
	api(KindEC2, "CopySnapshot", "copy a snapshot into this region", (*World).CopySnapshot),
	cmd(KindEC2, "DeleteSnapshot", "delete a snapshot", (*World).DeleteSnapshot),
	cmd(KindEC2, "ModifySnapshotTier", "move a snapshot to the archive tier", (*World).ModifySnapshotTier),
	api(KindEC2, "DescribeSnapshots", "list your snapshots", (*World).DescribeSnapshots),
	api(KindEC2, "CreateVolume", "create an EBS volume in an AZ", (*World).CreateVolume),
	api(KindEC2, "AttachVolume", "attach a volume to an instance in the same AZ", (*World).AttachVolume),
	api(KindEC2, "DetachVolume", "detach a volume", (*World).DetachVolume),
	api(KindEC2, "DeleteVolume", "delete an available volume", (*World).DeleteVolume),
	api(KindEC2, "DescribeVolumes", "list your volumes", (*World).DescribeVolumes),
	api(KindEC2, "CreateKeyPair", "create an SSH key pair", (*World).CreateKeyPair),
	api(KindEC2, "CreateSecurityGroup", "create a security group", (*World).CreateSecurityGroup),
	cmd(KindEC2, "AuthorizeSecurityGroupIngress", "open an inbound port", (*World).AuthorizeSecurityGroupIngress),
	cmd(KindEC2, "CreateTags", "tag resources", (*World).CreateTags),
	api(KindDLM, "CreateLifecyclePolicy", "automate AMI creation and retention by tag (Data Lifecycle Manager)", (*World).CreateLifecyclePolicy),
	cmd(KindGuest, "WriteData", "software on the instance writes data to a volume or instance store", (*World).WriteData),
	cmd(KindGuest, "BundleVolume", "the AMI tools bundle an instance-store root into S3", (*World).BundleVolume),
	cmd(KindGuest, "GuestShutdown", "the OS shuts itself down", (*World).GuestShutdown),
	cmd(KindFault, "HostFailure", "the hardware under an instance fails", (*World).HostFailure),
	cmd(KindFault, "InstanceRetirement", "AWS retires an instance's hardware", (*World).InstanceRetirement),
	cmd(KindFault, "AZImpairment", "an Availability Zone is impaired for a while", (*World).AZImpairment),
	cmd(KindFault, "SpotInterruption", "AWS reclaims a Spot instance", (*World).SpotInterruption),
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

// Do calls an action with a request from NewInput. It returns the IDs the
// call created, for scenario names.
func (w *World) Do(c Caller, a ActionInfo, in any) ([]string, error) {
	out, err := a.call(w, c, in)
	if cr, ok := out.(creator); ok && err == nil {
		return cr.Created(), nil
	}
	return nil, err
}

// Call calls an action with a request from NewInput and returns its typed
// output (for example InstancesOutput; nil for actions that answer nothing)
// and its error, a *Error for an API error.
func (w *World) Call(c Caller, a ActionInfo, in any) (any, error) {
	return a.call(w, c, in)
}
