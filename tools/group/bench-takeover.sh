#!/usr/bin/env bash
# The data plane's take-over in a redundancy group (issue 11: "on becoming active it installs every
# binding and sends gratuitous ARP for the home addresses, fast: measure it at 100,000 bindings"),
# on the test bed: 2 members (group-lib.sh) forwarding with the user-space data plane on their home
# link (startStandingBy, as docs/redundancy.md asks of every member), NODES bindings registered at
# the VIP by the load generator, then the active member's box dies (kill -9 of its JVM and its
# keepalived, its link down, at once). Figures, all from the survivor:
#   - its "data plane took over N bindings in M ms" (routes into the TUN device, proxy ARP entries
#     and the announcements, in one pass: docs/dataplane.md "Serving and standing by");
#   - the kill to that line, and to the first renewal accepted at the VIP (group_client.py probe);
#   - its host routes (proto 77) and proxy ARP entries counted against the table, before (0:
#     standing by) and after, and the gratuitous ARPs it sent (mip:dataplane) and the link saw
#     (tshark on the link's bridge).
#
#   bash tools/group/bench-takeover.sh        (as root; WRITE_DOC=1 also replaces the take-over
#                                               section of docs/PERFORMANCE.md)
#
# Environment: NODES (100000), PROXY_ARP (entries | interface, the data plane's proxyArp),
# ADVERT_INT (0.1), WINDOW (2048). Prints each figure, then the markdown section; "N passed,
# N failed" counts the checks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
members=2
nodes=${NODES:-100000}
proxy_arp=${PROXY_ARP:-entries}
advert_int=${ADVERT_INT:-0.1}
window=${WINDOW:-2048}
window=$((window < nodes ? window : nodes)) # one request in flight per node at most
spi_base=100000
group_overrides=(net.homeagent.dataplane.implementation=user-space net.homeagent.dataplane.homeInterface=home
    net.homeagent.dataplane.startStandingBy=true "net.homeagent.dataplane.proxyArp=$proxy_arp")
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=group-lib.sh
source "$here/group-lib.sh"
started_at=$(date -u '+%Y-%m-%d %H:%M')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

routes_of() { testbed_exec "$1" ip -4 route show proto 77 table all | wc -l; }
proxies_of() { testbed_exec "$1" ip -4 neigh show proxy dev home | wc -l; }
garps_sent() {  # NAME: the gratuitous ARPs mip:dataplane says NAME sent
    local sent
    sent=$(testbed_shell "$1" 'mip:dataplane' | grep -m1 -oE 'gratuitous ARPs sent: [0-9]+' | grep -oE '[0-9]+$' || true)
    echo "${sent:-0}"
}

group_init bench-takeover || { testbed_finish; exit; }
[[ -f "$loadgen_jar" ]] || { fail_step "no $loadgen_jar"; testbed_finish; exit; }
loadgen_sa "$nodes" "$spi_base" "$work/loadgen-sa.conf"
"$py" "$group_client" write-sa --nodes 1 --key "$mn_key" >"$work/sa.conf"
group_add_sa "$work/loadgen-sa.conf"
group_add_sa "$work/sa.conf"
group_members || { testbed_finish; exit; }
group_boot || { testbed_finish; exit; }
active=$group_active
standby=$([[ $active == ha1 ]] && echo ha2 || echo ha1)

log "$nodes nodes registered at the VIP, closed loop, window $window"
testbed_exec mn "$py" "$group_client" register --server "$vip" --nodes 1 --key "$mn_key" --ledger "$work/ledger" \
    || fail_step "the failover probe's node was not registered"
loadgen_at_vip "$active" --spi-base "$spi_base" --nodes "$nodes" --mode closed --window "$window" --warmup 0 \
    --requests "$nodes" --duration $((120 + nodes / 500)) --lifetime 1800 --json >"$work/fill.json" 2>"$work/fill.err" || true
list_bindings "$standby" "$work/$standby.bindings" >/dev/null || true
table=$(grep -m1 -oE 'Total [0-9]+' "$work/$standby.bindings" | grep -oE '[0-9]+' || echo 0)
expect "the standby member $standby holds $table bindings (of $nodes + 1 sent)" test "$table" -ge $((nodes * 99 / 100))
expect "$active routes every one into its TUN device ($(routes_of "$active") host routes)" \
    test "$(routes_of "$active")" -ge "$table"
expect "$standby, standing by, routes none ($(routes_of "$standby")) and proxies none ($(proxies_of "$standby"))" \
    test "$(routes_of "$standby")" -eq 0 -a "$(proxies_of "$standby")" -eq 0
await_state "$standby" STANDBY 60 || true
garps_before=$(garps_sent "$standby")

log "$active's box dies: kill -9 of its JVM and keepalived, its link down"
testbed_capture home "arp" || { testbed_finish; exit; }
killed_ms=$(date +%s%3N)
kill -KILL "$(testbed_pid "$active")" "${group_keepalived[$active]}" 2>/dev/null || true
testbed_exec "$active" ip link set dev home down
testbed_exec mn "$py" "$group_client" probe --server "$vip" --ledger "$work/ledger" --key "$mn_key" --timeout 0.02 \
    --duration 60 >"$work/probe.out" 2>&1 || true
took_line=""
for _ in $(seq 120); do
    took_line=$(grep -m1 -oE 'data plane took over [0-9]+ bindings in [0-9]+ ms' "$(testbed_log "$standby")" || true)
    [[ -n "$took_line" ]] && break
    sleep 1
done
took_stamp=$(grep -m1 'data plane took over' "$(testbed_log "$standby")" | cut -d'|' -f1 | tr ',' '.' | xargs || true)
took_at=$([[ -n "$took_stamp" ]] && date -d "$took_stamp" +%s%3N || true) # karaf.log's times are the box's (UTC)
sleep 3 # the announcements' second round (a second after the first)
testbed_capture_stop
accepted_ms=$(grep -oE 'epoch-ms [0-9]+' "$work/probe.out" | grep -oE '[0-9]+' || true)
took_ms=$(grep -oE 'in [0-9]+ ms' <<<"$took_line" | grep -oE '[0-9]+' || true)
expect "$standby: $took_line" test -n "$took_line"
routes_after=$(routes_of "$standby")
proxies_after=$(proxies_of "$standby")
garps=$(($(garps_sent "$standby") - garps_before))
seen=$({ tshark -n -r "$TB_PCAP" -Y 'arp.isgratuitous == 1' 2>/dev/null || true; } | wc -l)
expect "$standby routes every binding now ($routes_after host routes for $table bindings)" \
    test "$routes_after" -ge "$table"
[[ "$proxy_arp" == entries ]] && expect "$standby proxies every home address ($proxies_after proxy ARP entries)" \
    test "$proxies_after" -ge "$table"
expect "$standby announced every home address twice: $garps gratuitous ARPs sent, $seen seen on the link" \
    test "$garps" -ge $((2 * table)) -a "$seen" -ge $((2 * table))
expect "the first renewal at the VIP was accepted ($(cat "$work/probe.out"))" test -n "$accepted_ms"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
section="$work/takeover-section.md"
cat >"$section" <<MD
<!-- bench-takeover: begin (written by tools/group/bench-takeover.sh) -->
### Data plane take-over in a redundancy group (issue 11), $started_at UTC

\`bash tools/group/bench-takeover.sh\` (root; NODES=$nodes PROXY_ARP=$proxy_arp ADVERT_INT=$advert_int): 2 members with
keepalived and the user-space data plane (startStandingBy) on one bridged link, each in its network
namespace, all on this box's 2 cores; load average $load_before at the start, $load_after at the end.

| figure (the surviving member) | value |
|---|---|
| bindings taken over | $table |
| "data plane took over": host routes into the TUN device, proxy ARP entries ($proxy_arp), first announcements | **${took_ms:-none} ms** |
| box death (kill -9, link down) to the end of that take-over | $([[ -n "$took_at" ]] && echo "$((took_at - killed_ms)) ms" || echo none) |
| box death to the first renewal accepted at the VIP | $([[ -n "$accepted_ms" ]] && echo "$((accepted_ms - killed_ms)) ms" || echo none) |
| host routes / proxy ARP entries after | $routes_after / $proxies_after |
| gratuitous ARPs sent (2 per home address, RFC 5944 §4.6) / seen on the link | $garps / $seen |
<!-- bench-takeover: end -->
MD
cat "$section"
if [[ "${WRITE_DOC:-0}" == 1 ]]; then
    "$py" "$TB_ROOT/tools/perf/write_section.py" "$TB_ROOT/docs/PERFORMANCE.md" bench-takeover "$section" "### Mobile IPv6 binding recovery"
    log "docs/PERFORMANCE.md: take-over section written"
fi
testbed_finish
