# Small helpers shared by the lab scripts.
# shellcheck shell=bash

say() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# wait_for_text FILE PATTERN SECONDS: poll FILE until it contains PATTERN (fixed string).
# tcpdump prints "listening on" only once its capture is really open, so waiting for it is
# what makes "captures started before traffic" true rather than hoped for.
wait_for_text() {
  local file=$1 pattern=$2 seconds=$3 tries
  tries=$((seconds * 20))
  while ((tries-- > 0)); do
    grep -qF -- "$pattern" "$file" 2>/dev/null && return 0
    sleep 0.05
  done
  die "timed out after ${seconds}s waiting for '$pattern' in $file: $(tail -3 "$file" 2>/dev/null)"
}

# wait_for_listen NS PORT COUNT SECONDS: until COUNT TCP listeners on PORT exist in NS.
wait_for_listen() {
  local ns=$1 port=$2 count=$3 seconds=$4 tries
  tries=$((seconds * 20))
  while ((tries-- > 0)); do
    (($(ip netns exec "$ns" ss -Hltn "sport = :$port" | wc -l) >= count)) && return 0
    sleep 0.05
  done
  die "nothing listening on port $port in namespace $ns after ${seconds}s"
}

# stop_pid PID SIGNAL SECONDS: signal one process we started and wait for it.
stop_pid() {
  kill -"$2" "$1" 2>/dev/null || return 0
  wait_pid "$1" "$3"
}

# wait_pid PID SECONDS: wait for a process already told to stop; SIGKILL if it outlives SECONDS.
wait_pid() {
  local pid=$1 tries=$(($2 * 20))
  while ((tries-- > 0)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  return 0
}
