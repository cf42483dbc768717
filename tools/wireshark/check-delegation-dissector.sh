#!/usr/bin/env bash
# Checks the dissector's service 3 (PHA/SHA delegation) against docs/protocols.md, "Delegation":
# an independent Python encoder written from that section builds every message type (and payloads
# the receiver refuses) inside signed peer-link datagrams, writes them to a pcap (raw IPv4, UDP
# 7434), and tshark decodes the capture with homeagent-peer.lua; every field is compared with what
# was built, and every refused payload must carry the dissector's expert info, the others none.
# No appliance, no root; a few seconds. Prints "N passed, N failed"; exits non-zero on a failure.
#
#   bash tools/wireshark/check-delegation-dissector.sh        KEEP_WORKDIR=1 keeps the capture
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/dlg-dissector.XXXXXX)"
cleanup() { if [ "${KEEP_WORKDIR:-0}" = 1 ]; then echo "capture kept in $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
command -v tshark >/dev/null || { echo "0 passed, 1 failed (tshark missing)"; exit 1; }

timeout 60 python3 - "$here/homeagent-peer.lua" "$work" <<'PY'
import hashlib, hmac, socket, struct, subprocess, sys

lua, work = sys.argv[1], sys.argv[2]
KEY = bytes(range(32))

# ---- peer link framing (docs/protocols.md "Peer link") ----
def datagram(node, seq, records):
    header = struct.pack(">HBBIIQQHH", 0x4850, 1, 0, 7, node, 1000 + node, seq, 1, len(records))
    covered = header + b"".join(records)
    return covered + hmac.new(KEY, covered, hashlib.sha256).digest()

def data(message_seq, payload):
    body = struct.pack(">HQ", 3, message_seq) + payload
    return struct.pack(">BBH", 1, 1, len(body)) + body

# ---- delegation payloads (docs/protocols.md "Delegation") ----
ip = lambda text: socket.inet_aton(text)
def header(mtype, transaction):
    return struct.pack(">BBI", 1, mtype, transaction)
def start(t, home, coa, src, enc, inner, flags, peer="0.0.0.0", port=0, duration=1800):
    return header(1, t) + ip(home) + ip(coa) + ip(src) + struct.pack(">BBBB", enc, inner, flags, 0) \
        + ip(peer) + struct.pack(">HI", port, duration)
def ack(mtype, t, home, result):
    return header(mtype, t) + ip(home) + struct.pack(">B", result)
def stop(t, home):
    return header(3, t) + ip(home)
def heartbeat(t, entries, capacity):
    return header(5, t) + struct.pack(">II", entries, capacity)
def batch(t, elements, count=None):
    return header(7, t) + struct.pack(">H", len(elements) if count is None else count) + b"".join(elements)
def load(t, total, uptime, flags, entries, count=None):
    body = b"".join(ip(home) + struct.pack(">Q", packets) for home, packets in entries)
    return header(6, t) + struct.pack(">QQBBH", total, uptime, flags, 0,
                                      len(entries) if count is None else count) + body

good = [  # (payload, expected fields)
    (start(0x01020304, "10.1.0.7", "192.0.2.9", "10.1.0.1", 2, 0, 1),
     {"type": "1", "transaction": str(0x01020304), "home": "10.1.0.7", "care_of": "192.0.2.9",
      "tunnel_source": "10.1.0.1", "encapsulation": "2", "inner_encapsulation": "0", "flags.reverse_tunnel": "1",
      "udp_peer.address": "0.0.0.0", "udp_peer.port": "0", "duration": "1800"}),
    (start(2, "10.1.0.8", "198.51.100.1", "10.1.0.1", 3, 1, 0, "203.0.113.5", 4500, 0xFFFFFFFF),
     {"type": "1", "encapsulation": "3", "inner_encapsulation": "1", "flags.reverse_tunnel": "0",
      "udp_peer.address": "203.0.113.5", "udp_peer.port": "4500", "duration": "4294967295"}),
    (ack(2, 0x01020304, "10.1.0.7", 0), {"type": "2", "home": "10.1.0.7", "result": "0"}),
    (ack(2, 3, "10.1.0.9", 1), {"type": "2", "result": "1"}),
    (stop(4, "10.1.0.7"), {"type": "3", "transaction": "4", "home": "10.1.0.7"}),
    (ack(4, 4, "10.1.0.99", 5), {"type": "4", "home": "10.1.0.99", "result": "5"}),
    (heartbeat(9, 1000, 40000), {"type": "5", "transaction": "9", "entries": "1000", "capacity": "40000"}),
    (load(13, 70000, 3600000, 1, [("10.1.0.7", 65536), ("10.1.0.8", 0)]),
     {"type": "6", "transaction": "13", "total_packets": "70000", "uptime": "3600000", "load_flags.truncated": "1",
      "count": "2", "home": "10.1.0.7|10.1.0.8", "packets": "65536|0"}),
    (load(14, 0, 0, 0, []), {"type": "6", "count": "0", "load_flags.truncated": "0", "total_packets": "0"}),
    (batch(0x21, [stop(3, "10.1.0.7"), ack(2, 2, "10.1.0.8", 1)]),   # docs/protocols.md's example
     {"type": "7|3|2", "transaction": "33|3|2", "elements": "2", "home": "10.1.0.7|10.1.0.8", "result": "1"}),
    (batch(22, [start(23, "10.1.0.9", "192.0.2.9", "10.1.0.1", 0, 0, 0), ack(4, 24, "10.1.0.7", 0)]),
     {"type": "7|1|4", "elements": "2", "home": "10.1.0.9|10.1.0.7", "care_of": "192.0.2.9", "duration": "1800"}),
]
bad = [  # payloads the receiver refuses
    start(5, "10.1.0.7", "192.0.2.9", "10.1.0.1", 0, 0, 0, duration=0),
    start(6, "0.0.0.0", "192.0.2.9", "10.1.0.1", 0, 0, 0),
    start(7, "10.1.0.7", "192.0.2.9", "10.1.0.1", 3, 0, 0),          # UDP without the NAT mapping
    start(8, "10.1.0.7", "192.0.2.9", "10.1.0.1", 0, 0, 0, "203.0.113.5", 4500),
    ack(2, 9, "10.1.0.7", 5),                                         # unknown-home answers no Start
    stop(10, "10.1.0.7") + b"\x00",                                   # a byte too many
    b"\x02\x01\x00\x00\x00\x01",                                      # version 2
    b"\x01\x09\x00\x00\x00\x01",                                      # type 9
    load(15, 5, 5, 0, [("10.1.0.7", 5)], count=2),                    # a count its length disagrees with
    load(16, 5, 5, 0, [("0.0.0.0", 5)]),
    load(17, 5, 5, 0, [("10.1.0.7", 5)] * 101),                       # more than a report holds
    load(18, 1 << 63, 5, 0, []),                                      # a total beyond 2^63-1
    batch(19, []),                                                    # a batch of nothing
    batch(20, [heartbeat(21, 1, 0)]),                                 # only Starts, Stops and their acks
    batch(22, [stop(23, "10.1.0.7")], count=2),                       # cut short
    batch(24, [stop(25, "10.1.0.7")]) + b"\x00",                      # a byte after its elements
    batch(26, [stop(27, "10.1.0.7"), start(28, "0.0.0.0", "192.0.2.9", "10.1.0.1", 0, 0, 0)]),  # an element refused
]
frames = [datagram(1, i + 1, [data(i + 1, p)]) for i, (p, _) in enumerate(good)]
frames += [datagram(2, i + 1, [data(100 + i, p)]) for i, p in enumerate(bad)]
# a batch: two delegation records in one datagram
frames.append(datagram(1, 50, [data(50, stop(11, "10.1.0.8")), data(51, heartbeat(12, 3, 0))]))

def ipv4_udp(payload, src="10.9.0.1", dst="10.9.0.2"):
    udp = struct.pack(">HHHH", 7434, 7434, 8 + len(payload), 0) + payload
    head = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0, ip(src), ip(dst))
    total = sum(struct.unpack(">10H", head))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return head[:10] + struct.pack(">H", ~total & 0xFFFF) + head[12:] + udp

pcap = work + "/delegation.pcap"
with open(pcap, "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))  # LINKTYPE_RAW
    for n, frame in enumerate(frames):
        packet = ipv4_udp(frame)
        out.write(struct.pack("<IIII", 1765000000 + n, 0, len(packet), len(packet)) + packet)

names = ["type", "transaction", "home", "care_of", "tunnel_source", "encapsulation", "inner_encapsulation",
         "flags.reverse_tunnel", "udp_peer.address", "udp_peer.port", "duration", "result", "entries", "capacity",
         "total_packets", "uptime", "load_flags.truncated", "count", "packets", "elements"]
cmd = ["tshark", "-X", "lua_script:" + lua, "-r", pcap, "-T", "fields", "-E", "separator=\t",
       "-E", "aggregator=|", "-E", "occurrence=a", "-e", "frame.number", "-e", "hadeleg.malformed",
       "-e", "_ws.expert"] + [w for n in names for w in ("-e", "hadeleg." + n)]
lines = subprocess.run(cmd, capture_output=True, text=True, timeout=40, check=True).stdout.splitlines()
rows = [line.split("\t") for line in lines]
passed = failed = 0
def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + str(detail) if detail else ""))

check("every frame decoded", len(rows) == len(frames), len(rows))
for i, (payload, expected) in enumerate(good):
    row = dict(zip(["frame", "malformed", "expert"] + names, rows[i] + [""] * 30)) if i < len(rows) else {}
    wrong = {k: (row.get(k), v) for k, v in expected.items() if row.get(k) != v}
    check(f"message {i + 1} (type {expected['type']}) decodes field by field", not wrong, wrong)
    check(f"message {i + 1} has no expert info", row.get("expert", "") == "" and row.get("malformed", "") == "",
          row.get("expert"))
for j in range(len(bad)):
    row = rows[len(good) + j] if len(good) + j < len(rows) else []
    flagged = len(row) > 2 and (row[1] != "" or row[2] != "")
    check(f"refused payload {j + 1} is flagged malformed", flagged, row[:3])
batch = rows[-1] if rows else []
types = batch[3].split("|") if len(batch) > 3 else []
check("a batch of two delegation records decodes both", types == ["3", "5"], types)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
