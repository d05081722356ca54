package model

import (
	"slices"
	"testing"

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
	n := 0
	w.bill.eachOpen(func(*meter) { n++ })
	if n != 0 || len(w.bill.open) != 0 {
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
