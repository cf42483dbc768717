#!/usr/bin/python3
"""Replication lag on the wire, for tools/group/bench-group.sh: reads tshark's fields of a capture
of the group's link decoded with tools/wireshark/homeagent-peer.lua (tab separated, one line per
datagram: frame.time_epoch, hapeer.node, hapeer.data.msg_seq, hapeer.ack.msg_seq; several records
comma separated) on stdin, and prints, per acknowledging member, the time from the active
member's first transmission of each data record to that member's first ack of it: the link's
delivery plus the member's applying the change (the group applies a change on the link's thread
and acknowledges it only then, docs/redundancy.md). Changes that wait inside the active member
before the link sends them are not in it.

  replication_lag.py --sender NODE < fields

Prints "member N: M acked, lag p50 X ms, p99 Y ms, max Z ms" per member, "no acked message" if none.
"""

import argparse
import sys


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sender", type=int, required=True, help="the active member's node id")
    args = parser.parse_args(argv)
    sent = {}    # message sequence -> first transmission's time
    acked = {}   # member -> {message sequence -> first ack's time}
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4 or not fields[1]:
            continue
        when, node = float(fields[0]), int(fields[1])
        if node == args.sender:
            for seq in filter(None, fields[2].split(",")):
                sent.setdefault(int(seq), when)
        else:
            member = acked.setdefault(node, {})
            for seq in filter(None, fields[3].split(",")):
                member.setdefault(int(seq), when)
    if not any(acked.values()):
        print("no acked message")
        return 1
    for member, acks in sorted(acked.items()):
        lags = sorted((when - sent[seq]) * 1000 for seq, when in acks.items() if seq in sent)
        if not lags:
            continue
        print("member %d: %d acked, lag p50 %.2f ms, p99 %.2f ms, max %.2f ms"
              % (member, len(lags), percentile(lags, 0.5), percentile(lags, 0.99), lags[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
