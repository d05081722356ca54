package model

import "slices"

// Resource types as DescribeTags and TagSpecifications name them.
const (
	resInstance      = "instance"
	resVolume        = "volume"
	resSnapshot      = "snapshot"
	resImage         = "image"
	resSecurityGroup = "security-group"
	resKeyPair       = "key-pair"
	// Taggable at launch but not modelled as resources of their own.
	resNetworkInterface = "network-interface"
	resSpotRequest      = "spot-instances-request"
)

// checkTagSpecs refuses a TagSpecification whose ResourceType the action
// cannot tag at creation, as AWS does (InvalidParameterValue, "'T' is not a
// valid taggable resource type for this operation."; the API reference of
// each action lists the types it takes, S3). An empty ResourceType means the
// action's main resource, primary: AWS requires the type; the simulator
// reads its absence kindly.
func checkTagSpecs(specs []TagSpecification, primary string, allowed ...string) error {
	for _, ts := range specs {
		rt := ts.ResourceType
		if rt == "" {
			rt = primary
		}
		if !slices.Contains(allowed, rt) {
			return errf(InvalidParameterValue, "'%s' is not a valid taggable resource type for this operation.", rt)
		}
		for _, t := range ts.Tags {
			if t.Key == "" {
				return errf(InvalidParameterValue, "Tag keys must not be empty")
			}
		}
	}
	return nil
}

// specTags are the tags the specifications give resources of type rt (an
// empty ResourceType counting as primary), in order, later keys replacing
// earlier ones.
func specTags(specs []TagSpecification, primary, rt string) Tags {
	var out Tags
	for _, ts := range specs {
		if ts.ResourceType == rt || ts.ResourceType == "" && rt == primary {
			for _, t := range ts.Tags {
				out.Set(t.Key, t.Value)
			}
		}
	}
	return out
}

// TagKey names a tag DeleteTags removes: any value when Value is nil, or
// only that value (the empty string included), as AWS's DeleteTags says.
type TagKey struct {
	Key   string  `yaml:"Key" json:"Key"`
	Value *string `yaml:"Value" json:"Value,omitempty"`
}

// DeleteTagsInput is the DeleteTags request. No Tags removes every tag.
type DeleteTagsInput struct {
	Resources []string `yaml:"Resources" json:"Resources"`
	Tags      []TagKey `yaml:"Tags" json:"Tags,omitempty"`
	DryRun    bool     `yaml:"DryRun" json:"DryRun,omitempty"`
}

// taggable finds the tags of one of the caller's resources, and its type.
func (w *World) taggable(c Caller, id string) (*Tags, string, bool) {
	switch {
	case w.instances[id] != nil && w.instances[id].Owner == c.Account:
		return &w.instances[id].Tags, resInstance, true
	case w.volumes[id] != nil && w.volumes[id].Owner == c.Account:
		return &w.volumes[id].Tags, resVolume, true
	case w.snapshots[id] != nil && w.snapshots[id].Owner == c.Account:
		return &w.snapshots[id].Tags, resSnapshot, true
	case w.images[id] != nil && w.images[id].Owner == c.Account:
		return &w.images[id].Tags, resImage, true
	case w.groups[id] != nil && w.groups[id].Owner == c.Account:
		return &w.groups[id].Tags, resSecurityGroup, true
	}
	return nil, "", false
}

// DeleteTags removes tags from resources, all or nothing: an unknown
// resource is InvalidID and removes nothing. A key the resource does not
// have is not an error.
func (w *World) DeleteTags(c Caller, in DeleteTagsInput) (err error) {
	c, err = w.caller(c)
	defer func() { w.apiDone("DeleteTags", c, firstRef(in.Resources, w), err, "") }()
	if err != nil {
		return err
	}
	if len(in.Resources) == 0 {
		return errf(MissingParameter, "The request must contain the parameter resourceIdSet")
	}
	var targets []*Tags
	for _, ref := range w.resolveAll(in.Resources) {
		t, _, ok := w.taggable(c, ref)
		if !ok {
			return errf(InvalidID, "The ID '%s' is not valid", ref)
		}
		targets = append(targets, t)
	}
	if in.DryRun {
		return dryRun()
	}
	for _, t := range targets {
		*t = slices.DeleteFunc(*t, func(tag Tag) bool {
			if len(in.Tags) == 0 {
				return true
			}
			return slices.ContainsFunc(in.Tags, func(k TagKey) bool {
				return k.Key == tag.Key && (k.Value == nil || *k.Value == tag.Value)
			})
		})
	}
	return nil
}

// DescribeTagsInput is the DescribeTags request.
type DescribeTagsInput struct {
	Filters    []Filter `yaml:"Filters" json:"Filters,omitempty"`
	MaxResults int      `yaml:"MaxResults" json:"MaxResults,omitempty"`
	NextToken  string   `yaml:"NextToken" json:"NextToken,omitempty"`
}

// TagDescription is one tag of one resource.
type TagDescription struct {
	ResourceId   string
	ResourceType string
	Key          string
	Value        string
	seq          int64
}

// DescribeTagsOutput lists tags.
type DescribeTagsOutput struct {
	Tags      []TagDescription
	NextToken string
}

// DescribeTags lists every tag of the caller's resources in its region,
// resource by resource in creation order. Filters: resource-id,
// resource-type, key, value, and tag:KEY or tag-key on the resource's tags.
func (w *World) DescribeTags(c Caller, in DescribeTagsInput) (out DescribeTagsOutput, err error) {
	c, err = w.caller(c)
	defer func() {
		var items []string
		for _, t := range out.Tags {
			items = append(items, t.ResourceId+" "+t.Key+"="+t.Value)
		}
		w.apiDone("DescribeTags", c, "", err, listed(len(items), "tag", items))
	}()
	if err != nil {
		return out, err
	}
	type res struct {
		id, kind string
		tags     Tags
		seq      int64
	}
	var all []res
	for _, i := range w.sortedInstances() {
		if i.Owner == c.Account && i.Region == c.Region {
			all = append(all, res{i.ID, resInstance, i.Tags, i.seq})
		}
	}
	for _, v := range w.sortedVolumes() {
		if v.Owner == c.Account && v.Region == c.Region {
			all = append(all, res{v.ID, resVolume, v.Tags, v.seq})
		}
	}
	for _, s := range w.sortedSnapshots() {
		if s.Owner == c.Account && s.Region == c.Region {
			all = append(all, res{s.ID, resSnapshot, s.Tags, s.seq})
		}
	}
	for _, im := range w.sortedImages() {
		if im.Owner == c.Account && im.Region == c.Region && !im.Gone {
			all = append(all, res{im.ID, resImage, im.Tags, im.seq})
		}
	}
	for _, g := range sortedBySeq(w.groups, func(g *SecurityGroup) int64 { return g.seq }) {
		if g.Owner == c.Account && g.Region == c.Region {
			all = append(all, res{g.ID, resSecurityGroup, g.Tags, g.seq})
		}
	}
	for _, k := range w.sortedKeyPairs(c.Account, c.Region) {
		all = append(all, res{k.ID, resKeyPair, k.Tags, k.seq})
	}
	slices.SortStableFunc(all, func(a, b res) int { return int(a.seq - b.seq) })
	type row struct {
		d    TagDescription
		tags Tags
	}
	var rows []row
	for _, r := range all {
		for i, t := range r.tags {
			// seq orders the rows for pagination: the resource's, then the tag's place.
			rows = append(rows, row{TagDescription{r.id, r.kind, t.Key, t.Value, r.seq<<16 | int64(i)}, r.tags})
		}
	}
	rows, err = applyFilters(rows, in.Filters, filterFields[row]{
		"resource-id":   func(r row) []string { return one(r.d.ResourceId) },
		"resource-type": func(r row) []string { return one(r.d.ResourceType) },
		"key":           func(r row) []string { return []string{r.d.Key} },
		"value":         func(r row) []string { return []string{r.d.Value} },
	}, func(r row) Tags { return r.tags })
	if err != nil {
		return out, err
	}
	page, next, err := paginate(rows, func(r row) int64 { return r.d.seq }, tagPages, in.MaxResults, in.NextToken)
	if err != nil {
		return out, err
	}
	for _, r := range page {
		out.Tags = append(out.Tags, r.d)
	}
	out.NextToken = next
	return out, nil
}
