package sim

import (
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
