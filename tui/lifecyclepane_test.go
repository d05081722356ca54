package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

const lifecycleLab = `
name: lifecycle-pane
setup: {seed: 1, region: us-east-1}
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - name: other
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - at: 10m
    action: StopInstances
    params: {InstanceIds: [web]}
end: 1h
`

// The Lifecycle pane is kept between frames, so it must be drawn again
// when what it shows changes: the selected instance's state and newest
// transition, or the selection itself. Each screen is compared with the
// pane drawn from scratch.
func TestTheLifecyclePaneFollowsTheSelectedInstance(t *testing.T) {
	h := newFileHarness(t, lifecycleLab, 120, 40)
	p := h.player()
	fresh := func() string {
		return p.renderPane(panelLifecycle, p.layout().mainW-4)
	}
	check := func(what, state string) {
		t.Helper()
		scr := h.screen()
		if want := strings.Split(ansi.Strip(fresh()), "\n")[0]; !strings.Contains(scr, strings.TrimSpace(want)) {
			t.Errorf("%s: the pane's first line %q is not on screen:\n%s", what, want, scr)
		}
		if !strings.Contains(scr, "▶ ● "+state) && !strings.Contains(scr, "▶ "+glyphs[model.InstanceState(state)]+" "+state) {
			t.Errorf("%s: the pane does not mark %s as the current state:\n%s", what, state, scr)
		}
	}
	p.panel = panelLifecycle
	p.sess.AdvanceTo(2 * sim.Minute)
	p.selected = p.run().World.Lookup("web")[0]
	check("web running", "running")
	p.sess.AdvanceTo(30 * sim.Minute)
	check("web stopped", "stopped")
	p.selected = p.run().World.Lookup("other")[0]
	check("other selected", "running")
}
