#!/usr/bin/env bash
# B4 memory: CLIENTS concurrent (default 200) test-pattern SIZE (default 2048x2048, 4 MP)
# PNG b64_json requests to Easel (its own process; the embedded local provider, no network,
# no key); outcomes, latency, Easel's peak RSS; every answer's start checked, every
# DECODE_EVERY-th (default 20th) decoded. Every server binds 127.0.0.1; bounded.
#   bench/b4-memory.sh                 # the issue's run
#   CLIENTS=20 bench/b4-memory.sh      # a smoke run
# Settings: CLIENTS, SIZE, DECODE_EVERY, WARMUP (default 10 small images), GATEWAY_HEAP (Easel's
# -Xmx, default 1g), CLIENT_HEAP, GATEWAY_JVM_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/java-benchmark.sh
run_benchmark BigAnswersBenchmark -Dbench.clients="${CLIENTS:-200}" -Dbench.size="${SIZE:-2048x2048}" \
  -Dbench.decodeEvery="${DECODE_EVERY:-20}" -Dbench.warmup="${WARMUP:-10}" -Dbench.easelHeap="${GATEWAY_HEAP:-1g}"
