package sim

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Dist is a distribution of non-negative durations. Compare two by their
// String forms: == compares some kinds by identity.
type Dist interface {
	// Sample draws one value from r: never negative, in whole milliseconds.
	Sample(r *Rand) Time
	// String returns the canonical form, which ParseDist reads back.
	String() string
}

// Constructors never panic and never fail: out-of-range arguments are clamped
// as each one documents. ParseDist, which reads untrusted text, reports the
// same problems as errors instead.

// Constant returns a distribution that is always d (clamped to >= 0).
func Constant(d Time) Dist { return constant{max(d, 0)} }

// Uniform returns a distribution in which every millisecond in [lo, hi] is
// equally likely. Negative bounds are clamped to 0 and hi to at least lo.
func Uniform(lo, hi Time) Dist {
	lo = max(lo, 0)
	return uniform{lo, max(hi, lo)}
}

// Normal returns a normal distribution truncated at zero. Negative draws are
// redrawn up to normalRetries times and only then clamped to 0: clamping alone
// would pile up a spike at zero when the mean is near it, and an unbounded
// loop could spin forever. As with any truncation, samples then average more
// than mean when stddev is large relative to it. Negative arguments are
// clamped to 0.
func Normal(mean, stddev Time) Dist { return normal{max(mean, 0), max(stddev, 0)} }

const normalRetries = 16 // makes reaching the clamp vanishingly rare

// LogNormal returns exp(mu + sigma*Z) seconds for standard normal Z, so e^mu
// seconds is the median. A NaN mu is treated as 0 and a negative or NaN sigma
// as 0; infinities become the largest finite float so String stays parseable.
func LogNormal(mu, sigma float64) Dist {
	if math.IsNaN(mu) {
		mu = 0
	}
	if !(sigma >= 0) {
		sigma = 0
	}
	return lognormal{mu: max(-math.MaxFloat64, min(mu, math.MaxFloat64)), sigma: min(sigma, math.MaxFloat64)}
}

// z90 is the standard normal 90th percentile.
const z90 = 1.2815515655446004

// LogNormalMedianP90 returns the log-normal distribution with the given median
// and 90th percentile, the two figures people usually know about a latency.
// The median is clamped to at least 1ms; if p90 does not exceed it, the
// result is Constant(median).
func LogNormalMedianP90(median, p90 Time) Dist {
	median = max(median, Millisecond)
	if p90 <= median {
		return Constant(median)
	}
	mu := math.Log(median.Seconds())
	return lognormal{mu: mu, sigma: (math.Log(p90.Seconds()) - mu) / z90, median: median, p90: p90}
}

// Exponential returns an exponential distribution with the given mean
// (clamped to >= 0): the waiting time between independent random arrivals.
func Exponential(mean Time) Dist { return exponential{max(mean, 0)} }

// Empirical returns a distribution that picks one of samples uniformly. The
// slice is copied and negative samples are clamped to 0. With no samples it
// is Constant(0).
func Empirical(samples []Time) Dist {
	if len(samples) == 0 {
		return Constant(0)
	}
	s := make([]Time, len(samples))
	for i, v := range samples {
		s[i] = max(v, 0)
	}
	return &empirical{s}
}

// Percentile is one point of an inverse CDF: P percent of samples are <= D.
type Percentile struct {
	P float64 // in (0, 100]
	D Time
}

// Percentiles returns the distribution whose inverse CDF runs linearly between
// the given points. Below the first point it is the first D (as if a point
// (0, first D) existed) and above the last it is the last D: the distribution
// never invents values outside what was specified, so give p100 or p99.9 to
// describe a tail. Points are sorted by P; points with P outside (0, 100] or a
// repeated P are dropped, D is clamped to >= 0 and raised to be non-decreasing.
// With no usable points it is Constant(0).
func Percentiles(points []Percentile) Dist {
	pts := slices.Clone(points)
	slices.SortStableFunc(pts, func(a, b Percentile) int { return cmp.Compare(a.P, b.P) })
	out := pts[:0]
	for _, p := range pts {
		if !(p.P > 0 && p.P <= 100) || len(out) > 0 && p.P == out[len(out)-1].P {
			continue
		}
		p.D = max(p.D, 0)
		if len(out) > 0 {
			p.D = max(p.D, out[len(out)-1].D)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return Constant(0)
	}
	return &percentiles{out}
}

// fromMs rounds a float of milliseconds to a Time, clamping to [0, MaxInt64]
// so that extreme parameters saturate instead of wrapping.
func fromMs(ms float64) Time {
	switch {
	case !(ms > 0): // also catches NaN
		return 0
	case ms >= math.MaxInt64: // float64(MaxInt64) is 2^63, which int64 cannot hold
		return math.MaxInt64
	}
	return Time(math.Round(ms))
}

type (
	constant    struct{ d Time }
	uniform     struct{ lo, hi Time }
	normal      struct{ mean, sd Time }
	exponential struct{ mean Time }
	empirical   struct{ s []Time }
	percentiles struct{ pts []Percentile }
	lognormal   struct {
		mu, sigma   float64
		median, p90 Time // set when built from them, which is also how String writes it
	}
)

func (d constant) Sample(*Rand) Time { return d.d }
func (d constant) String() string    { return d.d.Compact() }

func (d uniform) Sample(r *Rand) Time { return d.lo + Time(r.r.Uint64N(uint64(d.hi-d.lo)+1)) }
func (d uniform) String() string {
	return fmt.Sprintf("uniform(%s, %s)", d.lo.Compact(), d.hi.Compact())
}

func (d normal) Sample(r *Rand) Time {
	for range normalRetries {
		if x := float64(d.mean) + float64(d.sd)*r.NormFloat64(); x >= 0 {
			return fromMs(x)
		}
	}
	return 0
}
func (d normal) String() string {
	return fmt.Sprintf("normal(mean=%s, sd=%s)", d.mean.Compact(), d.sd.Compact())
}

func (d lognormal) Sample(r *Rand) Time {
	return fromMs(1000 * math.Exp(d.mu+d.sigma*r.NormFloat64()))
}
func (d lognormal) String() string {
	if d.median > 0 {
		return fmt.Sprintf("lognormal(median=%s, p90=%s)", d.median.Compact(), d.p90.Compact())
	}
	return fmt.Sprintf("lognormal(mu=%s, sigma=%s)", formatFloat(d.mu), formatFloat(d.sigma))
}

func (d exponential) Sample(r *Rand) Time { return fromMs(float64(d.mean) * r.ExpFloat64()) }
func (d exponential) String() string      { return "exponential(mean=" + d.mean.Compact() + ")" }

func (d *empirical) Sample(r *Rand) Time { return d.s[r.IntN(len(d.s))] }
func (d *empirical) String() string {
	s := make([]string, len(d.s))
	for i, v := range d.s {
		s[i] = v.Compact()
	}
	return "empirical(" + strings.Join(s, ", ") + ")"
}

func (d *percentiles) Sample(r *Rand) Time {
	u := 100 * r.Float64()
	pts := d.pts
	i := 0
	for i < len(pts) && pts[i].P < u {
		i++
	}
	if i == 0 || i == len(pts) {
		return pts[min(i, len(pts)-1)].D
	}
	a, b := pts[i-1], pts[i]
	return min(addSat(a.D, fromMs(float64(b.D-a.D)*(u-a.P)/(b.P-a.P))), b.D) // float rounding must not overshoot b
}
func (d *percentiles) String() string {
	s := make([]string, len(d.pts))
	for i, p := range d.pts {
		s[i] = "p" + strconv.FormatFloat(p.P, 'f', -1, 64) + "=" + p.D.Compact()
	}
	return "percentiles(" + strings.Join(s, ", ") + ")"
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// distForms gives, per kind, the example shown when its arguments are wrong.
var distForms = map[string]string{
	"constant":    "constant(5s)",
	"uniform":     "uniform(10s, 20s)",
	"normal":      "normal(mean=30s, sd=5s)",
	"lognormal":   "lognormal(median=15s, p90=30s) or lognormal(mu=2.7, sigma=0.5)",
	"exponential": "exponential(mean=40s)",
	"exp":         "exp(mean=40s)",
	"empirical":   "empirical(12s, 15s, 19s)",
	"percentiles": "percentiles(p50=15s, p90=30s, p99=60s)",
}

// ParseDist parses the text form of a distribution:
//
//	5s  or  constant(5s)
//	uniform(10s, 20s)
//	normal(mean=30s, sd=5s)
//	lognormal(median=15s, p90=30s)  or  lognormal(mu=2.7, sigma=0.5)
//	exponential(mean=40s)  or  exp(mean=40s)
//	empirical(12s, 15s, 19s)
//	percentiles(p50=15s, p90=30s, p99=60s)
//
// Durations are anything ParseTime accepts and must not be negative. Names are
// case-insensitive, keyword arguments may come in any order, and whitespace
// around tokens is ignored. Where a constructor would clamp, ParseDist
// returns an error instead: uniform needs lo <= hi, lognormal needs
// 0 < median < p90 (or a finite mu and sigma >= 0), empirical needs a sample,
// and percentiles need P in (0, 100] strictly increasing with D
// non-decreasing. Errors are one line, quote the offending text and show the
// expected form.
func ParseDist(s string) (Dist, error) {
	d, err := parseDist(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("sim: bad distribution %q: %v", s, err)
	}
	return d, nil
}

func parseDist(s string) (Dist, error) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		d, err := parseDur(s)
		if err != nil {
			return nil, fmt.Errorf("%v; want a duration like 5s or a form like uniform(10s, 20s)", err)
		}
		return Constant(d), nil
	}
	name := strings.ToLower(strings.TrimSpace(s[:open]))
	form, ok := distForms[name]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q; want constant, uniform, normal, lognormal, exponential, empirical or percentiles", name)
	}
	body, ok := strings.CutSuffix(s[open+1:], ")")
	if !ok || strings.ContainsAny(body, "()") {
		return nil, fmt.Errorf("unbalanced parentheses; want %s", form)
	}
	d, err := parseArgs(name, body)
	if err != nil {
		return nil, fmt.Errorf("%v; want %s", err, form)
	}
	return d, nil
}

type arg struct{ key, val string }

func argText(a arg) string {
	if a.key == "" {
		return a.val
	}
	return a.key + "=" + a.val
}

func parseArgs(name, body string) (Dist, error) {
	var args []arg
	if strings.TrimSpace(body) != "" {
		for _, f := range strings.Split(body, ",") {
			k, v, hasKey := strings.Cut(f, "=")
			if !hasKey {
				k, v = "", k
			}
			a := arg{strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)}
			if a.val == "" || hasKey && a.key == "" {
				return nil, fmt.Errorf("empty argument %q", f)
			}
			args = append(args, a)
		}
	}
	switch name {
	case "constant":
		v, err := positional(args, 1)
		if err != nil {
			return nil, err
		}
		return Constant(v[0]), nil
	case "uniform":
		v, err := positional(args, 2)
		if err != nil {
			return nil, err
		}
		if v[0] > v[1] {
			return nil, fmt.Errorf("lo %s is above hi %s", v[0].Compact(), v[1].Compact())
		}
		return Uniform(v[0], v[1]), nil
	case "empirical":
		v, err := positional(args, -1)
		if err != nil {
			return nil, err
		}
		return Empirical(v), nil
	case "normal":
		v, err := keywords(args, "mean", "sd")
		if err != nil {
			return nil, err
		}
		return Normal(v[0], v[1]), nil
	case "exponential", "exp":
		v, err := keywords(args, "mean")
		if err != nil {
			return nil, err
		}
		return Exponential(v[0]), nil
	case "lognormal":
		return parseLogNormal(args)
	case "percentiles":
		return parsePercentiles(args)
	}
	return nil, fmt.Errorf("kind %q has no parser", name) // distForms and this switch disagree
}

// positional parses n unnamed durations, or at least one if n < 0.
func positional(args []arg, n int) ([]Time, error) {
	if n >= 0 && len(args) != n || len(args) == 0 {
		return nil, fmt.Errorf("got %d arguments, need %d", len(args), max(n, 1))
	}
	out := make([]Time, len(args))
	for i, a := range args {
		if a.key != "" {
			return nil, fmt.Errorf("unexpected name in %q", argText(a))
		}
		var err error
		if out[i], err = parseDur(a.val); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keywordStrings returns the named raw values in the order of names, insisting on
// each exactly once and nothing else.
func keywordStrings(args []arg, names ...string) ([]string, error) {
	out := make([]string, len(names))
	for _, a := range args {
		i := slices.Index(names, a.key)
		switch {
		case a.key == "":
			return nil, fmt.Errorf("argument %q needs a name", a.val)
		case i < 0:
			return nil, fmt.Errorf("unknown argument %q", a.key)
		case out[i] != "":
			return nil, fmt.Errorf("repeated argument %q", a.key)
		}
		out[i] = a.val
	}
	for i, v := range out {
		if v == "" {
			return nil, fmt.Errorf("missing %s", names[i])
		}
	}
	return out, nil
}

func keywords(args []arg, names ...string) ([]Time, error) {
	raw, err := keywordStrings(args, names...)
	if err != nil {
		return nil, err
	}
	out := make([]Time, len(raw))
	for i, v := range raw {
		if out[i], err = parseDur(v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func parseLogNormal(args []arg) (Dist, error) {
	if slices.ContainsFunc(args, func(a arg) bool { return a.key == "mu" || a.key == "sigma" }) {
		raw, err := keywordStrings(args, "mu", "sigma")
		if err != nil {
			return nil, err
		}
		var f [2]float64
		for i, v := range raw {
			if f[i], err = strconv.ParseFloat(v, 64); err != nil || math.IsNaN(f[i]) || math.IsInf(f[i], 0) {
				return nil, fmt.Errorf("bad number %q", v)
			}
		}
		if f[1] < 0 {
			return nil, fmt.Errorf("sigma %s is negative", raw[1])
		}
		return LogNormal(f[0], f[1]), nil
	}
	v, err := keywords(args, "median", "p90")
	if err != nil {
		return nil, err
	}
	if v[0] <= 0 || v[1] <= v[0] {
		return nil, fmt.Errorf("need 0 < median < p90, got median=%s, p90=%s", v[0].Compact(), v[1].Compact())
	}
	return LogNormalMedianP90(v[0], v[1]), nil
}

func parsePercentiles(args []arg) (Dist, error) {
	if len(args) == 0 {
		return nil, errors.New("no points")
	}
	pts := make([]Percentile, len(args))
	for i, a := range args {
		num, ok := strings.CutPrefix(a.key, "p")
		p, err := strconv.ParseFloat(num, 64)
		if !ok || err != nil || !(p > 0 && p <= 100) {
			return nil, fmt.Errorf("bad point %q, want pN=duration with N in (0, 100] such as p99.9=60s", argText(a))
		}
		d, err := parseDur(a.val)
		if err != nil {
			return nil, err
		}
		pts[i] = Percentile{p, d}
		if i > 0 && (p <= pts[i-1].P || d < pts[i-1].D) {
			return nil, fmt.Errorf("%q after %q: percentiles must increase and durations must not decrease",
				argText(a), argText(args[i-1]))
		}
	}
	return Percentiles(pts), nil
}

func parseDur(s string) (Time, error) {
	t, err := parseTime(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("bad duration %q (%v)", s, err)
	case t < 0:
		return 0, fmt.Errorf("negative duration %q", s)
	}
	return t, nil
}
