package scenarios

// Names for what the student creates. An exercise's goals read resources
// by scenario name ("golden.state"), but a student at the terminal UI or
// at the AWS CLI does not write `name:`: they tag, and they name their
// AMIs, keys and groups as EC2 asks them to. One rule turns those into
// scenario names, for every driver, at the one place student actions are
// recorded (Session.Act); the export then carries the name explicitly, so
// a replay never has to guess.

import (
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

// tagName is the tag key EC2 consoles show as a resource's name
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html).
const tagName = "Name"

// nameParam is the request parameter that names what an action creates,
// where EC2 has one: an AMI's name, a key pair's, a security group's.
var nameParam = map[string]string{
	"CreateImage": "Name", "CopyImage": "Name", "RegisterImage": "Name",
	"CreateKeyPair": "KeyName", "ImportKeyPair": "KeyName",
	"CreateSecurityGroup": "GroupName",
}

// tagResourceType is the TagSpecifications ResourceType that tags what an
// action creates of each kind (a RunInstances request may also tag its
// volumes: those tags do not name the instance).
var tagResourceType = map[model.ResourceKind]string{
	model.ResourceInstance: "instance", model.ResourceVolume: "volume", model.ResourceSnapshot: "snapshot",
	model.ResourceImage: "image", model.ResourceSecurityGroup: "security-group", model.ResourceKeyPair: "key-pair",
}

// givenName is the name a creating request gives what it creates: its
// name parameter, else the Name tag on the created kind. "" when neither.
func givenName(a model.ActionInfo, params *yaml.Node) string {
	if a.Creates == "" || params == nil {
		return ""
	}
	if p, ok := nameParam[a.Name]; ok {
		if v := mapValue(params, p); v != nil && v.Kind == yaml.ScalarNode {
			return v.Value
		}
	}
	specs := mapValue(params, "TagSpecifications")
	if specs == nil || specs.Kind != yaml.SequenceNode {
		return ""
	}
	for _, sp := range specs.Content {
		if rt := mapValue(sp, "ResourceType"); rt != nil && rt.Value != "" && rt.Value != tagResourceType[a.Creates] {
			continue
		}
		tags := mapValue(sp, "Tags")
		if tags == nil || tags.Kind != yaml.SequenceNode {
			continue
		}
		for _, t := range tags.Content {
			if k := mapValue(t, "Key"); k != nil && k.Value == tagName {
				if v := mapValue(t, "Value"); v != nil {
					return v.Value
				}
			}
		}
	}
	return ""
}

// mapValue is the value under key in a YAML mapping, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// freeName reports whether name may become a scenario name now: it is
// valid, no step or earlier action gave it, and it is not a public AMI's
// alias in the region (which a call could then no longer reach).
func freeName(name string, kinds map[string]model.ResourceKind, w *model.World, region string) bool {
	if !nameRE.MatchString(name) || kinds[name] != "" || len(w.Lookup(name)) > 0 {
		return false
	}
	if im, ok := w.Image(name, region); ok && im.Public {
		return false
	}
	return true
}

// deviceName is the scenario name of the volume an instance named inst
// has at device dev: "web" and "/dev/sdg" make "web-sdg". It is "" when
// the result is not a valid name.
func deviceName(inst, dev string) string {
	n := inst + "-" + strings.ToLower(path.Base(dev))
	if dev == "" || !nameRE.MatchString(n) {
		return ""
	}
	return n
}

// nameLaunchVolumes names the EBS volumes a launch created (the root and
// every mapping), from the instances' name and the device: the launch-mapping
// rule of docs/scenario-format.md. A name already standing for another
// kind is left alone.
func nameLaunchVolumes(w *model.World, kinds func(string) string, name string, ids []string) {
	// One launch maps the same few devices on every instance, so each
	// device's name is worked out once and its volumes are named together.
	type device struct {
		name string
		ids  []string
	}
	var devices []device // in first-seen order, so names are given in a fixed order
	for _, id := range ids {
		w.EachBlockDevice(id, func(bd model.InstanceBlockDevice) {
			if bd.VolumeID == "" {
				return
			}
			i := slices.IndexFunc(devices, func(d device) bool { return d.name == bd.DeviceName })
			if i < 0 {
				devices = append(devices, device{name: bd.DeviceName})
				i = len(devices) - 1
			}
			devices[i].ids = append(devices[i].ids, bd.VolumeID)
		})
	}
	for _, d := range devices {
		n := deviceName(name, d.name)
		if n == "" {
			continue
		}
		if k := kinds(n); k != "" && k != string(model.ResourceVolume) {
			continue
		}
		// The volumes are new: none can have the name already.
		w.Name(n, d.ids...)
	}
}

// idKinds are the EC2 ID prefixes of the kinds a name can stand for
// without a step having declared it (a launch-mapping volume).
var idKinds = []struct {
	prefix string
	kind   model.ResourceKind
}{
	{"i-", model.ResourceInstance}, {"ami-", model.ResourceImage}, {"vol-", model.ResourceVolume},
	{"snap-", model.ResourceSnapshot}, {"sg-", model.ResourceSecurityGroup},
}

// kindOf is what kind of resource a scenario name stands for: what the
// scenario declares, else what the world has named (a launch-mapping
// volume, a student's resource), by its ID. "" when the name stands for
// nothing yet.
func (e *evalEnv) kindOf(name string) model.ResourceKind {
	if k := e.kind(name); k != "" {
		return model.ResourceKind(k)
	}
	ids := e.w.Lookup(name)
	if len(ids) == 0 {
		return ""
	}
	for _, ik := range idKinds {
		if strings.HasPrefix(ids[0], ik.prefix) {
			return ik.kind
		}
	}
	return ""
}

// launchVolumeNames declares, at load time, the names nameLaunchVolumes
// will give the volumes a launch maps explicitly, so checks may read them
// ("web-sdg.state"). The root's name depends on the AMI's root device and
// is known only when the launch runs.
func (p *parser) launchVolumeNames(inst string, params *yaml.Node) {
	bdm := mapValue(params, "BlockDeviceMappings")
	if bdm == nil || bdm.Kind != yaml.SequenceNode {
		return
	}
	for _, m := range bdm.Content {
		dev := mapValue(m, "DeviceName")
		if dev == nil || mapValue(m, "Ebs") == nil {
			continue
		}
		if n := deviceName(inst, dev.Value); n != "" && p.kinds[n] == "" {
			p.kinds[n] = model.ResourceVolume
		}
	}
}
