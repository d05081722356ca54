package scenarios

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func tutorial(t *testing.T) (*Scenario, []byte) {
	t.Helper()
	sc, err := BuiltinNamed("console-tutorial")
	if err != nil {
		t.Fatal(err)
	}
	src, ok := BuiltinSource(sc)
	if !ok {
		t.Fatal("no source")
	}
	return sc, src
}

func TestSteppingBackIsExact(t *testing.T) {
	sc, src := tutorial(t)
	s, err := NewSession(sc, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	var snapshots []string
	var times []sim.Time
	for s.Step() {
		snapshots = append(snapshots, s.Run().World.Bill().Total.String()+"|"+stateLine(s.Run()))
		times = append(times, s.Now())
	}
	for i := len(snapshots) - 2; i >= 0; i-- {
		if err := s.Back(); err != nil {
			t.Fatal(err)
		}
		got := s.Run().World.Bill().Total.String() + "|" + stateLine(s.Run())
		if got != snapshots[i] || s.Now() != times[i] {
			t.Fatalf("back to step %d: %s at %s, want %s at %s", i+1, got, s.Now(), snapshots[i], times[i])
		}
	}
}

func stateLine(r *Run) string {
	out := ""
	for _, i := range r.World.Instances() {
		out += i.ID + "=" + string(i.State) + ";"
	}
	for _, im := range r.World.Images() {
		out += im.ID + "=" + im.State + ";"
	}
	return out
}

func TestAdvanceStopsAtAQuiz(t *testing.T) {
	sc, src := tutorial(t)
	s, _ := NewSession(sc, src, nil)
	stop, err := s.AdvanceTo(sim.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if stop.Quiz == nil || stop.Quiz.Quiz.ID != "wizard-to-api" || s.Now() != 10*sim.Minute {
		t.Fatalf("stopped at %s with %+v", s.Now(), stop)
	}
}

func TestSandboxExportReplaysToTheSameEndStateAndBill(t *testing.T) {
	sc, src := tutorial(t)
	s, _ := NewSession(sc, src, nil)
	s.AdvanceTo(2 * sim.Minute)
	if _, err := s.Act(Command{Action: "StopInstances", Params: map[string]any{"InstanceIds": []string{"web"}}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(4*sim.Minute + 123)
	if _, err := s.Act(Command{Action: "StartInstances", Params: map[string]any{"InstanceIds": []string{"web"}}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(20 * sim.Minute)
	if _, err := s.Act(Command{Action: "RunInstances", Name: "extra", Params: map[string]any{"ImageId": "al2023", "InstanceType": "t3.micro"}}); err != nil {
		t.Fatal(err)
	}
	s.ToEnd()
	s.AdvanceTo(2 * sim.Hour) // free play after the end
	if _, err := s.Act(Command{Action: "TerminateInstances", Params: map[string]any{"InstanceIds": []string{"extra"}}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(3 * sim.Hour)
	live := s.Run()

	out, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	sc2, diags := Parse("exported.yaml", out)
	if sc2 == nil {
		t.Fatalf("export does not parse: %v\n%s", diags, out)
	}
	s2, err := NewSession(sc2, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for s2.Now() < 3*sim.Hour {
		if _, err := s2.AdvanceTo(3 * sim.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := stateLine(live), stateLine(s2.Run()); a != b {
		t.Errorf("end state differs:\nlive   %s\nreplay %s", a, b)
	}
	if a, b := live.World.Bill().Total, s2.Run().World.Bill().Total; a != b {
		t.Errorf("bill differs: live %s, replay %s", a, b)
	}
	if live.Records.Len() != s2.Run().Records.Len() {
		t.Errorf("%d records live, %d replayed", live.Records.Len(), s2.Run().Records.Len())
	}
}

// A call that fails in the sandbox (a bad zone, an unknown type, a stop
// of the wrong instance) is exported with the code it got, so the export
// replays to the same state and grades with nothing failing.
func TestAnExportWithFailedCallsReplaysAndGradesCleanly(t *testing.T) {
	sc, src := tutorial(t)
	s, _ := NewSession(sc, src, nil)
	s.AdvanceTo(2 * sim.Minute)
	for _, c := range []Command{
		{Action: "RunInstances", Params: map[string]any{"ImageId": "al2023", "InstanceType": "t3.micro", "Placement": map[string]any{"AvailabilityZone": "us-east-1z"}}},
		{Action: "RunInstances", Params: map[string]any{"ImageId": "al2023", "InstanceType": "t9.huge"}},
		{Action: "StopInstances", Params: map[string]any{"InstanceIds": []string{"i-0123456789abcdef0"}}},
	} {
		res, err := s.Act(c)
		if err != nil {
			t.Fatal(err)
		}
		if res.Err == nil {
			t.Fatalf("%v succeeded; the test needs a failing call", c)
		}
	}
	s.ToEnd()
	out, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	sc2, diags := Parse("exported.yaml", out)
	if sc2 == nil {
		t.Fatalf("export does not parse: %v\n%s", diags, out)
	}
	r, err := sc2.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	if n := r.Failures(); n != 0 {
		t.Errorf("the export fails %d time(s) on replay:\n%s", n, out)
	}
	if a, b := stateLine(s.Run()), stateLine(r); a != b {
		t.Errorf("end state differs:\nlive   %s\nreplay %s", a, b)
	}
}

// The step that reaches a scenario's end is a step: the view moves to the
// end time (where `ec2sim run` ends) and Back undoes it.
func TestTheEndStepMovesTheViewToTheEnd(t *testing.T) {
	sc, err := BuiltinNamed("billing")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(sc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.ToEnd()
	if !s.Run().Ended() || s.Now() != sc.End {
		t.Fatalf("after ToEnd: ended %v at %s, the scenario ends at %s", s.Run().Ended(), s.Now(), sc.End)
	}
	if s.Step() {
		t.Error("a step after the end reported that something happened")
	}
	if err := s.Back(); err != nil {
		t.Fatal(err)
	}
	if s.Run().Ended() || s.Now() >= sc.End {
		t.Errorf("Back from the end: ended %v at %s", s.Run().Ended(), s.Now())
	}
}

// A sandbox command whose parameters do not fit its action says so in one
// readable line, as the loader says it of a step: never yaml.v3's text.
func TestSandboxParameterErrorsAreReadable(t *testing.T) {
	sc := cleanupScenario(t)
	for _, tc := range []struct{ line, want string }{
		{"StopInstances InstanceIds=web Bogus=1", "StopInstances: has no parameter Bogus (it takes InstanceIds, Hibernate, Force, DryRun)"},
		{"StopInstances InstanceIds=[web] Force=maybe", `StopInstances: "maybe" should be true or false`},
	} {
		s, err := NewSession(sc, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.ToEnd()
		c, err := ParseCommand(tc.line)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Act(c)
		if err == nil || err.Error() != tc.want || strings.Contains(err.Error(), "yaml") {
			t.Errorf("%s: %v, want %s", tc.line, err, tc.want)
		}
	}
	// One name where the API takes a list is a list of one, as in a file.
	s, _ := NewSession(sc, nil, nil)
	s.ToEnd()
	c, _ := ParseCommand("StopInstances InstanceIds=web")
	if res, err := s.Act(c); err != nil || res.Err != nil {
		t.Errorf("InstanceIds=web: %v %v", err, res.Err)
	}
}

// Completions offer nothing that is gone: a terminated instance, a deleted
// volume.
func TestCompletionsSkipWhatIsGone(t *testing.T) {
	s, err := NewSession(cleanupScenario(t), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.ToEnd()
	for _, line := range []string{"terminate old-build", "delete-volume orphan-logs"} {
		c, _ := ParseCommand(line)
		if _, err := s.Act(c); err != nil {
			t.Fatal(err)
		}
	}
	s.AdvanceTo(s.Now() + sim.Hour)
	comp := s.Completions()
	for _, gone := range []string{"stop old-build", "delete-volume orphan-logs"} {
		if slices.Contains(comp, gone) {
			t.Errorf("completions offer %q", gone)
		}
	}
	if !slices.Contains(comp, "stop web") || !slices.Contains(comp, "delete-volume orphan-scratch") {
		t.Errorf("completions lost what is still there: %v", comp[:min(10, len(comp))])
	}
}

func cleanupScenario(t *testing.T) *Scenario {
	t.Helper()
	sc, _ := cleanupLab(t)
	return sc
}

// TestASandboxDryRunIsExportedAndReplaysAsOne: a sandbox command with
// DryRun=true is answered DryRunOperation (here, a volume that could be
// created), creates nothing, and is exported with that code, so the replay
// makes the same dry run and grades cleanly (API reference, "Common query
// parameters", DryRun). A dry run cannot be given a name.
func TestASandboxDryRunIsExportedAndReplaysAsOne(t *testing.T) {
	sc, src := tutorial(t)
	s, _ := NewSession(sc, src, nil)
	s.AdvanceTo(2 * sim.Minute)
	volumes := len(s.Run().World.Volumes())
	res, err := s.Act(Command{Action: "CreateVolume", Params: map[string]any{"AvailabilityZone": "us-east-1a", "Size": 8, "DryRun": true}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Err == nil || res.Err.Code != model.DryRunOperation || len(s.Run().World.Volumes()) != volumes {
		t.Fatalf("dry run answered %v with %d volumes (was %d), want DryRunOperation and none created", res.Err, len(s.Run().World.Volumes()), volumes)
	}
	if _, err := s.Act(Command{Action: "CreateVolume", Name: "data", Params: map[string]any{"AvailabilityZone": "us-east-1a", "Size": 8, "DryRun": true}}); err == nil {
		t.Error("a named dry run was accepted")
	}
	s.ToEnd()
	out, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	sc2, diags := Parse("exported.yaml", out)
	if sc2 == nil {
		t.Fatalf("export does not parse: %v\n%s", diags, out)
	}
	r, err := sc2.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	if n := r.Failures(); n != 0 {
		t.Errorf("the export fails %d time(s) on replay:\n%s", n, out)
	}
	found := false
	for _, e := range r.Expectations {
		found = found || e.Want == model.DryRunOperation && e.OK()
	}
	if !found {
		t.Errorf("the replay made no dry run answered DryRunOperation:\n%s", out)
	}
	if a, b := stateLine(s.Run()), stateLine(r); a != b {
		t.Errorf("end state differs:\nlive   %s\nreplay %s", a, b)
	}
}

// Thinning the checkpoints keeps every other one and lets go of the rest:
// nothing in the array past the kept ones still holds a run.
func TestThinLetsGoOfTheDroppedCheckpoints(t *testing.T) {
	cps := make([]checkpoint, 7)
	for i := range cps {
		cps[i] = checkpoint{fired: i * 10, records: i, run: &Run{}}
	}
	kept := thin(cps)
	if len(kept) != 4 {
		t.Fatalf("kept %d of 7", len(kept))
	}
	for i, c := range kept {
		if c.fired != i*20 || c.run == nil {
			t.Errorf("kept[%d] fired %d, want %d", i, c.fired, i*20)
		}
	}
	for i, c := range cps[len(kept):] {
		if c.run != nil {
			t.Errorf("the array still holds a run at %d, past the %d kept", len(kept)+i, len(kept))
		}
	}
}

// A checkpoint's cost, which the budget counts, is what the checkpoint
// holds: letting go of them all frees about the sum of their costs.
func TestCheckpointsCostWhatTheyHold(t *testing.T) {
	_, s := playedSmallFleet(t)
	counted := float64(s.checkpointBytes())
	before := liveHeap()
	s.checkpoints = nil
	freed := float64(before - liveHeap())
	runtime.KeepAlive(s)
	if freed < 0.8*counted || freed > 1.25*counted {
		t.Errorf("the checkpoints were counted as %.1f MB; letting go of them freed %.1f MB", counted/1e6, freed/1e6)
	}
}

// liveHeap is the bytes of live heap objects after a collection.
func liveHeap() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

const waitingLab = `name: waiting
title: a step that waits on what the student does
steps:
  - name: builder
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - when: builder.http_tokens == "required"
    timeout: 1h
    action: CreateTags
    params: {Resources: [builder], Tags: [{Key: seen, Value: "yes"}]}
`

// A step waiting on something the student's action changes, where the
// action starts no transition and so fires no event, runs at once: the
// live session and the export's replay both check the condition after
// the action, not only at the next event (or at the step's timeout).
// A sandbox action's text stays as typed: placeholders are a step's.
func TestAStepWaitingOnTheStudentRunsRightAfterTheirAction(t *testing.T) {
	sc, diags := Parse("waiting.yaml", []byte(waitingLab))
	if sc == nil {
		t.Fatal(diags)
	}
	s, _ := NewSession(sc, []byte(waitingLab), nil)
	s.AdvanceTo(5 * sim.Minute)
	for _, c := range []Command{
		{Action: "ModifyInstanceMetadataOptions", Params: map[string]any{"InstanceId": "builder", "HttpTokens": "required"}},
		{Action: "CreateTags", Params: map[string]any{"Resources": []string{"builder"}, "Tags": []map[string]any{{"Key": "typed", "Value": "{run}-{date}"}}}},
	} {
		if res, err := s.Act(c); err != nil || res.Err != nil {
			t.Fatalf("%s: %v %v", c.Action, err, res.Err)
		}
	}
	at := s.Now()
	if _, err := s.AdvanceTo(at); err != nil { // what is due now fires; time does not move
		t.Fatal(err)
	}
	if s.Now() != at {
		t.Fatalf("the clock moved from %s to %s", at, s.Now())
	}
	tags := func(r *Run) model.Tags {
		inst, _ := r.World.Instance(r.World.Lookup("builder")[0])
		return inst.Tags
	}
	if v := tags(s.Run()).Get("seen"); v != "yes" {
		t.Errorf("the waiting step did not run right after the action: tags %v", tags(s.Run()))
	}
	if v := tags(s.Run()).Get("typed"); v != "{run}-{date}" {
		t.Errorf("the student's tag value became %q, want it as typed", v)
	}
	out, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyExport(out); err != nil {
		t.Errorf("the export replays differently: %v", err)
	}
	sc2, _ := Parse("export.yaml", out)
	r, _ := sc2.NewRun(nil)
	r.RunToEnd()
	if len(r.TimedOut) > 0 {
		t.Errorf("on replay the waiting step timed out: %v", r.TimedOut[0].Pos)
	}
}
