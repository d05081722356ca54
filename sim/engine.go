package sim

import "slices"

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
	clock   Clock
	now     Time
	lastID  EventID
	q       []entry[P] // 4-ary min-heap ordered by (at, id)
	live    []uint64   // bit id is set while event id is pending
	dead    int        // cancelled entries still in q, dropped when they reach the top
	observe func(Event[P])
}

func (e *Engine[P]) isLive(id EventID) bool {
	w := int(id >> 6)
	return w < len(e.live) && e.live[w]&(1<<(id&63)) != 0
}

func (e *Engine[P]) setLive(id EventID, on bool) {
	w := int(id >> 6)
	for w >= len(e.live) {
		e.live = append(e.live, 0)
	}
	if on {
		e.live[w] |= 1 << (id & 63)
	} else {
		e.live[w] &^= 1 << (id & 63)
	}
}

// clean drops cancelled events from the top of the heap, so q[0] is the
// next event that will really fire.
func (e *Engine[P]) clean() {
	for e.dead > 0 && len(e.q) > 0 && !e.isLive(e.q[0].id) {
		e.removeAt(0)
		e.dead--
	}
}

// entry is stored by value so the heap is one contiguous slice: no boxing
// into interfaces and no allocation per event once the slice has grown.
type entry[P any] struct {
	at Time
	id EventID
	p  P
}

func (a *entry[P]) before(b *entry[P]) bool {
	return a.at < b.at || a.at == b.at && a.id < b.id
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
	e.setLive(e.lastID, true)
	e.q = append(e.q, entry[P]{at: at, id: e.lastID, p: p})
	e.up(len(e.q) - 1)
	return e.lastID
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
	e.setLive(id, false)
	e.dead++
	e.clean()
	return true
}

// Pending returns the number of events scheduled and neither fired nor
// cancelled.
func (e *Engine[P]) Pending() int { return len(e.q) - e.dead }

// Peek returns the event Next would fire, without firing it.
func (e *Engine[P]) Peek() (Event[P], bool) {
	e.clean()
	if len(e.q) == 0 {
		return Event[P]{}, false
	}
	x := &e.q[0]
	return Event[P]{ID: x.id, At: x.at, Payload: x.p}, true
}

// Next removes the earliest pending event, advances Now to its At, passes it
// to the observer, and returns it. It returns false if nothing is pending.
func (e *Engine[P]) Next() (Event[P], bool) {
	e.clean()
	if len(e.q) == 0 {
		return Event[P]{}, false
	}
	x := e.removeAt(0)
	e.setLive(x.id, false)
	e.clean()
	e.now = x.at
	ev := Event[P]{ID: x.id, At: x.at, Payload: x.p}
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
	for e.clean(); len(e.q) > 0 && e.q[0].at <= t; e.clean() {
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
	e.clean()
	if len(e.q) > 0 {
		t = min(t, e.q[0].at)
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
	c.live = slices.Clone(e.live)
	c.observe = nil
	return &c
}

// removeAt deletes and returns heap element i.
func (e *Engine[P]) removeAt(i int) entry[P] {
	x := e.q[i]
	last := len(e.q) - 1
	e.q[i] = e.q[last]
	e.q[last] = entry[P]{} // drop the payload so the garbage collector can reclaim it
	e.q = e.q[:last]
	if i < last {
		e.down(i)
		e.up(i)
	}
	return x
}

// The heap is 4-ary: half the depth of a binary heap, and the four children
// are adjacent in memory, which makes pops cheaper for the price of a few
// more comparisons per level. Both sifts move a hole rather than swapping.

func (e *Engine[P]) up(i int) {
	q := e.q
	x := q[i]
	for i > 0 {
		p := (i - 1) / 4
		if !x.before(&q[p]) {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = x
}

func (e *Engine[P]) down(i int) {
	q := e.q
	x := q[i]
	for {
		c := 4*i + 1
		var m int
		if c+3 < len(q) {
			// All four children exist, the common case: pick the least by a
			// tournament, whose two first rounds are independent.
			a, b := c, c+2
			if q[c+1].before(&q[c]) {
				a = c + 1
			}
			if q[c+3].before(&q[c+2]) {
				b = c + 3
			}
			m = a
			if q[b].before(&q[a]) {
				m = b
			}
		} else if c < len(q) {
			m = c
			for j := c + 1; j < len(q); j++ {
				if q[j].before(&q[m]) {
					m = j
				}
			}
		} else {
			break
		}
		if !q[m].before(&x) {
			break
		}
		q[i] = q[m]
		i = m
	}
	q[i] = x
}
