#!/usr/bin/python3
"""The far end of the home agent's tunnels, written from the RFCs with scapy, not from our Java.

Runs inside the care-of host's network namespace (hadp-coa) and is driven by test_dataplane.py
over stdin/stdout, one JSON object a line each way:

  register  sends a Registration Request (tools/interop/mip_client.py builds it) from a care-of
            address and answers with the reply's code and the round-trip time
  mode      how to treat the mobile node's replies: plain (triangular routing: this host's kernel
            forwards them) or reverse tunnelled (RFC 3024) with one of the four encapsulations
  inject    crafts an encapsulated echo request from the home address to the correspondent with a
            chosen outer source (reverse tunnelling from the right or from a wrong address)
  packets   every tunnelled datagram seen since a time (CLOCK_MONOTONIC, shared by processes)
  quit

What it checks on each datagram the home agent tunnels to it (sniffed on the foreign link):
  RFC 2003 §3.1  IP in IP: protocol 4, outer source = home agent, destination = care-of address
  RFC 2784/2890  GRE: version 0, protocol type 0x0800, K bit with key = the home address
  RFC 2004 §3    minimal: protocol 55, forwarding header checksum, S bit, original addresses
  RFC 3519 §3.3  UDP: from port 434 to the registration's source port, Tunnel Data type 4,
                 next header 4
The inner datagram is then delivered to the mobile node (hadp-mn) with a raw socket, as a
foreign agent or a co-located mobile node would.
"""

import json
import os
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))

import mip_client as mip  # noqa: E402
from scapy.all import AsyncSniffer, GRE, IP, UDP, ICMP, Raw, conf  # noqa: E402
from scapy.utils import checksum  # noqa: E402  (the Internet checksum, RFC 1071)

conf.verb = 0

HOME_AGENT = os.environ.get("HADP_HA", "10.77.1.1")
HOME = os.environ.get("HADP_HOME", "10.77.1.10")
CORRESPONDENT = os.environ.get("HADP_CN", "10.77.1.100")
FOREIGN_IF = os.environ.get("HADP_FOREIGN_IF", "hadpco0")
MOBILE_IF = os.environ.get("HADP_MOBILE_IF", "hadpco1")
SPI = int(os.environ.get("HADP_SPI", "256"))
KEY = mip.parse_key(os.environ.get("HADP_KEY", "0x00112233445566778899aabbccddeeff"))
HOME_INT = struct.unpack("!I", socket.inet_aton(HOME))[0]

lock = threading.Lock()
seen = []          # tunnelled datagrams, as dicts
mode = {"reverse": False, "encapsulation": "ipip", "coa": None}
sockets = {}       # care-of address -> UDP socket the registrations (and RFC 3519 tunnel data) use
raw_out = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
# Raw sockets for the tunnel protocols, never read: their only job is that this host's kernel,
# which has no ipip/gre modules, does not answer each tunnelled datagram with an ICMP error.
quiet = [socket.socket(socket.AF_INET, socket.SOCK_RAW, p) for p in (4, 47, 55)]


def udp_socket(coa: str) -> socket.socket:
    if coa not in sockets:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((coa, 0))
        s.settimeout(0.2)
        sockets[coa] = s
    return sockets[coa]


def unwrap(pkt):
    """(record, inner bytes) for a datagram the home agent tunnelled, or (None, None)."""
    ip = pkt[IP]
    rec = {"time": time.monotonic(), "outer_src": ip.src, "outer_dst": ip.dst, "proto": ip.proto,
           "ttl": ip.ttl, "df": bool(ip.flags & 2), "problems": []}
    payload = bytes(ip.payload)
    if ip.proto == 4:
        rec["encapsulation"] = "ipip"
        inner = payload
    elif ip.proto == 47:
        rec["encapsulation"] = "gre"
        flags, ptype = struct.unpack("!HH", payload[:4])
        if flags & 0x7 or flags & 0x4000:
            rec["problems"].append("GRE version/routing bits %04x" % flags)
        if ptype != 0x0800:
            rec["problems"].append("GRE protocol type %04x" % ptype)
        offset = 4 + (4 if flags & 0x8000 else 0)
        if flags & 0x2000:
            rec["gre_key"] = struct.unpack("!I", payload[offset:offset + 4])[0]
            offset += 4
        else:
            rec["problems"].append("GRE without key")
        offset += 4 if flags & 0x1000 else 0
        inner = payload[offset:]
    elif ip.proto == 55:
        rec["encapsulation"] = "minimal"
        s_bit = payload[1] & 0x80
        length = 12 if s_bit else 8
        header = payload[:length]
        if checksum(header) != 0:
            rec["problems"].append("minimal forwarding header checksum")
        if not s_bit:
            rec["problems"].append("S bit clear: the home agent is not the original source")
        orig_proto = header[0]
        orig_dst = socket.inet_ntoa(header[4:8])
        orig_src = socket.inet_ntoa(header[8:12]) if s_bit else ip.src
        # RFC 2004 §3: rebuild the original header from the outer one and the forwarding header
        rebuilt = IP(bytes(ip)[:ip.ihl * 4])
        rebuilt.proto, rebuilt.src, rebuilt.dst = orig_proto, orig_src, orig_dst
        rebuilt.len = ip.len - length
        del rebuilt.chksum
        inner = bytes(rebuilt)[:ip.ihl * 4] + payload[length:]
    elif ip.proto == 17 and pkt.haslayer(UDP) and pkt[UDP].sport == 434:
        data = bytes(pkt[UDP].payload)
        if not data or data[0] != 4:
            return None, None        # a Registration Reply, not tunnel data
        rec["encapsulation"] = "udp"
        rec["sport"], rec["dport"] = pkt[UDP].sport, pkt[UDP].dport
        if data[1] != 4:
            rec["problems"].append("Tunnel Data next header %d" % data[1])
        inner = data[4:]
    else:
        return None, None
    try:
        parsed = IP(inner)
        rec.update(inner_src=parsed.src, inner_dst=parsed.dst, inner_proto=parsed.proto,
                   inner_len=parsed.len, received_len=len(inner))
        if parsed.haslayer(ICMP):
            rec.update(icmp_type=parsed[ICMP].type, icmp_id=parsed[ICMP].id)
        if parsed.len != len(inner):
            rec["problems"].append("inner length %d, %d received" % (parsed.len, len(inner)))
        if IP(bytes(parsed)).chksum != IP(inner).chksum:
            rec["problems"].append("inner header checksum")
    except Exception as e:  # noqa: BLE001  a datagram we cannot read is itself the finding
        rec["problems"].append("inner datagram unreadable: %s" % e)
    return rec, inner


def on_tunnel(pkt):
    rec, inner = unwrap(pkt)
    if rec is None:
        return
    with lock:
        seen.append(rec)
    if not rec["problems"] and rec.get("inner_dst") == HOME:
        # deliver to the mobile node: this host routes the home address to hadpco1
        raw_out.sendto(inner, (HOME, 0))


def wrap(inner: bytes, encapsulation: str, outer_src: str):
    """The reverse tunnel (RFC 3024) in one of the four encapsulations; UDP is sent by the caller."""
    if encapsulation == "ipip":
        return bytes(IP(src=outer_src, dst=HOME_AGENT, proto=4, ttl=64) / Raw(inner))
    if encapsulation == "gre":
        return bytes(IP(src=outer_src, dst=HOME_AGENT, ttl=64) / GRE(key_present=1, key=HOME_INT, proto=0x0800)
                     / Raw(inner))
    if encapsulation == "minimal":
        orig = IP(inner)
        header = struct.pack("!BBH4s4s", orig.proto, 0x80, 0, socket.inet_aton(orig.dst), socket.inet_aton(orig.src))
        header = header[:2] + struct.pack("!H", checksum(header)) + header[4:]
        outer = IP(bytes(orig)[:orig.ihl * 4])
        outer.src, outer.dst, outer.proto, outer.len = outer_src, HOME_AGENT, 55, orig.len + 12
        del outer.chksum
        return bytes(outer)[:orig.ihl * 4] + header + inner[orig.ihl * 4:]
    raise ValueError(encapsulation)


def send_reverse(inner: bytes, encapsulation: str, outer_src: str):
    if encapsulation == "udp":
        # RFC 3519 §3.3 from the registration's own socket (address and port the binding holds)
        udp_socket(outer_src).sendto(b"\x04\x04\x00\x00" + inner, (HOME_AGENT, 434))
    else:
        raw_out.sendto(wrap(inner, encapsulation, outer_src), (HOME_AGENT, 0))


def on_mobile_reply(pkt):
    with lock:
        current = dict(mode)
    if current["reverse"] and pkt.haslayer(IP) and pkt[IP].src == HOME:
        send_reverse(bytes(pkt[IP]), current["encapsulation"], current["coa"])


def set_forwarding(on: bool):
    with open("/proc/sys/net/ipv4/ip_forward", "w") as f:
        f.write("1\n" if on else "0\n")


def register(cmd):
    coa = cmd["coa"]
    s = udp_socket(coa)
    flags = 0
    for letter in cmd.get("flags", "D"):
        flags |= {"S": mip.FLAG_S, "D": mip.FLAG_D, "M": mip.FLAG_M, "G": mip.FLAG_G, "T": mip.FLAG_T}[letter]
    extensions = [mip.udp_tunnel_request_extension(force=True)] if cmd.get("udp") else []
    ident = max(mip.ntp_timestamp(), register.last + 1)
    register.last = ident
    request = mip.Request(home_address=HOME, home_agent=HOME_AGENT, care_of=coa, identification=ident,
                          lifetime=cmd.get("lifetime", 60), flags=flags, extensions=extensions, spi=SPI, key=KEY)
    sent = time.monotonic()
    s.sendto(request.encode(), (HOME_AGENT, 434))
    deadline = sent + 3
    while time.monotonic() < deadline:
        try:
            data, sender = s.recvfrom(65535)
        except socket.timeout:
            continue
        if sender != (HOME_AGENT, 434) or not data or data[0] != mip.REGISTRATION_REPLY:
            continue
        reply = mip.parse_reply(data)
        if reply.identification & 0xFFFFFFFF != ident & 0xFFFFFFFF:
            continue
        now = time.monotonic()
        return {"code": reply.code, "lifetime": reply.lifetime, "reply_time": now, "rtt": now - sent,
                "authenticated": reply.authenticated_by(KEY, "hmac-md5", SPI), "port": s.getsockname()[1],
                "udp_tunnel_reply": reply.udp_tunnel_reply()}
    return {"code": None, "error": "no reply within 3 s"}


register.last = 0


def inject(cmd):
    inner = bytes(IP(src=HOME, dst=CORRESPONDENT, ttl=64) / ICMP(type=8, id=cmd["id"], seq=1) / Raw(b"hadp" * 8))
    send_reverse(inner, cmd["encapsulation"], cmd["outer_src"])
    return {"sent": True}


def main():
    tunnel_filter = ("src host %s and (ip proto 4 or ip proto 47 or ip proto 55 or udp src port 434)" % HOME_AGENT)
    sniffers = [AsyncSniffer(iface=FOREIGN_IF, filter=tunnel_filter, prn=on_tunnel, store=False),
                AsyncSniffer(iface=MOBILE_IF, filter="src host %s" % HOME, prn=on_mobile_reply, store=False)]
    for s in sniffers:
        s.start()
    time.sleep(1)   # the sniffers' sockets are open
    set_forwarding(True)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        name = cmd["cmd"]
        if name == "register":
            answer = register(cmd)   # its socket may hold tunnel data: register() skips it
        elif name == "mode":
            with lock:
                mode.update(reverse=cmd["reverse"], encapsulation=cmd["encapsulation"], coa=cmd["coa"])
            # reverse tunnelled: the mobile node's replies leave only through the tunnel we build
            set_forwarding(not cmd["reverse"])
            answer = {"ok": True}
        elif name == "inject":
            answer = inject(cmd)
        elif name == "packets":
            with lock:
                answer = {"packets": [r for r in seen if r["time"] >= cmd.get("since", 0)]}
        elif name == "quit":
            break
        else:
            answer = {"error": "unknown command " + name}
        print(json.dumps(answer), flush=True)
    for s in sniffers:
        s.stop()


if __name__ == "__main__":
    main()
