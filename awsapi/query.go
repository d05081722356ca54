package awsapi

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/ec2sim/ec2sim/model"
)

// Parameters every EC2 request may carry that are not members of the
// model's input types.
const (
	paramAction      = "Action"
	paramVersion     = "Version"
	paramDryRun      = "DryRun"
	paramClientToken = "ClientToken"
)

// notSimulated are wire parameters of the real API that clients send but
// the model does not simulate: accepted and ignored (and noted in the log),
// so the real CLI's defaults never fail a call. A numeric segment is
// written N. Only a parameter the action's input does not take is looked
// up here; anything else it does not take is UnknownParameter, as EC2
// answers it.
var notSimulated = []string{
	// Pagination, on the few actions whose model answers in one page
	// (DescribeVpcs, DescribeSubnets: one default VPC, a subnet per zone);
	// the actions whose request has MaxResults and NextToken page for real.
	"MaxResults", "NextToken",
	"Monitoring.Enabled", "CreditSpecification.CpuCredits", "IamInstanceProfile",
	"PrivateDnsNameOptions", "MaintenanceOptions", "EnclaveOptions",
	"NetworkInterface.N.SubnetId", "NetworkInterface.N.DeleteOnTermination", "NetworkInterface.N.SecurityGroupId",
	"NetworkInterface.N.Description", "NetworkInterface.N.PrivateIpAddress",
	"AdditionalInfo", "SkipOsShutdown", "ImdsSupport", "SriovNetSupport",
}

// Bounds on one request, beyond its body's size (maxBody): a request is
// untrusted like a scenario file, and each of these is far above what the
// AWS CLI, boto3 or Terraform send. A request over one gets an EC2 error
// envelope (InvalidParameterValue, 400), never a slow answer or a crash.
const (
	maxParams    = 1000     // parameters (name=value pairs) in one request
	maxListIndex = 1000     // the N of a list member X.N: EC2's own lists are far shorter
	maxSegments  = 12       // dot-separated parts of one parameter name (X.N.Y.M …)
	maxNameLen   = 256      // bytes of one parameter name
	maxValueLen  = 64 << 10 // bytes of one value (EC2 caps UserData, the largest, at 16 KB)
)

// checkForm applies the bounds above to every parameter of a request, and
// refuses text that is not UTF-8 (EC2's parameters are UTF-8 strings).
func checkForm(form url.Values) *model.Error {
	bad := func(format string, args ...any) *model.Error {
		return &model.Error{Code: model.InvalidParameterValue, Message: fmt.Sprintf(format, args...)}
	}
	n := 0
	for _, vs := range form {
		n += len(vs)
	}
	if n > maxParams {
		return bad("The request has %d parameters; ec2sim accepts at most %d in one request", n, maxParams)
	}
	for k, vs := range form {
		switch {
		case !utf8.ValidString(k):
			return bad("A parameter name is not valid UTF-8: %q", k)
		case len(k) > maxNameLen:
			return bad("A parameter name is %d bytes long; ec2sim accepts names of at most %d", len(k), maxNameLen)
		case strings.Count(k, ".") >= maxSegments:
			return bad("The parameter %s nests %d levels deep; ec2sim accepts at most %d", k, strings.Count(k, ".")+1, maxSegments)
		}
		for _, v := range vs {
			switch {
			case !utf8.ValidString(v):
				return bad("The value of %s is not valid UTF-8", k)
			case len(v) > maxValueLen:
				return bad("The value of %s is %d bytes long; ec2sim accepts values of at most %d", k, len(v), maxValueLen)
			}
		}
	}
	return nil
}

// request is one decoded EC2 call.
type request struct {
	action      model.ActionInfo
	params      map[string]any // the members given, by model field name: the export's params
	in          any            // the typed input, from a.NewInput()
	dryRun      bool
	clientToken string
	ignored     []string // wire parameters accepted but not simulated
	canonical   string   // the parameters, sorted, for ClientToken comparison
}

// decode reads an action's parameters from a form into the model's typed
// input, by the action's schema.
func decode(a model.ActionInfo, form url.Values) (*request, *model.Error) {
	req := &request{action: a, params: map[string]any{}}
	root := schemaOf(a)
	tree := map[string]any{}
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var canon []string
	for _, k := range keys {
		v := form.Get(k)
		switch k {
		case paramAction, paramVersion:
			continue
		case paramDryRun:
			b, err := parseBool(k, v)
			if err != nil {
				return nil, err
			}
			req.dryRun = b
			continue
		case paramClientToken:
			req.clientToken = v
			continue
		}
		canon = append(canon, k+"="+v)
		if err := insert(tree, root, strings.Split(k, "."), v, k); err != nil {
			if err.Code == UnknownParameter && ignorable(k) {
				req.ignored = append(req.ignored, k)
				continue
			}
			return nil, err
		}
	}
	req.canonical = strings.Join(canon, "&")
	req.params = finish(tree).(map[string]any)
	in, err := typed(a, req.params)
	if err != nil {
		return nil, err
	}
	req.in = in
	return req, nil
}

// typed decodes params into the action's input the way a scenario step's
// params are decoded (scenarios.Session.Act does the same), so what the
// server ran and what the export replays cannot differ.
func typed(a model.ActionInfo, params map[string]any) (any, *model.Error) {
	var node yaml.Node
	if err := node.Encode(params); err != nil {
		return nil, &model.Error{Code: model.InvalidParameterValue, Message: err.Error()}
	}
	in := a.NewInput()
	if err := node.Decode(in); err != nil {
		return nil, &model.Error{Code: model.InvalidParameterValue, Message: err.Error()}
	}
	return in, nil
}

// ignorable reports whether a wire parameter is one of notSimulated.
func ignorable(key string) bool {
	segs := strings.Split(key, ".")
	for i, s := range segs {
		if _, err := strconv.Atoi(s); err == nil {
			segs[i] = "N"
		}
	}
	norm := strings.Join(segs, ".")
	for _, p := range notSimulated {
		if norm == p || strings.HasPrefix(norm, p+".") {
			return true
		}
	}
	return false
}

// insert puts one wire parameter into the tree under construction: structs
// are maps by model field name, lists maps by 1-based index (finish orders
// them).
func insert(node map[string]any, sh *shape, segs []string, val, full string) *model.Error {
	m, ok := sh.members[segs[0]]
	if !ok {
		return unknownParam(full)
	}
	return put(node, m.field, m.shape, segs[1:], val, full)
}

func put(parent map[string]any, key string, sh *shape, rest []string, val, full string) *model.Error {
	switch sh.kind {
	case kStruct:
		if len(rest) == 0 {
			return unknownParam(full)
		}
		child, _ := parent[key].(map[string]any)
		if child == nil {
			if _, taken := parent[key]; taken {
				return unknownParam(full)
			}
			child = map[string]any{}
			parent[key] = child
		}
		return insert(child, sh, rest, val, full)
	case kList:
		if len(rest) == 0 {
			return unknownParam(full)
		}
		i, err := strconv.Atoi(rest[0])
		if err != nil || i < 1 {
			return unknownParam(full)
		}
		if i > maxListIndex {
			return &model.Error{Code: model.InvalidParameterValue, Message: fmt.Sprintf(
				"The parameter %s is item %d of a list; ec2sim accepts lists of at most %d items", full, i, maxListIndex)}
		}
		list, _ := parent[key].(map[int]any)
		if list == nil {
			list = map[int]any{}
			parent[key] = list
		}
		// A list element is keyed by its index in a one-entry map so the
		// element's own kind decides what follows the index.
		holder := map[string]any{}
		if cur, ok := list[i]; ok {
			holder[""] = cur
		}
		if err := put(holder, "", sh.elem, rest[1:], val, full); err != nil {
			return err
		}
		list[i] = holder[""]
		return nil
	}
	if len(rest) != 0 {
		return unknownParam(full)
	}
	v, err := scalar(sh.kind, full, val)
	if err != nil {
		return err
	}
	parent[key] = v
	return nil
}

// scalar types one value by the schema: text stays text whatever it looks like.
func scalar(k kind, name, val string) (any, *model.Error) {
	switch k {
	case kInt:
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return nil, &model.Error{Code: model.InvalidParameterValue,
				Message: fmt.Sprintf("Invalid value '%s' for %s: an integer is expected", val, name)}
		}
		return n, nil
	case kBool:
		return parseBool(name, val)
	}
	return val, nil
}

func parseBool(name, val string) (bool, *model.Error) {
	switch strings.ToLower(val) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, &model.Error{Code: model.InvalidParameterValue,
		Message: fmt.Sprintf("Invalid value '%s' for %s: true or false is expected", val, name)}
}

// finish turns the index maps of lists into lists, in index order.
func finish(n any) any {
	switch v := n.(type) {
	case map[string]any:
		for k, c := range v {
			v[k] = finish(c)
		}
		return v
	case map[int]any:
		idx := make([]int, 0, len(v))
		for i := range v {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		out := make([]any, len(idx))
		for j, i := range idx {
			out[j] = finish(v[i])
		}
		return out
	}
	return n
}

func unknownParam(name string) *model.Error {
	return &model.Error{Code: UnknownParameter, Message: fmt.Sprintf("The parameter %s is not recognized", name)}
}
