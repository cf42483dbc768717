#!/usr/bin/python3
"""Mobile IPv6 wire vectors built by scapy (an implementation independent of ours) from the field
values of RFC 6275 / RFC 5380, for MobilityHeaderScapyVectorTest in bundles/mip-codec.

  /usr/bin/python3 tools/interop/mip6_vectors.py [output.json]

Writes one JSON object: {"scapy": version, "vectors": [...]}; each vector has its name, which
header it is ("mh", "hao" or "rh2"), the whole IPv6 packet and the header alone in hex, the
pseudo-header addresses scapy used for the checksum (the home address of a Home Address option as
source, the final destination of a type 2 routing header, RFC 2460 §8.1), the fields it was built
from and its mobility options in wire order (scapy's own padding included).

Two scapy 2.5 defaults contradict RFC 6275 and are overridden here: MIP6OptNonceIndices has
olen=16 (§6.2.6 says 4) and MIP6OptBindingAuthData olen=16 (§6.2.7: the 96-bit authenticator,
12). The Binding Authorization Data vector carries a real authenticator, computed here with
Python's hmac/hashlib from the §5.2.5 formulas, so that the Java side checks its keygen tokens,
Kbm and authenticator against a second implementation.

It also writes each vector's header, after an octet 01 (fix the checksum first), as a seed of the
Jazzer target MobilityHeaderFuzzTest#decode (MobilityHeaderFuzzTestInputs/decode/scapy-NN).
"""

import hashlib
import hmac
import json
import os
import sys

import scapy
from scapy.compat import raw
from scapy.layers.inet6 import (HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, MIP6MH_BA, MIP6MH_BE,
                                MIP6MH_BRR, MIP6MH_BU, MIP6MH_CoT, MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_HoTI,
                                MIP6OptAltCoA, MIP6OptBindingAuthData, MIP6OptBRAdvice, MIP6OptNonceIndices,
                                MIP6OptUnknown, Pad1, PadN)

HOME = "2001:db8:1::10"          # the mobile node's home address
CARE_OF = "2001:db8:2::20"       # its care-of address
ALTERNATE = "2001:db8:3::30"     # an alternate care-of address
HOME_AGENT = "2001:db8:1::1"
CORRESPONDENT = "2001:db8:4::40"
MAP = "2001:db8:5::50"           # an HMIPv6 mobility anchor point
LCOA = "2001:db8:5:1::60"        # on-link care-of address under the MAP

KCN = bytes(range(1, 21))        # the correspondent's 20-octet secret (§5.2.1)
HOME_NONCE = bytes.fromhex("0102030405060708")
CARE_OF_NONCE = bytes.fromhex("1112131415161718")


def addr(text):
    import ipaddress
    return ipaddress.IPv6Address(text).packed


def keygen_token(address, nonce, which):
    """First (64, HMAC_SHA1 (Kcn, (address | nonce | 0 or 1))), RFC 6275 §5.2.5."""
    return hmac.new(KCN, addr(address) + nonce + bytes([which]), hashlib.sha1).digest()[:8]


HOME_TOKEN = keygen_token(HOME, HOME_NONCE, 0)
CARE_OF_TOKEN = keygen_token(CARE_OF, CARE_OF_NONCE, 1)
KBM = hashlib.sha1(HOME_TOKEN + CARE_OF_TOKEN).digest()


def options_of(mh):
    out = []
    for option in mh.options:
        if isinstance(option, Pad1):
            out.append({"type": 0})
        elif isinstance(option, PadN):
            out.append({"type": 1, "length": len(option.optdata)})
        elif isinstance(option, MIP6OptBRAdvice):
            out.append({"type": 2, "refreshIntervalUnits": option.rinter})
        elif isinstance(option, MIP6OptAltCoA):
            out.append({"type": 3, "careOfAddress": option.acoa})
        elif isinstance(option, MIP6OptNonceIndices):
            out.append({"type": 4, "homeNonceIndex": option.hni, "careOfNonceIndex": option.coni})
        elif isinstance(option, MIP6OptBindingAuthData):
            out.append({"type": 5, "authenticator": "%024x" % option.authenticator})
        else:
            out.append({"type": option.otype, "data": raw(option)[2:].hex()})
    return out


def mh_vector(name, packet, fields, source, destination):
    """A vector of the Mobility Header in packet, after scapy built it (length, padding, checksum)."""
    built = IPv6(raw(packet))
    mh = built.lastlayer()
    while not hasattr(mh, "mhtype"):
        mh = mh.underlayer
    return {"name": name, "layer": "mh", "packet": raw(built).hex(), "header": raw(mh).hex(),
            "pseudoSource": source, "pseudoDestination": destination,
            "fields": dict(fields, mhType=mh.mhtype, headerLen=mh.len, checksum=mh.cksum),
            "options": options_of(mh)}


def authorized_update():
    """BU to a correspondent (§6.1.7) with Nonce Indices and a real Binding Authorization Data."""
    def build(authenticator):
        return (IPv6(src=CARE_OF, dst=CORRESPONDENT) / IPv6ExtHdrDestOpt(options=[HAO(hoa=HOME)])
                / MIP6MH_BU(seq=0x2345, flags="A", mhtime=75,
                            options=[MIP6OptNonceIndices(olen=4, hni=7, coni=9),
                                     MIP6OptBindingAuthData(olen=12, authenticator=authenticator)]))
    mh = bytearray(raw(IPv6(raw(build(0)))[MIP6MH_BU]))
    mh[4:6] = b"\x00\x00"  # §6.2.7: computed as if the Checksum were zero, over MH Data without itself
    mac = hmac.new(KBM, addr(CARE_OF) + addr(CORRESPONDENT) + bytes(mh[:-12]), hashlib.sha1).digest()[:12]
    fields = {"sequence": 0x2345, "acknowledge": True, "homeRegistration": False, "linkLocal": False,
              "keyManagement": False, "mapRegistration": False, "lifetimeUnits": 75,
              "kcn": KCN.hex(), "homeNonce": HOME_NONCE.hex(), "careOfNonce": CARE_OF_NONCE.hex(),
              "homeAddress": HOME, "careOfAddress": CARE_OF, "correspondent": CORRESPONDENT,
              "homeKeygenToken": HOME_TOKEN.hex(), "careOfKeygenToken": CARE_OF_TOKEN.hex(), "kbm": KBM.hex()}
    return mh_vector("BU to correspondent with Nonce Indices and Binding Authorization Data",
                     build(int.from_bytes(mac, "big")), fields, HOME, CORRESPONDENT)


def vectors():
    bu_flags = {"acknowledge": True, "homeRegistration": True, "linkLocal": True, "keyManagement": True,
                "mapRegistration": False}
    out = [
        mh_vector("BRR", IPv6(src=HOME_AGENT, dst=HOME) / MIP6MH_BRR(), {}, HOME_AGENT, HOME),
        mh_vector("BRR with an unknown option", IPv6(src=CORRESPONDENT, dst=HOME)
                  / MIP6MH_BRR(options=[MIP6OptUnknown(otype=200, odata=b"\xaa\xbb\xcc")]),
                  {}, CORRESPONDENT, HOME),
        mh_vector("HoTI", IPv6(src=HOME, dst=CORRESPONDENT) / MIP6MH_HoTI(cookie=bytes.fromhex("0011223344556677")),
                  {"homeInitCookie": "0011223344556677"}, HOME, CORRESPONDENT),
        mh_vector("CoTI", IPv6(src=CARE_OF, dst=CORRESPONDENT) / MIP6MH_CoTI(cookie=bytes.fromhex("8899aabbccddeeff")),
                  {"careOfInitCookie": "8899aabbccddeeff"}, CARE_OF, CORRESPONDENT),
        mh_vector("HoT", IPv6(src=CORRESPONDENT, dst=HOME)
                  / MIP6MH_HoT(index=7, cookie=bytes.fromhex("0011223344556677"), token=HOME_TOKEN),
                  {"homeNonceIndex": 7, "homeInitCookie": "0011223344556677", "homeKeygenToken": HOME_TOKEN.hex()},
                  CORRESPONDENT, HOME),
        mh_vector("CoT", IPv6(src=CORRESPONDENT, dst=CARE_OF)
                  / MIP6MH_CoT(index=9, cookie=bytes.fromhex("8899aabbccddeeff"), token=CARE_OF_TOKEN),
                  {"careOfNonceIndex": 9, "careOfInitCookie": "8899aabbccddeeff",
                   "careOfKeygenToken": CARE_OF_TOKEN.hex()}, CORRESPONDENT, CARE_OF),
        mh_vector("BU home registration with Alternate CoA", IPv6(src=CARE_OF, dst=HOME_AGENT)
                  / IPv6ExtHdrDestOpt(options=[HAO(hoa=HOME)])
                  / MIP6MH_BU(seq=4711, flags="AHLK", mhtime=900, options=[MIP6OptAltCoA(acoa=ALTERNATE)]),
                  dict(bu_flags, sequence=4711, lifetimeUnits=900), HOME, HOME_AGENT),
        mh_vector("BU deregistration", IPv6(src=CARE_OF, dst=HOME_AGENT)
                  / IPv6ExtHdrDestOpt(options=[HAO(hoa=HOME)]) / MIP6MH_BU(seq=65535, flags="AH", mhtime=0),
                  {"sequence": 65535, "acknowledge": True, "homeRegistration": True, "linkLocal": False,
                   "keyManagement": False, "mapRegistration": False, "lifetimeUnits": 0}, HOME, HOME_AGENT),
        mh_vector("local BU to a MAP (RFC 5380 M flag)", IPv6(src=LCOA, dst=MAP)
                  / MIP6MH_BU(seq=12, flags="AM", mhtime=150),
                  {"sequence": 12, "acknowledge": True, "homeRegistration": False, "linkLocal": False,
                   "keyManagement": False, "mapRegistration": True, "lifetimeUnits": 150}, LCOA, MAP),
        authorized_update(),
        mh_vector("BA accepted with Binding Refresh Advice", IPv6(src=HOME_AGENT, dst=CARE_OF)
                  / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOME])
                  / MIP6MH_BA(status=0, flags="K", seq=4711, mhtime=900, options=[MIP6OptBRAdvice(rinter=600)]),
                  {"status": 0, "keyManagement": True, "sequence": 4711, "lifetimeUnits": 900}, HOME_AGENT, HOME),
        mh_vector("BA sequence number out of window", IPv6(src=HOME_AGENT, dst=CARE_OF)
                  / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOME])
                  / MIP6MH_BA(status=135, flags=0, seq=4700, mhtime=0),
                  {"status": 135, "keyManagement": False, "sequence": 4700, "lifetimeUnits": 0}, HOME_AGENT, HOME),
        mh_vector("BE unrecognized MH Type", IPv6(src=HOME_AGENT, dst=CARE_OF) / MIP6MH_BE(status=2, ha=HOME),
                  {"status": 2, "homeAddress": HOME}, HOME_AGENT, CARE_OF),
        mh_vector("BE unknown binding for Home Address option", IPv6(src=CORRESPONDENT, dst=CARE_OF)
                  / MIP6MH_BE(status=1, ha=HOME), {"status": 1, "homeAddress": HOME}, CORRESPONDENT, CARE_OF),
    ]
    hao = IPv6(raw(IPv6(src=CARE_OF, dst=HOME_AGENT) / IPv6ExtHdrDestOpt(options=[HAO(hoa=HOME)])
                   / MIP6MH_BU(seq=1, flags="AH", mhtime=1)))
    out.append({"name": "Destination Options header with Home Address option", "layer": "hao",
                "packet": raw(hao).hex(), "header": raw(hao[IPv6ExtHdrDestOpt])[:24].hex(),
                "fields": {"nextHeader": 135, "homeAddress": HOME}})
    rh2 = IPv6(raw(IPv6(src=HOME_AGENT, dst=CARE_OF) / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOME])
                   / MIP6MH_BA(seq=1, mhtime=1)))
    out.append({"name": "type 2 routing header", "layer": "rh2", "packet": raw(rh2).hex(),
                "header": raw(rh2[IPv6ExtHdrRouting])[:24].hex(),
                "fields": {"nextHeader": 135, "segmentsLeft": 1, "homeAddress": HOME}})
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "bundles", "mip-codec", "src", "test", "resources", "net",
                           "homeagent", "mip", "codec", "mip6", "mip6-scapy-vectors.json")
    target = sys.argv[1] if len(sys.argv) > 1 else default
    all_vectors = vectors()
    with open(target, "w") as out:
        json.dump({"scapy": scapy.VERSION, "vectors": all_vectors}, out, indent=1, sort_keys=True)
        out.write("\n")
    print("wrote", os.path.normpath(target))
    seeds = os.path.join(os.path.dirname(target), "MobilityHeaderFuzzTestInputs", "decode")
    os.makedirs(seeds, exist_ok=True)
    for i, vector in enumerate(all_vectors):
        with open(os.path.join(seeds, "scapy-%02d" % i), "wb") as out:
            out.write(b"\x01" + bytes.fromhex(vector["header"]))
    print("wrote", len(all_vectors), "seeds to", os.path.normpath(seeds))


if __name__ == "__main__":
    main()
