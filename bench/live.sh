#!/usr/bin/env bash
# Live dashboards under ingestion (see LiveBench.java): 5,000 WebSockets watching 500 clients on the runnable jar
# (embedded PostgreSQL) and, in the same run, on a minimal Vert.x broadcast server (MinimalBroadcastServer.java):
# steady, ingest saturation and fan-out saturation phases;
# then the client page's initial load for a client with 2 years × 25 metrics.
# Three JVMs: the server jar, the minimal server, the load generator (ZF_BENCH_DB_PORT=$db_port bench/run.sh LiveBench). Everything started is
# stopped on exit. Heap: jcmd GC.heap_info on the server pids, and each server's -Xlog:gc in the work directory.
# The fan-out phase records events straight into the server's embedded PostgreSQL (started on a known port with
# ZF_EMBEDDED_DB_PORT, passed to LiveBench as ZF_BENCH_DB_PORT), so that delivery is measured without the ingest path.
# Usage: bench/live.sh [seconds=40] [rate=200] [clients=500] [perClient=10] [saturateSeconds=15] [inFlight=16] [pageLoads=50]
#                      [fanoutSeconds=15] [fanoutInFlight=5]
#   SERVER_HEAP (default 1g) is both servers' -Xmx; SERVER_OPTS adds JVM options to the Zoom Factor server
#   (e.g. SERVER_OPTS=-XX:StartFlightRecording=filename=/tmp/zf.jfr,settings=profile); ZF_BENCH_JFR=/tmp/fan.jfr
#   records a JFR profile of the server during its fan-out phase only (jcmd JFR.start/stop); KEEP=1 keeps the work dir.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
heap=${SERVER_HEAP:-1g}
work=$(mktemp -d /tmp/zf-live-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

out=bench/target/classes
mkdir -p "$out"
javac -cp "$jar" -d "$out" bench/MinimalBroadcastServer.java

zf_port=$((20000 + RANDOM % 20000))
min_port=$((zf_port + 1))
db_port=$((zf_port + 2))
for port in $zf_port $min_port $db_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken; run again" >&2; exit 1; fi
done
ZF_PORT=$zf_port ZF_EMBEDDED_DB_PORT=$db_port ZF_DATA_DIR=$work/data java -Xmx"$heap" -Xlog:gc:file="$work/zf-gc.log" ${SERVER_OPTS:-} \
  -jar "$jar" >"$work/zf.log" 2>&1 &
zf_pid=$!; pids+=("$zf_pid")
java -Xmx"$heap" -Xlog:gc:file="$work/min-gc.log" -Dlogback.configurationFile=bench/logback-quiet.xml \
  -cp "$jar:$out" MinimalBroadcastServer "$min_port" >"$work/min.log" 2>&1 &
min_pid=$!; pids+=("$min_pid")
until curl -fs "http://localhost:$zf_port/api/health" 2>/dev/null | grep -q '"db":"up"'; do
  kill -0 "$zf_pid" 2>/dev/null || { cat "$work/zf.log" >&2; echo "server died" >&2; exit 1; }
  sleep 0.1
done
until grep -q listening "$work/min.log"; do
  kill -0 "$min_pid" 2>/dev/null || { cat "$work/min.log" >&2; exit 1; }
  sleep 0.1
done

pg_pid=$(pgrep -o -f "postgres.*$work" || echo 0)
echo "postmaster pid: $pg_pid ($(ps -o args= -p "$pg_pid" 2>/dev/null | cut -c1-80))"
echo "$(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cpus; $(java -version 2>&1 | head -1); servers -Xmx$heap"
ZF_BENCH_DB_PORT=$db_port bench/run.sh LiveBench "$zf_port" "$zf_pid" "$min_port" "$min_pid" "$pg_pid" "$@"

# the highest heap after any collection, over the whole run (G1 log lines "... 123M->45M(256M) ...")
for name in zf min; do
  awk -v n="$name" 'match($0, /->[0-9]+M\(/) { v = substr($0, RSTART + 2, RLENGTH - 4) + 0; if (v > max) max = v; c++ }
    END { printf "%s: %d collections; highest heap after a collection: %d MB\n", n, c, max }' "$work/$name-gc.log"
done
echo "Zoom Factor server log lines at WARN/ERROR: $(grep -cE ' (WARN|ERROR) ' "$work/zf.log" || true)"
