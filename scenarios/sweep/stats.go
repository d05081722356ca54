package sweep

import (
	"math/big"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The statistics here are exact over integers (milliseconds, micro-dollars)
// so a report never shows a figure that floating-point summing invented.

// MaxBuckets is the most buckets a histogram of a Report has.
const MaxBuckets = 10

// percentile returns the p-th percentile (0..100) of sorted values by
// nearest rank: the value of rank ceil(p/100 × n), 1-based; p = 0 gives the
// minimum. sorted must not be empty.
func percentile(sorted []int64, p int) int64 {
	n := len(sorted)
	rank := (p*n + 99) / 100
	return sorted[max(rank, 1)-1]
}

// meanRounded is the mean of the values rounded half away from zero to an
// integer, computed exactly whatever the sum. vals must not be empty.
func meanRounded(vals []int64) int64 {
	sum := new(big.Int)
	for _, v := range vals {
		sum.Add(sum, big.NewInt(v))
	}
	n := big.NewInt(int64(len(vals)))
	neg := sum.Sign() < 0
	sum.Abs(sum)
	sum.Add(sum.Mul(sum, big.NewInt(2)), n) // (2|sum| + n) / 2n rounds half up
	q := sum.Quo(sum, n.Mul(n, big.NewInt(2))).Int64()
	if neg {
		q = -q
	}
	return q
}

// seconds summarises sorted millisecond values in seconds.
func seconds(sorted []int64) SecondsStats {
	s := func(ms int64) float64 { return sim.Time(ms).Seconds() }
	return SecondsStats{
		Min: s(sorted[0]), P50: s(percentile(sorted, 50)), P90: s(percentile(sorted, 90)),
		P99: s(percentile(sorted, 99)), Max: s(sorted[len(sorted)-1]), Mean: s(meanRounded(sorted)),
	}
}

// usd summarises sorted micro-dollar values as exact dollar strings.
func usd(sorted []int64) USDStats {
	s := func(m int64) string { return model.Money(m).String() }
	return USDStats{
		Min: s(sorted[0]), P50: s(percentile(sorted, 50)), P90: s(percentile(sorted, 90)),
		P99: s(percentile(sorted, 99)), Max: s(sorted[len(sorted)-1]), Mean: s(meanRounded(sorted)),
	}
}

type bucket struct {
	from, to int64 // inclusive
	count    int
}

// histogram splits sorted integer values into at most MaxBuckets buckets
// of equal integer width from the minimum to the maximum; the buckets are
// contiguous, and the last ends at the maximum. nil for no values.
func histogram(sorted []int64) []bucket {
	if len(sorted) == 0 {
		return nil
	}
	lo, hi := sorted[0], sorted[len(sorted)-1]
	span := new(big.Int).Sub(big.NewInt(hi), big.NewInt(lo))
	span.Add(span, big.NewInt(1))
	// width = ceil(span / MaxBuckets); span fits in a uint64.
	width := (span.Uint64() + MaxBuckets - 1) / MaxBuckets
	var out []bucket
	for i, v := 0, 0; v < len(sorted); i++ {
		from := lo + int64(uint64(i)*width)
		to := from + int64(width-1)
		if to > hi || to < from { // the last bucket ends at the maximum
			to = hi
		}
		b := bucket{from: from, to: to}
		for v < len(sorted) && sorted[v] <= to {
			b.count++
			v++
		}
		out = append(out, b)
	}
	return out
}
