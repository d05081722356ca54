package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// BenchmarkTUIView renders one frame at 200×50 with 5,000 instances loaded.
func BenchmarkTUIView(b *testing.B) {
	src := []byte(`
name: five-thousand
setup:
  limits: {vcpus: 20000, max_count: 5000}
steps:
  - name: fleet
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 2500, MaxCount: 2500}
  - name: fleet
    region: eu-west-1
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 2500, MaxCount: 2500}
end: 2h
`)
	sc, diags := scenarios.Parse("five-thousand.yaml", src)
	if sc == nil {
		b.Fatal(diags)
	}
	m, err := New(Options{Scenario: sc, Source: src, Monochrome: true})
	if err != nil {
		b.Fatal(err)
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	p := m.(*root).player
	p.sess.AdvanceTo(sim.Hour)
	p.refresh()
	if n := len(p.run().World.Instances()); n != 5000 {
		b.Fatalf("%d instances", n)
	}
	for _, panel := range []int{panelLifecycle, panelCost} {
		p.panel = panel
		b.Run(panels[panel], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
	// The first frame after something happened: the instance tree and the
	// bill are derived again.
	p.panel = panelCost
	b.Run("AfterChange", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.cacheRun = nil
			_ = m.View()
		}
	})
}
