#!/usr/bin/python3
"""The MIMM handoff advisor against an independent client (mip_client.py, scapy), checked with
the appliance's shell and tshark (run by tools/interop/run-mimm.sh).

The Request Handoff and the Handoff Advice are built and read here from docs/protocols.md
("MIMM handoff extensions"), not from the Java code, so that the two can disagree.

  mimm_interop.py write-config --karaf-home DIR              networks, sessions, the keys, added to
                                                              what etc/ holds (other settings kept)
  mimm_interop.py check-write-config                         write-config over an operator's etc/
  mimm_interop.py run --karaf-home DIR --port P --ssh-port S --record FILE
  mimm_interop.py tshark --pcap FILE --port P --record FILE

Each action prints one line per check and, last, exactly one line "N passed, N failed".
"""

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mip_client as mip  # noqa: E402
from test_interop import Shell  # noqa: E402

ENTERPRISE = 32473          # the placeholder Vendor/Org-ID (RFC 5612's documentation number)
REQUEST_HANDOFF = 1         # Vendor-CVSE-Type
HANDOFF_ADVICE = 2          # Vendor-NVSE-Type
LINK_WLAN, LINK_CELLULAR = 1, 2
VERDICTS = {0: "go", 1: "not-now", 2: "no"}
HANDOFF_NOT_NOW, HANDOFF_REFUSED = 200, 201
HOME_AGENT = "127.0.0.1"
GO_HOLD = 300               # the advisor's default goHoldSeconds

# id name type prefix mobiles kbit/s: network 1 takes one mobile, 3 has 500 kbit/s spare
NETWORKS = [
    (1, "wlan-a", "wlan", "192.0.2.0/24", 1, 10000),
    (2, "cell-b", "cellular", "198.51.100.0/24", 100, 100000),
    (3, "wlan-c", "wlan", "203.0.113.0/24", 50, 2000),
]
STATIC_SESSIONS = "3=2/1500"
MOBILES = {  # home address: (SPI, key)
    "10.0.0.10": (256, bytes.fromhex("00112233445566778899aabbccddeeff")),
    "10.0.0.11": (257, bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f0")),
    "10.0.0.12": (258, bytes.fromhex("102132435465768798a9bacbdcedfe0f")),
}


def write_config(karaf_home: str) -> None:
    """Adds the test's settings to the appliance's etc/ and keeps everything else in it: the
    advisor's .cfg gets staticSessions set in place (the other keys, e.g. the reactive port
    testbed_appliance set, survive), the networks file and the security associations get the test's
    lines in place of lines with the same network id or home address + SPI, and keep the others."""
    etc = os.path.join(karaf_home, "etc")
    merge_lines(os.path.join(etc, "mimm-networks.conf"), ["%d %s %s %s %d %d" % network for network in NETWORKS],
                key_fields=1)
    set_cfg_property(os.path.join(etc, "net.homeagent.mimm.cfg"), "staticSessions", STATIC_SESSIONS)
    merge_lines(os.path.join(etc, "mobility-security.conf"),
                ["%s %d hmac-md5 0x%s timestamp" % (home, spi, key.hex()) for home, (spi, key) in MOBILES.items()],
                key_fields=2, mode=0o600)


def set_cfg_property(path: str, key: str, value: str) -> None:
    """Sets key = value in a Karaf .cfg (Felix ConfigAdmin's properties file): the line that sets
    the key, or else the commented-out default "#key = ...", is replaced; without either the line is
    appended. Every other line stays as it was."""
    lines = read_lines(path)
    setting = re.compile(r"^\s*%s\s*[=:]" % re.escape(key))
    default = re.compile(r"^\s*#\s*%s\s*[=:]" % re.escape(key))
    for pattern in (setting, default):
        found = [i for i, line in enumerate(lines) if pattern.match(line)]
        if found:
            lines[found[0]] = "%s = %s" % (key, value)
            lines = [line for i, line in enumerate(lines) if i not in found[1:]]
            break
    else:
        lines.append("%s = %s" % (key, value))
    write_lines(path, lines)


def merge_lines(path: str, ours, key_fields: int, mode: int = None) -> None:
    """Puts our lines in a file of one entry a line ('#' comments), each in place of the entry with
    the same first key_fields fields (a network id; a home address and SPI), the others appended;
    the file's other lines stay as they were."""
    def key(line):
        fields = line.split("#", 1)[0].split()
        return tuple(fields[:key_fields]) if len(fields) >= key_fields else None
    by_key = {key(line): line for line in ours}
    lines = []
    for line in read_lines(path):
        lines.append(by_key.pop(key(line), line) if key(line) in by_key else line)
    lines.extend(line for line in ours if key(line) in by_key)
    write_lines(path, lines, mode)


def read_lines(path: str):
    if not os.path.exists(path):
        return []
    with open(path) as lines:
        return lines.read().splitlines()


def write_lines(path: str, lines, mode: int = None) -> None:
    """Writes through a new file renamed over the old one: a reader never sees half of it; a file
    of keys is created with its mode before anything is written to it; another file keeps its mode."""
    if mode is None:
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
    temporary = path + ".new"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.fchmod(descriptor, mode)
    with os.fdopen(descriptor, "w") as out:
        out.write("".join(line + "\n" for line in lines))
    os.replace(temporary, path)


def check_write_config() -> tuple:
    """write-config against an etc/ that already holds an operator's settings: they survive, ours
    are added or replace the same entries, and a second run changes nothing."""
    import tempfile
    checks = []
    with tempfile.TemporaryDirectory(prefix="mimm-write-config.") as home:
        etc = os.path.join(home, "etc")
        os.mkdir(etc)
        cfg, networks, keys = (os.path.join(etc, name) for name in
                               ("net.homeagent.mimm.cfg", "mimm-networks.conf", "mobility-security.conf"))
        with open(cfg, "w") as out:
            out.write("# operator\nreactivePort = 20434\n#staticSessions =\nstaticSessions = 9=1/64\n"
                      "goHoldSeconds = 120\n")
        with open(networks, "w") as out:
            out.write("# operator's networks\n1 old wlan 10.9.0.0/16 5 500\n7 core cellular 10.7.0.0/16 9 900\n")
        with open(keys, "w") as out:
            out.write("10.0.0.10 256 hmac-md5 0x00 timestamp\n10.9.9.9 300 hmac-md5 0x11 timestamp\n")
        write_config(home)
        first = [read_lines(path) for path in (cfg, networks, keys)]
        write_config(home)
        second = [read_lines(path) for path in (cfg, networks, keys)]
        cfg_lines, network_lines, key_lines = first
        checks.append((cfg_lines == ["# operator", "reactivePort = 20434", "#staticSessions =",
                                     "staticSessions = %s" % STATIC_SESSIONS, "goHoldSeconds = 120"],
                       "write-config: the advisor's .cfg keeps the operator's keys, staticSessions set in place: %s"
                       % cfg_lines))
        checks.append((network_lines[:3] == ["# operator's networks", "%d %s %s %s %d %d" % NETWORKS[0],
                                              "7 core cellular 10.7.0.0/16 9 900"]
                       and len(network_lines) == 2 + len(NETWORKS),
                       "write-config: network 1 replaced, the operator's network 7 kept, 2 and 3 added: %s"
                       % network_lines))
        checks.append((key_lines[1] == "10.9.9.9 300 hmac-md5 0x11 timestamp" and len(key_lines) == 1 + len(MOBILES)
                       and key_lines[0].startswith("10.0.0.10 256 hmac-md5 0x0011")
                       and os.stat(keys).st_mode & 0o777 == 0o600,
                       "write-config: the operator's association kept, 10.0.0.10 SPI 256 replaced, mode 600"))
        checks.append((first == second, "write-config: a second run changes nothing"))
    passed = 0
    for ok, text in checks:
        print(("PASS " if ok else "FAIL ") + text)
        passed += ok
    return passed, len(checks) - passed


def request_handoff(target=None, current=2, signal=-65, link=LINK_WLAN, sessions=0, kbps=0) -> bytes:
    """The Request Handoff's vendor data, version 1: version, flags (T = target by care-of
    address), target id, current id, signal (signed dBm), link type, sessions, kbit/s."""
    return struct.pack("!BBHHbBHI", 1, 0x80 if target is None else 0, target or 0, current, signal, link,
                       sessions, kbps)


def read_advice(value: bytes) -> dict:
    """The Handoff Advice's vendor data, version 1, read strictly."""
    if len(value) < 10:
        raise AssertionError("Handoff Advice of %d octets" % len(value))
    version, verdict, reason, flags, hold, target, count, _ = struct.unpack("!BBBBHHBB", value[:10])
    if version != 1 or len(value) != 10 + 2 * count:
        raise AssertionError("Handoff Advice version %d, %d octets for %d alternatives" % (version, len(value), count))
    alternatives = list(struct.unpack("!%dH" % count, value[10:]))
    return {"verdict": VERDICTS.get(verdict, verdict), "reason": reason, "completed": bool(flags & 0x80),
            "hold": hold, "target": target, "alternatives": alternatives}


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


class Scenarios:
    def __init__(self, port: int, shell: Shell):
        self.client = mip.Client(port)
        self.shell = shell
        self.record = {"sent": [], "received": [], "cvse_requests": 0, "advice_values": []}

    def send(self, home: str, care_of: str, extensions=()) -> mip.Reply:
        spi, key = MOBILES[home]
        request = mip.Request(home_address=home, home_agent=HOME_AGENT, care_of=care_of,
                              identification=self.client.next_identification(), lifetime=600,
                              extensions=list(extensions), spi=spi, key=key)
        datagram = request.encode()
        self.record["sent"].append(datagram.hex())
        self.record["cvse_requests"] += sum(1 for e in extensions if e[0] == mip.EXT_CVSE)
        reply = self.client.exchange(datagram)
        expect(reply is not None, "no reply within %.0f s" % self.client.timeout)
        self.record["received"].append(reply.raw.hex())
        expect(reply.authenticated_by(key, spi=spi), "reply's MN-HA authenticator does not verify")
        return reply

    def handoff(self, home, care_of, **fields) -> mip.Reply:
        return self.send(home, care_of, [mip.cvse_extension(ENTERPRISE, REQUEST_HANDOFF, request_handoff(**fields))])

    def advice_of(self, reply: mip.Reply):
        found = [mip.vendor_extension_fields(e) for e in reply.extensions if e.type == mip.EXT_NVSE]
        found = [value for vendor, kind, value in found if vendor == ENTERPRISE and kind == HANDOFF_ADVICE]
        if not found:
            return None
        mn_ha = reply.extension(mip.EXT_MN_HA_AUTH)
        nvse = next(e for e in reply.extensions if e.type == mip.EXT_NVSE)
        expect(mn_ha is not None and nvse.offset < mn_ha.offset, "the advice is not before the MN-HA authenticator")
        self.record["advice_values"].append(found[0].hex())
        return read_advice(found[0])

    def care_ofs(self, home):
        rows, out = self.shell.binding_rows(home)
        return {coa for hoa, coa, _ in rows if hoa == home}

    def expect_code(self, reply, code, why):
        expect(reply.code == code, "expected code %d (%s), got %d" % (code, why, reply.code))

    # --- the scenarios, in order --------------------------------------------------------------

    def advisor_less_refuses_the_cvse(self):
        self.expect_code(self.send("10.0.0.10", "198.51.100.10"), 0, "plain registration")
        reply = self.handoff("10.0.0.10", "192.0.2.10", target=1)
        self.expect_code(reply, 140, "RFC 3115 §4.2: a CVSE from the mobile no handler names")
        expect(self.care_ofs("10.0.0.10") == {"198.51.100.10"}, "the binding moved without an advisor")
        return "without the advisor a Request Handoff is refused with 140 and the binding stays"

    def install_the_advisor(self):
        print(self.shell.run("feature:install homeagent-mimm").strip() or "feature:install homeagent-mimm")
        deadline = time.monotonic() + 90
        while True:
            # a harmless probe (an unknown target is refused, nothing moves) until the handler is bound
            code = self.handoff("10.0.0.12", "203.0.113.12", target=99).code
            if code != 140:
                break
            expect(time.monotonic() < deadline, "the advisor was not bound within 90 s")
            time.sleep(1)
        self.expect_code(self.handoff("10.0.0.12", "203.0.113.12", target=99), HANDOFF_REFUSED, "target unknown")
        return "feature:install homeagent-mimm: an unknown target is refused with %d" % HANDOFF_REFUSED

    def go_moves_the_binding_in_the_same_exchange(self):
        reply = self.handoff("10.0.0.10", "192.0.2.10", target=1, current=2, kbps=64)
        self.expect_code(reply, 0, "merged mode: a go completes the registration")
        advice = self.advice_of(reply)
        expect(advice == {"verdict": "go", "reason": 0, "completed": True, "hold": GO_HOLD, "target": 1,
                          "alternatives": []}, "advice %s" % advice)
        expect(self.care_ofs("10.0.0.10") == {"192.0.2.10"}, "mip:bindings does not show the move")
        return "go: code 0, advice go completed for network 1, mip:bindings at 192.0.2.10"

    def a_full_network_is_not_now_with_an_alternative(self):
        self.expect_code(self.send("10.0.0.11", "198.51.100.11"), 0, "plain registration")
        reply = self.handoff("10.0.0.11", "192.0.2.11", target=1, current=2)
        self.expect_code(reply, HANDOFF_NOT_NOW, "network 1 takes one mobile")
        advice = self.advice_of(reply)
        expect(advice is not None and advice["verdict"] == "not-now" and advice["alternatives"] == [3]
               and not advice["completed"], "the refusal's advice %s" % advice)
        expect(self.care_ofs("10.0.0.11") == {"198.51.100.11"}, "the binding moved on a not-now")
        out = self.shell.run("mimm:advice 10.0.0.11")
        expect("NOT_NOW (TARGET_FULL_MOBILES" in out and "alternatives: [3]" in out and "reply code 200" in out,
               "mimm:advice: %s" % out.strip())
        return ("full network: code %d with advice not-now, alternative [3]; binding stays; mimm:advice agrees"
                % HANDOFF_NOT_NOW)

    def target_by_care_of_address(self):
        reply = self.handoff("10.0.0.12", "203.0.113.12", target=None, current=0, kbps=100)
        self.expect_code(reply, 0, "network 3 has 500 kbit/s spare")
        advice = self.advice_of(reply)
        expect(advice is not None and advice["verdict"] == "go" and advice["target"] == 3, "advice %s" % advice)
        return "target by care-of address 203.0.113.12: go for network 3"

    def sessions_past_the_bandwidth_are_not_now(self):
        reply = self.handoff("10.0.0.11", "203.0.113.11", target=3, current=2, sessions=4, kbps=600)
        self.expect_code(reply, HANDOFF_NOT_NOW, "1500 configured + 600 kbit/s > 2000")
        out = self.shell.run("mimm:advice 10.0.0.11")
        expect("TARGET_FULL_BANDWIDTH" in out and "alternatives: none" in out, "mimm:advice: %s" % out.strip())
        return "sessions past network 3's kbit/s: code %d, TARGET_FULL_BANDWIDTH, no alternative" % HANDOFF_NOT_NOW

    def a_short_request_handoff_is_poorly_formed(self):
        reply = self.send("10.0.0.11", "192.0.2.11", [mip.cvse_extension(ENTERPRISE, REQUEST_HANDOFF, b"\x01\x00\x00\x01")])
        self.expect_code(reply, 134, "RFC 5944 §3.4 poorly formed request")
        return "a 4-octet Request Handoff: code 134"

    def the_shell_counts(self):
        stats = self.shell.run("mimm:stats")
        for needle in ("GO ", "NOT_NOW", "TARGET_FULL_BANDWIDTH", "Request Handoff length"):
            expect(needle in stats, "mimm:stats lacks %s: %s" % (needle, stats))
        words = dict((line.split()[0], line.split()[-1]) for line in stats.splitlines() if len(line.split()) == 2)
        expect(words.get("GO") == "2" and words.get("NOT_NOW") == "2", "mimm:stats: %s" % stats)
        networks = self.shell.run("mimm:networks")
        expect(any(line.split()[:4] == ["1", "wlan-a", "wlan", "1/1"] for line in networks.splitlines()),
               "mimm:networks: %s" % networks)
        typo = self.shell.run("mimm:advice 10.0.0")
        expect(typo.splitlines() == ["% not an IPv4 address: 10.0.0"], "mimm:advice 10.0.0: %s" % typo)
        return "mimm:stats GO 2, NOT_NOW 2; mimm:networks wlan-a 1/1; mimm:advice of a typo: one % line"

    def run_all(self):
        passed = failed = 0
        for scenario in (self.advisor_less_refuses_the_cvse, self.install_the_advisor,
                         self.go_moves_the_binding_in_the_same_exchange,
                         self.a_full_network_is_not_now_with_an_alternative, self.target_by_care_of_address,
                         self.sessions_past_the_bandwidth_are_not_now, self.a_short_request_handoff_is_poorly_formed,
                         self.the_shell_counts):
            try:
                print("PASS %s: %s" % (scenario.__name__, scenario()))
                passed += 1
            except Exception as e:  # one scenario's failure must not hide the others
                print("FAIL %s: %s" % (scenario.__name__, e))
                if not isinstance(e, Failed):
                    traceback.print_exc()
                failed += 1
        return passed, failed


def tshark_fields(pcap: str, port: int, *fields):
    # the test port is not 434: tshark is told to read it as Mobile IP
    command = ["tshark", "-r", pcap, "-d", "udp.port==%d,mip" % port, "-Y", "udp.port == %d" % port,
               "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=;"]
    for name in fields:
        command += ["-e", name]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    return [line.split("\t") for line in done.stdout.splitlines()]


def tshark_check(pcap: str, port: int, record: dict):
    checks = []
    rows = tshark_fields(pcap, port, "frame.number", "mip.type", "_ws.malformed", "_ws.expert.severity",
                         "_ws.expert.message", "mip.data_not_dissected")
    unclean = [r for r in rows if not r[1] or any(cell for cell in r[2:])]
    checks.append((not unclean and len(rows) == len(record["sent"]) + len(record["received"]),
                   "%d datagrams, all read as Mobile IP, none malformed or flagged by tshark (%s)"
                   % (len(rows), unclean[:3])))
    cvse = [r for r in tshark_fields(pcap, port, "mip.ext.cvse.vendor_id", "mip.ext.cvse.vendor_type") if r[0]]
    checks.append((len(cvse) == record["cvse_requests"]
                   and all([int(r[0], 0), int(r[1], 0)] == [ENTERPRISE, REQUEST_HANDOFF] for r in cvse),
                   "%d Request Handoff CVSEs, Vendor/Org-ID %d type %d (expected %d)"
                   % (len(cvse), ENTERPRISE, REQUEST_HANDOFF, record["cvse_requests"])))
    nvse = [r for r in tshark_fields(pcap, port, "mip.ext.nvse.vendor_id", "mip.ext.nvse.vendor_type",
                                     "mip.ext.nvse.vendor_value") if r[0]]
    values = [r[2].replace(":", "") for r in nvse]
    # the client's own reading of every reply it received (go and refusals carry the advice alike)
    read = [value.hex() for data in record["received"]
            for vendor, kind, value in (mip.vendor_extension_fields(e) for e in mip.parse_reply(bytes.fromhex(data)).extensions
                                        if e.type == mip.EXT_NVSE)
            if vendor == ENTERPRISE and kind == HANDOFF_ADVICE]
    checks.append((all([int(r[0], 0), int(r[1], 0)] == [ENTERPRISE, HANDOFF_ADVICE] for r in nvse)
                   and values == read and set(record["advice_values"]) <= set(read) and len(values) > 0,
                   "%d Handoff Advice NVSEs (in accepting and refusing replies), values as the client read them: %s"
                   % (len(nvse), values)))
    passed = 0
    for ok, text in checks:
        print(("PASS " if ok else "FAIL ") + text)
        passed += ok
    return passed, len(checks) - passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["write-config", "check-write-config", "run", "tshark"])
    parser.add_argument("--karaf-home")
    parser.add_argument("--port", type=int)
    parser.add_argument("--ssh-port", type=int)
    parser.add_argument("--record")
    parser.add_argument("--pcap")
    args = parser.parse_args(argv)
    if args.action == "write-config":
        write_config(args.karaf_home)
        return 0
    if args.action == "check-write-config":
        passed, failed = check_write_config()
    elif args.action == "run":
        scenarios = Scenarios(args.port, Shell(args.ssh_port))
        try:
            passed, failed = scenarios.run_all()
        finally:
            with open(args.record, "w") as out:
                json.dump(scenarios.record, out)
            scenarios.client.close()
    else:
        with open(args.record) as record:
            passed, failed = tshark_check(args.pcap, args.port, json.load(record))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
