package scenarios

// Checking expressions at load time: names and fields are resolved against
// what the steps so far define, before anything runs.

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

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
			if !ok && p.exercise {
				kind, ok = p.exerciseKind(head)
				if !ok {
					// The student's to create: any kind's field may be read.
					if len(x.parts) == 2 && !slices.Contains(allFieldNames(), x.parts[1]) {
						p.exprError(n, what, &ExprError{x.off, fmt.Sprintf("no kind of resource has a field %s%s", x.parts[1], hintFrom(x.parts[1], allFieldNames()))})
					}
					return
				}
			}
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
					if _, ok := p.kinds[pn.parts[0]]; !ok && !p.exercise {
						p.exprError(n, what, &ExprError{pn.off, p.undefined(pn.parts[0])})
					}
					continue
				}
				walk(a)
			}
		case unNode:
			walk(x.x)
		case binNode:
			if x.op == "==" || x.op == "!=" || x.op == opIn {
				p.checkCompared(n, what, x.x, x.y)
				p.checkCompared(n, what, x.y, x.x)
			}
			walk(x.x)
			walk(x.y)
		case listNode:
			for _, it := range x.items {
				walk(it)
			}
		}
	}
	walk(root)
}

// checkCompared reports a text compared with a field (==, != or in) that
// the field can never read: web.state == "runing" would wait for ever.
// Only fields whose values the model lists are checked (values).
func (p *parser) checkCompared(n *yaml.Node, what string, side, other node) {
	path, ok := side.(pathNode)
	if c, isCall := side.(callNode); isCall && c.name == "state" && len(c.args) == 1 {
		if arg, isPath := c.args[0].(pathNode); isPath && len(arg.parts) == 1 {
			path, ok = pathNode{arg.off, []string{arg.parts[0], "state"}}, true // state(web) is web.state
		}
	}
	if !ok || len(path.parts) != 2 {
		return
	}
	kind, ok := p.kinds[path.parts[0]]
	if !ok && p.exercise {
		kind, ok = p.exerciseKind(path.parts[0])
	}
	known := values(kind, path.parts[1])
	if !ok || known == nil {
		return
	}
	lits := []node{other}
	if l, ok := other.(listNode); ok {
		lits = l.items
	}
	for _, x := range lits {
		lit, ok := x.(litNode)
		if !ok || lit.v.Kind != KStr || slices.Contains(known, lit.v.Str) {
			continue
		}
		msg := fmt.Sprintf("%s.%s is never %q: %s %ss are %s", path.parts[0], path.parts[1], lit.v.Str, kind, path.parts[1], strings.Join(known, ", "))
		if s := model.Suggest(lit.v.Str, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		p.exprError(n, what, &ExprError{lit.off, msg})
	}
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
