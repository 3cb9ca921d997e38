# Shared steps of the service benchmarks (sourced, not run). Each benchmark gets its own work directory, a fresh
# embedded PostgreSQL and its own ports, so two benchmarks can run side by side.

# bench_prepare <work-dir> <bench-package-dir>: packages the service if needed, resolves the runtime classpath into
# $BENCH_CP and compiles the benchmark's sources (against the service classes) into <work-dir>/classes.
bench_prepare() {
  local work="$1" sources="$2"
  rm -rf "$work" && mkdir -p "$work"
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
  BENCH_CP="$(cat "$work/cp.txt")"
  javac -nowarn -d "$work/classes" -cp "target/classes:$BENCH_CP" "$sources"/*.java
}

# bench_start_service <work-dir> <db-port> <http-port> [extra JVM options...]: starts the packaged service on a fresh
# embedded PostgreSQL in <work-dir>/pg, stops it when the script exits, and waits until it is ready.
bench_start_service() {
  local work="$1" db_port="$2" http_port="$3"
  shift 3
  # shellcheck disable=SC2086
  java ${SERVICE_JAVA_OPTS:-} "$@" -Ddialer.embedded-db.dir="$work/pg" -Ddialer.embedded-db.port="$db_port" \
       -Dquarkus.http.port="$http_port" -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
  BENCH_SERVICE_PID=$!
  trap 'kill $BENCH_SERVICE_PID 2>/dev/null; wait $BENCH_SERVICE_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "localhost:$http_port/q/health/ready" >/dev/null && return 0
    kill -0 "$BENCH_SERVICE_PID" 2>/dev/null || { echo "service did not start; see $work/service.log" >&2; return 1; }
    sleep 0.5
  done
  echo "service not ready after 60 s; see $work/service.log" >&2
  return 1
}
