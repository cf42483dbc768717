#!/usr/bin/python3
"""Real SIP dialogs through a proxy, for the kamailio session source's system test
(tools/mimm/run-mimm-kamailio.sh): a tiny UAC and UAS in one process, RFC 3261 over UDP.

  sip_calls.py --proxy 127.0.0.1:5060 --calls 4 --caller-contact 10.0.0.12 --release-file F

The UAS listens on 127.0.0.1 (a port of its own); the UAC places CALLS INVITEs through the proxy
(Request-URI = the UAS, so the proxy relays them), the UAS answers 100 Trying then 200 OK with a
To tag and its Contact, the UAC sends the ACK along the Record-Route set (RFC 3261 §12.1.2: the
route set is the Record-Route of the 2xx in reverse order, the remote target its Contact). Prints
"N established" and waits until RELEASE-FILE exists, then sends a BYE per dialog along the same
route, waits for the 200s, prints "N ended" and exits. The caller's Contact names CALLER-CONTACT
(the address the advisor maps to a network: a mobile's home address) while the datagrams leave
from 127.0.0.1; responses follow the Via, so nothing is sent to that address.
Exit 0 when every dialog was established and ended, 1 otherwise (with the reason on stderr).
"""

import argparse
import os
import random
import socket
import sys
import time

TIMEOUT = 5.0


def parse(datagram: bytes):
    """(start line, headers as a list of (lower-case name, value)) of a SIP message."""
    head = datagram.decode("utf-8", "replace").split("\r\n\r\n", 1)[0]
    lines = head.split("\r\n")
    headers = []
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers.append((name.strip().lower(), value.strip()))
    return lines[0], headers


def header(headers, name):
    return next((v for n, v in headers if n == name), None)


def uri_of(value: str) -> str:
    """The URI inside <...> of a Contact or Record-Route value (or the value itself)."""
    if "<" in value:
        return value[value.index("<") + 1:value.index(">")]
    return value.split(";", 1)[0]


class Uas:
    """Answers INVITE with 100 and 200 (To tag, Contact), ACK with nothing, BYE with 200."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.setblocking(False)

    def serve(self):
        while True:
            try:
                datagram, peer = self.sock.recvfrom(65535)
            except BlockingIOError:
                return
            start, headers = parse(datagram)
            method = start.split(" ", 1)[0]
            if method == "ACK":
                continue
            if method == "INVITE":
                self.respond(peer, headers, "100 Trying", to_tag=False)
                self.respond(peer, headers, "200 OK", to_tag=True)
            else:
                self.respond(peer, headers, "200 OK", to_tag=False)

    def respond(self, peer, headers, status, to_tag):
        lines = ["SIP/2.0 " + status]
        for name, value in headers:
            if name in ("via", "from", "call-id", "cseq", "record-route"):
                lines.append("%s: %s" % (name.title(), value))
            elif name == "to":
                tagged = value if ";tag=" in value or not to_tag else value + ";tag=uas" + str(random.getrandbits(32))
                lines.append("To: " + tagged)
        if to_tag:
            lines.append("Contact: <sip:callee@127.0.0.1:%d>" % self.port)
        lines += ["Content-Length: 0", "", ""]
        self.sock.sendto("\r\n".join(lines).encode(), peer)


class Uac:
    def __init__(self, proxy, uas_port, caller_contact):
        self.proxy = proxy
        self.uas_port = uas_port
        self.contact = caller_contact
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.setblocking(False)
        self.dialogs = {}   # call-id: {"from", "to", "route", "target", "cseq", "state"}

    def request(self, method, call_id, cseq, request_uri, from_value, to_value, routes, body=""):
        branch = "z9hG4bK" + "%x" % random.getrandbits(48)
        lines = ["%s %s SIP/2.0" % (method, request_uri),
                 "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=%s;rport" % (self.port, branch),
                 "Max-Forwards: 70"]
        lines += ["Route: <%s>" % route for route in routes]
        lines += ["From: " + from_value, "To: " + to_value, "Call-ID: " + call_id,
                  "CSeq: %d %s" % (cseq, method), "Contact: <sip:caller@%s:%d>" % (self.contact, self.port)]
        if body:
            lines += ["Content-Type: application/sdp"]
        lines += ["Content-Length: %d" % len(body.encode()), "", body]
        self.sock.sendto("\r\n".join(lines).encode(), self.proxy)

    def invite(self, number):
        call_id = "mms-%d-%x@127.0.0.1" % (number, random.getrandbits(32))
        from_value = "<sip:caller@%s>;tag=uac%d" % (self.contact, number)
        to_value = "<sip:callee@127.0.0.1:%d>" % self.uas_port
        sdp = ("v=0\r\no=- %d 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %d RTP/AVP 0\r\n"
               % (number, self.contact, self.contact, 40000 + 2 * number))
        self.dialogs[call_id] = {"from": from_value, "to": to_value, "cseq": 1, "state": "calling"}
        self.request("INVITE", call_id, 1, "sip:callee@127.0.0.1:%d" % self.uas_port, from_value, to_value, [],
                     sdp)

    def serve(self):
        while True:
            try:
                datagram, _ = self.sock.recvfrom(65535)
            except BlockingIOError:
                return
            start, headers = parse(datagram)
            if not start.startswith("SIP/2.0 "):
                continue
            code = int(start.split(" ")[1])
            dialog = self.dialogs.get(header(headers, "call-id"))
            method = (header(headers, "cseq") or " ").split(" ")[-1]
            if dialog is None or code < 200:
                continue
            if method == "INVITE" and code == 200 and dialog["state"] == "calling":
                dialog["to"] = header(headers, "to")
                dialog["route"] = [uri_of(v) for n, v in reversed(headers) if n == "record-route"]
                dialog["target"] = uri_of(header(headers, "contact"))
                # ACK of a 2xx: a new transaction, CSeq number of the INVITE (RFC 3261 §13.2.2.4)
                self.request("ACK", header(headers, "call-id"), 1, dialog["target"], dialog["from"], dialog["to"],
                             dialog["route"])
                dialog["state"] = "established"
            elif method == "INVITE":
                dialog["state"] = "failed %d" % code
            elif method == "BYE" and code == 200:
                dialog["state"] = "ended"

    def bye(self, call_id):
        dialog = self.dialogs[call_id]
        dialog["cseq"] += 1
        dialog["state"] = "ending"
        self.request("BYE", call_id, dialog["cseq"], dialog["target"], dialog["from"], dialog["to"], dialog["route"])


def pump(uac, uas, until, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        uas.serve()
        uac.serve()
        if until():
            return True
        time.sleep(0.01)
    return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proxy", required=True, help="host:port of the SIP proxy (UDP)")
    parser.add_argument("--calls", type=int, default=1)
    parser.add_argument("--caller-contact", default="127.0.0.1")
    parser.add_argument("--release-file", required=True)
    parser.add_argument("--hold-limit", type=float, default=300, help="seconds to wait for the release file at most")
    args = parser.parse_args(argv)
    host, port = args.proxy.rsplit(":", 1)
    uas = Uas()
    uac = Uac((host, int(port)), uas.port, args.caller_contact)
    for number in range(args.calls):
        uac.invite(number)
    states = lambda wanted: all(d["state"] == wanted for d in uac.dialogs.values())  # noqa: E731
    if not pump(uac, uas, lambda: states("established")):
        print("not established: %s" % sorted(d["state"] for d in uac.dialogs.values()), file=sys.stderr)
        return 1
    # the UAS sees the ACKs too before the dialogs count as confirmed
    pump(uac, uas, lambda: False, timeout=0.3)
    print("%d established" % args.calls, flush=True)
    if not pump(uac, uas, lambda: os.path.exists(args.release_file), timeout=args.hold_limit):
        print("no release file within %.0f s" % args.hold_limit, file=sys.stderr)
    for call_id in list(uac.dialogs):
        uac.bye(call_id)
    if not pump(uac, uas, lambda: states("ended")):
        print("not ended: %s" % sorted(d["state"] for d in uac.dialogs.values()), file=sys.stderr)
        return 1
    print("%d ended" % args.calls, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
