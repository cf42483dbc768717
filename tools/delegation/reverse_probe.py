#!/usr/bin/python3
"""A care-of host's reverse tunnel (RFC 3024 §5.2, IP in IP of RFC 2003) and the correspondent that
receives what comes out of it, for tools/delegation/run-delegation.sh. Independent of the
appliance's code: scapy builds the datagrams, a plain UDP socket receives them.

  reverse_probe.py send --care-of C --home-agent HA --home H --to CN --port P --count N
      N datagrams IP(C -> HA) / IP(H -> CN) / UDP(-> P) / "reverse C i", one every 50 ms
  reverse_probe.py listen --address CN --port P --duration S [--count N]
      prints "from H: reverse C i" for every datagram received within S seconds (or until N were
      received), then "received N"
"""

import argparse
import socket
import sys
import time


def send(args) -> int:
    from scapy.all import IP, UDP, Raw, send as scapy_send  # noqa: E402 (scapy is slow to import)
    for i in range(args.count):
        inner = IP(src=args.home, dst=args.to) / UDP(sport=args.port, dport=args.port) / Raw(("reverse %s %d" % (args.care_of, i)).encode())
        # protocol 4: IP in IP, the outer source the care-of address the binding was registered with
        scapy_send(IP(src=args.care_of, dst=args.home_agent, proto=4) / inner, verbose=False)
        time.sleep(0.05)
    print("sent %d" % args.count)
    return 0


def listen(args) -> int:
    received = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((args.address, args.port))
        deadline = time.monotonic() + args.duration
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            s.settimeout(left)
            try:
                data, sender = s.recvfrom(2048)
            except socket.timeout:
                break
            received += 1
            print("from %s: %s" % (sender[0], data.decode(errors="replace")), flush=True)
            if args.count and received >= args.count:
                break
    print("received %d" % received, flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["send", "listen"])
    parser.add_argument("--care-of")
    parser.add_argument("--home-agent")
    parser.add_argument("--home")
    parser.add_argument("--to")
    parser.add_argument("--address", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=9434)
    parser.add_argument("--count", type=int, default=0, help="send: datagrams (5); listen: stop after so many")
    parser.add_argument("--duration", type=float, default=5.0)
    args = parser.parse_args(argv)
    if args.command == "send":
        args.count = args.count or 5
        if not (args.care_of and args.home_agent and args.home and args.to):
            parser.error("send needs --care-of, --home-agent, --home and --to")
        return send(args)
    return listen(args)


if __name__ == "__main__":
    sys.exit(main())
