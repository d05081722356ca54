package model

import (
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// CreateVolumeInput is the CreateVolume request.
type CreateVolumeInput struct {
	AvailabilityZone   string             `yaml:"AvailabilityZone" json:"AvailabilityZone,omitempty"`
	Size               int                `yaml:"Size" json:"Size,omitempty"`
	SnapshotId         string             `yaml:"SnapshotId" json:"SnapshotId,omitempty"`
	VolumeType         string             `yaml:"VolumeType" json:"VolumeType,omitempty"`
	Iops               int                `yaml:"Iops" json:"Iops,omitempty"`
	Throughput         int                `yaml:"Throughput" json:"Throughput,omitempty"`
	Encrypted          *bool              `yaml:"Encrypted" json:"Encrypted,omitempty"`
	KmsKeyId           string             `yaml:"KmsKeyId" json:"KmsKeyId,omitempty"`
	MultiAttachEnabled bool               `yaml:"MultiAttachEnabled" json:"MultiAttachEnabled,omitempty"`
	TagSpecifications  []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
}

// VolumeOutput names the volume a call created or changed.
type VolumeOutput struct {
	VolumeId string `json:"VolumeId"`
	State    string `json:"State,omitempty"`
}

// Created lists the IDs the call created.
func (o VolumeOutput) Created() []string { return []string{o.VolumeId} }

// AttachVolumeInput is the AttachVolume request.
type AttachVolumeInput struct {
	Device     string `yaml:"Device" json:"Device"`
	InstanceId string `yaml:"InstanceId" json:"InstanceId"`
	VolumeId   string `yaml:"VolumeId" json:"VolumeId"`
}

// DetachVolumeInput is the DetachVolume request.
type DetachVolumeInput struct {
	VolumeId   string `yaml:"VolumeId" json:"VolumeId"`
	InstanceId string `yaml:"InstanceId" json:"InstanceId,omitempty"`
	Device     string `yaml:"Device" json:"Device,omitempty"`
	Force      bool   `yaml:"Force" json:"Force,omitempty"`
}

// VolumeIDInput is the DeleteVolume request.
type VolumeIDInput struct {
	VolumeId string `yaml:"VolumeId" json:"VolumeId"`
}

// CreateSnapshotInput is the CreateSnapshot request.
type CreateSnapshotInput struct {
	VolumeId          string             `yaml:"VolumeId" json:"VolumeId"`
	Description       string             `yaml:"Description" json:"Description,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
}

// CopySnapshotInput is the CopySnapshot request, made in the destination region.
type CopySnapshotInput struct {
	SourceRegion      string             `yaml:"SourceRegion" json:"SourceRegion"`
	SourceSnapshotId  string             `yaml:"SourceSnapshotId" json:"SourceSnapshotId"`
	Description       string             `yaml:"Description" json:"Description,omitempty"`
	Encrypted         *bool              `yaml:"Encrypted" json:"Encrypted,omitempty"`
	KmsKeyId          string             `yaml:"KmsKeyId" json:"KmsKeyId,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
}

// SnapshotIDInput is the DeleteSnapshot request.
type SnapshotIDInput struct {
	SnapshotId string `yaml:"SnapshotId" json:"SnapshotId"`
}

// ModifySnapshotTierInput moves a snapshot to the archive tier.
type ModifySnapshotTierInput struct {
	SnapshotId  string `yaml:"SnapshotId" json:"SnapshotId"`
	StorageTier string `yaml:"StorageTier" json:"StorageTier"`
}

// SnapshotOutput names the snapshot a call created.
type SnapshotOutput struct {
	SnapshotId string `json:"SnapshotId"`
}

// Created lists the IDs the call created.
func (o SnapshotOutput) Created() []string { return []string{o.SnapshotId} }

// WriteDataInput is not an EC2 action: it stands for what software on the
// instance does, writing data to a volume or an instance-store disk, so that
// scenarios can show what persists and what a snapshot stores.
type WriteDataInput struct {
	InstanceId string `yaml:"InstanceId" json:"InstanceId"`
	Device     string `yaml:"Device" json:"Device,omitempty"` // default: the root device
	GiB        int    `yaml:"GiB" json:"GiB"`
	Secret     bool   `yaml:"Secret" json:"Secret,omitempty"` // e.g. an access key written to disk
}

// newVolume creates a volume in a first state: creating (CreateVolume) or
// in-use (a launch's block device mapping, attached from the start).
func (w *World) newVolume(state, account, region, az string, size int, volType string, iops, throughput int, encrypted bool, kms string, snap *Snapshot) *Volume {
	v := &Volume{
		ID: w.newID("vol"), Owner: account, Region: region, AZ: az, SizeGiB: size, Type: volType,
		IOPS: iops, Throughput: throughput, Encrypted: encrypted, KMSKeyID: kms,
		State: state, CreateTime: w.Now(), seq: w.nextSeq(),
	}
	if volType == "gp3" {
		if v.IOPS == 0 {
			v.IOPS = 3000
		}
		if v.Throughput == 0 {
			v.Throughput = 125
		}
	}
	if snap != nil {
		v.SnapshotID, v.DataGiB, v.Secret, v.lastSnap = snap.ID, snap.DataGiB, snap.Secret, snap.ID
	}
	w.volumes[v.ID] = v
	return v
}

func (w *World) setVolumeState(v *Volume, to string) {
	from := v.State
	if from == to {
		return
	}
	v.State = to
	w.emit(TraceEvent{Kind: TraceState, Action: "volume", Resource: v.ID, Region: v.Region, AZ: v.AZ, From: from, To: to})
	if to == VolumeDeleted {
		w.bill.closeVolume(v)
		delete(w.volumes, v.ID)
		w.forget(w.bill.billed(&v.bill, v.ID))
	}
}

func (w *World) volumeFor(c Caller, ref string) (*Volume, error) {
	if ref == "" {
		return nil, errf(MissingParameter, "The request must contain the parameter VolumeId")
	}
	id := w.resolve(ref)
	if !validID(id, "vol") {
		return nil, errf(InvalidVolumeMalformed, "Invalid id: \"%s\" (expecting \"vol-...\")", ref)
	}
	v, ok := w.volumes[id]
	if !ok || v.Region != c.Region || v.Owner != c.Account {
		return nil, errf(InvalidVolumeNotFound, "The volume '%s' does not exist.", id)
	}
	return v, nil
}

func (w *World) snapshotFor(c Caller, ref, region string) (*Snapshot, error) {
	if ref == "" {
		return nil, errf(MissingParameter, "The request must contain the parameter SnapshotId")
	}
	id := w.resolve(ref)
	if !validID(id, "snap") {
		return nil, errf(InvalidSnapshotMalformed, "Invalid id: \"%s\" (expecting \"snap-...\")", ref)
	}
	s, ok := w.snapshots[id]
	if !ok || s.Region != region || !s.restorableBy(c.Account) {
		return nil, errf(InvalidSnapshotNotFound, "The snapshot '%s' does not exist.", id)
	}
	return s, nil
}

// ownSnapshot finds a snapshot in the caller's region that the caller owns,
// for the calls only the owner may make: another account it is shared with
// may read it (snapshotFor) but not delete, modify or restore it. verb is
// what the call would do, for the AuthFailure message.
func (w *World) ownSnapshot(c Caller, ref, verb string) (*Snapshot, error) {
	s, err := w.snapshotFor(c, ref, c.Region)
	if err != nil {
		return nil, err
	}
	if s.Owner != c.Account {
		return nil, errf(AuthFailure, "You are not authorized to %s snapshot %s: it belongs to %s.", verb, s.ID, w.accountName(s.Owner))
	}
	return s, nil
}

// CreateVolume creates an EBS volume in an Availability Zone.
func (w *World) CreateVolume(c Caller, in CreateVolumeInput) (out VolumeOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateVolume", c, out.VolumeId, err, "") }()
	if err != nil {
		return out, err
	}
	r, _ := w.cat.Region(c.Region)
	if in.AvailabilityZone == "" {
		return out, errf(MissingParameter, "The request must contain the parameter AvailabilityZone")
	}
	if !slices.Contains(r.AZs, in.AvailabilityZone) {
		return out, errf(InvalidZoneNotFound, "The zone '%s' does not exist in %s.%s", in.AvailabilityZone, c.Region, suggest(in.AvailabilityZone, r.AZs))
	}
	var snap *Snapshot
	size := in.Size
	encrypted := in.Encrypted != nil && *in.Encrypted || w.encryptsByDefault(c) // encryption.go
	kms := ""
	if in.SnapshotId != "" {
		if snap, err = w.snapshotFor(c, in.SnapshotId, c.Region); err != nil {
			return out, err
		}
		if snap.State != SnapshotCompleted {
			return out, errf(IncorrectState, "Snapshot '%s' is %s; a volume can be created only from a completed snapshot.", snap.ID, snap.State)
		}
		if !snap.readable() {
			return out, errf(IncorrectState, "Snapshot '%s' is in the archive tier: restore it to standard before creating a volume from it.", snap.ID)
		}
		if size == 0 {
			size = snap.VolumeSize
		}
		if size < snap.VolumeSize {
			return out, errf(InvalidParameterValue, "Volume of %d GiB is smaller than snapshot '%s' (%d GiB).", size, snap.ID, snap.VolumeSize)
		}
		if snap.Encrypted {
			if in.Encrypted != nil && !*in.Encrypted {
				return out, errf(InvalidParameterCombination, "Snapshot '%s' is encrypted, so the volume must be encrypted too.", snap.ID)
			}
			encrypted, kms = true, snap.KMSKeyID
		}
	}
	if size == 0 {
		return out, errf(MissingParameter, "The request must contain the parameter Size or SnapshotId")
	}
	volType := in.VolumeType
	if volType == "" {
		volType = "gp2" // the API's default
	}
	if err := checkVolumeSpec(volType, size, in.Iops, in.Throughput, false); err != nil {
		return out, err
	}
	if in.MultiAttachEnabled && volType != "io1" && volType != "io2" {
		// Multi-Attach is for Provisioned IOPS SSD only (EBS user guide,
		// "Attach a volume to multiple instances with Amazon EBS Multi-Attach").
		return out, errf(InvalidParameterDependency, "The parameter MultiAttachEnabled is only supported for io1 and io2 volumes, not %s.", volType)
	}
	if err := checkTagSpecs(in.TagSpecifications, resVolume, resVolume); err != nil {
		return out, err
	}
	if in.KmsKeyId != "" {
		if !encrypted {
			return out, errf(InvalidParameterDependency, "The parameter KmsKeyId requires the parameter Encrypted to be set.")
		}
		k, err := w.findKey(c.Account, c.Region, in.KmsKeyId)
		if err != nil {
			return out, err
		}
		kms = k.ID
	} else if encrypted && kms == "" {
		kms = w.ebsDefaultKeyID(c)
	}
	v := w.newVolume(VolumeCreating, c.Account, c.Region, in.AvailabilityZone, size, volType, in.Iops, in.Throughput, encrypted, kms, snap)
	w.emit(TraceEvent{Kind: TraceState, Action: "volume", Resource: v.ID, Region: v.Region, AZ: v.AZ, To: VolumeCreating, Message: fmt.Sprintf("%d GiB %s", size, volType)})
	v.Tags, v.MultiAttach = specTags(in.TagSpecifications, resVolume, resVolume), in.MultiAttachEnabled
	w.bill.openVolume(v)
	v.next = w.after(w.sample("volume/create"), evVolumeCreated, v.ID)
	return VolumeOutput{VolumeId: v.ID, State: v.State}, nil
}

func (w *World) onVolumeCreated(id string) {
	v := w.volumes[id]
	v.next = 0
	w.setVolumeState(v, VolumeAvailable)
}

// AttachVolume attaches an available volume to an instance in the same AZ.
func (w *World) AttachVolume(c Caller, in AttachVolumeInput) (out VolumeOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("AttachVolume", c, w.resolve(in.VolumeId), err, "") }()
	if err != nil {
		return out, err
	}
	v, err := w.volumeFor(c, in.VolumeId)
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return out, err
	}
	inst := insts[0]
	if in.Device == "" {
		return out, errf(MissingParameter, "The request must contain the parameter Device")
	}
	switch {
	case v.State == VolumeInUseState:
		return out, errf(VolumeInUse, "%s is already attached to an instance", v.ID)
	case v.State != VolumeAvailable:
		return out, errf(IncorrectState, "Volume '%s' is %s; only an available volume can be attached.", v.ID, v.State)
	case inst.State != Running && inst.State != Stopped:
		return out, errf(IncorrectInstanceState, "Instance '%s' is not 'running' or 'stopped'.", inst.ID)
	case v.AZ != inst.AZ:
		return out, errf(InvalidVolumeZoneMismatch, "The volume '%s' is not in the same availability zone as instance '%s' (%s vs %s). Volumes are zonal: snapshot it and create a new volume in %s.", v.ID, inst.ID, v.AZ, inst.AZ, inst.AZ)
	}
	for _, bd := range inst.BlockDevices {
		if bd.DeviceName == in.Device {
			return out, errf(InvalidParameterValue, "Attachment point %s is already in use", in.Device)
		}
	}
	t, _ := w.cat.InstanceType(inst.Type)
	if limit := attachLimit(t); len(inst.BlockDevices) >= limit {
		return out, errf(AttachmentLimitExceeded, "Instance '%s' already has %d EBS volumes attached; %s supports %d.", inst.ID, len(inst.BlockDevices), t.Name, limit)
	}
	if v.Encrypted && !w.canUseKey(c.Account, v.KMSKeyID) {
		return out, errf(IncorrectState, "The KMS key of volume '%s' is not usable by this account.", v.ID)
	}
	v.InstanceID, v.Device, v.AttachState, v.DeleteOnTermination, v.AttachTime = inst.ID, in.Device, Attaching, false, w.Now()
	w.setVolumeState(v, VolumeInUseState)
	inst.BlockDevices = append(inst.BlockDevices, InstanceBlockDevice{in.Device, v.ID, false})
	v.next = w.after(w.sample("volume/attach"), evVolumeAttached, v.ID)
	return VolumeOutput{VolumeId: v.ID, State: Attaching}, nil
}

// attachLimit is the number of EBS volumes a type accepts (Nitro: 28
// attachments shared with network interfaces, taken here as 27 volumes).
func attachLimit(t *InstanceTypeInfo) int {
	if t.Nitro {
		return 27
	}
	return 40
}

func (w *World) onVolumeAttached(id string) {
	v := w.volumes[id]
	v.next = 0
	v.AttachState = Attached
	w.emit(TraceEvent{Kind: TraceNote, Action: "attached", Resource: id, Region: v.Region, AZ: v.AZ, Message: fmt.Sprintf("attached to %s as %s", v.InstanceID, v.Device)})
}

// DetachVolume detaches a volume. The root volume of an instance that is not
// stopped cannot be detached.
func (w *World) DetachVolume(c Caller, in DetachVolumeInput) (out VolumeOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DetachVolume", c, w.resolve(in.VolumeId), err, "") }()
	if err != nil {
		return out, err
	}
	v, err := w.volumeFor(c, in.VolumeId)
	if err != nil {
		return out, err
	}
	if v.InstanceID == "" {
		return out, errf(IncorrectState, "Volume '%s' is in the '%s' state.", v.ID, v.State)
	}
	if in.InstanceId != "" && w.resolve(in.InstanceId) != v.InstanceID {
		return out, errf(InvalidAttachmentNotFound, "Volume '%s' is not attached to instance '%s'.", v.ID, w.resolve(in.InstanceId))
	}
	if in.Device != "" && in.Device != v.Device {
		// The attachment is named by volume, instance and device together:
		// a device the volume is not at names no attachment (S3, DetachVolume).
		return out, errf(InvalidAttachmentNotFound, "The volume '%s' is not attached to '%s' at device '%s'.", v.ID, v.InstanceID, in.Device)
	}
	if v.AttachState == Detaching {
		return out, errf(IncorrectState, "Volume '%s' is already detaching.", v.ID)
	}
	inst := w.instances[v.InstanceID]
	if v.Device == inst.RootDeviceName && inst.State != Stopped {
		return out, errf(IncorrectInstanceState, "Unable to detach root volume '%s' from instance '%s': the instance must be stopped first.", v.ID, inst.ID)
	}
	v.AttachState = Detaching
	w.eng.Cancel(v.next)
	v.next = w.after(w.sample("volume/detach"), evVolumeDetached, v.ID)
	return VolumeOutput{VolumeId: v.ID, State: Detaching}, nil
}

func (w *World) onVolumeDetached(id string) {
	v := w.volumes[id]
	v.next = 0
	if inst := w.instances[v.InstanceID]; inst != nil {
		inst.BlockDevices = slices.DeleteFunc(inst.BlockDevices, func(b InstanceBlockDevice) bool { return b.VolumeID == id })
	}
	v.InstanceID, v.Device, v.AttachState = "", "", ""
	w.setVolumeState(v, VolumeAvailable)
}

// DeleteVolume deletes an available volume; its billing stops.
func (w *World) DeleteVolume(c Caller, in VolumeIDInput) (out VolumeOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteVolume", c, w.resolve(in.VolumeId), err, "") }()
	if err != nil {
		return out, err
	}
	v, err := w.volumeFor(c, in.VolumeId)
	if err != nil {
		return out, err
	}
	switch v.State {
	case VolumeAvailable:
	case VolumeInUseState:
		return out, errf(VolumeInUse, "Volume %s is currently attached to %s", v.ID, v.InstanceID)
	default:
		return out, errf(IncorrectState, "Volume '%s' is %s and cannot be deleted now.", v.ID, v.State)
	}
	w.setVolumeState(v, VolumeDeleting)
	v.next = w.after(w.sample("volume/delete"), evVolumeDeleted, v.ID)
	return VolumeOutput{VolumeId: v.ID, State: VolumeDeleting}, nil
}

func (w *World) onVolumeDeleted(id string) {
	v := w.volumes[id]
	v.next = 0
	w.setVolumeState(v, VolumeDeleted)
}

// WriteData simulates software on the instance writing data. Instance-store
// disks are named by device or "ephemeral0"…; the default is the root device.
func (w *World) WriteData(c Caller, in WriteDataInput) (err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("WriteData", c, w.resolve(in.InstanceId), err, fmt.Sprintf("%d GiB%s", in.GiB, map[bool]string{true: " (secret)"}[in.Secret]))
	}()
	if err != nil {
		return err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return err
	}
	inst := insts[0]
	if inst.State != Running {
		return errf(IncorrectInstanceState, "Instance '%s' is %s: only a running instance can write data.", inst.ID, inst.State)
	}
	if in.GiB < 0 {
		return errf(InvalidParameterValue, "GiB must not be negative")
	}
	dev := in.Device
	if dev == "" {
		dev = inst.RootDeviceName
	}
	for _, bd := range inst.BlockDevices {
		if bd.DeviceName == dev {
			v := w.volumes[bd.VolumeID]
			if v.DataGiB+in.GiB > v.SizeGiB {
				w.emit(TraceEvent{Kind: TraceNote, Action: "disk-full", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
					Message: fmt.Sprintf("%s (%s) is full: %d GiB fit, %d GiB asked for", dev, v.ID, v.SizeGiB-v.DataGiB, in.GiB)})
			}
			v.DataGiB = min(v.SizeGiB, v.DataGiB+in.GiB)
			v.Dirty = min(v.SizeGiB, v.Dirty+in.GiB)
			v.Secret = v.Secret || in.Secret
			return nil
		}
	}
	for i := range inst.Ephemeral {
		e := &inst.Ephemeral[i]
		if e.DeviceName == dev || e.VirtualName == dev {
			if e.DataGiB+in.GiB > e.CapacityGiB {
				w.emit(TraceEvent{Kind: TraceNote, Action: "disk-full", Resource: inst.ID, Region: inst.Region, AZ: inst.AZ,
					Message: fmt.Sprintf("%s is full: %d GiB fit, %d GiB asked for", dev, e.CapacityGiB-e.DataGiB, in.GiB)})
			}
			e.DataGiB = min(e.CapacityGiB, e.DataGiB+in.GiB)
			e.Secret = e.Secret || in.Secret
			return nil
		}
	}
	return errf(InvalidParameterValue, "Instance '%s' has no device %s", inst.ID, dev)
}

// newSnapshot starts a snapshot of a volume's current data. It stores only
// what changed since the account's previous snapshot of the same lineage.
func (w *World) newSnapshot(v *Volume, desc string) *Snapshot {
	s := &Snapshot{
		ID: w.newID("snap"), Owner: v.Owner, Region: v.Region, VolumeID: v.ID, VolumeSize: v.SizeGiB,
		DataGiB: v.DataGiB, StoredGiB: v.DataGiB, State: SnapshotPending, StartTime: w.Now(),
		Description: desc, Encrypted: v.Encrypted, KMSKeyID: v.KMSKeyID, Tier: TierStandard, Secret: v.Secret,
		seq: w.nextSeq(),
	}
	s.lineage = s.ID
	if base, ok := w.snapshots[v.lastSnap]; ok && base.Owner == v.Owner && base.Tier != TierArchive {
		s.StoredGiB, s.lineage = min(v.Dirty, v.DataGiB), base.lineage
	}
	v.lastSnap, v.Dirty = s.ID, 0
	w.addSnapshot(s, w.sample("snapshot/base")+sim.Time(s.StoredGiB)*w.sample("snapshot/per-gib"))
	return s
}

func (w *World) addSnapshot(s *Snapshot, took sim.Time) {
	s.doneAt = w.Now() + took
	w.snapshots[s.ID] = s
	w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: s.ID, Region: s.Region, To: SnapshotPending,
		Message: fmt.Sprintf("%d GiB of data, %d GiB stored", s.DataGiB, s.StoredGiB)})
	w.bill.openSnapshot(s)
	w.after(took, evSnapshotDone, s.ID)
}

func (w *World) onSnapshotDone(id string) {
	s, ok := w.snapshots[id]
	if !ok || s.State != SnapshotPending {
		return
	}
	s.State = SnapshotCompleted
	w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: id, Region: s.Region, From: SnapshotPending, To: SnapshotCompleted})
	for _, im := range w.sortedImages() {
		if im.State == ImagePending && slices.Contains(im.SnapshotIDs(), id) {
			im.pendingSnaps--
			switch {
			case im.pendingSnaps > 0:
			case im.SourceInstanceID != "":
				// CreateImage registers the AMI after its snapshots:
				// "several minutes (sometimes up to 24 hours)" in all (S19).
				w.after(w.sample("image/create"), evImageCreated, im.ID)
			default:
				w.setImageState(im, ImageAvailable)
			}
		}
	}
}

// CreateSnapshot snapshots an EBS volume.
func (w *World) CreateSnapshot(c Caller, in CreateSnapshotInput) (out SnapshotOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CreateSnapshot", c, out.SnapshotId, err, "") }()
	if err != nil {
		return out, err
	}
	v, err := w.volumeFor(c, in.VolumeId)
	if err != nil {
		return out, err
	}
	if err := w.snapshotSlot(v); err != nil {
		return out, err
	}
	if err := checkTagSpecs(in.TagSpecifications, resSnapshot, resSnapshot); err != nil {
		return out, err
	}
	s := w.newSnapshot(v, in.Description)
	s.Tags = specTags(in.TagSpecifications, resSnapshot, resSnapshot)
	return SnapshotOutput{s.ID}, nil
}

// snapshotSlot checks that a volume can start another snapshot: it exists
// and is not being created or deleted, and has fewer than its limit in
// progress (five, one for st1 and sc1).
func (w *World) snapshotSlot(v *Volume) error {
	if v.State != VolumeAvailable && v.State != VolumeInUseState {
		return errf(IncorrectState, "Volume '%s' is %s.", v.ID, v.State)
	}
	limit := 5
	if v.Type == "st1" || v.Type == "sc1" {
		limit = 1
	}
	pending := 0
	for _, s := range w.snapshots {
		if s.VolumeID == v.ID && s.State == SnapshotPending {
			pending++
		}
	}
	if pending >= limit {
		return errf(ConcurrentSnapshotLimitExceeded, "Maximum allowed in-progress snapshots for a single volume exceeded (%d).", limit)
	}
	return nil
}

// copySnapshot makes a copy of src in the caller's region. A first copy
// into another region is full; later copies of the same lineage are
// incremental. Cross-region copies bill data transfer.
func (w *World) copySnapshot(c Caller, src *Snapshot, encrypted bool, kms, desc string) *Snapshot {
	s := &Snapshot{
		ID: w.newID("snap"), Owner: c.Account, Region: c.Region, VolumeID: "vol-ffffffff", VolumeSize: src.VolumeSize,
		DataGiB: src.DataGiB, StoredGiB: src.DataGiB, State: SnapshotPending, StartTime: w.Now(),
		Description: desc, Encrypted: encrypted, KMSKeyID: kms, Tier: TierStandard, Secret: src.Secret, seq: w.nextSeq(),
	}
	s.lineage = s.ID
	reencrypt := encrypted != src.Encrypted || kms != src.KMSKeyID
	if src.Region == c.Region && src.Owner == c.Account && !reencrypt {
		s.StoredGiB, s.lineage = 0, src.lineage // shares the source's blocks
	} else if !reencrypt {
		for _, o := range w.sortedSnapshots() {
			if o.Region == c.Region && o.Owner == c.Account && o.copyOf == src.lineage {
				s.StoredGiB, s.lineage = src.StoredGiB, o.lineage
				break
			}
		}
	}
	s.copyOf = src.lineage
	if src.Region != c.Region {
		w.bill.transfer(c.Account, src.Region, c.Region, s.ID, int64(s.StoredGiB))
	}
	w.addSnapshot(s, w.sample("copy/base")+sim.Time(s.StoredGiB)*w.sample("copy/per-gib"))
	return s
}

// CopySnapshot copies a completed snapshot into the caller's region.
func (w *World) CopySnapshot(c Caller, in CopySnapshotInput) (out SnapshotOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("CopySnapshot", c, out.SnapshotId, err, "") }()
	if err != nil {
		return out, err
	}
	if err := w.checkSourceRegion(in.SourceRegion); err != nil {
		return out, err
	}
	src, err := w.snapshotFor(c, in.SourceSnapshotId, in.SourceRegion)
	if err != nil {
		return out, err
	}
	if src.State != SnapshotCompleted {
		return out, errf(IncorrectState, "Snapshot '%s' is %s; only completed snapshots can be copied.", src.ID, src.State)
	}
	enc, kms, err := w.copyEncryption(c, src.Encrypted, src.KMSKeyID, src.Region, in.Encrypted, in.KmsKeyId)
	if err != nil {
		return out, err
	}
	if err := checkTagSpecs(in.TagSpecifications, resSnapshot, resSnapshot); err != nil {
		return out, err
	}
	s := w.copySnapshot(c, src, enc, kms, in.Description)
	s.Tags = specTags(in.TagSpecifications, resSnapshot, resSnapshot)
	return SnapshotOutput{s.ID}, nil
}

// copyEncryption decides a copy's encryption: it can be added, never removed.
func (w *World) copyEncryption(c Caller, srcEnc bool, srcKey, srcRegion string, want *bool, keyRef string) (bool, string, error) {
	enc := srcEnc || (want != nil && *want) || w.encryptsByDefault(c) // encryption.go
	if want != nil && !*want && srcEnc {
		return false, "", errf(InvalidParameterCombination, "The source is encrypted; a copy cannot remove encryption.")
	}
	if keyRef != "" && (want == nil || !*want) {
		// AWS asks for Encrypted explicitly whenever KmsKeyId is given, even
		// for a source that is encrypted already (S3, CopyImage, CopySnapshot).
		return false, "", errf(InvalidParameterDependency, "The parameter KmsKeyId requires the parameter Encrypted to be set.")
	}
	if !enc {
		return false, "", nil
	}
	if keyRef != "" {
		k, err := w.findKey(c.Account, c.Region, keyRef)
		if err != nil {
			return false, "", err
		}
		return true, k.ID, nil
	}
	if srcEnc && srcRegion == c.Region && w.canUseKey(c.Account, srcKey) {
		return true, srcKey, nil
	}
	return true, w.ebsDefaultKeyID(c), nil
}

// DeleteSnapshot deletes a snapshot unless a registered AMI uses it.
func (w *World) DeleteSnapshot(c Caller, in SnapshotIDInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteSnapshot", c, w.resolve(in.SnapshotId), err, "") }()
	if err != nil {
		return err
	}
	s, err := w.ownSnapshot(c, in.SnapshotId, "delete")
	if err != nil {
		return err
	}
	if by := w.SnapshotInUseBy(s.ID); len(by) > 0 {
		return errf(InvalidSnapshotInUse, "The snapshot %s is currently in use by %s", s.ID, by[0])
	}
	w.deleteSnapshot(s)
	return nil
}

// SnapshotInUseBy lists the registered (not deregistered) AMIs backed by a
// snapshot, in creation order. While it is not empty the snapshot cannot be
// deleted or archived (InvalidSnapshot.InUse), and the errors name its first
// AMI.
func (w *World) SnapshotInUseBy(snapID string) []string {
	var ids []string
	for _, im := range w.sortedImages() {
		if im.State != ImageDeregistered && slices.Contains(im.SnapshotIDs(), snapID) {
			ids = append(ids, im.ID)
		}
	}
	return ids
}

// deleteSnapshot removes a snapshot. Data a later snapshot of the same
// lineage still needs moves to it, so its storage grows.
func (w *World) deleteSnapshot(s *Snapshot) {
	if w.binSnapshot(s) { // a Recycle Bin rule keeps it (recyclebin.go)
		return
	}
	w.bill.closeSnapshot(s)
	delete(w.snapshots, s.ID)
	defer w.forget(w.bill.known(s.ID))
	if s.Tier != TierArchive {
		w.handOverBlocks(s)
	}
	w.emit(TraceEvent{Kind: TraceState, Action: "snapshot", Resource: s.ID, Region: s.Region, From: s.State, To: "deleted"})
}

// handOverBlocks gives the next later snapshot of s's lineage the blocks of
// s it still references, as s leaves the standard tier (deleted or
// archived): those blocks stay stored, now billed to that snapshot.
func (w *World) handOverBlocks(s *Snapshot) {
	for _, o := range w.sortedSnapshots() {
		if o.lineage == s.lineage && o.seq > s.seq && o.Owner == s.Owner && o.Tier != TierArchive && o.ID != s.ID {
			if moved := min(o.DataGiB, o.StoredGiB+s.StoredGiB); moved != o.StoredGiB {
				w.bill.closeSnapshot(o)
				o.StoredGiB = moved
				w.bill.openSnapshot(o)
			}
			break
		}
	}
}

// ModifySnapshotTier archives a completed snapshot: it becomes a full
// snapshot at the archive price, with a 90-day minimum.
func (w *World) ModifySnapshotTier(c Caller, in ModifySnapshotTierInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ModifySnapshotTier", c, w.resolve(in.SnapshotId), err, "") }()
	if err != nil {
		return err
	}
	s, err := w.snapshotFor(c, in.SnapshotId, c.Region)
	if err != nil {
		return err
	}
	if in.StorageTier != TierArchive {
		return errf(InvalidParameterValue, "Invalid value '%s' for StorageTier (valid: archive)", in.StorageTier)
	}
	if s.State != SnapshotCompleted || s.Tier == TierArchive {
		return errf(IncorrectState, "Snapshot '%s' must be completed and in the standard tier to be archived.", s.ID)
	}
	if by := w.SnapshotInUseBy(s.ID); len(by) > 0 {
		return errf(InvalidSnapshotInUse, "The snapshot %s is in use by %s and cannot be archived.", s.ID, by[0])
	}
	w.bill.closeSnapshot(s)
	// Blocks later snapshots still reference stay in the standard tier,
	// billed to the next of them; the archive gets a full copy (S14).
	w.handOverBlocks(s)
	s.Tier, s.ArchivedAt, s.StoredGiB = TierArchive, w.Now(), s.DataGiB
	w.bill.openSnapshot(s)
	w.emit(TraceEvent{Kind: TraceNote, Action: "archived", Resource: s.ID, Region: s.Region, Message: fmt.Sprintf("archive tier: full %d GiB at the archive rate, 90-day minimum", s.DataGiB)})
	return nil
}

// InstanceSpecification names the instance whose volumes CreateSnapshots
// snapshots, and those to leave out.
type InstanceSpecification struct {
	InstanceId           string   `yaml:"InstanceId" json:"InstanceId"`
	ExcludeBootVolume    bool     `yaml:"ExcludeBootVolume" json:"ExcludeBootVolume,omitempty"`
	ExcludeDataVolumeIds []string `yaml:"ExcludeDataVolumeIds" json:"ExcludeDataVolumeIds,omitempty"`
}

// CreateSnapshotsInput is the CreateSnapshots request.
type CreateSnapshotsInput struct {
	InstanceSpecification InstanceSpecification `yaml:"InstanceSpecification" json:"InstanceSpecification"`
	Description           string                `yaml:"Description" json:"Description,omitempty"`
	CopyTagsFromSource    string                `yaml:"CopyTagsFromSource" json:"CopyTagsFromSource,omitempty"` // "volume"
	TagSpecifications     []TagSpecification    `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	DryRun                bool                  `yaml:"DryRun" json:"DryRun,omitempty"`
}

// SnapshotInfo is one snapshot CreateSnapshots started.
type SnapshotInfo struct {
	SnapshotId string
	VolumeId   string
	VolumeSize int
	State      string
	StartTime  sim.Time
	Tags       Tags
}

// CreateSnapshotsOutput lists the snapshots started, root first.
type CreateSnapshotsOutput struct {
	Snapshots []SnapshotInfo
}

// Created lists the IDs the call created.
func (o CreateSnapshotsOutput) Created() []string {
	ids := make([]string, len(o.Snapshots))
	for i, s := range o.Snapshots {
		ids[i] = s.SnapshotId
	}
	return ids
}

// CreateSnapshots takes crash-consistent snapshots of every EBS volume
// attached to an instance, at one point in time (the instance is not
// rebooted, unlike CreateImage without NoReboot), leaving out the boot volume
// with ExcludeBootVolume and data volumes listed in ExcludeDataVolumeIds (S3,
// CreateSnapshots; EBS user guide, "Create multi-volume snapshots").
// CopyTagsFromSource "volume" gives each snapshot its volume's tags. Each
// snapshot counts toward its volume's limit of snapshots in progress; a
// call that would pass one creates none.
func (w *World) CreateSnapshots(c Caller, in CreateSnapshotsInput) (out CreateSnapshotsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		w.apiDone("CreateSnapshots", c, w.resolve(in.InstanceSpecification.InstanceId), err, fmt.Sprintf("%d snapshot(s)", len(out.Snapshots)))
	}()
	if err != nil {
		return out, err
	}
	insts, err := w.instancesFor(c, []string{in.InstanceSpecification.InstanceId})
	if err != nil {
		return out, err
	}
	inst := insts[0]
	if inst.State == Terminated || inst.State == ShuttingDown {
		return out, errf(IncorrectInstanceState, "The instance '%s' is %s.", inst.ID, inst.State)
	}
	if in.CopyTagsFromSource != "" && in.CopyTagsFromSource != "volume" {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for CopyTagsFromSource (valid: volume)", in.CopyTagsFromSource)
	}
	if err := checkTagSpecs(in.TagSpecifications, resSnapshot, resSnapshot); err != nil {
		return out, err
	}
	exclude := w.resolveAll(in.InstanceSpecification.ExcludeDataVolumeIds)
	for _, id := range exclude {
		if !slices.ContainsFunc(inst.BlockDevices, func(b InstanceBlockDevice) bool { return b.VolumeID == id && b.DeviceName != inst.RootDeviceName }) {
			return out, errf(InvalidParameterValue, "Volume '%s' in ExcludeDataVolumeIds is not a data volume attached to %s.", id, inst.ID)
		}
	}
	var vols []*Volume
	for _, bd := range inst.BlockDevices {
		if bd.DeviceName == inst.RootDeviceName && in.InstanceSpecification.ExcludeBootVolume || slices.Contains(exclude, bd.VolumeID) {
			continue
		}
		v := w.volumes[bd.VolumeID]
		if err := w.snapshotSlot(v); err != nil {
			return out, err
		}
		vols = append(vols, v)
	}
	if len(vols) == 0 {
		return out, errf(InvalidParameterValue, "Instance '%s' has no EBS volume left to snapshot.", inst.ID)
	}
	if in.DryRun {
		return out, dryRun()
	}
	tags := specTags(in.TagSpecifications, resSnapshot, resSnapshot)
	for _, v := range vols {
		s := w.newSnapshot(v, in.Description)
		if in.CopyTagsFromSource == "volume" {
			s.Tags = slices.Clone(v.Tags)
		}
		for _, t := range tags {
			s.Tags.Set(t.Key, t.Value)
		}
		out.Snapshots = append(out.Snapshots, SnapshotInfo{SnapshotId: s.ID, VolumeId: v.ID, VolumeSize: v.SizeGiB, State: s.State, StartTime: s.StartTime, Tags: slices.Clone(s.Tags)})
	}
	return out, nil
}
