#!/usr/bin/env bash
# The main job: build ksdk, generate the example client from its schemas and manifest,
# start the local Kafka broker (unless KSDK_TRANSPORT=memory), run the example app end to
# end and print what it did. Stops the broker again if this script started it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [ ! -d node_modules ]; then
  echo "example: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
echo "example: building runtime and CLI"
npm run --silent build
echo "example: generating the example client (ksdk generate)"
node cli/bin/run.js generate --cwd generated-example

started_broker=0
if [ "${KSDK_TRANSPORT:-kafka}" != "memory" ]; then
  port="${KSDK_KAFKA_PORT:-9092}"
  if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
    bash scripts/kafka.sh start
    started_broker=1
  fi
  export KSDK_BROKERS="${KSDK_BROKERS:-127.0.0.1:${port}}"
fi
cleanup() { if [ "$started_broker" = 1 ]; then bash "$ROOT/scripts/kafka.sh" stop; fi; }
trap cleanup EXIT

echo "example: running the example app (${KSDK_TRANSPORT:-kafka} transport)"
cd generated-example
KAFKAJS_NO_PARTITIONER_WARNING=1 node --import tsx src/main.ts
