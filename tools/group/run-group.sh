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
# Before the kill the load generator (tools/loadgen) drives MIX_NODES more nodes at the VIP: their
# first registrations, then a mix of renewals, care-of changes and deregistrations, writing its
# ledger of what the group acknowledged; each member's table (mip:backup-export) is judged against
# that ledger with --verify-ledger (missing, stale care-of, extra = resurrected, twice, wrong
# lifetime: all 0): the standbys before the kill, the new active member after it, the restarted
# member after its learn.
# Each wait is bounded; each check prints PASS or FAIL; last line "N passed, N failed".
#
# Environment: MEMBERS (3; 2 for a smaller box), NODES (2000), MIX_NODES (4000), BOOT_TIMEOUT
# (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1. The scenarios of issue 11's proof beyond this run:
# run-group-proof.sh (same group, group-lib.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
members=${MEMBERS:-3}
nodes=${NODES:-2000}
mix_nodes=${MIX_NODES:-4000}
boot_timeout=${BOOT_TIMEOUT:-300}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=group-lib.sh
source "$here/group-lib.sh"

group_init group || { testbed_finish; exit; }
[[ -f "$loadgen_jar" ]] || { fail_step "no $loadgen_jar (mvn -pl tools/loadgen package)"; testbed_finish; exit; }
"$py" "$group_client" write-sa --nodes "$nodes" --key "$mn_key" >"$work/sa.conf"
loadgen_sa "$mix_nodes" 100000 "$work/loadgen-sa.conf"   # SPIs apart from the client's (256 + i)
group_add_sa "$work/sa.conf"
group_add_sa "$work/loadgen-sa.conf"
group_members || { testbed_finish; exit; }
group_boot || { testbed_finish; exit; }
active=$group_active
names=("${group_names[@]}")
testbed_capture home "udp port 434 or udp port 7434" || { testbed_finish; exit; }

log "the client registers $nodes mobile nodes at $vip"
started=$SECONDS
testbed_exec mn "$py" "$group_client" register --server "$vip" --nodes "$nodes" --key "$mn_key" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
log "registered in $((SECONDS - started)) s: $(tail -1 "$work/register.out")"
acknowledged=$(wc -l <"$work/ledger")
expect "the group acknowledged every registration ($acknowledged of $nodes)" test "$acknowledged" -eq "$nodes"
for name in "${names[@]}"; do
    expect "$name holds every acknowledged binding" holds_every_binding "$name"
done

# the load generator's nodes: first registrations, then the mix, each writing its ledger
mix_run() {  # NAME REQUESTS LEDGER [OPTION...]: one closed-loop run at the VIP, its report on stderr
    local name=$1 requests=$2 ledger=$3
    shift 3
    loadgen_at_vip "$active" --nodes "$mix_nodes" --spi-base 100000 --mode closed --window 64 --warmup 0 \
        --lifetime 1800 --requests "$requests" --duration 120 --timeout-ms 2000 --ledger "$work/$ledger" "$@" \
        >"$work/$name.out" 2>&1
    grep -E '^(sending to|ledger|accepted/s|timeouts)' "$work/$name.out" || true
    [[ -s "$work/$ledger" ]]
}
log "the load generator registers $mix_nodes nodes at $vip, then mixes $((2 * mix_nodes)) requests"
expect "load generator: first registrations of $mix_nodes nodes, ledger written" mix_run first "$mix_nodes" ledger.0
expect "load generator: a mix of care-of changes, renewals and deregistrations, ledger written" \
    mix_run mix $((2 * mix_nodes)) ledger.1 --from-ledger "$work/ledger.0" --mix care-of-change=50,renew=30,deregister=20
for name in "${names[@]}"; do
    [[ "$name" == "$active" ]] && continue
    expect_ledger "$work/ledger.1" "$name" "$name (standby) holds exactly what the load generator's ledger says"
done

log "kill -9 of the active member $active"
killed_at=$(date +%s%3N)
testbed_kill9 "$active"
find_active 30 "$active" || true
new_active=$group_active
expect "another member became active within 30 s (${new_active:-none}, $(($(date +%s%3N) - killed_at)) ms after the kill)" \
    test -n "$new_active"
if [[ -n "$new_active" ]]; then
    expect "$new_active, the new active member, holds every acknowledged binding (lost: $(
        holds_every_binding "$new_active" >/dev/null; awk '/^missing/ { print $2 }' "$work/$new_active.check"))" \
        holds_every_binding "$new_active"
    expect_ledger "$work/ledger.1" "$new_active" "$new_active, the new active member, holds exactly the load generator's ledger"
    testbed_exec mn "$py" "$group_client" renew --server "$vip" --ledger "$work/ledger" --count 50 --key "$mn_key" \
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
expect_ledger "$work/ledger.1" "$active" "$active holds exactly the load generator's ledger after learning"
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
