package model

import "github.com/ec2sim/ec2sim/sim"

// Why an instance is in its state, as EC2 says it in two fields of the
// Instance shape (S103): stateReason, a code and a message, and
// stateTransitionReason (reason on the wire), who began the last stop or
// termination and when. After a user's StopInstances, DescribeInstances
// answers stateReason {Client.UserInitiatedShutdown,
// "Client.UserInitiatedShutdown: User initiated shutdown"} and reason "User
// initiated (2026-01-05 09:05:12 GMT)"; a running instance has neither.

// StateReasonCode is the code of a StateReason: EC2's documented codes
// (S103), and pending while an instance launches or starts.
type StateReasonCode string

// The state reason codes the model gives.
const (
	ReasonPending                   StateReasonCode = "pending"
	ReasonUserInitiatedShutdown     StateReasonCode = "Client.UserInitiatedShutdown"
	ReasonUserInitiatedHibernate    StateReasonCode = "Client.UserInitiatedHibernate"
	ReasonInstanceInitiatedShutdown StateReasonCode = "Client.InstanceInitiatedShutdown"
	ReasonClientInternalError       StateReasonCode = "Client.InternalError"
	ReasonScheduledStop             StateReasonCode = "Server.ScheduledStop"
	ReasonSpotInstanceShutdown      StateReasonCode = "Server.SpotInstanceShutdown"
	ReasonSpotInstanceTermination   StateReasonCode = "Server.SpotInstanceTermination"
)

// StateReason is why an instance last changed state: a code and a message
// that begins with it ("Client.UserInitiatedShutdown: User initiated
// shutdown"). The zero StateReason is none, as EC2 gives a running
// instance.
type StateReason struct {
	Code    StateReasonCode
	Message string
}

// IsZero reports whether there is no reason.
func (r StateReason) IsZero() bool { return r == StateReason{} }

// stateReason words a reason as EC2 does: the message is the code, a colon
// and the text.
func stateReason(code StateReasonCode, text string) StateReason {
	return StateReason{code, string(code) + ": " + text}
}

// The reasons the model gives. EC2's messages are fixed texts per code
// (S103); the model keeps them where it has one, and says more where a
// student needs to know which rule fired (Auto Scaling, a KMS key).
var (
	// pendingReason is a launch's or a start's until the instance runs:
	// RunInstances answers it (S103, the CLI's run-instances example).
	pendingReason     = StateReason{ReasonPending, string(ReasonPending)}
	userShutdown      = stateReason(ReasonUserInitiatedShutdown, "User initiated shutdown")
	userHibernate     = stateReason(ReasonUserInitiatedHibernate, "User initiated hibernate")
	guestShutdown     = stateReason(ReasonInstanceInitiatedShutdown, "Instance initiated shutdown")
	retirementStop    = stateReason(ReasonScheduledStop, "Stopped due to scheduled retirement")
	spotTermination   = stateReason(ReasonSpotInstanceTermination, "Spot instance termination")
	spotShutdown      = stateReason(ReasonSpotInstanceShutdown, "Spot instance shutdown")
	spotHibernation   = stateReason(ReasonSpotInstanceShutdown, "Spot instance hibernation")
	spotRootDetached  = stateReason(ReasonSpotInstanceTermination, "the root volume was detached, so the Spot Instance could not be started")
	scalingTerminated = stateReason(ReasonUserInitiatedShutdown, "Auto Scaling terminated the instance")
	scalingDeleted    = stateReason(ReasonUserInitiatedShutdown, "the Auto Scaling group was force-deleted")
)

// kmsLaunchFailure is why a launch from an encrypted snapshot whose KMS key
// the caller may not use ends in terminated: EC2's "Client error on launch"
// (S37), with the key and snapshot named.
func kmsLaunchFailure(key, snapshot string) StateReason {
	return stateReason(ReasonClientInternalError, "Client error on launch (no permission to use KMS key "+key+" of encrypted snapshot "+snapshot+")")
}

// Initiator is who began a stop or a termination, as the
// stateTransitionReason says it before the time.
type Initiator string

// The initiators. A transition nobody called for through the API (the OS
// shutting down, a launch that fails) has none: its stateTransitionReason
// is empty, which the Instance shape allows (S101), and its stateReason
// says why.
const (
	InitiatorUser    Initiator = "User initiated"    // a StopInstances or TerminateInstances call
	InitiatorService Initiator = "Service initiated" // EC2 or Auto Scaling: a Spot interruption, a retirement, a scale-in
)

// Transition is an instance's stateTransitionReason: who began its last
// stop or termination, and when. EC2 writes it as "User initiated
// (2026-01-05 09:05:12 GMT)", the time on the simulated calendar; the zero
// Transition is none (the empty string, as for a running instance).
type Transition struct {
	By Initiator
	At sim.Time
}

// IsZero reports whether there is no transition reason.
func (t Transition) IsZero() bool { return t.By == "" }

// transitionBy is the transition by began at t: none without an initiator.
func transitionBy(by Initiator, t sim.Time) Transition {
	if by == "" {
		return Transition{}
	}
	return Transition{by, t}
}
