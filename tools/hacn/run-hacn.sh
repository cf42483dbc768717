#!/usr/bin/env bash
# System test of the HA control node (issue 12; docs/hacn.md): a control node owning the public
# home agent address, an active HA and a redundant HA, on one bridged link:
#
#   hacn 192.0.2.1  --+   public address 192.0.2.1:434, peer link node 100 on 192.0.2.1:7434
#   ha1  192.0.2.11 --+-- "home" link (a bridge; tshark captures it); HA, peer link node 1
#   ha2  192.0.2.12 --+   redundant HA (priority 10), peer link node 2
#   mn   192.0.2.100 -+   group_client.py (tools/interop/mip_client.py's requests: scapy + hmac)
#
#   bash tools/hacn/run-hacn.sh        (as root)
#
# Each appliance boots with the homeagent-hacn feature and its role enabled. The client registers
# NODES mobile nodes at the public address, keeping a ledger of the acknowledged ones; ha1 holds
# every one (mip:bindings) and the control node's MBR snapshot of ha1 counts them (hacn:agents).
# kill -9 of ha1: the control node detects it (heartbeats missed, poll unanswered), downloads
# ha1's snapshot to ha2 and activates it; ha2 holds every acknowledged binding (lost: 0) and
# renewals at the public address are accepted by ha2. ha1 restarted: it rejoins as a redundant HA
# (hacn:agents) and holds no binding of its old mobiles. hacn:failover 2 (manual switchover): ha1
# takes every binding over, ha2 stands by holding none, renewals at the public address accepted;
# the operator's bad input refused. kill -9 of the control node and a restart: it comes back from
# its checkpoint and renewals are still accepted. The control node's SNMP agent (HOMEAGENT-HACN-MIB):
# snmpwalk of hacnAgentTable agrees with hacn:agents before and after the kill, and snmptrapd beside
# it receives hacnAgentFailure (ha1, detected by poll) and hacnTakeoverDone (ha2 took ha1's bindings)
# after the kill. tshark with tools/wireshark/homeagent-peer.lua
# decodes every control node message of the run without a malformed one. Each wait is bounded;
# each check prints PASS or FAIL; last line "N passed, N failed".
#
# Environment: NODES (300), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1,
# TB_NAME_PREFIX (namespace prefix, default tb).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-300}
boot_timeout=${BOOT_TIMEOUT:-300}
public=192.0.2.1
snmp_port=1161 trap_port=1162 community=hcn-community   # in the control node's namespace, on its loopback
engine=80001f8804686861636e6d6962 auth=hcn-auth-pass priv=hcn-priv-pass   # engine: "hhacnmib"
hacnmib=.1.3.6.1.4.1.32473.1.2                          # HOMEAGENT-HACN-MIB
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=hacn-lib.sh
source "$here/hacn-lib.sh"

# ha NAME ADDRESS NODE-ID REDUNDANT: an HA of the control node, with every mobile node's association
ha() {
    node "$1" "$2" "$3" "100@$public:7434" "net.homeagent.ha.listenAddresses=$2" \
        net.homeagent.store.backupEnabled=true net.homeagent.hacn.agent.enabled=true \
        net.homeagent.hacn.agent.controlNodeId=100 "net.homeagent.hacn.agent.controlNode=$public:7434" \
        "net.homeagent.hacn.agent.redundant=$4"
    cat "$work/sa.conf" >>"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
}

agent_line() { testbed_shell hacn 'hacn:agents' | awk -v id="$1" '$1 == id' || true; }   # "1 192.0.2.11:7434 active active 300 ..."

# await_agent ID STATE SECONDS: polls hacn:agents until HA ID is in STATE
await_agent() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        [[ "$(agent_line "$1" | awk '{print $4}')" == "$2" ]] && return 0
        sleep 0.5
    done
    log "HA $1 is not $2 after $3 s: $(agent_line "$1")"
    return 1
}

holds_every_binding() {  # NAME: mip:bindings of NAME holds every acknowledged home address
    testbed_shell "$1" 'mip:bindings' >"$work/$1.bindings"
    "$py" "$client" check --ledger "$work/ledger" --bindings "$work/$1.bindings" | tee "$work/$1.check"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

holds_none() {  # NAME: mip:bindings of NAME lists no binding
    testbed_shell "$1" 'mip:bindings' >"$work/$1.none"
    ! grep -qE '^ *[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+ ' "$work/$1.none"
}

renew_at_public() {  # LABEL: 50 renewals of acknowledged mobiles at the public address, all accepted
    testbed_exec mn "$py" "$client" renew --server "$public" --ledger "$work/ledger" --count 50 --key "$key" \
        | tee "$work/renew-$1.out" || true
    grep -q '^acknowledged 50, refused 0, unanswered 0' "$work/renew-$1.out"
}

walk_hacn() {  # FILE: the control node's HOMEAGENT-HACN-MIB objects, numeric OIDs
    testbed_exec hacn snmpwalk -v2c -c "$community" -On -t 2 -r 1 "127.0.0.1:$snmp_port" "$hacnmib.1" >"$1" 2>&1 || true
}

walked() {  # FILE LINE...: every LINE is in the walk
    local file=$1 line
    shift
    for line in "$@"; do grep -qxF -- "$line" "$file" || return 1; done
}

trapped() {  # PATTERN: a notification in snmptrapd's log (one line a trap) matches PATTERN
    grep -q -- "$1" "$work/traps.log" 2>/dev/null
}

# await_trap SECONDS PATTERN: polls snmptrapd's log until a trap matches
await_trap() {
    local deadline=$((SECONDS + $1))
    while ((SECONDS < deadline)); do
        trapped "$2" && return 0
        sleep 1
    done
    return 1
}

refused() {  # COMMAND EXPECTED: the control node's shell answers COMMAND with the % line EXPECTED
    testbed_shell hacn "$1" | tee -a "$work/refusals" | grep -qF "% $2"
}

testbed_init hacn
tb_require_root || { testbed_finish; exit; }
"$py" "$client" write-sa --nodes "$nodes" --key "$key" >"$work/sa.conf"
testbed_link home
testbed_node mn home=192.0.2.100/24
# the control node's own home agent listens on loopback only: the control node binds the public address
# ha1 takes part in takeovers with priority 5 once it rejoined as a redundant HA
# its SNMP agent on its loopback (walked with a v2c community), notifications as SNMPv3 traps to snmptrapd
# beside it; 20 per minute of one event kind: an HA's failure brings 3 ROLE_CHANGED events before the
# takeover's, each HA's first contact one more (docs/snmp.md, "The HA control node")
SNMP_PORT=$snmp_port node hacn "$public" 100 "1@192.0.2.11:7434,2@192.0.2.12:7434" \
    net.homeagent.ha.listenAddresses=127.0.0.1 \
    net.homeagent.hacn.enabled=true "net.homeagent.hacn.publicAddress=$public" \
    "net.homeagent.hacn.agents=1@192.0.2.11:7434 5 0" "net.homeagent.hacn.redundantAgents=2@192.0.2.12:7434 10 0" \
    net.homeagent.hacn.checkpointMillis=1000 net.homeagent.snmp.listenAddress=127.0.0.1 \
    "net.homeagent.snmp.engineId=$engine" "net.homeagent.snmp.notificationTargets=udp:127.0.0.1/$trap_port v3 nms" \
    net.homeagent.snmp.notificationsPerInterval=20
printf 'user nms SHA-256 %s AES-128 %s read-only\ncommunity lab %s read-only\n' "$auth" "$priv" "$community" \
    >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
printf 'createUser -e 0x%s nms SHA-256 %s AES %s\nauthUser log nms authPriv\n' "$engine" "$auth" "$priv" \
    >"$work/snmptrapd.conf"
testbed_exec_bg hacn snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$trap_port"
ha ha1 192.0.2.11 1 false
ha ha2 192.0.2.12 2 true

log "booting hacn, ha1 and ha2 with the homeagent-hacn feature"
testbed_start hacn
testbed_start ha1
testbed_start ha2
tb_await_boot hacn 'hacn:status' 'public address' || { testbed_finish; exit; }
tb_await_boot ha1 || { testbed_finish; exit; }
tb_await_boot ha2 || { testbed_finish; exit; }
expect "the control node sees ha1 active" await_agent 1 active 60
expect "the control node sees ha2 standing by" await_agent 2 standing-by 60
testbed_capture home "udp port 434 or udp port 7434" || { testbed_finish; exit; }

log "the client registers $nodes mobile nodes at the public address $public"
started=$SECONDS
testbed_exec mn "$py" "$client" register --server "$public" --nodes "$nodes" --key "$key" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
log "registered in $((SECONDS - started)) s: $(tail -1 "$work/register.out")"
acknowledged=$(wc -l <"$work/ledger")
expect "every registration through the control node was acknowledged ($acknowledged of $nodes)" \
    test "$acknowledged" -eq "$nodes"
expect "ha1 holds every acknowledged binding" holds_every_binding ha1
sleep 2   # the last change reports
mbr=$(agent_line 1 | awk '{print $6}')
expect "the control node's MBR snapshot of ha1 holds $acknowledged bindings (hacn:agents: $mbr)" \
    test "$mbr" = "$acknowledged"
walk_hacn "$work/walk.before"
expect "snmpwalk hacnAgentTable: ha1 active (2) by role and state with $acknowledged bindings, ha2 redundant (2) standing by (4)" \
    walked "$work/walk.before" "$hacnmib.1.3.1.2.1 = STRING: \"192.0.2.11:7434\"" "$hacnmib.1.3.1.3.1 = INTEGER: 1" \
    "$hacnmib.1.3.1.4.1 = INTEGER: 2" "$hacnmib.1.3.1.8.1 = Gauge32: $acknowledged" \
    "$hacnmib.1.3.1.3.2 = INTEGER: 2" "$hacnmib.1.3.1.4.2 = INTEGER: 4" "$hacnmib.1.2.1.0 = INTEGER: 1"

log "kill -9 of ha1"
killed_at=$(date +%s%3N)
testbed_kill9 ha1
expect "the control node declared ha1 failed" await_agent 1 failed 30
expect "ha2 took over and is active ($(($(date +%s%3N) - killed_at)) ms after the kill)" await_agent 2 active 30
testbed_shell hacn 'hacn:agents' | tee "$work/agents.after" || true
expect "ha2 holds every acknowledged binding (lost: $(holds_every_binding ha2 >/dev/null; grep -oE '^missing [0-9]+' "$work/ha2.check"))" \
    holds_every_binding ha2
expect "renewals at the public address are accepted by ha2" renew_at_public takeover
testbed_shell hacn 'hacn:stats' | tee "$work/hacn.stats" || true
expect "the failure was detected by polling a silent HA" grep -qE '^detections-poll +1$' "$work/hacn.stats"
# hacnAgentFailure: hacnEventAgent 1, hacnEventDetection poll(2); hacnTakeoverDone: ha2 took ha1's
failure_trap="OID: $hacnmib.0.1.*$hacnmib.1.4.1.0 = Gauge32: 1.*$hacnmib.1.4.2.0 = INTEGER: 2"
takeover_trap="OID: $hacnmib.0.2.*$hacnmib.1.4.1.0 = Gauge32: 2.*$hacnmib.1.4.4.0 = Gauge32: 1.*$hacnmib.1.4.3.0 = Gauge32: $acknowledged"
await_trap 10 "$takeover_trap" || true
expect "snmptrapd received hacnAgentFailure for ha1, detected by poll" trapped "$failure_trap"
expect "snmptrapd received hacnTakeoverDone: ha2 took ha1's $acknowledged bindings" trapped "$takeover_trap"
walk_hacn "$work/walk.after"
expect "snmpwalk after the kill: ha1 failed (7) with successor 2, ha2 active (2), 1 takeover of $acknowledged bindings, 1 poll detection" \
    walked "$work/walk.after" "$hacnmib.1.3.1.4.1 = INTEGER: 7" "$hacnmib.1.3.1.15.1 = Gauge32: 2" \
    "$hacnmib.1.3.1.4.2 = INTEGER: 2" "$hacnmib.1.1.14.0 = Counter64: 1" "$hacnmib.1.1.16.0 = Counter64: $acknowledged" \
    "$hacnmib.1.1.8.0 = Counter64: 1"

log "ha1 restarts: it rejoins as a redundant HA"
testbed_start ha1
tb_await_boot ha1 || { testbed_finish; exit; }
expect "ha1 rejoined: standing by" await_agent 1 standing-by 60
expect "hacn:agents shows ha1 as a redundant HA ($(agent_line 1 | awk '{print $3}'))" \
    test "$(agent_line 1 | awk '{print $3}')" = "redundant:p5:c-"
expect "ha1 holds no binding of its old mobiles" holds_none ha1

log "hacn:failover 2: manual switchover of ha2 to ha1"
testbed_shell hacn 'hacn:failover 2' | tee "$work/failover.out" || true
expect "hacn:failover 2 starts the switchover ($(grep -o '^HA 2 switching over: its [0-9]* bindings' "$work/failover.out"))" \
    grep -q '^HA 2 switching over: its [0-9]* bindings go to HA 1' "$work/failover.out"
expect "ha1 took the switchover: active" await_agent 1 active 30
expect "ha2 switched over: standing by" await_agent 2 standing-by 30
expect "ha1 holds every acknowledged binding after the switchover (lost: $(holds_every_binding ha1 >/dev/null; grep -oE '^missing [0-9]+' "$work/ha1.check"))" \
    holds_every_binding ha1
expect "ha2 holds no binding after the switchover" holds_none ha2
expect "renewals at the public address are accepted by ha1 after the switchover" renew_at_public switchover
testbed_shell hacn 'hacn:snapshot --limit 5 1' | tee "$work/snapshot.out" || true
expect "hacn:snapshot pages the MBR ($(tail -1 "$work/snapshot.out"))" \
    grep -qE "^HA 1: records 1-5 of [0-9]+; next page: hacn:snapshot --offset 5 --limit 5 1" "$work/snapshot.out"
testbed_shell hacn 'hacn:redundant' | tee "$work/redundant.out" || true
expect "hacn:redundant lists ha2 as the next choice" grep -qE '^2 +192\.0\.2\.12:7434 +standing-by +10 .* next$' \
    "$work/redundant.out"
expect "hacn:failover of an unknown HA is refused" refused 'hacn:failover 9' 'no HA 9 (configured: [1, 2])'
expect "hacn:failover of an HA that is not active is refused" refused 'hacn:failover 2' \
    'HA 2 is standing-by: only an active HA is switched over'
expect "hacn:snapshot of an unknown HA is refused" refused 'hacn:snapshot 7' 'no HA 7'

log "kill -9 of the control node, restart from its checkpoint"
testbed_kill9 hacn
testbed_start hacn
tb_await_boot hacn 'hacn:status' 'public address' || { testbed_finish; exit; }
testbed_shell hacn 'hacn:status' | tee "$work/status.restarted" || true
expect "the control node restored its checkpoint ($(grep -oE 'at start: .*' "$work/status.restarted"))" \
    grep -q 'at start: 2 HAs of' "$work/status.restarted"
expect "after the restart ha1 is active" await_agent 1 active 30
expect "after the restart ha2 stands by" await_agent 2 standing-by 30
expect "renewals at the public address are accepted after the control node's restart" renew_at_public restarted

sleep 1
testbed_capture_stop
replies=$(tshark -n -r "$TB_PCAP" -Y "mip.type == 3 && ip.src == $public" 2>/dev/null | wc -l)
expect "tshark: every reply left from the public address ($replies)" test "$replies" -ge "$((acknowledged + 150))"
decode=(tshark -n -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" -r "$TB_PCAP")
link=$("${decode[@]}" -Y 'udp.port == 7434' 2>/dev/null | wc -l)
hacn_frames=$("${decode[@]}" -Y 'hacn' 2>/dev/null | wc -l)
expect "the control node and the HAs talked over the peer link: $link datagrams on UDP 7434, $hacn_frames with control node messages" \
    test "$hacn_frames" -gt 0
bad=$("${decode[@]}" -Y 'udp.port == 7434 && (_ws.malformed || _ws.expert)' 2>/dev/null | wc -l)
expect "the dissector decodes every peer-link datagram without a malformed or expert mark ($bad marked)" test "$bad" -eq 0
"${decode[@]}" -Y hacn -T fields -e hacn.type 2>/dev/null | tr ',' '\n' | sort -n | uniq -c >"$work/hacn.types"
cat "$work/hacn.types"
for type in 1 2 3 4 5 6 8 9 10 11; do
    expect "the dissector shows control node messages of type $type" awk -v t="$type" '$2 == t {found = 1} END {exit !found}' \
        "$work/hacn.types"
done
requests=$("${decode[@]}" -Y 'hacn.type == 1 && mip.type == 1' 2>/dev/null | wc -l)
expect "forwarded requests carry Registration Requests decoded inside them ($requests)" test "$requests" -ge "$acknowledged"

testbed_finish
