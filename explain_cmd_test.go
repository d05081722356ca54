package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

func TestExplainAnActionShowsTitleTextAndSeeAlso(t *testing.T) {
	out, errs, code := ec2sim(t, "explain", "createimage")
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if !strings.HasPrefix(out, "CreateImage (action): make an EBS-backed AMI from an instance\n\n") {
		t.Errorf("title line:\n%s", out)
	}
	for _, want := range []string{"NoReboot", "InvalidAMIName.Duplicate", "\nSee also: CreateSnapshot, "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for i, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("line %d is %d columns wide: %q", i+1, len([]rune(l)), l)
		}
	}
}

func TestExplainAnErrorCodeSaysHowToFixIt(t *testing.T) {
	out, _, code := ec2sim(t, "explain", "InvalidSnapshot.InUse")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasPrefix(out, "InvalidSnapshot.InUse (error code): ") {
		t.Errorf("title line:\n%s", out)
	}
	for _, want := range []string{"deregister the AMI first", "See also: DeregisterImage"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestExplainWithoutANameListsEveryTopicByKind(t *testing.T) {
	out, _, code := ec2sim(t, "explain")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	at := 0
	for _, h := range []string{"Actions:\n", "Guest actions", "Faults", "Error codes:\n"} {
		i := strings.Index(out[at:], h)
		if i < 0 {
			t.Fatalf("list lacks heading %q after offset %d:\n%s", h, at, out)
		}
		at += i
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "  ") && len(f) > 1 {
			lines[f[0]] = strings.Join(f[1:], " ")
		}
	}
	topics := model.Topics()
	if len(lines) != len(topics) {
		t.Errorf("%d topic lines, want %d", len(lines), len(topics))
	}
	for _, tp := range topics {
		if lines[tp.Name] != tp.Summary {
			t.Errorf("%s: listed as %q, want its summary %q", tp.Name, lines[tp.Name], tp.Summary)
		}
	}
	if !strings.Contains(out, "  StopInstances ") || !strings.Contains(out, "  VolumeInUse ") {
		t.Errorf("list lacks an action or a code:\n%s", out)
	}
}

func TestExplainUnknownNameSuggestsTheClosest(t *testing.T) {
	cases := []struct{ name, suggestion string }{
		{"StopInstance", "did you mean StopInstances?"},
		{"InvalidSnapshot.NotFund", "did you mean InvalidSnapshot.NotFound?"},
		{"VolumeInUze", "did you mean VolumeInUse?"},
	}
	for _, c := range cases {
		out, errs, code := ec2sim(t, "explain", c.name)
		if code != exitInvalid {
			t.Errorf("%s: exit %d, want %d", c.name, code, exitInvalid)
		}
		if !strings.Contains(errs, c.suggestion) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: want one stderr line with %q, got %q", c.name, c.suggestion, errs)
		}
		if out != "" {
			t.Errorf("%s: a failure wrote to stdout: %q", c.name, out)
		}
	}
	_, errs, code := ec2sim(t, "explain", "Kubernetes")
	if code != exitInvalid || strings.Contains(errs, "did you mean") {
		t.Errorf("a far-off name: exit %d, stderr %q (no suggestion expected)", code, errs)
	}
}

func TestExplainJSON(t *testing.T) {
	out, _, code := ec2sim(t, "explain", "--json", "copyimage")
	var one map[string]any
	if err := json.Unmarshal([]byte(out), &one); code != exitOK || err != nil {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	for _, k := range []string{"name", "kind", "summary", "text", "related"} {
		if one[k] == nil {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	if one["name"] != "CopyImage" || one["kind"] != "action" {
		t.Errorf("name %v, kind %v", one["name"], one["kind"])
	}
	out, _, _ = ec2sim(t, "explain", "--json")
	var all []model.Topic
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all) != len(model.Topics()) {
		t.Errorf("explain --json: %d topics (%v), want %d", len(all), err, len(model.Topics()))
	}
}

func TestExplainUsageErrors(t *testing.T) {
	if _, errs, code := ec2sim(t, "explain", "RunInstances", "StopInstances"); code != exitUsage || !strings.Contains(errs, "explain takes one") {
		t.Errorf("two names: exit %d, stderr %q", code, errs)
	}
	if out, _, code := ec2sim(t, "explain", "--help"); code != exitOK || !strings.Contains(out, "--json") {
		t.Errorf("--help: exit %d, stdout %q", code, out)
	}
	if out, _, _ := ec2sim(t, "--help"); !strings.Contains(out, "explain") {
		t.Errorf("top-level help does not list explain:\n%s", out)
	}
}
