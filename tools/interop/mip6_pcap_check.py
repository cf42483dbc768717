#!/usr/bin/python3
"""tshark as the judge of our Mobile IPv6 encoder (run-mip6-codec.sh writes the capture).

  mip6_pcap_check.py --pcap mip6.pcap --expected mip6.pcap.expected [--control]

For every packet: tshark decodes a Mobility Header of the MH Type named in the .expected file
(one line per packet, tab-separated: MH Type, description, the fields as our encoder wrote them
under tshark's names, "mip6.bu.lifetime=900 ..."), reads those fields with the same values
(addresses compared as addresses), with no malformed packet and no expert info of
severity warning or above (a note, such as "IE data not dissected yet" for an option type
Wireshark does not know, is allowed and printed). tshark 4.0's Mobile IPv6 dissector shows the
Checksum but does not verify it, so this script verifies it itself (RFC 1071 over the RFC 2460
§8.1 pseudo-header: the home address of a Home Address option as source, the home address of a
type 2 routing header as final destination, next header 135), reading the packet from the pcap.

--control runs the same checks on copies made wrong on purpose (a checksum off by one, a Mobility
Header cut short) and passes only if both are caught: the check is not blind.
Prints PASS/FAIL lines and last "N passed, N failed"; exits 1 on any failure.
"""

import argparse
import ipaddress
import os
import struct
import subprocess
import sys
import tempfile

FIELDS = ["frame.number", "mip6.mhtype", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message"]
SEVERITY_WARNING = 0x00600000  # Wireshark's PI_WARN; PI_NOTE is 0x00400000


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack("<I", data[:4])
    if magic != 0xa1b2c3d4:
        raise SystemExit("%s: not a little-endian microsecond pcap" % path)
    packets, at = [], 24
    while at < len(data):
        _, _, caplen, _ = struct.unpack("<IIII", data[at:at + 16])
        packets.append(bytearray(data[at + 16:at + 16 + caplen]))
        at += 16 + caplen
    return data[:24], packets


def write_pcap(path, header, packets):
    with open(path, "wb") as f:
        f.write(header)
        for i, packet in enumerate(packets):
            f.write(struct.pack("<IIII", 1800000000 + i, 0, len(packet), len(packet)))
            f.write(packet)


def mobility_header(packet):
    """(offset of the Mobility Header, pseudo-header source, pseudo-header destination)."""
    source, destination = bytes(packet[8:24]), bytes(packet[24:40])
    next_header, at = packet[6], 40
    while next_header in (0, 43, 60):
        length = (packet[at + 1] + 1) * 8
        if next_header == 60:
            o = at + 2
            while o < at + length:
                if packet[o] == 0:
                    o += 1
                    continue
                if packet[o] == 0xc9:
                    source = bytes(packet[o + 2:o + 18])
                o += 2 + packet[o + 1]
        elif next_header == 43 and packet[at + 2] == 2 and packet[at + 3] > 0:
            destination = bytes(packet[at + 8:at + 24])
        next_header, at = packet[at], at + length
    if next_header != 135:
        return None
    return at, source, destination


def checksum_ok(packet):
    found = mobility_header(packet)
    if found is None:
        return False
    at, source, destination = found
    mh = bytes(packet[at:])
    data = source + destination + struct.pack("!IxxxB", len(mh), 135) + mh
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return total == 0xffff


def tshark_rows(pcap, fields):
    args = ["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
            "-E", "aggregator=|"]
    for field in fields:
        args += ["-e", field]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit("tshark failed: " + done.stderr)
    rows = []
    for line in done.stdout.splitlines():
        cells = line.split("\t") + [""] * len(fields)
        rows.append(dict(zip(fields, cells)))
    return rows


def same(expected, read):
    try:
        return ipaddress.IPv6Address(expected) == ipaddress.IPv6Address(read)
    except ValueError:
        return expected == read


def problems(pcap, expected):
    """One list of problems per packet."""
    _, packets = read_pcap(pcap)
    ours = [dict(pair.split("=", 1) for pair in wrote.split()) for _, _, wrote in expected]
    fields = FIELDS + sorted({name for wrote in ours for name in wrote})
    rows = tshark_rows(pcap, fields)
    out = []
    for i, (mh_type, _, _) in enumerate(expected):
        found = []
        row = rows[i] if i < len(rows) else {}
        if row.get("mip6.mhtype") != mh_type:
            found.append("tshark's MH Type is %r, expected %s" % (row.get("mip6.mhtype"), mh_type))
        if row.get("_ws.malformed"):
            found.append("tshark: malformed packet")
        severities = [int(s, 0) for s in row.get("_ws.expert.severity", "").split("|") if s]
        if any(s >= SEVERITY_WARNING for s in severities):
            found.append("tshark expert info: " + row.get("_ws.expert.message", ""))
        for name, value in ours[i].items():
            if not same(value, row.get(name, "")):
                found.append("tshark reads %s=%r, we wrote %s" % (name, row.get(name), value))
        if i >= len(packets) or not checksum_ok(packets[i]):
            found.append("Mobility Header checksum does not verify over the pseudo-header")
        out.append((found, row.get("_ws.expert.message", "")))
    if len(rows) != len(expected):
        out.append((["tshark read %d packets, %d expected" % (len(rows), len(expected))], ""))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pcap", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--control", action="store_true")
    args = parser.parse_args()
    expected = []
    with open(args.expected) as f:
        for line in f:
            mh_type, name, wrote = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            expected.append((mh_type, name, wrote))

    passed = failed = 0
    for (mh_type, name, _), (found, notes) in zip(expected + [("-", "packet count", "")],
                                                  problems(args.pcap, expected)):
        if found:
            failed += 1
            print("FAIL %s (MH Type %s): %s" % (name, mh_type, "; ".join(found)))
        else:
            passed += 1
            print("PASS %s (MH Type %s)%s" % (name, mh_type, " [tshark note: %s]" % notes if notes else ""))

    if args.control:
        header, packets = read_pcap(args.pcap)
        with tempfile.TemporaryDirectory() as work:
            bad = os.path.join(work, "control.pcap")
            corrupted = [bytearray(p) for p in packets[:2]]
            at = mobility_header(corrupted[0])[0]
            corrupted[0][at + 5] ^= 1              # the checksum's last octet
            corrupted[1] = corrupted[1][:-4]      # cut short: Header Len now says more than is there
            corrupted[1][4:6] = struct.pack("!H", len(corrupted[1]) - 40)
            write_pcap(bad, header, corrupted)
            caught = problems(bad, expected[:2])
            for (what, sign), (found, _) in zip([("a checksum off by one", "checksum does not verify"),
                                                 ("a Mobility Header cut short", "tshark: malformed")], caught):
                if any(sign in problem for problem in found):
                    passed += 1
                    print("PASS control: %s is caught (%s)" % (what, "; ".join(found)))
                else:
                    failed += 1
                    print("FAIL control: %s went unnoticed, the check is blind" % what)

    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
