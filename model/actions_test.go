package model_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// labCall calls an action through the registry, as scenarios and a wire
// server do.
func (l *lab) labCall(c model.Caller, name string, in any) (any, error) {
	l.t.Helper()
	a, ok := model.LookupAction(name)
	if !ok {
		l.t.Fatalf("no action %s", name)
	}
	return l.w.Call(c, a, in)
}

func TestCallAnswersWithTheTypedOutput(t *testing.T) {
	t.Run("RunInstances answers with the instances it launched, and they are what it created", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		in := labRun("al2023", "t3.micro")
		in.MinCount, in.MaxCount = 2, 2
		out, err := l.labCall(asStudent, "RunInstances", &in)
		l.ok(err)
		run, ok := out.(model.InstancesOutput)
		if !ok {
			t.Fatalf("output is %T, want model.InstancesOutput", out)
		}
		if len(run.Instances) != 2 {
			t.Fatalf("%d instances in the output, want 2", len(run.Instances))
		}
		created := model.Created(out)
		if !slices.Equal(created, run.Created()) || len(created) != 2 {
			t.Errorf("Created = %v, want the output's instances %v", created, run.Created())
		}
		for _, id := range created {
			l.inst(id) // exists
		}
	})
	t.Run("DescribeImages answers with the images and creates nothing", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		out, err := l.labCall(asStudent, "DescribeImages", &model.DescribeImagesInput{})
		l.ok(err)
		if _, ok := out.(model.DescribeImagesOutput); !ok {
			t.Fatalf("output is %T, want model.DescribeImagesOutput", out)
		}
		if ids := model.Created(out); ids != nil {
			t.Errorf("Created = %v, want nil", ids)
		}
	})
	t.Run("a command answers with struct{}{}", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		id := l.running(asStudent, labRun("al2023", "t3.micro"))
		out, err := l.labCall(asStudent, "CreateTags", &model.CreateTagsInput{
			Resources: []string{id}, Tags: []model.Tag{{Key: "Name", Value: "web"}}})
		l.ok(err)
		if out != (struct{}{}) {
			t.Errorf("output is %#v, want struct{}{}", out)
		}
	})
	t.Run("a failed call answers with no output and a *model.Error", func(t *testing.T) {
		l := newLab(t, labConfig(1))
		out, err := l.labCall(asStudent, "StopInstances", &model.StopInstancesInput{InstanceIds: []string{labUnknownInstance}})
		var e *model.Error
		if !errors.As(err, &e) || e != err {
			t.Fatalf("error is %T (%v), want a *model.Error", err, err)
		}
		if e.Code != model.InvalidInstanceIDNotFound {
			t.Errorf("code %s, want %s", e.Code, model.InvalidInstanceIDNotFound)
		}
		if out != nil {
			t.Errorf("output is %#v, want nil", out)
		}
	})
}

// Whatever the request, a call either answers with an output and no error,
// or with no output and a *model.Error: never both, never neither, never
// another error type. Zero requests exercise every action's validation.
func TestEveryActionAnswersWithAnOutputOrAnAPIError(t *testing.T) {
	for _, a := range model.Actions() {
		t.Run(a.Name, func(t *testing.T) {
			l := newLab(t, labConfig(1))
			l.running(asStudent, labRun("al2023", "t3.micro"))
			out, err := l.w.Call(asStudent, a, a.NewInput())
			if err != nil {
				if _, ok := err.(*model.Error); !ok {
					t.Errorf("error is %T (%v), want a *model.Error", err, err)
				}
				if out != nil {
					t.Errorf("failed call answered with %#v too", out)
				}
			} else if out == nil {
				t.Errorf("successful call answered with no output")
			}
		})
	}
}
