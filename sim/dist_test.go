package sim

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// sample draws n values with a fixed seed, so statistical checks are exact
// repeats rather than flaky.
func sample(d Dist, n int) []Time {
	r := NewRand(2024, 0)
	out := make([]Time, n)
	for i := range out {
		out[i] = d.Sample(r)
	}
	slices.Sort(out)
	return out
}

func quantile(sorted []Time, q float64) float64 {
	return float64(sorted[int(q*float64(len(sorted)-1))])
}

func TestDistributionSamplesMatchTheirParameters(t *testing.T) {
	s := float64(Second)
	tests := []struct {
		d                 Dist
		median, p90, mean float64 // milliseconds
	}{
		{Constant(5 * Second), 5 * s, 5 * s, 5 * s},
		{Uniform(10*Second, 20*Second), 15 * s, 19 * s, 15 * s},
		{Normal(30*Second, 5*Second), 30 * s, (30 + 5*z90) * s, 30 * s},
		{LogNormalMedianP90(15*Second, 30*Second), 15 * s, 30 * s, 15 * s * math.Exp(math.Pow(math.Ln2/z90, 2)/2)},
		{LogNormal(math.Log(15), 0.5), 15 * s, 15 * s * math.Exp(0.5*z90), 15 * s * math.Exp(0.125)},
		{Exponential(40 * Second), 40 * s * math.Ln2, 40 * s * math.Ln10, 40 * s},
		{Empirical([]Time{12 * Second, 15 * Second, 19 * Second}), 15 * s, 19 * s, 46 * s / 3},
		// Flat at 15s below p50 and at 60s above p99, linear in between.
		{Percentiles([]Percentile{{50, 15 * Second}, {90, 30 * Second}, {99, 60 * Second}}), 15 * s, 30 * s,
			(0.5*15 + 0.4*22.5 + 0.09*45 + 0.01*60) * s},
	}
	const tolerance = 0.03
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			xs := sample(tt.d, 20000)
			var sum float64
			for _, x := range xs {
				sum += float64(x)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"median", quantile(xs, 0.5), tt.median},
				{"p90", quantile(xs, 0.9), tt.p90},
				{"mean", sum / float64(len(xs)), tt.mean},
			} {
				if math.Abs(c.got-c.want) > tolerance*c.want {
					t.Errorf("%s = %.0fms, want %.0fms ± %.0f%%", c.name, c.got, c.want, 100*tolerance)
				}
			}
		})
	}
}

func TestNormalIsNeverNegative(t *testing.T) {
	xs := sample(Normal(Second, 5*Second), 20000)
	if xs[0] < 0 {
		t.Errorf("sampled %d", xs[0])
	}
	// Redrawing, not clamping, is what keeps zero from becoming a spike.
	if zeros, _ := slices.BinarySearch(xs, 1); zeros > len(xs)/100 {
		t.Errorf("%d of %d samples are 0", zeros, len(xs))
	}
}

func TestParseDistRoundTripsString(t *testing.T) {
	tests := []struct {
		d    Dist
		want string
	}{
		{Constant(5 * Second), "5s"},
		{Uniform(10*Second, 20*Second), "uniform(10s, 20s)"},
		{Normal(30*Second, 5*Second), "normal(mean=30s, sd=5s)"},
		{LogNormalMedianP90(15*Second, 30*Second), "lognormal(median=15s, p90=30s)"},
		{LogNormal(2.7, 0.5), "lognormal(mu=2.7, sigma=0.5)"},
		{Exponential(40 * Second), "exponential(mean=40s)"},
		{Empirical([]Time{12 * Second, 1500, Day}), "empirical(12s, 1.5s, 1d)"},
		{Percentiles([]Percentile{{99.9, Minute}, {50, 15 * Second}}), "percentiles(p50=15s, p99.9=1m)"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		p, err := ParseDist(tt.d.String())
		if err != nil {
			t.Errorf("ParseDist(%q): %v", tt.want, err)
			continue
		}
		if p.String() != tt.want || !slices.Equal(sample(p, 50), sample(tt.d, 50)) {
			t.Errorf("ParseDist(%q) = %q, which samples differently", tt.want, p)
		}
	}
}

func TestParseDistAcceptsAlternativeSpellings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"constant(5s)", "5s"},
		{" EXP( mean = 40s ) ", "exponential(mean=40s)"},
		{"normal(sd=5s,mean=30s)", "normal(mean=30s, sd=5s)"},
		{"lognormal(sigma=0.5, mu=2.7)", "lognormal(mu=2.7, sigma=0.5)"},
		{"uniform(00:00:10.000, 1m)", "uniform(10s, 1m)"},
		{"percentiles(p50=15s, p90=15s, p100=1d)", "percentiles(p50=15s, p90=15s, p100=1d)"},
		{"empirical(1d12h0m0s)", "empirical(1d12h)"},
	}
	for _, tt := range tests {
		if d, err := ParseDist(tt.in); err != nil || d.String() != tt.want {
			t.Errorf("ParseDist(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestParseDistErrorsNameTheBadTextAndTheRightForm(t *testing.T) {
	tests := []struct{ in, fragment string }{
		{"normal(mean=30s)", "missing sd"},
		{"normal(mean=-30s, sd=5s)", `negative duration "-30s"`},
		{"normal(mean=30s, sd=5s, skew=1)", `unknown argument "skew"`},
		{"uniform(20s, 10s)", "lo 20s is above hi 10s"},
		{"uniform(10s, soon)", `bad duration "soon"`},
		{"uniform(10s, 20s", "unbalanced parentheses"},
		{"lognormal(median=30s, p90=15s)", "median=30s, p90=15s"},
		{"lognormal(mu=x, sigma=1)", `bad number "x"`},
		{"empirical()", "got 0 arguments"},
		{"percentiles(p50=15s, p90=10s)", `"p90=10s" after "p50=15s"`},
		{"percentiles(p0=1s)", `"p0=1s"`},
		{"gamma(1s)", `unknown kind "gamma"`},
		{"5 s", `bad duration "5 s"`},
	}
	for _, tt := range tests {
		_, err := ParseDist(tt.in)
		if err == nil {
			t.Errorf("ParseDist(%q) succeeded", tt.in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.fragment) || !strings.Contains(msg, "want") || strings.Contains(msg, "\n") {
			t.Errorf("ParseDist(%q) error %q: want one line containing %q and the expected form", tt.in, msg, tt.fragment)
		}
	}
}

func TestConstructorsClampInsteadOfFailing(t *testing.T) {
	tests := []struct {
		d    Dist
		want string
	}{
		{Constant(-Second), "0s"},
		{Uniform(5*Second, Second), "uniform(5s, 5s)"},
		{LogNormalMedianP90(30*Second, 15*Second), "30s"},
		{LogNormal(math.Inf(1), math.NaN()), "lognormal(mu=1.7976931348623157e+308, sigma=0)"},
		{Empirical(nil), "0s"},
		{Percentiles([]Percentile{{50, 20 * Second}, {90, 10 * Second}, {150, Hour}}), "percentiles(p50=20s, p90=20s)"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("clamped to %q, want %q", got, tt.want)
		}
		if _, err := ParseDist(tt.d.String()); err != nil {
			t.Errorf("clamped form does not parse: %v", err)
		}
	}
}

func FuzzParseDist(f *testing.F) {
	for _, s := range []string{"5s", "constant(5s)", "uniform(10s, 20s)", "normal(mean=30s, sd=5s)",
		"lognormal(median=15s, p90=30s)", "lognormal(mu=2.7, sigma=0.5)", "exp(mean=40s)",
		"empirical(12s, 15s, 19s)", "percentiles(p50=15s, p90=30s, p99=60s)", "uniform(,)", "normal(mean=)"} {
		f.Add(s)
	}
	r := NewRand(1, 1)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDist(s)
		if err != nil {
			return
		}
		again, err := ParseDist(d.String())
		if err != nil || again.String() != d.String() {
			t.Fatalf("ParseDist(%q).String() = %q, which re-parses to %v, %v", s, d, again, err)
		}
		for range 3 {
			if x := d.Sample(r); x < 0 {
				t.Fatalf("%s sampled %d", d, x)
			}
		}
	})
}
