#!/usr/bin/python3
"""The co-located mobile node's end of the home agent's IP-in-IP tunnel, for a kernel without ipip.

Runs in the mobile's network namespace (tools/mimm/run-mimm-e2e.sh). RFC 5944 §3.1.1 / RFC 2003:
a mobile with a co-located care-of address decapsulates itself. This kernel has no ipip module, so
the decapsulation is done here, in user space:

  * a TUN device (IFF_TUN | IFF_NO_PI) named by --tun carries the home address (the script sets it
    up with `ip`), so the mobile's own stack owns the home address: a ping to it is answered by the
    kernel, a UDP socket bound to any address receives what is sent to it;
  * a raw socket of protocol 4 receives every IP-in-IP datagram sent to this host, whichever link it
    came in on (its only other effect: the kernel sends no "protocol unreachable" for them);
  * each datagram whose outer source is the home agent (--home-agent) and whose outer destination is
    one of the care-of addresses (--care-of, repeatable) is stripped of its outer header (RFC 2003
    §3.1: the outer header's length is its IHL) and written to the TUN device, i.e. received by the
    mobile's stack as if it had arrived on the home link. Anything else is counted and dropped.

Replies from the home address leave by the default route (triangular routing, no reverse tunnel).
Counts (per care-of address, and the refusals) are printed on SIGTERM / SIGINT, one "name value" a line.
"""

import argparse
import fcntl
import os
import select
import signal
import socket
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tun", required=True)
    parser.add_argument("--home-agent", required=True)
    parser.add_argument("--care-of", action="append", required=True)
    args = parser.parse_args()
    home_agent = socket.inet_aton(args.home_agent)
    care_ofs = {socket.inet_aton(a): a for a in args.care_of}
    counts = {f"delivered via {a}": 0 for a in args.care_of}
    counts.update({"refused not from the home agent": 0, "refused not to a care-of address": 0,
                   "refused malformed": 0})

    tun = open_tun(args.tun)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print("ready", flush=True)
    while not stop:
        try:
            readable, _, _ = select.select([raw], [], [], 0.2)
        except InterruptedError:
            continue
        if not readable:
            continue
        packet = raw.recv(65535)
        ihl = (packet[0] & 0x0F) * 4 if packet else 0
        if len(packet) < ihl + 20 or ihl < 20 or packet[0] >> 4 != 4 or packet[9] != 4:
            counts["refused malformed"] += 1
        elif packet[12:16] != home_agent:
            counts["refused not from the home agent"] += 1
        elif packet[16:20] not in care_ofs:
            counts["refused not to a care-of address"] += 1
        else:
            os.write(tun, packet[ihl:])
            counts[f"delivered via {care_ofs[packet[16:20]]}"] += 1
    for name, value in counts.items():
        print(f"{name}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
