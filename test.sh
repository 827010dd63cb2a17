#!/usr/bin/env bash
# Runs every test of Archives.Workflow and prints one line: "N passed, N failed".
# Usage: ./test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")"

# The runtime tests start a throwaway PostgreSQL server from the server binaries (or use ARCHIVES_TEST_POSTGRES).
if [ -z "${ARCHIVES_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing the PostgreSQL server binaries for the tests…"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
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
