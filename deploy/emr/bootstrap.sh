#!/usr/bin/env bash
# EMR bootstrap action: installs /usr/local/bin/lakehouse-submit on every node.
#
# Why a bootstrap action at all: the job jars already carry Delta, Deequ, the OpenLineage
# listener and the rule suites (dq-rules/ on the class path), and spark-submit reads the jars
# straight from S3, so nothing has to be copied onto the nodes for the jobs to run. What the
# cluster cannot do by itself is hand secrets to the driver without writing them somewhere
# visible: step arguments, cluster configurations and Spark settings all show up in
# DescribeStep/DescribeCluster or the Spark UI. lakehouse-submit is spark-submit with the
# secrets fetched from AWS Secrets Manager into the driver's environment at the moment the step
# starts, with the instance role; they are never written to disk or passed as arguments.
#
# Arguments (all optional):
#   --secret-id NAME     Secrets Manager secret holding a JSON object with any of the keys
#                        KAMIS_CERT_KEY, KAMIS_CERT_ID, ALERT_WEBHOOK_URL, LINEAGE_API_KEY.
#                        The instance profile needs secretsmanager:GetSecretValue on it.
#   --rules-uri S3_URI   A copy of dq-rules/ in S3 (e.g. s3://bucket/artifacts/dq-rules/) that
#                        overrides the suites inside the jar; fetched fresh for every step.
#
# Steps then run `lakehouse-submit --deploy-mode client ...` (see steps-olist.json): client
# mode keeps the driver in the step's process, so the secrets and the rules folder are local to
# it and the job's exit code (3 = quality gate failed) is the step's exit code.
set -euo pipefail

secret_id=""
rules_uri=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --secret-id) secret_id="$2"; shift 2 ;;
    --rules-uri) rules_uri="$2"; shift 2 ;;
    *) echo "bootstrap.sh: unknown argument '$1' (use --secret-id NAME, --rules-uri S3_URI)" >&2; exit 2 ;;
  esac
done

# Names only, no secret values: the wrapper reads them on every call.
sudo mkdir -p /etc/lakehouse
printf 'LAKEHOUSE_SECRET_ID=%q\nLAKEHOUSE_RULES_URI=%q\n' "$secret_id" "$rules_uri" \
  | sudo tee /etc/lakehouse/submit.env >/dev/null
sudo chmod 0644 /etc/lakehouse/submit.env

sudo tee /usr/local/bin/lakehouse-submit >/dev/null <<'WRAPPER'
#!/usr/bin/env bash
# spark-submit with the lakehouse secrets (from Secrets Manager) in the driver's environment and,
# if configured, the rule suites from S3. Installed by deploy/emr/bootstrap.sh.
set -euo pipefail
# shellcheck disable=SC1091
. /etc/lakehouse/submit.env

if [[ -n "${LAKEHOUSE_SECRET_ID}" ]]; then
  secret_json="$(aws secretsmanager get-secret-value --secret-id "${LAKEHOUSE_SECRET_ID}" \
    --query SecretString --output text)"
  # Only known keys become variables; values are shell-quoted, never echoed. The JSON goes
  # through stdin (printf is a shell builtin), so it never appears in a process list.
  exports="$(printf '%s' "${secret_json}" | python3 -c '
import json, shlex, sys
allowed = ("KAMIS_CERT_KEY", "KAMIS_CERT_ID", "ALERT_WEBHOOK_URL", "LINEAGE_API_KEY")
values = json.load(sys.stdin)
for key in allowed:
    if isinstance(values.get(key), str) and values[key]:
        print("export %s=%s" % (key, shlex.quote(values[key])))
')"
  unset secret_json
  eval "${exports}"
  unset exports
fi

rules_dir=""
cleanup() { if [[ -n "${rules_dir}" ]]; then rm -rf "${rules_dir}"; fi; }
trap cleanup EXIT
if [[ -n "${LAKEHOUSE_RULES_URI}" ]]; then
  rules_dir="$(mktemp -d)"
  aws s3 cp --recursive --quiet --exclude '*' --include '*.conf' \
    "${LAKEHOUSE_RULES_URI}" "${rules_dir}/dq-rules"
  export LAKEHOUSE_RULES_DIR="${rules_dir}/dq-rules"
fi

# Not exec: the trap removes the rules copy afterwards; the exit code is spark-submit's.
status=0
spark-submit "$@" || status=$?
exit "${status}"
WRAPPER
sudo chmod 0755 /usr/local/bin/lakehouse-submit
