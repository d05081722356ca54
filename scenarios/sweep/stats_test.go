package sweep

import "testing"

func TestPercentileIsByNearestRank(t *testing.T) {
	vals := []int64{15, 20, 35, 40, 50} // sorted
	cases := []struct {
		p    int
		want int64
	}{
		{0, 15}, {5, 15}, {20, 15}, {21, 20}, {30, 20}, {40, 20}, {50, 35}, {90, 50}, {99, 50}, {100, 50},
	}
	for _, c := range cases {
		if got := percentile(vals, c.p); got != c.want {
			t.Errorf("p%d of %v = %d, want %d", c.p, vals, got, c.want)
		}
	}
	ten := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for p, want := range map[int]int64{50: 5, 90: 9, 99: 10, 10: 1, 11: 2} {
		if got := percentile(ten, p); got != want {
			t.Errorf("p%d of 1..10 = %d, want %d", p, got, want)
		}
	}
	if got := percentile([]int64{7}, 99); got != 7 {
		t.Errorf("p99 of one value = %d", got)
	}
}

func TestMeanIsRoundedHalfAwayFromZeroExactly(t *testing.T) {
	if m := meanRounded([]int64{1, 2}); m != 2 {
		t.Errorf("mean of 1, 2 = %d, want 2 (half rounds up)", m)
	}
	if m := meanRounded([]int64{-1, -2}); m != -2 {
		t.Errorf("mean of -1, -2 = %d, want -2 (half rounds away from zero)", m)
	}
	if m := meanRounded([]int64{1 << 62, 1 << 62, 1 << 62}); m != 1<<62 {
		t.Errorf("mean of huge values overflowed: %d", m)
	}
}

func TestHistogramCoversEveryValue(t *testing.T) {
	for _, vals := range [][]int64{{5}, {1, 1, 1}, {1, 2, 3}, {0, 9, 10, 11, 99, 100}, {-5, 0, 5, 1000}} {
		bs := histogram(vals)
		n := 0
		for i, b := range bs {
			n += b.count
			if b.from > b.to || (i > 0 && b.from != bs[i-1].to+1) {
				t.Errorf("%v: bucket %d = %+v", vals, i, b)
			}
		}
		if n != len(vals) || len(bs) > MaxBuckets || bs[0].from != vals[0] || bs[len(bs)-1].to != vals[len(vals)-1] {
			t.Errorf("%v: buckets %+v", vals, bs)
		}
	}
}
