#!/usr/bin/python3
"""Interoperability scenarios: an independent scapy-based mobile node (mip_client.py) against
the running homeagent appliance, checked with the appliance's own shell (bin/client).

  test_interop.py write-config --karaf-home DIR --port P   writes the test configuration
  test_interop.py run --karaf-home DIR --port P --ssh-port S [--record FILE]

`run` prints one line per scenario and, last, exactly one line "N passed, N failed"; it exits
non-zero on any failure. --record writes every datagram sent and received (hex) as JSON, for
the tshark check (tshark_check.py).

The test configuration and its expectations live here only (FIXTURE / SAS) so that the
scenarios can never disagree with what the appliance was given.
"""

import argparse
import collections
import ipaddress
import json
import os
import re
import struct
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testbed"))

import karaf_shell  # noqa: E402  (after the path set-up above)
import mip_client as mip  # noqa: E402

HOME_AGENT = "127.0.0.1"
ADDRESS_POOL = "10.1.0.0/24"
MAX_LIFETIME = 600
KEEPALIVE = 45
# The home agent's etc/net.homeagent.ha.cfg for this run (keys agreed in the common brief).
FIXTURE = {
    "listenAddresses": HOME_AGENT,
    "maxLifetime": MAX_LIFETIME,
    "maxSimultaneousBindings": 2,
    "timestampSkew": 7,
    "encapsulations": "ip-in-ip",
    "reverseTunnelling": "true",
    "reverseTunnelMandatory": "false",
    "udpTunnelling": "true",
    "udpKeepaliveInterval": KEEPALIVE,
    "addressPools": ADDRESS_POOL,
}


@dataclass(frozen=True)
class SecurityAssociation:
    identity: str      # home address or NAI (RFC 2794)
    spi: int
    algorithm: str
    key_text: str      # as written in mobility-security.conf

    @property
    def key(self) -> bytes:
        return mip.parse_key(self.key_text.strip('"'))

    def line(self) -> str:
        return "%-20s %5d  %-9s  %s  timestamp" % (self.identity, self.spi, self.algorithm, self.key_text)


SAS = {
    "basic": SecurityAssociation("10.0.0.10", 256, "hmac-md5", "0x00112233445566778899aabbccddeeff"),
    "multi": SecurityAssociation("10.0.0.11", 257, "hmac-md5", "0x0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
    "flags": SecurityAssociation("10.0.0.12", 258, "hmac-md5", "0xa1b2c3d4e5f60718293a4b5c6d7e8f90"),
    "legacy": SecurityAssociation("10.0.0.13", 259, "keyed-md5", '"SharedSecretOf16+Chars"'),
    "nai": SecurityAssociation("alice@example.net", 300, "hmac-md5", "0x55aa55aa00ff00ff1234567890abcdef"),
    "relayed": SecurityAssociation("10.0.0.14", 260, "hmac-md5", "0x3c3c3c3c5a5a5a5a0123456789abcdef"),
}

# A foreign agent (a PDSN in carrier networks) relaying requests from its own address, with which
# the home agent shares an FA-HA security association (etc/foreign-agent-security.conf, RFC 5944
# §3.5.4): its requests must carry a valid Foreign-Home Authentication extension. Requests from
# every other source (127.0.0.1, the mobile nodes above) are taken without one.
FOREIGN_AGENT = "127.0.0.2"
FOREIGN_AGENT_CARE_OF = "198.51.100.1"
FA_SPI = 1000
FA_KEY = "0x8899aabbccddeeff0011223344556677"


def write_config(karaf_home: str, port: int) -> None:
    etc = os.path.join(karaf_home, "etc")
    with open(os.path.join(etc, "net.homeagent.ha.cfg"), "w") as cfg:
        cfg.write("# Written by tools/interop/test_interop.py for the interoperability run.\n")
        for key, value in dict(FIXTURE, port=port).items():
            cfg.write("%s = %s\n" % (key, value))
    # Keys: readable by the Karaf user only, as the appliance asks of this file.
    conf_path = os.path.join(etc, "mobility-security.conf")
    with open(conf_path, "w") as conf:
        os.chmod(conf_path, 0o600)
        conf.write("# Written by tools/interop/test_interop.py: test keys only.\n")
        for sa in SAS.values():
            conf.write(sa.line() + "\n")
    fa_path = os.path.join(etc, "foreign-agent-security.conf")
    with open(fa_path, "w") as conf:
        os.chmod(fa_path, 0o600)
        conf.write("# Written by tools/interop/test_interop.py: test keys only.\n")
        conf.write("%s  %d  hmac-md5  %s\n" % (FOREIGN_AGENT, FA_SPI, FA_KEY))


# --- the appliance's shell ----------------------------------------------------------------

class Shell:
    """Karaf commands through the test bed's shell client (tools/testbed/karaf_shell.py)."""

    def __init__(self, ssh_port: int):
        self.ssh_port = ssh_port

    def run(self, command: str) -> str:
        done = karaf_shell.run(self.ssh_port, command, attempts=11, timeout=90)
        if done.returncode != 0:
            raise AssertionError("shell %r exited %d: %s" % (command, done.returncode,
                                                              (done.stdout + done.stderr).strip()[-400:]))
        return done.stdout

    def binding_rows(self, home: str = None):
        """(home, care-of, reverse) of each row of mip:bindings."""
        out = self.run("mip:bindings" + (" --home " + home if home else ""))
        rows = []
        for line in out.splitlines():
            cells = line.split()
            if len(cells) == 8 and _is_ipv4(cells[0]) and _is_ipv4(cells[1]):
                rows.append((cells[0], cells[1], cells[7]))
        return rows, out


def _is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
        return True
    except ValueError:
        return False


# --- scenarios ----------------------------------------------------------------------------

class Failed(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


class Scenarios:
    def __init__(self, port: int, shell: Shell):
        self.client = mip.Client(port)
        self.foreign_agent = mip.Client(port, source=FOREIGN_AGENT)
        self.clients = [self.client, self.foreign_agent]
        self.shell = shell
        self.deliberately_malformed = []   # requests that tshark must flag, not us
        self.deregistrations = 0

    # helpers

    def request(self, sa: SecurityAssociation, care_of: str, **fields) -> mip.Request:
        fields.setdefault("home_address", sa.identity)
        fields.setdefault("home_agent", HOME_AGENT)
        fields.setdefault("identification", self.client.next_identification())
        fields.setdefault("spi", sa.spi)
        fields.setdefault("key", sa.key)
        fields.setdefault("algorithm", sa.algorithm)
        return mip.Request(care_of=care_of, **fields)

    def send(self, request: mip.Request) -> mip.Reply:
        return self.send_raw(request.encode())

    def send_raw(self, datagram: bytes) -> mip.Reply:
        reply = self.client.exchange(datagram)
        expect(reply is not None, "no reply within %.0f s" % self.client.timeout)
        return reply

    @staticmethod
    def describe(reply: mip.Reply) -> str:
        return "code %d lifetime %d home %s ha %s" % (reply.code, reply.lifetime, reply.home_address,
                                                     reply.home_agent)

    def expect_code(self, reply: mip.Reply, code: int, rfc: str) -> None:
        expect(reply.code == code, "expected code %d (%s), got %s" % (code, rfc, self.describe(reply)))

    def expect_authenticated(self, reply: mip.Reply, sa: SecurityAssociation) -> None:
        expect(reply.authenticated_by(sa.key, sa.algorithm, sa.spi),
               "reply's MN-HA authenticator does not verify with SPI %d (RFC 5944 §3.5.1, §3.5.2); "
               "reply extensions %s" % (sa.spi, [e.type for e in reply.extensions]))

    def expect_accepted(self, request: mip.Request, reply: mip.Reply, sa: SecurityAssociation) -> None:
        self.expect_code(reply, 0, "registration accepted, RFC 5944 §3.4")
        expect(reply.identification == request.identification,
               "reply identification %016x != request's %016x (RFC 5944 §3.8.3.2)"
               % (reply.identification, request.identification))
        expect(reply.home_agent == HOME_AGENT, "reply home agent %s" % reply.home_agent)
        self.expect_authenticated(reply, sa)

    def bound_care_ofs(self, home: str):
        rows, out = self.shell.binding_rows(home)
        return {coa for hoa, coa, _ in rows if hoa == home}, rows, out

    # scenarios, in the order they run (later ones rely on earlier state, as a mobile node would)

    def register(self):
        sa = SAS["basic"]
        request = self.request(sa, "192.0.2.10", lifetime=1800)
        reply = self.send(request)
        self.expect_accepted(request, reply, sa)
        expect(reply.home_address == sa.identity, "reply home address %s" % reply.home_address)
        expect(0 < reply.lifetime <= MAX_LIFETIME,
               "granted lifetime %d not in 1..%d (asked 1800, RFC 5944 §3.8.3.2)" % (reply.lifetime, MAX_LIFETIME))
        return "code 0, lifetime %d <= %d, reply authenticated" % (reply.lifetime, MAX_LIFETIME)

    def bindings_show_registration(self):
        care_ofs, _, out = self.bound_care_ofs(SAS["basic"].identity)
        expect(care_ofs == {"192.0.2.10"}, "mip:bindings does not show 10.0.0.10 -> 192.0.2.10:\n" + out)
        return "mip:bindings shows 10.0.0.10 -> 192.0.2.10"

    def renew(self):
        sa = SAS["basic"]
        request = self.request(sa, "192.0.2.10", lifetime=300)
        self.renewal = request.encode()
        reply = self.send_raw(self.renewal)
        self.expect_accepted(request, reply, sa)
        expect(0 < reply.lifetime <= 300, "renewal lifetime %d, asked 300" % reply.lifetime)
        return "code 0, lifetime %d" % reply.lifetime

    def replayed_request(self):
        reply = self.send_raw(self.renewal)  # byte for byte the renewal already accepted
        self.expect_code(reply, 133, "identification mismatch: timestamp not newer, RFC 5944 §5.7.1")
        return "identical request again: code 133"

    def stale_timestamp(self):
        return self.timestamp_out_of_skew(SAS["multi"], -3600)

    def future_timestamp(self):
        return self.timestamp_out_of_skew(SAS["flags"], +3600)

    def timestamp_out_of_skew(self, sa: SecurityAssociation, offset: int):
        # A home address that has not registered yet: only the clock check (not "newer than
        # the last accepted") can refuse this timestamp.
        request = self.request(sa, "192.0.2.60", identification=mip.ntp_timestamp(time.time() + offset))
        before = time.time()
        reply = self.send(request)
        after = time.time()
        self.expect_code(reply, 133, "identification mismatch, RFC 5944 §5.7.1")
        self.expect_authenticated(reply, sa)
        ha_time = mip.ntp_seconds_to_unix(reply.identification >> 32)
        expect(before - 2 <= ha_time <= after + 2,
               "reply identification high 32 bits = %d (unix), now = %d: the home agent must put its own "
               "time there (RFC 5944 §5.7.1)" % (ha_time, int(after)))
        expect(reply.identification & 0xFFFFFFFF == request.identification & 0xFFFFFFFF,
               "reply identification low 32 bits not copied from the request (RFC 5944 §5.7.1)")
        return "%s: %+d s: code 133, reply time %+d s from ours, low 32 bits copied, authenticated" % (
            sa.identity, offset, round(ha_time - after))

    def deregister(self):
        sa = SAS["basic"]
        request = self.request(sa, "192.0.2.10", lifetime=0)
        reply = self.send(request)
        self.expect_accepted(request, reply, sa)
        expect(reply.lifetime == 0, "deregistration reply lifetime %d, expected 0 (RFC 5944 §3.8.3.2)"
               % reply.lifetime)
        self.deregistrations += 1
        return "lifetime 0 -> code 0, lifetime 0"

    def bindings_after_deregistration(self):
        care_ofs, rows, out = self.bound_care_ofs(SAS["basic"].identity)
        expect(not care_ofs, "mip:bindings still shows 10.0.0.10 after deregistration:\n" + out)
        return "mip:bindings no longer shows 10.0.0.10"

    def wrong_key(self):
        sa = SAS["basic"]
        wrong = bytes(b ^ 0x5A for b in sa.key)
        reply = self.send(self.request(sa, "192.0.2.10", key=wrong))
        self.expect_code(reply, 131, "mobile node failed authentication, RFC 5944 §3.8.2.1")
        expect(not reply.authenticated_by(wrong, sa.algorithm), "reply authenticated with the wrong key?")
        return "code 131, reply MN-HA %s" % self.mn_ha_state(reply, sa)

    def unknown_spi(self):
        sa = SAS["basic"]
        reply = self.send(self.request(sa, "192.0.2.10", spi=4242))
        self.expect_code(reply, 131, "mobile node failed authentication (no SA for SPI 4242), RFC 5944 §3.8.2.1")
        expect(not reply.authenticated_by(sa.key, sa.algorithm, 4242), "reply authenticated with SPI 4242?")
        return "SPI 4242: code 131, reply MN-HA %s" % self.mn_ha_state(reply, sa)

    @staticmethod
    def mn_ha_state(reply: mip.Reply, sa: SecurityAssociation) -> str:
        spi = reply.mn_ha_spi()
        if spi is None:
            return "absent"
        return "present, SPI %d, %s with the SA's real key" % (
            spi, "valid" if reply.authenticated_by(sa.key, sa.algorithm, spi) else "invalid")

    def unknown_home_agent(self):
        sa = SAS["basic"]
        reply = self.send(self.request(sa, "192.0.2.10", home_agent="192.0.2.250"))
        self.expect_code(reply, 136, "unknown home agent address, RFC 5944 §3.4, §3.8.2.1")
        expect(reply.home_agent == HOME_AGENT, "reply home agent %s, expected the appliance's %s (RFC 5944 §3.8.3.2)"
               % (reply.home_agent, HOME_AGENT))
        return "Home Agent 192.0.2.250: code 136, reply names %s" % reply.home_agent

    def too_many_bindings(self):
        sa = SAS["multi"]
        for care_of in ("192.0.2.21", "192.0.2.22"):
            request = self.request(sa, care_of, flags=mip.FLAG_D | mip.FLAG_S)
            self.expect_accepted(request, self.send(request), sa)
        reply = self.send(self.request(sa, "192.0.2.23", flags=mip.FLAG_D | mip.FLAG_S))
        self.expect_code(reply, 135, "too many simultaneous mobility bindings, RFC 5944 §3.4, §3.6.1.2")
        care_ofs, _, out = self.bound_care_ofs(sa.identity)
        expect(care_ofs == {"192.0.2.21", "192.0.2.22"},
               "after the refusal mip:bindings should show exactly .21 and .22:\n" + out)
        return "S flag: 2 care-of addresses accepted, third: code 135; mip:bindings shows both"

    def encapsulation_gre_unavailable(self):
        return self.encapsulation_unavailable(mip.FLAG_G, "G")

    def encapsulation_minimal_unavailable(self):
        return self.encapsulation_unavailable(mip.FLAG_M, "M")

    def encapsulation_unavailable(self, flag: int, letter: str):
        reply = self.send(self.request(SAS["flags"], "192.0.2.30", flags=mip.FLAG_D | flag))
        self.expect_code(reply, 139, "requested encapsulation unavailable, RFC 5944 §3.4")
        return "%s flag with encapsulations=ip-in-ip: code 139" % letter

    def reverse_tunnelling(self):
        sa = SAS["flags"]
        request = self.request(sa, "192.0.2.31", flags=mip.FLAG_D | mip.FLAG_T)
        self.expect_accepted(request, self.send(request), sa)
        rows, out = self.shell.binding_rows(sa.identity)
        expect([(h, c, r) for h, c, r in rows if h == sa.identity] == [(sa.identity, "192.0.2.31", "yes")],
               "mip:bindings should show %s -> 192.0.2.31 with reverse tunnel yes:\n%s" % (sa.identity, out))
        return "T flag: code 0, mip:bindings shows reverse tunnel yes"

    def udp_tunnelling(self):
        sa = SAS["flags"]
        request = self.request(sa, "192.0.2.32",
                               extensions=[mip.udp_tunnel_request_extension(force=True)])
        reply = self.send(request)
        self.expect_accepted(request, reply, sa)
        tunnel = reply.udp_tunnel_reply()
        expect(tunnel is not None, "no UDP Tunnel Reply extension (type 44, RFC 3519 §3.2) in the reply; "
               "extensions %s" % [e.type for e in reply.extensions])
        code, _forced, keepalive = tunnel
        expect(code == 0 and keepalive == KEEPALIVE,
               "UDP Tunnel Reply code %d keepalive %d, expected 0 and %d (RFC 3519 §3.2)" % (code, keepalive, KEEPALIVE))
        return "forced UDP Tunnel Request: code 0, UDP Tunnel Reply code 0, keepalive %d" % keepalive

    def keyed_md5(self):
        sa = SAS["legacy"]
        request = self.request(sa, "192.0.2.40")
        reply = self.send(request)
        self.expect_accepted(request, reply, sa)
        return "prefix+suffix keyed MD5 SA: code 0, reply authenticated"

    def poorly_formed(self):
        sa = SAS["basic"]
        fixed = self.request(sa, "192.0.2.10", spi=None).encode()
        # An MN-HA extension that says 20 octets follow when only 10 do (RFC 5944 §3.8.2.1).
        datagram = fixed + bytes([mip.EXT_MN_HA_AUTH, 20]) + struct.pack("!I", sa.spi) + bytes(6)
        self.deliberately_malformed.append(datagram)
        reply = self.send_raw(datagram)
        self.expect_code(reply, 134, "poorly formed request, RFC 5944 §3.4, §3.8.2.1")
        return "extension length past the end: code 134"

    def dynamic_home_address(self):
        sa = SAS["nai"]
        request = self.request(sa, "192.0.2.50", home_address="0.0.0.0",
                               extensions=[mip.nai_extension(sa.identity)])
        reply = self.send(request)
        self.expect_accepted(request, reply, sa)
        expect(ipaddress.IPv4Address(reply.home_address) in ipaddress.IPv4Network(ADDRESS_POOL),
               "assigned home address %s not in the pool %s (RFC 2794 §2)" % (reply.home_address, ADDRESS_POOL))
        care_ofs, _, out = self.bound_care_ofs(reply.home_address)
        expect(care_ofs == {"192.0.2.50"}, "mip:bindings does not show %s -> 192.0.2.50:\n%s"
               % (reply.home_address, out))
        nai = reply.nai()
        return "NAI %s got %s from %s; reply NAI extension %s" % (
            sa.identity, reply.home_address, ADDRESS_POOL, repr(nai) if nai is not None else "absent")

    def foreign_agent_relay(self):
        sa = SAS["relayed"]
        fa_key = mip.parse_key(FA_KEY)

        def relayed(**fields):
            # a foreign agent care-of address: the agent decapsulates, so no D flag (RFC 5944 §3.3)
            return self.request(sa, FOREIGN_AGENT_CARE_OF, flags=0, **fields)

        request = relayed(fa_spi=FA_SPI, fa_key=fa_key)
        reply = self.foreign_agent.exchange(request.encode())
        expect(reply is not None, "no reply to the foreign agent within %.0f s" % self.foreign_agent.timeout)
        self.expect_accepted(request, reply, sa)
        types = [e.type for e in reply.extensions]
        expect(mip.EXT_FA_HA_AUTH in types and types.index(mip.EXT_FA_HA_AUTH) > types.index(mip.EXT_MN_HA_AUTH),
               "the reply to a foreign agent with an FA-HA association carries an FA-HA extension after the MN-HA"
               " one (RFC 5944 §3.5.4, §3.8.3.1); extensions %s" % types)
        expect(reply.authenticated_by(fa_key, spi=FA_SPI, ext_type=mip.EXT_FA_HA_AUTH),
               "the reply's FA-HA authenticator does not verify with the foreign agent's key and SPI %d" % FA_SPI)
        care_ofs, _, out = self.bound_care_ofs(sa.identity)
        expect(care_ofs == {FOREIGN_AGENT_CARE_OF}, "mip:bindings does not show %s -> %s:\n%s"
               % (sa.identity, FOREIGN_AGENT_CARE_OF, out))

        for what, fields in (("without an FA-HA extension", {}),
                             ("with an FA-HA extension under another key", {"fa_spi": FA_SPI, "fa_key": bytes(16)})):
            refused = self.foreign_agent.exchange(relayed(**fields).encode())
            expect(refused is not None, "no reply to the foreign agent's request %s" % what)
            self.expect_code(refused, 132, "foreign agent failed authentication, RFC 5944 §3.4, §3.8.2.1 (%s)" % what)
        return ("relayed from %s with FA-HA SPI %d: code 0, reply MN-HA and FA-HA authenticated; without it or"
                " with another key: 132" % (FOREIGN_AGENT, FA_SPI))

    def statistics(self):
        out = self.shell.run("mip:stats")
        received = _number(r"Registration requests received (\d+)", out)
        replies = _number(r"Replies sent (\d+)", out)
        deregistrations = _number(r"Deregistrations accepted (\d+)", out)
        by_code = {int(m.group(1)): int(m.group(2))
                   for m in re.finditer(r"^\s+(\d{1,3})\s+.*?\s(\d+)\s*$", out, re.MULTILINE)}
        sent = [d for c in self.clients for d in c.sent]
        answers = [d for c in self.clients for d in c.received]
        codes = collections.Counter(d[1] for d in answers if len(d) > 1)  # the Code octet
        problems = []
        if received != len(sent):
            problems.append("requests received %s, we sent %d" % (received, len(sent)))
        if replies != len(answers):
            problems.append("replies sent %s, we received %d" % (replies, len(answers)))
        if by_code != dict(codes):
            problems.append("replies by code %s, we received %s" % (by_code, dict(sorted(codes.items()))))
        if deregistrations != self.deregistrations:
            problems.append("deregistrations %s, we made %d" % (deregistrations, self.deregistrations))
        expect(not problems, "; ".join(problems) + "\nmip:stats said:\n" + out)
        return "mip:stats: %d requests, %d replies, by code %s, %d deregistration(s)" % (
            received, replies, dict(sorted(codes.items())), deregistrations)

    ORDER = ["register", "bindings_show_registration", "renew", "replayed_request", "stale_timestamp", "future_timestamp",
             "deregister", "bindings_after_deregistration", "wrong_key", "unknown_spi", "unknown_home_agent",
             "too_many_bindings", "encapsulation_gre_unavailable", "encapsulation_minimal_unavailable",
             "reverse_tunnelling", "udp_tunnelling", "keyed_md5", "poorly_formed", "dynamic_home_address",
             "foreign_agent_relay", "statistics"]

    def run_all(self):
        passed = failed = 0
        for name in self.ORDER:
            try:
                detail = getattr(self, name)()
                print("PASS %-34s %s" % (name, detail), flush=True)
                passed += 1
            except Failed as failure:
                print("FAIL %-34s %s" % (name, str(failure).replace("\n", "\n     ")), flush=True)
                failed += 1
            except Exception:  # a bug here or a reply we cannot even parse: still one line, still counted
                print("FAIL %-34s %s" % (name, traceback.format_exc(limit=3).strip().replace("\n", "\n     ")),
                      flush=True)
                failed += 1
        return passed, failed

    def record(self, path: str) -> None:
        with open(path, "w") as out:
            json.dump({"sent": [d.hex() for c in self.clients for d in c.sent],
                       "received": [d.hex() for c in self.clients for d in c.received],
                       "deliberately_malformed": [d.hex() for d in self.deliberately_malformed]}, out, indent=1)


def _number(pattern: str, text: str):
    match = re.search(pattern, text)
    return int(match.group(1)) if match else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["write-config", "run"])
    parser.add_argument("--karaf-home", required=True)
    parser.add_argument("--port", type=int, required=True, help="the home agent's UDP port")
    parser.add_argument("--ssh-port", type=int, default=8101, help="the appliance's Karaf shell port")
    parser.add_argument("--record", help="write the datagrams sent and received to this JSON file")
    args = parser.parse_args(argv)

    if args.action == "write-config":
        write_config(args.karaf_home, args.port)
        return 0
    scenarios = Scenarios(args.port, Shell(args.ssh_port))
    try:
        passed, failed = scenarios.run_all()
    finally:
        if args.record:
            scenarios.record(args.record)
        for client in scenarios.clients:
            client.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
