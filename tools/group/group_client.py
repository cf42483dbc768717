#!/usr/bin/python3
"""Registers many mobile nodes with a redundancy group's virtual home agent address and keeps a
ledger of what the group acknowledged, for tools/group/run-group.sh. An independent client: the
requests and their MN-HA authenticators come from tools/interop/mip_client.py (scapy + hmac,
written from RFC 5944), not from the appliance's code.

  group_client.py write-sa --nodes N [--home-base A] [--spi-base S] --key K      (to stdout)
  group_client.py register --server VIP --nodes N --coa C --ledger FILE ...       (every node once)
  group_client.py renew --server VIP --ledger FILE --count M ...                  (M nodes of it again)
  (register and renew: --reverse asks for reverse tunnelling, the T flag of RFC 3024)
  group_client.py check --ledger FILE --bindings FILE                             (mip:bindings output)
  group_client.py probe --server VIP --ledger FILE --timeout T --duration S        (failover figure)

Mobile node i has home address home-base + i and SPI spi-base + i, all with the same test key.
A registration is acknowledged when a reply with code 0 and a valid MN-HA authenticator answers
it; a request without reply is sent again (new identification) up to --attempts times. The ledger
has one line per acknowledged node: "home care-of lifetime". Last line of register/renew:
"acknowledged N, refused N, unanswered N"; check prints "missing N of M" and exits 1 if N > 0.
probe renews the ledger's first node, a new request every --timeout seconds, until a reply to any
of them is accepted (a reply later than --timeout counts when it comes): prints "accepted at
epoch-ms T" (T the reply's arrival) and exits 0, or exits 1 after --duration seconds.
"""

import argparse
import ipaddress
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
import mip_client  # noqa: E402  (the interop client's Request, Client, authenticators)


def homes(base: str, count: int, spi_base: int):
    first = int(ipaddress.IPv4Address(base))
    return [(str(ipaddress.IPv4Address(first + i)), spi_base + i) for i in range(count)]


def request_flags(args) -> int:
    """D (a co-located care-of address), and T (reverse tunnelling, RFC 3024 §3) with --reverse."""
    return mip_client.FLAG_D | (mip_client.FLAG_T if args.reverse else 0)


def register_all(args, nodes) -> int:
    key = mip_client.parse_key(args.key)
    client = mip_client.Client(args.port, args.server, timeout=args.timeout)
    acknowledged, refused, unanswered = [], 0, 0
    try:
        for home, spi in nodes:
            outcome = None
            for _ in range(args.attempts):
                request = mip_client.Request(home_address=home, home_agent=args.server, care_of=args.coa,
                                             identification=client.next_identification(), lifetime=args.lifetime,
                                             flags=request_flags(args), extensions=[], spi=spi, key=key)
                reply = client.register(request)
                if reply is not None:
                    outcome = reply
                    break
            if outcome is None:
                unanswered += 1
            elif outcome.code == 0 and outcome.authenticated_by(key, "hmac-md5", spi):
                acknowledged.append("%s %s %d" % (home, args.coa, outcome.lifetime))
            else:
                refused += 1
    finally:
        client.close()
    with open(args.ledger + (".renewed" if args.command == "renew" else ""), "w") as ledger:
        ledger.write("".join(line + "\n" for line in acknowledged))
    print("acknowledged %d, refused %d, unanswered %d" % (len(acknowledged), refused, unanswered))
    return 0 if refused == 0 and unanswered == 0 else 1


def probe(args, home: str, spi: int) -> int:
    key = mip_client.parse_key(args.key)
    client = mip_client.Client(args.port, args.server, timeout=args.timeout)
    deadline = time.monotonic() + args.duration
    sent = set()  # the low-order 32 bits of every identification sent: a late reply counts too
    try:
        while time.monotonic() < deadline:
            request = mip_client.Request(home_address=home, home_agent=args.server, care_of=args.coa,
                                         identification=client.next_identification(), lifetime=args.lifetime,
                                         flags=mip_client.FLAG_D, extensions=[], spi=spi, key=key)
            client.send_raw(request.encode())
            sent.add(request.identification & 0xFFFFFFFF)
            reply = client.receive(lambda low: low in sent, args.timeout)
            if reply is not None and reply.code == 0 and reply.authenticated_by(key, "hmac-md5", spi):
                print("accepted at epoch-ms %d after %d requests" % (int(time.time() * 1000), len(sent)))
                return 0
    finally:
        client.close()
    print("no request accepted in %s s (%d sent)" % (args.duration, len(sent)))
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["write-sa", "register", "renew", "check", "probe"])
    parser.add_argument("--server", default="192.0.2.1")
    parser.add_argument("--port", type=int, default=434)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--home-base", default="10.200.0.0")
    parser.add_argument("--spi-base", type=int, default=256)
    parser.add_argument("--key", default="0x00112233445566778899aabbccddeeff")
    parser.add_argument("--coa", default="198.51.100.1")
    parser.add_argument("--lifetime", type=int, default=1800)
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--ledger")
    parser.add_argument("--bindings")
    parser.add_argument("--reverse", action="store_true", help="ask for reverse tunnelling (T flag)")
    args = parser.parse_args(argv)

    if args.command == "write-sa":
        for home, spi in homes(args.home_base, args.nodes, args.spi_base):
            print("%s %d hmac-md5 %s timestamp" % (home, spi, args.key))
        return 0
    if args.command == "register":
        return register_all(args, homes(args.home_base, args.nodes, args.spi_base))
    with open(args.ledger) as ledger:
        acknowledged = [line.split()[0] for line in ledger if line.strip()]
    first = int(ipaddress.IPv4Address(args.home_base))
    chosen = [(home, args.spi_base + int(ipaddress.IPv4Address(home)) - first) for home in acknowledged[:args.count]]
    if args.command == "renew":
        return register_all(args, chosen)
    if args.command == "probe":
        if not chosen:
            print("the ledger %s holds no acknowledged node to renew" % args.ledger)
            return 1
        return probe(args, *chosen[0])
    with open(args.bindings) as listing:
        held = set(re.findall(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b", listing.read()))
    missing = [home for home in acknowledged if home not in held]
    print("missing %d of %d%s" % (len(missing), len(acknowledged),
                                  (": " + " ".join(missing[:10])) if missing else ""))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
