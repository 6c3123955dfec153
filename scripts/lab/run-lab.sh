#!/usr/bin/env bash
# The lab: real captures of a reverse proxy (haproxy) and an LVS-style NAT (iptables DNAT, and
# DNAT+SNAT) made in network namespaces on this machine, with ground truth per scenario.
#
#   usage: scripts/lab/run-lab.sh [OUTDIR] [SCENARIO...]     (default OUTDIR: lab-out/)
#
# Writes OUTDIR/SCENARIO/: front.pcap (middle box, client side), back.pcap (backend), any.pcap
# (middle box, -i any: both legs), their text renderings (*.FLAGSET.txt), live text captures
# for some scenarios (*.live.txt), the logs (haproxy.log, backend.log, clients.log,
# conntrack.txt) and truth.json. Needs root; exit 2 when a prerequisite is missing.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=/dev/null
for lib in common addresses prereqs topology services capture traffic; do source "$LAB_DIR/lib/$lib.sh"; done
# shellcheck source=scenarios.sh
source "$LAB_DIR/scenarios.sh"

OUTDIR=${1:-lab-out}
shift $(($# > 0 ? 1 : 0))
SELECTED=("$@")
((${#SELECTED[@]})) || SELECTED=("${LAB_SCENARIOS[@]}")

# cleanup runs on every exit; it must finish even when stderr is a pipe whose reader is gone
# (`npm run lab | tail` interrupted), hence no errexit and SIGPIPE ignored.
cleanup() {
  trap - EXIT INT TERM
  trap '' PIPE
  set +e
  haproxy_stop
  captures_stop
  topo_down
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_scenario NAME: fresh namespaces, servers, captures, traffic, renderings, truth.json.
run_scenario() {
  local name=$1 started=$SECONDS
  scenario_defaults
  declare -F "scenario_${name//-/_}" >/dev/null || die "unknown scenario '$name' (known: ${LAB_SCENARIOS[*]})"
  "scenario_${name//-/_}"
  SCEN_OUT="$OUTDIR/$name"
  rm -rf "$SCEN_OUT"
  mkdir -p "$SCEN_OUT"
  : >"$SCEN_OUT/clients.log"

  topo_up
  local nat_impl
  nat_impl=$(nat_implementation)
  nat_rules_up "$SCEN_OUT"
  backend_start "$SCEN_OUT"
  capture_start "$NS_MID" front0 "tcp port $VIP_PORT" "$SCEN_OUT/front.pcap"
  capture_start "$NS_BACK" eth0 "tcp port $BACKEND_PORT" "$SCEN_OUT/back.pcap"
  capture_start "$NS_MID" any tcp "$SCEN_OUT/any.pcap"
  if ((LIVE)); then
    live_start "$NS_MID" front0 "tcp port $VIP_PORT" "$SCEN_OUT/front.live.txt"
    live_start "$NS_BACK" eth0 "tcp port $BACKEND_PORT" "$SCEN_OUT/back.live.txt"
  fi
  haproxy_start "$SCEN_OUT" "$HAPROXY_CHECK" "$HAPROXY_REUSE"

  scenario_traffic
  sleep 0.3 # last ACKs and FINs
  conntrack_dump "$SCEN_OUT"
  haproxy_stop
  captures_stop
  stop_pid "$BACKEND_PID" TERM 3

  local back_pcap="$SCEN_OUT/back.pcap"
  if ((SKEW_MS)); then
    python3 "$LAB_DIR/pcap_shift.py" "$SCEN_OUT/back.pcap" "$SCEN_OUT/back-skewed.pcap" "$SKEW_MS"
    back_pcap="$SCEN_OUT/back-skewed.pcap"
    render_pcap "$SCEN_OUT/back.pcap" "$SCEN_OUT/back-true" nn:-nn
  fi
  render_pcap "$SCEN_OUT/front.pcap" "$SCEN_OUT/front"
  render_pcap "$back_pcap" "$SCEN_OUT/back"
  render_pcap "$SCEN_OUT/any.pcap" "$SCEN_OUT/any" default: nn:-nn nn_v:-nn\ -v
  topo_down

  python3 "$LAB_DIR/truth.py" --dir "$SCEN_OUT" --scenario "$name" --description "$DESC" \
    --verdict "$VERDICT" --nat-type "$NAT_TYPE" --nat-implementation "$nat_impl" \
    --haproxy-reuse "$HAPROXY_REUSE" --haproxy-check "$HAPROXY_CHECK" --skew-ms "$SKEW_MS" \
    --back-pcap "$(basename "$back_pcap")" "${LAB_TRUTH_ADDRESS_ARGS[@]}"
  say "$name: done in $((SECONDS - started)) s ($(du -sh "$SCEN_OUT" | cut -f1))"
}

check_prereqs
topo_remove_stale
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
say "writing to $OUTDIR"
for scenario in "${SELECTED[@]}"; do run_scenario "$scenario"; done
say "all done in $SECONDS s: ${SELECTED[*]}"
