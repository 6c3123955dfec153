# Client traffic: curl in the client namespace. Every transfer appends one line to
# $SCEN_OUT/clients.log with the client's own view (its address and port, the exit code), which
# is ground truth for the front side of each connection.
# shellcheck shell=bash

CURL_WRITE_OUT='local=%{local_ip}|%{local_port} remote=%{remote_ip}|%{remote_port} code=%{http_code} exit=%{exitcode} bytes=%{size_download} url=%{url_effective}\n'

# client_get SRC URL...: one curl process, so one connection carrying every URL (keep-alive).
client_get() {
  local src=$1 url outs=()
  shift
  for url in "$@"; do outs+=(-o /dev/null); done
  ip netns exec "$NS_CLI" curl -s -g --connect-timeout "${CURL_CONNECT_TIMEOUT:-3}" --max-time 20 \
    --interface "$src" -w "src=$src $CURL_WRITE_OUT" "${outs[@]}" "$@" >>"$SCEN_OUT/clients.log" || true
}

# client_burst COUNT URLBASE: COUNT concurrent clients, one request each, spread over the three
# client addresses. Client i asks for /burst/i/ and i x's: every request and response has its
# own length, as different URLs would. (haproxy under load does not serve concurrent clients
# in arrival order, so requests of one size could be paired by nothing but luck.)
client_burst() {
  local count=$1 base=$2 i pad pids=()
  for ((i = 1; i <= count; i++)); do
    pad=$(printf '%*s' "$i" '' | tr ' ' x)
    client_get "${CLIENT4[i % ${#CLIENT4[@]}]}" "$base/burst/$i/$pad" &
    pids+=($!)
  done
  wait "${pids[@]}"
}
