package scenarios

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

// warnings flags the best-practice problems the AMI guide names. They do
// not make a file invalid: a scenario may show a bad practice on purpose.
func (p *parser) warnings() {
	sc := p.sc
	secretOn := map[string]int{}       // instance name → line of the secret write
	encrypted := map[string]bool{}     // image or instance name → encrypted storage
	instanceStore := map[string]bool{} // instance name → instance-store-backed
	deregistered := map[string]Step{}  // image name → deregistering step
	for _, st := range sc.Steps {
		params := map[string]*yaml.Node{}
		if st.Params != nil && st.Params.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(st.Params.Content); i += 2 {
				params[st.Params.Content[i].Value] = st.Params.Content[i+1]
			}
		}
		val := func(k string) string {
			if v, ok := params[k]; ok {
				return v.Value
			}
			return ""
		}
		line := st.Pos.Line
		if st.ExpectError != "" {
			continue // a call meant to fail shows the mistake; it does not make it
		}
		switch st.Action.Name {
		case "RunInstances":
			img := val("ImageId")
			if pi, ok := model.DefaultCatalog().PublicImage(img); ok {
				if o, _ := model.DefaultCatalog().Owner(pi.Owner); o.Unverified {
					p.sink.warnf(line, st.Pos.Col, "%s is a Community AMI from an unverified owner: verify its source before trusting it (it could contain malware or a backdoor)", img)
				}
				instanceStore[st.Name] = pi.Root.Type == model.RootInstanceStore
			}
			if secretOn[img] > 0 {
				secretOn[st.Name] = secretOn[img]
			}
			instanceStore[st.Name] = instanceStore[st.Name] || instanceStore[img]
			if b, ok := params["BlockDeviceMappings"]; ok && strings.Contains(nodeText(b), "Encrypted true") {
				encrypted[st.Name] = true
			}
			encrypted[st.Name] = encrypted[st.Name] || encrypted[img]
		case "WriteData":
			inst := val("InstanceId")
			if val("Secret") == "true" {
				secretOn[inst] = line
			}
			if instanceStore[inst] {
				p.sink.warnf(line, st.Pos.Col, "%s is instance-store-backed: data written to its root is lost on failure or termination; keep state that must persist on EBS", inst)
			}
		case "CreateImage":
			inst := val("InstanceId")
			if l := secretOn[inst]; l > 0 {
				p.sink.warnf(line, st.Pos.Col, "this image bakes in the secret written at line %d: use IAM roles and AWS Secrets Manager instead of secrets on disk", l)
				secretOn[st.Name] = l
			}
			encrypted[st.Name] = encrypted[inst]
		case "CopyImage":
			src := val("SourceImageId")
			encrypted[st.Name] = encrypted[src] || val("Encrypted") == "true"
			secretOn[st.Name] = secretOn[src]
		case "ModifyImageAttribute":
			var in model.ModifyImageAttributeInput
			if st.Params.Decode(&in) != nil {
				break
			}
			var add []model.LaunchPermission
			if in.LaunchPermission != nil {
				add = in.LaunchPermission.Add
			}
			if in.OperationType == "add" {
				for _, u := range in.UserIds {
					add = append(add, model.LaunchPermission{UserId: u})
				}
				for _, g := range in.UserGroups {
					add = append(add, model.LaunchPermission{Group: g})
				}
			}
			for _, lp := range add {
				switch {
				case lp.Group == "all":
					p.sink.warnf(line, st.Pos.Col, "%s is being made public: anyone can launch it and read everything baked into it", in.ImageId)
				case lp.UserId != "" && !encrypted[in.ImageId]:
					p.sink.warnf(line, st.Pos.Col, "%s is shared unencrypted: encrypt it with a customer managed KMS key and grant that key to the other account", in.ImageId)
				}
			}
		case "DeregisterImage":
			if val("DeleteAssociatedSnapshots") != "true" {
				deregistered[val("ImageId")] = st
			}
		}
	}
	deletes := 0
	for _, st := range sc.Steps {
		if st.Action.Name == "DeleteSnapshot" {
			deletes++
		}
	}
	if deletes == 0 {
		for img, st := range deregistered {
			p.sink.warnf(st.Pos.Line, st.Pos.Col, "%s is deregistered without DeleteAssociatedSnapshots and no snapshot is deleted later: its snapshots keep billing", img)
		}
	}
	p.sink.ds.sort()
}

// nodeText flattens a YAML node into "Key value Key value" text, for the
// rough pattern matching of warnings.
func nodeText(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var parts []string
	for _, c := range n.Content {
		parts = append(parts, nodeText(c))
	}
	return strings.Join(parts, " ")
}
