#!/usr/bin/env bash
# Checks the packed tarball the way a user receives it: publint, are-the-types-wrong,
# both entries importing under ESM and CJS by package name, the export names, and
# that the main entry's bundle carries no fast-check code.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f dist/index.js || { echo "run npm run build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/escalation-engine-*.tgz)

echo "== publint --strict"
npx publint run "$tarball" --strict
echo "== attw"
npx attw "$tarball" --profile node16

echo "== import by name, ESM and CJS"
mkdir -p "$work/app/node_modules"
tar -xzf "$tarball" -C "$work"
mv "$work/package" "$work/app/node_modules/escalation-engine"
ln -s "$PWD/node_modules/zod" "$work/app/node_modules/zod"
ln -s "$PWD/node_modules/fast-check" "$work/app/node_modules/fast-check"
cat > "$work/app/check.mjs" <<'JS'
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = false;
for (const entry of ['escalation-engine', 'escalation-engine/testing']) {
  const esm = Object.keys(await import(entry)).sort();
  const cjs = Object.keys(require(entry)).filter((k) => k !== '__esModule').sort();
  const want = [...expected[entry]].sort();
  for (const [kind, got] of [['esm', esm], ['cjs', cjs]]) {
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      failed = true;
      console.error(`${entry} (${kind}) exports ${JSON.stringify(got)}\n  expected ${JSON.stringify(want)} (test/package/exports.json)`);
    }
  }
}
const { compileCalendar, addBusinessTime } = require('escalation-engine');
const cal = compileCalendar({ timezone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } });
if (addBusinessTime(cal, '2026-01-05T16:00:00+01:00', 3_600_000)?.toISOString() !== '2026-01-05T16:00:00.000Z') {
  failed = true;
  console.error('CJS build computes a wrong deadline');
}
if (failed) process.exit(1);
console.log('entries import under ESM and CJS with the expected exports');
JS
(cd "$work/app" && node check.mjs "$OLDPWD/test/package/exports.json")

echo "== the main entry carries no fast-check"
for file in "$work/app/node_modules/escalation-engine/dist/index.js" "$work/app/node_modules/escalation-engine/dist/index.cjs"; do
  if grep -q "fast-check" "$file"; then echo "$file mentions fast-check" >&2; exit 1; fi
done
grep -q "fast-check" "$work/app/node_modules/escalation-engine/dist/testing/index.js" || { echo "testing entry should import fast-check" >&2; exit 1; }
echo "package: ok"
