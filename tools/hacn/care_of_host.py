#!/usr/bin/python3
"""The care-of host of the control node's system test: the far end of the HAs' tunnels, written
from the RFCs with scapy, not from our Java (tools/hacn/run-hacn.sh).

  care_of_host.py --interface home --care-of 198.51.100.1 --home-agent 192.0.2.1 --log FILE

Sniffs the IP-in-IP datagrams (RFC 2003 §3.1: protocol 4) to the care-of address on the link and
writes one line per datagram to FILE:

  <epoch-ms> <Ethernet source> <outer source> <inner source> <inner destination> <ICMP type or ->

and answers an ICMP echo request inside one as the mobile node would, only if the outer source is
the home agent address of the registration (RFC 5944 §3.8.2.1: the HACN's public address, which
foreign agents and mobiles know as their one home agent): an echo reply from the home address to
the correspondent, sent straight to it (triangular routing, no reverse tunnel). So a correspondent's
ping is answered only through a tunnel whose outer source is the public address. Runs until killed.
"""

import argparse
import socket
import struct
import sys
import time

from scapy.all import IP, Ether, sniff, conf  # noqa: E402
from scapy.utils import checksum  # noqa: E402  (the Internet checksum, RFC 1071)

conf.verb = 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interface", default="home")
    parser.add_argument("--care-of", default="198.51.100.1")
    parser.add_argument("--home-agent", default="192.0.2.1")
    parser.add_argument("--log", required=True)
    args = parser.parse_args(argv)

    out = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)   # IP_HDRINCL: any source
    # never read: this host's kernel has no ipip module, and without a raw socket for protocol 4 it
    # would answer every tunnelled datagram with an ICMP protocol unreachable to the public address
    quiet = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)
    log = open(args.log, "a", buffering=1)
    print("care-of host on %s: %s, home agent %s" % (args.interface, args.care_of, args.home_agent), flush=True)

    def handle(frame):
        outer = frame[IP]
        inner = bytes(outer.payload)
        if len(inner) < 20 or inner[0] >> 4 != 4:
            log.write("%d %s %s - - malformed\n" % (time.time() * 1000, frame[Ether].src, outer.src))
            return
        header = (inner[0] & 0x0F) * 4
        source, destination = socket.inet_ntoa(inner[12:16]), socket.inet_ntoa(inner[16:20])
        icmp = inner[9] == 1 and len(inner) >= header + 8
        log.write("%d %s %s %s %s %s\n" % (time.time() * 1000, frame[Ether].src, outer.src, source, destination,
                                           inner[header] if icmp else "-"))
        if outer.src != args.home_agent or not icmp or inner[header] != 8:
            return
        # the echo reply, made from the request's bytes (RFC 792): addresses swapped, type 0, both
        # checksums again; built by hand, as scapy's objects cost too much per datagram here
        reply = bytearray(inner)
        reply[12:16], reply[16:20] = inner[16:20], inner[12:16]
        reply[8] = 64
        reply[10:12] = b"\0\0"
        reply[10:12] = checksum(bytes(reply[:header])).to_bytes(2, "big")
        reply[header] = 0
        reply[header + 2:header + 4] = b"\0\0"
        reply[header + 2:header + 4] = checksum(bytes(reply[header:])).to_bytes(2, "big")
        out.sendto(bytes(reply), (source, 0))

    try:
        sniff(iface=args.interface, filter="ip proto 4 and dst host %s" % args.care_of, prn=handle, store=False)
    finally:
        quiet.close()
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
