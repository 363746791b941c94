#!/usr/bin/env bash
# Compiles the benchmarks against the runnable jar and runs one of them: bench/run.sh <Class> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
out=bench/target/classes
mkdir -p "$out"
javac -cp "$jar" -d "$out" bench/BenchSupport.java "bench/$1.java"
exec java -Xmx2g -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$jar:$out" "$@"
