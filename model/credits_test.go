package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// A burstable instance's credit option is its family's launch default: T3,
// T3a and T4g unlimited, T2 standard; a type that does not burst answers
// standard when asked by ID, and only unlimited instances are listed without
// IDs ("Unlimited mode for burstable performance instances",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-unlimited-mode.html;
// the DescribeInstanceCreditSpecifications API reference).
func TestCPUCreditsAreTheFamilyDefault(t *testing.T) {
	l := newLab(t, labConfig(1))
	t3 := l.running(asStudent, labRun("al2023", "t3.micro"))
	t2 := l.running(asStudent, labRun("al2023", "t2.micro"))
	m5 := l.running(asStudent, labRun("al2023", "m5.large"))
	byID, err := l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{InstanceIds: []string{t3, t2, m5}})
	l.ok(err)
	want := map[string]string{t3: model.CPUCreditsUnlimited, t2: model.CPUCreditsStandard, m5: model.CPUCreditsStandard}
	if len(byID.InstanceCreditSpecifications) != 3 {
		t.Fatalf("by ID: %+v", byID.InstanceCreditSpecifications)
	}
	for _, s := range byID.InstanceCreditSpecifications {
		if want[s.InstanceId] != s.CpuCredits {
			t.Errorf("%s: %s, want %s", s.InstanceId, s.CpuCredits, want[s.InstanceId])
		}
	}
	all, err := l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{})
	l.ok(err)
	if len(all.InstanceCreditSpecifications) != 1 || all.InstanceCreditSpecifications[0].InstanceId != t3 {
		t.Errorf("without IDs: %+v, want only the t3 (unlimited)", all.InstanceCreditSpecifications)
	}
	none, err := l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{
		Filters: []model.Filter{{Name: "instance-id", Values: []string{t2}}}})
	l.ok(err)
	if len(none.InstanceCreditSpecifications) != 0 {
		t.Errorf("a t2 (standard) is listed without IDs: %+v", none.InstanceCreditSpecifications)
	}
	_, err = l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{InstanceIds: []string{t3}, MaxResults: 5})
	l.code(err, model.InvalidParameterCombination)
	_, err = l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{InstanceIds: []string{labUnknownInstance}})
	l.code(err, model.InvalidInstanceIDNotFound)
	_, err = l.w.DescribeInstanceCreditSpecifications(asStudent, model.DescribeInstanceCreditSpecificationsInput{Filters: []model.Filter{{Name: "cpu-credits", Values: []string{"x"}}}})
	l.code(err, model.InvalidParameterValue)
}
