# The two commands of the README.
.PHONY: run test

# Build and serve at http://127.0.0.1:3000 on SQLite with demo data.
run:
	scripts/run.sh

# Every test: Rust (SQLite and PostgreSQL) and Playwright in Chromium.
test:
	scripts/test.sh

# The search benchmark: 1,000,000 generated postings (made once, then
# reused), the queries of server/bench/queries.tsv, on SQLite
# (target/bench-data) or PostgreSQL (database madoguchi_bench).
.PHONY: bench-search bench-search-postgres bench-load
bench-search:
	scripts/bench-search.sh sqlite

bench-search-postgres:
	scripts/bench-search.sh postgres

# The search page under load (wrk) against the release server on the
# benchmark's SQLite data.
bench-load:
	scripts/bench-load.sh
