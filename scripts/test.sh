#!/usr/bin/env bash
# What `npm test` runs: build, make sure a Kafka broker is up, run vitest.
#
#   npm test                      # everything
#   npm test -- test/integration  # extra arguments go to `vitest run`
#
# Broker: if none is running on KSDK_KAFKA_PORT (default 9092), this script starts one with
# scripts/kafka.sh and stops it at the end, unless another `npm test` in the same checkout
# is still using it (each run holds a lease in .kafka/run/<port>/leases/; the last run out
# stops a broker that a test run started). A broker you started yourself with
# `npm run kafka start` is never stopped here.
#
# Environment:
#   KSDK_KAFKA_PORT      broker port (default 9092); KSDK_BROKERS is exported as 127.0.0.1:<port>
#   KSDK_BROKERS         set it to use a broker elsewhere: then no broker is started here
#   KSDK_SKIP_BROKER=1   run without a broker (unit tests only)
#   KSDK_SKIP_BUILD=1    skip `npm run build`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${KSDK_KAFKA_PORT:-9092}"
export KSDK_KAFKA_PORT="$PORT"
MANAGE_BROKER=1
if [[ "${KSDK_SKIP_BROKER:-0}" == 1 ]]; then
  MANAGE_BROKER=0
elif [[ -n "${KSDK_BROKERS:-}" && "$KSDK_BROKERS" != "127.0.0.1:$PORT" ]]; then
  echo "test.sh: using KSDK_BROKERS=$KSDK_BROKERS (no broker started here)"
  MANAGE_BROKER=0
fi
export KSDK_BROKERS="${KSDK_BROKERS:-127.0.0.1:$PORT}"

if [[ ! -d node_modules ]]; then
  echo "test.sh: node_modules is missing; run 'npm ci' first" >&2
  exit 1
fi

if [[ "${KSDK_SKIP_BUILD:-0}" != 1 ]]; then
  echo "test.sh: npm run build"
  npm run build
  echo "test.sh: type-checking tests, benchmarks and the example app"
  npx tsc -p tsconfig.json
  npx tsc -p generated-example/tsconfig.json
fi

RUN_DIR="$ROOT/.kafka/run/$PORT"
LEASES="$RUN_DIR/leases"
LOCK_FILE="$ROOT/.kafka/run/$PORT.test.lock"
HAVE_LEASE=0

# shellcheck disable=SC2317  # called from the EXIT trap
release_broker() {
  [[ "$HAVE_LEASE" == 1 ]] || return 0
  HAVE_LEASE=0
  (
    flock -w 120 8 || exit 0
    rm -f "$LEASES/$$"
    for f in "$LEASES"/*; do
      [[ -e "$f" ]] || continue
      kill -0 "$(basename "$f")" 2>/dev/null || rm -f "$f"
    done
    if [[ -f "$RUN_DIR/started-by-test" ]] && [[ -z "$(ls -A "$LEASES" 2>/dev/null)" ]]; then
      bash "$ROOT/scripts/kafka.sh" stop --port "$PORT" 8>&- || true
    fi
  ) 8>"$LOCK_FILE"
}

if [[ "$MANAGE_BROKER" == 1 ]]; then
  mkdir -p "$LEASES"
  trap release_broker EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  (
    flock -w 900 8 || { echo "test.sh: timed out waiting for another test run to start the broker" >&2; exit 1; }
    touch "$LEASES/$$" || exit 1
    if ! bash "$ROOT/scripts/kafka.sh" status --port "$PORT" >/dev/null 2>&1 8>&-; then
      bash "$ROOT/scripts/kafka.sh" start --port "$PORT" 8>&- || exit 1
      # Only a broker kafka.sh launched (it has a pid file) is ours to stop later.
      if [[ -f "$RUN_DIR/kafka.pid" ]]; then touch "$RUN_DIR/started-by-test"; fi
    else
      echo "test.sh: using the Kafka broker already running on $KSDK_BROKERS"
    fi
  ) 8>"$LOCK_FILE" || { rm -f "$LEASES/$$"; exit 1; }
  HAVE_LEASE=1
fi

echo "test.sh: npx vitest run $* (KSDK_BROKERS=$KSDK_BROKERS)"
set +e
npx vitest run "$@"
rc=$?
set -e
exit "$rc"
