#!/usr/bin/env bash
# System test of the HA control node (issue 12; docs/hacn.md): a control node owning the public
# home agent address, three active HAs and a redundant HA, on one bridged link:
#
#   hacn 192.0.2.1  --+   public address 192.0.2.1:434, peer link node 100 on 192.0.2.1:7434;
#                     |   its user-space data plane unwraps the mobiles' reverse tunnels
#   ha1  192.0.2.11 --+   HA, peer link node 1  \
#   ha2  192.0.2.12 --+   HA, peer link node 2   } each with the user-space data plane on "home"
#   ha3  192.0.2.13 --+   HA, peer link node 3   }
#   ha4  192.0.2.14 --+   redundant HA (priority 10), peer link node 4
#   mn   192.0.2.100 -+-- "home" link (a bridge; tshark captures it): group_client.py (scapy + hmac)
#                     |   and the care-of host 198.51.100.1 (care_of_host.py, scapy)
#   cn   192.0.2.200 -+   the correspondent (ping, ping_homes.py)
#
#   bash tools/hacn/run-hacn.sh        (as root)
#
# Each appliance boots with the homeagent-hacn feature and its role enabled. The client registers
# NODES mobile nodes at the public address (care-of 198.51.100.1), keeping a ledger of the
# acknowledged ones; the control node spreads them over ha1-ha3 (hash); each HA's mip:bindings
# holds exactly the home addresses of the control node's MBR snapshot of it (hacn:snapshot), as
# many as hacn:agents counts, and together every acknowledged one. A ping of every home address
# from the correspondent reaches the care-of host through the tunnel of the HA serving it, whose
# outer source is the public address (the care-of host answers only those). The reverse direction
# (RFC 3024): mobile 41 renews with T at the public address; tools/delegation/reverse_probe.py sends
# IP-in-IP to the public address from its care-of address (5) and from another address (3); the
# control node's own user-space data plane admits them by the MBR, so the correspondent receives
# the 5 and none of the 3, and the control node's mip:dataplane counts both.
# Three failures under load (renewals of every mobile and a ping every 50 ms running), each
# detected its own way and taken over by a redundant HA; each time the redundant HA holds every
# acknowledged binding of the failed HA (lost: 0), the failed HA's mobiles' renewals are accepted,
# a ping of each of their home addresses is answered through the redundant HA's tunnel (outer
# source the public address, Ethernet source the redundant HA: tshark), and the switchover is
# measured (failure to the first datagram the redundant HA tunnelled, to the first accepted renewal):
#   1. kill -9 of ha1, detected by heartbeat loss (pollSilent=false); ha4 takes over. snmpwalk of
#      HOMEAGENT-HACN-MIB before and after, snmptrapd receives hacnAgentFailure and hacnTakeoverDone.
#      ha1 restarted rejoins as a redundant HA holding nothing; hacn:failover 4 moves every binding
#      back to ha1 and ha4 stands by again; the operator's bad input refused.
#   kill -9 of the control node; it restarts from its checkpoint with heartbeats off and polling in
#   turn (heartbeatMisses=0, pollEveryMillis=200; etc/net.homeagent.hacn.cfg rewritten meanwhile).
#   2. kill -9 of ha2, detected by polling; ha4 takes over. ha2 restarted rejoins as a redundant HA.
#   3. ha3 stops (bin/stop: its component tells the control node it is failing), detected by its
#      interrupt; ha2 takes over.
# tshark with tools/wireshark/homeagent-peer.lua decodes every control node message of the run
# without a malformed one. Each wait is bounded; each check prints PASS or FAIL; last line
# "N passed, N failed".
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
# and its user-space data plane on the home link; the care-of addresses are reached through mn
ha() {
    node "$1" "$2" "$3" "100@$public:7434" "net.homeagent.ha.listenAddresses=$2" \
        net.homeagent.store.backupEnabled=true net.homeagent.hacn.agent.enabled=true \
        net.homeagent.hacn.agent.controlNodeId=100 "net.homeagent.hacn.agent.controlNode=$public:7434" \
        "net.homeagent.hacn.agent.redundant=$4"
    ha_forwarding "$1"
    cat "$work/sa.conf" >>"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
}

agent_line() { testbed_shell hacn 'hacn:agents' | awk -v id="$1" '$1 == id' || true; }   # "1 192.0.2.11:7434 active active 100 100 ..."

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

holds_none() {  # NAME: mip:bindings of NAME lists no binding
    testbed_shell "$1" 'mip:bindings' >"$work/$1.none"
    ! grep -qE '^ *[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+ ' "$work/$1.none"
}

renew_at_public() {  # LABEL [LEDGER]: a renewal of every mobile of LEDGER (default: 50 acknowledged ones) at the public address, all accepted
    local ledger=${2:-$work/ledger} count=50
    [[ -z "${2:-}" ]] || count=$(wc -l <"$2")
    testbed_exec mn "$py" "$client" renew --server "$public" --ledger "$ledger" --count "$count" --key "$key" \
        | tee "$work/renew-$1.out" || true
    grep -q "^acknowledged $count, refused 0, unanswered 0" "$work/renew-$1.out"
}

# agrees ID NAME: NAME's mip:bindings holds exactly the home addresses of the control node's MBR
# snapshot of HA ID (hacn:snapshot), some, and hacn:agents counts as many bindings
agrees() {
    testbed_shell "$2" 'mip:bindings' | awk '$1 ~ /^10\.200\./ {print $1}' | sort -u >"$work/$2.homes" || true
    testbed_shell hacn "hacn:snapshot --limit 1000000 $1" | awk '$1 ~ /^10\.200\./ {print $1}' | sort -u \
        >"$work/mbr-$1.homes" || true
    local held
    held=$(wc -l <"$work/$2.homes")
    ((held > 0)) && cmp -s "$work/$2.homes" "$work/mbr-$1.homes" \
        && [[ "$(agent_line "$1" | awk '{print $6}')" == "$held" ]]
}

# share NAME: writes $work/ledger.NAME, the ledger's lines whose home address NAME's mip:bindings holds
share() {
    testbed_shell "$1" 'mip:bindings' | awk '$1 ~ /^10\.200\./ {print $1}' | sort -u >"$work/$1.homes" || true
    awk 'NR == FNR {held[$1] = 1; next} $1 in held' "$work/$1.homes" "$work/ledger" >"$work/ledger.$1"
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

stat_is() {  # COUNTER VALUE: hacn:stats shows COUNTER with VALUE
    testbed_shell hacn 'hacn:stats' >"$work/hacn.stats" || true
    grep -qE "^$1 +$2\$" "$work/hacn.stats"
}

# fail_under_load VICTIM SUCCESSOR HOW DETECTION: VICTIM fails while every mobile renews and the
# correspondent pings one of VICTIM's home addresses every 50 ms (HOW: kill9, or stop: bin/stop, whose
# component interrupts); the control node detects it by DETECTION and SUCCESSOR takes its mobiles
# over: every one held, renewed, pinged through SUCCESSOR's tunnel; the switchover times measured
fail_under_load() {
    local victim=$1 successor=$2 how=$3 detection=$4 killed_at forwarded_at accepted_at
    local victim_id=${victim#ha} successor_id=${successor#ha} successor_mac ping_home probe_pid load_pid ping_pid stop_pid=
    share "$victim"
    local mine=$work/ledger.$victim count
    count=$(wc -l <"$mine")
    successor_mac=$(mac "$successor")
    ping_home=$(awk 'NR == 2 {print $1}' "$mine")
    head -n 1 "$mine" >"$work/probe.$victim"             # the probe's mobile: renewed by the probe alone
    # the load: every other mobile renews, three times over, one after another (each waits for its
    # reply, up to 10 tries: a mobile of the failed HA waits for the takeover)
    grep -vxF -f "$work/probe.$victim" "$work/ledger" >"$work/load.$victim.once"
    cat "$work/load.$victim.once" "$work/load.$victim.once" "$work/load.$victim.once" >"$work/load.$victim"
    log "$how of $victim ($count mobiles) under load: renewals of the other $(wc -l <"$work/load.$victim.once") mobiles, a ping of $ping_home every 50 ms"
    testbed_exec_bg cn ping -n -i 0.05 "$ping_home"
    ping_pid=$TB_BG
    local ping_out=$TB_BG_OUT
    testbed_exec_bg mn "$py" "$client" renew --server "$public" --ledger "$work/load.$victim" \
        --count "$(wc -l <"$work/load.$victim")" --key "$key" --attempts 10
    load_pid=$TB_BG
    local load_out=$TB_BG_OUT
    sleep 1
    killed_at=$(date +%s%3N)
    if [[ "$how" == kill9 ]]; then
        testbed_kill9 "$victim"
    else
        testbed_stop "$victim" &
        stop_pid=$!
    fi
    # a new renewal of the probe's mobile every 200 ms from the failure on, until one is accepted
    testbed_exec_bg mn "$py" "$client" probe --server "$public" --ledger "$work/probe.$victim" --key "$key" \
        --timeout 0.2 --duration 60
    probe_pid=$TB_BG
    local probe_out=$TB_BG_OUT
    expect "the control node declared $victim failed" await_agent "$victim_id" failed 30
    expect "$successor took $victim over and is active ($(($(date +%s%3N) - killed_at)) ms after the $how)" \
        await_agent "$successor_id" active 60
    expect "the failure of $victim was detected by $detection" stat_is "detections-$detection" 1
    wait "$probe_pid" || true
    wait "$load_pid" || true
    [[ -z "$stop_pid" ]] || wait "$stop_pid" || true
    kill -INT "$ping_pid" 2>/dev/null || true   # SIGINT: ping prints its summary
    wait "$ping_pid" || true
    log "the load: $(grep -m1 -oE 'acknowledged [0-9]+, refused [0-9]+, unanswered [0-9]+' "$load_out" || true)"
    accepted_at=$(grep -oE '^accepted at epoch-ms [0-9]+' "$probe_out" | awk '{print $4}')
    forwarded_at=$(awk -v mac="$successor_mac" -v since="$killed_at" -v pub="$public" -v home="$ping_home" \
        '$1 >= since && $2 == mac && $3 == pub && $5 == home {print $1; exit}' "$work/care-of.log")
    log "switchover of $victim ($detection): failure to the first datagram $successor tunnelled $((${forwarded_at:-0} - killed_at)) ms, to the first accepted renewal $((${accepted_at:-0} - killed_at)) ms (ping every 50 ms: $(grep -oE '[0-9]+ packets transmitted.*loss' "$ping_out" || true))"
    expect "switchover of $victim: the correspondent's datagrams tunnelled by $successor and a renewal accepted after the failure" \
        test -n "$forwarded_at" -a -n "$accepted_at"
    echo "$victim $detection $count $((${forwarded_at:-0} - killed_at)) $((${accepted_at:-0} - killed_at))" >>"$work/switchovers"
    echo "$victim $successor $successor_mac $killed_at $ping_home" >>"$work/takeovers"   # judged on the capture at the end
    expect "$successor holds every acknowledged binding of $victim (lost: $(holds_every_binding "$successor" "$mine" >/dev/null; lost "$successor"))" \
        holds_every_binding "$successor" "$mine"
    expect "a renewal of each of $victim's $count mobiles at the public address is accepted by $successor" \
        renew_at_public "$victim" "$mine"
    local since
    since=$(date +%s%3N)
    expect "a ping of each of $victim's $count home addresses is answered by the care-of host ($(pings_answered "$victim" "$mine" >/dev/null; tail -n 1 "$work/ping-$victim.out"))" \
        grep -q ', lost 0$' "$work/ping-$victim.out"
    awk '{print $1}' "$mine" >"$work/$victim.mine"
    expect "the care-of host received each of them through $successor's tunnel ($successor_mac) with outer source $public ($(tunnelled_by "$successor_mac" "$since" "$work/$victim.mine") of $count)" \
        test "$(tunnelled_by "$successor_mac" "$since" "$work/$victim.mine")" -eq "$count"
}

testbed_init hacn
tb_require_root || { testbed_finish; exit; }
"$py" "$client" write-sa --nodes "$nodes" --key "$key" >"$work/sa.conf"
testbed_link home
mobiles_and_correspondent
# the control node's own home agent listens on loopback only: the control node binds the public address
# ha1-ha3 take part in takeovers with priorities 5, 4, 3 once they rejoined as redundant HAs
# detection by heartbeats only at first (5 missed: a silent HA is failed, not polled; the shared box
# stalls an appliance for seconds while others boot)
# its SNMP agent on its loopback (walked with a v2c community), notifications as SNMPv3 traps to snmptrapd
# beside it; 20 per minute of one event kind: an HA's failure brings 3 ROLE_CHANGED events before the
# takeover's, each HA's first contact one more (docs/snmp.md, "The HA control node")
SNMP_PORT=$snmp_port node hacn "$public" 100 "1@192.0.2.11:7434,2@192.0.2.12:7434,3@192.0.2.13:7434,4@192.0.2.14:7434" \
    net.homeagent.ha.listenAddresses=127.0.0.1 \
    net.homeagent.hacn.enabled=true "net.homeagent.hacn.publicAddress=$public" \
    "net.homeagent.hacn.agents=1@192.0.2.11:7434 5 0,2@192.0.2.12:7434 4 0,3@192.0.2.13:7434 3 0" \
    "net.homeagent.hacn.redundantAgents=4@192.0.2.14:7434 10 0" \
    net.homeagent.hacn.pollSilent=false net.homeagent.hacn.heartbeatMisses=5 net.homeagent.hacn.checkpointMillis=1000 net.homeagent.snmp.listenAddress=127.0.0.1 \
    "net.homeagent.snmp.engineId=$engine" "net.homeagent.snmp.notificationTargets=udp:127.0.0.1/$trap_port v3 nms" \
    net.homeagent.snmp.notificationsPerInterval=20
ha_forwarding hacn   # its data plane unwraps the reverse tunnels that reach the public address
hacn_cfg=$karaf_home/etc/net.homeagent.hacn.cfg
printf 'user nms SHA-256 %s AES-128 %s read-only\ncommunity lab %s read-only\n' "$auth" "$priv" "$community" \
    >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
printf 'createUser -e 0x%s nms SHA-256 %s AES %s\nauthUser log nms authPriv\n' "$engine" "$auth" "$priv" \
    >"$work/snmptrapd.conf"
testbed_exec_bg hacn snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$trap_port"
ha ha1 192.0.2.11 1 false
ha ha2 192.0.2.12 2 false
ha ha3 192.0.2.13 3 false
ha ha4 192.0.2.14 4 true

log "booting hacn, ha1, ha2, ha3 and ha4 with the homeagent-hacn feature"
for name in hacn ha1 ha2 ha3 ha4; do testbed_start "$name"; done
tb_await_boot hacn 'hacn:status' 'public address' || { testbed_finish; exit; }
for name in ha1 ha2 ha3 ha4; do tb_await_boot "$name" || { testbed_finish; exit; }; done
for id in 1 2 3; do expect "the control node sees ha$id active" await_agent "$id" active 60; done
expect "the control node sees ha4 standing by" await_agent 4 standing-by 60
testbed_capture home "udp port 434 or udp port 7434 or ip proto 4 or arp" || { testbed_finish; exit; }
care_of_host

log "the client registers $nodes mobile nodes at the public address $public"
started=$SECONDS
testbed_exec mn "$py" "$client" register --server "$public" --nodes "$nodes" --key "$key" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
log "registered in $((SECONDS - started)) s: $(tail -1 "$work/register.out")"
acknowledged=$(wc -l <"$work/ledger")
expect "every registration through the control node was acknowledged ($acknowledged of $nodes)" \
    test "$acknowledged" -eq "$nodes"
sleep 2   # the last change reports
for id in 1 2 3; do
    expect "ha$id's mip:bindings holds exactly the home addresses of the control node's MBR snapshot of it, as many as hacn:agents counts" \
        agrees "$id" "ha$id"
done
sort -u "$work"/ha[123].homes >"$work/spread.homes"
expect "ha1, ha2 and ha3 together hold every acknowledged binding, each one once ($(wc -l <"$work/ha1.homes") + $(wc -l <"$work/ha2.homes") + $(wc -l <"$work/ha3.homes"))" \
    test "$(wc -l <"$work/spread.homes")" -eq "$acknowledged" -a "$(cat "$work"/ha[123].homes | wc -l)" -eq "$acknowledged"
expect "ha4 (redundant) holds no binding" holds_none ha4
since=$(date +%s%3N)
expect "a ping of every home address from the correspondent is answered by the care-of host ($(pings_answered all "$work/ledger" >/dev/null; tail -n 1 "$work/ping-all.out"))" \
    grep -q ', lost 0$' "$work/ping-all.out"
for id in 1 2 3; do
    expect "the care-of host received ha$id's home addresses' pings through ha$id's tunnel with outer source $public ($(tunnelled_by "$(mac "ha$id")" "$since" "$work/ha$id.homes") of $(wc -l <"$work/ha$id.homes"))" \
        test "$(tunnelled_by "$(mac "ha$id")" "$since" "$work/ha$id.homes")" -eq "$(wc -l <"$work/ha$id.homes")"
done

# The reverse direction (RFC 3024 §5.2): a mobile granted T tunnels to the public address, the
# control node's box, whose data plane admits it by the MBR (§4.2.1) and routes the inner datagram on
log "mobile node 41 asks for reverse tunnelling (T) at the public address; its care-of address tunnels datagrams to $public"
asks_reverse 41
expect "the renewal with T was acknowledged and the control node's data plane admits $reverse_home's reverse tunnel" \
    await_admits hacn 1 0
reverse_tunnels "$reverse_home"
expect "the correspondent received the 5 datagrams reverse-tunnelled from the care-of address through the control node ($reverse_received), none of the 3 from another address ($reverse_stray)" \
    test "$reverse_received" -eq 5 -a "$reverse_stray" -eq 0
expect "the control node's mip:dataplane counts them: $(admits hacn 1 5; grep -o "mobiles): [0-9]* bindings admitted, [0-9]* datagrams unwrapped" "$work/hacn.dataplane" || true); $(grep -o "reverse tunnel not from the binding's care-of address.*" "$work/hacn.dataplane" || true)" \
    admits hacn 1 5
expect "and counts the 3 from another address as refused" refused_from_elsewhere hacn 3

ha1_count=$(wc -l <"$work/ha1.homes")
walk_hacn "$work/walk.before"
expect "snmpwalk hacnAgentTable: ha1 active (2) by role and state with $ha1_count bindings, ha4 redundant (2) standing by (4)" \
    walked "$work/walk.before" "$hacnmib.1.3.1.2.1 = STRING: \"192.0.2.11:7434\"" "$hacnmib.1.3.1.3.1 = INTEGER: 1" \
    "$hacnmib.1.3.1.4.1 = INTEGER: 2" "$hacnmib.1.3.1.8.1 = Gauge32: $ha1_count" \
    "$hacnmib.1.3.1.3.4 = INTEGER: 2" "$hacnmib.1.3.1.4.4 = INTEGER: 4" "$hacnmib.1.2.1.0 = INTEGER: 1"

fail_under_load ha1 ha4 kill9 heartbeat
testbed_shell hacn 'hacn:agents' | tee "$work/agents.after" || true
# hacnAgentFailure: hacnEventAgent 1, hacnEventDetection heartbeat(1); hacnTakeoverDone: ha4 took ha1's
failure_trap="OID: $hacnmib.0.1.*$hacnmib.1.4.1.0 = Gauge32: 1.*$hacnmib.1.4.2.0 = INTEGER: 1"
takeover_trap="OID: $hacnmib.0.2.*$hacnmib.1.4.1.0 = Gauge32: 4.*$hacnmib.1.4.4.0 = Gauge32: 1.*$hacnmib.1.4.3.0 = Gauge32: $ha1_count"
await_trap 10 "$takeover_trap" || true
expect "snmptrapd received hacnAgentFailure for ha1, detected by heartbeat" trapped "$failure_trap"
expect "snmptrapd received hacnTakeoverDone: ha4 took ha1's $ha1_count bindings" trapped "$takeover_trap"
walk_hacn "$work/walk.after"
expect "snmpwalk after the kill: ha1 failed (7) with successor 4, ha4 active (2), 1 takeover of $ha1_count bindings, 1 heartbeat detection" \
    walked "$work/walk.after" "$hacnmib.1.3.1.4.1 = INTEGER: 7" "$hacnmib.1.3.1.15.1 = Gauge32: 4" \
    "$hacnmib.1.3.1.4.4 = INTEGER: 2" "$hacnmib.1.1.14.0 = Counter64: 1" "$hacnmib.1.1.16.0 = Counter64: $ha1_count" \
    "$hacnmib.1.1.7.0 = Counter64: 1"

log "ha1 restarts: it rejoins as a redundant HA"
testbed_start ha1
tb_await_boot ha1 || { testbed_finish; exit; }
expect "ha1 rejoined: standing by" await_agent 1 standing-by 60
expect "hacn:agents shows ha1 as a redundant HA ($(agent_line 1 | awk '{print $3}'))" \
    test "$(agent_line 1 | awk '{print $3}')" = "redundant:p5:c-"
expect "ha1 holds no binding of its old mobiles" holds_none ha1

log "hacn:failover 4: manual switchover of ha4 to ha1"
testbed_shell hacn 'hacn:failover 4' | tee "$work/failover.out" || true
expect "hacn:failover 4 starts the switchover ($(grep -o '^HA 4 switching over: its [0-9]* bindings' "$work/failover.out"))" \
    grep -q '^HA 4 switching over: its [0-9]* bindings go to HA 1' "$work/failover.out"
expect "hacn:failover 4 returns once ha4's MBR is downloading ($(grep -o "^HA 4's MBR is its whole table: its [0-9]* bindings" "$work/failover.out"))" \
    grep -q "^HA 4's MBR is its whole table: its [0-9]* bindings are downloading to a redundant HA" "$work/failover.out"
expect "ha1 took the switchover: active" await_agent 1 active 30
expect "ha4 switched over: standing by" await_agent 4 standing-by 30
expect "ha1 holds every acknowledged binding of its old mobiles after the switchover (lost: $(holds_every_binding ha1 "$work/ledger.ha1" >/dev/null; lost ha1))" \
    holds_every_binding ha1 "$work/ledger.ha1"
expect "ha4 holds no binding after the switchover" holds_none ha4
expect "renewals at the public address are accepted by ha1 after the switchover" renew_at_public switchover "$work/ledger.ha1"
testbed_shell hacn 'hacn:snapshot --limit 5 1' | tee "$work/snapshot.out" || true
expect "hacn:snapshot pages the MBR ($(tail -1 "$work/snapshot.out"))" \
    grep -qE "^HA 1: records 1-5 of [0-9]+; next page: hacn:snapshot --offset 5 --limit 5 1" "$work/snapshot.out"
testbed_shell hacn 'hacn:redundant' | tee "$work/redundant.out" || true
expect "hacn:redundant lists ha4 as the next choice" grep -qE '^4 +192\.0\.2\.14:7434 +standing-by +10 .* next$' \
    "$work/redundant.out"
expect "hacn:failover of an unknown HA is refused" refused 'hacn:failover 9' 'no HA 9 (configured: [1, 2, 3, 4])'
expect "hacn:failover of an HA that is not active is refused" refused 'hacn:failover 4' \
    'HA 4 is standing-by: only an active HA is switched over'
expect "hacn:snapshot of an unknown HA is refused" refused 'hacn:snapshot 7' 'no HA 7'

log "kill -9 of the control node, restart from its checkpoint with heartbeats off and polling in turn"
testbed_kill9 hacn
set_property "$hacn_cfg" heartbeatMisses 0
set_property "$hacn_cfg" pollEveryMillis 200
set_property "$hacn_cfg" pollTimeoutMillis 2000
testbed_start hacn
tb_await_boot hacn 'hacn:status' 'public address' || { testbed_finish; exit; }
testbed_shell hacn 'hacn:status' | tee "$work/status.restarted" || true
expect "the control node restored its checkpoint ($(grep -oE 'at start: .*' "$work/status.restarted"))" \
    grep -q 'at start: 4 HAs of' "$work/status.restarted"
for id in 1 2 3; do expect "after the restart ha$id is active" await_agent "$id" active 30; done
expect "after the restart ha4 stands by" await_agent 4 standing-by 30
expect "renewals at the public address are accepted after the control node's restart" renew_at_public restarted

fail_under_load ha2 ha4 kill9 poll
log "ha2 restarts: it rejoins as a redundant HA"
testbed_start ha2
tb_await_boot ha2 || { testbed_finish; exit; }
expect "ha2 rejoined: standing by" await_agent 2 standing-by 60

fail_under_load ha3 ha2 stop interrupt
testbed_shell hacn 'hacn:agents' | tee "$work/agents.end" || true
no_other_detection() {  # since the control node's restart: one by poll, one by interrupt, no other
    stat_is detections-poll 1 && stat_is detections-interrupt 1 \
        && ! grep -qE '^detections-(heartbeat|download|restart|rejoin) +[1-9]' "$work/hacn.stats"
}
expect "since the control node's restart one failure detected by poll, one by interrupt, no other" no_other_detection
column -t "$work/switchovers" | sed 's/^/== switchover (victim, detection, bindings, ms to first tunnelled, ms to first renewal): /'

sleep 1
testbed_capture_stop
replies=$(tshark -n -r "$TB_PCAP" -Y "mip.type == 3 && ip.src == $public" 2>/dev/null | wc -l)
expect "tshark: every reply left from the public address ($replies)" test "$replies" -ge "$((2 * acknowledged))"
tunnelled_from_has "$(mac ha1)" "$(mac ha2)" "$(mac ha3)" "$(mac ha4)" || true
expect "tshark: every one of the $tunnelled IP-in-IP datagrams on the link left an HA with outer source $public ($stray others)" \
    test "$tunnelled" -gt 0 -a "$stray" -eq 0
# RFC 5944 §4.6: a redundant HA taking over announces each home address it now serves (a gratuitous
# ARP: sender and target address the home address, sender hardware address its own)
tshark -n -r "$TB_PCAP" -Y 'arp.opcode == 1 && arp.src.proto_ipv4 == arp.dst.proto_ipv4' -T fields \
    -e frame.time_epoch -e arp.src.hw_mac -e arp.src.proto_ipv4 2>/dev/null >"$work/announced" || true
# announced_by MAC SINCE-MS HOMES-FILE: how many home addresses of HOMES-FILE MAC announced after SINCE-MS
announced_by() {
    awk -v mac="$1" -v since="$2" 'NR == FNR {want[$1] = 1; next} $1 * 1000 >= since && $2 == mac && ($3 in want) {print $3}' \
        "$3" "$work/announced" | sort -u | wc -l
}
while read -r victim successor successor_mac killed_at ping_home; do
    first=$(awk -v mac="$successor_mac" -v since="$killed_at" -v home="$ping_home" \
        '$1 * 1000 >= since && $2 == mac && $3 == home {printf "%d", $1 * 1000 - since; exit}' "$work/announced")
    expect "tshark: $successor announced each of $victim's $(wc -l <"$work/$victim.mine") home addresses by gratuitous ARP after the failure ($(announced_by "$successor_mac" "$killed_at" "$work/$victim.mine"); $ping_home ${first:-never} ms after it)" \
        test "$(announced_by "$successor_mac" "$killed_at" "$work/$victim.mine")" -eq "$(wc -l <"$work/$victim.mine")"
done <"$work/takeovers"
decode=(tshark -n -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" -r "$TB_PCAP")
link=$("${decode[@]}" -Y 'udp.port == 7434' 2>/dev/null | wc -l)
hacn_frames=$("${decode[@]}" -Y 'hacn' 2>/dev/null | wc -l)
expect "the control node and the HAs talked over the peer link: $link datagrams on UDP 7434, $hacn_frames with control node messages" \
    test "$hacn_frames" -gt 0
bad=$("${decode[@]}" -Y 'udp.port == 7434 && (_ws.malformed || _ws.expert)' 2>/dev/null | wc -l)
expect "the dissector decodes every peer-link datagram without a malformed or expert mark ($bad marked)" test "$bad" -eq 0
"${decode[@]}" -Y hacn -T fields -e hacn.type 2>/dev/null | tr ',' '\n' | sort -n | uniq -c >"$work/hacn.types"
cat "$work/hacn.types"
for type in 1 2 3 4 5 6 7 8 9 10 11; do
    expect "the dissector shows control node messages of type $type" awk -v t="$type" '$2 == t {found = 1} END {exit !found}' \
        "$work/hacn.types"
done
requests=$("${decode[@]}" -Y 'hacn.type == 1 && mip.type == 1' 2>/dev/null | wc -l)
expect "forwarded requests carry Registration Requests decoded inside them ($requests)" test "$requests" -ge "$acknowledged"

testbed_finish
