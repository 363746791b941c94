#!/usr/bin/env bash
# Startup time of the runnable jar: from `java -jar` until /api/health answers 200 with db "up".
#   first start  = a fresh ZF_DATA_DIR (initdb of the embedded PostgreSQL + migrations)
#   second start = the same ZF_DATA_DIR again (existing data, nothing to migrate)
# Each is measured RUNS times, every run stopped with SIGTERM (its stop time is reported too).
# Usage: bench/startup.sh [RUNS]   (build the jar first: ./mvnw -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }

port=$((20000 + RANDOM % 20000))
now_ms() { date +%s%3N; }

# Starts the jar on $1 (data dir), prints "<ms to healthy> <ms to exit after SIGTERM>"
measure() {
  local data=$1 start healthy pid stop_start
  start=$(now_ms)
  ZF_PORT=$port ZF_DATA_DIR=$data java -jar "$jar" >"$data.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$port/api/health" 2>/dev/null | grep -q '"db":"up"'; do
    kill -0 "$pid" 2>/dev/null || { echo "server died; see $data.log" >&2; exit 1; }
    sleep 0.02
  done
  healthy=$(( $(now_ms) - start ))
  stop_start=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || { echo "exit code $? after SIGTERM; see $data.log" >&2; exit 1; }
  echo "$healthy $(( $(now_ms) - stop_start ))"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
first=() second=() stops=()
for i in $(seq "$runs"); do
  read -r ms stop < <(measure "$work/data-$i")
  first+=("$ms"); stops+=("$stop")
  read -r ms stop < <(measure "$work/data-$i")
  second+=("$ms"); stops+=("$stop")
done

echo "| measure (n=$runs, median; min–max) | ms |"
echo "|---|---|"
for name in first second stops; do
  declare -n values=$name
  sorted=$(printf '%s\n' "${values[@]}" | sort -n)
  echo "| $name | $(printf '%s\n' "${values[@]}" | median) ($(echo "$sorted" | head -1)–$(echo "$sorted" | tail -1)) |"
done
echo
echo "jar size: $(du -h "$jar" | cut -f1) ($(stat -c %s "$jar") bytes)"
echo "java: $(java -version 2>&1 | head -1); cpus: $(nproc)"
