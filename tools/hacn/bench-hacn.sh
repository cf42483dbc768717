#!/usr/bin/env bash
# The control node's figures (issue 12, "Performance"), all in one run on the test bed: a control
# node (public address 192.0.2.1), an active HA and a redundant HA (hacn-lib.sh, as run-hacn.sh),
# and on the same link and box one appliance without the control node ("solo", 192.0.2.50, backup
# on like the HAs); the load generator runs in its target's namespace (it refuses any address that
# is not local), so both targets are measured alike:
#
#   1. registrations/s, closed loop (window WINDOW, DURATION s after 5 s of warm-up,
#      THROUGHPUT_NODES nodes, the load generator's default mix), at solo and at the public address,
#      interleaved ROUNDS times (solo, control node, solo, ...); the ratio of the sums;
#   2. failure to serving with BINDINGS bindings: that many nodes registered through the control
#      node (all held by ha1), kill -9 of ha1; from the control node's karaf.log: the detection, the
#      download's start (receiving) and the activation (active), so the kill to detection, the
#      download rate (bindings / (activation - receiving)) and the kill to serving; and the first
#      renewal accepted at the public address (group_client.py probe, a request every 20 ms).
#
#   bash tools/hacn/bench-hacn.sh        (as root; not in CI; WRITE_DOC=1 also replaces the HACN
#                                         section of docs/PERFORMANCE.md)
#
# Environment: WINDOW (512), DURATION (15), ROUNDS (2), THROUGHPUT_NODES (20000), BINDINGS (100000),
# HEARTBEAT_MILLIS (1000), HEARTBEAT_MISSES (3), POLL_TIMEOUT_MILLIS (500), BOOT_TIMEOUT (300).
# Prints each figure, then the markdown section; "N passed, N failed" counts the steps that ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
window=${WINDOW:-512}
duration=${DURATION:-15}
rounds=${ROUNDS:-2}
throughput_nodes=${THROUGHPUT_NODES:-20000}
bindings=${BINDINGS:-100000}
heartbeat=${HEARTBEAT_MILLIS:-1000}
misses=${HEARTBEAT_MISSES:-3}
poll_timeout=${POLL_TIMEOUT_MILLIS:-500}
boot_timeout=${BOOT_TIMEOUT:-300}
public=192.0.2.1
solo_address=192.0.2.50
spi_base=100000
TB_PRODUCTION_HEAP=1 # the appliances measured as they run on a box of their own
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=hacn-lib.sh
source "$here/hacn-lib.sh"
loadgen_jar=$TB_ROOT/tools/loadgen/target/homeagent-loadgen.jar
nodes=$((bindings > throughput_nodes ? bindings : throughput_nodes))
started_at=$(date -u '+%Y-%m-%d %H:%M')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A figure=()

# load_run NAME NODE TARGET OPTION...: one load generator run in NODE's namespace, its JSON in
# $work/NAME.json; prints accepted/s
load_run() {
    local name=$1 node=$2 target=$3
    shift 3
    testbed_exec "$node" java -jar "$loadgen_jar" --target "$target" --spi-base "$spi_base" --json "$@" \
        >"$work/$name.json" 2>"$work/$name.err" || true
    json_field "$name" acceptedPerSecond
}
json_field() {  # NAME FIELD: the run's own FIELD in $work/NAME.json (the last: the per-kind ones come first)
    { grep -oE "\"$2\":[0-9.]+" "$work/$1.json" || true; } | tail -1 | cut -d: -f2
}
load_at() {  # NAME: the 1-minute load average the load generator saw before its run NAME
    { grep -oE '"loadAverageBefore":"[0-9.]+' "$work/$1.json" || true; } | grep -oE '[0-9.]+$' || echo "?"
}
# log_ms PATTERN: epoch milliseconds of the control node's first karaf.log line matching PATTERN
log_ms() {
    local stamp
    stamp=$(grep -m1 -- "$1" "$(testbed_log hacn)" | cut -d' ' -f1 || true)
    [[ -n "$stamp" ]] && date -u -d "${stamp/T/ } " +%s%3N 2>/dev/null | head -1 || true
}
agent_state() { testbed_shell hacn 'hacn:agents' | awk -v id="$1" '$1 == id {print $4}' || true; }
agent_bindings() { testbed_shell hacn 'hacn:agents' | awk -v id="$1" '$1 == id {print $6}' || true; }

# ha NAME ADDRESS NODE-ID REDUNDANT: an HA of the control node, with every node's association
ha() {
    node "$1" "$2" "$3" "100@$public:7434" "net.homeagent.ha.listenAddresses=$2" \
        net.homeagent.store.backupEnabled=true net.homeagent.hacn.agent.enabled=true \
        net.homeagent.hacn.agent.controlNodeId=100 "net.homeagent.hacn.agent.controlNode=$public:7434" \
        "net.homeagent.hacn.agent.redundant=$4" "net.homeagent.hacn.agent.heartbeatMillis=$heartbeat"
    cat "$work/loadgen-sa.conf" "$work/sa.conf" >>"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
}

TB_NAME_PREFIX=${TB_NAME_PREFIX:-hcn} # this suite's namespaces (the test bed's teardown removes them)
testbed_init bench-hacn
tb_require_root || { testbed_finish; exit; }
[[ -f "$loadgen_jar" ]] || { fail_step "no $loadgen_jar (mvn install tools/loadgen)"; testbed_finish; exit; }
java -jar "$loadgen_jar" --nodes "$nodes" --spi-base "$spi_base" --write-sa-file "$work/loadgen-sa.conf" >/dev/null
"$py" "$client" write-sa --nodes 10 --key "$key" >"$work/sa.conf"
testbed_link home
testbed_node mn home=192.0.2.100/24
node hacn "$public" 100 "1@192.0.2.11:7434,2@192.0.2.12:7434" net.homeagent.ha.listenAddresses=127.0.0.1 \
    net.homeagent.hacn.enabled=true "net.homeagent.hacn.publicAddress=$public" \
    "net.homeagent.hacn.agents=1@192.0.2.11:7434" "net.homeagent.hacn.redundantAgents=2@192.0.2.12:7434 10 0" \
    "net.homeagent.hacn.heartbeatMillis=$heartbeat" "net.homeagent.hacn.heartbeatMisses=$misses" \
    "net.homeagent.hacn.pollTimeoutMillis=$poll_timeout"
ha ha1 192.0.2.11 1 false
ha ha2 192.0.2.12 2 true
testbed_node solo "home=$solo_address/24"
HA_PORT=434 testbed_appliance solo "net.homeagent.ha.listenAddresses=$solo_address" \
    "net.homeagent.ha.homeAgentAddresses=$solo_address" net.homeagent.store.backupEnabled=true
cat "$work/loadgen-sa.conf" >>"$karaf_home/etc/mobility-security.conf"
chmod 600 "$karaf_home/etc/mobility-security.conf"

log "booting hacn, ha1, ha2 and solo"
for name in hacn ha1 ha2 solo; do testbed_start "$name"; done
tb_await_boot hacn 'hacn:status' 'public address' || { testbed_finish; exit; }
for name in ha1 ha2 solo; do tb_await_boot "$name" || { testbed_finish; exit; }; done
for _ in $(seq 60); do [[ "$(agent_state 1)" == active && "$(agent_state 2)" == standing-by ]] && break; sleep 1; done
expect "the control node sees ha1 active and ha2 standing by" \
    test "$(agent_state 1)" = active -a "$(agent_state 2)" = standing-by

# --- 1. registrations/s through the control node against a single HA -------------------------
log "1. closed loop, window $window, $duration s, $rounds rounds: solo, then the control node"
closed=(--nodes "$throughput_nodes" --mode closed --window "$window" --duration "$duration" --warmup 5 --lifetime 1800)
solo_sum=0 hacn_sum=0 runs=""
for ((round = 1; round <= rounds; round++)); do
    s=$(load_run "solo$round" solo "$solo_address:434" "${closed[@]}")
    h=$(load_run "hacn$round" hacn "$public:434" "${closed[@]}")
    log "round $round: solo ${s:-?}/s (load $(load_at "solo$round")), control node ${h:-?}/s (load $(load_at "hacn$round"))"
    runs+="${runs:+; }round $round: solo ${s:-?}/s at load $(load_at "solo$round"), control node ${h:-?}/s at load $(load_at "hacn$round")"
    solo_sum=$(awk -v a="$solo_sum" -v b="${s:-0}" 'BEGIN { print a + b }')
    hacn_sum=$(awk -v a="$hacn_sum" -v b="${h:-0}" 'BEGIN { print a + b }')
done
figure[solo]=$(awk -v a="$solo_sum" -v n="$rounds" 'BEGIN { printf "%.1f", a / n }')
figure[hacn]=$(awk -v a="$hacn_sum" -v n="$rounds" 'BEGIN { printf "%.1f", a / n }')
figure[ratio]=$(awk -v a="$hacn_sum" -v b="$solo_sum" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
figure[hacn_timeouts]=$(json_field "hacn$rounds" timeouts)
expect "closed loop: solo ${figure[solo]}/s, control node ${figure[hacn]}/s, ratio ${figure[ratio]}" \
    awk -v a="$solo_sum" -v b="$hacn_sum" 'BEGIN { exit !(a > 0 && b > 0) }'

# --- 2. failure to serving with BINDINGS bindings ----------------------------------------------
log "2. $bindings nodes registered through the control node, then kill -9 of ha1"
load_run fill hacn "$public:434" --nodes "$bindings" --mode closed --window "$window" --warmup 0 \
    --requests "$bindings" --duration $((120 + bindings / 200)) --lifetime 3600 >/dev/null
testbed_exec mn "$py" "$client" register --server "$public" --nodes 10 --key "$key" --ledger "$work/ledger" \
    >/dev/null || fail_step "the probe's nodes were not registered"
sleep 3 # the last change reports
figure[held]=$(agent_bindings 1)
figure[filled]=$(json_field fill acceptedPerSecond)
# the load generator's mix deregisters some of the nodes it registers: most, not all, stay bound
expect "ha1's MBR snapshot holds ${figure[held]:-?} bindings (of $bindings + 10 registered; filled at ${figure[filled]:-?}/s)" \
    test "${figure[held]:-0}" -ge $((bindings * 9 / 10))
killed_ms=$(date +%s%3N)
testbed_kill9 ha1
testbed_exec mn "$py" "$client" probe --server "$public" --ledger "$work/ledger" --key "$key" --timeout 0.02 \
    --duration 60 >"$work/probe.out" 2>&1 &
probe_pid=$!
deadline=$((SECONDS + 120)) # the shell answers slowly on a loaded box: bounded by time, not by tries
while ((SECONDS < deadline)) && [[ "$(agent_state 2)" != active ]]; do sleep 1; done
wait "$probe_pid" || true
detected_ms=$(log_ms "HA 1 failed, detected by")
receiving_ms=$(log_ms "HA 2: standing-by -> receiving")
active_ms=$(log_ms "HA 2: receiving -> active")
accepted_ms=$(grep -oE 'epoch-ms [0-9]+' "$work/probe.out" | grep -oE '[0-9]+' || true)
since_kill() { [[ -n "$1" ]] && echo $(($1 - killed_ms)) || echo "none"; }
figure[detected]=$(since_kill "$detected_ms")
figure[serving]=$(since_kill "$active_ms")
figure[renewal]=$(since_kill "$accepted_ms")
figure[download_ms]=$([[ -n "$receiving_ms" && -n "$active_ms" ]] && echo $((active_ms - receiving_ms)) || echo "none")
figure[rate]=$(awk -v n="${figure[held]:-0}" -v ms="${figure[download_ms]}" \
    'BEGIN { if (ms + 0 > 0) printf "%.0f", n * 1000 / ms; else print "none" }')
expect "ha2 activated with ha1's bindings: kill to detection ${figure[detected]} ms, to active ${figure[serving]} ms, download ${figure[download_ms]} ms (${figure[rate]} bindings/s), first renewal ${figure[renewal]} ms" \
    test -n "$active_ms"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
met() {  # VALUE OP TARGET: met / not met
    awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? v + 0 >= t : (v != "none" && v + 0 <= t);
        print ok ? "met" : "not met" }'
}
section="$work/hacn-section.md"
cat >"$section" <<MD
<!-- bench-hacn: begin (written by tools/hacn/bench-hacn.sh) -->
### HACN (issue 12), $started_at UTC

\`bash tools/hacn/bench-hacn.sh\` (root; WINDOW=$window DURATION=$duration ROUNDS=$rounds
THROUGHPUT_NODES=$throughput_nodes BINDINGS=$bindings HEARTBEAT_MILLIS=$heartbeat HEARTBEAT_MISSES=$misses
POLL_TIMEOUT_MILLIS=$poll_timeout): a control node, an active HA, a redundant HA and one appliance
without the control node (solo), each in its network namespace on one bridged link, backup on for
the HAs and solo, all on this box's $(nproc) cores beside the load generator;
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $load_before at the start,
$load_after at the end. Runs: $runs.

| figure | value | target |
|---|---|---|
| registrations/s, closed loop window $window, $duration s, mean of $rounds: through the control node (ha1 decides) | **${figure[hacn]}/s** (last run ${figure[hacn_timeouts]:-?} timed out) | |
| the same box, a single HA alone (solo) | ${figure[solo]}/s | |
| ratio control node / solo (sums of the interleaved runs) | **${figure[ratio]}** | >= 0.5: $(met "${figure[ratio]}" ">=" 0.5) |
| bindings in ha1's MBR snapshot at the kill | ${figure[held]} | 100,000 |
| kill -9 of ha1 to its detection (heartbeats $heartbeat ms x $misses, poll $poll_timeout ms) | ${figure[detected]} ms | |
| snapshot download: receiving to activation acknowledged | ${figure[download_ms]} ms: **${figure[rate]} bindings/s** | >= 200,000/s: $(met "${figure[rate]}" ">=" 200000) |
| kill to the redundant HA active (serving) | **${figure[serving]} ms** | <= 500 ms: $(met "${figure[serving]}" "<=" 500) |
| kill to the first renewal accepted at the public address | ${figure[renewal]} ms | |
<!-- bench-hacn: end -->
MD
cat "$section"
if [[ "${WRITE_DOC:-0}" == 1 ]]; then
    "$py" "$TB_ROOT/tools/perf/write_section.py" "$TB_ROOT/docs/PERFORMANCE.md" bench-hacn "$section" "## Targets (issue 17)"
    log "docs/PERFORMANCE.md: HACN section replaced"
fi
testbed_finish
