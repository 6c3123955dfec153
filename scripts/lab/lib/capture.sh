# tcpdump captures (to pcap, and live text) and the text renderings of each pcap.
# shellcheck shell=bash

CAPTURE_PIDS=()

# Why no --immediate-mode: it makes libpcap use a ring of snaplen-sized slots (8 of them in
# the default 2 MB buffer), and bursts of a few dozen clients lost packets. Without it,
# packets are packed into blocks the kernel hands over when full or after tcpdump's 1 s
# timeout; a block still open when tcpdump is interrupted is lost, hence CAPTURE_FLUSH_WAIT
# before captures_stop.
CAPTURE_BUFFER_KB=16384
CAPTURE_FLUSH_WAIT=1.2

# capture_start NS IFACE FILTER PCAP: tcpdump -w, returns once tcpdump says "listening on".
# -Z root: Debian's tcpdump otherwise drops to user tcpdump, who may not write into DIR.
capture_start() {
  local ns=$1 iface=$2 filter=$3 pcap=$4
  ip netns exec "$ns" tcpdump -i "$iface" -Z root -B "$CAPTURE_BUFFER_KB" -w "$pcap" $filter 2>"$pcap.stderr.txt" &
  CAPTURE_PIDS+=($!)
  wait_for_text "$pcap.stderr.txt" "listening on" 10
}

# live_start NS IFACE FILTER FILE: the live text a person would paste (tcpdump -l -nn, stdout
# and stderr merged: banner, packets, then the packet counts after ^C).
live_start() {
  local ns=$1 iface=$2 filter=$3 file=$4
  ip netns exec "$ns" tcpdump -l -nn -B "$CAPTURE_BUFFER_KB" -i "$iface" $filter >"$file" 2>&1 &
  CAPTURE_PIDS+=($!)
  wait_for_text "$file" "listening on" 10
}

# captures_stop: SIGINT, like ^C, so tcpdump flushes and prints its counts; then wait.
captures_stop() {
  local pid
  ((${#CAPTURE_PIDS[@]})) || return 0
  sleep "$CAPTURE_FLUSH_WAIT"
  for pid in "${CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null; done
  for pid in "${CAPTURE_PIDS[@]}"; do wait_pid "$pid" 5; done
  CAPTURE_PIDS=()
}

# Flag sets every pcap is rendered with: name -> tcpdump flags ("default" resolves names).
RENDER_FLAGS=(default: nn:-nn v:-v vvv:-vvv e:-e tttt:-tttt S:-S)

# render_pcap PCAP BASE [FLAGSET...]: BASE.NAME.txt for each flag set (all by default), run in
# the middle namespace so names come from the lab's hosts file. TZ=UTC keeps -tttt stable.
render_pcap() {
  local pcap=$1 base=$2 entry name flags
  shift 2
  (($#)) || set -- "${RENDER_FLAGS[@]}"
  for entry in "$@"; do
    name=${entry%%:*} flags=${entry#*:}
    ip netns exec "$NS_MID" env TZ=UTC tcpdump -r "$pcap" $flags >"$base.$name.txt" 2>/dev/null ||
      die "tcpdump could not render $pcap with '$flags'"
  done
}
