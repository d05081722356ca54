package model

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// Every component has a name of its own: the name is what a fixed-text
// line shows, so two components sharing one would make two charges read
// as one.
func TestComponentsHaveDistinctNames(t *testing.T) {
	seen := map[string]component{}
	for c := compInstanceHours; c <= compBundleStorage; c++ {
		name := c.String()
		if int(c) >= len(componentNames) || componentNames[c] == "" {
			t.Errorf("component %d has no name", c)
		}
		if o, dup := seen[name]; dup {
			t.Errorf("components %d and %d are both called %q", o, c, name)
		}
		seen[name] = c
	}
}

// Meters are keyed by resource, component and io2 tier, never by the text
// of their lines: an io2 volume's IOPS tiers are meters of their own, open
// together, and deleting the volume closes every one of them.
func TestEachIO2TierIsAMeterOfItsOwn(t *testing.T) {
	w, err := New(Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := Caller{}
	out, err := w.CreateVolume(c, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1000, VolumeType: "io2", Iops: 80000})
	if err != nil {
		t.Fatal(err)
	}
	run(w, sim.Hour)
	want := []part{{compVolumeStorage, 0}, {compVolumeIOPS, 1}, {compVolumeIOPS, 2}, {compVolumeIOPS, 3}}
	var got []part
	for _, s := range w.bill.res[out.VolumeId].slots {
		got = append(got, w.bill.open[s].part)
	}
	slices.SortFunc(got, part.compare)
	if !slices.Equal(got, want) {
		t.Fatalf("open meters %v, want %v", got, want)
	}
	if _, err := w.DeleteVolume(c, VolumeIDInput{VolumeId: out.VolumeId}); err != nil {
		t.Fatal(err)
	}
	run(w, sim.Hour)
	if n := len(w.bill.open); n != 0 {
		t.Fatalf("%d meters still open after the volume was deleted", n)
	}
	tiers := 0
	for _, ln := range w.Bill().Lines {
		if ln.Resource == out.VolumeId && ln.Unit == IOPSMonths {
			tiers++
		}
	}
	if tiers != 3 {
		t.Fatalf("the bill shows %d io2 IOPS tiers, want 3", tiers)
	}
}

// run fires every event of the next d and leaves the clock d later.
func run(w *World, d sim.Time) {
	end := w.Now() + d
	for next, ok := w.NextAt(); ok && next <= end; next, ok = w.NextAt() {
		w.Step()
	}
	w.AdvanceTo(end)
}

// A run shorter than its minimum just before a month's end is billed into
// the next month; a meter that opens again before the end adds to that
// next month's line too, and reading the bill now must round that line's
// whole quantity (BillSummary agrees with Bill at every instant).
func TestSummaryCountsALineAnEarlierRunBilledPastTheMonthsEnd(t *testing.T) {
	start := time.Date(2026, time.January, 31, 23, 59, 30, 0, time.UTC)
	w, err := New(Config{Seed: 1, Start: start})
	if err != nil {
		t.Fatal(err)
	}
	inst := &Instance{ID: "i-0123456789abcdef0", Owner: DefaultAccountID, Region: "us-east-1", Type: "t3.micro", Platform: "linux"}
	w.bill.openCompute(inst)
	w.AdvanceTo(10 * sim.Second)
	w.bill.closeCompute(inst) // ten seconds, billed as sixty: to 00:00:30 on February 1
	w.AdvanceTo(20 * sim.Second)
	w.bill.openCompute(inst) // again at 23:59:50, in January
	for w.Now() < 3*sim.Minute {
		w.AdvanceTo(w.Now() + 100*sim.Millisecond)
		if full, fast := w.Bill().Total, w.BillSummary().Total; full != fast {
			t.Fatalf("at %s: summary %s, bill %s", w.Now(), fast, full)
		}
	}
}

// The bill's lines are worked out resource by resource (linesNow) without
// copying the ledger; they are exactly the lines of the copy that accrues
// every open meter (statementOf), at every step of a run that launches,
// stops, starts, snapshots and crosses a month's end.
func TestLinesNowAreTheStatementsLines(t *testing.T) {
	w, err := New(Config{Seed: 7, Start: time.Date(2026, time.January, 31, 23, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	c := Caller{}
	out, err := w.RunInstances(c, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 4, MaxCount: 4})
	if err != nil {
		t.Fatal(err)
	}
	ids := out.Created()
	w.CreateVolume(c, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 50, VolumeType: "io2", Iops: 40000})
	key := func(ln Line) string { return fmt.Sprintf("%+v", ln) }
	restarted := false
	for step := 0; step < 300; step++ {
		if step > 30 && !restarted { // once stopped: a meter that adds to a line it had
			_, err := w.StartInstances(c, InstanceIDsInput{InstanceIds: ids[:1]})
			restarted = err == nil
		}
		switch step {
		case 30:
			w.StopInstances(c, StopInstancesInput{InstanceIds: ids[:2]})
		case 90:
			w.CreateImage(c, CreateImageInput{InstanceId: ids[2], Name: "img", NoReboot: true})
		case 120:
			w.TerminateInstances(c, InstanceIDsInput{InstanceIds: ids[3:]})
		}
		if w.Pending() > 0 {
			w.Step()
		}
		if next, ok := w.NextAt(); ok {
			w.AdvanceTo((w.Now() + next) / 2)
		} else {
			w.AdvanceTo(w.Now() + sim.Minute)
		}
		var want []string
		st, _ := statementOf(w.bill)
		for _, ln := range st.lines {
			want = append(want, key(*ln))
		}
		lines, _ := w.bill.linesNow()
		var got []string
		for _, ln := range lines {
			got = append(got, key(ln))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("step %d at %s: %d lines worked out, the statement has %d:\n%v\n%v", step, w.Now(), len(got), len(want), got, want)
		}
		assertHotMirrorsOpen(t, w.bill, fmt.Sprintf("step %d", step))
		assertHotMirrorsOpen(t, w.Clone().bill, fmt.Sprintf("step %d, a copy", step))
		assertEntriesAddUp(t, w.Clone().bill, fmt.Sprintf("step %d, a copy", step))
	}
	if !restarted {
		t.Fatal("the stopped instance never started again: the test needs the restart")
	}
}

// assertHotMirrorsOpen checks the summary's dense fields against the open
// meters they are made from, index for index.
func assertHotMirrorsOpen(t *testing.T, l *ledger, what string) {
	t.Helper()
	if len(l.hot) != len(l.open) {
		t.Fatalf("%s: %d summary records for %d open meters", what, len(l.hot), len(l.open))
	}
	for i := range l.open {
		if want := hotOf(&l.open[i]); l.hot[i] != want {
			t.Fatalf("%s: open meter %d (%s %s): summary record %+v, the meter says %+v", what, i, l.open[i].owner.id, l.open[i].t.Component, l.hot[i], want)
		}
	}
}

// The summary's dense records follow every way an open meter changes:
// opened, opened again in place, marked shared by a second meter under
// the same text, changed in place (updateOpen), and moved when another
// closes. At each change the summary agrees with the bill.
func TestSummaryRecordsFollowEveryChangeToAnOpenMeter(t *testing.T) {
	w, err := New(Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	l := w.bill
	r := rate{usd: 65_000, source: "test"}
	open := func(res string, p part, text string, amount int64) part {
		m := l.newMeter(p, DefaultAccountID, "us-east-1", CatEBS, text, IOPSMonths, r, amount)
		m.minimum = sim.Minute
		l.openMeter(l.entry(res), m)
		return p
	}
	check := func(what string) {
		t.Helper()
		assertHotMirrorsOpen(t, l, what)
		if full, fast := w.Bill().Total, w.BillSummary().Total; full != fast {
			t.Fatalf("%s: summary %s, bill %s", what, fast, full)
		}
	}
	a := open("vol-a", part{compVolumeIOPS, 1}, "io2 IOPS", 100)
	open("vol-z", part{compVolumeStorage, 0}, "gp3 storage", 8)
	w.AdvanceTo(10 * sim.Second)
	check("opened")
	open("vol-a", part{compVolumeIOPS, 2}, "io2 IOPS", 50) // the same text: both shared
	if !l.openMeterOf(l.res["vol-a"], a).shared {
		t.Fatal("a second meter under the same text did not mark the first shared")
	}
	w.AdvanceTo(20 * sim.Second)
	check("a second meter under the same text")
	open("vol-a", part{compVolumeIOPS, 1}, "io2 IOPS", 300) // in place
	w.AdvanceTo(30 * sim.Second)
	check("opened again in place")
	l.updateOpen(l.res["vol-a"], a, func(m *meter) { m.minimum, m.amount = 0, 7 })
	w.AdvanceTo(40 * sim.Second)
	check("changed in place")
	l.closeMeter(l.res["vol-a"], a) // the last open meter moves into its slot
	w.AdvanceTo(50 * sim.Second)
	check("another closed")
}

// TopCosts, worked out from the ledger, is TopCostsOf the bill's lines:
// the same resources, costs, names and components, ties in the bill's
// order, and the same count of the rest, at every step of a run that
// launches a fleet, stops and starts part of it, snapshots, crosses a
// month's end and forgets enough terminated resources to fold some.
func TestTopCostsAreTheBillsResourcesInOrder(t *testing.T) {
	w, err := New(Config{Seed: 3, Start: time.Date(2026, time.January, 31, 22, 0, 0, 0, time.UTC), Quotas: Quotas{VCPUs: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	c := Caller{}
	launch := func(n int, region string) []string {
		out, err := w.RunInstances(Caller{Region: region}, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: n, MaxCount: n})
		if err != nil {
			t.Fatal(err)
		}
		return out.Created()
	}
	// Launched first but listed second (us-west-2 sorts after us-east-1),
	// at the same price: ties across regions follow the bill's order.
	west := launch(10, "us-west-2")
	fleet := launch(40, "us-east-1")
	w.CreateVolume(c, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 50, VolumeType: "io2", Iops: 40000})
	// A snapshot copied across regions has lines in both: its transfer in
	// the source's, its storage in its own.
	westRoot := w.instances[west[0]].BlockDevices[0].VolumeID
	snap, err := w.CreateSnapshot(Caller{Region: "us-west-2"}, CreateSnapshotInput{VolumeId: westRoot})
	if err != nil {
		t.Fatal(err)
	}
	copied := false
	churn := 0
	for step := 0; step < 400; step++ {
		switch {
		case step == 20:
			w.StopInstances(c, StopInstancesInput{InstanceIds: fleet[:5]})
		case step == 60:
			w.StartInstances(c, InstanceIDsInput{InstanceIds: fleet[:3]})
		case step == 80:
			w.CreateImage(c, CreateImageInput{InstanceId: fleet[10], Name: "img", NoReboot: true})
		case step%10 == 5 && churn < KeepRetired/100: // enough gone for good to fold
			ids := launch(120, "us-east-1")
			w.TerminateInstances(c, InstanceIDsInput{InstanceIds: ids})
			churn++
		case !copied && w.snapshots[snap.SnapshotId].State == SnapshotCompleted:
			if _, err := w.CopySnapshot(c, CopySnapshotInput{SourceRegion: "us-west-2", SourceSnapshotId: snap.SnapshotId}); err != nil {
				t.Fatal(err)
			}
			copied = true
		case step == 200:
			w.TerminateInstances(Caller{Region: "us-west-2"}, InstanceIDsInput{InstanceIds: west[:4]})
		}
		run(w, 7*sim.Minute)
		if step%3 != 0 {
			continue
		}
		assertEntriesAddUp(t, w.bill, fmt.Sprintf("step %d", step))
		b := w.Bill()
		for _, n := range []int{-1, 0, 1, 7, 100, 1 << 20} {
			got, gotMore := w.TopCosts(n)
			want, wantMore := TopCostsOf(b, n)
			if !reflect.DeepEqual(got, want) || gotMore != wantMore {
				t.Fatalf("step %d at %s, n=%d: TopCosts gives %d (+%d more), the bill's lines %d (+%d):\n%+v\n%+v",
					step, w.Now(), n, len(got), gotMore, len(want), wantMore, head(got), head(want))
			}
		}
	}
	if w.bill.retired == nil || len(w.bill.aggs) == 0 {
		t.Fatal("nothing was folded: the test needs retired lines")
	}
	mixed := false
	for _, e := range w.bill.res {
		mixed = mixed || e.mixed
	}
	if !copied || !mixed {
		t.Fatal("no resource was billed in two regions: the test needs the copied snapshot's")
	}
}

func head(rs []ResourceCost) []ResourceCost { return rs[:min(len(rs), 8)] }

// assertEntriesAddUp checks what each entry keeps of its lines: their
// costs summed (but for an aggregate's, summed when read) and their region.
func assertEntriesAddUp(t *testing.T, l *ledger, what string) {
	t.Helper()
	for id, e := range l.res {
		var cost Money
		e.eachLine(func(ln *line) {
			cost += ln.cost
			if ln.t.Region != e.region && !e.mixed {
				t.Fatalf("%s: %s's line in %s, its entry says only %s", what, id, ln.t.Region, e.region)
			}
		})
		if !e.agg && cost != e.cost {
			t.Fatalf("%s: %s's lines cost %s, its entry says %s", what, id, cost, e.cost)
		}
	}
}

// A resource's handle on its ledger entry (Instance.bill, Volume.bill),
// the retired queue and every open meter's owner are entries of their own
// world's ledger: a copy (World.Clone) holds none of the original's, before
// or after both go on.
func TestACopyHoldsNoLedgerEntryOfTheOriginal(t *testing.T) {
	w, err := New(Config{Seed: 5, Quotas: Quotas{VCPUs: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	churn := func(x *World, rounds int) {
		for range rounds {
			out, err := x.RunInstances(Caller{}, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 200, MaxCount: 200})
			if err != nil {
				t.Fatal(err)
			}
			run(x, 10*sim.Minute)
			x.TerminateInstances(Caller{}, InstanceIDsInput{InstanceIds: out.Created()})
			run(x, 2*sim.Hour) // long enough to be forgotten
		}
	}
	churn(w, KeepRetired/400+2)
	if len(w.bill.retired) < KeepRetired {
		t.Fatalf("%d retired: the test needs a full retired queue", len(w.bill.retired))
	}
	w.RunInstances(Caller{}, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 20, MaxCount: 20})
	run(w, 10*sim.Minute)
	c := w.Clone()
	assertOwnEntries(t, w, "the original")
	assertOwnEntries(t, c, "the copy")
	if len(w.bill.retiredAggs) == 0 {
		t.Fatal("no aggregate yet: the test needs one")
	}
	for k, ra := range w.bill.retiredAggs {
		if c.bill.retiredAggs[k] == ra {
			t.Fatalf("the copy shares the aggregate %v and its count", k)
		}
	}
	churn(w, 2)
	churn(c, 2)
	assertOwnEntries(t, w, "the original, gone on")
	assertOwnEntries(t, c, "the copy, gone on")
}

func assertOwnEntries(t *testing.T, w *World, what string) {
	t.Helper()
	own := func(id string, e *resEntry) bool { return w.bill.res[id] == e }
	for id, inst := range w.instances {
		if inst.bill != nil && !own(id, inst.bill) {
			t.Fatalf("%s: instance %s holds another ledger's entry", what, id)
		}
	}
	for id, v := range w.volumes {
		if v.bill != nil && !own(id, v.bill) {
			t.Fatalf("%s: volume %s holds another ledger's entry", what, id)
		}
	}
	for _, e := range w.bill.retired {
		if !own(e.id, e) {
			t.Fatalf("%s: retired %s is another ledger's entry", what, e.id)
		}
	}
	for i := range w.bill.open {
		if o := w.bill.open[i].owner; !own(o.id, o) {
			t.Fatalf("%s: an open meter of %s is owned by another ledger's entry", what, o.id)
		}
	}
	for k, agg := range w.bill.aggs {
		found := false
		if e := w.bill.res[k.resource]; e != nil {
			e.eachLine(func(ln *line) { found = found || ln == agg })
		}
		if !found {
			t.Fatalf("%s: the aggregate line %v is not a line of its own entry", what, k)
		}
	}
	var sum Money
	for _, ln := range w.Bill().Lines {
		sum += ln.Cost
	}
	if total := w.BillSummary().Total; sum != total {
		t.Fatalf("%s: the bill's lines add up to %s, its total is %s", what, sum, total)
	}
}

// The same charge is one template, and a charge that differs in any field
// is another, whether it is found among the last used or in the map.
func TestEveryFieldOfAChargeTellsItsTemplateApart(t *testing.T) {
	w, err := New(Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	l := w.bill
	base := lineTmpl{Account: "111122223333", Region: "us-east-1", Category: CatCompute, Component: "t3.micro Linux On-Demand",
		Unit: Hours, Rate: 10_400, Approximate: false, Source: "S1"}
	vary := []func(*lineTmpl){
		func(x *lineTmpl) { x.Account = "444455556666" },
		func(x *lineTmpl) { x.Region = "us-west-2" },
		func(x *lineTmpl) { x.Category = CatMarketplace },
		func(x *lineTmpl) { x.Component = "t3.small Linux On-Demand" },
		func(x *lineTmpl) { x.Unit = GiBMonths },
		func(x *lineTmpl) { x.Rate++ },
		func(x *lineTmpl) { x.Approximate = true },
		func(x *lineTmpl) { x.Source = "S2" },
	}
	if n := reflect.TypeFor[lineTmpl]().NumField(); n != len(vary) {
		t.Fatalf("lineTmpl has %d fields, the test varies %d", n, len(vary))
	}
	first := l.intern(base)
	for i, f := range vary {
		other := base
		f(&other)
		p := l.intern(other)
		if p == first || *p != other {
			t.Errorf("field %d: a charge that differs got the template %+v", i, *p)
		}
		if l.intern(base) != first { // just used: from the last used
			t.Errorf("field %d: the same charge got another template", i)
		}
	}
	for range len(l.recent) + 1 { // push base out of the last used
		for _, f := range vary {
			other := base
			f(&other)
			l.intern(other)
		}
	}
	if l.intern(base) != first {
		t.Error("the same charge got another template from the map")
	}
}

// With the free tier on, a gone resource's lines that draw on it are not
// folded: the allowance is shared out line by line, so each keeps its own.
func TestFreeTierLinesAreNotFolded(t *testing.T) {
	w, err := New(Config{Seed: 7, FreeTier: true})
	if err != nil {
		t.Fatal(err)
	}
	out, err := w.RunInstances(Caller{}, RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro", MinCount: 1, MaxCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	run(w, sim.Hour)
	w.TerminateInstances(Caller{}, InstanceIDsInput{InstanceIds: out.Created()})
	run(w, 3*sim.Hour) // forgotten: retired
	e := w.bill.res[out.Created()[0]]
	if e == nil || !e.gone || e.nLines == 0 {
		t.Fatalf("the test needs a retired instance with lines: %+v", e)
	}
	if w.bill.fold(e) || w.bill.res[e.id] != e || len(w.bill.aggs) != 0 {
		t.Error("a gone instance whose hours draw on the free tier was folded")
	}
}

// A resource is retired once, however often it is said to be gone: a
// second retirement would fold its lines into the aggregates twice.
func TestAResourceIsRetiredOnce(t *testing.T) {
	w, err := New(Config{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := w.CreateVolume(Caller{}, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 8})
	run(w, sim.Hour)
	e := w.bill.res[v.VolumeId]
	w.bill.closeWhere(e, nil)
	w.forget(e)
	w.forget(e)
	if n := len(w.bill.retired); n != 1 {
		t.Errorf("retired twice, the queue holds %d entries", n)
	}
}

// A resource gone for good leaves the ledger once KeepRetired others have
// gone after it, even if it never billed a line: a snapshot of an empty
// volume stores nothing, and a nightly one must not stay for good.
func TestAResourceThatNeverBilledLeavesTheLedgerToo(t *testing.T) {
	w, err := New(Config{Seed: 6, Quotas: Quotas{VCPUs: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	c := Caller{}
	vol, _ := w.CreateVolume(c, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1})
	run(w, sim.Minute)
	snap, err := w.CreateSnapshot(c, CreateSnapshotInput{VolumeId: vol.VolumeId})
	if err != nil {
		t.Fatal(err)
	}
	run(w, 10*sim.Minute)
	w.Name("empty", snap.SnapshotId)
	if err := w.DeleteSnapshot(c, SnapshotIDInput{SnapshotId: snap.SnapshotId}); err != nil {
		t.Fatal(err)
	}
	e := w.bill.res[snap.SnapshotId]
	if e == nil || e.nLines != 0 {
		t.Fatalf("the test needs a snapshot the ledger saw and that billed no line: %+v", e)
	}
	for range KeepRetired/400 + 2 { // 400 resources gone a round
		out, err := w.RunInstances(c, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 200, MaxCount: 200})
		if err != nil {
			t.Fatal(err)
		}
		run(w, 10*sim.Minute)
		w.TerminateInstances(c, InstanceIDsInput{InstanceIds: out.Created()})
		run(w, 2*sim.Hour)
	}
	if w.bill.res[snap.SnapshotId] != nil || w.NameOf(snap.SnapshotId) != "" {
		t.Error("the empty snapshot's entry or name stayed after KeepRetired others were gone")
	}
}

// A line's free share worked out from its own allowance alone
// (freeShareNow, which settling a meter uses) is the share the whole bill's
// sharing out gives it (freeShares on a copy accrued to now), for every
// line and every meter's line at every step of a run with two accounts,
// instances that start, stop and terminate at different times, Spot hours
// held back, volumes, snapshots and public addresses, across a month's end;
// and each allowance's settled total is the sum of its settled shares.
func TestAFreeShareWorkedOutAloneIsTheBillsShare(t *testing.T) {
	w, err := New(Config{Seed: 8, FreeTier: true, Start: time.Date(2026, time.January, 30, 12, 0, 0, 0, time.UTC),
		Accounts: []Account{{ID: "111122223333", Name: "student"}, {ID: "444455556666", Name: "other"}}})
	if err != nil {
		t.Fatal(err)
	}
	l := w.bill
	you, other := Caller{}, Caller{Account: "other"}
	launch := func(c Caller, n int, spot bool) []string {
		in := RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro", MinCount: n, MaxCount: n}
		if spot {
			in.InstanceMarketOptions = &InstanceMarketOptions{MarketType: "spot"}
		}
		out, err := w.RunInstances(c, in)
		if err != nil {
			t.Fatal(err)
		}
		return out.Created()
	}
	var ids []string
	checked := 0
	for step := 0; step < 160; step++ {
		switch step % 12 {
		case 0:
			ids = append(ids, launch(you, 5, false)...)
		case 2:
			launch(other, 4, step%24 == 2)
		case 4:
			w.CreateVolume(you, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 12})
		case 6:
			if len(ids) > 2 {
				w.StopInstances(you, StopInstancesInput{InstanceIds: ids[len(ids)-2:]})
			}
		case 8:
			if len(ids) > 4 {
				// Not the oldest: lines that appeared earlier go on, and
				// some of those closing lack part of their hours.
				w.StartInstances(you, InstanceIDsInput{InstanceIds: ids[len(ids)-2:]})
				w.TerminateInstances(you, InstanceIDsInput{InstanceIds: ids[1:3]})
				ids = append(ids[:1], ids[3:]...)
			}
		case 10:
			if len(ids) > 0 {
				root := w.instances[ids[0]].BlockDevices[0].VolumeID
				w.CreateSnapshot(you, CreateSnapshotInput{VolumeId: root})
			}
		}
		run(w, sim.Time(37+(step+2)%4*40)*sim.Minute) // a Spot launch is checked within its held first hour
		checked += assertFreeSharesAlone(t, w, fmt.Sprintf("step %d", step))
	}
	if checked < 500 || len(l.settled) == 0 {
		t.Fatalf("only %d shares checked, %d settled: the run needs more free-tier lines", checked, len(l.settled))
	}
}

// The same, where a past month's allowances run out: instances, volumes
// and a snapshot from late January, some stopped, started, terminated and
// deleted in February, so that shares of January's lines, some of them
// partial, are settled in February.
func TestAPastMonthsPartialFreeShareIsTheBillsShare(t *testing.T) {
	ref := pastMonthFreeRun(t, true)
	got := pastMonthFreeRun(t, false)
	for i := range ref {
		if !maps.Equal(got[i], ref[i]) {
			t.Fatalf("step %d: settled shares %v, settled from the whole bill %v", i, got[i], ref[i])
		}
	}
}

// pastMonthFreeRun is the run of TestAPastMonthsPartialFreeShareIsTheBillsShare,
// settling free shares from the whole bill or not, and its settled shares
// after each step.
func pastMonthFreeRun(t *testing.T, wholeBill bool) []map[lineKey]int64 {
	w, err := New(Config{Seed: 9, FreeTier: true, Start: time.Date(2026, time.January, 24, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	w.bill.wholeBillSettle = wholeBill
	var settled []map[lineKey]int64
	c := Caller{}
	out, err := w.RunInstances(c, RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro", MinCount: 6, MaxCount: 6})
	if err != nil {
		t.Fatal(err)
	}
	ids := out.Created()
	var vols []string
	for range 3 {
		v, _ := w.CreateVolume(c, CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 25, VolumeType: "gp2"})
		vols = append(vols, v.VolumeId)
	}
	run(w, 10*sim.Minute)
	root := w.instances[ids[0]].BlockDevices[0].VolumeID
	if err := w.WriteData(c, WriteDataInput{InstanceId: ids[0], GiB: 5}); err != nil {
		t.Fatal(err)
	}
	snap, err := w.CreateSnapshot(c, CreateSnapshotInput{VolumeId: root})
	if err != nil {
		t.Fatal(err)
	}
	for step := range 60 {
		switch step {
		case 30: // about February 2
			w.StopInstances(c, StopInstancesInput{InstanceIds: ids[2:4]})
			w.DeleteVolume(c, VolumeIDInput{VolumeId: vols[1]})
		case 40:
			w.TerminateInstances(c, InstanceIDsInput{InstanceIds: ids[4:5]})
			w.DeleteSnapshot(c, SnapshotIDInput{SnapshotId: snap.SnapshotId})
		case 45:
			w.StartInstances(c, InstanceIDsInput{InstanceIds: ids[2:3]})
		case 50:
			w.TerminateInstances(c, InstanceIDsInput{InstanceIds: ids[1:2]})
			w.DeleteVolume(c, VolumeIDInput{VolumeId: vols[2]})
		}
		run(w, 7*sim.Hour+13*sim.Minute)
		assertFreeSharesAlone(t, w, fmt.Sprintf("step %d", step))
		settled = append(settled, maps.Clone(w.bill.settled))
	}
	partial := 0
	for k, n := range w.bill.settled {
		if ln := w.bill.res[k.resource].find(k.component, k.month); k.month == "2026-01" && n < ln.qty {
			partial++
		}
	}
	if partial == 0 {
		t.Fatal("no January line was settled with part of its quantity: the test needs one")
	}
	return settled
}

// assertFreeSharesAlone checks that every free-tier line's share worked
// out alone (freeShareNow) is the one freeShares gives the whole bill now,
// and that each allowance's settled total is the sum of its settled
// shares. It returns how many shares it checked.
func assertFreeSharesAlone(t *testing.T, w *World, what string) int {
	t.Helper()
	l := w.bill
	want := l.atNow().freeShares()
	keys := map[lineKey]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range l.freeKind {
		keys[k] = true
	}
	for k := range keys {
		if got := l.freeShareNow(k); got != want[k] {
			t.Fatalf("%s at %s: %v's free share alone %d, the bill's %d", what, w.Now(), k, got, want[k])
		}
	}
	sums := map[freeKey]int64{}
	for k, n := range l.settled {
		fk, _ := l.freeLineOf(k)
		sums[fk] += n
	}
	for fk, n := range l.freeUsed {
		if sums[fk] != n {
			t.Fatalf("%s: %v's settled shares sum to %d, freeUsed says %d", what, fk, sums[fk], n)
		}
	}
	assertStatementLines(t, l, what)
	assertStatementLines(t, w.Clone().bill, what+", a copy")
	if s, b := w.BillSummary(), w.Bill(); s.Total != b.Total || !maps.Equal(s.ByCategory, b.ByCategory()) {
		t.Fatalf("%s: the summary says %s %v, the bill %s %v", what, s.Total, s.ByCategory, b.Total, b.ByCategory())
	}
	return len(keys)
}

// statementOf is the bill now as a copy of the ledger works it out, the
// reference statementLines is held to: every open meter accrued into the
// copy as if it closed now (atNow), then each line's free share
// (freeShares) split off it, into free. A line the free tier covers whole
// leaves the copy's lines.
func statementOf(l *ledger) (c *ledger, free map[lineKey]*Line) {
	c = l.atNow()
	if !c.freeTier {
		return c, nil
	}
	free = map[lineKey]*Line{}
	for k, n := range c.freeShares() { // every share is positive
		ln := c.lines[k]
		fl := c.splitFree(ln, n)
		free[k] = &fl
		if ln.Qty == 0 {
			delete(c.lines, k)
		}
	}
	return c, free
}

// assertStatementLines checks the bill's lines with the free tier split off
// as statementLines works them out, and their resources' appearances,
// against statementOf's copy of the ledger: the same lines, field for field.
func assertStatementLines(t *testing.T, l *ledger, what string) {
	t.Helper()
	st, free := statementOf(l)
	var want []string
	for _, m := range []map[lineKey]*Line{st.lines, free} {
		for _, ln := range m {
			want = append(want, fmt.Sprintf("%+v seen %d", *ln, st.seenAt(ln.Resource)))
		}
	}
	lines, seen := l.statementLines()
	got := make([]string, len(lines))
	for i, ln := range lines {
		got[i] = fmt.Sprintf("%+v seen %d", ln, seen[i])
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: statementLines has %d lines, the statement %d:\n%s\n---\n%s", what, len(got), len(want), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A bill names the lines that fold retired resources by how many they
// fold, as it names another resource by its scenario name, and so does
// TopCosts.
func TestRetiredLinesAreNamedByHowManyTheyFold(t *testing.T) {
	w, err := New(Config{Seed: 10, Quotas: Quotas{VCPUs: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	var made []string
	for range KeepRetired/400 + 3 {
		out, err := w.RunInstances(Caller{}, RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 200, MaxCount: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range out.Created() {
			made = append(made, id, w.instances[id].BlockDevices[0].VolumeID)
		}
		run(w, 10*sim.Minute)
		w.TerminateInstances(Caller{}, InstanceIDsInput{InstanceIds: out.Created()})
		run(w, 2*sim.Hour)
	}
	folded := 0
	for _, id := range made {
		if w.bill.res[id] == nil {
			folded++
		}
	}
	want := fmt.Sprintf("%d resources gone for good", folded)
	agg := RetiredResource + "/" + DefaultAccountID + "/us-east-1"
	seen := false
	for _, ln := range w.Bill().Lines {
		if ln.Resource == agg {
			seen = true
			if ln.Name != want {
				t.Errorf("an aggregate line is named %q, want %q", ln.Name, want)
			}
		}
	}
	top, _ := w.TopCosts(1000)
	for _, rc := range top {
		if rc.Resource == agg && rc.Name != want {
			t.Errorf("TopCosts names the aggregate %q, want %q", rc.Name, want)
		}
	}
	if !seen || folded == 0 {
		t.Fatalf("nothing was folded (%d): the test needs retired lines", folded)
	}
}
