package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

func group(l *lab, name, strategy string, partitions int) {
	l.t.Helper()
	_, err := l.w.CreatePlacementGroup(asStudent, model.CreatePlacementGroupInput{GroupName: name, Strategy: strategy, PartitionCount: partitions})
	l.ok(err)
}

func inGroup(name, az string, n int) model.RunInstancesInput {
	in := labRun("al2023", "c5.large")
	in.MinCount, in.MaxCount = n, n
	in.Placement = &model.Placement{GroupName: name, AvailabilityZone: az}
	return in
}

// TestSpreadGroupHoldsSevenPerZone: a rack spread group holds at most seven
// running instances per Availability Zone (S65); an eighth in the zone
// fails with InsufficientInstanceCapacity, another zone is fine.
func TestSpreadGroupHoldsSevenPerZone(t *testing.T) {
	l := newLab(t, labConfig(1))
	group(l, "web", model.StrategySpread, 0)
	l.launch(asStudent, inGroup("web", "us-east-1a", 7))
	_, err := l.w.RunInstances(asStudent, inGroup("web", "us-east-1a", 1))
	l.code(err, model.InsufficientInstanceCapacity)
	l.launch(asStudent, inGroup("web", "us-east-1b", 1))
}

// TestClusterGroupIsOneZone: a cluster group's instances share one zone; a
// launch that names another fails with InvalidPlacementGroup.InUse, as AWS
// answers, and one that names none goes to the group's zone (S65).
func TestClusterGroupIsOneZone(t *testing.T) {
	l := newLab(t, labConfig(1))
	group(l, "hpc", model.StrategyCluster, 0)
	l.launch(asStudent, inGroup("hpc", "us-east-1c", 2))
	_, err := l.w.RunInstances(asStudent, inGroup("hpc", "us-east-1a", 1))
	l.code(err, model.InvalidPlacementGroupInUse)
	id := l.launch(asStudent, inGroup("hpc", "", 1))[0]
	if az := l.inst(id).AZ; az != "us-east-1c" {
		t.Errorf("a launch without a zone went to %s, want the group's us-east-1c", az)
	}
}

// TestPartitionGroupRules: 1 to 7 partitions per zone; instances are dealt
// round-robin over the partitions unless a PartitionNumber is given (S65).
func TestPartitionGroupRules(t *testing.T) {
	l := newLab(t, labConfig(1))
	_, err := l.w.CreatePlacementGroup(asStudent, model.CreatePlacementGroupInput{GroupName: "big", Strategy: model.StrategyPartition, PartitionCount: 8})
	l.code(err, model.InvalidParameterValue)
	group(l, "kafka", model.StrategyPartition, 3)
	ids := l.launch(asStudent, inGroup("kafka", "us-east-1a", 4))
	var got []int
	for _, id := range ids {
		got = append(got, l.inst(id).PartitionNumber)
	}
	if want := []int{1, 2, 3, 1}; !equalInts(got, want) {
		t.Errorf("partitions %v, want %v", got, want)
	}
	in := inGroup("kafka", "us-east-1a", 1)
	in.Placement.PartitionNumber = 4
	_, err = l.w.RunInstances(asStudent, in)
	l.code(err, model.InvalidParameterValue)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPlacementGroupLifecycle: names are unique per Region, an unknown
// group is InvalidPlacementGroup.Unknown, and a group with instances that
// are not terminated cannot be deleted (S65).
func TestPlacementGroupLifecycle(t *testing.T) {
	l := newLab(t, labConfig(1))
	group(l, "g", model.StrategySpread, 0)
	_, err := l.w.CreatePlacementGroup(asStudent, model.CreatePlacementGroupInput{GroupName: "g", Strategy: model.StrategyCluster})
	l.code(err, model.InvalidPlacementGroupDuplicate)
	_, err = l.w.RunInstances(asStudent, inGroup("nope", "", 1))
	l.code(err, model.InvalidPlacementGroupUnknown)
	id := l.launch(asStudent, inGroup("g", "", 1))[0]
	l.code(l.w.DeletePlacementGroup(asStudent, model.PlacementGroupNameInput{GroupName: "g"}), model.InvalidPlacementGroupInUse)
	l.terminate(asStudent, id)
	l.waitState(id, model.Terminated)
	l.ok(l.w.DeletePlacementGroup(asStudent, model.PlacementGroupNameInput{GroupName: "g"}))
}

// TestSpotStopBehaviourCannotJoinAPlacementGroup (S65, "rules and
// limitations").
func TestSpotStopBehaviourCannotJoinAPlacementGroup(t *testing.T) {
	l := newLab(t, labConfig(1))
	group(l, "g", model.StrategyCluster, 0)
	in := inGroup("g", "", 1)
	in.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot", SpotOptions: &model.SpotOptions{SpotInstanceType: "persistent", InstanceInterruptionBehavior: "stop"}}
	_, err := l.w.RunInstances(asStudent, in)
	l.code(err, model.InvalidParameterCombination)
}

// TestMetadataOptions: launches default to HttpTokens optional; required
// can be set at launch or later without a reboot; values are checked (S66).
func TestMetadataOptions(t *testing.T) {
	l := newLab(t, labConfig(1))
	plain := l.launch(asStudent, labRun("al2023", "t3.micro"))[0]
	if i := l.inst(plain); i.MetadataHttpTokens != model.HttpTokensOptional || i.MetadataHttpEndpoint != model.EndpointEnabled || i.MetadataHopLimit != 1 {
		t.Errorf("defaults %q %q %d, want optional enabled 1", i.MetadataHttpTokens, i.MetadataHttpEndpoint, i.MetadataHopLimit)
	}
	in := labRun("al2023", "t3.micro")
	in.MetadataOptions = &model.InstanceMetadataOptionsRequest{HttpTokens: model.HttpTokensRequired}
	v2 := l.launch(asStudent, in)[0]
	if got := l.inst(v2).MetadataHttpTokens; got != model.HttpTokensRequired {
		t.Errorf("launch with HttpTokens required: %q", got)
	}
	_, err := l.w.ModifyInstanceMetadataOptions(asStudent, model.ModifyInstanceMetadataOptionsInput{InstanceId: plain, HttpTokens: model.HttpTokensRequired})
	l.ok(err)
	if got := l.inst(plain).MetadataHttpTokens; got != model.HttpTokensRequired {
		t.Errorf("after ModifyInstanceMetadataOptions: %q", got)
	}
	_, err = l.w.ModifyInstanceMetadataOptions(asStudent, model.ModifyInstanceMetadataOptionsInput{InstanceId: plain, HttpTokens: "v2"})
	l.code(err, model.InvalidParameterValue)
	in.MetadataOptions = &model.InstanceMetadataOptionsRequest{HttpPutResponseHopLimit: 65}
	_, err = l.w.RunInstances(asStudent, in)
	l.code(err, model.InvalidParameterValue)
}

// TestSpotNoticeIsVisible: the two-minute interruption notice is an
// instance attribute from the moment it is given, with the time the
// behaviour takes effect; a later start clears it.
func TestSpotNoticeIsVisible(t *testing.T) {
	l := newLab(t, labConfig(1))
	in := labRun("al2023", "m5.large")
	in.InstanceMarketOptions = &model.InstanceMarketOptions{MarketType: "spot", SpotOptions: &model.SpotOptions{SpotInstanceType: "persistent", InstanceInterruptionBehavior: "stop"}}
	id := l.running(asStudent, in)
	if l.inst(id).SpotNotice {
		t.Fatal("notice before any interruption")
	}
	l.ok(l.w.SpotInterruption(asStudent, model.InstanceFaultInput{InstanceId: id}))
	i := l.inst(id)
	if !i.SpotNotice || i.SpotActionAt != l.w.Now()+2*sim.Minute {
		t.Errorf("notice %t, action at %s; want true at now + 2m (%s)", i.SpotNotice, i.SpotActionAt, l.w.Now()+2*sim.Minute)
	}
	l.waitState(id, model.Stopped)
	// Only EC2 starts an interrupted persistent Spot instance again, when
	// capacity returns (S94); that start clears the notice.
	l.waitState(id, model.Running)
	if l.inst(id).SpotNotice {
		t.Error("the notice survived a start")
	}
}
