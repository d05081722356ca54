package scenarios

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

var billFields = map[string]model.Category{
	"compute": model.CatCompute, "marketplace": model.CatMarketplace, "ebs": model.CatEBS, "snapshot": model.CatSnapshot,
	"s3": model.CatS3, "data_transfer": model.CatTransfer, "public_ipv4": model.CatIPv4,
}

var functions = map[string]string{
	"cost":         "cost(name): what a resource (or all a name stands for) has cost so far",
	"monthly":      "monthly(name): what it costs per 730-hour month if left as it is",
	"exists":       "exists(name): the resource still exists",
	"count":        "count(name): how many resources the name stands for",
	"state":        "state(name): the state of the named resource",
	"account_cost": "account_cost(\"partner\"): what one account's resources have cost so far",
	"min":          "min(a, b)",
	"contains":     "contains(text, part): the text holds part, e.g. contains(web.state_reason, \"KMS\")",
	"startswith":   "startswith(text, prefix): the text begins with prefix",
	"max":          "max(a, b)",
}

func functionNames() []string {
	var out []string
	for k := range functions {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// evalEnv is what an expression can see.
type evalEnv struct {
	w    *model.World
	bill *model.Bill
	sum  *model.Summary
	kind func(name string) string // scenario name → kind, "" if unknown
	// absentIsGone makes a name that stands for nothing read as a resource
	// that does not exist, not as an error: in an exercise, what the
	// student was to create and did not.
	absentIsGone bool
	// work counts evaluations and the resources they read, for
	// Limits.Evaluations; nil counts nothing.
	work *int
}

// spend adds n units of work: one per evaluation, one per resource read.
func (e *evalEnv) spend(n int) {
	if e.work != nil {
		*e.work += n
	}
}

// summary is the bill's totals, without its lines (cheap on a big fleet).
func (e *evalEnv) summary() model.Summary {
	if e.sum == nil {
		s := e.w.BillSummary()
		e.sum = &s
	}
	return *e.sum
}

func (e *evalEnv) getBill() model.Bill {
	if e.bill == nil {
		b := e.w.Bill()
		e.bill = &b
	}
	return *e.bill
}

// Eval evaluates an expression against the world now.
func (x *Expr) eval(env *evalEnv) (Value, error) {
	env.spend(1)
	return env.eval(x.root)
}

func (e *evalEnv) eval(n node) (Value, error) {
	switch n := n.(type) {
	case litNode:
		return n.v, nil
	case pathNode:
		return e.path(n)
	case callNode:
		return e.call(n)
	case unNode:
		x, err := e.eval(n.x)
		if err != nil {
			return x, err
		}
		switch {
		case n.op == "not" && x.Kind == KBool:
			return Value{Kind: KBool, Bool: !x.Bool}, nil
		case n.op == "-" && x.Kind == KNum:
			return Value{Kind: KNum, Num: -x.Num}, nil
		case n.op == "-" && x.Kind == KMoney:
			return Value{Kind: KMoney, Money: -x.Money}, nil
		case n.op == "-" && x.Kind == KDur:
			return Value{Kind: KDur, Dur: -x.Dur}, nil
		}
		return Value{}, &ExprError{n.off, fmt.Sprintf("%s cannot apply to %s", n.op, x.Kind)}
	case binNode:
		return e.binary(n)
	}
	panic("unreachable")
}

func (e *evalEnv) binary(n binNode) (Value, error) {
	x, err := e.eval(n.x)
	if err != nil {
		return x, err
	}
	if n.op == opIn {
		return e.member(n, x)
	}
	if n.op == "and" || n.op == "or" {
		if x.Kind != KBool {
			return Value{}, &ExprError{n.off, fmt.Sprintf("%s needs true/false on its left, got %s", n.op, x.Kind)}
		}
		if (n.op == "and" && !x.Bool) || (n.op == "or" && x.Bool) {
			return x, nil
		}
		y, err := e.eval(n.y)
		if err != nil {
			return y, err
		}
		if y.Kind != KBool {
			return Value{}, &ExprError{n.off, fmt.Sprintf("%s needs true/false on its right, got %s", n.op, y.Kind)}
		}
		return y, nil
	}
	y, err := e.eval(n.y)
	if err != nil {
		return y, err
	}
	// A plain number next to money is dollars: bill.total < 0.5.
	if x.Kind == KMoney && y.Kind == KNum && n.op != "*" && n.op != "/" {
		y = toMoney(y)
	}
	if y.Kind == KMoney && x.Kind == KNum && n.op == "*" {
		x, y = y, x // number × money is money × number
	} else if y.Kind == KMoney && x.Kind == KNum && n.op != "/" {
		x = toMoney(x)
	}
	switch n.op {
	case "==", "!=":
		if x.Kind != y.Kind {
			return Value{}, &ExprError{n.off, fmt.Sprintf("cannot compare %s with %s", x.Kind, y.Kind)}
		}
		eq := x == y
		return Value{Kind: KBool, Bool: eq == (n.op == "==")}, nil
	case "<", "<=", ">", ">=":
		var c int
		switch {
		case x.Kind == KNum && y.Kind == KNum:
			c = cmpF(x.Num, y.Num)
		case x.Kind == KMoney && y.Kind == KMoney:
			c = cmpI(int64(x.Money), int64(y.Money))
		case x.Kind == KDur && y.Kind == KDur:
			c = cmpI(int64(x.Dur), int64(y.Dur))
		default:
			return Value{}, &ExprError{n.off, fmt.Sprintf("cannot order %s and %s", x.Kind, y.Kind)}
		}
		ok := map[string]bool{"<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[n.op]
		return Value{Kind: KBool, Bool: ok}, nil
	}
	switch {
	case x.Kind == KNum && y.Kind == KNum:
		r := map[string]float64{"+": x.Num + y.Num, "-": x.Num - y.Num, "*": x.Num * y.Num}[n.op]
		if n.op == "/" {
			if y.Num == 0 {
				return Value{}, &ExprError{n.off, "division by zero"}
			}
			r = x.Num / y.Num
		}
		return Value{Kind: KNum, Num: r}, nil
	case x.Kind == KMoney && y.Kind == KMoney && (n.op == "+" || n.op == "-"):
		if n.op == "-" {
			y.Money = -y.Money
		}
		return Value{Kind: KMoney, Money: x.Money + y.Money}, nil
	case x.Kind == KMoney && y.Kind == KNum && (n.op == "*" || n.op == "/"):
		f := y.Num
		if n.op == "/" {
			if f == 0 {
				return Value{}, &ExprError{n.off, "division by zero"}
			}
			f = 1 / f
		}
		return Value{Kind: KMoney, Money: model.Money(math.Round(float64(x.Money) * f))}, nil
	case x.Kind == KDur && y.Kind == KDur && (n.op == "+" || n.op == "-"):
		if n.op == "-" {
			y.Dur = -y.Dur
		}
		return Value{Kind: KDur, Dur: x.Dur + y.Dur}, nil
	}
	return Value{}, &ExprError{n.off, fmt.Sprintf("cannot %s %s and %s", map[string]string{"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}[n.op], x.Kind, y.Kind)}
}

// member is x in [items]: true when x equals an item. Items of another
// kind are an error, as == would say, so a typo such as a number in a list
// of states does not read as a plain false.
func (e *evalEnv) member(n binNode, x Value) (Value, error) {
	for _, it := range n.y.(listNode).items {
		y, err := e.eval(it)
		if err != nil {
			return y, err
		}
		if x.Kind == KMoney && y.Kind == KNum {
			y = toMoney(y)
		}
		if x.Kind != y.Kind {
			return Value{}, &ExprError{n.off, fmt.Sprintf("cannot look for %s in a list that holds %s", x.Kind, y.Kind)}
		}
		if x == y {
			return boolean(true), nil
		}
	}
	return boolean(false), nil
}

func toMoney(v Value) Value {
	m, err := model.ParseMoney(strconv.FormatFloat(v.Num, 'f', 6, 64))
	if err != nil {
		return v
	}
	return Value{Kind: KMoney, Money: m}
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpI(a, b int64) int { return cmpF(float64(a), float64(b)) }

func num(n int) Value           { return Value{Kind: KNum, Num: float64(n)} }
func str(s string) Value        { return Value{Kind: KStr, Str: s} }
func boolean(b bool) Value      { return Value{Kind: KBool, Bool: b} }
func money(m model.Money) Value { return Value{Kind: KMoney, Money: m} }
func duration(d sim.Time) Value { return Value{Kind: KDur, Dur: d} }

func (e *evalEnv) path(n pathNode) (Value, error) {
	head := n.parts[0]
	switch head {
	case "now":
		if len(n.parts) > 1 {
			return Value{}, &ExprError{n.off, "now has no fields"}
		}
		return duration(e.w.Now()), nil
	case "bill":
		if len(n.parts) != 2 {
			return Value{}, &ExprError{n.off, "write bill.total, bill.run_rate or bill.<category> (compute, ebs, snapshot, ...)"}
		}
		switch n.parts[1] {
		case "total":
			return money(e.summary().Total), nil
		case "run_rate":
			return money(e.w.RunRate()), nil
		}
		cat, ok := billFields[n.parts[1]]
		if !ok {
			return Value{}, &ExprError{n.off, fmt.Sprintf("bill has no field %s%s", n.parts[1], hintFrom(n.parts[1], billFieldNames()))}
		}
		return money(e.summary().ByCategory[cat]), nil
	}
	if len(n.parts) != 2 {
		return Value{}, &ExprError{n.off, fmt.Sprintf("write %s.<field>, for example %s.state", head, head)}
	}
	return e.field(n.off, head, n.parts[1])
}

func billFieldNames() []string {
	out := []string{"total", "run_rate"}
	for k := range billFields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// field reads one field of a named resource, as fieldTables says.
func (e *evalEnv) field(off int, name, f string) (Value, error) {
	kf := fieldsOf(e.kindOf(name))
	if kf == nil {
		if fd, ok := anyField(f); ok && e.absentIsGone {
			return fd.typ.zero(), nil
		}
		return Value{}, &ExprError{off, fmt.Sprintf("no resource is named %q", name)}
	}
	fd, ok := kf.field(f)
	if !ok {
		return Value{}, &ExprError{off, kf.noField(name, f)}
	}
	ids := e.w.Lookup(name)
	e.spend(len(ids))
	return fd.value(e, ids), nil
}

func (e *evalEnv) call(n callNode) (Value, error) {
	argName := func(i int) (string, error) {
		if len(n.args) <= i {
			return "", &ExprError{n.off, fmt.Sprintf("%s needs a resource name: %s", n.name, functions[n.name])}
		}
		p, ok := n.args[i].(pathNode)
		if !ok || len(p.parts) != 1 {
			return "", &ExprError{n.off, fmt.Sprintf("%s takes a resource name, such as %s(web)", n.name, n.name)}
		}
		return p.parts[0], nil
	}
	switch n.name {
	case "cost", "exists", "count", "state":
		name, err := argName(0)
		if err != nil {
			return Value{}, err
		}
		if n.name == "count" {
			return num(len(e.w.Lookup(name))), nil
		}
		return e.field(n.off, name, n.name)
	case "monthly":
		name, err := argName(0)
		if err != nil {
			return Value{}, err
		}
		var m model.Money
		ids := e.w.Lookup(name)
		e.spend(len(ids))
		for _, id := range ids {
			m += e.w.MonthlyRate(id)
			if inst, ok := e.w.Instance(id); ok { // an instance left as it is keeps paying for its volumes
				for _, bd := range inst.BlockDevices {
					m += e.w.MonthlyRate(bd.VolumeID)
				}
			}
			if im, ok := e.w.Image(id, ""); ok { // an AMI costs what its snapshots do
				for _, s := range im.SnapshotIDs() {
					m += e.w.MonthlyRate(s)
				}
			}
		}
		return money(m), nil
	case "account_cost":
		if len(n.args) != 1 {
			return Value{}, &ExprError{n.off, functions[n.name]}
		}
		a, err := e.eval(n.args[0])
		if err != nil {
			return a, err
		}
		id := e.w.AccountID(a.Str)
		if a.Kind != KStr || id == "" {
			return Value{}, &ExprError{n.off, fmt.Sprintf("account_cost takes an account name or ID in quotes, got %s", a)}
		}
		var m model.Money
		lines := e.getBill().Lines
		e.spend(len(lines))
		for _, l := range lines {
			if l.Account == id {
				m += l.Cost
			}
		}
		return money(m), nil
	case "contains", "startswith":
		if len(n.args) != 2 {
			return Value{}, &ExprError{n.off, functions[n.name]}
		}
		var texts [2]string
		for i, a := range n.args {
			v, err := e.eval(a)
			if err != nil {
				return v, err
			}
			if v.Kind != KStr {
				return Value{}, &ExprError{n.off, fmt.Sprintf("%s compares text, got %s: %s", n.name, v.Kind, functions[n.name])}
			}
			texts[i] = v.Str
		}
		if n.name == "contains" {
			return boolean(strings.Contains(texts[0], texts[1])), nil
		}
		return boolean(strings.HasPrefix(texts[0], texts[1])), nil
	case "min", "max":
		if len(n.args) != 2 {
			return Value{}, &ExprError{n.off, n.name + " takes two values"}
		}
		a, err := e.eval(n.args[0])
		if err != nil {
			return a, err
		}
		b, err := e.eval(n.args[1])
		if err != nil {
			return b, err
		}
		lt, err := e.binary(binNode{n.off, "<", litNode{v: a}, litNode{v: b}})
		if err != nil {
			return lt, err
		}
		if lt.Bool == (n.name == "min") {
			return a, nil
		}
		return b, nil
	}
	return Value{}, &ExprError{n.off, "unknown function " + n.name}
}

// names lists the resource names an expression reads, with their offsets,
// for checking at load time.
func (x *Expr) names() map[string]int {
	out := map[string]int{}
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case pathNode:
			if n.parts[0] != "bill" && n.parts[0] != "now" {
				if _, ok := out[n.parts[0]]; !ok {
					out[n.parts[0]] = n.off
				}
			}
		case callNode:
			for _, a := range n.args {
				walk(a)
			}
		case unNode:
			walk(n.x)
		case binNode:
			walk(n.x)
			walk(n.y)
		case listNode:
			for _, it := range n.items {
				walk(it)
			}
		}
	}
	walk(x.root)
	return out
}

// explainValues shows what each name in a comparison evaluated to, so a
// failed check says why: "web.state = \"running\"".
func explainValues(x *Expr, env *evalEnv) string {
	var parts []string
	seen := map[string]bool{}
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case pathNode, callNode:
			src := exprText(n)
			if seen[src] {
				return
			}
			seen[src] = true
			if v, err := env.eval(n); err == nil {
				parts = append(parts, src+" = "+v.String())
			}
		case unNode:
			walk(n.x)
		case binNode:
			walk(n.x)
			walk(n.y)
		}
	}
	walk(x.root)
	return strings.Join(parts, ", ")
}

func exprText(n node) string {
	switch n := n.(type) {
	case pathNode:
		return strings.Join(n.parts, ".")
	case callNode:
		var args []string
		for _, a := range n.args {
			args = append(args, exprText(a))
		}
		return n.name + "(" + strings.Join(args, ", ") + ")"
	case litNode:
		return n.v.String()
	case listNode:
		var items []string
		for _, it := range n.items {
			items = append(items, exprText(it))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return "…"
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
