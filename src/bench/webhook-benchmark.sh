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
rm -rf "$work" && mkdir -p "$work"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
javac -nowarn -d "$work/classes" src/bench/java/io/dialer/bench/webhooks/*.java
port=55443
java ${SERVICE_JAVA_OPTS:-} -Ddialer.embedded-db.dir="$work/pg" -Ddialer.embedded-db.port=$port -Dquarkus.http.port=8093 \
     -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:8093/q/health/ready >/dev/null && break; sleep 0.5; done
java -cp "$work/classes:$(cat "$work/cp.txt")" io.dialer.bench.webhooks.WebhookBenchmark \
     http://localhost:8093 "jdbc:postgresql://localhost:$port/postgres" "$burst" "$rate" "$seconds"
