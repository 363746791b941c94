#!/usr/bin/env bash
# The portfolio table in Chromium (see PortfolioBench.java): 1,000 clients with daily data, then the time to draw the
# table (navigation → rows painted), to sort it (header click → new order painted) and to filter it (search typed →
# rows painted), 20 times each, p50/p95. Not part of `./mvnw verify`.
# Needs the runnable jar with the current frontend (./mvnw -q -pl shared,frontend install -DskipTests, then
# ./mvnw -q -pl backend package -DskipTests), Chromium at /usr/bin/chromium (or ZF_CHROMIUM) and Playwright for Java
# in the local Maven repository (a test dependency of backend/; MAVEN_REPO=… points at another repository).
# Usage: bench/portfolio.sh [clients=1000] [repeats=20] [days=14] [settle-ms=0: a pause before each draw, so that it
# does not queue on the server behind the previous page's live subscriptions]
# The draw is broken down (script, session, list request and answer) from the page's own timings; with
# ZF_BENCH_PROFILE=/tmp/draw.cpuprofile one more draw is recorded by Chromium's profiler into that file.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=backend/target/zoom-factor.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -DskipTests package" >&2; exit 1; }
out=bench/target/portfolio-classes
mkdir -p "$out"
cp_file=bench/target/playwright.classpath
repo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
if [ ! -s "$cp_file" ]; then
  ./mvnw -q -o -B $repo -pl backend dependency:build-classpath -Dmdep.outputFile="$(pwd)/$cp_file.all"
  # only Playwright and what it needs: everything else is in the jar already (twice would clash)
  tr ':' '\n' <"$cp_file.all" | grep -E '/com/microsoft/playwright/|/com/google/code/gson/|/org/opentest4j/' \
    | paste -sd: >"$cp_file"
fi
playwright=$(cat "$cp_file")
javac -cp "$jar:$playwright" -d "$out" bench/BenchSupport.java bench/PortfolioBench.java
echo "$(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cpus; $(java -version 2>&1 | head -1); $("${ZF_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1)"
exec java -Xmx${BENCH_XMX:-2g} -Dlogback.configurationFile=bench/logback-quiet.xml -cp "$jar:$out:$playwright" PortfolioBench "$@"
