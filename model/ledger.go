package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// component is what a meter charges a resource for. With the resource (and
// an io2 IOPS tier) it keys the open meters, so the text a bill line shows
// can change without changing what opens and closes.
type component uint8

const (
	compInstanceHours    component = iota + 1 // "t2.micro Linux On-Demand": type, platform, market
	compSoftware                              // "Marketplace software PRODUCT"
	compPublicIPv4                            // one public IPv4 address
	compVolumeStorage                         // "gp3 storage"
	compVolumeIOPS                            // IOPS above gp3's baseline, or io1/io2 provisioned IOPS
	compVolumeThroughput                      // MiB/s above gp3's baseline
	compSnapshotStorage                       // standard tier
	compArchiveStorage                        // archive tier
	compBundleStorage                         // an instance-store AMI's bundle in S3
)

// componentNames are the components' names: for those whose bill text has
// no parameter, exactly the text of their lines.
var componentNames = [...]string{
	compInstanceHours:    "instance hours",
	compSoftware:         "Marketplace software",
	compPublicIPv4:       "public IPv4 address",
	compVolumeStorage:    "volume storage",
	compVolumeIOPS:       "volume IOPS",
	compVolumeThroughput: "volume throughput",
	compSnapshotStorage:  "snapshot storage",
	compArchiveStorage:   "snapshot archive storage",
	compBundleStorage:    "S3 Standard (AMI bundle)",
}

func (c component) String() string {
	if int(c) < len(componentNames) && componentNames[c] != "" {
		return componentNames[c]
	}
	return fmt.Sprintf("component(%d)", uint8(c))
}

// part is one of a resource's meters: a resource has at most one per
// component and, for io2 provisioned IOPS, per pricing tier.
type part struct {
	comp component
	tier uint8 // io2 IOPS pricing tier, from 1; 0 for every other component
}

func (p part) compare(o part) int {
	return cmp.Or(cmp.Compare(p.comp, o.comp), cmp.Compare(p.tier, o.tier))
}

// allowance is which monthly free-tier allowance a charge may draw on.
type allowance uint8

const (
	noAllowance     allowance = iota
	linuxHours                // 750 Linux (or Ubuntu) instance-hours
	windowsHours              // 750 Windows instance-hours
	ebsStorage                // 30 GiB-months of gp3, gp2 or magnetic storage
	snapshotStorage           // 1 GiB-month of standard-tier snapshot storage
	ipv4Hours                 // 750 hours of in-use public IPv4 addresses (from 2024-02-01)
)

// lineKey names a line: a resource, what it charges (its description, which
// carries the type, platform and market that set the rate) and a month.
type lineKey struct{ resource, component, month string }

type freeKey struct {
	account string
	kind    allowance
	month   string
}

// lineTmpl is what a line has in common with every other line of the same
// charge: who pays, where, what for and at what rate. A fleet's thousands of
// lines share a handful (see ledger.intern), so a line or a meter is a
// pointer to one rather than a copy of its strings. It never changes once
// made.
type lineTmpl struct {
	Account, Region string
	Category        Category
	Component       string
	Unit            Unit
	Rate            Money
	Approximate     bool
	Source          string
}

// line is one of a resource's lines as the ledger keeps it: its template,
// its month and its sums. (public makes the Line a bill shows.)
type line struct {
	t        *lineTmpl
	month    string
	qty, per int64
	cost     Money
}

// public is the line as a bill lists it, for the resource it belongs to.
func (ln *line) public(resource string) Line {
	return ln.t.line(resource, ln.month, ln.qty, ln.per, ln.cost)
}

func (t *lineTmpl) line(resource, month string, qty, per int64, cost Money) Line {
	return Line{Resource: resource, Account: t.Account, Region: t.Region, Category: t.Category, Component: t.Component,
		Month: month, Unit: t.Unit, Qty: qty, Per: per, Rate: t.Rate, Approximate: t.Approximate, Source: t.Source, Cost: cost}
}

// meter is an open, time-based charge: it accrues from start until closed.
// It is one cache line: the ledger copies meters as it opens and closes
// them, tens of thousands in a fleet.
type meter struct {
	start   sim.Time // when it opened
	amount  int64    // GiB, IOPS, MiB/s above the free baseline; 1 for per-instance-hour things
	minimum sim.Time // minimum billed duration per opening (60 s), 0 for none
	// held is how long after start an open meter shows nothing on the bill
	// (0 for none): a Spot instance's first hour, which costs nothing if EC2
	// interrupts it (waiveCompute) and is charged in full if it ends any
	// other way. Holding it back keeps the bill from ever falling.
	held sim.Time

	hourly   bool // round each opening up to whole hours (SUSE)
	perMonth bool // the rate is per month, prorated over the calendar month
	// base says one of the meter's lines, for the month it opened in or a
	// later one, already had a quantity when it opened: only then does
	// reading the bill now need its lines. (A later month's line exists when
	// an earlier run's minimum or rounding billed it past the month's end.)
	// No other meter adds to a line while its meter is open, so otherwise
	// every base is zero.
	base bool
	// shared says another open meter of the resource charges under the same
	// text, so the two add to one line and are summed before it is rounded.
	shared   bool
	freeKind allowance

	part  part // with the owner's resource, the meter's key
	t     *lineTmpl
	seq   int64
	owner *resEntry // the resource's entry, whose slots hold the meter's index in ledger.open
}

// meterHot is what reading the bill now (summary) needs of an open meter,
// kept densely beside ledger.open, index for index: the summary scans
// every open meter on every read, and 48 bytes a meter stay in cache where
// a whole meter (four cache lines) does not. It is made from the meter
// (hotOf) wherever an open meter is stored or changed: openMeter,
// updateOpen and dropOpen.
type meterHot struct {
	start, held, minimum sim.Time
	amount               int64
	rate                 Money
	cat                  int8 // index in Categories; -1 for none there
	hourly, perMonth     bool
	base, shared         bool
}

func hotOf(m *meter) meterHot {
	return meterHot{start: m.start, held: m.held, minimum: m.minimum, amount: m.amount, rate: m.t.Rate,
		cat: int8(slices.Index(Categories, m.t.Category)), hourly: m.hourly, perMonth: m.perMonth, base: m.base, shared: m.shared}
}

// ledger meters the world's resources. Closed charges live in lines; open
// meters are evaluated on demand, so the bill can be read at any time. The
// world tells it what opens and closes; it reads the time through now and
// prices through its price book, and changes nothing outside itself.
type ledger struct {
	now      func() sim.Time // the world's simulated time
	clock    sim.Clock       // the world's calendar, fixed for its life
	prices   priceBook
	freeTier bool // accounts get the monthly free tier

	// lines index an evaluation copy's lines (see clone); the ledger itself
	// finds a line among its resource's (resEntry.find), which saves a
	// lookup, an insertion and a deletion in a map of every line for each.
	lines    map[lineKey]*Line
	nLines   int                   // lines, over every resource
	aggs     map[lineKey]*line     // the lines that fold retired resources (see fold)
	freeKind map[lineKey]allowance // the free-tier allowance a line may draw on
	settled  map[lineKey]int64     // free-tier share fixed when the line's meter closed
	// freeLines are the lines with a free kind, by the allowance they draw
	// on, and freeUsed what their settled shares sum to (see freeShareNow).
	freeLines map[freeKey][]lineKey
	freeUsed  map[freeKey]int64
	// wholeBillSettle settles a closing meter's free shares from the whole
	// bill shared out again (freeShares on a copy accrued to now), the
	// reference settleFree is held to by the tests. Tests only: it is
	// quadratic in the lines.
	wholeBillSettle bool
	// res holds what the ledger knows of each resource: its open meters,
	// its lines, when it first appeared. One lookup finds all three, which
	// is most of what opening or closing a meter costs. An evaluation copy
	// (see clone) shares it, read only.
	res  map[string]*resEntry
	eval bool // an evaluation copy: res is the original's, not to change
	// open holds the open meters by value, dense and in no order; each
	// resource's entry has their indices (see resEntry.slots). Reading the
	// bill now walks hot, beside it, not the resources.
	open      []meter
	hot       []meterHot // open's summary fields, index for index (see meterHot)
	seq       int64      // appearance order of resources and meters
	total     Money      // sum of the lines' costs
	byCat     map[Category]Money
	lastMonth month // the month last looked up (see monthAt)

	retired []*resEntry // resources gone for good whose lines are kept, oldest first
	// retiredAggs are the aggregates of gone resources, by account and
	// region (see fold); a copy has its own.
	retiredAggs map[[2]string]*retiredAgg
	// foldTo is, by template, the aggregate line its lines last folded
	// into and that line's month: a fleet folds thousands of lines of a few
	// templates a month, and this finds their aggregate without hashing
	// the account, region and component twice (see fold). A cache: a copy
	// starts without one.
	foldTo map[*lineTmpl]foldRef

	tmpls      map[lineTmpl]*lineTmpl // every template made, each once (see intern)
	recent     [4]*lineTmpl           // the templates interned last
	nextRecent int
}

func newLedger(now func() sim.Time, clock sim.Clock, prices priceBook, freeTier bool) *ledger {
	return &ledger{
		now: now, clock: clock, prices: prices, freeTier: freeTier,
		aggs: map[lineKey]*line{}, freeKind: map[lineKey]allowance{}, settled: map[lineKey]int64{},
		freeLines: map[freeKey][]lineKey{}, freeUsed: map[freeKey]int64{},
		res: map[string]*resEntry{}, byCat: map[Category]Money{}, tmpls: map[lineTmpl]*lineTmpl{},
	}
}

// intern is the one template equal to t. The few a fleet's meters open
// with are compared first (a string compares by its pointer first, and
// a meter's strings come from the same few places), before the map,
// which hashes every string.
func (l *ledger) intern(t lineTmpl) *lineTmpl {
	for _, p := range l.recent {
		if p != nil && *p == t {
			return p
		}
	}
	p, ok := l.tmpls[t]
	if !ok {
		p = new(lineTmpl)
		*p = t
		l.tmpls[t] = p
	}
	l.recent[l.nextRecent] = p
	l.nextRecent = (l.nextRecent + 1) % len(l.recent)
	return p
}

// resEntry is one resource in the ledger: where its open meters are in
// ledger.open, and its lines. A line leaves the ledger only with its whole
// entry (see fold), so the lines never move and aggs may point into them.
type resEntry struct {
	id     string  // the resource
	seen   int64   // first appearance, for report order
	cost   Money   // its lines' costs, summed (not kept for an aggregate: see agg)
	region string  // the region of its first line or meter
	mixed  bool    // it has lines or meters in another region too (a copied snapshot's transfer)
	agg    bool    // it holds the lines that fold retired resources (see fold)
	gone   bool    // retired: gone for good and in ledger.retired, once
	slots  []int32 // its open meters' indices in ledger.open, at most one per part
	// Most resources have one to three meters and one or two lines: the
	// slots and lines start in these, so an entry is one allocation. A
	// pointer into ledger.open holds only until a meter next opens or
	// closes.
	inSlots [3]int32
	inLines [2]line
	nLines  int     // inLines in use
	more    []*line // lines past inLines
}

func newResEntry(id string, seen int64) *resEntry {
	e := &resEntry{id: id, seen: seen}
	e.slots = e.inSlots[:0]
	return e
}

// inRegion notes that a line or meter of the resource is in a region.
func (e *resEntry) inRegion(r string) {
	if e.region == "" {
		e.region = r
	} else if r != e.region {
		e.mixed = true
	}
}

// newLine is room for one more of the resource's lines.
func (e *resEntry) newLine() *line {
	if e.nLines < len(e.inLines) {
		e.nLines++
		return &e.inLines[e.nLines-1]
	}
	ln := new(line)
	e.more = append(e.more, ln)
	return ln
}

// eachLine calls f with each of the resource's lines, in the order they
// were made.
func (e *resEntry) eachLine(f func(*line)) {
	for i := range e.nLines {
		f(&e.inLines[i])
	}
	for _, ln := range e.more {
		f(ln)
	}
}

// key is the line's key in l.lines.
func (ln *Line) key() lineKey { return lineKey{ln.Resource, ln.Component, ln.Month} }

// key is the key in l.lines of one of e's lines.
func (e *resEntry) key(ln *line) lineKey { return lineKey{e.id, ln.t.Component, ln.month} }

// find is the resource's line of a component in a month, or nil.
func (e *resEntry) find(component, month string) *line {
	for i := range e.nLines {
		if ln := &e.inLines[i]; ln.t.Component == component && ln.month == month {
			return ln
		}
	}
	for _, ln := range e.more {
		if ln.t.Component == component && ln.month == month {
			return ln
		}
	}
	return nil
}

// meter returns the resource's open meter of a part and its index, or nil.
func (l *ledger) meter(e *resEntry, p part) (*meter, int) {
	for i, s := range e.slots {
		if m := &l.open[s]; m.part == p {
			return m, i
		}
	}
	return nil, -1
}

// entry is a resource's entry, made at its first appearance.
func (l *ledger) entry(resource string) *resEntry {
	e, ok := l.res[resource]
	if !ok {
		l.seq++
		e = newResEntry(resource, l.seq)
		l.res[resource] = e
	}
	return e
}

// known is a resource's entry, or nil if the ledger has never seen it.
func (l *ledger) known(resource string) *resEntry { return l.res[resource] }

// entryOf is entry for a resource that keeps a handle on its entry in ref
// (Instance.bill, Volume.bill): after the first, no lookup. The handle
// holds as long as the entry does, which is until the resource is gone for
// good and folded (see fold); a copied world's resources start without one
// (see World.Clone).
func (l *ledger) entryOf(ref **resEntry, resource string) *resEntry {
	if *ref == nil {
		*ref = l.entry(resource)
	}
	return *ref
}

// billed is the entry a resource's handle holds, looked up if it holds
// none yet (known), or nil if the ledger has never seen the resource.
func (l *ledger) billed(ref **resEntry, resource string) *resEntry {
	if *ref == nil {
		*ref = l.known(resource)
	}
	return *ref
}

// seenAt is when a resource first appeared in the ledger, 0 if never.
func (l *ledger) seenAt(resource string) int64 {
	if e, ok := l.res[resource]; ok {
		return e.seen
	}
	return 0
}

// openMeter opens m for the resource whose entry is e, replacing its open
// meter of the same part.
func (l *ledger) openMeter(e *resEntry, m meter) {
	l.seq++
	m.seq = l.seq
	m.start = l.now()
	m.owner = e
	e.inRegion(m.t.Region)
	mo := l.monthAt(m.start).label
	e.eachLine(func(ln *line) { m.base = m.base || ln.t.Component == m.t.Component && ln.month >= mo })
	for _, s := range e.slots {
		if o := &l.open[s]; o.part != m.part && o.t.Component == m.t.Component {
			o.shared, m.shared = true, true
			l.hot[s].shared = true
		}
	}
	if o, i := l.meter(e, m.part); o != nil {
		*o = m
		l.hot[e.slots[i]] = hotOf(o)
		return
	}
	e.slots = append(e.slots, int32(len(l.open)))
	l.open = append(l.open, m)
	l.hot = append(l.hot, hotOf(&m))
}

// openMeterOf returns a resource's open meter of a part, or nil, to read:
// updateOpen changes one. A nil e is a resource never billed.
func (l *ledger) openMeterOf(e *resEntry, p part) *meter {
	if e == nil {
		return nil
	}
	m, _ := l.meter(e, p)
	return m
}

// updateOpen changes a resource's open meter of a part with f, if it is
// open.
func (l *ledger) updateOpen(e *resEntry, p part, f func(*meter)) {
	if e == nil {
		return
	}
	if m, i := l.meter(e, p); m != nil {
		f(m)
		l.hot[e.slots[i]] = hotOf(m)
	}
}

// dropOpen removes a resource's meter of a part from the open set, and
// returns it (false if it was not open). The last open meter takes its
// place in l.open.
func (l *ledger) dropOpen(e *resEntry, p part) (meter, bool) {
	if e == nil {
		return meter{}, false
	}
	mp, i := l.meter(e, p)
	if mp == nil {
		return meter{}, false
	}
	m, at := *mp, e.slots[i]
	e.slots = slices.Delete(e.slots, i, i+1)
	if last := int32(len(l.open) - 1); at != last {
		l.open[at], l.hot[at] = l.open[last], l.hot[last]
		moved := l.open[at].owner
		moved.slots[slices.Index(moved.slots, last)] = at
	}
	l.open[len(l.open)-1] = meter{}
	l.open, l.hot = l.open[:len(l.open)-1], l.hot[:len(l.hot)-1]
	return m, true
}

// closeMeter closes a resource's meter of a part, if it is open.
func (l *ledger) closeMeter(e *resEntry, p part) {
	if m, ok := l.dropOpen(e, p); ok {
		l.settle(&m)
	}
}

// closeWhere closes a resource's open meters whose component keep accepts
// (every one for a nil keep), in key order, the same on every run.
func (l *ledger) closeWhere(e *resEntry, keep func(component) bool) {
	if e == nil {
		return
	}
	var arr [8]part // a resource has a few meters: sorted without allocating
	parts := arr[:0]
	for _, s := range e.slots {
		parts = append(parts, l.open[s].part)
	}
	slices.SortFunc(parts, part.compare)
	for _, p := range parts {
		if keep == nil || keep(p.comp) {
			l.closeMeter(e, p)
		}
	}
}

// settle accrues a meter that has just closed (and left l.open). If it
// draws on the free tier, its lines keep the free share they have now: a
// closed charge is final, so usage that comes later, of a resource that
// appeared earlier, never takes the allowance back from a volume already
// deleted or an instance already stopped or terminated.
func (l *ledger) settle(m *meter) {
	l.accrue(m, l.now())
	if m.freeKind == noAllowance || !l.freeTier {
		return
	}
	if l.wholeBillSettle {
		for k, n := range l.atNow().freeShares() {
			if k.resource == m.owner.id && k.component == m.t.Component {
				l.setSettled(k, n)
			}
		}
		return
	}
	l.settleFree(m.owner, m.t.Component)
}

// settleFree fixes the free share of each of a resource's lines of a
// component (e is its entry) at what freeShares gives it now, without
// copying the ledger and sharing out every account's allowance as a bill
// does: each line's share is worked out from its own account, allowance
// and month alone (freeShareNow).
func (l *ledger) settleFree(e *resEntry, component string) {
	// A resource has one free-tier meter per component, so once this one
	// has closed, every line of the component is a real line: none is made
	// only by an open meter, whose share freeShareNow would not subtract.
	for _, s := range e.slots {
		if m := &l.open[s]; m.t.Component == component && m.freeKind != noAllowance {
			panic("model: two free-tier meters of " + e.id + " charge under " + component)
		}
	}
	e.eachLine(func(ln *line) {
		if ln.t.Component != component {
			return
		}
		k := e.key(ln)
		if n := l.freeShareNow(k); n > 0 {
			l.setSettled(k, n)
		}
	})
}

// setSettled fixes a line's settled free share, keeping its allowance's
// settled total.
func (l *ledger) setSettled(k lineKey, n int64) {
	fk, _ := l.freeLineOf(k)
	l.freeUsed[fk] += n - l.settled[k]
	l.settled[k] = n
}

// freeLineOf is what the free tier reads of a line as the bill reads it
// now: the allowance it draws on (its account's, of its kind, in its
// month; no kind if none) and what it is priced per. A line only an open
// meter adds to so far takes the meter's. k's resource must be in the
// ledger.
func (l *ledger) freeLineOf(k lineKey) (fk freeKey, per int64) {
	e := l.res[k.resource]
	if ln := e.find(k.component, k.month); ln != nil {
		return freeKey{ln.t.Account, l.freeKind[k], k.month}, ln.per
	}
	for _, s := range e.slots {
		if m := &l.open[s]; m.t.Component == k.component && m.freeKind != noAllowance {
			l.segments(m, l.now(), func(month string, _, p int64) {
				if month == k.month {
					per = p
				}
			})
			return freeKey{m.t.Account, m.freeKind, k.month}, per
		}
	}
	return freeKey{month: k.month}, 0
}

// freeShareNow is the free share freeShares would give one line of a
// resource now (l.atNow().freeShares()[k]), worked out from the lines and
// open meters of its own account, allowance and month only. freeShares
// gives the allowance left after the settled shares to the lines in
// order, each as much of what it still lacks (its quantity now less its
// settled share) as is left; so the lines before k get all they lack, up
// to what is left, and k gets what it lacks up to what is left after
// them. Once the settled shares use the whole allowance, which in a busy
// month is nearly always, that is k's settled share and nothing is read.
func (l *ledger) freeShareNow(k lineKey) int64 {
	fk, per := l.freeLineOf(k)
	if fk.kind == noAllowance {
		return 0
	}
	left := l.allowance(fk.kind, per) - l.freeUsed[fk]
	settled := l.settled[k]
	if left <= 0 {
		return settled
	}
	// What k and the lines before it (freeShares' order: first appearance,
	// resource, component) lack now, summed over their lines' quantities,
	// what open meters add to them, and their settled shares.
	seen := l.res[k.resource].seen
	before := func(resource, component string, at int64) bool {
		return cmp.Or(cmp.Compare(at, seen), cmp.Compare(resource, k.resource), cmp.Compare(component, k.component)) < 0
	}
	var lackBefore, lackK int64
	for _, c := range l.freeLines[fk] {
		e := l.res[c.resource]
		switch lack := e.find(c.component, c.month).qty - l.settled[c]; {
		case c == k:
			lackK += lack
		case before(c.resource, c.component, e.seen):
			lackBefore += lack
		}
	}
	if lackBefore >= left {
		return settled
	}
	now := l.now()
	for i := range l.open {
		m := &l.open[i]
		if m.freeKind != fk.kind || m.t.Account != fk.account || m.heldAt(now) {
			continue
		}
		isK := m.owner.id == k.resource && m.t.Component == k.component
		if !isK && !before(m.owner.id, m.t.Component, m.owner.seen) {
			continue
		}
		l.segments(m, now, func(month string, qty, _ int64) {
			switch {
			case month != fk.month:
			case isK:
				lackK += qty
			default:
				lackBefore += qty
			}
		})
	}
	return settled + max(0, min(lackK, left-min(left, lackBefore)))
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
// qty is in base units: milliseconds × amount; per is the base units of one
// priced unit (an hour, or the calendar month's length, in ms).
func (l *ledger) segments(m *meter, end sim.Time, sink func(month string, qty, per int64)) {
	stop := m.billedTo(end)
	for t := m.start; t < stop; {
		mo := l.monthAt(t)
		segEnd := min(stop, mo.next)
		per := int64(sim.Hour)
		if m.perMonth {
			per = mo.length()
		}
		sink(mo.label, int64(segEnd-t)*m.amount, per)
		t = segEnd
	}
}

// billedTo is where a meter's billed span ends if it closes at end: a
// minimum or a rounding up lengthens it.
func (m *meter) billedTo(end sim.Time) sim.Time {
	return billedTo(m.start, end, m.minimum, m.hourly, m.perMonth)
}

func billedTo(start, end, minimum sim.Time, hourly, perMonth bool) sim.Time {
	billed := end - start
	if minimum > 0 && billed < minimum {
		billed = minimum
	}
	if hourly {
		billed = (billed + sim.Hour - 1) / sim.Hour * sim.Hour
	}
	if !perMonth && !hourly && minimum > 0 {
		billed = (billed + sim.Second - 1) / sim.Second * sim.Second // per-second billing
	}
	return start + billed
}

// month is a calendar month on the simulated timeline.
type month struct {
	start, next sim.Time
	label       string // "2026-01"
}

// length is the month's length in ms: what a per-month rate is prorated over.
func (m month) length() int64 { return int64(m.next - m.start) }

// monthAt finds the calendar month a time falls in, remembering the last
// one: nearly every question is about the same month.
func (l *ledger) monthAt(t sim.Time) month {
	if m := l.lastMonth; m.label != "" && t >= m.start && t < m.next {
		return m
	}
	cal := l.clock.At(t)
	first := time.Date(cal.Year(), cal.Month(), 1, 0, 0, 0, 0, time.UTC)
	m := month{start: l.clock.Of(first), next: l.clock.Of(first.AddDate(0, 1, 0)), label: first.Format("2006-01")}
	l.lastMonth = m
	return m
}

// summary is the bill's total and categories without the free tier,
// computed without copying, building or sorting every line: only what the
// open meters add is worked out (openAdds).
func (l *ledger) summary() Summary {
	sum := Summary{Total: l.total, ByCategory: make(map[Category]Money, len(l.byCat)+1)}
	for k, v := range l.byCat {
		sum.ByCategory[k] = v
	}
	// What the meters add, by category: a handful, so a short list rather
	// than a map lookup per meter.
	type catSum struct {
		cat Category
		add Money
	}
	var arr [8]catSum
	cats := arr[:0]
	l.openAdds(func(_ int, c Category, d Money, _ bool) {
		sum.Total += d
		for i := range cats {
			if cats[i].cat == c {
				cats[i].add += d
				return
			}
		}
		cats = append(cats, catSum{c, d})
	})
	for _, c := range cats {
		sum.ByCategory[c.cat] += c.add
	}
	return sum
}

// openAdds calls add with what each open meter adds to the bill now: the
// change in its line's cost were it to close now (held meters add
// nothing), with i its index in l.open and accrues whether it adds any
// quantity. Each open meter adds to a line of its own, whose base is known
// without looking it up unless the line had a quantity when the meter
// opened (meter.base). Meters that share a line (meter.shared, rare) are
// summed per line first, so the line is rounded once, and reported once,
// with the index of one of them.
func (l *ledger) openAdds(add func(i int, cat Category, d Money, accrues bool)) {
	now := l.now()
	type shared struct {
		qty, per int64
		rate     Money
		cat      Category
		owner    *resEntry
		i        int
	}
	var sharedAdd map[lineKey]shared
	cur := l.monthAt(now)
	for i := range l.hot {
		h := &l.hot[i]
		if heldAt(h.start, h.held, now) {
			continue
		}
		// Nearly every meter opened this month and is not shared, and its
		// line had no quantity when it opened: its share is its own span,
		// worked out here from its summary fields without the general
		// split (the same sum).
		if !h.shared && !h.base && h.cat >= 0 && h.start >= cur.start {
			if stop := billedTo(h.start, now, h.minimum, h.hourly, h.perMonth); stop <= cur.next {
				per := int64(sim.Hour)
				if h.perMonth {
					per = cur.length()
				}
				qty := int64(stop-h.start) * h.amount
				add(i, Categories[h.cat], Prorate(h.rate, qty, per), qty != 0)
				continue
			}
		}
		m := &l.open[i]
		l.segments(m, now, func(month string, qty, per int64) {
			if m.shared {
				if sharedAdd == nil {
					sharedAdd = map[lineKey]shared{}
				}
				k := lineKey{m.owner.id, m.t.Component, month}
				x, ok := sharedAdd[k]
				if !ok {
					x = shared{per: per, rate: m.t.Rate, cat: m.t.Category, owner: m.owner, i: i}
				}
				x.qty += qty
				sharedAdd[k] = x
				return
			}
			var base int64
			if m.base {
				if ln := m.owner.find(m.t.Component, month); ln != nil {
					base = ln.qty
				}
			}
			add(i, m.t.Category, Prorate(m.t.Rate, base+qty, per)-Prorate(m.t.Rate, base, per), qty != 0)
		})
	}
	for k, x := range sharedAdd { // exact integer sums: order cannot matter
		var base int64
		if ln := x.owner.find(k.component, k.month); ln != nil {
			base = ln.qty
		}
		add(x.i, x.cat, Prorate(x.rate, base+x.qty, x.per)-Prorate(x.rate, base, x.per), x.qty != 0)
	}
}

// resourceCosts calls f with every resource the bill lists now (one with
// a line, or an open meter that adds to one) and what it costs so far:
// its lines plus what its open meters add, without the free tier. Order
// is the map's: the caller orders them (see World.TopCosts).
func (l *ledger) resourceCosts(f func(id string, e *resEntry, cost Money)) {
	adds := make([]Money, len(l.open))
	accrues := make([]bool, len(l.open))
	l.openAdds(func(i int, _ Category, d Money, q bool) {
		adds[i] += d
		accrues[i] = accrues[i] || q
	})
	for id, e := range l.res {
		cost := e.cost
		if e.agg { // a few per account and region: summed here rather than on every fold
			cost = 0
			e.eachLine(func(ln *line) { cost += ln.cost })
		}
		listed := e.nLines > 0
		for _, s := range e.slots {
			cost += adds[s]
			listed = listed || accrues[s]
		}
		if listed {
			f(id, e, cost)
		}
	}
}

// linesNowOf calls f with the region, month and text of each line the bill
// lists now for a resource: its lines, and the lines its open meters add
// to or make (some more than once).
func (l *ledger) linesNowOf(e *resEntry, f func(region, month, component string)) {
	e.eachLine(func(ln *line) { f(ln.t.Region, ln.month, ln.t.Component) })
	now := l.now()
	for _, s := range e.slots {
		m := &l.open[s]
		if m.heldAt(now) {
			continue
		}
		l.segments(m, now, func(month string, qty, _ int64) {
			if qty != 0 {
				f(m.t.Region, month, m.t.Component)
			}
		})
	}
}

// componentsNow are the texts of a resource's lines as the bill lists
// them now, each once, in the bill's order (see billOrder).
func (l *ledger) componentsNow(e *resEntry, order billOrder) []string {
	type line struct {
		rank        uint64
		month, comp string
	}
	var all []line
	l.linesNowOf(e, func(region, month, comp string) { all = append(all, line{order.rank(region), month, comp}) })
	slices.SortFunc(all, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.month, b.month), cmp.Compare(a.comp, b.comp))
	})
	var out []string
	for _, x := range all {
		if !slices.Contains(out, x.comp) {
			out = append(out, x.comp)
		}
	}
	return out
}

// add records qty base units in a month. What the free tier covers is
// split off later, when the bill is read (see statementLines).
func (l *ledger) add(m *meter, month string, qty, per int64) {
	if qty == 0 {
		return
	}
	k := l.addLine(m.owner, m.t, month, qty, per)
	if m.freeKind != noAllowance && l.freeTier { // only the free tier reads it
		if _, ok := l.freeKind[k]; !ok && !l.eval {
			fk := freeKey{m.t.Account, m.freeKind, month}
			l.freeLines[fk] = append(l.freeLines[fk], k)
		}
		l.freeKind[k] = m.freeKind
	}
}

// freeShares is how much of each line its account's monthly free tier
// covers. Shares settled when their meters closed come first and never
// move; the rest of the allowance goes to lines in a fixed order (the
// resource's first appearance, then component), never in the order meters
// happened to close: with rates that differ (types, regions, volume types)
// a close-order split would move free hours to the dearer resource when it
// stops, and the bill would go down. It reads an evaluation copy (atNow),
// whose lines are indexed by key.
func (l *ledger) freeShares() map[lineKey]int64 {
	keys := make([]lineKey, 0, len(l.freeKind))
	for k := range l.freeKind {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lineKey) int {
		return cmp.Or(
			cmp.Compare(l.seenAt(a.resource), l.seenAt(b.resource)),
			cmp.Compare(a.resource, b.resource),
			cmp.Compare(a.component, b.component),
			cmp.Compare(a.month, b.month),
		)
	})
	got := l.shareOut(len(keys), func(i int) (freeKey, int64, int64, int64) {
		k := keys[i]
		ln := l.lines[k]
		return freeKey{ln.Account, l.freeKind[k], k.month}, ln.Qty, ln.Per, l.settled[k]
	})
	shares := map[lineKey]int64{}
	for i, n := range got {
		if n > 0 {
			shares[keys[i]] = n
		}
	}
	return shares
}

// shareOut shares each account's monthly allowances out over n lines in
// freeShares' order: first each line's settled share, then, line by line,
// as much of what it still lacks (its quantity less that share) as its
// allowance has left. line(i) is the i-th line's allowance, quantity,
// price unit and settled share.
func (l *ledger) shareOut(n int, line func(i int) (fk freeKey, qty, per, settled int64)) []int64 {
	used := map[freeKey]int64{} // allowance used, in base units
	shares := make([]int64, n)
	for i := range n {
		if fk, _, _, settled := line(i); settled > 0 {
			used[fk] += settled
			shares[i] = settled
		}
	}
	for i := range n {
		fk, qty, per, _ := line(i)
		if free := min(qty-shares[i], max(0, l.allowance(fk.kind, per)-used[fk])); free > 0 {
			used[fk] += free
			shares[i] += free
		}
	}
	return shares
}

// splitFree takes a line's free share off it and returns that share as a
// line of its own, at no cost; the line keeps the rest, at its rate.
func (l *ledger) splitFree(ln *Line, free int64) Line {
	fl := *ln
	fl.Component += " (free tier)"
	fl.Rate, fl.Approximate, fl.Source = 0, false, l.prices.p.FreeTier.Source
	fl.Qty, fl.Cost = free, 0
	ln.Qty -= free
	ln.Cost = Prorate(ln.Rate, ln.Qty, ln.Per)
	return fl
}

// allowance is a month's free tier in base units: 750 instance-hours, or
// 30 GiB-months (per is then the month's length in ms).
func (l *ledger) allowance(kind allowance, per int64) int64 {
	ft := l.prices.p.FreeTier
	switch kind {
	case ebsStorage:
		return ft.EBSGiB * per
	case snapshotStorage:
		return ft.SnapshotGiB * per
	case ipv4Hours:
		return ft.IPv4Hours * int64(sim.Hour)
	}
	return ft.HoursPerMonth * int64(sim.Hour)
}

// addLine adds qty base units to the line of a resource (whose entry is
// e) and template in a month, opening it if need be.
func (l *ledger) addLine(e *resEntry, t *lineTmpl, month string, qty, per int64) lineKey {
	k := lineKey{e.id, t.Component, month}
	// What the line's cost changes by, in its category (the line's own:
	// a line's category never changes).
	var delta Money
	var cat Category
	if l.eval { // a copy's lines go with it, public: nothing folds them
		ln := l.lines[k]
		if ln == nil {
			ln = new(Line)
			*ln = t.line(e.id, month, 0, per, 0)
			l.lines[k] = ln
			l.nLines++
		}
		ln.Qty += qty
		cost := Prorate(ln.Rate, ln.Qty, ln.Per)
		ln.Cost, delta, cat = cost, cost-ln.Cost, ln.Category
	} else {
		ln := e.find(t.Component, month)
		if ln == nil {
			ln = e.newLine()
			*ln = line{t: t, month: month, per: per}
			l.nLines++
		}
		e.inRegion(t.Region)
		ln.qty += qty
		cost := Prorate(ln.t.Rate, ln.qty, ln.per)
		ln.cost, delta, cat = cost, cost-ln.cost, ln.t.Category
		e.cost += delta
	}
	l.total += delta
	l.byCat[cat] += delta
	return k
}

// clone copies the closed state, so open meters can be evaluated without
// changing the ledger. The copy shares the open meters: it must not open
// or close any.
func (l *ledger) clone() *ledger {
	c := &ledger{now: l.now, clock: l.clock, prices: l.prices, freeTier: l.freeTier,
		lines: make(map[lineKey]*Line, l.nLines), nLines: l.nLines, freeKind: make(map[lineKey]allowance, len(l.freeKind)),
		settled: make(map[lineKey]int64, len(l.settled)), res: l.res, open: l.open, hot: l.hot, eval: true, seq: l.seq,
		total: l.total, byCat: make(map[Category]Money, len(l.byCat))}
	for k, v := range l.byCat {
		c.byCat[k] = v
	}
	for _, e := range l.res {
		e.eachLine(func(v *line) {
			ln := v.public(e.id)
			c.lines[ln.key()] = &ln
		})
	}
	for k, v := range l.settled {
		c.settled[k] = v
	}
	for k, v := range l.freeKind {
		c.freeKind[k] = v
	}
	return c
}

// deepClone copies the ledger for another world, whose time is now, open
// meters included.
func (l *ledger) deepClone(now func() sim.Time) *ledger {
	c := *l
	c.now = now
	c.prices = l.prices.fresh()
	// Every line belongs to an entry: copying the entries copies the lines.
	c.res = make(map[string]*resEntry, len(l.res))
	c.aggs = make(map[lineKey]*line, len(l.aggs))
	c.tmpls = maps.Clone(l.tmpls) // the templates never change: shared
	c.open, c.hot = slices.Clone(l.open), slices.Clone(l.hot)
	slab := make([]resEntry, len(l.res)) // one allocation, as in cloneSlab
	i := 0
	for r, e := range l.res {
		x := &slab[i]
		i++
		*x = resEntry{id: e.id, seen: e.seen, cost: e.cost, region: e.region, mixed: e.mixed, agg: e.agg, gone: e.gone, inLines: e.inLines, nLines: e.nLines}
		x.slots = append(x.inSlots[:0], e.slots...)
		for _, s := range x.slots {
			c.open[s].owner = x
		}
		for _, ln := range e.more {
			m := *ln
			x.more = append(x.more, &m)
		}
		if x.agg {
			x.eachLine(func(ln *line) { c.aggs[lineKey{x.id, ln.t.Component, ln.month}] = ln })
		}
		c.res[r] = x
	}
	c.freeKind = maps.Clone(l.freeKind)
	c.settled = maps.Clone(l.settled)
	c.freeLines = cloneMap(l.freeLines, slices.Clone[[]lineKey])
	c.freeUsed = maps.Clone(l.freeUsed)
	c.byCat = maps.Clone(l.byCat)
	c.retired = make([]*resEntry, len(l.retired))
	for i, e := range l.retired {
		c.retired[i] = c.res[e.id]
	}
	c.retiredAggs = cloneMap(l.retiredAggs, func(ra *retiredAgg) *retiredAgg { x := *ra; return &x })
	c.foldTo = nil // it points into this ledger's aggregates
	return &c
}

// atNow is a copy of the ledger with every open meter accrued as if it
// closed now.
func (l *ledger) atNow() *ledger {
	c := l.clone()
	ms := make([]*meter, len(l.open))
	for i := range l.open {
		ms[i] = &l.open[i]
	}
	slices.SortFunc(ms, func(a, b *meter) int { return cmp.Compare(a.seq, b.seq) })
	now := l.now()
	for _, m := range ms {
		if !m.heldAt(now) {
			c.accrue(m, now)
		}
	}
	return c
}

// linesNow is every line as the bill reads it now, without the free tier:
// each resource's lines with its open meters accrued as if they closed now
// (what a copy accrued to now, atNow, holds: held meters left out), worked
// out resource by resource in the result itself rather than in a copy of
// the ledger.
// seen[i] is line i's resource's first appearance.
func (l *ledger) linesNow() (lines []Line, seen []int64) {
	lines, seen, _ = l.linesNowKinds(false)
	return lines, seen
}

// linesNowKinds is linesNow, and with kinds the free-tier allowance each
// line draws on (noAllowance for none) as a copy accrued to now would have
// it: the line's own, or that of the open meter adding to it.
func (l *ledger) linesNowKinds(withKinds bool) (lines []Line, seen []int64, kinds []allowance) {
	n := l.nLines + len(l.open)
	if withKinds { // room for the free-tier lines statementLines adds
		n += len(l.freeKind) + len(l.open)
	}
	lines, seen = make([]Line, 0, n), make([]int64, 0, n)
	if withKinds {
		kinds = make([]allowance, 0, n)
	}
	now := l.now()
	for _, e := range l.res {
		first := len(lines)
		e.eachLine(func(ln *line) {
			lines, seen = append(lines, ln.public(e.id)), append(seen, e.seen)
			if withKinds {
				kinds = append(kinds, l.freeKind[e.key(ln)])
			}
		})
		for _, s := range e.slots {
			m := &l.open[s]
			if m.heldAt(now) {
				continue
			}
			l.segments(m, now, func(month string, qty, per int64) {
				if qty == 0 {
					return
				}
				i := first
				for ; i < len(lines); i++ {
					if lines[i].Component == m.t.Component && lines[i].Month == month {
						break
					}
				}
				if i == len(lines) {
					lines, seen = append(lines, m.t.line(e.id, month, 0, per, 0)), append(seen, e.seen)
					if withKinds {
						kinds = append(kinds, noAllowance)
					}
				}
				ln := &lines[i]
				ln.Qty += qty
				ln.Cost = Prorate(ln.Rate, ln.Qty, ln.Per)
				if withKinds && m.freeKind != noAllowance {
					kinds[i] = m.freeKind
				}
			})
		}
	}
	return lines, seen, kinds
}

// statementLines is every line of the bill now with the free tier split
// off, with its resource's first appearance: the lines of a copy accrued to
// now (atNow), each with its share of its allowance (freeShares, in the
// same order, through the same shareOut) split off as a line of its own
// (splitFree). It works them out from linesNow and the free-tier lines
// alone, rather than copying every line of the ledger into maps and
// accruing every open meter into the copy: a bill with the free tier on is
// read every frame the TUI draws. The tests hold it to that copy.
func (l *ledger) statementLines() (lines []Line, seen []int64) {
	lines, seen, kinds := l.linesNowKinds(true)
	var free []int // the lines that draw on an allowance, in freeShares' order
	for i, k := range kinds {
		if k != noAllowance {
			free = append(free, i)
		}
	}
	// A resource's first appearance is its own (every entry takes the next
	// sequence number), so it orders resources as (appearance, resource)
	// does, and texts are compared only among one resource's lines.
	slices.SortFunc(free, func(a, b int) int {
		if c := cmp.Compare(seen[a], seen[b]); c != 0 {
			return c
		}
		x, y := &lines[a], &lines[b]
		return cmp.Or(cmp.Compare(x.Component, y.Component), cmp.Compare(x.Month, y.Month))
	})
	shares := l.shareOut(len(free), func(j int) (freeKey, int64, int64, int64) {
		ln := &lines[free[j]]
		return freeKey{ln.Account, kinds[free[j]], ln.Month}, ln.Qty, ln.Per, l.settled[lineKey{ln.Resource, ln.Component, ln.Month}]
	})
	covered := 0 // lines the free tier covers whole, left out below
	for j, i := range free {
		if shares[j] <= 0 {
			continue
		}
		lines, seen = append(lines, l.splitFree(&lines[i], shares[j])), append(seen, seen[i])
		if lines[i].Qty == 0 {
			covered++
		}
	}
	if covered > 0 {
		drop := make([]bool, len(lines))
		for j, i := range free {
			drop[i] = shares[j] > 0 && lines[i].Qty == 0
		}
		k := 0
		for i := range lines {
			if !drop[i] {
				lines[k], seen[k] = lines[i], seen[i]
				k++
			}
		}
		lines, seen = lines[:k], seen[:k]
	}
	return lines, seen
}

// heldAt reports whether an open meter is still held back from the bill.
func (m *meter) heldAt(now sim.Time) bool { return heldAt(m.start, m.held, now) }

func heldAt(start, held, now sim.Time) bool { return held > 0 && now < start+held }

// runRate is what the open meters cost per hour if nothing changes.
func (l *ledger) runRate() Money {
	var total Money
	for _, m := range l.open { // a sum of exact integers: order cannot matter
		if m.perMonth {
			// A 730-hour month, the convention AWS's calculator uses.
			total += Prorate(m.t.Rate, m.amount, 730)
		} else {
			total += m.t.Rate * Money(m.amount)
		}
	}
	return total
}

// monthAhead is a 730-hour month of the open meters at list price: the sum
// of every resource's monthlyRate.
func (l *ledger) monthAhead() Money {
	var total Money
	for i := range l.open { // a sum of exact integers: order cannot matter
		total += l.open[i].perMonthRate()
	}
	return total
}

// perMonthRate is what an open meter costs per 730-hour month.
func (m *meter) perMonthRate() Money {
	if m.perMonth {
		return m.t.Rate * Money(m.amount)
	}
	return m.t.Rate * Money(m.amount) * 730
}

// coveredMonth is what the free tier would take off a 730-hour month of
// the open meters (monthAhead, if nothing changed): each account's
// allowance of a kind goes to its meters in the order the bill shares
// allowances out (the resource's first appearance, then the component),
// each taking what it would use in the month. Held meters count in full:
// their hold is their first hour only. 0 without the free tier.
func (l *ledger) coveredMonth() Money {
	if !l.freeTier {
		return 0
	}
	const month = int64(730 * sim.Hour)
	var free []*meter
	for i := range l.open {
		if l.open[i].freeKind != noAllowance {
			free = append(free, &l.open[i])
		}
	}
	slices.SortFunc(free, func(a, b *meter) int {
		return cmp.Or(cmp.Compare(a.t.Account, b.t.Account), cmp.Compare(a.freeKind, b.freeKind),
			cmp.Compare(a.owner.seen, b.owner.seen), cmp.Compare(a.owner.id, b.owner.id), cmp.Compare(a.t.Component, b.t.Component))
	})
	var covered Money
	var left int64
	for i, m := range free {
		if i == 0 || m.t.Account != free[i-1].t.Account || m.freeKind != free[i-1].freeKind {
			left = l.allowance(m.freeKind, month) // a month's length in ms is per for a per-month kind
		}
		per := int64(sim.Hour)
		if m.perMonth {
			per = month
		}
		take := min(m.amount*month, left)
		left -= take
		covered += Prorate(m.t.Rate, take, per)
	}
	return covered
}

// monthlyRate is what a resource's open meters cost per 730-hour month.
func (l *ledger) monthlyRate(resource string) Money {
	var total Money
	e, ok := l.res[resource]
	if !ok {
		return 0
	}
	for _, s := range e.slots { // a sum of exact integers: order cannot matter
		total += l.open[s].perMonthRate()
	}
	return total
}

// ---- meters the world opens and closes -------------------------------------

// newMeter makes a meter of a part, to open for a resource (openMeter).
func (l *ledger) newMeter(p part, account, region string, cat Category, text string, unit Unit, r rate, amount int64) meter {
	return meter{part: p, amount: amount, t: l.intern(lineTmpl{Account: account, Region: region, Category: cat,
		Component: text, Unit: unit, Rate: r.usd, Approximate: r.approx, Source: r.source})}
}

var platformTitle = map[string]string{"linux": "Linux", "ubuntu": "Ubuntu", "windows": "Windows", "suse": "SUSE"}

// openCompute starts an instance's hours, and its Marketplace software fee
// if its image has one: per second with a one-minute minimum, or in whole
// hours on an hourly platform.
func (l *ledger) openCompute(inst *Instance) {
	market := "On-Demand"
	if inst.Spot {
		market = "Spot"
	}
	r, free := l.prices.compute(inst), l.prices.instanceAllowance(inst)
	if cm, ok := coveredMarket(inst); ok { // a commitment pays: see purchasing.go
		market, r, free = cm, rate{0, false, "covered: the commitment's own lines carry the cost"}, noAllowance
	}
	if inst.Tenancy == TenancyDedicated {
		market = "Dedicated " + market
	}
	m := l.newMeter(part{compInstanceHours, 0}, inst.Owner, inst.Region, CatCompute,
		l.prices.computeText(inst.Type, inst.Platform, market), Hours, r, 1)
	m.minimum, m.hourly, m.freeKind = sim.Minute, l.prices.hourly(inst.Platform), free
	if inst.Spot {
		m.held = sim.Hour
	}
	e := l.entryOf(&inst.bill, inst.ID)
	l.openMeter(e, m)
	if inst.SoftwareFee > 0 {
		sw := l.newMeter(part{compSoftware, 0}, inst.Owner, inst.Region, CatMarketplace,
			compSoftware.String()+" "+inst.ProductCode, Hours, rate{inst.SoftwareFee, true, "the image's listing (example)"}, 1)
		sw.minimum = sim.Minute
		l.openMeter(e, sw)
	}
}

// closeCompute stops an instance's hours and software fee; its public IPv4
// address and volumes bill on.
func (l *ledger) closeCompute(inst *Instance) {
	l.closeWhere(l.billed(&inst.bill, inst.ID), func(c component) bool { return c == compInstanceHours || c == compSoftware })
}

// waiveCompute drops an instance's open instance-hours meter without
// charging it: the run it measured is free (a Spot instance that EC2
// interrupts within its first instance hour, S36). A software fee is the
// seller's and stays.
func (l *ledger) waiveCompute(inst *Instance) {
	l.dropOpen(l.billed(&inst.bill, inst.ID), part{compInstanceHours, 0})
}

func (l *ledger) openIPv4(inst *Instance) {
	r := l.prices.regional(l.prices.p.PublicIPv4, "us-east-1") // one global rate
	m := l.newMeter(part{compPublicIPv4, 0}, inst.Owner, inst.Region, CatIPv4, compPublicIPv4.String(), Hours, r, 1)
	m.freeKind = ipv4Hours // in use by an instance: the free tier covers it
	l.openMeter(l.entryOf(&inst.bill, inst.ID), m)
}

func (l *ledger) closeIPv4(inst *Instance) {
	l.closeMeter(l.billed(&inst.bill, inst.ID), part{compPublicIPv4, 0})
}

// openVolume opens a volume's storage meter and, where they apply, its
// provisioned-performance meters.
func (l *ledger) openVolume(v *Volume) {
	p, approx, own := l.prices.ebs(v.Region)
	pr := l.prices.p
	open := func(comp component, tier uint8, text string, unit Unit, r rate, amount int64) meter {
		m := l.newMeter(part{comp, tier}, v.Owner, v.Region, CatEBS, text, unit, r, amount)
		m.minimum, m.perMonth = sim.Minute, true
		return m
	}
	storage := rate{p.storage(v.Type), approx, p.Source}
	if o, ok := own[v.Type]; ok { // a storage rate the region gives itself
		storage = o
	}
	sm := open(compVolumeStorage, 0, volumeStorageText(v.Type), GiBMonths, storage, int64(v.SizeGiB))
	if v.Type == "gp3" || v.Type == "gp2" || v.Type == "standard" {
		sm.freeKind = ebsStorage
	}
	e := l.entryOf(&v.bill, v.ID)
	l.openMeter(e, sm)
	switch v.Type {
	case "gp3":
		if extra := int64(v.IOPS) - pr.GP3FreeIOPS; extra > 0 {
			l.openMeter(e, open(compVolumeIOPS, 0, fmt.Sprintf("gp3 IOPS above %d", pr.GP3FreeIOPS), IOPSMonths, rate{p.GP3IOPS, approx, p.Source}, extra))
		}
		if extra := int64(v.Throughput) - pr.GP3FreeThroughput; extra > 0 {
			l.openMeter(e, open(compVolumeThroughput, 0, fmt.Sprintf("gp3 throughput above %d MiB/s", pr.GP3FreeThroughput), MiBpsMonth, rate{p.GP3Throughput, approx, p.Source}, extra))
		}
	case "io1":
		l.openMeter(e, open(compVolumeIOPS, 0, "io1 provisioned IOPS", IOPSMonths, rate{p.IO1IOPS, approx, p.Source}, int64(v.IOPS)))
	case "io2":
		lo := int64(0)
		for i, hi := range append(slices.Clone(pr.IO2Tiers), 1<<40) {
			if n := min(int64(v.IOPS), hi) - lo; n > 0 && i < len(p.IO2IOPS) {
				l.openMeter(e, open(compVolumeIOPS, uint8(i+1), fmt.Sprintf("io2 provisioned IOPS tier %d", i+1), IOPSMonths, rate{p.IO2IOPS[i], approx, p.Source}, n))
			}
			lo = hi
		}
	}
}

func (l *ledger) closeVolume(v *Volume) { l.closeWhere(l.billed(&v.bill, v.ID), nil) }

// openSnapshot starts a snapshot's storage at its tier's rate. A public
// snapshot is the catalogue's, and bills no one.
func (l *ledger) openSnapshot(s *Snapshot) {
	if s.Public {
		return
	}
	comp := compSnapshotStorage
	if s.Tier == TierArchive {
		comp = compArchiveStorage
	}
	m := l.newMeter(part{comp, 0}, s.Owner, s.Region, CatSnapshot, comp.String(), GiBMonths, l.prices.snapshotRate(s.Tier == TierArchive, s.Region), int64(s.StoredGiB))
	m.perMonth = true
	if comp == compSnapshotStorage {
		m.freeKind = snapshotStorage
	}
	l.openMeter(l.entry(s.ID), m)
}

// closeSnapshot stops a snapshot's meters (and a temporarily restored
// copy's). An archived snapshot deleted or permanently restored before its
// 90 days is charged for the rest of them at once: the early-deletion charge
// is GiB × archive rate × (90 days − days archived) / days in the month of
// the deletion, the proration every GiB-month line uses (S14: "if you
// archive a 100 GiB snapshot and delete it after 40 days, you are charged
// for the 40 days plus 50 days of early deletion").
func (l *ledger) closeSnapshot(s *Snapshot) {
	if s.Public {
		return
	}
	if s.Tier == TierArchive {
		e, p := l.known(s.ID), part{compArchiveStorage, 0}
		metered := l.openMeterOf(e, p) != nil
		days := l.prices.p.Snapshot.ArchiveDays
		minEnd := s.ArchivedAt + sim.Time(days)*sim.Day
		if now := l.now(); metered && now < minEnd {
			m, _ := l.dropOpen(e, p)
			l.accrue(&m, now)
			// The rest of the 90 days is charged at once, in the month of the
			// deletion, prorated over that month's length as storage is.
			t := *m.t
			t.Component = fmt.Sprintf("snapshot archive early deletion (%d-day minimum)", days)
			mo := l.monthAt(now)
			l.addLine(e, l.intern(t), mo.label, int64(minEnd-now)*m.amount, mo.length())
		}
	}
	l.closeWhere(l.known(s.ID), nil)
}

// restoreFee charges the retrieval of an archived snapshot's full data,
// once, in the month RestoreSnapshotTier is called.
func (l *ledger) restoreFee(s *Snapshot) {
	if s.Public || s.DataGiB <= 0 {
		return
	}
	r := l.prices.regional(l.prices.p.Snapshot.Restore, s.Region)
	t := lineTmpl{Account: s.Owner, Region: s.Region, Category: CatSnapshot,
		Component: "snapshot archive restore", Unit: GiB, Rate: r.usd, Approximate: r.approx, Source: r.source}
	l.addLine(l.entry(s.ID), l.intern(t), l.monthAt(l.now()).label, int64(s.DataGiB), 1)
}

// openRestoredCopy bills a temporarily restored snapshot's standard-tier
// copy: its full data at the standard rate, beside the archive meter.
func (l *ledger) openRestoredCopy(s *Snapshot) {
	if s.Public {
		return
	}
	m := l.newMeter(part{compSnapshotStorage, 0}, s.Owner, s.Region, CatSnapshot, "snapshot storage (temporary restore)", GiBMonths,
		l.prices.snapshotRate(false, s.Region), int64(s.DataGiB))
	m.perMonth = true
	l.openMeter(l.entry(s.ID), m)
}

func (l *ledger) closeRestoredCopy(s *Snapshot) {
	l.closeMeter(l.known(s.ID), part{compSnapshotStorage, 0})
}

// openBundle starts an instance-store AMI's bundle storage in S3.
func (l *ledger) openBundle(b *bundle) {
	m := l.newMeter(part{compBundleStorage, 0}, b.Owner, b.Region, CatS3, compBundleStorage.String(), GiBMonths,
		l.prices.regional(l.prices.p.S3Standard, b.Region), int64(b.GiB))
	m.perMonth = true
	l.openMeter(l.entry(b.Location), m)
}

// transfer bills inter-region data transfer for a copy, once, in the
// month it happens.
func (l *ledger) transfer(account, from, to, resource string, gib int64) {
	if gib <= 0 {
		return
	}
	r := l.prices.transferRate(from)
	t := lineTmpl{Account: account, Region: from, Category: CatTransfer,
		Component: fmt.Sprintf("data transfer %s → %s", from, to), Unit: GiB, Rate: r.usd, Approximate: r.approx, Source: r.source}
	l.addLine(l.entry(resource), l.intern(t), l.monthAt(l.now()).label, gib, 1)
}
