#!/usr/bin/env bash
# Lighthouse's mobile audit of a running Madoguchi, in Debian's Chromium.
#   scripts/lighthouse.sh [URL]      (default http://127.0.0.1:3000/)
# Prints the four category scores and LCP; the full report is written to
# target/lighthouse/report.json. Start the release server first (make run).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://127.0.0.1:3000/}
tools=target/lighthouse
# Lighthouse 13 needs Node 22; 12.2.3 runs on this machine's Node 20.
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error -E lighthouse@12.2.3
fi
CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$url" \
  --quiet --output=json --output-path="$tools/report.json" \
  --form-factor=mobile --screenEmulation.mobile \
  --chrome-flags="--accept-lang=ja-JP --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
node -e '
  const r = require(process.argv[1]);
  for (const [k, c] of Object.entries(r.categories)) console.log(`${k}: ${c.score}`);
  console.log(`LCP: ${r.audits["largest-contentful-paint"].displayValue}`);
  console.log(`total bytes: ${r.audits["total-byte-weight"].displayValue}`);
  for (const [k, c] of Object.entries(r.categories))
    for (const ref of c.auditRefs) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  ${k} / ${a.id}: ${a.score} ${a.displayValue ?? ""}`);
    }
' "$(pwd)/$tools/report.json"
