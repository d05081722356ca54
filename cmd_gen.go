package main

import (
	"context"
	"strings"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
)

func cmdGen(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "gen", "fleet [--instances N] [--days D] [--regions R,R,...] [--replace P] [--keep K] [--seed S]",
		"Writes a generated scenario to stdout. `fleet` is a large fleet: a golden AMI\n"+
			"built in the first region and copied to the others, the fleet launched from\n"+
			"it, P percent of it replaced every hour, and a nightly image of the builder\n"+
			"kept K deep by a lifecycle policy. The defaults are the performance\n"+
			"benchmark's month-long 10,000-instance fleet, about 2.9 million events:\n"+
			"more than a run fires by default, so raise --max-events to bill it:\n\n"+
			"  ec2sim gen fleet > fleet.yaml\n"+
			"  time ec2sim bill fleet.yaml --max-events 5000000")
	d := scenarios.DefaultFleet
	instances := fs.Int("instances", d.Instances, "fleet size, spread over the regions")
	days := fs.Int("days", d.Days, "how many days it runs (1-400)")
	regions := fs.String("regions", strings.Join(d.Regions, ","), "regions, comma-separated")
	replace := fs.Int("replace", d.Replace, "percent of the fleet replaced every hour (1-100)")
	keep := fs.Int("keep", d.Keep, "nightly images the lifecycle policy keeps (1-1000)")
	seed := fs.Uint64("seed", d.Seed, "the scenario's seed")
	lim := limitFlags(fs) // a fleet beyond them is refused here, as check would refuse it
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || pos[0] != "fleet" {
		e.errorf("gen makes one kind of scenario: ec2sim gen fleet (see --help)")
		return exitUsage
	}
	cat := model.DefaultCatalog()
	for _, r := range strings.Split(*regions, ",") {
		if _, ok := cat.Region(r); !ok {
			hint := ""
			if s := model.Suggest(r, cat.RegionNames()); s != "" {
				hint = "; did you mean " + s + "?"
			}
			e.errorf("--regions: unknown region %q (simulated: %s)%s", r, strings.Join(cat.RegionNames(), ", "), hint)
			return exitUsage
		}
	}
	o := scenarios.FleetOptions{Instances: *instances, Days: *days, Regions: strings.Split(*regions, ","), Replace: *replace, Keep: *keep, Seed: *seed}
	switch {
	case o.Instances < len(o.Regions) || o.Instances > 1_000_000:
		e.errorf("--instances must be between the number of regions and 1,000,000")
		return exitUsage
	case o.Days < 1 || o.Days > 400:
		e.errorf("--days must be 1 to 400")
		return exitUsage
	case o.Replace < 1 || o.Replace > 100:
		e.errorf("--replace must be 1 to 100 (percent)")
		return exitUsage
	case o.Keep < 1 || o.Keep > 1000:
		e.errorf("--keep must be 1 to 1000")
		return exitUsage
	}
	out := scenarios.FleetScenario(o)
	if _, diags := scenarios.ParseWith("fleet.yaml", out, *lim); diags.Errors() > 0 {
		// The regions, or a fleet bigger than the limits allow: the file
		// would not pass check, so it is not written.
		e.errorf("the generated scenario would not pass `ec2sim check` with these limits (the same --max-* flags raise them for gen, check and run):\n%v", diags)
		return exitUsage
	}
	e.stdout.Write(out)
	return exitOK
}
