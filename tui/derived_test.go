package tui

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// churn is a small fleet where instances keep coming and going: a batch
// launches every 10 s and the one before terminates, a group stops and
// starts every minute, and the terminated leave DescribeInstances (and the
// tree) about an hour later, in two regions.
var churn = []byte(`
name: churn
steps:
  - name: fleet
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 6, MaxCount: 6}
  - name: fleet
    region: eu-west-1
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MinCount: 4, MaxCount: 4}
  - name: cyclers
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.small, MinCount: 3, MaxCount: 3}
  - action: RunInstances
    region: eu-west-1
    params: {ImageId: al2023, InstanceType: t3.nano}
  - name: churn
    after: 1m
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
end: 3h
`)

// assertDerivedIsARebuild checks what the player keeps up to date from new
// records against the same things worked out from scratch: the tree and
// its labels from the world (World.InstanceRefs, as instanceRows and
// instanceLabels build them), the last transitions, the story, the marks
// and the timeline's states from the whole log.
func assertDerivedIsARebuild(t *testing.T, p *player, what string) {
	t.Helper()
	d := p.derived()
	w := p.run().World
	want := instanceRows(w.InstanceRefs())
	if got := d.tree.layout(); !slices.Equal(got, want) {
		t.Fatalf("%s: the tree has %d rows, a rebuild %d:\n%v\n%v", what, len(got), len(want), got, want)
	}
	for _, h := range []int{1, 2, 7, 47, 1000} {
		sels := []string{"", p.selected, "i-none"}
		for _, r := range want[len(want)/2:] {
			if r.id != "" {
				sels = append(sels, r.id, want[len(want)-1].id)
				break
			}
		}
		for _, sel := range sels {
			if got, want := d.tree.visible(sel, h), visible(want, sel, h); !slices.Equal(got, want) {
				t.Fatalf("%s: the %d rows around %q are\n%v\na rebuild's\n%v", what, h, sel, got, want)
			}
		}
	}
	if got, want := p.labels(), instanceLabels(w, want); !maps.Equal(got, want) {
		t.Fatalf("%s: the labels are\n%v\na rebuild's\n%v", what, got, want)
	}
	fresh := newDerived(p.run())
	if !maps.Equal(d.last, fresh.last) {
		t.Fatalf("%s: the last transitions differ from a rebuild's", what)
	}
	if !slices.Equal(d.narr, fresh.narr) || !slices.Equal(d.mrks, fresh.mrks) {
		t.Fatalf("%s: the story or the marks differ from a rebuild's", what)
	}
	if !maps.EqualFunc(d.changes, fresh.changes, slices.Equal) {
		t.Fatalf("%s: the timeline's states differ from a rebuild's", what)
	}
}

// The tree kept up to date from each step's records is the tree a rebuild
// from scratch draws, and so are the labels, the last transitions, the
// story, the marks and the timeline's states: for a churning fleet and every built-in scenario,
// read after one step or after many, after a sandbox launch, and after a
// jump back (a new run).
func TestDerivedIsARebuildFromScratch(t *testing.T) {
	sc, diags := scenarios.Parse("churn.yaml", churn)
	if sc == nil {
		t.Fatal(diags)
	}
	all, err := scenarios.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range append([]*scenarios.Scenario{sc}, all...) {
		t.Run(sc.Name, func(t *testing.T) {
			m, err := New(Options{Scenario: sc, Monochrome: true, AutoStory: true})
			if err != nil {
				t.Fatal(err)
			}
			p := m.(*root).player
			r := rand.New(rand.NewPCG(uint64(len(sc.Name)), 14))
			added, removed := 0, 0
			for i := 0; i < 400 && !p.run().Ended(); i++ {
				before := len(p.rows())
				switch k := r.IntN(20); {
				case k == 0:
					if err := p.sess.Back(); err != nil {
						t.Fatal(err)
					}
				case k == 1: // the student launches one in the sandbox
					c := scenarios.Command{Action: "RunInstances", Params: map[string]any{"ImageId": "al2023", "InstanceType": "t3.micro"}}
					if _, err := p.sess.Act(c); err != nil {
						t.Fatal(err)
					}
				case k < 10:
					p.sess.Step()
				default: // playback: many steps between two reads
					if _, err := p.sess.AdvanceTo(p.sess.Now() + sim.Time(r.IntN(int(10*sim.Minute)))); err != nil {
						t.Fatal(err)
					}
				}
				assertDerivedIsARebuild(t, p, p.sess.Now().String())
				switch n := len(p.rows()); {
				case n > before:
					added++
				case n < before:
					removed++
				}
			}
			if sc.Name == "churn" && (added < 10 || removed < 10) {
				t.Fatalf("the churn added rows %d times and removed some %d times: it no longer churns", added, removed)
			}
		})
	}
}

// The tree and its labels built from scratch, which the incremental
// derived state must equal.

// instanceRows builds the region → AZ → instance tree, unrendered.
func instanceRows(refs []model.InstanceRef) []row {
	refs = slices.Clone(refs)
	slices.SortStableFunc(refs, func(a, b model.InstanceRef) int {
		if c := strings.Compare(a.Region, b.Region); c != 0 {
			return c
		}
		return strings.Compare(a.AZ, b.AZ)
	})
	rows := make([]row, 0, len(refs)+8)
	region, az := "", ""
	for _, i := range refs {
		if i.Region != region {
			region, az = i.Region, ""
			rows = append(rows, row{heading: region})
		}
		if i.AZ != az {
			az = i.AZ
			rows = append(rows, row{heading: az, indent: 1})
		}
		rows = append(rows, row{id: i.ID})
	}
	return rows
}

// instanceLabels names each instance for the screen: its scenario name, or
// its short ID; instances that share a name (one RunInstances with count 4)
// get their short ID too, so that they can be told apart.
func instanceLabels(w *model.World, rows []row) map[string]string {
	count := map[string]int{}
	for _, r := range rows {
		if r.id != "" {
			count[w.NameOf(r.id)]++
		}
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		if r.id != "" {
			name := w.NameOf(r.id)
			out[r.id] = instanceLabel(r.id, name, count[name])
		}
	}
	return out
}
