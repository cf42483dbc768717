#!/usr/bin/env bash
# The MIMM advisor's CPU per registration (issue 15: <= 10 % more with advice on), measured with the
# load generator (tools/loadgen) against one appliance from the built assembly, in one run:
#
#   off: homeagent-mimm not installed, plain registrations (the generator's default mix: care-of
#        changes 80 %, renewals 15 %, deregistrations 5 %);
#   on:  homeagent-mimm installed, the same mix, every registration (not the deregistrations)
#        carrying a Request Handoff (--request-handoff: target by care-of address), answered go
#        in merged mode (one network holds every care-of address of the generator, with room);
#
# ROUNDS times off, on (feature:install / feature:uninstall between), after an unmeasured warm-up.
# The appliance's CPU time per request is the generator's "target CPU us/request" (--appliance-pid:
# the JVM's utime + stime over the measured seconds / replies). Prints one line per round and the
# ratio on/off of the medians. A measurement, not a test: it fails only if a round does not run.
#
#   bash tools/mimm/advisor-cpu.sh     (the assembly and tools/loadgen built; about 3 minutes)
#   env: NODES (20000) DURATION (15) WARMUP (5) WINDOW (16) SOCKETS (4) ROUNDS (2), JFR=1 (record a
#   profile of the appliance into the kept work folder: homeagent.jfr, the phases' times in phases.txt)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOADGEN="$here/../loadgen/target/homeagent-loadgen.jar"
NODES=${NODES:-20000} DURATION=${DURATION:-15} WARMUP=${WARMUP:-5} WINDOW=${WINDOW:-16} SOCKETS=${SOCKETS:-4}
ROUNDS=${ROUNDS:-2}
TB_NAME_PREFIX=mms-
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm-cpu
[[ -f "$LOADGEN" ]] || { fail_step "no $LOADGEN: build tools/loadgen"; testbed_finish; exit; }

testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.ha.maxLifetime=65534 \
    net.homeagent.mimm.reactiveListenAddress=127.0.0.1 net.homeagent.mimm.reactivePort="$(free_port udp)" \
    net.homeagent.snmp.listenAddress=127.0.0.1 || { testbed_finish; exit; }
java -jar "$LOADGEN" --nodes "$NODES" --write-sa-file "$karaf_home/etc/mobility-security.conf"
# the generator's care-of addresses are 198.18.0.0/15 (MobileNodes): one network with room for all
echo "1 bench wlan 198.18.0.0/15 $((NODES * 2)) 100000000" >"$karaf_home/etc/mimm-networks.conf"
if [[ -n "${JFR:-}" ]]; then
    export EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/homeagent.jfr,settings=profile"
    KEEP_WORKDIR=1
fi
testbed_boot ha || { testbed_finish; exit; }
pid=$(testbed_pid ha)
phase() { echo "$1 $(date -u +%FT%T.%3NZ)" >>"$work/phases.txt"; }

load() {  # extra generator options...: the JSON line of one closed-loop run
    java -jar "$LOADGEN" --target "127.0.0.1:$port" --nodes "$NODES" --sockets "$SOCKETS" --mode closed \
        --window "$WINDOW" --duration "$DURATION" --warmup "$WARMUP" --appliance-pid "$pid" --json "$@"
}
field() { "$py" -c 'import json,sys; r=list(json.loads(sys.argv[1])["runs"].values())[-1]; print(r'"$2"')' "$1"; }
advisor() {  # install|uninstall, then wait until mimm:stats answers (or no longer does)
    testbed_shell ha "feature:$1 homeagent-mimm" >/dev/null
    for _ in $(seq 60); do
        if testbed_shell ha 'mimm:stats' | grep -q 'Request Handoffs'; then [[ $1 == install ]] && return 0
        else [[ $1 == uninstall ]] && return 0; fi
        sleep 1
    done
    fail_step "feature:$1 homeagent-mimm: mimm:stats did not follow within 60 s"
    return 1
}

log "$(date -u +%FT%TZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
log "warm-up (unmeasured, advisor off)"
load --duration 15 --warmup 0 >/dev/null
declare -a off_cpu=() on_cpu=()
for round in $(seq "$ROUNDS"); do
    phase "off-$round"
    json=$(load) || { fail_step "round $round off: the generator failed"; break; }
    off_cpu+=("$(field "$json" '["targetCpuMicrosPerRequest"]')")
    echo "round $round off: $(field "$json" '["acceptedPerSecond"]') accepted/s, target CPU ${off_cpu[-1]} us/request, replies $(field "$json" '["replies"]')"
    advisor install || break
    phase "on-$round"
    json=$(load --request-handoff) || { fail_step "round $round on: the generator failed"; break; }
    phase "on-end-$round"
    on_cpu+=("$(field "$json" '["targetCpuMicrosPerRequest"]')")
    echo "round $round on:  $(field "$json" '["acceptedPerSecond"]') accepted/s, target CPU ${on_cpu[-1]} us/request, replies $(field "$json" '["replies"]')"
    echo "  $(testbed_shell ha 'mimm:stats' | grep -E '^ *(Request Handoffs|GO|NOT_NOW|NO|NONE) ' | tr -s ' ' | tr '\n' ';')"
    advisor uninstall || break
    passed=$((passed + 1))
done
if ((${#on_cpu[@]} > 0)); then
    "$py" - "${off_cpu[*]}" "${on_cpu[*]}" <<'PY'
import statistics, sys
off = [float(x) for x in sys.argv[1].split()]
on = [float(x) for x in sys.argv[2].split()]
print("target CPU us/request, median: off %.2f, on %.2f, on/off %.3f (%+.1f %%)" % (
    statistics.median(off), statistics.median(on), statistics.median(on) / statistics.median(off),
    100 * (statistics.median(on) / statistics.median(off) - 1)))
PY
fi
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${JFR:-}" ]]; then
    log "profile: $work/homeagent.jfr (jcmd $pid JFR.dump), phases in $work/phases.txt"
    jcmd "$pid" JFR.dump filename="$work/homeagent.jfr" >/dev/null 2>&1 || true
fi
testbed_finish
