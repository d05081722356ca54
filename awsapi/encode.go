package awsapi

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// ec2Namespace is the XML namespace of every EC2 response.
const ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

// ec2Version is the API version EC2 clients send, and the only one there is
// for the actions ec2sim simulates.
const ec2Version = "2016-11-15"

// responder turns an action's typed output into the children of its
// response element, as an XML-tagged struct. Element names are the
// service model's (the API reference page of each action lists them:
// instancesSet, instanceState, imageState, status …).
type responder func(e *encoder, out any) any

// responses holds a responder per action whose answer is not the generic
// one (genericXML). Adding an action is an entry here, or nothing when the
// generic encoding of its output type is already AWS's.
var responses = map[string]responder{
	"RunInstances":       runInstances,
	"StartInstances":     stateChanges,
	"StopInstances":      stateChanges,
	"TerminateInstances": stateChanges,
	"RebootInstances":    returnTrue,
	"DescribeInstances":  describeInstances,
	"CreateSnapshot":     createdSnapshot,
	"ModifySnapshotTier": snapshotTier,
	"CreateVolume":       createdVolume,
	"AttachVolume":       volumeAttachment,
	"DetachVolume":       volumeAttachment,
	"DeleteVolume":       returnTrue,

	"DescribeInstanceAttribute": attributeXML,
	"DescribeImageAttribute":    attributeXML,
	"DescribeSnapshotAttribute": attributeXML,
}

// encoder is what a responder may read: the world after the call, the
// caller, and the server's reservation IDs.
type encoder struct {
	w            *model.World
	caller       model.Caller // resolved: account ID and region
	reservations map[string]string
}

// response is an EC2 success body: <ActionResponse xmlns=…> with the
// request ID first, then the output's members (no result wrapper).
type response struct {
	XMLName   xml.Name
	Xmlns     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
	Inner     string `xml:",innerxml"`
}

// encode renders a call's output as its response body.
func (e *encoder) encode(action string, out any, requestID string) ([]byte, error) {
	var body any
	switch f, ok := responses[action]; {
	case ok:
		body = f(e, out)
	case out == nil:
		body = returnTrue(e, out)
	default:
		body = e.genericXML(reflect.ValueOf(out))
	}
	inner, err := children(body)
	if err != nil {
		return nil, err
	}
	b, err := xml.Marshal(response{XMLName: xml.Name{Local: action + "Response"}, Xmlns: ec2Namespace, RequestID: requestID, Inner: inner})
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), b...), nil
}

// children marshals v and keeps what is inside its root element.
func children(v any) (string, error) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	const root = "v"
	if err := enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: root}}); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	b := buf.Bytes()
	open, end := bytes.IndexByte(b, '>'), bytes.LastIndex(b, []byte("</"))
	if open < 0 || end < open {
		return "", nil
	}
	return string(b[open+1 : end]), nil
}

func returnTrue(*encoder, any) any {
	return struct {
		Return bool `xml:"return"`
	}{true}
}

// ts formats a simulated instant as EC2 does, in UTC with milliseconds.
func (e *encoder) ts(t sim.Time) string {
	return e.w.Clock().At(t).Format("2006-01-02T15:04:05.000Z")
}

// ---- instances ---------------------------------------------------------

type xmlState struct {
	Code int    `xml:"code"`
	Name string `xml:"name"`
}

// stateOf gives a state its API code (model.StateCode).
func stateOf(s model.InstanceState) xmlState {
	return xmlState{Code: model.StateCode(s), Name: string(s)}
}

type xmlTag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

func tagSet(ts model.Tags) []xmlTag {
	out := make([]xmlTag, len(ts))
	for i, t := range ts {
		out[i] = xmlTag{t.Key, t.Value}
	}
	return out
}

type xmlGroup struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type xmlInstance struct {
	InstanceID     string   `xml:"instanceId"`
	ImageID        string   `xml:"imageId"`
	State          xmlState `xml:"instanceState"`
	PrivateDNSName string   `xml:"privateDnsName"`
	DNSName        string   `xml:"dnsName"`
	Reason         string   `xml:"reason"`
	KeyName        string   `xml:"keyName,omitempty"`
	AmiLaunchIndex int      `xml:"amiLaunchIndex"`
	InstanceType   string   `xml:"instanceType"`
	LaunchTime     string   `xml:"launchTime"`
	Placement      struct {
		AvailabilityZone string `xml:"availabilityZone"`
		Tenancy          string `xml:"tenancy"`
	} `xml:"placement"`
	Platform   string `xml:"platform,omitempty"`
	Monitoring struct {
		State string `xml:"state"`
	} `xml:"monitoring"`
	SubnetID           string               `xml:"subnetId,omitempty"`
	VpcID              string               `xml:"vpcId,omitempty"`
	PrivateIPAddress   string               `xml:"privateIpAddress,omitempty"`
	IPAddress          string               `xml:"ipAddress,omitempty"`
	SourceDestCheck    bool                 `xml:"sourceDestCheck"`
	StateReason        *xmlStateReason      `xml:"stateReason"`
	Architecture       string               `xml:"architecture,omitempty"`
	RootDeviceType     string               `xml:"rootDeviceType"`
	RootDeviceName     string               `xml:"rootDeviceName,omitempty"`
	BlockDeviceMapping []xmlInstanceMapping `xml:"blockDeviceMapping>item"`
	InstanceLifecycle  string               `xml:"instanceLifecycle,omitempty"`
	VirtualizationType string               `xml:"virtualizationType,omitempty"`
	GroupSet           []xmlGroup           `xml:"groupSet>item"`
	TagSet             []xmlTag             `xml:"tagSet>item"`
	NetworkInterfaces  *xnode               `xml:"networkInterfaceSet"`
	Hibernation        struct {
		Configured bool `xml:"configured"`
	} `xml:"hibernationOptions"`
}

type xmlStateReason struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

// transitionLayout is how EC2 writes the time of a stateTransitionReason:
// "User initiated (2026-01-05 09:05:12 GMT)".
const transitionLayout = "2006-01-02 15:04:05 GMT"

// transitionReason writes an instance's stateTransitionReason (the model's
// Transition) as EC2 does, on the simulated calendar; "" for none.
func (e *encoder) transitionReason(t model.Transition) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s (%s)", t.By, e.w.Clock().At(t.At).UTC().Format(transitionLayout))
}

type xmlInstanceMapping struct {
	DeviceName string `xml:"deviceName"`
	Ebs        struct {
		VolumeID            string `xml:"volumeId"`
		Status              string `xml:"status"`
		AttachTime          string `xml:"attachTime"`
		DeleteOnTermination bool   `xml:"deleteOnTermination"`
	} `xml:"ebs"`
}

// platformWindows is the only value EC2 gives an instance's or image's
// platform; Linux ones have none.
const platformWindows = "windows"

func (e *encoder) instance(i model.Instance) xmlInstance {
	x := xmlInstance{
		InstanceID: i.ID, ImageID: i.ImageID, State: stateOf(i.State), Reason: e.transitionReason(i.Transition),
		KeyName: i.KeyName, InstanceType: i.Type, LaunchTime: e.ts(i.LaunchTime), IPAddress: i.PublicIP,
		SubnetID: i.SubnetID, VpcID: i.VpcID, PrivateIPAddress: i.PrivateIP, SourceDestCheck: i.SourceDestCheck(),
		Architecture: i.Arch, RootDeviceType: i.RootDeviceType, RootDeviceName: i.RootDeviceName,
		InstanceLifecycle: string(i.Lifecycle()), TagSet: tagSet(i.Tags),
	}
	x.Placement.AvailabilityZone, x.Placement.Tenancy = i.AZ, cmp.Or(i.Tenancy, model.TenancyDefault)
	x.Monitoring.State = string(i.Monitoring())
	x.Hibernation.Configured = i.Hibernation
	if !i.StateReason.IsZero() {
		x.StateReason = &xmlStateReason{string(i.StateReason.Code), i.StateReason.Message}
	}
	if i.Platform == platformWindows {
		x.Platform = platformWindows
	}
	x.DNSName, x.PrivateDNSName = i.PublicDNSName(), i.PrivateDNSName()
	if im, ok := e.w.Image(i.ImageID, i.Region); ok {
		x.VirtualizationType = im.Virtualization
	}
	for _, b := range e.w.BlockDeviceMappings(i) {
		var m xmlInstanceMapping
		m.DeviceName = b.DeviceName
		m.Ebs.VolumeID, m.Ebs.Status, m.Ebs.DeleteOnTermination = b.Ebs.VolumeId, b.Ebs.Status, b.Ebs.DeleteOnTermination
		m.Ebs.AttachTime = e.ts(b.Ebs.AttachTime)
		x.BlockDeviceMapping = append(x.BlockDeviceMapping, m)
	}
	for _, g := range e.w.SecurityGroupsOf(i) {
		x.GroupSet = append(x.GroupSet, xmlGroup{g.GroupId, g.GroupName})
	}
	if ni, ok := e.w.NetworkInterfaceOf(i); ok {
		// The instance's view of its interface (InstanceNetworkInterface)
		// has no zone, requester, tags, or instance in its attachment.
		ni.AvailabilityZone, ni.RequesterManaged, ni.Tags = "", nil, nil
		ni.Attachment.InstanceId, ni.Attachment.InstanceOwnerId = "", ""
		n := e.value("networkInterfaceSet", reflect.ValueOf([]model.NetworkInterface{ni}))
		x.NetworkInterfaces = &n
	}
	return x
}

type xmlReservation struct {
	ReservationID string        `xml:"reservationId"`
	OwnerID       string        `xml:"ownerId"`
	GroupSet      []xmlGroup    `xml:"groupSet>item"`
	InstancesSet  []xmlInstance `xml:"instancesSet>item"`
}

// reservationOf is the reservation an instance was launched in: the model
// has none, so the server gives each RunInstances call one, and an
// instance a scenario launched a stable one of its own.
func (e *encoder) reservationOf(id string) string {
	if r, ok := e.reservations[id]; ok {
		return r
	}
	return "r-" + stableHex("r/" + id)[:17]
}

func runInstances(e *encoder, out any) any {
	changes := out.(model.InstancesOutput).Instances
	r := xmlReservation{OwnerID: e.caller.Account}
	for n, s := range changes {
		if n == 0 {
			r.ReservationID = e.reservationOf(s.InstanceId)
		}
		e.reservations[s.InstanceId] = r.ReservationID
		if i, ok := e.w.Instance(s.InstanceId); ok {
			x := e.instance(i)
			x.AmiLaunchIndex = n
			r.InstancesSet = append(r.InstancesSet, x)
		}
	}
	return r
}

func describeInstances(e *encoder, out any) any {
	o := out.(model.DescribeInstancesOutput)
	var body struct {
		Reservations []*xmlReservation `xml:"reservationSet>item"`
		NextToken    string            `xml:"nextToken,omitempty"`
	}
	body.NextToken = o.NextToken
	byID := map[string]*xmlReservation{}
	for _, i := range o.Instances {
		id := e.reservationOf(i.ID)
		r := byID[id]
		if r == nil {
			r = &xmlReservation{ReservationID: id, OwnerID: i.Owner}
			byID[id] = r
			body.Reservations = append(body.Reservations, r)
		}
		r.InstancesSet = append(r.InstancesSet, e.instance(i))
	}
	return body
}

func stateChanges(e *encoder, out any) any {
	type change struct {
		InstanceID    string   `xml:"instanceId"`
		CurrentState  xmlState `xml:"currentState"`
		PreviousState xmlState `xml:"previousState"`
	}
	var body struct {
		Instances []change `xml:"instancesSet>item"`
	}
	for _, s := range out.(model.InstancesOutput).Instances {
		body.Instances = append(body.Instances, change{s.InstanceId, stateOf(s.CurrentState), stateOf(s.PreviousState)})
	}
	return body
}

// ---- images ------------------------------------------------------------

type xmlImage struct {
	ImageID            string          `xml:"imageId"`
	ImageLocation      string          `xml:"imageLocation,omitempty"`
	ImageState         string          `xml:"imageState"`
	ImageOwnerID       string          `xml:"imageOwnerId"`
	CreationDate       string          `xml:"creationDate"`
	IsPublic           bool            `xml:"isPublic"`
	Architecture       string          `xml:"architecture,omitempty"`
	ImageType          string          `xml:"imageType"`
	Platform           string          `xml:"platform,omitempty"`
	ImageOwnerAlias    string          `xml:"imageOwnerAlias,omitempty"`
	Name               string          `xml:"name"`
	Description        string          `xml:"description,omitempty"`
	RootDeviceType     string          `xml:"rootDeviceType"`
	RootDeviceName     string          `xml:"rootDeviceName,omitempty"`
	BlockDeviceMapping []xmlImageBlock `xml:"blockDeviceMapping>item"`
	VirtualizationType string          `xml:"virtualizationType,omitempty"`
	TagSet             []xmlTag        `xml:"tagSet>item"`
	Hypervisor         string          `xml:"hypervisor"`
	SourceInstanceID   string          `xml:"sourceInstanceId,omitempty"`
	SourceImageID      string          `xml:"sourceImageId,omitempty"`
	SourceImageRegion  string          `xml:"sourceImageRegion,omitempty"`
}

type xmlImageBlock struct {
	DeviceName  string `xml:"deviceName"`
	VirtualName string `xml:"virtualName,omitempty"`
	Ebs         *struct {
		SnapshotID          string `xml:"snapshotId,omitempty"`
		VolumeSize          int    `xml:"volumeSize"`
		DeleteOnTermination bool   `xml:"deleteOnTermination"`
		VolumeType          string `xml:"volumeType"`
		Iops                int    `xml:"iops,omitempty"`
		Throughput          int    `xml:"throughput,omitempty"`
		Encrypted           bool   `xml:"encrypted"`
	} `xml:"ebs"`
}

func (e *encoder) image(im model.Image) xmlImage {
	x := xmlImage{
		ImageID: im.ID, ImageLocation: im.ImageLocation, ImageState: im.State, ImageOwnerID: im.Owner,
		CreationDate: e.ts(im.CreationTime), IsPublic: im.Public, Architecture: im.Arch, ImageType: model.ImageTypeMachine,
		ImageOwnerAlias: im.OwnerAlias, Name: im.Name, Description: im.Description,
		RootDeviceType: im.RootDeviceType, RootDeviceName: im.RootDeviceName,
		VirtualizationType: im.Virtualization, TagSet: tagSet(im.Tags), Hypervisor: model.ImageHypervisor,
		SourceInstanceID: im.SourceInstanceID, SourceImageID: im.SourceImageID, SourceImageRegion: im.SourceRegion,
	}
	if x.ImageLocation == "" {
		x.ImageLocation = im.Owner + "/" + im.Name
	}
	if im.Platform == platformWindows {
		x.Platform = platformWindows
	}
	for _, b := range im.BlockDevices {
		xb := xmlImageBlock{DeviceName: b.DeviceName, VirtualName: b.VirtualName}
		if b.VirtualName == "" {
			xb.Ebs = &struct {
				SnapshotID          string `xml:"snapshotId,omitempty"`
				VolumeSize          int    `xml:"volumeSize"`
				DeleteOnTermination bool   `xml:"deleteOnTermination"`
				VolumeType          string `xml:"volumeType"`
				Iops                int    `xml:"iops,omitempty"`
				Throughput          int    `xml:"throughput,omitempty"`
				Encrypted           bool   `xml:"encrypted"`
			}{b.SnapshotID, b.VolumeSize, b.DeleteOnTermination, b.VolumeType, b.IOPS, b.Throughput, b.Encrypted}
		}
		x.BlockDeviceMapping = append(x.BlockDeviceMapping, xb)
	}
	return x
}

// ---- snapshots and volumes ---------------------------------------------

type xmlSnapshot struct {
	SnapshotID  string   `xml:"snapshotId"`
	VolumeID    string   `xml:"volumeId"`
	Status      string   `xml:"status"`
	StartTime   string   `xml:"startTime"`
	Progress    string   `xml:"progress"`
	OwnerID     string   `xml:"ownerId"`
	VolumeSize  int      `xml:"volumeSize"`
	Description string   `xml:"description,omitempty"`
	Encrypted   bool     `xml:"encrypted"`
	KmsKeyID    string   `xml:"kmsKeyId,omitempty"`
	StorageTier string   `xml:"storageTier,omitempty"`
	TagSet      []xmlTag `xml:"tagSet>item"`
}

func (e *encoder) snapshot(s model.Snapshot) xmlSnapshot {
	x := xmlSnapshot{
		SnapshotID: s.ID, VolumeID: s.VolumeID, Status: s.State, StartTime: e.ts(s.StartTime), OwnerID: s.Owner,
		VolumeSize: s.VolumeSize, Description: s.Description, Encrypted: s.Encrypted, KmsKeyID: s.KMSKeyID,
		StorageTier: s.Tier, TagSet: tagSet(s.Tags),
	}
	x.Progress = fmt.Sprintf("%d%%", s.Progress(e.w.Now()))
	return x
}

func createdSnapshot(e *encoder, out any) any {
	s, _ := e.w.Snapshot(out.(model.SnapshotOutput).SnapshotId)
	return e.snapshot(s)
}

func snapshotTier(e *encoder, out any) any {
	return struct {
		TieringStartTime string `xml:"tieringStartTime"`
	}{e.ts(e.w.Now())}
}

type xmlAttachment struct {
	VolumeID            string `xml:"volumeId"`
	InstanceID          string `xml:"instanceId"`
	Device              string `xml:"device"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

type xmlVolume struct {
	VolumeID           string          `xml:"volumeId"`
	Size               int             `xml:"size"`
	SnapshotID         string          `xml:"snapshotId"`
	AvailabilityZone   string          `xml:"availabilityZone"`
	Status             string          `xml:"status"`
	CreateTime         string          `xml:"createTime"`
	AttachmentSet      []xmlAttachment `xml:"attachmentSet>item"`
	VolumeType         string          `xml:"volumeType"`
	Iops               int             `xml:"iops,omitempty"`
	Throughput         int             `xml:"throughput,omitempty"`
	Encrypted          bool            `xml:"encrypted"`
	KmsKeyID           string          `xml:"kmsKeyId,omitempty"`
	MultiAttachEnabled bool            `xml:"multiAttachEnabled"`
	TagSet             []xmlTag        `xml:"tagSet>item"`
}

func (e *encoder) volume(v model.Volume) xmlVolume {
	x := xmlVolume{
		VolumeID: v.ID, Size: v.SizeGiB, SnapshotID: v.SnapshotID, AvailabilityZone: v.AZ, Status: v.State,
		CreateTime: e.ts(v.CreateTime), VolumeType: v.Type, Iops: v.IOPS, Throughput: v.Throughput,
		Encrypted: v.Encrypted, KmsKeyID: v.KMSKeyID, TagSet: tagSet(v.Tags),
	}
	if v.InstanceID != "" {
		x.AttachmentSet = []xmlAttachment{{v.ID, v.InstanceID, v.Device, v.AttachState, e.ts(v.AttachTime), v.DeleteOnTermination}}
	}
	return x
}

func createdVolume(e *encoder, out any) any {
	v, _ := e.w.Volume(out.(model.VolumeOutput).VolumeId)
	return e.volume(v)
}

// volumeAttachment answers AttachVolume and DetachVolume: the attachment
// as it is after the call (attaching, detaching).
func volumeAttachment(e *encoder, out any) any {
	o := out.(model.VolumeOutput)
	v, _ := e.w.Volume(o.VolumeId)
	a := xmlAttachment{VolumeID: o.VolumeId, InstanceID: v.InstanceID, Device: v.Device, Status: v.AttachState, DeleteOnTermination: v.DeleteOnTermination}
	if a.InstanceID != "" {
		a.AttachTime = e.ts(v.AttachTime)
	}
	if a.Status == "" {
		a.Status = o.State
	}
	return a
}

// ---- the generic encoding ------------------------------------------------

// xnode is one element of the generic encoding.
type xnode struct {
	XMLName  xml.Name
	Text     string `xml:",chardata"`
	Inner    string `xml:",innerxml"`
	Children []xnode
}

// elementNames are list members whose element name is not lowerCamel of
// the member plus "Set" (the service model's locationName; for example
// DescribeRegions answers regionInfo, DescribeKeyPairs keySet).
var elementNames = map[string]string{
	"Regions":             "regionInfo",
	"AvailabilityZones":   "availabilityZoneInfo",
	"KeyPairs":            "keySet",
	"SecurityGroups":      "securityGroupInfo",
	"Tags":                "tagSet",
	"InstanceTypes":       "instanceTypeSet",
	"InstanceStatuses":    "instanceStatusSet",
	"BlockDeviceMappings": "blockDeviceMapping",
	// DescribeInstanceCreditSpecifications
	"InstanceCreditSpecifications": "instanceCreditSpecificationSet",
	// The rest, as the EC2 API model names them (botocore 1.43,
	// data/ec2/2016-11-15/service-2.json: each list member's locationName),
	// for the outputs of the simulated actions that the generic encoding
	// answers. TestGenericListNamesFollowTheServiceModel checks them.
	"AcceleratorManufacturers":                "acceleratorManufacturerSet",
	"AcceleratorNames":                        "acceleratorNameSet",
	"AcceleratorTypes":                        "acceleratorTypeSet",
	"Accelerators":                            "accelerators",
	"AccountAttributes":                       "accountAttributeSet",
	"AllocationMetadata":                      "allocationMetadataList",
	"AllowedInstanceTypes":                    "allowedInstanceTypeSet",
	"Attachments":                             "attachmentSet",
	"AttributeValues":                         "attributeValueSet",
	"BandwidthWeightings":                     "bandwidthWeightings",
	"CapacityAllocations":                     "capacityAllocationSet",
	"CapacityReservations":                    "capacityReservationSet",
	"CidrBlockAssociationSet":                 "cidrBlockAssociationSet",
	"CpuManufacturers":                        "cpuManufacturerSet",
	"CreateVolumePermissions":                 "createVolumePermission",
	"DeleteSnapshotResults":                   "deleteSnapshotResultSet",
	"Details":                                 "details",
	"Disks":                                   "disks",
	"EbsCards":                                "ebsCardSet",
	"ElasticGpuAssociations":                  "elasticGpuAssociationSet",
	"ElasticGpuSpecifications":                "elasticGpuSpecificationSet",
	"ElasticInferenceAcceleratorAssociations": "elasticInferenceAcceleratorAssociationSet",
	"ElasticInferenceAccelerators":            "elasticInferenceAcceleratorSet",
	"Errors":                                  "errorSet",
	"ExcludedInstanceTypes":                   "excludedInstanceTypeSet",
	"Fpgas":                                   "fpgas",
	"Gpus":                                    "gpus",
	"Groups":                                  "groupSet",
	"InstanceGenerations":                     "instanceGenerationSet",
	"IpPermissions":                           "ipPermissions",
	"IpPermissionsEgress":                     "ipPermissionsEgress",
	"IpRanges":                                "ipRanges",
	"Ipv4Prefixes":                            "ipv4PrefixSet",
	"Ipv6CidrBlockAssociationSet":             "ipv6CidrBlockAssociationSet",
	"Ipv6Prefixes":                            "ipv6PrefixSet",
	"Ipv6Ranges":                              "ipv6Ranges",
	"LaunchPermissions":                       "launchPermission",
	"LaunchTemplateVersions":                  "launchTemplateVersionSet",
	"LaunchTemplates":                         "launchTemplates",
	"LicenseSpecifications":                   "licenseSet",
	"Licenses":                                "licenseSet",
	"LocalStorageTypes":                       "localStorageTypeSet",
	"Messages":                                "messageSet",
	"NetworkCards":                            "networkCards",
	"NetworkInterfaces":                       "networkInterfaceSet",
	"NeuronDevices":                           "neuronDevices",
	"PlacementGroups":                         "placementGroupSet",
	"PrefixListIds":                           "prefixListIds",
	"ProductCodes":                            "productCodes",
	"RecurringCharges":                        "recurringCharges",
	"References":                              "referenceSet",
	"Reservations":                            "reservationSet",
	"SecondaryInterfaces":                     "secondaryInterfaceSet",
	"SecurityGroupIds":                        "securityGroupIdSet",
	"SecurityGroupRules":                      "securityGroupRuleSet",
	"Snapshots":                               "snapshotSet",
	"StartingInstances":                       "instancesSet",
	"StoppingInstances":                       "instancesSet",
	"Subnets":                                 "subnetSet",
	"SupportedArchitectures":                  "supportedArchitectures",
	"SupportedBootModes":                      "supportedBootModes",
	"SupportedFeatures":                       "supportedFeatures",
	"SupportedRootDeviceTypes":                "supportedRootDeviceTypes",
	"SupportedStrategies":                     "supportedStrategies",
	"SupportedUsageClasses":                   "supportedUsageClasses",
	"SupportedVersions":                       "supportedVersions",
	"SupportedVirtualizationTypes":            "supportedVirtualizationTypes",
	"TagSpecifications":                       "tagSpecificationSet",
	"TerminatingInstances":                    "instancesSet",
	"UnknownIpPermissions":                    "unknownIpPermissionSet",
	"RevokedSecurityGroupRules":               "revokedSecurityGroupRuleSet",
	"UserIdGroupPairs":                        "groups",
	"ValidCores":                              "validCores",
	"ValidThreadsPerCore":                     "validThreadsPerCore",
	"Volumes":                                 "volumeSet",
	"VolumesModifications":                    "volumeModificationSet",
	"Vpcs":                                    "vpcSet",
	"Workloads":                               "workloadSet",
}

// listElementName is the element a list member is encoded as: its
// locationName in the service model, which is lowerCamel plus "Set" unless
// elementNames says otherwise.
func listElementName(member string) string {
	if n, ok := elementNames[member]; ok {
		return n
	}
	return lowerCamel(member) + "Set"
}

// nextTokenField is the output member of a paginated Describe action that
// names the next page; absent on the last page.
const nextTokenField = "NextToken"

// genericXML encodes an output the responses table does not name:
// members as lowerCamel elements, lists as <nameSet><item>, the model's
// resources as their responders do, timestamps on the simulated calendar.
//
// A member is absent, as EC2 leaves out what is not set, when it is a nil
// pointer (the model's optional members are pointers) or when its zero value
// is marked omitempty in the model's json tag (a launch permission's Group
// beside its UserId, an attribute's empty Value). A list is present even
// when empty (<volumeSet/>: the clients answer an empty list, not none),
// except in an attribute answer (attributeXML).
func (e *encoder) genericXML(v reflect.Value) xnode {
	root := xnode{XMLName: xml.Name{Local: "body"}}
	root.Children = e.members(v, false)
	return root
}

// attributeXML answers DescribeInstanceAttribute, DescribeImageAttribute
// and DescribeSnapshotAttribute: the resource's ID and the one attribute
// asked for, which the model leaves non-nil (a list asked for is empty, not
// nil); EC2 answers no other attribute, not even empty.
func attributeXML(e *encoder, out any) any {
	root := xnode{XMLName: xml.Name{Local: "body"}}
	root.Children = e.members(reflect.ValueOf(out), true)
	return root
}

func (e *encoder) members(v reflect.Value, nilListsAbsent bool) []xnode {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []xnode
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		switch {
		case f.Name == nextTokenField && fv.IsZero():
			continue // the last page: EC2 sends no nextToken at all
		case f.Type.Kind() == reflect.Pointer && fv.IsNil(),
			f.Type.Kind() == reflect.Slice && fv.IsNil() && nilListsAbsent,
			omitEmpty(f) && fv.IsZero():
			continue
		}
		out = append(out, e.value(elementName(t, f), fv))
	}
	return out
}

// omitEmpty reports whether the model marks a member omitempty in its json
// tag: optional, so absent when zero.
func omitEmpty(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	return slices.Contains(strings.Split(opts, ","), "omitempty")
}

// memberNames are the members that are not lists and whose element name is
// not lowerCamel of the member (the service model's locationName, botocore
// 1.43). Keys are "ModelType.Field" for one type, or "Field" for every type.
// TestGenericMemberNamesFollowTheServiceModel checks them.
var memberNames = map[string]string{
	"KernelId":                      "kernel",
	"RamdiskId":                     "ramdisk",
	"ProductCodeId":                 "productCode",
	"ProductCodeType":               "type",
	"SecurityGroupInfo.Description": "groupDescription",
}

// elementName is the element field f of model type t is encoded as.
func elementName(t reflect.Type, f reflect.StructField) string {
	if f.Type.Kind() == reflect.Slice {
		return listElementName(f.Name)
	}
	if n, ok := memberNames[t.Name()+"."+f.Name]; ok {
		return n
	}
	if n, ok := memberNames[f.Name]; ok {
		return n
	}
	return lowerCamel(f.Name)
}

func (e *encoder) value(name string, v reflect.Value) xnode {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return e.value(name, v.Elem()) // an optional member that is set
	}
	n := xnode{XMLName: xml.Name{Local: name}}
	switch x := v.Interface().(type) {
	case model.Instance:
		n.Inner, _ = children(e.instance(x))
		return n
	case model.Image:
		n.Inner, _ = children(e.image(x))
		return n
	case model.Volume:
		n.Inner, _ = children(e.volume(x))
		return n
	case model.Snapshot:
		n.Inner, _ = children(e.snapshot(x))
		return n
	case model.InstanceState:
		n.Inner, _ = children(stateOf(x))
		return n
	case model.InstanceStateInfo:
		// Already the API's InstanceState shape: its Name is the name
		// alone, not a state to expand again.
		n.Inner, _ = children(stateOf(x.Name))
		return n
	case sim.Time:
		n.Text = e.ts(x)
		return n
	case time.Time:
		n.Text = x.UTC().Format("2006-01-02T15:04:05.000Z")
		return n
	case fmt.Stringer:
		if v.Kind() != reflect.Struct {
			n.Text = x.String()
			return n
		}
	}
	switch v.Kind() {
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			n.Children = append(n.Children, e.value("item", v.Index(i)))
		}
	case reflect.Struct, reflect.Pointer, reflect.Interface:
		n.Children = e.members(v, false)
	default:
		n.Text = fmt.Sprint(v.Interface())
	}
	return n
}

// lowerCamel is how EC2 names an element after a member: InstanceId →
// instanceId, VPCs stay as written after the first letter.
func lowerCamel(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// stableHex is a deterministic hex digest for synthesised IDs.
func stableHex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
