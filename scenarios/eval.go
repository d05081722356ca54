package scenarios

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// Resource kinds a scenario name can stand for, known from the action
// that created it.
const (
	kindInstance = "instance"
	kindImage    = "image"
	kindVolume   = "volume"
	kindSnapshot = "snapshot"
	kindGroup    = "security group"
	kindKeyPair  = "key pair"
	kindPolicy   = "lifecycle policy"
)

// createdKind maps actions to what they create.
var createdKind = map[string]string{
	"RunInstances": kindInstance, "CreateImage": kindImage, "RegisterImage": kindImage, "CopyImage": kindImage,
	"CreateVolume": kindVolume, "CreateSnapshot": kindSnapshot, "CopySnapshot": kindSnapshot,
	"CreateSecurityGroup": kindGroup, "CreateKeyPair": kindKeyPair, "CreateLifecyclePolicy": kindPolicy,
}

// fields lists the fields of each kind, with what they mean (for docs and
// for "did you mean").
var fieldsOf = map[string]map[string]string{
	kindInstance: {
		"state": "lifecycle state", "type": "instance type", "az": "Availability Zone", "region": "region",
		"image": "AMI ID it was launched from", "root_device_type": "ebs or instance-store", "public_ip": "public IPv4 address (text, empty if none)",
		"status": "ok or impaired", "ready": "the OS finished booting", "exists": "still visible", "uptime": "time in running since the last start",
		"hibernated": "its last stop was a hibernation (RAM saved to the root volume)", "state_reason": "why it last changed state, as AWS words it",
		"cost": "billed so far", "spot": "is a Spot instance", "volumes": "number of EBS volumes attached",
		"instance_store_gib": "GiB of data on its instance store", "root_data_gib": "GiB of data on its root device", "secret": "launched from an image with a secret baked in",
		"count": "how many instances the name stands for", "running": "how many of them are running",
	},
	kindImage: {
		"state": "AMI state", "public": "launchable by everyone", "shared_with": "number of accounts with launch permission",
		"encrypted": "any snapshot encrypted", "snapshots": "number of snapshots behind it", "snapshots_exist": "how many of those snapshots still exist",
		"region": "region", "exists": "still visible", "root_device_type": "ebs or instance-store", "secret": "a secret is baked in",
		"cost": "billed so far for its snapshots", "id": "its AMI ID",
	},
	kindVolume: {
		"state": "volume state", "size": "GiB", "type": "volume type", "az": "Availability Zone", "attached_to": "instance ID or empty",
		"delete_on_termination": "deleted with its instance", "data_gib": "GiB written", "exists": "not deleted", "cost": "billed so far",
	},
	kindSnapshot: {
		"state": "snapshot state", "size": "GiB of the source volume", "stored": "GiB it adds to storage", "tier": "standard or archive",
		"exists": "not deleted", "cost": "billed so far", "in_use": "backs a registered AMI", "region": "region",
	},
	kindGroup:   {"exists": "exists"},
	kindPolicy:  {"exists": "exists", "images": "AMIs it currently keeps"},
	kindKeyPair: {"exists": "exists"},
}

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
func (x *Expr) eval(env *evalEnv) (Value, error) { return env.eval(x.root) }

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

// field reads one field of a named resource.
func (e *evalEnv) field(off int, name, f string) (Value, error) {
	ids := e.w.Lookup(name)
	kind := e.kind(name)
	if kind == "" {
		return Value{}, &ExprError{off, fmt.Sprintf("no resource is named %q", name)}
	}
	if _, ok := fieldsOf[kind][f]; !ok {
		return Value{}, &ExprError{off, fmt.Sprintf("%s %s has no field %s%s", kind, name, f, hintFrom(f, keys(fieldsOf[kind])))}
	}
	if len(ids) == 0 {
		// The step that names it has not run yet, or failed.
		switch f {
		case "count", "running":
			return num(0), nil
		case "cost":
			return money(0), nil
		}
		return gone(f, "")
	}
	id := ids[len(ids)-1] // where one resource is meant: the most recent
	w := e.w
	switch kind {
	case kindInstance:
		switch f {
		case "count":
			return num(len(ids)), nil
		case "running":
			n := 0
			for _, id := range ids {
				if i, ok := w.Instance(id); ok && i.State == model.Running {
					n++
				}
			}
			return num(n), nil
		case "cost":
			var m model.Money
			for _, id := range ids {
				m += e.getBill().ForResource(id)
			}
			return money(m), nil
		}
		i, ok := w.Instance(id)
		if !ok {
			return gone(f, "terminated")
		}
		switch f {
		case "state":
			return str(string(i.State)), nil
		case "type":
			return str(i.Type), nil
		case "az":
			return str(i.AZ), nil
		case "region":
			return str(i.Region), nil
		case "image":
			return str(i.ImageID), nil
		case "root_device_type":
			return str(i.RootDeviceType), nil
		case "public_ip":
			return str(i.PublicIP), nil
		case "status":
			return str(i.Status), nil
		case "ready":
			return boolean(i.Ready), nil
		case "exists":
			return boolean(true), nil
		case "uptime":
			if i.State != model.Running {
				return duration(0), nil
			}
			return duration(w.Now() - i.RunningSince), nil
		case "spot":
			return boolean(i.Spot), nil
		case "hibernated":
			return boolean(i.Hibernating), nil
		case "state_reason":
			return str(i.StateReason), nil
		case "volumes":
			return num(len(i.BlockDevices)), nil
		case "secret":
			return boolean(i.ContainsSecret), nil
		case "instance_store_gib":
			n := 0
			for _, d := range i.Ephemeral {
				n += d.DataGiB
			}
			return num(n), nil
		case "root_data_gib":
			for _, bd := range i.BlockDevices {
				if bd.DeviceName == i.RootDeviceName {
					v, _ := w.Volume(bd.VolumeID)
					return num(v.DataGiB), nil
				}
			}
			for _, d := range i.Ephemeral {
				if d.DeviceName == i.RootDeviceName {
					return num(d.DataGiB), nil
				}
			}
			return num(0), nil
		}
	case kindImage:
		im, ok := w.Image(id, "")
		if f == "id" {
			return str(id), nil
		}
		if f == "cost" {
			var m model.Money
			for _, id := range ids {
				if x, ok := w.Image(id, ""); ok {
					for _, s := range x.SnapshotIDs() {
						m += e.getBill().ForResource(s)
					}
				}
			}
			return money(m), nil
		}
		if !ok {
			return gone(f, model.ImageDeregistered)
		}
		switch f {
		case "state":
			return str(im.State), nil
		case "public":
			return boolean(im.Public), nil
		case "shared_with":
			return num(len(im.LaunchPermissions)), nil
		case "encrypted":
			return boolean(im.Encrypted()), nil
		case "snapshots":
			return num(len(im.SnapshotIDs())), nil
		case "snapshots_exist":
			n := 0
			for _, s := range im.SnapshotIDs() {
				if _, ok := w.Snapshot(s); ok {
					n++
				}
			}
			return num(n), nil
		case "region":
			return str(im.Region), nil
		case "exists":
			return boolean(!im.Gone), nil
		case "root_device_type":
			return str(im.RootDeviceType), nil
		case "secret":
			return boolean(im.Secret), nil
		}
	case kindVolume:
		if f == "cost" {
			return money(e.getBill().ForResource(id)), nil
		}
		v, ok := w.Volume(id)
		if !ok {
			return gone(f, model.VolumeDeleted)
		}
		switch f {
		case "state":
			return str(v.State), nil
		case "size":
			return num(v.SizeGiB), nil
		case "type":
			return str(v.Type), nil
		case "az":
			return str(v.AZ), nil
		case "attached_to":
			return str(v.InstanceID), nil
		case "delete_on_termination":
			return boolean(v.DeleteOnTermination), nil
		case "data_gib":
			return num(v.DataGiB), nil
		case "exists":
			return boolean(true), nil
		}
	case kindSnapshot:
		if f == "cost" {
			return money(e.getBill().ForResource(id)), nil
		}
		s, ok := w.Snapshot(id)
		if !ok {
			return gone(f, "deleted")
		}
		switch f {
		case "state":
			return str(s.State), nil
		case "size":
			return num(s.VolumeSize), nil
		case "stored":
			return num(s.StoredGiB), nil
		case "tier":
			return str(s.Tier), nil
		case "exists":
			return boolean(true), nil
		case "region":
			return str(s.Region), nil
		case "in_use":
			for _, im := range w.Images() {
				if im.State != model.ImageDeregistered && slices.Contains(im.SnapshotIDs(), id) {
					return boolean(true), nil
				}
			}
			return boolean(false), nil
		}
	case kindPolicy:
		n, ok := w.PolicyImages(id)
		if f == "images" {
			return num(n), nil
		}
		return boolean(ok), nil
	case kindGroup, kindKeyPair:
		return boolean(true), nil
	}
	return Value{}, &ExprError{off, fmt.Sprintf("%s %s has no field %s", kind, name, f)}
}

// gone answers for a resource that no longer exists.
func gone(field, state string) (Value, error) {
	switch field {
	case "state":
		return str(state), nil
	case "exists", "public", "ready", "encrypted", "spot", "secret", "in_use", "delete_on_termination":
		return boolean(false), nil
	}
	if strings.HasSuffix(field, "gib") || field == "size" || field == "stored" || field == "volumes" ||
		field == "snapshots" || field == "snapshots_exist" || field == "shared_with" {
		return num(0), nil
	}
	if field == "uptime" {
		return duration(0), nil
	}
	return str(""), nil
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
		if e.kind(name) == "" {
			return Value{}, &ExprError{n.off, fmt.Sprintf("no resource is named %q", name)}
		}
		return e.field(n.off, name, n.name)
	case "monthly":
		name, err := argName(0)
		if err != nil {
			return Value{}, err
		}
		var m model.Money
		for _, id := range e.w.Lookup(name) {
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
		for _, l := range e.getBill().Lines {
			if l.Account == id {
				m += l.Cost
			}
		}
		return money(m), nil
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
		lt, err := e.binary(binNode{n.off, "<", litNode{a}, litNode{b}})
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
	}
	return "…"
}
