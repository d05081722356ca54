package model_test

import (
	"slices"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

func TestReadyStatesAreWhereEachKindBecomesUsable(t *testing.T) {
	cases := []struct {
		kind string
		want []string
	}{
		{"instance", []string{string(model.Running)}},
		{"image", []string{model.ImageAvailable}},
		{"snapshot", []string{model.SnapshotCompleted}},
		{"volume", []string{model.VolumeAvailable, model.VolumeInUseState}}, // a launch creates its volumes in-use
		{"security group", nil},
		{"key pair", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := model.ReadyStates(c.kind); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("model.ReadyStates(%q) = %q, want %q", c.kind, got, c.want)
		}
	}
	model.ReadyStates("volume")[0] = "deleted"
	if got := model.ReadyStates("volume"); got[0] != model.VolumeAvailable {
		t.Errorf("a caller's change reached the table: %q", got)
	}
}
