#!/usr/bin/python3
"""Scenarios of the data plane end to end (run by run-dataplane.sh inside the appliance's
namespace hadp-ha; the other hosts are reached with `ip netns exec`).

  test_dataplane.py --karaf-home DIR --ssh-port P --workdir DIR [--implementation user-space|kernel]

A correspondent (hadp-cn) on the home link pings the mobile node's home address; the home agent
answers ARP for it (proxy ARP) and tunnels the echo requests to the care-of host (hadp-coa), where
coa_agent.py (scapy) checks each encapsulation and delivers the inner datagram to the mobile node
(hadp-mn); the mobile node's replies come back plain or reverse tunnelled. tshark captures the
foreign link and judges every encapsulation afterwards. Prints one line per check and last
exactly one line "N passed, N failed".
"""

import argparse
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "testbed"))
import karaf_shell  # noqa: E402  (after the path set-up above)

PY = "/usr/bin/python3"
HA, HOME, CN = "10.77.1.1", "10.77.1.10", "10.77.1.100"
COA, COA2, WRONG_SOURCE = "10.77.2.2", "10.77.2.3", "10.77.2.9"
HOME_KEY = struct.unpack("!I", socket.inet_aton(HOME))[0]
PROTOCOL = {"ipip": 4, "gre": 47, "minimal": 55, "udp": 17}
FLAGS = {"ipip": "D", "gre": "DG", "minimal": "DM", "udp": "D"}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS " + name, flush=True)
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""), flush=True)
    return ok


def run(*cmd, timeout=30):
    return subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout)


# the namespaces of the correspondent and the care-of host: the test bed's run-unique names
# (testbed.sh exports them), hadp-cn and hadp-coa when run by hand in a network built so
NS_CN = os.environ.get("HADP_NS_CN", "hadp-cn")
NS_COA = os.environ.get("HADP_NS_COA", "hadp-coa")


def in_ns(ns, *cmd, timeout=30):
    return run("ip", "netns", "exec", ns, *cmd, timeout=timeout)


class Appliance:
    def __init__(self, ssh_port):
        self.ssh_port = ssh_port

    def shell(self, command):
        return karaf_shell.run(self.ssh_port, command).stdout

    @staticmethod
    def installed():
        """Our host routes and the home link's proxy entries, as the kernel has them."""
        routes = run("ip", "-o", "route", "show", "proto", "77").stdout.strip()
        proxies = run("ip", "neigh", "show", "proxy", "dev", "hadpha0").stdout.strip()
        return routes, proxies


class Agent:
    """coa_agent.py in the care-of host's namespace, one JSON line each way, bounded waits."""

    def __init__(self):
        self.proc = subprocess.Popen(["ip", "netns", "exec", NS_COA, PY, os.path.join(HERE, "coa_agent.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        ready = self._read(30)
        if not ready or not ready.get("ready"):
            raise RuntimeError("coa_agent.py did not start: %r" % ready)

    def _read(self, timeout):
        readable, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not readable:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def call(self, **cmd):
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        answer = self._read(20)
        if answer is None:
            raise RuntimeError("coa_agent.py did not answer %s within 20 s" % cmd["cmd"])
        return answer

    def packets(self, since, **match):
        found = self.call(cmd="packets", since=since)["packets"]
        return [p for p in found if all(p.get(k) == v for k, v in match.items())]

    def close(self):
        try:
            self.call(cmd="quit")
        except (RuntimeError, BrokenPipeError, ValueError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def ping(count, timeout=2, interval="0.2"):
    result = in_ns(NS_CN, "ping", "-n", "-c", str(count), "-i", interval, "-W", str(timeout), HOME,
                   timeout=count * 2 + timeout + 10)
    received = 0
    for line in result.stdout.splitlines():
        if "received" in line:
            received = int(line.split(",")[1].split()[0])
    return received


def register(agent, encapsulation, reverse, coa=COA, lifetime=60):
    flags = FLAGS[encapsulation] + ("T" if reverse else "")
    return agent.call(cmd="register", coa=coa, flags=flags, udp=encapsulation == "udp", lifetime=lifetime)


def await_condition(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def outer_header_problems(p, encapsulation, coa, udp_port):
    problems = list(p["problems"])
    if p["outer_src"] != HA:
        problems.append("outer source %s" % p["outer_src"])
    if p["outer_dst"] != coa:
        problems.append("outer destination %s" % p["outer_dst"])
    if p["proto"] != PROTOCOL[encapsulation]:
        problems.append("protocol %d" % p["proto"])
    if encapsulation == "gre" and p.get("gre_key") != HOME_KEY:
        problems.append("GRE key %r" % p.get("gre_key"))
    if encapsulation == "udp" and (p.get("sport") != 434 or p.get("dport") != udp_port):
        problems.append("UDP ports %r -> %r, registration from %r" % (p.get("sport"), p.get("dport"), udp_port))
    if p.get("inner_src") != CN or p.get("inner_dst") != HOME:
        problems.append("inner %r -> %r" % (p.get("inner_src"), p.get("inner_dst")))
    return problems


def scenario_encapsulations(agent, appliance, encapsulations):
    for encapsulation in encapsulations:
        for reverse in (False, True):
            name = "%s%s" % (encapsulation, " + reverse tunnel" if reverse else "")
            agent.call(cmd="mode", reverse=reverse, encapsulation=encapsulation, coa=COA)
            reply = register(agent, encapsulation, reverse)
            if not check(name + ": registration accepted (code 0, authenticated)",
                         reply.get("code") == 0 and reply.get("authenticated"), str(reply)):
                continue
            since = time.monotonic()
            received = ping(3)
            check(name + ": the correspondent's pings to the home address are answered", received >= 2,
                  "%d of 3 replies" % received)
            requests = agent.packets(since, encapsulation=encapsulation, icmp_type=8)
            check(name + ": echo requests came out of the tunnel at the care-of address", len(requests) >= 3,
                  "%d seen" % len(requests))
            bad = [pr for p in requests for pr in outer_header_problems(p, encapsulation, COA, reply.get("port"))]
            check(name + ": outer and inner headers as the RFC draws them", requests and not bad, "; ".join(bad[:5]))
            binding = appliance.shell("mip:binding " + HOME)
            line = next((l for l in binding.splitlines() if "Tunnelled" in l), "")
            check(name + ": mip:binding counts the tunnelled packets", line and not line.strip().startswith(
                "Tunnelled 0 "), binding.strip()[-300:])
            if reverse:
                check(name + ": mip:binding counts the reverse tunnelled packets", "reverse 0 packets" not in line,
                      line)


def scenario_reverse_source(agent, appliance):
    agent.call(cmd="mode", reverse=True, encapsulation="ipip", coa=COA)
    reply = register(agent, "ipip", True)
    check("reverse source: registration with T accepted", reply.get("code") == 0, str(reply))
    since = time.monotonic()
    agent.call(cmd="inject", outer_src=COA, encapsulation="ipip", id=4242)
    ok = await_condition(lambda: agent.packets(since, icmp_type=0, icmp_id=4242), 5)
    check("reverse source: tunnelled from the care-of address, forwarded (the correspondent's answer comes back"
          " through the tunnel)", ok)
    before = dropped(appliance, "reverse tunnel not from the binding's care-of address")
    since = time.monotonic()
    agent.call(cmd="inject", outer_src=WRONG_SOURCE, encapsulation="ipip", id=4243)
    time.sleep(2)
    check("reverse source: tunnelled from a wrong outer source, refused (no answer in 2 s)",
          not agent.packets(since, icmp_id=4243))
    after = dropped(appliance, "reverse tunnel not from the binding's care-of address")
    check("reverse source: mip:dataplane counts the refusal", after == before + 1, "%d -> %d" % (before, after))

    reply = register(agent, "gre", False)
    since = time.monotonic()
    agent.call(cmd="inject", outer_src=COA, encapsulation="gre", id=4244)
    time.sleep(2)
    check("reverse source: a binding without T refuses reverse tunnels (RFC 3024 §4.3)",
          reply.get("code") == 0 and not agent.packets(since, icmp_id=4244), str(reply))


def dropped(appliance, reason):
    for line in appliance.shell("mip:dataplane").splitlines():
        if reason in line:
            return int(line.rsplit(":", 1)[1])
    return 0


def scenario_care_of_change(agent):
    agent.call(cmd="mode", reverse=False, encapsulation="ipip", coa=COA)
    reply = register(agent, "ipip", False, coa=COA)
    check("care-of change: first registration at %s" % COA, reply.get("code") == 0, str(reply))
    flood = subprocess.Popen(["ip", "netns", "exec", NS_CN, "ping", "-n", "-q", "-c", "120", "-i", "0.05",
                              "-W", "1", HOME], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        moved = register(agent, "ipip", False, coa=COA2)
        check("care-of change: registration at %s accepted" % COA2, moved.get("code") == 0, str(moved))
        time.sleep(1.5)
    finally:
        flood.wait(15)
    deadline = moved["reply_time"] + moved["rtt"]
    late = agent.packets(deadline, outer_dst=COA, icmp_type=8)
    new = agent.packets(moved["reply_time"] - moved["rtt"], outer_dst=COA2, icmp_type=8)
    check("care-of change: no datagram to the old care-of address one registration round trip (%.1f ms) after"
          " the reply" % (moved["rtt"] * 1000), not late, "%d late" % len(late))
    check("care-of change: traffic follows to the new care-of address", len(new) >= 10, "%d seen" % len(new))


def scenario_deregistration(agent):
    agent.call(cmd="mode", reverse=False, encapsulation="ipip", coa=COA2)
    reply = register(agent, "ipip", False, coa=COA2, lifetime=0)
    check("deregistration: accepted", reply.get("code") == 0, str(reply))
    gone = await_condition(lambda: Appliance.installed() == ("", ""), 2)
    check("deregistration: no route and no proxy entry left", gone, "%r" % (Appliance.installed(),))
    since = time.monotonic()
    received = ping(2, timeout=1)
    check("deregistration: nothing forwarded any more", received == 0 and not agent.packets(since),
          "%d replies, %d tunnelled" % (received, len(agent.packets(since))))


def scenario_expiry(agent, lifetime=3):
    reply = register(agent, "gre", False, coa=COA, lifetime=lifetime)
    check("expiry: registration with a %d s lifetime" % lifetime, reply.get("code") == 0, str(reply))
    # the tunnel is installed just after the reply (the data plane runs beside the registration
    # path), so the first echo may go before it; one of two is answered
    check("expiry: forwarded while the binding lives", ping(2) >= 1)
    start = time.monotonic()
    gone = await_condition(lambda: Appliance.installed() == ("", ""), lifetime + 8)
    check("expiry: route and proxy entry removed when the lifetime ran out (after %.1f s)"
          % (time.monotonic() - start), gone, "%r" % (Appliance.installed(),))
    since = time.monotonic()
    received = ping(2, timeout=1)
    check("expiry: nothing forwarded after expiry", received == 0 and not agent.packets(since))


STALE_ROUTE = "10.77.1.99"
STALE_PROXY = "10.77.1.98"


def crash_before(agent):
    """A live binding, plus a route and a proxy entry of ours that no binding explains (what a
    crash in the middle of a change could leave); the caller then kills the JVM with kill -9."""
    reply = register(agent, "ipip", False, coa=COA, lifetime=600)
    check("crash: a binding with 600 s to live", reply.get("code") == 0, str(reply))
    check("crash: forwarded before the crash", ping(2) >= 1)
    run("ip", "route", "add", STALE_ROUTE + "/32", "dev", "hadpha1", "proto", "77")
    run("ip", "neigh", "add", "proxy", STALE_PROXY, "dev", "hadpha0")
    routes, proxies = Appliance.installed()
    check("crash: stale route and proxy entry planted", STALE_ROUTE in routes and STALE_PROXY in proxies,
          "%r" % ((routes, proxies),))


def crash_after(agent):
    """After kill -9 and a new start: the restored binding forwards again, the stale entries are gone."""
    def reconciled():
        routes, proxies = Appliance.installed()
        return (HOME in routes and "hadptun0" in routes and HOME in proxies
                and STALE_ROUTE not in routes and STALE_PROXY not in proxies)
    ok = await_condition(reconciled, 15)
    check("crash: after the restart the live binding's route and proxy entry are back, the stale ones removed",
          ok, "%r" % (Appliance.installed(),))
    since = time.monotonic()
    check("crash: the restored binding forwards without the mobile node registering again",
          ping(3) >= 2 and agent.packets(since, encapsulation="ipip", icmp_type=8))
    reply = register(agent, "ipip", False, coa=COA, lifetime=0)
    gone = await_condition(lambda: Appliance.installed() == ("", ""), 2)
    check("crash: deregistered, nothing left installed", reply.get("code") == 0 and gone,
          "%r" % (Appliance.installed(),))


def proxy_by_route(agent):
    """proxyArp = interface: no proxy entry at all, the home interface's proxy_arp answers by route."""
    reply = register(agent, "ipip", True, coa=COA, lifetime=600)
    agent.call(cmd="mode", reverse=True, encapsulation="ipip", coa=COA)
    check("proxy ARP by route: registration accepted", reply.get("code") == 0, str(reply))
    # the data plane installs after the reply, on its own thread (and after the start's reconcile)
    routed = await_condition(lambda: HOME in Appliance.installed()[0], 5)
    routes, proxies = Appliance.installed()
    check("proxy ARP by route: a host route and no proxy entry", routed and proxies == "",
          "%r" % ((routes, proxies),))
    in_ns(NS_CN, "ip", "neigh", "flush", "dev", "hadpcn0")
    check("proxy ARP by route: the correspondent's pings are answered", ping(3) >= 2)
    reply = register(agent, "ipip", True, coa=COA, lifetime=0)
    gone = await_condition(lambda: Appliance.installed() == ("", ""), 2)
    check("proxy ARP by route: deregistered, nothing left installed", reply.get("code") == 0 and gone,
          "%r" % (Appliance.installed(),))
    in_ns(NS_CN, "ip", "neigh", "flush", "dev", "hadpcn0")
    check("proxy ARP by route: nothing answered after deregistration", ping(2, timeout=1) == 0)


def unprivileged(agent, appliance, karaf_home):
    """Karaf started without CAP_NET_ADMIN and CAP_NET_RAW: registrations go on, nothing is pretended."""
    status = appliance.shell("mip:dataplane")
    check("without privileges: mip:dataplane says forwarding is OFF and why",
          "forwarding OFF" in status and "no privileges" in status, status.strip()[:300])
    with open(os.path.join(karaf_home, "data", "log", "karaf.log")) as log:
        warned = [l for l in log if "WARN" in l and "data plane" in l and "no privileges" in l]
    check("without privileges: the log says so (WARN)", bool(warned))
    reply = register(agent, "ipip", False, coa=COA, lifetime=60)
    check("without privileges: registrations are still accepted", reply.get("code") == 0, str(reply))
    check("without privileges: mip:binding says the binding is not forwarded",
          "Not forwarded: forwarding OFF" in appliance.shell("mip:binding " + HOME))
    check("without privileges: nothing installed", Appliance.installed() == ("", ""), "%r" % (Appliance.installed(),))
    register(agent, "ipip", False, coa=COA, lifetime=0)


def tshark_judges(pcap, encapsulations):
    """Wireshark's dissectors, not our code, confirm each encapsulation on the foreign link."""
    filters = {
        "ipip": "ip.src == %s && ip.dst == %s && ip.proto == 4 && icmp.type == 8" % (HA, COA),
        "gre": "gre && gre.key == 0x%08x && gre.proto == 0x0800 && icmp.type == 8" % HOME_KEY,
        # tshark 4.0 has no minimal encapsulation dissector: the outer header, protocol 55 and its
        # checksum are what it can judge (coa_agent.py checked the forwarding header)
        "minimal": "ip.src == %s && ip.dst == %s && ip.proto == 55 && ip.checksum.status == \"Good\"" % (HA, COA),
        "udp": "udp.srcport == 434 && mip.type == 4 && mip.nattt.nexthdr == 4 && icmp.type == 8",
    }
    reverse = {
        "ipip": "ip.src == %s && ip.dst == %s && ip.proto == 4 && icmp.type == 0" % (COA, HA),
        "gre": "ip.src == %s && gre.key == 0x%08x && icmp.type == 0" % (COA, HOME_KEY),
        "minimal": "ip.src == %s && ip.dst == %s && ip.proto == 55" % (COA, HA),
        "udp": "udp.dstport == 434 && mip.type == 4 && icmp.type == 0",
    }
    for encapsulation in encapsulations:
        for direction, table in (("to the care-of address", filters), ("reverse tunnelled", reverse)):
            out = run("tshark", "-n", "-r", pcap, "-o", "ip.check_checksum:TRUE", "-Y", table[encapsulation],
                      timeout=120)
            frames = len([l for l in out.stdout.splitlines() if l.strip()])
            check("tshark: %s %s (%s)" % (encapsulation, direction, table[encapsulation]), frames >= 2,
                  "%d frames; %s" % (frames, out.stderr.strip()[:200]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--karaf-home", required=True)
    parser.add_argument("--ssh-port", type=int, required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--implementation", default="user-space")
    parser.add_argument("--phase", default="scenarios", choices=["scenarios", "crash-before", "crash-after",
                                                                 "proxy-by-route", "unprivileged"])
    args = parser.parse_args()
    appliance = Appliance(args.ssh_port)
    if args.phase != "scenarios":
        agent = Agent()
        try:
            if args.phase == "unprivileged":
                unprivileged(agent, appliance, args.karaf_home)
            else:
                {"crash-before": crash_before, "crash-after": crash_after,
                 "proxy-by-route": proxy_by_route}[args.phase](agent)
        except Exception as e:  # noqa: BLE001
            check(args.phase + " ran to the end", False, "%s: %s" % (type(e).__name__, e))
        finally:
            agent.close()
        print("%d passed, %d failed" % (passed, failed))
        return 0 if failed == 0 else 1
    encapsulations = ["ipip", "gre", "minimal", "udp"] if args.implementation == "user-space" else ["ipip", "gre"]

    status = appliance.shell("mip:dataplane")
    headline = next((l for l in status.splitlines() if l.startswith("Data plane")), "")
    check("mip:dataplane: %s forwarding ON" % args.implementation, "forwarding ON" in headline
          and args.implementation.split("-")[0] in headline.lower(), status.strip()[:300])

    pcap = os.path.join(args.workdir, "foreign-link-%s.pcapng" % args.implementation)
    log = open(os.path.join(args.workdir, "tshark-%s.log" % args.implementation), "w")
    capture = subprocess.Popen(["ip", "netns", "exec", NS_COA, "tshark", "-n", "-i", "hadpco0", "-w", pcap],
                               stdout=log, stderr=log)
    await_condition(lambda: "Capturing on" in open(log.name).read(), 20)
    agent = Agent()
    try:
        scenario_encapsulations(agent, appliance, encapsulations)
        scenario_reverse_source(agent, appliance)
        scenario_care_of_change(agent)
        scenario_deregistration(agent)
        scenario_expiry(agent)
        check("mip:dataplane: no tunnel left", "Tunnels: 0" in appliance.shell("mip:dataplane"))
    except Exception as e:  # noqa: BLE001  one failure with its reason, then the totals
        check("scenarios ran to the end", False, "%s: %s" % (type(e).__name__, e))
    finally:
        agent.close()
        time.sleep(1)
        capture.terminate()
        try:
            capture.wait(10)
        except subprocess.TimeoutExpired:
            capture.kill()
    tshark_judges(pcap, encapsulations)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
