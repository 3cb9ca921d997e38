#!/usr/bin/env bash
# Asterisk carrier benchmark: the AsteriskCarrier (built directly, no service, no database) originates calls through the
# real loopback Asterisk 22 to the SIPp far ends of src/test/asterisk, open loop, at increasing rates, with a mix of
# answered (hung up by the bench at once or after a short hold), busy, 404, 603, 503 and 480 numbers. Every call is
# checked (exactly one Ended, the right result); prints originates/s, answer latency, refused-call latency and the AMI
# round trip (Ping on a separate connection) per step, and whether 100 originates/s are sustained.
#   src/bench/asterisk-benchmark.sh [rates=25,50,100,150,200] [seconds-per-step=10] [amd-rate=50, 0 = no AMD step]
# Environment: HOLD_MS (hold of every other answered call before the bench hangs up, default 2000), DIALER_CACHE.
# Starts the Asterisk test environment only if it is not running (it is shared: never stopped here).
set -euo pipefail
cd "$(dirname "$0")/../.."
rates="${1:-25,50,100,150,200}"
seconds="${2:-10}"
amd_rate="${3:-50}"
work=target/asterisk-bench
env_file="${DIALER_CACHE:-$HOME/.cache/dialer}/asterisk/env.properties"

if ! src/test/asterisk/asterisk.sh status >/dev/null 2>&1 || [ ! -f "$env_file" ]; then
  src/test/asterisk/asterisk.sh start
fi
src/test/asterisk/sipp.sh start >/dev/null
chroot_dir="$(sed -n 's/^asterisk.chroot=//p' "$env_file")"
ast_cli() { chroot "$chroot_dir" asterisk -C /etc/asterisk-dialer/asterisk.conf -rx "$1"; }
# The Asterisk is shared: reconfigure it only when its CLI answers and really lacks the production dialplan (under
# load a CLI call can fail; that is no reason to reload everybody's dialplan).
dialplan=""
for _ in 1 2 3 4 5; do
  dialplan="$(ast_cli 'dialplan show dialer-answered' 2>&1 || true)"
  case "$dialplan" in
    *"Context 'dialer-answered'"*|*"There is no existence of 'dialer-answered'"*) break ;;
  esac
  sleep 1
done
case "$dialplan" in
  *"Context 'dialer-answered'"*) ;;
  *"There is no existence of 'dialer-answered'"*)
    echo "the running Asterisk has no production dialplan (dialer-answered); loading src/main/asterisk" >&2
    DIALER_DIALPLAN_DIR="$PWD/src/main/asterisk" src/test/asterisk/asterisk.sh configure ;;
  *) echo "cannot ask Asterisk for its dialplan (continuing): $dialplan" >&2 ;;
esac
asterisk_pid="$(src/test/asterisk/asterisk.sh status | sed -n 's/.*running, pid \([0-9]*\).*/\1/p')"
sipp_pids="$(cat "${DIALER_CACHE:-$HOME/.cache/dialer}"/sipp/pid/*.pid 2>/dev/null | tr '\n' ',' || true)"

source src/bench/lib.sh
bench_prepare "$work" src/bench/java/io/dialer/bench/asterisk
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx1g} -Xlog:gc,safepoint:file="$work/gc.log":uptime -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
     -Dbench.asterisk.pid="$asterisk_pid" -Dbench.sipp.pids="$sipp_pids" -Dbench.hold.ms="${HOLD_MS:-2000}" \
     -Dbench.log="$work/carrier.log" \
     -cp "$work/classes:target/classes:$BENCH_CP" io.dialer.bench.asterisk.AsteriskBenchmark \
     "$env_file" "$rates" "$seconds" "$amd_rate"
