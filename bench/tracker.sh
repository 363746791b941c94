#!/usr/bin/env bash
# The tracker on PostgreSQL: durable ingest through POST /api/events vs a trivial 202 endpoint in the same run,
# latency at half the maximum, and web stats over 30 days of N events (see TrackerBench.java).
# Usage: bench/tracker.sh [seconds=10] [connections=64] [rounds=3] [statsEvents=10000000] (rounds 0: stats only)
# (the server's data directory, /tmp/zf-bench-*, is left behind: 4 GB with 10M events)
exec "$(dirname "$0")/run.sh" TrackerBench "$@"
