#!/usr/bin/env bash
# Fault suite #1, long variant: kill -9 mid-ingest, restart by itself, retries with the same Idempotency-Keys.
# Runs the jar test IngestCrashIT with a longer ingest, more writers and several kill/restart rounds on one data
# directory, for each fault (the server's JVM alone; the JVM and every PostgreSQL process). Per round: points
# acknowledged, batches in doubt (and how many of them had committed), points lost, points stored twice, and the
# restart time (from `java -jar` to "ready", WAL replay included). The test fails on any loss or duplicate.
# Usage: bench/crash.sh [seconds=30] [writers=8] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30} writers=${2:-8} rounds=${3:-3}
report=$(mktemp) log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT
./mvnw -q -B -pl backend verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=IngestCrashIT \
  -Dzf.crash.seconds="$seconds" -Dzf.crash.writers="$writers" -Dzf.crash.rounds="$rounds" -Dzf.crash.report="$report" \
  >"$log" 2>&1 || { cat "$report"; tail -n 60 "$log"; exit 1; }
cat "$report"
echo "java: $(java -version 2>&1 | head -1); cpus: $(nproc)"
