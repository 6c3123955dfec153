# The prerequisite check: say exactly what is missing and how to install it, exit 2.
# shellcheck shell=bash

# command -> Debian package that provides it.
declare -A LAB_TOOL_PACKAGE=(
  [ip]=iproute2 [ss]=iproute2 [tcpdump]=tcpdump [haproxy]=haproxy [iptables]=iptables
  [ip6tables]=iptables [curl]=curl [python3]=python3
)

# check_prereqs [extra commands...]: extra commands (tshark for the test) are required too.
check_prereqs() {
  local missing=() packages=() cmd pkg
  declare -A extra_package=([tshark]=tshark [node]=nodejs)
  ((EUID == 0)) || missing+=("root (run as root: the lab creates network namespaces)")
  for cmd in "${!LAB_TOOL_PACKAGE[@]}" "$@"; do
    command -v "$cmd" >/dev/null 2>&1 && continue
    pkg=${LAB_TOOL_PACKAGE[$cmd]:-${extra_package[$cmd]:-$cmd}}
    missing+=("$cmd (package $pkg)")
    packages+=("$pkg")
  done
  if ((${#missing[@]} == 0)) && ! lab_netns_possible; then
    missing+=("network namespaces: 'ip netns add' failed (needs root with CAP_SYS_ADMIN and CAP_NET_ADMIN, not an unprivileged container)")
  fi
  if ((${#missing[@]})); then
    printf '[lab] missing prerequisites:\n' >&2
    printf '[lab]   - %s\n' "${missing[@]}" >&2
    ((${#packages[@]})) &&
      printf '[lab] install with: apt-get install -y %s\n' "$(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ')" >&2
    exit 2
  fi
  command -v conntrack >/dev/null 2>&1 ||
    say "conntrack not found (apt-get install -y conntrack): NAT pairs will be derived from the rules and curl's client ports"
}

# lab_netns_possible: try one throw-away namespace with a veth inside it.
lab_netns_possible() {
  local probe="hsl$$-probe" ok=0
  ip netns add "$probe" 2>/dev/null || return 1
  ip -n "$probe" link add p0 type veth peer name p1 2>/dev/null || ok=1
  ip netns del "$probe" 2>/dev/null
  return $ok
}
