#!/usr/bin/env bash
# System test of the redundancy group (issue 11; docs/redundancy.md): MEMBERS appliances, each with
# keepalived, on one bridged link, behind the virtual home agent address 192.0.2.1:
#
#   ha1 192.0.2.11 --+
#   ha2 192.0.2.12 --+-- "home" link (a bridge); VIP 192.0.2.1 held by keepalived's MASTER
#   ha3 192.0.2.13 --+   peer link: unicast fan-out on UDP 7434, HMAC key in etc/peer-keys.conf
#   mn  192.0.2.100 -+   group_client.py (tools/interop/mip_client.py's requests) registers NODES
#
#   bash tools/group/run-group.sh        (as root)
#
# Every member boots with the homeagent-group feature; they learn (nobody has learned: "not
# initialized", then each serves its own backup, or one learns from the first that did), and
# keepalived makes the first member that may serve active (nopreempt; ha1 has the highest
# priority when they are ready together). The client
# registers NODES mobile nodes at the VIP with a ledger of the acknowledged ones; every member holds
# every acknowledged binding (mip:bindings). kill -9 of the active member's JVM: keepalived's
# check of it fails, the address moves; the new active member holds every acknowledged binding
# (lost: 0) and a renewal at the VIP is accepted. The killed member starts again, learns from the
# active member (group:status: last learn from node N), becomes standby and holds every binding.
# Each wait is bounded; each check prints PASS or FAIL; last line "N passed, N failed".
#
# Environment: MEMBERS (3; 2 for a smaller box), NODES (2000), BOOT_TIMEOUT (s, 300),
# HOMEAGENT_TARBALL, KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
members=${MEMBERS:-3}
nodes=${NODES:-2000}
boot_timeout=${BOOT_TIMEOUT:-300}
vip=192.0.2.1
key=0x00112233445566778899aabbccddeeff            # the mobile nodes' test key
peer_key=0x$(printf '5a%.0s' $(seq 32))           # the members' HMAC-SHA-256 test key (32 bytes)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
client="$TB_ROOT/tools/group/group_client.py"
((members >= 2 && members <= 9)) || { echo "MEMBERS is 2 to 9" >&2; exit 2; }

expect() {  # DESCRIPTION COMMAND...: one PASS or FAIL line
    local what=$1
    shift
    if "$@"; then echo "PASS $what"; passed=$((passed + 1)); else fail_step "$what"; fi
}

# member NAME INDEX: an appliance in its own namespace on the home link, group member INDEX, with
# its keepalived (priority 100 for ha1, 90 for ha2 ...) started first, holding the track file at 1
member() {
    local name=$1 i=$2 address=192.0.2.1$2 peers="" j
    for ((j = 1; j <= members; j++)); do
        ((j == i)) || peers+="${peers:+,}$j@192.0.2.1$j:7434"
    done
    testbed_node "$name" "home=$address/24"
    # the home agent listens on the VIP before keepalived gives it this node (standard for VRRP)
    testbed_exec "$name" sysctl -qw net.ipv4.ip_nonlocal_bind=1
    HA_PORT=434 testbed_appliance "$name" \
        "net.homeagent.ha.listenAddresses=$vip" "net.homeagent.ha.homeAgentAddresses=$vip" \
        net.homeagent.store.backupEnabled=true \
        net.homeagent.peer.enabled=true "net.homeagent.peer.nodeId=$i" net.homeagent.peer.groupId=7 \
        "net.homeagent.peer.bindAddress=$address" "net.homeagent.peer.peers=$peers" \
        "net.homeagent.group.virtualAddress=$vip" "net.homeagent.group.notifyFifo=$work/$name.fifo" \
        "net.homeagent.group.trackFile=$work/$name.learning"
    echo "1 hmac-sha256 $peer_key send" >"$karaf_home/etc/peer-keys.conf"
    chmod 600 "$karaf_home/etc/peer-keys.conf"
    cat "$work/sa.conf" >>"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
    # the member's feature boots with the rest (the last entry of featuresBoot has no backslash)
    sed -i -E 's|^([[:space:]]+config/[^,\\]+)$|\1, \\\n    homeagent-group|' "$karaf_home/etc/org.apache.karaf.features.cfg"
    grep -q '^    homeagent-group$' "$karaf_home/etc/org.apache.karaf.features.cfg" \
        || { fail_step "$name: could not add homeagent-group to featuresBoot"; return 1; }
    # keepalived: the example of etc/keepalived-homeagent.conf, plus a check that the JVM lives (a
    # kill -9 of the appliance must give the address up as a dead box would)
    cat >"$work/$name.alive" <<ALIVE
#!/bin/sh
[ -s "$karaf_home/karaf.pid" ] && kill -0 "\$(cat "$karaf_home/karaf.pid")"
ALIVE
    chmod 755 "$work/$name.alive"
    cat >"$work/$name.keepalived.conf" <<CONF
global_defs {
    vrrp_notify_fifo $work/$name.fifo
    script_user root
}
vrrp_script appliance_alive {
    script "$work/$name.alive"
    interval 1
    fall 1
    rise 1
    weight 0
}
track_file homeagent_learning {
    file "$work/$name.learning"
    weight 0
    init_file 1
}
vrrp_instance VI_HA {
    interface home
    virtual_router_id 51
    state BACKUP
    nopreempt
    priority $((110 - 10 * i))
    advert_int 1
    version 3
    virtual_ipaddress {
        $vip/24
    }
    track_file {
        homeagent_learning weight 0
    }
    track_script {
        appliance_alive
    }
}
CONF
    testbed_keepalived "$name" "$work/$name.keepalived.conf"
}

status_of() { testbed_shell "$1" 'group:status' | grep -m1 '^Group member' || true; }   # "Group member 1: ACTIVE"

# await_state NAME STATE SECONDS: polls group:status until NAME is in STATE (an ERE: A|B)
await_state() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        [[ "$(status_of "$1")" =~ :\ ($2) ]] && return 0
        sleep 1
    done
    log "$1 is not $2 after $3 s: $(status_of "$1")"
    return 1
}

holds_every_binding() {  # NAME: mip:bindings of NAME holds every acknowledged home address
    testbed_shell "$1" 'mip:bindings' >"$work/$1.bindings"
    "$py" "$client" check --ledger "$work/ledger" --bindings "$work/$1.bindings" | tee "$work/$1.check"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

testbed_init group
tb_require_root || { testbed_finish; exit; }
command -v keepalived >/dev/null || { fail_step "keepalived not installed"; testbed_finish; exit; }
"$py" "$client" write-sa --nodes "$nodes" --key "$key" >"$work/sa.conf"
testbed_link home
testbed_node mn home=192.0.2.100/24
names=()
for ((i = 1; i <= members; i++)); do
    member "ha$i" "$i"
    names+=("ha$i")
done

log "booting ${names[*]} with the homeagent-group feature"
testbed_boot_all "${names[@]}" || { testbed_finish; exit; }
for name in "${names[@]}"; do
    expect "$name: the group member is up and has left the learn state" await_state "$name" 'STANDBY|ACTIVE' 60
done
# nopreempt: the first member to have learned takes the address (ha1 unless its boot was slower)
active=""
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)) && [[ -z "$active" ]]; do
    for name in "${names[@]}"; do
        [[ "$(status_of "$name")" == *": ACTIVE"* ]] && active=$name && break
    done
    [[ -n "$active" ]] || sleep 1
done
expect "keepalived made one member active (${active:-none})" test -n "$active"
[[ -n "$active" ]] || { testbed_finish; exit; }
for name in "${names[@]}"; do
    [[ "$name" == "$active" ]] || expect "$name is standby" await_state "$name" STANDBY 30
done
testbed_capture home "udp port 434 or udp port 7434" || { testbed_finish; exit; }

log "the client registers $nodes mobile nodes at $vip"
started=$SECONDS
testbed_exec mn "$py" "$client" register --server "$vip" --nodes "$nodes" --key "$key" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
log "registered in $((SECONDS - started)) s: $(tail -1 "$work/register.out")"
acknowledged=$(wc -l <"$work/ledger")
expect "the group acknowledged every registration ($acknowledged of $nodes)" test "$acknowledged" -eq "$nodes"
for name in "${names[@]}"; do
    expect "$name holds every acknowledged binding" holds_every_binding "$name"
done

log "kill -9 of the active member $active"
killed_at=$(date +%s%3N)
testbed_kill9 "$active"
new_active=""
deadline=$((SECONDS + 30))
while ((SECONDS < deadline)) && [[ -z "$new_active" ]]; do
    for name in "${names[@]}"; do
        [[ "$name" != "$active" && "$(status_of "$name")" == *": ACTIVE"* ]] && new_active=$name && break
    done
    [[ -n "$new_active" ]] || sleep 0.5
done
expect "another member became active within 30 s (${new_active:-none}, $(($(date +%s%3N) - killed_at)) ms after the kill)" \
    test -n "$new_active"
if [[ -n "$new_active" ]]; then
    expect "$new_active, the new active member, holds every acknowledged binding (lost: $(
        holds_every_binding "$new_active" >/dev/null; grep -oE '^missing [0-9]+' "$work/$new_active.check"))" \
        holds_every_binding "$new_active"
    testbed_exec mn "$py" "$client" renew --server "$vip" --ledger "$work/ledger" --count 50 --key "$key" \
        | tee "$work/renew.out" || true
    expect "renewals at the VIP are accepted by $new_active ($(tail -1 "$work/renew.out"))" \
        grep -q '^acknowledged 50, refused 0, unanswered 0' "$work/renew.out"
fi

log "$active starts again: it must learn from the group and stand by"
testbed_boot "$active" || { testbed_finish; exit; }
expect "$active is standby again" await_state "$active" STANDBY 60
learned=$(testbed_shell "$active" 'group:status' | grep 'last learn' | tr -s ' ')
expect "$active learned the table from the active member (${learned# })" \
    bash -c "[[ \"\$1\" == *'from node ${new_active#ha},'* ]]" _ "$learned"
expect "$active holds every acknowledged binding after learning" holds_every_binding "$active"
for name in "${names[@]}"; do
    testbed_shell "$name" 'group:status' >"$work/$name.status"
    testbed_shell "$name" 'group:stats' >"$work/$name.stats"
done
log "group:status and group:stats of $active (restarted, learned) and of $new_active (active)"
cat "$work/$active.status" "$work/$active.stats"
[[ -z "$new_active" ]] || cat "$work/$new_active.stats"

sleep 1
testbed_capture_stop
sync_datagrams=$(tshark -n -r "$TB_PCAP" -Y 'udp.port == 7434' 2>/dev/null | wc -l)
expect "the members talked over the peer link (tshark: $sync_datagrams datagrams on UDP 7434)" test "$sync_datagrams" -gt 0

testbed_finish
