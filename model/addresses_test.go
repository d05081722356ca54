package model_test

import (
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// An Elastic IP stays associated through stop and start and is
// disassociated, not released, when its instance terminates (UG,
// elastic-ip-addresses-eip.html).
func TestElasticIPSurvivesStopStartAndOutlivesItsInstance(t *testing.T) {
	l := newLab(t, labConfig(7))
	id := l.running(asStudent, labRun("al2023", "t3.micro"))
	eip, err := l.w.AllocateAddress(asStudent, model.AllocateAddressInput{})
	l.ok(err)
	_, err = l.w.AssociateAddress(asStudent, model.AssociateAddressInput{AllocationId: eip.AllocationId, InstanceId: id})
	l.ok(err)
	l.stop(asStudent, id)
	l.waitState(id, model.Stopped)
	if ip := l.inst(id).PublicIP; ip != eip.PublicIp {
		t.Errorf("stopped: public IP %q, want the Elastic IP %s", ip, eip.PublicIp)
	}
	l.code(l.w.ReleaseAddress(asStudent, model.ReleaseAddressInput{AllocationId: eip.AllocationId}), model.InvalidIPAddressInUse)
	l.terminate(asStudent, id)
	l.waitState(id, model.Terminated)
	a, ok := l.w.Address(eip.AllocationId)
	if !ok || a.InstanceID != "" {
		t.Errorf("after terminate: allocated %v, associated with %q; want allocated and associated with nothing", ok, a.InstanceID)
	}
	if w := l.w.Waste(); len(w) == 0 || w[0].Kind != "idle-elastic-ip" {
		t.Errorf("waste %+v; want an idle-elastic-ip finding", w)
	}
}

// Elastic IP errors: an unknown allocation, moving an associated address
// without AllowReassociation, and the five-per-region quota.
func TestElasticIPErrors(t *testing.T) {
	l := newLab(t, labConfig(8))
	a := l.running(asStudent, labRun("al2023", "t3.micro"))
	b := l.running(asStudent, labRun("al2023", "t3.micro"))
	eip, err := l.w.AllocateAddress(asStudent, model.AllocateAddressInput{})
	l.ok(err)
	_, err = l.w.AssociateAddress(asStudent, model.AssociateAddressInput{AllocationId: eip.AllocationId, InstanceId: a})
	l.ok(err)
	_, err = l.w.AssociateAddress(asStudent, model.AssociateAddressInput{AllocationId: eip.AllocationId, InstanceId: b})
	l.code(err, model.ResourceAlreadyAssociated)
	_, err = l.w.AssociateAddress(asStudent, model.AssociateAddressInput{AllocationId: "eipalloc-0123456789abcdef0", InstanceId: b})
	l.code(err, model.InvalidAllocationIDNotFound)
	l.code(l.w.DisassociateAddress(asStudent, model.DisassociateAddressInput{AssociationId: "eipassoc-0123456789abcdef0"}), model.InvalidAssociationIDNotFound)
	_, err = l.w.DescribeAddresses(asStudent, model.DescribeAddressesInput{PublicIps: []string{"192.0.2.1"}})
	l.code(err, model.InvalidAddressNotFound)
	for i := 1; i < model.DefaultAddressQuota; i++ {
		_, err = l.w.AllocateAddress(asStudent, model.AllocateAddressInput{})
		l.ok(err)
	}
	_, err = l.w.AllocateAddress(asStudent, model.AllocateAddressInput{})
	l.code(err, model.AddressLimitExceeded)
}

// The bill of an Elastic IP: $0.005 per hour from allocation to release,
// associated or idle (S46), while the instance holding it pays for no
// automatic address. Allocated at 0 and associated at 1h to an instance
// whose own address billed 0–1h, terminated at 3h, released at 10h:
//
//	Elastic IP       10 h × $0.005 = $0.050000
//	automatic IPv4    1 h × $0.005 = $0.005000 (then released for the EIP)
//	public IPv4 total               $0.055000
func TestElasticIPBillWorkedExample(t *testing.T) {
	l := newLab(t, labConfig(9))
	id := l.launch(asStudent, labRun("al2023", "t3.micro"))[0]
	eip, err := l.w.AllocateAddress(asStudent, model.AllocateAddressInput{})
	l.ok(err)
	l.runUntil(sim.Hour)
	_, err = l.w.AssociateAddress(asStudent, model.AssociateAddressInput{AllocationId: eip.AllocationId, InstanceId: id})
	l.ok(err)
	l.runUntil(3 * sim.Hour)
	l.terminate(asStudent, id)
	l.runUntil(10 * sim.Hour)
	l.ok(l.w.ReleaseAddress(asStudent, model.ReleaseAddressInput{AllocationId: eip.AllocationId}))
	l.runUntil(12 * sim.Hour)
	b := l.w.Bill()
	if got, want := b.ForResource(eip.AllocationId), model.MustMoney("0.05"); got != want {
		t.Errorf("Elastic IP: %s, want %s (10 h × $0.005)", got, want)
	}
	if got, want := b.ByCategory()[model.CatIPv4], model.MustMoney("0.055"); got != want {
		t.Errorf("public IPv4: %s, want %s (10 h of Elastic IP + 1 h of automatic address)", got, want)
	}
}
