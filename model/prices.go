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
	ebs     map[string]ebsRates
}

// computeKey is everything about an instance its compute rate depends on.
type computeKey struct {
	typ, region, platform string
	spot                  bool
}

type ebsRates struct {
	p       EBSPrices // shared: callers must not modify IO2IOPS
	derived bool
}

func newPriceBook(cat *Catalog) priceBook {
	return priceBook{cat: cat, p: &cat.Prices}.fresh()
}

// fresh returns the price book with an empty memo of its own, for a new or
// copied world.
func (b priceBook) fresh() priceBook {
	b.memo = &priceMemo{compute: map[computeKey]rate{}, ebs: map[string]ebsRates{}}
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
	k := computeKey{inst.Type, inst.Region, inst.Platform, inst.Spot}
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
	if inst.Spot {
		r.usd = r.usd.Scale(b.cat.spot)
		r.approx = true
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
	switch inst.Platform {
	case "windows":
		return windowsHours
	case "linux", "ubuntu":
		return linuxHours
	}
	return noAllowance
}

// ebs is a region's EBS rates, and whether they are derived by the region's
// factor from the first region listed.
func (b priceBook) ebs(region string) (EBSPrices, bool) {
	if b.memo == nil {
		return b.workOutEBS(region)
	}
	e, ok := b.memo.ebs[region]
	if !ok {
		e.p, e.derived = b.workOutEBS(region)
		b.memo.ebs[region] = e
	}
	return e.p, e.derived
}

// workOutEBS is ebs without the memo.
func (b priceBook) workOutEBS(region string) (EBSPrices, bool) {
	for _, e := range b.p.EBS {
		if e.Region == region {
			return e, false
		}
	}
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
