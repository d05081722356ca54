package scenarios

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/sim"
)

// The naming rule of student actions: a Name tag at creation, an AMI's
// name, a key's or a group's name names the resource when the name is
// free and valid; otherwise the resource stays unnamed and the call still
// runs. Tags: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html
func TestStudentActionsAreNamedByTheirNameTagOrName(t *testing.T) {
	sc, diags := Parse("n.yaml", []byte("name: n\nsteps: []\n"))
	if sc == nil {
		t.Fatal(diags)
	}
	s, err := NewSession(sc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		rule, cmd, name, kind string
	}{
		{"a Name tag names an instance", "RunInstances ImageId=al2023 InstanceType=t3.micro TAG=instance=web", "web", "instance"},
		{"an AMI's name names it", "CreateImage InstanceId=web Name=golden NoReboot=true", "golden", "image"},
		{"a key's name names it", "CreateKeyPair KeyName=deploy", "deploy", "key pair"},
		{"a group's name names it", "CreateSecurityGroup GroupName=web-sg Description=x", "web-sg", "security group"},
		{"a taken name is left alone", "CreateImage InstanceId=web Name=golden NoReboot=true", "", ""},
		{"an invalid name is left alone", "CreateKeyPair KeyName=Deploy_Key", "", ""},
		{"a volume's tag in a launch does not name the instance", "RunInstances ImageId=al2023 InstanceType=t3.micro TAG=volume=disk", "", ""},
	} {
		cmd, err := ParseCommand(c.cmd)
		if rt, name, ok := strings.Cut(strings.TrimPrefix(c.cmd[strings.Index(c.cmd, "TAG=")+1:], "AG="), "="); strings.Contains(c.cmd, "TAG=") && ok {
			cmd, err = ParseCommand(c.cmd[:strings.Index(c.cmd, " TAG=")])
			cmd.Params["TagSpecifications"] = []any{map[string]any{"ResourceType": rt, "Tags": []any{map[string]any{"Key": "Name", "Value": name}}}}
		}
		if err != nil {
			t.Fatalf("%s: %v", c.rule, err)
		}
		before := len(s.Scenario().Sandbox)
		if _, err := s.Act(cmd); err != nil {
			t.Fatalf("%s: %v", c.rule, err)
		}
		if _, err := s.AdvanceTo(s.Now() + 5*sim.Minute); err != nil {
			t.Fatal(err)
		}
		got := s.Scenario().Sandbox[before].Name
		if got != c.name || (c.name != "" && s.Scenario().KindOf(c.name) != c.kind) {
			t.Errorf("%s: named %q (%s), want %q (%s)", c.rule, got, s.Scenario().KindOf(got), c.name, c.kind)
		}
	}
	// The launch-mapping rule: the root volume is named instance-device.
	if ids := s.Run().World.Lookup("web-xvda"); len(ids) != 1 {
		t.Errorf("web's root volume is not named web-xvda: %v", ids)
	}
}

// In an exercise, checks and tasks may name what only the student will
// create; a misspelt field is still caught, and a name the student never
// made reads as a resource that does not exist.
func TestExercisesMayNameWhatTheStudentCreates(t *testing.T) {
	src := "name: x\nsteps: []\ntasks:\n  - {id: t, text: make golden, goal: 'golden.state == \"available\"'}\n"
	sc, diags := Parse("x.yaml", []byte(src))
	if sc == nil {
		t.Fatal(diags)
	}
	r, _ := sc.NewRun(nil)
	r.RunToEnd()
	if r.Tasks[0].Done {
		t.Error("a name the student never made reads as done")
	}
	if _, diags := Parse("x.yaml", []byte(src[:len(src)-len("state == \"available\"'}\n")]+"stat == 1'}\n")); diags.Errors() == 0 {
		t.Error("a field no kind has is accepted")
	}
	lesson := "name: x\nsteps: []\nchecks:\n  - {expect: 'golden.state == \"available\"'}\n"
	if _, diags := Parse("x.yaml", []byte(lesson)); diags.Errors() == 0 {
		t.Error("a lesson may name what no step defines")
	}
}
