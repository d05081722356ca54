package tui

import (
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

// derived is what the player works out from the run's log and keeps up to
// date from the records each step adds, instead of working it out again
// from the whole world and the whole log after every event: while playing,
// nearly every frame follows an event, and at 5,000 instances rebuilding
// the tree and scanning the log cost tens of milliseconds a frame
// (BenchmarkTUIView/Playing). It belongs to one run: a jump back replays
// into another run, and the player then derives everything afresh.
//
// This is the one place the player reads the log's records for the tree,
// the lifecycle's last transition, the timeline, the story and the row of
// marks.
type derived struct {
	run  *scenarios.Run
	seen int // how many of run.Records have been read
	tree instanceTree
	// last is each instance's newest transition (a state record with a
	// From), as an index into run.Records.
	last map[string]int
	narr []int  // the narrations, as indexes into run.Records, oldest first
	mrks []mark // what the row of marks shows, oldest first
	// changes are each instance's states, oldest first, for the timeline.
	changes map[string][]change
}

// change is an instance entering a state.
type change struct {
	t  sim.Time
	to model.InstanceState
}

// mark is one thing the row of marks can show: the most important in a
// column wins (rank), and failures are drawn in the error style.
type mark struct {
	t    sim.Time
	r    rune
	rank int
	fail bool
}

// newDerived derives everything from scratch: the tree from the world, the
// rest from every record so far.
func newDerived(run *scenarios.Run) *derived {
	d := &derived{run: run, tree: newInstanceTree(run.World), last: map[string]int{}, changes: map[string][]change{}}
	for i := range run.Records.Len() {
		d.read(i)
	}
	d.seen = run.Records.Len()
	return d
}

// update reads the records added since the last update. An instance
// enters the tree with its first state record (it is launched pending:
// model.World.RunInstances and every launch set a state, in launch order,
// so appending keeps the world's order) and leaves it when a record names
// it and the world no longer has it (the "gone" note a terminated
// instance's forgetting logs).
func (d *derived) update() {
	recs := d.run.Records
	if d.seen >= recs.Len() {
		return
	}
	w := d.run.World
	touched := map[string]bool{}
	for i := d.seen; i < recs.Len(); i++ {
		d.read(i)
		r := recs.At(i)
		if r.Resource == "" {
			continue
		}
		touched[r.Resource] = true
		if r.Kind == scenarios.RecordState && !d.tree.has(r.Resource) {
			if inst, ok := w.Instance(r.Resource); ok && inst.ID == r.Resource {
				d.tree.add(inst.ID, inst.Region, inst.AZ, w.NameOf(inst.ID))
			}
		}
	}
	for id := range touched { // removals commute: any order
		if d.tree.has(id) {
			if _, ok := w.Instance(id); !ok {
				d.tree.remove(id)
			}
		}
	}
	d.seen = recs.Len()
}

// read takes what record i says about the last transitions, the
// timeline's states, the story and the marks.
func (d *derived) read(i int) {
	r := d.run.Records.At(i)
	switch r.Kind {
	case scenarios.RecordState:
		if r.Action == "instance" {
			d.changes[r.Resource] = append(d.changes[r.Resource], change{r.T, model.InstanceState(r.To)})
			if r.From != "" {
				d.last[r.Resource] = i
			}
		}
	case scenarios.RecordNarration:
		d.narr = append(d.narr, i)
		d.mrks = append(d.mrks, mark{r.T, '¶', 1, false})
	case scenarios.RecordCheck:
		if r.Action == "PASS" {
			d.mrks = append(d.mrks, mark{r.T, '✔', 2, false})
		} else {
			d.mrks = append(d.mrks, mark{r.T, '✘', 5, true})
		}
	case scenarios.RecordQuiz:
		d.mrks = append(d.mrks, mark{r.T, '?', 3, false})
	case scenarios.RecordFault:
		d.mrks = append(d.mrks, mark{r.T, '!', 4, true})
	case scenarios.RecordAPI:
		if r.Error != "" {
			d.mrks = append(d.mrks, mark{r.T, '✗', 4, true})
		}
	}
}

// lastTransition is an instance's newest transition, or a zero record.
func (d *derived) lastTransition(id string) scenarios.Record {
	if i, ok := d.last[id]; ok {
		return d.run.Records.At(i)
	}
	return scenarios.Record{}
}

// narrations are the story so far, oldest first.
func (d *derived) narrations() []scenarios.Record {
	out := make([]scenarios.Record, len(d.narr))
	for j, i := range d.narr {
		out[j] = d.run.Records.At(i)
	}
	return out
}

// instanceTree is the region → AZ → instance tree that the Instances list
// shows: AZs in region then AZ order, and in each the instances in the
// order the world lists them (launch order). It is edited in place as
// instances come and go; its rows are laid out again only after an edit.
type instanceTree struct {
	groups []azGroup
	member map[string]member // by instance ID
	count  map[string]int    // members per scenario name, for the labels
	rows   []row             // the layout; nil after an edit
}

// member is where an instance is in the tree and its scenario name when
// it joined (the world names an instance once, in the step that launches
// it: model.World.Name).
type member struct{ name, region, az string }

// azGroup is one AZ's instances, in launch order.
type azGroup struct {
	region, az string
	ids        []string
}

func newInstanceTree(w *model.World) instanceTree {
	t := instanceTree{member: map[string]member{}, count: map[string]int{}}
	refs := w.InstanceRefs()
	for _, r := range refs { // in launch order
		t.add(r.ID, r.Region, r.AZ, w.NameOf(r.ID))
	}
	return t
}

func (t *instanceTree) has(id string) bool {
	_, ok := t.member[id]
	return ok
}

// group finds an AZ's group, or where it would go.
func (t *instanceTree) group(region, az string) (int, bool) {
	return slices.BinarySearchFunc(t.groups, [2]string{region, az}, func(g azGroup, k [2]string) int {
		if c := strings.Compare(g.region, k[0]); c != 0 {
			return c
		}
		return strings.Compare(g.az, k[1])
	})
}

// add puts an instance launched after every member at the end of its AZ.
func (t *instanceTree) add(id, region, az, name string) {
	at, found := t.group(region, az)
	if !found {
		t.groups = slices.Insert(t.groups, at, azGroup{region: region, az: az})
	}
	t.groups[at].ids = append(t.groups[at].ids, id)
	t.member[id] = member{name, region, az}
	t.count[name]++
	t.rows = nil
}

// remove takes a member out; an AZ left empty goes, with its heading. The
// search runs from the newest: what was launched last goes first more
// often than not.
func (t *instanceTree) remove(id string) {
	m := t.member[id]
	if gi, ok := t.group(m.region, m.az); ok {
		g := &t.groups[gi]
		for i := len(g.ids) - 1; i >= 0; i-- {
			if g.ids[i] == id {
				g.ids = slices.Delete(g.ids, i, i+1)
				break
			}
		}
		if len(g.ids) == 0 {
			t.groups = slices.Delete(t.groups, gi, gi+1)
		}
	}
	if t.count[m.name]--; t.count[m.name] == 0 {
		delete(t.count, m.name)
	}
	delete(t.member, id)
	t.rows = nil
}

// layout is the tree as rows (what instanceRows builds from scratch). The
// slice is the tree's own: valid until its next edit.
func (t *instanceTree) layout() []row {
	if t.rows != nil {
		return t.rows
	}
	rows := make([]row, 0, len(t.member)+2*len(t.groups))
	region := ""
	for i, g := range t.groups {
		if i == 0 || g.region != region {
			region = g.region
			rows = append(rows, row{heading: region})
		}
		rows = append(rows, row{heading: g.az, indent: 1})
		for _, id := range g.ids {
			rows = append(rows, row{id: id})
		}
	}
	t.rows = rows
	return rows
}

// visible is visible(t.layout(), selected, h), the window of rows around
// the selection, worked out from the groups without laying out the whole
// tree: a frame draws h rows of a fleet's thousands.
func (t *instanceTree) visible(selected string, h int) []row {
	at, n, region := -1, 0, ""
	for i, g := range t.groups {
		if i == 0 || g.region != region {
			region = g.region
			n++
		}
		n++
		if j := slices.Index(g.ids, selected); at < 0 && j >= 0 {
			at = n + j
		}
		n += len(g.ids)
	}
	if n <= h {
		return t.layout()
	}
	start := max(0, min(at-h/2, n-h))
	out := make([]row, 0, h)
	pos := 0
	put := func(r row) {
		if pos >= start && pos < start+h {
			out = append(out, r)
		}
		pos++
	}
	for i, g := range t.groups {
		if pos >= start+h {
			break
		}
		if i == 0 || g.region != region {
			region = g.region
			put(row{heading: region})
		}
		put(row{heading: g.az, indent: 1})
		lo, hi := max(0, start-pos), min(len(g.ids), start+h-pos)
		for j := lo; j < hi; j++ {
			out = append(out, row{id: g.ids[j]})
		}
		pos += len(g.ids)
	}
	return out
}

// first is the first instance of the list, or "".
func (t *instanceTree) first() string {
	for _, g := range t.groups {
		if len(g.ids) > 0 {
			return g.ids[0]
		}
	}
	return ""
}

// label tells a member apart from the others on screen (see
// instanceLabels, which labels a whole list at once).
func (t *instanceTree) label(id string) string {
	name := t.member[id].name
	return instanceLabel(id, name, t.count[name])
}
