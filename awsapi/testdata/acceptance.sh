#!/bin/sh
# Acceptance test of `ec2sim serve` with the real clients: AWS CLI v1 and
# boto3 drive a served world, the session's export replays with `ec2sim run`
# and is graded with `ec2sim test`. A client the machine lacks is skipped,
# with a message. Usage: sh awsapi/testdata/acceptance.sh (from the
# repository root; EC2SIM=path/to/ec2sim to skip the build).
set -eu
if ! command -v curl >/dev/null 2>&1; then echo "skipped: the acceptance script needs curl"; exit 0; fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'kill "$SIM" 2>/dev/null || true; rm -rf "$out"' EXIT
SIM=
BIN=${EC2SIM:-}
if [ -z "$BIN" ]; then
  BIN=$out/ec2sim
  (cd "$root" && go build -o "$BIN" .)
fi
PORT=${EC2SIM_PORT:-4597}
URL=http://127.0.0.1:$PORT
export AWS_ACCESS_KEY_ID=student AWS_SECRET_ACCESS_KEY=ec2sim AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null # nothing real can leak in
export AWS_EC2_METADATA_DISABLED=true

fail() { echo "FAIL ($client): $*" >&2; sed 's/^/    server │ /' "$out/server.log" | tail -40 >&2; exit 1; }

serve() {
  "$BIN" serve "$here/cli-lab.yaml" --addr "127.0.0.1:$PORT" --clock settle --record "$out/$client.record.yaml" >"$out/server.log" 2>&1 &
  SIM=$!
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    curl -fsS "$URL/_ec2sim/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  fail "the server did not start"
}

# grade: export the session, stop the server, replay and grade the export.
grade() {
  curl -fsS -D "$out/headers" "$URL/_ec2sim/export" >"$out/export.yaml" || fail "export"
  if grep -qi '^x-ec2sim-replay: differs' "$out/headers"; then fail "the export does not replay to the live world"; fi
  kill "$SIM"; wait "$SIM" 2>/dev/null || true; SIM=
  cat "$out/export.yaml" "$here/cli-lab-checks.yaml" >"$out/graded.yaml"
  "$BIN" run "$out/graded.yaml" >"$out/run.txt" || { cat "$out/run.txt" >&2; fail "ec2sim run of the export"; }
  "$BIN" test "$out/graded.yaml" >"$out/test.txt" 2>&1 || { cat "$out/test.txt" >&2; fail "ec2sim test of the export"; }
  # The lab's four checks pass, and so does every call that failed in the
  # session (exported as an expected error), with nothing failing.
  [ "$(grep -c '^  PASS .* check ' "$out/test.txt")" = 4 ] && grep -Eq '^[0-9]+ passed, 0 failed$' "$out/test.txt" ||
    { cat "$out/test.txt" >&2; fail "grading"; }
}

ran=0
client="aws cli"
if command -v aws >/dev/null 2>&1; then
  serve
  EP="--endpoint-url $URL"
  aws sts get-caller-identity $EP --query Account --output text | grep -qx 111122223333 || fail "sts get-caller-identity"

  IID=$(aws ec2 run-instances $EP --image-id resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 \
    --instance-type t3.micro --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]' \
    --query 'Instances[0].[InstanceId,State.Name]' --output text) || fail "run-instances"
  [ "${IID#*	}" = pending ] || fail "run-instances answered ${IID#*	}, not pending"
  IID=${IID%%	*}
  aws ec2 wait instance-running $EP --instance-ids "$IID" || fail "wait instance-running"
  N=$(aws ec2 describe-instances $EP --filters Name=tag:Name,Values=web Name=instance-state-name,Values=running \
      --query 'length(Reservations[].Instances[])' --output text) || fail "describe-instances with a tag filter"
  [ "$N" = 1 ] || fail "describe-instances with a tag filter found $N"

  LEGAMI=$(aws ec2 describe-images $EP --owners amazon \
    --query "Images[?RootDeviceType=='instance-store'].ImageId | [0]" --output text)
  LEG=$(aws ec2 run-instances $EP --image-id "$LEGAMI" --instance-type m3.medium \
    --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=legacy}]' --query 'Instances[0].InstanceId' --output text)
  aws ec2 wait instance-running $EP --instance-ids "$LEG"
  if aws ec2 stop-instances $EP --instance-ids "$LEG" 2>"$out/err"; then fail "stop-instances of an instance-store instance succeeded"; fi
  grep -q '(UnsupportedOperation)' "$out/err" || fail "stop-instances: $(cat "$out/err")"

  if aws ec2 stop-instances $EP --instance-ids "$IID" --dry-run 2>"$out/err"; then fail "--dry-run succeeded"; fi
  grep -q '(DryRunOperation)' "$out/err" || fail "--dry-run: $(cat "$out/err")"

  AMI=$(aws ec2 create-image $EP --instance-id "$IID" --name web-v1 --query ImageId --output text)
  aws ec2 wait image-available $EP --image-ids "$AMI" || fail "wait image-available"
  SNAP=$(aws ec2 describe-images $EP --image-ids "$AMI" --query 'Images[0].BlockDeviceMappings[0].Ebs.SnapshotId' --output text)
  case $SNAP in snap-*) ;; *) fail "the AMI has no snapshot: $SNAP" ;; esac

  COPY=$(aws ec2 copy-image $EP --region eu-west-1 --source-region us-east-1 --source-image-id "$AMI" --name web-v1-eu \
    --query ImageId --output text)
  aws ec2 wait image-available $EP --region eu-west-1 --image-ids "$COPY" || fail "wait image-available in eu-west-1"

  aws ec2 deregister-image $EP --image-id "$AMI" >/dev/null || fail "deregister-image"
  [ "$(aws ec2 describe-snapshots $EP --query "Snapshots[?SnapshotId=='$SNAP'].State" --output text)" = completed ] ||
    fail "the snapshot of the deregistered AMI is gone"

  # The volume and snapshot waiters, by ID and by filter: creating, then
  # available; pending, then completed.
  VOL=$(aws ec2 create-volume $EP --availability-zone us-east-1a --size 2 \
    --tag-specifications 'ResourceType=volume,Tags=[{Key=Name,Value=scratch}]' --query '[VolumeId,State]' --output text) ||
    fail "create-volume"
  [ "${VOL#*	}" = creating ] || fail "create-volume answered ${VOL#*	}, not creating"
  VOL=${VOL%%	*}
  aws ec2 wait volume-available $EP --volume-ids "$VOL" || fail "wait volume-available"
  aws ec2 wait volume-available $EP --filters Name=tag:Name,Values=scratch || fail "wait volume-available with a tag filter"
  SN=$(aws ec2 create-snapshot $EP --volume-id "$VOL" --query '[SnapshotId,State]' --output text) || fail "create-snapshot"
  [ "${SN#*	}" = pending ] || fail "create-snapshot answered ${SN#*	}, not pending"
  SN=${SN%%	*}
  aws ec2 wait snapshot-completed $EP --snapshot-ids "$SN" || fail "wait snapshot-completed"
  aws ec2 wait snapshot-completed $EP --owner-ids self --filters "Name=volume-id,Values=$VOL" ||
    fail "wait snapshot-completed with a filter"

  # A security group named by its name, as the tutorials write it, and
  # described with its description.
  aws ec2 create-security-group $EP --group-name ssh --description "SSH from anywhere" >/dev/null || fail "create-security-group"
  aws ec2 authorize-security-group-ingress $EP --group-name ssh --protocol tcp --port 22 --cidr 0.0.0.0/0 >/dev/null ||
    fail "authorize-security-group-ingress --group-name"
  [ "$(aws ec2 describe-security-groups $EP --group-names ssh --query 'SecurityGroups[0].[Description,IpPermissions[0].FromPort]' --output text)" = "SSH from anywhere	22" ] ||
    fail "describe-security-groups: $(aws ec2 describe-security-groups $EP --group-names ssh)"
  # The state, the attributes and the reasons, as EC2 words them.
  [ "$(aws ec2 describe-instance-status $EP --instance-ids "$IID" --include-all-instances --query 'InstanceStatuses[0].InstanceState.Name' --output text)" = running ] ||
    fail "describe-instance-status does not name the state"
  [ "$(aws ec2 describe-instance-attribute $EP --instance-id "$IID" --attribute userData --output json | tr -d ' \n')" = "{\"InstanceId\":\"$IID\",\"UserData\":{}}" ] ||
    fail "describe-instance-attribute userData: $(aws ec2 describe-instance-attribute $EP --instance-id "$IID" --attribute userData)"
  PROBE=$(aws ec2 run-instances $EP --image-id resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 \
    --instance-type t3.micro --security-groups ssh --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=probe}]' \
    --query 'Instances[0].InstanceId' --output text) || fail "run-instances with --security-groups"
  aws ec2 wait instance-running $EP --instance-ids "$PROBE"
  aws ec2 stop-instances $EP --instance-ids "$PROBE" >/dev/null
  aws ec2 wait instance-stopped $EP --instance-ids "$PROBE"
  WHY=$(aws ec2 describe-instances $EP --instance-ids "$PROBE" \
    --query 'Reservations[0].Instances[0].[StateReason.Code,StateTransitionReason,SecurityGroups[0].GroupName,SubnetId!=null]' --output text)
  case $WHY in "Client.UserInitiatedShutdown	User initiated (2026-01-05 "*" GMT)	ssh	True") ;; *) fail "a stopped instance says: $WHY" ;; esac
  grade
  echo "acceptance OK (aws cli $(aws --version 2>&1 | cut -d' ' -f1))"
  ran=$((ran + 1))
else
  echo "skipped: no aws (AWS CLI) on PATH"
fi

client=boto3
if command -v python3 >/dev/null 2>&1 && python3 -c 'import boto3' 2>/dev/null; then
  serve
  python3 "$here/acceptance.py" "$URL" || fail "acceptance.py"
  grade
  ran=$((ran + 1))
else
  echo "skipped: no python3 with boto3"
fi
echo "acceptance: $ran client(s) passed"
