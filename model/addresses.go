package model

import (
	"fmt"
	"slices"

	"github.com/ec2sim/ec2sim/sim"
)

// An Elastic IP address is a public IPv4 address an account allocates and
// keeps until it releases it, moving it between instances at will. It stays
// associated while its instance is stopped and leaves it when the instance
// terminates (UG, "Elastic IP addresses",
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html).
// Since 2024-02-01 every public IPv4 address costs $0.005 an hour, in use or
// idle (S46): an Elastic IP bills from allocation to release, whatever it is
// attached to, and an instance holding one no longer pays for an automatic
// address of its own. Five per region is the default quota.

// DefaultAddressQuota is the Elastic IP addresses an account may hold per region.
const DefaultAddressQuota = 5

// Address is an Elastic IP address.
type Address struct {
	AllocationID  string
	PublicIP      string
	Owner, Region string
	InstanceID    string // "" when not associated
	AssociationID string
	AllocatedAt   sim.Time
	Tags          Tags
	seq           int64
}

// AllocateAddressInput is the AllocateAddress request.
type AllocateAddressInput struct {
	Domain            string             `yaml:"Domain" json:"Domain,omitempty"`
	TagSpecifications []TagSpecification `yaml:"TagSpecifications" json:"TagSpecifications,omitempty"`
	DryRun            bool               `yaml:"DryRun" json:"DryRun,omitempty"`
}

// AllocateAddressOutput answers AllocateAddress.
type AllocateAddressOutput struct {
	PublicIp           string `json:"PublicIp"`
	AllocationId       string `json:"AllocationId"`
	Domain             string `json:"Domain"`
	NetworkBorderGroup string `json:"NetworkBorderGroup"`
	PublicIpv4Pool     string `json:"PublicIpv4Pool"`
}

// Created lists the allocation a call created.
func (o AllocateAddressOutput) Created() []string { return []string{o.AllocationId} }

// AssociateAddressInput is the AssociateAddress request.
type AssociateAddressInput struct {
	AllocationId       string `yaml:"AllocationId" json:"AllocationId,omitempty"`
	PublicIp           string `yaml:"PublicIp" json:"PublicIp,omitempty"`
	InstanceId         string `yaml:"InstanceId" json:"InstanceId,omitempty"`
	AllowReassociation bool   `yaml:"AllowReassociation" json:"AllowReassociation,omitempty"`
	DryRun             bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// AssociateAddressOutput answers AssociateAddress.
type AssociateAddressOutput struct {
	AssociationId string `json:"AssociationId"`
}

// DisassociateAddressInput is the DisassociateAddress request.
type DisassociateAddressInput struct {
	AssociationId string `yaml:"AssociationId" json:"AssociationId,omitempty"`
	PublicIp      string `yaml:"PublicIp" json:"PublicIp,omitempty"`
	DryRun        bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// ReleaseAddressInput is the ReleaseAddress request.
type ReleaseAddressInput struct {
	AllocationId string `yaml:"AllocationId" json:"AllocationId,omitempty"`
	PublicIp     string `yaml:"PublicIp" json:"PublicIp,omitempty"`
	DryRun       bool   `yaml:"DryRun" json:"DryRun,omitempty"`
}

// DescribeAddressesInput is the DescribeAddresses request.
type DescribeAddressesInput struct {
	AllocationIds []string `yaml:"AllocationIds" json:"AllocationIds,omitempty"`
	PublicIps     []string `yaml:"PublicIps" json:"PublicIps,omitempty"`
	DryRun        bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// AddressInfo is an address as DescribeAddresses answers it.
type AddressInfo struct {
	PublicIp           string `json:"PublicIp"`
	AllocationId       string `json:"AllocationId"`
	AssociationId      string `json:"AssociationId,omitempty"`
	Domain             string `json:"Domain"`
	InstanceId         string `json:"InstanceId,omitempty"`
	PrivateIpAddress   string `json:"PrivateIpAddress,omitempty"`
	NetworkBorderGroup string `json:"NetworkBorderGroup"`
	PublicIpv4Pool     string `json:"PublicIpv4Pool"`
	Tags               Tags   `json:"Tags,omitempty"`
}

// DescribeAddressesOutput answers DescribeAddresses.
type DescribeAddressesOutput struct {
	Addresses []AddressInfo `json:"Addresses"`
}

// AllocateAddress allocates an Elastic IP address from Amazon's pool. It
// bills from now until released.
func (w *World) AllocateAddress(c Caller, in AllocateAddressInput) (out AllocateAddressOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("AllocateAddress", c, out.AllocationId, err, out.PublicIp) }()
	if err != nil {
		return out, err
	}
	if in.Domain != "" && in.Domain != "vpc" {
		return out, errf(InvalidParameterValue, "Invalid value '%s' for Domain (valid: vpc; EC2-Classic addresses are retired)", in.Domain)
	}
	held := 0
	for _, a := range w.fleet.addresses {
		if a.Owner == c.Account && a.Region == c.Region {
			held++
		}
	}
	if held >= DefaultAddressQuota {
		return out, errf(AddressLimitExceeded, "The maximum number of addresses has been reached.")
	}
	if in.DryRun {
		return out, dryRun()
	}
	a := &Address{AllocationID: w.newID("eipalloc"), Owner: c.Account, Region: c.Region, AllocatedAt: w.Now(), seq: w.nextSeq()}
	u := w.idRand.Uint64()
	a.PublicIP = publicIPv4(u)
	for _, ts := range in.TagSpecifications {
		if ts.ResourceType == "" || ts.ResourceType == "elastic-ip" {
			for _, t := range ts.Tags {
				a.Tags.Set(t.Key, t.Value)
			}
		}
	}
	w.fleet.addresses[a.AllocationID] = a
	w.bill.openAddress(a)
	return AllocateAddressOutput{PublicIp: a.PublicIP, AllocationId: a.AllocationID, Domain: "vpc", NetworkBorderGroup: a.Region, PublicIpv4Pool: "amazon"}, nil
}

// AssociateAddress points an Elastic IP address at an instance (running
// or stopped). The instance's automatic public address, if it had one, is
// released; an Elastic IP it already held is disassociated and stays
// allocated. An address already associated elsewhere moves only with
// AllowReassociation.
func (w *World) AssociateAddress(c Caller, in AssociateAddressInput) (out AssociateAddressOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("AssociateAddress", c, w.resolve(in.AllocationId), err, out.AssociationId) }()
	if err != nil {
		return out, err
	}
	a, err := w.findAddress(c, in.AllocationId, in.PublicIp)
	if err != nil {
		return out, err
	}
	if in.InstanceId == "" {
		return out, errf(MissingParameter, "The request must contain the parameter InstanceId (network interfaces are not modelled)")
	}
	insts, err := w.instancesFor(c, []string{in.InstanceId})
	if err != nil {
		return out, err
	}
	inst := insts[0]
	if inst.State != Running && inst.State != Stopped {
		return out, errf(IncorrectInstanceState, "The instance '%s' is not in a valid state for this operation (it is %s).", inst.ID, inst.State)
	}
	if a.InstanceID != "" && a.InstanceID != inst.ID && !in.AllowReassociation {
		return out, errf(ResourceAlreadyAssociated, "resource %s is already associated with associate-id %s", a.AllocationID, a.AssociationID)
	}
	if in.DryRun {
		return out, dryRun()
	}
	if a.InstanceID == inst.ID {
		return AssociateAddressOutput{a.AssociationID}, nil
	}
	if a.InstanceID != "" {
		w.unassociate(a, "moved to "+inst.ID)
	}
	if old := w.addressOf(inst.ID); old != nil {
		w.unassociate(old, "replaced by "+a.PublicIP)
	}
	w.releasePublicIP(inst)
	a.InstanceID, a.AssociationID = inst.ID, w.newID("eipassoc")
	inst.PublicIP = a.PublicIP
	w.emit(TraceEvent{Kind: TraceNote, Action: "elastic-ip", Resource: a.AllocationID, Region: a.Region, AZ: inst.AZ,
		Message: fmt.Sprintf("%s now points at %s", a.PublicIP, inst.ID)})
	return AssociateAddressOutput{a.AssociationID}, nil
}

// DisassociateAddress takes an Elastic IP address off its instance; the
// address stays allocated (and billed). A running instance launched with
// an automatic public address gets a new one.
func (w *World) DisassociateAddress(c Caller, in DisassociateAddressInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DisassociateAddress", c, in.AssociationId, err, "") }()
	if err != nil {
		return err
	}
	var a *Address
	switch {
	case in.AssociationId != "":
		for _, x := range w.sortedAddresses() {
			if x.AssociationID == in.AssociationId && x.Owner == c.Account && x.Region == c.Region {
				a = x
			}
		}
		if a == nil {
			return errf(InvalidAssociationIDNotFound, "The association ID '%s' does not exist", in.AssociationId)
		}
	default:
		a, err = w.findAddress(c, "", in.PublicIp)
		if err != nil {
			return err
		}
		if a.InstanceID == "" {
			return errf(InvalidAssociationIDNotFound, "The address %s is not associated", a.PublicIP)
		}
	}
	if in.DryRun {
		return dryRun()
	}
	w.unassociate(a, "disassociated")
	return nil
}

// ReleaseAddress returns an Elastic IP address to Amazon's pool; its
// billing stops. An associated address must be disassociated first.
func (w *World) ReleaseAddress(c Caller, in ReleaseAddressInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("ReleaseAddress", c, w.resolve(in.AllocationId), err, "") }()
	if err != nil {
		return err
	}
	a, err := w.findAddress(c, in.AllocationId, in.PublicIp)
	if err != nil {
		return err
	}
	if a.InstanceID != "" {
		return errf(InvalidIPAddressInUse, "Address %s is in use (associated with %s); disassociate it first", a.PublicIP, a.InstanceID)
	}
	if in.DryRun {
		return dryRun()
	}
	w.bill.closeAddress(a)
	delete(w.fleet.addresses, a.AllocationID)
	w.forget(w.bill.known(a.AllocationID))
	return nil
}

// DescribeAddresses lists the caller's Elastic IP addresses in the region,
// in allocation order.
func (w *World) DescribeAddresses(c Caller, in DescribeAddressesInput) (out DescribeAddressesOutput, err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DescribeAddresses", c, "", err, listed(len(out.Addresses), "address", nil)) }()
	if err != nil {
		return out, err
	}
	want := map[string]bool{}
	for _, ref := range in.AllocationIds {
		a, err := w.findAddress(c, ref, "")
		if err != nil {
			return out, err
		}
		want[a.AllocationID] = true
	}
	for _, ip := range in.PublicIps {
		a, err := w.findAddress(c, "", ip)
		if err != nil {
			return out, err
		}
		want[a.AllocationID] = true
	}
	if in.DryRun {
		return out, dryRun()
	}
	out.Addresses = []AddressInfo{}
	for _, a := range w.sortedAddresses() {
		if a.Owner != c.Account || a.Region != c.Region || (len(want) > 0 && !want[a.AllocationID]) {
			continue
		}
		info := AddressInfo{PublicIp: a.PublicIP, AllocationId: a.AllocationID, AssociationId: a.AssociationID, Domain: "vpc",
			InstanceId: a.InstanceID, NetworkBorderGroup: a.Region, PublicIpv4Pool: "amazon", Tags: slices.Clone(a.Tags)}
		if inst := w.instances[a.InstanceID]; inst != nil {
			info.PrivateIpAddress = inst.PrivateIP
		}
		out.Addresses = append(out.Addresses, info)
	}
	return out, nil
}

// findAddress finds the caller's address by allocation ID (or scenario
// name) or by its public IP.
func (w *World) findAddress(c Caller, ref, ip string) (*Address, error) {
	switch {
	case ref == "" && ip == "":
		return nil, errf(MissingParameter, "The request must contain the parameter AllocationId or PublicIp")
	case ref != "":
		id := w.resolve(ref)
		if a, ok := w.fleet.addresses[id]; ok && a.Owner == c.Account && a.Region == c.Region {
			return a, nil
		}
		return nil, errf(InvalidAllocationIDNotFound, "The allocation ID '%s' does not exist", id)
	}
	for _, a := range w.sortedAddresses() {
		if a.PublicIP == ip && a.Owner == c.Account && a.Region == c.Region {
			return a, nil
		}
	}
	return nil, errf(InvalidAddressNotFound, "Address '%s' not found.", ip)
}

func (w *World) sortedAddresses() []*Address {
	return sortedBySeq(w.fleet.addresses, func(a *Address) int64 { return a.seq })
}

// addressOf is the Elastic IP address associated with an instance, or nil.
func (w *World) addressOf(instanceID string) *Address {
	for _, a := range w.fleet.addresses {
		if a.InstanceID == instanceID {
			return a // an instance holds at most one, so map order cannot matter
		}
	}
	return nil
}

// holdsAddress reports whether an instance's public IP is an Elastic IP:
// stopping and starting it keep the address.
func (w *World) holdsAddress(inst *Instance) bool {
	return inst.PublicIP != "" && w.addressOf(inst.ID) != nil
}

// unassociate takes an address off its instance. A running instance that
// was launched with an automatic public address gets a new one.
func (w *World) unassociate(a *Address, why string) {
	inst := w.instances[a.InstanceID]
	a.InstanceID, a.AssociationID = "", ""
	w.emit(TraceEvent{Kind: TraceNote, Action: "elastic-ip", Resource: a.AllocationID, Region: a.Region,
		Message: fmt.Sprintf("%s is associated with nothing (%s); it still bills", a.PublicIP, why)})
	if inst == nil {
		return
	}
	inst.PublicIP = ""
	if inst.State == Running && inst.AutoPublicIP {
		w.assignPublicIP(inst)
	}
}

// Address returns a copy of an Elastic IP address, by allocation ID or
// scenario name.
func (w *World) Address(ref string) (Address, bool) {
	a, ok := w.fleet.addresses[w.resolve(ref)]
	if !ok {
		return Address{}, false
	}
	c := *a
	c.Tags = slices.Clone(a.Tags)
	return c, true
}

// addressWaste lists the Elastic IP addresses that bill for nothing: held
// by no instance, or by a stopped one.
func (w *World) addressWaste() []Finding {
	var out []Finding
	for _, a := range w.sortedAddresses() {
		inst := w.instances[a.InstanceID]
		switch {
		case inst == nil:
			out = append(out, Finding{a.AllocationID, w.nameOf[a.AllocationID], WasteIdleElasticIP,
				fmt.Sprintf("Elastic IP %s is associated with nothing and still bills $0.005 an hour; release it if nothing needs it", a.PublicIP), w.MonthlyRate(a.AllocationID)})
		case inst.State == Stopped:
			out = append(out, Finding{a.AllocationID, w.nameOf[a.AllocationID], WasteIdleElasticIP,
				fmt.Sprintf("Elastic IP %s is held by stopped instance %s and bills while nothing answers on it", a.PublicIP, inst.ID), w.MonthlyRate(a.AllocationID)})
		}
	}
	return out
}

// openAddress starts an Elastic IP address's hours at the public IPv4 rate.
func (l *ledger) openAddress(a *Address) {
	r := l.prices.regional(l.prices.p.PublicIPv4, "us-east-1") // one global rate
	l.openMeter(l.entry(a.AllocationID), l.newMeter(part{compPublicIPv4, 0}, a.Owner, a.Region, CatIPv4, "Elastic IP address (public IPv4)", Hours, r, 1))
}

func (l *ledger) closeAddress(a *Address) {
	l.closeMeter(l.known(a.AllocationID), part{compPublicIPv4, 0})
}
