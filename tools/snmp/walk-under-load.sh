#!/usr/bin/env bash
# Measurement (docs/snmp.md, docs/PERFORMANCE.md): registrations/s of the load generator with and
# without a concurrent snmpbulkwalk of haMobilityBindingTable over a large binding table, as a
# ratio in one run. Not part of CI (it runs for minutes and wants an idle machine).
#
#   bash tools/snmp/walk-under-load.sh
#
# 1. unpacks the built appliance (binding backup off, as tools/loadgen/appliance-run.sh), one
#    SNMPv3 user, the load generator's NODES security associations
# 2. fills the table: FILL seconds of registrations of random nodes
# 3. run A1: DURATION s of the load generator (register/renew mix) alone
# 4. run B: the same while snmpbulkwalk walks haMobilityBindingMN (one row per binding) for as
#    long as the run lasts; prints rows walked
# 5. run A2: alone again, so that drift of a shared machine shows
# 6. prints registrations/s of A1, B, A2, B over the mean of A1 and A2, and the load average
# 7. the event routes' cost: a register/deregister mix (every request adds or removes a binding,
#    so every one is an event for the routes) with the routes bundle running (R1), stopped (S),
#    running again (R2); prints S over the mean of R1 and R2 and what the hub delivered and dropped
# env: NODES (1000000) FILL (60) DURATION (20) WINDOW (16) KEEP=1
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1
py=/usr/bin/python3
loadgen="$root/tools/loadgen/target/homeagent-loadgen.jar"
nodes=${NODES:-1000000}
fill=${FILL:-60}
duration=${DURATION:-20}
window=${WINDOW:-16}
boot_timeout=180
work=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-walk.XXXXXX")
# shellcheck source=../interop/appliance.sh
source "$root/tools/interop/appliance.sh"
cleanup() {
    local status=$?
    [[ "${KEEP:-0}" == 1 ]] && KEEP_WORKDIR=1
    release_appliance "$work" "$status"
    exit "$status"
}
trap cleanup EXIT

unpack_appliance "$root/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz" "$work" || { finish; exit 1; }
snmp_port=$(free_port udp)
etc="$karaf_home/etc"
printf 'listenAddresses = 127.0.0.1\nport = %s\nmaxLifetime = 65534\n' "$port" >"$etc/net.homeagent.ha.cfg"
printf 'backupEnabled = false\n' >"$etc/net.homeagent.store.cfg"
printf 'listenAddress = 127.0.0.1\nport = %s\n' "$snmp_port" >"$etc/net.homeagent.snmp.cfg"
echo "user perf SHA-256 perf-auth-pass AES-128 perf-priv-pass read-only" >"$etc/snmp-access.conf"
java -jar "$loadgen" --nodes "$nodes" --write-sa-file "$etc/mobility-security.conf"
start_karaf 'snmp:status' 'listening on' || { finish; exit 1; }
v3=(-v3 -l authPriv -u perf -a SHA-256 -A perf-auth-pass -x AES -X perf-priv-pass -t 5 -r 1)
bindings() { snmpget "${v3[@]}" -Oqv "127.0.0.1:$snmp_port" 1.3.6.1.4.1.32473.1.1.1.1.1.0; }
accepted() {  # accepted registrations/s of a load generator JSON line
    "$py" -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["runs"]; print(list(r.values())[-1]["acceptedPerSecond"])' "$1"
}

log "filling the table: $fill s of registrations of $nodes nodes"
java -jar "$loadgen" --target "127.0.0.1:$port" --nodes "$nodes" --mode closed --window "$window" \
    --mix register=100 --lifetime 65000 --duration "$fill" --warmup 0 --json >"$work/fill.json"
log "table: $(bindings) bindings"
mix=register=50,renew=50

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
load_run() {  # JSON file
    java -jar "$loadgen" --target "127.0.0.1:$port" --nodes "$nodes" --mode closed --window "$window" --mix "$mix" \
        --lifetime 65000 --duration "$duration" --warmup 3 --json >"$1"
}
log "run A1: $duration s of registrations alone"
load_run "$work/a1.json"
log "run B: the same with a concurrent snmpbulkwalk of haMobilityBindingMN"
(timeout $((duration + 3)) snmpbulkwalk "${v3[@]}" -Cr50 -On "127.0.0.1:$snmp_port" 1.3.6.1.2.1.44.1.6.3.1.1.1 \
    2>/dev/null || true) | wc -l >"$work/rows" &
walk=$!
load_run "$work/b.json"
wait "$walk"
log "run A2: alone again"
load_run "$work/a2.json"
mix=register=50,deregister=50
log "run R1: every request an event, routes running"
load_run "$work/r1.json"
routes_stopped() {  # the line RoutesComponent logs when it stops (the log is written asynchronously)
    sleep 2
    grep -o 'Camel context homeagent stopped.*' "$karaf_home/data/log/karaf.log" | tail -n 1
}
shell 'bundle:stop net.homeagent.routes' >/dev/null
log "run S: routes stopped ($(routes_stopped))"
load_run "$work/s.json"
shell 'bundle:start net.homeagent.routes' >/dev/null
sleep 3
log "run R2: routes running again"
load_run "$work/r2.json"
shell 'bundle:stop net.homeagent.routes' >/dev/null
log "after R2: $(routes_stopped)"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
r1=$(accepted "$work/r1.json")
s_=$(accepted "$work/s.json")
r2=$(accepted "$work/r2.json")
echo "accepted registrations/s with every request an event: R1 routes $r1, S no routes $s_, R2 routes $r2;" \
    "mean(R1, R2) / S = $("$py" -c "print(round((($r1 + $r2) / 2) / $s_, 3))")"
a1=$(accepted "$work/a1.json")
b=$(accepted "$work/b.json")
a2=$(accepted "$work/a2.json")
echo "accepted registrations/s: A1 alone $a1, B with the walk $b, A2 alone $a2;" \
    "B / mean(A1, A2) = $("$py" -c "print(round($b / (($a1 + $a2) / 2), 3))")"
echo "rows walked during B: $(cat "$work/rows") in about $((duration + 3)) s; table $(bindings) bindings"
