package scenarios

import (
	"gopkg.in/yaml.v3"
)

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
