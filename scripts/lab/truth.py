#!/usr/bin/env python3
"""Write truth.json for one lab scenario from what the programs themselves recorded.

Sources, none of them a capture: curl's view of each client connection (clients.log),
haproxy's log (client ip:port -> backend source ip:port, %ci:%cp / %bi:%bp), the backend's
request log (the peer it saw) and the middle box's conntrack table (NAT translations). The
captures are then checked against this by scripts/lab/check-lab.ts with tshark.
"""
import argparse
import glob
import json
import os
import platform
import subprocess
from urllib.parse import urlsplit

CURL_EXIT_STATUS = {0: "complete", 7: "refused", 28: "unanswered"}


def endpoint(text):
    """'host|port' or 'host:port' (last colon; IPv6 hosts have more) -> {host, port}."""
    host, _, port = text.rpartition("|" if "|" in text else ":")
    return {"host": host, "port": int(port)}


def key(ep):
    return f"{ep['host']}|{ep['port']}"


def fields(line):
    """'a=1 b=2 request="GET / HTTP/1.1"' -> dict; a quoted value may hold spaces."""
    out, rest = {}, line.strip()
    while rest:
        name, _, rest = rest.partition("=")
        if rest.startswith('"'):
            value, _, rest = rest[1:].partition('"')
        else:
            value, _, rest = rest.partition(" ")
        out[name.strip()] = value
        rest = rest.strip()
    return out


def read_lines(path):
    return [line for line in open(path, encoding="utf-8") if line.strip()] if os.path.exists(path) else []


def front_connections(directory):
    """One entry per client connection curl made (several URLs in one curl call share one)."""
    conns = {}
    for line in read_lines(os.path.join(directory, "clients.log")):
        f = fields(line)
        url = urlsplit(f["url"])
        status = CURL_EXIT_STATUS.get(int(f["exit"]), f"curl exit {f['exit']}")
        server = {"host": url.hostname, "port": url.port or 80}
        if status == "complete":
            client = endpoint(f["local"])
            ident = key(client)
        else:  # curl knows no local port when the handshake failed
            client = {"host": f["src"], "port": None}
            ident = f"failed:{len(conns)}"
        conn = conns.setdefault(ident, {"client": client, "server": server, "status": status, "requests": 0, "urls": []})
        conn["requests"] += status == "complete"
        conn["urls"].append(f["url"])
    return list(conns.values())


def proxy_pairs(directory):
    """haproxy log: each request's client connection and the backend connection that carried it."""
    pairs = {}
    for line in read_lines(os.path.join(directory, "haproxy.log")):
        f = fields(line)
        if "backend_source" not in f:
            continue
        front = {"client": endpoint(f["client"]), "server": endpoint(f["frontend"])}
        back = {"client": endpoint(f["backend_source"]), "server": endpoint(f["server"])}
        pair = pairs.setdefault(key(front["client"]) + ">" + key(back["client"]),
                                {"kind": "proxy", "front": front, "back": back, "requests": 0, "source": "haproxy log"})
        pair["requests"] += 1
    return list(pairs.values())


def conntrack_pairs(directory, nat_vips):
    """conntrack -L: original tuple = what the client sent, reply tuple = what the backend sent."""
    pairs = []
    for line in read_lines(os.path.join(directory, "conntrack.txt")):
        parts = line.split()
        if not parts or parts[0] != "tcp":
            continue
        kv = [p.split("=", 1) for p in parts if "=" in p]
        src, dst, sport, dport = ([v for k, v in kv if k == name] for name in ("src", "dst", "sport", "dport"))
        if dst[0] not in nat_vips:
            continue
        pairs.append({"kind": "nat", "natType": nat_vips[dst[0]],
                      "front": {"client": {"host": src[0], "port": int(sport[0])}, "server": {"host": dst[0], "port": int(dport[0])}},
                      "back": {"client": {"host": dst[1], "port": int(dport[1])}, "server": {"host": src[1], "port": int(sport[1])}},
                      "isnEqual": True, "source": "conntrack"})
    return pairs


def backend_requests(directory):
    return [json.loads(line) for line in read_lines(os.path.join(directory, "backend.log"))]


def derived_nat_pairs(fronts, nat_vips, snat, backends, requests):
    """Without conntrack: the backend saw the request for the same URL from the client itself
    (DNAT) or from the SNAT address (full NAT); its log names the port."""
    pairs = []
    for conn in fronts:
        nat_type = nat_vips.get(conn["server"]["host"])
        if not nat_type or conn["status"] != "complete":
            continue
        host = conn["client"]["host"] if nat_type == "dnat" else snat
        url = urlsplit(conn["urls"][0])
        path = url.path + (f"?{url.query}" if url.query else "")
        seen = next(r for r in requests if r["path"] == path and r["peer"]["host"] == host)
        server = next(b for b in backends if (":" in b["host"]) == (":" in host))
        pairs.append({"kind": "nat", "natType": nat_type, "front": {"client": conn["client"], "server": conn["server"]},
                      "back": {"client": seen["peer"], "server": server}, "isnEqual": True,
                      "source": "the DNAT rules, curl's client port and the backend's log of the same URL"})
    return pairs


def back_connections(requests, proxy_sources):
    """One entry per backend connection that carried a request, as the backend saw its peer."""
    conns = {}
    for entry in requests:
        ident = key(entry["peer"])
        if ident in proxy_sources:
            role = "proxy"
        elif entry["path"] == "/health":
            role = "healthcheck"
        else:
            role = "nat"
        conn = conns.setdefault(ident, {"client": entry["peer"], "server": entry["local"], "status": "complete",
                                        "requests": 0, "role": role})
        conn["requests"] += 1
    return list(conns.values())


def count_statuses(conns):
    counts = {}
    for conn in conns:
        counts[conn["status"]] = counts.get(conn["status"], 0) + 1
    return counts


def first_line(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def texts(directory, prefix):
    found = sorted(glob.glob(os.path.join(directory, f"{prefix}.*.txt")))
    return {os.path.basename(p)[len(prefix) + 1:-4]: os.path.basename(p) for p in found
            if not p.endswith(".stderr.txt") and not p.endswith(".live.txt")}


def dropped_by_kernel(directory, prefix):
    """tcpdump's own count from its exit banner ("N packets dropped by kernel")."""
    for line in read_lines(os.path.join(directory, f"{prefix}.pcap.stderr.txt")):
        if line.strip().endswith("dropped by kernel"):
            return int(line.split()[0])
    return None


def capture_entry(directory, prefix, pcap, where, capture_filter):
    entry = {"pcap": pcap, "where": where, "filter": capture_filter, "texts": texts(directory, prefix),
             "droppedByKernel": dropped_by_kernel(directory, prefix)}
    if os.path.exists(os.path.join(directory, f"{prefix}.live.txt")):
        entry["live"] = f"{prefix}.live.txt"
    return entry


def main():
    p = argparse.ArgumentParser(description="write truth.json for one lab scenario")
    for name in ("dir", "scenario", "description", "verdict", "nat-type", "nat-implementation",
                 "haproxy-reuse", "back-pcap"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--haproxy-check", type=int, required=True)
    p.add_argument("--proxy-vip", action="append", required=True)
    p.add_argument("--nat-vip", action="append", required=True, help="ADDRESS=dnat|full-nat")
    p.add_argument("--snat", required=True, help="the full NAT's source address")
    p.add_argument("--backend", action="append", required=True, help="ADDRESS|PORT")
    p.add_argument("--skew-ms", type=float, required=True)
    a = p.parse_args()
    d = a.dir
    nat_vips = dict(v.split("=", 1) for v in a.nat_vip)
    backends = [endpoint(b) for b in a.backend]

    fronts = front_connections(d)
    proxies = proxy_pairs(d)
    has_conntrack = os.path.exists(os.path.join(d, "conntrack.txt"))
    requests = backend_requests(d)
    nats = conntrack_pairs(d, nat_vips) if has_conntrack else derived_nat_pairs(fronts, nat_vips, a.snat, backends, requests)
    backs = back_connections(requests, {key(pair["back"]["client"]) for pair in proxies})
    paired_front = {key(pair["front"]["client"]) for pair in proxies + nats}
    paired_back = {key(pair["back"]["client"]) for pair in proxies + nats}

    truth = {
        "scenario": a.scenario,
        "description": a.description,
        "generatedBy": "scripts/lab/run-lab.sh",
        "environment": {
            "kernel": platform.release(),
            "tcpdump": first_line(["tcpdump", "--version"]),
            "haproxy": first_line(["haproxy", "-v"]),
            "curl": first_line(["curl", "--version"]),
        },
        "middleBox": {
            "proxy": {"software": "haproxy", "vips": a.proxy_vip, "port": 80, "httpReuse": a.haproxy_reuse,
                      "healthChecks": bool(a.haproxy_check), "log": "haproxy.log"},
            "nat": {"implementation": a.nat_implementation,
                    "vips": nat_vips, "fullNatSource": a.snat, "rules": "rules.txt",
                    "conntrack": "conntrack.txt" if has_conntrack else None},
        },
        "backends": backends,
        "captures": {
            "front": capture_entry(d, "front", "front.pcap", "middle box namespace, interface front0 (client side)", "tcp port 80"),
            "back": capture_entry(d, "back", a.back_pcap, "backend namespace, interface eth0", "tcp port 8080"),
            "any": capture_entry(d, "any", "any.pcap", "middle box namespace, -i any (both legs)", "tcp"),
        },
        "clock": {
            "backAheadMs": a.skew_ms,
            **({"truePcap": "back.pcap"} if a.skew_ms else {}),
            "method": ("back pcap timestamps rewritten by scripts/lab/pcap_shift.py (namespaces share the "
                       "realtime clock); back.pcap keeps the true times") if a.skew_ms else "one kernel clock for all captures",
        },
        "expected": {
            "verdict": {"kind": a.verdict, **({"natType": a.nat_type} if a.nat_type else {})},
            "handshakes": {"front": count_statuses(fronts), "back": count_statuses(backs)},
            "isn": "differ across each proxy pair, equal across each NAT pair (client and server ISN)",
        },
        "connections": {"front": fronts, "back": backs},
        "pairs": proxies + nats,
        "unpaired": {
            "front": [c for c in fronts if c["status"] != "complete" or key(c["client"]) not in paired_front],
            "back": [c for c in backs if key(c["client"]) not in paired_back],
        },
    }
    with open(os.path.join(d, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
