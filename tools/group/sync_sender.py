#!/usr/bin/python3
"""Group binding sync datagrams onto a member's peer link, made from docs/protocols.md ("Peer
link", "Group binding sync") alone: an independent sender, not the appliance's codec. For
tools/group/run-group-proof.sh (forged, replayed and foreign-group datagrams; a delete for a home
address nobody holds and a late add behind it).

  sync_sender.py change HOST --key HEX --home A [--care-of C] --sync-seq N [--bad-hmac] [--group G]
                             [--node N] [--epoch E] [--seq S]
  sync_sender.py resend HOST --hex HEX          (a captured datagram's bytes, as they were)

"change" sends one peer-link datagram (service 1, reliable) carrying one state change (type 1) of
home address A: one binding at care-of C (lifetime 1800 s), or none without --care-of (a delete,
removal reason 1 "deregistered"). --bad-hmac flips a bit of the HMAC (a forger without the key);
--group another group id (signed with the right key). Prints what it sent.
"""

import argparse
import ipaddress
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wireshark"))
import peer_datagrams  # noqa: E402  (the peer link's datagram and data record, from the same document)

SYNC_SERVICE, SYNC_VERSION, STATE_CHANGE = 1, 1, 1
DEREGISTERED = 1
LIFETIME = 1800


def address(text: str) -> int:
    return int(ipaddress.IPv4Address(text))


def binding_record(home: str, care_of: str, home_agent: str) -> bytes:
    """One binding record, 42 bytes without NAI (docs/protocols.md, "Binding record")."""
    return struct.pack(">IIIIHIIIQBBBB", address(home), address(care_of), address(home_agent), address(care_of),
                       434, LIFETIME, LIFETIME, 0, 1, 0, 0, 0, 0)


def state_change(sync_seq: int, home: str, care_of, home_agent: str) -> bytes:
    bindings = [binding_record(home, care_of, home_agent)] if care_of else []
    reason = 0 if care_of else DEREGISTERED
    return struct.pack(">BBQIBB", SYNC_VERSION, STATE_CHANGE, sync_seq, address(home), reason, len(bindings)) \
        + b"".join(bindings)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["change", "resend"])
    parser.add_argument("host")
    parser.add_argument("--port", type=int, default=7434)
    parser.add_argument("--key", help="hex of the HMAC-SHA-256 key of key id 1")
    parser.add_argument("--home")
    parser.add_argument("--care-of")
    parser.add_argument("--home-agent", default="192.0.2.1")
    parser.add_argument("--sync-seq", type=int, default=1, help="the group sync sender's sequence")
    parser.add_argument("--bad-hmac", action="store_true")
    parser.add_argument("--group", type=int, default=7)
    parser.add_argument("--node", type=int, default=9)
    parser.add_argument("--epoch", type=int, default=int(time.time() * 1000))
    parser.add_argument("--seq", type=int, default=1, help="datagram and message sequence of the peer link")
    parser.add_argument("--hex", help="resend: the datagram, hex")
    args = parser.parse_args(argv)

    if args.command == "resend":
        out = bytes.fromhex(args.hex.replace(":", ""))
        what = "resent datagram"
    else:
        payload = state_change(args.sync_seq, args.home, args.care_of, args.home_agent)
        record = peer_datagrams.data_record(SYNC_SERVICE, args.seq, payload)
        out = peer_datagrams.datagram(bytes.fromhex(args.key), args.group, args.node, args.epoch, args.seq, 1, [record])
        if args.bad_hmac:
            out = out[:-1] + bytes([out[-1] ^ 1])
        what = "state change of %s (%s, sync #%d) from node %d, group %d%s" % (
            args.home, "at " + args.care_of if args.care_of else "delete", args.sync_seq, args.node, args.group,
            ", HMAC forged" if args.bad_hmac else "")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(out, (args.host, args.port))
    print("sent %s: %d bytes to %s:%d" % (what, len(out), args.host, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
