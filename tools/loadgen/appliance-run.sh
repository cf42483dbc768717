#!/usr/bin/env bash
# Load run against the real appliance (docs/PERFORMANCE.md): unpacks the built tar.gz into a
# temporary folder, configures it for loopback (listen 127.0.0.1:$PORT, other Karaf ports moved
# off their defaults, max lifetime 65534 s, binding backup per $BACKUP), writes the nodes'
# security associations with the load generator, starts it with bin/start, runs the closed-loop
# and the open-loop measurement (each after an echo baseline in the same run), and stops it.
# The appliance is the test bed's (tools/testbed/testbed.sh).
# Usage: tools/loadgen/appliance-run.sh
#   env: NODES DURATION WARMUP WINDOW RATE PORT, WINDOWS="16 2048" (several closed-loop windows in
#   one run, instead of WINDOW), SOCKETS (client sockets, 4: the appliance
#   spreads them over its event loops), EVENT_LOOPS (the appliance's eventLoops, 0 = cores),
#   MODES ("closed open"), BACKUP=true (the appliance's default durable backup), JFR=1 (record a
#   profile: $WORK/homeagent.jfr), KEEP=1 (keep the folder), HA_JAVA_OPTS (replaces the JVM
#   options of bin/setenv, e.g. to compare collectors)
# On a box with 4 cores or more the appliance (every thread) and the generator run on separate
# halves of the cores (taskset), and the echo baseline on the appliance's half; with fewer the
# report says they were not pinned (issue 17: a ratio is only fair when both sides have the same cores).
# The folder is removed at the end unless the run failed or the appliance logged an ERROR: then
# the ERROR entries are printed whole and the folder is kept (../run-folder.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOADGEN="$ROOT/tools/loadgen/target/homeagent-loadgen.jar"
NODES=${NODES:-100000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
WINDOW=${WINDOW:-16}
RATE=${RATE:-20000}
PORT=${PORT:-14340}
BACKUP=${BACKUP:-false}
SOCKETS=${SOCKETS:-4}
EVENT_LOOPS=${EVENT_LOOPS:-0}
MODES=${MODES:-closed open}
boot_timeout=${BOOT_TIMEOUT:-180}   # a busy machine has taken over a minute to boot it
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=../testbed/testbed.sh
source "$ROOT/tools/testbed/testbed.sh"
testbed_init perf   # the work folder, and the appliance stopped on any exit
WORK=$TB_WORK
finish() {
    local status=$?
    if [ -n "${JFR:-}${KEEP:-}" ]; then
        KEEP_WORKDIR=1
    fi
    testbed_teardown "$status"
    exit "$status"
}
trap finish EXIT

# loopback only; Karaf's own ports (shell, RMI, SNMP) are free ones of the test bed
HA_PORT=$PORT testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.ha.maxLifetime=65534 \
    "net.homeagent.ha.eventLoops=$EVENT_LOOPS" "net.homeagent.store.backupEnabled=$BACKUP" \
    net.homeagent.snmp.listenAddress=127.0.0.1 || exit 1
HA=$karaf_home
SSH_PORT=$ssh_port
java -jar "$LOADGEN" --nodes "$NODES" --write-sa-file "$HA/etc/mobility-security.conf"

if [ -n "${HA_JAVA_OPTS+set}" ]; then
    export HOMEAGENT_JAVA_OPTS="$HA_JAVA_OPTS"
fi
if [ -n "${JFR:-}" ]; then
    export EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=$WORK/homeagent.jfr,settings=profile -XX:FlightRecorderOptions:stackdepth=256"
fi
testbed_boot ha || exit 1
sleep 5   # let the feature installation finish before measuring
HA_PID=$(testbed_pid ha)
GENERATOR=(java -jar "$LOADGEN")
cores=$(nproc)
if ((cores >= 4)); then
    taskset -a -cp "$((cores / 2))-$((cores - 1))" "$HA_PID" > /dev/null
    GENERATOR=(taskset -c "0-$((cores / 2 - 1))" java -jar "$LOADGEN")
fi

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), nodes $NODES, backup $BACKUP"
# the appliance's JIT warms up under an unmeasured run first
"${GENERATOR[@]}" --target "127.0.0.1:$PORT" --nodes "$NODES" --sockets "$SOCKETS" --mode closed --window "$WINDOW" \
    --duration 20 --warmup 0 --json > /dev/null
udp_drops() {  # datagrams the kernel dropped for a full socket buffer since the last call
    nstat -z UdpRcvbufErrors UdpSndbufErrors | tail -n +2 | tr -s ' ' | cut -d' ' -f1,2 | tr '\n' ' '
    echo
}
udp_drops > /dev/null
echo "== appliance JVM: $(tr '\0' ' ' < /proc/$HA_PID/cmdline | grep -oE -- '-X(ms|mx|mn)[^ ]*|-XX:[^ ]*(GC|Pause|Heap)[^ ]*' | tr '\n' ' ')"
load_run() {  # mode-specific loadgen options...
    # the report's "target CPU us/request" is the appliance's (--appliance-pid)
    "${GENERATOR[@]}" --target "127.0.0.1:$PORT" --nodes "$NODES" --sockets "$SOCKETS" \
        --duration "$DURATION" --warmup "$WARMUP" --echo-baseline --appliance-pid "$HA_PID" \
        --echo-event-loops "$EVENT_LOOPS" "$@"
    echo "kernel UDP drops: $(udp_drops)"
}
for mode in $MODES; do
    case $mode in
    closed)
        top -b -H -d 1 -p "$HA_PID" > "$WORK/top.txt" &
        TOP_PID=$!
        for W in ${WINDOWS:-$WINDOW}; do
            echo "== closed loop, window $W, $SOCKETS client sockets"
            load_run --mode closed --window "$W"
            if [ "$BACKUP" = true ]; then
                echo "== backup after window $W"
                echo 'mip:backup' | "$HA/bin/client" -u karaf -p karaf -a "$SSH_PORT" -b 2>/dev/null | grep -v '^$' || true
            fi
        done
        kill "$TOP_PID"
        # the event loops' CPU in the busiest seconds of the closed loop, and the machine's idle then
        echo "ha-udp threads %CPU summed, busiest 5 seconds: $(awk '/^top -/ {if (n) print s; s = 0; n = 1} /ha-udp/ {s += $9} END {print s}' "$WORK/top.txt" | sort -n | tail -5 | tr '\n' ' ')"
        echo "machine idle %, lowest 5 seconds: $(grep -o '[0-9.]* id' "$WORK/top.txt" | sort -n | head -5 | tr -d 'id\n')"
        echo "steal by the hypervisor %, highest 5 seconds: $(grep -o '[0-9.]* st' "$WORK/top.txt" | sort -n | tail -5 | tr -d 'st\n')"
        ;;
    open)
        echo "== open loop, $RATE/s, $SOCKETS client sockets"
        load_run --mode open --rate "$RATE" --pacer spin
        ;;
    *) echo "unknown mode $mode (closed or open)" >&2; exit 2 ;;
    esac
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== appliance warnings (last 5; ERROR entries are printed whole at the end)"
grep -E '^[^|]*[|] WARN ' "$HA/data/log/karaf.log" | tail -5 || true
