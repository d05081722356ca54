package sim

import "math/rand/v2"

// Rand is the simulation's only source of randomness: a PCG generator whose
// whole state can be copied, so a checkpoint replays exactly.
type Rand struct {
	src *rand.PCG
	r   *rand.Rand
}

// NewRand returns a generator for one stream of one scenario seed. Separate
// streams (say, one for naming things and one for timings) stay independent,
// so drawing more from one never shifts the other. Seed and stream are mixed
// through SplitMix64 first, because PCG states that differ only in low bits,
// as consecutive stream numbers do, give visibly correlated early output.
func NewRand(seed, stream uint64) *Rand {
	hi := splitMix64(seed)
	return newRand(rand.NewPCG(hi, splitMix64(hi^stream)))
}

func newRand(src *rand.PCG) *Rand { return &Rand{src: src, r: rand.New(src)} }

func splitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Uint64 returns a uniformly distributed 64-bit value.
func (r *Rand) Uint64() uint64 { return r.src.Uint64() }

// IntN returns a uniform int in [0, n). It panics if n <= 0.
func (r *Rand) IntN(n int) int { return r.r.IntN(n) }

// Float64 returns a uniform float64 in [0, 1).
func (r *Rand) Float64() float64 { return r.r.Float64() }

// NormFloat64 returns a standard normal sample (mean 0, standard deviation 1).
func (r *Rand) NormFloat64() float64 { return r.r.NormFloat64() }

// ExpFloat64 returns an exponential sample with mean 1.
func (r *Rand) ExpFloat64() float64 { return r.r.ExpFloat64() }

// Clone returns an independent generator in the same state: it and r produce
// the same sequence from here on. rand.Rand keeps no state of its own beyond
// its source, so copying the PCG is enough.
func (r *Rand) Clone() *Rand {
	src := *r.src
	return newRand(&src)
}
