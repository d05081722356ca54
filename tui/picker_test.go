package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// The picker's title row fits the screen at every width, whatever it holds
// (the title, a long status message, the filter being typed), and no blank
// row is ever cut. The list cuts its title row to its width less the
// spinner's and then pads it by TitleBar's padding: one cell too wide, it
// made every row of the list as wide (they are padded to the widest), and
// fit cut each, blank ones included, with an ellipsis. At 80×24 the title
// is whole.
func TestPickerRowsFitTheScreen(t *testing.T) {
	all, err := scenarios.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, state := range []string{"title", "status", "filtering"} {
		for w := 20; w <= 200; w++ {
			m, _ := New(Options{Library: all, Monochrome: true})
			m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
			r := m.(*root)
			switch state {
			case "status":
				r.picker.list.NewStatusMessage("progress will not be saved: " + strings.Repeat("a long reason ", 20))
			case "filtering":
				m.Update(press("/"))
				for _, k := range "saa" {
					m.Update(press(string(k)))
				}
			}
			// Past the title's own cells, the row holds only the padding
			// the list's other rows impose on it.
			title, _, _ := strings.Cut(r.picker.list.View(), "\n")
			if n := cellWidth(strings.TrimRight(title, " ")); n > w {
				t.Errorf("%s at %d×24: the title row is %d cells wide: %q", state, w, n, stripped(title))
			}
			rows := strings.Split(plain(m), "\n")
			for i, l := range rows {
				if strings.TrimSpace(l) == "…" {
					t.Errorf("%s at %d×24: blank row %d is cut: %q", state, w, i, l)
				}
			}
			if w == 80 && state == "title" && !strings.Contains(rows[0], r.picker.list.Title) {
				t.Errorf("at 80×24 the title is cut: %q", rows[0])
			}
		}
	}
}
