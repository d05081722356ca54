package model_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
)

func TestCodesEachOnceWithStatusAndExplanation(t *testing.T) {
	seen := map[model.Code]bool{}
	for _, c := range model.Codes() {
		if c.Code == "" {
			t.Errorf("a row without a code: %+v", c)
			continue
		}
		if seen[c.Code] {
			t.Errorf("%s appears twice", c.Code)
		}
		seen[c.Code] = true
		if c.Status < 400 || c.Status > 599 {
			t.Errorf("%s: HTTP status %d, want an error status", c.Code, c.Status)
		}
		if c.Summary == "" {
			t.Errorf("%s: no summary", c.Code)
		}
		tp, ok := model.Explain(string(c.Code))
		if !ok || tp.Kind != model.TopicCode || tp.Summary != c.Summary || tp.Text == "" {
			t.Errorf("%s: explain topic %+v (found %v), want a code topic with the table's summary and a text", c.Code, tp, ok)
		}
		if got, ok := model.LookupCode(c.Code); !ok || got.Code != c.Code || got.Status != c.Status || got.Message != c.Message {
			t.Errorf("LookupCode(%s) = %+v, %v; want its row", c.Code, got, ok)
		}
		if got := c.Code.HTTPStatus(); got != c.Status {
			t.Errorf("%s.HTTPStatus() = %d, want the table's %d", c.Code, got, c.Status)
		}
	}
	if len(seen) < 41 {
		t.Errorf("%d codes; the set only grows, and it had 41", len(seen))
	}
}

// AWS's errors-overview page sorts codes into the caller's mistakes (400)
// and its own (5xx, and 501 for an action not implemented); a successful
// dry run is 412 Precondition Failed.
func TestCodeStatusFollowsAWS(t *testing.T) {
	special := map[model.Code]int{
		model.DryRunOperation:              412,
		model.InsufficientInstanceCapacity: 500,
		model.InternalError:                500,
		model.NotImplemented:               501,
		model.RequestEntityTooLarge:        413, // ec2sim's own: EC2 documents no code for it
	}
	for _, c := range model.Codes() {
		want, ok := special[c.Code]
		if !ok {
			want = 400
		}
		if c.Status != want {
			t.Errorf("%s: status %d, want %d", c.Code, c.Status, want)
		}
	}
	const notACode model.Code = "NoSuchCode"
	if got := notACode.HTTPStatus(); got != 500 {
		t.Errorf("a code outside the table is the simulator's bug: status %d, want 500", got)
	}
}

func TestCodesAreListedAlphabeticallyIgnoringCase(t *testing.T) {
	cs := model.Codes()
	for i := 1; i < len(cs); i++ {
		a, b := string(cs[i-1].Code), string(cs[i].Code)
		if la, lb := strings.ToLower(a), strings.ToLower(b); la > lb || la == lb && a > b {
			t.Errorf("%s listed before %s", a, b)
		}
	}
	topics := model.Topics()
	topics = topics[len(topics)-len(cs):]
	for i, c := range cs {
		if topics[i].Name != string(c.Code) {
			t.Fatalf("topic %s where explain should list code %s (Codes order)", topics[i].Name, c.Code)
		}
	}
}

func TestLookupCodeMatchesExactly(t *testing.T) {
	if _, ok := model.LookupCode(model.InvalidSnapshotInUse); !ok {
		t.Errorf("LookupCode(%s) found nothing", model.InvalidSnapshotInUse)
	}
	for _, c := range []model.Code{"", "invalidsnapshot.inuse", "InvalidSnapshotInUse", "InvalidSnapshot.InUse "} {
		if info, ok := model.LookupCode(c); ok {
			t.Errorf("LookupCode(%q) = %s; EC2 codes match exactly", c, info.Code)
		}
	}
}

func TestCodesReturnsACopy(t *testing.T) {
	model.Codes()[0].Status = 299
	if model.Codes()[0].Status == 299 {
		t.Error("changing Codes' result changed the table")
	}
}

// DryRunOperation is the one code whose message AWS never varies; the
// simulator sends it word for word.
func TestDryRunAnswersWithAWSsFixedMessage(t *testing.T) {
	const want = "Request would have succeeded, but DryRun flag is set."
	if info, _ := model.LookupCode(model.DryRunOperation); info.Message != want {
		t.Errorf("table message %q, want %q", info.Message, want)
	}
	l := newLab(t, labConfig(1))
	in := labRun("al2023", "t3.micro")
	in.DryRun = true
	_, err := l.w.RunInstances(asStudent, in)
	l.code(err, model.DryRunOperation)
	if e, ok := err.(*model.Error); !ok || e.Message != want {
		t.Errorf("RunInstances with DryRun: %v, want message %q", err, want)
	}
}

// docs/error-codes.md lists the codes table, so the docs read the same set
// as explain and check; run `go test ./model -run ErrorCodeDoc -update-doc`
// to rewrite it from the table.
func TestErrorCodeDocMatchesTheTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Error codes\n\nEvery EC2 error code the simulator can return, from the one table in `model/errors.go`\n" +
		"(`ec2sim explain CODE` tells why each happens and how to fix it). A step or sandbox action can\n" +
		"expect any of them with `expect_error`. HTTP is the status `ec2sim serve` answers with.\n\n" +
		"| Code | HTTP | Means |\n|---|---|---|\n")
	for _, c := range model.Codes() {
		fmt.Fprintf(&b, "| `%s` | %d | %s |\n", c.Code, c.Status, c.Summary)
	}
	want := b.String()
	path := filepath.Join("..", "docs", "error-codes.md")
	if *updateDoc {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/error-codes.md differs from the codes table; run go test ./model -run ErrorCodeDoc -update-doc")
	}
}

var updateDoc = flag.Bool("update-doc", false, "rewrite docs/error-codes.md from the codes table")
