#!/usr/bin/python3
"""Wireshark as the judge of our wire format: reads the capture of an interoperability run
with tshark's Mobile IP dissector and compares it with what the client (mip_client.py) read.

  tshark_check.py --pcap run.pcap --port P --record datagrams.json

Checks, one line each, then exactly one line "N passed, N failed" (exit 1 on any failure):
  replies decode cleanly      no malformed packet, no expert warning/error, nothing left
                              undissected, in any datagram the home agent sent
  requests decode cleanly     the same for our requests, except those the scenarios made
                              poorly formed on purpose (which tshark must flag, or the check is blind)
  capture is complete         the capture holds exactly the datagrams the client sent and received
  reply fields agree          for every reply: mip.type, mip.code, mip.life, mip.homeaddr,
                              mip.haaddr, mip.ident, the extension types in order, mip.auth.spi,
                              mip.auth.auth, mip.nai, mip.ext.utrp.code, mip.ext.utrp.keepalive
                              equal the client's own reading
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mip_client as mip  # noqa: E402

# What tshark 4.0 offers for "this did not decode cleanly" (checked with `tshark -G fields`).
UNCLEAN = "(_ws.malformed || _ws.expert.severity >= warning || mip.data_not_dissected)"


class Tshark:
    def __init__(self, pcap: str, port: int):
        self.base = ["tshark", "-n", "-r", pcap, "-d", "udp.port==%d,mip" % port]

    def run(self, *args: str) -> str:
        done = subprocess.run(self.base + list(args), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError("tshark %s exited %d: %s" % (" ".join(args), done.returncode, done.stderr.strip()))
        return done.stdout

    def unclean(self, direction: str):
        """(frame number, udp payload hex, expert messages) of each unclean datagram."""
        out = self.run("-Y", "%s && %s" % (direction, UNCLEAN), "-T", "fields", "-E", "occurrence=a",
                       "-E", "aggregator=;", "-e", "frame.number", "-e", "udp.payload", "-e", "_ws.expert.message")
        rows = []
        for line in out.splitlines():
            cells = line.split("\t") + ["", "", ""]
            rows.append((cells[0], cells[1].replace(":", ""), cells[2]))
        return rows

    def payloads(self, direction: str):
        out = self.run("-Y", direction, "-T", "fields", "-e", "udp.payload")
        return [line.strip().replace(":", "") for line in out.splitlines() if line.strip()]

    def mip_fields(self, direction: str):
        """For each datagram: its UDP payload (hex) and every mip.* field as (name, show, value)."""
        pdml = self.run("-Y", direction, "-T", "pdml")
        packets = []
        for packet in ElementTree.fromstring(pdml).iter("packet"):
            payload, fields = None, []
            for element in packet.iter("field"):
                name = element.get("name", "")
                if name == "udp.payload":
                    payload = element.get("value")
                elif name.startswith("mip."):
                    fields.append((name, element.get("show"), element.get("value")))
            packets.append((payload, fields))
        return packets


def compare_reply(fields, reply: mip.Reply):
    """The differences between tshark's fields and the client's reading of one reply."""
    first = {}
    for name, show, value in fields:
        first.setdefault(name, (show, value))
    seen = {
        "mip.type": first.get("mip.type", (None,))[0],
        "mip.code": first.get("mip.code", (None,))[0],
        "mip.life": first.get("mip.life", (None,))[0],
        "mip.homeaddr": first.get("mip.homeaddr", (None,))[0],
        "mip.haaddr": first.get("mip.haaddr", (None,))[0],
        "mip.ident": int(first["mip.ident"][1], 16) if "mip.ident" in first else None,
        "mip.ext.type": [int(show) for name, show, _ in fields if name == "mip.ext.type"],
        "mip.auth.spi": int(first["mip.auth.spi"][0], 0) if "mip.auth.spi" in first else None,
        "mip.auth.auth": first.get("mip.auth.auth", (None, None))[1],
        "mip.nai": first.get("mip.nai", (None,))[0],
        "mip.ext.utrp.code": first.get("mip.ext.utrp.code", (None,))[0],
        "mip.ext.utrp.keepalive": first.get("mip.ext.utrp.keepalive", (None,))[0],
    }
    auth = reply.extension(mip.EXT_MN_HA_AUTH)
    tunnel = reply.udp_tunnel_reply()
    client = {
        "mip.type": str(mip.REGISTRATION_REPLY),
        "mip.code": str(reply.code),
        "mip.life": str(reply.lifetime),
        "mip.homeaddr": reply.home_address,
        "mip.haaddr": reply.home_agent,
        "mip.ident": reply.identification,
        "mip.ext.type": [e.type for e in reply.extensions],
        "mip.auth.spi": reply.mn_ha_spi(),
        "mip.auth.auth": auth.body[4:].hex() if auth else None,
        "mip.nai": reply.nai(),
        "mip.ext.utrp.code": str(tunnel[0]) if tunnel else None,
        "mip.ext.utrp.keepalive": str(tunnel[2]) if tunnel else None,
    }
    return ["%s: tshark %r, client %r" % (k, seen[k], client[k]) for k in client if seen[k] != client[k]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pcap", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--record", required=True, help="the JSON written by test_interop.py --record")
    args = parser.parse_args(argv)

    with open(args.record) as f:
        record = json.load(f)
    tshark = Tshark(args.pcap, args.port)
    from_ha = "udp.srcport == %d" % args.port
    to_ha = "udp.dstport == %d" % args.port
    results = []

    def check(name, function):
        try:
            problems, detail = function()
        except Exception as error:  # tshark missing, capture unreadable: a failure, not a crash
            problems, detail = ["%s: %s" % (type(error).__name__, error)], ""
        results.append(not problems)
        if problems:
            print("FAIL %-28s %s" % (name, "\n     ".join(problems[:20])), flush=True)
        else:
            print("PASS %-28s %s" % (name, detail), flush=True)

    def replies_clean():
        rows = tshark.unclean(from_ha)
        return (["frame %s: %s" % (frame, messages or "malformed") for frame, _, messages in rows],
                "%d replies: no malformed packet, no expert warning or error" % len(record["received"]))

    def requests_clean():
        rows = tshark.unclean(to_ha)
        deliberate = set(record["deliberately_malformed"])
        flagged = {payload for _, payload, _ in rows}
        problems = ["frame %s: %s (a request the client meant to be well formed)" % (frame, messages or "malformed")
                    for frame, payload, messages in rows if payload not in deliberate]
        problems += ["tshark did not flag the deliberately poorly formed request %s" % p
                     for p in deliberate - flagged]
        return problems, "%d requests clean; the %d poorly formed on purpose flagged" % (
            len(record["sent"]) - len(deliberate), len(deliberate))

    def capture_complete():
        problems = []
        for direction, expected, what in ((to_ha, record["sent"], "requests"), (from_ha, record["received"], "replies")):
            captured = collections.Counter(tshark.payloads(direction))
            wanted = collections.Counter(expected)
            if captured != wanted:
                problems.append("%s: captured %d, client %d; only in capture %d, only in client %d" % (
                    what, sum(captured.values()), sum(wanted.values()),
                    sum((captured - wanted).values()), sum((wanted - captured).values())))
        return problems, "%d requests and %d replies, byte for byte" % (len(record["sent"]), len(record["received"]))

    def reply_fields():
        problems = []
        packets = tshark.mip_fields(from_ha)
        for index, (payload, fields) in enumerate(packets, 1):
            if payload is None:
                problems.append("reply %d: no UDP payload in tshark's output" % index)
                continue
            try:
                reply = mip.parse_reply(bytes.fromhex(payload))
            except mip.MalformedReply as error:
                problems.append("reply %d: the client cannot parse it: %s" % (index, error))
                continue
            problems += ["reply %d (code %d): %s" % (index, reply.code, d) for d in compare_reply(fields, reply)]
        if not packets:
            problems.append("no reply in the capture")
        return problems, "%d replies: code, life, homeaddr, haaddr, ident, extension types, auth SPI and " \
                         "authenticator, NAI, UDP tunnel reply agree with the client" % len(packets)

    check("tshark_replies_clean", replies_clean)
    check("tshark_requests_clean", requests_clean)
    check("tshark_capture_complete", capture_complete)
    check("tshark_reply_fields", reply_fields)
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
