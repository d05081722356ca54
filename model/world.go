package model

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ec2sim/ec2sim/sim"
)

// Account is an AWS account taking part in a scenario.
type Account struct {
	ID   string // 12 digits
	Name string // how scenarios and reports call it, e.g. "student"
	// OrganizationArn and OrganizationalUnitArn place the account in AWS
	// Organizations ("" for none), so an AMI shared with the organization
	// or the unit is shared with it.
	OrganizationArn       string
	OrganizationalUnitArn string
}

// KMSKeySpec declares a customer-managed KMS key that exists at the start.
type KMSKeySpec struct {
	Alias  string   // e.g. "alias/golden"
	Owner  string   // account ID or name
	Region string   // KMS keys are regional
	Grants []string // other accounts (IDs or names) allowed to use the key
}

// Quotas are per-account service quotas, as AWS sets them per account and
// region. Zero means the default.
type Quotas struct {
	// VCPUs is the Running On-Demand Standard instances quota, per account
	// and region, counted in vCPUs of pending and running instances.
	VCPUs int
	// MaxCount is the largest MaxCount one RunInstances call accepts.
	MaxCount int
}

// DefaultQuotas are used where a Config leaves a quota at zero.
var DefaultQuotas = Quotas{VCPUs: 5120, MaxCount: 1000}

// Config is everything a World needs to start. The same Config gives the
// same world, event for event.
type Config struct {
	Seed     uint64
	Start    time.Time // calendar instant of simulated time 0; zero means 2026-01-05T09:00:00Z
	Accounts []Account // the first is the default caller; empty means one "student" account
	Catalog  *Catalog  // nil means DefaultCatalog()
	FreeTier bool      // the legacy 12-month free tier applies to every account
	Keys     []KMSKeySpec
	Quotas   Quotas
}

// DefaultStart is the calendar start when a Config gives none: a Monday
// morning early in a 31-day month.
var DefaultStart = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

// DefaultAccountID is the account a scenario acts as when it names none.
const DefaultAccountID = "111122223333"

// accountRegion keys what an account has in a region.
type accountRegion struct{ account, region string }

// Caller is who makes an API call and in which region (the endpoint).
type Caller struct {
	Account string // account ID or name; "" is the first account
	Region  string // "" is us-east-1
	// IDsOnly says the call names resources by ID only, as EC2's own API
	// does (ec2sim serve): a scenario name is not resolved, so it is the
	// malformed ID EC2 would find it. Scenario steps leave it false.
	IDsOnly bool
}

// World is the simulated EC2 of one scenario: every account, region and
// resource, the event queue that moves them, and the bill. It is pure and
// deterministic: no I/O, no wall clock, one seeded random source per purpose.
// A World is not safe for concurrent use.
type World struct {
	cat      *Catalog
	quotas   Quotas
	eng      *sim.Engine[event]
	idRand   *sim.Rand // resource IDs only, so timing overrides never change IDs
	timeRand *sim.Rand // durations

	accounts []Account
	owners   map[string]OwnerInfo // well-known public image owners by ID

	instances map[string]*Instance
	volumes   map[string]*Volume
	snapshots map[string]*Snapshot
	images    map[string]*Image
	keys      map[string]*KMSKey // by key ID
	keyPairs  map[string]*KeyPair
	groups    map[string]*SecurityGroup
	bundles   map[string]*bundle // instance-store image bundles in S3, by location
	policies  map[string]*policy // Data Lifecycle Manager AMI policies
	fleet     *fleet             // launch templates, Auto Scaling groups, target groups, Elastic IPs (fleet.go)
	// volumeMods is each volume's latest ModifyVolume, by volume ID.
	volumeMods map[string]*VolumeModification
	market     market                     // RIs, Savings Plans, Capacity Reservations (purchasing.go)
	pgroups    map[string]*PlacementGroup // by account/region/name (placement.go)
	rbin       recycleBin                 // Recycle Bin rules and contents (recyclebin.go)
	settings   regionSettings             // per account and region: EBS encryption by default, AMI block public access

	names     map[string][]string // scenario name → resource IDs
	nameOf    map[string]string   // resource ID → scenario name
	namesKept map[string]int      // a name's list length after it last dropped the forgotten (see Name)
	idsOnly   bool                // the call in progress names resources by ID only (Caller.IDsOnly)

	seq        int64                       // creation order of resources
	lateSeq    int64                       // creation order of the catalogue's late images, above lateBase
	vcpus      map[accountRegion]int       // vCPUs held by pending and running instances
	networks   map[accountRegion][2]string // by account and AZ: the default VPC and subnet IDs (see defaultNetwork)
	privateIPs []*subnetText               // by AZ index in the region (see privateIP)
	azNext     map[string]int              // round-robin AZ placement per region
	impairedAZ map[string]bool

	observer func(TraceEvent)
	apiOnly  bool         // trace API calls only
	held     []TraceEvent // effects of the API call in progress, logged after the call itself
	inCall   bool
	bill     *ledger
}

// New builds a world at simulated time 0 with the catalogue's public images
// registered in every region.
func New(cfg Config) (*World, error) {
	cat := cfg.Catalog
	if cat == nil {
		cat = DefaultCatalog()
	}
	start := cfg.Start
	if start.IsZero() {
		start = DefaultStart
	}
	lim := cfg.Quotas
	if lim.VCPUs == 0 {
		lim.VCPUs = DefaultQuotas.VCPUs
	}
	if lim.MaxCount == 0 {
		lim.MaxCount = DefaultQuotas.MaxCount
	}
	w := &World{
		cat:        cat,
		quotas:     lim,
		eng:        sim.NewEngine[event](sim.Clock{Epoch: start.UTC()}),
		idRand:     sim.NewRand(cfg.Seed, 1),
		timeRand:   sim.NewRand(cfg.Seed, 2),
		owners:     map[string]OwnerInfo{},
		instances:  map[string]*Instance{},
		volumes:    map[string]*Volume{},
		snapshots:  map[string]*Snapshot{},
		images:     map[string]*Image{},
		keys:       map[string]*KMSKey{},
		keyPairs:   map[string]*KeyPair{},
		groups:     map[string]*SecurityGroup{},
		bundles:    map[string]*bundle{},
		names:      map[string][]string{},
		nameOf:     map[string]string{},
		namesKept:  map[string]int{},
		azNext:     map[string]int{},
		vcpus:      map[accountRegion]int{},
		networks:   map[accountRegion][2]string{},
		impairedAZ: map[string]bool{},
		fleet:      newFleet(),
		market:     newMarket(),
		pgroups:    map[string]*PlacementGroup{},
		rbin:       newRecycleBin(),
		settings:   newRegionSettings(),
	}
	w.bill = newLedger(w.Now, w.Clock(), newPriceBook(cat), cfg.FreeTier)
	accts := cfg.Accounts
	if len(accts) == 0 {
		accts = []Account{{ID: DefaultAccountID, Name: "student"}}
	}
	seen := map[string]bool{}
	for _, a := range accts {
		if !isAccountID(a.ID) {
			return nil, fmt.Errorf("account %q: an AWS account ID is 12 digits, got %q", a.Name, a.ID)
		}
		if seen[a.ID] || (a.Name != "" && seen["name:"+a.Name]) {
			return nil, fmt.Errorf("account %s (%s) is declared twice", a.ID, a.Name)
		}
		seen[a.ID], seen["name:"+a.Name] = true, true
		w.accounts = append(w.accounts, a)
	}
	for _, o := range cat.Owners {
		w.owners[o.ID] = o
	}
	for _, r := range cat.Regions {
		for _, a := range w.accounts {
			w.addDefaultGroup(a.ID, r.Name)
		}
		for i := range cat.Images {
			w.registerPublicImage(&cat.Images[i], r.Name)
		}
	}
	for _, k := range cfg.Keys {
		if err := w.addKey(k); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Catalog returns the catalogue the world was built from.
func (w *World) Catalog() *Catalog { return w.cat }

// Now is the current simulated time.
func (w *World) Now() sim.Time { return w.eng.Now() }

// Clock maps simulated time to the calendar.
func (w *World) Clock() sim.Clock { return w.eng.Clock() }

// Accounts lists the scenario's accounts, the default caller first.
func (w *World) Accounts() []Account { return slices.Clone(w.accounts) }

// Observe sets the one function told of every trace event (nil stops it).
func (w *World) Observe(f func(TraceEvent)) { w.observer = f }

// account resolves an account ID or name; "" is the default account.
func (w *World) account(ref string) (Account, bool) {
	if ref == "" {
		return w.accounts[0], true
	}
	for _, a := range w.accounts {
		if a.ID == ref || a.Name == ref {
			return a, true
		}
	}
	return Account{}, false
}

// AccountID resolves an account name or ID to the ID, or "" when unknown.
func (w *World) AccountID(ref string) string {
	a, _ := w.account(ref)
	return a.ID
}

func (w *World) accountName(id string) string {
	for _, a := range w.accounts {
		if a.ID == id {
			return a.Name
		}
	}
	if o, ok := w.owners[id]; ok {
		return o.Alias
	}
	return id
}

// caller checks and normalises who is calling. Every API method calls it
// first and reports with apiDone last; what happens in between is logged
// after the call, in cause-then-effect order.
func (w *World) caller(c Caller) (Caller, error) {
	w.inCall = true
	a, ok := w.account(c.Account)
	if !ok {
		return c, errf(AuthFailure, "AWS was not able to validate the provided access credentials (no account %q in this scenario)", c.Account)
	}
	c.Account = a.ID
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	if _, ok := w.cat.Region(c.Region); !ok {
		return c, errf(InvalidRegion, "no such region %q%s", c.Region, suggest(c.Region, w.cat.RegionNames()))
	}
	return c, nil
}

// ---- names -------------------------------------------------------------

// Name gives resource IDs a scenario name that later calls and checks may
// use wherever an ID is expected. A name given to several IDs stands for all
// of them where a list is expected, and for the most recent where one is.
func (w *World) Name(name string, ids ...string) {
	list := w.names[name]
	// A fleet's name is given to new resources every hour while older ones
	// are forgotten (see forget): once the list has doubled, the forgotten
	// are dropped, so it stays in proportion to what is still known, at a
	// constant cost per ID.
	if n := len(list); n >= 64 && n+len(ids) > 2*w.namesKept[name] {
		kept := list[:0]
		for _, id := range list {
			if _, known := w.nameOf[id]; known {
				kept = append(kept, id)
			}
		}
		clear(list[len(kept):])
		list = kept
		w.namesKept[name] = len(list) + len(ids)
	}
	w.names[name] = append(list, ids...)
	for _, id := range ids {
		if _, ok := w.nameOf[id]; !ok {
			w.nameOf[id] = name
		}
	}
}

// forget tells the bill a resource is gone for good; e is its entry in the
// ledger, nil if the ledger never saw it. Once the bill has folded a gone
// resource's lines into its retired aggregate (see KeepRetired), nothing
// names the resource any more and its scenario name goes too (from its
// name's list at the next Name), so a long fleet's names do not grow
// without bound.
func (w *World) forget(e *resEntry) {
	w.bill.retire(e, func(gone string) { delete(w.nameOf, gone) })
}

// NameOf returns the scenario name of a resource ID, or "".
func (w *World) NameOf(id string) string { return w.nameOf[id] }

// Lookup returns the IDs a scenario name stands for.
func (w *World) Lookup(name string) []string { return slices.Clone(w.names[name]) }

// resolve turns a reference (an ID or a scenario name) into one ID: for a
// name that stands for several resources, the most recent. An unknown name,
// and every name in a call by ID only (Caller.IDsOnly), is returned
// unchanged so the caller reports it with the right EC2 error code.
func (w *World) resolve(ref string) string {
	if ids, ok := w.names[ref]; ok && len(ids) > 0 && !w.idsOnly {
		return ids[len(ids)-1]
	}
	return ref
}

// resolveImage is resolve plus the public image aliases of a region.
func (w *World) resolveImage(ref, region string) string {
	if ids, ok := w.names[ref]; ok && len(ids) > 0 && !w.idsOnly {
		return ids[len(ids)-1]
	}
	if id, ok := publicAlias(w.cat, ref, region); ok {
		return id
	}
	return ref
}

// resolveAll expands references where the API takes a list. A name stands
// for the resources it named that still exist: a fleet's name keeps working
// after its terminated instances have left DescribeInstances. If none
// exists any more, the IDs are returned so the call reports them missing.
func (w *World) resolveAll(refs []string) []string {
	if w.idsOnly {
		return slices.Clone(refs) // the caller's own slice is theirs
	}
	var out, gone []string
	for _, r := range refs {
		ids, ok := w.names[r]
		if !ok || len(ids) == 0 {
			out = append(out, w.resolve(r))
			continue
		}
		n := len(out)
		out = slices.Grow(out, len(ids))
		for _, id := range ids {
			if idTaken(w, id) {
				out = append(out, id)
			} else {
				gone = append(gone, id)
			}
		}
		// A fleet's name gathers thousands of long-gone IDs; past a few
		// hundred, forget them, so acting on the name stays cheap.
		if live := len(out) - n; len(ids) > 256 && live > 0 && live < len(ids)/2 {
			w.names[r] = slices.Clone(out[n:])
		}
	}
	if len(out) == 0 {
		return gone
	}
	return out
}

// publicAlias resolves "al2023" (in the caller's region, set per call) and
// the SSM public parameters that RunInstances accepts as "resolve:ssm:...".
func publicAlias(cat *Catalog, ref, region string) (string, bool) {
	alias := ref
	if p, ok := strings.CutPrefix(ref, "resolve:ssm:"); ok {
		alias, ok = ssmAliases[p]
		if !ok {
			return "", false
		}
	}
	if _, ok := cat.PublicImage(alias); !ok {
		return "", false
	}
	return PublicImageID(alias, region), true
}

// ssmAliases maps the public SSM parameters AWS publishes for its images.
var ssmAliases = map[string]string{
	"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64":              "al2023",
	"/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2":          "al2",
	"/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id": "ubuntu-24.04",
	"/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base":              "windows-2022",
}

// ---- IDs and time --------------------------------------------------------

// newID makes a fresh resource ID: prefix, dash, 17 hex digits, from the
// seed's ID stream.
func (w *World) newID(prefix string) string {
	var arr [32]byte // long enough for every prefix: no allocation but the ID's
	buf := append(append(arr[:0], prefix...), '-')
	buf = buf[:len(buf)+17]
	for {
		hi, lo := w.idRand.Uint64()&0xf, w.idRand.Uint64()
		hexDigits(buf[len(prefix)+1:], hi, lo)
		if !idTaken(w, buf) {
			return string(buf)
		}
	}
}

func idTaken[S string | []byte](w *World, id S) bool {
	// An ID begins with its kind's prefix, so it can only be taken by a
	// resource of the same kind: one lookup, in that kind's map.
	var ok bool
	switch {
	case hasPrefix(id, "i-"):
		_, ok = w.instances[string(id)]
	case hasPrefix(id, "vol-"):
		_, ok = w.volumes[string(id)]
	case hasPrefix(id, "snap-"):
		_, ok = w.snapshots[string(id)]
	case hasPrefix(id, "ami-"):
		_, ok = w.images[string(id)]
	case hasPrefix(id, "sg-"):
		_, ok = w.groups[string(id)]
	}
	return ok
}

func hasPrefix[S string | []byte](s S, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix
}

func (w *World) nextSeq() int64 { w.seq++; return w.seq }

// sample draws a duration from a named timing.
func (w *World) sample(names ...string) sim.Time {
	return w.cat.Timing(names...).Sample(w.timeRand)
}

// ---- events ------------------------------------------------------------

type evKind uint8

const (
	evHook evKind = iota
	evBooted
	evReady
	evStopped
	evTerminated
	evForgetInstance
	evRebooted
	evImageShutdown // CreateImage without NoReboot: the instance is down, take the snapshots
	evSnapshotDone
	evImageRegistered
	evForgetImage
	evVolumeCreated
	evVolumeAttached
	evVolumeDetached
	evVolumeDeleted
	evRecovered
	evSpotAction
	evRetire
	evAZRestored
	evLaunchFailed
	evPolicyRun
	evFleet            // launch templates, Auto Scaling, target groups (fleet.go): n says which
	evSpotRestart      // EC2 starts an interrupted persistent Spot instance again
	evImageCreated     // CreateImage: the snapshots are done, the AMI is registered
	evVolumeModified   // ModifyVolume: the modification moves to its next state
	evSnapshotRestored // RestoreSnapshotTier: the snapshot is readable in the standard tier
	evRestoreExpired   // a temporary restore ends: the standard copy is removed
	evCommitmentEnd    // an RI, Savings Plan or Capacity Reservation ends (purchasing.go)
	evRecycleBinExpiry // a resource's retention in the Recycle Bin ends (recyclebin.go)
	evSettingApplied   // an account setting takes effect (settings.go)
)

// event is the queue payload: plain data (no pointers, no closures), so a
// world can be checkpointed by copying.
type event struct {
	kind evKind
	id   string
	n    int
}

// Fired reports what Step did. Hook is the token given to ScheduleHook, or
// -1 when the event was the world's own.
type Fired struct {
	At   sim.Time
	Hook int
}

// ScheduleHook puts a driver's event in the same queue as the world's, so a
// scenario step at time t runs in a deterministic order with the world's
// events at t (after those scheduled earlier).
func (w *World) ScheduleHook(at sim.Time, token int) sim.EventID {
	return w.eng.Schedule(at, event{kind: evHook, n: token})
}

// CancelHook removes a scheduled hook.
func (w *World) CancelHook(id sim.EventID) bool { return w.eng.Cancel(id) }

// NextAt returns when the next event fires.
func (w *World) NextAt() (sim.Time, bool) {
	ev, ok := w.eng.Peek()
	return ev.At, ok
}

// Resources is how many resources the world holds, of every kind (the
// catalogue's public images included, and terminated instances it still
// shows): what bounds its memory. It is O(1), so a driver may ask after
// every event.
func (w *World) Resources() int {
	return len(w.instances) + len(w.volumes) + len(w.snapshots) + len(w.images) + len(w.keys) +
		len(w.keyPairs) + len(w.groups) + len(w.bundles) + len(w.policies)
}

// Pending is the number of scheduled events.
func (w *World) Pending() int { return w.eng.Pending() }

// Step fires the next event. ok is false when nothing is scheduled.
func (w *World) Step() (f Fired, ok bool) {
	ev, ok := w.eng.Next()
	if !ok {
		return Fired{}, false
	}
	f = Fired{At: ev.At, Hook: -1}
	if ev.Payload.kind == evHook {
		f.Hook = ev.Payload.n
		return f, true
	}
	w.handle(ev.Payload)
	return f, true
}

// AdvanceTo moves the clock to t when no event is due before it (drivers
// use it to stop at a time of their choosing, e.g. the end of a scenario).
func (w *World) AdvanceTo(t sim.Time) { w.eng.AdvanceTo(t) }

func (w *World) after(d sim.Time, kind evKind, id string) sim.EventID {
	return w.eng.After(d, event{kind: kind, id: id})
}

func (w *World) handle(e event) {
	switch e.kind {
	case evBooted:
		w.onBooted(e.id)
	case evReady:
		w.onReady(e.id)
	case evStopped:
		w.onStopped(e.id)
	case evTerminated:
		w.onTerminated(e.id)
	case evForgetInstance:
		w.onForgetInstance(e.id)
	case evRebooted:
		w.onRebooted(e.id)
	case evImageShutdown:
		w.onImageShutdown(e.id)
	case evSnapshotDone:
		w.onSnapshotDone(e.id)
	case evImageRegistered:
		w.onImageRegistered(e.id)
	case evForgetImage:
		w.onForgetImage(e.id)
	case evVolumeCreated:
		w.onVolumeCreated(e.id)
	case evVolumeAttached:
		w.onVolumeAttached(e.id)
	case evVolumeDetached:
		w.onVolumeDetached(e.id)
	case evVolumeDeleted:
		w.onVolumeDeleted(e.id)
	case evRecovered:
		w.onRecovered(e.id)
	case evSpotAction:
		w.onSpotAction(e.id)
	case evRetire:
		w.onRetire(e.id)
	case evAZRestored:
		w.onAZRestored(e.id)
	case evLaunchFailed:
		w.onLaunchFailed(e.id, e.n)
	case evPolicyRun:
		w.onPolicyRun(e.id)
	case evFleet:
		w.onFleetEvent(e)
	case evSpotRestart:
		w.onSpotRestart(e.id)
	case evImageCreated:
		w.onImageRegistered(e.id)
	case evVolumeModified:
		w.onVolumeModified(e.id)
	case evSnapshotRestored:
		w.onSnapshotRestored(e.id)
	case evRestoreExpired:
		w.onRestoreExpired(e.id)
	case evCommitmentEnd:
		w.onCommitmentEnd(e.id)
	case evRecycleBinExpiry:
		w.onRecycleBinExpiry(e.id)
	case evSettingApplied:
		w.onSettingApplied(e.id)
	default:
		panic(fmt.Sprintf("model: unknown event kind %d", e.kind))
	}
}

// ---- trace ---------------------------------------------------------------

// TraceKind says what a trace event records.
type TraceKind string

// Trace kinds.
const (
	TraceAPI   TraceKind = "api"   // an API call, successful or failed
	TraceState TraceKind = "state" // a resource changed state
	TraceFault TraceKind = "fault" // an injected fault or AWS-side event
	TraceNote  TraceKind = "note"  // something a student should notice (data lost, reboot)
)

// TraceEvent is one line of the event log.
type TraceEvent struct {
	T        sim.Time
	Kind     TraceKind
	Action   string // API action, or what happened ("boot", "data-lost")
	Resource string // resource ID
	Name     string // its scenario name, if any
	Region   string
	AZ       string
	From, To string // states, for TraceState
	Account  string // who made an API call (account ID)
	Error    Code   // for failed API calls
	Message  string
}

// ObserveAPIOnly makes the trace carry only API calls, not every state
// change: for fleets of thousands, where the log would dwarf the world.
func (w *World) ObserveAPIOnly(on bool) { w.apiOnly = on }

// traces reports whether events of a kind reach the observer, so callers
// can skip building messages nobody will read.
func (w *World) traces(k TraceKind) bool {
	return w.observer != nil && (!w.apiOnly || k == TraceAPI)
}

func (w *World) emit(ev TraceEvent) {
	if !w.traces(ev.Kind) {
		return
	}
	ev.T = w.Now()
	if ev.Name == "" && ev.Resource != "" {
		ev.Name = w.nameOf[ev.Resource]
	}
	if w.inCall {
		w.held = append(w.held, ev)
		return
	}
	w.observer(ev)
}

// apiDone records an API call's outcome in the trace.
func (w *World) apiDone(action string, c Caller, resource string, err error, msg string) {
	w.inCall = false
	defer func() {
		held := w.held
		w.held = nil
		for _, h := range held {
			w.emit(h)
		}
	}()
	ev := TraceEvent{Kind: TraceAPI, Action: action, Resource: resource, Region: c.Region, Account: c.Account, Message: msg}
	if err != nil {
		e := apiError(err)
		ev.Error, ev.Message = e.Code, e.Message
	}
	w.emit(ev)
}

// suggest returns ` (did you mean "x"?)` for the closest known word, or "".
func suggest(got string, known []string) string {
	if best := Suggest(got, known); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Suggest returns the known word closest to got when it is close enough to
// be a likely typo, or "".
func Suggest(got string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := editDistance(strings.ToLower(got), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" && best != got && bestD <= max(2, len(got)/3) {
		return best
	}
	// A known word that contains what was typed ("Size" → "VolumeSize").
	if len(got) >= 3 {
		var hit string
		for _, k := range known {
			if strings.Contains(strings.ToLower(k), strings.ToLower(got)) {
				if hit != "" {
					return "" // ambiguous
				}
				hit = k
			}
		}
		return hit
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
