#!/usr/bin/env bash
# Runs the time-sensitive suites under several host time zones and locales: results
# must not depend on the machine's TZ or LANG (DESIGN §1, STYLE §8.7).
set -euo pipefail
cd "$(dirname "$0")/.."
for tz in UTC America/Santiago Australia/Lord_Howe Asia/Kolkata Pacific/Chatham; do
  echo "== TZ=$tz"
  TZ="$tz" LANG=de_DE.UTF-8 LC_ALL= npx vitest run test/calendar test/tz test/properties --reporter=dot
done
