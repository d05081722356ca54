package model

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// CreateImageInput is the CreateImage request.
type CreateImageInput struct {
	InstanceId        string             `yaml:"InstanceId" json:"InstanceId"`
	Name              string             `yaml:"Name" json:"Name"`
	Description       string             `yaml:"Description" json:"Description,omitempty"`
	NoReboot          bool               `yaml:"NoReboot" json:"NoReboot,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
}

// RegisterImageInput is the RegisterImage request.
type RegisterImageInput struct {
	Name                string               `yaml:"Name" json:"Name"`
	Description         string               `yaml:"Description" json:"Description,omitempty"`
	ImageLocation       string               `yaml:"ImageLocation" json:"ImageLocation,omitempty"`
	RootDeviceName      string               `yaml:"RootDeviceName" json:"RootDeviceName,omitempty"`
	BlockDeviceMappings []BlockDeviceMapping `yaml:"BlockDeviceMappings" json:"BlockDeviceMappings,omitempty"`
	Architecture        string               `yaml:"Architecture" json:"Architecture,omitempty"`
	VirtualizationType  string               `yaml:"VirtualizationType" json:"VirtualizationType,omitempty"`
	BootMode            string               `yaml:"BootMode" json:"BootMode,omitempty"`
	EnaSupport          bool                 `yaml:"EnaSupport" json:"EnaSupport,omitempty"`
}

// CopyImageInput is the CopyImage request, made in the destination region.
type CopyImageInput struct {
	Name          string `yaml:"Name" json:"Name"`
	SourceImageId string `yaml:"SourceImageId" json:"SourceImageId"`
	SourceRegion  string `yaml:"SourceRegion" json:"SourceRegion"`
	Description   string `yaml:"Description" json:"Description,omitempty"`
	Encrypted     *bool  `yaml:"Encrypted" json:"Encrypted,omitempty"`
	KmsKeyId      string `yaml:"KmsKeyId" json:"KmsKeyId,omitempty"`
	CopyImageTags bool   `yaml:"CopyImageTags" json:"CopyImageTags,omitempty"`
}

// DeregisterImageInput is the DeregisterImage request.
type DeregisterImageInput struct {
	ImageId                   string `yaml:"ImageId" json:"ImageId"`
	DeleteAssociatedSnapshots bool   `yaml:"DeleteAssociatedSnapshots" json:"DeleteAssociatedSnapshots,omitempty"`
}

// ModifyImageAttributeInput is the ModifyImageAttribute request. Launch
// permissions can be given as LaunchPermission {Add, Remove} or as
// OperationType with UserIds / UserGroups.
type ModifyImageAttributeInput struct {
	ImageId          string                  `yaml:"ImageId" json:"ImageId"`
	Attribute        string                  `yaml:"Attribute" json:"Attribute,omitempty"`
	LaunchPermission *LaunchPermissionChange `yaml:"LaunchPermission" json:"LaunchPermission,omitempty"`
	OperationType    string                  `yaml:"OperationType" json:"OperationType,omitempty"`
	UserIds          []string                `yaml:"UserIds" json:"UserIds,omitempty"`
	UserGroups       []string                `yaml:"UserGroups" json:"UserGroups,omitempty"`
	Description      *AttributeValue         `yaml:"Description" json:"Description,omitempty"`
}

// LaunchPermissionChange adds and removes launch permissions.
type LaunchPermissionChange struct {
	Add    []LaunchPermission `yaml:"Add" json:"Add,omitempty"`
	Remove []LaunchPermission `yaml:"Remove" json:"Remove,omitempty"`
}

// LaunchPermission names an account (UserId), the group "all" (public), an
// organization (OrganizationArn) or an organizational unit
// (OrganizationalUnitArn) of AWS Organizations: exactly one of them.
type LaunchPermission struct {
	UserId                string `yaml:"UserId" json:"UserId,omitempty"`
	Group                 string `yaml:"Group" json:"Group,omitempty"`
	OrganizationArn       string `yaml:"OrganizationArn" json:"OrganizationArn,omitempty"`
	OrganizationalUnitArn string `yaml:"OrganizationalUnitArn" json:"OrganizationalUnitArn,omitempty"`
}

// The forms of organization and organizational-unit ARNs
// (arn:aws:organizations::111122223333:organization/o-exampleorgid,
// arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-examplerootid-exampleouid).
var (
	orgARN = regexp.MustCompile(`^arn:aws:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$`)
	ouARN  = regexp.MustCompile(`^arn:aws:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
)

// IsOrganizationArn reports whether arn has the form of an organization's
// ARN (arn:aws:organizations::MANAGEMENT-ACCOUNT:organization/o-…).
func IsOrganizationArn(arn string) bool { return orgARN.MatchString(arn) }

// IsOrganizationalUnitArn reports whether arn has the form of an
// organizational unit's ARN (arn:aws:organizations::…:ou/o-…/ou-…).
func IsOrganizationalUnitArn(arn string) bool { return ouARN.MatchString(arn) }

// UnitOrganization is the ARN of the organization an organizational unit
// belongs to: the unit's ARN names its management account and organization
// ID, and a unit belongs to exactly one organization. It is "" for what is
// not an OU ARN.
func UnitOrganization(ouArn string) string {
	if !ouARN.MatchString(ouArn) {
		return ""
	}
	head, rest, _ := strings.Cut(ouArn, ":ou/")
	org, _, _ := strings.Cut(rest, "/")
	return head + ":organization/" + org
}

// AttributeValue wraps a string attribute. An empty Value is no value at
// all: EC2 answers an attribute that is not set (user data an instance was
// launched without, an image's missing description) as an empty element,
// <userData/>, which clients read as no value rather than "".
type AttributeValue struct {
	Value string `yaml:"Value" json:"Value,omitempty"`
}

// BundleVolumeInput is not an EC2 action: it stands for the AMI tools
// (bundle the running instance-store root, upload it to S3) that come before
// RegisterImage for an instance-store-backed AMI.
type BundleVolumeInput struct {
	InstanceId    string `yaml:"InstanceId" json:"InstanceId"`
	ImageLocation string `yaml:"ImageLocation" json:"ImageLocation"` // bucket/prefix.manifest.xml
}

// ImageOutput names the image a call created.
type ImageOutput struct {
	ImageId string `json:"ImageId"`
}

// Created lists the IDs the call created.
func (o ImageOutput) Created() []string {
	if o.ImageId == "" {
		return nil
	}
	return []string{o.ImageId}
}

// bundle is an instance-store image bundle in S3.
type bundle struct {
	Location, Owner, Region string
	GiB                     int
	Secret                  bool
	seq                     int64
}

// lateBase is where the creation order of late catalogue images starts:
// far above anything a world creates.
const lateBase = 1 << 50

func (w *World) registerPublicImage(p *PublicImage, region string) {
	seq := w.nextSeq
	if p.Late {
		seq = func() int64 { w.lateSeq++; return lateBase + w.lateSeq }
	}
	owner, _ := w.cat.Owner(p.Owner)
	im := &Image{
		ID: PublicImageID(p.Alias, region), Name: p.Name, Description: p.Description, Owner: owner.ID,
		OwnerAlias: p.OwnerAlias, Region: region, State: ImageAvailable, Platform: p.Platform, Arch: p.Arch,
		Virtualization: p.Virtualization, RootDeviceType: p.Root.Type, RootDeviceName: p.Root.Device,
		Public: true, ProductCode: p.ProductCode, SoftwareFee: p.SoftwareFee, Alias: p.Alias, seq: seq(),
	}
	if im.Virtualization == "" {
		im.Virtualization = "hvm"
	}
	if p.Root.Type == RootEBS {
		s := &Snapshot{
			ID: publicSnapshotID(p.Alias, region), Owner: owner.ID, Region: region, VolumeID: "vol-ffffffff",
			VolumeSize: p.Root.SizeGiB, DataGiB: p.Root.DataGiB, StoredGiB: p.Root.DataGiB, State: SnapshotCompleted,
			Tier: TierStandard, Public: true, Description: "root of " + p.Name, seq: seq(),
		}
		s.lineage = s.ID
		w.snapshots[s.ID] = s
		im.BlockDevices = []ImageBlockDevice{{
			DeviceName: p.Root.Device, SnapshotID: s.ID, VolumeSize: p.Root.SizeGiB,
			VolumeType: p.Root.VolumeType, DeleteOnTermination: true,
		}}
	} else {
		im.BundleGiB = p.Root.DataGiB
		im.ImageLocation = "amzn-ami-" + region + "/" + p.Name + ".manifest.xml"
		im.BlockDevices = []ImageBlockDevice{{DeviceName: p.Root.Device, VolumeSize: p.Root.SizeGiB}}
	}
	w.images[im.ID] = im
}

func (w *World) setImageState(im *Image, to string) {
	from := im.State
	if from == to {
		return
	}
	im.State = to
	w.emit(TraceEvent{Kind: TraceState, Action: "image", Resource: im.ID, Region: im.Region, From: from, To: to})
}

// checkImageName applies the AMI naming rules and per-account, per-region uniqueness.
func (w *World) checkImageName(account, region, name string) error {
	if len(name) < 3 || len(name) > 128 {
		return errf(InvalidParameterValue, "AMI names must be between 3 and 128 characters long (got %d)", len(name))
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("()[] ./-'@_", r)) {
			return errf(InvalidParameterValue, "AMI name %q contains %q: names may contain letters, numbers, spaces and ( ) [ ] . / - ' @ _", name, r)
		}
	}
	for _, im := range w.sortedImages() {
		if im.Owner == account && im.Region == region && im.Name == name && im.State != ImageDeregistered {
			return errf(InvalidAMINameDuplicate, "AMI name %s is already in use by AMI %s", name, im.ID)
		}
	}
	return nil
}

func (w *World) newImage(c Caller, name, desc string) *Image {
	im := &Image{
		ID: w.newID("ami"), Name: name, Description: desc, Owner: c.Account, Region: c.Region,
		State: ImagePending, CreationTime: w.Now(), Virtualization: "hvm", seq: w.nextSeq(),
	}
	w.images[im.ID] = im
	w.emit(TraceEvent{Kind: TraceState, Action: "image", Resource: im.ID, Region: im.Region, To: ImagePending, Message: name})
	return im
}

// CreateImage makes an EBS-backed AMI from an instance: a snapshot of every
// attached EBS volume. Unless NoReboot, a running instance is rebooted so
// the snapshots are taken at rest.
func (w *World) CreateImage(c Caller, in CreateImageInput) (out ImageOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateImage", c, out.ImageId, err, in.Name) }()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return out, err
	}
	inst := insts[0]
	if inst.RootDeviceType != RootEBS {
		return out, errf(UnsupportedOperation, "The instance '%s' is instance-store-backed: CreateImage works only for EBS-backed instances (instance-store AMIs are bundled with the AMI tools and registered with RegisterImage).", inst.ID)
	}
	if inst.State != Running && inst.State != Stopped {
		return out, errf(IncorrectInstanceState, "The instance '%s' is %s; CreateImage needs it running or stopped.", inst.ID, inst.State)
	}
	if !rootAttached(inst, nil) {
		return out, errf(IncorrectInstanceState, "The instance '%s' has no volume attached at its root device %s: an AMI needs a root volume to snapshot.", inst.ID, inst.RootDeviceName)
	}
	if err := w.checkImageName(c.Account, c.Region, in.Name); err != nil {
		return out, err
	}
	if err := checkTagSpecs(in.TagSpecifications, resImage, resImage, resSnapshot); err != nil {
		return out, err
	}
	src := w.images[inst.ImageID]
	im := w.newImage(c, in.Name, in.Description)
	im.Platform, im.Arch, im.RootDeviceType, im.RootDeviceName = inst.Platform, inst.Arch, RootEBS, inst.RootDeviceName
	im.SourceInstanceID, im.ProductCode, im.SoftwareFee = inst.ID, inst.ProductCode, inst.SoftwareFee
	if src != nil {
		im.Virtualization = src.Virtualization
	}
	im.Tags = specTags(in.TagSpecifications, resImage, resImage)
	im.snapshotTags = specTags(in.TagSpecifications, resImage, resSnapshot)
	for _, bd := range inst.BlockDevices {
		im.volumes = append(im.volumes, bd.VolumeID) // the mapping is fixed when the call is made
	}
	if inst.State == Running && !in.NoReboot {
		down := w.sample("shutdown")
		w.beginReboot(inst, "CreateImage shuts the instance down so the snapshots are consistent, then boots it again (NoReboot: true avoids this)", down)
		w.after(down, evImageShutdown, im.ID)
		return ImageOutput{im.ID}, nil
	}
	w.snapshotForImage(im, inst)
	return ImageOutput{im.ID}, nil
}

func (w *World) onImageShutdown(imageID string) {
	im := w.images[imageID]
	inst := w.instances[im.SourceInstanceID]
	if im.State != ImagePending || inst == nil || inst.State == Terminated {
		if im.State == ImagePending {
			w.setImageState(im, ImageFailed)
		}
		return
	}
	w.snapshotForImage(im, inst)
}

// rootAttached reports whether a volume is attached at the instance's root
// device (one of vols, unless vols is nil).
func rootAttached(inst *Instance, vols []string) bool {
	return slices.ContainsFunc(inst.BlockDevices, func(bd InstanceBlockDevice) bool {
		return bd.DeviceName == inst.RootDeviceName && (vols == nil || slices.Contains(vols, bd.VolumeID))
	})
}

func (w *World) snapshotForImage(im *Image, inst *Instance) {
	if !rootAttached(inst, im.volumes) {
		// The root was detached while the instance was down for the image:
		// an AMI without a root device could never launch.
		w.setImageState(im, ImageFailed)
		return
	}
	for _, bd := range inst.BlockDevices {
		if im.volumes != nil && !slices.Contains(im.volumes, bd.VolumeID) {
			continue // attached after CreateImage was called: not part of the image
		}
		v := w.volumes[bd.VolumeID]
		s := w.newSnapshot(v, fmt.Sprintf("Created by CreateImage(%s) for %s", inst.ID, im.ID))
		s.Tags = slices.Clone(im.snapshotTags) // TagSpecifications with ResourceType snapshot tag every one
		im.BlockDevices = append(im.BlockDevices, ImageBlockDevice{
			DeviceName: bd.DeviceName, SnapshotID: s.ID, VolumeSize: v.SizeGiB, VolumeType: v.Type,
			IOPS: iopsIfSet(v), Throughput: throughputIfSet(v), Encrypted: v.Encrypted, DeleteOnTermination: bd.DeleteOnTermination,
		})
		im.Secret = im.Secret || s.Secret
		im.pendingSnaps++
	}
	if im.pendingSnaps == 0 {
		w.setImageState(im, ImageAvailable)
	}
}

func iopsIfSet(v *Volume) int {
	if v.Type == "io1" || v.Type == "io2" || (v.Type == "gp3" && v.IOPS != 3000) {
		return v.IOPS
	}
	return 0
}

func throughputIfSet(v *Volume) int {
	if v.Type == "gp3" && v.Throughput != 125 {
		return v.Throughput
	}
	return 0
}

// BundleVolume bundles a running instance-store-backed instance's root and
// uploads it to S3 at ImageLocation, where RegisterImage can find it. The
// bundle bills S3 storage until the AMI is gone and the bundle is deleted.
func (w *World) BundleVolume(c Caller, in BundleVolumeInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("BundleVolume", c, w.resolve(in.InstanceId), err, in.ImageLocation) }()
	if err != nil {
		return err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return err
	}
	inst := insts[0]
	if inst.RootDeviceType != RootInstanceStore {
		return errf(UnsupportedOperation, "The instance '%s' is EBS-backed: use CreateImage instead of bundling.", inst.ID)
	}
	if inst.State != Running {
		return errf(IncorrectInstanceState, "The instance '%s' is %s; bundling needs it running.", inst.ID, inst.State)
	}
	if !strings.HasSuffix(in.ImageLocation, ".manifest.xml") || !strings.Contains(in.ImageLocation, "/") {
		return errf(InvalidParameterValue, "ImageLocation must look like bucket/name.manifest.xml, got %q", in.ImageLocation)
	}
	if w.bundles == nil {
		w.bundles = map[string]*bundle{}
	}
	if _, ok := w.bundles[in.ImageLocation]; ok {
		return errf(InvalidParameterValue, "A bundle already exists at %s", in.ImageLocation)
	}
	root := inst.Ephemeral[0]
	if root.DataGiB > 10 {
		return errf(InvalidParameterValue, "The root holds %d GiB: an instance-store root device is limited to 10 GiB.", root.DataGiB)
	}
	b := &bundle{Location: in.ImageLocation, Owner: c.Account, Region: c.Region, GiB: max(1, root.DataGiB), Secret: root.Secret, seq: w.nextSeq()}
	w.bundles[b.Location] = b
	w.bill.openBundle(b)
	return nil
}

// RegisterImage registers an AMI: from an S3 bundle (ImageLocation, an
// instance-store-backed AMI) or from an EBS snapshot named in the block
// device mapping of RootDeviceName. Like the API, it defaults to the i386
// architecture and paravirtual virtualization when not told otherwise.
func (w *World) RegisterImage(c Caller, in RegisterImageInput) (out ImageOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("RegisterImage", c, out.ImageId, err, in.Name) }()
	if err != nil {
		return out, err
	}
	if err := w.checkImageName(c.Account, c.Region, in.Name); err != nil {
		return out, err
	}
	arch := in.Architecture
	if arch == "" {
		arch = "i386"
	}
	if !slices.Contains([]string{"i386", "x86_64", "arm64"}, arch) {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for Architecture (valid: i386, x86_64, arm64)", arch)
	}
	virt := in.VirtualizationType
	if virt == "" {
		virt = "paravirtual"
	}
	if virt != "hvm" && virt != "paravirtual" {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for VirtualizationType (valid: hvm, paravirtual)", virt)
	}
	if in.ImageLocation != "" {
		b, ok := w.bundles[in.ImageLocation]
		if !ok || b.Owner != c.Account {
			return out, errf(InvalidParameterValue, "Unable to read manifest %s: no bundle uploaded there (bundle an instance first)", in.ImageLocation)
		}
		if b.Region != c.Region {
			return out, errf(InvalidParameterValue, "The manifest %s is in a bucket in %s; register it there.", in.ImageLocation, b.Region)
		}
		im := w.newImage(c, in.Name, in.Description)
		im.RootDeviceType, im.RootDeviceName = RootInstanceStore, "/dev/sda1"
		im.Arch, im.Virtualization, im.Platform = arch, virt, "linux"
		im.ImageLocation, im.BundleGiB, im.Secret = b.Location, b.GiB, b.Secret
		im.BlockDevices = []ImageBlockDevice{{DeviceName: "/dev/sda1", VolumeSize: 10}}
		w.after(w.sample("image/register"), evImageRegistered, im.ID)
		return ImageOutput{im.ID}, nil
	}
	if in.RootDeviceName == "" {
		return out, errf(MissingParameter, "RegisterImage needs ImageLocation (instance-store) or RootDeviceName with a block device mapping (EBS)")
	}
	var bds []ImageBlockDevice
	secret, platform, hasRoot := false, "linux", false
	for i, m := range in.BlockDeviceMappings {
		if m.VirtualName != "" {
			bds = append(bds, ImageBlockDevice{DeviceName: m.DeviceName, VirtualName: m.VirtualName})
			continue
		}
		if m.Ebs == nil {
			return out, errf(InvalidBlockDeviceMapping, "BlockDeviceMappings[%d] (%s) needs Ebs or VirtualName", i, m.DeviceName)
		}
		e := m.Ebs
		bd := ImageBlockDevice{DeviceName: m.DeviceName, VolumeSize: e.VolumeSize, VolumeType: e.VolumeType, IOPS: e.Iops, Throughput: e.Throughput, DeleteOnTermination: true}
		if e.DeleteOnTermination != nil {
			bd.DeleteOnTermination = *e.DeleteOnTermination
		}
		if bd.VolumeType == "" {
			bd.VolumeType = "gp2"
		}
		if e.SnapshotId != "" {
			s, err := w.snapshotFor(c, e.SnapshotId, c.Region)
			if err != nil {
				return out, err
			}
			if s.State != SnapshotCompleted {
				return out, errf(IncorrectState, "Snapshot '%s' is %s; register from a completed snapshot.", s.ID, s.State)
			}
			if !s.readable() {
				return out, errf(IncorrectState, "Snapshot '%s' is in the archive tier: restore it to standard before registering an AMI from it.", s.ID)
			}
			bd.SnapshotID, bd.Encrypted, secret = s.ID, s.Encrypted, secret || s.Secret
			if bd.VolumeSize == 0 {
				bd.VolumeSize = s.VolumeSize
			}
			if bd.VolumeSize < s.VolumeSize {
				return out, errf(InvalidBlockDeviceMapping, "Volume of size %dGB is smaller than snapshot '%s', expect size >= %dGB", bd.VolumeSize, s.ID, s.VolumeSize)
			}
		}
		isRoot := m.DeviceName == in.RootDeviceName
		if isRoot {
			if bd.SnapshotID == "" {
				return out, errf(InvalidBlockDeviceMapping, "The root device %s must name a SnapshotId", m.DeviceName)
			}
			if bd.VolumeSize > 65536 {
				return out, errf(InvalidBlockDeviceMapping, "An EBS root volume is limited to 64 TiB (65536 GiB); got %d GiB", bd.VolumeSize)
			}
			hasRoot = true
		}
		if err := checkVolumeSpec(bd.VolumeType, bd.VolumeSize, bd.IOPS, bd.Throughput, isRoot); err != nil {
			return out, err
		}
		bds = append(bds, bd)
	}
	if !hasRoot {
		return out, errf(InvalidBlockDeviceMapping, "The block device mapping has no entry for the root device %s", in.RootDeviceName)
	}
	im := w.newImage(c, in.Name, in.Description)
	im.RootDeviceType, im.RootDeviceName, im.Arch, im.Virtualization, im.Platform = RootEBS, in.RootDeviceName, arch, virt, platform
	im.BlockDevices, im.Secret = bds, secret
	w.after(w.sample("image/register"), evImageRegistered, im.ID)
	return ImageOutput{im.ID}, nil
}

func (w *World) onImageRegistered(id string) {
	if im := w.images[id]; im != nil && im.State == ImagePending {
		w.setImageState(im, ImageAvailable)
	}
}

// imageFor finds an image by reference in a region, visible to the caller.
func (w *World) imageFor(c Caller, ref, region string) (*Image, error) {
	if ref == "" {
		return nil, errf(MissingParameter, "The request must contain the parameter ImageId")
	}
	id := w.resolveImage(ref, region)
	if !validID(id, "ami") {
		return nil, errf(InvalidAMIIDMalformed, "Invalid id: \"%s\" (expecting \"ami-...\")", ref)
	}
	im, ok := w.images[id]
	if !ok || im.Region != region || im.Gone {
		return nil, errf(InvalidAMIIDNotFound, "The image id '[%s]' does not exist in %s", id, region)
	}
	return im, nil
}

// ownImage finds a registered image the caller owns, in the caller's region:
// only the owner may change or deregister an AMI.
func (w *World) ownImage(c Caller, ref string) (*Image, error) {
	im, err := w.imageFor(c, ref, c.Region)
	if err != nil {
		return nil, err
	}
	if im.Owner != c.Account {
		return nil, errf(AuthFailure, "Not authorized for image:%s (owned by %s)", im.ID, w.accountName(im.Owner))
	}
	if im.State == ImageDeregistered {
		return nil, errf(InvalidAMIIDUnavailable, "AMI '%s' is deregistered", im.ID)
	}
	return im, nil
}

// checkSourceRegion checks the region a copy comes from.
func (w *World) checkSourceRegion(r string) error {
	if r == "" {
		return errf(MissingParameter, "The request must contain the parameter SourceRegion")
	}
	if _, ok := w.cat.Region(r); !ok {
		return errf(InvalidParameterValue, "Invalid SourceRegion '%s'%s", r, suggest(r, w.cat.RegionNames()))
	}
	return nil
}

// CopyImage copies an AMI into the caller's region: a new AMI ID and new
// snapshots. Launch permissions are never copied, tags only on request, and
// encryption can be added but not removed.
func (w *World) CopyImage(c Caller, in CopyImageInput) (out ImageOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CopyImage", c, out.ImageId, err, in.Name) }()
	if err != nil {
		return out, err
	}
	if err := w.checkSourceRegion(in.SourceRegion); err != nil {
		return out, err
	}
	src, err := w.imageFor(c, in.SourceImageId, in.SourceRegion)
	if err != nil {
		return out, err
	}
	if src.State != ImageAvailable {
		return out, errf(InvalidAMIIDUnavailable, "AMI '%s' is %s and cannot be copied", src.ID, src.State)
	}
	if !w.canLaunch(c.Account, src) {
		return out, errf(AuthFailure, "Not authorized for images: [%s]", src.ID)
	}
	if src.ProductCode != "" && src.Owner != c.Account {
		return out, errf(InvalidRequest, "AMI %s has an AWS Marketplace product code and belongs to another account: it cannot be copied; launch it and create your own image instead.", src.ID)
	}
	if src.Owner != c.Account {
		// Launch permission is not read access to the snapshots: the owner
		// must share those too (createVolumePermission), S17, S21.
		for _, id := range src.SnapshotIDs() {
			if s := w.snapshots[id]; s != nil && !s.restorableBy(c.Account) {
				return out, errf(InvalidRequest, "You do not have permission to access the storage of this ami")
			}
		}
	}
	if in.Encrypted != nil && !*in.Encrypted && src.Encrypted() {
		return out, errf(InvalidRequest, "AMI %s is encrypted: a copy can add encryption, never remove it. Leave Encrypted out, or set it to true.", src.ID)
	}
	if err := w.checkImageName(c.Account, c.Region, in.Name); err != nil {
		return out, err
	}
	if src.RootDeviceType == RootInstanceStore && in.Encrypted != nil && *in.Encrypted {
		return out, errf(InvalidParameterCombination, "Instance-store-backed AMIs cannot be encrypted by CopyImage.")
	}
	type plan struct {
		src      *Snapshot
		enc      bool
		kms      string
		template ImageBlockDevice
	}
	var plans []plan
	for _, bd := range src.BlockDevices {
		if bd.SnapshotID == "" {
			continue
		}
		s := w.snapshots[bd.SnapshotID]
		enc, kms, err := w.copyEncryption(c, s.Encrypted, s.KMSKeyID, s.Region, in.Encrypted, in.KmsKeyId)
		if err != nil {
			return out, err
		}
		plans = append(plans, plan{s, enc, kms, bd})
	}
	im := w.newImage(c, in.Name, in.Description)
	im.Platform, im.Arch, im.Virtualization = src.Platform, src.Arch, src.Virtualization
	im.RootDeviceType, im.RootDeviceName = src.RootDeviceType, src.RootDeviceName
	im.SourceImageID, im.SourceRegion, im.Secret = src.ID, src.Region, src.Secret
	im.ProductCode, im.SoftwareFee = src.ProductCode, src.SoftwareFee
	if in.CopyImageTags {
		im.Tags = slices.Clone(src.Tags)
	}
	for _, bd := range src.BlockDevices {
		if bd.SnapshotID == "" {
			im.BlockDevices = append(im.BlockDevices, bd)
		}
	}
	for _, p := range plans {
		s := w.copySnapshot(c, p.src, p.enc, p.kms, fmt.Sprintf("Copied for DestinationAmi %s from SourceAmi %s for SourceSnapshot %s", im.ID, src.ID, p.src.ID))
		bd := p.template
		bd.SnapshotID, bd.Encrypted = s.ID, s.Encrypted
		im.BlockDevices = append(im.BlockDevices, bd)
		im.pendingSnaps++
	}
	if src.RootDeviceType == RootInstanceStore {
		// Each copy is its own bundle, billed on its own: the location
		// names the new AMI so a second copy never replaces the first.
		im.ImageLocation, im.BundleGiB = src.ImageLocation+".copy-"+c.Region+"-"+im.ID, src.BundleGiB
		b := &bundle{Location: im.ImageLocation, Owner: c.Account, Region: c.Region, GiB: src.BundleGiB, Secret: src.Secret, seq: w.nextSeq()}
		if w.bundles == nil {
			w.bundles = map[string]*bundle{}
		}
		w.bundles[b.Location] = b
		w.bill.openBundle(b)
		if src.Region != c.Region {
			w.bill.transfer(c.Account, src.Region, c.Region, im.ID, int64(src.BundleGiB))
		}
		w.after(w.sample("copy/base"), evImageRegistered, im.ID)
	}
	return ImageOutput{im.ID}, nil
}

// DeregisterImage deregisters an AMI. Its snapshots stay, and keep
// billing, unless DeleteAssociatedSnapshots is set (snapshots another
// registered AMI uses are never deleted).
func (w *World) DeregisterImage(c Caller, in DeregisterImageInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeregisterImage", c, w.resolveImage(in.ImageId, c.Region), err, "") }()
	if err != nil {
		return err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return err
	}
	w.setImageState(im, ImageDeregistered)
	im.DeregisteredAt = w.Now()
	kept := 0
	for _, id := range im.SnapshotIDs() {
		s, ok := w.snapshots[id]
		if !ok {
			continue
		}
		if in.DeleteAssociatedSnapshots && len(w.SnapshotInUseBy(id)) == 0 && s.Owner == c.Account {
			w.deleteSnapshot(s)
			continue
		}
		kept++
	}
	if kept > 0 {
		w.emit(TraceEvent{Kind: TraceNote, Action: "orphaned-snapshots", Resource: im.ID, Region: im.Region,
			Message: fmt.Sprintf("%d snapshot(s) of %s remain and keep billing until deleted", kept, im.ID)})
	}
	if !w.binImage(im) { // a Recycle Bin rule keeps it (recyclebin.go)
		w.after(w.sample("deregistered/visible"), evForgetImage, im.ID)
	}
	return nil
}

// onForgetImage hides a deregistered image from DescribeImages and the API.
// The record stays (it is small) so reports and checks can still follow it
// to the snapshots it left behind.
func (w *World) onForgetImage(id string) {
	if im, ok := w.images[id]; ok && im.State == ImageDeregistered {
		im.Gone = true
	}
}

// withOperation folds the flat form of a permission change, OperationType
// with a list of grantees (ops), into the Add and Remove lists of the
// structured form: ModifyImageAttribute and ModifySnapshotAttribute take
// either, or both at once (S3). Grantees without an OperationType are
// MissingParameter with the message missingOp; an OperationType other than
// add or remove is InvalidParameterValue.
func withOperation[P any](add, remove, ops []P, operationType, missingOp string) ([]P, []P, error) {
	switch operationType {
	case "add":
		add = append(add, ops...)
	case "remove":
		remove = append(remove, ops...)
	case "":
		if len(ops) > 0 {
			return nil, nil, errf(MissingParameter, "%s", missingOp)
		}
	default:
		return nil, nil, errf(InvalidParameterValue, "Invalid value '%s' for OperationType (valid: add, remove)", operationType)
	}
	return add, remove, nil
}

// ModifyImageAttribute changes an AMI's launch permissions or description.
func (w *World) ModifyImageAttribute(c Caller, in ModifyImageAttributeInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifyImageAttribute", c, w.resolveImage(in.ImageId, c.Region), err, "") }()
	if err != nil {
		return err
	}
	im, err := w.ownImage(c, in.ImageId)
	if err != nil {
		return err
	}
	if in.Description != nil {
		im.Description = in.Description.Value
		return nil
	}
	var add, remove []LaunchPermission
	if lp := in.LaunchPermission; lp != nil {
		add, remove = lp.Add, lp.Remove
	}
	var ops []LaunchPermission
	for _, u := range in.UserIds {
		ops = append(ops, LaunchPermission{UserId: u})
	}
	for _, g := range in.UserGroups {
		ops = append(ops, LaunchPermission{Group: g})
	}
	add, remove, err = withOperation(add, remove, ops, in.OperationType, "UserIds and UserGroups need OperationType add or remove")
	if err != nil {
		return err
	}
	if len(add)+len(remove) == 0 {
		return errf(MissingParameter, "Nothing to change: give LaunchPermission Add/Remove, UserIds/UserGroups with OperationType, or Description")
	}
	// Check everything, then apply: no partial change. A value AWS cannot
	// use is InvalidAMIAttributeItemValue (S3, ModifyImageAttribute; the
	// code the Terraform provider and CLI transcripts show, S39).
	resolved := func(p LaunchPermission) (string, error) {
		set := 0
		for _, f := range []string{p.UserId, p.Group, p.OrganizationArn, p.OrganizationalUnitArn} {
			if f != "" {
				set++
			}
		}
		if set != 1 {
			return "", errf(InvalidAMIAttributeItemValue, "A launch permission names exactly one of UserId, Group, OrganizationArn and OrganizationalUnitArn (got %d).", set)
		}
		switch {
		case p.Group == groupAll:
			return groupAll, nil
		case p.Group != "":
			return "", errf(InvalidAMIAttributeItemValue, "Invalid attribute item value \"%s\" for group item type.", p.Group)
		case p.OrganizationArn != "":
			if !orgARN.MatchString(p.OrganizationArn) {
				return "", errf(InvalidAMIAttributeItemValue, "Invalid attribute item value \"%s\" for organizationArn item type.", p.OrganizationArn)
			}
			return p.OrganizationArn, nil
		case p.OrganizationalUnitArn != "":
			if !ouARN.MatchString(p.OrganizationalUnitArn) {
				return "", errf(InvalidAMIAttributeItemValue, "Invalid attribute item value \"%s\" for organizationalUnitArn item type.", p.OrganizationalUnitArn)
			}
			return p.OrganizationalUnitArn, nil
		}
		id := cmp.Or(w.AccountID(p.UserId), p.UserId)
		if !isAccountID(id) {
			return "", errf(InvalidAMIAttributeItemValue, "Invalid attribute item value \"%s\" for userId item type.", p.UserId)
		}
		return id, nil
	}
	var addIDs, removeIDs []string
	for _, p := range add {
		id, err := resolved(p)
		if err != nil {
			return err
		}
		if id == groupAll {
			if err := w.checkPublicSharing(c, im); err != nil { // deprecation.go
				return err
			}
			if im.Encrypted() {
				// AWS answers UnsupportedOperation ("Encrypted snapshots can't be
				// shared publicly"), as seen in Packer build logs.
				return errf(UnsupportedOperation, "Encrypted AMI %s cannot be made public: encrypted snapshots can't be shared publicly. Share it with specific accounts and grant them its KMS key.", im.ID)
			}
			if im.ProductCode != "" {
				return errf(InvalidParameterValue, "AMI %s has an AWS Marketplace product code and cannot be made public.", im.ID)
			}
		} else if w.usesAWSManagedKey(im) {
			// AWS answers InvalidParameter here (seen in Packer issue reports).
			return errf(InvalidParameter, "AMI %s is encrypted with the AWS managed key (alias/aws/ebs), which cannot be shared: copy it with a customer managed key first.", im.ID)
		}
		addIDs = append(addIDs, id)
	}
	for _, p := range remove {
		id, err := resolved(p)
		if err != nil {
			return err
		}
		removeIDs = append(removeIDs, id)
	}
	for _, id := range addIDs {
		switch {
		case id == groupAll:
			im.Public = true
		case strings.HasPrefix(id, "arn:"):
			if !slices.Contains(im.LaunchOrgs, id) {
				im.LaunchOrgs = append(im.LaunchOrgs, id)
			}
		case !slices.Contains(im.LaunchPermissions, id):
			im.LaunchPermissions = append(im.LaunchPermissions, id)
		}
	}
	for _, id := range removeIDs {
		drop := func(s string) bool { return s == id }
		switch {
		case id == groupAll:
			im.Public = false
		case strings.HasPrefix(id, "arn:"):
			im.LaunchOrgs = slices.DeleteFunc(im.LaunchOrgs, drop)
		default:
			im.LaunchPermissions = slices.DeleteFunc(im.LaunchPermissions, drop)
		}
	}
	return nil
}

func (w *World) usesAWSManagedKey(im *Image) bool {
	for _, id := range im.SnapshotIDs() {
		if s := w.snapshots[id]; s != nil && s.Encrypted {
			if k := w.keys[s.KMSKeyID]; k != nil && k.AWSManaged {
				return true
			}
		}
	}
	return false
}
