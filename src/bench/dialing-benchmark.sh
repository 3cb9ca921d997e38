#!/usr/bin/env bash
# Dialing-loop benchmark: starts the packaged service on a fresh embedded PostgreSQL and runs an AGENTLESS campaign
# of N contacts (default 100,000) on the simulated carrier to completion, after a 20,000-contact warm-up.
# Prints attempts per second and the loop's database time per attempt.
#   src/bench/dialing-benchmark.sh [contacts]
set -euo pipefail
cd "$(dirname "$0")/../.."
contacts="${1:-100000}"
work=target/dialing-bench
rm -rf "$work" && mkdir -p "$work"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
javac -nowarn -d "$work/classes" src/bench/java/io/dialer/bench/dialing/*.java
port=55441
java ${SERVICE_JAVA_OPTS:-} -Ddialer.embedded-db.dir="$work/pg" -Ddialer.embedded-db.port=$port -Dquarkus.http.port=8091 \
     -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:8091/q/health/ready >/dev/null && break; sleep 0.5; done
java -Dbench.service.log="$work/service.log" -cp "$work/classes:$(cat "$work/cp.txt")" io.dialer.bench.dialing.DialingBenchmark \
     http://localhost:8091 "jdbc:postgresql://localhost:$port/postgres" "$contacts"
