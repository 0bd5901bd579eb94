# The two commands of the README.
.PHONY: run test

# Build and serve at http://127.0.0.1:3000 on SQLite with demo data.
run:
	scripts/run.sh

# Every test: Rust (SQLite and PostgreSQL) and Playwright in Chromium.
test:
	scripts/test.sh

# The search benchmark: 1,000,000 generated postings in target/bench-data
# (made once, then reused), the queries of server/bench/queries.tsv.
.PHONY: bench-search
bench-search:
	cargo build --release --locked -p madoguchi-server
	target/release/madoguchi --data-dir target/bench-data bench-search
