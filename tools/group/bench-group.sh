#!/usr/bin/env bash
# The redundancy group's figures (issue 11, "Performance"), all in one run on the test bed: a group
# of 2 members (group-lib.sh, keepalived at advert_int ADVERT_INT) and, on the same link and box,
# one appliance without the group feature ("solo", 192.0.2.50, backup on like the members):
#
#   1. registrations/s, closed loop (window WINDOW, DURATION s after 5 s of warm-up, THROUGHPUT_NODES
#      nodes, the load generator's default mix), at the VIP (replies wait for the group) and at
#      solo; the ratio of the two;
#   2. replication lag at RATE registrations/s open loop for LAG_SECONDS at the VIP: tshark on the
#      link decodes the peer link (tools/wireshark/homeagent-peer.lua) and replication_lag.py takes,
#      per message, the standby's first ack minus the active's first transmission;
#   3. learning LEARN_NODES bindings: registered at the VIP, then the standby is killed (kill -9)
#      and started again; group:status's "last learn" (request to standby) and the boot time;
#   4. failover: the active member's box dies (kill -9 of its JVM and its keepalived, its link
#      down, at once); keepalived's takeover (the VIP on the other member, polled every 10 ms) and
#      the first renewal accepted at the VIP (group_client.py probe from the mobile nodes' host,
#      a new request every 20 ms) are both timed from the kill.
#
#   bash tools/group/bench-group.sh           (as root; WRITE_DOC=1 also replaces the group
#                                              section of docs/PERFORMANCE.md)
#
# Environment: WINDOW (2048), DURATION (20), THROUGHPUT_NODES (100000), RATE (20000), LAG_SECONDS
# (10), LEARN_NODES (1000000), ADVERT_INT (0.1), BOOT_TIMEOUT (300), GROUP_OVERRIDES (PID.key=value
# ... for both members, as in run-group-proof.sh). Prints each figure, then the
# markdown section; "N passed, N failed" counts the steps that ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
members=2
window=${WINDOW:-2048}
duration=${DURATION:-20}
throughput_nodes=${THROUGHPUT_NODES:-100000}
rate=${RATE:-20000}
lag_seconds=${LAG_SECONDS:-10}
learn_nodes=${LEARN_NODES:-1000000}
advert_int=${ADVERT_INT:-0.1}
boot_timeout=${BOOT_TIMEOUT:-300}
read -ra group_overrides <<<"${GROUP_OVERRIDES:-}"
solo_address=192.0.2.50
spi_base=100000
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=group-lib.sh
source "$here/group-lib.sh"
nodes=$((learn_nodes > throughput_nodes ? learn_nodes : throughput_nodes))
started_at=$(date -u '+%Y-%m-%d %H:%M')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A figure=()

# load_run NAME TARGET-NODE TARGET OPTION...: one load generator run in TARGET-NODE's namespace,
# its JSON in $work/NAME.json; prints accepted/s
load_run() {
    local name=$1 node=$2 target=$3
    shift 3
    testbed_exec "$node" java -jar "$loadgen_jar" --target "$target" --spi-base "$spi_base" --json "$@" \
        >"$work/$name.json" 2>"$work/$name.err" || true
    json_field "$name" acceptedPerSecond
}
json_p99() {  # NAME: the reply latency p99 (us) of the home agent run in $work/NAME.json
    { grep -oE '"latencyMicros":\{[^}]*' "$work/$1.json" || true; } | grep -oE '"p99":[0-9.]+' | cut -d: -f2
}
json_field() {  # NAME FIELD: the run's own FIELD in $work/NAME.json (the last: the per-kind ones come first)
    { grep -oE "\"$2\":[0-9.]+" "$work/$1.json" || true; } | tail -1 | cut -d: -f2
}

group_init bench-group || { testbed_finish; exit; }
[[ -f "$loadgen_jar" ]] || { fail_step "no $loadgen_jar"; testbed_finish; exit; }
loadgen_sa "$nodes" "$spi_base" "$work/loadgen-sa.conf"
"$py" "$group_client" write-sa --nodes 10 --key "$mn_key" >"$work/sa.conf"
group_add_sa "$work/loadgen-sa.conf"
group_add_sa "$work/sa.conf"
group_members || { testbed_finish; exit; }
testbed_node solo "home=$solo_address/24"
HA_PORT=434 testbed_appliance solo "net.homeagent.ha.listenAddresses=$solo_address" \
    "net.homeagent.ha.homeAgentAddresses=$solo_address" net.homeagent.store.backupEnabled=true
for file in "${group_sa_files[@]}"; do grep -v '^#' "$file" >>"$karaf_home/etc/mobility-security.conf"; done
chmod 600 "$karaf_home/etc/mobility-security.conf"
testbed_start solo
group_boot || { testbed_finish; exit; }
tb_await_boot solo || { testbed_finish; exit; }
active=$group_active
standby=$( [[ $active == ha1 ]] && echo ha2 || echo ha1)
# the failover probe's node, registered while the group is quiet (the probe renews it)
testbed_exec mn "$py" "$group_client" register --server "$vip" --nodes 1 --key "$mn_key" --ledger "$work/ledger" \
    || fail_step "the failover probe's node was not registered"

# --- 1. registrations/s with sync against the same box without -----------------------------
log "1. closed loop, window $window, $duration s: solo, then the group at the VIP"
closed=(--nodes "$throughput_nodes" --mode closed --window "$window" --duration "$duration" --warmup 5 --lifetime 1800)
figure[solo]=$(load_run solo solo "$solo_address:434" "${closed[@]}")
figure[sync]=$(load_run sync "$active" "$vip:434" "${closed[@]}")
expect "closed loop: solo ${figure[solo]:-?}/s, group ${figure[sync]:-?}/s" test -n "${figure[solo]}" -a -n "${figure[sync]}"
figure[ratio]=$(awk -v a="${figure[sync]:-0}" -v b="${figure[solo]:-1}" 'BEGIN { printf "%.3f", a / b }')
figure[solo_p99]=$(json_p99 solo)
figure[sync_p99]=$(json_p99 sync)
figure[sync_timeouts]=$(json_field sync timeouts)
figure[solo_timeouts]=$(json_field solo timeouts)
figure[lagged]=$(group_counter "$active" reply-wait-timeouts)

# --- 2. replication lag at RATE/s open loop ------------------------------------------------
log "2. open loop at $rate/s for $lag_seconds s at the VIP, tshark on the link"
testbed_capture home "udp port $peer_port" || { testbed_finish; exit; }
figure[open]=$(load_run open "$active" "$vip:434" --nodes "$throughput_nodes" --mode open --rate "$rate" \
    --duration "$lag_seconds" --warmup 0 --lifetime 1800)
sleep 1
testbed_capture_stop
tshark -n -r "$TB_PCAP" -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" -Y hapeer -T fields \
    -e frame.time_epoch -e hapeer.node -e hapeer.data.msg_seq -e hapeer.ack.msg_seq >"$work/lag.fields" 2>/dev/null || true
"$py" "$here/replication_lag.py" --sender "${active#ha}" <"$work/lag.fields" | tee "$work/lag.out" || true
figure[lag]=$(grep -m1 '^member' "$work/lag.out" || echo "not measured")
figure[open_p99]=$(json_p99 open)
expect "replication lag measured (${figure[lag]}); open loop accepted ${figure[open]:-?}/s" \
    grep -q '^member' "$work/lag.out"

# --- 3. learning LEARN_NODES bindings --------------------------------------------------------
log "3. $learn_nodes nodes registered at the VIP, then $standby restarts and learns"
load_run learnfill "$active" "$vip:434" --nodes "$learn_nodes" --mode closed --window "$window" --warmup 0 \
    --requests "$learn_nodes" --duration $((120 + learn_nodes / 500)) --lifetime 1800 >/dev/null
testbed_kill9 "$standby"
restart_ms=$(date +%s%3N)
testbed_boot "$standby" 'group:status' 'Group member' || { testbed_finish; exit; }
await_state "$standby" STANDBY 120 || true
figure[learn_wall]=$(($(date +%s%3N) - restart_ms))
figure[learn]=$(testbed_shell "$standby" 'group:status' | { grep 'last learn' || true; } | tr -s ' ' | sed 's/^ //')
expect "$standby learned (${figure[learn]}; start to standby ${figure[learn_wall]} ms)" \
    bash -c '[[ "$1" == *"from node"* ]]' _ "${figure[learn]}"

# --- 4. failover: the active member's box dies -------------------------------------------------
log "4. $active's box dies: kill -9 of its JVM and keepalived, its link down"
killed_ms=$(date +%s%3N)
kill -KILL "$(testbed_pid "$active")" "${group_keepalived[$active]}" 2>/dev/null || true
testbed_exec "$active" ip link set dev home down
testbed_exec mn "$py" "$group_client" probe --server "$vip" --ledger "$work/ledger" --key "$mn_key" --timeout 0.02 \
    --duration 30 >"$work/probe.out" 2>&1 &
probe_pid=$!
vip_ms=""
for _ in $(seq 3000); do
    if testbed_exec "$standby" ip -4 addr show dev home | grep -q "inet $vip/"; then vip_ms=$(date +%s%3N); break; fi
    sleep 0.01
done
wait "$probe_pid" || true
accepted_ms=$(grep -oE 'epoch-ms [0-9]+' "$work/probe.out" | grep -oE '[0-9]+' || true)
figure[takeover]=$([[ -n "$vip_ms" ]] && echo $((vip_ms - killed_ms)) || echo "none")
figure[serving]=$([[ -n "$accepted_ms" ]] && echo $((accepted_ms - killed_ms)) || echo "none")
expect "failover: keepalived moved the VIP ${figure[takeover]} ms after the kill, first renewal accepted ${figure[serving]} ms after it ($(cat "$work/probe.out"))" \
    test -n "$accepted_ms"
testbed_exec "$active" ip link set dev home up

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
load_at() {  # NAME: the 1-minute load average the load generator saw before its run NAME
    { grep -oE '"loadAverageBefore":"[0-9.]+' "$work/$1.json" || true; } | grep -oE '[0-9.]+$' || echo "?"
}
runs_load="solo $(load_at solo), group $(load_at sync), open loop $(load_at open)"
busy=$(awk -v a="$(load_at solo)" -v b="$(load_at sync)" -v c="$(load_at open)" -v before="${load_before%% *}" \
    'BEGIN { print (a + 0 > 3 || b + 0 > 3 || c + 0 > 3 || before + 0 > 3) ? 1 : 0 }')
section="$work/group-section.md"
cat >"$section" <<MD
<!-- bench-group: begin (written by tools/group/bench-group.sh) -->
### Redundancy group (issue 11), $started_at UTC

\`bash tools/group/bench-group.sh\` (root; WINDOW=$window DURATION=$duration THROUGHPUT_NODES=$throughput_nodes
RATE=$rate LAG_SECONDS=$lag_seconds LEARN_NODES=$learn_nodes ADVERT_INT=$advert_int): 2 members with keepalived
and one appliance without the group feature, each in its network namespace on one bridged link,
all on this box's 2 cores beside the load generator; load average $load_before at the start, $load_after at the
end; 1-minute load before each measured run (the group and solo idle): $runs_load.
$( ((busy == 0)) || echo "**The box was busy (other builds and tests ran): the figures below are a floor, to be taken again on a quiet box.**")

| figure | value |
|---|---|
| registrations/s, closed loop window $window, $duration s: group (2 members, replies wait for the group) | **${figure[sync]}/s** (p99 ${figure[sync_p99]} us, ${figure[sync_timeouts]} timed out; reply-wait-timeouts ${figure[lagged]}) |
| the same box without the group (solo appliance, backup on) | ${figure[solo]}/s (p99 ${figure[solo_p99]} us, ${figure[solo_timeouts]} timed out) |
| ratio group / solo (target >= 0.7) | **${figure[ratio]}** |
| replication lag at $rate/s open loop (on the wire: the active's first transmission of a change to the standby's first ack; target p99 <= 5 ms) | ${figure[lag]}; accepted ${figure[open]}/s, reply p99 ${figure[open_p99]} us |
| learning $learn_nodes bindings (group:status "last learn": request to standby; target <= 5 s) | ${figure[learn]}; start command to standby ${figure[learn_wall]} ms |
| failover, box death (kill -9 of JVM and keepalived, link down), advert_int $advert_int s: keepalived's takeover (VIP on the other member) | ${figure[takeover]} ms |
| failover: kill to first renewal accepted at the VIP (target <= 0.5 s) | **${figure[serving]} ms** |
<!-- bench-group: end -->
MD
cat "$section"
if [[ "${WRITE_DOC:-0}" == 1 ]]; then
    "$py" "$TB_ROOT/tools/perf/write_section.py" "$TB_ROOT/docs/PERFORMANCE.md" bench-group "$section" "### Other figures on this machine"
    log "docs/PERFORMANCE.md: group section replaced"
fi
testbed_finish
