#!/usr/bin/env bash
# Runs the host-sensitive suites under several host time zones and locales: results must not
# depend on the machine's TZ, LANG or LC_ALL (DESIGN §1, STYLE §8.5, docs/security.md).
#
# Each pair below sets TZ, LANG and LC_ALL (ICU, and so Intl, takes its default locale from
# them): zones with DST gaps of 30 minutes (Lord Howe), offsets of :30 and :45 (Kolkata,
# Chatham, St John's), negative DST (Dublin), DST changes at midnight (Santiago); locales with
# other digits (Arabic, Persian), other calendars (Buddhist, Persian), other case rules
# (Turkish) and decimal commas (German). Then, under every pair, a digest of everything the
# engine answers for a fixed workload (test/hostile/decision-digest.ts) must be the same.
# Node and headless Chromium deciding alike is checked by test/runtime/chromium.test.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

pairs=(
  "UTC C.UTF-8"
  "America/Santiago ar_EG.UTF-8"
  "Australia/Lord_Howe th_TH.UTF-8"
  "Asia/Kolkata fa_IR.UTF-8"
  "Pacific/Chatham tr_TR.UTF-8"
  "Europe/Dublin de_DE.UTF-8"
  "America/St_Johns ja_JP.UTF-8"
)
# The suites whose answers involve local time or locale-sensitive text. The fuzz and hostile
# suites are about throwing and bounds, not the host: `npm test` runs them once, and the digest
# below covers their workload's answers under every pair.
suites=(test/calendar test/tz test/properties test/fixtures test/engine test/routing)

digests=()
for pair in "${pairs[@]}"; do
  read -r tz locale <<<"$pair"
  echo "== TZ=$tz LANG=$locale LC_ALL=$locale"
  # Type tests do not depend on the host: `npm test` runs them once.
  TZ="$tz" LANG="$locale" LC_ALL="$locale" npx vitest run "${suites[@]}" --reporter=dot --typecheck.enabled=false
  digest="$(TZ="$tz" LANG="$locale" LC_ALL="$locale" npx tsx test/hostile/decision-digest.ts)"
  echo "decision digest: $digest"
  digests+=("$digest")
done

if [ "$(printf '%s\n' "${digests[@]}" | sort -u | wc -l)" -ne 1 ]; then
  echo "the engine answered differently under different time zones or locales:" >&2
  for i in "${!pairs[@]}"; do echo "  ${pairs[$i]}: ${digests[$i]}" >&2; done
  exit 1
fi
echo "== every time zone and locale: the same decisions (${digests[0]})"
