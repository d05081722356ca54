package sim

import (
	"strings"
	"testing"
	"time"
)

func TestTimeFormatsAndParsesBack(t *testing.T) {
	tests := []struct {
		t       Time
		str     string
		compact string
	}{
		{0, "00:00:00.000", "0s"},
		{15*Second + 200, "00:00:15.200", "15.2s"},
		{250, "00:00:00.250", "250ms"},
		{90 * Minute, "01:30:00.000", "1h30m"},
		{Day - 1, "23:59:59.999", "23h59m59.999s"},
		{2*Day + Hour, "2d 01:00:00.000", "2d1h"},
		{3 * Day, "3d 00:00:00.000", "3d"},
		{-(Day + 90*Second), "-1d 00:01:30.000", "-1d1m30s"},
		{-5, "-00:00:00.005", "-5ms"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.str {
			t.Errorf("Time(%d).String() = %q, want %q", tt.t, got, tt.str)
		}
		if got := tt.t.Compact(); got != tt.compact {
			t.Errorf("Time(%d).Compact() = %q, want %q", tt.t, got, tt.compact)
		}
		for _, s := range []string{tt.str, tt.compact} {
			if got, err := ParseTime(s); err != nil || got != tt.t {
				t.Errorf("ParseTime(%q) = %d, %v; want %d", s, got, err, tt.t)
			}
		}
	}
}

func TestParseTimeAcceptsGoDurationsAndDays(t *testing.T) {
	tests := []struct {
		in   string
		want Time
	}{
		{"90s", 90 * Second},
		{"1h30m", 90 * Minute},
		{"250ms", 250},
		{"1.5ms", 1}, // truncated to the millisecond
		{"2d", 2 * Day},
		{"1d12h", Day + 12*Hour},
		{" 1d 12h ", Day + 12*Hour},
		{"-1d12h", -(Day + 12*Hour)},
		{"1d 02:00:00", Day + 2*Hour},
		{"00:00:15.2", 15*Second + 200},
	}
	for _, tt := range tests {
		if got, err := ParseTime(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTimeErrorsNameTheInput(t *testing.T) {
	for _, in := range []string{"", "5", "1.5d", "1d-2h", "--5s", "00:61:00", "1:2", "00:00:01.2345", "soon", "99999999999999d"} {
		_, err := ParseTime(in)
		if err == nil || !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseTime(%q) error = %v, want one quoting the input", in, err)
		}
	}
}

func TestTimeConversions(t *testing.T) {
	if got := FromDuration(1500*time.Microsecond + 2*time.Second); got != 2001 {
		t.Errorf("FromDuration truncation: got %d", got)
	}
	if got := (90 * Second).Duration(); got != 90*time.Second {
		t.Errorf("Duration() = %v", got)
	}
	if got := Time(10).Add(time.Second); got != 1010 {
		t.Errorf("Add = %d", got)
	}
	for _, tt := range []struct {
		t    Time
		want int64
	}{{1999, 1}, {2000, 2}, {-1, -1}} {
		if got := tt.t.WholeSeconds(); got != tt.want {
			t.Errorf("Time(%d).WholeSeconds() = %d, want %d", tt.t, got, tt.want)
		}
	}
}

func TestClockMapsTimeOntoTheCalendar(t *testing.T) {
	c := Clock{Epoch: time.Date(2025, 1, 31, 23, 0, 0, 0, time.UTC)}
	at := c.At(Hour + 1500)
	if want := time.Date(2025, 2, 1, 0, 0, 1, 5e8, time.UTC); !at.Equal(want) || at.Month() != time.February {
		t.Errorf("At = %v, want %v", at, want)
	}
	if got := c.Of(at.Add(999 * time.Microsecond)); got != Hour+1500 {
		t.Errorf("Of(At(t)) = %d, want %d", got, Hour+1500)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"90s", "1h30m", "250ms", "2d", "1d12h", "-1d 00:01:30.000", "00:00:15.200", "1.5µs", "9223372036854775807ms"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTime(s)
		if err != nil {
			return
		}
		for _, out := range []string{v.String(), v.Compact()} {
			if w, err := ParseTime(out); err != nil || w != v {
				t.Fatalf("ParseTime(%q) = %d, but its form %q parses to %d, %v", s, v, out, w, err)
			}
		}
	})
}
