#!/usr/bin/python3
"""The mobiles' end of a reactive-advice push to many mobiles, counted independently of the appliance.

Runs in the receiver namespace of tools/mimm/bench-push.sh, where every care-of address of the bench's
mobiles is local (`ip route add local <prefix> dev lo`). It stands in for all the mobiles at once and
trusts nothing the appliance says about itself: what it knows comes from two files written by the
load generator before the appliance was asked anything,

  * --sa-file: the security associations (`<home> <spi> hmac-md5 0x<key> ...`, the appliance's
    etc/mobility-security.conf), i.e. each mobile's MN-HA key;
  * --ledger: the load generator's ledger (layout in tools/loadgen's --help): which home addresses
    the home agent acknowledged as registered, and at which care-of address;

and from the wire. A raw socket of protocol 4 receives each IP-in-IP datagram (RFC 2003) the home
agent's data plane tunnels here. Each one is checked as a co-located mobile would (RFC 5944 §3.1.1):

  * outer header: IPv4, from the home agent (--home-agent), to the care-of address the ledger gives
    for the inner destination;
  * inner header: IPv4, header checksum, UDP (RFC 768 checksum over the pseudo-header) to
    --mobile-port, destination a home address registered in the ledger;
  * payload: the reactive Advice of docs/protocols.md "MIMM reactive advice" (46 octets, type 1,
    version 1, the home address field = the inner destination, the reason, network, alternative and
    expiry of the alert, P clear), its MN-HA Authentication Extension (type 32, length 20, the SPI of
    the mobile's association) and the authenticator, HMAC-MD5 with the mobile's key over every octet
    before it (RFC 5944 §3.5.1, §3.5.2).

A datagram failing any check is bad, counted by the first check it fails. As the client's
ReactiveInbox, a new identification more than 7 s from this host's clock (§5.7.1) is a replay:
counted stale, not acked; the same identification again is a retransmission, whatever its age. A good one is acknowledged
as the client's ReactiveInbox does (an Ack, type 2, echoing the identification, authenticated with
the same key), sent to the advice's source from the care-of address (IP_PKTINFO). Per home address
the first advice counts it as reached; the same identification again is a retransmission (its ack was
late or lost: acked again); another identification is the mobile advised again (also acked).

The identification of an advice is the advisor's RFC 5944 §5.7.1 timestamp taken when it was first
sent (docs/protocols.md), on this machine's clock: the send pace is read from it, the arrival pace
from the socket's receive timestamps (SO_TIMESTAMPNS). It stops when every registered mobile was
reached and nothing came for --linger-s seconds, at --deadline-s, or on SIGTERM; then it prints one
"name value" a line and writes the same as JSON (--report), with the per-second histograms.
"""

import argparse
import hashlib
import hmac
import json
import os
import select
import signal
import socket
import statistics
import struct
import sys
import time

SO_RCVBUFFORCE = 33
SO_TIMESTAMPNS = 35
IP_PKTINFO = 8
NTP_TO_UNIX = 2_208_988_800
ADVICE_LENGTH = 46
ACK_COVERED = 22        # header 16 + the extension's type, length, SPI
ADVICE_COVERED = 30     # header 16 + advice 8 + type, length, SPI
TOLERANCE_S = 7         # RFC 5944 §5.7.1's default


def read_associations(path):
    """home (4 octets) -> (spi, key)."""
    keys = {}
    with open(path, encoding="ascii") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) < 4 or line[2] != "hmac-md5" or not line[3].startswith("0x"):
                sys.exit(f"{path}:{number}: not '<home> <spi> hmac-md5 0x<key> ...'")
            home = socket.inet_aton(line[0])
            spi = int(line[1])
            if home not in keys or spi < keys[home][0]:   # the advisor uses the lowest SPI (docs/mimm.md)
                keys[home] = (spi, bytes.fromhex(line[3][2:]))
    return keys


def read_ledger(path):
    """home (4 octets) -> care-of (4 octets), for the nodes acknowledged as registered with nothing unanswered."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"MIPL" or data[4] != 1:
        sys.exit(f"{path}: not a load generator ledger of format 1")
    home_base, nodes = struct.unpack_from(">Ii", data, 5)
    record = struct.Struct(">BIHBIHi")
    if len(data) != 13 + nodes * record.size:
        sys.exit(f"{path}: {len(data)} octets for {nodes} nodes")
    registered = {}
    for node, (state, care_of, _lifetime, unanswered, _c, _l, _g) in enumerate(record.iter_unpack(data[13:])):
        if state == 1 and unanswered == 0:
            registered[struct.pack(">I", home_base + node)] = struct.pack(">I", care_of)
    return registered


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f">{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def ntp_seconds(identification):
    return (identification >> 32) - NTP_TO_UNIX + (identification & 0xFFFFFFFF) / 2**32


class Check:
    """The checks of one datagram, in order; the first that fails names the problem."""

    def __init__(self, args, keys, registered):
        self.home_agent = socket.inet_aton(args.home_agent)
        self.port = args.mobile_port
        self.reason = args.reason
        self.network = args.network
        self.alternative = args.alternative
        self.expiry = args.expiry
        self.keys = keys
        self.registered = registered

    def advice(self, packet, arrival):
        """(None, fields) for a good advice, else (problem, None)."""
        if len(packet) < 20 or packet[0] >> 4 != 4:
            return "outer not IPv4", None
        ohl = (packet[0] & 0x0F) * 4
        if packet[9] != 4 or len(packet) < ohl + 20:
            return "outer not IP in IP", None
        if packet[12:16] != self.home_agent:
            return "outer source not the home agent", None
        inner = packet[ohl:]
        ihl = (inner[0] & 0x0F) * 4
        if inner[0] >> 4 != 4 or ihl < 20 or len(inner) < ihl + 8:
            return "inner not IPv4", None
        if struct.unpack_from(">H", inner, 2)[0] != len(inner):
            return "inner total length", None
        if checksum(inner[:ihl]) != 0xFFFF:
            return "inner header checksum", None
        if inner[9] != 17 or struct.unpack_from(">H", inner, 6)[0] & 0x3FFF:
            return "inner not one UDP datagram", None
        home = inner[16:20]
        care_of = self.registered.get(home)
        if care_of is None:
            return "inner destination not a registered home address", None
        if packet[16:20] != care_of:
            return "outer destination not the mobile's care-of address", None
        udp = inner[ihl:]
        sport, dport, ulen, usum = struct.unpack_from(">HHHH", udp)
        if dport != self.port or ulen != len(udp):
            return "UDP port or length", None
        if usum and checksum(inner[12:20] + struct.pack(">BBH", 0, 17, ulen) + udp) != 0xFFFF:
            return "UDP checksum", None
        body = udp[8:]
        if len(body) != ADVICE_LENGTH or body[0] != 1 or body[1] != 1:
            return "not a version 1 advice of 46 octets", None
        if body[4:8] != home:
            return "advice home address not the inner destination", None
        identification, network, alternative, expiry = struct.unpack_from(">QHHi", body, 8)
        ext_type, ext_len, spi = struct.unpack_from(">BBI", body, 24)
        if ext_type != 32 or ext_len != 20:
            return "no MN-HA authentication extension", None
        known = self.keys.get(home)
        if known is None or known[0] != spi:
            return "SPI not the mobile's", None
        mac = hmac.new(known[1], body[:ADVICE_COVERED], hashlib.md5).digest()
        if not hmac.compare_digest(mac, body[ADVICE_COVERED:]):
            return "authenticator", None
        if body[2] != self.reason or body[3] != 0:
            return "reason or flags", None
        if network != self.network or alternative != self.alternative:
            return "network or alternative", None
        if not (expiry == -1 if self.expiry == -1 else 1 <= expiry <= self.expiry):
            return "expiry", None
        return None, (home, identification, ntp_seconds(identification), spi, known[1], inner[12:16], sport,
                      packet[16:20])


def ack(home, identification, spi, key):
    covered = struct.pack(">BBBB4sQBBI", 2, 1, 0, 0, home, identification, 32, 20, spi)
    return covered + hmac.new(key, covered, hashlib.md5).digest()


def windows(times, width):
    """The most events in any interval of `width` seconds (times sorted)."""
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= width:
            start += 1
        most = max(most, end - start + 1)
    return most


def per_second(times, origin):
    bins = {}
    for t in times:
        bins[int(t - origin)] = bins.get(int(t - origin), 0) + 1
    return [bins.get(s, 0) for s in range(max(bins) + 1)] if bins else []


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def raw_drops():
    """Datagrams the kernel dropped on this namespace's raw sockets of protocol 4 (full buffer)."""
    drops = 0
    with open("/proc/net/raw") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[1].endswith(":0004"):
                drops += int(fields[-1])
    return drops


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sa-file", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--home-agent", required=True)
    parser.add_argument("--mobile-port", type=int, default=10434)
    parser.add_argument("--network", type=int, required=True)
    parser.add_argument("--reason", type=int, required=True)
    parser.add_argument("--alternative", type=int, default=0)
    parser.add_argument("--expiry", type=int, required=True)
    parser.add_argument("--rate", type=int, required=True, help="the advisor's pushRate")
    parser.add_argument("--burst", type=int, required=True, help="the advisor's pushBurst")
    parser.add_argument("--no-ack", action="store_true", help="acknowledge nothing (measures retransmission)")
    parser.add_argument("--linger-s", type=float, default=5)
    parser.add_argument("--deadline-s", type=float, required=True)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()

    keys = read_associations(args.sa_file)
    registered = read_ledger(args.ledger)
    check = Check(args, keys, registered)
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)
    raw.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 32 << 20)
    raw.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    drops_before = raw_drops()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    first = {}                 # home -> identification of its first advice
    sends, arrivals, latencies = [], [], []
    bad, retransmitted, again, ack_failures, stale = {}, 0, 0, 0, 0
    last_datagram = None
    print(f"ready: {len(registered)} registered mobiles, {len(keys)} associations", flush=True)
    deadline = time.monotonic() + args.deadline_s
    while not stop and time.monotonic() < deadline:
        if len(first) == len(registered) and last_datagram and time.monotonic() - last_datagram >= args.linger_s:
            break
        try:
            readable, _, _ = select.select([raw], [], [], 0.2)
        except InterruptedError:
            continue
        if not readable:
            continue
        packet, ancillary, _, _ = raw.recvmsg(65535, socket.CMSG_SPACE(16))
        last_datagram = time.monotonic()
        arrival = time.time()
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                seconds, nanos = struct.unpack("=qq", data[:16])
                arrival = seconds + nanos / 1e9
        problem, fields = check.advice(packet, arrival)
        if problem:
            bad[problem] = bad.get(problem, 0) + 1
            continue
        home, identification, sent, spi, key, source, sport, care_of = fields
        seen = first.get(home)
        if seen != identification and abs(sent - arrival) > TOLERANCE_S:
            # a new identification far from this clock is a replay to a mobile (RFC 5944 §5.7.1):
            # dropped, not acked, as the client's ReactiveInbox does; the same identification again
            # is a retransmission whatever its age, acked again
            stale += 1
            continue
        if seen is None:
            first[home] = identification
            sends.append(sent)
            arrivals.append(arrival)
            latencies.append(arrival - sent)
        elif seen == identification:
            retransmitted += 1
        else:
            again += 1
        if not args.no_ack:
            try:
                out.sendmsg([ack(home, identification, spi, key)],
                           [(socket.IPPROTO_IP, IP_PKTINFO, struct.pack("=I4s4s", 0, care_of, bytes(4)))],
                           0, (socket.inet_ntoa(source), sport))
            except OSError:
                ack_failures += 1

    sends.sort()
    arrivals.sort()
    span = sends[-1] - sends[0] if len(sends) > 1 else 0.0
    send_bins = per_second(sends, sends[0]) if sends else []
    full_bins = send_bins[:-1]   # the last second is partial
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
    report = {
        "registered": len(registered),
        "reached": len(first),
        "missing": len(registered) - len(first),
        "bad": sum(bad.values()),
        "bad_by_problem": bad,
        "retransmissions_received": retransmitted,
        "stale_new_advice": stale,
        "advised_again": again,
        "ack_send_failures": ack_failures,
        "acked": not args.no_ack,
        "raw_socket_drops": raw_drops() - drops_before,
        "rate": args.rate,
        "burst": args.burst,
        "first_send_epoch": sends[0] if sends else 0,
        "first_arrival_epoch": arrivals[0] if arrivals else 0,
        "last_arrival_epoch": arrivals[-1] if arrivals else 0,
        "send_span_s": round(span, 3),
        "send_rate_mean": round((len(sends) - 1) / span, 1) if span else 0,
        # first sends and retransmissions share the pace: every good datagram over the arrivals' span
        "datagram_rate_mean": round((len(first) + retransmitted + again - 1) / (arrivals[-1] - arrivals[0]), 1)
        if len(arrivals) > 1 and arrivals[-1] > arrivals[0] else 0,
        "send_span_minimum_s": round(max(0, len(sends) - args.burst) / args.rate, 3),
        "send_max_in_1s": windows(sends, 1.0),
        "send_max_in_100ms": windows(sends, 0.1),
        "send_pace_bound_1s": args.rate + args.burst,
        "arrival_max_in_1s": windows(arrivals, 1.0),
        "send_per_second_min": min(full_bins) if full_bins else 0,
        "send_per_second_max": max(full_bins) if full_bins else 0,
        "send_per_second_stdev": round(statistics.pstdev(full_bins), 1) if len(full_bins) > 1 else 0,
        "latency_ms_p50": round(percentile(latencies, 50) * 1e3, 2),
        "latency_ms_p99": round(percentile(latencies, 99) * 1e3, 2),
        "latency_ms_max": round(max(latencies) * 1e3, 2) if latencies else 0,
        "arrival_gap_ms_p50": round(percentile(gaps, 50) * 1e3, 3),
        "arrival_gap_ms_p99": round(percentile(gaps, 99) * 1e3, 3),
        "arrival_gap_ms_max": round(max(gaps) * 1e3, 1) if gaps else 0,
        "send_per_second": send_bins,
        "arrival_per_second": per_second(arrivals, arrivals[0]) if arrivals else [],
    }
    with open(args.report, "w") as f:
        json.dump(report, f)
    for name, value in report.items():
        if not isinstance(value, list):
            print(f"{name} {json.dumps(value) if isinstance(value, dict) else value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
