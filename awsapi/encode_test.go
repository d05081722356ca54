package awsapi

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

var nextTokenRe = regexp.MustCompile(`<nextToken>([^<]+)</nextToken>`)

// pages follows nextToken through a paginated Describe call as the CLI
// and the SDK paginators do, and returns the items of each page (counted by
// itemTag) and whether any page carried an empty nextToken.
func pages(t *testing.T, ts *testServer, body, itemTag string) []int {
	t.Helper()
	var counts []int
	token := ""
	for n := 0; n < 20; n++ {
		req := body
		if token != "" {
			req += "&NextToken=" + token
		}
		status, out := ts.ec2(t, req)
		if status != 200 {
			t.Fatalf("%s: %d %s", req, status, out)
		}
		if strings.Contains(out, "<nextToken></nextToken>") || strings.Contains(out, "<nextToken/>") {
			t.Errorf("%s: an empty nextToken (the last page sends none): %s", req, out)
		}
		counts = append(counts, strings.Count(out, itemTag))
		m := nextTokenRe.FindStringSubmatch(out)
		if m == nil {
			return counts
		}
		token = m[1]
	}
	t.Fatalf("%s: more than 20 pages", body)
	return nil
}

// MaxResults and NextToken reach the model and nextToken comes back in the
// response, for the actions with their own responder and for the generic
// encoding alike (paginators-1.json of botocore's EC2 model: input_token
// NextToken, output_token NextToken, limit_key MaxResults).
func TestPaginationGoesThroughTheWire(t *testing.T) {
	ts := newTestServer(t, "settle")
	for i := 0; i < 7; i++ {
		if status, body := ts.ec2(t, fmt.Sprintf("Action=CreateVolume&AvailabilityZone=us-east-1a&Size=1"+
			"&TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=n&TagSpecification.1.Tag.1.Value=%d", i)); status != 200 {
			t.Fatalf("CreateVolume: %d %s", status, body)
		}
	}
	for _, tc := range []struct {
		body, item string
		want       string
	}{
		{"Action=DescribeVolumes&MaxResults=5", "<volumeId>", "[5 2]"},
		{"Action=DescribeVolumes&MaxResults=1000", "<volumeId>", "[7]"},
		{"Action=DescribeVolumes", "<volumeId>", "[7]"},
		{"Action=DescribeTags&MaxResults=5&Filter.1.Name=key&Filter.1.Value.1=n", "<resourceId>", "[5 2]"},
		{"Action=DescribeVolumes&MaxResults=5&Filter.1.Name=tag:n&Filter.1.Value.1=1&Filter.1.Value.2=6", "<volumeId>", "[2]"},
	} {
		if got := fmt.Sprint(pages(t, ts, tc.body, tc.item)); got != tc.want {
			t.Errorf("%s: pages of %s, want %s", tc.body, got, tc.want)
		}
	}
	for body, code := range map[string]string{
		"Action=DescribeVolumes&NextToken=garbage":                               "InvalidPaginationToken",
		"Action=DescribeVolumes&MaxResults=2":                                    "InvalidParameterValue",
		"Action=DescribeInstances&InstanceId.1=i-0123456789abcdef0&MaxResults=5": "InvalidParameterCombination",
	} {
		if status, out := ts.ec2(t, body); status != 400 || codeIn(out) != code {
			t.Errorf("%s: %d %s, want 400 %s", body, status, out, code)
		}
	}
}

// DescribeInstanceCreditSpecifications answers in AWS's element names
// (instanceCreditSpecificationSet/item, instanceId, cpuCredits).
func TestCreditSpecificationsAnswerInAWSNames(t *testing.T) {
	ts := newTestServer(t, "settle")
	status, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1")
	m := instanceIDRe.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("RunInstances: %d %s", status, body)
	}
	status, body = ts.ec2(t, "Action=DescribeInstanceCreditSpecifications&InstanceId.1="+m[1])
	want := "<instanceCreditSpecificationSet><item><instanceId>" + m[1] + "</instanceId><cpuCredits>unlimited</cpuCredits></item></instanceCreditSpecificationSet>"
	if status != 200 || !strings.Contains(body, want) || strings.Contains(body, "nextToken") {
		t.Errorf("%d %s\nwant it to contain %s", status, body, want)
	}
}

var (
	snapshotIDRe = regexp.MustCompile(`<snapshotId>(snap-[0-9a-f]+)</snapshotId>`)
	statusRe     = regexp.MustCompile(`<status>([a-z]+)</status>`)
	progressRe   = regexp.MustCompile(`<progress>(\d+)%</progress>`)
)

// A snapshot's progress on the wire is the model's percentage
// (model.Snapshot.Progress), as EC2 writes it ("37%"): 0% when CreateSnapshot
// answers, rising while DescribeSnapshots says pending, 100% once completed.
func TestSnapshotProgressGoesThroughTheWire(t *testing.T) {
	ts := newTestServer(t, "manual")
	field := func(re *regexp.Regexp, body string) string {
		t.Helper()
		m := re.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no %s in %s", re, body)
		}
		return m[1]
	}
	advance := func(d string) {
		t.Helper()
		if status, body := ts.admin(t, "POST", adminClock, `{"advance":"`+d+`"}`); status != 200 {
			t.Fatalf("advance %s: %d %s", d, status, body)
		}
	}
	_, body := ts.ec2(t, "Action=CreateVolume&AvailabilityZone=us-east-1a&Size=8")
	vol := regexp.MustCompile(`<volumeId>(vol-[0-9a-f]+)</volumeId>`).FindStringSubmatch(body)
	if vol == nil {
		t.Fatalf("CreateVolume: %s", body)
	}
	advance("1m")
	status, body := ts.ec2(t, "Action=CreateSnapshot&VolumeId="+vol[1])
	if status != 200 || field(statusRe, body) != "pending" || field(progressRe, body) != "0" {
		t.Fatalf("CreateSnapshot answers %d %s; want pending at 0%%", status, body)
	}
	snap := field(snapshotIDRe, body)
	var pending []int // the progress DescribeSnapshots answers, a second apart
	for done := false; !done; {
		if len(pending) > 24*60*60 {
			t.Fatal("still pending after a day")
		}
		advance("1s")
		_, body = ts.ec2(t, "Action=DescribeSnapshots&SnapshotId.1="+snap)
		p, _ := strconv.Atoi(field(progressRe, body))
		if state := field(statusRe, body); state != "pending" {
			if done = true; state != "completed" || p != 100 {
				t.Errorf("after pending, a %s snapshot at %d%%; want completed at 100%%", state, p)
			}
			continue
		}
		if n := len(pending); p > 99 || n > 0 && p < pending[n-1] {
			t.Fatalf("pending at %d%% after %v: want 0%% to 99%%, never falling", p, pending)
		}
		pending = append(pending, p)
	}
	if len(pending) < 3 {
		t.Fatalf("pending for %d s only: too short to see it rise", len(pending))
	}
	if mid := pending[len(pending)/2]; mid <= 0 || mid >= 100 {
		t.Errorf("halfway through, DescribeSnapshots says %d%%; want strictly between 0%% and 100%%", mid)
	}
}

// A Spot instance says instanceLifecycle spot in DescribeInstances; an
// On-Demand one has no instanceLifecycle at all, as EC2 answers (S101), and
// the instance-lifecycle filter reads the same fact.
func TestDescribeInstancesSaysTheLifecycle(t *testing.T) {
	ts := newTestServer(t, "settle")
	onDemand, spot := ts.launch(t, ""), ts.launch(t, "&InstanceMarketOptions.MarketType=spot")
	for _, c := range []struct {
		id, want string
	}{
		{onDemand, ""},
		{spot, "spot"},
	} {
		_, body := ts.ec2(t, "Action=DescribeInstances&InstanceId.1="+c.id)
		got := ""
		if m := regexp.MustCompile(`<instanceLifecycle>([^<]*)</instanceLifecycle>`).FindStringSubmatch(body); m != nil {
			got = m[1]
		}
		if got != c.want || c.want == "" && strings.Contains(body, "instanceLifecycle") {
			t.Errorf("%s: instanceLifecycle %q, want %q: %s", c.id, got, c.want, body)
		}
	}
	_, body := ts.ec2(t, "Action=DescribeInstances&Filter.1.Name=instance-lifecycle&Filter.1.Value.1=spot")
	if ids := instanceIDRe.FindAllStringSubmatch(body, -1); len(ids) != 1 || ids[0][1] != spot {
		t.Errorf("instance-lifecycle=spot finds %v, want only %s", ids, spot)
	}
}

// DescribeInstanceStatus answers each instance's state as EC2's
// InstanceState shape, a code and a name side by side
// (<instanceState><code>16</code><name>running</name></instanceState>), not
// the name nested as a state of its own.
func TestInstanceStatusStateIsACodeAndAName(t *testing.T) {
	ts := newTestServer(t, "settle")
	status, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1")
	if status != 200 {
		t.Fatalf("RunInstances: %d %s", status, body)
	}
	status, body = ts.ec2(t, "Action=DescribeInstanceStatus&IncludeAllInstances=true")
	want := "<instanceState><code>16</code><name>running</name></instanceState>"
	if status != 200 || !strings.Contains(body, want) {
		t.Errorf("%d %s\nwant it to contain %s", status, body, want)
	}
}

// An instance on the wire carries the network the model gave it (its
// private address, subnet and VPC), names its security groups (groupId and
// groupName) and dates each volume's attachment, in RunInstances' answer
// and DescribeInstances' alike: the same Instance shape (S101).
func TestAnInstanceShowsItsNetworkGroupsAndAttachTimes(t *testing.T) {
	ts := newTestServer(t, "settle")
	_, body := ts.ec2(t, "Action=CreateSecurityGroup&GroupName=web&GroupDescription=web+servers")
	sg := regexp.MustCompile(`<groupId>(sg-[0-9a-f]+)</groupId>`).FindStringSubmatch(body)
	if sg == nil {
		t.Fatalf("CreateSecurityGroup: %s", body)
	}
	status, run := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1&SecurityGroupId.1="+sg[1])
	m := instanceIDRe.FindStringSubmatch(run)
	if status != 200 || m == nil {
		t.Fatalf("RunInstances: %d %s", status, run)
	}
	inst, ok := ts.sess.Run().World.Instance(m[1])
	if !ok {
		t.Fatalf("no instance %s in the model", m[1])
	}
	_, described := ts.ec2(t, "Action=DescribeInstances&InstanceId.1="+m[1])
	launch := regexp.MustCompile(`<launchTime>([^<]+)</launchTime>`).FindStringSubmatch(described)
	if launch == nil {
		t.Fatalf("no launchTime: %s", described)
	}
	for name, body := range map[string]string{"RunInstances": run, "DescribeInstances": described} {
		for _, want := range []string{
			"<privateIpAddress>" + inst.PrivateIP + "</privateIpAddress>",
			"<subnetId>" + inst.SubnetID + "</subnetId>",
			"<vpcId>" + inst.VpcID + "</vpcId>",
			"<groupSet><item><groupId>" + sg[1] + "</groupId><groupName>web</groupName></item></groupSet>",
			"<attachTime>" + launch[1] + "</attachTime>",
		} {
			if inst.PrivateIP == "" || inst.SubnetID == "" || inst.VpcID == "" || !strings.Contains(body, want) {
				t.Errorf("%s: no %s in %s", name, want, body)
			}
		}
	}
	// A volume attached later is dated by its AttachVolume call, in the
	// instance's mapping and the volume's attachment alike.
	_, body = ts.ec2(t, "Action=CreateVolume&AvailabilityZone="+inst.AZ+"&Size=2")
	vol := regexp.MustCompile(`<volumeId>(vol-[0-9a-f]+)</volumeId>`).FindStringSubmatch(body)
	if vol == nil {
		t.Fatalf("CreateVolume: %s", body)
	}
	if status, body := ts.ec2(t, "Action=AttachVolume&Device=/dev/sdf&InstanceId="+m[1]+"&VolumeId="+vol[1]); status != 200 {
		t.Fatalf("AttachVolume: %d %s", status, body)
	}
	_, described = ts.ec2(t, "Action=DescribeInstances&InstanceId.1="+m[1])
	_, volumes := ts.ec2(t, "Action=DescribeVolumes&VolumeId.1="+vol[1])
	inMapping := regexp.MustCompile(`<deviceName>/dev/sdf</deviceName><ebs><volumeId>` + vol[1] + `</volumeId><status>attached</status><attachTime>([^<]+)</attachTime>`).FindStringSubmatch(described)
	onVolume := regexp.MustCompile(`<attachTime>([^<]+)</attachTime>`).FindStringSubmatch(volumes)
	if inMapping == nil || onVolume == nil || inMapping[1] != onVolume[1] || inMapping[1] == launch[1] {
		t.Errorf("a volume attached after launch: mapping %v, volume %v, launch %s\n%s\n%s", inMapping, onVolume, launch[1], described, volumes)
	}
}

// DescribeInstanceAttribute and DescribeImageAttribute answer the ID and
// the one attribute asked for, as EC2 does; no other attribute appears, not
// even empty (the CLI printed "InstanceType": {} beside the user data).
// User data an instance was launched without is an empty <userData/>,
// which clients read as no value: Terraform's aws_instance planned a
// user_data change after every apply while it read "" instead. A launch
// permission names its account or its group, nothing empty beside it.
func TestAttributeCallsAnswerOnlyTheAttributeAsked(t *testing.T) {
	ts := newTestServer(t, "settle")
	plain, scripted := ts.launch(t, ""), ts.launch(t, "&UserData=ZWNobyBoaQ==")
	_, body := ts.ec2(t, "Action=CreateImage&InstanceId="+plain+"&Name=web-v1")
	ami := regexp.MustCompile(`<imageId>(ami-[0-9a-f]+)</imageId>`).FindStringSubmatch(body)
	if ami == nil {
		t.Fatalf("CreateImage: %s", body)
	}
	if status, body := ts.ec2(t, "Action=ModifyImageAttribute&ImageId="+ami[1]+"&LaunchPermission.Add.1.UserId=444455556666"); status != 200 {
		t.Fatalf("ModifyImageAttribute: %d %s", status, body)
	}
	instanceElements := []string{"instanceType", "kernel", "ramdisk", "userData", "disableApiTermination", "disableApiStop",
		"instanceInitiatedShutdownBehavior", "rootDeviceName", "blockDeviceMapping", "groupSet", "productCodes",
		"ebsOptimized", "sourceDestCheck", "enaSupport"}
	imageElements := []string{"description", "kernel", "ramdisk", "launchPermission", "productCodes", "blockDeviceMapping",
		"sriovNetSupport", "bootMode"}
	for _, c := range []struct {
		call, element, want string
		others              []string
	}{
		{"DescribeInstanceAttribute&InstanceId=" + plain + "&Attribute=userData", "userData", "<userData></userData>", instanceElements},
		{"DescribeInstanceAttribute&InstanceId=" + scripted + "&Attribute=userData", "userData", "<userData><value>ZWNobyBoaQ==</value></userData>", instanceElements},
		{"DescribeInstanceAttribute&InstanceId=" + plain + "&Attribute=instanceType", "instanceType", "<instanceType><value>t3.micro</value></instanceType>", instanceElements},
		{"DescribeInstanceAttribute&InstanceId=" + plain + "&Attribute=disableApiTermination", "disableApiTermination", "<disableApiTermination><value>false</value></disableApiTermination>", instanceElements},
		{"DescribeInstanceAttribute&InstanceId=" + plain + "&Attribute=productCodes", "productCodes", "<productCodes></productCodes>", instanceElements},
		{"DescribeImageAttribute&ImageId=" + ami[1] + "&Attribute=launchPermission", "launchPermission", "<launchPermission><item><userId>444455556666</userId></item></launchPermission>", imageElements},
		{"DescribeImageAttribute&ImageId=" + ami[1] + "&Attribute=description", "description", "<description></description>", imageElements},
	} {
		status, body := ts.ec2(t, "Action="+c.call)
		if status != 200 || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %s\nwant it to contain %s", c.call, status, body, c.want)
			continue
		}
		for _, o := range c.others {
			if o != c.element && strings.Contains(body, "<"+o+">") || strings.Count(body, "<"+o+">") > 1 {
				t.Errorf("%s: answers %s too: %s", c.call, o, body)
			}
		}
	}
}

// The generic encoding names every member of these answers, at every depth,
// as the service model does (a member under another name parses as
// missing: DescribeInstanceAttribute's kernel, DescribeSecurityGroups'
// groupDescription).
func TestGenericMemberNamesFollowTheServiceModel(t *testing.T) {
	m := loadBotocore(t)
	for action, out := range map[string]any{
		"DescribeInstanceAttribute": model.InstanceAttribute{},
		"DescribeImageAttribute":    model.ImageAttribute{},
		"DescribeSnapshotAttribute": model.SnapshotAttribute{},
		"DescribeSecurityGroups":    model.DescribeSecurityGroupsOutput{},
		"DescribeInstanceStatus":    model.DescribeInstanceStatusOutput{},
		"DescribeNetworkInterfaces": model.DescribeNetworkInterfacesOutput{},
	} {
		op, ok := m.Operations[action]
		if !ok {
			t.Errorf("%s is not in botocore's model", action)
			continue
		}
		compareElements(t, m, action, reflect.TypeOf(out), op.Output.Shape)
	}
}

func compareElements(t *testing.T, m *botocoreModel, path string, ours reflect.Type, theirs string) {
	t.Helper()
	for ours.Kind() == reflect.Pointer || ours.Kind() == reflect.Slice {
		ours = ours.Elem()
	}
	bs := m.Shapes[theirs]
	for bs.Type == "list" {
		bs = m.Shapes[bs.Member.Shape]
	}
	if ours.Kind() != reflect.Struct || bs.Type != "structure" || ours == reflect.TypeOf(sim.Time(0)) {
		return
	}
	for i := 0; i < ours.NumField(); i++ {
		f := ours.Field(i)
		mem, ok := bs.Members[f.Name]
		if !f.IsExported() || !ok {
			continue
		}
		want := mem.LocationName
		if want == "" {
			want = strings.ToLower(f.Name[:1]) + f.Name[1:]
		}
		if got := elementName(ours, f); got != want {
			t.Errorf("%s.%s is encoded as <%s>, the service model says <%s>", path, f.Name, got, want)
		}
		compareElements(t, m, path+"."+f.Name, f.Type, mem.Shape)
	}
}

// A stopped or terminated instance says why in EC2's two fields (S103):
// stateReason, a code and its message, and reason (StateTransitionReason),
// "User initiated" and the simulated calendar time of the call. A launch
// answers the pending reason; a running instance has neither.
func TestAnInstanceSaysWhyItStoppedAsEC2Does(t *testing.T) {
	ts := newTestServer(t, "manual")
	advance := func(d string) {
		t.Helper()
		if status, body := ts.admin(t, "POST", adminClock, `{"advance":"`+d+`"}`); status != 200 {
			t.Fatalf("advance %s: %d %s", d, status, body)
		}
	}
	_, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=2&MaxCount=2")
	ids := instanceIDRe.FindAllStringSubmatch(body, -1)
	if len(ids) != 2 {
		t.Fatalf("RunInstances: %s", body)
	}
	if !strings.Contains(body, "<stateReason><code>pending</code><message>pending</message></stateReason>") {
		t.Errorf("RunInstances answers no pending state reason: %s", body)
	}
	advance("5m12s") // the calendar starts at 2026-01-05 09:00:00 UTC
	_, body = ts.ec2(t, "Action=DescribeInstances&InstanceId.1="+ids[0][1])
	if !strings.Contains(body, "<reason></reason>") || strings.Contains(body, "<stateReason>") {
		t.Errorf("a running instance has a reason: %s", body)
	}
	ts.ec2(t, "Action=StopInstances&InstanceId.1="+ids[0][1])
	ts.ec2(t, "Action=TerminateInstances&InstanceId.1="+ids[1][1])
	advance("10m")
	_, body = ts.ec2(t, "Action=DescribeInstances")
	for _, want := range []string{
		"<instanceState><code>80</code><name>stopped</name></instanceState>",
		"<instanceState><code>48</code><name>terminated</name></instanceState>",
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("no %s after 10 minutes: %s", want, body)
		}
	}
	reason := "<reason>User initiated (2026-01-05 09:05:12 GMT)</reason>"
	stateReason := "<stateReason><code>Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>"
	if strings.Count(body, reason) != 2 || strings.Count(body, stateReason) != 2 {
		t.Errorf("want both instances to say %s and %s:\n%s", reason, stateReason, body)
	}
}

// Security groups on the wire as the CLI and Terraform use them: an inbound
// rule for a default VPC group named by GroupName (as
// `authorize-security-group-ingress --group-name web` sends it; an unknown
// name is InvalidGroup.NotFound), DescribeSecurityGroups with the group's
// groupDescription and an all-traffic rule without ports, and the default
// egress rule revoked as Terraform's aws_security_group does first.
func TestSecurityGroupsOnTheWire(t *testing.T) {
	ts := newTestServer(t, "settle")
	call := func(body string, want int) string {
		t.Helper()
		status, out := ts.ec2(t, body)
		if status != want {
			t.Fatalf("%s: %d %s, want %d", body, status, out, want)
		}
		return out
	}
	body := call("Action=CreateSecurityGroup&GroupName=web&GroupDescription=web+servers", 200)
	sg := regexp.MustCompile(`<groupId>(sg-[0-9a-f]+)</groupId>`).FindStringSubmatch(body)[1]
	ssh := "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0"
	call("Action=AuthorizeSecurityGroupIngress&GroupName=web"+ssh, 200)
	if body := call("Action=AuthorizeSecurityGroupIngress&GroupName=api"+ssh, 400); codeIn(body) != string(model.InvalidGroupNotFound) {
		t.Errorf("an unknown group name: %s", body)
	}
	body = call("Action=DescribeSecurityGroups&GroupName.1=web", 200)
	egress := regexp.MustCompile(`<ipPermissionsEgress>(.*)</ipPermissionsEgress>`).FindStringSubmatch(body)
	for _, want := range []string{
		"<groupDescription>web servers</groupDescription>",
		"<ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in %s", want, body)
		}
	}
	if egress == nil || !strings.Contains(egress[1], "<ipProtocol>-1</ipProtocol>") || strings.Contains(egress[1], "Port>") {
		t.Errorf("the all-traffic egress rule, with no ports: %v in %s", egress, body)
	}
	call("Action=RevokeSecurityGroupEgress&GroupId="+sg+"&IpPermissions.1.IpProtocol=-1&IpPermissions.1.FromPort=0&IpPermissions.1.ToPort=0&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0", 200)
	if body := call("Action=DescribeSecurityGroups&GroupId.1="+sg, 200); !strings.Contains(body, "<ipPermissionsEgress></ipPermissionsEgress>") {
		t.Errorf("egress after the revoke: %s", body)
	}
}

// DescribeNetworkInterfaces answers each instance's primary interface, the
// one DescribeInstances shows in its networkInterfaceSet, filtered as
// Terraform's aws_security_group asks on destroy (group-id and a Lambda
// description: none here).
func TestNetworkInterfacesOnTheWire(t *testing.T) {
	ts := newTestServer(t, "settle")
	_, body := ts.ec2(t, "Action=RunInstances&ImageId=al2023&InstanceType=t3.micro&MinCount=1&MaxCount=1")
	id := instanceIDRe.FindStringSubmatch(body)[1]
	eniRe := regexp.MustCompile(`<networkInterfaceSet><item><networkInterfaceId>(eni-[0-9a-f]{17})</networkInterfaceId>`)
	_, described := ts.ec2(t, "Action=DescribeInstances&InstanceId.1="+id)
	inInstance := eniRe.FindStringSubmatch(described)
	status, listed := ts.ec2(t, "Action=DescribeNetworkInterfaces&Filter.1.Name=attachment.instance-id&Filter.1.Value.1="+id)
	inList := eniRe.FindStringSubmatch(listed)
	if status != 200 || inInstance == nil || inList == nil || inInstance[1] != inList[1] ||
		!strings.Contains(listed, "<instanceId>"+id+"</instanceId>") || !strings.Contains(listed, "<deviceIndex>0</deviceIndex>") ||
		!strings.Contains(listed, "<tagSet></tagSet>") || strings.Contains(described[strings.Index(described, "<networkInterfaceSet>"):], "<tagSet>") {
		t.Fatalf("the instance's interface:\n%s\n%d %s", described, status, listed)
	}
	sg := regexp.MustCompile(`<groupId>(sg-[0-9a-f]+)</groupId>`).FindStringSubmatch(listed)[1]
	status, body = ts.ec2(t, "Action=DescribeNetworkInterfaces&Filter.1.Name=group-id&Filter.1.Value.1="+sg+"&Filter.2.Name=description&Filter.2.Value.1=AWS+Lambda+VPC+ENI*")
	if status != 200 || !strings.Contains(body, "<networkInterfaceSet></networkInterfaceSet>") {
		t.Errorf("Lambda interfaces of %s: %d %s", sg, status, body)
	}
}
