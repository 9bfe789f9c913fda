#!/usr/bin/python3
"""How long `peerlearn serve` takes to exit on SIGTERM while a client holds a keep-alive connection
open between requests (as an open browser tab does): starts the server on DB, asks for
/api/v1/health once over a connection it keeps, sends SIGTERM and times the exit. Medians of ROUNDS.
  stop_latency.py PEERLEARN_BINARY sqlite:DB [ROUNDS]
"""
import http.client
import signal
import socket
import statistics
import subprocess
import sys
import time

binary, db = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


times = []
for _ in range(rounds):
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = None
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/api/v1/health")
            conn.getresponse().read()
            break
        except OSError:
            conn = None
            time.sleep(0.05)
    if conn is None:
        server.kill()
        sys.exit("stop_latency.py: the server did not answer")
    start = time.monotonic()
    server.send_signal(signal.SIGTERM)
    server.wait()
    times.append(time.monotonic() - start)
    conn.close()
print(f"exit after SIGTERM with an idle keep-alive connection open: median {statistics.median(times):.3f} s"
      f" (min {min(times):.3f}, max {max(times):.3f}, {rounds} rounds)")
