#!/usr/bin/env bash
# Ingestion throughput through the API vs the PostgreSQL row ceiling, side by side (see IngestBench.java).
# Usage: bench/ingest.sh [rounds=3] [batchesPerRound=300] [concurrency=8]
exec "$(dirname "$0")/run.sh" IngestBench "$@"
