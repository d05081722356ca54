package model

import (
	"fmt"
	"testing"
)

// An instance's private address, cut from its zone's written-out subnet, is
// host h of the zone's /20 (172.31.16n.0/20), for every host a launch can
// be given and in every zone of the largest region; after the last host
// the addresses start again.
func TestPrivateAddressesAreTheZoneSubnetsHosts(t *testing.T) {
	w, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	var r *RegionInfo
	for i := range w.cat.Regions {
		if x := &w.cat.Regions[i]; r == nil || len(x.AZs) > len(r.AZs) {
			r = x
		}
	}
	for n, az := range r.AZs {
		for seq := range int64(defaultSubnetIPs) {
			h := 4 + int(seq)
			want := fmt.Sprintf("172.31.%d.%d", 16*n+h/256, h%256)
			if got := w.privateIP(r, az, seq); got != want {
				t.Fatalf("zone %s, sequence %d: address %s, want %s", az, seq, got, want)
			}
		}
		if got, want := w.privateIP(r, az, defaultSubnetIPs), w.privateIP(r, az, 0); got != want {
			t.Errorf("zone %s: after the subnet's last host the addresses start again at %s, got %s", az, want, got)
		}
	}
}
