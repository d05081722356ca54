package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// TestModifyVolumeGoesModifyingOptimizingCompleted: a modification is
// modifying, then optimizing, then completed; the volume has its new size
// from the start; a second one before completed is
// IncorrectModificationState; a volume never shrinks (EBS user guide,
// "Monitor the progress of volume modifications", "Modify a volume").
func TestModifyVolumeGoesModifyingOptimizingCompleted(t *testing.T) {
	l := newLab(t, labConfig(1))
	vol := l.createVolume(asStudent, "us-east-1a", 10)
	state := func() string {
		out, err := l.w.DescribeVolumesModifications(asStudent, model.DescribeVolumesModificationsInput{VolumeIds: []string{vol}})
		l.ok(err)
		return out.VolumesModifications[0].ModificationState
	}
	_, err := l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: 5})
	l.code(err, model.InvalidParameterValue)
	_, err = l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: 20, VolumeType: "gp2"})
	l.ok(err)
	if v := l.volume(vol); v.SizeGiB != 20 || v.Type != "gp2" || state() != model.ModModifying {
		t.Fatalf("after ModifyVolume: %d GiB %s, %s", v.SizeGiB, v.Type, state())
	}
	_, err = l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: 30})
	l.code(err, model.IncorrectModificationState)
	var seen []string
	l.waitFor("completed", func() bool {
		s := state()
		if len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		return s == model.ModCompleted
	})
	if len(seen) != 3 || seen[1] != model.ModOptimizing {
		t.Errorf("states %v, want modifying, optimizing, completed", seen)
	}
	_, err = l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: 30})
	l.ok(err)
}

// TestModifyVolumeAtMostFourTimesInARolling24Hours: a volume may be modified
// up to four times within a rolling 24-hour period, each once the one before
// it is completed; a fifth start inside the window is
// VolumeModificationRateExceeded, and the volume is unchanged. Once the
// oldest start is 24 hours old, one more may start (S98: API reference,
// ModifyVolume, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html).
func TestModifyVolumeAtMostFourTimesInARolling24Hours(t *testing.T) {
	l := newLab(t, labConfig(1))
	vol := l.createVolume(asStudent, "us-east-1a", 10)
	completed := func() bool {
		out, err := l.w.DescribeVolumesModifications(asStudent, model.DescribeVolumesModificationsInput{VolumeIds: []string{vol}})
		l.ok(err)
		return out.VolumesModifications[0].ModificationState == model.ModCompleted
	}
	first := l.w.Now()
	size := 10
	for i := range 4 {
		size += 10
		_, err := l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: size})
		if err != nil {
			t.Fatalf("modification %d of 4: %v", i+1, err)
		}
		l.waitFor("completed", completed)
	}
	if l.w.Now()-first >= 24*sim.Hour {
		t.Fatalf("four modifications took %s; the test needs them inside 24 hours", l.w.Now()-first)
	}
	_, err := l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: size + 10})
	l.code(err, model.VolumeModificationRateExceeded)
	if got := l.volume(vol).SizeGiB; got != size {
		t.Errorf("a refused modification changed the volume to %d GiB, want %d", got, size)
	}
	l.runUntil(first + 24*sim.Hour)
	if _, err := l.w.ModifyVolume(asStudent, model.ModifyVolumeInput{VolumeId: vol, Size: size + 10}); err != nil {
		t.Errorf("24 hours after the first modification: %v, want it accepted", err)
	}
}
