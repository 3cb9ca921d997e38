#!/usr/bin/env bash
# Dialing-loop benchmark: starts the packaged service on a fresh embedded PostgreSQL and runs an AGENTLESS campaign
# of N contacts (default 100,000) on the simulated carrier to completion, after a 20,000-contact warm-up.
# Prints attempts per second and the loop's database time per attempt.
#   src/bench/dialing-benchmark.sh [contacts]
set -euo pipefail
cd "$(dirname "$0")/../.."
contacts="${1:-100000}"
work=target/dialing-bench
source src/bench/lib.sh
bench_prepare "$work" src/bench/java/io/dialer/bench/dialing
port=55441
bench_start_service "$work" $port 8091
java -Dbench.service.log="$work/service.log" -cp "$work/classes:$BENCH_CP" io.dialer.bench.dialing.DialingBenchmark \
     http://localhost:8091 "jdbc:postgresql://localhost:$port/postgres" "$contacts"
