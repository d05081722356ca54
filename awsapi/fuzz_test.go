package awsapi

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// queryCodes are the codes the query decoder may answer with: anything
// else from decode or checkForm is a bug.
var queryCodes = map[model.Code]bool{
	UnknownParameter: true, MalformedQueryString: true, model.InvalidParameterValue: true,
}

// FuzzQuery: any request body either decodes into the action's typed input
// or gets one of the decoder's AWS error codes with a message; never a
// panic, and never work out of proportion to the body (the bounds in
// query.go hold). The seeds are the recorded botocore bodies and the
// hostile shapes of TestHostileRequestsGetAWSShapedErrors.
func FuzzQuery(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "requests", "*.txt"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(strings.TrimSpace(string(data)))
		}
	}
	for _, s := range []string{
		"Action=DescribeImages&Filter" + strings.Repeat(".1.Value", 20) + "=x",
		"Action=DescribeInstances&InstanceId.100000=i-1",
		"Action=CreateKeyPair&KeyName=%ff%fe",
		"Action=CreateTags&ResourceId.1=i-1&Tag.1.Key=Name&Tag.1.Value=" + strings.Repeat("v", 300),
		"Action=RunInstances&ImageId=al2023&MinCount=one",
		"Action=RunInstances&BlockDeviceMapping.1.Ebs=x&BlockDeviceMapping.1.Ebs.VolumeSize=8",
		"Action=AuthorizeSecurityGroupIngress&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0&CidrIp=1.2.3.4/32",
		"Action=DescribeInstances&Filter.0.Name=x&Filter.-1.Value.1=y",
		"Action=StopInstances&InstanceId.1=i-1&InstanceId.1=i-2&DryRun=maybe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return // readForm answers MalformedQueryString
		}
		if e := checkForm(form); e != nil {
			if !queryCodes[e.Code] || e.Message == "" {
				t.Fatalf("checkForm: %+v", e)
			}
			return
		}
		a, ok := model.LookupAction(form.Get(paramAction))
		if !ok || a.Kind != model.KindEC2 {
			a, _ = model.LookupAction("RunInstances") // decode the parameters against some schema all the same
		}
		req, e := decode(a, form)
		if e != nil {
			if !queryCodes[e.Code] || e.Message == "" {
				t.Fatalf("decode: %+v", e)
			}
			return
		}
		if req.in == nil {
			t.Fatal("decoded without an input")
		}
	})
}
