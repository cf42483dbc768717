#!/usr/bin/python3
"""Malformed datagrams against the running appliance (issue 10), driven by run-fuzz-live.sh.

  register  registers N mobile nodes with mip_client.py and records the acknowledged bindings
  fuzz      sends M malformed datagrams to the home agent's port on loopback, made with scapy:
            fuzz() over its MobileIP layers (requests, replies, tunnel data, random types) with
            random extension tails, and truncations, bit flips and octet changes of a valid signed
            request, requests and deregistrations of the registered nodes with a wrong
            authenticator, extension lists with impossible lengths
  check     every acknowledged binding is still there (mip:bindings), a registered node renews and
            a new one registers, mip:stats still answers

Each command prints one line per check and last "N passed, N failed". The security associations
and the address plan are crash_recovery.py's (write-config there): node i has home address
home_address(i) and SPI 256; node N (one more than registered) is kept for the fresh registration.
"""

import argparse
import json
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mip_client as mip  # noqa: E402
from crash_recovery import KEY_TEXT, SPI, Checks, care_of, home_address  # noqa: E402
from scapy.layers.inet import IP  # noqa: E402
from scapy.layers.mobileip import MobileIP, MobileIPRRP, MobileIPRRQ, MobileIPTunnelData  # noqa: E402
from scapy.packet import Raw, fuzz  # noqa: E402
from scapy.volatile import RandBin, RandNum  # noqa: E402

LIFETIME = 1800


def signed_request(client: mip.Client, i: int, lifetime: int = LIFETIME, coa: str = None) -> mip.Request:
    """Node i's request, signed with its key; the client gives the identification."""
    return mip.Request(home_address=home_address(i), home_agent="127.0.0.1", care_of=coa or care_of(i),
                       identification=client.next_identification(), lifetime=lifetime, spi=SPI,
                       key=mip.parse_key(KEY_TEXT))


def register(args) -> int:
    checks = Checks()
    client = mip.Client(args.port)
    acked = []
    try:
        for i in range(args.count):
            reply = client.register(signed_request(client, i))
            if reply is not None and reply.code in (0, 1) and reply.authenticated_by(mip.parse_key(KEY_TEXT), spi=SPI):
                acked.append([home_address(i), care_of(i)])
    finally:
        client.close()
    with open(args.out, "w") as out:
        json.dump(acked, out)
    checks.check(len(acked) == args.count, "%d of %d mobile nodes registered" % (len(acked), args.count))
    return checks.summary()


class Malformations:
    """The kinds of malformed datagram, each a function of a random generator; chosen evenly."""

    def __init__(self, rng: random.Random, nodes: int, client: mip.Client):
        self.rng = rng
        self.nodes = nodes
        self.ids = client  # gives identifications; the forgeries are sent from another socket
        self.kinds = [self.scapy_request, self.scapy_any_type, self.scapy_reply, self.scapy_tunnel_data,
                      self.truncated, self.bit_flips, self.octets_changed, self.wrong_authenticator,
                      self.wrong_deregistration, self.bad_extension_lengths]

    def next(self) -> bytes:
        return self.rng.choice(self.kinds)()

    def tail(self) -> bytes:
        return bytes(RandBin(RandNum(0, 64)))

    def scapy_request(self) -> bytes:
        return bytes(fuzz(MobileIP(type=1) / MobileIPRRQ())) + self.tail()

    def scapy_any_type(self) -> bytes:
        return bytes(fuzz(MobileIP() / MobileIPRRQ())) + self.tail()

    def scapy_reply(self) -> bytes:
        return bytes(fuzz(MobileIP(type=3) / MobileIPRRP())) + self.tail()

    def scapy_tunnel_data(self) -> bytes:
        # RFC 3519 tunnel data from a source with no UDP tunnel: the data plane must refuse it
        return bytes(MobileIP(type=4) / fuzz(MobileIPTunnelData()) / fuzz(IP(dst="127.0.0.1")))

    def valid(self) -> bytes:
        """A correctly signed request of a registered node: every mutation of it is a forgery."""
        return signed_request(self.ids, self.rng.randrange(self.nodes)).encode()

    def truncated(self) -> bytes:
        datagram = self.valid()
        return datagram[:self.rng.randrange(len(datagram))]

    def bit_flips(self) -> bytes:
        datagram = bytearray(self.valid())
        # distinct bits: the same bit flipped twice gives the valid request back, rightly accepted
        for bit in self.rng.sample(range(len(datagram) * 8), self.rng.randint(1, 4)):
            datagram[bit // 8] ^= 1 << (bit % 8)
        return bytes(datagram)

    def octets_changed(self) -> bytes:
        datagram = bytearray(self.valid())
        # distinct octets: a second change of the same octet could put its first value back
        for at in self.rng.sample(range(1, len(datagram)), self.rng.randint(1, 3)):
            value = self.rng.choice([0, 1, 0x20, 0x7f, 0x80, 0xff, self.rng.randrange(256)])
            # an octet set to the value it had leaves a valid request, which would rightly be accepted
            datagram[at] = value if value != datagram[at] else value ^ 0xff
        return bytes(datagram)

    def wrong_authenticator(self) -> bytes:
        request = signed_request(self.ids, self.rng.randrange(self.nodes), coa="203.0.113.%d" % self.rng.randint(1, 254))
        request.key = bytes(self.rng.randrange(256) for _ in range(16))
        return request.encode()

    def wrong_deregistration(self) -> bytes:
        request = signed_request(self.ids, self.rng.randrange(self.nodes), lifetime=0)
        request.key = b"not the key of this node"
        return request.encode()

    def bad_extension_lengths(self) -> bytes:
        """The fixed part of a request, then extensions whose lengths run past the datagram."""
        request = signed_request(self.ids, self.rng.randrange(self.nodes))
        extensions = b"".join(bytes([self.rng.randrange(256), self.rng.randrange(256)]) + self.tail()
                              for _ in range(self.rng.randint(1, 4)))
        return request.fixed_part() + extensions


def send_fuzz(args) -> int:
    checks = Checks()
    rng = random.Random(args.seed)
    random.seed(args.seed)  # scapy's volatile values draw from the module's generator
    client = mip.Client(args.port)  # its socket only sends: the home agent's answers are not read
    malformations = Malformations(rng, args.nodes, client)
    sent = 0
    started = time.monotonic()
    try:
        while sent < args.count and time.monotonic() < started + args.seconds:
            client.sock.sendto(malformations.next(), client.server)
            sent += 1
            if sent % 500 == 0:
                time.sleep(0.01)  # let the home agent drain its socket: every datagram should be read
    finally:
        client.close()
    print("sent %d malformed datagrams in %.1f s (seed %d)" % (sent, time.monotonic() - started, args.seed),
          flush=True)
    checks.check(sent == args.count, "all %d datagrams sent within %d s" % (args.count, args.seconds))
    return checks.summary()


def check(args) -> int:
    from test_interop import Shell
    checks = Checks()
    with open(args.acked) as f:
        acked = {tuple(b) for b in json.load(f)}
    shell = Shell(args.ssh_port)
    rows, _ = shell.binding_rows()
    bound = {(home, coa) for home, coa, _ in rows}
    missing = sorted(acked - bound)
    checks.check(not missing, "every binding held before the fuzzing is still there (%d of %d; missing %s)"
                 % (len(acked) - len(missing), len(acked), missing[:5]))
    checks.check(bound == acked, "no binding was added or moved by a malformed datagram (%d bindings)" % len(bound))
    client = mip.Client(args.port)
    try:
        renewal = client.register(signed_request(client, 0))
        fresh = client.register(signed_request(client, args.nodes))
    finally:
        client.close()
    checks.check(renewal is not None and renewal.code == 0, "a registered node still renews (code %s)"
                 % (renewal.code if renewal else "none, no reply"))
    checks.check(fresh is not None and fresh.code == 0, "a new node still registers (code %s)"
                 % (fresh.code if fresh else "none, no reply"))
    stats = shell.run("mip:stats")
    print(stats.rstrip())
    checks.check(" 134  poorly formed request" in stats, "mip:stats answers and counts poorly formed requests")
    accepted = re.search(r"^\s+0  accepted\s+(\d+)$", stats, re.MULTILINE)
    expected = len(acked) + 2
    checks.check(accepted is not None and int(accepted.group(1)) == expected,
                 "no malformed datagram was accepted (%s accepted, %d valid requests sent)"
                 % (accepted.group(1) if accepted else "none", expected))
    return checks.summary()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("register")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("fuzz")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--nodes", type=int, required=True, help="registered nodes, targets of the forgeries")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seconds", type=int, required=True, help="stop sending after this long")
    p.add_argument("--seed", type=int, required=True)
    p = sub.add_parser("check")
    p.add_argument("--ssh-port", type=int, required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--acked", required=True)
    args = parser.parse_args(argv)
    return {"register": register, "fuzz": send_fuzz, "check": check}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
