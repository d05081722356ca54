package scenarios

// What a step's parameters may hold: values from the catalogue and within
// AWS's limits, in every YAML number notation, and names defined earlier.

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// refKeys are the parameters that name resources.
var refKeys = map[string]bool{
	"InstanceId": true, "InstanceIds": true, "ImageId": true, "SourceImageId": true, "VolumeId": true,
	"SnapshotId": true, "SourceSnapshotId": true, "GroupId": true, "SecurityGroupIds": true, "Resources": true,
}

// numberCheck bounds a numeric parameter by the AWS limit it stands for.
func numberCheck(lo, hi int64, limit string) func(string) string {
	return func(v string) string {
		n, ok := yamlNumber(v)
		if !ok {
			return "" // not a number: the type check reports it
		}
		if n < float64(lo) || n > float64(hi) {
			return fmt.Sprintf("%s is out of range: %s", v, limit)
		}
		return ""
	}
}

// yamlNumber reads a number in every notation YAML lets a file write one
// (1000, 1_000, 0x3e8, 0o1750, 1e3), as the decoder will, so that no
// notation slips past a range check.
func yamlNumber(v string) (float64, bool) {
	if n, err := strconv.ParseInt(v, 0, 64); err == nil {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// durationCheck reads a fault's delay or length the way the model will.
func durationCheck(v string) string {
	if d, err := sim.ParseTime(v); err != nil || d < 0 {
		return fmt.Sprintf("%q is not a duration (write 90s, 5m, 2h, 3d)", v)
	}
	return ""
}

// valueChecks validate parameter values that must come from the catalogue
// or stay within AWS's limits, before anything runs.
var valueChecks = map[string]func(string) string{
	"Size":       numberCheck(1, 65536, "an EBS volume is 1 GiB to 64 TiB (65,536 GiB)"),
	"VolumeSize": numberCheck(1, 65536, "an EBS volume is 1 GiB to 64 TiB (65,536 GiB)"),
	"Iops":       numberCheck(100, 256000, "provisioned IOPS are 100 to 256,000 (io2 Block Express)"),
	"Throughput": numberCheck(125, 2000, "gp3 throughput is 125 to 2,000 MiB/s"),
	"MinCount":   numberCheck(1, 100_000, "RunInstances takes counts from 1, and this simulation at most 100,000 a call"),
	"MaxCount":   numberCheck(1, 100_000, "RunInstances takes counts from 1, and this simulation at most 100,000 a call"),
	"GiB":        numberCheck(0, 65536, "no single disk holds more than 64 TiB"),
	"After":      durationCheck,
	"Duration":   durationCheck,
	"InstanceType": func(v string) string {
		cat := model.DefaultCatalog()
		if _, ok := cat.InstanceType(v); ok {
			return ""
		}
		return fmt.Sprintf("unknown instance type %q%s (docs/scenario-format.md lists the %d simulated types)", v, hintFrom(v, cat.InstanceTypeNames()), len(cat.InstanceTypeNames()))
	},
	"AvailabilityZone": func(v string) string {
		cat := model.DefaultCatalog()
		if _, ok := cat.RegionOfAZ(v); ok {
			return ""
		}
		var azs []string
		for _, r := range cat.Regions {
			azs = append(azs, r.AZs...)
		}
		return fmt.Sprintf("unknown Availability Zone %q%s", v, hintFrom(v, azs))
	},
	"SourceRegion": func(v string) string {
		cat := model.DefaultCatalog()
		if _, ok := cat.Region(v); ok {
			return ""
		}
		return fmt.Sprintf("unknown region %q%s", v, hintFrom(v, cat.RegionNames()))
	},
	"VolumeType": func(v string) string {
		types := []string{"gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"}
		if slices.Contains(types, v) {
			return ""
		}
		return fmt.Sprintf("unknown volume type %q%s (gp3, gp2, io1, io2, st1, sc1, standard)", v, hintFrom(v, types))
	},
}

var idRE = regexp.MustCompile(`^(i|ami|vol|snap|sg)-[0-9a-f]{8}([0-9a-f]{9})?$`)

// checkRefs reports names in a step's parameters that no earlier step
// defines, and values outside the catalogue or AWS's limits. A step that
// expects an error is left to the API: a malformed ID, an unknown instance
// type or a zone that does not exist may be exactly what it teaches.
func (p *parser) checkRefs(n *yaml.Node, st Step) {
	if n == nil || st.ExpectError != "" {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if check, ok := valueChecks[k.Value]; ok && v.Kind == yaml.ScalarNode && v.Value != "" {
				if msg := check(v.Value); msg != "" {
					p.errorf(v, "%s: %s", k.Value, msg)
				}
				continue
			}
			if refKeys[k.Value] {
				vals := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					vals = v.Content
				}
				for _, x := range vals {
					p.checkRef(x, k.Value)
				}
				continue
			}
			p.checkRefs(v, st)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			p.checkRefs(c, st)
		}
	}
}

func (p *parser) checkRef(x *yaml.Node, key string) {
	v := x.Value
	if x.Kind != yaml.ScalarNode || v == "" || idRE.MatchString(v) || strings.HasPrefix(v, "resolve:ssm:") {
		return
	}
	if key == "ImageId" || key == "SourceImageId" {
		if _, ok := model.DefaultCatalog().PublicImage(v); ok {
			return
		}
	}
	if _, ok := p.kinds[v]; ok {
		return
	}
	msg := p.undefined(v)
	if key == "ImageId" || key == "SourceImageId" {
		var aliases []string
		for _, im := range model.DefaultCatalog().Images {
			aliases = append(aliases, im.Alias)
		}
		if s := model.Suggest(v, aliases); s != "" {
			msg = fmt.Sprintf("%q is neither a public image nor defined by an earlier step; did you mean %s?", v, s)
		} else {
			msg += " (public images: " + strings.Join(aliases, ", ") + ")"
		}
	}
	p.errorf(x, "%s: %s", key, msg)
}

// splitDryRun takes the DryRun parameter out of a step's params: every
// action accepts it, as on the wire, whether or not its request type has
// the field, and model.World.DryRun answers it by one rule. It returns the
// params without it (a new mapping sharing the other nodes), the DryRun
// node, or nil when there is none.
func splitDryRun(params *yaml.Node) (rest, dry *yaml.Node) {
	if params == nil || params.Kind != yaml.MappingNode {
		return params, nil
	}
	for i := 0; i+1 < len(params.Content); i += 2 {
		if params.Content[i].Value == model.ParamDryRun {
			c := *params
			c.Content = slices.Concat(params.Content[:i], params.Content[i+2:])
			return &c, params.Content[i+1]
		}
	}
	return params, nil
}

// dryRunOf reads the DryRun node splitDryRun found: true, false (or no
// node), or an error for a value that is not a YAML boolean.
func dryRunOf(n *yaml.Node) (bool, error) {
	if n == nil {
		return false, nil
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		return false, fmt.Errorf("%s must be true or false, not %q", model.ParamDryRun, n.Value)
	}
	return b, nil
}
