package model

import "fmt"

// Instance metadata options (S66): whether the instance metadata service
// answers at all (HttpEndpoint) and whether it insists on IMDSv2's session
// tokens (HttpTokens required) or also answers IMDSv1's plain GETs
// (optional). The simulator records them and shows them in
// DescribeInstances; nothing inside an instance reads metadata, so they
// are attributes to set and check, as Security Hub's EC2.8 control checks
// HttpTokens.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html

// Metadata option values.
const (
	HttpTokensOptional = "optional"
	HttpTokensRequired = "required"
	EndpointEnabled    = "enabled"
	EndpointDisabled   = "disabled"
)

// InstanceMetadataOptionsRequest is RunInstances' MetadataOptions.
type InstanceMetadataOptionsRequest struct {
	HttpTokens              string `yaml:"HttpTokens" json:"HttpTokens,omitempty"`
	HttpEndpoint            string `yaml:"HttpEndpoint" json:"HttpEndpoint,omitempty"`
	HttpPutResponseHopLimit int    `yaml:"HttpPutResponseHopLimit" json:"HttpPutResponseHopLimit,omitempty"`
}

// metadataOptions are checked options.
type metadataOptions struct {
	tokens, endpoint string
	hopLimit         int
}

// metadataDefaults are what a launch without MetadataOptions gets: the
// API's defaults for an AMI whose ImdsSupport is not v2.0 (the simulator
// does not model that AMI attribute; see docs/decisions.md).
var metadataDefaults = metadataOptions{HttpTokensOptional, EndpointEnabled, 1}

// checkMetadataOptions applies a request's options on top of base.
func checkMetadataOptions(r *InstanceMetadataOptionsRequest, base metadataOptions) (metadataOptions, error) {
	o := base
	if r == nil {
		return o, nil
	}
	switch r.HttpTokens {
	case "":
	case HttpTokensOptional, HttpTokensRequired:
		o.tokens = r.HttpTokens
	default:
		return o, errf(InvalidParameterValue, "Invalid value '%s' for HttpTokens (valid: optional, required)", r.HttpTokens)
	}
	switch r.HttpEndpoint {
	case "":
	case EndpointEnabled, EndpointDisabled:
		o.endpoint = r.HttpEndpoint
	default:
		return o, errf(InvalidParameterValue, "Invalid value '%s' for HttpEndpoint (valid: enabled, disabled)", r.HttpEndpoint)
	}
	if h := r.HttpPutResponseHopLimit; h != 0 {
		if h < 1 || h > 64 {
			return o, errf(InvalidParameterValue, "HttpPutResponseHopLimit %d is out of range: 1 to 64", h)
		}
		o.hopLimit = h
	}
	return o, nil
}

// ModifyInstanceMetadataOptionsInput changes a running or stopped
// instance's options.
type ModifyInstanceMetadataOptionsInput struct {
	InstanceId              string `yaml:"InstanceId" json:"InstanceId"`
	HttpTokens              string `yaml:"HttpTokens" json:"HttpTokens,omitempty"`
	HttpEndpoint            string `yaml:"HttpEndpoint" json:"HttpEndpoint,omitempty"`
	HttpPutResponseHopLimit int    `yaml:"HttpPutResponseHopLimit" json:"HttpPutResponseHopLimit,omitempty"`
	DryRun                  bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// InstanceMetadataOptions is what ModifyInstanceMetadataOptions answers.
type InstanceMetadataOptions struct {
	InstanceId              string `json:"InstanceId"`
	State                   string `json:"State"` // applied: the simulator applies at once
	HttpTokens              string `json:"HttpTokens"`
	HttpEndpoint            string `json:"HttpEndpoint"`
	HttpPutResponseHopLimit int    `json:"HttpPutResponseHopLimit"`
}

// ModifyInstanceMetadataOptions changes the metadata options of an
// instance that is not terminated, with no reboot: the usual way to
// require IMDSv2 on a fleet already running.
func (w *World) ModifyInstanceMetadataOptions(c Caller, in ModifyInstanceMetadataOptionsInput) (out InstanceMetadataOptions, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("ModifyInstanceMetadataOptions", c, w.resolve(in.InstanceId), err, fmt.Sprintf("HttpTokens=%s HttpEndpoint=%s", out.HttpTokens, out.HttpEndpoint))
	}()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return out, err
	}
	inst := insts[0]
	if inst.State == Terminated || inst.State == ShuttingDown {
		return out, errf(IncorrectInstanceState, "The instance '%s' is %s: its metadata options cannot change.", inst.ID, inst.State)
	}
	if in.HttpTokens == "" && in.HttpEndpoint == "" && in.HttpPutResponseHopLimit == 0 {
		return out, errf(MissingParameter, "Give at least one of HttpTokens, HttpEndpoint or HttpPutResponseHopLimit")
	}
	o, err := checkMetadataOptions(&InstanceMetadataOptionsRequest{in.HttpTokens, in.HttpEndpoint, in.HttpPutResponseHopLimit},
		metadataOptions{inst.MetadataHttpTokens, inst.MetadataHttpEndpoint, inst.MetadataHopLimit})
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	inst.MetadataHttpTokens, inst.MetadataHttpEndpoint, inst.MetadataHopLimit = o.tokens, o.endpoint, o.hopLimit
	return InstanceMetadataOptions{inst.ID, "applied", o.tokens, o.endpoint, o.hopLimit}, nil
}
