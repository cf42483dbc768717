#!/usr/bin/python3
"""Bounded UDP flood for measure-forwarding.sh: COUNT datagrams of SIZE octets to HOST:9 (discard)
as fast as one Python thread sends them; prints the seconds it took. Stops by itself."""
import socket
import sys
import time

host, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
s.connect((host, 9))
payload = b"\x00" * size
start = time.monotonic()
sent = 0
for _ in range(count):
    try:
        s.send(payload)
        sent += 1
    except OSError:     # ENOBUFS: the queue towards the home agent is full; counted as not sent
        pass
print("%d %.6f" % (sent, time.monotonic() - start))
