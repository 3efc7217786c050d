#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, single node, broker+controller) for ksdk tests and demos.
#
#   scripts/kafka.sh start|stop|status|restart|logs|clean [--version V] [--port P] [--all]
#
# Jars come from Maven Central (org.apache.kafka:kafka_2.13 + a logging backend) through
# scripts/kafka/pom.xml, into .kafka/<version>/lib, with Maven's local repository at
# .cache/m2. Once .kafka/<version>/lib is complete Maven is not run again (offline start).
#
# Environment (flags win over environment):
#   KSDK_KAFKA_VERSION          Kafka version (default 3.9.2; 4.4.0 verified too)
#   KSDK_KAFKA_PORT             client port on 127.0.0.1 (default 9092)
#   KSDK_KAFKA_CONTROLLER_PORT  KRaft controller port (default: client port + 1)
#   KSDK_KAFKA_START_TIMEOUT    seconds to wait for the broker to accept clients (default 120)
#   KSDK_KAFKA_STOP_TIMEOUT     seconds between SIGTERM and SIGKILL (default 30)
#   KSDK_KAFKA_HEAP_OPTS        default "-Xms128m -Xmx512m"
#   KSDK_KAFKA_JVM_OPTS         default G1 with short pauses
#   KSDK_KAFKA_KEEP_DATA=1      keep the previous log dirs on start (default: fresh data each start)
#
# State of the broker on port P lives in .kafka/run/P/: server.properties, broker.log,
# kafka.pid, version, data/.
set -euo pipefail

DEFAULT_VERSION=3.9.2
HOST=127.0.0.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_DIR="$ROOT/.kafka"
M2_REPO="$ROOT/.cache/m2"
CONF_DIR="$ROOT/scripts/kafka"

die() { echo "kafka.sh: error: $*" >&2; exit 1; }
say() { echo "kafka.sh: $*"; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
  exit "${1:-2}"
}

CMD="${1:-}"
[[ -n "$CMD" ]] || usage 2
shift
VERSION="${KSDK_KAFKA_VERSION:-$DEFAULT_VERSION}"
PORT="${KSDK_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KSDK_KAFKA_CONTROLLER_PORT:-}"
CLEAN_ALL=0
VERSION_GIVEN=0
[[ -n "${KSDK_KAFKA_VERSION:-}" ]] && VERSION_GIVEN=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --version) [[ $# -ge 2 ]] || die "--version needs a value"; VERSION="$2"; VERSION_GIVEN=1; shift 2 ;;
    --version=*) VERSION="${1#*=}"; VERSION_GIVEN=1; shift ;;
    --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --controller-port) [[ $# -ge 2 ]] || die "--controller-port needs a value"; CONTROLLER_PORT="$2"; shift 2 ;;
    --controller-port=*) CONTROLLER_PORT="${1#*=}"; shift ;;
    --all) CLEAN_ALL=1; shift ;;
    -h|--help) usage 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || die "bad port: $PORT"
[[ -n "$CONTROLLER_PORT" ]] || CONTROLLER_PORT=$((PORT + 1))
[[ "$CONTROLLER_PORT" =~ ^[0-9]+$ ]] || die "bad controller port: $CONTROLLER_PORT"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "bad version: $VERSION (expected e.g. $DEFAULT_VERSION)"

START_TIMEOUT="${KSDK_KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KSDK_KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KSDK_KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
JVM_OPTS="${KSDK_KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"

RUN_DIR="$KAFKA_DIR/run/$PORT"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/broker.log"
PROPS_FILE="$RUN_DIR/server.properties"
DATA_DIR="$RUN_DIR/data"
VERSION_FILE="$RUN_DIR/version"
BROKERS="$HOST:$PORT"
WAIT_SCRIPT="$ROOT/scripts/wait-for-kafka.mjs"

major_of() { echo "${1%%.*}"; }
lib_dir() { echo "$KAFKA_DIR/$1/lib"; }

# The Java option that selects the logging config of a Kafka version (3.x: reload4j, 4.x: log4j2).
log_opt() {
  if [[ "$(major_of "$1")" -ge 4 ]]; then
    echo "-Dlog4j2.configurationFile=$CONF_DIR/log4j2.properties"
  else
    echo "-Dlog4j.configuration=file:$CONF_DIR/log4j.properties"
  fi
}

# The pid in the pid file, if that process is alive and is our broker for this port.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: the process must be kafka.Kafka with our properties file.
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *kafka.Kafka*"$PROPS_FILE"* ]] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

node_ok() {
  command -v node >/dev/null 2>&1 || die "node is not on PATH (needed for the readiness check)"
  if ! (cd "$ROOT" && node -e "import('kafkajs').then(()=>process.exit(0),()=>process.exit(1))") 2>/dev/null; then
    die "kafkajs is not installed at $ROOT/node_modules; run 'npm ci' (or 'npm install') at the repository root first"
  fi
}

wait_ready() { # mode timeout_s [pid]
  local args=(--brokers "$BROKERS" --mode "$1" --timeout-ms "$(($2 * 1000))")
  [[ -n "${3:-}" ]] && args+=(--pid "$3")
  node "$WAIT_SCRIPT" "${args[@]}"
}

log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    echo "---- last 60 lines of $LOG_FILE ----" >&2
    tail -n 60 "$LOG_FILE" >&2
    echo "---- end of log ----" >&2
  fi
}

# Download the broker jars once; later starts find the lib folder complete and skip Maven.
ensure_jars() {
  local lib stamp
  lib="$(lib_dir "$VERSION")"
  stamp="$lib/.complete"
  if [[ -f "$stamp" && -f "$lib/kafka_2.13-$VERSION.jar" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Apache Maven) is not on PATH; it fetches the Kafka jars (apt-get install maven)"
  local profile=log4j1
  [[ "$(major_of "$VERSION")" -ge 4 ]] && profile=log4j2
  local tmp="$KAFKA_DIR/$VERSION/lib.tmp.$$"
  local mlog="$KAFKA_DIR/$VERSION/maven.log"
  mkdir -p "$KAFKA_DIR/$VERSION" "$M2_REPO"
  rm -rf "$tmp"
  say "fetching Apache Kafka $VERSION jars from Maven Central (first start only; log: ${mlog#"$ROOT/"})"
  local t0=$SECONDS
  if ! mvn -B -ntp -f "$CONF_DIR/pom.xml" \
      -Dmaven.repo.local="$M2_REPO" \
      -Dkafka.version="$VERSION" \
      -Dkafka.lib.dir="$tmp" \
      -P"$profile" \
      dependency:copy-dependencies >"$mlog" 2>&1; then
    rm -rf "$tmp"
    echo "---- last 40 lines of $mlog ----" >&2
    tail -n 40 "$mlog" >&2
    die "Maven could not fetch org.apache.kafka:kafka_2.13:$VERSION (is that version on Maven Central?)"
  fi
  [[ -f "$tmp/kafka_2.13-$VERSION.jar" ]] || { rm -rf "$tmp"; die "Maven ran but kafka_2.13-$VERSION.jar is missing in $tmp"; }
  (cd "$tmp" && find . -maxdepth 1 -name '*.jar' -printf '%f\n' | sort >.complete)
  rm -rf "$lib"
  mv "$tmp" "$lib"
  say "fetched $(wc -l <"$lib/.complete") jars into ${lib#"$ROOT/"} in $((SECONDS - t0)) s"
}

check_java() {
  command -v java >/dev/null 2>&1 || die "java is not on PATH (Kafka needs Java 17; apt-get install openjdk-17-jre-headless)"
  local jv
  jv="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  jv="${jv#1.}"
  if [[ "$(major_of "$VERSION")" -ge 4 && "${jv%%.*}" -lt 17 ]]; then
    die "Kafka $VERSION needs Java 17+, found Java $jv"
  fi
  if [[ "${jv%%.*}" -lt 11 ]]; then
    die "Kafka $VERSION needs Java 11+ (17 recommended), found Java $jv"
  fi
}

render_props() {
  mkdir -p "$RUN_DIR"
  sed -e "s#@HOST@#$HOST#g" \
      -e "s#@PORT@#$PORT#g" \
      -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@LOG_DIRS@#$DATA_DIR#g" \
      "$CONF_DIR/server.properties.template" >"$PROPS_FILE"
  if [[ "$(major_of "$VERSION")" -ge 4 ]]; then
    cat >>"$PROPS_FILE" <<'EOF'

# Kafka 4.x: share groups' internal state topic on a single node.
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  fi
}

# A KRaft cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid
# prints), saving a JVM start. Not starting with '-', which the tool's parser takes for an option.
cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" == -* ]] || break
  done
  echo "$id"
}

format_storage() {
  local lib cid out
  lib="$(lib_dir "$VERSION")"
  if [[ "${KSDK_KAFKA_KEEP_DATA:-0}" != 1 ]]; then
    rm -rf "$DATA_DIR"
  fi
  mkdir -p "$DATA_DIR"
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    return 0
  fi
  cid="$(cluster_id)"
  if ! out="$(java -Xmx256m "$(log_opt "$VERSION")" -cp "$lib/*" kafka.tools.StorageTool format \
      -t "$cid" -c "$PROPS_FILE" --ignore-formatted 2>&1)"; then
    echo "$out" >&2
    die "formatting KRaft storage in $DATA_DIR failed"
  fi
}

cmd_start() {
  mkdir -p "$KAFKA_DIR/run"
  exec 9>"$KAFKA_DIR/run/$PORT.lock"
  flock -w 600 9 || die "timed out waiting for another kafka.sh on port $PORT"

  local pid
  if pid="$(running_pid)"; then
    local running_version
    running_version="$(cat "$VERSION_FILE" 2>/dev/null || echo unknown)"
    if [[ "$VERSION_GIVEN" == 1 && "$running_version" != "$VERSION" ]]; then
      die "Kafka $running_version is already running on port $PORT (pid $pid); stop it first: scripts/kafka.sh stop --port $PORT"
    fi
    node_ok
    if wait_ready roundtrip "$START_TIMEOUT" "$pid" >/dev/null; then
      say "Kafka $running_version already running on $BROKERS (pid $pid)"
      return 0
    fi
    log_tail
    die "Kafka $running_version runs on port $PORT (pid $pid) but does not accept clients; try: scripts/kafka.sh stop --port $PORT"
  fi

  if port_open "$PORT"; then
    node_ok
    if wait_ready reachable 10 >/dev/null 2>&1; then
      say "a Kafka broker not started by this script already answers on $BROKERS; using it"
      return 0
    fi
    die "port $PORT on $HOST is in use by something that is not a Kafka broker"
  fi
  port_open "$CONTROLLER_PORT" && die "controller port $CONTROLLER_PORT on $HOST is in use (set --controller-port or KSDK_KAFKA_CONTROLLER_PORT)"

  node_ok
  check_java
  ensure_jars
  rm -f "$PID_FILE"
  render_props
  echo "$VERSION" >"$VERSION_FILE"
  format_storage

  local lib t0=$SECONDS
  lib="$(lib_dir "$VERSION")"
  : >"$LOG_FILE"
  # setsid: the broker gets its own session, so terminal signals to the caller do not reach it.
  # shellcheck disable=SC2086
  setsid java $HEAP_OPTS $JVM_OPTS "$(log_opt "$VERSION")" -Dkafka.logs.dir="$RUN_DIR" \
    -cp "$lib/*" kafka.Kafka "$PROPS_FILE" >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  say "starting Kafka $VERSION on $BROKERS (controller $HOST:$CONTROLLER_PORT, pid $pid, log ${LOG_FILE#"$ROOT/"})"
  local rc=0
  wait_ready roundtrip "$START_TIMEOUT" "$pid" || rc=$?
  if [[ "$rc" != 0 ]]; then
    log_tail
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    if [[ "$rc" == 3 ]]; then
      die "Kafka $VERSION exited during startup (see the log above)"
    fi
    die "Kafka $VERSION did not become ready on $BROKERS within ${START_TIMEOUT}s (see the log above; KSDK_KAFKA_START_TIMEOUT sets the limit)"
  fi
  say "Kafka $VERSION ready on $BROKERS after $((SECONDS - t0)) s  (export KSDK_BROKERS=$BROKERS)"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$RUN_DIR/started-by-test"
    say "no broker started by this script is running on port $PORT"
    return 0
  fi
  say "stopping Kafka on port $PORT (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && [[ $SECONDS -lt $deadline ]]; do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE" "$RUN_DIR/started-by-test"
  say "stopped"
}

cmd_status() {
  local pid version
  if ! pid="$(running_pid)"; then
    say "not running on port $PORT"
    return 1
  fi
  version="$(cat "$VERSION_FILE" 2>/dev/null || echo unknown)"
  node_ok
  if wait_ready reachable 10 "$pid" >/dev/null 2>&1; then
    say "Kafka $version running on $BROKERS (pid $pid)"
    return 0
  fi
  say "Kafka $version process $pid is alive but $BROKERS does not answer"
  return 1
}

cmd_logs() {
  [[ -f "$LOG_FILE" ]] || die "no log at $LOG_FILE"
  tail -n 100 "$LOG_FILE"
}

cmd_clean() {
  # Stop every broker this script started (any port), then remove their state.
  local d p
  if [[ -d "$KAFKA_DIR/run" ]]; then
    for d in "$KAFKA_DIR"/run/*/; do
      [[ -d "$d" ]] || continue
      p="$(basename "$d")"
      [[ "$p" =~ ^[0-9]+$ ]] || continue
      KSDK_KAFKA_CONTROLLER_PORT='' "${BASH_SOURCE[0]}" stop --port "$p"
    done
    rm -rf "$KAFKA_DIR/run"
  fi
  if [[ "$CLEAN_ALL" == 1 ]]; then
    rm -rf "$KAFKA_DIR" "$M2_REPO"
    say "removed .kafka/ (broker state and jars) and .cache/m2/"
  else
    say "removed broker state (.kafka/run); jars kept in .kafka/<version>/lib (use --all to remove them)"
  fi
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  logs) cmd_logs ;;
  clean) cmd_clean ;;
  -h|--help|help) usage 0 ;;
  *) echo "kafka.sh: unknown command: $CMD" >&2; usage 2 ;;
esac
