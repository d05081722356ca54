package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func labInt(n int) *int { return &n }

// labGroup makes a template, a target group and a group of desired
// instances over us-east-1a and us-east-1b with the given health check type.
func labGroup(l *lab, desired int, healthCheck string) {
	l.t.Helper()
	lt, err := l.w.CreateLaunchTemplate(asStudent, model.CreateLaunchTemplateInput{LaunchTemplateName: "web",
		LaunchTemplateData: model.LaunchTemplateData{ImageId: "al2023", InstanceType: "t3.micro"}})
	l.ok(err)
	tg, err := l.w.CreateTargetGroup(asStudent, model.CreateTargetGroupInput{Name: "web-tg", HealthyThresholdCount: 2})
	l.ok(err)
	l.w.Name("web-tg", tg.Created()...)
	_, err = l.w.CreateAutoScalingGroup(asStudent, model.AutoScalingGroupInput{AutoScalingGroupName: "web",
		LaunchTemplate: &model.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId},
		MinSize:        labInt(1), MaxSize: labInt(10), DesiredCapacity: labInt(desired), AvailabilityZones: []string{"us-east-1a", "us-east-1b"},
		HealthCheckType: healthCheck, HealthCheckGracePeriod: labInt(60), TargetGroupARNs: []string{"web-tg"}})
	l.ok(err)
}

func labASG(l *lab) model.AutoScalingGroup {
	g, ok := l.w.AutoScalingGroup("web")
	if !ok {
		l.t.Fatal("no group web")
	}
	return g
}

// A group launches its desired capacity evenly over its zones, and each
// member goes Pending → InService once its instance runs (EC2 Auto Scaling
// UG, ec2-auto-scaling-lifecycle.html, auto-scaling-benefits.html).
func TestAutoScalingGroupSpreadsItsDesiredCapacityOverZones(t *testing.T) {
	l := newLab(t, labConfig(2))
	labGroup(l, 4, model.HealthCheckEC2)
	if g := labASG(l); g.Count(model.LifecyclePending) != 4 {
		t.Fatalf("at once: %d pending, want 4", g.Count(model.LifecyclePending))
	}
	l.runFor(5 * sim.Minute)
	g := labASG(l)
	zones := map[string]int{}
	for _, m := range g.Instances {
		zones[m.AvailabilityZone]++
	}
	if g.Count(model.LifecycleInService) != 4 || zones["us-east-1a"] != 2 || zones["us-east-1b"] != 2 {
		t.Errorf("in service %d, zones %v; want 4, two in each", g.Count(model.LifecycleInService), zones)
	}
}

// With EC2 health checks a hung application is not replaced; with ELB
// health checks it is, once the target is unhealthy and the grace period
// has passed (UG, health-checks-overview.html, health-check-grace-period.html).
func TestELBHealthChecksReplaceAHungInstanceAndEC2ChecksDoNot(t *testing.T) {
	for _, tc := range []struct {
		typ  string
		want int
	}{{model.HealthCheckEC2, 0}, {model.HealthCheckELB, 1}} {
		t.Run(tc.typ, func(t *testing.T) {
			l := newLab(t, labConfig(3))
			labGroup(l, 2, tc.typ)
			l.runFor(10 * sim.Minute)
			l.ok(l.w.ApplicationFailure(asStudent, model.ApplicationFailureInput{AutoScalingGroupName: "web"}))
			l.runFor(10 * sim.Minute)
			g := labASG(l)
			if g.Replaced != tc.want || g.Count(model.LifecycleInService) != 2 {
				t.Errorf("replaced %d, in service %d; want %d and 2", g.Replaced, g.Count(model.LifecycleInService), tc.want)
			}
			tg, _ := l.w.TargetGroup("web-tg")
			if wantUnhealthy := 1 - tc.want; tg.Count(model.TargetUnhealthy) != wantUnhealthy {
				t.Errorf("%d unhealthy targets, want %d", tg.Count(model.TargetUnhealthy), wantUnhealthy)
			}
		})
	}
}

// Target tracking scales out to ceil(load / target) after 3 minutes above
// and in after 15 below (UG, as-scaling-target-tracking.html).
func TestTargetTrackingFollowsTheRequestRate(t *testing.T) {
	l := newLab(t, labConfig(4))
	labGroup(l, 1, model.HealthCheckEC2)
	_, err := l.w.PutScalingPolicy(asStudent, model.PutScalingPolicyInput{AutoScalingGroupName: "web", PolicyName: "p", PolicyType: "TargetTrackingScaling",
		TargetTrackingConfiguration: &model.TargetTrackingConfiguration{TargetValue: 1000,
			PredefinedMetricSpecification: &model.PredefinedMetricSpecification{PredefinedMetricType: "ALBRequestCountPerTarget"}}})
	l.ok(err)
	_, err = l.w.SetRequestRate(asStudent, model.SetRequestRateInput{TargetGroupArn: "web-tg", RequestsPerMinute: 4500})
	l.ok(err)
	l.runFor(2*sim.Minute + 30*sim.Second)
	if d := labASG(l).DesiredCapacity; d != 1 {
		t.Errorf("after 2 minutes above the target desired is %d; want 1 (the alarm needs 3 data points)", d)
	}
	l.runFor(2 * sim.Minute)
	if d := labASG(l).DesiredCapacity; d != 5 {
		t.Errorf("after 3 minutes above: desired %d, want ceil(4500/1000) = 5", d)
	}
	_, err = l.w.SetRequestRate(asStudent, model.SetRequestRateInput{TargetGroupArn: "web-tg", RequestsPerMinute: 1500})
	l.ok(err)
	l.runFor(10 * sim.Minute)
	if d := labASG(l).DesiredCapacity; d != 5 {
		t.Errorf("10 minutes below: desired %d, want still 5 (scale-in needs 15)", d)
	}
	l.runFor(10 * sim.Minute)
	if d := labASG(l).DesiredCapacity; d != 2 {
		t.Errorf("20 minutes below: desired %d, want ceil(1500/1000) = 2", d)
	}
}

// Auto Scaling's errors: desired outside min..max, an unknown group, a
// group with instances deleted without ForceDelete.
func TestAutoScalingErrors(t *testing.T) {
	l := newLab(t, labConfig(5))
	labGroup(l, 2, model.HealthCheckEC2)
	_, err := l.w.SetDesiredCapacity(asStudent, model.SetDesiredCapacityInput{AutoScalingGroupName: "web", DesiredCapacity: 11})
	l.code(err, model.ValidationError)
	_, err = l.w.SetDesiredCapacity(asStudent, model.SetDesiredCapacityInput{AutoScalingGroupName: "nope", DesiredCapacity: 1})
	l.code(err, model.ValidationError)
	_, err = l.w.DeleteAutoScalingGroup(asStudent, model.DeleteAutoScalingGroupInput{AutoScalingGroupName: "web"})
	l.code(err, model.ResourceInUse)
	_, err = l.w.CreateAutoScalingGroup(asStudent, model.AutoScalingGroupInput{AutoScalingGroupName: "web", MinSize: labInt(0), MaxSize: labInt(1),
		LaunchTemplate: &model.LaunchTemplateSpecification{LaunchTemplateName: "web"}, AvailabilityZones: []string{"us-east-1a"}})
	l.code(err, model.AlreadyExists)
	_, err = l.w.CreateTargetGroup(asStudent, model.CreateTargetGroupInput{Name: "web-tg"})
	l.code(err, model.DuplicateTargetGroupName)
	_, err = l.w.RegisterTargets(asStudent, model.TargetsInput{TargetGroupArn: "arn:nope", Targets: []model.TargetDescription{{Id: labUnknownInstance}}})
	l.code(err, model.TargetGroupNotFound)
	_, err = l.w.RegisterTargets(asStudent, model.TargetsInput{TargetGroupArn: "web-tg", Targets: []model.TargetDescription{{Id: labUnknownInstance}}})
	l.code(err, model.InvalidTarget)
}

// A scheduled action with a recurrence runs at each match, in UTC (UG,
// ec2-auto-scaling-scheduled-scaling.html). The lab starts at 09:00 UTC.
func TestScheduledActionRunsOnItsRecurrence(t *testing.T) {
	l := newLab(t, labConfig(6))
	labGroup(l, 1, model.HealthCheckEC2)
	_, err := l.w.PutScheduledUpdateGroupAction(asStudent, model.PutScheduledUpdateGroupActionInput{AutoScalingGroupName: "web",
		ScheduledActionName: "ten", Recurrence: "0 10 * * *", DesiredCapacity: labInt(3)})
	l.ok(err)
	l.runUntil(59 * sim.Minute)
	if d := labASG(l).DesiredCapacity; d != 1 {
		t.Errorf("09:59: desired %d, want 1", d)
	}
	l.runUntil(60*sim.Minute + sim.Second)
	if d := labASG(l).DesiredCapacity; d != 3 {
		t.Errorf("10:00: desired %d, want 3", d)
	}
}

// A group's members carry the template's tags, the volumes' included, and
// the group's own beside them, the group's winning on a shared key; the
// group picks the zone but the template's tenancy stands (EC2 Auto Scaling
// UG, autoscaling-tagging.html: S99).
func TestGroupMembersKeepTheTemplatesTagsAndPlacement(t *testing.T) {
	l := newLab(t, labConfig(2))
	lt, err := l.w.CreateLaunchTemplate(asStudent, model.CreateLaunchTemplateInput{LaunchTemplateName: "web",
		LaunchTemplateData: model.LaunchTemplateData{ImageId: "al2023", InstanceType: "t3.micro",
			Placement: &model.Placement{AvailabilityZone: "us-east-1c", Tenancy: model.TenancyDedicated},
			TagSpecifications: []model.TagSpecification{
				{ResourceType: "instance", Tags: []model.Tag{{Key: "app", Value: "shop"}, {Key: "team", Value: "template"}}},
				{ResourceType: "volume", Tags: []model.Tag{{Key: "backup", Value: "daily"}}},
			}}})
	l.ok(err)
	_, err = l.w.CreateAutoScalingGroup(asStudent, model.AutoScalingGroupInput{AutoScalingGroupName: "web",
		LaunchTemplate: &model.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId},
		MinSize:        labInt(1), MaxSize: labInt(2), DesiredCapacity: labInt(1), AvailabilityZones: []string{"us-east-1a"},
		Tags: []model.Tag{{Key: "team", Value: "group"}}})
	l.ok(err)
	l.runFor(5 * sim.Minute)
	g := labASG(l)
	if len(g.Instances) != 1 {
		t.Fatalf("%d members, want 1", len(g.Instances))
	}
	inst, ok := l.w.Instance(g.Instances[0].InstanceId)
	if !ok {
		t.Fatal("the member's instance is gone")
	}
	for k, want := range map[string]string{"app": "shop", "team": "group", "aws:autoscaling:groupName": "web"} {
		if got := inst.Tags.Get(k); got != want {
			t.Errorf("instance tag %s = %q, want %q", k, got, want)
		}
	}
	if inst.AZ != "us-east-1a" || inst.Tenancy != model.TenancyDedicated {
		t.Errorf("placed in %s with tenancy %q, want us-east-1a and %q", inst.AZ, inst.Tenancy, model.TenancyDedicated)
	}
	v, ok := l.w.Volume(inst.BlockDevices[0].VolumeID)
	if !ok || v.Tags.Get("backup") != "daily" {
		t.Errorf("root volume tags %v, want backup=daily from the template", v.Tags)
	}
}
