#!/usr/bin/env bash
# The demo: starts the service on its embedded default (a fresh embedded PostgreSQL under target/demo, simulated
# carrier, no login), creates a predictive campaign from src/scripts/demo/contacts.csv (600 contacts in four time
# zones), adds simulated agents and prints live statistics until the campaign completes; then stops the service.
#   src/scripts/demo.sh [agents] [timeScale]
set -euo pipefail
cd "$(dirname "$0")/../.."
agents="${1:-12}"
scale="${2:-120}"
work=target/demo
rm -rf "$work" && mkdir -p "$work"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
port="${DEMO_PORT:-8080}"
java -Ddialer.embedded-db.dir="$work/pg" -Ddialer.embedded-db.port=55443 -Dquarkus.http.port="$port" \
     -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
java src/scripts/demo/Demo.java "http://localhost:$port" src/scripts/demo/contacts.csv "$agents" "$scale"
echo "service log: $work/service.log"
