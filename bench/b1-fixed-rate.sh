#!/usr/bin/env bash
# B1 at fixed rates: an open-loop Vert.x client sends RATE requests per second (default 1000;
# a comma-separated list runs each in turn, e.g. RATE=1000,5000) to a fast OpenAI-shaped
# stub directly and through Easel (its own process) for DURATION (default 10s) after
# WARMUP (default 30s: C2 is still compiling Easel's hot paths after 15 s), interleaved; latency from each request's due time (no
# coordinated omission); the added latency p50/p99. Every server binds 127.0.0.1; bounded.
#   RATE=1000,5000 bench/b1-fixed-rate.sh         # the issue's run
#   RATE=200 DURATION=5s bench/b1-fixed-rate.sh   # a smoke run
# Settings: RATE, DURATION, WARMUP, MAX_IN_FLIGHT (per target, default 256), GATEWAY_HEAP
# (Easel's -Xmx, default 1g), CLIENT_HEAP, GATEWAY_JVM_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/java-benchmark.sh
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
run_benchmark FixedRateOverheadBenchmark -Dbench.rate="${RATE:-1000}" -Dbench.seconds="${DURATION%s}" \
  -Dbench.warmupSeconds="${WARMUP%s}" -Dbench.maxInFlight="${MAX_IN_FLIGHT:-256}" -Dbench.easelHeap="${GATEWAY_HEAP:-1g}"
