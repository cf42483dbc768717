#!/usr/bin/env bash
# Checks the Wireshark dissector against real traffic, in two captures of loopback.
# 1. The peer link: two peer links on 127.0.0.1 (PeerTraffic, a test-scope main of
#    bundles/peer-link) exchange a reliable send, a group send, an announcement, a batched burst of
#    20 and one retransmission; tshark decodes the capture with homeagent-peer.lua (service 1
#    payloads left as bytes, -o hapeer.group_sync:FALSE: these are text) and every frame is
#    checked: decoded as hapeer, no malformed or expert mark, header values, sequence numbers,
#    records, payloads, acks, the retransmission, the batch, and the HMAC recomputed over the bytes
#    the dissector shows (docs/protocols.md, "Peer link").
# 2. The group binding sync: two real group members and a bare third node (GroupTraffic, a
#    test-scope main of bundles/group-sync) produce every sync message type: learn requests, "not
#    initialized", heartbeats, replicated state changes (one with an NAI, one with two bindings, a
#    deregistration), learn chunks, repair requests, resent changes, a re-learn; every frame is
#    decoded as hapeer, every service 1 payload as one hagroup message with no malformed or expert
#    mark, and the messages' fields are checked against what GroupTraffic did (docs/protocols.md,
#    "Group binding sync").
# Prints "N passed, N failed"; exits non-zero on any failure.
# Needs tshark with capture rights on lo (root), python3, Maven; about 45 s.
#   MVN_ARGS="-o" bash tools/wireshark/check-dissector.sh      KEEP_WORKDIR=1 keeps the captures
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -q "${mvn_args[@]}")
port_a=${PEER_PORT_A:-7434}
port_b=${PEER_PORT_B:-7435}
group_ports=(${GROUP_PORTS:-7436 7437 7438})
lua="$root/tools/wireshark/homeagent-peer.lua"
work=$(mktemp -d)
tshark_pid=
cleanup() {
  if [[ -n $tshark_pid ]] && kill -0 "$tshark_pid" 2>/dev/null; then
    kill "$tshark_pid" 2>/dev/null || true
    wait "$tshark_pid" 2>/dev/null || true
  fi
  if [[ -n ${KEEP_WORKDIR:-} ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

"${mvn[@]}" -f "$root/pom.xml" -pl bundles/peer-link test-compile
"${mvn[@]}" -f "$root/pom.xml" -pl bundles/peer-link dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"

capture() {  # FILE FILTER: tshark captures loopback into FILE in the background until stop_capture
  : >"$work/tshark.err"
  tshark -i lo -w "$1" -f "$2" 2>"$work/tshark.err" &
  tshark_pid=$!
  for _ in $(seq 1 100); do
    grep -q "Capturing on" "$work/tshark.err" && break
    kill -0 "$tshark_pid" 2>/dev/null || { cat "$work/tshark.err" >&2; echo "tshark did not start" >&2; exit 1; }
    sleep 0.2
  done
  grep -q "Capturing on" "$work/tshark.err" || { echo "tshark did not start capturing" >&2; exit 1; }
}

stop_capture() {
  sleep 1 # the last ack is on the wire: let dumpcap write it
  kill -INT "$tshark_pid"
  wait "$tshark_pid" 2>/dev/null || true
  tshark_pid=
}

capture "$work/peer.pcap" "udp port $port_a or udp port $port_b"

module="$root/bundles/peer-link"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")" \
  net.homeagent.peer.link.PeerTraffic "$port_a" "$port_b" 2>"$work/traffic.log" | tee "$work/traffic.out"
stop_capture

decode=(tshark -X "lua_script:$lua" -o hapeer.group_sync:FALSE -r "$work/peer.pcap")
"${decode[@]}" -Y udp -T fields -e frame.number >"$work/udp" 2>/dev/null
"${decode[@]}" -Y hapeer -T fields -e frame.number >"$work/hapeer" 2>/dev/null
"${decode[@]}" -Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -e frame.number >"$work/bad" 2>/dev/null
"${decode[@]}" -Y udp -T fields -E separator='|' -E occurrence=a -E aggregator=',' \
  -e frame.number -e udp.srcport -e hapeer.magic -e hapeer.version -e hapeer.flags -e hapeer.group \
  -e hapeer.node -e hapeer.epoch -e hapeer.seq -e hapeer.key_id -e hapeer.record_count \
  -e hapeer.record.type -e hapeer.record.ack_requested -e hapeer.data.service -e hapeer.data.msg_seq \
  -e hapeer.data.payload -e hapeer.ack.epoch -e hapeer.ack.msg_seq -e hapeer.hmac -e udp.payload \
  >"$work/fields" 2>/dev/null

# 2. the group binding sync
"${mvn[@]}" -f "$root/pom.xml" -pl bundles/group-sync -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/group-classpath"   # group-sync's is written last
capture "$work/group.pcap" "udp port ${group_ports[0]} or udp port ${group_ports[1]} or udp port ${group_ports[2]}"
module="$root/bundles/group-sync"
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/group-classpath")" \
  net.homeagent.group.GroupTraffic "${group_ports[@]}" 2>"$work/group-traffic.log" | tee "$work/group-traffic.out" \
  || { tail -n 20 "$work/group-traffic.log" >&2; echo "GroupTraffic failed" >&2; }
stop_capture

group_decode=(tshark -X "lua_script:$lua" -r "$work/group.pcap")
for port in "${group_ports[@]}"; do group_decode+=(-d "udp.port==$port,hapeer"); done
"${group_decode[@]}" -Y udp -T fields -e frame.number >"$work/group-udp" 2>/dev/null
"${group_decode[@]}" -Y hapeer -T fields -e frame.number >"$work/group-hapeer" 2>/dev/null
"${group_decode[@]}" -Y '_ws.malformed || _ws.expert.severity >= warning' -T fields -E separator=' ' -e frame.number \
  -e _ws.expert.message -e _ws.col.Info >"$work/group-bad" 2>/dev/null
"${group_decode[@]}" -Y hapeer -T pdml >"$work/group.pdml" 2>/dev/null

python3 - "$work" "$port_a" "$port_b" "${group_ports[@]}" <<'PY'
import hashlib, hmac, sys
import xml.etree.ElementTree as ET

work, port_a, port_b, ports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
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
expected = {"hello peer", "group binding", "heartbeat", "retransmitted"} | {f"burst {i}" for i in range(20)}
copies = {}
for d in data:
    copies.setdefault(d[4], []).append(d)

def retransmissions(sent):
    """the copies of one message: the same message sequence, each in another datagram"""
    return len({d[2] for d in sent}) == 1 and len({d[0] for d in sent}) == len(sent)

# on a busy machine the link may retransmit any message once more before its ack arrives
check("node 1's payloads as sent, each once or again as a retransmission",
      set(copies) == expected and all(retransmissions(c) for c in copies.values()), texts)
check("every data record of service 1", all(d[1] == "1" for d in data))
check("only the announcement asks for no ack",
      {d[4] for d in data if d[3] in ("0", "False")} == {"heartbeat"}, [(d[4], d[3]) for d in data])
again = copies.get("retransmitted", [])
check("the retransmission repeats the message sequence in a new datagram", len(again) >= 2 and retransmissions(again),
      again)
check("a burst shares a datagram", any(len(split(f["types"])) > 1 for f in by_node.get("1", [])))

epoch_1 = by_node["1"][0]["epoch"] if "1" in by_node else None
acks = set()
for f in by_node.get("2", []):
    for epoch, seq in zip(split(f["ack_epochs"]), split(f["ack_seqs"])):
        acks.add((epoch, int(seq)))
reliable = {(epoch_1, d[2]) for d in data if d[4] != "heartbeat"}
check("node 2 acknowledged every reliable message of node 1's epoch", reliable <= acks, sorted(reliable - acks))
check("node 2 sent acks only", all(set(split(f["types"])) == {"2"} for f in by_node.get("2", [])))

# 2. the group binding sync
with open(f"{work}/group-traffic.out") as f:
    check("GroupTraffic ran to its end", "group traffic:" in f.read())
udp, decoded, bad = lines("group-udp"), lines("group-hapeer"), lines("group-bad")
check("group capture holds peer link frames", len(udp) >= 20, f"{len(udp)} UDP frames")
check("every UDP frame of the group capture decodes as hapeer", udp == decoded, f"{len(decoded)} of {len(udp)}")
check("no group frame malformed or with expert info", not bad, f"frames (number, expert, info): {bad}")

def fields(element):
    """every field below element (bindings and members included): name -> list of shown values"""
    out = {}
    for field in element.iter("field"):
        out.setdefault(field.get("name"), []).append(field.get("show"))
    return out

messages = []  # (frame, sender node, destination port, fields of one hagroup message)
service_1 = 0
for packet in ET.parse(f"{work}/group.pdml").getroot().iter("packet"):
    frame = udp_fields = None
    for proto in packet.iter("proto"):
        if proto.get("name") == "geninfo":
            frame = fields(proto).get("num", ["?"])[0]
        if proto.get("name") == "udp":
            udp_fields = fields(proto)
        if proto.get("name") == "hapeer":
            node = next(f.get("show") for f in proto.iter("field") if f.get("name") == "hapeer.node")
            service_1 += fields(proto).get("hapeer.data.service", []).count("1")
            for sync in proto.iter("proto"):
                if sync.get("name") == "hagroup":
                    messages.append((frame, node, udp_fields["udp.dstport"][0], fields(sync)))

def one(m, name):
    values = m[3].get(name, [])
    return values[0] if values else None

def of_type(t):
    return [m for m in messages if one(m, "hagroup.type") == str(t)]

check("every service 1 payload decodes as one group sync message", len(messages) == service_1 > 0,
      f"{len(messages)} messages, {service_1} payloads")
check("every message is of version 2", all(one(m, "hagroup.version") == "2" for m in messages))
check("every message type 1-7 is in the capture", {one(m, "hagroup.type") for m in messages} == set(map(str, range(1, 8))),
      sorted({one(m, "hagroup.type") for m in messages}))

requests = of_type(2)
check("learn requests of nodes 1, 2 and 3 carry their sender's node id",
      {one(m, "hagroup.node") for m in requests} == {"1", "2", "3"}
      and all(one(m, "hagroup.node") == m[1] for m in requests))
check("members 1 and 2 answered each other 'not initialized'", {m[1] for m in of_type(4)} == {"1", "2"})
announces = of_type(5)
check("heartbeats of both members, standby and active, term 0 or 1",
      {m[1] for m in announces} == {"1", "2"} and {one(m, "hagroup.state") for m in announces} >= {"3", "4"}
      and {one(m, "hagroup.term") for m in announces} <= {"0", "1"})

to_two = [m for m in of_type(1) if m[1] == "1" and m[2] == ports[1]]
check("member 1 replicated changes 1-14 of term 1 to member 2",
      {int(one(m, "hagroup.seq")) for m in to_two} == set(range(1, 15)) and {one(m, "hagroup.term") for m in to_two} == {"1"},
      sorted({one(m, "hagroup.seq") for m in to_two}))
by_seq = {one(m, "hagroup.seq"): m for m in to_two}
check("a change's bindings are all of its home address",
      all(set(m[3].get("hagroup.binding.home", [])) <= {one(m, "hagroup.home")} for m in to_two))
check("change 5 carries the NAI mn5@example.net", "5" in by_seq
      and by_seq["5"][3].get("hagroup.binding.nai") == ["mn5@example.net"])
check("change 13: 10.1.0.1 with two bindings (S)", "13" in by_seq and one(by_seq["13"], "hagroup.home") == "10.1.0.1"
      and one(by_seq["13"], "hagroup.binding_count") == "2"
      and sorted(by_seq["13"][3].get("hagroup.binding.care_of", [])) == ["198.51.100.1", "203.0.113.9"])
check("change 14: 10.1.0.12 deregistered, no binding left", "14" in by_seq
      and (one(by_seq["14"], "hagroup.home"), one(by_seq["14"], "hagroup.removal"), one(by_seq["14"], "hagroup.binding_count"))
      == ("10.1.0.12", "1", "0"))
check("every binding record: granted and remaining 600 s, IP in IP, no reverse tunnel",
      all(set(m[3].get("hagroup.binding.granted", [])) <= {"600"}
          and all(int(r) <= 600 for r in m[3].get("hagroup.binding.remaining", []))
          and set(m[3].get("hagroup.binding.encapsulation", [])) <= {"0"} for m in of_type(1) + of_type(3)))

# to node 3 (the members may also answer each other's last learn requests as they stop learning)
chunks = sorted((m for m in of_type(3) if m[2] == ports[2]), key=lambda m: int(one(m, "hagroup.chunk.index")))
count = int(one(chunks[0], "hagroup.chunk.count")) if chunks else 0
check("node 3 got learn chunks 0..count-1 of member 1, active, answering request 77",
      chunks and [int(one(m, "hagroup.chunk.index")) for m in chunks] == list(range(count))
      and all((m[1], m[2], one(m, "hagroup.state"), one(m, "hagroup.request_id")) == ("1", ports[2], "4", "77") for m in chunks))
check("the chunks carry term 1 and the last sequence sent, 14",
      all((one(m, "hagroup.term"), one(m, "hagroup.seq")) == ("1", "14") for m in chunks))
homes = [h for m in chunks for h in m[3].get("hagroup.binding.home", [])]
check("the chunks hold the table: 12 bindings, 10.1.0.1 twice, 10.1.0.12 gone",
      len(homes) == 12 and homes.count("10.1.0.1") == 2 and "10.1.0.12" not in homes, homes)
check("chunk 0 lists member 2 and the others none",
      chunks and chunks[0][3].get("hagroup.member.node") == ["2"]
      and all("hagroup.member.node" not in m[3] for m in chunks[1:]))

repairs = of_type(6)
check("node 3 asked member 1 for changes 1-3 and 1-1000 of term 1",
      sorted((one(m, "hagroup.first"), one(m, "hagroup.last")) for m in repairs) == [("1", "1000"), ("1", "3")]
      and all((m[1], m[2], one(m, "hagroup.term")) == ("3", ports[0], "1") for m in repairs))
resent = [m for m in of_type(1) if m[2] == ports[2]]
check("member 1 resent changes 1-3 to node 3", sorted(int(one(m, "hagroup.seq")) for m in resent) == [1, 2, 3]
      and all(m[1] == "1" for m in resent))
relearn = of_type(7)
check("member 1 answered the range it no longer holds with re-learn 1-1000 of term 1",
      [(m[1], m[2], one(m, "hagroup.term"), one(m, "hagroup.first"), one(m, "hagroup.last")) for m in relearn]
      == [("1", ports[2], "1", "1", "1000")])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
