package model

import (
	"slices"
	"testing"
)

// The price book remembers the rates it has worked out (a fleet launches
// thousands of identical instances); a remembered rate must be exactly the
// one the catalogue gives, for directly priced and factor-derived regions,
// every platform and Spot, and a copied world's book must not share the memo.
func TestRememberedRatesAreTheCataloguesRates(t *testing.T) {
	cat := DefaultCatalog()
	b := newPriceBook(cat)
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-south-1"} {
		for _, platform := range []string{"linux", "windows", "suse"} {
			for _, spot := range []bool{false, true} {
				inst := &Instance{Type: "t3.micro", Region: region, Platform: platform, Spot: spot}
				want := b.workOutCompute(inst)
				for range 2 { // the first call remembers, the second reads back
					if got := b.compute(inst); got != want {
						t.Errorf("compute(%s %s spot=%t) = %+v, want %+v", region, platform, spot, got, want)
					}
				}
			}
		}
		wantP, wantDerived := b.workOutEBS(region)
		for range 2 {
			p, derived := b.ebs(region)
			if derived != wantDerived || p.GP3 != wantP.GP3 || p.Source != wantP.Source || !slices.Equal(p.IO2IOPS, wantP.IO2IOPS) {
				t.Errorf("ebs(%s) = %+v, %t; want %+v, %t", region, p, derived, wantP, wantDerived)
			}
		}
	}
	if len(b.memo.compute) != 3*3*2 || len(b.memo.ebs) != 3 {
		t.Errorf("memo holds %d compute and %d EBS rates, want 18 and 3", len(b.memo.compute), len(b.memo.ebs))
	}
	if c := b.fresh(); c.memo == b.memo || len(c.memo.compute) != 0 {
		t.Error("a fresh price book shares its memo")
	}
}
