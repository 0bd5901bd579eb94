#!/usr/bin/env bash
# The search page under load: the release server on loopback, serving the
# benchmark's 1,000,000 postings (target/bench-data, made by
# `make bench-search` or here), measured with wrk (Debian's package).
# Prints requests per second and latency percentiles per page.
#   DURATION=20s CONNECTIONS=8 scripts/bench-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
scripts/build-site.sh
cargo build --release --locked -p madoguchi-server
bin=${CARGO_TARGET_DIR:-target}/release/madoguchi
if [ ! -f target/bench-data/madoguchi.db ]; then
  "$bin" --data-dir target/bench-data bench-search --rounds 1 --naive-per-class 0
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUST_LOG=warn "$bin" --data-dir target/bench-data --addr "127.0.0.1:$port" \
  --site-root "${LEPTOS_SITE_ROOT:-target/site}" serve &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 1
done

echo "wrk: $connections connections, 2 threads, $duration per page; $(nproc) cores shared by server and wrk"
# Every posting; a keyword in a prefecture; keyword, prefecture, type and
# a flag; sorted by wage; a deep page.
for path in \
  "/jobs" \
  "/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13" \
  "/jobs?q=%E4%BA%8B%E5%8B%99&pref=27&emp=part_time&flag=commute_allowance" \
  "/jobs?pref=14&sort=wage" \
  "/jobs?q=%E3%83%89%E3%83%A9%E3%82%A4%E3%83%90%E3%83%BC&page=40"; do
  curl -fs -o /dev/null "http://127.0.0.1:$port$path"
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$path")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '%-80s %8s req/s  p50 %8s  p99 %8s %s\n' "$path" "$rps" "$p50" "$p99" "$errors"
done
