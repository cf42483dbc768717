#!/usr/bin/python3
"""Crash-recovery checks of the binding backup (issue 3), driven by run-crash-recovery.sh.

  write-config  home agent on 127.0.0.1:<port>, one security association per mobile node
  register      registers N mobile nodes with mip_client.py (the short-lived ones last, so that
                they are still bound when the JVM dies), records every acknowledged binding, and
                kill -9s the JVM right after the last reply
  check-restored  after the restart: every acknowledged long binding is back (mip:bindings),
                the short ones are gone, mip:backup counts them as restored / dropped
  check-damaged   after damaging the backup: the appliance answers, mip:backup and the log
                report the damage, the damaged file is kept beside the backup

Each command prints one line per check and last "N passed, N failed".
"""

import argparse
import glob
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mip_client as mip  # noqa: E402
from test_interop import Shell  # noqa: E402

KEY_TEXT = "0x00112233445566778899aabbccddeeff"
SPI = 256
LONG_LIFETIME = 1800


def home_address(i: int) -> str:
    return "10.3.%d.%d" % (i // 250, i % 250 + 1)


def care_of(i: int) -> str:
    return "192.0.2.%d" % (i % 250 + 1)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition: bool, what: str) -> bool:
        print(("PASS " if condition else "FAIL ") + what, flush=True)
        if condition:
            self.passed += 1
        else:
            self.failed += 1
        return condition

    def summary(self) -> int:
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 0 if self.failed == 0 else 1


def write_config(args) -> int:
    etc = os.path.join(args.karaf_home, "etc")
    with open(os.path.join(etc, "net.homeagent.ha.cfg"), "w") as cfg:
        cfg.write("# Written by tools/interop/crash_recovery.py\n")
        cfg.write("listenAddresses = 127.0.0.1\nport = %d\nmaxLifetime = %d\n" % (args.port, LONG_LIFETIME))
    path = os.path.join(etc, "mobility-security.conf")
    with open(path, "w") as conf:
        os.chmod(path, 0o600)
        conf.write("# Written by tools/interop/crash_recovery.py: test keys only.\n")
        for i in range(args.count):
            conf.write("%s %d hmac-md5 %s timestamp\n" % (home_address(i), SPI, KEY_TEXT))
    return 0


def register(args) -> int:
    checks = Checks()
    client = mip.Client(args.port)
    acked = []
    key = mip.parse_key(KEY_TEXT)
    try:
        for i in range(args.count):
            short = i >= args.count - args.short  # the short-lived ones last
            lifetime = args.short_lifetime if short else LONG_LIFETIME
            request = mip.Request(home_address=home_address(i), home_agent="127.0.0.1", care_of=care_of(i),
                                  identification=client.next_identification(), lifetime=lifetime, spi=SPI, key=key)
            reply = client.register(request)
            if reply is not None and reply.code in (0, 1) and reply.authenticated_by(key, spi=SPI):
                acked.append({"home": home_address(i), "coa": care_of(i), "lifetime": reply.lifetime,
                              "short": short, "acked_at": time.time()})
    finally:
        client.close()
    if args.kill_pid:
        os.kill(args.kill_pid, signal.SIGKILL)  # right after the last reply: nothing may be lost
    with open(args.out, "w") as out:
        json.dump(acked, out)
    checks.check(len(acked) == args.count, "%d of %d registrations acknowledged before kill -9" % (len(acked), args.count))
    return checks.summary()


def check_restored(args) -> int:
    checks = Checks()
    with open(args.acked) as f:
        acked = json.load(f)
    shell = Shell(args.ssh_port)
    rows, _ = shell.binding_rows()
    bound = {(home, coa) for home, coa, _ in rows}
    long_ones = [(a["home"], a["coa"]) for a in acked if not a["short"]]
    short_ones = [(a["home"], a["coa"]) for a in acked if a["short"]]
    missing = [b for b in long_ones if b not in bound]
    checks.check(not missing, "every acknowledged long binding is back (%d of %d; missing %s)"
                 % (len(long_ones) - len(missing), len(long_ones), missing[:5]))
    still = [b for b in short_ones if b in bound]
    checks.check(not still, "expired bindings are gone (%d of %d still bound)" % (len(still), len(short_ones)))
    checks.check(len(bound) == len(long_ones), "nothing else is bound (%d bindings)" % len(bound))
    backup = shell.run("mip:backup")
    print(backup.rstrip())
    checks.check("Last restore: %d restored, %d dropped (expired), 0 failed" % (len(long_ones), len(short_ones))
                 in backup, "mip:backup counts %d restored and %d dropped" % (len(long_ones), len(short_ones)))
    checks.check("Problem:" not in backup, "mip:backup reports no problem after a plain crash")
    return checks.summary()


def check_damaged(args) -> int:
    checks = Checks()
    shell = Shell(args.ssh_port)
    backup = shell.run("mip:backup")
    print(backup.rstrip())
    checks.check("Problem:" in backup and "damaged" in backup, "mip:backup reports the damage")
    with open(os.path.join(args.karaf_home, "data", "log", "karaf.log"), errors="replace") as log:
        reported = [line for line in log if "| ERROR |" in line and "journal is damaged" in line]
    checks.check(len(reported) >= args.reports, "the log reports it at ERROR (%d reports, %d expected)"
                 % (len(reported), args.reports))
    kept = glob.glob(os.path.join(args.karaf_home, "data", "bindings", "*.corrupt-*"))
    checks.check(len(kept) >= args.reports, "the damaged file is kept for analysis (%s)" % kept)
    client = mip.Client(args.port)
    key = mip.parse_key(KEY_TEXT)
    try:
        request = mip.Request(home_address=home_address(0), home_agent="127.0.0.1", care_of="198.51.100.1",
                              identification=client.next_identification(), lifetime=600, spi=SPI, key=key)
        reply = client.register(request)
    finally:
        client.close()
    checks.check(reply is not None and reply.code == 0, "the appliance still accepts registrations")
    return checks.summary()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("write-config")
    p.add_argument("--karaf-home", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p = sub.add_parser("register")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--short", type=int, required=True, help="how many get --short-lifetime")
    p.add_argument("--short-lifetime", type=int, default=5)
    p.add_argument("--kill-pid", type=int)
    p.add_argument("--out", required=True)
    p = sub.add_parser("check-restored")
    p.add_argument("--karaf-home", required=True)
    p.add_argument("--ssh-port", type=int, required=True)
    p.add_argument("--acked", required=True)
    p = sub.add_parser("check-damaged")
    p.add_argument("--karaf-home", required=True)
    p.add_argument("--ssh-port", type=int, required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--reports", type=int, required=True, help="damage reports expected in the log so far")
    args = parser.parse_args(argv)
    return {"write-config": write_config, "register": register, "check-restored": check_restored,
            "check-damaged": check_damaged}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
