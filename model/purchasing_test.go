package model_test

import (
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// m5.large On-Demand Linux in us-east-1 (S12), the rate every worked
// example below discounts.
var m5Large = model.MustMoney("0.096")

// lineCost sums a resource's bill lines whose component contains text.
func lineCost(b model.Bill, resource, text string) (model.Money, bool) {
	var m model.Money
	found := false
	for _, ln := range b.Lines {
		if ln.Resource == resource && strings.Contains(ln.Component, text) {
			m += ln.Cost
			found = true
		}
	}
	return m, found
}

func m5(az string) model.RunInstancesInput {
	in := labRun("al2023", "m5.large")
	if az != "" {
		in.Placement = &model.Placement{AvailabilityZone: az}
	}
	return in
}

// buyRI buys count RIs of the one m5.large Linux offering of a class,
// payment option and term.
func buyRI(l *lab, class, payment string, years int64, count int, az string) string {
	l.t.Helper()
	offs, err := l.w.DescribeReservedInstancesOfferings(asStudent, model.DescribeReservedInstancesOfferingsInput{
		InstanceType: "m5.large", OfferingClass: class, OfferingType: payment, AvailabilityZone: az,
		MinDuration: years * 31536000, MaxDuration: years * 31536000})
	l.ok(err)
	if n := len(offs.ReservedInstancesOfferings); n != 1 {
		l.t.Fatalf("%d offerings match, want 1", n)
	}
	out, err := l.w.PurchaseReservedInstancesOffering(asStudent, model.PurchaseReservedInstancesOfferingInput{
		ReservedInstancesOfferingId: offs.ReservedInstancesOfferings[0].ReservedInstancesOfferingId, InstanceCount: count})
	l.ok(err)
	return out.ReservedInstancesId
}

// TestReservedInstanceBill is the worked example of an RI's bill (S61): a
// standard 1-year No Upfront m5.large RI is $0.096 × 0.625 = $0.06 an hour,
// billed every hour of the term; the instance it covers bills $0 on its
// own line, the second instance On-Demand.
func TestReservedInstanceBill(t *testing.T) {
	l := newLab(t, labConfig(1))
	a := l.running(asStudent, m5(""))
	b := l.running(asStudent, m5(""))
	ri := buyRI(l, model.ClassStandard, model.NoUpfront, 1, 1, "")
	l.runFor(10 * sim.Hour)
	bill := l.w.Bill()
	if got, want := bill.ForResource(ri), model.MustMoney("0.6"); got != want { // 10 h × $0.06
		t.Errorf("RI recurring for 10 h = %s, want %s (10 × $0.096 × 0.625)", got, want)
	}
	if got, ok := lineCost(bill, a, "Reserved Instance"); !ok || got != 0 {
		t.Errorf("covered instance %s: Reserved Instance line %s (found %t), want $0", a, got, ok)
	}
	if _, ok := lineCost(bill, b, "Reserved Instance"); ok {
		t.Errorf("the second instance is covered too; one RI covers one instance")
	}
	if inst := l.inst(a); inst.Pricing != model.PricingReserved {
		t.Errorf("a.Pricing = %q, want reserved", inst.Pricing)
	}
	if inst := l.inst(b); inst.Pricing != model.PricingOnDemand {
		t.Errorf("b.Pricing = %q, want on-demand", inst.Pricing)
	}
}

// TestReservedInstancePaymentOptions: the upfront part is billed once at
// purchase. Standard 1-year m5.large: All Upfront is 0.59 × $0.096 =
// $0.05664 an hour, × 8760 h = $496.1664 at once and $0 an hour; Partial
// Upfront is 0.6 × $0.096 = $0.0576, half up front (8760 × $0.0288 =
// $252.288) and $0.0288 an hour.
func TestReservedInstancePaymentOptions(t *testing.T) {
	tests := []struct {
		name     string
		payment  string
		upfront  model.Money
		after10h model.Money
	}{
		{"All Upfront pays the whole term at purchase", model.AllUpfront, model.MustMoney("496.1664"), model.MustMoney("496.1664")},
		{"Partial Upfront pays half at purchase and half hourly", model.PartialUpfront, model.MustMoney("252.288"), model.MustMoney("252.576")}, // + 10 × $0.0288
		{"No Upfront pays nothing at purchase", model.NoUpfront, 0, model.MustMoney("0.6")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			ri := buyRI(l, model.ClassStandard, tc.payment, 1, 1, "")
			if got := l.w.Bill().ForResource(ri); got != tc.upfront {
				t.Errorf("at purchase: %s, want %s", got, tc.upfront)
			}
			l.runFor(10 * sim.Hour)
			if got := l.w.Bill().ForResource(ri); got != tc.after10h {
				t.Errorf("after 10 h, unused: %s, want %s (an RI bills used or not)", got, tc.after10h)
			}
		})
	}
}

// TestReservedInstanceCoverage: what an RI covers and what it does not
// (S61): same type, Region, zone for a zonal RI, platform and tenancy;
// never Spot.
func TestReservedInstanceCoverage(t *testing.T) {
	spot := m5("")
	spot.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot"}
	other := m5("")
	other.InstanceType = "c5.large"
	win := m5("")
	win.ImageId = "windows-2022"
	dedicated := m5("")
	dedicated.Placement = &model.Placement{Tenancy: model.TenancyDedicated}
	tests := []struct {
		name   string
		zonal  string
		launch model.RunInstancesInput
		want   string
	}{
		{"a regional RI covers the type in any zone", "", m5("us-east-1c"), model.PricingReserved},
		{"a zonal RI covers only its zone", "us-east-1a", m5("us-east-1c"), model.PricingOnDemand},
		{"a zonal RI covers its zone", "us-east-1a", m5("us-east-1a"), model.PricingReserved},
		{"an RI does not cover another type", "", other, model.PricingOnDemand},
		{"a Linux RI does not cover Windows", "", win, model.PricingOnDemand},
		{"an RI never covers Spot", "", spot, model.PricingSpot},
		{"a default-tenancy RI does not cover a Dedicated Instance", "", dedicated, model.PricingOnDemand},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			buyRI(l, model.ClassStandard, model.NoUpfront, 1, 1, tc.zonal)
			id := l.running(asStudent, tc.launch)
			if got := l.inst(id).Pricing; got != tc.want {
				t.Errorf("Pricing = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestReservedInstanceSlotPassesOn: when a covered instance stops, the RI
// covers the next matching instance still running On-Demand, at once.
func TestReservedInstanceSlotPassesOn(t *testing.T) {
	l := newLab(t, labConfig(1))
	buyRI(l, model.ClassStandard, model.NoUpfront, 1, 1, "")
	a := l.running(asStudent, m5(""))
	b := l.running(asStudent, m5(""))
	if l.inst(b).Pricing != model.PricingOnDemand {
		t.Fatalf("b is covered while a holds the only RI")
	}
	l.stop(asStudent, a)
	if got := l.inst(b).Pricing; got != model.PricingReserved {
		t.Errorf("after a stops, b.Pricing = %q, want reserved", got)
	}
}

// TestSavingsPlanBill is the worked example of a Compute Savings Plan
// (S62): $0.10 an hour committed; an m5.large's plan rate is $0.096 × 0.72
// = $0.06912, so one instance fits and a second ($0.13824 in all) runs
// On-Demand. Ten hours bill $1.00 of commitment, $0 for the covered
// instance and 10 × $0.096 = $0.96 for the other.
func TestSavingsPlanBill(t *testing.T) {
	l := newLab(t, labConfig(1))
	offs, err := l.w.DescribeSavingsPlansOfferings(asStudent, model.DescribeSavingsPlansOfferingsInput{
		PlanTypes: []string{model.PlanCompute}, Durations: []int64{31536000}, PaymentOptions: []string{model.NoUpfront}})
	l.ok(err)
	if len(offs.SearchResults) != 1 {
		t.Fatalf("%d offerings, want 1", len(offs.SearchResults))
	}
	sp, err := l.w.CreateSavingsPlan(asStudent, model.CreateSavingsPlanInput{SavingsPlanOfferingId: offs.SearchResults[0].OfferingId, Commitment: "0.10"})
	l.ok(err)
	a := l.running(asStudent, m5(""))
	b := l.running(asStudent, m5(""))
	bRunning := l.w.Now()
	if got := l.inst(a).Pricing; got != model.PricingSavingsPlan {
		t.Errorf("a.Pricing = %q, want savings-plan", got)
	}
	if got := l.inst(b).Pricing; got != model.PricingOnDemand {
		t.Errorf("b.Pricing = %q, want on-demand (the commitment is used up)", got)
	}
	plan, _ := l.w.SavingsPlanByID(sp.SavingsPlanId)
	if got, want := plan.Used(), model.MustMoney("0.06912"); got != want {
		t.Errorf("used = %s, want %s", got, want)
	}
	start := plan.Start
	l.runUntil(start + 10*sim.Hour)
	bill := l.w.Bill()
	if got, want := bill.ForResource(sp.SavingsPlanId), model.MustMoney("1"); got != want {
		t.Errorf("commitment for 10 h = %s, want %s", got, want)
	}
	if got, _ := lineCost(bill, a, "Savings Plan"); got != 0 {
		t.Errorf("covered instance line = %s, want $0", got)
	}
	ran := int64(start + 10*sim.Hour - bRunning)
	ran = (ran + int64(sim.Second) - 1) / int64(sim.Second) * int64(sim.Second) // per-second billing rounds up
	if got, want := lineCostMust(t, bill, b, "On-Demand"), model.Prorate(m5Large, ran, int64(sim.Hour)); got != want {
		t.Errorf("uncovered instance = %s, want %s", got, want)
	}
}

func lineCostMust(t *testing.T, b model.Bill, res, text string) model.Money {
	t.Helper()
	m, ok := lineCost(b, res, text)
	if !ok {
		t.Fatalf("no %q line for %s", text, res)
	}
	return m
}

// TestSavingsPlanEligibility: an EC2 Instance plan covers one family in
// one Region; a Compute plan any instance; neither covers Spot (S62).
func TestSavingsPlanEligibility(t *testing.T) {
	spot := m5("")
	spot.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot"}
	c5 := m5("")
	c5.InstanceType = "c5.large"
	tests := []struct {
		name, plan, family string
		launch             model.RunInstancesInput
		want               string
	}{
		{"an EC2 Instance plan covers its family", model.PlanEC2Instance, "m5", m5(""), model.PricingSavingsPlan},
		{"an EC2 Instance plan does not cover another family", model.PlanEC2Instance, "m5", c5, model.PricingOnDemand},
		{"a Compute plan covers any family", model.PlanCompute, "", c5, model.PricingSavingsPlan},
		{"no plan covers Spot", model.PlanCompute, "", spot, model.PricingSpot},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			offs, err := l.w.DescribeSavingsPlansOfferings(asStudent, model.DescribeSavingsPlansOfferingsInput{
				PlanTypes: []string{tc.plan}, Durations: []int64{31536000}, PaymentOptions: []string{model.NoUpfront}, InstanceFamily: tc.family})
			l.ok(err)
			_, err = l.w.CreateSavingsPlan(asStudent, model.CreateSavingsPlanInput{SavingsPlanOfferingId: offs.SearchResults[0].OfferingId, Commitment: "1"})
			l.ok(err)
			if got := l.inst(l.running(asStudent, tc.launch)).Pricing; got != tc.want {
				t.Errorf("Pricing = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDedicatedTenancyBill is the worked example of a Dedicated Instance
// (S63): the m5.large rate times 1.1 = $0.1056 an hour, plus the $2 an
// hour Dedicated per-Region fee while any Dedicated Instance runs there.
func TestDedicatedTenancyBill(t *testing.T) {
	l := newLab(t, labConfig(1))
	in := m5("")
	in.Placement = &model.Placement{Tenancy: model.TenancyDedicated}
	id := l.running(asStudent, in)
	from := l.w.Now()
	l.runFor(sim.Hour)
	l.terminate(asStudent, id)
	bill := l.w.Bill()
	if got, want := lineCostMust(t, bill, id, "Dedicated On-Demand"), model.MustMoney("0.1056"); got != want {
		t.Errorf("one hour of a dedicated m5.large = %s, want %s", got, want)
	}
	fee, ok := lineCost(bill, "dedicated-fee/111122223333/us-east-1", "Dedicated per-Region fee")
	if want := model.MustMoney("2"); !ok || fee != want {
		t.Errorf("per-Region fee for 1 h = %s (found %t), want %s", fee, ok, want)
	}
	l.runFor(sim.Hour)
	if got, _ := lineCost(l.w.Bill(), "dedicated-fee/111122223333/us-east-1", "Dedicated"); got != fee {
		t.Errorf("the fee went on after the last Dedicated Instance stopped: %s, was %s at %s", got, fee, from+sim.Hour)
	}
}

// TestCapacityReservationBill is the worked example of a Capacity
// Reservation (S64): two m5.large slots with one used bill one unused slot
// at the On-Demand rate: 10 h × $0.096 = $0.96. Cancelled, it bills nothing
// more.
func TestCapacityReservationBill(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, m5("us-east-1a"))
	out, err := l.w.CreateCapacityReservation(asStudent, model.CreateCapacityReservationInput{
		InstanceType: "m5.large", InstancePlatform: "Linux/UNIX", AvailabilityZone: "us-east-1a", InstanceCount: 2})
	l.ok(err)
	cr := out.CapacityReservation.CapacityReservationId
	if got := l.inst(id).CapacityReservationId; got != cr {
		t.Errorf("the running matching instance did not move into the open reservation (%q)", got)
	}
	l.runFor(10 * sim.Hour)
	if got, want := l.w.Bill().ForResource(cr), model.MustMoney("0.96"); got != want {
		t.Errorf("one unused slot for 10 h = %s, want %s", got, want)
	}
	l.ok(l.w.CancelCapacityReservation(asStudent, model.CapacityReservationIDInput{CapacityReservationId: cr}))
	l.runFor(10 * sim.Hour)
	if got, want := l.w.Bill().ForResource(cr), model.MustMoney("0.96"); got != want {
		t.Errorf("after cancelling: %s, want still %s", got, want)
	}
}

// TestCapacityReservationRules: a targeted reservation takes only launches
// that name it, and a launch bigger than its free slots fails with
// ReservationCapacityExceeded (S64).
func TestCapacityReservationRules(t *testing.T) {
	l := newLab(t, labConfig(1))
	out, err := l.w.CreateCapacityReservation(asStudent, model.CreateCapacityReservationInput{
		InstanceType: "m5.large", AvailabilityZone: "us-east-1b", InstanceCount: 1, InstanceMatchCriteria: model.MatchTargeted})
	l.ok(err)
	cr := out.CapacityReservation.CapacityReservationId
	plain := l.running(asStudent, m5("us-east-1b"))
	if got := l.inst(plain).CapacityReservationId; got != "" {
		t.Errorf("an untargeted launch used a targeted reservation")
	}
	target := func(n int) model.RunInstancesInput {
		in := m5("")
		in.MinCount, in.MaxCount = n, n
		in.CapacityReservationSpecification = &model.CapacityReservationSpecification{CapacityReservationTarget: &model.CapacityReservationTarget{CapacityReservationId: cr}}
		return in
	}
	_, err = l.w.RunInstances(asStudent, target(2))
	l.code(err, model.ReservationCapacityExceeded)
	in := l.running(asStudent, target(1))
	if got := l.inst(in); got.CapacityReservationId != cr || got.AZ != "us-east-1b" {
		t.Errorf("targeted launch: reservation %q in %s, want %s in us-east-1b", got.CapacityReservationId, got.AZ, cr)
	}
	_, err = l.w.RunInstances(asStudent, target(1))
	l.code(err, model.ReservationCapacityExceeded)
}
