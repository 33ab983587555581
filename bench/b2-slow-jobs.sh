#!/usr/bin/env bash
# B2 slow jobs: CLIENTS concurrent requests (default 10000), each a fal queue job that
# completes JOB_SECONDS (default 10) after its submit, through Easel (its own process) to a
# Vert.x fal queue stub; outcomes, latency against the job time, detection lag, status polls
# per job, Easel's peak RSS, threads and file descriptors. Every server binds 127.0.0.1;
# each client sends exactly one request; the run ends by TIMEOUT_SECONDS at the latest.
#   bench/b2-slow-jobs.sh                          # the issue's run
#   CLIENTS=200 JOB_SECONDS=3 bench/b2-slow-jobs.sh  # a smoke run
# Settings: CLIENTS, JOB_SECONDS, WARMUP (instant jobs first, default 100), GATEWAY_HEAP (Easel's
# -Xmx, default 1g), TIMEOUT_SECONDS (default 3 x job + 120), CLIENT_HEAP, GATEWAY_JVM_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/java-benchmark.sh
CLIENTS=${CLIENTS:-10000}
JOB_SECONDS=${JOB_SECONDS:-10}
# The client and Easel each hold one socket per client (the stub shares the client's process).
need=$((CLIENTS + 2000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || echo "warning: ulimit -n is $(ulimit -n), below the $need this run needs"
fi
echo "ulimit -n $(ulimit -n); somaxconn $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo ?);" \
  "local ports $(tr '\t' '-' < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo ?)"
run_benchmark SlowJobsBenchmark -Dbench.clients="$CLIENTS" -Dbench.jobSeconds="$JOB_SECONDS" \
  -Dbench.warmup="${WARMUP:-100}" -Dbench.easelHeap="${GATEWAY_HEAP:-1g}" \
  ${TIMEOUT_SECONDS:+-Dbench.timeoutSeconds="$TIMEOUT_SECONDS"}
