package model_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// TestParseMoney: prices are read from decimal text exactly, to the
// micro-dollar, and anything else is refused rather than rounded.
func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want model.Money // micro-dollars
	}{
		{"0.0116", 11_600}, // t2.micro per hour
		{"0.08", 80_000},
		{"0.000001", 1}, // the smallest amount
		{"1", 1_000_000},
		{"12.5", 12_500_000},
		{"$0.02", 20_000},
		{" 0.005 ", 5_000},
		{".5", 500_000},
		{"5.", 5_000_000},
		{"0", 0},
		{"-0.25", -250_000},
		{"4611686018427.387909", 4_611_686_018_427_387_909}, // the largest amount accepted
	}
	for _, tc := range tests {
		got, err := model.ParseMoney(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct{ in, why string }{
		{"", "empty"},
		{"$", "no digits"},
		{".", "no digits"},
		{"-", "no digits"},
		{"0.0000001", "7 decimals would need rounding"},
		{"0.01160000", "8 decimals, even trailing zeros"},
		{"abc", "not a number"},
		{"1.2.3", "two points"},
		{"1,000", "thousands separator"},
		{"1e3", "exponent"},
		{"+1", "explicit plus"},
		{"--1", "two signs"},
		{"0x10", "hex"},
		{"4611686018427.387910", "one micro-dollar over the largest amount"},
		{"46116860184274", "too large"},
	}
	for _, tc := range tests {
		if got, err := model.ParseMoney(tc.in); err == nil {
			t.Errorf("ParseMoney(%q) = %s, want an error (%s)", tc.in, got, tc.why)
		} else if !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.in)) {
			t.Errorf("ParseMoney(%q): error %q does not quote the input", tc.in, err)
		}
	}
}

func TestMustMoneyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustMoney(\"0.1234567\") did not panic")
		}
	}()
	model.MustMoney("0.1234567")
}

// TestMoneyString: String is the exact value with six decimals, no rounding.
func TestMoneyString(t *testing.T) {
	tests := []struct {
		in   model.Money
		want string
	}{
		{0, "0.000000"},
		{1, "0.000001"},
		{16_400, "0.016400"},
		{1_000_000, "1.000000"},
		{1_234_567_890, "1234.567890"},
		{-1, "-0.000001"},
		{-2_500_000, "-2.500000"},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tc.in), got, tc.want)
		}
		if back := model.MustMoney(tc.in.String()); back != tc.in {
			t.Errorf("MustMoney(%q) = %d, want %d back", tc.in.String(), int64(back), int64(tc.in))
		}
	}
}

// TestMoneyCents: an invoice shows cents, rounded half up (half away from
// zero for negative amounts).
func TestMoneyCents(t *testing.T) {
	tests := []struct {
		in   model.Money
		want string
	}{
		{0, "$0.00"},
		{4_999, "$0.00"},  // 0.4999 ¢
		{5_000, "$0.01"},  // half a cent rounds up
		{14_999, "$0.01"}, // 1.4999 ¢
		{15_000, "$0.02"}, // 1.5 ¢: up, not to even
		{25_000, "$0.03"}, // 2.5 ¢: up, not to even
		{8_630_400, "$8.63"},
		{1_999_995_000, "$2000.00"},
		{-5_000, "-$0.01"},
		{-15_000, "-$0.02"},
		{-1_234_567, "-$1.23"},
	}
	for _, tc := range tests {
		if got := tc.in.Cents(); got != tc.want {
			t.Errorf("Money(%d).Cents() = %q, want %q", int64(tc.in), got, tc.want)
		}
	}
}

// TestProrate: rate × qty ÷ per, rounded once, half to even, so that
// rounding errors do not drift one way over many lines.
func TestProrate(t *testing.T) {
	tests := []struct {
		name           string
		rate           model.Money
		qty, per       int64
		want           model.Money
		arithmeticNote string
	}{
		{"exact", 11_600, 2, 1, 23_200, "2 h × $0.0116"},
		{"below half rounds down", 1, 1, 4, 0, "0.25 µ$"},
		{"above half rounds up", 1, 3, 4, 1, "0.75 µ$"},
		{"half rounds to even: 0.5 → 0", 1, 1, 2, 0, "0.5 µ$"},
		{"half rounds to even: 1.5 → 2", 3, 1, 2, 2, "1.5 µ$"},
		{"half rounds to even: 2.5 → 2", 5, 1, 2, 2, "2.5 µ$"},
		{"half rounds to even: 3.5 → 4", 7, 1, 2, 4, "3.5 µ$"},
		{"negative half to even: −0.5 → 0", -1, 1, 2, 0, "−0.5 µ$"},
		{"negative half to even: −1.5 → −2", -3, 1, 2, -2, "−1.5 µ$"},
		{"negative half to even: −2.5 → −2", -5, 1, 2, -2, "−2.5 µ$"},
		{"negative above half", -1, 3, 4, -1, "−0.75 µ$"},
		{"60-second minimum of a t2.micro", 11_600, 60_000, 3_600_000, 193, "11600 / 60 = 193.33 µ$"},
		{"100 GiB gp3 for 12 h of June", 80_000, 100 * 12 * 3_600_000, 30 * 24 * 3_600_000, 133_333, "8,000,000 × 12 / 720 = 133,333.3 µ$"},
		{"zero quantity", 80_000, 0, 1, 0, ""},
		{"no overflow: the product exceeds int64", 1 << 62, 1 << 40, 1 << 41, 1 << 61, "2⁶² × 2⁴⁰ / 2⁴¹"},
	}
	for _, tc := range tests {
		if got := model.Prorate(tc.rate, tc.qty, tc.per); got != tc.want {
			t.Errorf("%s: Prorate(%d, %d, %d) = %d, want %d (%s)", tc.name, int64(tc.rate), tc.qty, tc.per, int64(got), int64(tc.want), tc.arithmeticNote)
		}
	}
}

func TestProratePanicsOnNonPositivePer(t *testing.T) {
	for _, per := range []int64{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Prorate(1, 1, %d) did not panic", per)
				}
			}()
			model.Prorate(1, 1, per)
		}()
	}
}

// TestScale: a region's price factor multiplies exactly and rounds once.
func TestScale(t *testing.T) {
	tests := []struct {
		factor string
		in     model.Money
		want   model.Money
	}{
		{"1", 11_600, 11_600},
		{"1.1", 50_000, 55_000},  // snapshot $0.05 in eu-west-1
		{"1.15", 80_000, 92_000}, // gp3 $0.08 in eu-central-1
		{"0.35", 11_600, 4_060},  // Spot discount
		{"1.05", 10, 10},         // 10.5 µ$ rounds to even
		{"1.15", 10, 12},         // 11.5 µ$ rounds to even
	}
	for _, tc := range tests {
		f, err := model.ParseFactor(tc.factor)
		if err != nil {
			t.Fatalf("ParseFactor(%q): %v", tc.factor, err)
		}
		if got := tc.in.Scale(f); got != tc.want {
			t.Errorf("Money(%d).Scale(%s) = %d, want %d", int64(tc.in), tc.factor, int64(got), int64(tc.want))
		}
	}
	for _, bad := range []string{"", ".5", "-1", "1.2345678", "x", "1.1.1"} {
		if _, err := model.ParseFactor(bad); err == nil {
			t.Errorf("ParseFactor(%q) accepted", bad)
		}
	}
}

// A worked proration: 100 GiB of gp3 kept for 12 hours of June, a 30-day
// month, at $0.08 per GiB-month. The quantity is exact (GiB ×
// milliseconds), the cost is rounded once to the micro-dollar, and only
// the invoice view rounds to cents.
func ExampleProrate() {
	rate := model.MustMoney("0.08")    // gp3, USD per GiB-month
	qty := int64(100) * 12 * 3_600_000 // 100 GiB × 12 h, in GiB-milliseconds
	per := int64(30) * 24 * 3_600_000  // June: 30 days, in milliseconds
	cost := model.Prorate(rate, qty, per)
	fmt.Println(cost, cost.Cents())

	// A t2.micro's 60-second minimum at $0.0116 per hour.
	minimum := model.Prorate(model.MustMoney("0.0116"), 60_000, 3_600_000)
	fmt.Println(minimum, minimum.Cents())
	// Output:
	// 0.133333 $0.13
	// 0.000193 $0.00
}

// FuzzParseMoney: any text is an exact amount or an error; what parses
// prints back to the same amount.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"0.0116", "$1.50", "-0.000001", "12345678.123456", "1e3", "0.1234567", "", ".", "9999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := model.ParseMoney(s)
		if err != nil {
			return
		}
		back, err := model.ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("%q → %s → %v (%v)", s, m, back, err)
		}
	})
}

// The 128-bit fast path of Prorate agrees with arbitrary precision.
func TestProrateFastPathMatchesBigArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		rate := model.Money(r.Int64N(10_000_000))
		qty := r.Int64N(1 << 62)
		per := 1 + r.Int64N(1<<40)
		if r.IntN(4) == 0 {
			per = []int64{3_600_000, 2_678_400_000, 2_592_000_000, 2}[r.IntN(4)]
		}
		n := new(big.Int).Mul(big.NewInt(int64(rate)), big.NewInt(qty))
		d := big.NewInt(per)
		q, rem := new(big.Int).QuoRem(n, d, new(big.Int))
		rem.Lsh(rem, 1)
		if c := rem.Cmp(d); c > 0 || c == 0 && q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
		if !q.IsInt64() {
			continue
		}
		if got := model.Prorate(rate, qty, per); int64(got) != q.Int64() {
			t.Fatalf("Prorate(%d, %d, %d) = %d, want %d", rate, qty, per, got, q.Int64())
		}
	}
}
