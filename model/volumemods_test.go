package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
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
