#!/usr/bin/env bash
# SIPp far ends for the dialer's Asterisk tests: customer phones and agent phones on 127.0.0.1.
# See src/test/asterisk/README.md.
#
#   sipp.sh [start]   start every far end that is not running (idempotent), check they are loopback-only
#   sipp.sh stop      stop them
#   sipp.sh status    which far end runs where
#
# Environment: DIALER_CACHE (default ~/.cache/dialer). Pid files, logs and the generated pcaps live in
# ${DIALER_CACHE}/sipp.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCENARIOS="$HERE/sipp"
CACHE="${DIALER_CACHE:-$HOME/.cache/dialer}/sipp"
PCAPS="$CACHE/pcap"
LOGS="$CACHE/log"
PIDS="$CACHE/pid"
MAX_CALLS="${DIALER_SIPP_MAX_CALLS:-400}"   # concurrent calls per far end

# port  scenario             what the far end does
FAR_ENDS="
5070 human               answers, short hello then silence (AMD HUMAN); BYE after 12 s
5071 busy                rings 300 ms, 486 Busy Here
5072 no-answer           rings until CANCEL, 487
5073 not-found           404 Not Found
5074 unavailable         480 Temporarily Unavailable
5075 service-unavailable 503 Service Unavailable
5076 decline             rings 300 ms, 603 Decline
5077 machine             answers, 4.7 s greeting (AMD MACHINE); BYE after 30 s
5078 silent              answers, no audio (AMD NOTSURE); BYE after 30 s
5079 dtmf7               answers, short hello, DTMF 7 at ~3 s; BYE after 60 s
5080 agent               agent phone: answers, stays up until BYE
5081 agent               agent phone: answers, stays up until BYE
5082 agent               agent phone: answers, stays up until BYE
5083 agent               agent phone: answers, stays up until BYE
"

log() { echo "sipp.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

far_ends() { echo "$FAR_ENDS" | awk 'NF { print $1, $2 }'; }

ensure_sipp() {
  if ! command -v sipp >/dev/null 2>&1; then
    log "installing sip-tester"
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sip-tester >/dev/null
  fi
  command -v ss >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null
}

# The synthetic greetings are generated (GreetingPcap.java, JDK source launcher), not committed.
ensure_pcaps() {
  mkdir -p "$PCAPS"
  if [[ ! -s "$PCAPS/hello.pcap" || ! -s "$PCAPS/hello-dtmf7.pcap" || "$SCENARIOS/GreetingPcap.java" -nt "$PCAPS/hello.pcap" ]]; then
    command -v java >/dev/null 2>&1 || die "java is needed to generate the greeting pcaps"
    java "$SCENARIOS/GreetingPcap.java" "$PCAPS" || die "could not generate the pcaps"
  fi
  local machine=/usr/share/sip-tester/g711a.pcap
  [[ -f $machine ]] || die "$machine is missing (package sip-tester)"
  ln -sfn "$machine" "$PCAPS/g711a.pcap"
}

pid_of() { # port
  local pid
  pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" =~ ^[RSD]$ ]] || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *" -p $1 "* ]] || return 1
  echo "$pid"
}

# all sockets of the process on 127.0.0.1 (SIP, media, control, pcap playback)
loopback_only() { # pid
  local bad
  bad=$(ss -H -tuwanp 2>/dev/null | grep -F "pid=$1," | awk '$5 !~ /^127\.0\.0\.1:/ { print "  " $1, $2, $5 }') || true
  if [[ -n $bad ]]; then
    log "SIPp pid $1 has sockets outside loopback:"; echo "$bad" >&2
    return 1
  fi
}

start_one() { # port scenario
  local port="$1" scenario="$2" i=$(( $1 - 5070 )) out pid
  if pid=$(pid_of "$port"); then return 0; fi
  if [[ -n $(ss -H -uanp "sport = :$port" 2>/dev/null) ]]; then
    die "udp port $port is taken by another process: $(ss -H -uanp "sport = :$port")"
  fi
  # media ports 16000+10i (SIPp also takes +2 for video), control ports 18870+i
  out=$(cd "$PCAPS" && sipp -sf "$SCENARIOS/$scenario.xml" \
      -i 127.0.0.1 -mi 127.0.0.1 -ci 127.0.0.1 \
      -p "$port" -mp $((16000 + 10 * i)) -cp $((18870 + i)) \
      -nostdin -bg -aa -l "$MAX_CALLS" \
      -trace_err -error_file "$LOGS/$port-errors.log" -max_log_size 1048576 2>&1) || true  # -bg: exit code 99
  pid=$(sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p' <<<"$out" | head -n 1)
  [[ -n $pid ]] || die "SIPp on $port: no pid in its output: $out"
  echo "$pid" >"$PIDS/$port.pid"
}

cmd_start() {
  ensure_sipp
  ensure_pcaps
  mkdir -p "$LOGS" "$PIDS"
  local port scenario pid i failed=0
  while read -r port scenario; do start_one "$port" "$scenario"; done < <(far_ends)
  # every far end up, bound, and loopback-only
  while read -r port scenario; do
    for i in $(seq 1 30); do
      pid=$(pid_of "$port") && [[ $(ss -H -uanp "sport = :$port") == *"127.0.0.1:$port "*"pid=$pid,"* ]] && break
      pid=""; sleep 0.1
    done
    if [[ -z $pid ]]; then log "SIPp on $port ($scenario) is not running; see $LOGS/$port-errors.log"; failed=1; continue; fi
    loopback_only "$pid" || failed=1
  done < <(far_ends)
  if ((failed)); then cmd_stop; die "SIPp far ends failed the checks (stopped them all)"; fi
  log "OK: $(far_ends | wc -l) SIPp far ends on 127.0.0.1:5070-5083, loopback only"
}

cmd_stop() {
  local port scenario pid i
  while read -r port scenario; do
    if pid=$(pid_of "$port"); then
      kill "$pid" 2>/dev/null || true
      for i in $(seq 1 20); do pid_of "$port" >/dev/null || break; sleep 0.1; done
      if pid=$(pid_of "$port"); then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$PIDS/$port.pid"
  done < <(far_ends)
  log "SIPp far ends stopped"
}

cmd_status() {
  local port scenario pid rc=0 desc
  while read -r port scenario; do
    desc=$(echo "$FAR_ENDS" | awk -v p="$port" '$1 == p { $1 = ""; $2 = ""; sub(/^ +/, ""); print }')
    if pid=$(pid_of "$port"); then
      printf '  127.0.0.1:%s  running (pid %s)  %-20s %s\n' "$port" "$pid" "$scenario" "$desc"
    else
      printf '  127.0.0.1:%s  STOPPED            %-20s %s\n' "$port" "$scenario" "$desc"; rc=1
    fi
  done < <(far_ends)
  return $rc
}

case "${1:-start}" in
  start) cmd_start; cmd_status ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 1 ;;
esac
