#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests on SQLite and PostgreSQL,
# then the Playwright suite in Debian's Chromium against a fresh server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/build-site.sh

export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}
export MADOGUCHI_REQUIRE_POSTGRES=1
cargo nextest run --locked --workspace --no-fail-fast

# The browser suite: its own server, port and temporary database.
target_dir=${CARGO_TARGET_DIR:-target}
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
export E2E_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export E2E_SERVER="$(cd "$target_dir" && pwd)/debug/madoguchi"
export E2E_SITE_ROOT="$(cd "${LEPTOS_SITE_ROOT:-target/site}" && pwd)"
export E2E_DATA_DIR="$data_dir"
cd end2end
npx playwright test
