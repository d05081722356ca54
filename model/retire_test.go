package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// A fleet's bill stays bounded: past KeepRetired gone resources, the oldest
// are folded into aggregate lines, and the total does not move by a cent.
func TestGoneResourcesFoldWithoutChangingTheBill(t *testing.T) {
	w := churnWorld(t)
	var before model.Money
	churnVolumes(t, w, model.KeepRetired+300, func(i int) int { return 1 + i%50 }, 10*sim.Minute, sim.Minute, nil, func(i int) {
		total := w.BillSummary().Total
		if total < before {
			t.Fatalf("volume %d: the bill fell from %s to %s", i, before, total)
		}
		before = total
	})
	b := w.Bill()
	var sum model.Money
	perVolume, folded := 0, 0
	for _, l := range b.Lines {
		sum += l.Cost
		if strings.HasPrefix(l.Resource, model.RetiredResource) {
			folded++
		} else {
			perVolume++
		}
	}
	if sum != b.Total {
		t.Fatalf("lines sum to %s, total %s", sum, b.Total)
	}
	if folded == 0 || perVolume > model.KeepRetired+10 {
		t.Fatalf("%d lines of their own, %d folded: the bill grows with every volume ever made", perVolume, folded)
	}
}

// A gone resource's scenario name lasts as long as a line of its own does:
// once the bill folds its lines away, the world forgets the name.
func TestFoldedResourcesLoseTheirNames(t *testing.T) {
	w := churnWorld(t)
	var ids []string
	churnVolumes(t, w, model.KeepRetired+2, func(int) int { return 1 }, sim.Minute, sim.Minute, func(i int, id string) {
		w.Name(fmt.Sprintf("vol%d", i), id)
		ids = append(ids, id)
	}, nil)
	if got := w.NameOf(ids[0]); got != "" {
		t.Errorf("the oldest gone volume, whose lines are folded, is still named %q", got)
	}
	if got, want := w.NameOf(ids[len(ids)-1]), fmt.Sprintf("vol%d", len(ids)-1); got != want {
		t.Errorf("the newest gone volume, whose lines are kept, is named %q, want %q", got, want)
	}
}

// An instance and its root volume keep their first scenario names while
// they exist, and after they are gone (an hour after termination for the
// instance) for as long as their lines do: the bill and a copy of the
// world still call them by those names, until the lines fold.
func TestGoneInstancesKeepTheirNamesUntilTheirLinesFold(t *testing.T) {
	w := churnWorld(t)
	c, advance := model.Caller{}, advancer(w)
	out, err := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 1, MaxCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := out.Created()[0]
	inst, _ := w.Instance(id)
	vol := inst.BlockDevices[0].VolumeID
	w.Name("web", id)
	w.Name("web.root", vol)
	w.Name("second", id, vol) // a resource keeps its first name
	named := func(w *model.World, when string, wantInst, wantVol string) {
		t.Helper()
		if got := w.NameOf(id); got != wantInst {
			t.Errorf("%s: the instance is named %q, want %q", when, got, wantInst)
		}
		if got := w.NameOf(vol); got != wantVol {
			t.Errorf("%s: its root volume is named %q, want %q", when, got, wantVol)
		}
	}
	named(w, "running", "web", "web.root")
	advance(10 * sim.Minute)
	if _, err := w.TerminateInstances(c, model.InstanceIDsInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	advance(2 * sim.Hour)
	if _, ok := w.Instance(id); ok {
		t.Fatalf("%s is still listed two hours after termination", id)
	}
	named(w, "gone", "web", "web.root")
	named(w.Clone(), "gone, in a copy", "web", "web.root")
	billed := map[string]string{}
	for _, l := range w.Bill().Lines {
		billed[l.Resource] = l.Name
	}
	if billed[id] != "web" || billed[vol] != "web.root" {
		t.Errorf("the bill calls them %q and %q, want web and web.root", billed[id], billed[vol])
	}
	churnVolumes(t, w, model.KeepRetired, func(int) int { return 1 }, sim.Minute, sim.Minute, nil, nil)
	named(w, "folded", "", "")
	named(w.Clone(), "folded, in a copy", "", "")
}

// Folding keeps each month's cost in its month: once a month is over, what
// the bill says it cost never changes, however many of its resources, and
// of later months', fold into the aggregates afterwards. Volumes come and
// go hourly for eight months, so the folded ones span three.
func TestFoldingKeepsEachMonthsCostInItsMonth(t *testing.T) {
	w := churnWorld(t)
	byMonth := func() map[string]model.Money {
		m := map[string]model.Money{}
		for _, l := range w.Bill().Lines {
			m[l.Month] += l.Cost
		}
		return m
	}
	closed := map[string]model.Money{} // each month's cost when it ended
	month := func() string { return w.Clock().At(w.Now()).Format("2006-01") }
	cur := month()
	churnVolumes(t, w, model.KeepRetired+1600, func(int) int { return 100 }, 10*sim.Minute, 50*sim.Minute, func(int, string) {
		if m := month(); m != cur {
			closed[cur], cur = byMonth()[cur], m
		}
	}, nil)
	folded := map[string]bool{}
	for _, l := range w.Bill().Lines {
		if strings.HasPrefix(l.Resource, model.RetiredResource) {
			folded[l.Month] = true
		}
	}
	now := byMonth()
	for m, was := range closed {
		if now[m] != was {
			t.Errorf("%s cost %s when it ended and %s after folding", m, was, now[m])
		}
	}
	if len(folded) < 3 || len(closed) < 7 {
		t.Errorf("folded lines in %d months, %d months ended: want them in 3 or more, of 7 or more", len(folded), len(closed))
	}
}

// churnWorld is the one-account world the folding tests churn volumes in.
func churnWorld(t *testing.T) *model.World {
	t.Helper()
	w, err := model.New(model.Config{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// churnVolumes makes n gp3 volumes in us-east-1a one after another: volume
// i has size(i) GiB, is kept for life and is followed by gap. made (if not
// nil) is called as each is created, gone (if not nil) once it is deleted
// and the gap has passed.
func churnVolumes(t *testing.T, w *model.World, n int, size func(i int) int, life, gap sim.Time, made func(i int, id string), gone func(i int)) {
	t.Helper()
	c, advance := model.Caller{}, advancer(w)
	for i := range n {
		out, err := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: size(i), VolumeType: "gp3"})
		if err != nil {
			t.Fatal(err)
		}
		if made != nil {
			made(i, out.VolumeId)
		}
		advance(life)
		if _, err := w.DeleteVolume(c, model.VolumeIDInput{VolumeId: out.VolumeId}); err != nil {
			t.Fatal(err)
		}
		advance(gap)
		if gone != nil {
			gone(i)
		}
	}
}
