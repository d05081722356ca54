package model

import (
	"errors"
	"fmt"
)

// Code is an EC2 API error code, spelled exactly as AWS returns it. The set
// only grows: scenarios and tests match on these strings.
type Code string

// Error codes the simulated API can return. Sources are in
// ../shared/reference/ec2-facts.md §6 and in docs/model.md.
const (
	AuthFailure                         Code = "AuthFailure"
	AttachmentLimitExceeded             Code = "AttachmentLimitExceeded"
	ConcurrentSnapshotLimitExceeded     Code = "ConcurrentSnapshotLimitExceeded"
	IncorrectInstanceState              Code = "IncorrectInstanceState"
	IncorrectState                      Code = "IncorrectState"
	InsufficientInstanceCapacity        Code = "InsufficientInstanceCapacity"
	InvalidAMIIDMalformed               Code = "InvalidAMIID.Malformed"
	InvalidAMIIDNotFound                Code = "InvalidAMIID.NotFound"
	InvalidAMIIDUnavailable             Code = "InvalidAMIID.Unavailable"
	InvalidAMINameDuplicate             Code = "InvalidAMIName.Duplicate"
	InvalidAttachmentNotFound           Code = "InvalidAttachment.NotFound"
	InvalidBlockDeviceMapping           Code = "InvalidBlockDeviceMapping"
	InvalidInstanceIDMalformed          Code = "InvalidInstanceID.Malformed"
	InvalidInstanceIDNotFound           Code = "InvalidInstanceID.NotFound"
	InvalidKMSKeyNotFound               Code = "InvalidKMSKey.NotFound"
	InvalidParameter                    Code = "InvalidParameter"
	InvalidParameterCombination         Code = "InvalidParameterCombination"
	InvalidParameterValue               Code = "InvalidParameterValue"
	InvalidSnapshotInUse                Code = "InvalidSnapshot.InUse"
	InvalidSnapshotMalformed            Code = "InvalidSnapshot.Malformed"
	InvalidSnapshotNotFound             Code = "InvalidSnapshot.NotFound"
	InvalidVolumeMalformed              Code = "InvalidVolume.Malformed"
	InvalidVolumeNotFound               Code = "InvalidVolume.NotFound"
	InvalidVolumeZoneMismatch           Code = "InvalidVolume.ZoneMismatch"
	InvalidZoneNotFound                 Code = "InvalidZone.NotFound"
	MissingParameter                    Code = "MissingParameter"
	OperationNotPermitted               Code = "OperationNotPermitted"
	ResourceLimitExceeded               Code = "ResourceLimitExceeded"
	Unsupported                         Code = "Unsupported"
	UnsupportedHibernationConfiguration Code = "UnsupportedHibernationConfiguration"
	UnsupportedOperation                Code = "UnsupportedOperation"
	VcpuLimitExceeded                   Code = "VcpuLimitExceeded"
	VolumeInUse                         Code = "VolumeInUse"
	InvalidRegion                       Code = "InvalidRegion"
	CannotDelete                        Code = "CannotDelete"
	DependencyViolation                 Code = "DependencyViolation"
	InvalidGroupIdMalformed             Code = "InvalidGroupId.Malformed"
	InvalidInstanceAttributeValue       Code = "InvalidInstanceAttributeValue"
	InvalidInstanceType                 Code = "InvalidInstanceType"
	InvalidKeyFormat                    Code = "InvalidKey.Format"
	InvalidPaginationToken              Code = "InvalidPaginationToken"
	InvalidSubnetIDMalformed            Code = "InvalidSubnetID.Malformed"
	InvalidSubnetIDNotFound             Code = "InvalidSubnetID.NotFound"
	InvalidVpcIDMalformed               Code = "InvalidVpcID.Malformed"
	InvalidVpcIDNotFound                Code = "InvalidVpcID.NotFound"
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

// CodeOf returns the EC2 error code carried by err, or "" when err is nil or
// not an API error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
