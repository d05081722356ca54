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
	return sortedWhere(m, nil, seq)
}

// sortedWhere is sortedBySeq of only the values keep accepts (all for a
// nil keep): a question about a few of a fleet's resources sorts those.
func sortedWhere[T any](m map[string]*T, keep func(*T) bool, seq func(*T) int64) []*T {
	var out []*T
	if keep == nil {
		out = make([]*T, 0, len(m))
	}
	for _, v := range m {
		if keep == nil || keep(v) {
			out = append(out, v)
		}
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
	c.bill = nil // this world's ledger entry: a copy's world finds its own
	c.Tags = slices.Clone(i.Tags)
	c.SecurityGroups = slices.Clone(i.SecurityGroups)
	c.BlockDevices = slices.Clone(i.BlockDevices)
	c.Ephemeral = slices.Clone(i.Ephemeral)
	return c
}

func (v *Volume) clone() Volume {
	c := *v
	c.Tags = slices.Clone(v.Tags)
	c.bill = nil // as Instance.clone
	return c
}

func (im *Image) clone() Image {
	c := *im
	c.Tags = slices.Clone(im.Tags)
	c.BlockDevices = slices.Clone(im.BlockDevices)
	c.LaunchPermissions = slices.Clone(im.LaunchPermissions)
	c.LaunchOrgs = slices.Clone(im.LaunchOrgs)
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

// EachBlockDevice calls f with each of an instance's EBS block devices, in
// order (none if there is no such instance): what Instance(ref).BlockDevices
// says, without copying the instance.
func (w *World) EachBlockDevice(ref string, f func(InstanceBlockDevice)) {
	if i, ok := w.instances[w.resolve(ref)]; ok {
		for _, bd := range i.BlockDevices {
			f(bd)
		}
	}
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
		out = append(out, v.clone())
	}
	return out
}

// Volume returns one volume by ID or scenario name.
func (w *World) Volume(ref string) (Volume, bool) {
	v, ok := w.volumes[w.resolve(ref)]
	if !ok {
		return Volume{}, false
	}
	return v.clone(), true
}

// Snapshots returns the snapshots owned by scenario accounts (not the
// public images' own), in creation order.
func (w *World) Snapshots() []Snapshot {
	var out []Snapshot
	for _, s := range w.sortedSnapshots() {
		if !s.Public {
			c := *s
			c.Tags, c.CreateVolumePermissions = slices.Clone(s.Tags), slices.Clone(s.CreateVolumePermissions)
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
	Filters     []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults  int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken   string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// DescribeInstancesOutput lists instances; NextToken is set when more pages follow.
type DescribeInstancesOutput struct {
	Instances []Instance
	NextToken string
}

// instanceFilters are DescribeInstances' filter names (AWS's
// DescribeInstances reference), over the fields the model keeps.
var instanceFilters = filterFields[*Instance]{
	"instance-id":         func(i *Instance) []string { return one(i.ID) },
	"instance-state-name": func(i *Instance) []string { return one(string(i.State)) },
	"instance-state-code": func(i *Instance) []string { return []string{fmt.Sprint(StateCode(i.State))} },
	"instance-type":       func(i *Instance) []string { return one(i.Type) },
	"image-id":            func(i *Instance) []string { return one(i.ImageID) },
	"availability-zone":   func(i *Instance) []string { return one(i.AZ) },
	"root-device-type":    func(i *Instance) []string { return one(i.RootDeviceType) },
	"root-device-name":    func(i *Instance) []string { return one(i.RootDeviceName) },
	"key-name":            func(i *Instance) []string { return one(i.KeyName) },
	"architecture":        func(i *Instance) []string { return one(i.Arch) },
	"vpc-id":              func(i *Instance) []string { return one(i.VpcID) },
	"subnet-id":           func(i *Instance) []string { return one(i.SubnetID) },
	"private-ip-address":  func(i *Instance) []string { return one(i.PrivateIP) },
	"ip-address":          func(i *Instance) []string { return one(i.PublicIP) },
	"instance.group-id":   func(i *Instance) []string { return i.SecurityGroups },
	"platform": func(i *Instance) []string {
		if i.Platform == "windows" {
			return []string{"windows"}
		}
		return nil
	},
	"instance-lifecycle": func(i *Instance) []string { return one(string(i.Lifecycle())) },
	"block-device-mapping.volume-id": func(i *Instance) []string {
		var ids []string
		for _, b := range i.BlockDevices {
			ids = append(ids, b.VolumeID)
		}
		return ids
	},
}

// describedInstances is what DescribeInstances and DescribeInstanceStatus
// start from: the instances ids names (each must be the caller's, or the
// call fails as instancesFor says), or with no ids every instance the
// caller has in its region, in launch order.
func (w *World) describedInstances(c Caller, ids []string) ([]*Instance, error) {
	if len(ids) > 0 {
		return w.instancesFor(c, ids)
	}
	var insts []*Instance
	for _, i := range w.sortedInstances() {
		if i.Owner == c.Account && i.Region == c.Region {
			insts = append(insts, i)
		}
	}
	return insts, nil
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
	if err := pageOrIDs(in.InstanceIds, in.MaxResults, "instancesSet"); err != nil {
		return out, err
	}
	insts, err := w.describedInstances(c, in.InstanceIds)
	if err != nil {
		return out, err
	}
	if insts, err = applyFilters(insts, in.Filters, instanceFilters, func(i *Instance) Tags { return i.Tags }); err != nil {
		return out, err
	}
	insts, out.NextToken, err = paginate(insts, func(i *Instance) int64 { return i.seq }, instancePages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, i := range insts {
		out.Instances = append(out.Instances, i.clone())
	}
	return out, nil
}

// DescribeImagesInput filters DescribeImages like the API: Owners takes
// account IDs, "self", "amazon" or "aws-marketplace"; ExecutableUsers takes
// account IDs, "self" or "all".
type DescribeImagesInput struct {
	ImageIds        []string `yaml:"ImageIds" json:"ImageIds,omitempty"`
	Owners          []string `yaml:"Owners" json:"Owners,omitempty"`
	ExecutableUsers []string `yaml:"ExecutableUsers" json:"ExecutableUsers,omitempty"`
	Filters         []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults      int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken       string   `yaml:"NextToken" json:"NextToken,omitempty"`
	// IncludeDeprecated lists deprecated AMIs to accounts other than the
	// owner; IncludeDisabled lists the owner's disabled AMIs (deprecation.go).
	IncludeDeprecated bool `yaml:"IncludeDeprecated" json:"IncludeDeprecated,omitempty"`
	IncludeDisabled   bool `yaml:"IncludeDisabled" json:"IncludeDisabled,omitempty"`
}

// DescribeImagesOutput lists images; NextToken is set when more pages follow.
type DescribeImagesOutput struct {
	Images    []Image
	NextToken string
}

// imageFilters are DescribeImages' filter names (AWS's DescribeImages
// reference), over the fields the model keeps.
var imageFilters = filterFields[*Image]{
	"image-id":            func(im *Image) []string { return one(im.ID) },
	"name":                func(im *Image) []string { return one(im.Name) },
	"description":         func(im *Image) []string { return one(im.Description) },
	"state":               func(im *Image) []string { return one(im.State) },
	"architecture":        func(im *Image) []string { return one(im.Arch) },
	"is-public":           func(im *Image) []string { return boolValue(im.Public) },
	"owner-id":            func(im *Image) []string { return one(im.Owner) },
	"owner-alias":         func(im *Image) []string { return one(im.OwnerAlias) },
	"root-device-type":    func(im *Image) []string { return one(im.RootDeviceType) },
	"root-device-name":    func(im *Image) []string { return one(im.RootDeviceName) },
	"virtualization-type": func(im *Image) []string { return one(cmp.Or(im.Virtualization, "hvm")) },
	"image-type":          func(*Image) []string { return []string{ImageTypeMachine} },
	"product-code":        func(im *Image) []string { return one(im.ProductCode) },
	"platform": func(im *Image) []string {
		if im.Platform == "windows" {
			return []string{"windows"}
		}
		return nil
	},
	"block-device-mapping.snapshot-id": func(im *Image) []string { return im.SnapshotIDs() },
	"block-device-mapping.device-name": func(im *Image) []string {
		var ds []string
		for _, b := range im.BlockDevices {
			ds = append(ds, b.DeviceName)
		}
		return ds
	},
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
	var ids []string
	for _, ref := range in.ImageIds {
		id := w.resolveImage(ref, c.Region)
		want[id] = true
		ids = append(ids, id)
	}
	visible := func(im *Image) bool {
		return !im.Gone && im.Region == c.Region && w.canLaunch(c.Account, im) && w.imageListed(c, im, in) // deprecation.go
	}
	if err := imageIDs.check(dedupe(ids), func(id string) bool { im, ok := w.images[id]; return ok && visible(im) }); err != nil {
		return out, err
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
	// ExecutableUsers keeps the AMIs shared by an explicit launch
	// permission (S102): "all", the public ones; "self" or the caller's
	// own ID, those shared with its account, its organization or its OU;
	// another account's ID, those shared with that account by ID. Owning
	// an AMI is an implicit permission, which it does not count.
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
			switch {
			case u == "all":
				if im.Public {
					return true
				}
			case slices.Contains(im.LaunchPermissions, id):
				return true
			case id == c.Account && im.Owner != id && !im.Public && w.canLaunch(id, im):
				return true // shared with its organization or OU
			}
		}
		return false
	}
	var ims []*Image
	for _, im := range w.sortedImages() {
		if !visible(im) || (len(want) > 0 && !want[im.ID]) || !ownerOK(im) || !execOK(im) {
			continue
		}
		ims = append(ims, im)
	}
	if ims, err = applyFilters(ims, in.Filters, imageFilters, func(im *Image) Tags { return im.Tags }); err != nil {
		return out, err
	}
	ims, out.NextToken, err = paginate(ims, func(im *Image) int64 { return im.seq }, imagePages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, im := range ims {
		out.Images = append(out.Images, im.clone())
	}
	return out, nil
}

// DescribeVolumesInput filters DescribeVolumes.
type DescribeVolumesInput struct {
	VolumeIds  []string `yaml:"VolumeIds" json:"VolumeIds,omitempty"`
	Filters    []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken  string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// DescribeVolumesOutput lists volumes; NextToken is set when more pages follow.
type DescribeVolumesOutput struct {
	Volumes   []Volume
	NextToken string
}

// volumeFilters are DescribeVolumes' filter names (AWS's DescribeVolumes
// reference), over the fields the model keeps.
var volumeFilters = filterFields[*Volume]{
	"volume-id":              func(v *Volume) []string { return one(v.ID) },
	"status":                 func(v *Volume) []string { return one(v.State) },
	"size":                   func(v *Volume) []string { return []string{fmt.Sprint(v.SizeGiB)} },
	"volume-type":            func(v *Volume) []string { return one(v.Type) },
	"availability-zone":      func(v *Volume) []string { return one(v.AZ) },
	"snapshot-id":            func(v *Volume) []string { return one(v.SnapshotID) },
	"encrypted":              func(v *Volume) []string { return boolValue(v.Encrypted) },
	"attachment.instance-id": func(v *Volume) []string { return one(v.InstanceID) },
	"attachment.device":      func(v *Volume) []string { return one(v.Device) },
	"attachment.status":      func(v *Volume) []string { return one(v.AttachState) },
	"attachment.delete-on-termination": func(v *Volume) []string {
		if v.InstanceID == "" {
			return nil
		}
		return boolValue(v.DeleteOnTermination)
	},
}

// DescribeVolumes lists the caller's volumes in its region.
func (w *World) DescribeVolumes(c Caller, in DescribeVolumesInput) (out DescribeVolumesOutput, err error) {
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
	mine := func(v *Volume) bool { return v.Owner == c.Account && v.Region == c.Region }
	ids := dedupe(w.resolveAll(in.VolumeIds))
	if err := volumeIDs.check(ids, func(id string) bool { v, ok := w.volumes[id]; return ok && mine(v) }); err != nil {
		return out, err
	}
	var vols []*Volume
	for _, v := range w.sortedVolumes() {
		if mine(v) && (len(ids) == 0 || slices.Contains(ids, v.ID)) {
			vols = append(vols, v)
		}
	}
	if vols, err = applyFilters(vols, in.Filters, volumeFilters, func(v *Volume) Tags { return v.Tags }); err != nil {
		return out, err
	}
	vols, out.NextToken, err = paginate(vols, func(v *Volume) int64 { return v.seq }, volumePages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, v := range vols {
		out.Volumes = append(out.Volumes, v.clone())
	}
	return out, nil
}

// DescribeSnapshotsInput filters DescribeSnapshots. OwnerIds takes "self"
// or account IDs; the caller sees only its own snapshots, so any other owner
// lists nothing (public and shared snapshots are not modelled as listable).
type DescribeSnapshotsInput struct {
	SnapshotIds []string `yaml:"SnapshotIds" json:"SnapshotIds,omitempty"`
	OwnerIds    []string `yaml:"OwnerIds" json:"OwnerIds,omitempty"`
	Filters     []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults  int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken   string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// DescribeSnapshotsOutput lists snapshots; NextToken is set when more pages follow.
type DescribeSnapshotsOutput struct {
	Snapshots []Snapshot
	NextToken string
}

// snapshotFilters are DescribeSnapshots' filter names (AWS's
// DescribeSnapshots reference), over the fields the model keeps.
var snapshotFilters = filterFields[*Snapshot]{
	"snapshot-id":  func(s *Snapshot) []string { return one(s.ID) },
	"volume-id":    func(s *Snapshot) []string { return one(s.VolumeID) },
	"status":       func(s *Snapshot) []string { return one(s.State) },
	"owner-id":     func(s *Snapshot) []string { return one(s.Owner) },
	"description":  func(s *Snapshot) []string { return []string{s.Description} },
	"encrypted":    func(s *Snapshot) []string { return boolValue(s.Encrypted) },
	"volume-size":  func(s *Snapshot) []string { return []string{fmt.Sprint(s.VolumeSize)} },
	"storage-tier": func(s *Snapshot) []string { return one(cmp.Or(s.Tier, "standard")) },
}

// DescribeSnapshots lists the caller's snapshots in its region.
func (w *World) DescribeSnapshots(c Caller, in DescribeSnapshotsInput) (out DescribeSnapshotsOutput, err error) {
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
	mine := func(s *Snapshot) bool { return s.Owner == c.Account && s.Region == c.Region }
	ids := dedupe(w.resolveAll(in.SnapshotIds))
	if err := snapIDs.check(ids, func(id string) bool { s, ok := w.snapshots[id]; return ok && mine(s) }); err != nil {
		return out, err
	}
	ownerOK := len(in.OwnerIds) == 0 || slices.ContainsFunc(in.OwnerIds, func(o string) bool { return o == "self" || w.AccountID(o) == c.Account })
	var snaps []*Snapshot
	for _, s := range w.sortedSnapshots() {
		if ownerOK && mine(s) && (len(ids) == 0 || slices.Contains(ids, s.ID)) {
			snaps = append(snaps, s)
		}
	}
	if snaps, err = applyFilters(snaps, in.Filters, snapshotFilters, func(s *Snapshot) Tags { return s.Tags }); err != nil {
		return out, err
	}
	snaps, out.NextToken, err = paginate(snaps, func(s *Snapshot) int64 { return s.seq }, snapPages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, s := range snaps {
		out.Snapshots = append(out.Snapshots, *s)
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
