package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/sim"
)

// A launch template is a named, versioned set of launch parameters:
// RunInstances and Auto Scaling groups launch from it instead of repeating
// them. Versions are numbered from 1 and never change once created; the
// default version is what "$Default" (and a launch naming no version)
// means, the latest what "$Latest" means (UG, "Launch templates",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html,
// and the API reference of CreateLaunchTemplate,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html).
// A template is regional and costs nothing.

// Version aliases a launch template reference may use.
const (
	VersionLatest  = "$Latest"
	VersionDefault = "$Default"
)

// LaunchTemplate is a launch template of one account and region.
type LaunchTemplate struct {
	ID, Name, Owner, Region string
	DefaultVersion          int64
	Versions                []LaunchTemplateVersion // in version order: Versions[i].Number == i+1
	CreateTime              sim.Time
	Tags                    Tags
	seq                     int64
}

// LatestVersion is the number of the template's newest version.
func (lt *LaunchTemplate) LatestVersion() int64 { return int64(len(lt.Versions)) }

// LaunchTemplateVersion is one immutable version of a template.
type LaunchTemplateVersion struct {
	Number      int64
	Description string
	Data        LaunchTemplateData
	CreateTime  sim.Time
}

// LaunchTemplateData is what a template version holds: the RunInstances
// parameters a template can carry, named as in RequestLaunchTemplateData.
// Counts are not among them: how many to launch is the caller's choice.
type LaunchTemplateData struct {
	ImageId                           string                 `yaml:"ImageId" json:"ImageId,omitempty"`
	InstanceType                      string                 `yaml:"InstanceType" json:"InstanceType,omitempty"`
	KeyName                           string                 `yaml:"KeyName" json:"KeyName,omitempty"`
	SecurityGroupIds                  []string               `yaml:"SecurityGroupIds" json:"SecurityGroupIds,omitempty"`
	SecurityGroups                    []string               `yaml:"SecurityGroups" json:"SecurityGroups,omitempty"`
	Placement                         *Placement             `yaml:"Placement" json:"Placement,omitempty"`
	BlockDeviceMappings               []BlockDeviceMapping   `yaml:"BlockDeviceMappings" json:"BlockDeviceMappings,omitempty"`
	TagSpecifications                 []TagSpecification     `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	UserData                          string                 `yaml:"UserData" json:"UserData,omitempty"`
	HibernationOptions                *HibernationOptions    `yaml:"HibernationOptions" json:"HibernationOptions,omitempty"`
	InstanceMarketOptions             *InstanceMarketOptions `yaml:"InstanceMarketOptions" json:"InstanceMarketOptions,omitempty"`
	DisableApiTermination             bool                   `yaml:"DisableApiTermination" json:"DisableApiTermination,omitempty"`
	DisableApiStop                    bool                   `yaml:"DisableApiStop" json:"DisableApiStop,omitempty"`
	InstanceInitiatedShutdownBehavior string                 `yaml:"InstanceInitiatedShutdownBehavior" json:"InstanceInitiatedShutdownBehavior,omitempty"`
	NetworkInterfaces                 []NetworkInterfaceSpec `yaml:"NetworkInterfaces" json:"NetworkInterfaces,omitempty"`
	EbsOptimized                      bool                   `yaml:"EbsOptimized" json:"EbsOptimized,omitempty"`
}

// templateData is what of a launch request a launch template can also
// say. It and setTemplateData are the one place that lists the fields the
// two shapes share (TestTemplateDataIsWhatALaunchCanSay checks the list).
func (in RunInstancesInput) templateData() LaunchTemplateData {
	return LaunchTemplateData{
		ImageId: in.ImageId, InstanceType: in.InstanceType, KeyName: in.KeyName, SecurityGroupIds: in.SecurityGroupIds,
		SecurityGroups: in.SecurityGroups, Placement: in.Placement, BlockDeviceMappings: in.BlockDeviceMappings,
		TagSpecifications: in.TagSpecifications, UserData: in.UserData, HibernationOptions: in.HibernationOptions,
		InstanceMarketOptions: in.InstanceMarketOptions, DisableApiTermination: in.DisableApiTermination,
		DisableApiStop: in.DisableApiStop, InstanceInitiatedShutdownBehavior: in.InstanceInitiatedShutdownBehavior,
		NetworkInterfaces: in.NetworkInterfaces, EbsOptimized: in.EbsOptimized,
	}
}

// setTemplateData sets the request's fields a launch template can say.
func (in *RunInstancesInput) setTemplateData(d LaunchTemplateData) {
	in.ImageId, in.InstanceType, in.KeyName = d.ImageId, d.InstanceType, d.KeyName
	in.SecurityGroupIds, in.SecurityGroups, in.Placement = d.SecurityGroupIds, d.SecurityGroups, d.Placement
	in.BlockDeviceMappings, in.UserData, in.HibernationOptions = d.BlockDeviceMappings, d.UserData, d.HibernationOptions
	in.InstanceMarketOptions, in.DisableApiTermination, in.DisableApiStop = d.InstanceMarketOptions, d.DisableApiTermination, d.DisableApiStop
	in.InstanceInitiatedShutdownBehavior, in.NetworkInterfaces, in.EbsOptimized = d.InstanceInitiatedShutdownBehavior, d.NetworkInterfaces, d.EbsOptimized
	in.TagSpecifications = d.TagSpecifications
}

// over returns d with every parameter o sets replacing d's: how a new
// version made from a SourceVersion, and a launch from a template with
// parameters of its own, combine the two (the API reference: "Any
// additional parameters that you specify for the new instance overwrite the
// corresponding parameters included in the launch template"). A list or a
// structure replaces the template's whole; a false boolean cannot unset a
// true one.
func (d LaunchTemplateData) over(o LaunchTemplateData) LaunchTemplateData {
	str := func(a *string, b string) {
		if b != "" {
			*a = b
		}
	}
	str(&d.ImageId, o.ImageId)
	str(&d.InstanceType, o.InstanceType)
	str(&d.KeyName, o.KeyName)
	str(&d.UserData, o.UserData)
	str(&d.InstanceInitiatedShutdownBehavior, o.InstanceInitiatedShutdownBehavior)
	if o.SecurityGroupIds != nil {
		d.SecurityGroupIds = o.SecurityGroupIds
	}
	if o.SecurityGroups != nil {
		d.SecurityGroups = o.SecurityGroups
	}
	if o.Placement != nil {
		d.Placement = o.Placement
	}
	if o.BlockDeviceMappings != nil {
		d.BlockDeviceMappings = o.BlockDeviceMappings
	}
	if o.TagSpecifications != nil {
		d.TagSpecifications = o.TagSpecifications
	}
	if o.HibernationOptions != nil {
		d.HibernationOptions = o.HibernationOptions
	}
	if o.InstanceMarketOptions != nil {
		d.InstanceMarketOptions = o.InstanceMarketOptions
	}
	if o.NetworkInterfaces != nil {
		d.NetworkInterfaces = o.NetworkInterfaces
	}
	d.DisableApiTermination = d.DisableApiTermination || o.DisableApiTermination
	d.DisableApiStop = d.DisableApiStop || o.DisableApiStop
	d.EbsOptimized = d.EbsOptimized || o.EbsOptimized
	return d
}

// LaunchTemplateSpecification names a template and a version: an ID or a
// name, and a version number, "$Latest" or "$Default" ("" is $Default).
type LaunchTemplateSpecification struct {
	LaunchTemplateId   string `yaml:"LaunchTemplateId" json:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	Version            string `yaml:"Version" json:"Version,omitempty"`
}

// ---- requests and answers ------------------------------------------------

// CreateLaunchTemplateInput is the CreateLaunchTemplate request.
type CreateLaunchTemplateInput struct {
	LaunchTemplateName string             `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	VersionDescription string             `yaml:"VersionDescription" json:"VersionDescription,omitempty"`
	LaunchTemplateData LaunchTemplateData `yaml:"LaunchTemplateData" json:"LaunchTemplateData"`
	TagSpecifications  []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	DryRun             bool               `yaml:"DryRun" json:"DryRun,omitempty"`
}

// LaunchTemplateInfo is a template as the API describes it.
type LaunchTemplateInfo struct {
	LaunchTemplateId     string `json:"LaunchTemplateId"`
	LaunchTemplateName   string `json:"LaunchTemplateName"`
	DefaultVersionNumber int64  `json:"DefaultVersionNumber"`
	LatestVersionNumber  int64  `json:"LatestVersionNumber"`
	CreateTime           string `json:"CreateTime"`
	CreatedBy            string `json:"CreatedBy"`
	Tags                 Tags   `json:"Tags,omitempty"`
}

// LaunchTemplateOutput answers CreateLaunchTemplate, ModifyLaunchTemplate
// and DeleteLaunchTemplate.
type LaunchTemplateOutput struct {
	LaunchTemplate LaunchTemplateInfo `json:"LaunchTemplate"`
}

// Created lists the template a CreateLaunchTemplate call created.
func (o LaunchTemplateOutput) Created() []string { return []string{o.LaunchTemplate.LaunchTemplateId} }

// CreateLaunchTemplateVersionInput is the CreateLaunchTemplateVersion request.
type CreateLaunchTemplateVersionInput struct {
	LaunchTemplateId   string             `yaml:"LaunchTemplateId" json:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string             `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	SourceVersion      string             `yaml:"SourceVersion" json:"SourceVersion,omitempty"`
	VersionDescription string             `yaml:"VersionDescription" json:"VersionDescription,omitempty"`
	LaunchTemplateData LaunchTemplateData `yaml:"LaunchTemplateData" json:"LaunchTemplateData"`
	DryRun             bool               `yaml:"DryRun" json:"DryRun,omitempty"`
}

// LaunchTemplateVersionInfo is one version as the API describes it.
type LaunchTemplateVersionInfo struct {
	LaunchTemplateId   string             `json:"LaunchTemplateId"`
	LaunchTemplateName string             `json:"LaunchTemplateName"`
	VersionNumber      int64              `json:"VersionNumber"`
	VersionDescription string             `json:"VersionDescription,omitempty"`
	DefaultVersion     bool               `json:"DefaultVersion"`
	CreateTime         string             `json:"CreateTime"`
	CreatedBy          string             `json:"CreatedBy"`
	LaunchTemplateData LaunchTemplateData `json:"LaunchTemplateData"`
}

// LaunchTemplateVersionOutput answers CreateLaunchTemplateVersion.
type LaunchTemplateVersionOutput struct {
	LaunchTemplateVersion LaunchTemplateVersionInfo `json:"LaunchTemplateVersion"`
}

// ModifyLaunchTemplateInput is the ModifyLaunchTemplate request: it sets
// the default version (the wire name is SetDefaultVersion).
type ModifyLaunchTemplateInput struct {
	LaunchTemplateId   string `yaml:"LaunchTemplateId" json:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	DefaultVersion     string `yaml:"SetDefaultVersion" json:"SetDefaultVersion,omitempty"`
	DryRun             bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// LaunchTemplateRefInput names one template: DeleteLaunchTemplate.
type LaunchTemplateRefInput struct {
	LaunchTemplateId   string `yaml:"LaunchTemplateId" json:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	DryRun             bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DescribeLaunchTemplatesInput is the DescribeLaunchTemplates request.
type DescribeLaunchTemplatesInput struct {
	LaunchTemplateIds   []string `yaml:"LaunchTemplateIds" json:"LaunchTemplateIds,omitempty"`
	LaunchTemplateNames []string `yaml:"LaunchTemplateNames" json:"LaunchTemplateNames,omitempty"`
	DryRun              bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DescribeLaunchTemplatesOutput answers DescribeLaunchTemplates.
type DescribeLaunchTemplatesOutput struct {
	LaunchTemplates []LaunchTemplateInfo `json:"LaunchTemplates"`
}

// DescribeLaunchTemplateVersionsInput is the DescribeLaunchTemplateVersions
// request. Versions holds numbers, "$Latest" or "$Default"; empty means all.
type DescribeLaunchTemplateVersionsInput struct {
	LaunchTemplateId   string   `yaml:"LaunchTemplateId" json:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string   `yaml:"LaunchTemplateName" json:"LaunchTemplateName,omitempty"`
	Versions           []string `yaml:"Versions" json:"Versions,omitempty"`
	DryRun             bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DescribeLaunchTemplateVersionsOutput answers DescribeLaunchTemplateVersions.
type DescribeLaunchTemplateVersionsOutput struct {
	LaunchTemplateVersions []LaunchTemplateVersionInfo `json:"LaunchTemplateVersions"`
}

// ---- the actions ---------------------------------------------------------

// CreateLaunchTemplate creates a template with its version 1, the default.
// The data is not checked against the catalogue until a launch uses it, as
// on AWS, where a template naming a deleted AMI is created just the same.
func (w *World) CreateLaunchTemplate(c Caller, in CreateLaunchTemplateInput) (out LaunchTemplateOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateLaunchTemplate", c, out.LaunchTemplate.LaunchTemplateId, err, "") }()
	if err != nil {
		return out, err
	}
	if err := checkTemplateName(in.LaunchTemplateName); err != nil {
		return out, err
	}
	if w.templateByName(c, in.LaunchTemplateName) != nil {
		return out, errf(InvalidLaunchTemplateNameAlreadyExists, "Launch template name already in use.")
	}
	if in.DryRun {
		return out, dryRun()
	}
	lt := &LaunchTemplate{ID: w.newID("lt"), Name: in.LaunchTemplateName, Owner: c.Account, Region: c.Region, DefaultVersion: 1,
		CreateTime: w.Now(), seq: w.nextSeq()}
	for _, ts := range in.TagSpecifications {
		if ts.ResourceType == "" || ts.ResourceType == "launch-template" {
			for _, t := range ts.Tags {
				lt.Tags.Set(t.Key, t.Value)
			}
		}
	}
	lt.Versions = []LaunchTemplateVersion{{Number: 1, Description: in.VersionDescription, Data: in.LaunchTemplateData, CreateTime: w.Now()}}
	w.fleet.templates[lt.ID] = lt
	return LaunchTemplateOutput{w.templateInfo(lt)}, nil
}

// checkTemplateName applies the API's name rule: 3 to 128 characters of
// letters, digits and ( ) . - / _.
func checkTemplateName(name string) error {
	if name == "" {
		return errf(MissingParameter, "The request must contain the parameter LaunchTemplateName")
	}
	ok := len(name) >= 3 && len(name) <= 128
	for _, r := range name {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("().-/_", r)) {
			ok = false
		}
	}
	if !ok {
		return errf(InvalidLaunchTemplateNameMalformed, "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'")
	}
	return nil
}

// CreateLaunchTemplateVersion adds a version. With SourceVersion it starts
// from that version's data and the request's data overrides it; without,
// the request's data is the whole version. The default version does not
// move: ModifyLaunchTemplate moves it.
func (w *World) CreateLaunchTemplateVersion(c Caller, in CreateLaunchTemplateVersionInput) (out LaunchTemplateVersionOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("CreateLaunchTemplateVersion", c, out.LaunchTemplateVersion.LaunchTemplateId, err, versionMsg(out))
	}()
	if err != nil {
		return out, err
	}
	lt, err := w.findTemplate(c, in.LaunchTemplateId, in.LaunchTemplateName)
	if err != nil {
		return out, err
	}
	data := in.LaunchTemplateData
	if in.SourceVersion != "" {
		src, err := lt.version(in.SourceVersion)
		if err != nil {
			return out, err
		}
		data = src.Data.over(in.LaunchTemplateData)
	}
	if in.DryRun {
		return out, dryRun()
	}
	v := LaunchTemplateVersion{Number: lt.LatestVersion() + 1, Description: in.VersionDescription, Data: data, CreateTime: w.Now()}
	lt.Versions = append(lt.Versions, v)
	return LaunchTemplateVersionOutput{w.versionInfo(lt, v)}, nil
}

func versionMsg(o LaunchTemplateVersionOutput) string {
	if o.LaunchTemplateVersion.VersionNumber == 0 {
		return ""
	}
	return fmt.Sprintf("version %d", o.LaunchTemplateVersion.VersionNumber)
}

// ModifyLaunchTemplate sets the default version: what a launch, or an Auto
// Scaling group, that names "$Default" or no version gets from now on.
func (w *World) ModifyLaunchTemplate(c Caller, in ModifyLaunchTemplateInput) (out LaunchTemplateOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifyLaunchTemplate", c, out.LaunchTemplate.LaunchTemplateId, err, "") }()
	if err != nil {
		return out, err
	}
	lt, err := w.findTemplate(c, in.LaunchTemplateId, in.LaunchTemplateName)
	if err != nil {
		return out, err
	}
	if in.DefaultVersion == "" {
		return out, errf(MissingParameter, "The request must contain the parameter SetDefaultVersion")
	}
	v, err := lt.version(in.DefaultVersion)
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	lt.DefaultVersion = v.Number
	return LaunchTemplateOutput{w.templateInfo(lt)}, nil
}

// DeleteLaunchTemplate deletes a template and every version. Instances
// launched from it, and Auto Scaling groups that name it, are not told: a
// group's next launch fails.
func (w *World) DeleteLaunchTemplate(c Caller, in LaunchTemplateRefInput) (out LaunchTemplateOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteLaunchTemplate", c, out.LaunchTemplate.LaunchTemplateId, err, "") }()
	if err != nil {
		return out, err
	}
	lt, err := w.findTemplate(c, in.LaunchTemplateId, in.LaunchTemplateName)
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	delete(w.fleet.templates, lt.ID)
	return LaunchTemplateOutput{w.templateInfo(lt)}, nil
}

// DescribeLaunchTemplates lists the caller's templates in the region, in
// creation order. A named template that does not exist is an error.
func (w *World) DescribeLaunchTemplates(c Caller, in DescribeLaunchTemplatesInput) (out DescribeLaunchTemplatesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeLaunchTemplates", c, "", err, listed(len(out.LaunchTemplates), "launch template", nil))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, ref := range in.LaunchTemplateIds {
		lt, err := w.findTemplate(c, ref, "")
		if err != nil {
			return out, err
		}
		want[lt.ID] = true
	}
	for _, n := range in.LaunchTemplateNames {
		lt, err := w.findTemplate(c, "", n)
		if err != nil {
			return out, err
		}
		want[lt.ID] = true
	}
	if in.DryRun {
		return out, dryRun()
	}
	out.LaunchTemplates = []LaunchTemplateInfo{}
	for _, lt := range w.sortedTemplates() {
		if lt.Owner == c.Account && lt.Region == c.Region && (len(want) == 0 || want[lt.ID]) {
			out.LaunchTemplates = append(out.LaunchTemplates, w.templateInfo(lt))
		}
	}
	return out, nil
}

// DescribeLaunchTemplateVersions lists versions of one template: those
// asked for, in the order asked, or all of them in version order.
func (w *World) DescribeLaunchTemplateVersions(c Caller, in DescribeLaunchTemplateVersionsInput) (out DescribeLaunchTemplateVersionsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeLaunchTemplateVersions", c, "", err, listed(len(out.LaunchTemplateVersions), "launch template version", nil))
	}()
	if err != nil {
		return out, err
	}
	lt, err := w.findTemplate(c, in.LaunchTemplateId, in.LaunchTemplateName)
	if err != nil {
		return out, err
	}
	if in.DryRun {
		return out, dryRun()
	}
	out.LaunchTemplateVersions = []LaunchTemplateVersionInfo{}
	if len(in.Versions) == 0 {
		for _, v := range lt.Versions {
			out.LaunchTemplateVersions = append(out.LaunchTemplateVersions, w.versionInfo(lt, v))
		}
		return out, nil
	}
	for _, ref := range in.Versions {
		v, err := lt.version(ref)
		if err != nil {
			return DescribeLaunchTemplateVersionsOutput{}, err
		}
		out.LaunchTemplateVersions = append(out.LaunchTemplateVersions, w.versionInfo(lt, v))
	}
	return out, nil
}

// ---- lookups -----------------------------------------------------------------

// findTemplate finds the caller's template by ID (or scenario name) or by
// template name; exactly one of the two must be given.
func (w *World) findTemplate(c Caller, idRef, name string) (*LaunchTemplate, error) {
	switch {
	case idRef == "" && name == "":
		return nil, errf(MissingParameter, "The request must contain the parameter LaunchTemplateName or LaunchTemplateId")
	case idRef != "" && name != "":
		return nil, errf(InvalidParameterCombination, "Specify either LaunchTemplateName or LaunchTemplateId, not both.")
	case name != "":
		if lt := w.templateByName(c, name); lt != nil {
			return lt, nil
		}
		return nil, errf(InvalidLaunchTemplateNameNotFound, "At least one of the launch templates specified in the request does not exist.")
	}
	id := w.resolve(idRef)
	if !validID(id, "lt") {
		return nil, errf(InvalidLaunchTemplateIdMalformed, "The specified ID for the launch template (%s) is not valid. A launch template ID has the form lt-0123456789abcdef0.", idRef)
	}
	lt, ok := w.fleet.templates[id]
	if !ok || lt.Owner != c.Account || lt.Region != c.Region {
		return nil, errf(InvalidLaunchTemplateIdNotFound, "The specified launch template, with template ID %s, does not exist.", id)
	}
	return lt, nil
}

func (w *World) templateByName(c Caller, name string) *LaunchTemplate {
	for _, lt := range w.fleet.templates {
		if lt.Name == name && lt.Owner == c.Account && lt.Region == c.Region {
			return lt // names are unique per account and region, so map order cannot matter
		}
	}
	return nil
}

// version resolves a version reference: a number, "$Latest" or
// "$Default" ("" is $Default).
func (lt *LaunchTemplate) version(ref string) (LaunchTemplateVersion, error) {
	n := lt.DefaultVersion
	switch ref {
	case "", VersionDefault:
	case VersionLatest:
		n = lt.LatestVersion()
	default:
		v, err := strconv.ParseInt(ref, 10, 64)
		if err != nil || v < 1 {
			return LaunchTemplateVersion{}, errf(InvalidLaunchTemplateIdVersionNotFound, "Could not find launch template version %q for template %s: a version is a number, $Latest or $Default.", ref, lt.ID)
		}
		n = v
	}
	if n < 1 || n > lt.LatestVersion() {
		return LaunchTemplateVersion{}, errf(InvalidLaunchTemplateIdVersionNotFound, "Could not find launch template version %d for template %s (it has %d).", n, lt.ID, lt.LatestVersion())
	}
	return lt.Versions[n-1], nil
}

func (w *World) sortedTemplates() []*LaunchTemplate {
	return sortedBySeq(w.fleet.templates, func(lt *LaunchTemplate) int64 { return lt.seq })
}

func (w *World) templateInfo(lt *LaunchTemplate) LaunchTemplateInfo {
	return LaunchTemplateInfo{LaunchTemplateId: lt.ID, LaunchTemplateName: lt.Name, DefaultVersionNumber: lt.DefaultVersion,
		LatestVersionNumber: lt.LatestVersion(), CreateTime: w.isoTime(lt.CreateTime), CreatedBy: "arn:aws:iam::" + lt.Owner + ":root",
		Tags: slices.Clone(lt.Tags)}
}

func (w *World) versionInfo(lt *LaunchTemplate, v LaunchTemplateVersion) LaunchTemplateVersionInfo {
	return LaunchTemplateVersionInfo{LaunchTemplateId: lt.ID, LaunchTemplateName: lt.Name, VersionNumber: v.Number,
		VersionDescription: v.Description, DefaultVersion: v.Number == lt.DefaultVersion, CreateTime: w.isoTime(v.CreateTime),
		CreatedBy: "arn:aws:iam::" + lt.Owner + ":root", LaunchTemplateData: v.Data}
}

// LaunchTemplate returns a copy of a template, by ID or scenario name.
func (w *World) LaunchTemplate(ref string) (LaunchTemplate, bool) {
	lt, ok := w.fleet.templates[w.resolve(ref)]
	if !ok {
		return LaunchTemplate{}, false
	}
	c := *lt
	c.Versions, c.Tags = slices.Clone(lt.Versions), slices.Clone(lt.Tags)
	return c, true
}

// ---- launching from a template ---------------------------------------------

// fromTemplate is a RunInstances request with its LaunchTemplate resolved:
// the version's data, overridden by every parameter the request itself
// gives, and the two tags AWS puts on an instance launched from a template
// (aws:ec2launchtemplate:id and :version). A request without a template is
// returned unchanged.
func (w *World) fromTemplate(c Caller, in RunInstancesInput) (RunInstancesInput, error) {
	spec := in.LaunchTemplate
	if spec == nil {
		return in, nil
	}
	lt, err := w.findTemplate(c, spec.LaunchTemplateId, spec.LaunchTemplateName)
	if err != nil {
		return in, err
	}
	v, err := lt.version(spec.Version)
	if err != nil {
		return in, err
	}
	d := v.Data.over(in.templateData())
	out := in
	out.LaunchTemplate = nil
	out.setTemplateData(d)
	if out.ImageId == "" {
		return in, errf(MissingParameter, "The request must contain the parameter ImageId: neither launch template %s version %d nor the request gives one", lt.ID, v.Number)
	}
	tags := []Tag{{Key: "aws:ec2launchtemplate:id", Value: lt.ID}, {Key: "aws:ec2launchtemplate:version", Value: strconv.FormatInt(v.Number, 10)}}
	out.TagSpecifications = append(slices.Clone(d.TagSpecifications), TagSpecification{ResourceType: "instance", Tags: tags})
	return out, nil
}
