package tui

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

// sortedResources is perResource worked out the long way: every resource
// summed, labelled and described, then all of them stably sorted by cost.
func sortedResources(b model.Bill) []resourceCost {
	at := map[string]int{}
	var out []resourceCost
	for _, ln := range b.Lines {
		i, ok := at[ln.Resource]
		if !ok {
			label := shortID(ln.Resource)
			if ln.Name != "" {
				label = ln.Name + " " + label
			}
			i = len(out)
			at[ln.Resource] = i
			out = append(out, resourceCost{id: ln.Resource, label: label})
		}
		out[i].cost += ln.Cost
		if !strings.Contains(out[i].what, ln.Component) {
			out[i].what = strings.TrimPrefix(out[i].what+", "+ln.Component, ", ")
		}
	}
	slices.SortStableFunc(out, func(a, b resourceCost) int { return cmp.Compare(b.cost, a.cost) })
	return out
}

// The Cost pane's resources are the first n of a stable sort of all of
// them by cost, most expensive first: ties (a fleet's identical
// instances) in the order the bill first lists them, and a resource's
// lines need not be next to each other. Worked example: lines a $3, b $1,
// a $1 (a second component), c $4, d $4 sum to a $3+$1 = $4, b $1, c $4,
// d $4; sorted, a, c, d (tied at $4, in the order first listed), then b;
// the first two are a and c, and 2 more are not listed.
func TestCostPaneListsTheMostExpensiveInStableOrder(t *testing.T) {
	ln := func(res, comp string, usd float64) model.Line {
		return model.Line{Resource: res, Component: comp, Cost: model.Money(usd * float64(model.MicroPerUSD))}
	}
	b := model.Bill{Lines: []model.Line{ln("a", "hours", 3), ln("b", "hours", 1), ln("a", "storage", 1), ln("c", "hours", 4), ln("d", "hours", 4)}}
	got := perResource(b, 2)
	if len(got.first) != 2 || got.first[0].id != "a" || got.first[1].id != "c" || got.more != 2 {
		t.Fatalf("got %+v, want a then c, and 2 more", got)
	}
	if got.first[0].what != "hours, storage" || got.first[0].cost != 4*model.MicroPerUSD {
		t.Fatalf("a is %+v, want $4 for hours, storage", got.first[0])
	}

	r := rand.New(rand.NewPCG(14, 2))
	for range 50 {
		var b model.Bill
		for range r.IntN(400) {
			res := fmt.Sprintf("i-%017x", r.IntN(150))
			name := ""
			if r.IntN(3) == 0 {
				name = "web"
			}
			b.Lines = append(b.Lines, model.Line{Resource: res, Name: name, Component: fmt.Sprint("c", r.IntN(3)), Cost: model.Money(r.IntN(4) * 1000)})
		}
		all := sortedResources(b)
		for _, n := range []int{1, 5, 100, 1000} {
			got := perResource(b, n)
			want := all[:min(n, len(all))]
			if !slices.Equal(got.first, want) || got.more != len(all)-len(want) {
				t.Fatalf("n=%d: got %v (+%d), want %v (+%d)", n, got.first, got.more, want, len(all)-len(want))
			}
		}
	}
}
