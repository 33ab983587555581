#!/usr/bin/env bash
# B1 overhead: wrk against a fast OpenAI-shaped stub directly, then Easel in front of it.
# Every server binds 127.0.0.1; every wrk run is bounded (DURATION). Run from the repo root:
#   bench/b1-overhead.sh
# Needs: java 17, node, wrk (Debian: apt-get install -y wrk). Builds the jar if missing.
set -euo pipefail
DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-16}
STUB_PORT=${STUB_PORT:-9301}
EASEL_PORT=${EASEL_PORT:-9300}
PORTKEY_PORT=${PORTKEY_PORT:-9302}
PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}
cd "$(dirname "$0")/.."
[ -f gateway/target/easel-gateway.jar ] || ./mvnw -B -q -DskipTests package
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

node bench/openai-stub.mjs "$STUB_PORT" & pids+=($!)
data=$(mktemp -d)
HOST=127.0.0.1 PORT=$EASEL_PORT EASEL_STORAGE_DIR="$data" \
  OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1" OPENAI_API_KEY=sk-bench \
  java -jar gateway/target/easel-gateway.jar > "$data/easel.log" 2>&1 & pids+=($!)
# Portkey's open-source gateway from npm, kept under bench/.portkey (not committed).
[ -d bench/.portkey/node_modules/@portkey-ai/gateway ] || \
  npm install --prefix bench/.portkey --no-audit --no-fund "@portkey-ai/gateway@$PORTKEY_VERSION" >/dev/null
NODE_ENV=production node -r ./bench/loopback.cjs bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js \
  --port="$PORTKEY_PORT" --headless > "$data/portkey.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$EASEL_PORT/healthz" >/dev/null && break; sleep 0.5; done
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORTKEY_PORT/" >/dev/null && break; sleep 0.5; done

run() { # name url
  echo "== $1 (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # One warm-up pass (JIT), then the measured one.
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/post-generation.lua "$2" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/post-generation.lua "$2"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
run direct "http://127.0.0.1:$STUB_PORT/v1/images/generations"
MODEL=openai/gpt-image-1 run easel "http://127.0.0.1:$EASEL_PORT/v1/images/generations"
MODEL=gpt-image-1 PORTKEY_UPSTREAM="http://127.0.0.1:$STUB_PORT/v1" \
  run portkey "http://127.0.0.1:$PORTKEY_PORT/v1/images/generations"
echo "listening sockets (all must be 127.0.0.1):"; ss -ltnp 2>/dev/null | grep -E ":($STUB_PORT|$EASEL_PORT|$PORTKEY_PORT) " || true
