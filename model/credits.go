package model

import (
	"fmt"
	"strings"
)

// CPU credits of burstable performance instances. A T2, T3, T3a or T4g
// instance earns CPU credits and spends them above its baseline; its credit
// option says what happens when they run out: "standard" throttles it to the
// baseline, "unlimited" keeps it bursting and bills surplus credits. T3, T3a
// and T4g launch as unlimited by default, T2 as standard (AWS's "Unlimited
// mode for burstable performance instances",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-unlimited-mode.html).
// The simulator does not meter credits and keeps no per-instance option (a
// CreditSpecification given to RunInstances is not simulated): every
// instance has its family's default. Terraform reads the option after every
// launch of a burstable instance, which is why the action exists.

// The credit options.
const (
	CPUCreditsStandard  = "standard"
	CPUCreditsUnlimited = "unlimited"
)

// creditPages are DescribeInstanceCreditSpecifications' MaxResults bounds
// (5 to 1000, API reference).
var creditPages = pageBounds{5, 1000}

// defaultCPUCredits is an instance type's credit option at launch: unlimited
// for the T3, T3a and T4g families, standard for T2 and for every type that
// is not a burstable performance instance (asked by ID, EC2 answers those
// standard: the DescribeInstanceCreditSpecifications reference).
func defaultCPUCredits(instanceType string) string {
	switch family, _, _ := strings.Cut(instanceType, "."); family {
	case "t3", "t3a", "t4g":
		return CPUCreditsUnlimited
	}
	return CPUCreditsStandard
}

// DescribeInstanceCreditSpecificationsInput is the
// DescribeInstanceCreditSpecifications request.
type DescribeInstanceCreditSpecificationsInput struct {
	InstanceIds []string `yaml:"InstanceIds" json:"InstanceIds,omitempty"`
	Filters     []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults  int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken   string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// InstanceCreditSpecification is one instance's credit option.
type InstanceCreditSpecification struct {
	InstanceId string
	CpuCredits string // standard or unlimited
	seq        int64
}

// DescribeInstanceCreditSpecificationsOutput lists credit options;
// NextToken is set when more pages follow.
type DescribeInstanceCreditSpecificationsOutput struct {
	InstanceCreditSpecifications []InstanceCreditSpecification
	NextToken                    string
}

// DescribeInstanceCreditSpecifications answers the credit option of the
// caller's instances. By ID it answers every instance asked for; without IDs
// it lists only the instances whose option is unlimited, as AWS does.
// MaxResults cannot be combined with IDs.
func (w *World) DescribeInstanceCreditSpecifications(c Caller, in DescribeInstanceCreditSpecificationsInput) (out DescribeInstanceCreditSpecificationsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, s := range out.InstanceCreditSpecifications {
			items = append(items, fmt.Sprintf("%s %s", s.InstanceId, s.CpuCredits))
		}
		w.apiDone("DescribeInstanceCreditSpecifications", c, "", err, listed(len(items), "instance", items))
	}()
	if err != nil {
		return out, err
	}
	if err := pageOrIDs(in.InstanceIds, in.MaxResults, "instanceId"); err != nil {
		return out, err
	}
	var all []InstanceCreditSpecification
	if len(in.InstanceIds) > 0 {
		insts, err := w.instancesFor(c, in.InstanceIds)
		if err != nil {
			return out, err
		}
		for _, i := range insts {
			all = append(all, InstanceCreditSpecification{i.ID, defaultCPUCredits(i.Type), i.seq})
		}
	} else {
		for _, i := range w.sortedInstances() {
			if i.Owner == c.Account && i.Region == c.Region && defaultCPUCredits(i.Type) == CPUCreditsUnlimited {
				all = append(all, InstanceCreditSpecification{i.ID, CPUCreditsUnlimited, i.seq})
			}
		}
	}
	all, err = applyFilters(all, in.Filters, filterFields[InstanceCreditSpecification]{
		"instance-id": func(s InstanceCreditSpecification) []string { return one(s.InstanceId) },
	}, nil)
	if err != nil {
		return out, err
	}
	out.InstanceCreditSpecifications, out.NextToken, err = paginate(all,
		func(s InstanceCreditSpecification) int64 { return s.seq }, creditPages, in.MaxResults, in.NextToken)
	return out, err
}
