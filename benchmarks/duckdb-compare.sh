#!/usr/bin/env bash
# llmmon against DuckDB on its own specialty, side by side: see docs/benchmarks.md ("Against DuckDB").
#   benchmarks/duckdb-compare.sh [SIZES]        e.g. "1m 5m" (default)
# For each size: generates native JSONL once (dev.llmmon.demo.LargeExportWriter, seed 7) into $LLMMON_BENCH_DATA,
# then runs, alternately and $LLMMON_BENCH_RUNS times (default 3), both with JVM start included:
#   llmmon: the installed llmmon:monitor goal by coordinates, detection off, JSON report only;
#   DuckDB: duckdb_jdbc (fetched from Maven Central with dependency:get; benchmark only), read_ndjson with an
#           explicit column list, the same windows (benchmarks/duckdb/DuckDbWindows.java), 2 threads.
# Checks that both outputs agree (benchmarks/duckdb/compare_windows.py), prints best-of-N wall and peak RSS, and
# with LLMMON_BENCH_WRITE_DOCS=1 replaces the table between the markers in docs/benchmarks.md.
# Environment: LLMMON_MVN_ARGS (e.g. "-Dmaven.repo.local=..."), LLMMON_BENCH_SKETCH=1 (sketch mode),
# LLMMON_BENCH_INSTALL=1 (install monitor-core, report and the plugin first), MAVEN_OPTS (e.g. -Xmx128m).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${1:-"1m 5m"}
DATA=${LLMMON_BENCH_DATA:-/tmp/llmmon-bench-data}
RUNS=${LLMMON_BENCH_RUNS:-3}
DUCKDB_VERSION=${LLMMON_DUCKDB_VERSION:-1.5.2.0}
MVN_ARGS=${LLMMON_MVN_ARGS:-}
SKETCH=${LLMMON_BENCH_SKETCH:-0}
mkdir -p "$DATA"

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
if [ "${LLMMON_BENCH_INSTALL:-0}" = 1 ]; then
  ./mvnw -B -q -o $MVN_ARGS -pl monitor-core,report,maven-plugin -am install -DskipTests
fi
./mvnw -B -q -o $MVN_ARGS -pl monitor-core,demo/generator test-compile
./mvnw -B -q -o $MVN_ARGS -pl monitor-core dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" >/dev/null
GEN_CP="monitor-core/target/classes:demo/generator/target/classes:$(cat "$DATA/cp.txt")"
BENCH_CP="monitor-core/target/classes:monitor-core/target/test-classes:$(cat "$DATA/cp.txt")"

# DuckDB: the JDBC driver from Maven Central, through Maven's own resolver, then found in the local repository
./mvnw -B -q $MVN_ARGS dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" >/dev/null
REPO=$(printf '%s\n' $MVN_ARGS | sed -n 's/^-Dmaven.repo.local=//p' | head -1)
DUCK_JAR=""
for r in $REPO "$HOME/.m2/repository"; do
  f="$r/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar"
  if [ -f "$f" ]; then DUCK_JAR=$f; break; fi
done
[ -n "$DUCK_JAR" ] || { echo "duckdb_jdbc $DUCKDB_VERSION not found in the local repository" >&2; exit 1; }
mkdir -p "$DATA/duckdb-classes"
javac -d "$DATA/duckdb-classes" benchmarks/duckdb/DuckDbWindows.java

count() { case $1 in *k) echo $(( ${1%k} * 1000 ));; *m) echo $(( ${1%m} * 1000000 ));; *) echo "$1";; esac; }

# wall seconds and peak RSS (MB) of one command: "WALL RSS"
measure() {
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$DATA/time.txt" "$@" > "$DATA/cmd.log" 2>&1 || { cat "$DATA/cmd.log" >&2; return 1; }
  t1=$(date +%s.%N)
  rss=$(tail -1 "$DATA/time.txt")
  echo "$(echo "$t1 - $t0" | bc -l) $((rss / 1024))"
}

MODE=exact
SKETCH_ARG=""
if [ "$SKETCH" = 1 ]; then MODE=sketch; SKETCH_ARG="-Dllmmon.sketch=true"; fi
ROWS=()
for size in $SIZES; do
  file="$DATA/native-$size.jsonl"
  if [ ! -f "$file" ]; then
    java -cp "$GEN_CP" dev.llmmon.demo.LargeExportWriter "$file.tmp" "$(count "$size")" --format native >&2
    mv "$file.tmp" "$file"
  fi
  cat "$file" > /dev/null # page cache: neither side reads from disk
  bytes=$(stat -c %s "$file")
  best_l=999999; best_d=999999; best_j=999999; best_r=999999; rss_l=0; rss_d=0
  for run in $(seq "$RUNS"); do
    out="$DATA/llmmon-$size"
    rm -rf "$out"
    # from an empty folder: the goal runs without a project, as a user runs it by coordinates
    mkdir -p "$DATA/empty"
    read -r wl rl < <(cd "$DATA/empty" && measure "$ROOT/mvnw" -B -o $MVN_ARGS \
      "dev.llmmon:llmmon-maven-plugin:$VERSION:monitor" -Dllmmon.logs="$file" -Dllmmon.detect=false \
      -Dllmmon.reportFormats=json -Dllmmon.outputDirectory="$out" -Dllmmon.failOnEmptyInput=false $SKETCH_ARG)
    read -r wd rd < <(measure java -cp "$DUCK_JAR:$DATA/duckdb-classes" DuckDbWindows "$file" "$DATA/duckdb-$size.csv" 2)
    # the same Monitor.run without Maven: a plain JVM (dev.llmmon.bench.MonitorBenchmark), and Monitor.run alone
    read -r wj rj < <(measure java ${MAVEN_OPTS:-} -cp "$BENCH_CP" dev.llmmon.bench.MonitorBenchmark --mode "$MODE" "$file")
    wr=$(sed -n 's/.* wall_s=\([0-9.]*\) .*/\1/p' "$DATA/cmd.log")
    echo "run $run $size: llmmon ${wl}s ${rl}MB, duckdb ${wd}s ${rd}MB, java -cp ${wj}s (Monitor.run ${wr}s), load $(cut -d' ' -f1 /proc/loadavg)" >&2
    best_j=$(echo "if ($wj < $best_j) $wj else $best_j" | bc -l)
    best_r=$(echo "if ($wr < $best_r) $wr else $best_r" | bc -l)
    best_l=$(echo "if ($wl < $best_l) $wl else $best_l" | bc -l)
    best_d=$(echo "if ($wd < $best_d) $wd else $best_d" | bc -l)
    rss_l=$(( rl > rss_l ? rl : rss_l )); rss_d=$(( rd > rss_d ? rd : rss_d ))
  done
  if [ "$SKETCH" = 1 ]; then
    agree="(sketch: percentiles approximate, not compared)"
  else
    agree=$(python3 benchmarks/duckdb/compare_windows.py "$DATA/llmmon-$size/report.json" "$DATA/duckdb-$size.csv") \
      || { echo "$agree" >&2; exit 1; }
  fi
  row=$(python3 - "$size" "$bytes" "$best_l" "$best_d" "$rss_l" "$rss_d" "$MODE" "$agree" "$best_j" "$best_r" <<'PY'
import sys
size, b, l, d, rl, rd, mode, agree, j, r = sys.argv[1:]
b, l, d, j, r = int(b), float(l), float(d), float(j), float(r)
print(f"| {size} | {mode} | {b/1e6:,.0f} MB | {l:.2f} s ({b/1e6/l:,.0f} MB/s) | {d:.2f} s ({b/1e6/d:,.0f} MB/s) "
      f"| **{d/l:.2f}** | {j:.2f} s / {r:.2f} s | {d/j:.2f} | {rl} MB | {rd} MB | {agree} |")
PY
)
  echo "$row"
  ROWS+=("$row")
done

TABLE="| records | llmmon mode | file | llmmon wall (mvn by coordinates) | DuckDB wall | DuckDB / llmmon | llmmon \`java -cp\` wall / Monitor.run | DuckDB / \`java -cp\` | llmmon peak RSS | DuckDB peak RSS | outputs |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
$(printf '%s\n' "${ROWS[@]}")

Measured $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD), $(nproc) cores, best of $RUNS alternated runs, load average at the end $(cut -d' ' -f1-3 /proc/loadavg), MAVEN_OPTS='${MAVEN_OPTS:-}'."
echo "$TABLE"
if [ "${LLMMON_BENCH_WRITE_DOCS:-0}" = 1 ]; then
  python3 - docs/benchmarks.md "$TABLE" <<'PY'
import re, sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
begin, end = "<!-- duckdb-compare:begin -->", "<!-- duckdb-compare:end -->"
text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: begin + "\n" + table + "\n" + end, text, flags=re.S)
open(path, "w").write(text)
PY
fi
