#!/usr/bin/env bash
# Compiles the benchmarks against the runnable jar and runs one of them: bench/run.sh <Class> [args...]
# (the heap is 2 GB: BENCH_XMX=256m for another; BENCH_JAR=path/to.jar runs against another build, for before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${BENCH_JAR:-backend/target/zoom-factor.jar}
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
out=bench/target/classes-$(echo "$jar" | md5sum | cut -c1-8)
mkdir -p "$out"
javac -cp "$jar" -d "$out" bench/BenchSupport.java "bench/$1.java"
exec java -Xmx${BENCH_XMX:-2g} -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$jar:$out" "$@"
