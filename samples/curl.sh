#!/usr/bin/env bash
# Generates a 640x480 WebP on the embedded default (no keys) and saves it as fox.webp.
# Usage: samples/curl.sh [api-base]   (default $EASEL_URL, else http://127.0.0.1:8080/v1)
# EASEL_URL is the API base including /v1, the same value the SDK samples take as baseURL.
set -euo pipefail
BASE="${1:-${EASEL_URL:-http://127.0.0.1:8080/v1}}"
BASE="${BASE%/}"
AUTH=()
if [ -n "${EASEL_API_KEY:-}" ]; then AUTH=(-H "authorization: Bearer ${EASEL_API_KEY}"); fi

response=$(curl -sS --fail-with-body "${AUTH[@]}" "$BASE/images/generations" \
  -H 'content-type: application/json' \
  -d '{"model":"test-pattern","prompt":"a red fox","size":"640x480","output_format":"webp","response_format":"b64_json"}')

# The image is base64 in data[0].b64_json; everything else is small metadata.
printf '%s' "$response" | sed -E 's/.*"b64_json":"([^"]+)".*/\1/' | base64 -d > fox.webp
printf '%s' "$response" | sed -E 's/.*"b64_json":"[^"]+"//' | cut -c1-400; echo
echo "saved fox.webp ($(wc -c < fox.webp) bytes)"
