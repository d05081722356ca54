package awsapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/scenarios"
)

const exerciseYAML = `name: serve-exercise
title: launch a named server
steps: []
tasks:
  - id: web
    text: Launch an instance tagged Name=web.
    goal: web.state == "running"
    points: 3
`

// An exercise served to the AWS CLI: the Name tag names the instance by the
// rule Session.Act applies, the task ticks (in the log and under
// /_ec2sim/tasks), and the export as a submission grades green on the
// instructor's copy of the lab.
func TestServeReportsTaskProgressAndExportsASubmission(t *testing.T) {
	ts := newLabServer(t, "settle", exerciseYAML)
	if _, body := ts.admin(t, "GET", adminTasks, ""); !strings.Contains(body, `"done": 0`) {
		t.Errorf("before: %s", body)
	}
	ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web")
	ts.ec2(t, "Action=DescribeInstances")
	_, body := ts.admin(t, "GET", adminTasks, "")
	var p scenarios.Progress
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Done != 1 || p.Points != 3 || !p.Tasks[0].Done {
		t.Fatalf("tasks: %v %s", err, body)
	}
	_, logBody := ts.admin(t, "GET", adminLog+"?since=0", "")
	if !strings.Contains(logBody, `"kind": "task"`) {
		t.Errorf("the log does not report the task: %s", logBody)
	}
	status, sub := ts.admin(t, "GET", adminExport+"?as=submission&student=alice", "")
	if status != 200 || strings.Contains(sub, "tasks:") || strings.Contains(sub, "goal") {
		t.Fatalf("submission: %d %s", status, sub)
	}
	lab, _ := scenarios.Parse("lab.yaml", []byte(exerciseYAML))
	s, err := scenarios.ParseSubmission("alice.yaml", []byte(sub))
	if err != nil {
		t.Fatal(err)
	}
	row := scenarios.GradeSubmission(lab, []byte(exerciseYAML), s)
	if !row.Pass || row.Student != "alice" || row.TaskPoints != 3 || len(row.Warnings) > 0 {
		t.Errorf("graded: %+v", row)
	}
}

const quizLabYAML = `name: serve-quiz
title: a question and a hint
steps: []
tasks:
  - id: web
    text: Launch an instance tagged Name=web.
    goal: web.state == "running"
    points: 3
    hints:
      - text: RunInstances with a Name tag.
        penalty: 1
quiz:
  - id: what
    question: Which call launches an instance?
    choices: [StartInstances, RunInstances, LaunchInstances]
    answer: b
    explanation: RunInstances launches; StartInstances restarts a stopped instance.
`

// A student working with the AWS CLI answers the lab's questions and takes
// hints through the admin API; both go into the submission, and grading
// scores them as the terminal UI's answers and hints.
func TestServeTakesQuizAnswersAndHintsForTheSubmission(t *testing.T) {
	ts := newLabServer(t, "settle", quizLabYAML)
	if status, body := ts.admin(t, "POST", adminAnswer, `{"quiz":"what","answer":"z"}`); status != 400 {
		t.Errorf("a letter that is no choice: %d %s", status, body)
	}
	if status, body := ts.admin(t, "POST", adminAnswer, `{"quiz":"what","answer":"b"}`); status != 200 {
		t.Fatalf("answer: %d %s", status, body)
	}
	if status, body := ts.admin(t, "POST", adminHint, `{"task":"web"}`); status != 200 || !strings.Contains(body, "Name tag") {
		t.Fatalf("hint: %d %s", status, body)
	}
	ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web")
	ts.ec2(t, "Action=DescribeInstances")
	_, sub := ts.admin(t, "GET", adminExport+"?as=submission&student=dana", "")
	lab, _ := scenarios.Parse("lab.yaml", []byte(quizLabYAML))
	s, err := scenarios.ParseSubmission("dana.yaml", []byte(sub))
	if err != nil {
		t.Fatal(err)
	}
	row := scenarios.GradeSubmission(lab, []byte(quizLabYAML), s)
	if !row.Pass || row.QuizPoints != row.QuizMax || row.HintsUsed != 1 || row.TaskPoints != 2 {
		t.Errorf("graded: pass %v, quiz %d/%d, hints %d, task points %d (want 3 − 1)\n%s", row.Pass, row.QuizPoints, row.QuizMax, row.HintsUsed, row.TaskPoints, sub)
	}
}

const setupLabYAML = `name: serve-setup
title: a lab that builds its own image first
steps:
  - name: builder
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
  - when: builder.state == "running"
    after: 2m
    name: golden
    action: CreateImage
    params: {InstanceId: builder, Name: golden, NoReboot: true}
  - when: builder.state == "stopped"
    action: CreateTags
    params: {Resources: [builder], Tags: [{Key: late, Value: "yes"}]}
tasks:
  - id: web
    text: Launch an instance tagged Name=web.
    goal: web.state == "running"
    points: 1
`

// On the settle clock a lab's own steps run before the student's first call
// is answered: the builder boots and its image is made and available, with
// nobody moving time. A step that waits on what only the student can do
// (stop the builder) is not hurried to its timeout: it runs once they have.
func TestSettleRunsTheLabsStepsBeforeTheFirstCall(t *testing.T) {
	ts := newLabServer(t, "settle", setupLabYAML)
	if _, body := ts.ec2(t, "Action=DescribeImages&Owner.1=self"); !strings.Contains(body, "<name>golden</name>") || !strings.Contains(body, "<imageState>available</imageState>") {
		t.Fatalf("the lab's image is not there and available at the first call:\n%s", body)
	}
	if _, body := ts.admin(t, "GET", adminHealth, ""); strings.Contains(body, `"now": "1d`) || !strings.Contains(body, `"now": "00:`) {
		t.Errorf("settling ran the clock past the lab's steps: %s", body)
	}
	late := "Action=DescribeTags&Filter.1.Name=key&Filter.1.Value.1=late"
	if _, body := ts.ec2(t, late); strings.Contains(body, "<value>yes</value>") {
		t.Errorf("the step waiting for the builder to stop ran before it stopped:\n%s", body)
	}
	_, body := ts.ec2(t, "Action=DescribeInstances&Filter.1.Name=instance-state-name&Filter.1.Value.1=running")
	m := instanceIDRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no running builder:\n%s", body)
	}
	if status, body := ts.ec2(t, "Action=StopInstances&InstanceId.1="+m[1]); status != 200 {
		t.Fatalf("stop %s: %d %s", m[1], status, body)
	}
	if _, body := ts.ec2(t, late); !strings.Contains(body, "<value>yes</value>") {
		t.Errorf("the step waiting for the builder to stop did not run once it had:\n%s", body)
	}
	for _, l := range ts.logs {
		if strings.Contains(l, "gave up waiting") {
			t.Errorf("a waiting step timed out: %s", l)
		}
	}
}

const namedLabYAML = `name: serve-named
title: a lab that names its server
steps:
  - name: web
    action: RunInstances
    params: {ImageId: al2023, InstanceType: t3.micro}
`

// On the wire resources go by ID, as on EC2: the lab's name for its server
// is a malformed instance ID there (the student learns to use IDs), while
// the lab's own steps and the admin API keep using names. The export marks
// the wire's calls, so the replay fails the same call the same way.
func TestTheWireKnowsResourcesByIDOnly(t *testing.T) {
	ts := newLabServer(t, "settle", namedLabYAML)
	for _, call := range []string{"Action=TerminateInstances&InstanceId.1=web", "Action=DescribeInstances&InstanceId.1=web", "Action=StopInstances&InstanceId.1=web&DryRun=true"} {
		if _, body := ts.ec2(t, call); codeIn(body) != string(model.InvalidInstanceIDMalformed) {
			t.Errorf("%s answers %q, want %s:\n%s", call, codeIn(body), model.InvalidInstanceIDMalformed, body)
		}
	}
	if _, body := ts.ec2(t, "Action=DescribeInstances"); !strings.Contains(body, "<name>running</name>") {
		t.Errorf("the lab's server is not running after the failed calls:\n%s", body)
	}
	status, export := ts.admin(t, "GET", adminExport, "")
	if status != 200 || !strings.Contains(export, "ids_only: true") || !strings.Contains(export, "expect_error: InvalidInstanceID.Malformed") {
		t.Fatalf("export %d:\n%s", status, export)
	}
	if n := replayed(t, export).Failures(); n != 0 {
		t.Errorf("the export fails %d time(s) on replay:\n%s", n, export)
	}
	if status, body := ts.admin(t, "POST", adminAct, `{"action":"StopInstances","params":{"InstanceIds":["web"]}}`); status != 200 {
		t.Errorf("the admin API no longer takes the lab's names: %d %s", status, body)
	}
}
