#!/usr/bin/env bash
# Runs every test of Archives.Workflow and prints one line: "N passed, N failed".
# Usage: ./test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need from the system, installed when missing: the PostgreSQL server binaries (the
# runtime and server tests start a throwaway server, unless ARCHIVES_TEST_POSTGRES names one; the
# database-outage test always starts one of its own, since it stops and restarts it), Chromium
# (the UI tests drive it; ARCHIVES_CHROMIUM may name another binary) and a CJK font (the pages are Chinese;
# printed documents embed Noto Sans CJK SC from this very file of fonts-noto-cjk).
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ -z "${ARCHIVES_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if ! fc-list 2>/dev/null | grep -qi "CJK" || ! [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  missing+=(fonts-noto-cjk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing what the tests need: ${missing[*]}…"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

results="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"

dotnet test Archives.Workflow.sln -c Release \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
