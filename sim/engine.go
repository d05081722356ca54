package sim

import (
	"cmp"
	"maps"
	"math/bits"
	"slices"
)

// EventID names one scheduled event. IDs start at 1 and increase by one per
// Schedule call on an engine, so 0 is never valid and a larger ID was always
// scheduled later.
type EventID uint64

// Event is something that happens at a simulated instant. Payload is whatever
// the caller needs to dispatch it.
type Event[P any] struct {
	ID      EventID
	At      Time
	Payload P
}

// Engine is a deterministic event queue with a simulated clock. Events fire
// in order of At, and events with equal At fire in the order they were
// scheduled (by ID), so a run depends only on what was scheduled, never on
// heap layout.
//
// Invariants: Now never decreases, and no pending event is earlier than Now.
// An Engine is not safe for concurrent use.
type Engine[P any] struct {
	clock  Clock
	now    Time
	lastID EventID
	// q holds almost every event, in a 4-ary min-heap on one packed key,
	// at<<seqBits | seq, so ordering is a single integer comparison. seq
	// counts up per event put in q; packed keys order exactly as (at, ID).
	q       []entry[P]
	nextSeq uint64
	// far holds the events whose key cannot be packed (at >= nearLimit, or no
	// sequence number left), in a binary heap keyed by (at, ID) with key = at.
	// It is empty in any realistic run; Next takes from whichever top is
	// earlier by (at, ID), so the split never changes the firing order.
	far []entry[P]
	// live has a bit per issued ID, set while the event is pending: bit
	// id-64*liveBase of the slice. As the slice grows, its older half is
	// dropped if at most one in 64 of its IDs is pending, and those few go
	// to old (see dropOldLive). So the set spans the IDs of the recent events,
	// and one event pending all along (a run's end, scheduled at its start)
	// does not make it grow with every event a long run fires. (IDs only
	// count up, so a word below the newest never gains a bit again.)
	live     []uint64
	liveBase int                  // words dropped from live's front
	liveNext int                  // live's length at which to try dropping its older half
	old      map[EventID]struct{} // pending IDs below liveBase
	dead     int                  // cancelled entries still in q or far, dropped when they reach a top
	observe  func(Event[P])
}

const (
	// seqBits is the width of the sequence part of a packed key: 4 million
	// events may be pending in q at once. When the counter runs out, the
	// pending events are renumbered 0, 1, ... in order (see renumber).
	seqBits  = 22
	seqLimit = 1 << seqBits
	seqMask  = seqLimit - 1
	// nearLimit is the first instant that cannot be packed: 2^42 ms, about
	// 139 years after the epoch.
	nearLimit = 1 << (64 - seqBits)
)

func (e *Engine[P]) isLive(id EventID) bool {
	w := int(id>>6) - e.liveBase
	if w < 0 {
		_, ok := e.old[id]
		return ok
	}
	return w < len(e.live) && e.live[w]&(1<<(id&63)) != 0
}

// minLiveDrop is the fewest words worth dropping from live's front.
const minLiveDrop = 1024

// setLive marks a newly issued ID, the largest so far.
func (e *Engine[P]) setLive(id EventID) {
	w := int(id>>6) - e.liveBase
	if w >= len(e.live) { // IDs count up by one: w is at most len(e.live)
		if len(e.live) >= max(e.liveNext, 2*minLiveDrop) {
			w -= e.dropOldLive()
		}
		e.live = append(e.live, 0)
	}
	e.live[w] |= 1 << (id & 63)
}

// dropOldLive drops the older half of live, moving its pending IDs to old,
// if they are at most one per word; it returns how many words it dropped.
// After a drop it is tried again once live has grown by half (so after a
// burst of pending events the set shrinks back), after a refusal once live
// has doubled: either way its cost, linear in live's length, is constant
// per issued ID.
func (e *Engine[P]) dropOldLive() int {
	h := len(e.live) / 2
	e.liveNext = 2 * len(e.live)
	n := 0
	for _, x := range e.live[:h] {
		n += bits.OnesCount64(x)
	}
	if n > h {
		return 0
	}
	for i, x := range e.live[:h] {
		for ; x != 0; x &= x - 1 {
			if e.old == nil {
				e.old = map[EventID]struct{}{}
			}
			e.old[EventID(e.liveBase+i)<<6|EventID(bits.TrailingZeros64(x))] = struct{}{}
		}
	}
	e.live = e.live[:copy(e.live, e.live[h:])]
	e.liveBase += h
	e.liveNext = len(e.live) + len(e.live)/2
	return h
}

func (e *Engine[P]) clearLive(id EventID) {
	if w := int(id>>6) - e.liveBase; w >= 0 {
		e.live[w] &^= 1 << (id & 63)
	} else {
		delete(e.old, id)
	}
}

// clean drops cancelled events from the tops of both heaps, so each top is
// an event that will really fire.
func (e *Engine[P]) clean() {
	for e.dead > 0 && len(e.q) > 0 && !e.isLive(e.q[0].id) {
		e.popTop()
		e.dead--
	}
	for e.dead > 0 && len(e.far) > 0 && !e.isLive(e.far[0].id) {
		e.popFar()
		e.dead--
	}
}

// entry is stored by value so a heap is one contiguous slice: no boxing
// into interfaces and no allocation per event once the slice has grown.
// key is at<<seqBits | seq in q, and at in far.
type entry[P any] struct {
	key uint64
	id  EventID
	p   P
}

// at returns when an entry of q fires.
func (x *entry[P]) at() Time { return Time(x.key >> seqBits) }

// top returns the earliest pending event of either heap, after clean; nil
// when nothing is pending. fromFar says which heap it is in.
func (e *Engine[P]) top() (x *entry[P], at Time, fromFar bool) {
	e.clean()
	switch {
	case len(e.far) == 0:
		if len(e.q) == 0 {
			return nil, 0, false
		}
		return &e.q[0], e.q[0].at(), false
	case len(e.q) == 0:
		return &e.far[0], Time(e.far[0].key), true
	}
	n, f := &e.q[0], &e.far[0]
	if at, fat := n.at(), Time(f.key); fat < at || fat == at && f.id < n.id {
		return f, fat, true
	}
	return n, n.at(), false
}

// NewEngine returns an empty engine at Time 0.
func NewEngine[P any](clock Clock) *Engine[P] { return &Engine[P]{clock: clock} }

// Clock returns the calendar mapping the engine was created with.
func (e *Engine[P]) Clock() Clock { return e.clock }

// Now returns the current simulated time: the At of the event that fired
// last, or later if RunUntil or AdvanceTo moved it on.
func (e *Engine[P]) Now() Time { return e.now }

// Schedule queues p to fire at at and returns its ID. An at earlier than Now
// is clamped to Now, because the past cannot be changed; the event then fires
// after everything already due at Now.
func (e *Engine[P]) Schedule(at Time, p P) EventID {
	at = max(at, e.now)
	e.lastID++
	id := e.lastID
	e.setLive(id)
	if e.nextSeq == seqLimit {
		e.renumber()
	}
	if at >= nearLimit || e.nextSeq == seqLimit {
		e.pushFar(entry[P]{key: uint64(at), id: id, p: p})
		return id
	}
	e.q = append(e.q, entry[P]{key: uint64(at)<<seqBits | e.nextSeq, id: id, p: p})
	e.nextSeq++
	e.up(len(e.q) - 1)
	return id
}

// After schedules p to fire d after Now. A negative d counts as zero.
func (e *Engine[P]) After(d Time, p P) EventID {
	return e.Schedule(addSat(e.now, max(d, 0)), p)
}

// Cancel removes a pending event. It reports whether id was pending; it
// returns false for IDs that already fired, were already cancelled or were
// never issued. Cancel is O(1): a bit per issued ID says whether the event
// is still pending, and a cancelled event is dropped when it reaches the top
// of the heap.
func (e *Engine[P]) Cancel(id EventID) bool {
	if id == 0 || id > e.lastID || !e.isLive(id) {
		return false
	}
	e.clearLive(id)
	e.dead++
	e.clean()
	return true
}

// Pending returns the number of events scheduled and neither fired nor
// cancelled.
func (e *Engine[P]) Pending() int { return len(e.q) + len(e.far) - e.dead }

// Peek returns the event Next would fire, without firing it.
func (e *Engine[P]) Peek() (Event[P], bool) {
	x, at, _ := e.top()
	if x == nil {
		return Event[P]{}, false
	}
	return Event[P]{ID: x.id, At: at, Payload: x.p}, true
}

// Next removes the earliest pending event, advances Now to its At, passes it
// to the observer, and returns it. It returns false if nothing is pending.
func (e *Engine[P]) Next() (Event[P], bool) {
	var ev Event[P]
	if e.dead == 0 && len(e.far) == 0 {
		// The common case, inlined: no cancelled entry to skip, one heap.
		if len(e.q) == 0 {
			return ev, false
		}
		x := e.popTop()
		ev = Event[P]{ID: x.id, At: x.at(), Payload: x.p}
	} else {
		x, at, fromFar := e.top()
		if x == nil {
			return ev, false
		}
		ev = Event[P]{ID: x.id, At: at, Payload: x.p}
		if fromFar {
			e.popFar()
		} else {
			e.popTop()
		}
	}
	e.clearLive(ev.ID)
	e.clean()
	e.now = ev.At
	if e.observe != nil {
		e.observe(ev)
	}
	return ev, true
}

// Step fires the next event, if any, and passes it to h (when h is not nil).
// h may Schedule and Cancel. Step reports whether an event fired.
func (e *Engine[P]) Step(h func(*Engine[P], Event[P])) bool {
	ev, ok := e.Next()
	if ok && h != nil {
		h(e, ev)
	}
	return ok
}

// RunUntil fires, in order, every event with At <= t, including events that
// h schedules inside that window, then sets Now to max(Now, t). It returns
// the number of events fired.
func (e *Engine[P]) RunUntil(t Time, h func(*Engine[P], Event[P])) int {
	n := 0
	for x, at, _ := e.top(); x != nil && at <= t; x, at, _ = e.top() {
		e.Step(h)
		n++
	}
	e.now = max(e.now, t)
	return n
}

// AdvanceTo moves Now forward to t without firing anything. So that no event
// is ever left in the past, it stops at the earliest pending event's At if
// that is earlier than t. It never moves Now backwards.
func (e *Engine[P]) AdvanceTo(t Time) {
	if x, at, _ := e.top(); x != nil {
		t = min(t, at)
	}
	e.now = max(e.now, t)
}

// Observe installs f to be called with every fired event, before the handler
// sees it; nil removes it. There is one observer slot, meant for tracing and
// recording, so a later call replaces an earlier one.
func (e *Engine[P]) Observe(f func(Event[P])) { e.observe = f }

// Clone returns an independent engine with the same clock, Now, pending
// events and ID counter, for checkpoints: both fire the same sequence and
// issue the same IDs from here on. Payloads are copied by value, so any
// pointers in them are shared. The observer is not copied.
func (e *Engine[P]) Clone() *Engine[P] {
	c := *e
	c.q = slices.Clone(e.q)
	c.far = slices.Clone(e.far)
	c.live = slices.Clone(e.live)
	c.old = maps.Clone(e.old)
	c.observe = nil
	return &c
}

// renumber gives the events in q the sequence numbers 0, 1, ... in the
// order of their old ones, so the counter can go on. The relabelling keeps
// every key's order against every other, so the heap needs no repair. It
// runs once per seqLimit events put in q, and costs O(n log n) for n pending.
func (e *Engine[P]) renumber() {
	idx := make([]int32, len(e.q))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		return cmp.Compare(e.q[a].key&seqMask, e.q[b].key&seqMask)
	})
	for seq, i := range idx {
		e.q[i].key = e.q[i].key&^seqMask | uint64(seq)
	}
	e.nextSeq = uint64(len(idx))
}

// pushFar and popFar keep far a binary heap ordered by (at, ID).
func (e *Engine[P]) pushFar(x entry[P]) {
	e.far = append(e.far, x)
	f := e.far
	i := len(f) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !farBefore(&x, &f[p]) {
			break
		}
		f[i] = f[p]
		i = p
	}
	f[i] = x
}

func (e *Engine[P]) popFar() {
	f := e.far
	last := len(f) - 1
	x := f[last]
	f[last] = entry[P]{}
	f = f[:last]
	e.far = f
	if last == 0 {
		return
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= len(f) {
			break
		}
		if c+1 < len(f) && farBefore(&f[c+1], &f[c]) {
			c++
		}
		if !farBefore(&f[c], &x) {
			break
		}
		f[i] = f[c]
		i = c
	}
	f[i] = x
}

func farBefore[P any](a, b *entry[P]) bool { return a.key < b.key || a.key == b.key && a.id < b.id }

// popTop deletes and returns the root of q.
//
// The heap is 4-ary: half the depth of a binary heap, and the four children
// are adjacent in memory. A pop moves the hole at the root down to a leaf
// along the least children without comparing against the element that will
// fill it (the old last one, which usually belongs near the bottom anyway),
// then sifts that element up from there: fewer comparisons than a plain
// sift-down, and those in the descent pick a minimum, which compiles to
// conditional moves rather than branches.
func (e *Engine[P]) popTop() entry[P] {
	q := e.q
	top := q[0]
	last := len(q) - 1
	x := q[last]
	q[last] = entry[P]{} // drop the payload so the garbage collector can reclaim it
	q = q[:last]
	e.q = q
	if last == 0 {
		return top
	}
	i, n := 0, len(q)
	for {
		c := 4*i + 1
		if c+3 >= n {
			if c < n {
				m := c
				for j := c + 1; j < n; j++ {
					if q[j].key < q[m].key {
						m = j
					}
				}
				q[i] = q[m]
				i = m
			}
			break
		}
		kids := q[c : c+4 : c+4]
		m, k := 0, kids[0].key
		if k1 := kids[1].key; k1 < k {
			m, k = 1, k1
		}
		if k2 := kids[2].key; k2 < k {
			m, k = 2, k2
		}
		if kids[3].key < k {
			m = 3
		}
		q[i] = kids[m]
		i = c + m
	}
	q[i] = x
	e.up(i)
	return top
}

func (e *Engine[P]) up(i int) {
	q := e.q
	x := q[i]
	for i > 0 {
		p := (i - 1) / 4
		if x.key >= q[p].key {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = x
}
