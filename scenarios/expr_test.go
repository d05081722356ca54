package scenarios

import (
	"strings"
	"testing"
)

func TestExpressionSyntaxErrorsPointAtTheMistake(t *testing.T) {
	cases := []struct {
		src, msg string
		off      int
	}{
		{`web.state = "x"`, "use ==", 10},
		{`a && b`, "write and, or, not", 2},
		{`1 < 2 < 3`, "do not chain", 6},
		{`"open`, "no closing quote", 0},
		{`$1.2.3`, "not an amount of money", 0},
		{`5 parsecs`, "unexpected", 2},
		{`5y`, "not a duration", 0},
		{`cost(web`, "missing its )", 8},
		{`(1 + 2`, "missing )", 6},
		{`nosuch(web)`, "unknown function", 0},
		{`web.`, "field name must follow", 4},
		{`1 2`, "after a complete expression", 2},
		{`and`, "needs a value before it", 0},
		{strings.Repeat("(", 60) + "1" + strings.Repeat(")", 60), "nests too deeply", 50},
		{strings.Repeat("x", MaxExprLen+1), "the limit is", 0},
	}
	for _, c := range cases {
		_, err := ParseExpr(c.src)
		if err == nil {
			t.Errorf("%q parsed", c.src)
			continue
		}
		ee := err.(*ExprError)
		if !strings.Contains(ee.Msg, c.msg) || ee.Off != c.off {
			t.Errorf("%q: got %q at %d, want %q at %d", c.src, ee.Msg, ee.Off, c.msg, c.off)
		}
	}
}

// evalWorld runs a small scenario to its end and returns an evaluator.
func evalWorld(t *testing.T) *Run {
	t.Helper()
	sc, diags := Parse("eval.yaml", []byte(`
name: eval
setup:
  timings: {boot/ebs/linux: 10s, stop: 30s}
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro, MaxCount: 2}
  - name: golden
    after: 1m
    action: CreateImage
    params: {InstanceId: web, Name: golden, NoReboot: true}
  - after: 10m
    action: StopInstances
    params: {InstanceIds: web}
end: 1h
`))
	if sc == nil {
		t.Fatal(diags)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	return r
}

func TestExpressionsReadTheWorldAndTheBill(t *testing.T) {
	r := evalWorld(t)
	cases := []struct {
		src  string
		want string
	}{
		{`web.state`, `"stopped"`},
		{`web.count`, `2`},
		{`web.running`, `0`},
		{`count(web)`, `2`},
		{`web.state == "stopped" and golden.state == "available"`, `true`},
		{`not golden.public`, `true`},
		{`golden.snapshots == golden.snapshots_exist`, `true`},
		{`now`, `1h`},
		{`now - 30m`, `30m`},
		{`bill.total > $0 and bill.total == bill.compute + bill.ebs + bill.snapshot + bill.public_ipv4`, `true`},
		{`bill.total < 1`, `true`},
		{`cost(web) > $0`, `true`},
		{`$1.50 * 2`, `$3.000000`},
		{`$1 / 4`, `$0.250000`},
		{`max(1, 2) + min(3, 4)`, `5`},
		{`-(2 - 5)`, `3`},
		{`7 / 2`, `3.5`},
		{`web.uptime`, `0s`},
		{`exists(golden)`, `true`},
		{`state(web)`, `"stopped"`},
		{`'single' == "single"`, `true`},
	}
	for _, c := range cases {
		x, err := ParseExpr(c.src)
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		v, err := x.eval(r.env())
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if v.String() != c.want {
			t.Errorf("%q = %s, want %s", c.src, v, c.want)
		}
	}
}

func TestExpressionTypeErrorsAreReportedNotPanics(t *testing.T) {
	r := evalWorld(t)
	for src, msg := range map[string]string{
		`web.state < 3`:       "cannot order",
		`web.state == 3`:      "cannot compare",
		`1 and true`:          "needs true/false",
		`"a" + "b"`:           "cannot add",
		`1 / 0`:               "division by zero",
		`not 3`:               "cannot apply",
		`$1 / 0`:              "division by zero",
		`cost("web")`:         "takes a resource name",
		`nobody.state == "x"`: "no resource is named",
		`web.nothing == "x"`:  "has no field",
		`bill.nothing > $0`:   "bill has no field",
		`min(1)`:              "takes two values",
	} {
		x, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%q: parse: %v", src, err)
			continue
		}
		if _, err := x.eval(r.env()); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: got %v, want an error containing %q", src, err, msg)
		}
	}
}

// Graders match text and lists: contains, startswith, and membership with
// in. An instance's id is what a volume's attached_to holds.
func TestTextMatchingAndMembership(t *testing.T) {
	r := evalWorld(t)
	for src, want := range map[string]bool{
		`web.state in ["stopped", "terminated"]`:    true,
		`web.state in ["running"]`:                  false,
		`not (web.state in ["running", "pending"])`: true,
		`contains(golden.id, "ami-")`:               true,
		`startswith(web.id, "i-")`:                  true,
		`startswith(web.az, "eu-")`:                 false,
		`web-xvda.attached_to == web.id`:            true,
		`bill.total in [$0, 1]`:                     false,
	} {
		x, err := ParseExpr(src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if v, err := x.eval(r.env()); err != nil || v.Kind != KBool || v.Bool != want {
			t.Errorf("%s = %v, %v; want %v", src, v, err, want)
		}
	}
	for src, msg := range map[string]string{
		`web.state in [1, 2]`:      "cannot look for text",
		`contains(web.volumes, 1)`: "compares text",
		`web.state in "running"`:   "needs a list",
		`web.state in ["a"`:        "missing its ]",
	} {
		x, err := ParseExpr(src)
		if err == nil {
			_, err = x.eval(r.env())
		}
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: %v, want %q", src, err, msg)
		}
	}
}
