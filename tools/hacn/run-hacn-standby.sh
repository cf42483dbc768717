#!/usr/bin/env bash
# System test of the standby control node (issue 12; docs/hacn.md, "Standby control node"): two
# control nodes with keepalived moving the public home agent address between them, an active HA and
# a redundant HA, on one bridged link:
#
#   hacn1 192.0.2.2 --+   control node, peer link node 100; keepalived priority 100 } each with the user-space
#                     |                                                             } data plane (reverse
#   hacn2 192.0.2.3 --+   control node, peer link node 200; keepalived priority 90  } tunnels)
#                     |   public address 192.0.2.1:434: keepalived's VIP (VRRP instance VI_HACN)
#   ha1  192.0.2.11 --+-- "home" link (a bridge; tshark captures it from the start); HA, node 1
#   ha2  192.0.2.12 --+   redundant HA (priority 10), node 2; both with the user-space data plane
#   mn   192.0.2.100 -+   group_client.py (scapy + hmac) and the care-of host 198.51.100.1 (care_of_host.py)
#   cn   192.0.2.200 -+   the correspondent (ping_homes.py)
#
#   bash tools/hacn/run-hacn-standby.sh        (as root)
#
# hacn1 starts with ha1 and ha2 and its keepalived (nobody to learn from: it keeps its own state,
# keepalived makes it master, it binds the public address); hacn2 and its keepalived start next:
# hacn2 learns hacn1's whole state and stands by. The client registers NODES mobile nodes at the
# public address (through hacn1); hacn2's hacn:status holds every binding (the replicas). Mobile 41
# renews with T: hacn1's data plane admits its reverse tunnel, hacn2's (standing by) none. kill -9 of
# hacn1's JVM: its keepalived's check fails, hacn2's keepalived takes the public address, hacn2
# resumes with every HA's state and polls them; the HAs follow it. hacn2's data plane admits mobile
# 41's reverse tunnel: of IP-in-IP from its care-of address (5) and from another address (3) to the
# public address, the correspondent receives the 5 through hacn2. Every acknowledged mobile's
# renewal at the public address is accepted (through hacn2), ha1 holds every acknowledged binding
# (lost: 0); NEW_NODES more mobile nodes register through hacn2 and ha1 holds them too. kill -9 of
# ha1 after the switch: hacn2 detects it and ha2 takes over every binding, old and new; renewals
# accepted, and a ping of every home address from the correspondent reaches the care-of host through
# ha2's tunnel with the public address as outer source. tshark with tools/wireshark/homeagent-peer.lua decodes every control node
# message of the run (the new types 12-15 among them) without a malformed one. Each wait is bounded;
# each check prints PASS or FAIL; last line "N passed, N failed".
#
# Environment: NODES (200), NEW_NODES (50), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1,
# TB_NAME_PREFIX (namespace prefix, default hcn-).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-200}
new_nodes=${NEW_NODES:-50}
boot_timeout=${BOOT_TIMEOUT:-300}
public=192.0.2.1
export TB_NAME_PREFIX=${TB_NAME_PREFIX:-hcn-}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=hacn-lib.sh
source "$here/hacn-lib.sh"
control_nodes="100@192.0.2.2:7434,200@192.0.2.3:7434"

# control NAME ADDRESS NODE-ID PEER PRIORITY: a control node of the pair and its keepalived, which
# holds the public address for the master; the track file holds 1 until the control node learned
control() {
    local name=$1 address=$2 id=$3 peer=$4 priority=$5
    # the control node binds the public address when keepalived makes it master
    node "$name" "$address" "$id" "1@192.0.2.11:7434,2@192.0.2.12:7434,$peer" \
        net.homeagent.ha.listenAddresses=127.0.0.1 \
        net.homeagent.hacn.enabled=true "net.homeagent.hacn.publicAddress=$public" \
        "net.homeagent.hacn.agents=1@192.0.2.11:7434" "net.homeagent.hacn.redundantAgents=2@192.0.2.12:7434 10 0" \
        "net.homeagent.hacn.peerControlNode=$peer" "net.homeagent.hacn.notifyFifo=$work/$name.fifo" \
        "net.homeagent.hacn.trackFile=$work/$name.learning" net.homeagent.hacn.checkpointMillis=1000
    ha_forwarding "$name"   # its data plane unwraps the mobiles' reverse tunnels while it holds the public address
    testbed_exec "$name" sysctl -qw net.ipv4.ip_nonlocal_bind=1
    # two failures of its JVM check: a check timing out on a loaded box must not move the address
    testbed_vrrp_conf "$name" VI_HACN 52 "$priority" 1 "$public" 2
}

# ha NAME ADDRESS NODE-ID REDUNDANT: an HA of the pair of control nodes, with every mobile node's association
ha() {
    node "$1" "$2" "$3" "$control_nodes" "net.homeagent.ha.listenAddresses=$2" \
        net.homeagent.store.backupEnabled=true net.homeagent.hacn.agent.enabled=true \
        net.homeagent.hacn.agent.controlNodeId=100 net.homeagent.hacn.agent.controlNode=192.0.2.2:7434 \
        net.homeagent.hacn.agent.standbyControlNodeId=200 net.homeagent.hacn.agent.standbyControlNode=192.0.2.3:7434 \
        "net.homeagent.hacn.agent.redundant=$4"
    ha_forwarding "$1"
    cat "$work/sa.conf" "$work/sa-new.conf" >>"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
}

pair_line() { testbed_shell "$1" 'hacn:status' | grep -m1 '^control node' || true; }   # "control node    active (...)"

# await_pair NAME PATTERN SECONDS: polls hacn:status until NAME's "control node" line matches PATTERN (ERE)
await_pair() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        [[ "$(pair_line "$1")" =~ $2 ]] && return 0
        sleep 1
    done
    log "$1 is not '$2' after $3 s: $(pair_line "$1")"
    return 1
}

agent_line() { testbed_shell "$1" 'hacn:agents' | awk -v id="$2" '$1 == id' || true; }   # NAME ID

# await_agent NAME ID STATE SECONDS: polls NAME's hacn:agents until HA ID is in STATE
await_agent() {
    local deadline=$((SECONDS + $4))
    while ((SECONDS < deadline)); do
        [[ "$(agent_line "$1" "$2" | awk '{print $4}')" == "$3" ]] && return 0
        sleep 0.5
    done
    log "HA $2 is not $3 at $1 after $4 s: $(agent_line "$1" "$2")"
    return 1
}

renew_every_mobile() {  # LABEL: a renewal of every acknowledged mobile at the public address, all accepted
    local count
    count=$(wc -l <"$work/ledger")
    testbed_exec mn "$py" "$client" renew --server "$public" --ledger "$work/ledger" --count "$count" --key "$key" \
        | tee "$work/renew-$1.out" || true
    grep -q "^acknowledged $count, refused 0, unanswered 0" "$work/renew-$1.out"
}

vip_on() { testbed_exec "$1" ip -4 -o addr show dev home | grep -q " $public/"; }   # NAME holds the public address
vip_off() { ! vip_on "$1"; }

testbed_init hacn-standby
tb_require_root || { testbed_finish; exit; }
command -v keepalived >/dev/null || { fail_step "keepalived not installed"; testbed_finish; exit; }
"$py" "$client" write-sa --nodes "$nodes" --key "$key" >"$work/sa.conf"
# the mobiles that register after the switch: home addresses further on, each with the SPI
# group_client.py's renew gives it (256 + its distance from 10.200.0.0)
new_third=$((nodes / 256 + 1))
new_base=10.200.$new_third.0 new_spi=$((256 + 256 * new_third))
"$py" "$client" write-sa --nodes "$new_nodes" --key "$key" --home-base "$new_base" --spi-base "$new_spi" >"$work/sa-new.conf"
testbed_link home
mobiles_and_correspondent
control hacn1 192.0.2.2 100 200@192.0.2.3:7434 100
control hacn2 192.0.2.3 200 100@192.0.2.2:7434 90
ha ha1 192.0.2.11 1 false
ha ha2 192.0.2.12 2 true
testbed_capture home "udp port 434 or udp port 7434 or ip proto 4" || { testbed_finish; exit; }
care_of_host

log "booting hacn1 (and its keepalived), ha1 and ha2"
testbed_keepalived hacn1 "$work/hacn1.keepalived.conf" || { testbed_finish; exit; }
testbed_start hacn1
testbed_start ha1
testbed_start ha2
tb_await_boot hacn1 'hacn:status' 'public address' || { testbed_finish; exit; }
tb_await_boot ha1 || { testbed_finish; exit; }
tb_await_boot ha2 || { testbed_finish; exit; }
# its peer is not there: the learn request is given up (the link's 10 s), it keeps its own state
expect "hacn1 is the active control node ($(await_pair hacn1 '^control node +active' 60; pair_line hacn1))" \
    await_pair hacn1 '^control node +active' 5
expect "keepalived gave hacn1 the public address" vip_on hacn1
expect "hacn1 sees ha1 active" await_agent hacn1 1 active 60
expect "hacn1 sees ha2 standing by" await_agent hacn1 2 standing-by 60

log "booting hacn2 (and its keepalived): it learns hacn1's state"
testbed_start hacn2
testbed_keepalived hacn2 "$work/hacn2.keepalived.conf" || { testbed_finish; exit; }
tb_await_boot hacn2 'hacn:status' 'public address' || { testbed_finish; exit; }
expect "hacn2 learned from hacn1 and stands by ($(await_pair hacn2 'learned from the active control node 100' 60; pair_line hacn2))" \
    await_pair hacn2 '^control node +standby .*learned from the active control node 100' 5
expect "hacn2 does not hold the public address" vip_off hacn2

log "the client registers $nodes mobile nodes at the public address $public"
started=$SECONDS
testbed_exec mn "$py" "$client" register --server "$public" --nodes "$nodes" --key "$key" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
log "registered in $((SECONDS - started)) s: $(tail -1 "$work/register.out")"
acknowledged=$(wc -l <"$work/ledger")
expect "every registration through hacn1 was acknowledged ($acknowledged of $nodes)" test "$acknowledged" -eq "$nodes"
expect "ha1 holds every acknowledged binding" holds_every_binding ha1
expect "hacn2's replica holds every binding ($(await_pair hacn2 "holds 2 HAs, $acknowledged bindings" 30; pair_line hacn2))" \
    await_pair hacn2 "holds 2 HAs, $acknowledged bindings" 5

asks_reverse 41   # T: its reverse tunnels go to the public address (RFC 3024 §5.2)
expect "hacn1's data plane admits $reverse_home's reverse tunnel" await_admits hacn1 1 0
admits hacn2 1 0 || true
expect "hacn2, standing by without the public address, admits none ($(grep -o "mobiles): .*" "$work/hacn2.dataplane" || echo "no line"))" \
    test -s "$work/hacn2.dataplane" -a "$(grep -c "mobiles): [1-9]" "$work/hacn2.dataplane")" -eq 0

log "kill -9 of hacn1, the active control node"
killed_at=$(date +%s%3N)
testbed_kill9 hacn1
expect "hacn2 is the active control node ($(await_pair hacn2 '^control node +active' 60; echo "$(($(date +%s%3N) - killed_at)) ms after the kill"))" \
    await_pair hacn2 '^control node +active' 5
expect "keepalived moved the public address to hacn2" vip_on hacn2
expect "hacn2 sees ha1 active with its MBR" await_agent hacn2 1 active 30
testbed_shell hacn2 'hacn:agents' | tee "$work/agents.switched" || true
mbr=$(agent_line hacn2 1 | awk '{print $6}')
expect "hacn2's MBR of ha1 holds $acknowledged bindings (hacn:agents: $mbr)" test "$mbr" = "$acknowledged"
expect "hacn2, active, admits $reverse_home's reverse tunnel from its MBR" await_admits hacn2 1 0
reverse_tunnels "$reverse_home"
expect "the correspondent received the 5 datagrams reverse-tunnelled through hacn2 ($reverse_received), none of the 3 from another address ($reverse_stray)" \
    test "$reverse_received" -eq 5 -a "$reverse_stray" -eq 0
expect "hacn2's mip:dataplane counts 5 unwrapped and 3 refused" eval 'admits hacn2 1 5 && refused_from_elsewhere hacn2 3'
started=$(date +%s%3N)
expect "a renewal of every acknowledged mobile at the public address is accepted through hacn2" renew_every_mobile switched
log "the renewals started $((started - killed_at)) ms after the kill (after the checks above); all $acknowledged accepted $(($(date +%s%3N) - started)) ms later"
expect "ha1 holds every acknowledged binding: none lost" holds_every_binding ha1
grep -q 'HA follows control node 200' "$(testbed_log ha1)" && followed=yes || followed=no
expect "ha1 follows hacn2 (its log: $followed)" test "$followed" = yes

log "$new_nodes new mobile nodes register at the public address through hacn2"
testbed_exec mn "$py" "$client" register --server "$public" --nodes "$new_nodes" --key "$key" --home-base "$new_base" \
    --spi-base "$new_spi" --ledger "$work/ledger.new" | tee "$work/register-new.out" || true
expect "every new registration through hacn2 was acknowledged ($(wc -l <"$work/ledger.new") of $new_nodes)" \
    test "$(wc -l <"$work/ledger.new")" -eq "$new_nodes"
expect "ha1 holds every new binding" holds_every_binding ha1 "$work/ledger.new"
cat "$work/ledger.new" >>"$work/ledger"
acknowledged=$(wc -l <"$work/ledger")

log "kill -9 of ha1 after the switch"
testbed_kill9 ha1
expect "hacn2 declared ha1 failed" await_agent hacn2 1 failed 30
expect "ha2 took over and is active" await_agent hacn2 2 active 30
expect "ha2 holds every acknowledged binding, the $new_nodes registered through hacn2 among them (lost: $(holds_every_binding ha2 >/dev/null; lost ha2))" \
    holds_every_binding ha2
expect "a renewal of every acknowledged mobile is accepted by ha2 through hacn2" renew_every_mobile takeover
since=$(date +%s%3N)
expect "a ping of every home address from the correspondent is answered by the care-of host ($(pings_answered all "$work/ledger" >/dev/null; tail -n 1 "$work/ping-all.out"))" \
    grep -q ', lost 0$' "$work/ping-all.out"
awk '{print $1}' "$work/ledger" >"$work/all.homes"
expect "the care-of host received each of them through ha2's tunnel with outer source $public ($(tunnelled_by "$(mac ha2)" "$since" "$work/all.homes") of $acknowledged)" \
    test "$(tunnelled_by "$(mac ha2)" "$since" "$work/all.homes")" -eq "$acknowledged"
testbed_shell hacn2 'hacn:stats' | tee "$work/hacn2.stats" || true
expect "hacn2 resumed once as the active control node" grep -qE '^resumes-as-active +1$' "$work/hacn2.stats"

sleep 1
testbed_capture_stop
decode=(tshark -n -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" -r "$TB_PCAP")
replies=$(tshark -n -r "$TB_PCAP" -Y "mip.type == 3 && ip.src == $public" 2>/dev/null | wc -l)
expect "tshark: every reply left from the public address ($replies)" test "$replies" -ge "$((3 * acknowledged - 2 * new_nodes))"
tunnelled_from_has "$(mac ha1)" "$(mac ha2)" || true
expect "tshark: every one of the $tunnelled IP-in-IP datagrams on the link left an HA with outer source $public ($stray others)" \
    test "$tunnelled" -gt 0 -a "$stray" -eq 0
bad=$("${decode[@]}" -Y 'udp.port == 7434 && (_ws.malformed || _ws.expert)' 2>/dev/null | wc -l)
expect "the dissector decodes every peer-link datagram without a malformed or expert mark ($bad marked)" test "$bad" -eq 0
"${decode[@]}" -Y hacn -T fields -e hacn.type 2>/dev/null | tr ',' '\n' | sort -n | uniq -c >"$work/hacn.types"
cat "$work/hacn.types"
for type in 12 13 14 15; do
    expect "the dissector shows control node messages of type $type" awk -v t="$type" '$2 == t {found = 1} END {exit !found}' \
        "$work/hacn.types"
done

testbed_finish
