package model

// EBS encryption by default (S67): a per-account, per-Region setting. While
// it is on, every new EBS volume (CreateVolume, a launch's block device
// mappings) and every snapshot copy is encrypted, with the account's
// default key (aws/ebs unless ModifyEbsDefaultKmsKeyId chose another),
// whatever the request's Encrypted says. Existing volumes and snapshots
// are not changed. It takes effect at once.
// https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html

// EbsEncryptionByDefaultInput is the request of the three actions.
type EbsEncryptionByDefaultInput struct {
	DryRun bool `yaml:"DryRun" json:"DryRun,omitempty"`
}

// EbsEncryptionByDefaultOutput answers them.
type EbsEncryptionByDefaultOutput struct {
	EbsEncryptionByDefault bool `json:"EbsEncryptionByDefault"`
}

func (w *World) setEncryptionByDefault(action string, c Caller, in EbsEncryptionByDefaultInput, on *bool) (out EbsEncryptionByDefaultOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone(action, c, "", err, "") }()
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	if on != nil {
		w.settings.ebsByDefault[settingKey(c)] = *on
	}
	return EbsEncryptionByDefaultOutput{w.settings.ebsByDefault[settingKey(c)]}, nil
}

// EnableEbsEncryptionByDefault turns encryption by default on in the
// caller's Region.
func (w *World) EnableEbsEncryptionByDefault(c Caller, in EbsEncryptionByDefaultInput) (EbsEncryptionByDefaultOutput, error) {
	on := true
	return w.setEncryptionByDefault("EnableEbsEncryptionByDefault", c, in, &on)
}

// DisableEbsEncryptionByDefault turns it off; volumes already encrypted
// stay encrypted.
func (w *World) DisableEbsEncryptionByDefault(c Caller, in EbsEncryptionByDefaultInput) (EbsEncryptionByDefaultOutput, error) {
	off := false
	return w.setEncryptionByDefault("DisableEbsEncryptionByDefault", c, in, &off)
}

// GetEbsEncryptionByDefault reads the setting of the caller's Region.
func (w *World) GetEbsEncryptionByDefault(c Caller, in EbsEncryptionByDefaultInput) (EbsEncryptionByDefaultOutput, error) {
	return w.setEncryptionByDefault("GetEbsEncryptionByDefault", c, in, nil)
}

// ModifyEbsDefaultKmsKeyIdInput chooses the key encryption by default uses.
type ModifyEbsDefaultKmsKeyIdInput struct {
	KmsKeyId string `yaml:"KmsKeyId" json:"KmsKeyId"`
	DryRun   bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// EbsDefaultKmsKeyIdOutput names the default key.
type EbsDefaultKmsKeyIdOutput struct {
	KmsKeyId string `json:"KmsKeyId"`
}

// ModifyEbsDefaultKmsKeyId sets the caller's default EBS key in its Region
// (a customer managed key; it must exist there).
func (w *World) ModifyEbsDefaultKmsKeyId(c Caller, in ModifyEbsDefaultKmsKeyIdInput) (out EbsDefaultKmsKeyIdOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifyEbsDefaultKmsKeyId", c, out.KmsKeyId, err, "") }()
	if err != nil {
		return out, err
	}
	if in.KmsKeyId == "" {
		return out, errf(MissingParameter, "The request must contain the parameter KmsKeyId")
	}
	k, err := w.findKey(c.Account, c.Region, in.KmsKeyId)
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	w.settings.ebsKey[settingKey(c)] = k.ID
	return EbsDefaultKmsKeyIdOutput{k.ID}, nil
}

// GetEbsDefaultKmsKeyIdInput reads the default key.
type GetEbsDefaultKmsKeyIdInput struct {
	DryRun bool `yaml:"DryRun" json:"DryRun,omitempty"`
}

// GetEbsDefaultKmsKeyId names the key new volumes are encrypted with by
// default: the account's choice, or its aws/ebs key.
func (w *World) GetEbsDefaultKmsKeyId(c Caller, in GetEbsDefaultKmsKeyIdInput) (out EbsDefaultKmsKeyIdOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("GetEbsDefaultKmsKeyId", c, out.KmsKeyId, err, "") }()
	if err != nil {
		return out, err
	}
	if k := w.settings.ebsKey[settingKey(c)]; k != "" {
		return EbsDefaultKmsKeyIdOutput{k}, nil
	}
	return EbsDefaultKmsKeyIdOutput{keyID(c.Account, c.Region, "alias/aws/ebs")}, nil
}

// encryptsByDefault reports whether new volumes in the caller's Region
// are encrypted whatever the request says.
func (w *World) encryptsByDefault(c Caller) bool { return w.settings.ebsByDefault[settingKey(c)] }

// ebsDefaultKeyID is the key a volume encrypted without a KmsKeyId gets.
func (w *World) ebsDefaultKeyID(c Caller) string {
	if k := w.settings.ebsKey[settingKey(c)]; k != "" {
		if _, ok := w.keys[k]; ok {
			return k
		}
	}
	return w.defaultKey(c.Account, c.Region).ID
}
