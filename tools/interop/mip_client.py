#!/usr/bin/python3
"""A small, independent Mobile IPv4 client (mobile node with a co-located care-of address).

Written from the RFCs, not from the appliance's Java code, so that it can judge the appliance:
the fixed part of the messages comes from scapy's Mobile IP layer (scapy.layers.mobileip), the
extensions scapy does not know are appended as raw bytes as the RFCs draw them, and the
authenticators are computed with Python's hmac/hashlib.

  RFC 5944 §3.3  Registration Request    §3.4 Registration Reply    §3.5.2 MN-HA Authentication
  RFC 5944 §3.5.1 authenticator = HMAC-MD5 over the message, every earlier extension and this
                 extension's Type, Length and SPI (RFC 2002's prefix+suffix keyed MD5 for old peers)
  RFC 5944 §5.7.1 timestamp identification: NTP format, seconds since 1900 | 2^-32 s fraction
  RFC 2794 §2    Mobile Node NAI extension, type 131
  RFC 3519 §3.1  UDP Tunnel Request extension, type 144; §3.2 UDP Tunnel Reply, type 44

Traffic goes to 127.0.0.1 only: this is a test tool, not a mobile node for real networks.

Command line (one registration, prints the reply):
  mip_client.py --port 434 --home 10.0.0.10 --coa 192.0.2.1 --spi 256 --key 0x0011...
"""

import argparse
import hashlib
import hmac
import ipaddress
import socket
import struct
import sys
import time
from dataclasses import dataclass, field
from typing import List, Optional

from scapy.layers.mobileip import MobileIP, MobileIPRRP, MobileIPRRQ

# Registration Request flags, RFC 5944 §3.3 (bit 0 is the most significant bit of the octet).
FLAG_S = 0x80  # simultaneous bindings
FLAG_B = 0x40  # broadcast datagrams
FLAG_D = 0x20  # decapsulation by the mobile node (co-located care-of address)
FLAG_M = 0x10  # minimal encapsulation (RFC 2004)
FLAG_G = 0x08  # GRE encapsulation (RFC 2784)
FLAG_T = 0x02  # reverse tunnelling (RFC 3024)

# Extension types.
EXT_MN_HA_AUTH = 32         # RFC 5944 §3.5.2
EXT_FA_HA_AUTH = 34         # RFC 5944 §3.5.4
EXT_UDP_TUNNEL_REPLY = 44   # RFC 3519 §3.2
EXT_NAI = 131               # RFC 2794 §2
EXT_UDP_TUNNEL_REQUEST = 144  # RFC 3519 §3.1
# Extensions in the "long" format: Type, Sub-Type, 16-bit Length (RFC 5944 §1.10), and the
# CVSE (RFC 3115 §3.1): Type, Reserved, 16-bit Length. Every other type: Type, 8-bit Length.
LONG_FORMAT_TYPES = {36, 38}

REGISTRATION_REQUEST = 1  # RFC 5944 §3.3
REGISTRATION_REPLY = 3    # RFC 5944 §3.4
FIXED_REPLY_LENGTH = 20   # Type, Code, Lifetime, Home Address, Home Agent, Identification

NTP_EPOCH_OFFSET = 2208988800  # seconds from 1900-01-01 (NTP) to 1970-01-01 (Unix)
AUTHENTICATOR_LENGTH = 16      # MD5 digest

ENCAPSULATION_IP_IN_IP = 4  # RFC 3519 §3.1: the IP protocol number of the inner encapsulation
ENCAPSULATION_GRE = 47
ENCAPSULATION_MINIMAL = 55


def ntp_timestamp(unix_seconds: Optional[float] = None) -> int:
    """64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32."""
    now = time.time() if unix_seconds is None else unix_seconds
    seconds = int(now)
    fraction = int((now - seconds) * (1 << 32)) & 0xFFFFFFFF
    return ((seconds + NTP_EPOCH_OFFSET) & 0xFFFFFFFF) << 32 | fraction


def ntp_seconds_to_unix(ntp_seconds: int) -> int:
    return ntp_seconds - NTP_EPOCH_OFFSET


def parse_key(text: str) -> bytes:
    """A key as mobility-security.conf writes it: 0x<hex> or plain text (its UTF-8 bytes)."""
    if text.lower().startswith("0x"):
        return bytes.fromhex(text[2:])
    return text.encode("utf-8")


# --- extensions, as raw bytes -------------------------------------------------------------

def extension(ext_type: int, body: bytes) -> bytes:
    """A short-format extension: Type, Length (of what follows), Data (RFC 5944 §1.9)."""
    if len(body) > 255:
        raise ValueError("extension body longer than 255 octets")
    return bytes([ext_type, len(body)]) + body


def nai_extension(nai: str) -> bytes:
    """Mobile Node NAI extension (RFC 2794 §2): Type 131, Length, the NAI's octets."""
    return extension(EXT_NAI, nai.encode("utf-8"))


def udp_tunnel_request_extension(force: bool = False, fa_registration: bool = False,
                                 encapsulation: int = ENCAPSULATION_IP_IN_IP) -> bytes:
    """UDP Tunnel Request (RFC 3519 §3.1): Type 144, Length 6, Sub-Type 0, Reserved 1,
    F|R|Reserved 2, Encapsulation, Reserved 3 (16 bits)."""
    flags = (0x80 if force else 0) | (0x40 if fa_registration else 0)
    return extension(EXT_UDP_TUNNEL_REQUEST, struct.pack("!BBBBH", 0, 0, flags, encapsulation, 0))


EXT_CVSE = 38    # RFC 3115 §3.1, Critical Vendor/Organization Specific Extension
EXT_NVSE = 134   # RFC 3115 §3.2, Normal Vendor/Organization Specific Extension


def cvse_extension(vendor_id: int, vendor_type: int, value: bytes) -> bytes:
    """CVSE (RFC 3115 §3.1): Type 38, Reserved, Length (16 bits, of what follows), Vendor/Org-ID
    (32 bits), Vendor-CVSE-Type (16 bits), Vendor-CVSE-Value."""
    return struct.pack("!BBHIH", EXT_CVSE, 0, 6 + len(value), vendor_id, vendor_type) + value


def nvse_extension(vendor_id: int, vendor_type: int, value: bytes) -> bytes:
    """NVSE (RFC 3115 §3.2): Type 134, Length (8 bits), Reserved (16 bits), Vendor/Org-ID,
    Vendor-NVSE-Type, Vendor-NVSE-Value."""
    return struct.pack("!BBHIH", EXT_NVSE, 8 + len(value), 0, vendor_id, vendor_type) + value


def vendor_extension_fields(ext: "ParsedExtension"):
    """(Vendor/Org-ID, vendor type, value) of a parsed CVSE or NVSE, as RFC 3115 §3 lays them out."""
    body = ext.body[2:] if ext.type == EXT_NVSE else ext.body   # the NVSE's Reserved is in its body
    if ext.type not in (EXT_CVSE, EXT_NVSE) or len(body) < 6:
        raise MalformedReply("not a vendor extension of 6 octets or more: type %d" % ext.type)
    vendor_id, vendor_type = struct.unpack("!IH", body[:6])
    return vendor_id, vendor_type, body[6:]


def authenticator(algorithm: str, key: bytes, protected: bytes) -> bytes:
    """RFC 5944 §3.5.1: HMAC-MD5 (RFC 2104) by default; "keyed-md5" is RFC 2002's
    MD5(key | protected fields | key) still spoken by old mobile nodes."""
    if algorithm == "hmac-md5":
        return hmac.new(key, protected, hashlib.md5).digest()
    if algorithm == "keyed-md5":
        return hashlib.md5(key + protected + key).digest()
    raise ValueError("unknown algorithm " + algorithm)


def auth_extension(ext_type: int, message_so_far: bytes, spi: int, key: bytes, algorithm: str = "hmac-md5") -> bytes:
    """An authentication extension (RFC 5944 §3.5.2-§3.5.4): Type, Length 4 + 16, SPI, and the
    Authenticator computed over everything before it plus its own Type, Length and SPI."""
    head = bytes([ext_type, 4 + AUTHENTICATOR_LENGTH]) + struct.pack("!I", spi)
    return head + authenticator(algorithm, key, message_so_far + head)


def mn_ha_auth_extension(message_so_far: bytes, spi: int, key: bytes, algorithm: str = "hmac-md5") -> bytes:
    """The Mobile-Home Authentication extension (RFC 5944 §3.5.2, type 32)."""
    return auth_extension(EXT_MN_HA_AUTH, message_so_far, spi, key, algorithm)


# --- messages -----------------------------------------------------------------------------

@dataclass
class Request:
    """The fields of a Registration Request (RFC 5944 §3.3) and the extensions to send."""
    home_address: str
    home_agent: str
    care_of: str
    identification: int
    lifetime: int = 1800
    flags: int = FLAG_D
    extensions: List[bytes] = field(default_factory=list)  # sent before the MN-HA extension
    spi: Optional[int] = None   # None: no MN-HA authentication extension
    key: bytes = b""
    algorithm: str = "hmac-md5"
    # a foreign agent relaying the request adds its Foreign-Home Authentication extension after
    # the MN-HA one (RFC 5944 §3.5.4, §3.7.3.2); None: not relayed, or relayed without it
    fa_spi: Optional[int] = None
    fa_key: bytes = b""

    def fixed_part(self) -> bytes:
        return bytes(MobileIP(type=REGISTRATION_REQUEST) / MobileIPRRQ(
            flags=self.flags, lifetime=self.lifetime, homeaddr=self.home_address,
            haaddr=self.home_agent, coaddr=self.care_of, id=self.identification))

    def encode(self) -> bytes:
        message = self.fixed_part() + b"".join(self.extensions)
        if self.spi is not None:
            message += mn_ha_auth_extension(message, self.spi, self.key, self.algorithm)
        if self.fa_spi is not None:
            message += auth_extension(EXT_FA_HA_AUTH, message, self.fa_spi, self.fa_key)
        return message


@dataclass
class ParsedExtension:
    type: int
    offset: int      # where the extension starts in the message
    header_length: int
    body: bytes


@dataclass
class Reply:
    """A Registration Reply (RFC 5944 §3.4) as scapy's MobileIPRRP reads it, plus its extensions."""
    raw: bytes
    code: int
    lifetime: int
    home_address: str
    home_agent: str
    identification: int
    extensions: List[ParsedExtension]

    def extension(self, ext_type: int) -> Optional[ParsedExtension]:
        return next((e for e in self.extensions if e.type == ext_type), None)

    def mn_ha_spi(self) -> Optional[int]:
        ext = self.extension(EXT_MN_HA_AUTH)
        return struct.unpack("!I", ext.body[:4])[0] if ext else None

    def nai(self) -> Optional[str]:
        ext = self.extension(EXT_NAI)
        return ext.body.decode("utf-8", "replace") if ext else None

    def udp_tunnel_reply(self):
        """(reply code, forced, keepalive interval) of the UDP Tunnel Reply (RFC 3519 §3.2)."""
        ext = self.extension(EXT_UDP_TUNNEL_REPLY)
        if ext is None or len(ext.body) != 6:
            return None
        _subtype, code, flags, keepalive = struct.unpack("!BBHH", ext.body)
        return code, bool(flags & 0x8000), keepalive

    def authenticated_by(self, key: bytes, algorithm: str = "hmac-md5", spi: Optional[int] = None,
                         ext_type: int = EXT_MN_HA_AUTH) -> bool:
        """True when the reply's authentication extension of ext_type (MN-HA by default) verifies
        with this key over everything before its authenticator (RFC 5944 §3.5.1) and (if given)
        carries this SPI."""
        ext = self.extension(ext_type)
        if ext is None or len(ext.body) != 4 + AUTHENTICATOR_LENGTH:
            return False
        if spi is not None and struct.unpack("!I", ext.body[:4])[0] != spi:
            return False
        covered = self.raw[:ext.offset + ext.header_length + 4]
        expected = authenticator(algorithm, key, covered)
        return hmac.compare_digest(expected, ext.body[4:])


class MalformedReply(Exception):
    pass


def parse_extensions(message: bytes, start: int) -> List[ParsedExtension]:
    found = []
    offset = start
    while offset < len(message):
        ext_type = message[offset]
        if ext_type in LONG_FORMAT_TYPES:
            if offset + 4 > len(message):
                raise MalformedReply("truncated long extension at %d" % offset)
            header, length = 4, struct.unpack("!H", message[offset + 2:offset + 4])[0]
        else:
            if offset + 2 > len(message):
                raise MalformedReply("truncated extension at %d" % offset)
            header, length = 2, message[offset + 1]
        end = offset + header + length
        if end > len(message):
            raise MalformedReply("extension type %d at %d overruns the message" % (ext_type, offset))
        found.append(ParsedExtension(ext_type, offset, header, message[offset + header:end]))
        offset = end
    return found


def parse_reply(data: bytes) -> Reply:
    if len(data) < FIXED_REPLY_LENGTH or data[0] != REGISTRATION_REPLY:
        raise MalformedReply("not a Registration Reply: %s" % data[:4].hex())
    packet = MobileIP(data)
    rrp = packet[MobileIPRRP]
    return Reply(raw=data, code=rrp.code, lifetime=rrp.lifetime, home_address=rrp.homeaddr,
                 home_agent=rrp.haaddr, identification=rrp.id,
                 extensions=parse_extensions(data, FIXED_REPLY_LENGTH))


# --- transport ----------------------------------------------------------------------------

class Client:
    """A UDP socket on loopback that sends Registration Requests and waits for the reply.

    Besides loopback it talks only to the RFC 5737 documentation networks, which exist on this
    machine only inside the test bed's network namespaces (tools/testbed/): never to a real host."""

    TEST_NETS = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]

    def __init__(self, port: int, server: str = "127.0.0.1", timeout: float = 3.0, source: Optional[str] = None):
        """source: the loopback address to send from (e.g. 127.0.0.2, a foreign agent's), when talking to loopback."""
        address = ipaddress.ip_address(server)
        if not (address.is_loopback or any(address in net for net in self.TEST_NETS)):
            raise ValueError("this test client talks to loopback or the test bed's RFC 5737 networks only, not to " + server)
        if source is not None and not (address.is_loopback and ipaddress.ip_address(source).is_loopback):
            raise ValueError("a source address of its own is for loopback runs only: " + source)
        self.server = (server, port)
        self.timeout = timeout
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((source or ("127.0.0.1" if address.is_loopback else "0.0.0.0"), 0))
        self.sent: List[bytes] = []
        self.received: List[bytes] = []
        self._last_identification = 0

    def next_identification(self) -> int:
        """A timestamp identification strictly greater than the previous one (RFC 5944 §5.7.1)."""
        ident = max(ntp_timestamp(), self._last_identification + 1)
        self._last_identification = ident
        return ident

    def send_raw(self, datagram: bytes) -> None:
        self.sent.append(datagram)
        self.sock.sendto(datagram, self.server)

    def exchange(self, datagram: bytes) -> Optional[Reply]:
        """Sends one request and returns the reply whose identification's low-order 32 bits
        match it (kept by the home agent in every reply, RFC 5944 §5.7.1), or None on timeout."""
        self.send_raw(datagram)
        wanted_low = struct.unpack("!Q", datagram[16:24])[0] & 0xFFFFFFFF if len(datagram) >= 24 else None
        return self.receive(lambda low: wanted_low is None or low == wanted_low, self.timeout)

    def receive(self, wanted, timeout: float) -> Optional[Reply]:
        """The first reply from the server within timeout seconds whose identification's low-order
        32 bits satisfy wanted(low), or None."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                data, sender = self.sock.recvfrom(65535)
            except socket.timeout:
                return None
            if sender != self.server:
                continue
            self.received.append(data)
            reply = parse_reply(data)
            if wanted(reply.identification & 0xFFFFFFFF):
                return reply

    def register(self, request: Request) -> Optional[Reply]:
        return self.exchange(request.encode())

    def close(self) -> None:
        self.sock.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Send one Mobile IPv4 Registration Request to a home agent on loopback")
    parser.add_argument("--port", type=int, default=434)
    parser.add_argument("--server", default="127.0.0.1",
                        help="the home agent's address: loopback, or a test bed address (RFC 5737)")
    parser.add_argument("--home", required=True, help="home address (0.0.0.0 with --nai for a dynamic one)")
    parser.add_argument("--ha", default="127.0.0.1", help="Home Agent field")
    parser.add_argument("--coa", required=True, help="care-of address")
    parser.add_argument("--lifetime", type=int, default=1800)
    parser.add_argument("--flags", default="D", help="letters among S B D M G T")
    parser.add_argument("--nai")
    parser.add_argument("--udp-tunnel", action="store_true", help="add a forced UDP Tunnel Request (RFC 3519)")
    parser.add_argument("--spi", type=int, required=True)
    parser.add_argument("--key", required=True, help="0x<hex> or text")
    parser.add_argument("--algorithm", default="hmac-md5", choices=["hmac-md5", "keyed-md5"])
    args = parser.parse_args(argv)

    letters = {"S": FLAG_S, "B": FLAG_B, "D": FLAG_D, "M": FLAG_M, "G": FLAG_G, "T": FLAG_T}
    flags = 0
    for letter in args.flags.upper():
        flags |= letters[letter]
    extensions = []
    if args.nai:
        extensions.append(nai_extension(args.nai))
    if args.udp_tunnel:
        extensions.append(udp_tunnel_request_extension(force=True))
    key = parse_key(args.key)
    client = Client(args.port, args.server)
    try:
        request = Request(home_address=args.home, home_agent=args.ha, care_of=args.coa,
                          identification=client.next_identification(), lifetime=args.lifetime, flags=flags,
                          extensions=extensions, spi=args.spi, key=key, algorithm=args.algorithm)
        reply = client.register(request)
    finally:
        client.close()
    if reply is None:
        print("no reply")
        return 2
    print("code %d lifetime %d home %s ha %s id %016x mn-ha %s" % (
        reply.code, reply.lifetime, reply.home_address, reply.home_agent, reply.identification,
        "valid" if reply.authenticated_by(key, args.algorithm, args.spi) else "absent or invalid"))
    return 0 if reply.code in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
