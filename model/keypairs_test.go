package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

const labPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample student@laptop"

// ImportKeyPair registers a key once per name and region; DescribeKeyPairs
// finds it or says InvalidKeyPair.NotFound; DeleteKeyPair of a missing name
// succeeds, as AWS's does.
func TestKeyPairsImportDescribeDelete(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.ImportKeyPair(asStudent, model.ImportKeyPairInput{KeyName: "laptop", PublicKeyMaterial: labPublicKey})
	l.ok(err)
	_, err = l.w.ImportKeyPair(asStudent, model.ImportKeyPairInput{KeyName: "laptop", PublicKeyMaterial: labPublicKey})
	l.code(err, "InvalidKeyPair.Duplicate")
	_, err = l.w.ImportKeyPair(asWest, model.ImportKeyPairInput{KeyName: "laptop", PublicKeyMaterial: labPublicKey})
	l.ok(err) // key pairs are regional
	_, err = l.w.ImportKeyPair(asStudent, model.ImportKeyPairInput{KeyName: "bad", PublicKeyMaterial: "-----BEGIN OPENSSH PRIVATE KEY-----"})
	l.code(err, model.InvalidKeyFormat)
	_, err = l.w.CreateKeyPair(asStudent, model.CreateKeyPairInput{KeyName: "made-here"})
	l.ok(err)

	list, err := l.w.DescribeKeyPairs(asStudent, model.DescribeKeyPairsInput{KeyNames: []string{"laptop"}, IncludePublicKey: true})
	l.ok(err)
	if len(list.KeyPairs) != 1 || list.KeyPairs[0].KeyPairId != out.KeyPairId || list.KeyPairs[0].KeyType != "ed25519" || list.KeyPairs[0].PublicKey == "" {
		t.Fatalf("DescribeKeyPairs: %+v", list.KeyPairs)
	}
	_, err = l.w.DescribeKeyPairs(asStudent, model.DescribeKeyPairsInput{KeyNames: []string{"nope"}})
	l.code(err, "InvalidKeyPair.NotFound")

	l.ok(l.w.DeleteKeyPair(asStudent, model.DeleteKeyPairInput{KeyName: "laptop"}))
	l.ok(l.w.DeleteKeyPair(asStudent, model.DeleteKeyPairInput{KeyName: "laptop"})) // idempotent
	l.code(l.w.DeleteKeyPair(asStudent, model.DeleteKeyPairInput{KeyPairId: "key-0123456789abcdef0"}), "InvalidKeyPair.NotFound")
	all, _ := l.w.DescribeKeyPairs(asStudent, model.DescribeKeyPairsInput{})
	if len(all.KeyPairs) != 1 || all.KeyPairs[0].KeyName != "made-here" {
		t.Errorf("left: %+v", all.KeyPairs)
	}
}

// Key pairs take no ID from the seed's stream: creating one leaves every
// later resource ID as it would have been.
func TestKeyPairsDoNotShiftResourceIDs(t *testing.T) {
	a, b := newLab(t, labConfig(3)), newLab(t, labConfig(3))
	_, err := a.w.ImportKeyPair(asStudent, model.ImportKeyPairInput{KeyName: "k", PublicKeyMaterial: labPublicKey})
	a.ok(err)
	if x, y := a.launch(asStudent, labRun("al2023", "t3.micro")), b.launch(asStudent, labRun("al2023", "t3.micro")); x[0] != y[0] {
		t.Errorf("instance IDs differ: %s vs %s", x[0], y[0])
	}
}
