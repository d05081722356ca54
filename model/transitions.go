package model

// The transitional states: a resource in one of them moves on by itself,
// with no further call, once its timer fires. Instances go pending →
// running, stopping → stopped, shutting-down → terminated ("Amazon EC2
// instance state changes",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html);
// an AMI is pending until available, a snapshot pending until completed, a
// volume creating or deleting, and its attachment attaching or detaching
// (the DescribeImages, DescribeSnapshots and DescribeVolumes references list
// the states). A driver that fast-forwards through transitions (`ec2sim
// serve --clock settle`) asks Settling before each request.

// Settling reports whether any resource is in a transitional state. It
// reads the resource maps without sorting them: the answer is one bool, so
// map order cannot leak, and it costs no allocation per call however large
// the world is.
func (w *World) Settling() bool {
	for _, i := range w.instances {
		switch i.State {
		case Pending, Stopping, ShuttingDown:
			return true
		}
	}
	for _, im := range w.images {
		if !im.Gone && im.State == ImagePending {
			return true
		}
	}
	for _, s := range w.snapshots {
		if s.State == SnapshotPending {
			return true
		}
	}
	for _, v := range w.volumes {
		switch {
		case v.State == VolumeCreating, v.State == VolumeDeleting,
			v.AttachState == Attaching, v.AttachState == Detaching:
			return true
		}
	}
	return false
}
