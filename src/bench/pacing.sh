#!/usr/bin/env bash
# Compiles the pure pacing engine and the benchmark sources with plain javac (src/bench is not a Maven source root)
# and runs one of them.
#   src/bench/pacing.sh simulate src/bench/resources/pacing/scenario-50.json   # result JSON on stdout
#   src/bench/pacing.sh benchmark [--seeds 30] [--shift 28800] [--agents 5,50,300] [--sections base,grid,amd,step]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/bench-classes
rm -rf "$out" && mkdir -p "$out"
javac -nowarn --release 17 -d "$out" $(find src/main/java/io/dialer/engine src/bench/java/io/dialer/bench/pacing -name '*.java')
command="${1:-benchmark}"
shift || true
case "$command" in
  simulate)  exec java -XX:+UseParallelGC -cp "$out" io.dialer.bench.pacing.SimulateCommand "$@" ;;
  benchmark) exec java -XX:+UseParallelGC -cp "$out" io.dialer.bench.pacing.PacingBenchmark "$@" ;;
  *) echo "usage: src/bench/pacing.sh simulate <scenario.json> | benchmark [options]" >&2; exit 2 ;;
esac
