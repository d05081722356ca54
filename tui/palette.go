package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
)

// command is a sandbox action typed in the palette.
type command struct {
	Action  string
	Name    string // scenario name for what it creates
	Params  map[string]any
	Account string
	Region  string
}

// verb is a short palette command and how it becomes an EC2 call.
type verb struct {
	name, usage, help string
	build             func(args []string) (command, error)
}

func need(args []string, n int, usage string) error {
	if len(args) < n {
		return fmt.Errorf("usage: %s", usage)
	}
	return nil
}

// takeOpt removes "word VALUE" from args and returns VALUE.
func takeOpt(args *[]string, word string) string {
	for i := 0; i+1 < len(*args); i++ {
		if (*args)[i] == word {
			v := (*args)[i+1]
			*args = slices.Delete(*args, i, i+2)
			return v
		}
	}
	return ""
}

func takeFlag(args *[]string, word string) bool {
	if i := slices.Index(*args, word); i >= 0 {
		*args = slices.Delete(*args, i, i+1)
		return true
	}
	return false
}

func ids(action string) func([]string) (command, error) {
	return func(args []string) (command, error) {
		if len(args) == 0 {
			return command{}, fmt.Errorf("name an instance")
		}
		return command{Action: action, Params: map[string]any{"InstanceIds": args}}, nil
	}
}

var verbs = []verb{
	{"launch", "launch IMAGE TYPE [as NAME] [in AZ] [count N]", "RunInstances", func(a []string) (command, error) {
		name, az, count := takeOpt(&a, "as"), takeOpt(&a, "in"), takeOpt(&a, "count")
		if err := need(a, 2, "launch IMAGE TYPE [as NAME] [in AZ] [count N]"); err != nil {
			return command{}, err
		}
		p := map[string]any{"ImageId": a[0], "InstanceType": a[1]}
		if az != "" {
			p["Placement"] = map[string]any{"AvailabilityZone": az}
		}
		if count != "" {
			n, err := strconv.Atoi(count)
			if err != nil || n < 1 {
				return command{}, fmt.Errorf("count must be a positive number")
			}
			p["MinCount"], p["MaxCount"] = n, n
		}
		return command{Action: "RunInstances", Name: name, Params: p}, nil
	}},
	{"stop", "stop INSTANCE... [hibernate] [force]", "StopInstances", func(a []string) (command, error) {
		h, f := takeFlag(&a, "hibernate"), takeFlag(&a, "force")
		c, err := ids("StopInstances")(a)
		if err == nil {
			c.Params["Hibernate"], c.Params["Force"] = h, f
		}
		return c, err
	}},
	{"start", "start INSTANCE...", "StartInstances", ids("StartInstances")},
	{"reboot", "reboot INSTANCE...", "RebootInstances", ids("RebootInstances")},
	{"terminate", "terminate INSTANCE...", "TerminateInstances", ids("TerminateInstances")},
	{"image", "image INSTANCE AMI-NAME [as NAME] [noreboot]", "CreateImage", func(a []string) (command, error) {
		name, nr := takeOpt(&a, "as"), takeFlag(&a, "noreboot")
		if err := need(a, 2, "image INSTANCE AMI-NAME [as NAME] [noreboot]"); err != nil {
			return command{}, err
		}
		return command{Action: "CreateImage", Name: name, Params: map[string]any{"InstanceId": a[0], "Name": a[1], "NoReboot": nr}}, nil
	}},
	{"copy", "copy IMAGE FROM-REGION TO-REGION NEW-NAME [as NAME] [encrypted]", "CopyImage", func(a []string) (command, error) {
		name, enc := takeOpt(&a, "as"), takeFlag(&a, "encrypted")
		if err := need(a, 4, "copy IMAGE FROM-REGION TO-REGION NEW-NAME [as NAME] [encrypted]"); err != nil {
			return command{}, err
		}
		p := map[string]any{"SourceImageId": a[0], "SourceRegion": a[1], "Name": a[3]}
		if enc {
			p["Encrypted"] = true
		}
		return command{Action: "CopyImage", Name: name, Region: a[2], Params: p}, nil
	}},
	{"deregister", "deregister IMAGE [delete-snapshots]", "DeregisterImage", func(a []string) (command, error) {
		del := takeFlag(&a, "delete-snapshots")
		if err := need(a, 1, "deregister IMAGE [delete-snapshots]"); err != nil {
			return command{}, err
		}
		return command{Action: "DeregisterImage", Params: map[string]any{"ImageId": a[0], "DeleteAssociatedSnapshots": del}}, nil
	}},
	{"share", "share IMAGE ACCOUNT|all", "ModifyImageAttribute", func(a []string) (command, error) {
		return launchPermission(a, "Add")
	}},
	{"unshare", "unshare IMAGE ACCOUNT|all", "ModifyImageAttribute", func(a []string) (command, error) {
		return launchPermission(a, "Remove")
	}},
	{"snapshot", "snapshot VOLUME [as NAME]", "CreateSnapshot", func(a []string) (command, error) {
		name := takeOpt(&a, "as")
		if err := need(a, 1, "snapshot VOLUME [as NAME]"); err != nil {
			return command{}, err
		}
		return command{Action: "CreateSnapshot", Name: name, Params: map[string]any{"VolumeId": a[0]}}, nil
	}},
	{"delete-snapshot", "delete-snapshot SNAPSHOT", "DeleteSnapshot", func(a []string) (command, error) {
		if err := need(a, 1, "delete-snapshot SNAPSHOT"); err != nil {
			return command{}, err
		}
		return command{Action: "DeleteSnapshot", Params: map[string]any{"SnapshotId": a[0]}}, nil
	}},
	{"delete-volume", "delete-volume VOLUME", "DeleteVolume", func(a []string) (command, error) {
		if err := need(a, 1, "delete-volume VOLUME"); err != nil {
			return command{}, err
		}
		return command{Action: "DeleteVolume", Params: map[string]any{"VolumeId": a[0]}}, nil
	}},
	{"write", "write INSTANCE GIB [on DEVICE] [secret]", "WriteData", func(a []string) (command, error) {
		dev, secret := takeOpt(&a, "on"), takeFlag(&a, "secret")
		if err := need(a, 2, "write INSTANCE GIB [on DEVICE] [secret]"); err != nil {
			return command{}, err
		}
		n, err := strconv.Atoi(a[1])
		if err != nil {
			return command{}, fmt.Errorf("GIB must be a number")
		}
		return command{Action: "WriteData", Params: map[string]any{"InstanceId": a[0], "GiB": n, "Device": dev, "Secret": secret}}, nil
	}},
	{"fail", "fail INSTANCE", "HostFailure", func(a []string) (command, error) {
		if err := need(a, 1, "fail INSTANCE"); err != nil {
			return command{}, err
		}
		return command{Action: "HostFailure", Params: map[string]any{"InstanceId": a[0]}}, nil
	}},
}

func launchPermission(a []string, op string) (command, error) {
	if err := need(a, 2, strings.ToLower(op)+" IMAGE ACCOUNT|all"); err != nil {
		return command{}, err
	}
	perm := map[string]any{"UserId": a[1]}
	if a[1] == "all" {
		perm = map[string]any{"Group": "all"}
	}
	return command{Action: "ModifyImageAttribute", Params: map[string]any{"ImageId": a[0], "LaunchPermission": map[string]any{op: []any{perm}}}}, nil
}

// parseCommand reads a palette line: a short verb ("stop web"), or any
// action by its API name with Key=Value parameters ("StopInstances
// InstanceIds=[web] Force=true"). "@REGION" and "~ACCOUNT" set where and who.
func parseCommand(line string) (command, error) {
	fields := strings.Fields(line)
	var region, account string
	kept := fields[:0]
	for _, f := range fields {
		switch {
		case strings.HasPrefix(f, "@") && len(f) > 1:
			region = f[1:]
		case strings.HasPrefix(f, "~") && len(f) > 1:
			account = f[1:]
		default:
			kept = append(kept, f)
		}
	}
	fields = kept
	if len(fields) == 0 {
		return command{}, fmt.Errorf("type a command, e.g. stop web (tab completes)")
	}
	head, args := fields[0], fields[1:]
	for _, v := range verbs {
		if v.name == head {
			c, err := v.build(args)
			if c.Region == "" {
				c.Region = region
			}
			c.Account = account
			return c, err
		}
	}
	if _, ok := model.LookupAction(head); ok {
		c := command{Action: head, Params: map[string]any{}, Region: region, Account: account}
		for _, a := range args {
			k, v, ok := strings.Cut(a, "=")
			if !ok {
				if name, isName := strings.CutPrefix(a, "as:"); isName {
					c.Name = name
					continue
				}
				return command{}, fmt.Errorf("%q: write Key=Value", a)
			}
			var val any
			if err := yaml.Unmarshal([]byte(v), &val); err != nil {
				return command{}, fmt.Errorf("%s: %v", k, err)
			}
			c.Params[k] = val
		}
		return c, nil
	}
	var names []string
	for _, v := range verbs {
		names = append(names, v.name)
	}
	names = append(names, model.ActionNames()...)
	if s := model.Suggest(head, names); s != "" {
		return command{}, fmt.Errorf("unknown command %q; did you mean %s?", head, s)
	}
	return command{}, fmt.Errorf("unknown command %q (verbs: %s; or any action by its API name)", head, strings.Join(names[:len(verbs)], ", "))
}

// suggestions lists whole command lines for completion: each verb with
// each name that fits it.
func suggestions(sc *scenarios.Scenario, w *model.World) []string {
	var insts, imgs, vols, snaps []string
	for _, i := range w.Instances() {
		if n := w.NameOf(i.ID); n != "" && !slices.Contains(insts, n) {
			insts = append(insts, n)
		}
	}
	for _, im := range w.Images() {
		if n := w.NameOf(im.ID); n != "" && !slices.Contains(imgs, n) {
			imgs = append(imgs, n)
		}
	}
	for _, v := range w.Volumes() {
		if n := w.NameOf(v.ID); n != "" {
			vols = append(vols, n)
		} else {
			vols = append(vols, v.ID)
		}
	}
	for _, s := range w.Snapshots() {
		if n := w.NameOf(s.ID); n != "" {
			snaps = append(snaps, n)
		} else {
			snaps = append(snaps, s.ID)
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
		out = append(out, "copy "+n+" "+sc.Region+" ")
	}
	for _, n := range vols {
		out = append(out, "snapshot "+n, "delete-volume "+n)
	}
	for _, n := range snaps {
		out = append(out, "delete-snapshot "+n)
	}
	for _, im := range model.DefaultCatalog().Images {
		out = append(out, "launch "+im.Alias+" ")
	}
	for _, v := range verbs {
		out = append(out, v.name+" ")
	}
	out = append(out, model.ActionNames()...)
	return out
}
