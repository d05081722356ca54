package model_test

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The helpers of the rule tests (lifecycle_test.go, images_test.go,
// storage_test.go). Top-level names start with "lab" or "as" so they do not
// clash with other test files of the package.

// The callers the rule tests use: the default student account, a partner
// an AMI can be shared with (and who holds a grant on alias/golden), and a
// stranger nobody shares anything with.
var (
	asStudent  = model.Caller{Account: "student", Region: "us-east-1"}
	asPartner  = model.Caller{Account: "partner", Region: "us-east-1"}
	asStranger = model.Caller{Account: "stranger", Region: "us-east-1"}
	asWest     = model.Caller{Account: "student", Region: "us-west-2"}
)

// labConfig is the world of the rule tests: three accounts and two
// customer-managed KMS keys of the student's in us-east-1, one granted to the
// partner, one private.
func labConfig(seed uint64) model.Config {
	return model.Config{
		Seed: seed,
		Accounts: []model.Account{
			{ID: "111122223333", Name: "student"},
			{ID: "444455556666", Name: "partner"},
			{ID: "777788889999", Name: "stranger"},
		},
		Keys: []model.KMSKeySpec{
			{Alias: "alias/golden", Owner: "student", Region: "us-east-1", Grants: []string{"partner"}},
			{Alias: "alias/private", Owner: "student", Region: "us-east-1"},
		},
	}
}

// labAMIID is what an AMI ID looks like since 2018: "ami-" and 17 hex digits.
var labAMIID = regexp.MustCompile(`^ami-[0-9a-f]{17}$`)

// labUnknownInstance, labUnknownVolume and labUnknownSnapshot are well-formed
// IDs that no world in these tests creates.
const (
	labUnknownInstance = "i-0123456789abcdef0"
	labUnknownVolume   = "vol-0123456789abcdef0"
	labUnknownSnapshot = "snap-0123456789abcdef0"
)

// labRun is a one-instance RunInstances request.
func labRun(image, instanceType string) model.RunInstancesInput {
	return model.RunInstancesInput{ImageId: image, InstanceType: instanceType, MinCount: 1, MaxCount: 1}
}

func labBool(b bool) *bool { return &b }

// lab is a world under test and everything it has reported in its trace.
type lab struct {
	t     testing.TB
	w     *model.World
	trace []model.TraceEvent
}

func newLab(t testing.TB, cfg model.Config) *lab {
	t.Helper()
	w, err := model.New(cfg)
	if err != nil {
		t.Fatalf("model.New: %v", err)
	}
	l := &lab{t: t, w: w}
	w.Observe(func(ev model.TraceEvent) { l.trace = append(l.trace, ev) })
	return l
}

// ok fails the test at once on an unexpected error of a setup call.
func (l *lab) ok(err error) {
	l.t.Helper()
	if err != nil {
		l.t.Fatalf("unexpected error: %v", err)
	}
}

// code requires err to carry the EC2 error code want, and that code to be
// in the model's table (model.Codes): every code a rule test provokes is one
// the model can explain and give an HTTP status.
func (l *lab) code(err error, want model.Code) {
	l.t.Helper()
	got := model.CodeOf(err)
	if got != want {
		l.t.Fatalf("error code = %q, want %q (err: %v)", got, want, err)
	}
	if _, ok := model.LookupCode(got); !ok {
		l.t.Fatalf("error code %q is not in the model's table of codes (err: %v)", got, err)
	}
}

// runUntil fires every event due at or before t, then moves the clock to t.
func (l *lab) runUntil(t sim.Time) {
	for {
		next, ok := l.w.NextAt()
		if !ok || next > t {
			break
		}
		l.w.Step()
	}
	l.w.AdvanceTo(t)
}

// runFor lets d of simulated time pass.
func (l *lab) runFor(d sim.Time) { l.runUntil(l.w.Now() + d) }

// waitFor fires events one by one until cond holds, for at most a simulated
// day.
func (l *lab) waitFor(what string, cond func() bool) {
	l.t.Helper()
	limit := l.w.Now() + sim.Day
	for !cond() {
		next, ok := l.w.NextAt()
		if !ok || next > limit {
			l.t.Fatalf("at %s: still waiting for %s (no event left before %s)", l.w.Now(), what, limit)
		}
		l.w.Step()
	}
}

func (l *lab) inst(id string) model.Instance {
	l.t.Helper()
	i, ok := l.w.Instance(id)
	if !ok {
		l.t.Fatalf("instance %s does not exist", id)
	}
	return i
}

func (l *lab) state(id string) model.InstanceState { l.t.Helper(); return l.inst(id).State }

func (l *lab) waitState(id string, want model.InstanceState) {
	l.t.Helper()
	l.waitFor(id+" "+string(want), func() bool { return l.state(id) == want })
}

// launch makes a RunInstances call that must succeed and returns the IDs.
func (l *lab) launch(c model.Caller, in model.RunInstancesInput) []string {
	l.t.Helper()
	out, err := l.w.RunInstances(c, in)
	l.ok(err)
	return out.Created()
}

// running launches one instance and waits until it is running.
func (l *lab) running(c model.Caller, in model.RunInstancesInput) string {
	l.t.Helper()
	id := l.launch(c, in)[0]
	l.waitState(id, model.Running)
	return id
}

func (l *lab) terminate(c model.Caller, ids ...string) {
	l.t.Helper()
	_, err := l.w.TerminateInstances(c, model.InstanceIDsInput{InstanceIds: ids})
	l.ok(err)
}

func (l *lab) stop(c model.Caller, ids ...string) {
	l.t.Helper()
	_, err := l.w.StopInstances(c, model.StopInstancesInput{InstanceIds: ids})
	l.ok(err)
}

func (l *lab) write(c model.Caller, id, device string, gib int) {
	l.t.Helper()
	l.ok(l.w.WriteData(c, model.WriteDataInput{InstanceId: id, Device: device, GiB: gib}))
}

func (l *lab) volume(id string) model.Volume {
	l.t.Helper()
	v, ok := l.w.Volume(id)
	if !ok {
		l.t.Fatalf("volume %s does not exist", id)
	}
	return v
}

// rootVolume is the EBS volume at the instance's root device.
func (l *lab) rootVolume(id string) model.Volume {
	l.t.Helper()
	i := l.inst(id)
	for _, bd := range i.BlockDevices {
		if bd.DeviceName == i.RootDeviceName {
			return l.volume(bd.VolumeID)
		}
	}
	l.t.Fatalf("instance %s has no EBS root volume", id)
	return model.Volume{}
}

// ephemeral is the instance-store disk of an instance by device or virtual name.
func (l *lab) ephemeral(id, name string) model.EphemeralDisk {
	l.t.Helper()
	for _, e := range l.inst(id).Ephemeral {
		if e.DeviceName == name || e.VirtualName == name {
			return e
		}
	}
	l.t.Fatalf("instance %s has no instance-store disk %s", id, name)
	return model.EphemeralDisk{}
}

func (l *lab) snapshot(id string) model.Snapshot {
	l.t.Helper()
	s, ok := l.w.Snapshot(id)
	if !ok {
		l.t.Fatalf("snapshot %s does not exist", id)
	}
	return s
}

func (l *lab) image(id, region string) model.Image {
	l.t.Helper()
	im, ok := l.w.Image(id, region)
	if !ok {
		l.t.Fatalf("image %s does not exist in %s", id, region)
	}
	return im
}

// createVolume creates a volume and waits until it is available.
func (l *lab) createVolume(c model.Caller, az string, gib int) string {
	l.t.Helper()
	out, err := l.w.CreateVolume(c, model.CreateVolumeInput{AvailabilityZone: az, Size: gib, VolumeType: "gp3"})
	l.ok(err)
	l.waitFor(out.VolumeId+" available", func() bool { return l.volume(out.VolumeId).State == model.VolumeAvailable })
	return out.VolumeId
}

// attach attaches a volume and waits until the attachment is complete.
func (l *lab) attach(c model.Caller, vol, inst, device string) {
	l.t.Helper()
	_, err := l.w.AttachVolume(c, model.AttachVolumeInput{VolumeId: vol, InstanceId: inst, Device: device})
	l.ok(err)
	l.waitFor(vol+" attached", func() bool { return l.volume(vol).AttachState == model.Attached })
}

// createImage makes an AMI of an instance and waits until it is available.
func (l *lab) createImage(c model.Caller, inst, name string, noReboot bool) string {
	l.t.Helper()
	out, err := l.w.CreateImage(c, model.CreateImageInput{InstanceId: inst, Name: name, NoReboot: noReboot})
	l.ok(err)
	l.waitAvailable(out.ImageId, c.Region)
	return out.ImageId
}

func (l *lab) waitAvailable(image, region string) {
	l.t.Helper()
	l.waitFor(image+" available", func() bool { return l.image(image, region).State == model.ImageAvailable })
}

// share gives an account (ID, name or "all" for the public) launch permission.
func (l *lab) share(c model.Caller, image, who string) error {
	p := model.LaunchPermission{UserId: who}
	if who == "all" {
		p = model.LaunchPermission{Group: "all"}
	}
	return l.w.ModifyImageAttribute(c, model.ModifyImageAttributeInput{
		ImageId: image, LaunchPermission: &model.LaunchPermissionChange{Add: []model.LaunchPermission{p}},
	})
}

// instanceStates lists the states the trace shows an instance entering, in order.
func (l *lab) instanceStates(id string) []model.InstanceState {
	var out []model.InstanceState
	for _, ev := range l.trace {
		if ev.Kind == model.TraceState && ev.Action == "instance" && ev.Resource == id {
			out = append(out, model.InstanceState(ev.To))
		}
	}
	return out
}

// notes counts the trace notes of one kind about a resource.
func (l *lab) notes(action, resource string) int {
	n := 0
	for _, ev := range l.trace {
		if ev.Kind == model.TraceNote && ev.Action == action && ev.Resource == resource {
			n++
		}
	}
	return n
}

// labState is everything a student could observe about a world.
type labState struct {
	Now       sim.Time
	Pending   int
	Instances []model.Instance
	Volumes   []model.Volume
	Snapshots []model.Snapshot
	Images    []model.Image
	Keys      []model.KMSKey
	Bill      model.Bill
}

func (l *lab) observe() labState {
	return labState{
		Now: l.w.Now(), Pending: l.w.Pending(), Instances: l.w.Instances(), Volumes: l.w.Volumes(),
		Snapshots: l.w.Snapshots(), Images: l.w.Images(), Keys: l.w.KMSKeys(), Bill: l.w.Bill(),
	}
}

// labFailedCallChangesNothing builds two worlds from the same seed and runs
// setup in both. In one it then makes a call that must fail with want. A
// failed call changes nothing, so the two worlds must stay identical, and
// must go on identically too: the same launch and volume afterwards get the
// same IDs, zones and durations in both, so no hidden state (random
// streams, placement cursor, event queue) moved either. It returns the world
// that saw the failure, for further checks.
func labFailedCallChangesNothing(t *testing.T, setup func(*lab), call func(*lab) error, want model.Code) *lab {
	t.Helper()
	failed, control := newLab(t, labConfig(7)), newLab(t, labConfig(7))
	setup(failed)
	setup(control)
	failed.code(call(failed), want)
	if diff := labDiff(failed.observe(), control.observe()); diff != "" {
		t.Fatalf("the failed call changed the world: %s", diff)
	}
	probe := func(l *lab) {
		l.launch(asStudent, labRun("al2023", "t3.micro"))
		_, err := l.w.CreateVolume(asStudent, model.CreateVolumeInput{AvailabilityZone: "us-east-1a", Size: 1})
		l.ok(err)
		l.runFor(10 * sim.Minute)
	}
	probe(failed)
	probe(control)
	if diff := labDiff(failed.observe(), control.observe()); diff != "" {
		t.Fatalf("the world behaves differently after the failed call: %s", diff)
	}
	return failed
}

// labDiff names the parts of two observations that differ, or is "".
func labDiff(got, want labState) string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	var out []string
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			out = append(out, fmt.Sprintf("%s:\n  with the failed call:    %+v\n  without the failed call: %+v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface()))
		}
	}
	return strings.Join(out, "\n")
}

// labMedian is the median of durations.
func labMedian(ds []sim.Time) sim.Time {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
