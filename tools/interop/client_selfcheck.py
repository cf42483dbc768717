#!/usr/bin/python3
"""Checks the test client itself, without the appliance, so that a failure of the interop run
can be blamed on the right side.

  client_selfcheck.py --port P [--workdir DIR]

  hmac_md5_rfc2202       the authenticator function on RFC 2202 §2 HMAC-MD5 test cases 1 and 2
  ntp_identification     the NTP timestamp layout of RFC 5944 §5.7.1 on known instants
  requests_decode        requests built by mip_client.py, written to a pcap with scapy (wrpcap),
                         decode in tshark with no malformed/expert warning, and tshark reads back
                         every field the client put in (flags, lifetime, addresses, identification,
                         extension types, SPI, authenticator, NAI, UDP Tunnel Request)
  reply_verification     a reply signed with the key verifies; one flipped bit or another key does not
Prints one line per check, then exactly one line "N passed, N failed".
"""

import argparse
import hashlib
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mip_client as mip  # noqa: E402
from tshark_check import Tshark  # noqa: E402

KEY = bytes.fromhex("00112233445566778899aabbccddeeff")


def hmac_md5_rfc2202():
    cases = [  # RFC 2202 §2, test cases 1 and 2
        (b"\x0b" * 16, b"Hi There", "9294727a3638bb1c13f48ef8158bfc9d"),
        (b"Jefe", b"what do ya want for nothing?", "750c783e6ab0b503eaa86e310a5db738"),
    ]
    problems = ["HMAC-MD5(%r) = %s, RFC 2202 says %s" % (key, mip.authenticator("hmac-md5", key, data).hex(), digest)
                for key, data, digest in cases if mip.authenticator("hmac-md5", key, data).hex() != digest]
    keyed = mip.authenticator("keyed-md5", b"k", b"data")
    if keyed != hashlib.md5(b"kdatak").digest():
        problems.append("keyed-md5 is not MD5(key | data | key)")
    return problems, "RFC 2202 test cases 1 and 2"


def ntp_identification():
    problems = []
    if mip.ntp_timestamp(0.0) != 2208988800 << 32:
        problems.append("1970-01-01 should be 2208988800 s since 1900")
    if mip.ntp_timestamp(1.5) & 0xFFFFFFFF != 0x80000000:
        problems.append("half a second should be fraction 0x80000000")
    if mip.ntp_seconds_to_unix(mip.ntp_timestamp(1000.25) >> 32) != 1000:
        problems.append("seconds do not round-trip")
    return problems, "seconds since 1900 | 2^-32 s fraction"


def sample_requests():
    ident = mip.ntp_timestamp()
    return [
        mip.Request("10.0.0.10", "127.0.0.1", "192.0.2.10", ident, lifetime=1800,
                    flags=mip.FLAG_D | mip.FLAG_T, spi=256, key=KEY),
        mip.Request("10.0.0.11", "127.0.0.1", "192.0.2.21", ident + 1, lifetime=0,
                    flags=mip.FLAG_S | mip.FLAG_D | mip.FLAG_G | mip.FLAG_M, spi=257, key=KEY, algorithm="keyed-md5"),
        mip.Request("0.0.0.0", "127.0.0.1", "192.0.2.50", ident + 2, lifetime=600,
                    extensions=[mip.nai_extension("alice@example.net"),
                                mip.udp_tunnel_request_extension(force=True)], spi=300, key=KEY),
    ]


def expected_fields(request):
    fields = {"mip.type": "1", "mip.flags": "0x%02x" % request.flags, "mip.life": str(request.lifetime),
              "mip.homeaddr": request.home_address, "mip.haaddr": request.home_agent,
              "mip.coa": request.care_of, "mip.ident": "%016x" % request.identification}
    encoded = request.encode()
    extensions = mip.parse_extensions(encoded, 24)
    fields["mip.ext.type"] = [str(e.type) for e in extensions]
    auth = extensions[-1].body
    fields["mip.auth.spi"] = "0x%08x" % struct.unpack("!I", auth[:4])[0]
    fields["mip.auth.auth"] = auth[4:].hex()
    for e in extensions:
        if e.type == mip.EXT_NAI:
            fields["mip.nai"] = e.body.decode()
        if e.type == mip.EXT_UDP_TUNNEL_REQUEST:
            fields["mip.ext.utrq.f"] = "1" if e.body[2] & 0x80 else "0"
            fields["mip.ext.utrq.encaptype"] = str(e.body[3])
    return fields


def requests_decode(port, workdir):
    from scapy.layers.inet import IP, UDP
    from scapy.packet import Raw
    from scapy.utils import wrpcap

    requests = sample_requests()
    pcap = os.path.join(workdir, "client-selfcheck.pcap")
    wrpcap(pcap, [IP(src="127.0.0.1", dst="127.0.0.1") / UDP(sport=40001, dport=port) / Raw(r.encode())
                  for r in requests])
    tshark = Tshark(pcap, port)
    problems = ["frame %s: %s" % (frame, messages or "malformed") for frame, _, messages in tshark.unclean("udp")]
    packets = tshark.mip_fields("udp")
    if len(packets) != len(requests):
        problems.append("tshark saw %d Mobile IP requests, we wrote %d" % (len(packets), len(requests)))
    for index, (request, (_, fields)) in enumerate(zip(requests, packets), 1):
        seen = {}
        for name, show, value in fields:
            if name == "mip.ext.type":
                seen.setdefault(name, []).append(show)
            elif name in ("mip.ident", "mip.auth.auth"):
                seen.setdefault(name, value)
            else:
                seen.setdefault(name, show)
        for name, wanted in expected_fields(request).items():
            if seen.get(name) != wanted:
                problems.append("request %d %s: tshark %r, client wrote %r" % (index, name, seen.get(name), wanted))
    return problems, "%d requests (HMAC-MD5, keyed MD5, NAI + UDP Tunnel Request) decoded field for field" % len(
        requests)


def reply_verification():
    fixed = bytes([mip.REGISTRATION_REPLY, 0]) + struct.pack("!H", 600) + bytes([10, 0, 0, 10, 127, 0, 0, 1]) \
        + struct.pack("!Q", mip.ntp_timestamp())
    signed = fixed + mip.mn_ha_auth_extension(fixed, 256, KEY)
    problems = []
    if not mip.parse_reply(signed).authenticated_by(KEY, spi=256):
        problems.append("a correctly signed reply does not verify")
    tampered = bytearray(signed)
    tampered[3] ^= 0x01
    if mip.parse_reply(bytes(tampered)).authenticated_by(KEY, spi=256):
        problems.append("a reply with a flipped lifetime bit verifies")
    if mip.parse_reply(signed).authenticated_by(bytes(16), spi=256):
        problems.append("a reply verifies with another key")
    if mip.parse_reply(signed).authenticated_by(KEY, spi=257):
        problems.append("a reply verifies with another SPI")
    return problems, "signed verifies; flipped bit, other key, other SPI do not"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=434)
    parser.add_argument("--workdir")
    args = parser.parse_args(argv)
    workdir = args.workdir or tempfile.mkdtemp(prefix="mip-selfcheck.")

    checks = [("client_hmac_md5_rfc2202", hmac_md5_rfc2202), ("client_ntp_identification", ntp_identification),
              ("client_requests_decode", lambda: requests_decode(args.port, workdir)),
              ("client_reply_verification", reply_verification)]
    passed = 0
    for name, function in checks:
        try:
            problems, detail = function()
        except Exception as error:
            problems, detail = ["%s: %s" % (type(error).__name__, error)], ""
        if problems:
            print("FAIL %-28s %s" % (name, "\n     ".join(problems)), flush=True)
        else:
            passed += 1
            print("PASS %-28s %s" % (name, detail), flush=True)
    print("%d passed, %d failed" % (passed, len(checks) - passed))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
