#!/usr/bin/python3
"""Judges what the appliance's SNMP agent served, from net-snmp's output, against independent sources.

  names   every object of an `snmpwalk -On` of MIP-MIB (1.3.6.1.2.1.44) is an accessible object of
          Debian's compiled MIP-MIB (python3-pysnmp4-mibs, read as text: its OIDs, syntaxes and
          access), with the matching SMI type; and the objects the appliance claims to serve are there
  compare the walk's haMobilityBindingTable and counters equal what `mip:bindings` and `mip:stats`
          print for the same moment

Prints one line per check and last "N passed, N failed".
"""

import argparse
import re
import sys

PYSNMP_MIP_MIB = "/usr/lib/python3/dist-packages/pysnmp_mibs/MIP-MIB.py"
MIP_MIB = "1.3.6.1.2.1.44"

# What docs/snmp.md says is served (the rest of MIP-MIB has no source yet, or concerns a foreign agent).
SERVED = ["mipEntities", "mipEnable", "mipSecAlgorithmType", "mipSecAlgorithmMode", "mipSecKey",
          "mipSecReplayMethod", "mipSecTotalViolations", "haMobilityBindingMN", "haMobilityBindingCOA",
          "haMobilityBindingSourceAddress", "haMobilityBindingRegFlags", "haMobilityBindingRegIDLow",
          "haMobilityBindingRegIDHigh", "haMobilityBindingTimeGranted", "haMobilityBindingTimeRemaining",
          "haRegistrationAccepted", "haMultiBindingUnsupported", "haReasonUnspecified", "haAdmProhibited",
          "haInsufficientResource", "haMNAuthenticationFailure", "haFAAuthenticationFailure", "haIDMismatch",
          "haPoorlyFormedRequest", "haTooManyBindings", "haUnknownHA", "haRegRequestsReceived",
          "haRegRepliesSent"]

# net-snmp's printed type -> the SMI types (pysnmp class names) it may stand for
NET_SNMP_TYPES = {
    "Counter32": {"Counter32"}, "Gauge32": {"Gauge32", "Unsigned32"}, "IpAddress": {"IpAddress"},
    "INTEGER": {"Integer", "Integer32"}, "STRING": {"OctetString", "Bits", "RegistrationFlags"},
    "Hex-STRING": {"OctetString", "Bits", "RegistrationFlags"}, "Timeticks": {"TimeTicks", "TimeStamp"},
}

passed = failed = 0


def check(ok, text):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + text)
    else:
        failed += 1
        print("FAIL " + text)


def mip_mib_objects():
    """name -> (oid, syntax class name, access) of every object-type of pysnmp's MIP-MIB."""
    objects = {}
    pattern = re.compile(r'^(\w+) = (MibScalar|MibTableColumn)\(\(([\d, ]+)\), (\w+)\(')
    with open(PYSNMP_MIP_MIB) as source:
        for line in source:
            m = pattern.match(line)
            if m:
                access = re.search(r'setMaxAccess\("(\w+)"\)', line)
                oid = ".".join(p.strip() for p in m.group(3).split(","))
                objects[m.group(1)] = (oid, m.group(4), access.group(1) if access else "?")
    return objects


def read_walk(path):
    """(oid, type, value) of each line of `snmpwalk -On` (values on one line)."""
    rows = []
    for line in open(path):
        m = re.match(r'^\.?([\d.]+) = (?:([\w-]+): )?(.*)$', line.strip())
        if m:
            rows.append((m.group(1), m.group(2) or "STRING", m.group(3).strip().strip('"')))
    return rows


def names(walk_path):
    objects = mip_mib_objects()
    check(len(objects) > 100, "pysnmp's MIP-MIB read: %d object types" % len(objects))
    by_oid = {oid: (name, syntax, access) for name, (oid, syntax, access) in objects.items()}
    seen = set()
    for oid, kind, _ in read_walk(walk_path):
        parts = oid.split(".")
        match = next((".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1) if ".".join(parts[:n]) in by_oid),
                     None)
        if match is None:
            check(False, "%s is no object of MIP-MIB" % oid)
            continue
        name, syntax, access = by_oid[match]
        if name in seen:
            continue
        seen.add(name)
        check(access != "noaccess", "%s (%s) is accessible in MIP-MIB (%s)" % (name, match, access))
        check(syntax in NET_SNMP_TYPES.get(kind, set()),
              "%s served as %s, MIP-MIB says %s" % (name, kind, syntax))
    for name in SERVED:
        check(name in seen, "%s is served" % name)


def compare(walk_path, bindings_path, stats_path):
    rows = read_walk(walk_path)
    objects = mip_mib_objects()
    column = {objects[n][0]: n for n in objects if n.startswith("haMobilityBinding")}
    table = {}
    scalars = {}
    for oid, _, value in rows:
        for prefix, name in column.items():
            if oid.startswith(prefix + "."):
                index = oid[len(prefix) + 1:].split(".")
                key = (".".join(index[:4]), ".".join(index[4:]))
                table.setdefault(key, {})[name] = value
        for name in ("haRegistrationAccepted", "haMNAuthenticationFailure", "haRegRequestsReceived",
                     "haRegRepliesSent"):
            if oid == objects[name][0] + ".0":
                scalars[name] = int(value)

    shell_rows = {}
    for line in open(bindings_path):
        f = line.split()
        if len(f) >= 5 and re.match(r"^\d+\.\d+\.\d+\.\d+$", f[0]) and re.match(r"^\d+:\d\d:\d\d$", f[3]):
            h, m, s = (int(x) for x in f[3].split(":"))
            rh, rm, rs = (int(x) for x in f[4].split(":"))
            shell_rows[(f[0], f[1])] = {"src": f[2], "lifetime": h * 3600 + m * 60 + s,
                                        "remaining": rh * 3600 + rm * 60 + rs}
    check(len(shell_rows) > 0, "mip:bindings lists %d bindings" % len(shell_rows))
    check(set(table) == set(shell_rows), "the walk has the bindings mip:bindings lists: %s" % sorted(table))
    for key, shell in sorted(shell_rows.items()):
        row = table.get(key, {})
        check(row.get("haMobilityBindingMN") == key[0] and row.get("haMobilityBindingCOA") == key[1],
              "%s at %s: MN and COA columns" % key)
        check(row.get("haMobilityBindingSourceAddress") == shell["src"], "%s at %s: source address %s" % (
            key + (shell["src"],)))
        check(row.get("haMobilityBindingTimeGranted") == str(shell["lifetime"]),
              "%s at %s: time granted %s" % (key + (shell["lifetime"],)))
        remaining = int(row.get("haMobilityBindingTimeRemaining", "-1"))
        check(abs(remaining - shell["remaining"]) <= 5,
              "%s at %s: time remaining %d, shell %d" % (key + (remaining, shell["remaining"])))

    stats = open(stats_path).read()
    by_code = {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"^\s+(\d+)\s+.*?\s(\d+)\s*$", stats, re.M)}
    received = int(re.search(r"Registration requests received (\d+)", stats).group(1))
    replies = int(re.search(r"Replies sent (\d+)", stats).group(1))
    check(scalars.get("haRegistrationAccepted") == by_code.get(0, 0),
          "haRegistrationAccepted %s = mip:stats code 0 %s" % (scalars.get("haRegistrationAccepted"), by_code.get(0, 0)))
    check(scalars.get("haMNAuthenticationFailure") == by_code.get(131, 0),
          "haMNAuthenticationFailure %s = mip:stats code 131 %s" % (scalars.get("haMNAuthenticationFailure"),
                                                                  by_code.get(131, 0)))
    check(scalars.get("haRegRequestsReceived") == received,
          "haRegRequestsReceived %s = mip:stats %d" % (scalars.get("haRegRequestsReceived"), received))
    check(scalars.get("haRegRepliesSent") == replies,
          "haRegRepliesSent %s = mip:stats %d" % (scalars.get("haRegRepliesSent"), replies))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    n = sub.add_parser("names")
    n.add_argument("--walk", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--walk", required=True)
    c.add_argument("--bindings", required=True)
    c.add_argument("--stats", required=True)
    args = parser.parse_args()
    if args.what == "names":
        names(args.walk)
    else:
        compare(args.walk, args.bindings, args.stats)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
