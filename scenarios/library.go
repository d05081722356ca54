package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/model"
)

//go:embed library/*.yaml
var library embed.FS

// Builtin lists the built-in scenarios, sorted by file name (which starts
// with the teaching order).
func Builtin() ([]*Scenario, error) {
	entries, err := fs.ReadDir(library, "library")
	if err != nil {
		return nil, err
	}
	var out []*Scenario
	for _, e := range entries {
		sc, err := loadBuiltin(e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

func loadBuiltin(file string) (*Scenario, error) {
	data, err := library.ReadFile(path.Join("library", file))
	if err != nil {
		return nil, err
	}
	sc, diags := Parse("builtin:"+file, data)
	if sc == nil {
		return nil, diags
	}
	return sc, nil
}

// BuiltinNamed finds a built-in scenario by name.
func BuiltinNamed(name string) (*Scenario, error) {
	all, err := Builtin()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, sc := range all {
		if sc.Name == name {
			return sc, nil
		}
		names = append(names, sc.Name)
	}
	var near []string
	for _, n := range names {
		if strings.Contains(n, name) {
			near = append(near, n)
		}
	}
	if s := model.Suggest(name, names); s != "" && !slices.Contains(near, s) {
		near = append(near, s)
	}
	if len(near) > 0 {
		return nil, fmt.Errorf("no built-in scenario %q; did you mean %s? (ec2sim list shows them all)", name, strings.Join(near, " or "))
	}
	return nil, fmt.Errorf("no built-in scenario %q and no such file (ec2sim list shows the built-in ones)", name)
}

// BuiltinSource returns the YAML text of a built-in scenario.
func BuiltinSource(sc *Scenario) ([]byte, bool) {
	file, ok := strings.CutPrefix(sc.File, "builtin:")
	if !ok {
		return nil, false
	}
	data, err := library.ReadFile(path.Join("library", file))
	return data, err == nil
}
