#!/usr/bin/env bash
# Builds the browser bundle into $LEPTOS_SITE_ROOT (default target/site):
#   pkg/madoguchi.<hash>.js, pkg/madoguchi.<hash>_bg.wasm, pkg/madoguchi.<hash>.css,
#   pkg/build-id (the hashed base name, read by the server), the public files,
#   and .br/.gz twins of everything compressible.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
site=${LEPTOS_SITE_ROOT:-target/site}
profile=wasm-release

cargo build --locked -p madoguchi-app --lib \
  --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile "$profile"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name madoguchi \
  "$target_dir/wasm32-unknown-unknown/$profile/madoguchi_app.wasm"

wasm_opt=end2end/node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ] || wasm_opt=$(command -v wasm-opt); then
  "$wasm_opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$stage/madoguchi_bg.wasm" -o "$stage/madoguchi_bg.wasm"
else
  echo "wasm-opt not found: the bundle is not size-optimised" >&2
fi
cp style/main.css "$stage/madoguchi.css"

hash=$(cat "$stage/madoguchi.js" "$stage/madoguchi_bg.wasm" "$stage/madoguchi.css" \
  | sha256sum | cut -c1-16)
name="madoguchi.$hash"
mv "$stage/madoguchi.js" "$stage/$name.js"
mv "$stage/madoguchi_bg.wasm" "$stage/${name}_bg.wasm"
mv "$stage/madoguchi.css" "$stage/$name.css"
echo "$name" > "$stage/build-id"

mkdir -p "$site"
cp -R public/. "$site/"
rm -rf "$site/pkg.new"
cp -R "$stage" "$site/pkg.new"
chmod 755 "$site/pkg.new"
rm -rf "$site/pkg"
mv "$site/pkg.new" "$site/pkg"
node scripts/precompress.mjs "$site"
echo "site built: $site/pkg/$name ($(wc -c < "$site/pkg/${name}_bg.wasm") bytes wasm," \
  "$(wc -c < "$site/pkg/${name}_bg.wasm.br") brotli)"
