package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// An instance says why it is in its state as EC2 does (S103): a state
// reason (code and message) for a stop, a termination or a launch still
// pending, and a transition reason naming who began a stop or termination
// and when. A user's call is user initiated at the call; EC2's own
// interruption is service initiated; the OS shutting itself down names no
// initiator; a running instance has neither.
func TestStateReasons(t *testing.T) {
	fault := func(id string) model.InstanceFaultInput { return model.InstanceFaultInput{InstanceId: id} }
	hibernating := labRun("al2023", "t3.micro")
	hibernating.HibernationOptions = &model.HibernationOptions{Configured: true}
	hibernating.BlockDeviceMappings = []model.BlockDeviceMapping{{DeviceName: "/dev/xvda", Ebs: &model.EbsBlockDevice{Encrypted: labBool(true), VolumeSize: 16}}}
	spot := labRun("al2023", "t3.micro")
	spot.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot", SpotOptions: &model.SpotOptions{SpotInstanceType: "persistent", InstanceInterruptionBehavior: "stop"}}
	for _, tc := range []struct {
		rule    string
		in      model.RunInstancesInput
		act     func(l *lab, id string) // from running
		settle  model.InstanceState
		code    model.StateReasonCode
		message string
		by      model.Initiator // "" for no transition reason
	}{
		{"a user stop is Client.UserInitiatedShutdown, user initiated", labRun("al2023", "t3.micro"),
			func(l *lab, id string) { l.stop(asStudent, id) }, model.Stopped,
			model.ReasonUserInitiatedShutdown, "Client.UserInitiatedShutdown: User initiated shutdown", model.InitiatorUser},
		{"a user hibernation is Client.UserInitiatedHibernate, user initiated", hibernating,
			func(l *lab, id string) {
				_, err := l.w.StopInstances(asStudent, model.StopInstancesInput{InstanceIds: []string{id}, Hibernate: true})
				l.ok(err)
			}, model.Stopped,
			model.ReasonUserInitiatedHibernate, "Client.UserInitiatedHibernate: User initiated hibernate", model.InitiatorUser},
		{"a user termination is Client.UserInitiatedShutdown, user initiated", labRun("al2023", "t3.micro"),
			func(l *lab, id string) { l.terminate(asStudent, id) }, model.Terminated,
			model.ReasonUserInitiatedShutdown, "Client.UserInitiatedShutdown: User initiated shutdown", model.InitiatorUser},
		{"a Spot interruption is service initiated", spot,
			func(l *lab, id string) { l.ok(l.w.SpotInterruption(asStudent, fault(id))) }, model.Stopped,
			model.ReasonSpotInstanceShutdown, "Server.SpotInstanceShutdown: Spot instance shutdown", model.InitiatorService},
		{"the OS shutting down has a reason but no initiator", labRun("al2023", "t3.micro"),
			func(l *lab, id string) { l.ok(l.w.GuestShutdown(asStudent, fault(id))) }, model.Stopped,
			model.ReasonInstanceInitiatedShutdown, "Client.InstanceInitiatedShutdown: Instance initiated shutdown", ""},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			id := l.launch(asStudent, tc.in)[0]
			if r := l.inst(id).StateReason; r.Code != model.ReasonPending || r.Message != "pending" {
				t.Errorf("pending: StateReason %+v, want pending/pending", r)
			}
			l.waitState(id, model.Running)
			if i := l.inst(id); !i.StateReason.IsZero() || !i.Transition.IsZero() {
				t.Errorf("running: StateReason %+v, Transition %+v; want none", i.StateReason, i.Transition)
			}
			at := l.w.Now()
			tc.act(l, id)
			if i := l.inst(id); i.SpotNotice {
				at = i.SpotActionAt // EC2 acts when the two-minute notice is up
			}
			l.waitState(id, tc.settle)
			i := l.inst(id)
			if i.StateReason.Code != tc.code || i.StateReason.Message != tc.message {
				t.Errorf("StateReason %+v, want %s %q", i.StateReason, tc.code, tc.message)
			}
			if want := (model.Transition{By: tc.by, At: at}); tc.by == "" && !i.Transition.IsZero() || tc.by != "" && i.Transition != want {
				t.Errorf("Transition %+v, want %+v", i.Transition, want)
			}
			if tc.settle != model.Stopped || i.SpotInterrupted {
				return // only EC2 starts an interrupted Spot instance again
			}
			// A start clears both: pending again, then nothing once running.
			_, err := l.w.StartInstances(asStudent, model.InstanceIDsInput{InstanceIds: []string{id}})
			l.ok(err)
			if i := l.inst(id); i.StateReason.Code != model.ReasonPending || !i.Transition.IsZero() {
				t.Errorf("started: StateReason %+v, Transition %+v; want pending and none", i.StateReason, i.Transition)
			}
			l.waitState(id, model.Running)
			if i := l.inst(id); !i.StateReason.IsZero() || !i.Transition.IsZero() {
				t.Errorf("running again: StateReason %+v, Transition %+v; want none", i.StateReason, i.Transition)
			}
		})
	}
}
