#!/usr/bin/env bash
# Fault suite #2, long variant (see OutageBench.java): PostgreSQL (Debian's postgresql package) restarted again and
# again under writers with idempotency keys and an open dashboard. The server's log (a WARN per 503) goes to
# bench/target/outage-server.log. Usage: bench/outage.sh [cycles=10] [writers=16] [pointsPerBatch=100] [pauseMs=1000]
set -euo pipefail
mkdir -p "$(dirname "$0")/target"
exec "$(dirname "$0")/run.sh" OutageBench "$@" 2> "$(dirname "$0")/target/outage-server.log"
