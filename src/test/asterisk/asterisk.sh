#!/usr/bin/env bash
# Real Asterisk 22 for the dialer's integration tests: a Debian sid chroot (debootstrap, no Docker),
# loopback only. See src/test/asterisk/README.md.
#
#   asterisk.sh [start]   build or restore the chroot if needed, write the config, start Asterisk (or
#                         reconfigure the running one), check AMI and that every socket is on loopback
#   asterisk.sh stop      stop Asterisk, unmount <chroot>/proc
#   asterisk.sh status    running or not, ports, paths
#   asterisk.sh configure rewrite the config (dialplan included) and reload a running Asterisk
#   asterisk.sh prepare   only build or restore the chroot and write the config (no start)
#
# Exit codes: 0 ok; 1 our failure (config, AMI, sockets, usage); 3 Asterisk unavailable from Debian sid
# today (reason in ${DIALER_CACHE}/asterisk/UNAVAILABLE; tests skip with that reason).
#
# Environment: DIALER_CACHE (default ~/.cache/dialer), DIALER_DIALPLAN_DIR (production dialplan,
# default <repo>/src/main/asterisk), DIALER_DEBIAN_MIRROR (default: the host's Debian mirror).
set -euo pipefail

EXIT_OURS=1
EXIT_UNAVAILABLE=3

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
CACHE_ROOT="${DIALER_CACHE:-$HOME/.cache/dialer}"
CACHE="$CACHE_ROOT/asterisk"
CHROOT="$CACHE/chroot"
TARBALL="$CACHE/asterisk-chroot.tar.zst"
UNAVAILABLE_FILE="$CACHE/UNAVAILABLE"
ENV_FILE="$CACHE/env.properties"
LOCK_FILE="$CACHE/lock"
DIALPLAN_DIR="${DIALER_DIALPLAN_DIR:-$REPO/src/main/asterisk}"
TEST_DIALPLAN_DIR="$HERE/dialplan"

ETC=/etc/asterisk-dialer             # config directory, as Asterisk sees it (inside the chroot)
RUN=/run/asterisk                    # not /var/run: that is an absolute symlink to the host's /run
SOUNDS=/var/lib/dialer/sounds        # TTS files the service writes, Asterisk plays
RECORDINGS=/var/spool/dialer/recordings  # MixMonitor output the service reads
LOG=/var/log/asterisk/messages

AMI_HOST=127.0.0.1
AMI_PORT=5038
AMI_USER=dialer
AMI_SECRET=dialer-secret
SIP_PORT=15060
RTP_START=20000
RTP_END=20999
MARKER=/.dialer-asterisk-ok          # written last when the chroot is complete

log() { echo "asterisk.sh: $*" >&2; }
die() { log "ERROR: $*"; exit "$EXIT_OURS"; }

unavailable() {
  local reason="$1"
  mkdir -p "$CACHE"
  printf '%s\n' "$reason" >"$UNAVAILABLE_FILE"
  {
    echo
    echo "#####################################################################################"
    echo "#  ASTERISK UNAVAILABLE: Debian sid cannot deliver a working Asterisk right now."
    echo "#  $reason"
    echo "#  Written to $UNAVAILABLE_FILE; the Asterisk tests will report themselves SKIPPED."
    echo "#####################################################################################"
    echo
  } >&2
  exit "$EXIT_UNAVAILABLE"
}

in_chroot() { chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# ---------------------------------------------------------------------------------------------------
# host packages

ensure_host_packages() {
  local missing=()
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v zstd >/dev/null 2>&1 || missing+=(zstd)
  command -v ss >/dev/null 2>&1 || missing+=(iproute2)
  command -v flock >/dev/null 2>&1 || missing+=(util-linux)
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)   # for sipp.sh; one apt run on a fresh machine
  if ((${#missing[@]})); then
    log "installing host packages: ${missing[*]}"
    apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The Debian mirror the host already uses (deb822 .sources or one-line sources.list).
debian_mirror() {
  if [[ -n "${DIALER_DEBIAN_MIRROR:-}" ]]; then echo "$DIALER_DEBIAN_MIRROR"; return; fi
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/ && $i ~ /debian\/?$/) { print $i; exit } }' "$f")
    [[ -n $uri ]] && { echo "${uri%/}"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/ && $i !~ /security/ && $i ~ /debian\/?$/) { print $i; exit } }' "$f")
    [[ -n $uri ]] && { echo "${uri%/}"; return; }
  done
  echo "http://deb.debian.org/debian"
}

# ---------------------------------------------------------------------------------------------------
# the chroot: build once, keep a tarball, restore from it

chroot_ok() {
  [[ -f "$CHROOT$MARKER" ]] && in_chroot /usr/sbin/asterisk -V >/dev/null 2>&1
}

umount_proc_of() {
  local root="$1"
  if mountpoint -q "$root/proc" 2>/dev/null; then umount "$root/proc" 2>/dev/null || umount -l "$root/proc"; fi
}

# Remove a chroot directory, never following a still-mounted /proc.
remove_tree() {
  local root="$1"
  [[ -e $root ]] || return 0
  umount_proc_of "$root"
  mountpoint -q "$root/dev/pts" 2>/dev/null && umount -l "$root/dev/pts"
  mountpoint -q "$root/sys" 2>/dev/null && umount -l "$root/sys"
  rm -rf --one-file-system "$root"
}

build_chroot() {
  local new="$CACHE/chroot.new" mirror out
  mirror=$(debian_mirror)
  remove_tree "$new"
  log "building the Debian sid chroot from $mirror (about a minute)"
  SECONDS=0
  if ! out=$(debootstrap --variant=minbase sid "$new" "$mirror" 2>&1); then
    echo "$out" | tail -n 20 >&2
    remove_tree "$new"
    unavailable "debootstrap of Debian sid from $mirror failed: $(echo "$out" | grep -E '^E:|W:' | tail -n 1)"
  fi
  # no service starts from maintainer scripts; no expired-Release failures (the host clock runs ahead)
  printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d"
  chmod 755 "$new/usr/sbin/policy-rc.d"
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' >"$new/etc/apt/apt.conf.d/90dialer"
  echo "127.0.0.1 localhost $(cat /proc/sys/kernel/hostname)" >"$new/etc/hosts"
  cp -L /etc/resolv.conf "$new/etc/resolv.conf" 2>/dev/null || true   # for apt only; emptied below
  log "debootstrap took ${SECONDS} s; installing asterisk"
  SECONDS=0
  mount -t proc proc "$new/proc"
  if ! out=$(chroot "$new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
      sh -c 'apt-get -qq -o Acquire::Check-Valid-Until=false update &&
             apt-get install -y -qq --no-install-recommends asterisk &&
             apt-get clean && rm -rf /var/lib/apt/lists/*' 2>&1); then
    echo "$out" | tail -n 20 >&2
    remove_tree "$new"
    unavailable "apt-get install asterisk in Debian sid failed: $(echo "$out" | grep -E '^E:' | tail -n 1)"
  fi
  umount_proc_of "$new"
  rm -f "$new/etc/resolv.conf"; : >"$new/etc/resolv.conf"   # no nameserver at run time (SIP URIs use IPs)
  local version
  if ! version=$(chroot "$new" /usr/sbin/asterisk -V 2>&1); then
    remove_tree "$new"
    unavailable "the Debian sid asterisk binary does not run: $version"
  fi
  log "installed $version in ${SECONDS} s"
  date -u +%FT%TZ >"$new$MARKER"
  remove_tree "$CHROOT"
  mv "$new" "$CHROOT"
  log "writing the chroot tarball $TARBALL"
  SECONDS=0
  tar -C "$CHROOT" --one-file-system -cf - . | zstd -q -T0 -3 -o "$TARBALL.tmp" -f && mv -f "$TARBALL.tmp" "$TARBALL" ||
    { rm -f "$TARBALL.tmp"; log "could not write the tarball (continuing)"; }
  log "tarball written in ${SECONDS} s"
}

restore_chroot() {
  local new="$CACHE/chroot.new"
  remove_tree "$new"
  mkdir -p "$new"
  log "restoring the chroot from $TARBALL"
  if zstd -q -d -c "$TARBALL" | tar -C "$new" -xf - && [[ -f "$new$MARKER" ]] &&
      chroot "$new" /usr/sbin/asterisk -V >/dev/null 2>&1; then
    remove_tree "$CHROOT"
    mv "$new" "$CHROOT"
    return 0
  fi
  log "the tarball is unusable; removing it"
  remove_tree "$new"
  rm -f "$TARBALL"
  return 1
}

ensure_chroot() {
  mkdir -p "$CACHE"
  if chroot_ok; then return 0; fi
  if running; then die "Asterisk is running from $CHROOT but the chroot looks broken; run '$0 stop' first"; fi
  if [[ -f $TARBALL ]] && restore_chroot; then return 0; fi
  build_chroot
}

# ---------------------------------------------------------------------------------------------------
# configuration (our own; written on every start/configure)

write_file() { # write_file <path inside the chroot>; content on stdin
  local path="$CHROOT$1"
  mkdir -p "$(dirname "$path")"
  cat >"$path.tmp" && mv -f "$path.tmp" "$path"
}

write_config() {
  mkdir -p "$CHROOT$ETC" "$CHROOT$RUN" "$CHROOT/var/log/asterisk" "$CHROOT/var/lib/asterisk" \
    "$CHROOT/var/spool/asterisk" "$CHROOT$SOUNDS" "$CHROOT$RECORDINGS" "$CHROOT/var/lib/dialer/moh"
  chmod 1777 "$CHROOT$SOUNDS" "$CHROOT$RECORDINGS"

  write_file "$ETC/asterisk.conf" <<EOF
; Dialer test Asterisk (written by src/test/asterisk/asterisk.sh)
[directories]
astetcdir => $ETC
astrundir => $RUN
astlogdir => /var/log/asterisk
astvarlibdir => /var/lib/asterisk
astdbdir => /var/lib/asterisk
astspooldir => /var/spool/asterisk

[options]
verbose = 0
debug = 0
transmit_silence = yes
documentation_language = en_US
entityid = 02:00:00:00:00:01
EOF

  write_file "$ETC/modules.conf" <<'EOF'
; Only what the dialer needs is loaded, so nothing else can open a socket.
[modules]
autoload = no
; sorcery and pjsip
load => res_sorcery_config.so
load => res_sorcery_memory.so
load => res_sorcery_astdb.so
load => res_pjproject.so
load => res_pjsip.so
load => res_pjsip_session.so
load => res_pjsip_pubsub.so
load => res_pjsip_sdp_rtp.so
load => res_pjsip_endpoint_identifier_ip.so
load => res_pjsip_caller_id.so
load => res_pjsip_header_funcs.so
load => res_pjsip_rfc3326.so
load => res_pjsip_dtmf_info.so
load => res_pjsip_logger.so
load => chan_pjsip.so
load => res_rtp_asterisk.so
; timing (ConfBridge, MixMonitor, music on hold)
load => res_timing_timerfd.so
; codecs and file formats (espeak-ng 8 kHz wav, MixMonitor wav)
load => codec_ulaw.so
load => codec_alaw.so
load => codec_a_mu.so
load => codec_gsm.so
load => codec_resample.so
load => format_wav.so
load => format_pcm.so
load => format_gsm.so
load => format_sln.so
; bridges
load => bridge_simple.so
load => bridge_native_rtp.so
load => bridge_softmix.so
load => bridge_holding.so
load => bridge_builtin_features.so
load => bridge_builtin_interval_features.so
; applications
load => app_dial.so
load => app_confbridge.so
load => app_mixmonitor.so
load => app_amd.so
load => app_playback.so
load => app_read.so
load => app_record.so
load => app_userevent.so
load => app_verbose.so
load => app_stack.so
load => app_echo.so
load => app_senddtmf.so
load => app_exec.so
load => app_bridgewait.so
load => app_waitforsilence.so
load => app_channelredirect.so
load => res_speech.so
load => res_agi.so
load => res_musiconhold.so
load => res_clioriginate.so
; functions
load => func_callerid.so
load => func_channel.so
load => func_cut.so
load => func_strings.so
load => func_logic.so
load => func_hangupcause.so
load => func_global.so
load => func_math.so
load => func_dialplan.so
load => func_groupcount.so
load => func_uri.so
load => func_rand.so
; dialplan
load => pbx_config.so
EOF

  write_file "$ETC/manager.conf" <<EOF
[general]
enabled = yes
webenabled = no
bindaddr = $AMI_HOST
port = $AMI_PORT
displayconnects = no
timestampevents = yes

[$AMI_USER]
secret = $AMI_SECRET
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = all
write = all
writetimeout = 5000
; noise nobody here uses (Newexten floods; the Debian build emits TestEvent)
eventfilter = !Event: Newexten
eventfilter = !Event: VarSet
eventfilter = !Event: TestEvent
eventfilter = !Event: RTCPSent
eventfilter = !Event: RTCPReceived
EOF

  write_file "$ETC/pjsip.conf" <<EOF
[global]
type = global
user_agent = Dialer test Asterisk
endpoint_identifier_order = ip

[system]
type = system
disable_tcp_switch = yes

[transport-udp]
type = transport
protocol = udp
bind = 127.0.0.1:$SIP_PORT

; All far ends (SIPp customers and agent phones on 127.0.0.1:5070-5083) are one endpoint;
; the dialplan picks the far end by URI: PJSIP/sipp/sip:<user>@127.0.0.1:<port>
[sipp]
type = aor
contact = sip:sipp@127.0.0.1:5070

[sipp]
type = endpoint
context = dialer-from-sipp
aors = sipp
disallow = all
allow = ulaw,alaw
direct_media = no
media_address = 127.0.0.1
bind_rtp_to_media_address = yes
rtp_symmetric = no
ice_support = no
dtmf_mode = rfc4733
send_pai = no
send_rpid = no

[sipp-identify]
type = identify
endpoint = sipp
match = 127.0.0.1
EOF

  write_file "$ETC/rtp.conf" <<EOF
[general]
rtpstart = $RTP_START
rtpend = $RTP_END
icesupport = no
EOF

  write_file "$ETC/logger.conf" <<EOF
[general]
dateformat = %F %T.%3q
queue_log = no

[logfiles]
; no console channel
$LOG => notice,warning,error,dtmf,verbose(3)
EOF

  write_confbridge

  write_file "$ETC/amd.conf" <<'EOF'
; Asterisk's documented defaults, spelled out
[general]
initial_silence = 2500
greeting = 1500
after_greeting_silence = 800
total_analysis_time = 5000
min_word_length = 100
between_words_silence = 50
maximum_number_of_words = 2
maximum_word_length = 5000
silence_threshold = 256
EOF

  # one second of silence, so the default class exists (BridgeWait and holding bridges play it)
  [[ -s "$CHROOT/var/lib/dialer/moh/silence.sln" ]] || head -c 16000 /dev/zero >"$CHROOT/var/lib/dialer/moh/silence.sln"
  write_file "$ETC/musiconhold.conf" <<EOF
[default]
mode = files
directory = /var/lib/dialer/moh
EOF

  write_file "$ETC/indications.conf" <<'EOF'
[general]
country = us

[us]
description = United States / North America
ringcadence = 2000,4000
dial = 350+440
busy = 480+620/500,0/500
ring = 440+480/2000,0/4000
congestion = 480+620/250,0/250
callwaiting = 440/300,0/10000
dialrecall = !350+440/100,!0/100,!350+440/100,!0/100,!350+440/100,!0/100,350+440
record = 1400/500,0/15000
info = !950/330,!1400/330,!1800/330,0
stutter = !350+440/100,!0/100,!350+440/100,!0/100,!350+440/100,!0/100,350+440
EOF

  write_file "$ETC/cdr.conf" <<<$'[general]\nenable = no'
  write_file "$ETC/cel.conf" <<<$'[general]\nenable = no'
  write_file "$ETC/http.conf" <<<$'[general]\nenabled = no'
  local stub
  for stub in features udptl pjproject ccss acl cli_permissions; do
    write_file "$ETC/$stub.conf" <<<"; intentionally empty (written by asterisk.sh)"
  done

  write_dialplan
}

# ConfBridge profiles: the production ones (<dialplan dir>/confbridge/*.conf) when it has any, else ours
# (same names). The menu dialer_no_menu is always there.
write_confbridge() {
  local f includes=""
  rm -rf "$CHROOT$ETC/confbridge.d"
  mkdir -p "$CHROOT$ETC/confbridge.d"
  for f in "$DIALPLAN_DIR"/confbridge/*.conf; do
    [[ -f $f ]] || continue
    cp "$f" "$CHROOT$ETC/confbridge.d/"
    includes+="#include \"$ETC/confbridge.d/$(basename "$f")\""$'\n'
  done
  if [[ -n $includes ]]; then
    write_file "$ETC/confbridge.conf" <<EOF
; written by src/test/asterisk/asterisk.sh; profiles from $DIALPLAN_DIR/confbridge
[general]

$includes
; a menu without any DTMF action (the built-in default_menu reacts to '*')
[dialer_no_menu]
type = menu
EOF
    return
  fi
  write_file "$ETC/confbridge.conf" <<'EOF'
; written by src/test/asterisk/asterisk.sh; test stand-ins for the production profiles (same names)
[general]

[dialer_bridge]
type = bridge
internal_sample_rate = 8000
mixing_interval = 20
record_conference = no

; the agent's shift line: marked, no sounds
[dialer_agent]
type = user
marked = yes
quiet = yes
announce_user_count = no
announce_only_user = no
music_on_hold_when_empty = no
dtmf_passthrough = yes

; a customer joined to the agent: no join/leave sounds, no announcements
[dialer_customer]
type = user
quiet = yes
announce_user_count = no
announce_only_user = no
music_on_hold_when_empty = no
dtmf_passthrough = yes

; a menu without any DTMF action (the built-in default_menu reacts to '*')
[dialer_no_menu]
type = menu
EOF
}

# extensions.conf #includes every *.conf of the production dialplan and of the test dialplan.
write_dialplan() {
  local dir target f includes=""
  local previous
  previous=$(sed -n 's/^; production dialplan from: //p' "$CHROOT$ETC/extensions.conf" 2>/dev/null || true)
  if [[ -n $previous && $previous != "$DIALPLAN_DIR" ]]; then
    log "NOTE: the production dialplan now comes from $DIALPLAN_DIR (was $previous; set DIALER_DIALPLAN_DIR to choose)"
  fi
  rm -rf "$CHROOT$ETC/dialplan"
  mkdir -p "$CHROOT$ETC/dialplan/main" "$CHROOT$ETC/dialplan/test"
  for pair in "main:$DIALPLAN_DIR" "test:$TEST_DIALPLAN_DIR"; do
    target="${pair%%:*}" dir="${pair#*:}"
    if [[ ! -d $dir ]]; then
      includes+="; (no $target dialplan: $dir does not exist)"$'\n'
      continue
    fi
    local found=0
    for f in "$dir"/*.conf; do
      [[ -f $f ]] || continue
      cp "$f" "$CHROOT$ETC/dialplan/$target/"
      includes+="#include \"$ETC/dialplan/$target/$(basename "$f")\""$'\n'
      found=1
    done
    ((found)) || includes+="; (no *.conf in $dir)"$'\n'
  done
  write_file "$ETC/extensions.conf" <<EOF
; written by src/test/asterisk/asterisk.sh
; production dialplan from: $DIALPLAN_DIR
; test dialplan from:       $TEST_DIALPLAN_DIR
[general]
static = yes
writeprotect = yes
clearglobalvars = no

[globals]
DIALER_SOUNDS_DIR = $SOUNDS
DIALER_RECORDINGS_DIR = $RECORDINGS

$includes
EOF
}

write_env_properties() {
  local version
  version=$(in_chroot /usr/sbin/asterisk -V 2>/dev/null || echo unknown)
  mkdir -p "$CACHE"
  cat >"$ENV_FILE.tmp" <<EOF
# Written by src/test/asterisk/asterisk.sh; read by the Asterisk integration tests.
asterisk.version=$version
asterisk.ami.host=$AMI_HOST
asterisk.ami.port=$AMI_PORT
asterisk.ami.username=$AMI_USER
asterisk.ami.secret=$AMI_SECRET
asterisk.sip.host=127.0.0.1
asterisk.sip.port=$SIP_PORT
asterisk.sip.endpoint=sipp
asterisk.rtp.ports=$RTP_START-$RTP_END
asterisk.chroot=$CHROOT
asterisk.config.dir=$CHROOT$ETC
asterisk.log.file=$CHROOT$LOG
# media shared with the service: host path, and the same directory as Asterisk sees it
asterisk.sounds.dir=$CHROOT$SOUNDS
asterisk.sounds.dir.asterisk=$SOUNDS
asterisk.recordings.dir=$CHROOT$RECORDINGS
asterisk.recordings.dir.asterisk=$RECORDINGS
# test trunks (contexts dialer-trunk-<name>) and SIPp far ends on 127.0.0.1 (src/test/asterisk/sipp.sh)
asterisk.trunks=default,test2
sipp.host=127.0.0.1
sipp.port.human=5070
sipp.port.busy=5071
sipp.port.noanswer=5072
sipp.port.notfound=5073
sipp.port.unavailable=5074
sipp.port.serviceunavailable=5075
sipp.port.decline=5076
sipp.port.machine=5077
sipp.port.silent=5078
sipp.port.dtmf7=5079
sipp.agent.ports=5080,5081,5082,5083
EOF
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------------------------------------------
# process control

pid_of_asterisk() {
  local pidfile="$CHROOT$RUN/asterisk.pid" pid state
  [[ -f $pidfile ]] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]] || return 1
  [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" == "$CHROOT" ]] || return 1
  echo "$pid"
}

running() { pid_of_asterisk >/dev/null; }

rx() { in_chroot /usr/sbin/asterisk -C "$ETC/asterisk.conf" -rx "$1"; }

ami_banner() {
  local banner
  exec 8<>"/dev/tcp/$AMI_HOST/$AMI_PORT" || return 1
  IFS= read -r -t 5 banner <&8 || banner=""
  printf 'Action: Logoff\r\n\r\n' >&8 2>/dev/null || true
  exec 8>&- 8<&-
  [[ $banner == "Asterisk Call Manager/"* ]] || return 1
  echo "${banner%$'\r'}"
}

ami_login_ok() {
  local line ok=1
  exec 8<>"/dev/tcp/$AMI_HOST/$AMI_PORT" || return 1
  IFS= read -r -t 5 line <&8 || true
  printf 'Action: Login\r\nUsername: %s\r\nSecret: %s\r\nEvents: off\r\n\r\n' "$AMI_USER" "$AMI_SECRET" >&8
  while IFS= read -r -t 5 line <&8; do
    line=${line%$'\r'}
    [[ $line == "Response: Success" ]] && ok=0
    [[ -z $line ]] && break
  done
  printf 'Action: Logoff\r\n\r\n' >&8 2>/dev/null || true
  exec 8>&- 8<&-
  return $ok
}

# Another Asterisk (not ours) holding our ports?
foreign_listener() {
  local line
  line=$(ss -H -ltnp "sport = :$AMI_PORT" 2>/dev/null; ss -H -lunp "sport = :$SIP_PORT" 2>/dev/null) || true
  [[ -n $line ]] && echo "$line"
}

# Every socket of Asterisk must be on 127.0.0.1, except pjlib's two unconnected resolver sockets
# (UDP, 0.0.0.0 and [::], ephemeral ports): Asterisk 22 has no option to avoid them.
check_sockets() {
  local pid="$1" bad="" wild=0 proto state local_addr port
  while read -r proto state _ _ local_addr _ _; do
    port=${local_addr##*:}
    case "$local_addr" in
      127.0.0.1:*) continue ;;
      0.0.0.0:* | '[::]:'* | '*:'*)
        if [[ $proto == udp && $state == UNCONN ]] && ((wild < 2)) &&
            [[ $port != "$AMI_PORT" && $port != "$SIP_PORT" ]] &&
            ! ((port >= RTP_START && port <= RTP_END)); then
          wild=$((wild + 1)); continue
        fi ;;
    esac
    bad+="  $proto $state $local_addr"$'\n'
  done < <(ss -H -tuanp 2>/dev/null | grep -F "pid=$pid," || true)
  if [[ -n $bad ]]; then
    log "Asterisk has sockets outside loopback:"; printf '%s' "$bad" >&2
    return 1
  fi
  [[ $(ss -H -ltnp "sport = :$AMI_PORT") == *"127.0.0.1:$AMI_PORT "*"pid=$pid,"* ]] || { log "AMI is not listening on 127.0.0.1:$AMI_PORT"; return 1; }
  [[ $(ss -H -lunp "sport = :$SIP_PORT") == *"127.0.0.1:$SIP_PORT "*"pid=$pid,"* ]] || { log "SIP is not bound to 127.0.0.1:$SIP_PORT"; return 1; }
  return 0
}

# Can this Asterisk boot at all, with a minimal config of its own? Tells "sid is broken" from "our
# config is broken" after a failed start.
asterisk_boots_minimal() {
  local etc=/etc/asterisk-probe run=/run/asterisk-probe pid ok=1 i
  mkdir -p "$CHROOT$etc" "$CHROOT$run"
  printf '[directories]\nastetcdir => %s\nastrundir => %s\n' "$etc" "$run" >"$CHROOT$etc/asterisk.conf"
  printf '[modules]\nautoload = no\n' >"$CHROOT$etc/modules.conf"
  printf '[general]\nenabled = no\n' >"$CHROOT$etc/manager.conf"
  printf '[logfiles]\n' >"$CHROOT$etc/logger.conf"
  setsid chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /usr/sbin/asterisk -C "$etc/asterisk.conf" -f -n </dev/null >/dev/null 2>&1 9>&- &
  pid=$!
  for i in $(seq 1 50); do
    if in_chroot /usr/sbin/asterisk -C "$etc/asterisk.conf" -rx 'core waitfullybooted' >/dev/null 2>&1; then ok=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  in_chroot /usr/sbin/asterisk -C "$etc/asterisk.conf" -rx 'core stop now' >/dev/null 2>&1 || true
  sleep 0.3; kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$CHROOT$etc" "$CHROOT$run"
  return $ok
}

# A failed start: unavailable if even a minimal Asterisk cannot boot or a module we load is not
# shipped; ours otherwise.
classify_start_failure() {
  local what="$1" moddir missing=""
  tail -n 30 "$CHROOT$LOG" 2>/dev/null | sed 's/^/  | /' >&2 || true
  tail -n 10 "$CACHE/asterisk.out" 2>/dev/null | sed 's/^/  > /' >&2 || true
  stop_asterisk quiet
  moddir=$(in_chroot sh -c 'ls -d /usr/lib/*/asterisk/modules /usr/lib/asterisk/modules 2>/dev/null | head -n 1')
  if [[ -n $moddir ]]; then
    local m
    for m in $(sed -n 's/^load => \(.*\.so\)$/\1/p' "$CHROOT$ETC/modules.conf"); do
      [[ -f "$CHROOT$moddir/$m" ]] || missing+=" $m"
    done
  fi
  if [[ -n $missing ]]; then
    unavailable "the Debian sid asterisk package does not ship:$missing"
  fi
  if ! asterisk_boots_minimal; then
    unavailable "Asterisk from Debian sid does not boot even with a minimal config ($(in_chroot /usr/sbin/asterisk -V 2>&1))"
  fi
  die "$what (Asterisk itself boots: this is our config; see $CHROOT$LOG)"
}

start_asterisk() {
  local pid i t0
  mountpoint -q "$CHROOT/proc" || mount -t proc proc "$CHROOT/proc"
  rm -f "$CHROOT$RUN/asterisk.pid" "$CHROOT$RUN/asterisk.ctl"
  [[ -f "$CHROOT$LOG" ]] && mv -f "$CHROOT$LOG" "$CHROOT$LOG.1"
  t0=$(date +%s%N)
  # foreground under setsid; the lock descriptor is not inherited
  setsid chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    /usr/sbin/asterisk -C "$ETC/asterisk.conf" -f -n </dev/null >"$CACHE/asterisk.out" 2>&1 9>&- &
  for i in $(seq 1 100); do
    if rx 'core waitfullybooted' >/dev/null 2>&1; then break; fi
    if ! kill -0 $! 2>/dev/null; then classify_start_failure "Asterisk exited during start"; fi
    sleep 0.1
  done
  pid=$(pid_of_asterisk) || classify_start_failure "Asterisk did not come up (no pid / not fully booted after 10 s)"
  log "Asterisk started (pid $pid) in $((($(date +%s%N) - t0) / 1000000)) ms"
  grep -E 'WARNING|ERROR' "$CHROOT$LOG" 2>/dev/null | sed 's/^/  boot: /' >&2 || true
}

stop_asterisk() {
  local pid i
  if pid=$(pid_of_asterisk); then
    rx 'core stop now' >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do running || break; sleep 0.1; done
    if pid=$(pid_of_asterisk); then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    [[ ${1:-} == quiet ]] || log "Asterisk stopped"
  else
    [[ ${1:-} == quiet ]] || log "Asterisk is not running"
  fi
  rm -f "$CHROOT$RUN/asterisk.pid" "$CHROOT$RUN/asterisk.ctl"
  [[ -d $CHROOT ]] && umount_proc_of "$CHROOT"
  return 0
}

# Reload everything; load modules newly listed in modules.conf; show what the reload logged.
reload_running() {
  local before loaded m
  before=$(stat -c %s "$CHROOT$LOG" 2>/dev/null || echo 0)
  rx 'dialplan reload' >/dev/null
  rx 'core reload' >/dev/null || true   # the other modules (pjsip, manager, confbridge, ...); asynchronous
  loaded=$(rx 'module show' 2>/dev/null || true)
  for m in $(sed -n 's/^load => \(.*\.so\)$/\1/p' "$CHROOT$ETC/modules.conf"); do
    grep -q "^$m " <<<"$loaded" || { log "loading newly listed module $m"; rx "module load $m" >/dev/null || true; }
  done
  sleep 0.2
  tail -c +$((before + 1)) "$CHROOT$LOG" 2>/dev/null | grep -E 'WARNING|ERROR' | sed 's/^/  reload: /' >&2 || true
}

# (no "| grep -q" on purpose: with pipefail, grep quitting early fails the pipeline with SIGPIPE)
has_trunk_context() { [[ $(rx 'dialplan show dialer-trunk-default' 2>/dev/null) == *"'dialer-trunk-default'"* ]]; }

verify() {
  local pid banner
  pid=$(pid_of_asterisk) || classify_start_failure "Asterisk is not running"
  for i in $(seq 1 30); do banner=$(ami_banner) && break; sleep 0.1; done
  [[ -n ${banner:-} ]] || classify_start_failure "no AMI banner on $AMI_HOST:$AMI_PORT"
  for i in 1 2 3 4 5; do ami_login_ok && break; sleep 0.2; done
  ami_login_ok || die "AMI login as '$AMI_USER' failed (manager.conf)"
  rx 'pjsip show endpoint sipp' >/dev/null 2>&1 || die "PJSIP endpoint 'sipp' is not loaded (pjsip.conf)"
  for i in $(seq 1 50); do   # a reload may still be running
    has_trunk_context && break
    sleep 0.1
  done
  has_trunk_context ||
    die "context dialer-trunk-default is missing (extensions.conf / src/test/asterisk/dialplan)"
  # (retried: pjlib's start-up route probes are short-lived UDP sockets)
  for i in 1 2 3 4 5; do check_sockets "$pid" 2>/dev/null && break; sleep 0.3; done
  check_sockets "$pid" || die "socket check failed"
  log "OK: $banner on $AMI_HOST:$AMI_PORT, SIP 127.0.0.1:$SIP_PORT, all sockets on loopback"
}

# ---------------------------------------------------------------------------------------------------
# commands

cmd_start() {
  ensure_host_packages
  ensure_chroot
  rm -f "$UNAVAILABLE_FILE"
  write_config
  write_env_properties
  if running; then
    log "Asterisk is already running: reloading the config"
    reload_running
  else
    local other
    if other=$(foreign_listener); then
      die "ports $AMI_PORT/$SIP_PORT are taken by another process (not our Asterisk):"$'\n'"$other"
    fi
    start_asterisk
  fi
  verify
  cmd_status
}

cmd_prepare() {
  ensure_host_packages
  ensure_chroot
  rm -f "$UNAVAILABLE_FILE"
  write_config
  write_env_properties
  log "chroot ready: $CHROOT"
}

cmd_configure() {
  chroot_ok || die "no chroot at $CHROOT; run '$0 start'"
  write_config
  write_env_properties
  if running; then
    reload_running
    verify
  else
    log "config written; Asterisk is not running"
  fi
}

cmd_status() {
  local pid
  if pid=$(pid_of_asterisk); then
    echo "Asterisk: running, pid $pid, $(in_chroot /usr/sbin/asterisk -V 2>/dev/null)"
  else
    echo "Asterisk: not running"
  fi
  echo "  AMI:        $AMI_HOST:$AMI_PORT  user $AMI_USER / secret $AMI_SECRET"
  echo "  SIP:        udp 127.0.0.1:$SIP_PORT (endpoint sipp), RTP 127.0.0.1:$RTP_START-$RTP_END"
  echo "  chroot:     $CHROOT"
  echo "  config:     $CHROOT$ETC"
  echo "  log:        $CHROOT$LOG"
  echo "  sounds:     $CHROOT$SOUNDS   (Asterisk: $SOUNDS)"
  echo "  recordings: $CHROOT$RECORDINGS   (Asterisk: $RECORDINGS)"
  echo "  env:        $ENV_FILE"
  [[ -f $UNAVAILABLE_FILE ]] && echo "  UNAVAILABLE: $(cat "$UNAVAILABLE_FILE")"
  [[ -n ${pid:-} ]]
}

main() {
  local cmd="${1:-start}"
  case "$cmd" in
    start | stop | status | configure | prepare) ;;
    *) echo "usage: $0 [start|stop|status|configure|prepare]" >&2; exit "$EXIT_OURS" ;;
  esac
  [[ $(id -u) -eq 0 ]] || die "needs root (chroot, mount)"
  mkdir -p "$CACHE"
  exec 9>"$LOCK_FILE"
  flock -w 600 9 || die "another asterisk.sh holds $LOCK_FILE"
  case "$cmd" in
    start) cmd_start ;;
    stop) stop_asterisk ;;
    status) cmd_status ;;
    configure) cmd_configure ;;
    prepare) cmd_prepare ;;
  esac
}

main "$@"
