# The lab's scenarios. Each scenario_NAME function sets what differs from the defaults (see
# scenario_defaults) and defines scenario_traffic, the client side of the experiment.
# shellcheck shell=bash

LAB_SCENARIOS=(proxy-single nat-single fullnat-single proxy-burst nat-burst mix keepalive ipv6
  refused unanswered large healthcheck skew)

PROXY_URL="http://$PROXY_VIP4"
NAT_URL="http://$NAT_VIP4"
BURST_CLIENTS=36

scenario_defaults() {
  DESC="" VERDICT="" NAT_TYPE="" HAPROXY_CHECK=0 HAPROXY_REUSE=safe LIVE=0 SKEW_MS=0
}

scenario_proxy_single() {
  DESC="the seed experiment: one request through haproxy; two handshakes with different ISNs"
  VERDICT=reverse-proxy LIVE=1
  scenario_traffic() { client_get "${CLIENT4[0]}" "$PROXY_URL/test.js"; }
}

scenario_nat_single() {
  DESC="one request through the DNAT address (LVS-NAT's rewrite); one handshake seen on both sides, same ISNs"
  VERDICT=nat NAT_TYPE=dnat LIVE=1
  scenario_traffic() { client_get "${CLIENT4[0]}" "$NAT_URL/test.js"; }
}

scenario_fullnat_single() {
  DESC="one request through the full-NAT address (DNAT + SNAT to $SNAT4); same ISNs, the backend sees the SNAT address"
  VERDICT=nat NAT_TYPE=full-nat
  scenario_traffic() { client_get "${CLIENT4[0]}" "http://$FULLNAT_VIP4/test.js"; }
}

scenario_proxy_burst() {
  DESC="$BURST_CLIENTS concurrent clients through haproxy, one request each"
  VERDICT=reverse-proxy
  scenario_traffic() { client_burst "$BURST_CLIENTS" "$PROXY_URL"; }
}

scenario_nat_burst() {
  DESC="$BURST_CLIENTS concurrent clients through the DNAT address, one request each"
  VERDICT=nat NAT_TYPE=dnat
  scenario_traffic() { client_burst "$BURST_CLIENTS" "$NAT_URL"; }
}

scenario_mix() {
  DESC="8 clients through haproxy and 8 through the DNAT address at the same time"
  VERDICT=mixed NAT_TYPE=dnat
  scenario_traffic() {
    local proxy_clients
    client_burst 8 "$PROXY_URL" &
    proxy_clients=$!
    client_burst 8 "$NAT_URL"
    wait "$proxy_clients"
  }
}

scenario_keepalive() {
  DESC="haproxy with http-reuse always: one client connection with 3 requests, 6 sequential clients, then 3 concurrent ones, over fewer backend connections (many-to-one)"
  VERDICT=reverse-proxy HAPROXY_REUSE=always
  scenario_traffic() {
    local i
    client_get "${CLIENT4[0]}" "$PROXY_URL/ka/1" "$PROXY_URL/ka/2" "$PROXY_URL/ka/3"
    for ((i = 1; i <= 6; i++)); do client_get "${CLIENT4[i % 3]}" "$PROXY_URL/seq/$i"; done
    client_burst 3 "$PROXY_URL"
  }
}

scenario_ipv6() {
  DESC="IPv6: one request through haproxy and one through the IPv6 DNAT address"
  VERDICT=mixed NAT_TYPE=dnat
  scenario_traffic() {
    client_get "$CLIENT6" "http://[$PROXY_VIP6]/v6/proxy"
    client_get "$CLIENT6" "http://[$NAT_VIP6]/v6/nat"
  }
}

scenario_refused() {
  DESC="one request through haproxy, then a SYN to $CLOSED_VIP4:80 where nothing listens: answered by RST"
  VERDICT=reverse-proxy
  scenario_traffic() {
    client_get "${CLIENT4[0]}" "$PROXY_URL/before-refused"
    client_get "${CLIENT4[0]}" "http://$CLOSED_VIP4/refused"
  }
}

scenario_unanswered() {
  DESC="one request through haproxy, then SYNs to $BLACKHOLE_VIP4:80 dropped by iptables: the client retransmits its SYN until curl gives up (3.5 s)"
  VERDICT=reverse-proxy
  scenario_traffic() {
    client_get "${CLIENT4[0]}" "$PROXY_URL/before-unanswered"
    CURL_CONNECT_TIMEOUT=3.5 client_get "${CLIENT4[0]}" "http://$BLACKHOLE_VIP4/unanswered"
  }
}

scenario_large() {
  DESC="one 4 MB download through haproxy"
  VERDICT=reverse-proxy
  scenario_traffic() { client_get "${CLIENT4[0]}" "$PROXY_URL/large?bytes=4000000"; }
}

scenario_healthcheck() {
  DESC="haproxy health checks on (GET /health every 400 ms): backend connections with no client counterpart, plus one client request"
  VERDICT=reverse-proxy HAPROXY_CHECK=1
  scenario_traffic() {
    sleep 1
    client_get "${CLIENT4[0]}" "$PROXY_URL/with-checks"
    sleep 1
  }
}

scenario_skew() {
  scenario_proxy_burst
  DESC="proxy-burst, with the backend capture's timestamps shifted by -137 ms (backend clock behind)"
  SKEW_MS=-137
}
