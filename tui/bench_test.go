package tui

import (
	"testing"
	"time"

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
			p.d, p.stateAt = nil, stateKey{} // derive everything afresh
			_ = m.View()
		}
	})
	b.Run("Playing", benchPlaying)
}

// playingFleet is 5,000 instances where something keeps happening: every
// 10 s a few instances launch and the previous few terminate, every 30 s a
// group of 100 stops or starts again, and what was terminated leaves the
// tree after about an hour.
var playingFleet = []byte(`
name: five-thousand-playing
setup:
  limits: {vcpus: 20000, max_count: 5000}
steps:
  - name: fleet
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 2400, MaxCount: 2400}
  - name: fleet
    region: eu-west-1
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 2500, MaxCount: 2500}
  - name: cyclers
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.small, MinCount: 100, MaxCount: 100}
  - name: churn
    after: 5m
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 3, MaxCount: 3}
    repeat: {every: 10s}
  - after: 5s
    action: TerminateInstances
    params: {InstanceIds: [churn]}
    repeat: {every: 10s}
  - after: 1m
    action: StopInstances
    params: {InstanceIds: [cyclers]}
    repeat: {every: 1m}
  - after: 30s
    action: StartInstances
    params: {InstanceIds: [cyclers]}
    repeat: {every: 1m}
end: 2d
`)

// benchPlaying is what a playing frame costs at 5,000 instances: per
// frame, playback moves simulated time on one tick (6 s at the default
// 1 min/s, so most frames follow an event) and the screen is drawn as the
// user sees it. ns/op is the whole frame, in three parts: update-ns/frame
// the tick (the model's events, then what the player derives from their
// records), bill-ns/frame what the frame reads of the model's bill
// (World.BillSummary for the header, or World.Bill when the Cost pane is
// open, and then Waste and RunRate too), view-ns/frame the
// rest of the drawing.
func benchPlaying(b *testing.B) {
	sc, diags := scenarios.Parse("five-thousand-playing.yaml", playingFleet)
	if sc == nil {
		b.Fatal(diags)
	}
	for _, panel := range []int{panelLifecycle, panelCost, panelTimeline} {
		b.Run(panels[panel], func(b *testing.B) {
			m, err := New(Options{Scenario: sc, Source: playingFleet, Monochrome: true, AutoStory: true})
			if err != nil {
				b.Fatal(err)
			}
			m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
			p := m.(*root).player
			p.advance(2 * sim.Hour) // past the launch, into the churn's steady state
			p.panel, p.playing = panel, true
			_ = m.View()
			events := p.sess.Fired()
			var update, bill, view time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				t0 := time.Now()
				m, _ = m.Update(tickMsg{p.gen})
				t1 := time.Now()
				// What the frame reads of the model's bill, made first so
				// that it is timed on its own: View finds it made.
				_ = p.bill()
				if panel == panelCost {
					_, _ = p.waste(), p.runRate()
				}
				t2 := time.Now()
				_ = m.View()
				t3 := time.Now()
				update, bill, view = update+t1.Sub(t0), bill+t2.Sub(t1), view+t3.Sub(t2)
			}
			if !p.playing || p.run().Ended() {
				b.Fatal("playback stopped:", p.status)
			}
			per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) }
			b.ReportMetric(per(update), "update-ns/frame")
			b.ReportMetric(per(bill), "bill-ns/frame")
			b.ReportMetric(per(view), "view-ns/frame")
			b.ReportMetric(float64(p.sess.Fired()-events)/float64(b.N), "events/frame")
		})
	}
}
