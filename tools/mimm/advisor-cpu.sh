#!/usr/bin/env bash
# The MIMM advisor's CPU per registration (issue 15: <= 10 % more with advice on), measured with the
# load generator (tools/loadgen) against two appliances from the built assembly, side by side in
# one run, identical but for the advisor:
#
#   off: an appliance without homeagent-mimm; plain registrations (the generator's default mix:
#        care-of changes 80 %, renewals 15 %, deregistrations 5 %);
#   on:  an appliance that boots homeagent-mimm (one network holds every care-of address of the
#        generator, with room), loaded twice each round:
#        (a) "on, plain":   the same plain mix: what having the advisor installed costs (its
#                           binding listeners, the network load model);
#        (b) "on, handoff": the same mix, every registration (not the deregistrations) carrying a
#                           Request Handoff (--request-handoff: target by care-of address), answered
#                           go in merged mode: a registration "with advice on" (issue 15's wording).
#
# Why two processes rather than feature:install / uninstall in one: each install gave the home
# agent's call sites new implementations (BindingListener, VendorExtensionHandler) and the first
# on-round after it paid the JIT's recompilation in the appliance's CPU time; a production box
# installs the advisor once. Both JVMs are warmed up on every kind of load first, then the rounds
# take off, on-plain, on-handoff in a rotating order so that drift on the shared machine hits each.
#
# Load: MODE=open (default) sends a fixed RATE of requests/s to each, so that every kind is measured
# at the same rate (a closed loop gives the cheaper kind more requests per wake-up, and so less CPU
# per request, which flatters it); MODE=closed keeps WINDOW requests in flight instead. "Target CPU"
# is the generator's --appliance-pid figure: the JVM's user + system time over the run / requests.
# Prints one line per measurement and the ratios of the medians. A measurement, not a test: it
# fails only if a measurement does not run or a kind is not answered as it should be.
#
#   bash tools/mimm/advisor-cpu.sh     (the assembly and tools/loadgen built; 8-12 minutes here)
#   env: NODES (20000) DURATION (15) WARMUP (5) MODE (open) RATE (2000) WINDOW (16) SOCKETS (4)
#   ROUNDS (3), JFR=1 (a profile of each appliance into the kept work folder: off.jfr, on.jfr, with
#   allocation samples; the measurements' times in phases.txt)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOADGEN="$here/../loadgen/target/homeagent-loadgen.jar"
NODES=${NODES:-20000} DURATION=${DURATION:-15} WARMUP=${WARMUP:-5} WINDOW=${WINDOW:-16} SOCKETS=${SOCKETS:-4}
ROUNDS=${ROUNDS:-3} MODE=${MODE:-open} RATE=${RATE:-2000}
TB_NAME_PREFIX=mms-
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
boot_timeout=${BOOT_TIMEOUT:-300}   # two appliances on a shared box: the second boot can take minutes
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm-cpu
[[ -f "$LOADGEN" ]] || { fail_step "no $LOADGEN: build tools/loadgen"; testbed_finish; exit; }
[[ $MODE == open || $MODE == closed ]] || { fail_step "MODE is open or closed, not $MODE"; testbed_finish; exit; }

for node in off on; do
    testbed_appliance "$node" net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.ha.maxLifetime=65534 \
        net.homeagent.mimm.reactiveListenAddress=127.0.0.1 net.homeagent.mimm.reactivePort="$(free_port udp)" \
        net.homeagent.snmp.listenAddress=127.0.0.1 || { testbed_finish; exit; }
    java -jar "$LOADGEN" --nodes "$NODES" --write-sa-file "$karaf_home/etc/mobility-security.conf"
    # the generator's care-of addresses are 198.18.0.0/15 (MobileNodes): one network with room for all
    echo "1 bench wlan 198.18.0.0/15 $((NODES * 2)) 100000000" >"$karaf_home/etc/mimm-networks.conf"
done
testbed_boot_feature on homeagent-mimm || { fail_step "on: featuresBoot not as expected"; testbed_finish; exit; }
# one after the other: booted side by side on the loaded box here, one hung twice in a row
testbed_boot off || { testbed_finish; exit; }
testbed_boot on mimm:stats 'Request Handoffs' || { testbed_finish; exit; }
if [[ -n "${JFR:-}" ]]; then
    # started once booted (a JVM started with a recording hung twice in boot here, and the test
    # bed's second start has no options of ours); profile settings sample allocations too
    KEEP_WORKDIR=1
    for node in off on; do
        jcmd "$(testbed_pid "$node")" JFR.start name=mms settings=profile filename="$work/$node.jfr" >/dev/null \
            || fail_step "$node: JFR.start failed"
    done
fi
phase() { echo "$1 $(date -u +%FT%T.%3NZ)" >>"$work/phases.txt"; }

load() {  # NODE [extra generator options...]: the JSON line of one run against NODE
    local node=$1
    shift
    local pace=(--mode closed --window "$WINDOW")
    [[ $MODE == closed ]] || pace=(--mode open --rate "$RATE")
    java -jar "$LOADGEN" --target "127.0.0.1:${TB_PORT[$node]}" --nodes "$NODES" --sockets "$SOCKETS" "${pace[@]}" \
        --duration "$DURATION" --warmup "$WARMUP" --appliance-pid "$(testbed_pid "$node")" --json "$@"
}
field() { "$py" -c 'import json,sys; r=list(json.loads(sys.argv[1])["runs"].values())[-1]; print(r'"$2"')' "$1"; }
declare -A NODE_OF=([off]=off [on-plain]=on [on-handoff]=on)
declare -A OPTS_OF=([off]="" [on-plain]="" [on-handoff]=--request-handoff)
declare -A CPU=()
measure() {  # KIND ROUND: one run, its line printed, its CPU figure kept
    local kind=$1 json accepted
    phase "$kind-$2"
    # shellcheck disable=SC2086
    json=$(load "${NODE_OF[$kind]}" ${OPTS_OF[$kind]}) || { fail_step "round $2 $kind: the generator failed"; return 1; }
    accepted=$(field "$json" '["acceptedPerSecond"]')
    CPU[$kind]+="$(field "$json" '["targetCpuMicrosPerRequest"]') "
    printf 'round %s %-10s %8s accepted/s, target CPU %7s us/request, replies %s, timeouts %s\n' "$2" "$kind" \
        "$accepted" "$(field "$json" '["targetCpuMicrosPerRequest"]')" "$(field "$json" '["replies"]')" \
        "$(field "$json" '["timeouts"]')"
}

log "$(date -u +%FT%TZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "mode $MODE ($([[ $MODE == open ]] && echo "$RATE requests/s" || echo "window $WINDOW")), $NODES nodes, $DURATION s measured after $WARMUP s"
log "warm-up (unmeasured): off plain, on plain, on handoff, 15 s each"
for kind in off on-plain on-handoff; do
    # shellcheck disable=SC2086
    load "${NODE_OF[$kind]}" ${OPTS_OF[$kind]} --duration 15 --warmup 0 >/dev/null \
        || { fail_step "warm-up $kind: the generator failed"; testbed_finish; exit; }
done
kinds=(off on-plain on-handoff)
for round in $(seq "$ROUNDS"); do
    for i in 0 1 2; do
        measure "${kinds[$(((i + round - 1) % 3))]}" "$round" || break 2
    done
    passed=$((passed + 1))
done
stats=$(testbed_shell on 'mimm:stats')
echo "  on, mimm:stats: $(echo "$stats" | grep -E '^ *(Request Handoffs|GO|NOT_NOW|NO) ' | tr -s ' ' | tr '\n' ';')"
# every Request Handoff must have been answered go: a refusal would measure a shorter path
if echo "$stats" | grep -qE '^ *(NOT_NOW|NO) +[1-9]'; then fail_step "on: the advisor refused Request Handoffs"; fi
if [[ -n "${CPU[on-handoff]:-}" && -n "${CPU[off]:-}" && -n "${CPU[on-plain]:-}" ]]; then
    "$py" - "${CPU[off]}" "${CPU[on-plain]}" "${CPU[on-handoff]}" <<'PY'
import statistics, sys
off, plain, handoff = (statistics.median(float(x) for x in arg.split()) for arg in sys.argv[1:4])
print("target CPU us/request, medians: off %.2f, on plain %.2f, on handoff %.2f" % (off, plain, handoff))
print("(a) advisor installed, plain registrations: on/off %.3f (%+.1f %%)" % (plain / off, 100 * (plain / off - 1)))
print("(b) every registration a Request Handoff:   on/off %.3f (%+.1f %%)" % (handoff / off, 100 * (handoff / off - 1)))
print("    the Request Handoff alone (b)/(a):       %.3f (%+.1f %%)" % (handoff / plain, 100 * (handoff / plain - 1)))
PY
fi
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${JFR:-}" ]]; then
    for node in off on; do jcmd "$(testbed_pid "$node")" JFR.dump name=mms filename="$work/$node.jfr" >/dev/null 2>&1 || true; done
    log "profiles: $work/off.jfr, $work/on.jfr; measurement times in $work/phases.txt"
fi
testbed_finish
