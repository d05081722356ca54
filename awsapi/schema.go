package awsapi

import (
	"reflect"
	"strings"
	"sync"

	"github.com/ec2sim/ec2sim/model"
)

// kind is the wire type of a request member.
type kind int

const (
	kString kind = iota
	kInt
	kBool
	kStruct
	kList
)

func (k kind) String() string {
	return [...]string{kString: "string", kInt: "integer", kBool: "boolean", kStruct: "structure", kList: "list"}[k]
}

// shape is the wire form of one request member, derived from the model's
// input type: scalars are typed (so a tag value `007` stays text and
// MinCount must be an integer), structures nest with dots and lists are
// flat, 1-based (`InstanceId.1`, `Filter.2.Value.1`).
type shape struct {
	kind    kind
	members map[string]member // kStruct: by wire name
	elem    *shape            // kList
}

// member is a structure member: its wire name maps to the model's field.
type member struct {
	field string // the model's (YAML) field name
	shape *shape
}

// wireNames are the members whose wire name is not the model's field name
// with a list's trailing "s" dropped, as botocore's EC2 serializer names
// them from the service model's locationName (see "Query requests for
// Amazon EC2", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html,
// and each action's page, e.g. CreateTags lists ResourceId.N and Tag.N).
// Keys are "InputType.Field" for one type, or "Field" for every type.
var wireNames = map[string]string{
	"ExecutableUsers":                      "ExecutableBy",
	"Resources":                            "ResourceId",
	"OwnerIds":                             "Owner",
	"RestorableByUserIds":                  "RestorableBy",
	"IpPermissions":                        "IpPermissions",
	"IpRanges":                             "IpRanges",
	"Ipv6Ranges":                           "Ipv6Ranges",
	"PrefixListIds":                        "PrefixListIds",
	"UserIdGroupPairs":                     "Groups",
	"Ipv6Addresses":                        "Ipv6Addresses",
	"PrivateIpAddresses":                   "PrivateIpAddresses",
	"CreateSecurityGroupInput.Description": "GroupDescription",
	"DescribeLaunchTemplateVersionsInput.Versions": "LaunchTemplateVersion",
}

// wireName is the wire name of field f of struct type t.
func wireName(t reflect.Type, f reflect.StructField, isList bool) string {
	name := fieldName(f)
	if w, ok := wireNames[t.Name()+"."+name]; ok {
		return w
	}
	if w, ok := wireNames[name]; ok {
		return w
	}
	if isList && len(name) > 1 && strings.HasSuffix(name, "s") {
		return strings.TrimSuffix(name, "s")
	}
	return name
}

// fieldName is the name the model decodes a field from: its yaml tag.
func fieldName(f reflect.StructField) string {
	if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" {
		return tag
	}
	return f.Name
}

var (
	schemaMu sync.Mutex
	schemas  = map[reflect.Type]*shape{}
)

// schemaOf is the wire schema of an action's request, built once from its
// input type.
func schemaOf(a model.ActionInfo) *shape {
	t := reflect.TypeOf(a.NewInput()).Elem()
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if s, ok := schemas[t]; ok {
		return s
	}
	s := shapeOf(t)
	schemas[t] = s
	return s
}

func shapeOf(t reflect.Type) *shape {
	switch t.Kind() {
	case reflect.Pointer:
		return shapeOf(t.Elem())
	case reflect.String:
		return &shape{kind: kString}
	case reflect.Bool:
		return &shape{kind: kBool}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &shape{kind: kInt}
	case reflect.Slice:
		return &shape{kind: kList, elem: shapeOf(t.Elem())}
	case reflect.Struct:
		s := &shape{kind: kStruct, members: map[string]member{}}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("yaml") == "-" {
				continue
			}
			ms := shapeOf(f.Type)
			s.members[wireName(t, f, ms.kind == kList)] = member{field: fieldName(f), shape: ms}
		}
		return s
	}
	// A kind the wire cannot carry (maps, funcs): a field of this kind can
	// never be set from a request, which the decoder reports as unknown.
	return &shape{kind: kStruct, members: map[string]member{}}
}
