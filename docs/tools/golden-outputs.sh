#!/usr/bin/env bash
# Saves the outputs a refactor must not change: report.json, alerts.json, report.md and metrics.prom of the
# demo command (seed 42) and of the eight other demo seeds (DemoSeedsTest's weeks, run through llmmon:monitor
# with the demo's configuration), plus the probe goal's results on the bundled catalog and demo cassette.
#
#   docs/tools/golden-outputs.sh OUT_DIR [extra mvn args, e.g. -Dmaven.repo.local=...]
#
# Run it after `./mvnw -B -q install -DskipTests` of the tree to test; compare two runs with
# docs/tools/golden-compare.sh BEFORE AFTER.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd); shift
mvn=("$root/mvnw" -B -q "$@")
work=${GOLDEN_WORK:-$(mktemp -d)}; rm -rf "$work"; mkdir -p "$work"
echo "$work" > "$out/work-dir.txt"
trap 'rm -rf "$work"' EXIT

for seed in 42 1 2 3 4 5 6 7 8; do
  dir="$work/demo-$seed"
  mkdir -p "$dir"
  # the demo's own POM, with the generator's seed added
  sed "s|<argument>--otlp</argument>|<argument>--otlp</argument><argument>--seed</argument><argument>$seed</argument>|" \
      "$root/demo/pom.xml" > "$dir/pom.xml"
  "${mvn[@]}" -f "$dir/pom.xml" verify > "$dir/build.log" 2>&1 || { cat "$dir/build.log"; exit 1; }
  mkdir -p "$out/demo-$seed"
  for f in report.json alerts.json report.md metrics.prom; do
    cp "$dir/target/llmmon/$f" "$out/demo-$seed/$f"
  done
  echo "seed $seed: $(grep -c '"id"' "$out/demo-$seed/alerts.json" || true) alert ids"
done

# probes: the built-in catalog replayed from the bundled demo cassette
pdir="$work/probe"
mkdir -p "$pdir"
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -1)
sed -e "s|@project.groupId@|dev.llmmon|; s|@project.artifactId@|llmmon-maven-plugin|; s|@project.version@|$version|" \
    "$root/maven-plugin/src/it/probe-replay/pom.xml" > "$pdir/pom.xml"
(cd "$pdir" && "${mvn[@]}" "dev.llmmon:llmmon-maven-plugin:$version:probe" > build.log 2>&1) || { cat "$pdir/build.log"; exit 1; }
mkdir -p "$out/probe"
cp -r "$pdir/target/llmmon/." "$out/probe/"
cp "$pdir/.llmmon/probe-history.jsonl" "$out/probe/probe-history.jsonl"
grep -E 'probe\(s\)|PASS|FAIL' "$pdir/build.log" | sed 's/[0-9.]* s\b/<t> s/g' > "$out/probe/summary.txt" || true
echo "saved in $out"
