package model

import (
	"strconv"
	"strings"
)

// Filter is one entry of a Describe call's Filters (Filter.N.Name and
// Filter.N.Value.M on the wire). Every Describe action reads its filters by
// one rule, applyFilters: filters AND, the values of one filter OR.
type Filter struct {
	Name   string   `yaml:"Name" json:"Name"`
	Values []string `yaml:"Values" json:"Values"`
}

// filterFields maps the filter names an action accepts (besides tag:KEY and
// tag-key) to the values an item has under that name. A name with several
// values per item (a security group ID of an instance with two groups)
// matches when any of them does.
type filterFields[T any] map[string]func(T) []string

// applyFilters keeps the items that match every filter. A filter matches an
// item when one of its values matches one of the item's values for that
// name; values may use * (any run of characters) and ? (any one character),
// and \ escapes either. tag:KEY matches the value of tag KEY and tag-key a
// tag's key; tags nil means the resource takes no tags. Every name is
// checked before any item is, so an unknown filter fails even on an empty
// list: EC2 answers InvalidParameterValue "The filter 'X' is invalid"
// (the EC2 API reference's Filter.N parameters, docs/sources.md S3).
func applyFilters[T any](items []T, filters []Filter, fields filterFields[T], tags func(T) Tags) ([]T, error) {
	type check func(T) []string
	checks := make([]check, len(filters))
	for i, f := range filters {
		switch key, isTag := strings.CutPrefix(f.Name, "tag:"); {
		case isTag && tags != nil:
			checks[i] = func(it T) []string {
				for _, t := range tags(it) {
					if t.Key == key {
						return []string{t.Value}
					}
				}
				return nil
			}
		case f.Name == "tag-key" && tags != nil:
			checks[i] = func(it T) []string {
				var ks []string
				for _, t := range tags(it) {
					ks = append(ks, t.Key)
				}
				return ks
			}
		case fields[f.Name] != nil:
			checks[i] = fields[f.Name]
		default:
			return nil, errf(InvalidParameterValue, "The filter '%s' is invalid", f.Name)
		}
		if len(f.Values) == 0 {
			return nil, errf(InvalidParameterValue, "The filter '%s' has no values", f.Name)
		}
	}
	if len(filters) == 0 {
		return items, nil
	}
	var out []T
	for _, it := range items {
		ok := true
		for i, f := range filters {
			if !anyMatch(f.Values, checks[i](it)) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

func anyMatch(patterns, values []string) bool {
	for _, p := range patterns {
		for _, v := range values {
			if wildcardMatch(p, v) {
				return true
			}
		}
	}
	return false
}

// wildcardMatch matches s against an EC2 filter value: * is any run of
// characters (also none), ? exactly one, \ makes the next character literal.
func wildcardMatch(pattern, s string) bool {
	p, r := []rune(pattern), []rune(s)
	// Iterative glob with one backtrack point, linear in practice.
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(r) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == '\\' && pi+1 < len(p) && p[pi+1] == r[si]:
			pi, si = pi+2, si+1
		case pi < len(p) && p[pi] != '\\' && (p[pi] == '?' || p[pi] == r[si]):
			pi, si = pi+1, si+1
		case star >= 0:
			pi, mark = star+1, mark+1
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// one is a filter value list of one string.
func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func boolValue(b bool) []string { return []string{strconv.FormatBool(b)} }

// idForms are the ways EC2 reports IDs of one resource type it cannot use:
// the prefix an ID must have, the .Malformed and .NotFound codes, and the
// .NotFound message for one ID and for several.
type idForms struct {
	prefix           string
	malformed        Code
	notFound         Code
	notFoundOne      string // one %s: the ID
	notFoundSeveral  string // one %s: the IDs joined by ", "
	malformedExample string // "" means the prefix plus "-..."
}

// The forms EC2 uses. The image forms are AWS's own, for one ID and for
// several ("The image id '[ami-…]' does not exist", "The image ids '[…, …]'
// do not exist"); the instance forms are those of instancesFor; the volume,
// snapshot and security-group forms for one ID are AWS's; for several IDs the
// simulator lists them in the same sentence, plural.
var (
	imageIDs  = idForms{prefix: "ami", malformed: InvalidAMIIDMalformed, notFound: InvalidAMIIDNotFound, notFoundOne: "The image id '[%s]' does not exist", notFoundSeveral: "The image ids '[%s]' do not exist"}
	volumeIDs = idForms{prefix: "vol", malformed: InvalidVolumeMalformed, notFound: InvalidVolumeNotFound, notFoundOne: "The volume '%s' does not exist.", notFoundSeveral: "The volumes '%s' do not exist."}
	snapIDs   = idForms{prefix: "snap", malformed: InvalidSnapshotMalformed, notFound: InvalidSnapshotNotFound, notFoundOne: "The snapshot '%s' does not exist.", notFoundSeveral: "The snapshots '%s' do not exist."}
	groupIDs  = idForms{prefix: "sg", malformed: InvalidGroupIdMalformed, notFound: "InvalidGroup.NotFound", notFoundOne: "The security group '%s' does not exist", notFoundSeveral: "The security groups '%s' do not exist"}
	vpcIDs    = idForms{prefix: "vpc", malformed: InvalidVpcIDMalformed, notFound: InvalidVpcIDNotFound, notFoundOne: "The vpc ID '%s' does not exist", notFoundSeveral: "The vpc IDs '%s' do not exist"}
	subnetIDs = idForms{prefix: "subnet", malformed: InvalidSubnetIDMalformed, notFound: InvalidSubnetIDNotFound, notFoundOne: "The subnet ID '%s' does not exist", notFoundSeveral: "The subnet IDs '%s' do not exist"}
)

// check reports the first malformed ID, or else every ID missing from
// found, in the order asked: what a Describe call by IDs answers when it
// cannot list them all. An empty answer for a well-formed unknown ID would
// make a waiter's "all match" true over nothing; AWS fails instead.
func (f idForms) check(ids []string, found func(id string) bool) error {
	for _, id := range ids {
		if !validID(id, f.prefix) {
			return errf(f.malformed, "Invalid id: \"%s\" (expecting \"%s-...\")", id, f.prefix)
		}
	}
	var missing []string
	for _, id := range ids {
		if !found(id) {
			missing = append(missing, id)
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return errf(f.notFound, f.notFoundOne, missing[0])
	}
	return errf(f.notFound, f.notFoundSeveral, strings.Join(missing, ", "))
}

// Page bounds of MaxResults, per action, from the EC2 API reference:
// DescribeInstances, DescribeSnapshots and DescribeVolumes take 5 to 1000
// (a larger value is clamped, as AWS returns at most the maximum), and
// DescribeImages 1 to 1000.
type pageBounds struct{ min, max int }

var (
	instancePages = pageBounds{5, 1000}
	imagePages    = pageBounds{1, 1000}
	volumePages   = pageBounds{5, 1000}
	snapPages     = pageBounds{5, 1000}
	groupPages    = pageBounds{5, 1000}
	tagPages      = pageBounds{5, 1000}
	typePages     = pageBounds{5, 100}
	statusPages   = pageBounds{5, 1000}
)

// paginate returns one page of a list in creation order and the token of the
// next, "" on the last. The token names the creation sequence number of the
// next item, so a page boundary survives items being added or deleted in
// between. maxResults 0 means everything in one page.
func paginate[T any](items []T, seq func(T) int64, b pageBounds, maxResults int, token string) ([]T, string, error) {
	start := 0
	if token != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(token, "ec2sim-"), 36, 64)
		if err != nil || !strings.HasPrefix(token, "ec2sim-") {
			return nil, "", errf(InvalidPaginationToken, "Invalid pagination token: %s", token)
		}
		for start < len(items) && seq(items[start]) < n {
			start++
		}
	}
	if maxResults == 0 {
		return items[start:], "", nil
	}
	if maxResults < b.min {
		return nil, "", errf(InvalidParameterValue, "Value ( %d ) for parameter maxResults is invalid. Expecting a value greater than %d.", maxResults, b.min)
	}
	end := start + min(maxResults, b.max)
	if end >= len(items) {
		return items[start:], "", nil
	}
	return items[start:end], "ec2sim-" + strconv.FormatInt(seq(items[end]), 36), nil
}

// pageOrIDs refuses MaxResults together with IDs, where the API does
// (DescribeInstances, DescribeInstanceStatus).
func pageOrIDs(ids []string, maxResults int, param string) error {
	if len(ids) > 0 && maxResults > 0 {
		return errf(InvalidParameterCombination, "The parameter %s cannot be used with the parameter maxResults", param)
	}
	return nil
}

// dedupe keeps the first of each string, in order.
func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
