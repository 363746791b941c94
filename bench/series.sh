#!/usr/bin/env bash
# Series read latency with 1,000 clients × 25 metrics × 2 years of daily data loaded (see SeriesBench.java).
# Usage: bench/series.sh [clients=1000] [requests=2000] [concurrencies=1,4]
exec "$(dirname "$0")/run.sh" SeriesBench "$@"
