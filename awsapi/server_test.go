package awsapi

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
	"github.com/ec2sim/ec2sim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden responses in testdata/responses")

// fakeWall is a wall clock the test moves.
type fakeWall struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeWall) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeWall) add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

type testServer struct {
	*Server
	url    string
	wall   *fakeWall
	logs   []string
	client *http.Client // nil is http.DefaultClient
}

const labYAML = `name: lab
title: two accounts
setup:
  seed: 7
  accounts:
    - {name: student, id: "111122223333"}
    - {name: partner, id: "444455556666"}
steps: []
`

func newTestServer(t testing.TB, clock string) *testServer {
	t.Helper()
	return newLabServer(t, clock, labYAML)
}

// newLabServer serves the lab in src.
func newLabServer(t testing.TB, clock, src string) *testServer {
	t.Helper()
	sc, diags := scenarios.Parse("lab.yaml", []byte(src))
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	c, err := ParseClock(clock)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{wall: &fakeWall{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}
	var mu sync.Mutex
	ts.Server, err = New(Config{Scenario: sc, Source: []byte(src), Clock: c, Speed: 1, Now: ts.wall.now,
		Logf: func(f string, a ...any) { mu.Lock(); ts.logs = append(ts.logs, fmt.Sprintf(f, a...)); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	h := httptest.NewServer(ts.Server)
	t.Cleanup(h.Close)
	ts.url = h.URL
	return ts
}

// call POSTs an EC2 Query body signed (in shape only) by key for region.
func (ts *testServer) call(t testing.TB, key, region, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.url+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if key != "" {
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+key+"/20300101/"+region+"/ec2/aws4_request, SignedHeaders=host, Signature=00")
	}
	client := ts.client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (ts *testServer) ec2(t testing.TB, body string) (int, string) {
	return ts.call(t, "student", "us-east-1", "Version=2016-11-15&"+body)
}

func (ts *testServer) admin(t *testing.T, method, what, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.url+adminPrefix+what, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var codeRe = regexp.MustCompile(`<Code>([^<]*)</Code>`)

func codeIn(body string) string {
	if m := codeRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

var instanceIDRe = regexp.MustCompile(`<instanceId>(i-[0-9a-f]+)</instanceId>`)

// replayed loads an export and runs it to its end, failing the test at
// once if it does not load or start.
func replayed(t *testing.T, export string) *scenarios.Run {
	t.Helper()
	sc, diags := scenarios.Parse("export.yaml", []byte(export))
	if sc == nil || diags.Errors() > 0 {
		t.Fatalf("the export does not load: %v\n%s", diags, export)
	}
	r, err := sc.NewRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	r.RunToEnd()
	return r
}

// launch runs one al2023 t3.micro, with extra appended to the request, and
// returns its instance ID, failing the test if the call does not succeed.
func (ts *testServer) launch(t *testing.T, extra string) string {
	t.Helper()
	status, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1"+extra)
	m := instanceIDRe.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("RunInstances%s: %d %s", extra, status, body)
	}
	return m[1]
}

// Golden responses: the bytes the real clients parse (checked against
// botocore's service model by the acceptance script; here kept from
// drifting). Regenerate with -update and review the diff.
func TestGoldenResponses(t *testing.T) {
	ts := newTestServer(t, "manual")
	steps := []struct{ name, key, region, body string }{
		{"sts-get-caller-identity", "partner", "us-east-1", "Action=GetCallerIdentity&Version=2011-06-15"},
		{"run-instances", "student", "us-east-1", "Action=RunInstances&Version=2016-11-15&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1" +
			"&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web"},
		{"describe-instances", "student", "us-east-1", "Action=DescribeInstances&Version=2016-11-15"},
		{"stop-instance-store", "student", "us-east-1", "Action=RunInstances&Version=2016-11-15&ImageId=amzn-instance-store&InstanceType=m3.medium&MinCount=1&MaxCount=1"},
		{"create-volume", "student", "us-east-1", "Action=CreateVolume&Version=2016-11-15&AvailabilityZone=us-east-1a&Size=8&VolumeType=gp3"},
		{"not-implemented", "student", "us-east-1", "Action=DescribeVpcEndpoints&Version=2016-11-15"},
		{"create-snapshot", "student", "us-east-1", "Action=CreateVolume&Version=2016-11-15&AvailabilityZone=us-east-1a&Size=8&VolumeType=gp3"},
	}
	for _, st := range steps {
		status, body := ts.call(t, st.key, st.region, st.body)
		switch st.name {
		case "stop-instance-store":
			id := instanceIDRe.FindStringSubmatch(body)
			status, body = ts.call(t, st.key, st.region, "Action=StopInstances&Version=2016-11-15&InstanceId.1="+id[1])
		case "create-snapshot": // of the new volume, once it is available: pending at 0%
			id := regexp.MustCompile(`<volumeId>(vol-[0-9a-f]+)</volumeId>`).FindStringSubmatch(body)
			ts.admin(t, "POST", adminClock, `{"advance":"1m"}`)
			status, body = ts.call(t, st.key, st.region, "Action=CreateSnapshot&Version=2016-11-15&VolumeId="+id[1])
		}
		got := fmt.Sprintf("HTTP %d\n%s\n", status, body)
		path := filepath.Join("testdata", "responses", st.name+".xml")
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", st.name, path, got)
		}
	}
}

func TestRealLookingKeysAreRefused(t *testing.T) {
	ts := newTestServer(t, "manual")
	for _, key := range []string{"AKIAIOSFODNN7EXAMPLE", "ASIAQWERTYUIOPASDFGH"} {
		status, body := ts.call(t, key, "us-east-1", "Action=DescribeInstances&Version=2016-11-15")
		if status != 400 || codeIn(body) != string(model.AuthFailure) || !strings.Contains(body, "never needs real credentials") {
			t.Errorf("%s: %d %s", key, status, body)
		}
	}
}

func TestAccountComesFromTheAccessKey(t *testing.T) {
	ts := newTestServer(t, "manual")
	for key, want := range map[string]string{"partner": "444455556666", "444455556666": "444455556666", "student": "111122223333", "test": "111122223333", "": "111122223333"} {
		_, body := ts.call(t, key, "us-east-1", "Action=GetCallerIdentity&Version=2011-06-15")
		if !strings.Contains(body, "<Account>"+want+"</Account>") {
			t.Errorf("key %q: %s, want account %s", key, body, want)
		}
	}
}

func TestRegionComesFromTheCredentialScope(t *testing.T) {
	ts := newTestServer(t, "manual")
	_, body := ts.call(t, "student", "eu-west-1", "Action=RunInstances&Version=2016-11-15&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1")
	if !strings.Contains(body, "<availabilityZone>eu-west-1") {
		t.Fatalf("launched outside eu-west-1: %s", body)
	}
	if _, body := ts.call(t, "student", "us-east-1", "Action=DescribeInstances&Version=2016-11-15"); strings.Contains(body, "<instanceId>") {
		t.Errorf("an eu-west-1 instance shows in us-east-1: %s", body)
	}
	if status, body := ts.call(t, "student", "mars-north-1", "Action=DescribeInstances&Version=2016-11-15"); status != 400 || codeIn(body) != string(model.InvalidRegion) {
		t.Errorf("unknown region: %d %s", status, body)
	}
}

func TestBadRequestsGetAWSShapedErrors(t *testing.T) {
	ts := newTestServer(t, "manual")
	cases := []struct {
		name, body string
		status     int
		code       model.Code
	}{
		{"no action", "Version=2016-11-15", 400, MissingAction},
		{"a body over 1 MiB", "Action=DescribeInstances&Pad=" + strings.Repeat("x", maxBody), 413, RequestEntityTooLarge},
		{"a malformed body", "Action=DescribeInstances&%zz", 400, MalformedQueryString},
		{"an action not simulated", "Action=DescribeVpcEndpoints", 501, NotImplemented},
		{"a fault is not an API action", "Action=HostFailure&InstanceId=i-1", 501, NotImplemented},
		{"a parameter the action does not take", "Action=DescribeInstances&Colour=blue", 400, UnknownParameter},
		{"a wrong type", "Action=RunInstances&ImageId=al2023&MinCount=one", 400, model.InvalidParameterValue},
		{"a model error", "Action=StopInstances&InstanceId.1=i-0123456789abcdef0", 400, model.InvalidInstanceIDNotFound},
	}
	for _, c := range cases {
		status, body := ts.call(t, "student", "us-east-1", c.body)
		if status != c.status || codeIn(body) != string(c.code) || !strings.Contains(body, "<RequestID>") {
			t.Errorf("%s: got %d %s, want %d %s", c.name, status, body, c.status, c.code)
		}
	}
	// NotImplemented names the action and where the simulated ones are
	// listed, in a line: it once listed all ninety of them.
	_, body := ts.call(t, "student", "us-east-1", "Action=DescribeVpcEndpoints")
	msg := regexp.MustCompile(`<Message>([^<]*)</Message>`).FindStringSubmatch(body)
	if msg == nil || !strings.Contains(msg[1], "DescribeVpcEndpoints") || !strings.Contains(msg[1], "docs/serve.md") || len(msg[1]) > 160 {
		t.Errorf("NotImplemented should name the action and docs/serve.md in a short line: %s", body)
	}
}

func TestDryRunAnswers412AndChangesNothing(t *testing.T) {
	ts := newTestServer(t, "manual")
	status, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&DryRun=true")
	if status != 412 || codeIn(body) != string(DryRunOperation) {
		t.Fatalf("%d %s", status, body)
	}
	if status, body := ts.ec2(t, "Action=RunInstances&ImageId=nope&InstanceType=t3.micro&MinCount=1&MaxCount=1&DryRun=true"); status != 400 || codeIn(body) == string(DryRunOperation) {
		t.Errorf("a dry run that would fail must say why: %d %s", status, body)
	}
	if _, body := ts.ec2(t, "Action=DescribeInstances"); strings.Contains(body, "<instanceId>") {
		t.Errorf("a dry run launched an instance: %s", body)
	}
}

func TestAPanicIsAnInternalErrorAndTheServerGoesOn(t *testing.T) {
	ts := newTestServer(t, "manual")
	saved, had := responses["DescribeVolumes"]
	responses["DescribeVolumes"] = func(*encoder, any) any { panic("boom") }
	defer func() {
		if had {
			responses["DescribeVolumes"] = saved
		} else {
			delete(responses, "DescribeVolumes")
		}
	}()
	status, body := ts.ec2(t, "Action=DescribeVolumes")
	if status != 500 || codeIn(body) != string(InternalError) {
		t.Fatalf("%d %s", status, body)
	}
	if len(ts.logs) == 0 || !strings.Contains(ts.logs[0], "boom") {
		t.Errorf("the panic was not logged: %q", ts.logs)
	}
	if status, _ := ts.ec2(t, "Action=DescribeInstances"); status != 200 {
		t.Errorf("the server stopped serving: %d", status)
	}
}

func TestAClientTokenRetryLaunchesOnce(t *testing.T) {
	ts := newTestServer(t, "manual")
	run := "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&ClientToken=abc"
	_, first := ts.ec2(t, run)
	_, again := ts.ec2(t, run)
	if first != again {
		t.Errorf("a retry answered differently:\n%s\n%s", first, again)
	}
	_, body := ts.ec2(t, "Action=DescribeInstances")
	if n := strings.Count(body, "<instanceId>"); n != 1 {
		t.Errorf("%d instances after a retried launch", n)
	}
	if status, body := ts.ec2(t, strings.Replace(run, "t3.micro", "t3.small", 1)); status != 400 || codeIn(body) != string(IdempotentParameterMismatch) {
		t.Errorf("the token reused with other parameters: %d %s", status, body)
	}
}

func instanceState(t *testing.T, ts *testServer) string {
	t.Helper()
	_, body := ts.ec2(t, "Action=DescribeInstances")
	m := regexp.MustCompile(`<instanceState><code>\d+</code><name>([a-z-]+)</name>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no instance: %s", body)
	}
	return m[1]
}

func TestClockModes(t *testing.T) {
	launch := "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1"
	t.Run("settle finishes transitions before the next request, the starting call answers pending", func(t *testing.T) {
		ts := newTestServer(t, "settle")
		if _, body := ts.ec2(t, launch); !strings.Contains(body, "<name>pending</name>") {
			t.Fatalf("RunInstances did not answer pending: %s", body)
		}
		if got := instanceState(t, ts); got != "running" {
			t.Errorf("after settling: %s", got)
		}
	})
	t.Run("step advances a fixed step per request", func(t *testing.T) {
		ts := newTestServer(t, "step:1m")
		ts.ec2(t, "Action=DescribeInstances")
		ts.ec2(t, "Action=DescribeInstances")
		if got := ts.Now(); got != 2*sim.Minute {
			t.Errorf("after two requests at step:1m: %s", got)
		}
	})
	t.Run("manual moves only when told", func(t *testing.T) {
		ts := newTestServer(t, "manual")
		ts.ec2(t, launch)
		ts.wall.add(time.Hour)
		ts.Tick()
		if got := instanceState(t, ts); got != "pending" || ts.Now() != 0 {
			t.Errorf("manual clock moved: %s at %s", got, ts.Now())
		}
		if status, body := ts.admin(t, "POST", adminClock, `{"advance":"5m"}`); status != 200 || !strings.Contains(body, `"now_s": 300`) {
			t.Fatalf("advance: %d %s", status, body)
		}
		if got := instanceState(t, ts); got != "running" {
			t.Errorf("after advancing 5m: %s", got)
		}
	})
	t.Run("wall runs at speed times wall time", func(t *testing.T) {
		ts := newTestServer(t, "wall")
		ts.admin(t, "POST", adminClock, `{"speed":60}`)
		ts.wall.add(2 * time.Second)
		ts.Tick()
		if got := ts.Now(); got != 2*sim.Minute {
			t.Errorf("2 s of wall time at speed 60: %s", got)
		}
		ts.admin(t, "POST", adminClock, `{"pause":true}`)
		ts.wall.add(time.Hour)
		ts.Tick()
		if got := ts.Now(); got != 2*sim.Minute {
			t.Errorf("a paused clock moved to %s", got)
		}
	})
}

func TestResponseTimestampsAreSimulatedTime(t *testing.T) {
	ts := newTestServer(t, "manual")
	ts.admin(t, "POST", adminClock, `{"advance":"1d"}`)
	_, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1")
	// the scenario's calendar starts 2026-01-05T09:00Z; the wall clock says 2030
	if !strings.Contains(body, "<launchTime>2026-01-06T09:00:00.000Z</launchTime>") {
		t.Errorf("launch time is not simulated time: %s", body)
	}
}

func TestAdminAPI(t *testing.T) {
	ts := newTestServer(t, "settle")
	_, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web")
	id := instanceIDRe.FindStringSubmatch(body)[1]
	ts.ec2(t, "Action=DescribeInstances")

	if status, body := ts.admin(t, "GET", adminHealth, ""); status != 200 || !strings.Contains(body, `"scenario": "lab"`) || !strings.Contains(body, `"clock": "settle"`) {
		t.Errorf("health: %d %s", status, body)
	}
	if status, body := ts.admin(t, "POST", adminAct, `{"action":"HostFailure","params":{"InstanceId":"web"}}`); status != 200 {
		t.Errorf("act: %d %s", status, body)
	}
	_, logBody := ts.admin(t, "GET", adminLog+"?since=0", "")
	var log struct {
		Next   int `json:"next"`
		Events []struct {
			Kind, Action string
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(logBody), &log); err != nil || log.Next == 0 || log.Events[len(log.Events)-1].Kind != "fault" {
		t.Errorf("log: %v %s", err, logBody)
	}
	status, export := ts.admin(t, "GET", adminExport, "")
	if status != 200 || !strings.Contains(export, "name: web") || !strings.Contains(export, "HostFailure") {
		t.Fatalf("export: %d %s", status, export)
	}
	r := replayed(t, export)
	if inst, ok := r.World.Instance("web"); !ok || inst.ID != id {
		t.Errorf("the replay has no instance web = %s", id)
	}
	for _, msg := range ts.logs {
		if strings.Contains(msg, "DOES NOT REPLAY") {
			t.Errorf("%s", msg)
		}
	}
	if status, body := ts.admin(t, "GET", adminBill, ""); status != 200 || !strings.Contains(body, "total_usd") {
		t.Errorf("bill: %d %s", status, body)
	}
	if status, _ := ts.admin(t, "POST", adminReset, ""); status != 200 || ts.Now() != 0 {
		t.Errorf("reset: %d, now %s", status, ts.Now())
	}
	if _, body := ts.ec2(t, "Action=DescribeInstances"); strings.Contains(body, "<instanceId>") {
		t.Errorf("instances survived a reset: %s", body)
	}
}

// Many clients at once: every call is applied, none is lost.
func TestConcurrentClientsLoseNoUpdate(t *testing.T) {
	ts := newTestServer(t, "manual")
	const clients, each = 8, 10
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if status, body := ts.ec2(t, "Action=CreateVolume&AvailabilityZone=us-east-1a&Size=1"); status != 200 {
					t.Errorf("%d %s", status, body)
				}
				ts.ec2(t, "Action=DescribeVolumes")
			}
		}()
	}
	wg.Wait()
	_, body := ts.ec2(t, "Action=DescribeVolumes")
	if n := strings.Count(body, "<volumeId>"); n != clients*each {
		t.Errorf("%d volumes, want %d", n, clients*each)
	}
}

// Every EC2 action of the model's registry answers: a model error for an
// empty request, or a success — never NotImplemented or an internal error.
func TestEveryModelActionAnswers(t *testing.T) {
	ts := newTestServer(t, "manual")
	for _, a := range model.Actions() {
		if a.Kind != model.KindEC2 {
			continue
		}
		status, body := ts.ec2(t, "Action="+a.Name)
		if code := codeIn(body); status >= 500 || code == string(NotImplemented) || code == string(UnknownParameter) {
			t.Errorf("%s: %d %s", a.Name, status, body)
		}
	}
}

// An action without an entry in responses answers by the generic
// encoding: lowerCamel members, which is AWS's naming for most outputs.
func TestAnActionWithoutAResponderAnswersGenerically(t *testing.T) {
	ts := newTestServer(t, "manual")
	saved := responses["CreateSecurityGroup"]
	delete(responses, "CreateSecurityGroup")
	defer func() { responses["CreateSecurityGroup"] = saved }()
	status, body := ts.ec2(t, "Action=CreateSecurityGroup&GroupName=web&GroupDescription=web+servers")
	if status != 200 || !regexp.MustCompile(`<CreateSecurityGroupResponse xmlns="[^"]+"><requestId>[^<]+</requestId><groupId>sg-[0-9a-f]+</groupId></CreateSecurityGroupResponse>`).MatchString(body) {
		t.Errorf("%d %s", status, body)
	}
}

// EC2 takes the same parameters as a GET query string ("Query requests
// for Amazon EC2"): curl needs no body.
func TestAGETQueryIsAnswered(t *testing.T) {
	ts := newTestServer(t, "manual")
	resp, err := http.Get(ts.url + "/?Action=DescribeInstances&Version=2016-11-15")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<DescribeInstancesResponse") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// ---- many clients at once ------------------------------------------------

// serveBenchFor is how long BenchmarkConcurrentClients drives the server:
// go test ./awsapi -run '^$' -bench ConcurrentClients -serve-bench-for 30s
var serveBenchFor = flag.Duration("serve-bench-for", 3*time.Second, "how long BenchmarkConcurrentClients runs")

// benchClients is how many clients drive the server at once.
const benchClients = 8

var volumeIDRe = regexp.MustCompile(`<volumeId>(vol-[0-9a-f]+)</volumeId>`)

// clientRound is one round of one client's work: create a volume tagged
// with the client, tag it with the round, read it back by ID, by tag filter
// with a page size and through DescribeTags, and delete it on odd rounds.
// It returns the latency of each request, and the first failure.
func clientRound(ts *testServer, client *http.Client, c, i int) ([]time.Duration, error) {
	var lat []time.Duration
	do := func(body string) (string, error) {
		req, _ := http.NewRequest(http.MethodPost, ts.url+"/", strings.NewReader("Version=2016-11-15&"+body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=student/20300101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00")
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(start))
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s: %d %s", body, resp.StatusCode, b)
		}
		return string(b), err
	}
	body, err := do(fmt.Sprintf("Action=CreateVolume&AvailabilityZone=us-east-1a&Size=1"+
		"&TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=client&TagSpecification.1.Tag.1.Value=c%d", c))
	if err != nil {
		return lat, err
	}
	m := volumeIDRe.FindStringSubmatch(body)
	if m == nil {
		return lat, fmt.Errorf("CreateVolume answered no volume: %s", body)
	}
	id := m[1]
	steps := []string{
		fmt.Sprintf("Action=CreateTags&ResourceId.1=%s&Tag.1.Key=round&Tag.1.Value=%d", id, i),
		"Action=DescribeVolumes&VolumeId.1=" + id,
		fmt.Sprintf("Action=DescribeVolumes&Filter.1.Name=tag:client&Filter.1.Value.1=c%d&MaxResults=5", c),
		"Action=DescribeTags&Filter.1.Name=resource-id&Filter.1.Value.1=" + id,
	}
	if i%2 == 1 {
		steps = append(steps, "Action=DeleteVolume&VolumeId="+id)
	}
	for _, s := range steps {
		if _, err := do(s); err != nil {
			return lat, err
		}
	}
	return lat, nil
}

// benchHTTPClient keeps one connection per client alive, so the benchmark
// measures the server, not TCP set-up.
func benchHTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients, MaxConnsPerHost: benchClients}}
}

// Many clients at once, each creating, tagging, reading and deleting
// volumes: every call is applied exactly once. Each client's volumes carry
// its own tag and each round's tag, the even rounds' volumes remain, and the
// export holds every mutating call.
func TestConcurrentRoundsAddUp(t *testing.T) {
	ts := newTestServer(t, "settle")
	client := benchHTTPClient()
	const rounds = 6
	errs := make(chan error, benchClients)
	var wg sync.WaitGroup
	for c := 0; c < benchClients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				if _, err := clientRound(ts, client, c, i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for c := 0; c < benchClients; c++ {
		for i := 0; i < rounds; i += 2 {
			want[fmt.Sprintf("c%d/%d", c, i)] = true
		}
	}
	got := map[string]bool{}
	for _, v := range ts.Server.sess.Run().World.Volumes() {
		if v.State == model.VolumeDeleted || v.State == model.VolumeDeleting {
			continue // an odd round's (the last call leaves it deleting: nothing settles it)
		}
		key := v.Tags.Get("client") + "/" + v.Tags.Get("round")
		if got[key] {
			t.Errorf("two volumes for %s", key)
		}
		got[key] = true
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("volumes left (client/round):\n got %v\nwant %v", got, want)
	}
	src, err := ts.Export()
	if err != nil {
		t.Fatal(err)
	}
	// CreateVolume and CreateTags every round, DeleteVolume every odd one.
	wantCalls := benchClients * (2*rounds + rounds/2)
	if n := strings.Count(string(src), "\n    action: "); n != wantCalls {
		t.Errorf("the export holds %d calls, want %d", n, wantCalls)
	}
}

// BenchmarkConcurrentClients drives one server with benchClients clients
// doing clientRound for -serve-bench-for of wall time (whatever b.N is: the
// figure is a throughput, not a cost per operation) and reports requests
// per second and the median and 99th-percentile latency. It asserts
// nothing; TestConcurrentRoundsAddUp checks that no update is lost.
func BenchmarkConcurrentClients(b *testing.B) {
	ts := newTestServer(b, "settle")
	client := benchHTTPClient()
	deadline := time.Now().Add(*serveBenchFor)
	lats := make([][]time.Duration, benchClients)
	errs := make([]error, benchClients)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < benchClients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				lat, err := clientRound(ts, client, c, i)
				lats[c] = append(lats[c], lat...)
				if err != nil {
					errs[c] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	slices.Sort(all)
	if len(all) == 0 {
		b.Fatal("no request finished")
	}
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(all)), "requests")
	b.ReportMetric(float64(elapsed.Nanoseconds())/float64(len(all)), "ns/op")
}

// docRow is a row of the action table of docs/serve.md: "| `Action` |
// summary | `filter` `filter` | paged |".
var docRow = regexp.MustCompile("^\\| `(\\w+)` \\| [^|]* \\| ([^|]*) \\| (yes)? *\\|$")

// docs/serve.md lists exactly the model's EC2 actions, in registry order,
// and every filter it lists for an action is one the server takes (tag:KEY
// is sent as tag:Name); a filter it does not list is refused, so the probe
// can tell. A paged action answers a page of MaxResults=5.
func TestServeDocListsEveryAction(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "docs", "serve.md"))
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, "manual")
	var listed []string
	for _, line := range strings.Split(string(src), "\n") {
		m := docRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		action := m[1]
		listed = append(listed, action)
		filters := regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[2], -1)
		for _, f := range filters {
			name := strings.Replace(f[1], "tag:KEY", "tag:Name", 1)
			_, body := ts.ec2(t, "Action="+action+"&Filter.1.Name="+name+"&Filter.1.Value.1=zzz")
			if strings.Contains(body, "is invalid") {
				t.Errorf("%s: the doc lists filter %s, the server refuses it: %s", action, f[1], body)
			}
		}
		if len(filters) > 0 {
			if _, body := ts.ec2(t, "Action="+action+"&Filter.1.Name=no-such-filter&Filter.1.Value.1=x"); codeIn(body) != string(model.InvalidParameterValue) {
				t.Errorf("%s: an unknown filter is not refused: %s", action, body)
			}
		}
		if m[3] == "yes" {
			if status, body := ts.ec2(t, "Action="+action+"&MaxResults=5"); status != 200 {
				t.Errorf("%s: the doc says it is paged, MaxResults=5 answers %d %s", action, status, body)
			}
		}
	}
	var registry []string
	for _, a := range model.Actions() {
		if a.Kind == model.KindEC2 {
			registry = append(registry, a.Name)
		}
	}
	if !slices.Equal(listed, registry) {
		t.Errorf("docs/serve.md lists the actions\n  %v\nthe registry has\n  %v", listed, registry)
	}
}

// Hostile requests get EC2's error envelope (InvalidParameterValue, 400)
// at once, never a slow answer or a crash: deep X.N.Y.M nesting, 100,000
// list items (as many parameters, or one item numbered 100,000), invalid
// UTF-8 in a name or a value, a huge tag value, a huge parameter name.
func TestHostileRequestsGetAWSShapedErrors(t *testing.T) {
	ts := newTestServer(t, "manual")
	manyItems := make([]string, 5000)
	for i := range manyItems {
		manyItems[i] = fmt.Sprintf("Owner.%d=a", i+1)
	}
	cases := []struct {
		name, body, message string
		code                model.Code
	}{
		{"deep X.N.Y.M nesting", "Action=DescribeImages&Filter" + strings.Repeat(".1.Value", 20) + "=x", "nests 41 levels deep; ec2sim accepts at most 12", model.InvalidParameterValue},
		{"thousands of list items", "Action=DescribeImages&" + strings.Join(manyItems, "&"), "The request has 5002 parameters; ec2sim accepts at most 1000", model.InvalidParameterValue},
		{"item 100,000 of a list", "Action=DescribeInstances&InstanceId.100000=i-1", "is item 100000 of a list; ec2sim accepts lists of at most 1000 items", model.InvalidParameterValue},
		// Go's form parser stops at 10,000 pairs, before checkForm counts.
		{"one name repeated 100,000 times", "Action=DescribeInstances&" + strings.Repeat("a&", 100_000), "exceeded limit", MalformedQueryString},
		{"invalid UTF-8 in a value", "Action=CreateKeyPair&KeyName=%ff%fe", "The value of KeyName is not valid UTF-8", model.InvalidParameterValue},
		{"invalid UTF-8 in a name", "Action=CreateKeyPair&Key%ffName=k", "A parameter name is not valid UTF-8", model.InvalidParameterValue},
		{"a huge tag value", "Action=CreateTags&ResourceId.1=i-1&Tag.1.Key=Name&Tag.1.Value=" + strings.Repeat("v", 200_000), "The value of Tag.1.Value is 200000 bytes long; ec2sim accepts values of at most 65536", model.InvalidParameterValue},
		{"a huge parameter name", "Action=DescribeInstances&" + strings.Repeat("N", 5000) + "=1", "A parameter name is 5000 bytes long", model.InvalidParameterValue},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := ts.ec2(t, c.body)
			if status != 400 || codeIn(body) != string(c.code) || !strings.Contains(body, c.message) || !strings.Contains(body, "<RequestID>") {
				t.Errorf("got %d %.300s\nwant 400 %s: %s", status, body, c.code, c.message)
			}
		})
	}
	// The same bounds hold for a GET query.
	resp, err := http.Get(ts.url + "/?Action=DescribeInstances&InstanceId.100000=i-1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "lists of at most 1000 items") {
		t.Errorf("GET: %d %s", resp.StatusCode, b)
	}
	if status, _ := ts.ec2(t, "Action=DescribeInstances"); status != 200 {
		t.Errorf("the server stopped serving: %d", status)
	}
}

// The server's notes quote requests: they reach Logf (the terminal, in
// `ec2sim serve`) through the sanitiser, never as terminal controls.
func TestTheServerLogIsSanitised(t *testing.T) {
	ts := newTestServer(t, "manual")
	if status, body := ts.call(t, "student", "us-east-1", "Action=DescribeInstances&Version=2016%1b]0%3bowned%07%0d%e2%80%ae"); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	ts.call(t, "student", "us-east-1", "Version=2016-11-15&Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&AdditionalInfo=x")
	joined := strings.Join(ts.logs, "\n")
	if !strings.Contains(joined, `API version 2016\x1b]0;owned\x07\r\u202e asked for`) {
		t.Errorf("the note does not show the version escaped: %q", ts.logs)
	}
	if strings.ContainsAny(joined, "\x1b\x07\r\u202e") {
		t.Errorf("a raw control reached the log: %q", joined)
	}
}

// docs/security.md lists every bound on a request with its value.
func TestSecurityDocListsEveryServerLimit(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "security.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]int{
		"maxBody": maxBody, "maxParams": maxParams, "maxListIndex": maxListIndex, "maxSegments": maxSegments,
		"maxNameLen": maxNameLen, "maxValueLen": maxValueLen, "settleLimit": settleLimit,
	} {
		found := false
		for _, l := range strings.Split(string(doc), "\n") {
			found = found || (strings.HasPrefix(l, "|") && strings.Contains(l, "`"+name+"`") && strings.Contains(l, "`"+strconv.Itoa(v)+"`"))
		}
		if !found {
			t.Errorf("docs/security.md has no row with `%s` and `%d`", name, v)
		}
	}
}

// What CreateKeyPair answers is the key pair DescribeKeyPairs then lists:
// the same ID and fingerprint, written by the model once.
func TestCreateKeyPairAnswersTheKeyPairItMade(t *testing.T) {
	ts := newTestServer(t, "manual")
	field := func(body, name string) string {
		m := regexp.MustCompile("<" + name + ">([^<]*)</" + name + ">").FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no %s in %s", name, body)
		}
		return m[1]
	}
	status, made := ts.ec2(t, "Action=CreateKeyPair&KeyName=lab")
	if status != 200 {
		t.Fatalf("CreateKeyPair: %d %s", status, made)
	}
	_, listed := ts.ec2(t, "Action=DescribeKeyPairs&KeyName.1=lab")
	for _, name := range []string{"keyPairId", "keyFingerprint"} {
		if a, b := field(made, name), field(listed, name); a != b {
			t.Errorf("%s: CreateKeyPair says %q, DescribeKeyPairs %q", name, a, b)
		}
	}
	if field(made, "keyMaterial") == "" {
		t.Error("CreateKeyPair shows no key material, which AWS shows once")
	}
}

// An instance's tenancy on the wire is the model's: a Dedicated Instance
// says dedicated.
func TestDescribeInstancesSaysTheTenancy(t *testing.T) {
	ts := newTestServer(t, "manual")
	if status, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&Placement.Tenancy=dedicated"); status != 200 {
		t.Fatalf("RunInstances: %d %s", status, body)
	}
	_, body := ts.ec2(t, "Action=DescribeInstances")
	if !strings.Contains(body, "<tenancy>dedicated</tenancy>") {
		t.Errorf("no dedicated tenancy in %s", body)
	}
}
