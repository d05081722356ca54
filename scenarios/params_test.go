package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// TestADryRunStepRunsOnACloneForEveryMutatingAction: a step's params may
// say DryRun: true for every mutating EC2 action, whether or not its request
// type has the field, as the wire allows (API reference, "Common query
// parameters", DryRun:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html).
// The call is answered as model.World.DryRun answers it: here a launch that
// would succeed is DryRunOperation and creates nothing, one of an unknown
// AMI is the real error, and no step of the lot changes the world.
func TestADryRunStepRunsOnACloneForEveryMutatingAction(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: dry\nsteps:\n")
	b.WriteString("  - {at: 0s, action: RunInstances, params: {ImageId: al2023, InstanceType: t3.micro, DryRun: true}, expect_error: DryRunOperation}\n")
	b.WriteString("  - {at: 0s, action: RunInstances, params: {ImageId: ami-0123456789abcdef0, InstanceType: t3.micro, DryRun: true}, expect_error: InvalidAMIID.NotFound}\n")
	n := 0
	for _, a := range model.Actions() {
		if a.Kind == model.KindEC2 && !a.ReadOnly() {
			fmt.Fprintf(&b, "  - {at: 1s, action: %s, params: {DryRun: true}}\n", a.Name)
			n++
		}
	}
	sc, diags := Parse("dry.yaml", []byte(b.String()))
	if sc == nil || diags.Errors() > 0 {
		t.Fatalf("a DryRun step must parse for every mutating action:\n%s", diags.Error())
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	before := r.World.Resources()
	r.RunToEnd()
	for _, e := range r.Expectations {
		if !e.OK() {
			t.Errorf("%s: got %q (%s), want %s", e.Step.Action.Name, e.Got, e.Msg, e.Want)
		}
	}
	if len(r.Expectations) != 2 {
		t.Errorf("%d expectations, want 2", len(r.Expectations))
	}
	if got := r.World.Resources(); got != before || len(r.World.Instances()) != 0 {
		t.Errorf("the dry runs changed the world: %d resources, was %d; %d instances", got, before, len(r.World.Instances()))
	}
	// Every step without an expectation is a call answered with an error
	// (a dry run never succeeds), logged as such.
	if len(r.Failed) != n {
		t.Errorf("%d steps failed, want every one of the %d dry runs without an expectation", len(r.Failed), n)
	}
	for _, f := range r.Failed {
		if f.Error == "" || f.Kind != RecordKind(model.TraceAPI) {
			t.Errorf("failed step's record %+v is not an API call with an error", f)
		}
	}
}

// TestDryRunMustBeABoolean: DryRun is true or false, and a dry run creates
// nothing a step could name.
func TestDryRunMustBeABoolean(t *testing.T) {
	for _, c := range []struct{ params, name, want string }{
		{"{ImageId: al2023, DryRun: maybe}", "", "DryRun must be true or false"},
		{"{ImageId: al2023, DryRun: true}", "web", "creates nothing to name"},
	} {
		src := "name: dry\nsteps:\n  - at: 0s\n    action: RunInstances\n"
		if c.name != "" {
			src += "    name: " + c.name + "\n"
		}
		src += "    params: " + c.params + "\n"
		_, diags := Parse("dry.yaml", []byte(src))
		if !strings.Contains(diags.Error(), c.want) {
			t.Errorf("%s: diagnostics %q, want %q", c.params, diags.Error(), c.want)
		}
	}
}
