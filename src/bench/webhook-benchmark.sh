#!/usr/bin/env bash
# Webhook delivery benchmark: starts the packaged service on a fresh embedded PostgreSQL and a local receiver that
# verifies every signature, registers an endpoint, then (a) records a burst of N events (default 20,000) and measures
# deliveries/s until all are delivered, (b) records 100 events/s for 30 s and measures the delay from each event's
# creation to the receiver's 2xx (p50/p99). Prints a table.
#   src/bench/webhook-benchmark.sh [burst-events] [events-per-second] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
burst="${1:-20000}"
rate="${2:-100}"
seconds="${3:-30}"
work=target/webhook-bench
source src/bench/lib.sh
bench_prepare "$work" src/bench/java/io/dialer/bench/webhooks
port=55443
bench_start_service "$work" $port 8093
java -cp "$work/classes:$BENCH_CP" io.dialer.bench.webhooks.WebhookBenchmark \
     http://localhost:8093 "jdbc:postgresql://localhost:$port/postgres" "$burst" "$rate" "$seconds"
