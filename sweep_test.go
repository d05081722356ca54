package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// flakyBoot is a scenario whose check races the boot: the instance is
// checked at 15 s, the median of an EBS-backed Linux boot, so some seeds
// pass and some fail.
const flakyBoot = `name: flaky-boot
setup: {seed: 1, region: us-east-1}
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
end: 10m
checks:
  - name: web is up within 15 seconds
    at: 15s
    expect: web.state == "running"
  - name: web is up after ten minutes
    expect: web.state == "running"
`

func writeScenario(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func sweepJSON(t *testing.T, wantCode int, args ...string) (sweepReport, string) {
	t.Helper()
	out, errs, code := ec2sim(t, append([]string{"sweep", "--json"}, args...)...)
	if code != wantCode {
		t.Fatalf("exit %d, want %d: %s", code, wantCode, errs)
	}
	var rep sweepReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	return rep, out
}

func TestSweepIsTheSameWhateverTheWorkerCount(t *testing.T) {
	_, one := sweepJSON(t, exitOK, "console-tutorial", "--runs", "60", "--workers", "1")
	_, two := sweepJSON(t, exitOK, "console-tutorial", "--runs", "60", "--workers", "2")
	_, many := sweepJSON(t, exitOK, "console-tutorial", "--runs", "60", "--workers", "7")
	if one != two || one != many {
		t.Fatalf("--workers 1, 2 and 7 give different reports:\n%s\n---\n%s", one, two)
	}
	textOne, _, _ := ec2sim(t, "sweep", "console-tutorial", "--runs", "60", "--workers", "1")
	textTwo, _, _ := ec2sim(t, "sweep", "console-tutorial", "--runs", "60", "--workers", "2")
	if textOne != textTwo {
		t.Fatalf("text reports differ:\n%s\n---\n%s", textOne, textTwo)
	}
}

func TestSweepReportsWhatVaries(t *testing.T) {
	rep, _ := sweepJSON(t, exitOK, "console-tutorial", "--runs", "50", "--seed", "11")
	if rep.Runs != 50 || rep.FirstSeed != 11 || rep.LastSeed != 60 || rep.PercentileMethod != "nearest-rank" {
		t.Errorf("header = %+v", rep)
	}
	var names []string
	for _, r := range rep.Ready {
		names = append(names, r.Name+"/"+r.Kind+"/"+r.ReadyState)
		if r.ReadyRuns != 50 || r.Seconds == nil || r.Seconds.Min > r.Seconds.P50 || r.Seconds.P50 > r.Seconds.P99 || r.Seconds.P99 > r.Seconds.Max {
			t.Errorf("%s: %+v %+v", r.Name, r, r.Seconds)
		}
	}
	if want := []string{"web/instance/running", "web-v1/image/available"}; !slices.Equal(names, want) {
		t.Errorf("ready names = %v, want %v", names, want)
	}
	if r := rep.Ready[0].Seconds; r.Min == r.Max {
		t.Errorf("boot time does not vary over 50 seeds: %+v", r)
	}
	if h := rep.ReadyHistogram; h == nil || h.Name != "web-v1" {
		t.Errorf("histogram of the slowest name = %+v, want web-v1 (an image waits for its instance)", h)
	}
	if len(rep.Checks) != 5 || !slices.IsSortedFunc(rep.Checks, func(a, b rateJSON) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("checks = %+v, want the tutorial's 5, sorted", rep.Checks)
	}
	for _, c := range rep.Checks {
		if c.Evaluated != 50 || c.PassRate != 1 {
			t.Errorf("check %+v", c)
		}
	}
	if rep.Bill.Total.Min == "" || !strings.Contains(rep.Bill.Total.P50, ".") || len(strings.Split(rep.Bill.Total.P50, ".")[1]) != 6 {
		t.Errorf("bill total = %+v, want dollars with six decimals", rep.Bill.Total)
	}
	var cats []string
	for _, c := range rep.Bill.Categories {
		cats = append(cats, c.Category)
	}
	if !slices.Contains(cats, "public-ipv4") || !slices.Contains(cats, "snapshot") {
		t.Errorf("categories = %v", cats)
	}
	n := 0
	for _, b := range rep.BillHistogram {
		n += b.Count
	}
	if n != 50 || len(rep.BillHistogram) > histBuckets {
		t.Errorf("bill histogram holds %d runs in %d buckets", n, len(rep.BillHistogram))
	}
}

func TestSweepShowsAPassRateBetweenNoneAndAll(t *testing.T) {
	path := writeScenario(t, "flaky.yaml", flakyBoot)
	rep, _ := sweepJSON(t, exitFailed, path, "--runs", "200")
	var flaky, steady rateJSON
	for _, c := range rep.Checks {
		switch c.Name {
		case "web is up within 15 seconds":
			flaky = c
		case "web is up after ten minutes":
			steady = c
		}
	}
	if flaky.Evaluated != 200 || flaky.PassRate <= 0 || flaky.PassRate >= 1 || flaky.PassRate != float64(flaky.Passed)/200 {
		t.Errorf("racing check = %+v, want a pass rate strictly between 0 and 1", flaky)
	}
	if steady.PassRate != 1 {
		t.Errorf("end check = %+v, want always passing", steady)
	}
	if rep.FailedRuns != 200-flaky.Passed || rep.FirstFailedSeed == nil {
		t.Errorf("failed runs = %d (first %v), want %d", rep.FailedRuns, rep.FirstFailedSeed, 200-flaky.Passed)
	}

	out, errs, code := ec2sim(t, "sweep", path, "--runs", "200")
	if code != exitFailed || !strings.Contains(errs, "ec2sim run "+path+" --seed ") {
		t.Errorf("exit %d, stderr %q: want 1 and the seed to replay", code, errs)
	}
	if !strings.Contains(out, "web is up within 15 seconds") || !strings.Contains(out, "%") || !strings.Contains(out, "█") {
		t.Errorf("text report:\n%s", out)
	}
}

func TestSweepBadFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no runs", []string{"console-tutorial"}, exitUsage, "--runs must be between 1 and 100000"},
		{"zero runs", []string{"console-tutorial", "--runs", "0"}, exitUsage, "--runs must be between"},
		{"too many runs", []string{"console-tutorial", "--runs", "100001"}, exitUsage, "--runs must be between"},
		{"runs not a number", []string{"console-tutorial", "--runs", "many"}, exitUsage, "invalid value"},
		{"negative seed", []string{"console-tutorial", "--runs", "3", "--seed", "-1"}, exitUsage, "invalid value"},
		{"seeds past the largest", []string{"console-tutorial", "--runs", "3", "--seed", "18446744073709551614"}, exitUsage, "past the largest seed"},
		{"no workers", []string{"console-tutorial", "--runs", "3", "--workers", "0"}, exitUsage, "--workers must be at least 1"},
		{"unknown flag", []string{"console-tutorial", "--runs", "3", "--run", "2"}, exitUsage, "flag provided but not defined"},
		{"no scenario", []string{"--runs", "3"}, exitUsage, "sweep takes one scenario"},
		{"two scenarios", []string{"console-tutorial", "billing", "--runs", "3"}, exitUsage, "sweep takes one scenario"},
		{"no such scenario", []string{"nosuch", "--runs", "3"}, exitInvalid, `no built-in scenario "nosuch"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := ec2sim(t, append([]string{"sweep"}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("exit %d (want %d), stderr lacks %q:\n%s", code, c.code, c.msg, errs)
			}
			if out != "" {
				t.Errorf("a failure wrote to stdout: %q", out)
			}
		})
	}
	// The largest seed itself is fine.
	if _, errs, code := ec2sim(t, "sweep", "console-tutorial", "--runs", "1", "--seed", "18446744073709551615"); code != exitOK {
		t.Errorf("the largest seed: exit %d: %s", code, errs)
	}
	_, errs, code := ec2sim(t, "sweep", "--help")
	if code != exitOK || !strings.Contains(errs, "nearest rank") || !strings.Contains(errs, "--workers") {
		t.Errorf("sweep --help (exit %d):\n%s", code, errs)
	}
}

func TestSweepStopsWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"sweep", "console-tutorial", "--runs", "100000"}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted || out.String() != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

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
		if n != len(vals) || len(bs) > histBuckets || bs[0].from != vals[0] || bs[len(bs)-1].to != vals[len(vals)-1] {
			t.Errorf("%v: buckets %+v", vals, bs)
		}
	}
	if b := bar(1, 1000); b != "█" {
		t.Errorf("a non-empty bucket's bar = %q, want one cell", b)
	}
	if b := bar(1000, 1000); strings.Count(b, "█") != histWidth {
		t.Errorf("the fullest bar = %d cells", strings.Count(b, "█"))
	}
}

// BenchmarkSweepTutorial sweeps the console tutorial over 1000 seeds on
// all cores, as `ec2sim sweep console-tutorial --runs 1000` does.
func BenchmarkSweepTutorial(b *testing.B) {
	const runs = 1000
	for b.Loop() {
		code := run(context.Background(), []string{"sweep", "console-tutorial", "--runs", "1000"}, strings.NewReader(""), io.Discard, io.Discard)
		if code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
}
