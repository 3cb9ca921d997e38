#!/usr/bin/env bash
# Import benchmark: generates a 1,000,000-row contact CSV, starts the packaged service on a fresh embedded
# PostgreSQL, imports the file through the API and COPYs it raw into an unindexed table of the same database.
#   src/bench/import-benchmark.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work=target/import-bench
rm -rf "$work" && mkdir -p "$work"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
javac -nowarn -d "$work/classes" -cp "target/classes:$(cat "$work/cp.txt")" src/bench/java/io/dialer/bench/imports/*.java
java -cp "$work/classes" io.dialer.bench.imports.ContactCsvGenerator "$work/contacts.csv" "$rows" 42
java -cp "$work/classes" io.dialer.bench.imports.ContactCsvGenerator "$work/warmup.csv" 200000 7
port=55439
java ${SERVICE_JAVA_OPTS:-} -Ddialer.embedded-db.dir="$work/pg" -Ddialer.embedded-db.port=$port -Dquarkus.http.port=8089 \
     -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:8089/q/health/ready >/dev/null && break; sleep 0.5; done
java -cp "$work/classes:$(cat "$work/cp.txt")" io.dialer.bench.imports.ImportBenchmark \
     http://localhost:8089 "jdbc:postgresql://localhost:$port/postgres" "$work/contacts.csv" "$work/warmup.csv"
