package model

import (
	"fmt"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// AMI deprecation, disabling and block public access (S68).
//
//   - A deprecated AMI (EnableImageDeprecation, from DeprecateAt on) still
//     launches for everyone allowed to launch it, but DescribeImages stops
//     listing it to accounts other than the owner unless they ask with
//     IncludeDeprecated or name its ID. The owner always sees it.
//   - A disabled AMI (DisableImage) launches for nobody: its state is
//     disabled, it is made private and every launch permission is removed;
//     only the owner lists it, with IncludeDisabled. EnableImage makes it
//     available again, but the lost permissions do not come back.
//   - Block public access for AMIs (per account and Region) refuses to make
//     an AMI public; AMIs already public stay public. Turning it on or off
//     takes up to ten minutes, and GetImageBlockPublicAccessState reports
//     the old state until then.
//
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableImage.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableImageBlockPublicAccess.html

// ImageDisabled is the state of a disabled AMI.
const ImageDisabled = "disabled"

// Block public access states.
const (
	BlockNewSharing = "block-new-sharing"
	Unblocked       = "unblocked"
)

func bpaState(on bool) string {
	if on {
		return BlockNewSharing
	}
	return Unblocked
}

// Deprecated reports whether an AMI counts as deprecated at time now.
func (im *Image) Deprecated(now sim.Time) bool { return im.Deprecating && now >= im.DeprecationTime }

// imageListed applies deprecation and disabling to DescribeImages.
func (w *World) imageListed(c Caller, im *Image, in DescribeImagesInput) bool {
	owner := im.Owner == c.Account
	switch {
	case im.State == ImageDisabled:
		return owner && in.IncludeDisabled
	case im.Deprecated(w.Now()) && !owner:
		return in.IncludeDeprecated || len(in.ImageIds) > 0
	}
	return true
}

// checkPublicSharing refuses to make an AMI public while block public
// access is in force in its Region.
func (w *World) checkPublicSharing(c Caller, im *Image) error {
	if w.settings.imageBPA[settingKey(c)] {
		return errf(OperationNotPermitted, "Block public access for AMIs is enabled in %s: AMI %s cannot be made public. Share it with specific accounts, or DisableImageBlockPublicAccess first.", c.Region, im.ID)
	}
	return nil
}

// EnableImageDeprecationInput sets when an AMI becomes deprecated.
type EnableImageDeprecationInput struct {
	ImageId     string `yaml:"ImageId" json:"ImageId"`
	DeprecateAt string `yaml:"DeprecateAt" json:"DeprecateAt"` // RFC 3339, UTC
	DryRun      bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// ReturnOutput is the answer of actions that return only true.
type ReturnOutput struct {
	Return bool `json:"Return"`
}

// EnableImageDeprecation schedules an AMI's deprecation. The time is
// rounded to the nearest minute; it may not be in the past, nor more than
// ten years ahead.
func (w *World) EnableImageDeprecation(c Caller, in EnableImageDeprecationInput) (out ReturnOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("EnableImageDeprecation", c, w.resolveImage(in.ImageId, c.Region), err, in.DeprecateAt)
	}()
	if err != nil {
		return out, err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return out, err
	}
	at, perr := time.Parse(time.RFC3339, in.DeprecateAt)
	if perr != nil {
		return out, errf(InvalidParameterValue, "DeprecateAt %q is not a UTC time such as 2026-02-01T00:00:00Z", in.DeprecateAt)
	}
	t := w.Clock().Of(at.Round(time.Minute))
	if t < w.Now()-sim.Minute/2 {
		return out, errf(InvalidParameterValue, "DeprecateAt %s is in the past", in.DeprecateAt)
	}
	if t > w.Now()+10*365*sim.Day {
		return out, errf(InvalidParameterValue, "DeprecateAt %s is more than 10 years away", in.DeprecateAt)
	}
	if in.DryRun {
		return out, dryRun()
	}
	im.Deprecating, im.DeprecationTime = true, t
	w.emit(TraceEvent{Kind: TraceNote, Action: "deprecation", Resource: im.ID, Region: im.Region,
		Message: fmt.Sprintf("deprecated from %s: still launchable, no longer listed to other accounts", w.Clock().At(t).Format(time.RFC3339))})
	return ReturnOutput{true}, nil
}

// ImageIDInput names one AMI.
type ImageIDInput struct {
	ImageId string `yaml:"ImageId" json:"ImageId"`
	DryRun  bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DisableImageDeprecation cancels an AMI's deprecation.
func (w *World) DisableImageDeprecation(c Caller, in ImageIDInput) (out ReturnOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DisableImageDeprecation", c, w.resolveImage(in.ImageId, c.Region), err, "") }()
	if err != nil {
		return out, err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	im.Deprecating, im.DeprecationTime = false, 0
	return ReturnOutput{true}, nil
}

// DisableImage disables an available AMI: nobody can launch it, and it is
// made private with every launch permission removed.
func (w *World) DisableImage(c Caller, in ImageIDInput) (out ReturnOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DisableImage", c, w.resolveImage(in.ImageId, c.Region), err, "") }()
	if err != nil {
		return out, err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return out, err
	}
	if im.State != ImageAvailable {
		return out, errf(IncorrectState, "AMI '%s' is %s: only an available AMI can be disabled", im.ID, im.State)
	}
	if in.DryRun {
		return out, dryRun()
	}
	lost := len(im.LaunchPermissions)
	im.Public, im.LaunchPermissions = false, nil
	w.setImageState(im, ImageDisabled)
	if lost > 0 {
		w.emit(TraceEvent{Kind: TraceNote, Action: "permissions-removed", Resource: im.ID, Region: im.Region,
			Message: fmt.Sprintf("%d launch permission(s) removed; EnableImage will not restore them", lost)})
	}
	return ReturnOutput{true}, nil
}

// EnableImage makes a disabled AMI available again, private.
func (w *World) EnableImage(c Caller, in ImageIDInput) (out ReturnOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("EnableImage", c, w.resolveImage(in.ImageId, c.Region), err, "") }()
	if err != nil {
		return out, err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return out, err
	}
	if im.State != ImageDisabled {
		return out, errf(IncorrectState, "AMI '%s' is %s, not disabled", im.ID, im.State)
	}
	if in.DryRun {
		return out, dryRun()
	}
	w.setImageState(im, ImageAvailable)
	return ReturnOutput{true}, nil
}

// ImageBlockPublicAccessInput is EnableImageBlockPublicAccess's request.
type ImageBlockPublicAccessInput struct {
	ImageBlockPublicAccessState string `yaml:"ImageBlockPublicAccessState" json:"ImageBlockPublicAccessState"`
	DryRun                      bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// ImageBlockPublicAccessOutput reports the setting.
type ImageBlockPublicAccessOutput struct {
	ImageBlockPublicAccessState string `json:"ImageBlockPublicAccessState"`
}

func (w *World) askImageBPA(action string, c Caller, on bool, dry bool) (out ImageBlockPublicAccessOutput, err error) {
	if dry {
		return out, dryRun()
	}
	k := settingKey(c)
	w.settings.imageBPAWant[k] = on
	w.after(w.sample("image-block-public-access/apply"), evSettingApplied, "image-bpa:"+k)
	return ImageBlockPublicAccessOutput{bpaState(on)}, nil
}

// EnableImageBlockPublicAccess blocks making AMIs public in the caller's
// Region, once it has taken effect.
func (w *World) EnableImageBlockPublicAccess(c Caller, in ImageBlockPublicAccessInput) (out ImageBlockPublicAccessOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("EnableImageBlockPublicAccess", c, "", err, in.ImageBlockPublicAccessState) }()
	if err != nil {
		return out, err
	}
	if in.ImageBlockPublicAccessState != BlockNewSharing {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for ImageBlockPublicAccessState (valid: block-new-sharing)", in.ImageBlockPublicAccessState)
	}
	return w.askImageBPA("EnableImageBlockPublicAccess", c, true, in.DryRun)
}

// DisableImageBlockPublicAccessInput is its request.
type DisableImageBlockPublicAccessInput struct {
	DryRun bool `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DisableImageBlockPublicAccess allows public AMIs again, once it has
// taken effect.
func (w *World) DisableImageBlockPublicAccess(c Caller, in DisableImageBlockPublicAccessInput) (out ImageBlockPublicAccessOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DisableImageBlockPublicAccess", c, "", err, "") }()
	if err != nil {
		return out, err
	}
	return w.askImageBPA("DisableImageBlockPublicAccess", c, false, in.DryRun)
}

// GetImageBlockPublicAccessState reports the setting in force now.
func (w *World) GetImageBlockPublicAccessState(c Caller, in DisableImageBlockPublicAccessInput) (out ImageBlockPublicAccessOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("GetImageBlockPublicAccessState", c, "", err, out.ImageBlockPublicAccessState) }()
	if err != nil {
		return out, err
	}
	return ImageBlockPublicAccessOutput{bpaState(w.settings.imageBPA[settingKey(c)])}, nil
}

// ImageBlockPublicAccess reports whether block public access for AMIs is
// in force for an account (ID or name) in a Region.
func (w *World) ImageBlockPublicAccess(account, region string) bool {
	return w.settings.imageBPA[w.AccountID(account)+"/"+region]
}

// EbsEncryptionByDefault reports whether encryption by default is on for
// an account (ID or name) in a Region.
func (w *World) EbsEncryptionByDefault(account, region string) bool {
	return w.settings.ebsByDefault[w.AccountID(account)+"/"+region]
}
