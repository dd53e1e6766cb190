#!/usr/bin/env bash
# Runs every examples/*.ts against the BUILT package, imported by name, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f dist/index.js || { echo "run npm run build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
mkdir -p "$work/app/node_modules"
# The app is an ES module package, as a user's would be (examples may use top-level await).
echo '{ "name": "examples-app", "private": true, "type": "module" }' > "$work/app/package.json"
tar -xzf "$work"/escalation-engine-*.tgz -C "$work"
mv "$work/package" "$work/app/node_modules/escalation-engine"
ln -s "$PWD/node_modules/zod" "$work/app/node_modules/zod"
ln -s "$PWD/node_modules/fast-check" "$work/app/node_modules/fast-check"
ln -s "$PWD/node_modules/yaml" "$work/app/node_modules/yaml"
# The BullMQ example's own dependencies (a user would install them next to escalation-engine).
ln -s "$PWD/node_modules/bullmq" "$work/app/node_modules/bullmq"
ln -s "$PWD/node_modules/ioredis" "$work/app/node_modules/ioredis"
cp -r examples/policies "$work/app/policies"
cp -r examples/tickets "$work/app/tickets"
for example in examples/*.ts; do
  echo "== $example"
  cp "$example" "$work/app/"
  (cd "$work/app" && "$OLDPWD/node_modules/.bin/tsx" "$(basename "$example")" > /dev/null)
done
# The integration examples (one folder each): their check.ts runs the example for real and exits non-zero on a failure.
for check in examples/*/check.ts; do
  dir=$(dirname "$check")
  echo "== $dir"
  cp -r "$dir" "$work/app/"
  (cd "$work/app" && "$OLDPWD/node_modules/.bin/tsx" "$(basename "$dir")/check.ts" > /dev/null)
done
# The drill and the policy test cases, through the packed bin (exit 0 = every assertion and case passed).
cli="$work/app/node_modules/escalation-engine/dist/cli.js"
echo "== examples/drills/sev1-outage.json"
node "$cli" simulate examples/policies/acme-saas.json examples/drills/sev1-outage.json > /dev/null
echo "== examples/tests/acme-saas.cases.yaml"
node "$cli" test examples/policies/acme-saas.json examples/tests/acme-saas.cases.yaml > /dev/null
echo "examples: all ran against the packed build"
