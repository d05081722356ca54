package model

import (
	"maps"
	"slices"
)

// Clone returns an independent copy of the world: same state, same queue,
// same random streams, so both go on identically. It is how a replay keeps
// checkpoints, making a jump anywhere on a long timeline cheap. The
// observer is not copied; the catalogue, which never changes, is shared.
func (w *World) Clone() *World {
	c := *w
	c.eng = w.eng.Clone()
	c.idRand, c.timeRand = w.idRand.Clone(), w.timeRand.Clone()
	c.accounts = slices.Clone(w.accounts)
	c.instances = cloneSlab(w.instances, (*Instance).clone)
	c.volumes = cloneSlab(w.volumes, (*Volume).clone)
	c.snapshots = cloneMap(w.snapshots, func(s *Snapshot) *Snapshot {
		x := *s
		x.Tags, x.CreateVolumePermissions = slices.Clone(s.Tags), slices.Clone(s.CreateVolumePermissions)
		return &x
	})
	c.volumeMods = cloneMap(w.volumeMods, func(m *VolumeModification) *VolumeModification { x := *m; return &x })
	c.images = cloneMap(w.images, func(im *Image) *Image { x := im.clone(); x.volumes = slices.Clone(im.volumes); return &x })
	c.keys = cloneMap(w.keys, func(k *KMSKey) *KMSKey { x := *k; x.Grants = slices.Clone(k.Grants); return &x })
	c.keyPairs = cloneMap(w.keyPairs, func(k *KeyPair) *KeyPair { x := *k; x.Tags = slices.Clone(k.Tags); return &x })
	c.groups = cloneMap(w.groups, func(g *SecurityGroup) *SecurityGroup {
		x := *g
		x.Ingress, x.Egress, x.Tags = slices.Clone(g.Ingress), slices.Clone(g.Egress), slices.Clone(g.Tags)
		return &x
	})
	c.bundles = cloneMap(w.bundles, func(b *bundle) *bundle { x := *b; return &x })
	c.policies = cloneMap(w.policies, func(p *policy) *policy {
		x := *p
		x.Targets = slices.Clone(p.Targets)
		x.images = cloneMap(p.images, slices.Clone[[]string])
		return &x
	})
	c.names = cloneMap(w.names, slices.Clone[[]string])
	c.nameOf = maps.Clone(w.nameOf)
	c.namesKept = maps.Clone(w.namesKept)
	c.vcpus = maps.Clone(w.vcpus)
	c.networks = maps.Clone(w.networks)
	c.privateIPs = slices.Clone(w.privateIPs) // each zone's text is never changed
	c.azNext = maps.Clone(w.azNext)
	c.impairedAZ = maps.Clone(w.impairedAZ)
	c.fleet = w.fleet.clone()
	c.market = w.market.clone()
	c.pgroups = placementsClone(w.pgroups)
	c.rbin = w.rbin.clone()
	c.settings = w.settings.clone()
	c.observer, c.held, c.inCall = nil, nil, false
	c.bill = w.bill.deepClone(c.Now)
	return &c
}

// cloneSlab copies a map of many resources with their copies in one
// array: a fleet's instances and volumes are tens of thousands, and one
// allocation instead of one each is most of what copying them costs. The
// array lives as long as any copy in it does, which is no more than the
// copies took before.
func cloneSlab[K comparable, T any](m map[K]*T, f func(*T) T) map[K]*T {
	if m == nil {
		return nil
	}
	out := make(map[K]*T, len(m))
	slab := make([]T, len(m))
	i := 0
	for k, v := range m {
		slab[i] = f(v)
		out[k] = &slab[i]
		i++
	}
	return out
}

func cloneMap[K comparable, V any](m map[K]V, f func(V) V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}
