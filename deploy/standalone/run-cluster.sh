#!/usr/bin/env bash
# deploy/standalone/run-cluster.sh: a real distributed run on this machine.
#
# Starts a Spark standalone cluster on 127.0.0.1 from the project's own Maven dependencies (one
# Master and two Worker JVMs; every executor is a JVM of its own, launched by a Worker), runs the
# Olist pipeline on it with SparkSubmit --master spark://127.0.0.1:PORT and the same shaded jar
# that goes to EMR, then stops the cluster. See README.md beside this script.
#
# Exit code: that of the first job that failed (3 = a quality gate stopped it), else 0.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$(cd "$HERE/../.." && pwd)"

WORK_DIR="${WORK_DIR:-$PROJECT/target/standalone}"
SCALE="${SCALE:-0.01}"
LANDING="${LANDING:-}"
BATCH="${BATCH:-standalone-1}"
MASTER_PORT="${MASTER_PORT:-7077}"
MASTER_WEBUI_PORT="${MASTER_WEBUI_PORT:-8080}"
WORKER_CORES="${WORKER_CORES:-1}"
WORKER_MEMORY="${WORKER_MEMORY:-1g}"
EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-512m}"
DRIVER_MEMORY="${DRIVER_MEMORY:-1g}"
DAEMON_MEMORY="${DAEMON_MEMORY:-256m}"
START_TIMEOUT_SECONDS="${START_TIMEOUT_SECONDS:-180}"
SPARK_CLASSPATH_FILE="${SPARK_CLASSPATH_FILE:-$PROJECT/jobs/it/target/spark-distribution/classpath.txt}"
JVM_FLAGS_FILE="${JVM_FLAGS_FILE:-$PROJECT/jobs/launcher/target/jvm-flags.txt}"
JOB_JAR="${JOB_JAR:-$(ls "$PROJECT"/jobs/olist/target/lakehouse-jobs-olist-*-spark.jar 2>/dev/null | head -n 1 || true)}"
JOBS="${JOBS:-dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver dev.lakehouse.jobs.olist.gold.BuildOlistGold}"

die() { echo "run-cluster: $*" >&2; exit 2; }
log() { echo "[run-cluster $(date -u +%H:%M:%S)] $*"; }

[ -f "$SPARK_CLASSPATH_FILE" ] && { [ -n "${JVM_FLAGS:-}" ] || [ -f "$JVM_FLAGS_FILE" ]; } &&
  [ -n "$JOB_JAR" ] && [ -f "$JOB_JAR" ] ||
  die "build first: ./mvnw -B -DskipTests package (needs $SPARK_CLASSPATH_FILE, $JVM_FLAGS_FILE and jobs/olist/target/*-spark.jar)"
JVM_FLAGS="${JVM_FLAGS:-$(cat "$JVM_FLAGS_FILE")}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# A SPARK_HOME as a distribution lays it out: a Worker builds each executor's command line from
# $SPARK_HOME/jars/* (and wants the folder to exist). The jars are links into the Maven repository.
SPARK_HOME="$WORK_DIR/spark-home"
rm -rf "$SPARK_HOME" "$WORK_DIR/logs" "$WORK_DIR"/worker-*
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf" "$WORK_DIR/logs"
echo "Spark for lakehouse-jobs, assembled from Maven by deploy/standalone/run-cluster.sh" >"$SPARK_HOME/RELEASE"
tr ':' '\n' <"$SPARK_CLASSPATH_FILE" | while read -r jar; do
  [ -n "$jar" ] && ln -sf "$jar" "$SPARK_HOME/jars/$(basename "$jar")"
done
cp "$HERE/log4j2.properties" "$SPARK_HOME/conf/"
# SPARK_SCALA_VERSION is what a distribution's bin/load-spark-env.sh sets; without it the
# Worker's executor command builder looks for a source build's target folders.
export SPARK_HOME SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 TZ=UTC
unset SPARK_CONF_DIR HADOOP_CONF_DIR
# What bin/spark-class puts on the class path: the conf folder and every jar of the distribution.
CP="$SPARK_HOME/conf:$SPARK_HOME/jars/*"

PIDS=()
stop_cluster() {
  local pid
  # Workers first (each stops its executors), then the master; only the processes started here.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ "${#PIDS[@]}" -gt 0 ] && log "cluster stopped"
  PIDS=()
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# Waits until a log file holds a line matching a pattern N times.
wait_for() {
  local file="$1" pattern="$2" count="$3" what="$4" waited=0
  until [ "$(grep -c -- "$pattern" "$file" 2>/dev/null || true)" -ge "$count" ]; do
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || die "$what: a cluster process ended; see $WORK_DIR/logs"; done
    [ "$waited" -ge "$((START_TIMEOUT_SECONDS * 2))" ] && die "$what: not ready after ${START_TIMEOUT_SECONDS}s; see $file"
    sleep 0.5
    waited=$((waited + 1))
  done
}

MASTER_URL="spark://127.0.0.1:$MASTER_PORT"
log "starting the master at $MASTER_URL (web UI http://127.0.0.1:$MASTER_WEBUI_PORT)"
# shellcheck disable=SC2086
"$JAVA" -Xmx"$DAEMON_MEMORY" $JVM_FLAGS -cp "$CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_WEBUI_PORT" \
  >"$WORK_DIR/logs/master.log" 2>&1 &
PIDS+=("$!")
wait_for "$WORK_DIR/logs/master.log" "I have been elected leader" 1 "master"

for i in 1 2; do
  log "starting worker $i ($WORKER_CORES core(s), $WORKER_MEMORY)"
  # shellcheck disable=SC2086
  "$JAVA" -Xmx"$DAEMON_MEMORY" $JVM_FLAGS -cp "$CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port 0 \
    --work-dir "$WORK_DIR/worker-$i" "$MASTER_URL" >"$WORK_DIR/logs/worker-$i.log" 2>&1 &
  PIDS+=("$!")
done
wait_for "$WORK_DIR/logs/master.log" "Registering worker" 2 "workers"
log "cluster up: 1 master, 2 workers"

if [ -z "$LANDING" ]; then
  LANDING="$WORK_DIR/landing/olist"
  if [ ! -f "$LANDING/olist_orders_dataset.csv" ]; then
    log "generating Olist sample data (scale $SCALE) into $LANDING"
    "$PROJECT/bin/lakehouse" generate olist --scale "$SCALE" --out "$LANDING"
  fi
fi

export LAKEHOUSE_ROOT="${LAKEHOUSE_ROOT:-$WORK_DIR/lakehouse}"
export LINEAGE_TRANSPORT="${LINEAGE_TRANSPORT:-file}"
# The jobs read their rule suites from inside the jar: run them where no dq-rules/ folder is.
mkdir -p "$WORK_DIR/driver"
cd "$WORK_DIR/driver"

for job in $JOBS; do
  name="${job##*.}"
  log "spark-submit $name on $MASTER_URL"
  set +e
  # Client mode: this JVM is the driver, so its heap and JDK 17 flags go on its command line;
  # the executors get the flags through spark.executor.extraJavaOptions.
  # shellcheck disable=SC2086
  "$JAVA" -Xmx"$DRIVER_MEMORY" $JVM_FLAGS -Duser.timezone=UTC -cp "$CP" \
    org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client \
    --class "$job" --name "$name" \
    --conf spark.executor.memory="$EXECUTOR_MEMORY" \
    --conf spark.executor.cores=1 \
    --conf spark.cores.max=2 \
    --conf "spark.executor.extraJavaOptions=$JVM_FLAGS -Duser.timezone=UTC" \
    --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false \
    "$JOB_JAR" --batch "$BATCH" --source "$LANDING" 2>&1 | tee "$WORK_DIR/logs/$name.log"
  code="${PIPESTATUS[0]}"
  set -e
  if [ "$code" -ne 0 ]; then
    log "$name failed with exit code $code; downstream jobs not run"
    exit "$code"
  fi
done

log "pipeline succeeded; executors per application (each one a JVM a worker started):"
for app in "$WORK_DIR"/worker-*/app-*/*; do
  [ -d "$app" ] && echo "  ${app#"$WORK_DIR"/}"
done
log "tables under $LAKEHOUSE_ROOT; logs under $WORK_DIR/logs"
