package tui

import (
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
)

// gLab ends a day after its last step, as the teaching trial's lab did: G
// must put the clock at the end, where the checks and the bill are, so an
// action taken then is exported at the time it was applied.
const gLab = `name: g-export
title: G then act
setup: {seed: 1, region: us-east-1}
steps:
  - name: orphan
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 50, VolumeType: gp2}
  - at: 1h
    action: CreateVolume
    params: {AvailabilityZone: us-east-1a, Size: 1, VolumeType: gp2}
end: 1d
checks:
  - name: the orphan is deleted
    expect: orphan.state == "deleted"
`

// newFileHarness plays a scenario given as text, as `ec2sim play FILE` does.
func newFileHarness(t *testing.T, src string, w, h int) *harness {
	t.Helper()
	sc, ds := scenarios.Parse("lab.yaml", []byte(src))
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	store := &Store{Path: filepath.Join(t.TempDir(), "progress.json")}
	m, err := New(Options{Scenario: sc, Source: []byte(src), Store: store, ExportDir: t.TempDir(), Monochrome: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := &harness{t: t, m: m, store: store}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// typeLine opens the sandbox prompt, types a line and runs it.
func (h *harness) typeLine(line string) {
	h.keys(":")
	for _, r := range line {
		h.send(press(string(r)))
	}
	h.keys("enter")
}

// Issue 17 (teaching trial, finding 6): after G a sandbox action is applied
// at the time the export records, so the TUI's checks are the export's.
func TestAnActionAfterGIsExportedAtTheTimeItWasApplied(t *testing.T) {
	h := newFileHarness(t, gLab, 120, 40)
	h.keys("G")
	p := h.player()
	if end, _ := p.end(); p.sess.Now() != end {
		t.Fatalf("G put the clock at %s, not the end %s", p.sess.Now(), end)
	}
	h.typeLine("delete-volume orphan")
	data, err := p.sess.Export()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.sess.VerifyExport(data); err != nil {
		t.Fatal(err)
	}
	sc, ds := scenarios.Parse("export.yaml", data)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	if got := sc.Sandbox[0].At; got != p.sess.Now() {
		t.Errorf("exported at %s, applied at %s", got, p.sess.Now())
	}
	replay, err := scenarios.NewSession(sc, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	replay.ToEnd()
	live, exp := p.run().Checks, replay.Run().Checks
	if len(live) != len(exp) {
		t.Fatalf("%d checks live, %d in the export", len(live), len(exp))
	}
	for i := range live {
		if live[i].Pass != exp[i].Pass || live[i].T != exp[i].T {
			t.Errorf("check %q: live %v at %s, export %v at %s", live[i].Check.Name, live[i].Pass, live[i].T, exp[i].Pass, exp[i].T)
		}
	}
}
