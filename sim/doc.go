// Package sim is a small, general discrete-event simulation kernel: a
// simulated clock (Time, Clock), a priority queue of timed events (Engine),
// one seeded source of randomness (Rand) and duration distributions (Dist)
// with a compact text form for scenario files.
//
// Everything here is a pure function of its inputs. The package does no I/O,
// never reads the wall clock, never uses the global math/rand source, starts
// no goroutines and never lets map iteration order reach a result. Keep it
// that way: each of those would make two runs of the same seed diverge and
// make checkpoints (Engine.Clone, Rand.Clone) meaningless. The package also
// knows nothing about what is being simulated; domain code lives in its
// callers.
//
// Time is milliseconds since the scenario start, not wall time. Clock maps it
// onto a UTC calendar when a caller needs dates.
//
// # Distribution syntax
//
// ParseDist reads the forms below; Dist.String writes the same forms, so a
// distribution survives a round trip through a scenario file. Durations are
// anything ParseTime accepts ("250ms", "1m30s", "2d", "1d12h"), names are
// case-insensitive and spaces around tokens are ignored.
//
//	5s                                   constant; constant(5s) also works
//	uniform(10s, 20s)                    every millisecond in [lo, hi] equally likely
//	normal(mean=30s, sd=5s)              truncated at zero
//	lognormal(median=15s, p90=30s)       p90 must exceed median
//	lognormal(mu=2.7, sigma=0.5)         exp(mu + sigma*Z) seconds
//	exponential(mean=40s)                alias exp(mean=40s)
//	empirical(12s, 15s, 19s)             one of the samples, uniformly
//	percentiles(p50=15s, p90=30s, p99=60s)  piecewise-linear inverse CDF
package sim
