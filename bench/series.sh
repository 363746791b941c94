#!/usr/bin/env bash
# Series read latency with 1,000 clients × 25 metrics × 2 years of daily data loaded (see SeriesBench.java).
# Usage: bench/series.sh [clients=1000] [requests=2000] [concurrency=4]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
out=bench/target/classes
mkdir -p "$out"
javac -cp "$jar" -d "$out" bench/BenchSupport.java bench/SeriesBench.java
exec java -Xmx2g -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$jar:$out" SeriesBench "$@"
