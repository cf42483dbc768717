#!/usr/bin/env bash
# Reactive advice to MOBILES (100,000) mobiles for one alert, counted on the wire (issue 15,
# docs/mimm.md "Reactive advice at scale"; figures in docs/PERFORMANCE.md "MIMM"). A bounded
# measurement, not a CI suite. One appliance on the test bed:
#
#   ha  the appliance: user-space data plane (TUN), homeagent-mimm, the routes' trap receiver,
#       home0 10.82.0.1/24 (home link, nothing else on it), ra0 10.82.1.1/24 (radio link);
#       198.18.0.0/15 (the load generator's care-of addresses) routed via 10.82.1.2
#   rx  rx0 10.82.1.2/24; 198.18.0.0/15 local (`ip route add local ... dev lo`): every mobile's
#       care-of address ends here, where tools/mimm/push_counter.py stands in for all the mobiles
#
# 1. the load generator (tools/loadgen) writes MOBILES security associations into the appliance's
#    etc/mobility-security.conf, registers each mobile once (closed loop, in ha's namespace, from
#    198.18.0.0/15 care-of addresses) and writes its ledger: what the home agent acknowledged;
# 2. the data plane routes every home address into its TUN device (`ip route show proto 77`);
# 3. net-snmp's snmptrap raises one mimmAlert for the network holding those care-of addresses;
#    the advisor walks the binding table and pushes an advice to each home address at pushRate
#    PUSH_RATE/s, burst PUSH_BURST; the data plane tunnels each (IP in IP) to its care-of address;
# 4. push_counter.py, in rx, decodes each tunnelled push and checks it against the ledger and the
#    associations file (outer and inner headers, UDP checksum, the advice's fields and its MN-HA
#    authenticator with that mobile's key), acks it as a mobile would (from the care-of address),
#    and counts mobiles reached, bad datagrams, retransmissions and mobiles advised twice; the send
#    pace from each advice's identification (the advisor's RFC 5944 §5.7.1 timestamp of its first
#    send, this machine's clock), the arrival pace from the socket's timestamps.
#
# PERIODIC (10 s, the advisor's periodicSeconds) is below the push's length on purpose: periodic
# rounds run while the first push is still going, and no mobile may be told twice.
#
# Pass: every registered mobile reached, 0 bad, no mobile advised twice but those whose advice the
# advisor gave up (retransmitAttempts sends without an ack: the periodic push reminds them), no second
# with more than PUSH_RATE + PUSH_BURST sends, the advisor's counters agreeing (acked = MOBILES,
# sent = MOBILES + given up, nothing queued, nothing failed). Also printed: the mean rate (the pace is a ceiling: a starved or cold JVM
# falls below it, the first seconds of any push are the JIT's), the walk of the binding table (the
# advisor's log line and its thread's CPU), trap to first and last arrival, latency percentiles, the
# per-second histogram, the appliance's CPU by thread over the push.
#
#   bash tools/mimm/bench-push.sh     (root; the assembly and tools/loadgen built; ~5 min at 100,000)
#
# Environment: MOBILES (100000), PUSH_RATE (1000), PUSH_BURST (50), PERIODIC (10), EXPIRY (600),
# WINDOW (64, the load generator's), BOOT_TIMEOUT (300), and testbed.sh's (TB_NAME_PREFIX,
# HOMEAGENT_TARBALL, KEEP_WORKDIR=1). Prints every check and last "N passed, N failed".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mobiles=${MOBILES:-100000}
rate=${PUSH_RATE:-1000}
burst=${PUSH_BURST:-50}
periodic=${PERIODIC:-10}
expiry=${EXPIRY:-600}
window=${WINDOW:-64}
boot_timeout=${BOOT_TIMEOUT:-300}
TB_NAME_PREFIX=${TB_NAME_PREFIX:-mmp}
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
((EUID == 0)) || { echo "FAIL bench-push.sh needs root (ip netns, TUN, raw sockets)"; echo "0 passed, 1 failed"; exit 1; }
testbed_init mimm-push

loadgen="$TB_ROOT/tools/loadgen/target/homeagent-loadgen.jar"
[[ -f "$loadgen" ]] || { fail_step "no $loadgen: build tools/loadgen first"; testbed_finish; exit; }
command -v snmptrap >/dev/null || { fail_step "no snmptrap: install snmp (net-snmp)"; testbed_finish; exit; }

ha_addr=10.82.0.1
rx_addr=10.82.1.2
care_of_prefix=198.18.0.0/15   # tools/loadgen's care-of addresses (MobileNodes: RFC 2544's range)
mib=1.3.6.1.4.1.32473.1.5
community=mimm-push-$$
reason=2       # outage
alternative=2
started_at=$(date -u '+%Y-%m-%d %H:%M')
log "$started_at UTC, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "$mobiles mobiles, pace $rate/s burst $burst, periodic every $periodic s, alert expiry $expiry s"

log "the network: ha (home0, ra0), rx (the care-of addresses)"
testbed_link home
testbed_link radio
testbed_node ha home0@home=$ha_addr/24 ra0@radio=10.82.1.1/24
testbed_node rx rx0@radio=$rx_addr/24
testbed_exec ha ip route add "$care_of_prefix" via "$rx_addr"
testbed_exec rx ip route add local "$care_of_prefix" dev lo
testbed_exec rx ip route add default via 10.82.1.1   # the acks, back to the advice's source

HA_PORT=434 testbed_appliance ha net.homeagent.ha.homeAgentAddresses=$ha_addr net.homeagent.ha.maxLifetime=65534 \
    net.homeagent.dataplane.implementation=user-space net.homeagent.dataplane.homeInterface=home0 \
    net.homeagent.dataplane.tunName=mmptun0 net.homeagent.dataplane.proxyArp=interface \
    net.homeagent.routes.trapReceiverEnabled=true net.homeagent.routes.trapPort=10162 \
    net.homeagent.routes.trapCommunity="$community" \
    net.homeagent.mimm.pushRate="$rate" net.homeagent.mimm.pushBurst="$burst" \
    net.homeagent.mimm.periodicSeconds="$periodic" || { testbed_finish; exit; }
cat >"$karaf_home/etc/mimm-networks.conf" <<NETWORKS
# written by tools/mimm/bench-push.sh
1 bench-a wlan $care_of_prefix $((mobiles * 2)) 100000000
2 bench-b cellular 192.0.2.0/24 $((mobiles * 2)) 100000000
NETWORKS
java -jar "$loadgen" --nodes "$mobiles" --write-sa-file "$karaf_home/etc/mobility-security.conf" >/dev/null
testbed_boot ha 'mip:dataplane' 'forwarding ON' || { testbed_finish; exit; }
testbed_shell ha 'feature:install homeagent-mimm' >/dev/null || true
deadline=$((SECONDS + 90))
until testbed_shell ha 'mimm:alerts' | grep -q 'Advice queued'; do
    ((SECONDS < deadline)) || { fail_step "the advisor did not answer within 90 s"; testbed_finish; exit; }
    sleep 2
done
expect "advisor up: mimm:alerts answers" true

log "1. the load generator registers $mobiles mobiles"
t0=$SECONDS
testbed_exec ha java -jar "$loadgen" --target "$ha_addr:434" --nodes "$mobiles" --mode closed --window "$window" \
    --requests "$mobiles" --warmup 0 --duration 600 --lifetime 7200 --timeout-ms 3000 --ledger "$work/ledger" \
    >"$work/loadgen.out" 2>&1 || true
grep -E '^(sending to|ledger|accepted/s|timeouts)' "$work/loadgen.out" | sed 's/^/   | /' || true
registered=$("$py" - "$work/ledger" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
nodes = struct.unpack_from(">i", data, 9)[0]
print(sum(1 for r in struct.iter_unpack(">BIHBIHi", data[13:]) if r[0] == 1 and r[3] == 0))
PY
) || registered=0
expect "the ledger: $registered of $mobiles acknowledged as registered, nothing unanswered ($((SECONDS - t0)) s)" \
    test "$registered" -eq "$mobiles"
log "the data plane routes every home address into its TUN device"
deadline=$((SECONDS + 180))
until routes=$(testbed_exec ha ip route show proto 77 | wc -l); ((routes >= mobiles)) || ((SECONDS >= deadline)); do sleep 2; done
dataplane=$(testbed_shell ha 'mip:dataplane --limit 0')
sed 's/^/   | /' <<<"$dataplane"
expect "$routes host routes into mmptun0 (proto 77), $(grep -oE 'Tunnels: [0-9]+' <<<"$dataplane") ($((SECONDS - t0)) s after the first registration)" \
    test "$routes" -eq "$mobiles"
networks=$(testbed_shell ha 'mimm:networks')
sed 's/^/   | /' <<<"$networks"
expect "mimm:networks: $mobiles live mobiles in bench-a" grep -qE "^1 +bench-a +wlan +$mobiles/" <<<"$networks"

log "2. the counter in rx, then one mimmAlert for bench-a"
testbed_exec_bg rx "$py" "$here/push_counter.py" --sa-file "$karaf_home/etc/mobility-security.conf" \
    --ledger "$work/ledger" --home-agent "$ha_addr" --network 1 --reason "$reason" --alternative "$alternative" \
    --expiry "$expiry" --rate "$rate" --burst "$burst" --linger-s $((periodic + 5)) \
    --deadline-s $((mobiles / rate * 2 + 120)) --report "$work/push.json"
counter=$TB_BG counter_out=$TB_BG_OUT
for _ in $(seq 100); do grep -qs '^ready' "$counter_out" && break; sleep 0.2; done
grep -qs '^ready' "$counter_out" || { fail_step "the counter did not start: $(cat "$counter_out")"; testbed_finish; exit; }
sed 's/^/   | /' "$counter_out"

pid=$(testbed_pid ha)
cpu_by_thread() { # the appliance's threads' CPU ticks (utime + stime), "tid name ticks" a line
    local task
    for task in /proc/"$pid"/task/*; do
        awk -v tid="${task##*/}" -v name="$(tr ' ' _ <"$task/comm")" '{ sub(/^.*\) /, ""); print tid, name, $12 + $13 }' \
            "$task/stat" 2>/dev/null || true
    done
}
cpu_by_thread >"$work/cpu.before"
load_at_trap=$(cut -d' ' -f1-3 /proc/loadavg)
trap_ns=$(date +%s%N)
testbed_exec ha snmptrap -v 2c -c "$community" 127.0.0.1:10162 '' "$mib.0.1" \
    "$mib.1.1.1.0" s bench-a "$mib.1.1.2.0" i "$reason" "$mib.1.1.3.0" i "$expiry" "$mib.1.1.4.0" u "$alternative"
# the walk: the advisor logs it when the last mobile is queued; its worker thread's CPU until then
deadline=$((SECONDS + 120))
until grep -q 'alert 1: walked' "$(testbed_log ha)" || ((SECONDS >= deadline)); do sleep 0.1; done
cpu_by_thread >"$work/cpu.walk"
wait "$counter" || true
cpu_by_thread >"$work/cpu.after"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sed 's/^/   | /' "$counter_out"
[[ -s "$work/push.json" ]] || { fail_step "the counter wrote no report"; testbed_finish; exit; }
field() { jq -r ".$1" "$work/push.json"; }

log "3. the advisor's side"
alerts=$(testbed_shell ha 'mimm:alerts')
sed 's/^/   | /' <<<"$alerts"
stats=$(testbed_shell ha 'mimm:stats')
sed 's/^/   | /' <<<"$stats"
walk=$(grep -oE 'alert 1: walked .*' "$(testbed_log ha)" | head -n 1 || true)
walk_cpu=$(awk 'NR == FNR { before[$1] = $3; next } $2 ~ /^mimm-alerts/ { used += $3 - before[$1] } END { printf "%.2f", used / 100 }' \
    "$work/cpu.before" "$work/cpu.walk")
log "the walk: ${walk:-no walk line in karaf.log}; the worker's CPU until then $walk_cpu s"
counter_of() { awk -v k="$1" '$1 == k { print $2; exit }' <<<"$alerts"; }
cpu=$(awk 'NR == FNR { before[$1] = $3; next }
           { used = $3 - before[$1]; name = $2; sub(/-[0-9]+(-[0-9]+)?$/, "", name); sum[name] += used; all += used }
           END { printf "total %.2f s", all / 100; for (n in sum) if (sum[n] >= 5) printf ", %s %.2f s", n, sum[n] / 100 }' \
    "$work/cpu.before" "$work/cpu.after")
reached=$(field reached)
span=$(field send_span_s)
log "the appliance's CPU over the push ($span s): $cpu"

log "4. the figures"
first_ms=$(jq -r "(.first_arrival_epoch * 1000 - $trap_ns / 1000000) | floor" "$work/push.json")
last_ms=$(jq -r "(.last_arrival_epoch * 1000 - $trap_ns / 1000000) | floor" "$work/push.json")
echo "   trap to first advice arrived: $first_ms ms, to the last: $last_ms ms"
echo "   first sends: $(field send_span_s) s (at least $(field send_span_minimum_s) s by the token bucket), mean $(field send_rate_mean)/s; with the retransmissions (the same pace) $(field datagram_rate_mean)/s"
echo "   sends per second: min $(field send_per_second_min) max $(field send_per_second_max) stdev $(field send_per_second_stdev); most in any 1 s $(field send_max_in_1s) (bound $(field send_pace_bound_1s)), in any 100 ms $(field send_max_in_100ms); arrivals: most in any 1 s $(field arrival_max_in_1s)"
echo "   latency send -> arrival: p50 $(field latency_ms_p50) ms, p99 $(field latency_ms_p99) ms, max $(field latency_ms_max) ms; gaps between arrivals p50 $(field arrival_gap_ms_p50) ms, p99 $(field arrival_gap_ms_p99) ms, max $(field arrival_gap_ms_max) ms"
echo "   sends per second: $(jq -c .send_per_second "$work/push.json")"
echo "   load average at the trap $load_at_trap, after $load_after"

expect "every registered mobile reached: $reached of $(field registered)" test "$reached" -eq "$mobiles"
expect "0 bad datagrams ($(field bad), $(jq -c .bad_by_problem "$work/push.json"))" test "$(field bad)" -eq 0
gave_up=$(counter_of advice_gave_up)
expect "no mobile advised twice but those whose advice the advisor gave up ($(field advised_again) <= $gave_up; periodic every $periodic s during the push; $(field stale_new_advice) stale)" \
    test "$(field advised_again)" -le "$gave_up"
expect "retransmissions seen $(field retransmissions_received), the advisor's $(counter_of advice_retransmitted)" \
    test "$(field retransmissions_received)" -le "$(counter_of advice_retransmitted || echo 0)"
expect "no 1-s window above the pace: most $(field send_max_in_1s) <= $rate + $burst" \
    test "$(field send_max_in_1s)" -le $((rate + burst))
expect "the counter's socket dropped nothing ($(field raw_socket_drops))" test "$(field raw_socket_drops)" -eq 0
expect "the advisor: advice_acked $(counter_of advice_acked) = $mobiles, advice_sent $(counter_of advice_sent) = $mobiles + $gave_up given up and reminded" \
    test "$(counter_of advice_acked)/$(counter_of advice_sent)" = "$mobiles/$((mobiles + gave_up))"
expect "the advisor: nothing queued or unacknowledged, no send failed, nobody without association" \
    test "$(grep -E '^Advice queued' <<<"$alerts" | tr -s ' '); $(counter_of send_failed) $(counter_of no_security_association)" \
    = "Advice queued 0, unacknowledged 0; 0 0"
testbed_finish
