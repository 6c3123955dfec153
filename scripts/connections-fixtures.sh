#!/usr/bin/env bash
# Real captures for the connections stage's tests (test/fixtures/connections/), made with real
# tcpdump on the loopback of a network namespace of our own, then rendered to text by tcpdump
# and dissected by tshark, whose view becomes each fixture's expected file.
#
#   bash scripts/connections-fixtures.sh capture [NAME...]  # root: rewrites the .pcap files
#   bash scripts/connections-fixtures.sh render    # rewrites the .txt, .tshark.tsv and .expected.json
#   bash scripts/connections-fixtures.sh           # both
#
# capture needs: root, ip (netns), iptables, tcpdump, curl, python3, editcap, node, and
# `npm run build` done (for dist/scripts/connections-peers.js). render needs tcpdump, tshark,
# node and the build (dist/scripts/connections-fixtures.js). All traffic stays on the
# namespace's own loopback.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/test/fixtures/connections
NS=hsconn-test
PEERS=$ROOT/dist/scripts/connections-peers.js
DERIVE=$ROOT/dist/scripts/connections-fixtures.js
# The capture's HTTP server port, closed port, blackholed port, aborting server and echo server.
HTTP_PORT=8000
CLOSED_PORT=8001
DROPPED_PORT=8002
ABORT_PORT=8003
ECHO_PORT=8004
REUSED_CLIENT_PORT=40000

ns() { ip netns exec "$NS" "$@"; }

need_build() {
  [[ -f $1 ]] || { echo "missing $1: run npm run build first" >&2; exit 1; }
}

SERVER_PID=
CAPTURE_PID=
cleanup() {
  [[ -n $CAPTURE_PID ]] && kill "$CAPTURE_PID" 2>/dev/null || true
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  [[ -n ${WWW:-} ]] && rm -rf "$WWW"
  [[ -n ${CAPTURE_LOG:-} ]] && rm -f "$CAPTURE_LOG"
}

start_capture() {
  # `ip netns exec` execs its command, so $! is tcpdump's own pid. --immediate-mode writes
  # packets before the kernel's buffer timeout (else a short capture is empty); the large
  # buffer (-B) avoids the kernel drops immediate mode otherwise shows on bursts.
  ip netns exec "$NS" tcpdump -i lo --immediate-mode -B 32768 -U -s 0 --time-stamp-precision=nano \
    -w "$OUT/$1.pcap" tcp 2>"$CAPTURE_LOG" &
  CAPTURE_PID=$!
  sleep 1
}

# Stops the capture; fails when tcpdump reports packets dropped by the kernel.
stop_capture() {
  sleep 0.5
  kill -INT "$CAPTURE_PID"
  wait "$CAPTURE_PID" || true
  CAPTURE_PID=
  local dropped
  dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel$/\1/p' "$CAPTURE_LOG")
  echo "captured $1: $(tcpdump -r "$OUT/$1.pcap" 2>/dev/null | wc -l) packets, ${dropped:-?} dropped"
  [[ $dropped == 0 ]]
}

wait_for_port() {
  for _ in $(seq 50); do
    if ns bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on $1:$2" >&2
  exit 1
}

fetch() { ns curl -s -o /dev/null "$@" 2>/dev/null || true; }

# One function per capture: each starts and stops its own capture and succeeds only when the
# capture is whole (and, for some, has the shape it is meant to show).

scenario_http_two() {
  start_capture http-two
  fetch "http://127.0.0.1:$HTTP_PORT/hello.txt"
  sleep 0.2
  fetch "http://127.0.0.1:$HTTP_PORT/hello.txt"
  stop_capture http-two
}

# Two connections open at the same time, their packets interleaved.
scenario_concurrent() {
  start_capture concurrent
  fetch --parallel --parallel-immediate -o /dev/null "http://127.0.0.1:$HTTP_PORT/hello.txt" "http://127.0.0.1:$HTTP_PORT/hello.txt"
  stop_capture concurrent
}

# Many data segments each way: 20 request/response rounds on one connection.
scenario_rounds() {
  start_capture rounds
  ns node "$PEERS" rounds "$ECHO_PORT" 20
  stop_capture rounds
}

scenario_refused() {
  start_capture refused
  fetch "http://127.0.0.1:$CLOSED_PORT/"
  stop_capture refused
}

# SYNs dropped after tcpdump saw them: the client retransmits them until curl gives up.
scenario_unanswered() {
  ns iptables -A INPUT -p tcp --dport "$DROPPED_PORT" --syn -j DROP
  start_capture unanswered
  fetch --connect-timeout 4 "http://127.0.0.1:$DROPPED_PORT/"
  ns iptables -D INPUT -p tcp --dport "$DROPPED_PORT" --syn -j DROP
  stop_capture unanswered
}

# The first two SYNs are dropped, the third (after ~3 s) is answered.
scenario_syn_retransmitted() {
  ns iptables -A INPUT -p tcp --dport "$HTTP_PORT" --syn -j DROP
  start_capture syn-retransmitted
  (sleep 1.5; ns iptables -D INPUT -p tcp --dport "$HTTP_PORT" --syn -j DROP) &
  local undrop_pid=$!
  fetch --connect-timeout 10 "http://127.0.0.1:$HTTP_PORT/hello.txt"
  wait "$undrop_pid"
  stop_capture syn-retransmitted
}

# The request is dropped once (after tcpdump saw it) and retransmitted after the RTO.
scenario_data_retransmitted() {
  ns iptables -A INPUT -p tcp --dport "$HTTP_PORT" -m length --length 120:65535 -j DROP
  start_capture data-retransmitted
  (sleep 0.1; ns iptables -D INPUT -p tcp --dport "$HTTP_PORT" -m length --length 120:65535 -j DROP) &
  local undrop_pid=$!
  fetch "http://127.0.0.1:$HTTP_PORT/hello.txt"
  wait "$undrop_pid"
  stop_capture data-retransmitted
}

# The same client port twice: one 4-tuple, two connections.
scenario_port_reuse() {
  start_capture port-reuse
  ns node "$PEERS" reuse "$HTTP_PORT" "$REUSED_CLIENT_PORT"
  stop_capture port-reuse
}

scenario_ipv6() {
  start_capture ipv6
  fetch "http://[::1]:$HTTP_PORT/hello.txt"
  stop_capture ipv6
}

scenario_client_abort() {
  start_capture client-abort
  ns node "$PEERS" client-abort "$HTTP_PORT"
  stop_capture client-abort
}

scenario_server_abort() {
  ip netns exec "$NS" node "$PEERS" server-abort "$ABORT_PORT" >/dev/null &
  local abort_pid=$!
  sleep 0.5
  start_capture server-abort
  fetch "http://127.0.0.1:$ABORT_PORT/"
  wait "$abort_pid" || true
  stop_capture server-abort
}

# Every SYN between the two peers is dropped for half a second, so both sit in SYN-SENT and
# their retransmitted SYNs cross: a simultaneous open. The retransmissions only cross when
# both timers fire together, so the capture must show a SYN/ACK from each side.
scenario_simultaneous_open() {
  ns iptables -A INPUT -p tcp --syn --dport 5001:5002 -j DROP
  start_capture simultaneous-open
  ip netns exec "$NS" node "$PEERS" simultaneous 5001 5002 &
  local peers_pid=$!
  sleep 0.5
  ns iptables -D INPUT -p tcp --syn --dport 5001:5002 -j DROP
  wait "$peers_pid"
  stop_capture simultaneous-open &&
    [[ $(tcpdump -r "$OUT/simultaneous-open.pcap" 'tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)' 2>/dev/null | wc -l) == 2 ]]
}

# A capture that starts after the first connection's handshake: frames 4 on of http-two.
scenario_mid_stream() {
  local frames
  frames=$(tcpdump -r "$OUT/http-two.pcap" 2>/dev/null | wc -l)
  editcap -r "$OUT/http-two.pcap" "$OUT/mid-stream.pcap" "4-$frames"
  echo "cut mid-stream: frames 4-$frames of http-two"
}

SCENARIOS=(http-two concurrent rounds refused unanswered syn-retransmitted data-retransmitted
  port-reuse ipv6 client-abort server-abort simultaneous-open mid-stream)

# capture [NAME...]: the named captures (default: all), each tried up to 5 times.
capture() {
  need_build "$PEERS"
  trap cleanup EXIT
  ip netns del "$NS" 2>/dev/null || true
  ip netns add "$NS"
  ns ip link set lo up
  WWW=$(mktemp -d)
  CAPTURE_LOG=$(mktemp)
  printf 'hello from hs-report\n' >"$WWW/hello.txt"
  # Dual-stack (::) so the same server answers on 127.0.0.1 and ::1.
  ip netns exec "$NS" python3 -m http.server "$HTTP_PORT" --bind :: --directory "$WWW" >/dev/null 2>&1 &
  SERVER_PID=$!
  # Probed before any capture starts, so the probes are in no pcap.
  wait_for_port 127.0.0.1 "$HTTP_PORT"
  local name try
  for name in "${@:-${SCENARIOS[@]}}"; do
    for try in 1 2 3 4 5; do
      if "scenario_${name//-/_}"; then continue 2; fi
      echo "retrying $name ($try)" >&2
    done
    echo "could not capture $name" >&2
    exit 1
  done
}

render() {
  need_build "$DERIVE"
  local pcap name
  for pcap in "$OUT"/*.pcap; do
    name=${pcap%.pcap}
    # The common pasted form: time of day (UTC here), microseconds, relative numbers.
    TZ=UTC tcpdump -nn -r "$pcap" >"$name.nn.txt" 2>/dev/null
    # The precise form: epoch nanoseconds, verbose IP header, absolute numbers.
    tcpdump -nn -tt --nano -v -S -r "$pcap" >"$name.tt-nano-v-S.txt" 2>/dev/null
    # Deltas from the previous packet (-ttt): times rebuilt by adding them up.
    tcpdump -nn -ttt -r "$pcap" >"$name.ttt.txt" 2>/dev/null
    tshark -r "$pcap" -o tcp.analyze_sequence_numbers:TRUE -T fields -E header=y -E separator=/t \
      -e frame.number -e frame.time_epoch -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport \
      -e ip.dst -e ipv6.dst -e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.len \
      -e tcp.analysis.initial_rtt -e tcp.analysis.retransmission >"$name.tshark.tsv" 2>/dev/null
  done
  node "$DERIVE" "$OUT" "$HTTP_PORT,$CLOSED_PORT,$DROPPED_PORT,$ABORT_PORT,$ECHO_PORT"
}

mkdir -p "$OUT"
case ${1:-all} in
  capture) shift; capture "$@" ;;
  render) render ;;
  all) capture; render ;;
  *) echo "usage: $0 [capture [NAME...]|render]" >&2; exit 2 ;;
esac
