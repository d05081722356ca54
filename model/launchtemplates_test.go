package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// Launch templates: versions are immutable, $Default is the default version
// until ModifyLaunchTemplate moves it, $Latest the newest, and a launch's own
// parameters override the template's (API reference, RunInstances
// LaunchTemplate: "Any additional parameters that you specify for the new
// instance overwrite the corresponding parameters included in the launch
// template"; UG, ec2-launch-templates.html).
func TestLaunchTemplateVersionsAndOverrides(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.CreateLaunchTemplate(asStudent, model.CreateLaunchTemplateInput{LaunchTemplateName: "web",
		LaunchTemplateData: model.LaunchTemplateData{ImageId: "al2023", InstanceType: "t3.micro"}})
	l.ok(err)
	id := out.LaunchTemplate.LaunchTemplateId
	_, err = l.w.CreateLaunchTemplateVersion(asStudent, model.CreateLaunchTemplateVersionInput{LaunchTemplateId: id, SourceVersion: "1",
		LaunchTemplateData: model.LaunchTemplateData{InstanceType: "t3.small"}})
	l.ok(err)
	launchType := func(version, override string) string {
		in := model.RunInstancesInput{MinCount: 1, MaxCount: 1, InstanceType: override,
			LaunchTemplate: &model.LaunchTemplateSpecification{LaunchTemplateId: id, Version: version}}
		ids := l.launch(asStudent, in)
		return l.inst(ids[0]).Type
	}
	for _, tc := range []struct {
		name, version, override, want string
	}{
		{"no version is the default version (1)", "", "", "t3.micro"},
		{"$Latest is version 2, which inherits the AMI from its source", model.VersionLatest, "", "t3.small"},
		{"a request parameter overrides the template", model.VersionLatest, "m5.large", "m5.large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := launchType(tc.version, tc.override); got != tc.want {
				t.Errorf("type %s, want %s", got, tc.want)
			}
		})
	}
	_, err = l.w.ModifyLaunchTemplate(asStudent, model.ModifyLaunchTemplateInput{LaunchTemplateId: id, DefaultVersion: "2"})
	l.ok(err)
	if got := launchType(model.VersionDefault, ""); got != "t3.small" {
		t.Errorf("after ModifyLaunchTemplate, $Default launches %s, want t3.small", got)
	}
}

// Launch template errors: names are unique per account and region; unknown
// templates and versions are refused with EC2's codes.
func TestLaunchTemplateErrors(t *testing.T) {
	l := newLab(t, labConfig(1))
	in := model.CreateLaunchTemplateInput{LaunchTemplateName: "web", LaunchTemplateData: model.LaunchTemplateData{ImageId: "al2023"}}
	out, err := l.w.CreateLaunchTemplate(asStudent, in)
	l.ok(err)
	id := out.LaunchTemplate.LaunchTemplateId
	_, err = l.w.CreateLaunchTemplate(asStudent, in)
	l.code(err, model.InvalidLaunchTemplateNameAlreadyExists)
	_, err = l.w.CreateLaunchTemplate(asStudent, model.CreateLaunchTemplateInput{LaunchTemplateName: "a b"})
	l.code(err, model.InvalidLaunchTemplateNameMalformed)
	_, err = l.w.DescribeLaunchTemplateVersions(asStudent, model.DescribeLaunchTemplateVersionsInput{LaunchTemplateId: id, Versions: []string{"2"}})
	l.code(err, model.InvalidLaunchTemplateIdVersionNotFound)
	_, err = l.w.DescribeLaunchTemplates(asWest, model.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{id}})
	l.code(err, model.InvalidLaunchTemplateIdNotFound)
	_, err = l.w.DescribeLaunchTemplates(asStudent, model.DescribeLaunchTemplatesInput{LaunchTemplateNames: []string{"nope"}})
	l.code(err, model.InvalidLaunchTemplateNameNotFound)
	_, err = l.w.DeleteLaunchTemplate(asStudent, model.LaunchTemplateRefInput{LaunchTemplateId: "lt-zz"})
	l.code(err, model.InvalidLaunchTemplateIdMalformed)
}
