#!/usr/bin/python3
"""The correspondent of the control node's system test (tools/hacn/run-hacn.sh): one ICMP echo
request (RFC 792) to each home address of a ledger, then the replies counted.

  ping_homes.py --ledger FILE [--timeout 10] [--gap 0.005]

The ledger is group_client.py's ("home care-of lifetime" a line). Each request has this process's
identifier and the home address's line as sequence number; a reply counts when it comes from the
home address with that identifier and sequence. Prints "answered N of M, lost K" (and the first
lost home addresses) and exits 1 if any was lost.
"""

import argparse
import os
import select
import socket
import struct
import sys
import time

from scapy.utils import checksum  # the Internet checksum, RFC 1071


def echo_request(ident: int, seq: int) -> bytes:
    payload = b"hacn-correspondent"
    header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, seq) + payload


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait after the last request")
    parser.add_argument("--gap", type=float, default=0.005, help="seconds between two requests")
    args = parser.parse_args(argv)

    with open(args.ledger) as ledger:
        homes = [line.split()[0] for line in ledger if line.strip()]
    ident = os.getpid() & 0xFFFF
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    # every ICMP datagram of the host lands on a raw ICMP socket, and the default buffer (rmem_default)
    # held the replies of about 260 requests only: room for all of them (root may force it past rmem_max)
    sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33), 8 * 1024 * 1024)
    waiting = set()

    def receive(until: float) -> None:
        """Counts the replies that come before the monotonic time until."""
        while waiting:
            ready, _, _ = select.select([sock], [], [], max(0.0, until - time.monotonic()))
            if not ready:
                return
            data, (source, _) = sock.recvfrom(2048)
            header = (data[0] & 0x0F) * 4
            kind, _, _, rid, rseq = struct.unpack("!BBHHH", data[header:header + 8])
            if kind == 0 and rid == ident:
                waiting.discard((source, rseq))

    for seq, home in enumerate(homes):
        sock.sendto(echo_request(ident, seq & 0xFFFF), (home, 0))
        waiting.add((home, seq & 0xFFFF))
        receive(time.monotonic() + args.gap)   # read while sending: the replies of the first come meanwhile
    receive(time.monotonic() + args.timeout)
    lost = sorted(home for home, _ in waiting)
    print("answered %d of %d, lost %d%s" % (len(homes) - len(lost), len(homes), len(lost),
                                            (": " + " ".join(lost[:10])) if lost else ""))
    return 1 if lost or not homes else 0


if __name__ == "__main__":
    sys.exit(main())
