#!/usr/bin/env bash
# What crash safety costs: inserts on the product's embedded cluster (fsync, synchronous commits) against the tests'
# scratch one (neither), side by side (see DurabilityBench.java).
# Usage: bench/durability.sh [rounds=3] [concurrency=8]
exec "$(dirname "$0")/run.sh" DurabilityBench "$@"
