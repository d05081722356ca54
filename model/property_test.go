package model_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The robustness tests: long random sequences of API calls, guest actions
// and faults, valid and invalid, on random targets (unknown and malformed
// IDs, other accounts' resources, wrong regions), with random time passing
// in between. After every event and every call the model's own rules are
// checked (see propRun.check). TestPropertyRandomActions draws the
// sequences from seeds; FuzzActions lets the fuzzer choose every decision.
// Top-level names start with "prop" so they do not clash with the other
// test files of the package.

// propSource makes every random decision of a sequence.
type propSource interface {
	// IntN returns a number in [0, n); n ≥ 1.
	IntN(n int) int
}

// propRand draws decisions from a seeded generator.
type propRand struct{ r *rand.Rand }

func (s propRand) IntN(n int) int { return s.r.IntN(n) }

// propBytes reads decisions from fuzz input: one byte per decision, two
// when there are more than 256 choices. Past the end every decision is 0.
type propBytes struct {
	b []byte
	i int
}

func (s *propBytes) IntN(n int) int {
	if n <= 1 {
		return 0
	}
	width := 1
	if n > 256 {
		width = 2
	}
	v := 0
	for range width {
		v <<= 8
		if s.i < len(s.b) {
			v |= int(s.b[s.i])
			s.i++
		}
	}
	return v % n
}

func (s *propBytes) done() bool { return s.i >= len(s.b) }

// propPeriod is one stretch in running, from the trace; end < 0 while open.
// propPeriod is one billed period of an instance: running (and stopping,
// for a hibernation). spot marks a Spot instance's, whose first hour the
// bill holds back while it is open; waived, one EC2 interrupted within that
// hour, which costs nothing (S36).
type propPeriod struct {
	start, end   sim.Time
	spot, waived bool
}

// propBilled is what one running period bills: at least 60 s, then whole
// seconds, or whole started hours for the hourly platforms (docs/sources.md
// S11).
func propBilled(d sim.Time, hourly bool) int64 {
	d = max(d, sim.Minute)
	unit := sim.Second
	if hourly {
		unit = sim.Hour
	}
	return int64((d + unit - 1) / unit * unit)
}

// propRun is one sequence under test: the world, the source of its
// decisions, and what the checks remember between calls.
type propRun struct {
	tb    testing.TB
	what  string // how to reproduce it, e.g. "seed 17"
	w     *model.World
	src   propSource
	log   []propCall         // the calls so far, for failure reports
	trace []model.TraceEvent // every trace event, for the determinism check
	bad   []string           // violations the trace observer saw
	stats map[string]int     // per action and outcome ("RunInstances ok", "RunInstances VcpuLimitExceeded")
	acts  int
	steps int
	fast  bool // short time advances only

	// Every ID ever seen, in order of first sight: targets for the calls,
	// and the resources whose bills are watched after they are gone.
	insts, vols, snaps, imgs []string
	seen                     map[string]bool
	bundles                  []string
	names                    int
	policies                 int

	// What the trace says about each instance.
	state  map[string]model.InstanceState
	root   map[string]string
	hourly map[string]bool // billed per started hour
	fee    map[string]bool // has a Marketplace software fee
	runs   map[string][]propPeriod
	// hibernating: the instance is stopping for a hibernation, still billed
	hibernating map[string]bool
	ran         map[string]bool  // in running at some moment since the last check
	qty         map[string]int64 // compute quantity at the last check

	// What the bill said.
	total       model.Money
	frozen      map[string]model.Money // resource total once deleted or terminated
	frozenOrder []string
	frozenCPU   map[string]model.Money // compute cost once terminated
}

// propConfig is the world of a sequence: the rule tests' three accounts
// and KMS keys, a start early in a month, just before February ends or
// just before the year ends, and the free tier in one world of four.
// (propFast picks the pace independently.)
func propConfig(seed uint64) model.Config {
	cfg := labConfig(seed)
	cfg.FreeTier = seed%4 == 0
	switch seed % 3 {
	case 1:
		cfg.Start = time.Date(2026, time.February, 28, 23, 50, 0, 0, time.UTC)
	case 2:
		cfg.Start = time.Date(2026, time.December, 31, 22, 0, 0, 0, time.UTC)
	}
	return cfg
}

// propFast says whether a world's sequence moves time in seconds and
// minutes only, so calls land inside each other's transitions.
func propFast(seed uint64) bool { return seed%5 < 2 }

func newPropRun(tb testing.TB, what string, seed uint64, src propSource) *propRun {
	tb.Helper()
	w, err := model.New(propConfig(seed))
	if err != nil {
		tb.Fatalf("model.New: %v", err)
	}
	p := &propRun{
		tb: tb, what: what, w: w, src: src, fast: propFast(seed), stats: map[string]int{},
		seen:  map[string]bool{},
		state: map[string]model.InstanceState{}, root: map[string]string{},
		hourly: map[string]bool{}, fee: map[string]bool{},
		runs: map[string][]propPeriod{}, ran: map[string]bool{}, qty: map[string]int64{},
		frozen: map[string]model.Money{}, frozenCPU: map[string]model.Money{},
	}
	w.Observe(p.observe)
	return p
}

// propSequence runs n random actions, each followed by a random time
// advance, checking after every call and every event.
func propSequence(tb testing.TB, seed uint64, n int) *propRun {
	tb.Helper()
	p := newPropRun(tb, fmt.Sprintf("seed %d", seed), seed, propRand{rand.New(rand.NewPCG(seed, 0x5eed))})
	p.check("start")
	for range n {
		p.act()
		p.advance()
	}
	return p
}

// propCall is one call as made, rendered only when a report needs it.
type propCall struct {
	at      sim.Time
	caller  model.Caller
	action  string
	in      any
	outcome string // "ok" or the error code
}

func (c propCall) String() string {
	body, _ := json.Marshal(c.in)
	return fmt.Sprintf("%v %s/%s %s %s → %s", c.at, c.caller.Account, c.caller.Region, c.action, body, c.outcome)
}

func (p *propRun) fail(format string, args ...any) {
	p.tb.Helper()
	tail := p.log
	if len(tail) > 30 && !testing.Verbose() {
		tail = tail[len(tail)-30:]
	}
	var sb strings.Builder
	for _, c := range tail {
		sb.WriteString("\n  " + c.String())
	}
	p.tb.Fatalf("%s, after %d actions, at %v: %s\nlast actions (-v shows all):%s", p.what, p.acts, p.w.Now(), fmt.Sprintf(format, args...), sb.String())
}

// ---- the checks --------------------------------------------------------------

// observe follows every instance state change in the trace: each must be
// an edge of the lifecycle of the instance's root device type, from the
// state the trace last showed.
func (p *propRun) observe(ev model.TraceEvent) {
	p.trace = append(p.trace, ev)
	if ev.Kind == model.TraceNote && ev.Action == "spot-not-charged" {
		if rs := p.runs[ev.Resource]; len(rs) > 0 {
			rs[len(rs)-1].waived = true
		}
	}
	if ev.Kind != model.TraceState || ev.Action != "instance" {
		return
	}
	id := ev.Resource
	from, to := model.InstanceState(ev.From), model.InstanceState(ev.To)
	last, known := p.state[id]
	if !known {
		inst, ok := p.w.Instance(id)
		if !ok {
			p.bad = append(p.bad, fmt.Sprintf("trace: %s changes state (%s → %s) but does not exist", id, from, to))
			return
		}
		p.root[id] = inst.RootDeviceType
		p.hourly[id] = slices.Contains(p.w.Catalog().Prices.HourlyPlatforms, inst.Platform)
		p.fee[id] = inst.SoftwareFee > 0
		p.addID(&p.insts, id)
		if from != "" || to != model.Pending {
			p.bad = append(p.bad, fmt.Sprintf("trace: %s first appears going %q → %s, want \"\" → pending", id, from, to))
		}
	} else {
		if from != last {
			p.bad = append(p.bad, fmt.Sprintf("trace: %s goes %s → %s, but the trace last showed it %s", id, from, to, last))
		}
		if e := (model.Edge{From: from, To: to}); !slices.Contains(model.LifecycleEdges(p.root[id]), e) {
			p.bad = append(p.bad, fmt.Sprintf("trace: %s (%s-backed) goes %s → %s, not an edge of its lifecycle", id, p.root[id], from, to))
		}
	}
	p.state[id] = to
	// A hibernation is billed until stopped: the period runs on through
	// stopping (S6). The trace tells a hibernation by its reason.
	hibernation := from == model.Running && to == model.Stopping && strings.Contains(ev.Message, "ibernat")
	if from == model.Running && !hibernation || from == model.Stopping && p.hibernating[id] {
		rs := p.runs[id]
		rs[len(rs)-1].end = ev.T
		p.ran[id] = true
	}
	if p.hibernating == nil {
		p.hibernating = map[string]bool{}
	}
	p.hibernating[id] = hibernation
	if to == model.Running {
		i, _ := p.w.Instance(id)
		p.runs[id] = append(p.runs[id], propPeriod{start: ev.T, end: -1, spot: i.Spot})
		p.ran[id] = true
	}
}

func (p *propRun) addID(list *[]string, id string) {
	if !p.seen[id] {
		p.seen[id] = true
		*list = append(*list, id)
	}
}

// check asserts every rule on the world as it stands now.
func (p *propRun) check(after string) {
	p.tb.Helper()
	if len(p.bad) > 0 {
		p.fail("after %s:\n%s", after, strings.Join(p.bad, "\n"))
	}
	w := p.w
	now := w.Now()
	b := w.Bill()

	// The bill never decreases, and its lines sum to its total exactly.
	var sum model.Money
	perResource := map[string]model.Money{}
	computeCost := map[string]model.Money{}
	compute, software := map[string]int64{}, map[string]int64{}
	for _, l := range b.Lines {
		sum += l.Cost
		perResource[l.Resource] += l.Cost
		if l.Cost != model.Prorate(l.Rate, l.Qty, l.Per) || l.Qty < 0 {
			p.fail("after %s: line %s %s %s costs %s, not %s × %d/%d", after, l.Resource, l.Component, l.Month, l.Cost, l.Rate, l.Qty, l.Per)
		}
		switch l.Category {
		case model.CatCompute:
			compute[l.Resource] += l.Qty
			computeCost[l.Resource] += l.Cost
		case model.CatMarketplace:
			software[l.Resource] += l.Qty
		}
	}
	if sum != b.Total {
		p.fail("after %s: the lines sum to %s, the total says %s", after, sum, b.Total)
	}
	if b.Total < p.total {
		p.fail("after %s: the bill fell from %s to %s", after, p.total, b.Total)
	}
	p.total = b.Total

	// No compute is billed outside running. Exactly: each running period
	// bills at least 60 s, then per second (per started hour for SUSE),
	// and nothing else is billed. Plainly: the quantity does not move
	// while the instance stays out of running; the minimum is settled in
	// the moment it leaves.
	for id := range compute {
		if _, ok := p.state[id]; !ok {
			p.fail("after %s: compute billed to %s, which the trace never showed", after, id)
		}
	}
	for _, id := range p.insts {
		// A hibernating instance is billed while stopping too (S6).
		hibernating := false
		if i, ok := p.w.Instance(id); ok {
			hibernating = i.State == model.Stopping && i.Hibernating
		}
		if p.state[id] != model.Running && !hibernating && !p.ran[id] && compute[id] != p.qty[id] {
			p.fail("after %s: %s is %s and has not run since the last check, yet its compute went from %d to %d ms", after, id, p.state[id], p.qty[id], compute[id])
		}
		p.qty[id], p.ran[id] = compute[id], false
		var want int64
		for _, r := range p.runs[id] {
			end := r.end
			if end < 0 {
				end = now
			}
			if r.waived || r.spot && r.end < 0 && now-r.start < sim.Hour {
				continue
			}
			want += propBilled(end-r.start, p.hourly[id])
		}
		if compute[id] != want {
			p.fail("after %s: %s is billed %d ms of compute; its running periods %v give %d ms", after, id, compute[id], p.runs[id], want)
		}
		if !p.fee[id] {
			continue
		}
		var fee int64
		for _, r := range p.runs[id] {
			end := r.end
			if end < 0 {
				end = now
			}
			fee += propBilled(end-r.start, false)
		}
		if software[id] != fee {
			p.fail("after %s: %s is billed %d ms of software fee; its running periods give %d ms", after, id, software[id], fee)
		}
	}

	// The world agrees with the trace; instance-store data never survives
	// stop or terminate; attachments agree both ways.
	insts := w.Instances()
	byID := map[string]model.Instance{}
	for _, inst := range insts {
		byID[inst.ID] = inst
		if st, ok := p.state[inst.ID]; !ok || st != inst.State {
			p.fail("after %s: %s is %s, but the trace last showed it %q", after, inst.ID, inst.State, st)
		}
		if inst.State == model.Stopped || inst.State == model.Terminated {
			for _, e := range inst.Ephemeral {
				if e.DataGiB != 0 || e.Secret {
					p.fail("after %s: %s is %s, yet its instance store %s still holds %d GiB (secret %t)", after, inst.ID, inst.State, e.DeviceName, e.DataGiB, e.Secret)
				}
			}
		}
	}
	vols := w.Volumes()
	live := map[string]bool{}
	for _, v := range vols {
		live[v.ID] = true
		p.addID(&p.vols, v.ID)
		inUse := v.State == model.VolumeInUseState
		if inUse != (v.InstanceID != "") || inUse != (v.AttachState != "") {
			p.fail("after %s: volume %s is %s with attachment %q to %q", after, v.ID, v.State, v.AttachState, v.InstanceID)
		}
		if inUse {
			inst, ok := byID[v.InstanceID]
			if !ok || !slices.ContainsFunc(inst.BlockDevices, func(bd model.InstanceBlockDevice) bool { return bd.VolumeID == v.ID && bd.DeviceName == v.Device }) {
				p.fail("after %s: volume %s says it is attached to %s as %s; the instance does not list it", after, v.ID, v.InstanceID, v.Device)
			}
		}
	}
	for _, inst := range insts {
		for _, bd := range inst.BlockDevices {
			v, ok := w.Volume(bd.VolumeID)
			if !ok || v.InstanceID != inst.ID || v.Device != bd.DeviceName {
				p.fail("after %s: %s lists volume %s at %s, which is not attached there (exists %t, attached to %q at %q)", after, inst.ID, bd.VolumeID, bd.DeviceName, ok, v.InstanceID, v.Device)
			}
		}
	}

	// A snapshot behind a registered AMI always exists.
	liveSnap := map[string]bool{}
	for _, s := range w.Snapshots() {
		liveSnap[s.ID] = true
		p.addID(&p.snaps, s.ID)
	}
	for _, im := range w.Images() {
		p.addID(&p.imgs, im.ID)
		if im.State == model.ImageDeregistered {
			continue
		}
		for _, id := range im.SnapshotIDs() {
			if _, ok := w.Snapshot(id); !ok {
				p.fail("after %s: %s AMI %s is backed by snapshot %s, which does not exist", after, im.State, im.ID, id)
			}
		}
	}

	// A deleted resource is never billed again; a terminated instance's
	// cost is final.
	freeze := func(id string) {
		if _, ok := p.frozen[id]; !ok {
			p.frozen[id] = perResource[id]
			p.frozenOrder = append(p.frozenOrder, id)
		}
	}
	for _, id := range p.vols {
		if !live[id] {
			freeze(id)
		}
	}
	for _, id := range p.snaps {
		if !liveSnap[id] {
			freeze(id)
		}
	}
	for _, id := range p.insts {
		if p.state[id] == model.Terminated {
			freeze(id)
			if _, ok := p.frozenCPU[id]; !ok {
				p.frozenCPU[id] = computeCost[id]
			}
		}
	}
	for _, id := range p.frozenOrder {
		if got := perResource[id]; got != p.frozen[id] {
			p.fail("after %s: %s is gone (or terminated) but its bill moved from %s to %s", after, id, p.frozen[id], got)
		}
		if cpu, ok := p.frozenCPU[id]; ok && computeCost[id] != cpu {
			p.fail("after %s: %s is terminated but its compute cost moved from %s to %s", after, id, cpu, computeCost[id])
		}
	}
}

// ---- driving the world ------------------------------------------------------

// safely runs f, turning a panic into a test failure with the sequence.
func (p *propRun) safely(what string, f func()) {
	p.tb.Helper()
	defer func() {
		if r := recover(); r != nil {
			p.fail("%s panicked: %v\n%s", what, r, debug.Stack())
		}
	}()
	f()
}

// propHorizon bounds a sequence's simulated time, and with it the work
// its lifecycle policies make (one run an hour at most): long enough to
// cross a month end from every start, short enough that no input runs for
// minutes.
const propHorizon = 14 * sim.Day

// advance lets a random stretch of time pass, firing and checking each
// event on the way.
func (p *propRun) advance() {
	var d sim.Time
	span := 10
	if p.fast {
		span = 7 // seconds and minutes only
	}
	k := p.n(span)
	switch k {
	case 0, 1, 2:
	case 3, 4:
		d = sim.Time(p.n(10_000)) // up to 10 s, in ms
	case 5, 6:
		d = sim.Time(p.n(180)) * sim.Second
	case 7, 8:
		d = sim.Time(p.n(3600)) * sim.Second
	default:
		d = sim.Time(p.n(48)) * sim.Hour
	}
	to := min(p.w.Now()+d, max(p.w.Now(), propHorizon))
	for {
		at, ok := p.w.NextAt()
		if !ok || at > to {
			break
		}
		p.safely("an event", func() { p.w.Step() })
		p.steps++
		p.check("an event")
	}
	p.w.AdvanceTo(to)
	p.check("advancing the clock")
}

// call logs a call, makes it, and checks its outcome: it does not panic,
// and an API error is always a *model.Error with a code of the model's table
// (model.Codes).
func (p *propRun) call(action string, c model.Caller, in any, f func() error) error {
	p.tb.Helper()
	p.log = append(p.log, propCall{at: p.w.Now(), caller: c, action: action, in: in, outcome: "(in progress)"})
	var err error
	p.safely(action, func() { err = f() })
	outcome := "ok"
	if err != nil {
		e, ok := err.(*model.Error)
		if !ok || e == nil || e.Code == "" || model.CodeOf(err) == "" {
			p.fail("%s returned %T %q: not a *model.Error with a code", action, err, err)
		}
		if _, ok := model.LookupCode(e.Code); !ok {
			p.fail("%s returned code %q, which is not in the model's table of codes", action, e.Code)
		}
		outcome = string(e.Code)
	}
	p.log[len(p.log)-1].outcome = outcome
	p.stats[action+" "+outcome]++
	return err
}

func (p *propRun) n(k int) int { return p.src.IntN(k) }

func propPick[T any](p *propRun, xs []T) T { return xs[p.n(len(xs))] }

// Callers: mostly the student in us-east-1; sometimes another region, the
// partner or the stranger; rarely an unknown account or region.
func (p *propRun) caller() model.Caller {
	switch k := p.n(32); {
	case k < 20:
		return model.Caller{Account: "student", Region: "us-east-1"}
	case k < 24:
		return model.Caller{Account: "student", Region: "us-west-2"}
	case k < 25:
		return model.Caller{Account: "student", Region: "eu-west-1"}
	case k < 28:
		return model.Caller{Account: "partner", Region: "us-east-1"}
	case k < 30:
		return model.Caller{Account: "stranger", Region: "us-east-1"}
	case k < 31:
		return model.Caller{Account: "nobody"}
	default:
		return model.Caller{Region: "us-east-9"}
	}
}

// callerFor is usually the owner of a resource, in its region.
func (p *propRun) callerFor(owner, region string) model.Caller {
	if owner != "" && p.n(6) != 0 {
		return model.Caller{Account: owner, Region: region}
	}
	return p.caller()
}

// ref picks a reference: usually a live resource, sometimes any ever
// seen (gone ones included), sometimes an unknown or malformed ID or
// another kind's ID.
func (p *propRun) ref(prefix string, all, live []string) string {
	switch k := p.n(24); {
	case k == 0:
		return prefix + "-0123456789abcdef0"
	case k == 1:
		return propPick(p, []string{prefix + "-XYZ", "", "nonsense", prefix + "-0123", strings.ToUpper(prefix) + "-0123456789ABCDEF0"})
	case k == 2:
		others := slices.Concat(p.insts, p.vols, p.snaps, p.imgs)
		if len(others) > 0 {
			return propPick(p, others)
		}
	case k < 5:
		if len(all) > 0 {
			return propPick(p, all)
		}
	}
	if len(live) > 0 {
		return propPick(p, live)
	}
	if len(all) > 0 {
		return propPick(p, all)
	}
	return prefix + "-0123456789abcdef0"
}

// propLive lists what exists now, for targets.
type propLive struct {
	insts     []string // not terminated
	instStore []string // with instance-store disks
	isRoot    []string // instance-store-backed
	spot      []string
	vols      []string
	inUse     []string // attached volumes
	avail     []string // available volumes
	snaps     []string
	imgs      []string // not deregistered
}

func (p *propRun) live() propLive {
	var l propLive
	for _, i := range p.w.Instances() {
		if i.State != model.Terminated {
			l.insts = append(l.insts, i.ID)
			if len(i.Ephemeral) > 0 {
				l.instStore = append(l.instStore, i.ID)
			}
			if i.RootDeviceType == model.RootInstanceStore {
				l.isRoot = append(l.isRoot, i.ID)
			}
			if i.Spot {
				l.spot = append(l.spot, i.ID)
			}
		}
	}
	for _, v := range p.w.Volumes() {
		l.vols = append(l.vols, v.ID)
		if v.InstanceID != "" {
			l.inUse = append(l.inUse, v.ID)
		}
		if v.State == model.VolumeAvailable {
			l.avail = append(l.avail, v.ID)
		}
	}
	for _, s := range p.w.Snapshots() {
		l.snaps = append(l.snaps, s.ID)
	}
	for _, im := range p.w.Images() {
		if im.State != model.ImageDeregistered {
			l.imgs = append(l.imgs, im.ID)
		}
	}
	return l
}

func (p *propRun) instance(l propLive) (string, model.Caller) {
	id := p.ref("i", p.insts, l.insts)
	inst, _ := p.w.Instance(id)
	return id, p.callerFor(inst.Owner, inst.Region)
}

func (p *propRun) volume(l propLive, pool []string) (string, model.Caller) {
	id := p.ref("vol", p.vols, pool)
	v, _ := p.w.Volume(id)
	return id, p.callerFor(v.Owner, v.Region)
}

func (p *propRun) snapshot(l propLive) (string, model.Caller) {
	id := p.ref("snap", p.snaps, l.snaps)
	s, _ := p.w.Snapshot(id)
	return id, p.callerFor(s.Owner, s.Region)
}

// propPublic are the catalogue's images by alias (EBS- and
// instance-store-backed, Windows, SUSE, Marketplace, community); propBadImages
// a typo, an SSM parameter and IDs no world has.
var (
	propPublic = []string{
		"al2023", "al2023", "al2023", "ubuntu-24.04", "windows-2022", "sles-15", "amzn-instance-store", "amzn-instance-store",
		"amzn-instance-store", "cis-al2023", "community-fastboot", "al2",
	}
	propBadImages = []string{
		"al2024", "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
		"ami-0123456789abcdef0", "ami-nope", "",
	}
)

// image picks an image: a public one, one of the scenario's, or a bad reference.
func (p *propRun) image(l propLive) string {
	switch k := p.n(16); {
	case k < 6 || len(l.imgs) == 0 && k < 15:
		return propPick(p, propPublic)
	case k < 7:
		return propPick(p, propBadImages)
	}
	return p.ref("ami", p.imgs, l.imgs)
}

// ownImage is an image of the scenario's more often than a public one.
func (p *propRun) ownImage(l propLive) (string, model.Caller) {
	id := p.ref("ami", p.imgs, l.imgs)
	if p.n(8) == 0 {
		id = propPick(p, propPublic)
	}
	c := p.caller()
	if im, ok := p.w.Image(id, ""); ok {
		c = p.callerFor(im.Owner, im.Region)
	}
	return id, c
}

// Instance types: for EBS-backed AMIs (Nitro, Xen, with and without
// instance-store disks), for instance-store-backed AMIs, and wrong ones
// (architecture, unknown, the m1.small default that cannot boot HVM, a
// Nitro type that cannot boot an instance-store AMI).
var (
	propEBSTypes = []string{"t3.micro", "t3.micro", "t2.micro", "t2.micro", "m5d.large", "m5d.large", "i3.large", "i3.large", "r5.large"}
	propISTypes  = []string{"m1.small", "m1.small", "c3.large", "m3.medium"}
	propBadTypes = []string{"t4g.micro", "t9.huge", "", "m1.small", "t3.micro"}
)

func (p *propRun) imageName() string {
	p.names++
	switch p.n(16) {
	case 0:
		return "x"
	case 1:
		return "bad*name"
	case 2:
		if len(p.imgs) > 0 {
			if im, ok := p.w.Image(propPick(p, p.imgs), ""); ok {
				return im.Name // a duplicate, unless deregistered
			}
		}
	}
	return fmt.Sprintf("prop-image-%d", p.names)
}

func (p *propRun) azs(region string) []string {
	r, ok := p.w.Catalog().Region(region)
	if !ok {
		return []string{"us-east-1a"}
	}
	return r.AZs
}

func (p *propRun) az(region string) string {
	if p.n(16) == 0 {
		return propPick(p, []string{"us-east-1z", "", "eu-west-1a"})
	}
	return propPick(p, p.azs(region))
}

func (p *propRun) optBool() *bool {
	switch p.n(3) {
	case 0:
		return labBool(true)
	case 1:
		return labBool(false)
	}
	return nil
}

// propAction is one kind of call with its weight in the mix.
type propAction struct {
	weight int
	do     func(p *propRun, l propLive)
}

var propActions = []propAction{
	{12, (*propRun).runInstances},
	{5, (*propRun).startInstances},
	{7, (*propRun).stopInstances},
	{3, (*propRun).rebootInstances},
	{5, (*propRun).terminateInstances},
	{6, (*propRun).createImage},
	{3, (*propRun).registerImage},
	{4, (*propRun).copyImage},
	{4, (*propRun).deregisterImage},
	{3, (*propRun).modifyImageAttribute},
	{4, (*propRun).createSnapshot},
	{3, (*propRun).copySnapshot},
	{4, (*propRun).deleteSnapshot},
	{2, (*propRun).modifySnapshotTier},
	{6, (*propRun).createVolume},
	{6, (*propRun).attachVolume},
	{6, (*propRun).detachVolume},
	{4, (*propRun).deleteVolume},
	{8, (*propRun).writeData},
	{2, (*propRun).bundleVolume},
	{3, (*propRun).hostFailure},
	{2, (*propRun).instanceRetirement},
	{1, (*propRun).azImpairment},
	{3, (*propRun).spotInterruption},
	{3, (*propRun).guestShutdown},
	{1, (*propRun).createLifecyclePolicy},
	{2, (*propRun).createTags},
	{1, (*propRun).describe},
}

var propTotalWeight = func() int {
	n := 0
	for _, a := range propActions {
		n += a.weight
	}
	return n
}()

// act makes one random call and checks the world after it.
func (p *propRun) act() {
	p.tb.Helper()
	l := p.live()
	k := p.n(propTotalWeight)
	if len(l.insts) < 3 && p.n(3) == 0 {
		k = 0 // keep the world populated: a launch
	}
	for _, a := range propActions {
		if k < a.weight {
			p.safely("a call", func() { a.do(p, l) })
			break
		}
		k -= a.weight
	}
	p.acts++
	p.check(p.log[len(p.log)-1].action)
}

func (p *propRun) runInstances(l propLive) {
	if len(l.insts) >= 10 {
		p.terminateInstances(l) // keep the world small
		return
	}
	c := model.Caller{Account: "student", Region: "us-east-1"}
	switch p.n(8) {
	case 0:
		c = p.caller()
	case 1:
		c.Region = "us-west-2"
	case 2:
		c.Account = "partner"
	}
	image := p.image(l)
	root := ""
	if im, ok := p.w.Image(image, c.Region); ok {
		root = im.RootDeviceType
		if im.Alias == "" && p.n(4) != 0 {
			c = p.callerFor(im.Owner, im.Region)
		}
	}
	itype := propPick(p, propEBSTypes)
	switch {
	case p.n(12) == 0:
		itype = propPick(p, propBadTypes)
	case root == model.RootInstanceStore:
		itype = propPick(p, propISTypes)
	}
	in := model.RunInstancesInput{ImageId: image, InstanceType: itype, MinCount: 1, MaxCount: 1}
	switch p.n(32) {
	case 0, 1, 2:
		in.MinCount, in.MaxCount = 2, 2
	case 3:
		in.MinCount, in.MaxCount = 0, 0 // the defaults
	case 4:
		in.MinCount, in.MaxCount = 2, 1
	}
	rootDev := "/dev/xvda"
	if im, ok := p.w.Image(image, c.Region); ok {
		rootDev = im.RootDeviceName
	}
	encryptedRoot := func() {
		e := &model.EbsBlockDevice{Encrypted: labBool(true)}
		if p.n(3) == 0 {
			e.KmsKeyId = propPick(p, []string{"alias/golden", "alias/private", "alias/missing"})
		}
		in.BlockDeviceMappings = append(in.BlockDeviceMappings, model.BlockDeviceMapping{DeviceName: rootDev, Ebs: e})
	}
	switch p.n(6) {
	case 0, 1:
		in.HibernationOptions = &model.HibernationOptions{Configured: true}
		if p.n(5) != 0 && (root != model.RootInstanceStore || p.n(4) == 0) {
			encryptedRoot()
		}
	case 2:
		if root != model.RootInstanceStore || p.n(4) == 0 {
			encryptedRoot()
		}
	}
	if p.n(4) == 0 {
		in.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot"}
		if p.n(10) == 0 {
			in.InstanceMarketOptions.MarketType = "reserved"
		}
		if p.n(4) != 0 {
			in.InstanceMarketOptions.SpotOptions = &model.SpotOptions{
				SpotInstanceType:             propPick(p, []string{"persistent", "persistent", "one-time", ""}),
				InstanceInterruptionBehavior: propPick(p, []string{"terminate", "stop", "hibernate", "hibernate", "", "explode"}),
			}
		}
	}
	if p.n(6) == 0 {
		e := &model.EbsBlockDevice{VolumeSize: 1 + p.n(20), VolumeType: propPick(p, []string{"gp3", "gp2", "io1", "st1"}), DeleteOnTermination: p.optBool()}
		in.BlockDeviceMappings = append(in.BlockDeviceMappings, model.BlockDeviceMapping{DeviceName: "/dev/sdf", Ebs: e})
	}
	if p.n(5) == 0 {
		in.BlockDeviceMappings = append(in.BlockDeviceMappings, model.BlockDeviceMapping{DeviceName: "/dev/sdb", VirtualName: propPick(p, []string{"ephemeral0", "ephemeral1", "ephemeral7"})})
	}
	if p.n(8) == 0 {
		in.InstanceInitiatedShutdownBehavior = propPick(p, []string{"terminate", "stop", "explode"})
	}
	if p.n(3) == 0 {
		in.TagSpecifications = []model.TagSpecification{{ResourceType: "instance", Tags: []model.Tag{{Key: "backup", Value: "daily"}}}}
	}
	if p.n(30) == 0 {
		in.DisableApiTermination = true
	}
	if p.n(20) == 0 {
		in.DisableApiStop = true
	}
	if p.n(10) == 0 {
		in.Placement = &model.Placement{AvailabilityZone: p.az(c.Region)}
	}
	if p.n(30) == 0 {
		in.DryRun = true
	}
	if p.n(30) == 0 {
		in.KeyName = "missing-key"
	}
	p.call("RunInstances", c, in, func() error { _, err := p.w.RunInstances(c, in); return err })
}

func (p *propRun) instanceIDs(l propLive) ([]string, model.Caller) {
	id, c := p.instance(l)
	switch p.n(24) {
	case 0:
		return nil, c
	case 1:
		return []string{id, p.ref("i", p.insts, l.insts)}, c
	}
	return []string{id}, c
}

func (p *propRun) startInstances(l propLive) {
	ids, c := p.instanceIDs(l)
	in := model.InstanceIDsInput{InstanceIds: ids, DryRun: p.n(30) == 0}
	p.call("StartInstances", c, in, func() error { _, err := p.w.StartInstances(c, in); return err })
}

func (p *propRun) stopInstances(l propLive) {
	ids, c := p.instanceIDs(l)
	in := model.StopInstancesInput{InstanceIds: ids, Hibernate: p.n(3) == 0, Force: p.n(4) == 0, DryRun: p.n(30) == 0}
	p.call("StopInstances", c, in, func() error { _, err := p.w.StopInstances(c, in); return err })
}

func (p *propRun) rebootInstances(l propLive) {
	ids, c := p.instanceIDs(l)
	in := model.InstanceIDsInput{InstanceIds: ids, DryRun: p.n(30) == 0}
	p.call("RebootInstances", c, in, func() error { _, err := p.w.RebootInstances(c, in); return err })
}

func (p *propRun) terminateInstances(l propLive) {
	ids, c := p.instanceIDs(l)
	in := model.InstanceIDsInput{InstanceIds: ids, DryRun: p.n(30) == 0}
	p.call("TerminateInstances", c, in, func() error { _, err := p.w.TerminateInstances(c, in); return err })
}

func (p *propRun) createImage(l propLive) {
	id, c := p.instance(l)
	in := model.CreateImageInput{InstanceId: id, Name: p.imageName(), NoReboot: p.n(2) == 0}
	p.call("CreateImage", c, in, func() error { _, err := p.w.CreateImage(c, in); return err })
}

func (p *propRun) registerImage(l propLive) {
	in := model.RegisterImageInput{Name: p.imageName(), Architecture: "x86_64", VirtualizationType: "hvm"}
	switch p.n(8) {
	case 0:
		in.Architecture = ""
	case 1:
		in.Architecture = "sparc"
	case 2:
		in.VirtualizationType = ""
	}
	var c model.Caller
	if p.n(3) == 0 {
		c = model.Caller{Account: "student", Region: "us-east-1"}
		if p.n(6) == 0 {
			c = p.caller()
		}
		in.ImageLocation = "prop-bucket/missing.manifest.xml"
		if len(p.bundles) > 0 && p.n(8) != 0 {
			in.ImageLocation = propPick(p, p.bundles)
		}
		in.VirtualizationType = propPick(p, []string{"paravirtual", "hvm", ""})
	} else {
		var snap string
		snap, c = p.snapshot(l)
		in.RootDeviceName = propPick(p, []string{"/dev/xvda", "/dev/xvda", "/dev/sda1", ""})
		e := &model.EbsBlockDevice{SnapshotId: snap}
		if p.n(8) == 0 {
			e.VolumeSize = 1
		}
		in.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: e}}
		if p.n(4) == 0 {
			in.BlockDeviceMappings = append(in.BlockDeviceMappings, model.BlockDeviceMapping{DeviceName: "/dev/sdb", VirtualName: "ephemeral0"})
		}
	}
	p.call("RegisterImage", c, in, func() error { _, err := p.w.RegisterImage(c, in); return err })
}

func (p *propRun) copyImage(l propLive) {
	src := p.image(l)
	from := "us-east-1"
	c := p.caller()
	if im, ok := p.w.Image(src, ""); ok {
		from = im.Region
		c = p.callerFor(im.Owner, propPick(p, []string{"us-east-1", "us-west-2", "eu-west-1", im.Region}))
	}
	if p.n(8) == 0 {
		from = propPick(p, []string{"us-west-2", "eu-west-1", "mars-1", ""})
	}
	in := model.CopyImageInput{Name: p.imageName(), SourceImageId: src, SourceRegion: from, Encrypted: p.optBool(), CopyImageTags: p.n(2) == 0}
	if p.n(4) == 0 {
		in.KmsKeyId = propPick(p, []string{"alias/golden", "alias/private", "alias/missing"})
	}
	p.call("CopyImage", c, in, func() error { _, err := p.w.CopyImage(c, in); return err })
}

func (p *propRun) deregisterImage(l propLive) {
	id, c := p.ownImage(l)
	in := model.DeregisterImageInput{ImageId: id, DeleteAssociatedSnapshots: p.n(2) == 0}
	p.call("DeregisterImage", c, in, func() error { return p.w.DeregisterImage(c, in) })
}

func (p *propRun) modifyImageAttribute(l propLive) {
	id, c := p.ownImage(l)
	in := model.ModifyImageAttributeInput{ImageId: id}
	who := model.LaunchPermission{UserId: propPick(p, []string{"partner", "444455556666", "stranger", "12345"})}
	if p.n(4) == 0 {
		who = model.LaunchPermission{Group: propPick(p, []string{"all", "all", "everyone"})}
	}
	switch p.n(6) {
	case 0:
		in.Description = &model.AttributeValue{Value: "changed"}
	case 1:
		in.LaunchPermission = &model.LaunchPermissionChange{Remove: []model.LaunchPermission{who}}
	case 2:
		in.OperationType, in.UserIds = propPick(p, []string{"add", "remove", "toggle", ""}), []string{who.UserId}
	case 3:
	default:
		in.LaunchPermission = &model.LaunchPermissionChange{Add: []model.LaunchPermission{who}}
	}
	p.call("ModifyImageAttribute", c, in, func() error { return p.w.ModifyImageAttribute(c, in) })
}

func (p *propRun) createSnapshot(l propLive) {
	id, c := p.volume(l, l.vols)
	in := model.CreateSnapshotInput{VolumeId: id}
	p.call("CreateSnapshot", c, in, func() error { _, err := p.w.CreateSnapshot(c, in); return err })
}

func (p *propRun) copySnapshot(l propLive) {
	id, c := p.snapshot(l)
	from := "us-east-1"
	if s, ok := p.w.Snapshot(id); ok {
		from = s.Region
	}
	c.Region = propPick(p, []string{"us-east-1", "us-west-2", "eu-west-1", c.Region, c.Region})
	if p.n(8) == 0 {
		from = propPick(p, []string{"us-west-2", "mars-1", ""})
	}
	in := model.CopySnapshotInput{SourceSnapshotId: id, SourceRegion: from, Encrypted: p.optBool()}
	if p.n(4) == 0 {
		in.KmsKeyId = propPick(p, []string{"alias/golden", "alias/private", "alias/missing"})
	}
	p.call("CopySnapshot", c, in, func() error { _, err := p.w.CopySnapshot(c, in); return err })
}

func (p *propRun) deleteSnapshot(l propLive) {
	id, c := p.snapshot(l)
	in := model.SnapshotIDInput{SnapshotId: id}
	p.call("DeleteSnapshot", c, in, func() error { return p.w.DeleteSnapshot(c, in) })
}

func (p *propRun) modifySnapshotTier(l propLive) {
	id, c := p.snapshot(l)
	in := model.ModifySnapshotTierInput{SnapshotId: id, StorageTier: propPick(p, []string{"archive", "archive", "archive", "standard", ""})}
	p.call("ModifySnapshotTier", c, in, func() error { return p.w.ModifySnapshotTier(c, in) })
}

func (p *propRun) createVolume(l propLive) {
	c := p.caller()
	az := p.az(c.Region)
	if len(l.insts) > 0 && p.n(3) != 0 {
		if inst, ok := p.w.Instance(propPick(p, l.insts)); ok {
			c, az = p.callerFor(inst.Owner, inst.Region), inst.AZ // a volume it can attach
		}
	}
	in := model.CreateVolumeInput{AvailabilityZone: az, Size: 1 + p.n(64), VolumeType: propPick(p, []string{"gp3", "gp3", "gp2", "", "io1", "st1", "gp9"}), Encrypted: p.optBool()}
	if in.VolumeType == "io1" && p.n(2) == 0 {
		in.Iops = 100 + p.n(1000)
	}
	if p.n(3) == 0 {
		in.SnapshotId, _ = p.snapshot(l)
		if p.n(2) == 0 {
			in.Size = 0
		}
	}
	if p.n(8) == 0 {
		in.KmsKeyId = propPick(p, []string{"alias/golden", "alias/missing"})
	}
	p.call("CreateVolume", c, in, func() error { _, err := p.w.CreateVolume(c, in); return err })
}

func (p *propRun) attachVolume(l propLive) {
	inst, c := p.instance(l)
	vol := p.ref("vol", p.vols, l.vols)
	if len(l.avail) > 0 && p.n(3) != 0 {
		// Mostly an available volume and an instance in its zone, so many
		// attachments succeed.
		v, _ := p.w.Volume(propPick(p, l.avail))
		var near []string
		for _, i := range p.w.Instances() {
			if i.AZ == v.AZ && i.Owner == v.Owner && i.State != model.Terminated {
				near = append(near, i.ID)
			}
		}
		if len(near) > 0 {
			vol, inst = v.ID, propPick(p, near)
			c = p.callerFor(v.Owner, v.Region)
		}
	}
	dev := fmt.Sprintf("/dev/sd%c", 'f'+p.n(6))
	switch p.n(10) {
	case 0:
		dev = ""
	case 1:
		dev = "/dev/xvda"
	}
	in := model.AttachVolumeInput{VolumeId: vol, InstanceId: inst, Device: dev}
	p.call("AttachVolume", c, in, func() error { _, err := p.w.AttachVolume(c, in); return err })
}

func (p *propRun) detachVolume(l propLive) {
	id, c := p.volume(l, l.inUse)
	in := model.DetachVolumeInput{VolumeId: id, Force: p.n(4) == 0}
	if v, ok := p.w.Volume(id); ok && p.n(3) == 0 {
		in.InstanceId = v.InstanceID
	} else if p.n(8) == 0 {
		in.InstanceId = p.ref("i", p.insts, l.insts)
	}
	p.call("DetachVolume", c, in, func() error { _, err := p.w.DetachVolume(c, in); return err })
}

func (p *propRun) deleteVolume(l propLive) {
	pool := l.vols
	if len(l.avail) > 0 && p.n(3) != 0 {
		pool = l.avail
	}
	id, c := p.volume(l, pool)
	in := model.VolumeIDInput{VolumeId: id}
	p.call("DeleteVolume", c, in, func() error { _, err := p.w.DeleteVolume(c, in); return err })
}

func (p *propRun) writeData(l propLive) {
	pool := l.insts
	if len(l.instStore) > 0 && p.n(2) == 0 {
		pool = l.instStore
	}
	id := p.ref("i", p.insts, pool)
	inst, _ := p.w.Instance(id)
	c := p.callerFor(inst.Owner, inst.Region)
	in := model.WriteDataInput{InstanceId: id, GiB: p.n(24) - 1, Secret: p.n(4) == 0}
	switch k := p.n(8); {
	case k < 3 && len(inst.Ephemeral) > 0:
		in.Device = propPick(p, inst.Ephemeral).VirtualName // "" for an instance-store root: the root device
	case k < 5 && len(inst.BlockDevices) > 0:
		in.Device = propPick(p, inst.BlockDevices).DeviceName
	case k < 7:
		in.Device = propPick(p, []string{"ephemeral0", "ephemeral1", "/dev/sdf", "/dev/nvme1n1", "/dev/sdz"})
	}
	p.call("WriteData", c, in, func() error { return p.w.WriteData(c, in) })
}

func (p *propRun) bundleVolume(l propLive) {
	pool := l.insts
	if len(l.isRoot) > 0 && p.n(6) != 0 {
		pool = l.isRoot
	}
	id := p.ref("i", p.insts, pool)
	inst, _ := p.w.Instance(id)
	c := p.callerFor(inst.Owner, inst.Region)
	loc := fmt.Sprintf("prop-bucket/bundle-%d.manifest.xml", len(p.bundles))
	switch p.n(8) {
	case 0:
		loc = "no-manifest"
	case 1:
		if len(p.bundles) > 0 {
			loc = propPick(p, p.bundles)
		}
	}
	in := model.BundleVolumeInput{InstanceId: id, ImageLocation: loc}
	if p.call("BundleVolume", c, in, func() error { return p.w.BundleVolume(c, in) }) == nil {
		p.bundles = append(p.bundles, loc)
	}
}

func (p *propRun) hostFailure(l propLive) {
	id, c := p.instance(l)
	in := model.InstanceFaultInput{InstanceId: id}
	err := p.call("HostFailure", c, in, func() error { return p.w.HostFailure(c, in) })
	if err != nil {
		return
	}
	// Instance-store data never survives a host failure.
	inst, _ := p.w.Instance(id)
	for _, e := range inst.Ephemeral {
		if e.DataGiB != 0 || e.Secret {
			p.fail("HostFailure hit %s, yet its instance store %s still holds %d GiB", inst.ID, e.DeviceName, e.DataGiB)
		}
	}
}

func (p *propRun) instanceRetirement(l propLive) {
	id, c := p.instance(l)
	in := model.InstanceFaultInput{InstanceId: id, After: propPick(p, []string{"", "", "30m", "2h", "soon", "-1h"})}
	p.call("InstanceRetirement", c, in, func() error { return p.w.InstanceRetirement(c, in) })
}

func (p *propRun) azImpairment(l propLive) {
	c := p.caller()
	in := model.AZFaultInput{AvailabilityZone: p.az(c.Region), Duration: propPick(p, []string{"30m", "2h", "10m", "0s", "forever"})}
	p.call("AZImpairment", c, in, func() error { return p.w.AZImpairment(c, in) })
}

func (p *propRun) spotInterruption(l propLive) {
	pool := l.insts
	if len(l.spot) > 0 && p.n(4) != 0 {
		pool = l.spot
	}
	id := p.ref("i", p.insts, pool)
	inst, _ := p.w.Instance(id)
	in := model.InstanceFaultInput{InstanceId: id}
	c := p.callerFor(inst.Owner, inst.Region)
	p.call("SpotInterruption", c, in, func() error { return p.w.SpotInterruption(c, in) })
}

func (p *propRun) guestShutdown(l propLive) {
	id, c := p.instance(l)
	in := model.InstanceFaultInput{InstanceId: id}
	p.call("GuestShutdown", c, in, func() error { return p.w.GuestShutdown(c, in) })
}

func (p *propRun) createLifecyclePolicy(l propLive) {
	c := p.caller()
	var in model.CreateLifecyclePolicyInput
	d := &in.PolicyDetails
	d.PolicyType = "IMAGE_MANAGEMENT"
	if p.n(8) == 0 {
		d.PolicyType = "EBS_SNAPSHOT_MANAGEMENT"
	}
	if p.n(8) != 0 {
		d.TargetTags = []model.Tag{{Key: "backup", Value: "daily"}}
	}
	var s model.PolicySchedule
	s.CreateRule.Interval = propPick(p, []int{1, 2, 4, 12, 24, 5})
	s.CreateRule.IntervalUnit = "HOURS"
	s.RetainRule.Count = p.n(4)
	d.Schedules = []model.PolicySchedule{s}
	if p.n(2) == 0 {
		// Through JSON, as a scenario gives it, whatever Go type holds it.
		params := fmt.Sprintf(`{"Parameters": {"NoReboot": %t}}`, p.n(2) == 0)
		if err := json.Unmarshal([]byte(params), d); err != nil {
			p.fail("PolicyDetails %s: %v", params, err)
		}
	}
	if p.policies >= 2 {
		d.Schedules = nil // at most two policies a world, or it fills with AMIs
	}
	err := p.call("CreateLifecyclePolicy", c, in, func() error { _, err := p.w.CreateLifecyclePolicy(c, in); return err })
	if err == nil {
		p.policies++
	}
}

func (p *propRun) createTags(l propLive) {
	id, c := p.instance(l)
	in := model.CreateTagsInput{Resources: []string{id}, Tags: []model.Tag{{Key: "backup", Value: propPick(p, []string{"daily", "never"})}}}
	p.call("CreateTags", c, in, func() error { return p.w.CreateTags(c, in) })
}

func (p *propRun) describe(l propLive) {
	c := p.caller()
	switch p.n(3) {
	case 0:
		in := model.DescribeInstancesInput{InstanceIds: []string{p.ref("i", p.insts, l.insts)}}
		p.call("DescribeInstances", c, in, func() error { _, err := p.w.DescribeInstances(c, in); return err })
	case 1:
		in := model.DescribeImagesInput{ImageIds: []string{p.image(l)}, Owners: []string{propPick(p, []string{"self", "amazon", "partner"})}}
		p.call("DescribeImages", c, in, func() error { _, err := p.w.DescribeImages(c, in); return err })
	default:
		p.call("DescribeVolumes", c, nil, func() error { _, err := p.w.DescribeVolumes(c, model.DescribeVolumesInput{}); return err })
	}
}

// ---- the tests ----------------------------------------------------------------

// TestPropertyRandomActions drives 100 random sequences of 100 actions
// (10,000 calls, valid and invalid) with random time between them, and
// checks after every call and every event that:
//   - every instance state change in the trace is an edge of
//     LifecycleEdges for its root device type, from the state last shown;
//   - compute is billed for time in running only (60 s minimum per period,
//     then per second, per started hour for SUSE), and does not grow while
//     an instance stays out of running;
//   - instance-store data never survives stop, terminate or host failure;
//   - every snapshot behind a registered AMI of a scenario account exists;
//   - a deleted volume or snapshot is never billed again, and a terminated
//     instance's cost is final;
//   - the bill never decreases and its lines sum to its total exactly;
//   - volume attachments agree from both sides, and the world agrees with
//     the trace;
//   - every API error is a *model.Error with a code, and nothing panics.
//
// It also runs sequences twice and requires the same trace and bill.
func TestPropertyRandomActions(t *testing.T) {
	const seqs, steps = 100, 100
	t.Run("invariants", func(t *testing.T) {
		acts, events := 0, 0
		stats := map[string]int{}
		for seed := uint64(1); seed <= seqs; seed++ {
			p := propSequence(t, seed, steps)
			acts += p.acts
			events += p.steps
			for k, v := range p.stats {
				stats[k] += v
			}
		}
		if acts < 10_000 {
			t.Fatalf("only %d actions ran, want at least 10,000", acts)
		}
		var sb strings.Builder
		var names []string
		for k := range stats {
			if name, _, _ := strings.Cut(k, " "); !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		for _, name := range names {
			fmt.Fprintf(&sb, "\n  %-22s %4d ok", name, stats[name+" ok"])
			var codes []string
			for k, n := range stats {
				if code, ok := strings.CutPrefix(k, name+" "); ok && code != "ok" {
					codes = append(codes, fmt.Sprintf("%s %d", code, n))
				}
			}
			slices.Sort(codes)
			if len(codes) > 0 {
				fmt.Fprintf(&sb, "; %s", strings.Join(codes, ", "))
			}
			if stats[name+" ok"] == 0 {
				t.Errorf("%s never succeeded: the generator does not reach it", name)
			}
		}
		t.Logf("%d sequences, %d actions, %d events:%s", seqs, acts, events, sb.String())
	})
	t.Run("same seed, same trace and bill", func(t *testing.T) {
		for _, seed := range []uint64{1, 2, 3} {
			a, b := propSequence(t, seed, steps), propSequence(t, seed, steps)
			if !reflect.DeepEqual(a.log, b.log) {
				t.Fatalf("seed %d: the two runs made different calls", seed)
			}
			if len(a.trace) != len(b.trace) {
				t.Fatalf("seed %d: traces of %d and %d events", seed, len(a.trace), len(b.trace))
			}
			for i := range a.trace {
				if a.trace[i] != b.trace[i] {
					t.Fatalf("seed %d: trace event %d differs:\n  %+v\n  %+v", seed, i, a.trace[i], b.trace[i])
				}
			}
			if ba, bb := a.w.Bill(), b.w.Bill(); !reflect.DeepEqual(ba, bb) {
				t.Fatalf("seed %d: the final bills differ: %s vs %s", seed, ba.Total, bb.Total)
			}
		}
	})
}

// propFuzzSeeds are the inputs `go test` replays: all zeros (launch after
// launch), a short text, and a few random byte strings.
func propFuzzSeeds() [][]byte {
	seeds := [][]byte{make([]byte, 64), []byte("run, stop, start, image, copy, deregister, delete")}
	for i := range uint64(4) {
		r := rand.New(rand.NewPCG(i, 0xf022))
		b := make([]byte, 600)
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// FuzzActions lets the fuzzer make every decision of a sequence: the first
// byte picks the world, then each action takes a byte for its kind and one
// or two for each target and parameter. The checks are those of
// TestPropertyRandomActions.
func FuzzActions(f *testing.F) {
	for _, s := range propFuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		src := &propBytes{b: data[1:]}
		p := newPropRun(t, fmt.Sprintf("fuzz input of %d bytes", len(data)), uint64(data[0]), src)
		p.check("start")
		for i := 0; i < 300 && !src.done(); i++ {
			p.act()
			p.advance()
		}
	})
}
