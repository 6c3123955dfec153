# Addresses of the lab, all from documentation ranges (RFC 5737, RFC 3849), and the names
# tcpdump prints for them in the renderings that resolve names (see hosts_file in topology.sh).
# shellcheck shell=bash

# Client namespace: three client addresses so bursts come from several hosts.
CLIENT4=(192.0.2.10 192.0.2.11 192.0.2.12)
CLIENT6=2001:db8:1::10
MID_FRONT4=192.0.2.1
MID_FRONT6=2001:db8:1::1

# Service addresses (VIPs) on the middle box; clients route 203.0.113.0/24 through it.
PROXY_VIP4=203.0.113.80       # haproxy
NAT_VIP4=203.0.113.81         # iptables DNAT (what LVS-NAT does)
FULLNAT_VIP4=203.0.113.82     # iptables DNAT + SNAT
BLACKHOLE_VIP4=203.0.113.83   # local address whose port 80 is dropped by iptables
CLOSED_VIP4=203.0.113.84      # local address with nothing listening on port 80
PROXY_VIP6=2001:db8:80::80
NAT_VIP6=2001:db8:80::81
VIP_PORT=80

# Back side.
MID_BACK4=198.51.100.1
SNAT4=198.51.100.2            # full-NAT source address
MID_BACK6=2001:db8:2::1
BACKEND4=198.51.100.10
BACKEND6=2001:db8:2::10
BACKEND_PORT=8080

# /etc/hosts lines for the namespace that renders pcaps to text, so that the default
# rendering prints names the way the seed did (linux-node1.example.com.http).
lab_hosts_file() {
  cat <<HOSTS
127.0.0.1 localhost
${CLIENT4[0]} client1.lab.example
${CLIENT4[1]} client2.lab.example
${CLIENT4[2]} client3.lab.example
$CLIENT6 client1.lab.example
$MID_FRONT4 mid-front.lab.example
$MID_FRONT6 mid-front.lab.example
$PROXY_VIP4 proxy.lab.example
$PROXY_VIP6 proxy.lab.example
$NAT_VIP4 nat.lab.example
$NAT_VIP6 nat.lab.example
$FULLNAT_VIP4 fullnat.lab.example
$BLACKHOLE_VIP4 blackhole.lab.example
$CLOSED_VIP4 closed.lab.example
$MID_BACK4 mid-back.lab.example
$MID_BACK6 mid-back.lab.example
$SNAT4 snat.lab.example
$BACKEND4 web1.lab.example
$BACKEND6 web1.lab.example
HOSTS
}

# The addresses truth.py needs to tell proxy, NAT and backend connections apart.
LAB_TRUTH_ADDRESS_ARGS=(
  --proxy-vip "$PROXY_VIP4" --proxy-vip "$PROXY_VIP6"
  --nat-vip "$NAT_VIP4=dnat" --nat-vip "$NAT_VIP6=dnat" --nat-vip "$FULLNAT_VIP4=full-nat"
  --snat "$SNAT4" --backend "$BACKEND4|$BACKEND_PORT" --backend "$BACKEND6|$BACKEND_PORT"
)
