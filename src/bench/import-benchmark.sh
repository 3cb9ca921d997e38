#!/usr/bin/env bash
# Import benchmark: generates a 1,000,000-row contact CSV, starts the packaged service on a fresh embedded
# PostgreSQL, imports the file through the API and COPYs it raw into an unindexed table of the same database.
#   src/bench/import-benchmark.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
work=target/import-bench
source src/bench/lib.sh
bench_prepare "$work" src/bench/java/io/dialer/bench/imports
java -cp "$work/classes" io.dialer.bench.imports.ContactCsvGenerator "$work/contacts.csv" "$rows" 42
java -cp "$work/classes" io.dialer.bench.imports.ContactCsvGenerator "$work/warmup.csv" 200000 7
port=55439
bench_start_service "$work" $port 8089
java -cp "$work/classes:$BENCH_CP" io.dialer.bench.imports.ImportBenchmark \
     http://localhost:8089 "jdbc:postgresql://localhost:$port/postgres" "$work/contacts.csv" "$work/warmup.csv"
