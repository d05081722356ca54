package sweep

import (
	"fmt"
	"io"
	"strings"

	"github.com/ec2sim/ec2sim/scenarios"
)

// histWidth is how many cells wide the fullest bar of a histogram is.
const histWidth = 40

// bar draws count as a bar of at most histWidth cells, the fullest bucket
// full width; a bucket that is not empty gets at least one cell.
func bar(count, most int) string {
	if count == 0 {
		return ""
	}
	return strings.Repeat("█", max(1, (count*histWidth+most/2)/most))
}

// WriteText writes the report as `ec2sim sweep` prints it: the runs, each
// named resource's ready times with a histogram, each check's and expected
// error's pass rate, and the bill in total and per category. Names from the
// file are escaped.
func (rep Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s: %d runs, seeds %d–%d; percentiles by nearest rank\n", scenarios.Line(rep.Scenario), rep.Runs, rep.FirstSeed, rep.LastSeed)
	if rep.FailedRuns > 0 {
		fmt.Fprintf(w, "%d run(s) failed a check, an expectation or a wait, the first with seed %d\n", rep.FailedRuns, *rep.FirstFailedSeed)
	} else {
		fmt.Fprintln(w, "every run passed its checks, expectations and waits")
	}
	if len(rep.Ready) > 0 {
		nw, rw := len("name"), len(fmt.Sprintf(" %d/%d", rep.Runs, rep.Runs))
		for _, r := range rep.Ready {
			nw = max(nw, len(scenarios.Line(r.Name))+len(r.ReadyState)+3)
		}
		fmt.Fprintf(w, "\nReady, seconds from the start\n  %-*s %*s %10s %10s %10s %10s %10s %10s\n", nw, "name", rw, "runs", "min", "p50", "p90", "p99", "max", "mean")
		for _, r := range rep.Ready {
			label := scenarios.Line(fmt.Sprintf("%s (%s)", r.Name, r.ReadyState))
			fmt.Fprintf(w, "  %-*s %*s", nw, label, rw, fmt.Sprintf("%d/%d", r.ReadyRuns, rep.Runs))
			if s := r.Seconds; s != nil {
				fmt.Fprintf(w, " %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f\n", s.Min, s.P50, s.P90, s.P99, s.Max, s.Mean)
			} else {
				fmt.Fprintln(w, "  never ready")
			}
		}
	}
	printRates(w, "Checks", rep.Checks)
	printRates(w, "Expected errors", rep.Expectations)
	cw := len("total")
	for _, c := range rep.Bill.Categories {
		cw = max(cw, len(c.Category))
	}
	fmt.Fprintf(w, "\nBill, USD\n  %-*s %12s %12s %12s %12s %12s %12s\n", cw, "", "min", "p50", "p90", "p99", "max", "mean")
	row := func(name string, s USDStats) {
		fmt.Fprintf(w, "  %-*s %12s %12s %12s %12s %12s %12s\n", cw, name, s.Min, s.P50, s.P90, s.P99, s.Max, s.Mean)
	}
	row("total", rep.Bill.Total)
	for _, c := range rep.Bill.Categories {
		row(c.Category, c.USD)
	}
	fmt.Fprintln(w, "\nBill total, USD")
	var rows [][2]string
	var counts []int
	for _, b := range rep.BillHistogram {
		rows = append(rows, [2]string{b.FromUSD, b.ToUSD})
		counts = append(counts, b.Count)
	}
	printHistogram(w, rows, counts)
	if h := rep.ReadyHistogram; h != nil {
		fmt.Fprintf(w, "\n%s ready, seconds from the start (the slowest name)\n", scenarios.Line(h.Name))
		rows, counts = nil, nil
		for _, b := range h.Buckets {
			rows = append(rows, [2]string{fmt.Sprintf("%.3f", b.FromS), fmt.Sprintf("%.3f", b.ToS)})
			counts = append(counts, b.Count)
		}
		printHistogram(w, rows, counts)
	}
}

func printRates(w io.Writer, title string, rs []Rate) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s, pass rate\n", title)
	for _, r := range rs {
		pct := "     -"
		if r.Evaluated > 0 {
			pct = fmt.Sprintf("%5.1f%%", 100*r.PassRate)
		}
		fmt.Fprintf(w, "  %s %13s  %s\n", pct, fmt.Sprintf("%d/%d", r.Passed, r.Evaluated), scenarios.Line(r.Name))
	}
}

// printHistogram draws one line per bucket: its range, both ends
// included, a bar and the count.
func printHistogram(w io.Writer, rows [][2]string, counts []int) {
	fw, tw, most := 0, 0, 0
	for i, r := range rows {
		fw, tw, most = max(fw, len(r[0])), max(tw, len(r[1])), max(most, counts[i])
	}
	for i, r := range rows {
		fmt.Fprintf(w, "  %*s – %*s  %s %d\n", fw, r[0], tw, r[1], padBar(bar(counts[i], most)), counts[i])
	}
}

// padBar pads a bar of multi-byte cells to histWidth cells, since %-*s
// counts bytes.
func padBar(b string) string {
	return b + strings.Repeat(" ", histWidth-strings.Count(b, "█"))
}
