#!/usr/bin/env python3
"""Measurements wrk cannot make, for tests/bench/run.sh. Each prints one line `PROBE k=v ...`.

  probe.py startup PORT CMD...   start CMD, poll GET /healthz on PORT every millisecond, print
                                 the milliseconds to the first 200, stop CMD with SIGTERM
  probe.py idle PID PORT N       open N keep-alive connections (one GET /healthz each, then
                                 idle), print VmRSS of PID before and with them, per connection
  probe.py rss PID               print VmRSS and VmHWM of PID in KiB
  probe.py time URL TOKEN N      median, min and max milliseconds of N sequential GETs (after one
                                 warm-up); any non-2xx answer is an error
"""
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise SystemExit(f"no {key} for {pid}")


def answered(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        body += sock.recv(4096)
    return head.startswith(b"HTTP/1.1 200")


def startup(port, cmd):
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ms = None
    try:
        while time.monotonic() - t0 < 10:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(REQUEST)
                    if answered(s):
                        ms = (time.monotonic() - t0) * 1000
                        break
            except OSError:
                time.sleep(0.001)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    if ms is None:
        raise SystemExit("no answer within 10 s")
    print(f"PROBE startup_ms={ms:.1f}")


def idle(pid, port, n):
    before = status_kib(pid, "VmRSS")
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(REQUEST)
        if not answered(s):
            raise SystemExit(f"connection {len(socks) + 1} was refused or closed")
        socks.append(s)
    time.sleep(0.5)
    # Still open? A closed one reads EOF at once.
    for s in socks:
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                raise SystemExit("a connection was closed while idle")
        except BlockingIOError:
            pass
    with_n = status_kib(pid, "VmRSS")
    per = (with_n - before) * 1024 / n
    print(f"PROBE idle_connections={n} rss_before_kib={before} rss_with_kib={with_n} "
          f"bytes_per_connection={per:.0f}")
    for s in socks:
        s.close()


def rss(pid):
    print(f"PROBE rss_kib={status_kib(pid, 'VmRSS')} hwm_kib={status_kib(pid, 'VmHWM')}")


def timed(url, token, n):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    target = u.path + ("?" + u.query if u.query else "")
    headers = {"Authorization": "Bearer " + token} if token else {}
    times = []
    for i in range(n + 1):
        t0 = time.monotonic()
        conn.request("GET", target, headers=headers)
        res = conn.getresponse()
        res.read()
        if not 200 <= res.status < 300:
            raise SystemExit(f"{u.path} answered {res.status}")
        if i:
            times.append((time.monotonic() - t0) * 1000)
    print(f"PROBE median_ms={statistics.median(times):.2f} min_ms={min(times):.2f} "
          f"max_ms={max(times):.2f} n={n}")


def main(argv):
    what = argv[1] if len(argv) > 1 else ""
    if what == "startup":
        startup(int(argv[2]), argv[3:])
    elif what == "idle":
        idle(int(argv[2]), int(argv[3]), int(argv[4]))
    elif what == "rss":
        rss(int(argv[2]))
    elif what == "time":
        timed(argv[2], argv[3], int(argv[4]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
