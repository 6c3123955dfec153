#!/usr/bin/env bash
# The live case of issue 6, measured: tcpreplay sends the bench's server capture at a fixed rate
# into a veth pair between two network namespaces; `tcpdump -l -nn` captures the far end and
# pipes its text into a consumer. When the consumer is slower than the traffic, tcpdump blocks
# on the pipe, its kernel buffer fills and the kernel drops packets: tcpdump's own count of
# drops is the result. Every rate is run with `cat` (the baseline: tcpdump alone) and with
# hs-report --json, with tcpdump's default buffer and with -B 32768 (32 MB).
#
# usage: bash scripts/bench/live-pipe.sh PCAP PACKETS RATE...
#   e.g. bash scripts/bench/live-pipe.sh bench-data/server400000-proxy10000/server.pcap 2000000 40000 60000
# Environment: THREADS="default 1 2" runs hs-report as it runs by default and with each --threads
# count (default "default");
# BUFFERS="-B 32768" only that buffer (default: tcpdump's, then -B 32768).
# Needs root, iproute2, tcpdump and tcpreplay (apt-get install -y tcpreplay); the pcap comes
# from `npm run bench` (docs/performance.md). Nothing leaves the two namespaces it creates.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '9,13p' "$0" | sed 's/^# //'
  exit 2
fi
pcap=$(realpath "$1")
packets=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
for tool in ip tcpdump tcpreplay; do
  command -v "$tool" > /dev/null || { echo "live-pipe: needs $tool (apt-get install -y iproute2 tcpdump tcpreplay)" >&2; exit 2; }
done

sender=hs-live-send
capture=hs-live-capture
work=""
cleanup() {
  ip netns del "$sender" 2> /dev/null || true
  ip netns del "$capture" 2> /dev/null || true
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
cleanup # namespaces left by a killed run
work=$(mktemp -d)
ip netns add "$sender"
ip netns add "$capture"
ip -n "$sender" link add send0 type veth peer name cap0 netns "$capture"
ip -n "$sender" link set send0 up
ip -n "$capture" link set cap0 up

# One run: prints "captured dropped" as tcpdump counted them.
run() {
  local rate=$1 buffer=$2 consumer=$3
  ip netns exec "$capture" sh -c "TZ=UTC tcpdump $buffer -l -nn -i cap0 2> '$work/tcpdump.err' | $consumer > /dev/null 2> '$work/consumer.err'" &
  local pipeline=$!
  sleep 1.5 # tcpdump listening, the consumer loaded
  ip netns exec "$sender" tcpreplay -q -i send0 --pps="$rate" --limit="$packets" "$pcap" > "$work/tcpreplay.out" 2>&1
  sleep 8 # the consumer catches up with what tcpdump has buffered
  ip netns exec "$capture" pkill -INT -x tcpdump || true
  wait "$pipeline" || true
  local captured dropped
  captured=$(grep -o '^[0-9]* packets captured' "$work/tcpdump.err" | cut -d' ' -f1)
  dropped=$(grep -o '^[0-9]* packets dropped by kernel' "$work/tcpdump.err" | cut -d' ' -f1)
  echo "$captured $dropped"
}

echo "| packets/s | consumer | tcpdump buffer | captured | dropped by kernel | dropped |"
echo "| ---: | --- | --- | ---: | ---: | ---: |"
consumers=("cat")
for threads in ${THREADS:-default}; do
  if [ "$threads" = default ]; then consumers+=("$root/bin/hs-report.js --json -"); else consumers+=("$root/bin/hs-report.js --json --threads $threads -"); fi
done
buffers=("" "-B 32768")
if [ -n "${BUFFERS+set}" ]; then buffers=("$BUFFERS"); fi
for rate in "$@"; do
  for consumer in "${consumers[@]}"; do
    for buffer in "${buffers[@]}"; do
      read -r captured dropped < <(run "$rate" "$buffer" "$consumer")
      shown=${consumer#"$root/"}
      share=$(awk -v d="$dropped" -v c="$captured" 'BEGIN { printf "%.1f%%", 100 * d / (c + d) }')
      echo "| $rate | \`$shown\` | ${buffer:-default (2 MB)} | $captured | $dropped | $share |"
    done
  done
done
