package sim

import (
	"math"
	"slices"
	"testing"
)

type sched struct {
	at Time
	p  string
}

// drain fires everything and returns the payloads in firing order.
func drain(e *Engine[string]) []string {
	var got []string
	for e.Step(func(_ *Engine[string], ev Event[string]) { got = append(got, ev.Payload) }) {
	}
	return got
}

func TestEventsFireInTimeOrderAndTiesInSchedulingOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []sched
		want []string
	}{
		{"time order", []sched{{30, "c"}, {10, "a"}, {20, "b"}}, []string{"a", "b", "c"}},
		{"ties in scheduling order", []sched{{5, "x"}, {5, "y"}, {5, "z"}}, []string{"x", "y", "z"}},
		{"ties among others", []sched{{9, "d"}, {1, "a"}, {5, "b"}, {9, "e"}, {5, "c"}}, []string{"a", "b", "c", "d", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEngine[string](Clock{})
			for _, s := range tt.in {
				e.Schedule(s.at, s.p)
			}
			if got := drain(e); !slices.Equal(got, tt.want) {
				t.Errorf("fired %v, want %v", got, tt.want)
			}
		})
	}
}

func TestManyEventsFireSortedByTimeThenID(t *testing.T) {
	e := NewEngine[int](Clock{})
	r := NewRand(1, 0)
	for i := range 5000 {
		e.Schedule(Time(r.IntN(200)), i)
		if i%7 == 0 {
			e.Cancel(EventID(r.IntN(i + 1)))
		}
	}
	var prev Event[int]
	for n := 0; ; n++ {
		ev, ok := e.Next()
		if !ok {
			break
		}
		if n > 0 && (ev.At < prev.At || ev.At == prev.At && ev.ID < prev.ID) {
			t.Fatalf("event %+v fired after %+v", ev, prev)
		}
		prev = ev
	}
}

func TestNowAdvancesToEventTime(t *testing.T) {
	e := NewEngine[string](Clock{})
	e.Schedule(1500, "a")
	e.Schedule(4*Second, "b")
	for _, want := range []Time{1500, 4 * Second} {
		if ev, _ := e.Next(); e.Now() != want || ev.At != want {
			t.Errorf("Now() = %v after firing event at %v, want %v", e.Now(), ev.At, want)
		}
	}
}

func TestCancelPreventsFiringAndPendingIsExact(t *testing.T) {
	e := NewEngine[string](Clock{})
	a := e.Schedule(10, "a")
	b := e.Schedule(20, "b")
	c := e.Schedule(30, "c")
	steps := []struct {
		id          EventID
		want        bool
		wantPending int
	}{
		{b, true, 2},    // pending: cancelled
		{b, false, 2},   // cancel twice
		{0, false, 2},   // never valid
		{999, false, 2}, // never issued
		{a, true, 1},
		{c, true, 0},
	}
	for _, s := range steps {
		if got := e.Cancel(s.id); got != s.want || e.Pending() != s.wantPending {
			t.Errorf("Cancel(%d) = %v, Pending() = %d; want %v, %d", s.id, got, e.Pending(), s.want, s.wantPending)
		}
	}
	if got := drain(e); len(got) != 0 {
		t.Errorf("cancelled events fired: %v", got)
	}
}

func TestCancelOfFiredEventReturnsFalse(t *testing.T) {
	e := NewEngine[string](Clock{})
	a := e.Schedule(1, "a")
	e.Schedule(2, "b")
	e.Next()
	if e.Cancel(a) || e.Pending() != 1 {
		t.Errorf("Cancel(fired) = true or Pending() = %d, want false and 1", e.Pending())
	}
}

func TestCancelFromHandlerAndPeekSkipsCancelled(t *testing.T) {
	e := NewEngine[string](Clock{})
	e.Schedule(1, "a")
	b := e.Schedule(2, "b")
	e.Schedule(3, "c")
	e.Step(func(e *Engine[string], _ Event[string]) { e.Cancel(b) })
	if ev, ok := e.Peek(); !ok || ev.Payload != "c" || e.Pending() != 1 {
		t.Errorf("Peek() = %+v, %v with Pending() = %d; want c, true, 1", ev, ok, e.Pending())
	}
}

func TestRunUntilFiresHandlerScheduledEventsAndStopsAtBoundary(t *testing.T) {
	e := NewEngine[string](Clock{})
	e.Schedule(10, "a")
	e.Schedule(100, "late")
	var got []string
	n := e.RunUntil(50, func(e *Engine[string], ev Event[string]) {
		got = append(got, ev.Payload)
		switch ev.Payload {
		case "a":
			e.After(40, "inside") // fires at 50: the boundary is inclusive
			e.After(41, "outside")
		}
	})
	if want := []string{"a", "inside"}; n != 2 || !slices.Equal(got, want) {
		t.Errorf("RunUntil fired %d %v, want 2 %v", n, got, want)
	}
	if e.Now() != 50 || e.Pending() != 2 {
		t.Errorf("after RunUntil(50): Now() = %d, Pending() = %d; want 50, 2", e.Now(), e.Pending())
	}
}

func TestRunUntilWithNothingDueStillAdvancesNow(t *testing.T) {
	e := NewEngine[string](Clock{})
	if n := e.RunUntil(Hour, nil); n != 0 || e.Now() != Hour {
		t.Errorf("RunUntil(1h) on empty engine: fired %d, Now() = %v", n, e.Now())
	}
	if e.RunUntil(Minute, nil); e.Now() != Hour {
		t.Errorf("RunUntil moved Now backwards to %v", e.Now())
	}
}

func TestScheduleInThePastClampsToNow(t *testing.T) {
	e := NewEngine[string](Clock{})
	e.AdvanceTo(Minute)
	tests := []struct {
		name string
		id   func() EventID
	}{
		{"Schedule before Now", func() EventID { return e.Schedule(Second, "past") }},
		{"After negative", func() EventID { return e.After(-Second, "negative") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tt.id()
			if ev, ok := e.Next(); !ok || ev.ID != id || ev.At != Minute || e.Now() != Minute {
				t.Errorf("fired %+v (ok=%v) with Now() = %v; want ID %d at %v", ev, ok, e.Now(), id, Minute)
			}
		})
	}
}

func TestAdvanceToStopsAtEarliestPendingEventAndNeverGoesBack(t *testing.T) {
	e := NewEngine[string](Clock{})
	e.Schedule(30, "a")
	for _, s := range []struct{ to, want Time }{{10, 10}, {5, 10}, {100, 30}} {
		if e.AdvanceTo(s.to); e.Now() != s.want {
			t.Errorf("AdvanceTo(%d): Now() = %d, want %d", s.to, e.Now(), s.want)
		}
	}
}

func TestCloneIsIndependentAndFiresTheSameSequence(t *testing.T) {
	e := NewEngine[string](Clock{})
	for i, p := range []string{"a", "b", "c", "d"} {
		e.Schedule(Time(10*(i%2)), p)
	}
	e.Cancel(3)
	e.Next()
	c := e.Clone()
	if c.Schedule(1, "x") != e.Schedule(1, "y") {
		t.Error("clone and original issue different next IDs")
	}
	want, got := drain(e), drain(c)
	want[slices.Index(want, "y")] = "x"
	if !slices.Equal(got, want) {
		t.Errorf("clone fired %v, original %v", got, want)
	}
}

func TestObserverSeesEveryFiredEventInOrderBeforeTheHandler(t *testing.T) {
	e := NewEngine[string](Clock{})
	var log []string
	e.Observe(func(ev Event[string]) { log = append(log, "observe "+ev.Payload) })
	e.Schedule(2, "b")
	e.Schedule(1, "a")
	e.RunUntil(10, func(_ *Engine[string], ev Event[string]) { log = append(log, "handle "+ev.Payload) })
	if want := []string{"observe a", "handle a", "observe b", "handle b"}; !slices.Equal(log, want) {
		t.Errorf("log %v, want %v", log, want)
	}
	if e.Clone().observe != nil {
		t.Error("Clone copied the observer")
	}
}

func TestSchedulingAndFiringDoNotAllocateInSteadyState(t *testing.T) {
	e := NewEngine[int](Clock{})
	for i := range 1000 {
		e.After(Time(i%100), i)
	}
	h := func(e *Engine[int], ev Event[int]) { e.After(Time(ev.Payload%100+1), ev.Payload) }
	if n := testing.AllocsPerRun(10000, func() { e.Step(h) }); n != 0 {
		t.Errorf("%v allocations per event", n)
	}
}

// BenchmarkEngineCallback keeps 1,000 timers pending; each firing schedules a
// replacement 1–100ms later, as a busy simulation would.
func BenchmarkEngineCallback(b *testing.B) {
	const pending, perOp = 1000, 1_000_000
	r := NewRand(1, 0)
	e := NewEngine[int](Clock{})
	for i := range pending {
		e.After(Time(1+r.IntN(100)), i)
	}
	h := func(e *Engine[int], ev Event[int]) { e.After(Time(1+r.IntN(100)), ev.Payload) }
	b.ReportAllocs()
	for b.Loop() {
		for range perOp {
			e.Step(h)
		}
	}
	b.ReportMetric(float64(b.N)*perOp/b.Elapsed().Seconds(), "events/s")
}

// firingOrder drains e and returns the fired events' IDs and times.
func firingOrder(e *Engine[int]) (ids []EventID, ats []Time) {
	for {
		ev, ok := e.Next()
		if !ok {
			return ids, ats
		}
		ids, ats = append(ids, ev.ID), append(ats, ev.At)
	}
}

// checkSortedByTimeThenID fails t unless the events fired are exactly want,
// in (At, ID) order.
func checkSortedByTimeThenID(t *testing.T, ids []EventID, ats []Time, want map[EventID]Time) {
	t.Helper()
	if len(ids) != len(want) {
		t.Fatalf("%d events fired, want %d", len(ids), len(want))
	}
	for i, id := range ids {
		if at, ok := want[id]; !ok || at != ats[i] {
			t.Fatalf("event %d fired at %d, want at %d (scheduled: %v)", id, ats[i], at, ok)
		}
		if i > 0 && (ats[i] < ats[i-1] || ats[i] == ats[i-1] && id < ids[i-1]) {
			t.Fatalf("event %d at %d fired after event %d at %d", id, ats[i], ids[i-1], ats[i-1])
		}
	}
}

// When the packed key's sequence numbers run out, the pending events are
// renumbered; ties must still fire in scheduling order across that point.
func TestRenumberingSequenceNumbersKeepsTheFiringOrder(t *testing.T) {
	e := NewEngine[int](Clock{})
	want := map[EventID]Time{}
	r := NewRand(7, 0)
	for i := range 200 {
		if i == 100 {
			e.nextSeq = seqLimit - 5 // as if 4 million events had gone before
		}
		at := Time(r.IntN(20))
		want[e.Schedule(at, i)] = at
	}
	if e.nextSeq != 200 { // renumbered 0..104 when it ran out, then counted on
		t.Fatalf("nextSeq = %d after the counter ran out: no renumbering happened", e.nextSeq)
	}
	ids, ats := firingOrder(e)
	checkSortedByTimeThenID(t, ids, ats, want)
}

// Events too far in the future for a packed key, and (white-box) events put
// in the far heap because no sequence number was left, fire merged with the
// others by (At, ID), and can be cancelled like them.
func TestFarFutureEventsFireInTimeThenIDOrderWithTheOthers(t *testing.T) {
	e := NewEngine[int](Clock{})
	want := map[EventID]Time{}
	for i, at := range []Time{math.MaxInt64, 5, nearLimit, nearLimit - 1, 5, math.MaxInt64, nearLimit + 1, 3} {
		want[e.Schedule(at, i)] = at
	}
	for _, at := range []Time{5, 3, 9} { // what Schedule does when nextSeq cannot go on
		e.lastID++
		e.setLive(e.lastID)
		e.pushFar(entry[int]{key: uint64(at), id: e.lastID})
		want[e.lastID] = at
	}
	want[e.Schedule(5, 99)] = 5           // a tie with an earlier far event, which must fire first
	for _, id := range []EventID{7, 10} { // one far by time, one far by sequence
		if !e.Cancel(id) {
			t.Fatalf("Cancel(%d) = false, want true", id)
		}
		delete(want, id)
	}
	if len(e.far) == 0 || e.Pending() != len(want) {
		t.Fatalf("far holds %d, Pending() = %d; want some and %d", len(e.far), e.Pending(), len(want))
	}
	c := e.Clone()
	ids, ats := firingOrder(e)
	checkSortedByTimeThenID(t, ids, ats, want)
	cids, _ := firingOrder(c)
	if !slices.Equal(cids, ids) {
		t.Errorf("clone fired %v, original %v", cids, ids)
	}
}

// typedHeap is the baseline the engine is measured against: a plain binary
// min-heap of values ordered by (at, id), typed so nothing is boxed, with no
// cancellation and no observer. The engine should be at least as fast.
type typedHeap []heapEntry

type heapEntry struct {
	at Time
	id EventID
	p  int
}

func (h *typedHeap) push(x heapEntry) {
	q := append(*h, x)
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !(x.at < q[p].at || x.at == q[p].at && x.id < q[p].id) {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = x
	*h = q
}

func (h *typedHeap) pop() heapEntry {
	q := *h
	top, x := q[0], q[len(q)-1]
	q = q[:len(q)-1]
	i := 0
	for {
		c := 2*i + 1
		if c >= len(q) {
			break
		}
		if c+1 < len(q) && (q[c+1].at < q[c].at || q[c+1].at == q[c].at && q[c+1].id < q[c].id) {
			c++
		}
		if !(q[c].at < x.at || q[c].at == x.at && q[c].id < x.id) {
			break
		}
		q[i] = q[c]
		i = c
	}
	if len(q) > 0 {
		q[i] = x
	}
	*h = q
	return top
}

func TestTypedHeapBaselineFiresInTimeThenIDOrder(t *testing.T) {
	var h typedHeap
	r := NewRand(3, 0)
	for i := range 2000 {
		h.push(heapEntry{at: Time(r.IntN(50)), id: EventID(i + 1)})
	}
	prev := h.pop()
	for len(h) > 0 {
		x := h.pop()
		if x.at < prev.at || x.at == prev.at && x.id < prev.id {
			t.Fatalf("popped (%d, %d) after (%d, %d)", x.at, x.id, prev.at, prev.id)
		}
		prev = x
	}
}

// BenchmarkTypedHeapBaseline runs BenchmarkEngineCallback's workload on
// typedHeap, so the two are compared in one run: the engine's events/s
// should be at least this one's.
func BenchmarkTypedHeapBaseline(b *testing.B) {
	const pending, perOp = 1000, 1_000_000
	r := NewRand(1, 0)
	var h typedHeap
	for i := range pending {
		h.push(heapEntry{at: Time(1 + r.IntN(100)), id: EventID(i + 1), p: i})
	}
	id := EventID(pending)
	b.ReportAllocs()
	for b.Loop() {
		for range perOp {
			x := h.pop()
			id++
			h.push(heapEntry{at: x.at + Time(1+r.IntN(100)), id: id, p: x.p})
		}
	}
	b.ReportMetric(float64(b.N)*perOp/b.Elapsed().Seconds(), "events/s")
}

// The set of pending IDs spans the recent IDs, not every ID ever issued,
// even while a few old events stay pending (as a run's end event does, from
// the first step to the last): a long run that keeps a thousand events
// pending keeps it small, and shrinks back after a burst of a million; the
// old events, whether scheduled first or millions of IDs later, can still
// be cancelled once or fire in their turn; a cancel of a long-gone ID is
// still refused; and a copy fires what the original fires.
func TestThePendingSetDoesNotGrowWithEveryEvent(t *testing.T) {
	const burst = -3 // payload of the burst's events, which are not rescheduled
	e := NewEngine[int](Clock{})
	old := e.Schedule(1<<40, -1) // pending all along, then cancelled
	end := e.Schedule(1<<39, -2) // pending until it fires, after all the rest
	for i := range 1000 {
		e.Schedule(Time(i), i)
	}
	first, fired := EventID(3), 0
	run := func(until int) {
		for fired < until {
			ev, _ := e.Next()
			fired++
			switch {
			case ev.Payload == burst:
			case ev.Payload < 0:
				t.Fatalf("old event %d fired at %d, before its time", ev.ID, e.Now())
			default:
				e.Schedule(ev.At+1000, ev.Payload)
			}
		}
	}
	small := func(when string) {
		t.Helper()
		if words := len(e.live); words > 4*minLiveDrop {
			t.Errorf("%s the set has %d words (%d KB)", when, words, words*8/1024)
		}
	}
	run(2_000_000)
	late := e.Schedule(1<<40, -1)    // old by the time the set next drops its older half
	lateEnd := e.Schedule(1<<38, -2) // fires just before end
	run(5_000_000)
	small("after five million events with a thousand pending and four old ones")
	if !e.Cancel(old) || e.Cancel(old) || e.Cancel(first) || !e.Cancel(late) || e.Cancel(late) {
		t.Fatal("after five million events: an old pending event could not be cancelled once, or could twice, or a fired one could")
	}
	for i := range 1_000_000 {
		e.Schedule(e.Now()+Time(1+i%500), burst)
	}
	run(10_000_000)
	small("after ten million events and a burst of a million pending")
	if e.Cancel(first) || e.Cancel(old) {
		t.Error("a fired or cancelled ID, long dropped from the set, was cancelled")
	}
	if n := e.Pending(); n != 1002 {
		t.Errorf("%d pending, want 1002", n)
	}
	c := e.Clone()
	for range 1000 {
		a, _ := e.Next()
		b, _ := c.Next()
		if a != b {
			t.Fatalf("the copy fired %+v, the original %+v", b, a)
		}
	}
	// The rest fire before the two old events; the copy agrees.
	for e.Pending() > 2 {
		e.Next()
		c.Next()
	}
	for _, want := range []EventID{lateEnd, end} {
		a, _ := e.Next()
		b, _ := c.Next()
		if a.ID != want || b.ID != want {
			t.Errorf("fired %d and (in the copy) %d, want the old event %d", a.ID, b.ID, want)
		}
	}
}
