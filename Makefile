# The two commands of the README.
.PHONY: run test

# Build and serve at http://127.0.0.1:3000 on SQLite with demo data.
run:
	scripts/run.sh

# Every test: Rust (SQLite and PostgreSQL) and Playwright in Chromium.
test:
	scripts/test.sh
