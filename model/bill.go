package model

import (
	"cmp"
	"slices"
	"strings"

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

// Summary is the bill's total and its categories, without the lines.
type Summary struct {
	Total      Money
	ByCategory map[Category]Money
}

// BillSummary is Bill's total and categories, computed without copying,
// building or sorting every line: only what the open meters add is worked
// out. With the free tier on, which is shared out line by line, it sums
// the bill's lines as statementLines works them out, without naming or
// sorting them.
func (w *World) BillSummary() Summary {
	if w.bill.freeTier {
		lines, _ := w.bill.statementLines()
		s := Summary{ByCategory: map[Category]Money{}}
		for i := range lines {
			s.Total += lines[i].Cost
			s.ByCategory[lines[i].Category] += lines[i].Cost
		}
		return s
	}
	return w.bill.summary()
}

// Bill returns the bill as it stands now: every closed charge plus every
// open meter as if it closed now (so a running instance shows at least its
// 60-second minimum).
func (w *World) Bill() Bill {
	b := Bill{At: w.Now()}
	var lines []Line
	var seen []int64 // each line's resource's first appearance
	if w.bill.freeTier {
		lines, seen = w.bill.statementLines()
	} else {
		lines, seen = w.bill.linesNow()
	}
	// Sorted by one integer key (billOrder), the region's rank and then the
	// resource's appearance: a fleet's bill has tens of thousands of lines,
	// and comparing their strings chased a pointer per line per comparison.
	// Lines of one resource and region tie, and are ordered by their text.
	type entry struct {
		key uint64
		i   int
	}
	var order billOrder
	es := make([]entry, len(lines))
	for i := range lines {
		ln := &lines[i]
		if ln.Name == "" {
			ln.Name = w.billName(ln.Resource)
		}
		order.add(ln.Region)
		b.Total += ln.Cost
	}
	order.sort()
	for i := range es {
		es[i] = entry{order.key(lines[i].Region, seen[i]), i}
	}
	slices.SortFunc(es, func(ex, ey entry) int {
		if c := cmp.Compare(ex.key, ey.key); c != 0 {
			return c
		}
		x, y := &lines[ex.i], &lines[ey.i]
		return cmp.Or(
			cmp.Compare(x.Resource, y.Resource),
			cmp.Compare(x.Month, y.Month),
			cmp.Compare(x.Component, y.Component),
		)
	})
	b.Lines = make([]Line, len(es))
	for i, e := range es {
		b.Lines[i] = lines[e.i]
	}
	return b
}

// billName is what a bill calls a resource beside its ID: its scenario
// name, or, for the lines that fold retired resources, how many they fold.
func (w *World) billName(resource string) string {
	if n, ok := w.nameOf[resource]; ok {
		return n
	}
	if strings.HasPrefix(resource, RetiredResource+"/") {
		return w.bill.retiredText(resource)
	}
	return ""
}

// billOrder is the order of a bill's lines, as one integer key per line:
// its region's rank among the bill's regions, in name order, then its
// resource's first appearance. Lines of one resource in one region tie.
type billOrder struct{ regions []string }

func (o *billOrder) add(region string) {
	if !slices.Contains(o.regions, region) {
		o.regions = append(o.regions, region)
	}
}

// sort ranks the regions added; rank and key read the ranks.
func (o *billOrder) sort() { slices.Sort(o.regions) }

func (o billOrder) rank(region string) uint64 { return uint64(slices.Index(o.regions, region)) }

func (o billOrder) key(region string, seen int64) uint64 { return o.rank(region)<<48 | uint64(seen) }

// RunRate is what the resources alive now cost per hour if nothing
// changes: the open meters' rates.
func (w *World) RunRate() Money { return w.bill.runRate() }

// MonthAhead is what a 730-hour month of the resources metering now would
// cost if nothing changed: List at list price (every resource's
// MonthlyRate, summed: RunRate × 730 but for the per-hour rounding of
// per-month rates), and AfterFreeTier with each account's monthly free
// tier taken off, if the world has one (then FreeTier is true). A
// student's one free-tier instance costs $13 a month at list price and
// nothing after it.
func (w *World) MonthAhead() MonthAhead {
	list := w.bill.monthAhead()
	return MonthAhead{List: list, AfterFreeTier: max(0, list-w.bill.coveredMonth()), FreeTier: w.bill.freeTier}
}

// MonthAhead is World.MonthAhead's answer.
type MonthAhead struct {
	List, AfterFreeTier Money
	FreeTier            bool
}

// ResourceCost is what one resource has cost so far, as the bill lists it.
type ResourceCost struct {
	Resource   string
	Name       string // the scenario's name for it, if any
	Cost       Money
	Components []string // what its lines charge for, each once, in the bill's order
}

// TopCosts is the n resources that have cost the most so far, most
// expensive first, and how many more the bill lists. Resources that cost
// the same (a fleet's identical instances) keep the order the bill lists
// them in: TopCostsOf(w.Bill(), n) is the same answer, worked out from
// every line. Without the free tier this is worked out from the ledger,
// building no line: a fleet's bill has tens of thousands.
func (w *World) TopCosts(n int) (top []ResourceCost, more int) {
	if w.bill.freeTier {
		return TopCostsOf(w.Bill(), n)
	}
	n = max(n, 0)
	type cand struct {
		id      string
		e       *resEntry
		cost    Money
		regions []string // a resource in several regions (resEntry.mixed): all of them
		key     uint64   // where the bill first lists it (billOrder)
	}
	var all []cand
	var order billOrder
	w.bill.resourceCosts(func(id string, e *resEntry, cost Money) {
		c := cand{id: id, e: e, cost: cost}
		order.add(e.region)
		if e.mixed {
			w.bill.linesNowOf(e, func(region, _, _ string) {
				if !slices.Contains(c.regions, region) {
					c.regions = append(c.regions, region)
				}
				order.add(region)
			})
		}
		all = append(all, c)
	})
	order.sort()
	before := func(a, b cand) bool { // a is listed before b
		return a.cost > b.cost || a.cost == b.cost && a.key < b.key
	}
	best := make([]cand, 0, min(n, len(all))+1)
	for _, c := range all {
		c.key = order.key(c.e.region, c.e.seen)
		for _, r := range c.regions {
			c.key = min(c.key, order.key(r, c.e.seen))
		}
		best = keepBest(best, c, n, before)
	}
	top = make([]ResourceCost, len(best))
	for i, c := range best {
		top[i] = ResourceCost{Resource: c.id, Name: w.billName(c.id), Cost: c.cost, Components: w.bill.componentsNow(c.e, order)}
	}
	return top, len(all) - len(best)
}

// TopCostsOf is TopCosts worked out from a bill's lines: each resource's
// lines summed, and the first n of a stable sort by cost, most expensive
// first, so that a tie keeps the order the bill first lists them in. A
// resource's name and components come from its lines, in the bill's order.
func TopCostsOf(b Bill, n int) (top []ResourceCost, more int) {
	at := make(map[string]int, len(b.Lines))
	var sums []ResourceCost
	for _, ln := range b.Lines {
		i, ok := at[ln.Resource]
		if !ok {
			i = len(sums)
			at[ln.Resource] = i
			sums = append(sums, ResourceCost{Resource: ln.Resource, Name: ln.Name})
		}
		sums[i].Cost += ln.Cost
	}
	// The n best so far, in order: a newcomer goes after every kept one
	// that costs as much, as a stable sort puts it.
	n = max(n, 0)
	best := make([]int, 0, min(n, len(sums))+1)
	for j := range sums {
		best = keepBest(best, j, n, func(a, b int) bool { return sums[a].Cost > sums[b].Cost })
	}
	top = make([]ResourceCost, len(best))
	pos := make(map[string]int, len(best))
	for i, j := range best {
		top[i] = sums[j]
		pos[sums[j].Resource] = i
	}
	for _, ln := range b.Lines {
		if i, ok := pos[ln.Resource]; ok && !slices.Contains(top[i].Components, ln.Component) {
			top[i].Components = append(top[i].Components, ln.Component)
		}
	}
	return top, len(sums) - len(best)
}

// keepBest puts x into best, the first n of an order in order, if it
// belongs there: after every kept one it does not come before, so a tie
// goes after those kept earlier.
func keepBest[T any](best []T, x T, n int, before func(a, b T) bool) []T {
	if len(best) == n && (n == 0 || !before(x, best[n-1])) {
		return best
	}
	i, _ := slices.BinarySearchFunc(best, x, func(kept, x T) int {
		if before(x, kept) {
			return 1
		}
		return -1
	})
	best = slices.Insert(best, i, x)
	return best[:min(len(best), n)]
}
