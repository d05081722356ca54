package scenarios

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docs/coverage.md maps exam topics to the scenarios that teach them. Its
// "taught by" column names only built-in scenarios, and every built-in
// scenario is named there, so the table is kept current as the library
// grows.
func TestTheCoverageTableNamesEveryScenarioAndNoOther(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "coverage.md"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	exists := map[string]bool{}
	for _, sc := range all {
		exists[sc.Name] = true
	}
	_, table, ok := strings.Cut(string(doc), "## Coverage")
	if !ok {
		t.Fatal(`docs/coverage.md has no "## Coverage" section`)
	}
	table, _, _ = strings.Cut(table, "\n## ")
	const taughtBy = 4 // topic, SAA-C03, SOA-C03, CLF-C02, taught by, status
	name := regexp.MustCompile("`([^`]+)`")
	named, rows := map[string]bool{}, 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) < 6 || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") || strings.TrimSpace(cells[0]) == "topic" {
			continue
		}
		rows++
		for _, m := range name.FindAllStringSubmatch(cells[taughtBy], -1) {
			if !exists[m[1]] {
				t.Errorf("docs/coverage.md names %q, which is not a built-in scenario (row %q)", m[1], strings.TrimSpace(cells[0]))
			}
			named[m[1]] = true
		}
	}
	if rows < 30 {
		t.Errorf("%d topic rows; the table is missing", rows)
	}
	for _, sc := range all {
		if !named[sc.Name] {
			t.Errorf("built-in scenario %s is in no row of docs/coverage.md", sc.Name)
		}
	}
}
