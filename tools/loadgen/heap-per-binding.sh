#!/usr/bin/env bash
# Heap per binding in the running appliance (issue 17: not only the store alone, as the JMH
# HeapPerBinding does): the live heap after a full GC (jcmd GC.run, then GC.heap_info's "used")
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
# shellcheck source=../testbed/testbed.sh
source "$root/tools/testbed/testbed.sh"
testbed_init heap

testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.ha.maxLifetime=65534 \
    "net.homeagent.store.backupEnabled=$backup" net.homeagent.snmp.listenAddress=127.0.0.1 || exit 1
java -jar "$loadgen" --nodes "$nodes" --write-sa-file "$karaf_home/etc/mobility-security.conf"
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit 1; }
pid=$(testbed_pid ha)

live_heap_kib() {  # used heap after a full collection, KiB
    jcmd "$pid" GC.run >/dev/null
    jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'
}
sleep 5   # let the feature installation settle
empty=$(live_heap_kib)
log "live heap with $nodes security associations and no binding: $empty KiB"
timeout $((300 + nodes / 1000)) java -jar "$loadgen" --target "127.0.0.1:$port" --nodes "$nodes" --window "$window" \
    --mode closed --warmup 0 --requests "$nodes" --duration $((240 + nodes / 1000)) --timeout-ms 10000 \
    --lifetime 65534 --json >"$work/register.json"
# every request is a node's first registration: the bindings are the accepted replies
bindings=$(grep -oE '"accepted":[0-9]+' "$work/register.json" | head -1 | cut -d: -f2 || true)
full=$(live_heap_kib)
log "live heap with ${bindings:-?} bindings: $full KiB"
if [[ -z "$bindings" ]] || ((bindings == 0)); then
    fail_step "no accepted registration (see $work/register.json)"
else
    per=$(( (full - empty) * 1024 / bindings ))
    echo "PASS heap per binding in the running appliance: $per B ($bindings bindings, backup $backup)"
    passed=$((passed + 1))
    printf '{"nodes":%d,"bindings":%d,"backup":%s,"liveHeapEmptyKiB":%d,"liveHeapFullKiB":%d,"bytesPerBinding":%d}\n' \
        "$nodes" "$bindings" "$backup" "$empty" "$full" "$per"
fi
testbed_finish
