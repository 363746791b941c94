#!/usr/bin/env bash
# Report latency and size over two years of 25 metrics (see ReportBench.java).
# Usage: bench/report.sh [clients=20] [requests=40]
exec "$(dirname "$0")/run.sh" ReportBench "$@"
