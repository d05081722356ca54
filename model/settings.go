package model

import "strings"

// regionSettings are account settings that EC2 keeps per account and
// Region: EBS encryption by default (encryption.go) and block public
// access for AMIs (deprecation.go). Keys are "account/region".
type regionSettings struct {
	ebsByDefault map[string]bool
	ebsKey       map[string]string // default KMS key ID for encryption by default; "" means aws/ebs
	imageBPA     map[string]bool   // in force now
	imageBPAWant map[string]bool   // asked for; takes effect after image-block-public-access/apply
}

func newRegionSettings() regionSettings {
	return regionSettings{ebsByDefault: map[string]bool{}, ebsKey: map[string]string{}, imageBPA: map[string]bool{}, imageBPAWant: map[string]bool{}}
}

func (s regionSettings) clone() regionSettings {
	return regionSettings{ebsByDefault: cloneMapPlain(s.ebsByDefault), ebsKey: cloneMapPlain(s.ebsKey),
		imageBPA: cloneMapPlain(s.imageBPA), imageBPAWant: cloneMapPlain(s.imageBPAWant)}
}

func settingKey(c Caller) string { return c.Account + "/" + c.Region }

// onSettingApplied makes a setting asked for earlier take effect. The
// event's id is "image-bpa:account/region".
func (w *World) onSettingApplied(id string) {
	k, ok := strings.CutPrefix(id, "image-bpa:")
	if !ok {
		return
	}
	on := w.settings.imageBPAWant[k]
	if w.settings.imageBPA[k] == on {
		return
	}
	w.settings.imageBPA[k] = on
	account, region, _ := strings.Cut(k, "/")
	w.emit(TraceEvent{Kind: TraceState, Action: "image-block-public-access", Resource: account, Region: region,
		From: bpaState(!on), To: bpaState(on), Message: "block public access for AMIs is now " + bpaState(on)})
}
