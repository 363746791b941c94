#!/usr/bin/env bash
# JMH benchmark of the score engine (bench/score/ScoreBench.java): bench/score.sh [JMH options, e.g. oneClient -f 2]
# bench/score.sh --digest prints a digest of the 1,000 clients' full results instead (same digest = same results).
# Builds shared/ (no tests), fetches JMH 1.37 from Maven Central into bench/target/lib, compiles the benchmark and runs
# it. Not part of `./mvnw verify`. A full run takes 2–3 minutes; results go to bench/target/score-jmh.json.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -pl shared -DskipTests compile
lib=bench/target/lib
if [ ! -f "$lib/jmh-core-1.37.jar" ]; then
  ./mvnw -q -f bench/score/pom.xml dependency:copy-dependencies -DoutputDirectory=../target/lib
fi
libs=$(find "$lib" -name '*.jar' | sort | paste -sd: -)

out=bench/target/score-classes
rm -rf "$out" && mkdir -p "$out"
# The JMH annotation processor writes the generated benchmark classes and META-INF/BenchmarkList next to ours.
javac --release 17 -cp "shared/target/classes:$libs" -processorpath "$libs" -d "$out" bench/score/*.java

cp="shared/target/classes:$out:$libs"
if [ "${1:-}" = --digest ]; then
  exec java -Xmx6g -cp "$cp" com.zoomfactor.bench.ScoreDigest
fi
exec java -cp "$cp" org.openjdk.jmh.Main \
  -rf json -rff bench/target/score-jmh.json "$@"
