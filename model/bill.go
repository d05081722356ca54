package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// Category groups bill lines the way a student reads a bill.
type Category string

// Bill categories.
const (
	CatCompute     Category = "compute"
	CatMarketplace Category = "marketplace"
	CatEBS         Category = "ebs"
	CatSnapshot    Category = "snapshot"
	CatS3          Category = "s3"
	CatTransfer    Category = "data-transfer"
	CatIPv4        Category = "public-ipv4"
)

// Categories lists the categories in report order.
var Categories = []Category{CatCompute, CatMarketplace, CatEBS, CatSnapshot, CatS3, CatTransfer, CatIPv4}

// Unit is what a line's rate is per.
type Unit string

// Units.
const (
	Hours      Unit = "hours"
	GiBMonths  Unit = "GiB-months"
	IOPSMonths Unit = "IOPS-months"
	MiBpsMonth Unit = "MiB/s-months"
	GiB        Unit = "GiB"
)

// Line is one priced quantity: a resource's cost component in one calendar
// month. Quantity is kept exact in base units (milliseconds × amount, or
// GiB) over Per base units per priced unit; Cost is Rate × Qty ÷ Per,
// rounded once to the micro-dollar (see Prorate).
type Line struct {
	Resource    string
	Name        string // scenario name
	Account     string
	Region      string
	Category    Category
	Component   string // e.g. "t2.micro Linux On-Demand", "gp3 storage"
	Month       string // "2026-01"
	Unit        Unit
	Qty         int64
	Per         int64
	Rate        Money
	Approximate bool // the rate is not confirmed by a dated source
	Source      string
	Cost        Money
}

// Quantity is the line's quantity in its unit, as exact decimal text.
func (l Line) Quantity() string { return ratio(l.Qty, l.Per) }

func ratio(q, per int64) string {
	// Six decimals, rounded half up: display only.
	neg := q < 0
	if neg {
		q = -q
	}
	m := Prorate(1_000_000, q, per)
	s := Money(m).String()
	if neg {
		s = "-" + s
	}
	return s
}

// Bill is the cost of everything so far, at a simulated time.
type Bill struct {
	At    sim.Time
	Lines []Line
	Total Money // exactly the sum of the lines
}

// ByCategory sums the bill per category.
func (b Bill) ByCategory() map[Category]Money {
	m := map[Category]Money{}
	for _, l := range b.Lines {
		m[l.Category] += l.Cost
	}
	return m
}

// ForResource sums the lines of one resource (ID).
func (b Bill) ForResource(id string) Money {
	var t Money
	for _, l := range b.Lines {
		if l.Resource == id {
			t += l.Cost
		}
	}
	return t
}

type lineKey struct{ resource, component, month string }

type freeKey struct{ account, kind, month string }

// meter is an open, time-based charge: it accrues from start until closed.
type meter struct {
	tmpl     Line
	amount   int64    // GiB, IOPS, MiB/s above the free baseline; 1 for per-instance-hour things
	start    sim.Time // when it opened
	minimum  sim.Time // minimum billed duration per opening (60 s), 0 for none
	hourly   bool     // round each opening up to whole hours (SUSE)
	perMonth bool     // the rate is per month, prorated over the calendar month
	freeKind string   // which free-tier allowance it may draw on
	seq      int64
}

// ledger meters the world's resources. Closed charges live in lines; open
// meters are evaluated on demand, so the bill can be read at any time.
type ledger struct {
	w         *World
	lines     map[lineKey]*Line
	freeKind  map[lineKey]string  // the free-tier allowance a line may draw on
	settled   map[lineKey]int64   // free-tier share fixed when the line's meter closed
	open      map[string]*meter   // by resource + "/" + component
	byRes     map[string][]string // resource → its keys in open
	seq       int64
	resSeen   map[string]int64 // resource → first appearance, for report order
	total     Money            // sum of the lines' costs
	byCat     map[Category]Money
	lastMonth month // the month last looked up (see monthAt)

	keysOf  map[string][]lineKey // resource → its lines (nil in evaluation copies)
	retired []string             // resources gone for good whose lines are kept, oldest first
}

func newLedger(w *World) *ledger {
	return &ledger{w: w, lines: map[lineKey]*Line{}, freeKind: map[lineKey]string{}, settled: map[lineKey]int64{}, open: map[string]*meter{}, byRes: map[string][]string{}, resSeen: map[string]int64{}, byCat: map[Category]Money{}, keysOf: map[string][]lineKey{}}
}

const (
	msPerHour = int64(time.Hour / time.Millisecond)
	msPerDay  = int64(24 * time.Hour / time.Millisecond)
)

func (l *ledger) openMeter(m *meter) {
	l.seq++
	m.seq = l.seq
	if _, ok := l.resSeen[m.tmpl.Resource]; !ok {
		l.resSeen[m.tmpl.Resource] = l.seq
	}
	m.start = l.w.Now()
	k := m.tmpl.Resource + "/" + m.tmpl.Component
	if _, ok := l.open[k]; !ok {
		l.byRes[m.tmpl.Resource] = append(l.byRes[m.tmpl.Resource], k)
	}
	l.open[k] = m
}

// dropOpen removes a meter from the open set and its resource's index.
func (l *ledger) dropOpen(k string) {
	m, ok := l.open[k]
	if !ok {
		return
	}
	delete(l.open, k)
	res := m.tmpl.Resource
	keys := slices.DeleteFunc(l.byRes[res], func(x string) bool { return x == k })
	if len(keys) == 0 {
		delete(l.byRes, res)
	} else {
		l.byRes[res] = keys
	}
}

func (l *ledger) closeMeter(resource, component string) {
	k := resource + "/" + component
	m, ok := l.open[k]
	if !ok {
		return
	}
	l.dropOpen(k)
	l.settle(m)
}

func (l *ledger) closePrefix(resource string) {
	for _, k := range l.sortedOpenKeys(resource) {
		m := l.open[k]
		l.dropOpen(k)
		l.settle(m)
	}
}

// settle accrues a meter that has just closed (and left l.open). If it
// draws on the free tier, its lines keep the free share they have now: a
// closed charge is final, so usage that comes later, of a resource that
// appeared earlier, never takes the allowance back from a volume already
// deleted or an instance already stopped or terminated.
func (l *ledger) settle(m *meter) {
	l.accrue(m, l.w.Now())
	if m.freeKind == "" || !l.w.freeTier {
		return
	}
	for k, n := range l.atNow().freeShares() {
		if k.resource == m.tmpl.Resource && k.component == m.tmpl.Component {
			l.settled[k] = n
		}
	}
}

// accrue adds a meter's charge for [m.start, end) into the lines, split at
// calendar month boundaries. A minimum or a rounding up lengthens the billed
// span past end rather than piling the extra onto the last month, so each
// month's share of an open meter only grows as time passes: a bill read
// just before a month boundary is never more than one read just after.
func (l *ledger) accrue(m *meter, end sim.Time) {
	l.segments(m, end, func(month string, qty, per int64) { l.add(m, month, qty, per) })
}

// segments splits a meter's billed span up to end into calendar months.
func (l *ledger) segments(m *meter, end sim.Time, sink func(month string, qty, per int64)) {
	clock := l.w.Clock()
	billed := end - m.start
	if m.minimum > 0 && billed < m.minimum {
		billed = m.minimum
	}
	if m.hourly {
		billed = (billed + sim.Hour - 1) / sim.Hour * sim.Hour
	}
	if !m.perMonth && !m.hourly && m.minimum > 0 {
		billed = (billed + sim.Second - 1) / sim.Second * sim.Second // per-second billing
	}
	stop := m.start + billed
	for t := m.start; t < stop; {
		mo := l.monthAt(clock, t)
		segEnd := min(stop, mo.next)
		per := msPerHour
		if m.perMonth {
			per = int64(mo.next - mo.start) // ms in this calendar month
		}
		sink(mo.label, int64(segEnd-t)*m.amount, per)
		t = segEnd
	}
}

// month is a calendar month on the simulated timeline.
type month struct {
	start, next sim.Time
	label       string // "2026-01"
}

// monthAt finds the calendar month a time falls in, remembering the last
// one: nearly every question is about the same month.
func (l *ledger) monthAt(clock sim.Clock, t sim.Time) month {
	if m := l.lastMonth; m.label != "" && t >= m.start && t < m.next {
		return m
	}
	cal := clock.At(t)
	first := time.Date(cal.Year(), cal.Month(), 1, 0, 0, 0, 0, time.UTC)
	m := month{start: clock.Of(first), next: clock.Of(first.AddDate(0, 1, 0)), label: first.Format("2006-01")}
	l.lastMonth = m
	return m
}

// Summary is the bill's total and its categories, without the lines.
type Summary struct {
	Total      Money
	ByCategory map[Category]Money
}

// BillSummary is Bill's total and categories, computed without copying,
// building or sorting every line: only what the open meters add is worked
// out. With the free tier on, it reads the whole bill instead.
func (w *World) BillSummary() Summary {
	l := w.bill
	if w.freeTier {
		b := w.Bill()
		return Summary{b.Total, b.ByCategory()}
	}
	sum := Summary{Total: l.total, ByCategory: make(map[Category]Money, len(l.byCat)+1)}
	for k, v := range l.byCat {
		sum.ByCategory[k] = v
	}
	type extra struct {
		qty, per int64
		rate     Money
		cat      Category
	}
	add := make(map[lineKey]extra, len(l.open))
	now := w.Now()
	for _, m := range l.open {
		l.segments(m, now, func(month string, qty, per int64) {
			k := lineKey{m.tmpl.Resource, m.tmpl.Component, month}
			x, ok := add[k]
			if !ok {
				x = extra{per: per, rate: m.tmpl.Rate, cat: m.tmpl.Category}
			}
			x.qty += qty
			add[k] = x
		})
	}
	for k, x := range add { // exact integer sums: order cannot matter
		var base int64
		if ln, ok := l.lines[k]; ok {
			base = ln.Qty
		}
		d := Prorate(x.rate, base+x.qty, x.per) - Prorate(x.rate, base, x.per)
		sum.Total += d
		sum.ByCategory[x.cat] += d
	}
	return sum
}

// add records qty base units in a month. What the free tier covers is
// split off later, when the bill is read (see applyFreeTier).
func (l *ledger) add(m *meter, month string, qty, per int64) {
	if qty == 0 {
		return
	}
	k := l.addLine(m.tmpl, month, qty, per)
	if m.freeKind != "" {
		l.freeKind[k] = m.freeKind
	}
}

// freeShares is how much of each line its account's monthly free tier
// covers. Shares settled when their meters closed come first and never
// move; the rest of the allowance goes to lines in a fixed order (the
// resource's first appearance, then component), never in the order meters
// happened to close: with rates that differ (types, regions, volume types)
// a close-order split would move free hours to the dearer resource when it
// stops, and the bill would go down.
func (l *ledger) freeShares() map[lineKey]int64 {
	keys := make([]lineKey, 0, len(l.freeKind))
	for k := range l.freeKind {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lineKey) int {
		return cmp.Or(
			cmp.Compare(l.resSeen[a.resource], l.resSeen[b.resource]),
			cmp.Compare(a.resource, b.resource),
			cmp.Compare(a.component, b.component),
			cmp.Compare(a.month, b.month),
		)
	})
	used := map[freeKey]int64{} // allowance used, in base units
	shares := map[lineKey]int64{}
	for _, k := range keys {
		if n := l.settled[k]; n > 0 {
			used[freeKey{l.lines[k].Account, l.freeKind[k], k.month}] += n
			shares[k] = n
		}
	}
	for _, k := range keys {
		ln := l.lines[k]
		fk := freeKey{ln.Account, l.freeKind[k], k.month}
		if free := min(ln.Qty-shares[k], max(0, l.allowance(fk.kind, ln.Per)-used[fk])); free > 0 {
			used[fk] += free
			shares[k] += free
		}
	}
	return shares
}

// applyFreeTier splits off each line the part its account's monthly free
// tier covers (see freeShares).
func (l *ledger) applyFreeTier() {
	if !l.w.freeTier {
		return
	}
	shares := l.freeShares()
	keys := make([]lineKey, 0, len(shares))
	for k := range shares {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lineKey) int {
		return cmp.Or(cmp.Compare(a.resource, b.resource), cmp.Compare(a.component, b.component), cmp.Compare(a.month, b.month))
	})
	for _, k := range keys {
		free := shares[k]
		if free <= 0 {
			continue
		}
		ln := l.lines[k]
		fl := *ln
		fl.Component += " (free tier)"
		fl.Rate, fl.Approximate, fl.Source = 0, false, l.w.cat.Prices.FreeTier.Source
		l.addLine(fl, k.month, free, ln.Per)
		if ln.Qty -= free; ln.Qty == 0 {
			delete(l.lines, k)
		} else {
			ln.Cost = Prorate(ln.Rate, ln.Qty, ln.Per)
		}
	}
}

// allowance is a month's free tier in base units: 750 instance-hours, or
// 30 GiB-months (per is then the month's length in ms).
func (l *ledger) allowance(kind string, per int64) int64 {
	ft := l.w.cat.Prices.FreeTier
	if kind == "ebs" {
		return ft.EBSGiB * per
	}
	return ft.HoursPerMonth * msPerHour
}

func (l *ledger) addLine(tmpl Line, month string, qty, per int64) lineKey {
	k := lineKey{tmpl.Resource, tmpl.Component, month}
	ln, ok := l.lines[k]
	if !ok {
		c := tmpl
		c.Month, c.Qty, c.Per = month, 0, per
		ln = &c
		l.lines[k] = ln
		if l.keysOf != nil {
			l.keysOf[tmpl.Resource] = append(l.keysOf[tmpl.Resource], k)
		}
		if _, seen := l.resSeen[tmpl.Resource]; !seen {
			l.seq++
			l.resSeen[tmpl.Resource] = l.seq
		}
	}
	ln.Qty += qty
	cost := Prorate(ln.Rate, ln.Qty, ln.Per)
	l.total += cost - ln.Cost
	l.byCat[ln.Category] += cost - ln.Cost
	ln.Cost = cost
	return k
}

// clone copies the closed state, so open meters can be evaluated without
// changing the ledger.
func (l *ledger) clone() *ledger {
	c := &ledger{w: l.w, lines: make(map[lineKey]*Line, len(l.lines)), freeKind: make(map[lineKey]string, len(l.freeKind)), settled: make(map[lineKey]int64, len(l.settled)), open: l.open, byRes: l.byRes, seq: l.seq, resSeen: make(map[string]int64, len(l.resSeen)), total: l.total, byCat: make(map[Category]Money, len(l.byCat))}
	for k, v := range l.byCat {
		c.byCat[k] = v
	}
	for k, v := range l.lines {
		ln := *v
		c.lines[k] = &ln
	}
	for k, v := range l.settled {
		c.settled[k] = v
	}
	for k, v := range l.freeKind {
		c.freeKind[k] = v
	}
	for k, v := range l.resSeen {
		c.resSeen[k] = v
	}
	return c
}

// atNow is a copy of the ledger with every open meter accrued as if it
// closed now.
func (l *ledger) atNow() *ledger {
	c := l.clone()
	ms := make([]*meter, 0, len(l.open))
	for _, m := range l.open {
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b *meter) int { return cmp.Compare(a.seq, b.seq) })
	for _, m := range ms {
		c.accrue(m, l.w.Now())
	}
	return c
}

// Bill returns the bill as it stands now: every closed charge plus every
// open meter as if it closed now (so a running instance shows at least its
// 60-second minimum).
func (w *World) Bill() Bill {
	c := w.bill.atNow()
	c.applyFreeTier()
	b := Bill{At: w.Now()}
	for _, ln := range c.lines {
		if ln.Name == "" {
			ln.Name = w.nameOf[ln.Resource]
		}
		b.Lines = append(b.Lines, *ln)
		b.Total += ln.Cost
	}
	slices.SortFunc(b.Lines, func(x, y Line) int {
		return cmp.Or(
			cmp.Compare(x.Region, y.Region),
			cmp.Compare(c.resSeen[x.Resource], c.resSeen[y.Resource]),
			cmp.Compare(x.Resource, y.Resource),
			cmp.Compare(x.Month, y.Month),
			cmp.Compare(x.Component, y.Component),
		)
	})
	return b
}

// RunRate is what the resources alive now cost per hour if nothing
// changes: the open meters' rates.
func (w *World) RunRate() Money {
	var total Money
	for _, m := range w.bill.open { // a sum of exact integers: order cannot matter
		if m.perMonth {
			// A 730-hour month, the convention AWS's calculator uses.
			total += Prorate(m.tmpl.Rate, m.amount, 730)
		} else {
			total += m.tmpl.Rate * Money(m.amount)
		}
	}
	return total
}

// ---- prices --------------------------------------------------------------

type rate struct {
	usd    Money
	approx bool
	source string
}

func (w *World) regionFactor(region string) (Factor, bool) {
	r, ok := w.cat.Region(region)
	if !ok {
		return One, true
	}
	return r.factor, r.Approximate
}

// computeRate is the per-hour price of an instance: On-Demand Linux for
// its type and region, plus the platform's licence fee, times the Spot
// factor for Spot instances.
func (w *World) computeRate(inst *Instance) rate {
	p := w.cat.Prices
	var r rate
	found := false
	for _, e := range p.Compute {
		if e.Type == inst.Type && e.Region == inst.Region {
			r, found = rate{e.USD, e.Approximate, e.Source}, true
		}
	}
	if !found {
		for _, e := range p.Compute {
			if e.Type == inst.Type && e.Region == "us-east-1" {
				f, approx := w.regionFactor(inst.Region)
				r = rate{e.USD.Scale(f), e.Approximate || approx, e.Source + fmt.Sprintf(" × %s region factor", f)}
			}
		}
	}
	t, _ := w.cat.InstanceType(inst.Type)
	for _, fee := range p.PlatformFees {
		if fee.Platform == inst.Platform {
			per := fee.Other
			if t.Burstable {
				per = fee.Burstable
			}
			f, _ := w.regionFactor(inst.Region)
			r.usd += (per * Money(t.VCPU)).Scale(f)
			r.approx = r.approx || fee.Approximate
		}
	}
	if inst.Spot {
		r.usd = r.usd.Scale(w.cat.spot)
		r.approx = true
	}
	return r
}

func (w *World) ebsPrices(region string) (EBSPrices, bool) {
	for _, e := range w.cat.Prices.EBS {
		if e.Region == region {
			return e, false
		}
	}
	base := w.cat.Prices.EBS[0]
	f, _ := w.regionFactor(region)
	s := func(m Money) Money { return m.Scale(f) }
	e := EBSPrices{Region: region, Source: base.Source + " × region factor " + f.String(),
		GP3: s(base.GP3), GP3IOPS: s(base.GP3IOPS), GP3Throughput: s(base.GP3Throughput), GP2: s(base.GP2),
		IO1: s(base.IO1), IO1IOPS: s(base.IO1IOPS), IO2: s(base.IO2), ST1: s(base.ST1), SC1: s(base.SC1), Standard: s(base.Standard)}
	for _, t := range base.IO2IOPS {
		e.IO2IOPS = append(e.IO2IOPS, s(t))
	}
	return e, true
}

func (w *World) regional(p Priced, region string) rate {
	f, approx := w.regionFactor(region)
	if region == "us-east-1" {
		return rate{p.USD, p.Approximate, p.Source}
	}
	return rate{p.USD.Scale(f), p.Approximate || approx, p.Source + " × region factor " + f.String()}
}

func (w *World) isHourly(platform string) bool {
	return slices.Contains(w.cat.Prices.HourlyPlatforms, platform)
}

// ---- meters the world opens and closes -------------------------------------

func (l *ledger) base(resource, account, region string, cat Category, component string, unit Unit, r rate) Line {
	return Line{Resource: resource, Account: account, Region: region, Category: cat, Component: component, Unit: unit, Rate: r.usd, Approximate: r.approx, Source: r.source}
}

var platformTitle = map[string]string{"linux": "Linux", "ubuntu": "Ubuntu", "windows": "Windows", "suse": "SUSE"}

func (l *ledger) openCompute(inst *Instance) {
	w := l.w
	r := w.computeRate(inst)
	market := "On-Demand"
	if inst.Spot {
		market = "Spot"
	}
	m := &meter{
		tmpl:    l.base(inst.ID, inst.Owner, inst.Region, CatCompute, fmt.Sprintf("%s %s %s", inst.Type, platformTitle[inst.Platform], market), Hours, r),
		amount:  1,
		minimum: sim.Minute,
		hourly:  w.isHourly(inst.Platform),
	}
	if t, _ := w.cat.InstanceType(inst.Type); t.FreeTier && !inst.Spot && (inst.Platform == "linux" || inst.Platform == "ubuntu" || inst.Platform == "windows") {
		m.freeKind = "compute-" + map[bool]string{true: "windows", false: "linux"}[inst.Platform == "windows"]
	}
	l.openMeter(m)
	if inst.SoftwareFee > 0 {
		l.openMeter(&meter{
			tmpl:    l.base(inst.ID, inst.Owner, inst.Region, CatMarketplace, "Marketplace software "+inst.ProductCode, Hours, rate{inst.SoftwareFee, true, "the image's listing (example)"}),
			amount:  1,
			minimum: sim.Minute,
		})
	}
}

func (l *ledger) closeCompute(inst *Instance) {
	for _, k := range l.sortedOpenKeys(inst.ID) {
		m := l.open[k]
		if m.tmpl.Category == CatCompute || m.tmpl.Category == CatMarketplace {
			l.dropOpen(k)
			l.settle(m)
		}
	}
}

// sortedOpenKeys lists a resource's open meters, sorted, so closing them
// happens in the same order on every run.
func (l *ledger) sortedOpenKeys(resource string) []string {
	keys := slices.Clone(l.byRes[resource])
	slices.Sort(keys)
	return keys
}

func (l *ledger) openIPv4(inst *Instance) {
	r := l.w.regional(l.w.cat.Prices.PublicIPv4, "us-east-1") // one global rate
	l.openMeter(&meter{tmpl: l.base(inst.ID, inst.Owner, inst.Region, CatIPv4, "public IPv4 address", Hours, r), amount: 1})
}

func (l *ledger) closeIPv4(inst *Instance) { l.closeMeter(inst.ID, "public IPv4 address") }

// openVolume opens a volume's storage meter and, where they apply, its
// provisioned-performance meters.
func (l *ledger) openVolume(v *Volume) {
	w := l.w
	p, approx := w.ebsPrices(v.Region)
	rt := func(m Money) rate { return rate{m, approx, p.Source} }
	storage := map[string]Money{"gp3": p.GP3, "gp2": p.GP2, "io1": p.IO1, "io2": p.IO2, "st1": p.ST1, "sc1": p.SC1, "standard": p.Standard}[v.Type]
	mk := func(component string, unit Unit, r rate, amount int64) *meter {
		return &meter{tmpl: l.base(v.ID, v.Owner, v.Region, CatEBS, component, unit, r), amount: amount, minimum: sim.Minute, perMonth: true}
	}
	sm := mk(v.Type+" storage", GiBMonths, rt(storage), int64(v.SizeGiB))
	if v.Type == "gp3" || v.Type == "gp2" || v.Type == "standard" {
		sm.freeKind = "ebs"
	}
	l.openMeter(sm)
	pr := w.cat.Prices
	switch v.Type {
	case "gp3":
		if extra := int64(v.IOPS) - pr.GP3FreeIOPS; extra > 0 {
			l.openMeter(mk(fmt.Sprintf("gp3 IOPS above %d", pr.GP3FreeIOPS), IOPSMonths, rt(p.GP3IOPS), extra))
		}
		if extra := int64(v.Throughput) - pr.GP3FreeThroughput; extra > 0 {
			l.openMeter(mk(fmt.Sprintf("gp3 throughput above %d MiB/s", pr.GP3FreeThroughput), MiBpsMonth, rt(p.GP3Throughput), extra))
		}
	case "io1":
		l.openMeter(mk("io1 provisioned IOPS", IOPSMonths, rt(p.IO1IOPS), int64(v.IOPS)))
	case "io2":
		lo := int64(0)
		for i, hi := range append(slices.Clone(pr.IO2Tiers), 1<<40) {
			if n := min(int64(v.IOPS), hi) - lo; n > 0 && i < len(p.IO2IOPS) {
				l.openMeter(mk(fmt.Sprintf("io2 provisioned IOPS tier %d", i+1), IOPSMonths, rt(p.IO2IOPS[i]), n))
			}
			lo = hi
		}
	}
}

func (l *ledger) closeVolume(v *Volume) { l.closePrefix(v.ID) }

func (l *ledger) openSnapshot(s *Snapshot) {
	if s.Public {
		return
	}
	w := l.w
	sp := w.cat.Prices.Snapshot
	if s.Tier == "archive" {
		l.openMeter(&meter{tmpl: l.base(s.ID, s.Owner, s.Region, CatSnapshot, "snapshot archive storage", GiBMonths, w.regional(sp.Archive, s.Region)), amount: int64(s.StoredGiB), perMonth: true})
		return
	}
	l.openMeter(&meter{tmpl: l.base(s.ID, s.Owner, s.Region, CatSnapshot, "snapshot storage", GiBMonths, w.regional(sp.Standard, s.Region)), amount: int64(s.StoredGiB), perMonth: true})
}

// closeSnapshot stops a snapshot's meter. An archived snapshot deleted
// before its 90 days is charged for the rest of them.
func (l *ledger) closeSnapshot(s *Snapshot) {
	if s.Public {
		return
	}
	if s.Tier == "archive" {
		m, ok := l.open[s.ID+"/snapshot archive storage"]
		minEnd := s.ArchivedAt + sim.Time(l.w.cat.Prices.Snapshot.ArchiveDays)*sim.Day
		if ok && l.w.Now() < minEnd {
			l.dropOpen(s.ID + "/snapshot archive storage")
			l.accrue(m, l.w.Now())
			// The rest of the 90 days is charged at once, in the month of the
			// deletion, prorated over that month's length as storage is.
			tmpl := m.tmpl
			tmpl.Component = fmt.Sprintf("snapshot archive early deletion (%d-day minimum)", l.w.cat.Prices.Snapshot.ArchiveDays)
			cal := l.w.Clock().At(l.w.Now())
			first := time.Date(cal.Year(), cal.Month(), 1, 0, 0, 0, 0, time.UTC)
			monthMS := int64(l.w.Clock().Of(first.AddDate(0, 1, 0)) - l.w.Clock().Of(first))
			l.addLine(tmpl, first.Format("2006-01"), int64(minEnd-l.w.Now())*m.amount, monthMS)
			return
		}
	}
	l.closePrefix(s.ID)
}

func (l *ledger) openBundle(b *bundle) {
	l.openMeter(&meter{tmpl: l.base(b.Location, b.Owner, b.Region, CatS3, "S3 Standard (AMI bundle)", GiBMonths, l.w.regional(l.w.cat.Prices.S3Standard, b.Region)), amount: int64(b.GiB), perMonth: true})
}

// transfer bills inter-region data transfer for a copy, once.
func (l *ledger) transfer(account, from, to, resource string, gib int64) {
	if gib <= 0 {
		return
	}
	r := l.w.regional(l.w.cat.Prices.Transfer, from)
	tmpl := l.base(resource, account, from, CatTransfer, fmt.Sprintf("data transfer %s → %s", from, to), GiB, r)
	month := l.w.Clock().At(l.w.Now()).Format("2006-01")
	l.addLine(tmpl, month, gib, 1)
}
