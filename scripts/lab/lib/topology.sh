# Three network namespaces joined by two veth links; nothing is routed to the host.
#
#   client ns                 middle ns                          backend ns
#   eth0 192.0.2.10-12 ---- front0 192.0.2.1          back0 198.51.100.1 ---- eth0 198.51.100.10
#        2001:db8:1::10            2001:db8:1::1            198.51.100.2 (SNAT) 2001:db8:2::10
#                                  VIPs 203.0.113.80-84,     2001:db8:2::1
#                                  2001:db8:80::80-81
#
# The client reaches the VIPs through the middle box and the backend's route back to the
# clients points at the middle box, as LVS-NAT requires. The veths are created inside the
# namespaces, so no interface ever appears in the host's namespace.
# shellcheck shell=bash

LAB_ID="hsl$$"
NS_CLI="$LAB_ID-cli"
NS_MID="$LAB_ID-mid"
NS_BACK="$LAB_ID-back"

topo_up() {
  local ns addr
  for ns in "$NS_CLI" "$NS_MID" "$NS_BACK"; do
    ip netns add "$ns"
    # No duplicate address detection: addresses are usable at once, no tentative delay.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
    ip -n "$ns" link set lo up
  done
  ip -n "$NS_CLI" link add eth0 type veth peer name front0 netns "$NS_MID"
  ip -n "$NS_BACK" link add eth0 type veth peer name back0 netns "$NS_MID"

  for addr in "${CLIENT4[@]}"; do ip -n "$NS_CLI" addr add "$addr/24" dev eth0; done
  ip -n "$NS_CLI" addr add "$CLIENT6/64" dev eth0 nodad
  ip -n "$NS_CLI" link set eth0 up
  ip -n "$NS_CLI" route add 203.0.113.0/24 via "$MID_FRONT4"
  ip -n "$NS_CLI" route add 2001:db8:80::/64 via "$MID_FRONT6"

  ip -n "$NS_MID" addr add "$MID_FRONT4/24" dev front0
  for addr in "$PROXY_VIP4" "$BLACKHOLE_VIP4" "$CLOSED_VIP4"; do
    ip -n "$NS_MID" addr add "$addr/32" dev front0
  done
  ip -n "$NS_MID" addr add "$MID_FRONT6/64" dev front0 nodad
  ip -n "$NS_MID" addr add "$PROXY_VIP6/128" dev front0 nodad
  ip -n "$NS_MID" addr add "$MID_BACK4/24" dev back0
  ip -n "$NS_MID" addr add "$SNAT4/24" dev back0
  ip -n "$NS_MID" addr add "$MID_BACK6/64" dev back0 nodad
  ip -n "$NS_MID" link set front0 up
  ip -n "$NS_MID" link set back0 up
  ip netns exec "$NS_MID" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

  ip -n "$NS_BACK" addr add "$BACKEND4/24" dev eth0
  ip -n "$NS_BACK" addr add "$BACKEND6/64" dev eth0 nodad
  ip -n "$NS_BACK" link set eth0 up
  ip -n "$NS_BACK" route add 192.0.2.0/24 via "$MID_BACK4"
  ip -n "$NS_BACK" route add 2001:db8:1::/64 via "$MID_BACK6"

  # `ip netns exec` bind-mounts /etc/netns/NAME/* over /etc: the middle namespace (where the
  # pcaps are rendered) gets a hosts file naming the lab addresses and no DNS server, so name
  # resolution never leaves the machine.
  [[ -d /etc/netns ]] || LAB_MADE_ETC_NETNS=1
  mkdir -p "/etc/netns/$NS_MID"
  lab_hosts_file >"/etc/netns/$NS_MID/hosts"
  echo "# hs-report lab: no DNS" >"/etc/netns/$NS_MID/resolv.conf"
}

# topo_down: end every process inside our namespaces (each by its pid; they are ours, the
# namespaces were made by this run), then delete the namespaces, which removes the veths.
topo_down() {
  local ns pid
  for ns in "$NS_CLI" "$NS_MID" "$NS_BACK"; do
    [[ -e "/run/netns/$ns" ]] || continue
    for pid in $(ip netns pids "$ns" 2>/dev/null); do stop_pid "$pid" TERM 2; done
    ip netns del "$ns" 2>/dev/null
    rm -rf "/etc/netns/$ns"
  done
  [[ -n ${LAB_MADE_ETC_NETNS:-} ]] && rmdir /etc/netns 2>/dev/null
  return 0
}

# topo_remove_stale: namespaces left by a lab run that was killed outright (SIGKILL skips the
# trap). Their names carry the pid of the run that made them; only dead runs' are removed.
topo_remove_stale() {
  local ns run pid
  for ns in $(ip netns list | awk '{print $1}' | grep -E '^hsl[0-9]+-(cli|mid|back)$'); do
    run=${ns#hsl} run=${run%%-*}
    kill -0 "$run" 2>/dev/null && continue
    say "removing namespace $ns left by an earlier run"
    for pid in $(ip netns pids "$ns" 2>/dev/null); do stop_pid "$pid" TERM 2; done
    ip netns del "$ns" 2>/dev/null
    rm -rf "/etc/netns/$ns"
  done
}
