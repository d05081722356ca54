package model_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The bill tests: worked examples whose expected figures are computed in
// the test from the published prices (catalog.yaml, docs/sources.md), and
// property tests that drive random action sequences and check what must
// hold of any bill. Top-level names start with "bill" so they do not clash
// with the other test files of the package.

// The published figures the worked examples are computed from.
var (
	billT2Micro  = model.MustMoney("0.0116") // t2.micro On-Demand Linux, us-east-1, USD per hour (S12)
	billSUSEFee  = model.MustMoney("0.0150") // SUSE licence on burstable types, USD per vCPU-hour (catalogue illustration)
	billCISFee   = model.MustMoney("0.02")   // cis-al2023 Marketplace software fee, USD per hour (example listing)
	billGP3      = model.MustMoney("0.08")   // gp3 storage, us-east-1, USD per GiB-month (S13)
	billSnapshot = model.MustMoney("0.05")   // snapshot standard tier, USD per GiB-month (S14)
	billArchive  = model.MustMoney("0.0125") // snapshot archive tier, USD per GiB-month (S14)
	billTransfer = model.MustMoney("0.02")   // inter-region data transfer us-east-1 → eu-west-1, USD per GiB (S45)
	billIPv4     = model.MustMoney("0.005")  // public IPv4 address, USD per hour (S46)
)

// Base units of a bill line: time is in milliseconds.
const (
	billSecond = int64(sim.Second)
	billMinute = int64(sim.Minute)
	billHour   = int64(sim.Hour)
	billDay    = int64(sim.Day)
)

// billTimings are the durations the worked examples depend on, made
// constant so that the expected figures are exact.
var billTimings = map[string]sim.Time{
	"boot/ebs/linux":   10 * sim.Second,
	"boot/ebs/ubuntu":  10 * sim.Second,
	"boot/ebs/suse":    10 * sim.Second,
	"stop":             20 * sim.Second,
	"shutdown":         10 * sim.Second,
	"reboot":           30 * sim.Second,
	"volume/create":    5 * sim.Second,
	"volume/delete":    0, // a deleted volume stops billing at the DeleteVolume call
	"volume/attach":    2 * sim.Second,
	"volume/detach":    2 * sim.Second,
	"snapshot/base":    20 * sim.Second,
	"snapshot/per-gib": 1 * sim.Second,
	"copy/base":        1 * sim.Minute,
	"copy/per-gib":     5 * sim.Second,
	"image/create":     0, // the AMI is available as its last snapshot completes
	"hibernate":        40 * sim.Second,
	"spot/notice":      2 * sim.Minute,
	"spot/restart":     10 * sim.Minute,
}

// billCatalog is the default catalogue with billTimings.
func billCatalog(t testing.TB) *model.Catalog {
	t.Helper()
	cat := model.DefaultCatalog().Clone()
	for name, d := range billTimings {
		if err := cat.SetTiming(name, sim.Constant(d)); err != nil {
			t.Fatal(err)
		}
	}
	return cat
}

// billWorld is a one-account world with constant timings, starting at start
// (zero: the default Monday in January).
func billWorld(t testing.TB, start time.Time, freeTier bool) *model.World {
	t.Helper()
	w, err := model.New(model.Config{Seed: 1, Start: start, Catalog: billCatalog(t), FreeTier: freeTier})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// billAdvance fires every event due at or before to, then moves the clock to to.
func billAdvance(t testing.TB, w *model.World, to sim.Time) {
	t.Helper()
	for {
		at, ok := w.NextAt()
		if !ok || at > to {
			break
		}
		w.Step()
	}
	w.AdvanceTo(to)
	if w.Now() != to {
		t.Fatalf("clock at %v, want %v", w.Now(), to)
	}
}

func billOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// billRun launches count instances of an image in us-east-1.
func billRun(t testing.TB, w *model.World, image, itype string, count int) []string {
	t.Helper()
	out, err := w.RunInstances(model.Caller{}, model.RunInstancesInput{ImageId: image, InstanceType: itype, MinCount: count, MaxCount: count})
	billOK(t, err)
	return out.Created()
}

// billLines returns the lines of one resource in one category.
func billLines(b model.Bill, resource string, cat model.Category) []model.Line {
	var out []model.Line
	for _, l := range b.Lines {
		if l.Resource == resource && l.Category == cat {
			out = append(out, l)
		}
	}
	return out
}

// billOnly returns the one line of a resource in a category, or fails.
func billOnly(t testing.TB, b model.Bill, resource string, cat model.Category) model.Line {
	t.Helper()
	ls := billLines(b, resource, cat)
	if len(ls) != 1 {
		t.Fatalf("%s has %d %s lines, want 1:\n%s", resource, len(ls), cat, billDump(b))
	}
	return ls[0]
}

func billDump(b model.Bill) string {
	var sb strings.Builder
	for _, l := range b.Lines {
		fmt.Fprintf(&sb, "  %s %-13s %-12s %-45s %s qty=%d/%d rate=%s cost=%s\n", l.Month, l.Category, l.Resource, l.Component, l.Region, l.Qty, l.Per, l.Rate, l.Cost)
	}
	fmt.Fprintf(&sb, "  total %s", b.Total)
	return sb.String()
}

// billCheckLine compares a line's exact quantity, rate and cost.
func billCheckLine(t testing.TB, l model.Line, qty, per int64, rate model.Money) {
	t.Helper()
	want := model.Prorate(rate, qty, per)
	if l.Qty != qty || l.Per != per || l.Rate != rate || l.Cost != want {
		t.Errorf("%s %s %s: qty %d/%d at %s = %s, want %d/%d at %s = %s",
			l.Resource, l.Component, l.Month, l.Qty, l.Per, l.Rate, l.Cost, qty, per, rate, want)
	}
}

// ---- worked examples -------------------------------------------------------

type billStep struct {
	at     sim.Time
	action string // stop, start, reboot
}

func billAct(t testing.TB, w *model.World, id, action string) {
	t.Helper()
	ids := []string{id}
	var err error
	switch action {
	case "stop":
		_, err = w.StopInstances(model.Caller{}, model.StopInstancesInput{InstanceIds: ids})
	case "start":
		_, err = w.StartInstances(model.Caller{}, model.InstanceIDsInput{InstanceIds: ids})
	case "reboot":
		_, err = w.RebootInstances(model.Caller{}, model.InstanceIDsInput{InstanceIds: ids})
	default:
		t.Fatalf("unknown action %q", action)
	}
	billOK(t, err)
}

// TestBillCompute: the instance is launched at 0 s and reaches running at
// 10 s (boot), a stop takes 20 s, a start boots in 10 s again. Only time
// in running is billed, per second with a 60-second minimum for each entry
// into running, or per started hour for SUSE.
func TestBillCompute(t *testing.T) {
	const s = sim.Second
	// t2.micro has 1 vCPU: SUSE is the Linux price plus one vCPU of licence.
	suse := billT2Micro + billSUSEFee*1
	tests := []struct {
		name   string
		image  string
		steps  []billStep
		rate   model.Money // per hour
		billed int64       // billed running time, ms
	}{
		{
			name:   "60-second minimum: running 30 s is billed 60 s",
			image:  "al2023",
			steps:  []billStep{{40 * s, "stop"}}, // running 10 s → 40 s = 30 s
			rate:   billT2Micro,
			billed: 60 * billSecond, // max(30 s, 60 s)
		},
		{
			name:   "per second above the minimum: running 90 s is billed 90 s",
			image:  "al2023",
			steps:  []billStep{{100 * s, "stop"}}, // running 10 s → 100 s = 90 s
			rate:   billT2Micro,
			billed: 90 * billSecond,
		},
		{
			name:   "a started second counts whole: running 90.001 s is billed 91 s",
			image:  "al2023",
			steps:  []billStep{{100*s + 1, "stop"}}, // running 10 s → 100.001 s
			rate:   billT2Micro,
			billed: 91 * billSecond,
		},
		{
			name:  "each start bills its own minimum: two runs within a minute bill 2 × 60 s",
			image: "al2023",
			steps: []billStep{
				{20 * s, "stop"},  // running 10 s → 20 s = 10 s; stopped at 40 s
				{40 * s, "start"}, // running again at 50 s
				{60 * s, "stop"},  // running 50 s → 60 s = 10 s
			},
			rate:   billT2Micro,
			billed: 2 * 60 * billSecond, // max(10 s, 60 s) + max(10 s, 60 s)
		},
		{
			name:  "a reboot bills no new minimum: one running period",
			image: "al2023",
			steps: []billStep{
				{20 * s, "reboot"}, // stays running; back up at 50 s
				{100 * s, "stop"},  // running 10 s → 100 s = 90 s
			},
			rate:   billT2Micro,
			billed: 90 * billSecond, // not max(10 s, 60 s) + 80 s = 140 s
		},
		{
			name:   "SUSE is billed per started hour: 10 minutes running is billed 1 hour",
			image:  "sles-15",
			steps:  []billStep{{10*sim.Minute + 10*s, "stop"}}, // running 10 s → 10 min 10 s
			rate:   suse,
			billed: billHour, // ⌈10 min / 1 h⌉ h
		},
		{
			name:   "SUSE is billed per started hour: 61 minutes running is billed 2 hours",
			image:  "sles-15",
			steps:  []billStep{{61*sim.Minute + 10*s, "stop"}}, // running 10 s → 61 min 10 s
			rate:   suse,
			billed: 2 * billHour, // ⌈61 min / 1 h⌉ h
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := billWorld(t, time.Time{}, false)
			id := billRun(t, w, tc.image, "t2.micro", 1)[0]
			for _, st := range tc.steps {
				billAdvance(t, w, st.at)
				billAct(t, w, id, st.action)
			}
			billAdvance(t, w, 3*sim.Hour) // long after the last stop: nothing more accrues
			if inst, _ := w.Instance(id); inst.State != model.Stopped {
				t.Fatalf("instance is %s, want stopped", inst.State)
			}
			b := w.Bill()
			l := billOnly(t, b, id, model.CatCompute)
			billCheckLine(t, l, tc.billed, billHour, tc.rate)
			if got, want := b.ByCategory()[model.CatCompute], model.Prorate(tc.rate, tc.billed, billHour); got != want {
				t.Errorf("compute total %s, want %s", got, want)
			}
		})
	}
}

// TestBillMarketplaceFee: a Marketplace image's software fee is a line of
// its own, metered like the instance (per second, 60 s minimum) while it runs.
func TestBillMarketplaceFee(t *testing.T) {
	w := billWorld(t, time.Time{}, false)
	id := billRun(t, w, "cis-al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 100*sim.Second) // running 10 s → 100 s = 90 s
	billAct(t, w, id, "stop")
	billAdvance(t, w, sim.Hour)
	b := w.Bill()
	billCheckLine(t, billOnly(t, b, id, model.CatCompute), 90*billSecond, billHour, billT2Micro)
	fee := billOnly(t, b, id, model.CatMarketplace)
	billCheckLine(t, fee, 90*billSecond, billHour, billCISFee) // 90 s × $0.02/h = $0.0005
	if fee.Cost != model.MustMoney("0.0005") {
		t.Errorf("fee %s, want 0.000500 (90/3600 × 0.02)", fee.Cost)
	}
	if !strings.Contains(fee.Component, "7x1b2example0000000000000") || !fee.Approximate {
		t.Errorf("fee line %q (approximate %t): want the product code, marked approximate", fee.Component, fee.Approximate)
	}
}

// TestBillVolumeProration: EBS is billed per GiB-month, prorated over the
// length of each calendar month the volume lives in.
func TestBillVolumeProration(t *testing.T) {
	type want struct {
		month string
		qty   int64 // GiB × ms
		per   int64 // ms in that month
	}
	tests := []struct {
		name  string
		start time.Time
		life  sim.Time
		lines []want
	}{
		{
			name:  "100 GiB gp3 for 12 hours in a 30-day month",
			start: time.Date(2026, time.June, 10, 0, 0, 0, 0, time.UTC),
			life:  12 * sim.Hour,
			// 100 GiB × 12 h / (30 × 24 h) × $0.08 = $0.133333
			lines: []want{{"2026-06", 100 * 12 * billHour, 30 * billDay}},
		},
		{
			name:  "a volume spanning a month boundary is prorated in both months",
			start: time.Date(2026, time.January, 31, 12, 0, 0, 0, time.UTC),
			life:  24 * sim.Hour,
			lines: []want{
				{"2026-01", 100 * 12 * billHour, 31 * billDay}, // 100 GiB × 12 h / (31 × 24 h) × $0.08
				{"2026-02", 100 * 12 * billHour, 28 * billDay}, // 100 GiB × 12 h / (28 × 24 h) × $0.08
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := billWorld(t, tc.start, false)
			out, err := w.CreateVolume(model.Caller{}, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 100, VolumeType: "gp3"})
			billOK(t, err)
			billAdvance(t, w, tc.life)
			_, err = w.DeleteVolume(model.Caller{}, model.VolumeIDInput{VolumeId: out.VolumeId})
			billOK(t, err)
			billAdvance(t, w, tc.life+sim.Day) // deleted: no more storage
			if _, ok := w.Volume(out.VolumeId); ok {
				t.Fatal("volume not deleted")
			}
			b := w.Bill()
			ls := billLines(b, out.VolumeId, model.CatEBS)
			if len(ls) != len(tc.lines) {
				t.Fatalf("%d lines, want %d:\n%s", len(ls), len(tc.lines), billDump(b))
			}
			var total model.Money
			for i, wl := range tc.lines {
				if ls[i].Month != wl.month || ls[i].Component != "gp3 storage" {
					t.Errorf("line %d is %s %q, want %s gp3 storage", i, ls[i].Month, ls[i].Component, wl.month)
				}
				billCheckLine(t, ls[i], wl.qty, wl.per, billGP3)
				total += model.Prorate(billGP3, wl.qty, wl.per)
			}
			if b.Total != total {
				t.Errorf("total %s, want %s", b.Total, total)
			}
		})
	}
	// The arithmetic above by hand, to the micro-dollar.
	if got := model.Prorate(billGP3, 100*12*billHour, 30*billDay); got.String() != "0.133333" {
		t.Errorf("100 GiB × 12 h / 720 h × $0.08 = %s, want 0.133333", got)
	}
}

// TestBillSnapshotOutlivesDeregisteredImage: deregistering an AMI does not
// delete its snapshots, which bill until deleted.
func TestBillSnapshotOutlivesDeregisteredImage(t *testing.T) {
	// July has 31 days; everything below stays inside it.
	w := billWorld(t, time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC), false)
	c := model.Caller{}
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 10*sim.Second) // running
	img, err := w.CreateImage(c, model.CreateImageInput{InstanceId: id, Name: "golden", NoReboot: true})
	billOK(t, err)
	snapStart := w.Now() // the snapshot bills from the CreateImage call
	billAdvance(t, w, sim.Hour)
	_, err = w.TerminateInstances(c, model.InstanceIDsInput{InstanceIds: []string{id}})
	billOK(t, err)
	billOK(t, w.DeregisterImage(c, model.DeregisterImageInput{ImageId: img.ImageId}))
	deregistered := w.Now()
	billAdvance(t, w, deregistered+30*sim.Day)

	snaps := w.Snapshots()
	if len(snaps) != 1 {
		t.Fatalf("%d snapshots left, want the image's 1", len(snaps))
	}
	if im, ok := w.Image(img.ImageId, "us-east-1"); ok && !im.Gone {
		t.Error("the deregistered image is still listed after 30 days")
	}
	snap := snaps[0]
	if snap.StoredGiB != 2 { // al2023's root holds 2 GiB of written data
		t.Fatalf("snapshot stores %d GiB, want 2", snap.StoredGiB)
	}
	// 2 GiB × (30 days after deregistration + the hour before it) / 31 days × $0.05
	lived := int64(w.Now() - snapStart)
	l := billOnly(t, w.Bill(), snap.ID, model.CatSnapshot)
	billCheckLine(t, l, 2*lived, 31*billDay, billSnapshot)
	if l.Month != "2026-07" || l.Component != "snapshot storage" {
		t.Errorf("line %s %q, want 2026-07 snapshot storage", l.Month, l.Component)
	}
}

// TestBillCrossRegionImageCopy: copying an AMI is free, but the data moved
// between regions and the destination's snapshot storage are not.
func TestBillCrossRegionImageCopy(t *testing.T) {
	w := billWorld(t, time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC), false) // March: 31 days
	c := model.Caller{}
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 10*sim.Second)
	billOK(t, w.WriteData(c, model.WriteDataInput{InstanceId: id, GiB: 6})) // 2 GiB from the AMI + 6 = 8 GiB
	img, err := w.CreateImage(c, model.CreateImageInput{InstanceId: id, Name: "golden", NoReboot: true})
	billOK(t, err)
	billAdvance(t, w, sim.Minute) // snapshot done at 10 s + 20 s + 8 × 1 s
	src, _ := w.Image(img.ImageId, "us-east-1")
	if src.State != model.ImageAvailable {
		t.Fatalf("source image is %s", src.State)
	}
	eu := model.Caller{Region: "eu-west-1"}
	cp, err := w.CopyImage(eu, model.CopyImageInput{Name: "golden", SourceImageId: img.ImageId, SourceRegion: "us-east-1"})
	billOK(t, err)
	copied := w.Now()
	billAdvance(t, w, copied+sim.Day)
	dst, _ := w.Image(cp.ImageId, "eu-west-1")
	if dst.State != model.ImageAvailable || len(dst.BlockDevices) != 1 {
		t.Fatalf("copy is %s with %d devices", dst.State, len(dst.BlockDevices))
	}
	snapID := dst.BlockDevices[0].SnapshotID
	if s, _ := w.Snapshot(snapID); s.StoredGiB != 8 {
		t.Fatalf("destination snapshot stores %d GiB, want 8 (a first cross-region copy is full)", s.StoredGiB)
	}
	b := w.Bill()

	// Data transfer: 8 GiB × $0.02 = $0.16, once.
	tr := billOnly(t, b, snapID, model.CatTransfer)
	billCheckLine(t, tr, 8, 1, billTransfer)
	if tr.Cost != model.MustMoney("0.16") || tr.Region != "us-east-1" || tr.Unit != model.GiB {
		t.Errorf("transfer line %s %s %s, want $0.16 billed in us-east-1 per GiB", tr.Cost, tr.Region, tr.Unit)
	}
	// Destination storage: 8 GiB × 1 day / 31 days × $0.05, eu-west-1's own
	// snapshot price (issue 12: not us-east-1's $0.05 × the 1.1 factor =
	// $0.055) = $0.012903.
	euRate := model.MustMoney("0.05")
	st := billOnly(t, b, snapID, model.CatSnapshot)
	billCheckLine(t, st, 8*billDay, 31*billDay, euRate)
	if st.Region != "eu-west-1" || !st.Approximate {
		t.Errorf("destination storage in %s (approximate %t), want eu-west-1, approximate", st.Region, st.Approximate)
	}
	if st.Cost != model.MustMoney("0.012903") {
		t.Errorf("eu-west-1 snapshot storage %s, want $0.012903", st.Cost)
	}
}

// TestBillFreeTier: the legacy free tier gives each account 750 t2.micro
// Linux hours a month; a 31-day month is 744 hours.
func TestBillFreeTier(t *testing.T) {
	month := 31 * 24 * billHour // January 2026
	tests := []struct {
		name      string
		freeTier  bool
		instances int
		free      int64 // instance-milliseconds covered
		paid      model.Money
	}{
		{"the free tier covers a t2.micro for a 31-day month", true, 1, month, 0},                                                           // 744 h < 750 h
		{"without the free tier a month is 744 h × $0.0116", false, 1, 0, model.Prorate(billT2Micro, month, billHour)},                      // $8.6304
		{"two t2.micros share one 750-hour allowance", true, 2, 750 * billHour, model.Prorate(billT2Micro, 2*month-750*billHour, billHour)}, // 738 h × $0.0116
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Launch 10 s before the month so the instances run from 1 Jan 00:00.
			w := billWorld(t, time.Date(2025, time.December, 31, 23, 59, 50, 0, time.UTC), tc.freeTier)
			ids := billRun(t, w, "al2023", "t2.micro", tc.instances)
			billAdvance(t, w, 10*sim.Second+sim.Time(month)) // 1 Feb 00:00, still running
			b := w.Bill()
			var free, paid int64
			for _, id := range ids {
				for _, l := range billLines(b, id, model.CatCompute) {
					if l.Month != "2026-01" {
						t.Errorf("line in %s, want only 2026-01", l.Month)
					}
					if strings.HasSuffix(l.Component, "(free tier)") {
						free += l.Qty
						if l.Cost != 0 {
							t.Errorf("free tier line costs %s", l.Cost)
						}
					} else {
						paid += l.Qty
					}
				}
			}
			if free != tc.free || free+paid != int64(tc.instances)*month {
				t.Errorf("free %d ms + paid %d ms, want free %d ms of %d ms", free, paid, tc.free, int64(tc.instances)*month)
			}
			if got := b.ByCategory()[model.CatCompute]; got != tc.paid {
				t.Errorf("compute %s, want %s\n%s", got, tc.paid, billDump(b))
			}
		})
	}
	if got := model.Prorate(billT2Micro, month, billHour); got.String() != "8.630400" {
		t.Errorf("744 h × $0.0116 = %s, want 8.630400", got)
	}
}

// TestBillPublicIPv4: a public IPv4 address bills per hour while assigned,
// whatever the instance does; a stop releases it and a start assigns a new one.
func TestBillPublicIPv4(t *testing.T) {
	w := billWorld(t, time.Time{}, false)
	id := billRun(t, w, "al2023", "t2.micro", 1)[0] // assigned at launch, 0 s
	billAdvance(t, w, sim.Hour)
	billAct(t, w, id, "stop") // released at 1 h
	billAdvance(t, w, 90*sim.Minute)
	if inst, _ := w.Instance(id); inst.State != model.Stopped || inst.PublicIP != "" {
		t.Fatalf("stopped instance: %s with public IP %q", inst.State, inst.PublicIP)
	}
	billAdvance(t, w, 2*sim.Hour)
	billAct(t, w, id, "start") // a new address from 2 h
	billAdvance(t, w, 3*sim.Hour)
	// (1 h − 0 h) + (3 h − 2 h) = 2 h × $0.005 = $0.01
	l := billOnly(t, w.Bill(), id, model.CatIPv4)
	billCheckLine(t, l, 2*billHour, billHour, billIPv4)
	if l.Cost != model.MustMoney("0.01") {
		t.Errorf("IPv4 %s, want 0.01", l.Cost)
	}
}

// TestBillArchiveEarlyDeletion: an archived snapshot has a 90-day minimum;
// deleted after 10 days, it pays the other 80 at once, in the month of the
// deletion, prorated over that month's length.
func TestBillArchiveEarlyDeletion(t *testing.T) {
	// One hour before June, so the snapshot is archived at 1 June 00:00.
	w := billWorld(t, time.Date(2026, time.May, 31, 23, 0, 0, 0, time.UTC), false)
	c := model.Caller{}
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 10*sim.Second)
	billOK(t, w.WriteData(c, model.WriteDataInput{InstanceId: id, GiB: 6})) // 8 GiB written
	inst, _ := w.Instance(id)
	snap, err := w.CreateSnapshot(c, model.CreateSnapshotInput{VolumeId: inst.BlockDevices[0].VolumeID})
	billOK(t, err)
	billAdvance(t, w, sim.Hour) // 1 June 00:00
	billOK(t, w.ModifySnapshotTier(c, model.ModifySnapshotTierInput{SnapshotId: snap.SnapshotId, StorageTier: "archive"}))
	billAdvance(t, w, sim.Hour+10*sim.Day) // 11 June 00:00
	billOK(t, w.DeleteSnapshot(c, model.SnapshotIDInput{SnapshotId: snap.SnapshotId}))
	billAdvance(t, w, sim.Hour+200*sim.Day) // long after: nothing more accrues

	early := "snapshot archive early deletion (90-day minimum)"
	type want struct {
		component, month string
		qty, per         int64
	}
	// 8 GiB archived 1 June; deleted 11 June; the minimum would end 30 August.
	wants := []want{
		{"snapshot archive storage", "2026-06", 8 * 10 * billDay, 30 * billDay}, // 8 GiB × 10 d / 30 d × $0.0125
		{early, "2026-06", 8 * 80 * billDay, 30 * billDay},                      // the other 80 d, charged in June over June's 30 d
	}
	b := w.Bill()
	var archive []model.Line
	for _, l := range billLines(b, snap.SnapshotId, model.CatSnapshot) {
		if strings.HasPrefix(l.Component, "snapshot archive") {
			archive = append(archive, l)
		}
	}
	if len(archive) != len(wants) {
		t.Fatalf("%d archive lines, want %d:\n%s", len(archive), len(wants), billDump(b))
	}
	var days int64
	for _, wl := range wants {
		found := false
		for _, l := range archive {
			if l.Component == wl.component && l.Month == wl.month {
				billCheckLine(t, l, wl.qty, wl.per, billArchive)
				found = true
			}
		}
		if !found {
			t.Errorf("no %s line in %s", wl.component, wl.month)
		}
		days += wl.qty / 8 / billDay
	}
	if days != 90 {
		t.Errorf("archive lines cover %d days, want 90", days)
	}
}

// TestBillNeverDecreases: two ways a bill could go down as time passes,
// each a worked example of the rule that prevents it.
func TestBillNeverDecreases(t *testing.T) {
	t.Run("the free tier is shared in a fixed order, so a stop never lowers the bill", func(t *testing.T) {
		// January: 744 h. A t2.micro in us-east-1 ($0.0116/h), then one in
		// eu-west-1 ($0.0126/h), both running from 1 Jan 00:00.
		w := billWorld(t, time.Date(2025, time.December, 31, 23, 59, 50, 0, time.UTC), true)
		us := billRun(t, w, "al2023", "t2.micro", 1)[0]
		out, err := w.RunInstances(model.Caller{Region: "eu-west-1"}, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro"})
		billOK(t, err)
		eu := out.Created()[0]
		at := 10*sim.Second + 400*sim.Hour // 400 h each: 800 h > 750 h
		billAdvance(t, w, at)
		before := w.Bill()
		_, err = w.StopInstances(model.Caller{Region: "eu-west-1"}, model.StopInstancesInput{InstanceIds: []string{eu}})
		billOK(t, err)
		after := w.Bill()
		if after.Total < before.Total {
			t.Fatalf("stopping an instance lowered the bill from %s to %s\nbefore:\n%s\nafter:\n%s", before.Total, after.Total, billDump(before), billDump(after))
		}
		// The allowance goes first to the instance that appeared first; the
		// other pays for the 800 h − 750 h = 50 h over: 50 h × $0.0126.
		euRate := model.MustMoney("0.0126") // t2.micro eu-west-1 (third-party table, approximate)
		for _, b := range []model.Bill{before, after} {
			if got, want := b.ByCategory()[model.CatCompute], model.Prorate(euRate, 50*billHour, billHour); got != want {
				t.Errorf("compute %s, want %s (50 h × $0.0126)\n%s", got, want, billDump(b))
			}
			for _, l := range billLines(b, us, model.CatCompute) {
				if l.Cost != 0 {
					t.Errorf("the first instance pays %s, want its 400 h free", l.Cost)
				}
			}
		}
	})
	t.Run("a minimum that runs past a month end never lowers the bill", func(t *testing.T) {
		// 1000 GiB gp3 created 20 s before March; February has 28 days,
		// March 31. Its 60-second minimum runs on 40 s into March.
		w := billWorld(t, time.Date(2026, time.February, 28, 23, 59, 40, 0, time.UTC), false)
		_, err := w.CreateVolume(model.Caller{}, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1000, VolumeType: "gp3"})
		billOK(t, err)
		feb := model.Prorate(billGP3, 1000*20*billSecond, 28*billDay) // 1000 GiB × 20 s / 28 d × $0.08
		mar := model.Prorate(billGP3, 1000*40*billSecond, 31*billDay) // 1000 GiB × 40 s / 31 d × $0.08
		// Read before, across and after the month end: always the same
		// 60 s, 20 of them in February and 40 in March.
		var last model.Money
		for _, at := range []sim.Time{10 * sim.Second, 20 * sim.Second, 30 * sim.Second, 60 * sim.Second} {
			billAdvance(t, w, at)
			b := w.Bill()
			if b.Total < last {
				t.Fatalf("%v after creation the bill fell from %s to %s\n%s", at, last, b.Total, billDump(b))
			}
			last = b.Total
			if b.Total != feb+mar {
				t.Errorf("%v after creation the bill is %s, want %s + %s\n%s", at, b.Total, feb, mar, billDump(b))
			}
		}
	})
}

// ---- property tests ----------------------------------------------------------

// billPeriod is one stretch in running, from the trace; end < 0 while open.
type billPeriod struct{ start, end sim.Time }

// billProp drives one random action sequence and checks the bill after
// every event.
type billProp struct {
	t      *testing.T
	w      *model.World
	r      *rand.Rand
	seed   uint64
	log    []string
	runs   map[string][]billPeriod
	hourly map[string]bool // billed per started hour (SUSE)
	fee    map[string]bool // has a Marketplace software fee
	ids    []string        // instances in launch order
	total  model.Money
	names  int
}

// billPerSecond is what one running period bills: at least 60 s, whole seconds.
func billPerSecond(d int64) int64 {
	d = max(d, billMinute)
	return (d + billSecond - 1) / billSecond * billSecond
}

// billPerHour is what one running period bills per started hour.
func billPerHour(d int64) int64 {
	d = max(d, billMinute)
	return (d + billHour - 1) / billHour * billHour
}

func (p *billProp) fail(format string, args ...any) {
	p.t.Helper()
	tail := p.log
	if len(tail) > 25 {
		tail = tail[len(tail)-25:]
	}
	p.t.Fatalf("seed %d at %v: %s\nlast actions:\n  %s\n%s", p.seed, p.w.Now(), fmt.Sprintf(format, args...), strings.Join(tail, "\n  "), billDump(p.w.Bill()))
}

// check asserts the three properties on the bill as it stands now.
func (p *billProp) check() {
	p.t.Helper()
	b := p.w.Bill()
	now := p.w.Now()

	// (c) The lines sum to the total exactly, and each line is its own
	// quantity at its own rate, rounded once.
	var sum model.Money
	for _, l := range b.Lines {
		sum += l.Cost
		if l.Cost != model.Prorate(l.Rate, l.Qty, l.Per) {
			p.fail("line %s %s %s costs %s, not %s × %d/%d", l.Resource, l.Component, l.Month, l.Cost, l.Rate, l.Qty, l.Per)
		}
		if l.Qty < 0 || l.Cost < 0 {
			p.fail("negative line %s %s: qty %d cost %s", l.Resource, l.Component, l.Qty, l.Cost)
		}
	}
	if sum != b.Total {
		p.fail("lines sum to %s, total says %s", sum, b.Total)
	}
	var cats model.Money
	for _, v := range b.ByCategory() {
		cats += v
	}
	if cats != b.Total {
		p.fail("categories sum to %s, total says %s", cats, b.Total)
	}

	// (b) The bill never decreases.
	if b.Total < p.total {
		p.fail("total fell from %s to %s", p.total, b.Total)
	}
	p.total = b.Total

	// (a) Compute is billed for running time only: each period at least
	// 60 s, in whole seconds (whole hours for SUSE), an open one to now.
	compute := map[string]int64{}
	software := map[string]int64{}
	for _, l := range b.Lines {
		switch l.Category {
		case model.CatCompute, model.CatMarketplace:
			if l.Per != billHour {
				p.fail("%s line %s per %d, want per hour", l.Category, l.Resource, l.Per)
			}
			if _, ok := p.runs[l.Resource]; !ok {
				p.fail("%s line for %s, which never ran", l.Category, l.Resource)
			}
			if l.Category == model.CatCompute {
				compute[l.Resource] += l.Qty
			} else {
				software[l.Resource] += l.Qty
			}
		}
	}
	for _, id := range p.ids {
		var want, wantFee int64
		for _, r := range p.runs[id] {
			end := r.end
			if end < 0 {
				end = now
			}
			if p.hourly[id] {
				want += billPerHour(int64(end - r.start))
			} else {
				want += billPerSecond(int64(end - r.start))
			}
			wantFee += billPerSecond(int64(end - r.start))
		}
		if compute[id] != want {
			p.fail("%s: compute %d ms billed, running periods %v give %d ms", id, compute[id], p.runs[id], want)
		}
		if !p.fee[id] {
			wantFee = 0
		}
		if software[id] != wantFee {
			p.fail("%s: software fee %d ms billed, want %d ms", id, software[id], wantFee)
		}
	}
}

// advance fires events up to to, checking the bill after each.
func (p *billProp) advance(to sim.Time) {
	for {
		at, ok := p.w.NextAt()
		if !ok || at > to {
			break
		}
		p.w.Step()
		p.check()
	}
	p.w.AdvanceTo(to)
	p.check()
}

func billPick[T any](r *rand.Rand, xs []T) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[r.IntN(len(xs))], true
}

// act performs one random action on a random target. Many fail (wrong
// state, wrong AZ…): that is part of the test, the bill must stay right.
func (p *billProp) act() {
	w, r, c := p.w, p.r, model.Caller{}
	inst, haveInst := billPick(r, p.ids)
	var vols, snaps, imgs []string
	for _, v := range w.Volumes() {
		vols = append(vols, v.ID)
	}
	for _, s := range w.Snapshots() {
		snaps = append(snaps, s.ID)
	}
	for _, im := range w.Images() {
		imgs = append(imgs, im.ID)
	}
	vol, haveVol := billPick(r, vols)
	var what string
	var err error
	switch k := r.IntN(14); {
	case k < 2 || !haveInst:
		live := 0
		for _, id := range p.ids {
			if i, ok := w.Instance(id); ok && i.State != model.Terminated && i.State != model.ShuttingDown {
				live++
			}
		}
		if live >= 6 {
			return
		}
		images := []string{"al2023", "ubuntu-24.04", "sles-15", "cis-al2023", "al2023"}
		images = append(images, imgs...)
		image, _ := billPick(r, images)
		itype, _ := billPick(r, []string{"t2.micro", "t3.micro"})
		what = "RunInstances " + image + " " + itype
		var out model.InstancesOutput
		out, err = w.RunInstances(c, model.RunInstancesInput{ImageId: image, InstanceType: itype})
		for _, id := range out.Created() {
			i, _ := w.Instance(id)
			p.ids = append(p.ids, id)
			p.hourly[id] = i.Platform == "suse"
			p.fee[id] = i.SoftwareFee > 0
			if _, ok := p.runs[id]; !ok {
				p.runs[id] = nil
			}
		}
	case k == 2:
		force := r.IntN(4) == 0
		what = fmt.Sprintf("StopInstances %s force=%t", inst, force)
		_, err = w.StopInstances(c, model.StopInstancesInput{InstanceIds: []string{inst}, Force: force})
	case k == 3:
		what = "StartInstances " + inst
		_, err = w.StartInstances(c, model.InstanceIDsInput{InstanceIds: []string{inst}})
	case k == 4:
		what = "RebootInstances " + inst
		_, err = w.RebootInstances(c, model.InstanceIDsInput{InstanceIds: []string{inst}})
	case k == 5:
		what = "TerminateInstances " + inst
		_, err = w.TerminateInstances(c, model.InstanceIDsInput{InstanceIds: []string{inst}})
	case k == 6:
		az := "us-east-1a"
		if i, ok := w.Instance(inst); ok {
			az = i.AZ
		}
		vt, _ := billPick(r, []string{"gp3", "gp2", "gp3"})
		in := model.CreateVolumeInput{AvailabilityZone: az, Size: 1 + r.IntN(200), VolumeType: vt}
		if vt == "gp3" && r.IntN(3) == 0 {
			in.Iops, in.Throughput = 4000, 250
		}
		what = fmt.Sprintf("CreateVolume %+v", in)
		_, err = w.CreateVolume(c, in)
	case k == 7 && haveVol:
		dev := fmt.Sprintf("/dev/sd%c", 'f'+r.IntN(6))
		what = "AttachVolume " + vol + " " + inst + " " + dev
		_, err = w.AttachVolume(c, model.AttachVolumeInput{VolumeId: vol, InstanceId: inst, Device: dev})
	case k == 8 && haveVol:
		what = "DetachVolume " + vol
		_, err = w.DetachVolume(c, model.DetachVolumeInput{VolumeId: vol})
	case k == 9 && haveVol:
		what = "DeleteVolume " + vol
		_, err = w.DeleteVolume(c, model.VolumeIDInput{VolumeId: vol})
	case k == 10:
		p.names++
		noReboot := r.IntN(2) == 0
		what = fmt.Sprintf("CreateImage %s noReboot=%t", inst, noReboot)
		_, err = w.CreateImage(c, model.CreateImageInput{InstanceId: inst, Name: fmt.Sprintf("image-%d", p.names), NoReboot: noReboot})
	case k == 11 && len(imgs) > 0:
		im, _ := billPick(r, imgs)
		del := r.IntN(2) == 0
		what = fmt.Sprintf("DeregisterImage %s deleteSnapshots=%t", im, del)
		err = w.DeregisterImage(c, model.DeregisterImageInput{ImageId: im, DeleteAssociatedSnapshots: del})
	case k == 12 && len(snaps) > 0:
		s, _ := billPick(r, snaps)
		if r.IntN(3) == 0 {
			what = "ModifySnapshotTier " + s
			err = w.ModifySnapshotTier(c, model.ModifySnapshotTierInput{SnapshotId: s, StorageTier: "archive"})
		} else {
			what = "DeleteSnapshot " + s
			err = w.DeleteSnapshot(c, model.SnapshotIDInput{SnapshotId: s})
		}
	case k == 13:
		what = "WriteData " + inst
		err = w.WriteData(c, model.WriteDataInput{InstanceId: inst, GiB: r.IntN(8)})
	default:
		return
	}
	if err != nil {
		what += " → " + string(model.CodeOf(err))
	}
	p.log = append(p.log, fmt.Sprintf("%v %s", w.Now(), what))
}

// TestBillProperties drives random action sequences against a small world
// and checks, after every event, that (a) compute is billed exactly for the
// time in running (60-second minimum per period, whole seconds; whole hours
// for SUSE), (b) the total never decreases, and (c) the lines add up to the
// total exactly. Half the worlds have the free tier.
func TestBillProperties(t *testing.T) {
	seqs, steps := 200, 50
	if testing.Short() {
		seqs = 40
	}
	for seed := uint64(1); seed <= uint64(seqs); seed++ {
		w, err := model.New(model.Config{
			Seed:     seed,
			Start:    time.Date(2026, time.February, 28, 23, 59, 15, 0, time.UTC), // 45 s before a 28-day month turns into a 31-day one
			FreeTier: seed%2 == 0,
		})
		if err != nil {
			t.Fatal(err)
		}
		p := &billProp{
			t: t, w: w, seed: seed, r: rand.New(rand.NewPCG(seed, 0xb111)),
			runs: map[string][]billPeriod{}, hourly: map[string]bool{}, fee: map[string]bool{},
		}
		w.Observe(func(ev model.TraceEvent) {
			if ev.Kind != model.TraceState || ev.Action != "instance" {
				return
			}
			if ev.From == string(model.Running) {
				rs := p.runs[ev.Resource]
				if len(rs) == 0 || rs[len(rs)-1].end >= 0 {
					p.fail("%s leaves running without having entered it", ev.Resource)
				}
				rs[len(rs)-1].end = ev.T
			}
			if ev.To == string(model.Running) {
				p.runs[ev.Resource] = append(p.runs[ev.Resource], billPeriod{ev.T, -1})
			}
		})
		for range steps {
			p.act()
			p.check()
			var d int64
			switch p.r.IntN(10) {
			case 0:
				d = p.r.Int64N(3 * billDay) // days: month ends, free tier used up
			case 1, 2:
				d = p.r.Int64N(billHour)
			default:
				d = p.r.Int64N(3 * billMinute) // inside minimums
			}
			p.advance(w.Now() + sim.Time(d))
		}
	}
}

// ---- example ---------------------------------------------------------------

// A t2.micro that runs for 30 seconds: compute is billed its 60-second
// minimum; the root volume and the public IPv4 address bill for as long as
// they exist.
func ExampleWorld_Bill() {
	cat := model.DefaultCatalog().Clone()
	_ = cat.SetTiming("boot/ebs/linux", sim.Constant(10*sim.Second))
	_ = cat.SetTiming("stop", sim.Constant(20*sim.Second))
	w, _ := model.New(model.Config{Catalog: cat}) // starts 5 January 2026, 09:00 UTC
	advance := func(to sim.Time) {
		for at, ok := w.NextAt(); ok && at <= to; at, ok = w.NextAt() {
			w.Step()
		}
		w.AdvanceTo(to)
	}
	out, _ := w.RunInstances(model.Caller{}, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t2.micro"})
	advance(40 * sim.Second) // running from 10 s
	_, _ = w.StopInstances(model.Caller{}, model.StopInstancesInput{InstanceIds: out.Created()})
	advance(sim.Hour)
	b := w.Bill()
	for _, l := range b.Lines {
		fmt.Printf("%-12s %-26s %s %-10s %s\n", l.Category, l.Component, l.Quantity(), l.Unit, l.Cost)
	}
	fmt.Println("total", b.Total, "=", b.Total.Cents())
	// Output:
	// ebs          gp3 storage                0.010753 GiB-months 0.000860
	// public-ipv4  public IPv4 address        0.011111 hours      0.000056
	// compute      t2.micro Linux On-Demand   0.016667 hours      0.000193
	// total 0.001109 = $0.00
}

// BillSummary, the fast path, agrees with the full bill at every step of
// random runs (free tier off, where it does its own arithmetic), across a
// month's end and through a stop and a start that bill one line twice.
func TestBillSummaryAgreesWithTheFullBill(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		w, err := model.New(model.Config{Seed: seed, Start: time.Date(2026, time.January, 31, 23, 50, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		c := model.Caller{}
		out, err := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 3, MaxCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 100, VolumeType: "gp3", Iops: 6000})
		for step := 0; w.Pending() > 0 && step < 200; step++ {
			if step == 20 {
				w.StopInstances(c, model.StopInstancesInput{InstanceIds: out.Created()[:1]})
			}
			if step == 40 {
				w.CreateImage(c, model.CreateImageInput{InstanceId: out.Created()[1], Name: "img", NoReboot: true})
			}
			if step%10 == 5 && step > 20 { // started again once stopped: a meter whose line already has hours
				w.StartInstances(c, model.InstanceIDsInput{InstanceIds: out.Created()[:1]})
			}
			w.Step()
			if next, ok := w.NextAt(); ok {
				w.AdvanceTo((w.Now() + next) / 2)
			}
			full, fast := w.Bill(), w.BillSummary()
			if full.Total != fast.Total {
				t.Fatalf("seed %d step %d: summary %s, bill %s", seed, step, fast.Total, full.Total)
			}
			for cat, v := range full.ByCategory() {
				if fast.ByCategory[cat] != v {
					t.Fatalf("seed %d step %d: %s summary %s, bill %s", seed, step, cat, fast.ByCategory[cat], v)
				}
			}
		}
	}
}

// billCompute is the instance-hours line of an instance (none: zero Line).
func billCompute(b model.Bill, id string) model.Line {
	for _, l := range billLines(b, id, model.CatCompute) {
		return l
	}
	return model.Line{}
}

// TestBillFreeTierCoversPublicIPv4: since 2024-02-01 the legacy free tier
// includes 750 hours a month of in-use public IPv4 (S46). One t2.micro for
// 10 h: IPv4 10 h × $0.005 = $0.05, all of it free; the bill is $0.
func TestBillFreeTierCoversPublicIPv4(t *testing.T) {
	w := billWorld(t, time.Time{}, true)
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 10*sim.Hour)
	b := w.Bill()
	for _, l := range billLines(b, id, model.CatIPv4) {
		if l.Cost != 0 {
			t.Errorf("public IPv4 line %s costs %s, want $0 under the free tier", l.Component, l.Cost)
		}
	}
	if b.Total != 0 {
		t.Errorf("bill %s, want $0 (t2.micro, 8 GiB gp3 and its IPv4 are all free tier)", b.Total)
	}
}

// TestBillFreeTierCoversRHELOnT2Micro: the Linux hours also cover RHEL and
// SLES on t2.micro (S90); Ubuntu Pro is not in the offer. 2 h of RHEL
// t2.micro: compute free; 2 h of Ubuntu Pro t2.micro: (0.0116 + 1 vCPU ×
// $0.00175) × 2 h = $0.02670.
func TestBillFreeTierCoversRHELOnT2Micro(t *testing.T) {
	w := billWorld(t, time.Time{}, true)
	rhel := billRun(t, w, "rhel-9", "t2.micro", 1)[0]
	pro := billRun(t, w, "ubuntu-pro-24.04", "t2.micro", 1)[0]
	billAdvance(t, w, 10*sim.Second+2*sim.Hour)
	b := w.Bill()
	if c := billCompute(b, rhel).Cost; c != 0 {
		t.Errorf("RHEL t2.micro compute %s, want $0 (free tier)", c)
	}
	l := billCompute(b, pro)
	billCheckLine(t, l, 2*billHour, billHour, model.MustMoney("0.0116")+model.MustMoney("0.00175"))
	if l.Cost != model.MustMoney("0.0267") {
		t.Errorf("Ubuntu Pro 2 h %s, want $0.026700", l.Cost)
	}
}

// TestBillFreeTierCoversOneGBOfSnapshots: 1 GiB-month of standard snapshot
// storage is free (S91). A 3 GiB snapshot for (almost all of) March, 31
// days: 3 × $0.05 = $0.15, less 1 GiB-month free = 2 × $0.05 = $0.10 to
// pay, a little less as it starts 100 s into the month.
func TestBillFreeTierCoversOneGBOfSnapshots(t *testing.T) {
	w := billWorld(t, time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC), true)
	v, err := w.CreateVolume(model.Caller{}, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 3, VolumeType: "gp3"})
	billOK(t, err)
	billAdvance(t, w, 10*sim.Second)
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 30*sim.Second)
	_, err = w.AttachVolume(model.Caller{}, model.AttachVolumeInput{VolumeId: v.VolumeId, InstanceId: id, Device: "/dev/sdf"})
	billOK(t, err)
	billAdvance(t, w, sim.Minute)
	billOK(t, w.WriteData(model.Caller{}, model.WriteDataInput{InstanceId: id, Device: "/dev/sdf", GiB: 3}))
	s, err := w.CreateSnapshot(model.Caller{}, model.CreateSnapshotInput{VolumeId: v.VolumeId})
	billOK(t, err)
	billAdvance(t, w, sim.Time(31*billDay)) // to the end of March
	var paid, free model.Money
	for _, l := range billLines(w.Bill(), s.SnapshotId, model.CatSnapshot) {
		if strings.HasSuffix(l.Component, "(free tier)") {
			free += l.Cost
			if l.Qty != l.Per { // 1 GiB-month: per GiB × the month's length
				t.Errorf("free share %d/%d, want one GiB-month", l.Qty, l.Per)
			}
		} else {
			paid += l.Cost
		}
	}
	if paid >= model.MustMoney("0.10") || paid < model.MustMoney("0.0999") || free != 0 {
		t.Errorf("snapshot paid %s (want just under $0.10), free lines cost %s", paid, free)
	}
}

// TestBillHibernationIsBilledWhileStopping: a hibernating instance is
// billed while stopping (S6: "you incur charges while the instance is in
// the stopping state"); a plain stop is not. m5.large ($0.096/h), running
// from 10 s; stopped with hibernation at 10 min 10 s; hibernate takes 40 s.
// Billed: 600 s running + 40 s stopping = 640 s × $0.096/h = $0.0170667,
// $0.017067 to the micro-dollar.
func TestBillHibernationIsBilledWhileStopping(t *testing.T) {
	w := billWorld(t, time.Time{}, false)
	in := model.RunInstancesInput{ImageId: "al2023", InstanceType: "m5.large", MinCount: 1, MaxCount: 1,
		HibernationOptions:  &model.HibernationOptions{Configured: true},
		BlockDeviceMappings: []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{VolumeSize: 20, Encrypted: labBool(true)}}}}
	out, err := w.RunInstances(model.Caller{}, in)
	billOK(t, err)
	id := out.Created()[0]
	billAdvance(t, w, 10*sim.Second+10*sim.Minute)
	_, err = w.StopInstances(model.Caller{}, model.StopInstancesInput{InstanceIds: []string{id}, Hibernate: true})
	billOK(t, err)
	billAdvance(t, w, 2*sim.Hour)
	l := billCompute(w.Bill(), id)
	billCheckLine(t, l, 640*billSecond, billHour, model.MustMoney("0.096"))
	if l.Cost != model.MustMoney("0.017067") {
		t.Errorf("hibernation cost %s, want $0.017067", l.Cost)
	}
}

// TestBillSpotInterruptedInFirstHourIsFree: EC2 interrupting a Spot
// instance within its first instance hour charges nothing for it (S36).
// Running at 10 s, interrupted at 30 min 10 s (notice 2 min, then
// terminate): $0 compute. A Spot instance you terminate yourself after
// 30 min pays 1800 s × ($0.0104 × 0.35 = $0.00364/h) = $0.00182.
func TestBillSpotInterruptedInFirstHourIsFree(t *testing.T) {
	w := billWorld(t, time.Time{}, false)
	spot := model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 2, MaxCount: 2,
		InstanceMarketOptions: &model.InstanceMarketOptions{MarketType: "spot"}}
	out, err := w.RunInstances(model.Caller{}, spot)
	billOK(t, err)
	ids := out.Created()
	billAdvance(t, w, 10*sim.Second+30*sim.Minute)
	billOK(t, w.SpotInterruption(model.Caller{}, model.InstanceFaultInput{InstanceId: ids[0]}))
	_, err = w.TerminateInstances(model.Caller{}, model.InstanceIDsInput{InstanceIds: ids[1:]})
	billOK(t, err)
	billAdvance(t, w, 2*sim.Hour)
	b := w.Bill()
	if l := billCompute(b, ids[0]); l.Cost != 0 {
		t.Errorf("interrupted in its first hour: %s, want $0", l.Cost)
	}
	l := billCompute(b, ids[1])
	billCheckLine(t, l, 1800*billSecond, billHour, model.MustMoney("0.00364"))
	if l.Cost != model.MustMoney("0.00182") {
		t.Errorf("terminated by you after 30 min: %s, want $0.00182", l.Cost)
	}
}

// TestBillArchivingTheOldestSnapshotKeepsReferencedBlocks: archiving the
// first snapshot of a chain moves a full copy to the archive tier; the
// blocks the next snapshot still references stay in the standard tier,
// billed to it (S14, S96). 4 GiB written, snapshot A (4 GiB stored); 1 GiB
// more written, snapshot B (5 GiB of data, 1 GiB stored). Archive A: A bills
// its full 4 GiB at $0.0125, B now stores min(5, 1 + 4) = 5 GiB at $0.05 —
// per month 4 × 0.0125 + 5 × 0.05 = $0.30, where before it was
// (4 + 1) × 0.05 = $0.25: archiving the base of a chain saves nothing.
func TestBillArchivingTheOldestSnapshotKeepsReferencedBlocks(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	vol := l.createVolume(asStudent, l.inst(id).AZ, 8)
	l.attach(asStudent, vol, id, "/dev/sdf")
	l.write(asStudent, id, "/dev/sdf", 4)
	snap := func() string {
		out, err := l.w.CreateSnapshot(asStudent, model.CreateSnapshotInput{VolumeId: vol})
		l.ok(err)
		l.waitFor("snapshot", func() bool { return l.snapshot(out.SnapshotId).State == model.SnapshotCompleted })
		return out.SnapshotId
	}
	a := snap()
	l.write(asStudent, id, "/dev/sdf", 1)
	b := snap()
	if l.snapshot(b).StoredGiB != 1 {
		t.Fatalf("B stores %d GiB before, want 1", l.snapshot(b).StoredGiB)
	}
	l.ok(l.w.ModifySnapshotTier(asStudent, model.ModifySnapshotTierInput{SnapshotId: a, StorageTier: model.TierArchive}))
	if sa, sb := l.snapshot(a), l.snapshot(b); sa.StoredGiB != 4 || sa.Tier != model.TierArchive || sb.StoredGiB != 5 {
		t.Errorf("after archiving A: A %d GiB %s, B %d GiB; want A 4 archive, B 5 standard", sa.StoredGiB, sa.Tier, sb.StoredGiB)
	}
}

// TestBillArchiveMinimumOnAWSsExample: the 90-day minimum, by the catalogue's
// formula, on AWS's example (S14): 100 GiB archived, deleted after 40 days,
// pays 40 days of archive storage plus 50 days of early deletion =
// 100 × $0.0125 × 90 days in all; in a 31-day month the early charge is
// 100 × 0.0125 × 50/31 = $2.016129.
func TestBillArchiveMinimumOnAWSsExample(t *testing.T) {
	w := billWorld(t, time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC), false)
	v, err := w.CreateVolume(model.Caller{}, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 100, VolumeType: "gp3"})
	billOK(t, err)
	billAdvance(t, w, 10*sim.Second)
	id := billRun(t, w, "al2023", "t2.micro", 1)[0]
	billAdvance(t, w, 30*sim.Second)
	_, err = w.AttachVolume(model.Caller{}, model.AttachVolumeInput{VolumeId: v.VolumeId, InstanceId: id, Device: "/dev/sdf"})
	billOK(t, err)
	billAdvance(t, w, sim.Minute)
	billOK(t, w.WriteData(model.Caller{}, model.WriteDataInput{InstanceId: id, Device: "/dev/sdf", GiB: 100}))
	s, err := w.CreateSnapshot(model.Caller{}, model.CreateSnapshotInput{VolumeId: v.VolumeId})
	billOK(t, err)
	billAdvance(t, w, 10*sim.Minute)
	billOK(t, w.ModifySnapshotTier(model.Caller{}, model.ModifySnapshotTierInput{SnapshotId: s.SnapshotId, StorageTier: model.TierArchive}))
	billAdvance(t, w, w.Now()+40*sim.Day)
	billOK(t, w.DeleteSnapshot(model.Caller{}, model.SnapshotIDInput{SnapshotId: s.SnapshotId}))
	for _, l := range billLines(w.Bill(), s.SnapshotId, model.CatSnapshot) {
		if strings.Contains(l.Component, "early deletion") {
			billCheckLine(t, l, 50*billDay*100, 30*billDay, billArchive) // deleted on April 10: April has 30 days
			if l.Cost != model.MustMoney("2.083333") {
				t.Errorf("early deletion %s, want 100 × 0.0125 × 50/30 = $2.083333", l.Cost)
			}
			return
		}
	}
	t.Fatal("no early-deletion line")
}

// TestBillRegionalPrices: a region's own Price List figure replaces the
// factor where the catalogue has one. A 10 GiB gp3 volume for a whole
// 31-day month in eu-central-1: 10 × $0.0952 = $0.952; in ap-south-1 a
// 10 GiB magnetic volume: 10 × $0.08 = $0.80.
func TestBillRegionalPrices(t *testing.T) {
	w := billWorld(t, time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC), false)
	fra, err := w.CreateVolume(model.Caller{Region: "eu-central-1"}, model.CreateVolumeInput{AvailabilityZone: "eu-central-1a", Size: 10, VolumeType: "gp3"})
	billOK(t, err)
	bom, err := w.CreateVolume(model.Caller{Region: "ap-south-1"}, model.CreateVolumeInput{AvailabilityZone: "ap-south-1a", Size: 10, VolumeType: "standard"})
	billOK(t, err)
	billAdvance(t, w, sim.Time(31*billDay))
	b := w.Bill()
	for _, c := range []struct {
		id   string
		rate string
		cost string
	}{{fra.VolumeId, "0.0952", "0.952"}, {bom.VolumeId, "0.08", "0.8"}} {
		l := billOnly(t, b, c.id, model.CatEBS)
		billCheckLine(t, l, 10*31*billDay, 31*billDay, model.MustMoney(c.rate))
		if l.Cost != model.MustMoney(c.cost) {
			t.Errorf("%s: %s, want $%s", c.id, l.Cost, c.cost)
		}
	}
}

// TestBillWindowsSmallT3Licence: small t3 sizes carry the licence AWS lists
// per type, not per vCPU. Windows t3.small: $0.0208 + $0.0184 = $0.0392/h;
// 1 h = $0.0392 (per vCPU it would be 0.0208 + 2 × 0.0046 = $0.03).
func TestBillWindowsSmallT3Licence(t *testing.T) {
	w := billWorld(t, time.Time{}, false)
	id := billRun(t, w, "windows-2022", "t3.small", 1)[0]
	billAdvance(t, w, 20*sim.Second+sim.Hour) // Windows boots in boot/ebs/windows, not in billTimings
	l := billCompute(w.Bill(), id)
	if l.Rate != model.MustMoney("0.0392") {
		t.Errorf("Windows t3.small rate %s, want $0.0392", l.Rate)
	}
}

// An instance started again in the same month adds to the line its first
// run left, and that line is rounded once: BillSummary must round the
// line's whole quantity, not the new run's share alone, at every instant.
// (At $0.0104 an hour a 60-second run is 173.33 micro-dollars; two are
// 346.67, which rounds to 347, not 173 + 173.)
func TestBillSummaryRoundsTheWholeLineAfterARestart(t *testing.T) {
	w, err := model.New(model.Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := model.Caller{}
	out, err := w.RunInstances(c, model.RunInstancesInput{ImageId: "al2023", InstanceType: "t3.micro", MinCount: 1, MaxCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := out.Created()[0]
	until := func(state model.InstanceState) {
		for i := 0; i < 100; i++ {
			if inst, _ := w.Instance(id); inst.State == state {
				return
			}
			w.Step()
		}
		t.Fatalf("%s never became %s", id, state)
	}
	until(model.Running)
	if _, err := w.StopInstances(c, model.StopInstancesInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	until(model.Stopped)
	if _, err := w.StartInstances(c, model.InstanceIDsInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	until(model.Running)
	for range 300 {
		w.AdvanceTo(w.Now() + sim.Second)
		if full, fast := w.Bill().Total, w.BillSummary().Total; full != fast {
			t.Fatalf("at %s: summary %s, bill %s", w.Now(), fast, full)
		}
	}
}

// sortedResources is TopCostsOf worked out the long way: every resource
// summed and described, then all of them stably sorted by cost.
func sortedResources(b model.Bill) []model.ResourceCost {
	at := map[string]int{}
	var out []model.ResourceCost
	for _, ln := range b.Lines {
		i, ok := at[ln.Resource]
		if !ok {
			i = len(out)
			at[ln.Resource] = i
			out = append(out, model.ResourceCost{Resource: ln.Resource, Name: ln.Name})
		}
		out[i].Cost += ln.Cost
		if !slices.Contains(out[i].Components, ln.Component) {
			out[i].Components = append(out[i].Components, ln.Component)
		}
	}
	slices.SortStableFunc(out, func(a, b model.ResourceCost) int { return cmp.Compare(b.Cost, a.Cost) })
	return out
}

// The most expensive resources are the first n of a stable sort of all of
// them by cost, most expensive first: ties (a fleet's identical
// instances) in the order the bill first lists them, and a resource's
// lines need not be next to each other. Worked example: lines a $3, b $1,
// a $1 (a second component), c $4, d $4 sum to a $3+$1 = $4, b $1, c $4,
// d $4; sorted, a, c, d (tied at $4, in the order first listed), then b;
// the first two are a and c, and 2 more are not listed.
func TestTopCostsOfIsAStableSortByCost(t *testing.T) {
	ln := func(res, comp string, usd float64) model.Line {
		return model.Line{Resource: res, Component: comp, Cost: model.Money(usd * float64(model.MicroPerUSD))}
	}
	b := model.Bill{Lines: []model.Line{ln("a", "hours", 3), ln("b", "hours", 1), ln("a", "storage", 1), ln("c", "hours", 4), ln("d", "hours", 4)}}
	got, more := model.TopCostsOf(b, 2)
	if len(got) != 2 || got[0].Resource != "a" || got[1].Resource != "c" || more != 2 {
		t.Fatalf("got %+v (+%d), want a then c, and 2 more", got, more)
	}
	if !slices.Equal(got[0].Components, []string{"hours", "storage"}) || got[0].Cost != 4*model.MicroPerUSD {
		t.Fatalf("a is %+v, want $4 for hours, storage", got[0])
	}

	r := rand.New(rand.NewPCG(14, 2))
	for range 50 {
		var b model.Bill
		for range r.IntN(400) {
			res := fmt.Sprintf("i-%017x", r.IntN(150))
			b.Lines = append(b.Lines, model.Line{Resource: res, Name: "web", Component: fmt.Sprint("c", r.IntN(3)), Cost: model.Money(r.IntN(4) * 1000)})
		}
		all := sortedResources(b)
		for _, n := range []int{1, 5, 100, 1000} {
			got, more := model.TopCostsOf(b, n)
			want := all[:min(n, len(all))]
			if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) || more != len(all)-len(want) {
				t.Fatalf("n=%d: got %v (+%d), want %v (+%d)", n, got, more, want, len(all)-len(want))
			}
		}
	}
}

// Each account has its own free tier: of 30 GiB-months of EBS, account a
// uses 40 GiB in two volumes and b 20 GiB in one, made a, b, a; a pays for
// the 10 GiB past its own allowance and b for nothing, however the
// volumes interleave.
func TestMonthAheadGivesEachAccountItsOwnFreeTier(t *testing.T) {
	cfg := model.Config{Seed: 1, Catalog: billCatalog(t), FreeTier: true,
		Accounts: []model.Account{{ID: "111122223333", Name: "a"}, {ID: "444455556666", Name: "b"}}}
	w, err := model.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, acct := range []string{"a", "b", "a"} {
		_, err := w.CreateVolume(model.Caller{Account: acct}, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 20, VolumeType: "gp3"})
		billOK(t, err)
	}
	billAdvance(t, w, 10*sim.Minute)
	if a, want := w.MonthAhead(), billGP3*10; a.AfterFreeTier != want || a.List != billGP3*60 {
		t.Errorf("list %s, after the free tier %s; want %s and %s", a.List, a.AfterFreeTier, billGP3*60, want)
	}
}

// A month ahead "if nothing changes" takes the free tier off: one t2.micro
// (its root volume and public address too) is covered whole, two share one
// 750-hour allowance of instance-hours and one of address-hours, and
// without the free tier the month is the list price, RunRate × 730.
func TestMonthAheadTakesTheFreeTierOff(t *testing.T) {
	over := (2*730 - 750) * billHour // two instances' 730-hour month past one 750-hour allowance
	for _, tc := range []struct {
		name      string
		freeTier  bool
		instances int
		after     func(list model.Money) model.Money
	}{
		{"without the free tier a month is at list price", false, 2, func(list model.Money) model.Money { return list }},
		{"the free tier covers one t2.micro whole", true, 1, func(model.Money) model.Money { return 0 }},
		{"two t2.micros share one allowance of each kind", true, 2, func(model.Money) model.Money {
			return model.Prorate(billT2Micro, over, billHour) + model.Prorate(billIPv4, over, billHour)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := billWorld(t, time.Time{}, tc.freeTier)
			billRun(t, w, "al2023", "t2.micro", tc.instances)
			billAdvance(t, w, 10*sim.Minute)
			a := w.MonthAhead()
			var sum model.Money // every billed resource's MonthlyRate, once each
			seen := map[string]bool{}
			for _, l := range w.Bill().Lines {
				if !seen[l.Resource] {
					seen[l.Resource] = true
					sum += w.MonthlyRate(l.Resource)
				}
			}
			if a.List != sum {
				t.Errorf("list %s, want the resources' monthly rates summed, %s", a.List, sum)
			}
			if a.FreeTier != tc.freeTier {
				t.Errorf("free tier %v, want %v", a.FreeTier, tc.freeTier)
			}
			if d := a.List - w.RunRate()*730; d < -730 || d > 730 {
				t.Errorf("list %s, want RunRate × 730 = %s to within the hourly rounding", a.List, w.RunRate()*730)
			}
			if a.List < model.Prorate(billT2Micro, int64(tc.instances)*730*billHour, billHour) {
				t.Errorf("list %s is less than the instance-hours alone", a.List)
			}
			if want := tc.after(a.List); a.AfterFreeTier != want {
				t.Errorf("after the free tier %s, want %s (list %s)", a.AfterFreeTier, want, a.List)
			}
		})
	}
}
