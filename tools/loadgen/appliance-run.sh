#!/usr/bin/env bash
# Load run against the real appliance (docs/PERFORMANCE.md): unpacks the built tar.gz into a
# temporary folder, configures it for loopback (listen 127.0.0.1:$PORT, other Karaf ports moved
# off their defaults, max lifetime 65534 s, binding backup per $BACKUP), writes the nodes'
# security associations with the load generator, starts it with bin/start, runs the closed-loop
# and the open-loop measurement (each after an echo baseline in the same run), and stops it.
# Usage: tools/loadgen/appliance-run.sh
#   env: NODES DURATION WARMUP WINDOW RATE PORT, WINDOWS="16 2048" (several closed-loop windows in one
#   run, instead of WINDOW), OPEN=0 (no open-loop run), BACKUP=true (the appliance's default durable
#   backup), JFR=1 (record a profile: $WORK/homeagent.jfr), KEEP=1 (keep the folder)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARBALL="$ROOT/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz"
LOADGEN="$ROOT/tools/loadgen/target/homeagent-loadgen.jar"
NODES=${NODES:-100000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
WINDOW=${WINDOW:-16}
RATE=${RATE:-20000}
PORT=${PORT:-14340}
BACKUP=${BACKUP:-false}
WORK=$(mktemp -d /tmp/ha-perf.XXXXXX)
tar xzf "$TARBALL" -C "$WORK"
HA="$WORK/homeagent-0.1.0-SNAPSHOT"

free_tcp_port() {  # a port nothing listens on now: other appliances may run on this box at the same time
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
SSH_PORT=$(free_tcp_port)
sed -i "s/^rmiRegistryPort = 1099/rmiRegistryPort = $(free_tcp_port)/; s/^rmiServerPort = 44444/rmiServerPort = $(free_tcp_port)/" \
    "$HA/etc/org.apache.karaf.management.cfg"
sed -i "s/^sshPort = 8101/sshPort = $SSH_PORT/" "$HA/etc/org.apache.karaf.shell.cfg"
printf 'listenAddresses = 127.0.0.1\nport = %s\nmaxLifetime = 65534\n' "$PORT" > "$HA/etc/net.homeagent.ha.cfg"
printf 'backupEnabled = %s\n' "$BACKUP" > "$HA/etc/net.homeagent.store.cfg"
java -jar "$LOADGEN" --nodes "$NODES" --write-sa-file "$HA/etc/mobility-security.conf"

if [ -n "${JFR:-}" ]; then
    export EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=$WORK/homeagent.jfr,settings=profile -XX:FlightRecorderOptions:stackdepth=256"
fi
"$HA/bin/start"
stop_appliance() {
    "$HA/bin/stop" || true
    for _ in $(seq 1 60); do
        pgrep -f "karaf.home=$HA" > /dev/null || return 0
        sleep 1
    done
    echo "appliance did not stop; killing it" >&2
    kill $(pgrep -f "karaf.home=$HA") || true
}
finish() {
    stop_appliance
    if [ -n "${JFR:-}${KEEP:-}" ]; then
        echo "appliance folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap finish EXIT
for _ in $(seq 1 60); do
    ss -Hlun "sport = :$PORT" | grep -q . && break
    sleep 1
done
grep -q "listening for Registration Requests" "$HA/data/log/karaf.log"
sleep 5   # let the feature installation finish before measuring

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), nodes $NODES, backup $BACKUP"
# the appliance's JIT warms up under an unmeasured run first
java -jar "$LOADGEN" --target "127.0.0.1:$PORT" --nodes "$NODES" --mode closed --window "$WINDOW" \
    --duration 20 --warmup 0 --json > /dev/null
udp_drops() {  # datagrams the kernel dropped for a full socket buffer since the last call
    nstat -z UdpRcvbufErrors UdpSndbufErrors | tail -n +2 | tr -s ' ' | cut -d' ' -f1,2 | tr '\n' ' '
    echo
}
udp_drops > /dev/null
HA_PID=$(pgrep -f "karaf.home=$HA")
top -b -H -d 1 -p "$HA_PID" > "$WORK/top.txt" &
TOP_PID=$!
for W in ${WINDOWS:-$WINDOW}; do
echo "== closed loop, window $W"
java -jar "$LOADGEN" --target "127.0.0.1:$PORT" --nodes "$NODES" --mode closed --window "$W" \
    --duration "$DURATION" --warmup "$WARMUP" --echo-baseline
echo "kernel UDP drops: $(udp_drops)"
if [ "$BACKUP" = true ]; then
    echo "== backup after window $W"
    echo 'mip:backup' | "$HA/bin/client" -u karaf -p karaf -a "$SSH_PORT" -b 2>/dev/null | grep -v '^$' || true
fi
done
kill "$TOP_PID"
# the event loop's CPU in the busiest seconds of the closed loop, and the machine's idle then
echo "ha-udp thread %CPU, busiest 5 seconds: $(grep ha-udp "$WORK/top.txt" | awk '{print $9}' | sort -n | tail -5 | tr '\n' ' ')"
echo "machine idle %, lowest 5 seconds: $(grep -o '[0-9.]* id' "$WORK/top.txt" | sort -n | head -5 | tr -d 'id\n')"
echo "steal by the hypervisor %, highest 5 seconds: $(grep -o '[0-9.]* st' "$WORK/top.txt" | sort -n | tail -5 | tr -d 'st\n')"
if [ "${OPEN:-1}" = 1 ]; then
echo "== open loop, $RATE/s"
java -jar "$LOADGEN" --target "127.0.0.1:$PORT" --nodes "$NODES" --mode open --rate "$RATE" --pacer spin \
    --duration "$DURATION" --warmup "$WARMUP" --echo-baseline
echo "kernel UDP drops: $(udp_drops)"
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== appliance warnings and errors"
grep -E "WARN|ERROR" "$HA/data/log/karaf.log" | cut -c1-220 | tail -5 || true
