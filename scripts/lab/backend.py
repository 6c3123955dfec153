#!/usr/bin/env python3
"""The lab's backend web server: HTTP/1.1 with keep-alive on several addresses.

Every request is logged as one JSON line with the peer address the backend saw, which is the
backend-side ground truth (the proxy's source port, the client itself behind DNAT, the SNAT
address behind full NAT, or a health check).

Paths: /large?bytes=N answers N bytes, /health answers "ok", anything else a short text.
"""
import argparse
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_BYTES = 64 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the connection stays open between requests
    server_version = "lab-web1/1.0"
    timeout = 30

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/large":
            size = min(int(parse_qs(url.query).get("bytes", ["1000000"])[0]), MAX_BYTES)
            body = b"x" * size
        elif url.path == "/health":
            body = b"ok\n"
        else:
            body = f"hello from web1: {self.path}\n".encode()
        # Logged before answering: haproxy's health check resets the connection as soon as it
        # has read the status line, so the body's write may fail.
        self.server.request_log.write(self.client_address, self.connection.getsockname(), self.path, len(body))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Silenced: requests go to the JSON log instead."""


class RequestLog:
    """One JSON line per request, written whole under a lock (requests come from many threads)."""

    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, peer, local, path, size):
        line = json.dumps({"peer": {"host": peer[0], "port": peer[1]},
                           "local": {"host": local[0], "port": local[1]},
                           "path": path, "bytes": size})
        with self.lock:
            self.file.write(line + "\n")
            self.file.flush()


class LabServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A peer's RST (haproxy closes idle backend connections that way) is not a server error."""


def make_server(host, port, request_log):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = type("LabServerForFamily", (LabServer,), {"address_family": family})((host, port), Handler)
    server.request_log = request_log
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", action="append", required=True, help="address to listen on (repeatable)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--log", required=True, help="JSON-lines request log")
    args = parser.parse_args()
    request_log = RequestLog(args.log)
    servers = [make_server(host, args.port, request_log) for host in args.bind]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    print("ready", flush=True)
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
