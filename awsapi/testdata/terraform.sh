#!/bin/sh
# Terraform against `ec2sim serve`: the hashicorp/aws provider applies and
# destroys terraform/main.tf (aws_security_group, aws_instance, aws_ebs_volume,
# aws_volume_attachment, aws_ami_from_instance, aws_ami_copy) against a
# served world on the settle clock, checks that a plan after the apply is
# empty, then the session's export replays with
# `ec2sim run` and is graded with `ec2sim test` (terraform-checks.yaml).
#
# Never the network: the provider comes from a local filesystem mirror named
# in a CLI configuration written here into a temporary directory (no
# `direct` installation, no checkpoint call), and the provider's endpoints
# are the server. Skipped, with a message, without terraform or without the
# provider in a mirror. Usage, from the repository root:
#   sh awsapi/testdata/terraform.sh
# EC2SIM=path/to/ec2sim skips the build; EC2SIM_TF_MIRROR=DIR names the
# mirror (a directory holding registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v terraform >/dev/null 2>&1; then echo "skipped: no terraform on PATH"; exit 0; fi
if ! command -v curl >/dev/null 2>&1; then echo "skipped: the terraform script needs curl"; exit 0; fi
mirror=
for d in ${EC2SIM_TF_MIRROR:-} /opt/tf-plugins "${HOME:-/nonexistent}/.terraform.d/plugins" \
  "${HOME:-/nonexistent}/.local/share/terraform/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
  for p in "$d"/registry.terraform.io/hashicorp/aws/*/*/terraform-provider-aws*; do
    if [ -f "$p" ]; then mirror=$d; break 2; fi
  done
done
if [ -z "$mirror" ]; then
  echo "skipped: no hashicorp/aws provider in a filesystem mirror (set EC2SIM_TF_MIRROR)"; exit 0
fi

start=$(date +%s)
out=$(mktemp -d)
SIM=
trap 'kill "$SIM" 2>/dev/null || true; rm -rf "$out"' EXIT
BIN=${EC2SIM:-}
if [ -z "$BIN" ]; then
  BIN=$out/ec2sim
  (cd "$root" && go build -o "$BIN" .)
fi
PORT=${EC2SIM_TF_PORT:-4598}
URL=http://127.0.0.1:$PORT

fail() { echo "FAIL (terraform): $*" >&2; sed 's/^/    server │ /' "$out/server.log" | tail -40 >&2; exit 1; }

cat >"$out/cli.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
TFRC
# Only what this script sets reaches terraform and the provider.
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_EC2 2>/dev/null || true
export TF_CLI_CONFIG_FILE="$out/cli.tfrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export AWS_ACCESS_KEY_ID=student AWS_SECRET_ACCESS_KEY=ec2sim AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true
mkdir "$out/tf"
cp "$here/terraform/main.tf" "$out/tf/"

"$BIN" serve --addr "127.0.0.1:$PORT" --clock settle >"$out/server.log" 2>&1 &
SIM=$!
up=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  if curl -fsS "$URL/_ec2sim/health" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.2
done
[ -n "$up" ] || fail "the server did not start"

times=
tf() {
  t0=$(date +%s)
  terraform -chdir="$out/tf" "$@" -no-color >>"$out/terraform.log" 2>&1 || { tail -40 "$out/terraform.log" >&2; fail "terraform $1"; }
  times="$times $1 $(($(date +%s) - t0)) s,"
}
tf init -backend=false
tf apply -auto-approve -var "endpoint=$URL"
state=$(terraform -chdir="$out/tf" output -raw instance_state)
[ "$state" = running ] || fail "after apply the instance is $state, not running"
[ "$(terraform -chdir="$out/tf" output -raw attached)" = true ] || fail "the volume is not attached to the instance"
# What apply made reads back as configured: the plan is empty (exit 0, not
# 2), so no attribute reads back otherwise (user_data once read back as "").
tf plan -detailed-exitcode -var "endpoint=$URL"
tf destroy -auto-approve -refresh=false -var "endpoint=$URL"

curl -fsS -D "$out/headers" "$URL/_ec2sim/export" >"$out/export.yaml" || fail "export"
if grep -qi '^x-ec2sim-replay: differs' "$out/headers"; then fail "the export does not replay to the live world"; fi
kill "$SIM"; wait "$SIM" 2>/dev/null || true; SIM=
cat "$out/export.yaml" "$here/terraform-checks.yaml" >"$out/graded.yaml"
"$BIN" run "$out/graded.yaml" >"$out/run.txt" || { cat "$out/run.txt" >&2; fail "ec2sim run of the export"; }
"$BIN" test "$out/graded.yaml" >"$out/test.txt" 2>&1 || { cat "$out/test.txt" >&2; fail "ec2sim test of the export"; }
[ "$(grep -c '^  PASS .* check ' "$out/test.txt")" = 4 ] && grep -Eq '^[0-9]+ passed, 0 failed$' "$out/test.txt" ||
  { cat "$out/test.txt" >&2; fail "grading"; }
[ -z "${EC2SIM_TF_LOG:-}" ] || cp "$out/terraform.log" "$EC2SIM_TF_LOG"
echo "terraform OK ($(terraform version | head -1), provider from $mirror;$times $(($(date +%s) - start)) s in all)"
