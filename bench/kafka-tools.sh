#!/usr/bin/env bash
# Apache Kafka's own perf tools (org.apache.kafka:kafka-tools) for the benchmarks.
#
#   bench/kafka-tools.sh ensure                       fetch the jars once (Maven Central)
#   bench/kafka-tools.sh run <MainClass> [args...]    e.g. org.apache.kafka.tools.ProducerPerformance ...
#
# Conventions of scripts/kafka.sh: jars resolved by Maven through scripts/kafka/perf-pom.xml
# into .kafka/<version>/tools-lib, Maven's local repository at .cache/m2 (both ignored by git);
# once the folder is complete (a .complete stamp) Maven is not run again.
#
# Environment: KSDK_KAFKA_VERSION (default 3.9.2, the broker's), KSDK_TOOLS_HEAP (default -Xmx512m).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${KSDK_KAFKA_VERSION:-3.9.2}"
LIB="$ROOT/.kafka/$VERSION/tools-lib"
M2_REPO="$ROOT/.cache/m2"
POM="$ROOT/scripts/kafka/perf-pom.xml"

die() { echo "kafka-tools.sh: error: $*" >&2; exit 1; }

ensure() {
  [[ -f "$LIB/.complete" && -f "$LIB/kafka-tools-$VERSION.jar" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn (Apache Maven) is not on PATH; it fetches kafka-tools (apt-get install maven)"
  local tmp="$LIB.tmp.$$" mlog="$ROOT/.kafka/$VERSION/tools-maven.log"
  mkdir -p "$ROOT/.kafka/$VERSION" "$M2_REPO"
  rm -rf "$tmp"
  echo "kafka-tools.sh: fetching org.apache.kafka:kafka-tools:$VERSION from Maven Central (first run only; log: ${mlog#"$ROOT/"})" >&2
  if ! mvn -B -ntp -f "$POM" -Dmaven.repo.local="$M2_REPO" -Dkafka.version="$VERSION" -Dkafka.tools.dir="$tmp" \
      dependency:copy-dependencies >"$mlog" 2>&1; then
    rm -rf "$tmp"
    tail -n 40 "$mlog" >&2
    die "Maven could not fetch org.apache.kafka:kafka-tools:$VERSION"
  fi
  [[ -f "$tmp/kafka-tools-$VERSION.jar" ]] || { rm -rf "$tmp"; die "kafka-tools-$VERSION.jar missing after Maven ran"; }
  (cd "$tmp" && find . -maxdepth 1 -name '*.jar' -printf '%f\n' | sort >.complete)
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
}

cmd="${1:-}"
case "$cmd" in
  ensure) ensure ;;
  run)
    shift
    [[ $# -ge 1 ]] || die "run needs a main class"
    ensure
    command -v java >/dev/null 2>&1 || die "java is not on PATH"
    # shellcheck disable=SC2086
    exec java ${KSDK_TOOLS_HEAP:--Xmx512m} -XX:+UseG1GC -Dlog4j.configuration="file:$ROOT/bench/kafka-tools-log4j.properties" -cp "$LIB/*" "$@"
    ;;
  *) echo "usage: bench/kafka-tools.sh ensure | run <MainClass> [args...]" >&2; exit 2 ;;
esac
