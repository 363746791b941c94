#!/usr/bin/env bash
# Ingestion throughput through the API vs the PostgreSQL row ceiling, side by side (see IngestBench.java).
# Usage: bench/ingest.sh [rounds=3] [batchesPerRound=300] [concurrency=8]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
out=bench/target/classes
mkdir -p "$out"
javac -cp "$jar" -d "$out" bench/BenchSupport.java bench/IngestBench.java
exec java -Xmx2g -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$jar:$out" IngestBench "$@"
