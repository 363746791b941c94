#!/usr/bin/env bash
# Build time from a clean clone of this repository's HEAD (local Maven and npm caches warm, as on a
# developer machine after the first build): the README's package step, then the full test command.
# Usage: bench/build-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/zf"
cd "$work/zf"
t0=$(date +%s)
./mvnw -B -q -DskipTests package >/dev/null
t1=$(date +%s)
CI=${CI:-false} ./mvnw -B -q verify >/dev/null
t2=$(date +%s)
echo "| step | seconds |"
echo "|---|---|"
echo "| ./mvnw -q -DskipTests package (clean clone) | $((t1 - t0)) |"
echo "| ./mvnw verify (after that package) | $((t2 - t1)) |"
