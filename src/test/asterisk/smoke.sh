#!/usr/bin/env bash
# Smoke check of the running test Asterisk + SIPp far ends over raw AMI (bash /dev/tcp, no client
# library): originates one call per test number through dialer-trunk-<trunk> and prints, per call,
# the OriginateResponse Reason, DialEnd DialStatus, the Hangup Cause of the trunk leg (;2), the AMD
# verdict and DTMF of answered calls, and whether that matches what the far end is meant to do.
#
#   smoke.sh [trunk]      trunk: default (default) or test2
#
# Exit 0 when every call matched. Needs asterisk.sh start and sipp.sh start.
set -uo pipefail

TRUNK="${1:-default}"
ENV_FILE="${DIALER_CACHE:-$HOME/.cache/dialer}/asterisk/env.properties"
prop() { sed -n "s/^$1=//p" "$ENV_FILE"; }
[[ -f $ENV_FILE ]] || { echo "smoke.sh: no $ENV_FILE; run asterisk.sh start" >&2; exit 1; }
HOST=$(prop asterisk.ami.host) PORT=$(prop asterisk.ami.port)
USER_=$(prop asterisk.ami.username) SECRET=$(prop asterisk.ami.secret)
RING_TIMEOUT=5

# number suffix | DialStatus | Hangup Cause of ;2 | of the PJSIP leg | AMD | DTMF  (all measured)
CASES="
0001 ANSWER     16 16 HUMAN   -
0002 BUSY       17 17 -       -
0003 NOANSWER   0  0  -       -
0004 ANSWER     16 16 MACHINE -
0005 ANSWER     16 16 NOTSURE -
0006 NOANSWER   1  1  -       -
0007 NOANSWER   21 21 -       -
0008 CONGESTION 34 34 -       -
0009 NOANSWER   19 19 -       -
0010 ANSWER     16 16 HUMAN   7
"

exec 3<>"/dev/tcp/$HOST/$PORT" || { echo "smoke.sh: cannot connect to AMI $HOST:$PORT" >&2; exit 1; }
send() { printf '%s\r\n' "$@" "" >&3; }
IFS= read -r -t 5 banner <&3 || true
send "Action: Login" "Username: $USER_" "Secret: $SECRET" "Events: call,user"

declare -A reason dialstatus cause amd dtmf ended leg legof legcause
run=$(date +%s)
while read -r suffix _; do
  [[ -n $suffix ]] || continue
  id="smoke-$run-$suffix"
  send "Action: Originate" "ActionID: $id" "ChannelId: $id" "OtherChannelId: $id-2" \
    "Channel: Local/1202555$suffix@dialer-trunk-$TRUNK" "Context: dialer-smoke-answered" "Exten: s" \
    "Priority: 1" "Timeout: 30000" "Async: true" "CallerID: \"Dialer smoke\" <15550100000>" \
    "Variable: DIALER_RING_TIMEOUT=$RING_TIMEOUT"
done <<<"$CASES"
total=$(grep -c . <<<"$CASES")

# read events until every call has hung up on both legs (or 60 s)
declare -A ev
deadline=$((SECONDS + 60))
done_count() { # both Local legs and the SIP leg (if any) hung up
  local n=0 k
  for k in "${!ended[@]}"; do
    [[ ${ended[$k]} == 2 && ( -z ${legof[$k]:-} || -n ${legcause[$k]:-} ) ]] && n=$((n + 1))
  done
  echo $n
}
while ((SECONDS < deadline)) && (($(done_count) < total)); do
  ev=()
  while IFS= read -r -t 5 line <&3; do
    line=${line%$'\r'}
    [[ -z $line ]] && break
    ev[${line%%: *}]=${line#*: }
  done
  e=${ev[Event]:-}
  uid=${ev[Uniqueid]:-}
  key=${uid%-2}; key=${key#smoke-$run-}
  case "$e" in
    OriginateResponse) key=${ev[ActionID]#smoke-$run-}; reason[$key]=${ev[Reason]} ;;
    DialEnd) [[ $uid == *-2 ]] && { dialstatus[$key]=${ev[DialStatus]}; leg[${ev[DestUniqueid]}]=$key; legof[$key]=${ev[DestUniqueid]}; } ;;
    Hangup)
      if [[ -n ${leg[$uid]:-} ]]; then legcause[${leg[$uid]}]="${ev[Cause]} ${ev[TechCause]:-}"; continue; fi
      [[ $uid == smoke-$run-* ]] || continue
      [[ $uid == *-2 ]] && cause[$key]=${ev[Cause]}
      ended[$key]=$((${ended[$key]:-0} + 1)) ;;
    UserEvent)
      case "${ev[UserEvent]:-}" in
        DialerSmokeAmd) amd[$key]="${ev[Status]}/${ev[Cause]}" ;;
        DialerSmokeDtmf) dtmf[$key]=${ev[Digits]:-} ;;
      esac ;;
  esac
done
send "Action: Logoff"
exec 3>&-

failed=0
printf '%-12s %-6s %-11s %-4s %-11s %-31s %-4s %s\n' number reason dialstatus ";2" "SIP leg" amd dtmf result
while read -r suffix want_status want_cause want_leg want_amd want_dtmf; do
  [[ -n $suffix ]] || continue
  got_amd=${amd[$suffix]:--}
  ok=OK
  [[ ${dialstatus[$suffix]:-} == "$want_status" ]] || ok=MISMATCH
  [[ ${cause[$suffix]:-} == "$want_cause" ]] || ok=MISMATCH
  [[ ${legcause[$suffix]:-} == "$want_leg "* ]] || ok=MISMATCH
  [[ $want_amd == - || ${got_amd%%/*} == "$want_amd" ]] || ok=MISMATCH
  [[ $want_dtmf == - || ${dtmf[$suffix]:-} == "$want_dtmf" ]] || ok=MISMATCH
  [[ $ok == OK ]] || failed=1
  printf '%-12s %-6s %-11s %-4s %-11s %-31s %-4s %s\n' "1202555$suffix" "${reason[$suffix]:-?}" \
    "${dialstatus[$suffix]:-?}" "${cause[$suffix]:-?}" "${legcause[$suffix]:-?}" "$got_amd" "${dtmf[$suffix]:--}" "$ok"
done <<<"$CASES"
exit $failed
