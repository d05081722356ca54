package scenarios

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func TestParseCommand(t *testing.T) {
	p := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		rule, line string
		want       Command
	}{
		{"launch reads an image and an instance type", "launch al2023 t3.micro",
			Command{Action: "RunInstances", Params: p("ImageId", "al2023", "InstanceType", "t3.micro")}},
		{"launch with a zone sets Placement", "launch al2023 t3.micro in us-east-1b",
			Command{Action: "RunInstances", Params: p("ImageId", "al2023", "InstanceType", "t3.micro",
				"Placement", p("AvailabilityZone", "us-east-1b"))}},
		{"launch with a count asks for exactly that many", "launch al2023 t3.micro count 3",
			Command{Action: "RunInstances", Params: p("ImageId", "al2023", "InstanceType", "t3.micro", "MinCount", 3, "MaxCount", 3)}},
		{"launch as NAME names what it creates", "launch al2023 t3.micro as web2",
			Command{Action: "RunInstances", Name: "web2", Params: p("ImageId", "al2023", "InstanceType", "t3.micro")}},
		{"options may stand anywhere after the verb", "launch as web2 al2023 in us-east-1a t3.micro",
			Command{Action: "RunInstances", Name: "web2", Params: p("ImageId", "al2023", "InstanceType", "t3.micro",
				"Placement", p("AvailabilityZone", "us-east-1a"))}},
		{"stop takes every instance named and neither hibernates nor forces by default", "stop web db",
			Command{Action: "StopInstances", Params: p("InstanceIds", []string{"web", "db"}, "Hibernate", false, "Force", false)}},
		{"stop hibernate and force set those flags", "stop web hibernate force",
			Command{Action: "StopInstances", Params: p("InstanceIds", []string{"web"}, "Hibernate", true, "Force", true)}},
		{"start takes every instance named", "start web db",
			Command{Action: "StartInstances", Params: p("InstanceIds", []string{"web", "db"})}},
		{"reboot takes every instance named", "reboot web",
			Command{Action: "RebootInstances", Params: p("InstanceIds", []string{"web"})}},
		{"terminate takes every instance named", "terminate web db",
			Command{Action: "TerminateInstances", Params: p("InstanceIds", []string{"web", "db"})}},
		{"image makes an AMI of an instance, rebooting it by default", "image web v2 as golden",
			Command{Action: "CreateImage", Name: "golden", Params: p("InstanceId", "web", "Name", "v2", "NoReboot", false)}},
		{"image noreboot does not reboot the instance", "image web v2 noreboot",
			Command{Action: "CreateImage", Params: p("InstanceId", "web", "Name", "v2", "NoReboot", true)}},
		{"copy is called in the Region the copy goes to", "copy golden us-east-1 eu-west-1 golden-eu as eu",
			Command{Action: "CopyImage", Name: "eu", Region: "eu-west-1",
				Params: p("SourceImageId", "golden", "SourceRegion", "us-east-1", "Name", "golden-eu")}},
		{"copy's destination wins over @REGION", "copy golden us-east-1 eu-west-1 golden-eu @us-west-2",
			Command{Action: "CopyImage", Region: "eu-west-1",
				Params: p("SourceImageId", "golden", "SourceRegion", "us-east-1", "Name", "golden-eu")}},
		{"copy encrypted asks for an encrypted copy", "copy golden us-east-1 eu-west-1 golden-eu encrypted",
			Command{Action: "CopyImage", Region: "eu-west-1",
				Params: p("SourceImageId", "golden", "SourceRegion", "us-east-1", "Name", "golden-eu", "Encrypted", true)}},
		{"deregister keeps the AMI's snapshots by default", "deregister golden",
			Command{Action: "DeregisterImage", Params: p("ImageId", "golden", "DeleteAssociatedSnapshots", false)}},
		{"deregister delete-snapshots deletes them too", "deregister golden delete-snapshots",
			Command{Action: "DeregisterImage", Params: p("ImageId", "golden", "DeleteAssociatedSnapshots", true)}},
		{"share ACCOUNT adds one account's launch permission", "share golden 444455556666",
			Command{Action: "ModifyImageAttribute", Params: p("ImageId", "golden",
				"LaunchPermission", p("Add", []any{p("UserId", "444455556666")}))}},
		{"share all makes the AMI public", "share golden all",
			Command{Action: "ModifyImageAttribute", Params: p("ImageId", "golden",
				"LaunchPermission", p("Add", []any{p("Group", "all")}))}},
		{"unshare removes the launch permission", "unshare golden all",
			Command{Action: "ModifyImageAttribute", Params: p("ImageId", "golden",
				"LaunchPermission", p("Remove", []any{p("Group", "all")}))}},
		{"snapshot VOLUME as NAME snapshots a volume and names the snapshot", "snapshot data as backup",
			Command{Action: "CreateSnapshot", Name: "backup", Params: p("VolumeId", "data")}},
		{"delete-snapshot deletes a snapshot", "delete-snapshot backup",
			Command{Action: "DeleteSnapshot", Params: p("SnapshotId", "backup")}},
		{"delete-volume deletes a volume", "delete-volume data",
			Command{Action: "DeleteVolume", Params: p("VolumeId", "data")}},
		{"write puts GiB of data on the root device by default", "write web 5",
			Command{Action: "WriteData", Params: p("InstanceId", "web", "GiB", 5, "Device", "", "Secret", false)}},
		{"write on DEVICE secret writes a secret to that device", "write web 5 on /dev/sdf secret",
			Command{Action: "WriteData", Params: p("InstanceId", "web", "GiB", 5, "Device", "/dev/sdf", "Secret", true)}},
		{"fail is a failure of the instance's host", "fail web",
			Command{Action: "HostFailure", Params: p("InstanceId", "web")}},
		{"@REGION and ~ACCOUNT set where and who for a verb", "stop web @us-west-2 ~partner",
			Command{Action: "StopInstances", Region: "us-west-2", Account: "partner",
				Params: p("InstanceIds", []string{"web"}, "Hibernate", false, "Force", false)}},
		{"an action by its API name takes Key=Value with YAML values", "StopInstances InstanceIds=[web] Force=true ~partner @us-west-2",
			Command{Action: "StopInstances", Region: "us-west-2", Account: "partner",
				Params: p("InstanceIds", []any{"web"}, "Force", true)}},
		{"as:NAME names what an action by its API name creates", "CreateVolume as:data AvailabilityZone=us-east-1a Size=8",
			Command{Action: "CreateVolume", Name: "data", Params: p("AvailabilityZone", "us-east-1a", "Size", 8)}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			got, err := ParseCommand(tc.line)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tc.line, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseCommand(%q)\n got %#v\nwant %#v", tc.line, got, tc.want)
			}
		})
	}
}

func TestParseCommandRefuses(t *testing.T) {
	for _, tc := range []struct{ rule, line, want string }{
		{"a verb short of arguments shows its usage", "launch al2023",
			"usage: launch IMAGE TYPE [as NAME] [in AZ] [count N]"},
		{"an option's value is not an argument", "image web as golden",
			"usage: image INSTANCE AMI-NAME [as NAME] [noreboot]"},
		{"share's usage names share", "share golden", "usage: share IMAGE ACCOUNT|all"},
		{"unshare's usage names unshare", "unshare golden", "usage: unshare IMAGE ACCOUNT|all"},
		{"stop without an instance asks for one", "stop hibernate", "name an instance"},
		{"launch count must be a positive number", "launch al2023 t3.micro count 0", "count must be a positive number"},
		{"launch count must be a number", "launch al2023 t3.micro count two", "count must be a positive number"},
		{"write's GIB must be a number", "write web lots", "GIB must be a number"},
		{"a bare word after an API action is not Key=Value", "StopInstances web", `"web": write Key=Value`},
		{"a word a verb does not take is refused, not dropped", "delete-volume orphan-logs Bogus=1",
			`delete-volume takes no "Bogus=1"; usage: delete-volume VOLUME`},
		{"a typo suggests the nearest verb", "stpo web", `unknown command "stpo"; did you mean stop?`},
		{"a typo suggests the nearest API action", "StopInstance InstanceIds=[web]", `unknown command "StopInstance"; did you mean StopInstances?`},
		{"a word far from every command lists the verbs", "xyzzy",
			`unknown command "xyzzy" (verbs: launch, stop, start, reboot, terminate, image, copy, deregister, share, unshare, snapshot, delete-snapshot, delete-volume, write, fail; or any action by its API name)`},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			_, err := ParseCommand(tc.line)
			if err == nil || err.Error() != tc.want {
				t.Errorf("ParseCommand(%q) = %v, want %q", tc.line, err, tc.want)
			}
		})
	}
	t.Run("a blank line, or only @REGION and ~ACCOUNT, is no command", func(t *testing.T) {
		for _, line := range []string{"", "   ", "@us-west-2 ~partner"} {
			if _, err := ParseCommand(line); !errors.Is(err, ErrNoCommand) {
				t.Errorf("ParseCommand(%q) = %v, want ErrNoCommand", line, err)
			}
		}
	})
}

// fullLine is a verb's usage with every argument, option and flag filled in.
func fullLine(v Verb) string {
	var words []string
	for _, g := range strings.Fields(v.Usage) {
		g = strings.Trim(g, "[]")
		switch strings.TrimSuffix(g, "...") {
		case "GIB", "N":
			g = "2"
		case "AZ":
			g = "us-east-1a"
		default:
			if strings.ToUpper(g) == g {
				g = "x"
			}
		}
		words = append(words, g)
	}
	return strings.Join(words, " ")
}

// A model change that renames a request field breaks this test, not the
// sandbox: every verb, with all it can take, makes a request whose every
// key is a field of its action's input.
func TestEveryVerbMakesARequestItsActionAccepts(t *testing.T) {
	for _, v := range Verbs() {
		t.Run(v.Name(), func(t *testing.T) {
			if !strings.HasPrefix(v.Usage, v.Name()+" ") {
				t.Errorf("usage %q does not start with the verb", v.Usage)
			}
			a, ok := model.LookupAction(v.Action)
			if !ok {
				t.Fatalf("verb %s calls %s, which is no action", v.Name(), v.Action)
			}
			line := fullLine(v)
			c, err := ParseCommand(line)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", line, err)
			}
			if c.Action != v.Action {
				t.Errorf("%q calls %s, want %s", line, c.Action, v.Action)
			}
			src, err := yaml.Marshal(c.Params)
			if err != nil {
				t.Fatal(err)
			}
			dec := yaml.NewDecoder(bytes.NewReader(src))
			dec.KnownFields(true)
			if err := dec.Decode(a.NewInput()); err != nil {
				t.Errorf("%q makes a request %s does not accept: %v\n%s", line, v.Action, err, src)
			}
		})
	}
}

func TestActAnswersWithTheCallsOutputAndError(t *testing.T) {
	sc, src := tutorial(t)
	s, err := NewSession(sc, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(2 * sim.Minute)
	act := func(line string) ActResult {
		t.Helper()
		c, err := ParseCommand(line)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Act(c)
		if err != nil {
			t.Fatalf("Act(%q): %v", line, err)
		}
		return res
	}

	t.Run("a launch answers with the instances it launched, named as asked", func(t *testing.T) {
		res := act("launch al2023 t3.micro as extra")
		out, ok := res.Output.(model.InstancesOutput)
		if res.Action.Name != "RunInstances" || !ok || res.Err != nil {
			t.Fatalf("got %s, %T, %v; want RunInstances, model.InstancesOutput, no error", res.Action.Name, res.Output, res.Err)
		}
		if len(out.Instances) != 1 {
			t.Fatalf("%d instances, want 1", len(out.Instances))
		}
		if i, ok := s.Run().World.Instance("extra"); !ok || i.ID != out.Instances[0].InstanceId {
			t.Errorf("extra is %+v, want the launched %s", i, out.Instances[0].InstanceId)
		}
	})
	t.Run("a failed call answers with its API error and still joins the session", func(t *testing.T) {
		before := len(s.Scenario().Sandbox)
		res := act("deregister ami-0123456789abcdef0")
		if res.Err == nil || res.Err.Code != model.InvalidAMIIDNotFound || res.Output != nil {
			t.Fatalf("got %v, %#v; want %s and no output", res.Err, res.Output, model.InvalidAMIIDNotFound)
		}
		if got := len(s.Scenario().Sandbox); got != before+1 {
			t.Errorf("%d sandbox actions, want %d: a failed call is part of the session", got, before+1)
		}
	})
	t.Run("a command that cannot become a call is an error, not a call", func(t *testing.T) {
		before := len(s.Scenario().Sandbox)
		if _, err := s.Act(Command{Action: "RunInstances", Name: "extra", Params: map[string]any{"ImageId": "al2023", "InstanceType": "t3.micro"}}); err == nil {
			t.Error("a taken name was accepted")
		}
		if _, err := s.Act(Command{Action: "StopInstance"}); err == nil {
			t.Error("an unknown action was accepted")
		}
		if got := len(s.Scenario().Sandbox); got != before {
			t.Errorf("%d sandbox actions, want %d", got, before)
		}
	})
}

// Completion offers each name only after a verb whose first argument is of
// its kind, and only verbs and actions that exist.
func TestCompletionsFitTheVerbs(t *testing.T) {
	sc, src := tutorial(t)
	s, err := NewSession(sc, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.ToEnd()
	w := s.Run().World
	kinds := map[string]string{}
	for _, i := range w.Instances() {
		kinds[w.NameOf(i.ID)] = "INSTANCE"
	}
	for _, im := range w.Images() {
		kinds[w.NameOf(im.ID)] = "IMAGE"
	}
	for _, v := range w.Volumes() {
		kinds[v.ID], kinds[w.NameOf(v.ID)] = "VOLUME", "VOLUME"
	}
	for _, sn := range w.Snapshots() {
		kinds[sn.ID], kinds[w.NameOf(sn.ID)] = "SNAPSHOT", "SNAPSHOT"
	}
	delete(kinds, "")
	verbs := map[string]Verb{}
	for _, v := range Verbs() {
		verbs[v.Name()] = v
	}
	var named, launches int
	for _, line := range s.Completions() {
		words := strings.Fields(line)
		if _, ok := model.LookupAction(words[0]); ok && len(words) == 1 {
			continue
		}
		v, ok := verbs[words[0]]
		if !ok {
			t.Errorf("%q: no verb or action %s", line, words[0])
			continue
		}
		if len(words) < 2 {
			continue
		}
		first := strings.TrimSuffix(strings.Fields(v.Usage)[1], "...")
		if v.Name() == "launch" {
			launches++
			if _, ok := w.Catalog().PublicImage(words[1]); !ok {
				t.Errorf("%q launches %s, which the world's catalogue lacks", line, words[1])
			}
			continue
		}
		named++
		if kinds[words[1]] != first {
			t.Errorf("%q: %s is a %s, but %s takes a %s", line, words[1], kinds[words[1]], v.Name(), first)
		}
	}
	if named == 0 {
		t.Error("no completion names anything the tutorial made")
	}
	if launches != len(w.Catalog().Images) {
		t.Errorf("%d launch completions, want one per catalogue image (%d)", launches, len(w.Catalog().Images))
	}
}
