#!/usr/bin/env bash
# The Spark job on local[2] against the single-machine path (MonitorJob, as llmmon:monitor runs it) on the same
# input, alternately: see docs/benchmarks.md, "Spark local mode against one machine".
#   benchmarks/spark-compare.sh [RECORDS] [FILES] [RUNS]     (default 5m 10 2)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-5m}
FILES=${2:-10}
RUNS=${3:-2}
DATA=${LLMMON_BENCH_DATA:-/tmp/llmmon-bench-data}
XMX=${LLMMON_BENCH_XMX:-3g}
M=${LLMMON_MAVEN_ARGS:-}
mkdir -p "$DATA"
count() { case $1 in *k) echo $(( ${1%k} * 1000 ));; *m) echo $(( ${1%m} * 1000000 ));; *) echo "$1";; esac; }

./mvnw -q $M -pl monitor-spark -am test-compile -DskipTests
./mvnw -q $M -pl monitor-spark dependency:build-classpath -Dmdep.outputFile="$DATA/spark-cp.txt" \
  -Dmdep.includeScope=test >/dev/null
CP="monitor-spark/target/classes:monitor-spark/target/test-classes:$(cat "$DATA/spark-cp.txt")"
FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' monitor-spark/pom.xml)

# rotated logs: the native export cut into FILES files (the Spark job runs one task per file)
LOGS="$DATA/native-$SIZE-in-$FILES"
if [ ! -d "$LOGS" ]; then
  SOURCE="$DATA/native-$SIZE.jsonl"
  [ -f "$SOURCE" ] || java -cp "$CP" dev.llmmon.demo.LargeExportWriter "$SOURCE" "$(count "$SIZE")" --format native
  mkdir -p "$LOGS.tmp"
  split -d -a 2 -n "l/$FILES" "$SOURCE" "$LOGS.tmp/requests-" && mv "$LOGS.tmp" "$LOGS"
fi
for run in $(seq "$RUNS"); do
  for engine in single spark; do
    line=$(java -Xmx"$XMX" $FLAGS -cp "$CP" dev.llmmon.spark.bench.SparkBenchmark "$engine" 2 \
      --logs "$LOGS" --window 1h --out "$DATA/out-$engine" --alertCharts false --detect true --reportFormats json | grep '^RESULT')
    echo "$line run=$run load=\"$(cut -d' ' -f1-3 /proc/loadavg)\"" | tee -a "$DATA/spark-results.txt"
  done
done
