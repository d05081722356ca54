package model

import (
	"fmt"
	"math/big"
	"math/bits"
	"strings"

	"gopkg.in/yaml.v3"
)

// Money is an amount of US dollars in micro-dollars (1e-6 USD). It is never
// a float: prices are read from decimal text exactly, and every bill line is
// computed with exact integer arithmetic and rounded once (see Prorate).
type Money int64

// MicroPerUSD is how many Money units make one dollar.
const MicroPerUSD = 1_000_000

// ParseMoney reads a decimal dollar amount such as "0.0116" exactly. More than
// six decimals is an error rather than a silent rounding.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" {
		return 0, fmt.Errorf("invalid dollar amount %q", s)
	}
	if len(frac) > 6 {
		return 0, fmt.Errorf("invalid dollar amount %q: at most 6 decimals (micro-dollars)", s)
	}
	var m int64
	for _, c := range whole + frac + strings.Repeat("0", 6-len(frac)) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("invalid dollar amount %q", s)
		}
		if m > (1<<62)/10 {
			return 0, fmt.Errorf("dollar amount %q is too large", s)
		}
		m = m*10 + int64(c-'0')
	}
	if neg {
		m = -m
	}
	return Money(m), nil
}

// MustMoney is ParseMoney for constants in code and tests.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// String formats with six decimals, "0.016400": the exact value, no rounding.
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%06d", sign, v/MicroPerUSD, v%MicroPerUSD)
}

// Cents formats rounded half-up to the cent, "$0.02", the way an invoice
// shows it. Display only: never feed it back into arithmetic.
func (m Money) Cents() string {
	v := int64(m)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	c := (v + 5_000) / 10_000
	return fmt.Sprintf("%s$%d.%02d", sign, c/100, c%100)
}

// UnmarshalYAML reads the scalar's text, so 0.0116 is never a float on the way.
func (m *Money) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseMoney(n.Value)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Prorate returns rate × qty ÷ per, rounded half to even to the micro-dollar.
// It is the only place the bill rounds: each line is rounded once, and the
// total is the exact sum of the rounded lines. The product is computed in
// arbitrary precision, so it cannot overflow.
func Prorate(rate Money, qty, per int64) Money {
	if per <= 0 {
		panic("model.Prorate: per must be positive")
	}
	if rate >= 0 && qty >= 0 {
		// The usual case, in 128-bit integers without allocating.
		hi, lo := bits.Mul64(uint64(rate), uint64(qty))
		if hi < uint64(per) {
			q, r := bits.Div64(hi, lo, uint64(per))
			if r2 := r * 2; r2 > uint64(per) || r2 == uint64(per) && q&1 == 1 { // half to even; r < per < 2^63, so r*2 cannot overflow
				q++
			}
			if q <= 1<<63-1 {
				return Money(q)
			}
		}
	}
	n := new(big.Int).Mul(big.NewInt(int64(rate)), big.NewInt(qty))
	d := big.NewInt(per)
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	// Round half to even on the remainder.
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	switch c := r2.Cmp(d); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return Money(q.Int64())
}

// Scale multiplies by a decimal factor such as a region's "1.1", exactly,
// rounding half to even to the micro-dollar.
func (m Money) Scale(f Factor) Money { return Prorate(m, f.num, f.den) }

// Factor is an exact decimal multiplier read from text ("1.15").
type Factor struct{ num, den int64 }

// One is the neutral factor.
var One = Factor{1, 1}

// ParseFactor reads a non-negative decimal such as "1.15".
func ParseFactor(s string) (Factor, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || len(frac) > 6 {
		return Factor{}, fmt.Errorf("invalid factor %q", s)
	}
	den := int64(1)
	num := int64(0)
	for i, c := range whole + frac {
		if c < '0' || c > '9' {
			return Factor{}, fmt.Errorf("invalid factor %q", s)
		}
		num = num*10 + int64(c-'0')
		if i >= len(whole) {
			den *= 10
		}
	}
	return Factor{num, den}, nil
}

func (f Factor) String() string {
	r := new(big.Rat).SetFrac64(f.num, f.den)
	return r.FloatString(2)
}
