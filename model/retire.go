package model

import (
	"fmt"
	"slices"
)

// A bill must not grow with every instance a fleet ever ran. The lines of
// resources that are gone for good are kept one by one for the most recent
// KeepRetired of them (so a lesson can still ask what one terminated
// instance cost); older ones are folded into one line per account, region,
// component and month, whose cost is the exact sum of what it absorbed.

// KeepRetired is how many gone resources keep lines of their own.
const KeepRetired = 4096

// RetiredResource begins the Resource of a line that folds gone resources:
// "(retired)/ACCOUNT/REGION".
const RetiredResource = "(retired)"

// retire notes that a resource is gone for good (e is its entry, nil if
// the ledger never saw it), folding the oldest retired resources' lines
// once there are more than KeepRetired. It calls folded with each resource
// whose lines it folded: no line names them any more. An entry with no
// line (a snapshot that stored nothing) goes through the queue too, so it
// leaves the ledger as well. A resource is retired once: a second call
// would fold its lines twice.
func (l *ledger) retire(e *resEntry, folded func(string)) {
	if e == nil || e.gone {
		return
	}
	e.gone = true
	l.retired = append(l.retired, e)
	for len(l.retired) > KeepRetired {
		if old := l.retired[0]; l.fold(old) {
			folded(old.id)
		}
		l.retired[0] = nil
		l.retired = l.retired[1:]
	}
}

// fold moves a gone resource's lines into the aggregate lines, and says
// whether it did. Totals do not change: costs move, exactly. Lines that
// draw on the free tier stay, since the free tier is shared out line by
// line.
func (l *ledger) fold(e *resEntry) bool {
	if len(e.slots) > 0 {
		return false // still metered: its lines are still growing
	}
	if l.freeTier {
		free := false
		e.eachLine(func(ln *line) { free = free || l.freeKind[e.key(ln)] != noAllowance })
		if free {
			return false
		}
	}
	var arr [2]*retiredAgg
	into := arr[:0] // the aggregates it goes into: one, or two for a copy's transfer
	e.eachLine(func(ln *line) {
		to, ok := l.foldTo[ln.t]
		if !ok || to.month != ln.month {
			to = l.aggregateOf(ln)
			if l.foldTo == nil {
				l.foldTo = map[*lineTmpl]foldRef{}
			}
			l.foldTo[ln.t] = to
		}
		if !slices.Contains(into, to.ra) {
			into = append(into, to.ra)
		}
		to.agg.qty += ln.qty
		to.agg.cost += ln.cost
		l.nLines--
	})
	for _, ra := range into {
		ra.folded++
	}
	delete(l.res, e.id)
	return true
}

// foldRef is the aggregate line that a template's lines of a month fold
// into, and the aggregate it belongs to (see ledger.foldTo).
type foldRef struct {
	month string
	agg   *line
	ra    *retiredAgg
}

// aggregateOf is the aggregate line ln folds into, made at its first use:
// its account's in its region, of its component and month.
func (l *ledger) aggregateOf(ln *line) foldRef {
	ra := l.retiredAgg(ln.t.Account, ln.t.Region)
	ak := lineKey{ra.resource, ln.t.Component, ln.month}
	agg, ok := l.aggs[ak]
	if !ok {
		ae := l.entry(ak.resource)
		ae.agg, ae.region = true, ln.t.Region
		agg = ae.newLine()
		*agg = line{t: ln.t, month: ln.month, per: ln.per}
		l.aggs[ak] = agg
		l.nLines++
	}
	return foldRef{ln.month, agg, ra}
}

// retiredText is what a bill calls the lines that fold retired resources,
// as it calls another resource by its scenario name: how many they fold.
func (l *ledger) retiredText(resource string) string {
	for _, ra := range l.retiredAggs { // one per account and region
		if ra.resource == resource && ra.folded > 0 {
			return fmt.Sprintf("%d resources gone for good", ra.folded)
		}
	}
	return ""
}

// retiredAgg is one account's aggregate of gone resources in a region.
type retiredAgg struct {
	resource string // the Resource of its lines, "(retired)/ACCOUNT/REGION", written once
	folded   int    // how many resources' lines it holds
}

// retiredAgg is the aggregate that folds an account's gone resources in a
// region, made at its first use.
func (l *ledger) retiredAgg(account, region string) *retiredAgg {
	k := [2]string{account, region}
	ra, ok := l.retiredAggs[k]
	if !ok {
		ra = &retiredAgg{resource: RetiredResource + "/" + account + "/" + region}
		if l.retiredAggs == nil {
			l.retiredAggs = map[[2]string]*retiredAgg{}
		}
		l.retiredAggs[k] = ra
	}
	return ra
}
