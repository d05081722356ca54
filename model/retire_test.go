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
	w, err := model.New(model.Config{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	c := model.Caller{}
	advance := advancer(w)
	var before model.Money
	n := model.KeepRetired + 300
	for i := range n {
		out, err := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1 + i%50, VolumeType: "gp3"})
		if err != nil {
			t.Fatal(err)
		}
		advance(10 * sim.Minute)
		if _, err := w.DeleteVolume(c, model.VolumeIDInput{VolumeId: out.VolumeId}); err != nil {
			t.Fatal(err)
		}
		advance(sim.Minute)
		total := w.BillSummary().Total
		if total < before {
			t.Fatalf("volume %d: the bill fell from %s to %s", i, before, total)
		}
		before = total
	}
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
	w, err := model.New(model.Config{Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	c := model.Caller{}
	advance := advancer(w)
	var ids []string
	for i := range model.KeepRetired + 2 {
		out, err := w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1, VolumeType: "gp3"})
		if err != nil {
			t.Fatal(err)
		}
		w.Name(fmt.Sprintf("vol%d", i), out.VolumeId)
		ids = append(ids, out.VolumeId)
		advance(sim.Minute)
		if _, err := w.DeleteVolume(c, model.VolumeIDInput{VolumeId: out.VolumeId}); err != nil {
			t.Fatal(err)
		}
		advance(sim.Minute)
	}
	if got := w.NameOf(ids[0]); got != "" {
		t.Errorf("the oldest gone volume, whose lines are folded, is still named %q", got)
	}
	if got, want := w.NameOf(ids[len(ids)-1]), fmt.Sprintf("vol%d", len(ids)-1); got != want {
		t.Errorf("the newest gone volume, whose lines are kept, is named %q, want %q", got, want)
	}
}
