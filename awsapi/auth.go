package awsapi

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/ec2sim/ec2sim/model"
)

// credential is what a request's SigV4 credential scope says: who signs
// and for which region and service. With --endpoint-url the Host is the
// loopback address, so the scope is the only place the region appears
// ("Authorization header": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-auth-methods.html).
// Signatures are never verified: ec2sim holds no secrets.
type credential struct {
	AccessKey, Region, Service string
}

// defaultRegion is a request's region when its credential scope names none.
const defaultRegion = "us-east-1"

// Services the credential scope may name.
const (
	serviceEC2 = "ec2"
	serviceSTS = "sts"
)

// credentialOf reads the scope from the Authorization header (or a
// presigned request's X-Amz-Credential). A request without one (curl) is
// the default account in us-east-1.
func credentialOf(r *http.Request, form map[string][]string) credential {
	scope := ""
	if h := r.Header.Get("Authorization"); h != "" {
		if _, after, ok := strings.Cut(h, "Credential="); ok {
			scope, _, _ = strings.Cut(after, ",")
		}
	} else if v := form["X-Amz-Credential"]; len(v) > 0 {
		scope = v[0]
	}
	parts := strings.Split(strings.TrimSpace(scope), "/")
	c := credential{Region: defaultRegion, Service: serviceEC2}
	if len(parts) >= 1 {
		c.AccessKey = parts[0]
	}
	if len(parts) >= 4 {
		c.Region, c.Service = parts[2], parts[3]
	}
	return c
}

// realKey matches the shape of a real AWS access key ID: AKIA (long-term)
// or ASIA (temporary) and 16 upper-case letters or digits
// ("Understanding unique ID prefixes",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
var realKey = regexp.MustCompile(`^(AKIA|ASIA)[A-Z0-9]{16}$`)

// account resolves the access key ID to a scenario account: its name or
// 12-digit ID picks that account, anything else (test, dummy) the first.
// A key shaped like a real one is refused, so a student whose shell holds
// real credentials learns it here and not from a bill.
func account(w *model.World, key string) (model.Account, *model.Error) {
	if realKey.MatchString(key) {
		return model.Account{}, &model.Error{Code: model.AuthFailure, Message: fmt.Sprintf(
			"The access key %s…%s looks like a real AWS key. ec2sim never needs real credentials: "+
				"use AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=ec2sim", key[:4], key[len(key)-4:], w.Accounts()[0].Name)}
	}
	for _, a := range w.Accounts() {
		if key != "" && (a.Name == key || a.ID == key) {
			return a, nil
		}
	}
	return w.Accounts()[0], nil
}

// stsNamespace is the STS 2011-06-15 XML namespace.
const stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

// actionGetCallerIdentity is the one STS action ec2sim answers: `aws sts
// get-caller-identity` proves the CLI talks to ec2sim, not to AWS.
const actionGetCallerIdentity = "GetCallerIdentity"

// callerIdentity is the STS GetCallerIdentity answer. Unlike EC2's, the
// standard Query protocol wraps the result and the request ID
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
type callerIdentity struct {
	XMLName xml.Name `xml:"GetCallerIdentityResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Result  struct {
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
		Arn     string `xml:"Arn"`
	} `xml:"GetCallerIdentityResult"`
	Metadata struct {
		RequestID string `xml:"RequestId"`
	} `xml:"ResponseMetadata"`
}

func newCallerIdentity(a model.Account, requestID string) callerIdentity {
	var ci callerIdentity
	ci.Xmlns = stsNamespace
	name := a.Name
	if name == "" {
		name = a.ID
	}
	ci.Result.UserID = "AIDA" + strings.ToUpper(stableHex("user/" + a.ID)[:16])
	ci.Result.Account = a.ID
	ci.Result.Arn = "arn:aws:iam::" + a.ID + ":user/" + name
	ci.Metadata.RequestID = requestID
	return ci
}
