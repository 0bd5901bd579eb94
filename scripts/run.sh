#!/usr/bin/env bash
# Builds and starts Madoguchi on an embedded SQLite database with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
scripts/build-site.sh
cargo build --locked --release -p madoguchi-server
exec "${CARGO_TARGET_DIR:-target}/release/madoguchi" serve --demo "$@"
