#!/usr/bin/env bash
# Installs what building and testing Madoguchi need, and nothing twice.
#   scripts/setup.sh build   toolchain target, wasm-bindgen, npm tools
#   scripts/setup.sh test    the above, plus cargo-nextest, Chromium, PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The wasm32 target for the browser bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
# (`--locked` does not resolve for this crate, see ARCHITECTURE.md.)
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "cargo install wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# npm tools (wasm-opt from binaryen; Playwright without its browser download).
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
stamp=end2end/node_modules/.madoguchi-lock
if [ ! -f "$stamp" ] || ! cmp -s end2end/package-lock.json "$stamp"; then
  say "npm ci (end2end)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp end2end/package-lock.json "$stamp"
fi

[ "$what" = test ] || exit 0

if ! cargo nextest --version >/dev/null 2>&1; then
  say "cargo install cargo-nextest"
  cargo install cargo-nextest --version 0.9.143 --locked
fi

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium chromium-driver
fi

# PostgreSQL on 127.0.0.1:5432: use the one running, start an installed
# one, or install Debian's.
pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_ready; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql
  fi
  cluster_version=$(ls /etc/postgresql | sort -V | tail -n1)
  say "starting PostgreSQL $cluster_version"
  pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { echo "PostgreSQL did not start" >&2; exit 1; }
  # A fresh Debian cluster asks for a password over TCP: give the test
  # superuser the one the tests use.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi
