#!/usr/bin/env bash
# The search benchmark (make bench-search, make bench-search-postgres):
# 1,000,000 generated postings, made once and then reused, and the queries
# of server/bench/queries.tsv through the server's search path, beside the
# naive SQL answer. Extra arguments go to `madoguchi bench-search`.
#   scripts/bench-search.sh sqlite     target/bench-data/madoguchi.db
#   scripts/bench-search.sh postgres   database madoguchi_bench on 127.0.0.1:5432
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
shift || true
cargo build --release --locked -p madoguchi-server
bin=${CARGO_TARGET_DIR:-target}/release/madoguchi
case "$backend" in
  sqlite)
    exec "$bin" --data-dir target/bench-data bench-search "$@"
    ;;
  postgres)
    pg_isready -q -h 127.0.0.1 -p 5432 || scripts/setup.sh test
    admin=postgres://postgres:postgres@127.0.0.1:5432/postgres
    if [ -z "$(psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = 'madoguchi_bench'")" ]; then
      psql -q "$admin" -c "CREATE DATABASE madoguchi_bench"
    fi
    exec "$bin" --data-dir target/bench-data-postgres \
      --database-url postgres://postgres:postgres@127.0.0.1:5432/madoguchi_bench \
      bench-search "$@"
    ;;
  *)
    echo "usage: $0 [sqlite|postgres] [bench-search options]" >&2
    exit 2
    ;;
esac
