package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

// The sandbox's command language: what a student types to act on a running
// scenario ("stop web", "launch al2023 t3.micro as web2", "image web v2 as
// golden"), turned into an EC2 request that Session.Act calls. Any driver
// with a text prompt uses it; it does no I/O.

// Command is one sandbox action, parsed from a typed line.
type Command struct {
	Action  string         // the API action's registry name: "StopInstances"
	Name    string         // the scenario name for what it creates; "" for none
	Params  map[string]any // the request as a YAML mapping, with AWS's field names
	Account string         // the calling account; "" for the scenario's default
	Region  string         // the Region called; "" for the scenario's
	IDsOnly bool           // made through EC2's own API: names are not IDs (Step.IDsOnly)
}

// Verb is one short sandbox command ("stop web") and the action it calls.
//
// Its usage line is also its grammar, so the help text and the parser cannot
// disagree. The first word is the verb. An UPPER-CASE word is a required
// argument, and WORD... takes every argument left (at least one). "[word
// VALUE]" is an option and "[word]" a flag; either may stand anywhere after
// the verb, and is taken out of the line, in the usage's order, before the
// arguments are counted. "[as NAME]" names what the call creates.
type Verb struct {
	Usage  string // "launch IMAGE TYPE [as NAME] [in AZ] [count N]"
	Action string // the API action it calls: "RunInstances"
	// build fills in the request (and, for a copy, the Region called) from
	// arguments already checked against Usage.
	build func(c *Command, a verbArgs) error
}

// Name is the verb itself, the first word of its usage.
func (v Verb) Name() string {
	name, _, _ := strings.Cut(v.Usage, " ")
	return name
}

// verbArgs are a line's words, read by a verb's usage.
type verbArgs struct {
	pos  []string          // the arguments, in order, once options and flags are out
	opt  map[string]string // an option's value by its word; "" when absent
	flag map[string]bool   // whether each flag was given
}

// read takes the words after the verb apart as the usage says.
func (v Verb) read(words []string) (verbArgs, error) {
	a := verbArgs{opt: map[string]string{}, flag: map[string]bool{}}
	words = slices.Clone(words)
	required, rest := 0, ""
	grammar := strings.Fields(v.Usage)[1:]
	for i := 0; i < len(grammar); i++ {
		switch g := grammar[i]; {
		case strings.HasPrefix(g, "[") && strings.HasSuffix(g, "]"):
			word := g[1 : len(g)-1]
			a.flag[word] = takeFlag(&words, word)
		case strings.HasPrefix(g, "["):
			a.opt[g[1:]] = takeOpt(&words, g[1:])
			i++ // the option's value, "NAME]"
		case strings.HasSuffix(g, "..."):
			rest = strings.TrimSuffix(g, "...")
		default:
			required++
		}
	}
	if len(words) < required {
		return a, fmt.Errorf("usage: %s", v.Usage)
	}
	if rest != "" && len(words) == required {
		return a, fmt.Errorf("name %s", article(strings.ToLower(rest)))
	}
	if rest == "" && len(words) > required {
		// A word the verb does not take is a typo, not something to drop.
		return a, fmt.Errorf("%s takes no %q; usage: %s", v.Name(), words[required], v.Usage)
	}
	a.pos = words
	return a, nil
}

// takeOpt removes the first "word VALUE" from words and returns VALUE, or ""
// when the line has none.
func takeOpt(words *[]string, word string) string {
	for i := 0; i+1 < len(*words); i++ {
		if (*words)[i] == word {
			v := (*words)[i+1]
			*words = slices.Delete(*words, i, i+2)
			return v
		}
	}
	return ""
}

// takeFlag removes the first word from words and reports whether it was there.
func takeFlag(words *[]string, word string) bool {
	if i := slices.Index(*words, word); i >= 0 {
		*words = slices.Delete(*words, i, i+1)
		return true
	}
	return false
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// instanceIDs is the request of the actions that take only instances.
func instanceIDs(c *Command, a verbArgs) error {
	c.Params = map[string]any{"InstanceIds": a.pos}
	return nil
}

// verbs is the short commands, in the order the help lists them.
var verbs = []Verb{
	{"launch IMAGE TYPE [as NAME] [in AZ] [count N]", "RunInstances", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"ImageId": a.pos[0], "InstanceType": a.pos[1]}
		if az := a.opt["in"]; az != "" {
			c.Params["Placement"] = map[string]any{"AvailabilityZone": az}
		}
		if count := a.opt["count"]; count != "" {
			n, err := strconv.Atoi(count)
			if err != nil || n < 1 {
				return errors.New("count must be a positive number")
			}
			c.Params["MinCount"], c.Params["MaxCount"] = n, n
		}
		return nil
	}},
	{"stop INSTANCE... [hibernate] [force]", "StopInstances", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"InstanceIds": a.pos, "Hibernate": a.flag["hibernate"], "Force": a.flag["force"]}
		return nil
	}},
	{"start INSTANCE...", "StartInstances", instanceIDs},
	{"reboot INSTANCE...", "RebootInstances", instanceIDs},
	{"terminate INSTANCE...", "TerminateInstances", instanceIDs},
	{"image INSTANCE AMI-NAME [as NAME] [noreboot]", "CreateImage", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"InstanceId": a.pos[0], "Name": a.pos[1], "NoReboot": a.flag["noreboot"]}
		return nil
	}},
	{"copy IMAGE FROM-REGION TO-REGION NEW-NAME [as NAME] [encrypted]", "CopyImage", func(c *Command, a verbArgs) error {
		// CopyImage is called in the Region the copy goes to.
		c.Params = map[string]any{"SourceImageId": a.pos[0], "SourceRegion": a.pos[1], "Name": a.pos[3]}
		c.Region = a.pos[2]
		if a.flag["encrypted"] {
			c.Params["Encrypted"] = true
		}
		return nil
	}},
	{"deregister IMAGE [delete-snapshots]", "DeregisterImage", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"ImageId": a.pos[0], "DeleteAssociatedSnapshots": a.flag["delete-snapshots"]}
		return nil
	}},
	{"share IMAGE ACCOUNT|all", "ModifyImageAttribute", launchPermission("Add")},
	{"unshare IMAGE ACCOUNT|all", "ModifyImageAttribute", launchPermission("Remove")},
	{"snapshot VOLUME [as NAME]", "CreateSnapshot", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"VolumeId": a.pos[0]}
		return nil
	}},
	{"delete-snapshot SNAPSHOT", "DeleteSnapshot", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"SnapshotId": a.pos[0]}
		return nil
	}},
	{"delete-volume VOLUME", "DeleteVolume", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"VolumeId": a.pos[0]}
		return nil
	}},
	{"write INSTANCE GIB [on DEVICE] [secret]", "WriteData", func(c *Command, a verbArgs) error {
		n, err := strconv.Atoi(a.pos[1])
		if err != nil {
			return errors.New("GIB must be a number")
		}
		c.Params = map[string]any{"InstanceId": a.pos[0], "GiB": n, "Device": a.opt["on"], "Secret": a.flag["secret"]}
		return nil
	}},
	{"fail INSTANCE", "HostFailure", func(c *Command, a verbArgs) error {
		c.Params = map[string]any{"InstanceId": a.pos[0]}
		return nil
	}},
}

// launchPermission adds or removes (op) one account's, or everyone's
// ("all"), permission to launch an AMI.
func launchPermission(op string) func(*Command, verbArgs) error {
	return func(c *Command, a verbArgs) error {
		perm := map[string]any{"UserId": a.pos[1]}
		if a.pos[1] == "all" {
			perm = map[string]any{"Group": "all"}
		}
		c.Params = map[string]any{"ImageId": a.pos[0], "LaunchPermission": map[string]any{op: []any{perm}}}
		return nil
	}
}

// Verbs lists the short commands, for help and completion.
func Verbs() []Verb { return slices.Clone(verbs) }

// ErrNoCommand is ParseCommand's answer to a blank line.
var ErrNoCommand = errors.New("type a command, e.g. stop web")

// ParseCommand reads a sandbox line: a short verb ("stop web"), or any
// action by its API name with Key=Value parameters, each value in YAML
// ("StopInstances InstanceIds=[web] Force=true", and "as:NAME" to name what
// it creates). Anywhere on the line, "@REGION" sets the Region called and
// "~ACCOUNT" the calling account. Names are not resolved here: Session.Act
// resolves them in the world.
func ParseCommand(line string) (Command, error) {
	var region, account string
	var words []string
	for _, f := range strings.Fields(line) {
		switch {
		case strings.HasPrefix(f, "@") && len(f) > 1:
			region = f[1:]
		case strings.HasPrefix(f, "~") && len(f) > 1:
			account = f[1:]
		default:
			words = append(words, f)
		}
	}
	if len(words) == 0 {
		return Command{}, ErrNoCommand
	}
	head, args := words[0], words[1:]
	for _, v := range verbs {
		if v.Name() != head {
			continue
		}
		a, err := v.read(args)
		if err != nil {
			return Command{}, err
		}
		c := Command{Action: v.Action, Name: a.opt["as"], Account: account}
		if err := v.build(&c, a); err != nil {
			return Command{}, err
		}
		if c.Region == "" {
			c.Region = region
		}
		return c, nil
	}
	if _, ok := model.LookupAction(head); ok {
		c := Command{Action: head, Params: map[string]any{}, Region: region, Account: account}
		for _, a := range args {
			k, v, ok := strings.Cut(a, "=")
			if !ok {
				if name, isName := strings.CutPrefix(a, "as:"); isName {
					c.Name = name
					continue
				}
				return Command{}, fmt.Errorf("%q: write Key=Value", a)
			}
			var val any
			if err := yaml.Unmarshal([]byte(v), &val); err != nil {
				return Command{}, fmt.Errorf("%s: %v", k, err)
			}
			c.Params[k] = val
		}
		return c, nil
	}
	var names []string
	for _, v := range verbs {
		names = append(names, v.Name())
	}
	if hint := hintFrom(head, append(slices.Clone(names), model.ActionNames()...)); hint != "" {
		return Command{}, fmt.Errorf("unknown command %q%s", head, hint)
	}
	return Command{}, fmt.Errorf("unknown command %q (verbs: %s; or any action by its API name)", head, strings.Join(names, ", "))
}

// Completions lists whole command lines a prompt can complete to: each verb
// with each name that fits it, a launch of each public image in the world's
// catalogue, each verb alone and each action's API name. Earlier lines win
// when several complete the same prefix.
func (s *Session) Completions() []string {
	w := s.run.World
	var insts, imgs, vols, snaps []string
	// What is gone (terminated, shutting down, deregistered, deleted or
	// being deleted) is not offered: no command on it could do anything.
	for _, i := range w.Instances() {
		if i.State == model.Terminated || i.State == model.ShuttingDown {
			continue
		}
		if n := w.NameOf(i.ID); n != "" && !slices.Contains(insts, n) {
			insts = append(insts, n)
		}
	}
	for _, im := range w.Images() {
		if im.State == model.ImageDeregistered {
			continue
		}
		if n := w.NameOf(im.ID); n != "" && !slices.Contains(imgs, n) {
			imgs = append(imgs, n)
		}
	}
	for _, v := range w.Volumes() {
		if v.State == model.VolumeDeleting || v.State == model.VolumeDeleted {
			continue
		}
		if n := w.NameOf(v.ID); n != "" {
			vols = append(vols, n)
		} else {
			vols = append(vols, v.ID)
		}
	}
	for _, sn := range w.Snapshots() {
		if n := w.NameOf(sn.ID); n != "" {
			snaps = append(snaps, n)
		} else {
			snaps = append(snaps, sn.ID)
		}
	}
	var out []string
	for _, v := range []string{"stop", "start", "reboot", "terminate", "fail", "write", "image"} {
		for _, n := range insts {
			out = append(out, v+" "+n)
		}
	}
	for _, v := range []string{"deregister", "share", "unshare"} {
		for _, n := range imgs {
			out = append(out, v+" "+n)
		}
	}
	for _, n := range imgs {
		out = append(out, "copy "+n+" "+s.sc.Region+" ")
	}
	for _, n := range vols {
		out = append(out, "snapshot "+n, "delete-volume "+n)
	}
	for _, n := range snaps {
		out = append(out, "delete-snapshot "+n)
	}
	for _, im := range w.Catalog().Images {
		out = append(out, "launch "+im.Alias+" ")
	}
	for _, v := range verbs {
		out = append(out, v.Name()+" ")
	}
	return append(out, model.ActionNames()...)
}
