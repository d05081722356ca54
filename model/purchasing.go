package model

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/ec2sim/ec2sim/sim"
)

// Purchasing options: Reserved Instances and Savings Plans (billing
// discounts bought for a term), Dedicated tenancy and On-Demand Capacity
// Reservations. How they reach the bill, in one place:
//
//   - A commitment (an RI or a Savings Plan) bills its upfront part once, at
//     purchase, and its recurring part every hour of its term, used or not.
//   - A running instance a commitment covers bills its instance hours at $0
//     on a line that names the discount ("m5.large Linux Reserved
//     Instance"); the commitment's own lines carry the cost. AWS's Cost and
//     Usage Report shows the same split (RIFee / DiscountedUsage,
//     SavingsPlanRecurringFee / SavingsPlanCoveredUsage):
//     https://docs.aws.amazon.com/cur/latest/userguide/reservation-columns.html
//   - Coverage is given when an instance enters running and taken back when
//     it leaves; a freed RI slot or Savings Plan commitment passes at once to
//     the earliest-launched matching instance still running On-Demand. AWS
//     applies the benefit per clock-hour (per second for Linux RIs); the
//     simulator applies it per second for every platform (docs/decisions.md).
//   - RIs apply before Savings Plans, EC2 Instance Savings Plans before
//     Compute Savings Plans (S61, S62). Spot instances are never covered.
//   - A Savings Plan covers whole instances only: one whose Savings Plan
//     rate does not fit in what is left of the hourly commitment runs
//     On-Demand (AWS would cover part of it). Regional RIs match the exact
//     instance type: size flexibility is not modelled (docs/decisions.md).
//
// Sources: S61 (Reserved Instances), S62 (Savings Plans), S63 (Dedicated
// Instances pricing), S64 (Capacity Reservations), all in docs/sources.md.

// Tenancy values of Placement.Tenancy.
const (
	TenancyDefault   = "default"
	TenancyDedicated = "dedicated"
	TenancyHost      = "host"
)

// Pricing says how an instance's hours are being paid for now
// (Instance.Pricing).
const (
	PricingOnDemand    = "on-demand"
	PricingSpot        = "spot"
	PricingReserved    = "reserved"
	PricingSavingsPlan = "savings-plan"
)

// RI payment options (OfferingType) and classes (OfferingClass), as the
// API spells them; Savings Plans use the same payment words.
const (
	AllUpfront     = "All Upfront"
	PartialUpfront = "Partial Upfront"
	NoUpfront      = "No Upfront"

	ClassStandard    = "standard"
	ClassConvertible = "convertible"

	PlanCompute     = "Compute"
	PlanEC2Instance = "EC2Instance"
)

// termYears are the terms AWS sells, and their lengths in seconds as the
// API gives Duration (365-day years).
var termYears = []int{1, 3}

func termSeconds(years int) int64 { return int64(years) * 365 * 24 * 3600 }

// Bill components of the purchasing options.
const (
	compCommitmentUpfront   component = 32 + iota // one-off, at purchase
	compCommitmentRecurring                       // every hour of the term
	compDedicatedFee                              // per Region, while a Dedicated Instance runs
	compCapacityUnused                            // a Capacity Reservation's unused slots
)

// Each is the unit of a one-off charge: one purchase.
const Each Unit = "each"

// PurchasingPrices are the catalogue's rates for commitments and tenancy.
// Commitment rates are the effective hourly rate (upfront spread over the
// term plus the recurring rate) as a fraction of On-Demand.
type PurchasingPrices struct {
	Reserved           []CommitmentRate `yaml:"reserved"`
	SavingsPlans       []CommitmentRate `yaml:"savings_plans"`
	DedicatedFactor    FactorPrice      `yaml:"dedicated_factor"`
	DedicatedRegionFee Priced           `yaml:"dedicated_region_fee_per_hour"`
	factors            map[string]Factor
	dedicated          Factor
}

// FactorPrice is a price given as a multiple of another.
type FactorPrice struct {
	Value       string `yaml:"value"`
	Source      string `yaml:"source"`
	Approximate bool   `yaml:"approximate"`
}

// CommitmentRate is one row of a discount table: for a class (standard,
// convertible) or plan type (Compute, EC2Instance), a term and a payment
// option, the effective rate as a fraction of On-Demand.
type CommitmentRate struct {
	Kind        string `yaml:"kind"`
	Years       int    `yaml:"years"`
	Payment     string `yaml:"payment"`
	Factor      string `yaml:"factor"`
	Source      string `yaml:"source"`
	Approximate bool   `yaml:"approximate"`
}

func commitmentKey(kind string, years int, payment string) string {
	return fmt.Sprintf("%s/%d/%s", kind, years, payment)
}

// index parses the factors; the catalogue calls it when it loads.
func (p *PurchasingPrices) index() error {
	p.factors = map[string]Factor{}
	for _, rows := range [][]CommitmentRate{p.Reserved, p.SavingsPlans} {
		for _, r := range rows {
			f, err := ParseFactor(r.Factor)
			if err != nil {
				return fmt.Errorf("purchasing %s: %w", commitmentKey(r.Kind, r.Years, r.Payment), err)
			}
			p.factors[commitmentKey(r.Kind, r.Years, r.Payment)] = f
		}
	}
	if p.DedicatedFactor.Value == "" {
		p.dedicated = One
		return nil
	}
	f, err := ParseFactor(p.DedicatedFactor.Value)
	if err != nil {
		return fmt.Errorf("dedicated_factor: %w", err)
	}
	p.dedicated = f
	return nil
}

// commitment is the effective hourly rate of a commitment on an hourly
// On-Demand rate, and whether the table has the row.
func (b priceBook) commitment(kind string, years int, payment string, onDemand Money) (Money, bool) {
	f, ok := b.p.Purchasing.factors[commitmentKey(kind, years, payment)]
	if !ok {
		return 0, false
	}
	return onDemand.Scale(f), true
}

// splitPayment divides an effective hourly rate over a term into what is
// paid up front and what recurs each hour: All Upfront pays the whole term
// at purchase, Partial Upfront half, No Upfront nothing.
func splitPayment(effective Money, years int, payment string) (upfront, hourly Money) {
	hours := int64(years) * 8760
	switch payment {
	case AllUpfront:
		return effective * Money(hours), 0
	case PartialUpfront:
		half := Prorate(effective, 1, 2)
		return half * Money(hours), effective - half
	}
	return 0, effective
}

// productPlatform maps an RI's ProductDescription to the platforms it
// covers. Ubuntu is billed as Linux/UNIX.
var productPlatform = map[string][]string{
	"Linux/UNIX": {"linux", "ubuntu"},
	"Windows":    {"windows"},
	"SUSE Linux": {"suse"},
}

// onDemandRate is the On-Demand hourly rate of a type, platform and tenancy
// in a region: what a commitment is discounted from and what a Capacity
// Reservation's unused slot costs.
func (b priceBook) onDemandRate(itype, region, platform, tenancy string) rate {
	return b.compute(&Instance{Type: itype, Region: region, Platform: platform, Tenancy: tenancy})
}

// ---- Reserved Instances ---------------------------------------------------

// ReservedInstancesOffering is one RI product for sale.
type ReservedInstancesOffering struct {
	ReservedInstancesOfferingId string `json:"ReservedInstancesOfferingId"`
	InstanceType                string `json:"InstanceType"`
	AvailabilityZone            string `json:"AvailabilityZone,omitempty"` // set for a zonal RI
	Scope                       string `json:"Scope"`                      // Region or Availability Zone
	ProductDescription          string `json:"ProductDescription"`
	InstanceTenancy             string `json:"InstanceTenancy"`
	OfferingClass               string `json:"OfferingClass"`
	OfferingType                string `json:"OfferingType"`
	Duration                    int64  `json:"Duration"` // seconds
	FixedPrice                  Money  `json:"FixedPrice"`
	UsagePrice                  Money  `json:"UsagePrice"` // per hour
	CurrencyCode                string `json:"CurrencyCode"`
	Region                      string `json:"-"`
	// EffectiveRate is the hourly cost of one RI over its term, upfront
	// included: FixedPrice ÷ term hours + UsagePrice.
	EffectiveRate Money `json:"-"`
}

// DescribeReservedInstancesOfferingsInput filters the offerings, as the
// API's parameters of the same names do.
type DescribeReservedInstancesOfferingsInput struct {
	InstanceType       string `yaml:"InstanceType" json:"InstanceType,omitempty"`
	AvailabilityZone   string `yaml:"AvailabilityZone" json:"AvailabilityZone,omitempty"`
	ProductDescription string `yaml:"ProductDescription" json:"ProductDescription,omitempty"`
	InstanceTenancy    string `yaml:"InstanceTenancy" json:"InstanceTenancy,omitempty"`
	OfferingClass      string `yaml:"OfferingClass" json:"OfferingClass,omitempty"`
	OfferingType       string `yaml:"OfferingType" json:"OfferingType,omitempty"`
	MinDuration        int64  `yaml:"MinDuration" json:"MinDuration,omitempty"`
	MaxDuration        int64  `yaml:"MaxDuration" json:"MaxDuration,omitempty"`
}

// DescribeReservedInstancesOfferingsOutput lists offerings.
type DescribeReservedInstancesOfferingsOutput struct {
	ReservedInstancesOfferings []ReservedInstancesOffering `json:"ReservedInstancesOfferings"`
}

// Created lists the offering IDs, so a scenario can name the one it buys.
func (o DescribeReservedInstancesOfferingsOutput) Created() []string {
	ids := make([]string, len(o.ReservedInstancesOfferings))
	for i, of := range o.ReservedInstancesOfferings {
		ids[i] = of.ReservedInstancesOfferingId
	}
	return ids
}

// offeringID is a stable, UUID-shaped ID made from what identifies an
// offering: the same offering has the same ID in every run and every seed.
func offeringID(parts ...string) string {
	h := fnv.New128a()
	h.Write([]byte(strings.Join(parts, "|")))
	s := fmt.Sprintf("%x", h.Sum(nil))
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// riOfferings lists every offering of a type in a region (zonal ones only
// for az, when given), in a fixed order.
func (w *World) riOfferings(region, itype, az, product, tenancy string) []ReservedInstancesOffering {
	var out []ReservedInstancesOffering
	od := w.bill.prices.onDemandRate(itype, region, productPlatform[product][0], tenancy).usd
	for _, class := range []string{ClassStandard, ClassConvertible} {
		for _, years := range termYears {
			for _, pay := range []string{NoUpfront, PartialUpfront, AllUpfront} {
				eff, ok := w.bill.prices.commitment(class, years, pay, od)
				if !ok {
					continue
				}
				fixed, usage := splitPayment(eff, years, pay)
				scope, zone := "Region", ""
				if az != "" {
					scope, zone = "Availability Zone", az
				}
				out = append(out, ReservedInstancesOffering{
					ReservedInstancesOfferingId: offeringID("ri", region, zone, itype, product, tenancy, class, pay, fmt.Sprint(years)),
					InstanceType:                itype, AvailabilityZone: zone, Scope: scope, ProductDescription: product,
					InstanceTenancy: tenancy, OfferingClass: class, OfferingType: pay, Duration: termSeconds(years),
					FixedPrice: fixed, UsagePrice: usage, CurrencyCode: "USD", Region: region,
					EffectiveRate: Prorate(fixed, 1, int64(years)*8760) + usage,
				})
			}
		}
	}
	return out
}

// DescribeReservedInstancesOfferings lists the Reserved Instances one can
// buy for an instance type in the caller's region: standard and
// convertible, one and three years, each payment option. Prices follow
// the catalogue's On-Demand rate and discount table, so they are the same
// in every run.
func (w *World) DescribeReservedInstancesOfferings(c Caller, in DescribeReservedInstancesOfferingsInput) (out DescribeReservedInstancesOfferingsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeReservedInstancesOfferings", c, "", err, listed(len(out.ReservedInstancesOfferings), "offering", nil))
	}()
	if err != nil {
		return out, err
	}
	if in.InstanceType == "" {
		return out, errf(MissingParameter, "The simulator lists offerings of one instance type at a time: give InstanceType")
	}
	if _, ok := w.cat.InstanceType(in.InstanceType); !ok {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for InstanceType.%s", in.InstanceType, suggest(in.InstanceType, w.cat.InstanceTypeNames()))
	}
	product := cmp.Or(in.ProductDescription, "Linux/UNIX")
	if _, ok := productPlatform[product]; !ok {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for ProductDescription (valid: Linux/UNIX, Windows, SUSE Linux)", product)
	}
	tenancy := cmp.Or(in.InstanceTenancy, TenancyDefault)
	if tenancy != TenancyDefault && tenancy != TenancyDedicated {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for InstanceTenancy (valid: default, dedicated)", tenancy)
	}
	if in.AvailabilityZone != "" {
		if err := w.checkAZ(c, in.AvailabilityZone); err != nil {
			return out, err
		}
	}
	for _, of := range w.riOfferings(c.Region, in.InstanceType, in.AvailabilityZone, product, tenancy) {
		if (in.OfferingClass == "" || in.OfferingClass == of.OfferingClass) &&
			(in.OfferingType == "" || in.OfferingType == of.OfferingType) &&
			(in.MinDuration == 0 || of.Duration >= in.MinDuration) &&
			(in.MaxDuration == 0 || of.Duration <= in.MaxDuration) {
			out.ReservedInstancesOfferings = append(out.ReservedInstancesOfferings, of)
			w.market.riOffers[of.ReservedInstancesOfferingId] = of
		}
	}
	return out, nil
}

func (w *World) checkAZ(c Caller, az string) error {
	r, _ := w.cat.Region(c.Region)
	if !slices.Contains(r.AZs, az) {
		return errf(InvalidParameterValue, "Invalid availability zone: [%s] (zones of %s: %s)", az, c.Region, strings.Join(r.AZs, ", "))
	}
	return nil
}

// findOffering finds an offering by ID among those of every type in the
// caller's region (and its zones).
func (w *World) findOffering(c Caller, id string) (ReservedInstancesOffering, bool) {
	r, _ := w.cat.Region(c.Region)
	for _, t := range w.cat.InstanceTypeNames() {
		for _, product := range []string{"Linux/UNIX", "Windows", "SUSE Linux"} {
			for _, tenancy := range []string{TenancyDefault, TenancyDedicated} {
				for _, az := range append([]string{""}, r.AZs...) {
					for _, of := range w.riOfferings(c.Region, t, az, product, tenancy) {
						if of.ReservedInstancesOfferingId == id {
							return of, true
						}
					}
				}
			}
		}
	}
	return ReservedInstancesOffering{}, false
}

// ReservedInstances is a purchase of InstanceCount RIs of one offering.
type ReservedInstances struct {
	ReservedInstancesOffering
	ReservedInstancesId string
	Owner               string
	InstanceCount       int
	State               string // active or retired
	Start, End          sim.Time
	covering            []string // running instances it covers now
	seq                 int64
}

// RI states.
const (
	RIActive  = "active"
	RIRetired = "retired"
)

// Covers reports whether the RI's benefit can apply to an instance: same
// type, Region (and zone, for a zonal RI), platform and tenancy; never a
// Spot instance.
func (ri *ReservedInstances) Covers(inst *Instance) bool {
	return ri.State == RIActive && !inst.Spot && inst.Owner == ri.Owner && inst.Region == ri.Region &&
		inst.Type == ri.InstanceType && (ri.AvailabilityZone == "" || ri.AvailabilityZone == inst.AZ) &&
		slices.Contains(productPlatform[ri.ProductDescription], inst.Platform) &&
		cmp.Or(inst.Tenancy, TenancyDefault) == ri.InstanceTenancy
}

// PurchaseReservedInstancesOfferingInput buys RIs.
type PurchaseReservedInstancesOfferingInput struct {
	ReservedInstancesOfferingId string `yaml:"ReservedInstancesOfferingId" json:"ReservedInstancesOfferingId"`
	InstanceCount               int    `yaml:"InstanceCount" json:"InstanceCount"`
	DryRun                      bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// PurchaseReservedInstancesOfferingOutput names the purchase.
type PurchaseReservedInstancesOfferingOutput struct {
	ReservedInstancesId string `json:"ReservedInstancesId"`
}

// Created lists the purchase.
func (o PurchaseReservedInstancesOfferingOutput) Created() []string {
	return []string{o.ReservedInstancesId}
}

// PurchaseReservedInstancesOffering buys RIs: the upfront part is billed
// now, the recurring part every hour of the term whether any instance uses
// it or not, and matching running instances are covered at once.
func (w *World) PurchaseReservedInstancesOffering(c Caller, in PurchaseReservedInstancesOfferingInput) (out PurchaseReservedInstancesOfferingOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("PurchaseReservedInstancesOffering", c, out.ReservedInstancesId, err, "") }()
	if err != nil {
		return out, err
	}
	ref := w.resolve(in.ReservedInstancesOfferingId)
	if ref == "" {
		return out, errf(MissingParameter, "The request must contain the parameter ReservedInstancesOfferingId")
	}
	of, ok := w.market.riOffers[ref]
	if !ok || of.Region != c.Region {
		of, ok = w.findOffering(c, ref)
	}
	if !ok {
		return out, errf(InvalidReservedInstancesOfferingId, "The Reserved Instances offering '%s' does not exist in %s (DescribeReservedInstancesOfferings lists them).", in.ReservedInstancesOfferingId, c.Region)
	}
	if in.InstanceCount < 1 {
		return out, errf(InvalidParameterValue, "InstanceCount must be at least 1 (got %d)", in.InstanceCount)
	}
	if in.DryRun {
		return out, dryRun()
	}
	ri := &ReservedInstances{ReservedInstancesOffering: of, ReservedInstancesId: w.newUUID(), Owner: c.Account,
		InstanceCount: in.InstanceCount, State: RIActive, Start: w.Now(), End: w.Now() + sim.Time(of.Duration)*sim.Second, seq: w.nextSeq()}
	w.market.ris[ri.ReservedInstancesId] = ri
	years := int(of.Duration / termSeconds(1))
	what := fmt.Sprintf("Reserved Instances %s %s, %s %d-year %s", of.InstanceType, platformTitle[productPlatform[of.ProductDescription][0]], of.OfferingClass, years, of.OfferingType)
	w.bill.chargeUpfront(ri.ReservedInstancesId, c.Account, c.Region, what+" upfront", of.FixedPrice, int64(in.InstanceCount), S61)
	w.bill.openRecurring(ri.ReservedInstancesId, c.Account, c.Region, what+" recurring", of.UsagePrice, int64(in.InstanceCount), S61)
	w.after(ri.End-w.Now(), evCommitmentEnd, ri.ReservedInstancesId)
	w.emit(TraceEvent{Kind: TraceState, Action: "reserved-instances", Resource: ri.ReservedInstancesId, Region: c.Region, To: RIActive,
		Message: fmt.Sprintf("%d × %s, effective %s/hour each (On-Demand %s)", in.InstanceCount, what, of.EffectiveRate,
			w.bill.prices.onDemandRate(of.InstanceType, of.Region, productPlatform[of.ProductDescription][0], of.InstanceTenancy).usd)})
	w.rebalanceCoverage(c.Account)
	return PurchaseReservedInstancesOfferingOutput{ri.ReservedInstancesId}, nil
}

// DescribeReservedInstancesInput lists purchases.
type DescribeReservedInstancesInput struct {
	ReservedInstancesIds []string `yaml:"ReservedInstancesIds" json:"ReservedInstancesIds,omitempty"`
}

// DescribeReservedInstancesOutput lists the caller's RIs in its region.
type DescribeReservedInstancesOutput struct {
	ReservedInstances []ReservedInstances `json:"ReservedInstances"`
}

// DescribeReservedInstances lists the caller's RIs in its region, oldest
// first, active and retired.
func (w *World) DescribeReservedInstances(c Caller, in DescribeReservedInstancesInput) (out DescribeReservedInstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeReservedInstances", c, "", err, listed(len(out.ReservedInstances), "reservation", nil))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, r := range w.resolveAll(in.ReservedInstancesIds) {
		if ri, ok := w.market.ris[r]; !ok || ri.Owner != c.Account || ri.Region != c.Region {
			return out, errf(InvalidParameterValue, "Reserved Instances '%s' not found", r)
		}
		want[r] = true
	}
	for _, ri := range sortedBySeq(w.market.ris, func(r *ReservedInstances) int64 { return r.seq }) {
		if ri.Owner == c.Account && ri.Region == c.Region && (len(want) == 0 || want[ri.ReservedInstancesId]) {
			x := *ri
			x.covering = slices.Clone(ri.covering)
			out.ReservedInstances = append(out.ReservedInstances, x)
		}
	}
	return out, nil
}

// ReservedInstancesByID returns a purchase by ID or scenario name.
func (w *World) ReservedInstancesByID(ref string) (ReservedInstances, bool) {
	ri, ok := w.market.ris[w.resolve(ref)]
	if !ok {
		return ReservedInstances{}, false
	}
	x := *ri
	x.covering = slices.Clone(ri.covering)
	return x, true
}

// InUse is how many of the RIs cover a running instance now.
func (ri ReservedInstances) InUse() int { return len(ri.covering) }

// ---- Savings Plans --------------------------------------------------------

// SavingsPlanOffering is one Savings Plan product (the savingsplans API's
// DescribeSavingsPlansOfferings): a plan type, a term and a payment
// option; an EC2 Instance plan is also for one family in one Region.
type SavingsPlanOffering struct {
	OfferingId     string `json:"offeringId"`
	PlanType       string `json:"planType"`
	DurationSecond int64  `json:"durationSeconds"`
	PaymentOption  string `json:"paymentOption"`
	InstanceFamily string `json:"instanceFamily,omitempty"`
	Region         string `json:"region,omitempty"`
	Currency       string `json:"currency"`
}

// DescribeSavingsPlansOfferingsInput filters the offerings, with the
// savingsplans API's (lower camel case) parameter names.
type DescribeSavingsPlansOfferingsInput struct {
	PlanTypes       []string `yaml:"planTypes" json:"planTypes,omitempty"`
	Durations       []int64  `yaml:"durations" json:"durations,omitempty"`
	PaymentOptions  []string `yaml:"paymentOptions" json:"paymentOptions,omitempty"`
	InstanceFamily  string   `yaml:"instanceFamily" json:"instanceFamily,omitempty"`
	ProductRegion   string   `yaml:"productRegion" json:"productRegion,omitempty"`
	ServiceCodes    []string `yaml:"serviceCodes" json:"serviceCodes,omitempty"`
	ProductType     string   `yaml:"productType" json:"productType,omitempty"`
	Currencies      []string `yaml:"currencies" json:"currencies,omitempty"`
	OfferingIds     []string `yaml:"offeringIds" json:"offeringIds,omitempty"`
	UsageTypes      []string `yaml:"usageTypes" json:"usageTypes,omitempty"`
	Descriptions    []string `yaml:"descriptions" json:"descriptions,omitempty"`
	Operations      []string `yaml:"operations" json:"operations,omitempty"`
	MaxResults      int      `yaml:"maxResults" json:"maxResults,omitempty"`
	NextToken       string   `yaml:"nextToken" json:"nextToken,omitempty"`
	ProductTypeList []string `yaml:"productTypes" json:"productTypes,omitempty"`
}

// DescribeSavingsPlansOfferingsOutput lists offerings.
type DescribeSavingsPlansOfferingsOutput struct {
	SearchResults []SavingsPlanOffering `json:"searchResults"`
}

// Created lists the offering IDs, so a scenario can name the one it buys.
func (o DescribeSavingsPlansOfferingsOutput) Created() []string {
	ids := make([]string, len(o.SearchResults))
	for i, of := range o.SearchResults {
		ids[i] = of.OfferingId
	}
	return ids
}

func instanceFamily(itype string) string { f, _, _ := strings.Cut(itype, "."); return f }

// spOfferings lists the Savings Plan offerings: Compute plans, and EC2
// Instance plans for each family of the catalogue in a region.
func (w *World) spOfferings(region string) []SavingsPlanOffering {
	var out []SavingsPlanOffering
	var families []string
	for _, t := range w.cat.InstanceTypeNames() {
		if f := instanceFamily(t); !slices.Contains(families, f) {
			families = append(families, f)
		}
	}
	slices.Sort(families)
	for _, plan := range []string{PlanCompute, PlanEC2Instance} {
		for _, years := range termYears {
			for _, pay := range []string{NoUpfront, PartialUpfront, AllUpfront} {
				if _, ok := w.bill.prices.commitment(plan, years, pay, MicroPerUSD); !ok {
					continue
				}
				if plan == PlanCompute {
					out = append(out, SavingsPlanOffering{offeringID("sp", plan, pay, fmt.Sprint(years)), plan, termSeconds(years), pay, "", "", "USD"})
					continue
				}
				for _, f := range families {
					out = append(out, SavingsPlanOffering{offeringID("sp", plan, pay, fmt.Sprint(years), f, region), plan, termSeconds(years), pay, f, region, "USD"})
				}
			}
		}
	}
	return out
}

// DescribeSavingsPlansOfferings lists Savings Plans one can buy. EC2
// Instance plans are listed for the caller's region (or productRegion).
func (w *World) DescribeSavingsPlansOfferings(c Caller, in DescribeSavingsPlansOfferingsInput) (out DescribeSavingsPlansOfferingsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeSavingsPlansOfferings", c, "", err, listed(len(out.SearchResults), "offering", nil))
	}()
	if err != nil {
		return out, err
	}
	region := cmp.Or(in.ProductRegion, c.Region)
	if _, ok := w.cat.Region(region); !ok {
		return out, errf(ValidationException, "productRegion %q is not a region of this simulation%s", region, suggest(region, w.cat.RegionNames()))
	}
	for _, p := range in.PlanTypes {
		if p != PlanCompute && p != PlanEC2Instance {
			return out, errf(ValidationException, "planTypes: %q is not a plan type this simulator sells (valid: Compute, EC2Instance)", p)
		}
	}
	for _, of := range w.spOfferings(region) {
		if (len(in.PlanTypes) == 0 || slices.Contains(in.PlanTypes, of.PlanType)) &&
			(len(in.Durations) == 0 || slices.Contains(in.Durations, of.DurationSecond)) &&
			(len(in.PaymentOptions) == 0 || slices.Contains(in.PaymentOptions, of.PaymentOption)) &&
			(in.InstanceFamily == "" || of.InstanceFamily == in.InstanceFamily) {
			out.SearchResults = append(out.SearchResults, of)
			w.market.spOffers[of.OfferingId] = of
		}
	}
	return out, nil
}

// SavingsPlan is a bought commitment of Commitment dollars an hour.
type SavingsPlan struct {
	SavingsPlanOffering
	SavingsPlanId string
	Owner         string
	Commitment    Money // per hour
	State         string
	Start, End    sim.Time
	used          Money    // the Savings Plan rates of the instances it covers now
	covering      []string // those instances
	seq           int64
}

// Savings Plan states.
const (
	SPActive  = "active"
	SPRetired = "retired"
)

// Used is the part of the hourly commitment the covered instances use now.
func (sp SavingsPlan) Used() Money { return sp.used }

// Covering is how many instances the plan covers now.
func (sp SavingsPlan) Covering() int { return len(sp.covering) }

// eligible reports whether the plan applies to an instance: any EC2
// instance for a Compute plan, one family in one Region for an EC2
// Instance plan; never Spot.
func (sp *SavingsPlan) eligible(inst *Instance) bool {
	if sp.State != SPActive || inst.Spot || inst.Owner != sp.Owner {
		return false
	}
	return sp.PlanType == PlanCompute || (instanceFamily(inst.Type) == sp.InstanceFamily && inst.Region == sp.SavingsPlanOffering.Region)
}

// spRate is an instance's hourly Savings Plan rate under a plan.
func (w *World) spRate(sp *SavingsPlan, inst *Instance) Money {
	od := w.bill.prices.compute(&Instance{Type: inst.Type, Region: inst.Region, Platform: inst.Platform, Tenancy: inst.Tenancy}).usd
	r, _ := w.bill.prices.commitment(sp.PlanType, int(sp.DurationSecond/termSeconds(1)), sp.PaymentOption, od)
	return r
}

// CreateSavingsPlanInput buys a Savings Plan (savingsplans API names).
type CreateSavingsPlanInput struct {
	SavingsPlanOfferingId string `yaml:"savingsPlanOfferingId" json:"savingsPlanOfferingId"`
	Commitment            string `yaml:"commitment" json:"commitment"` // dollars per hour, e.g. "0.50"
	UpfrontPaymentAmount  string `yaml:"upfrontPaymentAmount" json:"upfrontPaymentAmount,omitempty"`
	ClientToken           string `yaml:"clientToken" json:"clientToken,omitempty"`
}

// CreateSavingsPlanOutput names the plan.
type CreateSavingsPlanOutput struct {
	SavingsPlanId string `json:"savingsPlanId"`
}

// Created lists the plan.
func (o CreateSavingsPlanOutput) Created() []string { return []string{o.SavingsPlanId} }

// CreateSavingsPlan buys a commitment of dollars per hour for the term. It
// bills every hour whether used or not (All and Partial Upfront pay all or
// half of it at purchase); eligible running instances are charged against
// it at their Savings Plan rates, and usage beyond it is On-Demand.
func (w *World) CreateSavingsPlan(c Caller, in CreateSavingsPlanInput) (out CreateSavingsPlanOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateSavingsPlan", c, out.SavingsPlanId, err, in.Commitment) }()
	if err != nil {
		return out, err
	}
	ref := w.resolve(in.SavingsPlanOfferingId)
	of, found := w.market.spOffers[ref]
	for _, r := range w.cat.RegionNames() {
		if found {
			break
		}
		for _, o := range w.spOfferings(r) {
			if o.OfferingId == ref {
				of, found = o, true
			}
		}
	}
	if !found {
		return out, errf(ResourceNotFoundException, "Savings Plan offering '%s' not found (DescribeSavingsPlansOfferings lists them)", in.SavingsPlanOfferingId)
	}
	commit, perr := ParseMoney(in.Commitment)
	if perr != nil || commit < 1000 {
		return out, errf(ValidationException, "commitment %q: give dollars per hour, at least 0.001", in.Commitment)
	}
	sp := &SavingsPlan{SavingsPlanOffering: of, SavingsPlanId: w.newUUID(), Owner: c.Account, Commitment: commit, State: SPActive,
		Start: w.Now(), End: w.Now() + sim.Time(of.DurationSecond)*sim.Second, seq: w.nextSeq()}
	w.market.sps[sp.SavingsPlanId] = sp
	years := int(of.DurationSecond / termSeconds(1))
	upfront, hourly := splitPayment(commit, years, of.PaymentOption)
	what := fmt.Sprintf("%s Savings Plan, %d-year %s, %s/hour", of.PlanType, years, of.PaymentOption, commit)
	if of.InstanceFamily != "" {
		what = fmt.Sprintf("EC2 Instance Savings Plan (%s, %s), %d-year %s, %s/hour", of.InstanceFamily, of.Region, years, of.PaymentOption, commit)
	}
	w.bill.chargeUpfront(sp.SavingsPlanId, c.Account, c.Region, what+" upfront", upfront, 1, S62)
	w.bill.openRecurring(sp.SavingsPlanId, c.Account, c.Region, what+" recurring", hourly, 1, S62)
	w.after(sp.End-w.Now(), evCommitmentEnd, sp.SavingsPlanId)
	w.emit(TraceEvent{Kind: TraceState, Action: "savings-plan", Resource: sp.SavingsPlanId, Region: c.Region, To: SPActive, Message: what})
	w.rebalanceCoverage(c.Account)
	return CreateSavingsPlanOutput{sp.SavingsPlanId}, nil
}

// DescribeSavingsPlansInput lists plans.
type DescribeSavingsPlansInput struct {
	SavingsPlanIds []string `yaml:"savingsPlanIds" json:"savingsPlanIds,omitempty"`
}

// DescribeSavingsPlansOutput lists the caller's plans.
type DescribeSavingsPlansOutput struct {
	SavingsPlans []SavingsPlan `json:"savingsPlans"`
}

// DescribeSavingsPlans lists the caller's Savings Plans, oldest first.
// Savings Plans are global: every region's call sees them all.
func (w *World) DescribeSavingsPlans(c Caller, in DescribeSavingsPlansInput) (out DescribeSavingsPlansOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("DescribeSavingsPlans", c, "", err, listed(len(out.SavingsPlans), "savings plan", nil))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, r := range w.resolveAll(in.SavingsPlanIds) {
		want[r] = true
	}
	for _, sp := range sortedBySeq(w.market.sps, func(s *SavingsPlan) int64 { return s.seq }) {
		if sp.Owner == c.Account && (len(want) == 0 || want[sp.SavingsPlanId]) {
			x := *sp
			x.covering = slices.Clone(sp.covering)
			out.SavingsPlans = append(out.SavingsPlans, x)
		}
	}
	return out, nil
}

// SavingsPlanByID returns a plan by ID or scenario name.
func (w *World) SavingsPlanByID(ref string) (SavingsPlan, bool) {
	sp, ok := w.market.sps[w.resolve(ref)]
	if !ok {
		return SavingsPlan{}, false
	}
	x := *sp
	x.covering = slices.Clone(sp.covering)
	return x, true
}

// ---- coverage -------------------------------------------------------------

// market is the world's purchasing state.
type market struct {
	ris       map[string]*ReservedInstances
	sps       map[string]*SavingsPlan
	crs       map[string]*CapacityReservation
	dedicated map[string]int                       // running Dedicated Instances per account/region
	riOffers  map[string]ReservedInstancesOffering // offerings a Describe call has listed
	spOffers  map[string]SavingsPlanOffering
}

func newMarket() market {
	return market{ris: map[string]*ReservedInstances{}, sps: map[string]*SavingsPlan{}, crs: map[string]*CapacityReservation{}, dedicated: map[string]int{},
		riOffers: map[string]ReservedInstancesOffering{}, spOffers: map[string]SavingsPlanOffering{}}
}

func (m market) clone() market {
	return market{
		ris: cloneMap(m.ris, func(r *ReservedInstances) *ReservedInstances {
			x := *r
			x.covering = slices.Clone(r.covering)
			return &x
		}),
		sps: cloneMap(m.sps, func(s *SavingsPlan) *SavingsPlan { x := *s; x.covering = slices.Clone(s.covering); return &x }),
		crs: cloneMap(m.crs, func(c *CapacityReservation) *CapacityReservation {
			x := *c
			x.members = slices.Clone(c.members)
			return &x
		}),
		dedicated: cloneMapPlain(m.dedicated),
		riOffers:  cloneMapPlain(m.riOffers),
		spOffers:  cloneMapPlain(m.spOffers),
	}
}

func cloneMapPlain[K comparable, V any](m map[K]V) map[K]V {
	return cloneMap(m, func(v V) V { return v })
}

// coverFor finds what pays for a running instance's hours: the first RI
// with a free slot that matches (zonal before regional, then oldest), else
// the first Savings Plan with room for its rate (EC2 Instance before
// Compute, then oldest), else nothing. It takes the slot.
func (w *World) coverFor(inst *Instance) (pricing, by string) {
	if inst.Spot {
		return PricingSpot, ""
	}
	ris := sortedBySeq(w.market.ris, func(r *ReservedInstances) int64 { return r.seq })
	slices.SortStableFunc(ris, func(a, b *ReservedInstances) int {
		return cmp.Compare(boolRank(a.AvailabilityZone == ""), boolRank(b.AvailabilityZone == ""))
	})
	for _, ri := range ris {
		if ri.Covers(inst) && len(ri.covering) < ri.InstanceCount {
			ri.covering = append(ri.covering, inst.ID)
			return PricingReserved, ri.ReservedInstancesId
		}
	}
	sps := sortedBySeq(w.market.sps, func(s *SavingsPlan) int64 { return s.seq })
	slices.SortStableFunc(sps, func(a, b *SavingsPlan) int {
		return cmp.Compare(boolRank(a.PlanType == PlanCompute), boolRank(b.PlanType == PlanCompute))
	})
	for _, sp := range sps {
		if !sp.eligible(inst) {
			continue
		}
		if r := w.spRate(sp, inst); sp.used+r <= sp.Commitment {
			sp.used += r
			sp.covering = append(sp.covering, inst.ID)
			return PricingSavingsPlan, sp.SavingsPlanId
		}
	}
	return PricingOnDemand, ""
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// uncover gives back an instance's RI slot or Savings Plan share.
func (w *World) uncover(inst *Instance) {
	switch inst.Pricing {
	case PricingReserved:
		if ri, ok := w.market.ris[inst.coveredBy]; ok {
			ri.covering = slices.DeleteFunc(ri.covering, func(id string) bool { return id == inst.ID })
		}
	case PricingSavingsPlan:
		if sp, ok := w.market.sps[inst.coveredBy]; ok {
			if slices.Contains(sp.covering, inst.ID) {
				sp.used -= w.spRate(sp, inst)
			}
			sp.covering = slices.DeleteFunc(sp.covering, func(id string) bool { return id == inst.ID })
		}
	}
	inst.coveredBy = ""
}

// openInstanceCompute starts a running instance's hours at whatever pays
// for them, and the Region's dedicated fee with the first Dedicated
// Instance.
func (w *World) openInstanceCompute(inst *Instance) {
	inst.Pricing, inst.coveredBy = w.coverFor(inst)
	w.bill.openCompute(inst)
	if inst.Tenancy == TenancyDedicated {
		k := inst.Owner + "/" + inst.Region
		if w.market.dedicated[k]++; w.market.dedicated[k] == 1 {
			w.bill.openDedicatedFee(inst.Owner, inst.Region)
		}
	}
}

// closeInstanceCompute stops an instance's hours and passes its coverage
// on to an instance still running On-Demand.
func (w *World) closeInstanceCompute(inst *Instance) {
	w.bill.closeCompute(inst)
	was := inst.Pricing
	w.uncover(inst)
	inst.Pricing = ""
	if inst.Tenancy == TenancyDedicated {
		k := inst.Owner + "/" + inst.Region
		if w.market.dedicated[k]--; w.market.dedicated[k] == 0 {
			w.bill.closeDedicatedFee(inst.Owner, inst.Region)
		}
	}
	if was == PricingReserved || was == PricingSavingsPlan {
		w.rebalanceCoverage(inst.Owner)
	}
}

// rebalanceCoverage gives free commitments to an account's running
// On-Demand instances, earliest launched first, switching each one's
// meter from the On-Demand rate to $0 under the commitment. Nothing
// already covered moves, so a purchase never reshuffles the bill.
func (w *World) rebalanceCoverage(account string) {
	for _, inst := range w.sortedInstances() {
		if inst.Owner != account || inst.State != Running || inst.Pricing != PricingOnDemand {
			continue
		}
		pricing, by := w.coverFor(inst)
		if pricing == PricingOnDemand {
			continue
		}
		w.bill.closeCompute(inst)
		inst.Pricing, inst.coveredBy = pricing, by
		w.bill.reopenCompute(inst)
		w.emit(TraceEvent{Kind: TraceNote, Action: "coverage", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
			Message: fmt.Sprintf("now billed under %s %s instead of On-Demand", pricingTitle[pricing], by)})
	}
}

var pricingTitle = map[string]string{PricingOnDemand: "On-Demand", PricingSpot: "Spot", PricingReserved: "Reserved Instance", PricingSavingsPlan: "Savings Plan"}

// onCommitmentEnd retires an RI, Savings Plan or Capacity Reservation at
// the end of its term: its recurring charge stops and the instances it
// covered go back to On-Demand.
func (w *World) onCommitmentEnd(id string) {
	var covered []string
	account := ""
	switch {
	case w.market.ris[id] != nil:
		ri := w.market.ris[id]
		ri.State, covered, account, ri.covering = RIRetired, ri.covering, ri.Owner, nil
		w.emit(TraceEvent{Kind: TraceState, Action: "reserved-instances", Resource: id, Region: ri.Region, From: RIActive, To: RIRetired, Message: "term ended"})
	case w.market.sps[id] != nil:
		sp := w.market.sps[id]
		sp.State, covered, account, sp.covering, sp.used = SPRetired, sp.covering, sp.Owner, nil, 0
		w.emit(TraceEvent{Kind: TraceState, Action: "savings-plan", Resource: id, From: SPActive, To: SPRetired, Message: "term ended"})
	case w.market.crs[id] != nil:
		w.endCapacityReservation(w.market.crs[id], CRExpired)
		return
	default:
		return
	}
	w.bill.closeRecurring(id)
	for _, iid := range covered {
		if inst, ok := w.instances[iid]; ok && inst.State == Running {
			w.bill.closeCompute(inst)
			inst.Pricing, inst.coveredBy = PricingOnDemand, ""
			w.bill.reopenCompute(inst)
		}
	}
	w.rebalanceCoverage(account)
}

// newUUID is a random UUID (version 4 layout) from the ID stream, as RI
// and Savings Plan IDs are.
func (w *World) newUUID() string {
	a, b := w.idRand.Uint64(), w.idRand.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, 0x8000|(b>>48)&0x3fff, b&0xffffffffffff)
}

// ---- ledger -----------------------------------------------------------------

// chargeUpfront bills a one-off purchase: count × each, in this month.
func (l *ledger) chargeUpfront(resource, account, region, text string, each Money, count int64, source string) {
	if each == 0 {
		return
	}
	t := lineTmpl{Account: account, Region: region, Category: CatCompute, Component: text, Unit: Each,
		Rate: each, Approximate: true, Source: source}
	l.addLine(l.entry(resource), l.intern(t), l.monthAt(l.now()).label, count, 1)
}

// openRecurring starts a commitment's hourly charge: count × hourly for
// every hour of the term, per second, whether used or not.
func (l *ledger) openRecurring(resource, account, region, text string, hourly Money, count int64, source string) {
	if hourly == 0 {
		return
	}
	l.openMeter(l.entry(resource), l.newMeter(part{compCommitmentRecurring, 0}, account, region, CatCompute, text, Hours,
		rate{hourly, true, source}, count))
}

func (l *ledger) closeRecurring(resource string) {
	l.closeMeter(l.known(resource), part{compCommitmentRecurring, 0})
}

// reopenCompute starts an instance's hours again mid-run, under a new
// pricing: a change of coverage is not a new entry into running, so it has
// no minimum of its own.
func (l *ledger) reopenCompute(inst *Instance) {
	l.openCompute(inst)
	l.updateOpen(l.billed(&inst.bill, inst.ID), part{compInstanceHours, 0}, func(m *meter) { m.minimum = 0 })
}

// coveredRate is what a running instance's own line charges per hour: $0
// when a commitment pays for it (its cost is on the commitment's lines),
// and the market's word for the line.
func coveredMarket(inst *Instance) (market string, covered bool) {
	switch inst.Pricing {
	case PricingReserved:
		return "Reserved Instance", true
	case PricingSavingsPlan:
		return "Savings Plan", true
	}
	return "", false
}

// dedicatedFeeID names the bill line of an account's dedicated fee in a
// Region.
func dedicatedFeeID(account, region string) string { return "dedicated-fee/" + account + "/" + region }

func (l *ledger) openDedicatedFee(account, region string) {
	r := l.prices.regional(l.prices.p.Purchasing.DedicatedRegionFee, "us-east-1") // one rate for every Region
	l.openMeter(l.entry(dedicatedFeeID(account, region)), l.newMeter(part{compDedicatedFee, 0}, account, region, CatCompute,
		"Dedicated per-Region fee", Hours, r, 1))
}

func (l *ledger) closeDedicatedFee(account, region string) {
	l.closeMeter(l.known(dedicatedFeeID(account, region)), part{compDedicatedFee, 0})
}

// The sources of the purchasing rates, as docs/sources.md keys.
const (
	S61 = "S61 (Reserved Instances pricing page; discount table approximate)"
	S62 = "S62 (Savings Plans pricing page; discount table approximate)"
	S64 = "S64 (Capacity Reservations: billed at the On-Demand rate, used or not)"
)

// RIOffering returns an offering a DescribeReservedInstancesOfferings call
// has listed, by ID or scenario name.
func (w *World) RIOffering(ref string) (ReservedInstancesOffering, bool) {
	of, ok := w.market.riOffers[w.resolve(ref)]
	return of, ok
}

// SPOffering returns an offering a DescribeSavingsPlansOfferings call has
// listed, by ID or scenario name.
func (w *World) SPOffering(ref string) (SavingsPlanOffering, bool) {
	of, ok := w.market.spOffers[w.resolve(ref)]
	return of, ok
}
