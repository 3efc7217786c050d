#!/usr/bin/env bash
# Before/after comparisons of runtime changes, in one quiet window on the same broker.
#
#   bench/tools/ab.sh snapshot <name>            copy the built runtime (runtime/dist) and the compiled
#                                                benchmarks (bench/out/js) to bench/out/ab/<name>
#   bench/tools/ab.sh run <name> <script> [...]  run bench/out/ab/<name>/js/<script>.js against that
#                                                snapshot's runtime, e.g. `run before scenarios/consume --quick`
#
# A snapshot resolves '@ksdk/runtime' to its own copy (bench/out/ab/<name>/node_modules/@ksdk/runtime)
# and everything else (kafkajs, ajv...) from the repository's node_modules.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AB="$ROOT/bench/out/ab"
cmd="${1:-}"; name="${2:-}"
[[ -n "$cmd" && -n "$name" ]] || { echo "usage: ab.sh snapshot <name> | run <name> <script> [args...]" >&2; exit 2; }
case "$cmd" in
  snapshot)
    [[ -d "$ROOT/runtime/dist" && -d "$ROOT/bench/out/js" ]] || { echo "ab.sh: build first (npm run build && npx tsc -p bench)" >&2; exit 1; }
    rm -rf "${AB:?}/$name"
    mkdir -p "$AB/$name/node_modules/@ksdk/runtime"
    cp -r "$ROOT/runtime/dist" "$ROOT/runtime/package.json" "$AB/$name/node_modules/@ksdk/runtime/"
    cp -r "$ROOT/bench/out/js" "$AB/$name/js"
    echo "ab.sh: snapshot $name taken (runtime/dist + bench/out/js)"
    ;;
  run)
    shift 2
    script="${1:?script, e.g. scenarios/consume}"; shift
    exec node "$AB/$name/js/$script.js" "$@"
    ;;
  *) echo "ab.sh: unknown command $cmd" >&2; exit 2 ;;
esac
