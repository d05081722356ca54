package scenarios

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

// DefaultWaitTimeout is how long a `when` step waits when it names no timeout.
const DefaultWaitTimeout = sim.Day

// expr parses an expression node and checks the names and fields it reads
// against what the steps so far define.
func (p *parser) expr(n *yaml.Node, what string) *Expr {
	src := p.str(n, what)
	if src == "" {
		return nil
	}
	x, err := ParseExpr(src)
	if err != nil {
		p.exprError(n, what, err)
		return nil
	}
	p.checkExpr(n, what, x.root)
	return x
}

// exprError reports an expression error at its column when the
// expression sits on one line.
func (p *parser) exprError(n *yaml.Node, what string, err error) {
	col := n.Column
	if ee, ok := err.(*ExprError); ok && n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle {
		col += ee.Off
		if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
			col++
		}
	}
	p.sink.errorf(n.Line, col, "%s: %v", what, err)
}

func (p *parser) checkExpr(n *yaml.Node, what string, root node) {
	var walk func(x node)
	walk = func(x node) {
		switch x := x.(type) {
		case pathNode:
			head := x.parts[0]
			switch head {
			case "bill", "now":
				env := &evalEnv{}
				if head == "bill" && len(x.parts) == 2 {
					if _, ok := billFields[x.parts[1]]; ok || x.parts[1] == "total" || x.parts[1] == "run_rate" {
						return
					}
				}
				if head == "now" && len(x.parts) == 1 {
					return
				}
				_, err := env.pathShape(x)
				p.exprError(n, what, err)
				return
			}
			kind, ok := p.kinds[head]
			if !ok {
				p.exprError(n, what, &ExprError{x.off, p.undefined(head)})
				return
			}
			if len(x.parts) != 2 {
				p.exprError(n, what, &ExprError{x.off, fmt.Sprintf("write %s.<field>, for example %s.state", head, head)})
				return
			}
			if kf := fieldsOf(kind); kf != nil {
				if _, ok := kf.field(x.parts[1]); !ok {
					p.exprError(n, what, &ExprError{x.off, kf.noField(head, x.parts[1]) + " (fields: " + strings.Join(kf.names(), ", ") + ")"})
				}
			}
		case callNode:
			for _, a := range x.args {
				if pn, ok := a.(pathNode); ok && len(pn.parts) == 1 && pn.parts[0] != "now" {
					if _, ok := p.kinds[pn.parts[0]]; !ok {
						p.exprError(n, what, &ExprError{pn.off, p.undefined(pn.parts[0])})
					}
					continue
				}
				walk(a)
			}
		case unNode:
			walk(x.x)
		case binNode:
			walk(x.x)
			walk(x.y)
		}
	}
	walk(root)
}

// pathShape explains a malformed bill or now path.
func (e *evalEnv) pathShape(x pathNode) (Value, error) {
	if x.parts[0] == "now" {
		return Value{}, &ExprError{x.off, "now has no fields"}
	}
	if len(x.parts) == 2 {
		return Value{}, &ExprError{x.off, fmt.Sprintf("bill has no field %s%s", x.parts[1], hintFrom(x.parts[1], billFieldNames()))}
	}
	return Value{}, &ExprError{x.off, "write bill.total, bill.run_rate or bill.<category> (" + strings.Join(billFieldNames()[2:], ", ") + ")"}
}

func (p *parser) undefined(name string) string {
	var known []string
	for k := range p.kinds {
		known = append(known, k)
	}
	slices.Sort(known)
	msg := fmt.Sprintf("%q is not defined by an earlier step", name)
	if s := model.Suggest(name, known); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", s)
	}
	return msg
}

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

// checkRefs reports names in a step's parameters that no earlier step defines.
func (p *parser) checkRefs(n *yaml.Node, st Step) {
	if n == nil {
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

func (p *parser) prices(n *yaml.Node) {
	p.sc.Prices = map[string]model.Money{}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "prices must be a mapping of price key to dollars, e.g. compute/t3.micro/us-east-1: \"0.0104\"")
		return
	}
	cat := model.DefaultCatalog().Clone()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		m, err := model.ParseMoney(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			p.errorf(v, "price %s: %q is not an amount of dollars (write \"0.0116\")", k.Value, v.Value)
			continue
		}
		if err := cat.SetPrice(k.Value, m); err != nil {
			p.errorf(k, "%v", err)
			continue
		}
		p.sc.Prices[k.Value] = m
	}
}

func (p *parser) checks(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "checks must be a list")
		return
	}
	for _, e := range n.Content {
		c := Check{Pos: p.sink.at(e.Line, e.Column)}
		var expect *yaml.Node
		p.fields(e, "a check", []string{"name", "at", "expect", "explain"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				c.Name = p.str(v, "check name")
			case "at":
				if v.Value == "end" {
					return
				}
				c.At, c.HasAt = p.duration(v, "at"), true
				if p.sc.HasEnd && c.At > p.sc.End {
					p.errorf(v, "check at %s is after the scenario's end (%s)", c.At.Compact(), p.sc.End.Compact())
				}
			case "expect":
				expect = v
			case "explain":
				c.Explain = p.str(v, "explain")
			}
		})
		if expect == nil {
			p.errorf(e, "a check needs expect: an expression such as web.state == \"stopped\"")
			continue
		}
		c.Expect = p.expr(expect, "expect")
		if c.Name == "" {
			c.Name = expect.Value
		}
		p.sc.Checks = append(p.sc.Checks, c)
	}
}

var quizIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)

func (p *parser) quizzes(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "quiz must be a list of questions")
		return
	}
	ids := map[string]bool{}
	for _, e := range n.Content {
		q := Quiz{Pos: p.sink.at(e.Line, e.Column), Points: 1}
		var answer *yaml.Node
		p.fields(e, "a quiz question", []string{"id", "at", "question", "choices", "answer", "explanation", "hints", "points"}, func(key string, k, v *yaml.Node) {
			switch key {
			case "id":
				q.ID = p.str(v, "id")
				if !quizIDRE.MatchString(q.ID) {
					p.errorf(v, "quiz id %q: use lower-case letters, digits and dashes", q.ID)
				} else if ids[q.ID] {
					p.errorf(v, "quiz id %q is used twice", q.ID)
				}
				ids[q.ID] = true
			case "at":
				q.At = p.duration(v, "at")
				if p.sc.HasEnd && q.At > p.sc.End {
					p.errorf(v, "question at %s is after the scenario's end (%s)", q.At.Compact(), p.sc.End.Compact())
				}
			case "question":
				q.Question = p.str(v, "question")
			case "choices":
				q.Choices = p.strs(v, "choices")
				if len(q.Choices) < 2 || len(q.Choices) > 6 {
					p.errorf(v, "a question needs 2 to 6 choices, has %d", len(q.Choices))
				}
			case "answer":
				answer = v
			case "explanation":
				q.Explanation = p.str(v, "explanation")
			case "points":
				q.Points = int(p.integer(v, "points", 1, 100))
			case "hints":
				if v.Kind != yaml.SequenceNode {
					p.errorf(v, "hints must be a list of {text, penalty}")
					return
				}
				for _, h := range v.Content {
					hint := Hint{Penalty: 1}
					if h.Kind == yaml.ScalarNode {
						hint.Text = h.Value
					} else {
						p.fields(h, "a hint", []string{"text", "penalty"}, func(key string, k, v *yaml.Node) {
							if key == "text" {
								hint.Text = p.str(v, "hint text")
							} else {
								hint.Penalty = int(p.integer(v, "penalty", 0, 100))
							}
						})
					}
					q.Hints = append(q.Hints, hint)
				}
			}
		})
		if q.ID == "" || q.Question == "" || answer == nil || q.Explanation == "" {
			p.errorf(e, "a question needs id, question, choices, answer and explanation")
			continue
		}
		q.Answer = -1
		if i, ok := q.Choice(answer.Value); ok {
			q.Answer = i
		} else {
			p.errorf(answer, "answer %q is out of range: give the letter of one of the %d choices (a to %c)", answer.Value, len(q.Choices), 'a'+rune(max(len(q.Choices), 1)-1))
		}
		p.sc.Quizzes = append(p.sc.Quizzes, q)
	}
}

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
