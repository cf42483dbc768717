#!/usr/bin/python3
"""The MIMM advisor's kamailio session source against a real kamailio (run by
tools/mimm/run-mimm-kamailio.sh): real SIP dialogs (sip_calls.py through kamailio, which
record-routes and tracks them with its dialog module) change the advisor's decision.

  mimm_kamailio.py write-config --karaf-home DIR --kamailio-url URL
  mimm_kamailio.py run --karaf-home DIR --port P --ssh-port S --sip PORT --kamailio-pgid PGID --work DIR
                       --snmp HOST:PORT --community C

The networks and mobiles are tools/interop/mimm_interop.py's (network 3 wlan-c 203.0.113.0/24,
2000 kbit/s); the advisor counts SESSION_KBPS a session leg. The caller's SIP Contact is the home
address 10.0.0.12, whose binding is in network 3: its calls count there.
Prints one line per check and, last, "N passed, N failed".
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))

import mimm_interop as mi  # noqa: E402
from test_interop import Shell  # noqa: E402

SESSION_KBPS = 400
CALLS = 4                   # 4 legs x 400 = 1600 of network 3's 2000 kbit/s
NEWCOMER_KBPS = 500         # 1600 + 500 > 2000: not now while the calls last
STALE_SECONDS = 4
CALLER = "10.0.0.12"
# HOMEAGENT-MIMM-MIB (mibs/HOMEAGENT-MIMM-MIB.mib): mimmObjects and what is read of it
MIMM = "1.3.6.1.4.1.32473.1.5.1"
NETWORK_3 = {"sessions": MIMM + ".3.1.7.3", "kbps": MIMM + ".3.1.8.3", "load": MIMM + ".3.1.9.3",
             "known": MIMM + ".3.1.10.3"}
ADVICE_NOT_NOW = MIMM + ".2.3.0"


def write_config(karaf_home: str, url: str) -> None:
    cfg = os.path.join(karaf_home, "etc", "net.homeagent.mimm.cfg")
    with open(cfg) as kept:   # the test bed's settings (the reactive port) stay
        settings = [line for line in kept if not line.startswith("#") and line.strip()]
    mi.write_config(karaf_home)
    with open(cfg, "w") as out:
        out.writelines(settings)
        out.write("# Written by tools/mimm/mimm_kamailio.py\nsessionSource = kamailio\nkamailioUrl = %s\n"
                  "kamailioRefreshSeconds = 1\nkamailioTimeoutMillis = 1000\nkamailioStaleSeconds = %d\n"
                  "sessionKbps = %d\nadviceEventSeconds = 2\n" % (url, STALE_SECONDS, SESSION_KBPS))


class KamailioScenarios(mi.Scenarios):
    def __init__(self, port, shell, sip_port, kamailio_pgid, work, snmp, community, karaf_home):
        super().__init__(port, shell)
        self.karaf_log = os.path.join(karaf_home, "data", "log", "karaf.log")
        self.snmp = snmp
        self.community = community
        self.sip_port = sip_port
        self.kamailio_pgid = kamailio_pgid
        self.release = os.path.join(work, "release-calls")
        self.calls = None

    def network_3(self):
        """(sessions, kbit/s) of network 3 in mimm:networks, and the whole output."""
        out = self.shell.run("mimm:networks")
        for line in out.splitlines():
            cells = line.split()
            if cells[:3] == ["3", "wlan-c", "wlan"]:
                return (cells[4], cells[5].split("/")[0]), out
        raise mi.Failed("no network 3 in mimm:networks: %s" % out)

    def await_network_3(self, wanted, why):
        deadline = time.monotonic() + 15
        while True:
            seen, out = self.network_3()
            if seen == wanted:
                return out
            mi.expect(time.monotonic() < deadline, "%s: network 3 shows %s, not %s within 15 s: %s"
                      % (why, seen, wanted, out))
            time.sleep(1)

    def snmp_values(self, *oids):
        """The values net-snmp's snmpget reads for these OIDs (SNMPv2c), in order."""
        done = subprocess.run(["snmpget", "-v2c", "-c", self.community, "-On", "-Oqv", "-t", "2", "-r", "1", self.snmp]
                              + list(oids), capture_output=True, text=True, timeout=30)
        mi.expect(done.returncode == 0, "snmpget: %s" % (done.stdout + done.stderr).strip())
        return done.stdout.split()

    def newcomer(self):
        return self.handoff("10.0.0.11", "203.0.113.11", target=3, current=2, sessions=1, kbps=NEWCOMER_KBPS)

    # --- the scenarios, in order --------------------------------------------------------------

    def the_caller_attaches_to_network_3(self):
        self.expect_code(self.handoff(CALLER, "203.0.113.12", target=3, current=2), 0, "network 3 is empty")
        self.expect_code(self.send("10.0.0.11", "198.51.100.11"), 0, "plain registration in network 2")
        out = self.await_network_3(("0", "0"), "no calls yet")
        mi.expect(re.search(r"Real-time sessions: kamailio http://\S+: 0 established dialogs", out),
                  "mimm:networks does not name kamailio's figures: %s" % out)
        return "mobile %s in network 3; mimm:networks: kamailio, 0 established dialogs, network 3 0 sessions" % CALLER

    def dialogs_through_kamailio_count_in_network_3(self):
        self.calls = subprocess.Popen([sys.executable, os.path.join(HERE, "sip_calls.py"), "--proxy",
                                       "127.0.0.1:%d" % self.sip_port, "--calls", str(CALLS), "--caller-contact",
                                       CALLER, "--release-file", self.release, "--hold-limit", "120"],
                                      stdout=subprocess.PIPE, text=True)
        line = self.calls.stdout.readline().strip()
        mi.expect(line == "%d established" % CALLS, "the calls: %r" % line)
        self.await_network_3((str(CALLS), str(CALLS * SESSION_KBPS)), "%d calls" % CALLS)
        return "%d INVITE/200/ACK dialogs from Contact %s: network 3 shows %d sessions, %d kbit/s" % (
            CALLS, CALLER, CALLS, CALLS * SESSION_KBPS)

    def the_calls_push_a_newcomer_past_capacity(self):
        reply = self.newcomer()
        self.expect_code(reply, mi.HANDOFF_NOT_NOW, "%d + %d kbit/s > 2000" % (CALLS * SESSION_KBPS, NEWCOMER_KBPS))
        advice = self.advice_of(reply)
        mi.expect(advice is not None and advice["verdict"] == "not-now" and advice["reason"] == 3,
                  "advice %s" % advice)
        mi.expect(self.care_ofs("10.0.0.11") == {"198.51.100.11"}, "the binding moved on a not-now")
        out = self.shell.run("mimm:advice 10.0.0.11")
        mi.expect("TARGET_FULL_BANDWIDTH" in out, "mimm:advice: %s" % out.strip())
        return "a newcomer with %d kbit/s to network 3: code %d, not now, TARGET_FULL_BANDWIDTH" % (
            NEWCOMER_KBPS, mi.HANDOFF_NOT_NOW)

    def the_mib_agrees(self):
        values = self.snmp_values(NETWORK_3["sessions"], NETWORK_3["kbps"], NETWORK_3["load"], NETWORK_3["known"],
                                  ADVICE_NOT_NOW)
        mi.expect(values == [str(CALLS), str(CALLS * SESSION_KBPS), "80", "1", "1"], "snmpget: %s" % values)
        walk = subprocess.run(["snmpwalk", "-v2c", "-c", self.community, "-On", "-Oq", "-t", "2", "-r", "1", self.snmp,
                               MIMM + ".3.1.2"], capture_output=True, text=True, timeout=30)
        names = [line.split(" ", 1)[1].strip('"') for line in walk.stdout.splitlines() if " " in line]
        mi.expect(names == [n[1] for n in mi.NETWORKS], "snmpwalk mimmNetworkName: %s" % walk.stdout.strip())
        return ("snmpget HOMEAGENT-MIMM-MIB: network 3 sessions %d, %d kbit/s, load 80 %%, known; mimmAdviceNotNow 1;"
                " snmpwalk mimmNetworkName %s" % (CALLS, CALLS * SESSION_KBPS, names))

    def after_the_byes_the_newcomer_goes(self):
        open(self.release, "w").close()
        line = self.calls.stdout.readline().strip()
        mi.expect(line == "%d ended" % CALLS, "the BYEs: %r" % line)
        mi.expect(self.calls.wait(timeout=10) == 0, "sip_calls.py failed")
        self.await_network_3(("0", "0"), "after the BYEs")
        reply = self.newcomer()
        self.expect_code(reply, 0, "the calls are over")
        mi.expect(self.care_ofs("10.0.0.11") == {"203.0.113.11"}, "mip:bindings does not show the move")
        return "BYEs: network 3 back to 0 sessions; the same Request Handoff: go, binding at 203.0.113.11"

    def a_stopped_kamailio_is_unknown_after_the_stale_time(self):
        os.killpg(self.kamailio_pgid, signal.SIGTERM)
        deadline = time.monotonic() + STALE_SECONDS + 15
        while True:
            (sessions, kbps), out = self.network_3()
            if sessions == "unknown":
                break
            mi.expect(time.monotonic() < deadline, "still known %d s after kamailio stopped: %s"
                      % (STALE_SECONDS + 15, out))
            time.sleep(1)
        mi.expect("sessions UNKNOWN" in out and "unreachable" in out, "mimm:networks: %s" % out)
        known = self.snmp_values(NETWORK_3["known"])
        mi.expect(known == ["2"], "mimmNetworkSessionsKnown.3 is %s, not false(2)" % known)
        reply = self.handoff("10.0.0.10", "203.0.113.10", target=3, current=2, kbps=100)
        self.expect_code(reply, 0, "unknown sessions: the decision weighs mobiles and the newcomer's kbit/s")
        return "kamailio stopped: after %d s network 3 shows unknown, failures unreachable, mimmNetworkSessionsKnown false; Request Handoffs" \
               " still answered (go)" % STALE_SECONDS

    def the_advice_is_summarised_on_the_routes(self):
        """adviceEventSeconds = 2: MIMM_ADVICE events through the routes' audit leg into karaf.log."""
        deadline = time.monotonic() + 10
        while True:
            with open(self.karaf_log, errors="replace") as log:
                lines = [line.strip() for line in log if " MIMM_ADVICE mimm: " in line]
            if any("not_now=1" in line for line in lines) and any("go=" in line for line in lines):
                return "%d MIMM_ADVICE audit lines, e.g. %s" % (len(lines), lines[-1][lines[-1].index("MIMM_ADVICE"):])
            mi.expect(time.monotonic() < deadline, "no MIMM_ADVICE audit lines with go and not_now=1 in karaf.log: %s"
                      % lines[-3:])
            time.sleep(1)

    def run_all(self):
        passed = failed = 0
        try:
            for scenario in (self.install_the_advisor, self.the_caller_attaches_to_network_3,
                             self.dialogs_through_kamailio_count_in_network_3,
                             self.the_calls_push_a_newcomer_past_capacity, self.the_mib_agrees,
                             self.after_the_byes_the_newcomer_goes,
                             self.a_stopped_kamailio_is_unknown_after_the_stale_time,
                             self.the_advice_is_summarised_on_the_routes):
                try:
                    print("PASS %s: %s" % (scenario.__name__, scenario()), flush=True)
                    passed += 1
                except Exception as e:  # one scenario's failure must not hide the others
                    print("FAIL %s: %s" % (scenario.__name__, e), flush=True)
                    if not isinstance(e, mi.Failed):
                        traceback.print_exc()
                    failed += 1
        finally:
            if self.calls is not None and self.calls.poll() is None:
                self.calls.kill()
                self.calls.wait()
        return passed, failed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["write-config", "run"])
    parser.add_argument("--karaf-home", required=True)
    parser.add_argument("--kamailio-url")
    parser.add_argument("--port", type=int)
    parser.add_argument("--ssh-port", type=int)
    parser.add_argument("--sip", type=int)
    parser.add_argument("--kamailio-pgid", type=int)
    parser.add_argument("--work")
    parser.add_argument("--snmp")
    parser.add_argument("--community")
    args = parser.parse_args(argv)
    if args.action == "write-config":
        write_config(args.karaf_home, args.kamailio_url)
        return 0
    scenarios = KamailioScenarios(args.port, Shell(args.ssh_port), args.sip, args.kamailio_pgid,
                                  args.work, args.snmp, args.community, args.karaf_home)
    try:
        passed, failed = scenarios.run_all()
    finally:
        scenarios.client.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
