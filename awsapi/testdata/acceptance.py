"""The acceptance flow of acceptance.sh, with boto3. Usage: acceptance.py URL"""
import sys

import boto3
from botocore.exceptions import ClientError

url = sys.argv[1]
kw = dict(endpoint_url=url, aws_access_key_id="student", aws_secret_access_key="ec2sim")
use = boto3.client("ec2", region_name="us-east-1", **kw)
eu = boto3.client("ec2", region_name="eu-west-1", **kw)
fast = {"Delay": 1, "MaxAttempts": 60}


def fails(code, status, f, **a):
    try:
        f(**a)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response["Error"]
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == status, e.response["ResponseMetadata"]
        return
    sys.exit(f"{f.__name__} should have failed with {code}")


assert boto3.client("sts", region_name="us-east-1", **kw).get_caller_identity()["Account"] == "111122223333"
tag = lambda n: [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": n}]}]
web = use.run_instances(ImageId="resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                        InstanceType="t3.micro", MinCount=1, MaxCount=1, TagSpecifications=tag("web"))["Instances"][0]
assert web["State"] == {"Code": 0, "Name": "pending"}, web["State"]
use.get_waiter("instance_running").wait(InstanceIds=[web["InstanceId"]], WaiterConfig=fast)
got = use.describe_instances(InstanceIds=[web["InstanceId"]])["Reservations"][0]["Instances"][0]
assert got["State"]["Name"] == "running" and got["Tags"] == [{"Key": "Name", "Value": "web"}], got
assert got["SubnetId"].startswith("subnet-") and got["PrivateIpAddress"] and "StateReason" not in got, got
attr = use.describe_instance_attribute(InstanceId=web["InstanceId"], Attribute="userData")
assert attr.get("UserData") == {} and "InstanceType" not in attr, attr  # launched without user data: no value
st = use.describe_instance_status(InstanceIds=[web["InstanceId"]], IncludeAllInstances=True)["InstanceStatuses"][0]
assert st["InstanceState"] == {"Code": 16, "Name": "running"}, st
img = [i for i in use.describe_images(Owners=["amazon"])["Images"] if i["RootDeviceType"] == "instance-store"][0]
leg = use.run_instances(ImageId=img["ImageId"], InstanceType="m3.medium", MinCount=1, MaxCount=1,
                        TagSpecifications=tag("legacy"))["Instances"][0]["InstanceId"]
use.get_waiter("instance_running").wait(InstanceIds=[leg], WaiterConfig=fast)
fails("UnsupportedOperation", 400, use.stop_instances, InstanceIds=[leg])
fails("DryRunOperation", 412, use.stop_instances, InstanceIds=[web["InstanceId"]], DryRun=True)
ami = use.create_image(InstanceId=web["InstanceId"], Name="web-v1")["ImageId"]
use.get_waiter("image_available").wait(ImageIds=[ami], WaiterConfig=fast)
snap = use.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
copy = eu.copy_image(SourceImageId=ami, SourceRegion="us-east-1", Name="web-v1-eu")["ImageId"]
eu.get_waiter("image_available").wait(ImageIds=[copy], WaiterConfig=fast)
use.deregister_image(ImageId=ami)
snaps = {s["SnapshotId"]: s["State"] for s in use.describe_snapshots()["Snapshots"]}
assert snaps.get(snap) == "completed", snaps
vol = use.create_volume(AvailabilityZone="us-east-1a", Size=2,
                        TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "scratch"}]}])
assert vol["State"] == "creating", vol["State"]
use.get_waiter("volume_available").wait(VolumeIds=[vol["VolumeId"]], WaiterConfig=fast)
use.get_waiter("volume_available").wait(Filters=[{"Name": "tag:Name", "Values": ["scratch"]}], WaiterConfig=fast)
sn = use.create_snapshot(VolumeId=vol["VolumeId"])
assert sn["State"] == "pending", sn["State"]
use.get_waiter("snapshot_completed").wait(SnapshotIds=[sn["SnapshotId"]], WaiterConfig=fast)
use.get_waiter("snapshot_completed").wait(OwnerIds=["self"], Filters=[{"Name": "volume-id", "Values": [vol["VolumeId"]]}],
                                          WaiterConfig=fast)
print("acceptance OK (boto3", boto3.__version__ + ")")
