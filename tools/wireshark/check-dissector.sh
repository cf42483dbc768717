#!/usr/bin/env bash
# Checks the peer link's Wireshark dissector against real traffic: two peer links on 127.0.0.1
# (PeerTraffic, a test-scope main of bundles/peer-link) exchange a reliable send, a group send, an
# announcement, a batched burst of 20 and one retransmission while tshark captures loopback; then
# tshark decodes the capture with homeagent-peer.lua and every frame is checked: decoded as
# hapeer, no malformed or expert mark, header values, sequence numbers, records, payloads, acks,
# the retransmission, the batch, and the HMAC recomputed over the bytes the dissector shows
# (docs/protocols.md, "Peer link"). Prints "N passed, N failed"; exits non-zero on any failure.
# Needs tshark with capture rights on lo (root), python3, Maven; about 30 s.
#   MVN_ARGS="-o" bash tools/wireshark/check-dissector.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -q "${mvn_args[@]}")
port_a=${PEER_PORT_A:-7434}
port_b=${PEER_PORT_B:-7435}
lua="$root/tools/wireshark/homeagent-peer.lua"
work=$(mktemp -d)
tshark_pid=
cleanup() {
  if [[ -n $tshark_pid ]] && kill -0 "$tshark_pid" 2>/dev/null; then
    kill "$tshark_pid" 2>/dev/null || true
    wait "$tshark_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"${mvn[@]}" -f "$root/pom.xml" -pl bundles/peer-link test-compile
"${mvn[@]}" -f "$root/pom.xml" -pl bundles/peer-link dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"

tshark -i lo -w "$work/peer.pcap" -f "udp port $port_a or udp port $port_b" 2>"$work/tshark.err" &
tshark_pid=$!
for _ in $(seq 1 100); do
  grep -q "Capturing on" "$work/tshark.err" && break
  kill -0 "$tshark_pid" 2>/dev/null || { cat "$work/tshark.err" >&2; echo "tshark did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q "Capturing on" "$work/tshark.err" || { echo "tshark did not start capturing" >&2; exit 1; }

module="$root/bundles/peer-link"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")" \
  net.homeagent.peer.link.PeerTraffic "$port_a" "$port_b" 2>"$work/traffic.log" | tee "$work/traffic.out"
sleep 1 # the last ack is on the wire: let dumpcap write it
kill -INT "$tshark_pid"
wait "$tshark_pid" 2>/dev/null || true
tshark_pid=

decode=(tshark -X "lua_script:$lua" -r "$work/peer.pcap")
"${decode[@]}" -Y udp -T fields -e frame.number >"$work/udp" 2>/dev/null
"${decode[@]}" -Y hapeer -T fields -e frame.number >"$work/hapeer" 2>/dev/null
"${decode[@]}" -Y '_ws.malformed || _ws.expert' -T fields -e frame.number >"$work/bad" 2>/dev/null
"${decode[@]}" -Y udp -T fields -E separator='|' -E occurrence=a -E aggregator=',' \
  -e frame.number -e udp.srcport -e hapeer.magic -e hapeer.version -e hapeer.flags -e hapeer.group \
  -e hapeer.node -e hapeer.epoch -e hapeer.seq -e hapeer.key_id -e hapeer.record_count \
  -e hapeer.record.type -e hapeer.record.ack_requested -e hapeer.data.service -e hapeer.data.msg_seq \
  -e hapeer.data.payload -e hapeer.ack.epoch -e hapeer.ack.msg_seq -e hapeer.hmac -e udp.payload \
  >"$work/fields" 2>/dev/null

python3 - "$work" "$port_a" "$port_b" <<'PY'
import hashlib, hmac, sys

work, port_a, port_b = sys.argv[1], sys.argv[2], sys.argv[3]
# LinkFixture.KEY_1, key id 1 of PeerTraffic's links
KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
passed = failed = 0

def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")

def lines(name):
    with open(f"{work}/{name}") as f:
        return [l.rstrip("\n") for l in f if l.strip()]

def split(value):
    return value.split(",") if value else []

udp, decoded, bad = lines("udp"), lines("hapeer"), lines("bad")
check("capture holds peer link frames", len(udp) >= 8, f"{len(udp)} UDP frames")
check("every UDP frame decodes as hapeer", udp == decoded, f"{len(decoded)} of {len(udp)}")
check("no frame malformed or with expert info", not bad, f"frames {bad}")

names = ["frame", "srcport", "magic", "version", "flags", "group", "node", "epoch", "seq", "key_id", "count",
         "types", "ack_requested", "services", "msg_seqs", "payloads", "ack_epochs", "ack_seqs", "hmac", "udp"]
frames = [dict(zip(names, l.split("|"))) for l in lines("fields")]
check("every field row complete", all(len(f) == len(names) for f in frames))

def every(name, test):
    wrong = [f["frame"] for f in frames if not test(f)]
    check(name, not wrong, f"frames {wrong}")

every("magic 0x4850, version 1, flags 0", lambda f: (f["magic"], f["version"], f["flags"]) == ("0x4850", "1", "0x00"))
every("group id 7, key id 1", lambda f: (f["group"], f["key_id"]) == ("7", "1"))
every("node 1 sends from port A, node 2 from port B",
      lambda f: (f["srcport"], f["node"]) in ((port_a, "1"), (port_b, "2")))
every("record count equals the records shown", lambda f: int(f["count"]) == len(split(f["types"])))
every("records are data (1) or ack (2)", lambda f: set(split(f["types"])) <= {"1", "2"})
every("HMAC-SHA-256 with key 1 over all but the last 32 bytes matches hapeer.hmac",
      lambda f: hmac.new(KEY, bytes.fromhex(f["udp"].replace(":", ""))[:-32], hashlib.sha256).hexdigest()
      == f["hmac"].replace(":", ""))

by_node = {}
for f in frames:
    by_node.setdefault(f["node"], []).append(f)
for node, sent in by_node.items():
    check(f"node {node}: one epoch", len({f["epoch"] for f in sent}) == 1)
    check(f"node {node}: datagram sequence 1, 2, 3 ...",
          [int(f["seq"]) for f in sent] == list(range(1, len(sent) + 1)), [f["seq"] for f in sent])

data = []  # (frame, service, msg_seq, ack_requested, payload text) of node 1
for f in by_node.get("1", []):
    for service, seq, ack, payload in zip(split(f["services"]), split(f["msg_seqs"]), split(f["ack_requested"]),
                                          split(f["payloads"])):
        data.append((f["frame"], service, int(seq), ack, bytes.fromhex(payload.replace(":", "")).decode()))
texts = [d[4] for d in data]
expected = ["hello peer", "group binding", "heartbeat"] + [f"burst {i}" for i in range(20)] + ["retransmitted"] * 2
check("node 1's payloads as sent", sorted(texts) == sorted(expected), texts)
check("every data record of service 1", all(d[1] == "1" for d in data))
check("only the announcement asks for no ack",
      {d[4] for d in data if d[3] in ("0", "False")} == {"heartbeat"}, [(d[4], d[3]) for d in data])
again = [d for d in data if d[4] == "retransmitted"]
check("the retransmission repeats the message sequence in a new datagram",
      len(again) == 2 and again[0][2] == again[1][2] and again[0][0] != again[1][0], again)
check("a burst shares a datagram", any(len(split(f["types"])) > 1 for f in by_node.get("1", [])))

epoch_1 = by_node["1"][0]["epoch"] if "1" in by_node else None
acks = set()
for f in by_node.get("2", []):
    for epoch, seq in zip(split(f["ack_epochs"]), split(f["ack_seqs"])):
        acks.add((epoch, int(seq)))
reliable = {(epoch_1, d[2]) for d in data if d[4] != "heartbeat"}
check("node 2 acknowledged every reliable message of node 1's epoch", reliable <= acks, sorted(reliable - acks))
check("node 2 sent acks only", all(set(split(f["types"])) == {"2"} for f in by_node.get("2", [])))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
