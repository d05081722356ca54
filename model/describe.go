package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// listed summarises a describe call's answer for the event log.
func listed(n int, what string, items []string) string {
	if n == 0 {
		return "no " + what + "s"
	}
	if len(items) > 5 {
		items = append(items[:5], fmt.Sprintf("and %d more", n-5))
	}
	return fmt.Sprintf("%d %s%s: %s", n, what, plural(n, "", "s"), strings.Join(items, ", "))
}

// Listing order is creation order, never map order, so every report is
// deterministic.

func sortedBySeq[T any](m map[string]*T, seq func(*T) int64) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *T) int { return cmp.Compare(seq(a), seq(b)) })
	return out
}

func (w *World) sortedInstances() []*Instance {
	return sortedBySeq(w.instances, func(i *Instance) int64 { return i.seq })
}
func (w *World) sortedVolumes() []*Volume {
	return sortedBySeq(w.volumes, func(v *Volume) int64 { return v.seq })
}
func (w *World) sortedSnapshots() []*Snapshot {
	return sortedBySeq(w.snapshots, func(s *Snapshot) int64 { return s.seq })
}
func (w *World) sortedImages() []*Image {
	return sortedBySeq(w.images, func(im *Image) int64 { return im.seq })
}

func (i *Instance) clone() Instance {
	c := *i
	c.Tags = slices.Clone(i.Tags)
	c.SecurityGroups = slices.Clone(i.SecurityGroups)
	c.BlockDevices = slices.Clone(i.BlockDevices)
	c.Ephemeral = slices.Clone(i.Ephemeral)
	return c
}

func (im *Image) clone() Image {
	c := *im
	c.Tags = slices.Clone(im.Tags)
	c.BlockDevices = slices.Clone(im.BlockDevices)
	c.LaunchPermissions = slices.Clone(im.LaunchPermissions)
	return c
}

// Instances returns every instance still visible, in launch order.
func (w *World) Instances() []Instance {
	var out []Instance
	for _, i := range w.sortedInstances() {
		out = append(out, i.clone())
	}
	return out
}

// Instance returns one instance by ID or scenario name.
func (w *World) Instance(ref string) (Instance, bool) {
	i, ok := w.instances[w.resolve(ref)]
	if !ok {
		return Instance{}, false
	}
	return i.clone(), true
}

// RootDataGiB returns the GiB of data on an instance's root device: on the
// EBS volume attached there (an EBS-backed root, which survives a stop) or
// on the instance-store disk there (an instance-store root, lost with the
// instance). It is 0 while an EBS-backed instance's root volume is detached,
// and false for an instance that is not visible.
func (w *World) RootDataGiB(ref string) (int, bool) {
	i, ok := w.instances[w.resolve(ref)]
	if !ok {
		return 0, false
	}
	for _, bd := range i.BlockDevices {
		if bd.DeviceName == i.RootDeviceName {
			if v, ok := w.volumes[bd.VolumeID]; ok {
				return v.DataGiB, true
			}
			return 0, true
		}
	}
	for _, d := range i.Ephemeral {
		if d.DeviceName == i.RootDeviceName {
			return d.DataGiB, true
		}
	}
	return 0, true
}

// Volumes returns every volume not yet deleted, in creation order.
func (w *World) Volumes() []Volume {
	var out []Volume
	for _, v := range w.sortedVolumes() {
		c := *v
		c.Tags = slices.Clone(v.Tags)
		out = append(out, c)
	}
	return out
}

// Volume returns one volume by ID or scenario name.
func (w *World) Volume(ref string) (Volume, bool) {
	v, ok := w.volumes[w.resolve(ref)]
	if !ok {
		return Volume{}, false
	}
	return *v, true
}

// Snapshots returns the snapshots owned by scenario accounts (not the
// public images' own), in creation order.
func (w *World) Snapshots() []Snapshot {
	var out []Snapshot
	for _, s := range w.sortedSnapshots() {
		if !s.Public {
			c := *s
			c.Tags = slices.Clone(s.Tags)
			out = append(out, c)
		}
	}
	return out
}

// Snapshot returns one snapshot by ID or scenario name.
func (w *World) Snapshot(ref string) (Snapshot, bool) {
	s, ok := w.snapshots[w.resolve(ref)]
	if !ok {
		return Snapshot{}, false
	}
	return *s, true
}

// Images returns the images owned by scenario accounts, in creation order
// (the catalogue's public images are left out; see PublicImages).
func (w *World) Images() []Image {
	var out []Image
	for _, im := range w.sortedImages() {
		if im.Alias == "" && !im.Gone {
			out = append(out, im.clone())
		}
	}
	return out
}

// Image returns one image by ID or scenario name, or a public alias in the
// given region.
func (w *World) Image(ref, region string) (Image, bool) {
	im, ok := w.images[w.resolveImage(ref, region)]
	if !ok {
		return Image{}, false
	}
	return im.clone(), true
}

// DescribeInstancesInput filters DescribeInstances.
type DescribeInstancesInput struct {
	InstanceIds []string `yaml:"InstanceIds" json:"InstanceIds,omitempty"`
}

// DescribeInstancesOutput lists instances.
type DescribeInstancesOutput struct {
	Instances []Instance
}

// DescribeInstances lists the caller's instances in its region; terminated
// instances appear for about an hour.
func (w *World) DescribeInstances(c Caller, in DescribeInstancesInput) (out DescribeInstancesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, i := range out.Instances {
			items = append(items, fmt.Sprintf("%s %s", i.ID, i.State))
		}
		w.apiDone("DescribeInstances", c, "", err, listed(len(items), "instance", items))
	}()
	if err != nil {
		return out, err
	}
	if len(in.InstanceIds) > 0 {
		insts, err := w.instancesFor(c, in.InstanceIds)
		if err != nil {
			return out, err
		}
		for _, i := range insts {
			out.Instances = append(out.Instances, i.clone())
		}
		return out, nil
	}
	for _, i := range w.sortedInstances() {
		if i.Owner == c.Account && i.Region == c.Region {
			out.Instances = append(out.Instances, i.clone())
		}
	}
	return out, nil
}

// DescribeImagesInput filters DescribeImages like the API: Owners takes
// account IDs, "self", "amazon" or "aws-marketplace"; ExecutableUsers takes
// account IDs or "self".
type DescribeImagesInput struct {
	ImageIds        []string `yaml:"ImageIds" json:"ImageIds,omitempty"`
	Owners          []string `yaml:"Owners" json:"Owners,omitempty"`
	ExecutableUsers []string `yaml:"ExecutableUsers" json:"ExecutableUsers,omitempty"`
}

// DescribeImagesOutput lists images.
type DescribeImagesOutput struct {
	Images []Image
}

// DescribeImages lists the images the caller can see in its region: its own,
// public ones, and those shared with it.
func (w *World) DescribeImages(c Caller, in DescribeImagesInput) (out DescribeImagesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, im := range out.Images {
			owner := w.accountName(im.Owner)
			if w.owners[im.Owner].Unverified {
				owner = im.Owner + ", an unverified owner"
			}
			items = append(items, fmt.Sprintf("%s %q (%s)", im.ID, im.Name, owner))
		}
		w.apiDone("DescribeImages", c, "", err, listed(len(items), "image", items))
	}()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, ref := range in.ImageIds {
		want[w.resolveImage(ref, c.Region)] = true
	}
	ownerOK := func(im *Image) bool {
		if len(in.Owners) == 0 {
			return true
		}
		for _, o := range in.Owners {
			switch {
			case o == "self" && im.Owner == c.Account,
				o == im.Owner, o == im.OwnerAlias && o != "",
				w.AccountID(o) == im.Owner:
				return true
			}
		}
		return false
	}
	execOK := func(im *Image) bool {
		if len(in.ExecutableUsers) == 0 {
			return true
		}
		for _, u := range in.ExecutableUsers {
			id := u
			if u == "self" {
				id = c.Account
			} else if a := w.AccountID(u); a != "" {
				id = a
			}
			if im.Owner == id || slices.Contains(im.LaunchPermissions, id) || im.Public {
				return true
			}
		}
		return false
	}
	for _, im := range w.sortedImages() {
		if im.Gone || im.Region != c.Region || (len(want) > 0 && !want[im.ID]) {
			continue
		}
		if !w.canLaunch(c.Account, im) || !ownerOK(im) || !execOK(im) {
			continue
		}
		out.Images = append(out.Images, im.clone())
	}
	if len(want) > 0 && len(out.Images) == 0 {
		for id := range want {
			if !validID(id, "ami") {
				return out, errf(InvalidAMIIDMalformed, "Invalid id: \"%s\"", id)
			}
		}
	}
	return out, nil
}

// DescribeVolumesOutput lists volumes.
type DescribeVolumesOutput struct{ Volumes []Volume }

// DescribeVolumes lists the caller's volumes in its region.
func (w *World) DescribeVolumes(c Caller, _ struct{}) (out DescribeVolumesOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, v := range out.Volumes {
			items = append(items, fmt.Sprintf("%s %s", v.ID, v.State))
		}
		w.apiDone("DescribeVolumes", c, "", err, listed(len(items), "volume", items))
	}()
	if err != nil {
		return out, err
	}
	for _, v := range w.sortedVolumes() {
		if v.Owner == c.Account && v.Region == c.Region {
			out.Volumes = append(out.Volumes, *v)
		}
	}
	return out, nil
}

// DescribeSnapshotsOutput lists snapshots.
type DescribeSnapshotsOutput struct{ Snapshots []Snapshot }

// DescribeSnapshots lists the caller's snapshots in its region.
func (w *World) DescribeSnapshots(c Caller, _ struct{}) (out DescribeSnapshotsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, sn := range out.Snapshots {
			items = append(items, fmt.Sprintf("%s %s", sn.ID, sn.State))
		}
		w.apiDone("DescribeSnapshots", c, "", err, listed(len(items), "snapshot", items))
	}()
	if err != nil {
		return out, err
	}
	for _, s := range w.sortedSnapshots() {
		if s.Owner == c.Account && s.Region == c.Region {
			out.Snapshots = append(out.Snapshots, *s)
		}
	}
	return out, nil
}

// OwnerAlias returns a human name for an account ID: a scenario account's
// name, a well-known owner's alias, or the ID itself.
func (w *World) OwnerAlias(id string) string { return w.accountName(id) }

// Unverified reports whether an owner account is an unverified Community publisher.
func (w *World) Unverified(ownerID string) bool { return w.owners[ownerID].Unverified }

// InstanceRef is the little a list needs to know of an instance.
type InstanceRef struct {
	ID, Region, AZ string
	State          InstanceState
}

// InstanceRefs lists every visible instance, in launch order, without
// copying each instance whole (for lists of thousands).
func (w *World) InstanceRefs() []InstanceRef {
	out := make([]InstanceRef, 0, len(w.instances))
	for _, i := range w.sortedInstances() {
		out = append(out, InstanceRef{i.ID, i.Region, i.AZ, i.State})
	}
	return out
}
