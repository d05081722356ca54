package model

import (
	"fmt"
	"slices"
)

// rate is one price a meter charges, with where it came from.
type rate struct {
	usd    Money
	approx bool // no dated source confirms it, or a region factor derived it
	source string
}

// priceBook answers what each thing the ledger meters costs. It reads the
// catalogue only (scenario overrides are already in it: see
// Catalog.SetPrice), so it never changes during a run. A region the
// catalogue does not price directly is priced at us-east-1's rate times the
// region's price factor, and the line says so.
type priceBook struct {
	cat  *Catalog
	p    *Prices
	memo *priceMemo // nil: nothing remembered
}

// priceMemo remembers the rates a price book has worked out, since they
// never change during a run and a fleet launches thousands of instances and
// volumes of a few kinds: a lookup then neither scans the catalogue nor
// builds a source text again. Each world has its own (see fresh), so worlds
// stay independent.
type priceMemo struct {
	compute map[computeKey]rate
	ebs     map[string]ebsRates // by region
	texts   map[textKey]string  // compute line texts, shared by every line that shows one
}

// ebsRates is what ebs answers for a region.
type ebsRates struct {
	e       EBSPrices
	derived bool
	own     map[string]rate // read-only once remembered
}

// textKey is what a compute line's text says: type, platform, market.
type textKey struct{ typ, platform, market string }

// computeText is a compute line's text, "t3.micro Linux On-Demand".
func (b priceBook) computeText(typ, platform, market string) string {
	if b.memo == nil {
		return typ + " " + platformTitle[platform] + " " + market
	}
	k := textKey{typ, platform, market}
	s, ok := b.memo.texts[k]
	if !ok {
		s = typ + " " + platformTitle[platform] + " " + market
		b.memo.texts[k] = s
	}
	return s
}

// computeKey is everything about an instance its compute rate depends on.
type computeKey struct {
	typ, region, platform string
	spot                  bool
	tenancy               string
}

func newPriceBook(cat *Catalog) priceBook {
	return priceBook{cat: cat, p: &cat.Prices}.fresh()
}

// fresh returns the price book with an empty memo of its own, for a new or
// copied world.
func (b priceBook) fresh() priceBook {
	b.memo = &priceMemo{compute: map[computeKey]rate{}, ebs: map[string]ebsRates{}, texts: map[textKey]string{}}
	return b
}

// regionFactor is a region's price factor against us-east-1, and whether it
// is approximate. An unknown region is priced as us-east-1, approximately.
func (b priceBook) regionFactor(region string) (Factor, bool) {
	r, ok := b.cat.Region(region)
	if !ok {
		return One, true
	}
	return r.factor, r.Approximate
}

// compute is the per-hour price of an instance: On-Demand Linux for its
// type and region, plus the platform's licence fee, times the Spot factor
// for Spot instances.
func (b priceBook) compute(inst *Instance) rate {
	if b.memo == nil {
		return b.workOutCompute(inst)
	}
	k := computeKey{inst.Type, inst.Region, inst.Platform, inst.Spot, inst.Tenancy}
	r, ok := b.memo.compute[k]
	if !ok {
		r = b.workOutCompute(inst)
		b.memo.compute[k] = r
	}
	return r
}

// workOutCompute is compute without the memo.
func (b priceBook) workOutCompute(inst *Instance) rate {
	var r rate
	found := false
	for _, e := range b.p.Compute { // the last entry wins, as SetPrice appends
		if e.Type == inst.Type && e.Region == inst.Region {
			r, found = rate{e.USD, e.Approximate, e.Source}, true
		}
	}
	if !found {
		for _, e := range b.p.Compute {
			if e.Type == inst.Type && e.Region == "us-east-1" {
				f, approx := b.regionFactor(inst.Region)
				r = rate{e.USD.Scale(f), e.Approximate || approx, e.Source + fmt.Sprintf(" × %s region factor", f)}
			}
		}
	}
	t, _ := b.cat.InstanceType(inst.Type)
	if lic, ok := b.windowsLicence(inst); ok {
		f, _ := b.regionFactor(inst.Region)
		r.usd += lic.USD.Scale(f)
		r.approx = r.approx || lic.Approximate
	} else {
		r = b.platformFee(r, inst, t)
	}
	if inst.Tenancy == TenancyDedicated { // purchasing.go
		r.usd = r.usd.Scale(b.p.Purchasing.dedicated)
		r.approx = r.approx || b.p.Purchasing.DedicatedFactor.Approximate
		r.source += " × dedicated factor (" + b.p.Purchasing.DedicatedFactor.Source + ")"
	}
	if inst.Spot {
		r.usd = r.usd.Scale(b.cat.spot)
		r.approx = true
	}
	return r
}

// windowsLicence is the per-type Windows licence fee, where the catalogue
// lists one.
func (b priceBook) windowsLicence(inst *Instance) (Priced, bool) {
	if inst.Platform != "windows" {
		return Priced{}, false
	}
	for _, e := range b.p.WindowsLicence {
		if e.Type == inst.Type {
			return e.Priced, true
		}
	}
	return Priced{}, false
}

// platformFee adds the platform's per-vCPU licence fee to a Linux rate.
func (b priceBook) platformFee(r rate, inst *Instance, t *InstanceTypeInfo) rate {
	for _, fee := range b.p.PlatformFees {
		if fee.Platform == inst.Platform {
			per := fee.Other
			if t.Burstable {
				per = fee.Burstable
			}
			f, _ := b.regionFactor(inst.Region)
			r.usd += (per * Money(t.VCPU)).Scale(f)
			r.approx = r.approx || fee.Approximate
		}
	}
	return r
}

// hourly reports whether a platform is billed in whole hours (SUSE) rather
// than per second.
func (b priceBook) hourly(platform string) bool {
	return slices.Contains(b.p.HourlyPlatforms, platform)
}

// instanceAllowance is the free-tier allowance an instance's hours may draw
// on: On-Demand Linux, Ubuntu or Windows on a free-tier type.
func (b priceBook) instanceAllowance(inst *Instance) allowance {
	t, _ := b.cat.InstanceType(inst.Type)
	if !t.FreeTier || inst.Spot {
		return noAllowance
	}
	if inst.Platform == "windows" {
		return windowsHours
	}
	if slices.Contains(b.p.FreeTier.Platforms, inst.Platform) {
		return linuxHours
	}
	return noAllowance
}

// regionalItem is an item's own price in a region, if the catalogue lists
// one (the last entry wins).
func (b priceBook) regionalItem(region, item string) (Priced, bool) {
	var p Priced
	found := false
	for _, e := range b.p.Regional {
		if e.Region == region && e.Item == item {
			p, found = e.Priced, true
		}
	}
	return p, found
}

// item is a us-east-1 price in a region: the region's own price of the
// item if listed, else by the region's factor.
func (b priceBook) item(p Priced, region, item string) rate {
	if own, ok := b.regionalItem(region, item); ok {
		return rate{own.USD, own.Approximate, own.Source}
	}
	return b.regional(p, region)
}

// snapshotRate is a region's standard or archive snapshot storage rate.
func (b priceBook) snapshotRate(archive bool, region string) rate {
	if archive {
		return b.item(b.p.Snapshot.Archive, region, "snapshot_archive")
	}
	return b.item(b.p.Snapshot.Standard, region, "snapshot")
}

// transferRate is the price per GiB of data sent from a region to another.
func (b priceBook) transferRate(from string) rate { return b.item(b.p.Transfer, from, "transfer") }

// ebs is a region's EBS rates, and whether they are derived by the region's
// factor from the first region listed. A region without its own full entry
// takes the items the regional list gives it (ownItems says which), and the
// rest by its factor.
func (b priceBook) ebs(region string) (e EBSPrices, derived bool, ownItems map[string]rate) {
	if b.memo == nil {
		return b.workOutEBS(region)
	}
	r, ok := b.memo.ebs[region]
	if !ok {
		r.e, r.derived, r.own = b.workOutEBS(region)
		b.memo.ebs[region] = r
	}
	return r.e, r.derived, r.own
}

// workOutEBS is ebs without the memo.
func (b priceBook) workOutEBS(region string) (e EBSPrices, derived bool, ownItems map[string]rate) {
	for _, e := range b.p.EBS {
		if e.Region == region {
			return e, false, nil
		}
	}
	e, derived = b.derivedEBS(region)
	items := map[string]*Money{"gp3": &e.GP3, "gp3_iops": &e.GP3IOPS, "gp3_throughput": &e.GP3Throughput, "gp2": &e.GP2,
		"io1": &e.IO1, "io1_iops": &e.IO1IOPS, "io2": &e.IO2, "st1": &e.ST1, "sc1": &e.SC1, "standard": &e.Standard}
	for _, r := range b.p.Regional {
		if p, ok := items[r.Item]; ok && r.Region == region {
			*p = r.USD
			if ownItems == nil {
				ownItems = map[string]rate{}
			}
			ownItems[r.Item] = rate{r.USD, r.Approximate, r.Source}
		}
	}
	return e, derived, ownItems
}

// derivedEBS is the first EBS entry's rates times a region's factor.
func (b priceBook) derivedEBS(region string) (EBSPrices, bool) {
	base := b.p.EBS[0]
	f, _ := b.regionFactor(region)
	s := func(m Money) Money { return m.Scale(f) }
	e := EBSPrices{Region: region, Source: base.Source + " × region factor " + f.String(),
		GP3: s(base.GP3), GP3IOPS: s(base.GP3IOPS), GP3Throughput: s(base.GP3Throughput), GP2: s(base.GP2),
		IO1: s(base.IO1), IO1IOPS: s(base.IO1IOPS), IO2: s(base.IO2), ST1: s(base.ST1), SC1: s(base.SC1), Standard: s(base.Standard)}
	for _, t := range base.IO2IOPS {
		e.IO2IOPS = append(e.IO2IOPS, s(t))
	}
	return e, true
}

// regional is a us-east-1 price in a region, by the region's factor.
func (b priceBook) regional(p Priced, region string) rate {
	f, approx := b.regionFactor(region)
	if region == "us-east-1" {
		return rate{p.USD, p.Approximate, p.Source}
	}
	return rate{p.USD.Scale(f), p.Approximate || approx, p.Source + " × region factor " + f.String()}
}

// storage is the per-GiB-month storage rate of a volume type (0 for a
// type the catalogue does not price).
func (e EBSPrices) storage(volumeType string) Money {
	switch volumeType {
	case "gp3":
		return e.GP3
	case "gp2":
		return e.GP2
	case "io1":
		return e.IO1
	case "io2":
		return e.IO2
	case "st1":
		return e.ST1
	case "sc1":
		return e.SC1
	case "standard":
		return e.Standard
	}
	return 0
}

// volumeStorageTexts are the storage lines' texts, written once.
var volumeStorageTexts = map[string]string{"gp3": "gp3 storage", "gp2": "gp2 storage", "io1": "io1 storage", "io2": "io2 storage",
	"st1": "st1 storage", "sc1": "sc1 storage", "standard": "standard storage"}

// volumeStorageText is a volume's storage line text, "gp3 storage".
func volumeStorageText(volumeType string) string {
	if s, ok := volumeStorageTexts[volumeType]; ok {
		return s
	}
	return volumeType + " storage"
}
