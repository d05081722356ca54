package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// simulatedKeyMaterial is CreateKeyPair's KeyMaterial: PEM-shaped, so
// `--query KeyMaterial --output text > key.pem` works as in the tutorials,
// and plainly not a key.
const simulatedKeyMaterial = "-----BEGIN RSA PRIVATE KEY-----\n" +
	"ec2sim simulates key pairs: this is not a private key, and no instance\n" +
	"of the simulator runs an SSH server.\n" +
	"-----END RSA PRIVATE KEY-----"

// Key types EC2 accepts (AWS's "Amazon EC2 key pairs" page: RSA and
// ED25519; ECDSA is not supported).
const (
	keyTypeRSA     = "rsa"
	keyTypeED25519 = "ed25519"
)

// addKeyPair registers a key pair. Its ID and fingerprint derive from the
// account, region, name and creation order, never from the seed, so adding
// key pairs to a scenario changes no other resource's ID. The fingerprint
// has the shape of AWS's MD5 form (16 colon-separated hex bytes; AWS gives
// ED25519 keys a base64 SHA-256 instead) but is not computed from key material.
func (w *World) addKeyPair(c Caller, name, keyType, public string) *KeyPair {
	if keyType == "" {
		keyType = keyTypeRSA
	}
	seq := w.nextSeq()
	h := stableHex(fmt.Sprintf("key/%s/%s/%s/%d", c.Account, c.Region, name, seq))
	kp := &KeyPair{Name: name, Owner: c.Account, Region: c.Region, ID: "key-" + h, Type: keyType, PublicKey: public, CreateTime: w.Now(), seq: seq}
	h2 := h + stableHex("fp/"+h)
	var parts []string
	for i := 0; i < 32; i += 2 {
		parts = append(parts, h2[i:i+2])
	}
	kp.Fingerprint = strings.Join(parts, ":")
	w.keyPairs[keyPairKey(c.Account, c.Region, name)] = kp
	return kp
}

// ImportKeyPairInput is the ImportKeyPair request. PublicKeyMaterial is the
// public key's OpenSSH text ("ssh-ed25519 AAAA… user@host"); the wire
// carries it base64-encoded and the server decodes it.
type ImportKeyPairInput struct {
	KeyName           string             `yaml:"KeyName" json:"KeyName"`
	PublicKeyMaterial string             `yaml:"PublicKeyMaterial" json:"PublicKeyMaterial"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	DryRun            bool               `yaml:"DryRun" json:"DryRun,omitempty"`
}

// ImportKeyPairOutput answers ImportKeyPair.
type ImportKeyPairOutput struct {
	KeyName        string
	KeyPairId      string
	KeyFingerprint string
}

// Created lists the names the call created.
func (o ImportKeyPairOutput) Created() []string { return []string{o.KeyName} }

// ImportKeyPair registers a public key made elsewhere (ssh-keygen) under a
// name in the caller's region. A name already taken is
// InvalidKeyPair.Duplicate; text that is not an RSA or ED25519 OpenSSH public
// key is InvalidKey.Format.
func (w *World) ImportKeyPair(c Caller, in ImportKeyPairInput) (out ImportKeyPairOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ImportKeyPair", c, in.KeyName, err, out.KeyPairId) }()
	if err != nil {
		return out, err
	}
	if in.KeyName == "" || len(in.KeyName) > 255 {
		return out, errf(InvalidParameterValue, "KeyName must be 1 to 255 characters")
	}
	fields := strings.Fields(in.PublicKeyMaterial)
	var keyType string
	switch {
	case len(fields) >= 2 && fields[0] == "ssh-rsa":
		keyType = keyTypeRSA
	case len(fields) >= 2 && fields[0] == "ssh-ed25519":
		keyType = keyTypeED25519
	default:
		return out, errf(InvalidKeyFormat, "Key is not in valid OpenSSH public key format")
	}
	if _, ok := w.keyPairs[keyPairKey(c.Account, c.Region, in.KeyName)]; ok {
		return out, errf(InvalidKeyPairDuplicate, "The keypair '%s' already exists.", in.KeyName)
	}
	if in.DryRun {
		return out, dryRun()
	}
	kp := w.addKeyPair(c, in.KeyName, keyType, strings.Join(fields[:2], " "))
	for _, ts := range in.TagSpecifications {
		if ts.ResourceType == "" || ts.ResourceType == "key-pair" {
			for _, t := range ts.Tags {
				kp.Tags.Set(t.Key, t.Value)
			}
		}
	}
	return ImportKeyPairOutput{KeyName: kp.Name, KeyPairId: kp.ID, KeyFingerprint: kp.Fingerprint}, nil
}

// DescribeKeyPairsInput is the DescribeKeyPairs request.
type DescribeKeyPairsInput struct {
	KeyNames         []string `yaml:"KeyNames" json:"KeyNames,omitempty"`
	KeyPairIds       []string `yaml:"KeyPairIds" json:"KeyPairIds,omitempty"`
	Filters          []Filter `yaml:"Filters" json:"Filters,omitempty"`
	IncludePublicKey bool     `yaml:"IncludePublicKey" json:"IncludePublicKey,omitempty"`
}

// KeyPairInfo is one entry of DescribeKeyPairs.
type KeyPairInfo struct {
	KeyName        string
	KeyPairId      string
	KeyFingerprint string
	KeyType        string
	PublicKey      string // with IncludePublicKey, for imported keys
	CreateTime     string // RFC 3339, simulated calendar
	Tags           Tags
}

// DescribeKeyPairsOutput lists key pairs.
type DescribeKeyPairsOutput struct{ KeyPairs []KeyPairInfo }

func (w *World) sortedKeyPairs(account, region string) []*KeyPair {
	var out []*KeyPair
	for _, kp := range sortedBySeq(w.keyPairs, func(k *KeyPair) int64 { return k.seq }) {
		if kp.Owner == account && kp.Region == region {
			out = append(out, kp)
		}
	}
	return out
}

// DescribeKeyPairs lists the caller's key pairs in its region. A name or ID
// that is not there is InvalidKeyPair.NotFound ("The key pair 'x' does not
// exist"): the key-pair-exists waiter retries on it.
func (w *World) DescribeKeyPairs(c Caller, in DescribeKeyPairsInput) (out DescribeKeyPairsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, k := range out.KeyPairs {
			items = append(items, k.KeyName)
		}
		w.apiDone("DescribeKeyPairs", c, "", err, listed(len(items), "key pair", items))
	}()
	if err != nil {
		return out, err
	}
	mine := w.sortedKeyPairs(c.Account, c.Region)
	var missing []string
	for _, n := range in.KeyNames {
		if !slices.ContainsFunc(mine, func(k *KeyPair) bool { return k.Name == n }) {
			missing = append(missing, n)
		}
	}
	for _, id := range in.KeyPairIds {
		if !slices.ContainsFunc(mine, func(k *KeyPair) bool { return k.ID == id }) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 1 {
		return out, errf(InvalidKeyPairNotFound, "The key pair '%s' does not exist", missing[0])
	} else if len(missing) > 1 {
		return out, errf(InvalidKeyPairNotFound, "The key pairs '%s' do not exist", strings.Join(missing, ", "))
	}
	var all []KeyPairInfo
	for _, k := range mine {
		if (len(in.KeyNames) > 0 || len(in.KeyPairIds) > 0) && !slices.Contains(in.KeyNames, k.Name) && !slices.Contains(in.KeyPairIds, k.ID) {
			continue
		}
		info := KeyPairInfo{KeyName: k.Name, KeyPairId: k.ID, KeyFingerprint: k.Fingerprint, KeyType: k.Type,
			CreateTime: w.Clock().At(k.CreateTime).Format("2006-01-02T15:04:05.000Z"), Tags: slices.Clone(k.Tags)}
		if in.IncludePublicKey {
			info.PublicKey = k.PublicKey
		}
		all = append(all, info)
	}
	out.KeyPairs, err = applyFilters(all, in.Filters, filterFields[KeyPairInfo]{
		"key-name":    func(k KeyPairInfo) []string { return one(k.KeyName) },
		"key-pair-id": func(k KeyPairInfo) []string { return one(k.KeyPairId) },
		"fingerprint": func(k KeyPairInfo) []string { return one(k.KeyFingerprint) },
		"key-type":    func(k KeyPairInfo) []string { return one(k.KeyType) },
	}, func(k KeyPairInfo) Tags { return k.Tags })
	return out, err
}

// DeleteKeyPairInput is the DeleteKeyPair request: a name or an ID.
type DeleteKeyPairInput struct {
	KeyName   string `yaml:"KeyName" json:"KeyName,omitempty"`
	KeyPairId string `yaml:"KeyPairId" json:"KeyPairId,omitempty"`
	DryRun    bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DeleteKeyPair removes a key pair's name from the region. As on AWS,
// deleting a name that does not exist succeeds (the call is idempotent);
// a KeyPairId that does not exist is InvalidKeyPair.NotFound. Instances
// launched with the key keep it: EC2 only put the public key on them at
// launch.
func (w *World) DeleteKeyPair(c Caller, in DeleteKeyPairInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteKeyPair", c, cmp.Or(in.KeyName, in.KeyPairId), err, "") }()
	if err != nil {
		return err
	}
	if in.KeyName == "" && in.KeyPairId == "" {
		return errf(MissingParameter, "The request must contain the parameter KeyName or KeyPairId")
	}
	var hit *KeyPair
	for _, k := range w.sortedKeyPairs(c.Account, c.Region) {
		if (in.KeyName != "" && k.Name == in.KeyName) || (in.KeyPairId != "" && k.ID == in.KeyPairId) {
			hit = k
		}
	}
	if hit == nil && in.KeyPairId != "" {
		return errf(InvalidKeyPairNotFound, "The key pair '%s' does not exist", in.KeyPairId)
	}
	if in.DryRun {
		return dryRun()
	}
	if hit != nil {
		delete(w.keyPairs, keyPairKey(c.Account, c.Region, hit.Name))
	}
	return nil
}
