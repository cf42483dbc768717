#!/usr/bin/env bash
# Heap per binding in the running appliance (issue 17: not only the store alone, as the JMH
# HeapPerBinding does): the bytes of the live objects (jcmd GC.class_histogram, which collects
# first and counts only what is reachable, whatever the collector)
# with every security association loaded and no binding, then again after NODES first
# registrations through UDP; the difference over NODES is what one binding costs the appliance
# with everything it keeps for it (table, expiry, replay state, the backup's index).
# Loopback only, bounded; the appliance is the test bed's (tools/testbed/testbed.sh).
#   env: NODES (default 1000000), BACKUP (default true, the appliance's default), WINDOW (2048)
# Prints the figures and last one JSON line.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
loadgen=$root/tools/loadgen/target/homeagent-loadgen.jar
nodes=${NODES:-1000000}
backup=${BACKUP:-true}
window=${WINDOW:-2048}
[[ -f "$loadgen" ]] || { echo "no $loadgen: mvn -pl tools/loadgen package" >&2; exit 2; }
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$root/tools/testbed/testbed.sh"
testbed_init heap

testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.ha.maxLifetime=65534 \
    "net.homeagent.store.backupEnabled=$backup" net.homeagent.snmp.listenAddress=127.0.0.1 || exit 1
java -jar "$loadgen" --nodes "$nodes" --write-sa-file "$karaf_home/etc/mobility-security.conf"
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit 1; }
pid=$(testbed_pid ha)

live_bytes() {  # $1: file for the histogram; prints the bytes of the objects reachable now ("Total <instances> <bytes>")
    jcmd "$pid" GC.class_histogram >"$1"
    awk '$1 == "Total" {print $3}' "$1"
}
sleep 5   # let the feature installation settle
empty=$(live_bytes "$work/histogram.empty")
log "live objects with $nodes security associations and no binding: $empty bytes"
timeout $((300 + nodes / 1000)) java -jar "$loadgen" --target "127.0.0.1:$port" --nodes "$nodes" --window "$window" \
    --mode closed --warmup 0 --requests "$nodes" --duration $((240 + nodes / 1000)) --timeout-ms 10000 \
    --lifetime 65534 --json >"$work/register.json"
# every request is a node's first registration: the bindings are the accepted replies
bindings=$(grep -oE '"accepted":[0-9]+' "$work/register.json" | head -1 | cut -d: -f2 || true)
full=$(live_bytes "$work/histogram.full")
log "live objects with ${bindings:-?} bindings: $full bytes"
if [[ -z "$bindings" ]] || ((bindings == 0)); then
    fail_step "no accepted registration (see $work/register.json)"
else
    per=$(( (full - empty) / bindings ))
    log "what grew, bytes per binding by class (the largest 8):"
    awk -v n="$bindings" 'FNR == 1 { file++ } $1 ~ /^[0-9]+:$/ { bytes[$4] += (file == 1 ? -$3 : $3) }
        END { for (c in bytes) if (bytes[c] > 0) printf "%8.1f  %s\n", bytes[c] / n, c }' \
        "$work/histogram.empty" "$work/histogram.full" | sort -rn | head -8
    echo "PASS heap per binding in the running appliance: $per B ($bindings bindings, backup $backup)"
    passed=$((passed + 1))
    printf '{"nodes":%d,"bindings":%d,"backup":%s,"liveBytesEmpty":%d,"liveBytesFull":%d,"bytesPerBinding":%d}\n' \
        "$nodes" "$bindings" "$backup" "$empty" "$full" "$per"
fi
testbed_finish
