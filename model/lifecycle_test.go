package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The instance lifecycle as the EC2 User Guide describes it (states,
// transitions, what persists; docs/sources.md S1, S4, S5, S7) and the
// choices in docs/decisions.md (DeleteOnTermination, visibility).

func TestInstanceStates(t *testing.T) {
	t.Run("an instance has exactly the six API states", func(t *testing.T) {
		want := []model.InstanceState{"pending", "running", "shutting-down", "terminated", "stopping", "stopped"}
		if !slices.Equal(model.InstanceStates, want) {
			t.Fatalf("InstanceStates = %v, want %v", model.InstanceStates, want)
		}
		seen := map[model.InstanceState]bool{}
		for _, e := range model.LifecycleEdges(model.RootEBS) {
			seen[e.From], seen[e.To] = true, true
		}
		for s := range seen {
			if !slices.Contains(want, s) {
				t.Errorf("lifecycle edge touches %q, which is not an API state", s)
			}
		}
		if len(seen) != len(want) {
			t.Errorf("EBS-backed lifecycle reaches %d states, want all %d", len(seen), len(want))
		}
	})
	t.Run("instance-store-backed instances only run or terminate", func(t *testing.T) {
		for _, e := range model.LifecycleEdges(model.RootInstanceStore) {
			if e.From == model.Stopping || e.From == model.Stopped || e.To == model.Stopping || e.To == model.Stopped {
				t.Errorf("instance-store lifecycle has edge %s → %s", e.From, e.To)
			}
		}
		if !model.IsEdge(model.RootInstanceStore, model.Running, model.ShuttingDown) {
			t.Error("instance-store-backed instances must be able to terminate")
		}
	})
}

func TestInstanceLifecycle(t *testing.T) {
	t.Run("run goes pending then running after a boot time", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		out, err := l.w.RunInstances(asStudent, labRun("al2023", "t3.micro"))
		l.ok(err)
		if got := out.Instances[0].CurrentState; got != model.Pending {
			t.Fatalf("RunInstances answers %s, want pending", got)
		}
		id := out.Instances[0].InstanceId
		if got := l.state(id); got != model.Pending {
			t.Fatalf("state right after launch = %s, want pending", got)
		}
		l.waitState(id, model.Running)
		if l.w.Now() <= 0 {
			t.Fatalf("running at %s: booting takes time", l.w.Now())
		}
		if got := l.inst(id).RunningSince; got != l.w.Now() {
			t.Errorf("RunningSince = %s, want the moment it entered running (%s)", got, l.w.Now())
		}
		if got, want := l.instanceStates(id), []model.InstanceState{model.Pending, model.Running}; !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v", got, want)
		}
	})

	t.Run("reboot keeps running and starts no new billing period", func(t *testing.T) {
		// Two identical worlds; only one reboots. Ten seconds after the
		// reboot a new billing period would already cost a whole 60-second
		// minimum more, so the instance's bills must still be equal.
		rebooted, control := newLab(t, labConfig(1)), newLab(t, labConfig(1))
		id := rebooted.running(asStudent, labRun("al2023", "t3.micro"))
		if got := control.running(asStudent, labRun("al2023", "t3.micro")); got != id {
			t.Fatalf("same seed launched %s and %s", id, got)
		}
		rebooted.runFor(2 * sim.Minute)
		control.runFor(2 * sim.Minute)
		since := rebooted.inst(id).RunningSince

		out, err := rebooted.w.RebootInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
		rebooted.ok(err)
		if got := out.Instances[0].CurrentState; got != model.Running {
			t.Fatalf("RebootInstances answers %s, want running", got)
		}
		if rebooted.notes("reboot", id) != 1 {
			t.Fatalf("the trace has no reboot note for %s", id)
		}
		for _, d := range []sim.Time{10 * sim.Second, 10 * sim.Minute} {
			at := control.w.Now() + d
			rebooted.runUntil(at)
			control.runUntil(at)
			if got := rebooted.state(id); got != model.Running {
				t.Fatalf("%s after the reboot the state is %s, want running", d, got)
			}
			if got, want := rebooted.w.Bill().ForResource(id), control.w.Bill().ForResource(id); got != want {
				t.Fatalf("%s after the reboot the instance cost %s, without reboot %s", d, got, want)
			}
		}
		if rebooted.notes("rebooted", id) != 1 {
			t.Errorf("the instance never came back from its reboot")
		}
		if got := rebooted.inst(id).RunningSince; got != since {
			t.Errorf("RunningSince moved from %s to %s", since, got)
		}
		if got, want := rebooted.instanceStates(id), []model.InstanceState{model.Pending, model.Running}; !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v: rebooting is not a state", got, want)
		}
	})

	t.Run("stop on an EBS-backed instance goes stopping then stopped", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		out, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{id}})
		l.ok(err)
		if got := out.Instances[0]; got.PreviousState != model.Running || got.CurrentState != model.Stopping {
			t.Fatalf("StopInstances answers %s → %s, want running → stopping", got.PreviousState, got.CurrentState)
		}
		l.waitState(id, model.Stopped)
		want := []model.InstanceState{model.Pending, model.Running, model.Stopping, model.Stopped}
		if got := l.instanceStates(id); !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v", got, want)
		}
	})

	t.Run("start goes pending then running", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		l.stop(asStudent, id)
		l.waitState(id, model.Stopped)
		out, err := l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
		l.ok(err)
		if got := out.Instances[0]; got.PreviousState != model.Stopped || got.CurrentState != model.Pending {
			t.Fatalf("StartInstances answers %s → %s, want stopped → pending", got.PreviousState, got.CurrentState)
		}
		start := l.w.Now()
		l.waitState(id, model.Running)
		if l.w.Now() == start {
			t.Errorf("running at once: a start boots the instance again")
		}
		want := []model.InstanceState{model.Pending, model.Running, model.Stopping, model.Stopped, model.Pending, model.Running}
		if got := l.instanceStates(id); !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v", got, want)
		}
	})

	t.Run("terminate goes shutting-down then terminated", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		out, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
		l.ok(err)
		if got := out.Instances[0].CurrentState; got != model.ShuttingDown {
			t.Fatalf("TerminateInstances answers %s, want shutting-down", got)
		}
		l.waitState(id, model.Terminated)
		want := []model.InstanceState{model.Pending, model.Running, model.ShuttingDown, model.Terminated}
		if got := l.instanceStates(id); !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v", got, want)
		}
	})

	t.Run("terminate during pending cancels the boot", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.launch(asStudent, labRun("al2023", "t3.micro"))[0]
		l.terminate(asStudent, id)
		l.waitState(id, model.Terminated)
		l.runFor(30 * sim.Minute) // far beyond any boot time
		want := []model.InstanceState{model.Pending, model.ShuttingDown, model.Terminated}
		if got := l.instanceStates(id); !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v (never running)", got, want)
		}
		if got := l.state(id); got != model.Terminated {
			t.Errorf("state = %s, want terminated", got)
		}
	})

	t.Run("terminated instances disappear from DescribeInstances after about an hour", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		l.terminate(asStudent, id)
		l.waitState(id, model.Terminated)
		gone := l.w.Now()
		describe := func() []model.Instance {
			out, err := l.w.DescribeInstances(asStudent, model.DescribeInstancesInput{})
			l.ok(err)
			return out.Instances
		}
		// The catalogue's "terminated/visible" timing says how long: a
		// fixed hour or thereabouts (docs/decisions.md).
		timing := l.w.Catalog().Timing("terminated/visible")
		visible := timing.Sample(sim.NewRand(1, 1))
		if visible != timing.Sample(sim.NewRand(2, 2)) || visible < 50*sim.Minute || visible > 70*sim.Minute {
			t.Fatalf("terminated/visible is %s, want a fixed time of about an hour", timing)
		}
		l.runUntil(gone + visible - sim.Second)
		if got := describe(); len(got) != 1 || got[0].ID != id || got[0].State != model.Terminated {
			t.Fatalf("%s after termination DescribeInstances = %+v, want %s terminated", visible-sim.Second, got, id)
		}
		l.runUntil(gone + visible + sim.Second)
		if got := describe(); len(got) != 0 {
			t.Fatalf("%s after termination DescribeInstances still lists %d instance(s)", visible+sim.Second, len(got))
		}
		_, err := l.w.DescribeInstances(asStudent, model.DescribeInstancesInput{InstanceIds: []string{id}})
		l.code(err, model.InvalidInstanceIDNotFound)
	})

	t.Run("launch failure goes pending to terminated with a state reason", func(t *testing.T) {
		// The student's AMI is encrypted with alias/private, a customer
		// managed key that grants nobody. Shared with the partner, it passes
		// every API check, but the partner's instance cannot read its root
		// snapshot and never boots.
		l := newLab(t, labConfig(1))
		in := labRun("al2023", "t3.micro")
		in.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{Encrypted: labBool(true), KmsKeyId: "alias/private"}}}
		src := l.running(asStudent, in)
		ami := l.createImage(asStudent, src, "private-key-golden", true)
		l.ok(l.share(asStudent, ami, "partner"))

		out, err := l.w.RunInstances(asPartner, labRun(ami, "t3.micro"))
		l.ok(err)
		id := out.Instances[0].InstanceId
		l.waitFor(id+" terminated", func() bool {
			i, _ := l.w.Instance(id)
			return i.State == model.Terminated
		})
		want := []model.InstanceState{model.Pending, model.Terminated}
		if got := l.instanceStates(id); !slices.Equal(got, want) {
			t.Errorf("states = %v, want %v", got, want)
		}
		reason := l.inst(id).StateReason.Message
		if !strings.HasPrefix(reason, "Client.InternalError") || !strings.Contains(reason, "KMS") {
			t.Errorf("StateReason = %q, want a Client.InternalError naming the KMS key", reason)
		}
	})
}

func TestWhatPersists(t *testing.T) {
	t.Run("instance-store-backed instances lose instance-store data on terminate", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
		l.write(asStudent, id, "", 3)
		if got := l.ephemeral(id, "/dev/sda1").DataGiB; got != 4 {
			t.Fatalf("root holds %d GiB, want 1 from the AMI + 3 written", got)
		}
		l.terminate(asStudent, id)
		l.waitState(id, model.Terminated)
		for _, e := range l.inst(id).Ephemeral {
			if e.DataGiB != 0 {
				t.Errorf("%s still holds %d GiB after terminate", e.DeviceName, e.DataGiB)
			}
		}
		if l.notes("data-lost", id) == 0 {
			t.Errorf("the trace does not tell the student the data is gone")
		}
	})

	t.Run("instance-store-backed instances lose instance-store data on host failure", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("amzn-instance-store", "m1.small"))
		l.write(asStudent, id, "", 3)
		l.ok(l.w.HostFailure(asStudent, model.InstanceFaultInput{InstanceId: id}))
		if got := l.ephemeral(id, "/dev/sda1").DataGiB; got != 0 {
			t.Errorf("root holds %d GiB after the host failed, want 0", got)
		}
		if l.notes("data-lost", id) == 0 {
			t.Errorf("the trace does not tell the student the data is gone")
		}
	})

	// m5d.large is EBS-backed and also has a 75 GB NVMe instance-store disk.
	t.Run("EBS-backed stop erases instance-store disks", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "m5d.large"))
		l.write(asStudent, id, "ephemeral0", 5)
		if got := l.ephemeral(id, "ephemeral0").DataGiB; got != 5 {
			t.Fatalf("ephemeral0 holds %d GiB, want 5", got)
		}
		l.stop(asStudent, id)
		l.waitState(id, model.Stopped)
		if got := l.ephemeral(id, "ephemeral0").DataGiB; got != 0 {
			t.Errorf("ephemeral0 holds %d GiB after stop, want 0", got)
		}
		if l.notes("data-lost", id) == 0 {
			t.Errorf("the trace does not tell the student the data is gone")
		}
	})

	t.Run("EBS root data survives stop and start", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "m5d.large"))
		l.write(asStudent, id, "", 3)
		root := l.rootVolume(id)
		if root.DataGiB != 5 {
			t.Fatalf("root volume holds %d GiB, want 2 from the AMI + 3 written", root.DataGiB)
		}
		l.stop(asStudent, id)
		l.waitState(id, model.Stopped)
		_, err := l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
		l.ok(err)
		l.waitState(id, model.Running)
		after := l.rootVolume(id)
		if after.ID != root.ID || after.DataGiB != 5 {
			t.Errorf("after stop/start the root is %s with %d GiB, want %s with 5", after.ID, after.DataGiB, root.ID)
		}
	})

	t.Run("reboot keeps instance-store data", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "m5d.large"))
		l.write(asStudent, id, "ephemeral0", 5)
		_, err := l.w.RebootInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
		l.ok(err)
		l.runFor(10 * sim.Minute)
		if got := l.ephemeral(id, "ephemeral0").DataGiB; got != 5 {
			t.Errorf("ephemeral0 holds %d GiB after reboot, want 5", got)
		}
	})
}

func TestDeleteOnTermination(t *testing.T) {
	// One instance with three EBS volumes: the root from the AMI, an extra
	// volume in the launch mapping that does not say DeleteOnTermination,
	// and a volume attached after launch.
	l := newLab(t, labConfig(1))
	in := labRun("al2023", "t3.micro")
	in.BlockDeviceMappings = []model.BlockDeviceMapping{
		{DeviceName: "/dev/sdf", Ebs: &model.EbsBlockDevice{VolumeSize: 10, VolumeType: "gp3"}},
		{DeviceName: "/dev/sdh", Ebs: &model.EbsBlockDevice{VolumeSize: 10, VolumeType: "gp3", DeleteOnTermination: labBool(false)}},
	}
	id := l.running(asStudent, in)
	devices := map[string]string{}
	for _, bd := range l.inst(id).BlockDevices {
		devices[bd.DeviceName] = bd.VolumeID
	}
	attached := l.createVolume(asStudent, l.inst(id).AZ, 5)
	l.attach(asStudent, attached, id, "/dev/sdg")
	l.terminate(asStudent, id)
	l.waitState(id, model.Terminated)
	l.runFor(sim.Minute)

	for _, c := range []struct {
		rule     string
		volume   string
		survives bool
	}{
		{"root volume is deleted on terminate", devices["/dev/xvda"], false},
		{"launch-mapping volume without DeleteOnTermination is deleted on terminate", devices["/dev/sdf"], false},
		{"launch-mapping volume with DeleteOnTermination false survives terminate", devices["/dev/sdh"], true},
		{"volume attached after launch survives terminate", attached, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if c.volume == "" {
				t.Fatal("the instance did not get this volume")
			}
			v, exists := l.w.Volume(c.volume)
			switch {
			case c.survives && !exists:
				t.Fatalf("%s was deleted", c.volume)
			case c.survives && (v.State != model.VolumeAvailable || v.InstanceID != ""):
				t.Fatalf("%s is %s attached to %q, want available and detached", c.volume, v.State, v.InstanceID)
			case !c.survives && exists:
				t.Fatalf("%s still exists (%s)", c.volume, v.State)
			}
		})
	}
}

func TestLifecycleErrors(t *testing.T) {
	for _, c := range []struct {
		rule  string
		setup func(*lab)
		call  func(*lab) error
		want  model.Code
	}{
		{
			rule: "instance-store root cannot stop",
			setup: func(l *lab) {
				l.w.Name("old", l.running(asStudent, labRun("amzn-instance-store", "m1.small")))
			},
			call: func(l *lab) error {
				_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{"old"}})
				return err
			},
			want: model.UnsupportedOperation,
		},
		{
			rule: "a stopping instance cannot be started",
			setup: func(l *lab) {
				id := l.running(asStudent, labRun("al2023", "t3.micro"))
				l.stop(asStudent, id)
				l.w.Name("web", id)
			},
			call: func(l *lab) error {
				_, err := l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{"web"}})
				return err
			},
			want: model.IncorrectInstanceState,
		},
		{
			rule: "a terminated instance cannot be stopped",
			setup: func(l *lab) {
				id := l.running(asStudent, labRun("al2023", "t3.micro"))
				l.terminate(asStudent, id)
				l.waitState(id, model.Terminated)
				l.w.Name("web", id)
			},
			call: func(l *lab) error {
				_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{"web"}})
				return err
			},
			want: model.IncorrectInstanceState,
		},
		{
			rule: "termination protection blocks terminate",
			setup: func(l *lab) {
				in := labRun("al2023", "t3.micro")
				in.DisableApiTermination = true
				l.w.Name("db", l.running(asStudent, in))
				l.w.Name("web", l.running(asStudent, labRun("al2023", "t3.micro")))
			},
			call: func(l *lab) error {
				_, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{"web", "db"}})
				return err
			},
			want: model.OperationNotPermitted,
		},
		{
			rule: "terminate with one unknown ID terminates none",
			setup: func(l *lab) {
				l.w.Name("a", l.running(asStudent, labRun("al2023", "t3.micro")))
				l.w.Name("b", l.running(asStudent, labRun("al2023", "t3.micro")))
				id := l.running(asStudent, labRun("al2023", "t3.micro"))
				l.stop(asStudent, id)
				l.waitState(id, model.Stopped)
				l.w.Name("c", id)
			},
			call: func(l *lab) error {
				ids := []string{l.w.Lookup("a")[0], labUnknownInstance, l.w.Lookup("b")[0], l.w.Lookup("c")[0]}
				_, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{InstanceIds: ids})
				return err
			},
			want: model.InvalidInstanceIDNotFound,
		},
		{
			rule:  "a refused launch creates nothing, not even the AWS managed EBS key",
			setup: func(*lab) {},
			call: func(l *lab) error {
				in := labEncrypted("") // would create alias/aws/ebs on first use
				in.InstanceInitiatedShutdownBehavior = "hibernate"
				_, err := l.w.RunInstances(asStudent, in)
				return err
			},
			want: model.InvalidParameterValue,
		},
		{
			rule:  "a DryRun launch changes nothing",
			setup: func(*lab) {},
			call: func(l *lab) error {
				in := labEncrypted("")
				in.DryRun = true
				_, err := l.w.RunInstances(asStudent, in)
				return err
			},
			want: model.DryRunOperation,
		},
		{
			rule:  "an unknown instance is not found",
			setup: func(*lab) {},
			call: func(l *lab) error {
				_, err := l.w.RebootInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{labUnknownInstance}})
				return err
			},
			want: model.InvalidInstanceIDNotFound,
		},
		{
			rule:  "another account's instance is not found",
			setup: func(l *lab) { l.w.Name("theirs", l.running(asPartner, labRun("al2023", "t3.micro"))) },
			call: func(l *lab) error {
				_, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{"theirs"}})
				return err
			},
			want: model.InvalidInstanceIDNotFound,
		},
		{
			rule:  "a malformed instance ID is refused",
			setup: func(l *lab) { l.w.Name("web", l.running(asStudent, labRun("al2023", "t3.micro"))) },
			call: func(l *lab) error {
				_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{"web", "i-12345"}})
				return err
			},
			want: model.InvalidInstanceIDMalformed,
		},
	} {
		t.Run(c.rule, func(t *testing.T) {
			labFailedCallChangesNothing(t, c.setup, c.call, c.want)
		})
	}
}

// TestTraceFollowsLifecycleEdges drives instances of both root device types
// through every path the model has (API calls, guest shutdown, faults,
// launch failure) and checks each state change in the trace against
// LifecycleEdges for the instance's root device type.
func TestTraceFollowsLifecycleEdges(t *testing.T) {
	l := newLab(t, labConfig(3))
	roots := map[string]string{}
	launch := func(c model.Caller, in model.RunInstancesInput) string {
		id := l.launch(c, in)[0]
		roots[id] = l.inst(id).RootDeviceType
		return id
	}
	ids := func(id string) model.InstanceIDsInput { return model.InstanceIDsInput{InstanceIds: []string{id}} }
	fault := func(id string) model.InstanceFaultInput { return model.InstanceFaultInput{InstanceId: id} }
	wait := func(id string, s model.InstanceState) { t.Helper(); l.waitState(id, s) }

	// EBS-backed: stop, start, reboot, terminate from running, stopping,
	// stopped and pending; guest shutdown both ways; retirement; Spot.
	a := launch(asStudent, labRun("al2023", "t3.micro"))
	wait(a, model.Running)
	_, err := l.w.RebootInstances(asStudent, ids(a))
	l.ok(err)
	l.stop(asStudent, a)
	wait(a, model.Stopped)
	_, err = l.w.StartInstances(asStudent, ids(a))
	l.ok(err)
	wait(a, model.Running)
	l.stop(asStudent, a)
	l.terminate(asStudent, a) // while stopping

	b := launch(asStudent, labRun("al2023", "t3.micro"))
	wait(b, model.Running)
	l.stop(asStudent, b)
	wait(b, model.Stopped)
	l.terminate(asStudent, b) // from stopped

	l.terminate(asStudent, launch(asStudent, labRun("al2023", "t3.micro"))) // while pending

	g := launch(asStudent, labRun("al2023", "t3.micro"))
	wait(g, model.Running)
	l.ok(l.w.GuestShutdown(asStudent, fault(g)))
	in := labRun("al2023", "t3.micro")
	in.InstanceInitiatedShutdownBehavior = "terminate"
	gt := launch(asStudent, in)
	wait(gt, model.Running)
	l.ok(l.w.GuestShutdown(asStudent, fault(gt)))

	r := launch(asStudent, labRun("al2023", "m5d.large"))
	wait(r, model.Running)
	l.ok(l.w.InstanceRetirement(asStudent, fault(r)))
	l.ok(l.w.HostFailure(asStudent, fault(launch(asStudent, labRun("al2023", "t3.micro")))))

	spot := labRun("al2023", "t3.micro")
	spot.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot", SpotOptions: &model.SpotOptions{SpotInstanceType: "persistent", InstanceInterruptionBehavior: "stop"}}
	s := launch(asStudent, spot)
	wait(s, model.Running)
	l.ok(l.w.SpotInterruption(asStudent, fault(s)))

	// A launch failure (see TestInstanceLifecycle).
	enc := labRun("al2023", "t3.micro")
	enc.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{Encrypted: labBool(true), KmsKeyId: "alias/private"}}}
	src := launch(asStudent, enc)
	wait(src, model.Running)
	ami := l.createImage(asStudent, src, "private-key-golden", false)
	l.ok(l.share(asStudent, ami, "partner"))
	failed := launch(asPartner, labRun(ami, "t3.micro"))

	// Instance-store-backed: terminate while pending and running, guest
	// shutdown, retirement, host failure.
	l.terminate(asStudent, launch(asStudent, labRun("amzn-instance-store", "m1.small")))
	for _, how := range []string{"terminate", "guest", "retire", "host"} {
		id := launch(asStudent, labRun("amzn-instance-store", "m1.small"))
		wait(id, model.Running)
		switch how {
		case "terminate":
			l.terminate(asStudent, id)
		case "guest":
			l.ok(l.w.GuestShutdown(asStudent, fault(id)))
		case "retire":
			l.ok(l.w.InstanceRetirement(asStudent, fault(id)))
		case "host":
			l.ok(l.w.HostFailure(asStudent, fault(id)))
		}
	}
	l.runFor(30 * sim.Minute)
	if got := l.inst(failed).State; got != model.Terminated {
		t.Fatalf("the failed launch is %s, want terminated", got)
	}

	used := map[string]map[model.Edge]bool{model.RootEBS: {}, model.RootInstanceStore: {}}
	for _, ev := range l.trace {
		if ev.Kind != model.TraceState || ev.Action != "instance" || ev.From == "" {
			continue
		}
		root := roots[ev.Resource]
		e := model.Edge{From: model.InstanceState(ev.From), To: model.InstanceState(ev.To)}
		if !slices.Contains(model.LifecycleEdges(root), e) {
			t.Errorf("%s (%s-backed) went %s → %s, not an edge of its lifecycle", ev.Resource, root, e.From, e.To)
		}
		used[root][e] = true
	}
	// The drive above must have exercised every edge, or the check proves
	// little. The model has no launch failure for instance-store AMIs (their
	// snapshots are not encrypted; a missing bundle part is not modelled).
	unreachable := model.Edge{From: model.Pending, To: model.Terminated}
	for root, seen := range used {
		for _, e := range model.LifecycleEdges(root) {
			if !seen[e] && !(root == model.RootInstanceStore && e == unreachable) {
				t.Errorf("no %s-backed instance took the edge %s → %s", root, e.From, e.To)
			}
		}
	}
}

// Boot times are random draws from the catalogue's distributions
// (docs/decisions.md):
// these check the medians of a few hundred deterministic launches, in
// simulated time.
func TestBootTimes(t *testing.T) {
	bootTimes := func(t *testing.T, seed uint64, image, instanceType string, n int) []sim.Time {
		l := newLab(t, labConfig(seed))
		in := labRun(image, instanceType)
		in.MinCount, in.MaxCount = n, n
		ids := l.launch(asStudent, in)
		l.runFor(2 * sim.Hour)
		var out []sim.Time
		for _, ev := range l.trace {
			if ev.Kind == model.TraceState && ev.Action == "instance" && ev.To == string(model.Running) {
				out = append(out, ev.T)
			}
		}
		if len(out) != len(ids) {
			t.Fatalf("%d of %d instances reached running", len(out), len(ids))
		}
		return out
	}
	t.Run("EBS-backed Linux boots in about 15 seconds", func(t *testing.T) {
		if m := labMedian(bootTimes(t, 1, "al2023", "t3.micro", 300)); m < 12*sim.Second || m > 18*sim.Second {
			t.Errorf("median boot = %s, want about 15s", m)
		}
	})
	t.Run("instance-store-backed boots in about 150 seconds", func(t *testing.T) {
		if m := labMedian(bootTimes(t, 1, "amzn-instance-store", "m1.small", 300)); m < 120*sim.Second || m > 180*sim.Second {
			t.Errorf("median boot = %s, want about 2m30s", m)
		}
	})
	t.Run("a different seed gives different boot times", func(t *testing.T) {
		a := bootTimes(t, 1, "al2023", "t3.micro", 20)
		b := bootTimes(t, 1, "al2023", "t3.micro", 20)
		c := bootTimes(t, 2, "al2023", "t3.micro", 20)
		if !slices.Equal(a, b) {
			t.Errorf("the same seed gave different boot times:\n%v\n%v", a, b)
		}
		if slices.Equal(a, c) {
			t.Errorf("seeds 1 and 2 gave the same boot times %v", a)
		}
	})
}

// labSpot is a Spot launch of one t3.micro from al2023.
func labSpot(requestType, behaviour string) model.RunInstancesInput {
	in := labRun("al2023", "t3.micro")
	in.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot",
		SpotOptions: &model.SpotOptions{SpotInstanceType: requestType, InstanceInterruptionBehavior: behaviour}}
	return in
}

// TestOneTimeSpotCannotBeStopped: StopInstances on a Spot instance of a
// one-time request is UnsupportedOperation, with AWS's message; one of a
// persistent request stops (S36; S92 for the message).
func TestOneTimeSpotCannotBeStopped(t *testing.T) {
	var id string
	setup := func(l *lab) { id = l.running(asStudent, labSpot("", "")) }
	l := labFailedCallChangesNothing(t, setup, func(l *lab) error {
		_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{id}})
		return err
	}, model.UnsupportedOperation)
	_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{id}})
	if !strings.Contains(err.Error(), "associated with a one-time Spot Instance request") {
		t.Errorf("message %q is not AWS's", err)
	}
	p := l.running(asStudent, labSpot(model.SpotPersistent, "stop"))
	l.stop(asStudent, p)
	l.waitState(p, model.Stopped)
}

// TestPersistentSpotIsRestartedByEC2: a persistent Spot instance stopped by
// an interruption is started again by EC2, not by you (S36: "Only Amazon EC2
// can restart an interrupted stopped Spot Instance").
func TestPersistentSpotIsRestartedByEC2(t *testing.T) {
	l := newLab(t, labConfig(1))
	id := l.running(asStudent, labSpot(model.SpotPersistent, "stop"))
	l.ok(l.w.SpotInterruption(asStudent, model.InstanceFaultInput{InstanceId: id}))
	l.waitState(id, model.Stopped)
	_, err := l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
	l.code(err, model.IncorrectInstanceState)
	l.waitState(id, model.Running)
	if got := l.instanceStates(id); !slices.Equal(got, []model.InstanceState{model.Pending, model.Running, model.Stopping, model.Stopped, model.Pending, model.Running}) {
		t.Errorf("states %v", got)
	}
}

// TestTerminateInstancesWithNoIDs: AWS answers InvalidParameterCombination
// "No instances specified" (S3, TerminateInstances), not MissingParameter.
func TestTerminateInstancesWithNoIDs(t *testing.T) {
	labFailedCallChangesNothing(t, func(*lab) {}, func(l *lab) error {
		_, err := l.w.TerminateInstances(asStudent, model.InstanceIDsInput{})
		return err
	}, model.InvalidParameterCombination)
}

// TestLaunchMappingCodesAsAWSReturnsThem: a mapping with only a DeviceName
// is MissingParameter "The request must contain the parameter ebs"; KmsKeyId
// without Encrypted is InvalidParameterDependency (S3, RunInstances).
func TestLaunchMappingCodesAsAWSReturnsThem(t *testing.T) {
	only := labRun("al2023", "t3.micro")
	only.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/sdb"}}
	key := labRun("al2023", "t3.micro")
	key.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/sdb", Ebs: &model.EbsBlockDevice{VolumeSize: 1, KmsKeyId: "alias/golden"}}}
	for _, tc := range []struct {
		in   *model.RunInstancesInput
		want model.Code
	}{{&only, model.MissingParameter}, {&key, model.InvalidParameterDependency}} {
		in, want := tc.in, tc.want
		l := labFailedCallChangesNothing(t, func(*lab) {}, func(l *lab) error { _, err := l.w.RunInstances(asStudent, *in); return err }, want)
		if _, err := l.w.RunInstances(asStudent, only); want == model.MissingParameter && err.(*model.Error).Message != "The request must contain the parameter ebs" {
			t.Errorf("message %q", err)
		}
	}
}
