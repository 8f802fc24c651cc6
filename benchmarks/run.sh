#!/usr/bin/env bash
# End-to-end monitor benchmark: see docs/benchmarks.md.
#   benchmarks/run.sh [SIZES] [CASES]
# SIZES: space-separated record counts with k/m suffix (default "1m 5m"); inputs are generated once into
# $LLMMON_BENCH_DATA (default /tmp/llmmon-bench-data) and reused. Each case runs in a fresh JVM (JVM start is
# in process_s, not in wall_s). Results go to stdout and to $LLMMON_BENCH_DATA/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-"1m 5m"}
DATA=${LLMMON_BENCH_DATA:-/tmp/llmmon-bench-data}
XMX=${LLMMON_BENCH_XMX:-4g}
MODES=${LLMMON_BENCH_MODES:-"exact sketch"}
FORMATS=${LLMMON_BENCH_FORMATS:-"native otlp"}
COMPRESSIONS=${LLMMON_BENCH_COMPRESSIONS:-"plain gz"}
mkdir -p "$DATA"

mvn -q -o -pl monitor-core,demo/generator test-compile
mvn -q -o -pl monitor-core dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" >/dev/null
CP="monitor-core/target/classes:monitor-core/target/test-classes:demo/generator/target/classes:$(cat "$DATA/cp.txt")"

count() { case $1 in *k) echo $(( ${1%k} * 1000 ));; *m) echo $(( ${1%m} * 1000000 ));; *) echo "$1";; esac; }

input() { # format size compression -> path, generated on first use
  local file="$DATA/$1-$2.jsonl"
  if [ ! -f "$file" ]; then
    java -cp "$CP" dev.llmmon.demo.LargeExportWriter "$file.tmp" "$(count "$2")" --format "$1" >&2
    mv "$file.tmp" "$file"
  fi
  if [ "$3" = gz ]; then
    if [ ! -f "$file.gz" ]; then
      gzip -1 -c "$file" > "$file.gz.tmp" && mv "$file.gz.tmp" "$file.gz"
    fi
    file="$file.gz"
  fi
  echo "$file"
}

for size in $SIZES; do
  for format in $FORMATS; do
    for compression in $COMPRESSIONS; do
      file=$(input "$format" "$size" "$compression")
      for mode in $MODES; do
        line=$(java -Xmx"$XMX" -XX:+UseG1GC -cp "$CP" dev.llmmon.bench.MonitorBenchmark \
          --mode "$mode" --label "$format-$size-$compression" "$file" | grep '^RESULT')
        echo "$line load=\"$(cut -d' ' -f1-3 /proc/loadavg)\"" | tee -a "$DATA/results.txt"
      done
    done
  done
done
