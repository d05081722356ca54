package sim

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Time is a simulated instant or span: milliseconds since the scenario start.
// It is not wall time; use Clock to put it on a calendar. Millisecond
// resolution keeps arithmetic exact and lets an int64 cover any scenario.
type Time int64

// Units of Time.
const (
	Millisecond Time = 1
	Second           = 1000 * Millisecond
	Minute           = 60 * Second
	Hour             = 60 * Minute
	Day              = 24 * Hour
)

// maxDurationMs is the largest Time that converts to a time.Duration, which
// counts nanoseconds and so spans only about 292 years.
const maxDurationMs = Time(math.MaxInt64 / int64(time.Millisecond))

// FromDuration converts d to Time, truncating toward zero to whole milliseconds.
func FromDuration(d time.Duration) Time { return Time(d / time.Millisecond) }

// Duration converts t to a time.Duration, saturating beyond about ±292 years.
func (t Time) Duration() time.Duration {
	switch {
	case t > maxDurationMs:
		return math.MaxInt64
	case t < -maxDurationMs:
		return math.MinInt64
	}
	return time.Duration(t) * time.Millisecond
}

// Add returns t+d, with d truncated to milliseconds and the sum saturating
// rather than wrapping.
func (t Time) Add(d time.Duration) Time { return addSat(t, FromDuration(d)) }

// Seconds returns t in seconds. It is for display and JSON only: floats are
// not exact, so never feed the result back into the simulation.
func (t Time) Seconds() float64 { return float64(t) / float64(Second) }

// WholeSeconds returns floor(t / 1s).
func (t Time) WholeSeconds() int64 {
	s := int64(t / Second)
	if t%Second < 0 {
		s--
	}
	return s
}

// String formats t as "15:04:05.000"-style hours:minutes:seconds.millis,
// prefixed by "Nd " once t reaches a day ("2d 01:00:00.000") and by "-" when
// negative. The part within a day is fixed width so log columns line up.
// ParseTime accepts the result.
func (t Time) String() string {
	u, neg := magnitude(t)
	sign := ""
	if neg {
		sign = "-"
	}
	days, rest := u/uint64(Day), u%uint64(Day)
	clock := fmt.Sprintf("%02d:%02d:%02d.%03d", rest/uint64(Hour), rest%uint64(Hour)/uint64(Minute),
		rest%uint64(Minute)/uint64(Second), rest%uint64(Second))
	if days == 0 {
		return sign + clock
	}
	return fmt.Sprintf("%s%dd %s", sign, days, clock)
}

// Compact formats t as a Go-style duration with a day unit, dropping zero
// trailing units: "250ms", "1m30s", "1h", "2d", "1d12h", "0s". ParseTime
// accepts the result; Dist.String uses it.
func (t Time) Compact() string {
	u, neg := magnitude(t)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	days, rest := u/uint64(Day), u%uint64(Day)
	if days > 0 {
		b.WriteString(strconv.FormatUint(days, 10) + "d")
		if rest == 0 {
			return b.String()
		}
	}
	s := (time.Duration(rest) * time.Millisecond).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	b.WriteString(s)
	return b.String()
}

// ParseTime parses a span of simulated time. It accepts Go durations
// ("90s", "1h30m", "250ms"), the same with a leading whole-day count
// ("2d", "1d12h"), and the String form ("00:00:15.200", "2d 01:00:00.000").
// A leading "-" negates. Sub-millisecond parts are truncated.
func ParseTime(s string) (Time, error) {
	t, err := parseTime(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("sim: bad time %q: %v; want e.g. 90s, 1h30m, 1d12h or 1d 02:00:00.000", s, err)
	}
	return t, nil
}

var errRange = errors.New("out of range")

func parseTime(s string) (Time, error) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if s == "" {
		return 0, errors.New("empty")
	}
	var days uint64
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		var err error
		if days, err = strconv.ParseUint(strings.TrimSpace(s[:i]), 10, 64); err != nil {
			return 0, errors.New("day count must be a whole number")
		}
		if s = strings.TrimSpace(s[i+1:]); s == "" {
			s = "0s"
		}
	}
	var rest Time
	var err error
	if strings.Contains(s, ":") {
		rest, err = parseClock(s)
	} else {
		// The sign was consumed above; a second one ("--5s", "1d-1h") is a typo.
		if s[0] == '-' || s[0] == '+' {
			return 0, errors.New("misplaced sign")
		}
		var d time.Duration
		d, err = time.ParseDuration(s)
		rest = FromDuration(d)
	}
	if err != nil {
		return 0, err
	}
	if days > uint64((math.MaxInt64-rest)/Day) {
		return 0, errRange
	}
	t := Time(days)*Day + rest
	if neg {
		t = -t
	}
	return t, nil
}

// parseClock parses "H:MM:SS" with an optional 1–3 digit fraction.
func parseClock(s string) (Time, error) {
	f := strings.Split(s, ":")
	if len(f) != 3 {
		return 0, errors.New("clock form needs hours:minutes:seconds")
	}
	sec, frac, hasFrac := strings.Cut(f[2], ".")
	var n [4]uint64
	for i, p := range []string{f[0], f[1], sec, frac} {
		if i == 3 && !hasFrac {
			break
		}
		v, err := strconv.ParseUint(p, 10, 64)
		if err != nil || p == "" {
			return 0, fmt.Errorf("bad number %q", p)
		}
		n[i] = v
	}
	if n[1] >= 60 || n[2] >= 60 || len(frac) > 3 {
		return 0, errors.New("minutes and seconds must be below 60, millis at most 3 digits")
	}
	for range 3 - len(frac) {
		n[3] *= 10
	}
	if n[0] > uint64(math.MaxInt64/Hour)-1 {
		return 0, errRange
	}
	return Time(n[0])*Hour + Time(n[1])*Minute + Time(n[2])*Second + Time(n[3]), nil
}

// magnitude returns |t| without overflowing on math.MinInt64.
func magnitude(t Time) (uint64, bool) {
	if t < 0 {
		return uint64(-(t + 1)) + 1, true
	}
	return uint64(t), false
}

// addSat adds without wrapping, so "far future" sentinels stay in the future.
func addSat(a, b Time) Time {
	s := a + b
	if b > 0 && s < a {
		return math.MaxInt64
	}
	if b < 0 && s > a {
		return math.MinInt64
	}
	return s
}

// Clock maps simulated time onto a calendar, so callers can tell, for
// example, which month a given instant falls in.
type Clock struct {
	Epoch time.Time // calendar instant of Time 0, in UTC
}

// At returns the UTC calendar instant of t.
func (c Clock) At(t Time) time.Time { return c.Epoch.Add(t.Duration()).UTC() }

// Of is the inverse of At, truncated to milliseconds.
func (c Clock) Of(wall time.Time) Time { return FromDuration(wall.Sub(c.Epoch)) }
