package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"sync"

	"github.com/ec2sim/ec2sim/awsapi"
	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/scenarios/files"
)

const serveAbout = `Serves the EC2 Query API (and STS GetCallerIdentity) for a simulated world,
so the real AWS CLI, boto3 and Terraform drive it: instances go pending then
running, snapshots take minutes, the bill grows, errors carry AWS's codes.
Without SCENARIO the world is empty, with one account "student". The event
log streams here, with the reason for each failed call.

Clock modes (--clock), from most to least like AWS:
  wall       simulated time runs at --speed × wall time (the default). Speed 1
             feels like AWS; 60 makes a 2-minute AMI copy take 2 seconds. The
             CLI's waiters still sleep 15 s of wall time between polls.
  step:DUR   each EC2 request first advances simulated time by DUR (step:5s),
             wall time ignored: the same script gives the same trace every time.
  settle     before each request, every transition already started finishes
             and the clock moves on to the scenario's scheduled steps; the call
             that starts a transition still answers pending, stopping or
             shutting-down. For scripts, Terraform and test suites written for
             other emulators: fast, and they still see AWS's states.
  manual     time moves only when told: curl -XPOST ADDR/_ec2sim/clock -d '{"advance":"1h"}'
             (or {"until":"idle"} to finish everything pending).
Response timestamps are simulated time on the scenario's calendar.

Safety rules (nothing here can cost money, if you keep to them):
  1. ec2sim never needs real credentials. Use the dummy keys printed at start
     (AWS_ACCESS_KEY_ID=student picks the account); keys shaped like real ones
     (AKIA…, ASIA…) are refused with AuthFailure.
  2. Always pass --endpoint-url (boto3: endpoint_url=; Terraform: the provider's
     endpoints block). Older CLIs ignore AWS_ENDPOINT_URL and would call real AWS,
     where the dummy keys fail and nothing is created.
  3. Run "aws sts get-caller-identity --endpoint-url ..." first: ec2sim answers
     with the scenario's account; real AWS would refuse the dummy keys.
  4. The server listens on loopback only; --allow-remote opens it to the
     network with a warning (one world, no authentication).

Admin API (JSON) under /_ec2sim/: GET health, export, state, bill, log?since=N;
POST clock {"speed":N}|{"pause":true}|{"advance":"30d"}|{"until":"idle"},
act {"action":"HostFailure","params":{"InstanceId":"web"}}, answer {"quiz":"id","answer":"b"},
hint {"task":"id"}, reset.
What is simulated, action by action with its filters: docs/serve.md.
Ctrl-C writes --record and exits 130.`

func cmdServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve", "[SCENARIO] [--addr HOST:PORT] [--speed N] [--clock MODE] [--seed N] [--record FILE]", serveAbout)
	addr := fs.String("addr", "127.0.0.1:4590", "listen on this address (loopback unless --allow-remote)")
	speed := fs.Float64("speed", 1, "simulated seconds per wall second, with --clock wall (0 pauses)")
	clockFlag := fs.String("clock", string(awsapi.ClockWall), "how simulated time moves: wall, step:DUR, settle or manual")
	seed := fs.Uint64("seed", 0, "random seed (default: the scenario's own)")
	record := fs.String("record", "", "keep this file up to date with the session's export (written atomically)")
	allowRemote := fs.Bool("allow-remote", false, "listen on a non-loopback address too (anyone who reaches it drives the world)")
	quiet := fs.Bool("quiet", false, "do not stream the event log")
	lim := limitFlags(fs)
	pos, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		e.errorf("serve takes at most one scenario, got %d", len(pos))
		return exitUsage
	}
	clock, err := awsapi.ParseClock(*clockFlag)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if *speed < 0 {
		e.errorf("--speed must be 0 or more")
		return exitUsage
	}
	var seedp *uint64
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			seedp = seed
		}
	})
	sc, src, code := serveScenario(e, pos, lim)
	if sc == nil {
		return code
	}
	ln, remote, err := awsapi.Listen(*addr, *allowRemote)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if remote {
		e.errorf("warning: listening on %s, beyond this machine: one world, no authentication", *addr)
	}
	defer ln.Close()

	var out sync.Mutex // the event log and the server's notes share stdout
	var srv *awsapi.Server
	cfg := awsapi.Config{Scenario: sc, Source: src, Seed: seedp, Clock: clock, Speed: *speed,
		Logf: func(format string, args ...any) {
			out.Lock()
			defer out.Unlock()
			fmt.Fprintf(e.stderr, format+"\n", args...)
		}}
	if !*quiet {
		cfg.OnRecords = func(run *scenarios.Run, recs []scenarios.Record) {
			out.Lock()
			defer out.Unlock()
			for _, rec := range recs {
				fmt.Fprintln(e.stdout, run.LogLine(rec)) // as `ec2sim run` prints it
				if rec.Kind == scenarios.RecordAPI && rec.Error != "" {
					if t, ok := model.Explain(rec.Error); ok {
						fmt.Fprintf(e.stdout, "%12s ↳ why: %s (ec2sim explain %s)\n", "", t.Summary, rec.Error)
					}
				}
			}
		}
	}
	if *record != "" {
		cfg.OnChange = func() {
			if err := writeRecord(srv.Export, *record); err != nil {
				cfg.Logf("ec2sim: --record: %v", err)
			}
		}
	}
	srv, err = awsapi.New(cfg)
	if err != nil {
		e.errorf("%v", err)
		return exitInvalid
	}
	printBanner(e, srv, sc, "http://"+ln.Addr().String(), clock, *speed)

	if err := srv.Serve(ctx, ln); !errors.Is(err, context.Canceled) {
		e.errorf("%v", err)
		return exitFailed
	}
	if *record != "" {
		if err := writeRecord(srv.ExportVerified, *record); err != nil {
			e.errorf("--record: %v", err)
		} else {
			fmt.Fprintf(e.stderr, "ec2sim: the session is in %s (replay it with `ec2sim run %s`)\n", *record, *record)
		}
	}
	e.errorf("interrupted at simulated time %s", srv.Now())
	return exitInterrupted
}

// serveScenario loads the scenario to serve and its source, or the empty world.
func serveScenario(e *env, pos []string, lim *scenarios.Limits) (*scenarios.Scenario, []byte, int) {
	if len(pos) == 0 {
		sc, src, err := awsapi.EmptyScenario()
		if err != nil {
			e.errorf("%v", err)
			return nil, nil, exitInvalid
		}
		return sc, src, exitOK
	}
	sc, code := load(e, pos[0], lim)
	if sc == nil {
		return nil, nil, code
	}
	src, err := readScenarioFile(pos[0], lim.FileSize)
	if err != nil {
		var builtin bool
		if src, builtin = scenarios.BuiltinSource(sc); !builtin {
			e.errorf("%v", err)
			return nil, nil, exitInvalid
		}
	}
	return sc, src, exitOK
}

func printBanner(e *env, srv *awsapi.Server, sc *scenarios.Scenario, url string, clock awsapi.Clock, speed float64) {
	accts := srv.Accounts()
	mode := clock.String()
	if clock.Mode == awsapi.ClockWall {
		mode = fmt.Sprintf("wall ×%g", speed)
	}
	region := sc.Region
	if region == "" {
		region = "us-east-1"
	}
	w := e.stdout
	fmt.Fprintf(w, "ec2sim serving EC2 for %q at %s (clock %s; T+%s = %s)\n", sc.Name, url, mode,
		srv.Now().Compact(), srv.Calendar().Format("Mon 02 Jan 2006 15:04 MST"))
	fmt.Fprintf(w, "  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=ec2sim AWS_DEFAULT_REGION=%s\n", scenarios.Line(accts[0].Name), region)
	fmt.Fprintf(w, "  then add --endpoint-url %s to every aws command (AWS_ENDPOINT_URL=%s works on newer clients)\n", url, url)
	fmt.Fprintf(w, "  check: aws sts get-caller-identity --endpoint-url %s   → account %s\n", url, accts[0].ID)
	if len(accts) > 1 {
		var names []string
		for _, a := range accts[1:] {
			names = append(names, scenarios.Line(a.Name)+" ("+a.ID+")")
		}
		fmt.Fprintf(w, "  other accounts: set AWS_ACCESS_KEY_ID to %s\n", strings.Join(names, ", "))
	}
	fmt.Fprintln(w)
}

// writeRecord writes the export atomically. An export that does not replay
// to the live world is written all the same (it is the best record there
// is), and the error says so.
func writeRecord(export func() ([]byte, error), path string) error {
	src, xerr := export()
	if src == nil {
		return xerr
	}
	return errors.Join(files.WriteAtomic(path, src), xerr)
}
