#!/usr/bin/env python3
"""Peer link datagrams made from docs/protocols.md ("Peer link") alone, for the appliance test:
an independent sender, not the Java codec. Sends one datagram of the named kind to host:port.

  peer_datagrams.py KIND HOST PORT [--source ADDR] [--key HEX] [--epoch N] [--seq N]

KIND: valid (a signed reliable data record), bad-hmac, unknown-key (key id 9), foreign-group
(group 8), garbage (not a peer link datagram). --source picks the multicast interface by address.
"""
import argparse
import hashlib
import hmac
import socket
import struct

MAGIC, VERSION = 0x4850, 1


def data_record(service, message_seq, payload, ack_requested=True):
    body = struct.pack(">HQ", service, message_seq) + payload
    return struct.pack(">BBH", 1, 0x01 if ack_requested else 0, len(body)) + body


def datagram(key, group, node, epoch, seq, key_id, records):
    header = struct.pack(">HBBIIQQHH", MAGIC, VERSION, 0, group, node, epoch, seq, key_id, len(records))
    covered = header + b"".join(records)
    return covered + hmac.new(key, covered, hashlib.sha256).digest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["valid", "bad-hmac", "unknown-key", "foreign-group", "garbage"])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--source")
    parser.add_argument("--key", required=True, help="hex of key id 1")
    parser.add_argument("--group", type=int, default=7)
    parser.add_argument("--node", type=int, default=9)
    parser.add_argument("--service", type=int, default=99)
    parser.add_argument("--epoch", type=int, default=1000)
    parser.add_argument("--seq", type=int, default=1)
    args = parser.parse_args()
    key = bytes.fromhex(args.key)
    records = [data_record(args.service, args.seq, b"from the python peer")]
    if args.kind == "garbage":
        out = b"\x5a" * 100
    else:
        group = args.group + 1 if args.kind == "foreign-group" else args.group
        key_id = 9 if args.kind == "unknown-key" else 1
        out = datagram(key, group, args.node, args.epoch, args.seq, key_id, records)
        if args.kind == "bad-hmac":
            out = out[:-1] + bytes([out[-1] ^ 1])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if args.source:
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(args.source))
        sock.bind((args.source, 0))
    sock.sendto(out, (args.host, args.port))
    print(f"sent {args.kind}: {len(out)} bytes to {args.host}:{args.port}")


if __name__ == "__main__":
    main()
