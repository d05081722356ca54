package model

import (
	"reflect"
	"testing"
)

// The price book remembers the rates it has worked out (a fleet launches
// thousands of identical instances); a remembered rate must be exactly the
// one the catalogue gives, for directly priced and factor-derived regions,
// every platform and Spot, and EBS rates the same; a copied world's book
// must not share the memo.
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
	}
	if len(b.memo.compute) != 3*3*2 {
		t.Errorf("memo holds %d compute rates, want 18", len(b.memo.compute))
	}
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-south-1", "af-south-1"} {
		we, wd, wo := b.workOutEBS(region)
		for range 2 {
			if e, d, o := b.ebs(region); !reflect.DeepEqual(e, we) || d != wd || !reflect.DeepEqual(o, wo) {
				t.Errorf("ebs(%s) = %+v %t %v, want %+v %t %v", region, e, d, o, we, wd, wo)
			}
		}
	}
	if c := b.fresh(); c.memo == b.memo || len(c.memo.compute) != 0 || len(c.memo.ebs) != 0 {
		t.Error("a fresh price book shares its memo")
	}
}
