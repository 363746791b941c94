#!/usr/bin/env bash
# Big imports through the real server: rows/s, points/s, first progress, heap (see ImportBench.java).
# Usage: bench/imports.sh [sizesMB=10,100] [shapes=ga4,long] [runs=1]   (BENCH_XMX=512m for a smaller heap)
exec "$(dirname "$0")/run.sh" ImportBench "$@"
