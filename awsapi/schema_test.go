package awsapi

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// botocoreModel is the part of botocore's EC2 service model the test reads.
type botocoreModel struct {
	Operations map[string]struct {
		Input  struct{ Shape string } `json:"input"`
		Output struct{ Shape string } `json:"output"`
	} `json:"operations"`
	Shapes map[string]botocoreShape `json:"shapes"`
}

type botocoreShape struct {
	Type    string `json:"type"`
	Members map[string]struct {
		Shape        string `json:"shape"`
		LocationName string `json:"locationName"`
		QueryName    string `json:"queryName"`
	} `json:"members"`
	Member struct{ Shape string } `json:"member"`
}

// loadBotocore finds the service model the installed AWS clients use:
// $EC2SIM_EC2_MODEL, or botocore's, found through python3.
func loadBotocore(t *testing.T) *botocoreModel {
	path := os.Getenv("EC2SIM_EC2_MODEL")
	if path == "" {
		out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
		if err != nil {
			t.Skip("no botocore (python3 -c 'import botocore' failed); set EC2SIM_EC2_MODEL to a service-2.json.gz")
		}
		path = filepath.Join(strings.TrimSpace(string(out)), "data", "ec2", "2016-11-15", "service-2.json.gz")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no EC2 service model: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var m botocoreModel
	if err := json.NewDecoder(zr).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// serializedName is a member's name on the wire, by botocore's
// EC2Serializer: queryName, else locationName capitalised, else the name.
func serializedName(name, locationName, queryName string) string {
	switch {
	case queryName != "":
		return queryName
	case locationName != "":
		return strings.ToUpper(locationName[:1]) + locationName[1:]
	}
	return name
}

var kindOfBotocore = map[string]kind{
	"string": kString, "timestamp": kString, "blob": kString,
	"integer": kInt, "long": kInt, "boolean": kBool, "structure": kStruct, "list": kList,
}

// The schema derived from the model's Go types, with the wireNames table,
// must name and type every member as the real API does, so what the CLI
// sends decodes and nothing it sends is mistaken for another member.
func TestSchemaMatchesTheRealServiceModel(t *testing.T) {
	m := loadBotocore(t)
	for _, a := range model.Actions() {
		if a.Kind != model.KindEC2 {
			continue
		}
		op, ok := m.Operations[a.Name]
		if !ok {
			t.Errorf("%s is not an EC2 operation in botocore's model", a.Name)
			continue
		}
		compareShape(t, m, a.Name, schemaOf(a), op.Input.Shape)
	}
}

func compareShape(t *testing.T, m *botocoreModel, path string, ours *shape, theirs string) {
	t.Helper()
	bs := m.Shapes[theirs]
	if k, ok := kindOfBotocore[bs.Type]; !ok || k != ours.kind {
		t.Errorf("%s: ec2sim reads a %v, the API sends a %s", path, ours.kind, bs.Type)
		return
	}
	switch ours.kind {
	case kList:
		compareShape(t, m, path+".N", ours.elem, bs.Member.Shape)
	case kStruct:
		wire := map[string]string{}
		for name, mem := range bs.Members {
			wire[serializedName(name, mem.LocationName, mem.QueryName)] = mem.Shape
		}
		for name, mem := range ours.members {
			s, ok := wire[name]
			if !ok {
				t.Errorf("%s.%s (model field %s) is not a member of the real request", path, name, mem.field)
				continue
			}
			compareShape(t, m, path+"."+name, mem.shape, s)
		}
	}
}

// The generic encoding names each list of an answer as the service model
// does, so the AWS clients find it (a list under another name parses as
// missing: `describe-placement-groups` printed nothing). Checked for the
// top-level lists of every simulated EC2 action's output; a member the
// model names differently in different shapes keeps its responder's name.
func TestGenericListNamesFollowTheServiceModel(t *testing.T) {
	m := loadBotocore(t)
	ambiguous := map[string]bool{"BlockDeviceMappings": true, "Images": true, "PrivateIpAddresses": true, "SecurityGroups": true}
	for _, a := range model.Actions() {
		op, ok := m.Operations[a.Name]
		if a.Kind != model.KindEC2 || !ok || op.Output.Shape == "" {
			continue
		}
		for name, mem := range m.Shapes[op.Output.Shape].Members {
			if m.Shapes[mem.Shape].Type != "list" || ambiguous[name] {
				continue
			}
			want := mem.LocationName
			if want == "" {
				want = strings.ToLower(name[:1]) + name[1:]
			}
			if got := listElementName(name); got != want {
				t.Errorf("%s: list %s is encoded as <%s>, the service model says <%s>", a.Name, name, got, want)
			}
		}
	}
}
