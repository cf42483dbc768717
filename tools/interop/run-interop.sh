#!/usr/bin/env bash
# Interoperability run: the built appliance against an independent Mobile IPv4 client
# (scapy, tools/interop/mip_client.py), with Wireshark's dissector (tshark) as the judge of
# what goes over the wire.
#
#   bash tools/interop/run-interop.sh
#
# 1. checks the client itself (client_selfcheck.py: RFC 2202 vectors, tshark decodes its requests)
# 2. unpacks karaf-assembly/target/homeagent-*.tar.gz into a temporary directory, writes the
#    test configuration (test_interop.py write-config) on free loopback ports, starts Karaf
# 3. waits (bounded) until the home agent's UDP port is bound and the mip: commands answer
# 4. captures the test port on lo with tshark while test_interop.py runs its scenarios
# 5. reads the capture back with tshark (tshark_check.py)
# Prints every check, the Karaf log tail on failure, and last exactly one line
# "N passed, N failed"; exits non-zero on any failure. Karaf, tshark and the temporary
# directory are gone on exit, whatever happened.
#
# Environment: HOMEAGENT_TARBALL (default karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz),
# HA_PORT (default: a free UDP port; 434 works too, as root), BOOT_TIMEOUT (s, default 120),
# KEEP_WORKDIR=1 keeps the temporary directory (pcap, logs) for a post-mortem.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1   # leave no __pycache__ in the work tree
py=/usr/bin/python3   # Debian's python3-scapy installs for this interpreter only (STACK.md)
tarball=${HOMEAGENT_TARBALL:-$root/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
boot_timeout=${BOOT_TIMEOUT:-120}

work=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-interop.XXXXXX")
karaf_home=""
karaf_pid=""
tshark_pid=""
passed=0
failed=0

log() { printf '== %s\n' "$*"; }

stop_tshark() {
    if [[ -n "$tshark_pid" ]]; then
        kill -INT "$tshark_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$tshark_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$tshark_pid" 2>/dev/null || true
        wait "$tshark_pid" 2>/dev/null || true
        tshark_pid=""
    fi
}

stop_karaf() {
    [[ -n "$karaf_home" && -x "$karaf_home/bin/stop" ]] || return 0
    if [[ -z "$karaf_pid" && -s "$karaf_home/karaf.pid" ]]; then
        karaf_pid=$(cat "$karaf_home/karaf.pid")
    fi
    timeout 30 "$karaf_home/bin/stop" >/dev/null 2>&1 || true
    if [[ -n "$karaf_pid" ]]; then
        for _ in $(seq 300); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$karaf_pid" 2>/dev/null; then
            log "Karaf (pid $karaf_pid) did not stop within 30 s: killing it"
            kill -KILL "$karaf_pid" 2>/dev/null || true
        fi
    fi
    karaf_home=""
}

cleanup() {
    local status=$?
    stop_tshark
    stop_karaf
    if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then
        log "kept $work"
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Adds the "N passed, N failed" line a part printed last to the totals; a part that died
# before printing it counts as one failure.
count() {
    local output=$1 summary
    summary=$(tail -n 1 "$output")
    if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        failed=$((failed + 1))
    fi
}

# A driver step that failed: one failure, with its reason.
fail_step() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

finish() {
    if ((failed > 0)) && [[ -n "$karaf_home" && -f "$karaf_home/data/log/karaf.log" ]]; then
        log "warnings and errors in $karaf_home/data/log/karaf.log (last 30)"
        grep -E '\| (WARN|ERROR) ' "$karaf_home/data/log/karaf.log" | tail -n 30 || true
        log "tail of $karaf_home/data/log/karaf.log"
        tail -n 40 "$karaf_home/data/log/karaf.log"
    fi
    echo "$passed passed, $failed failed"
    ((failed == 0))
}

free_port() {  # $1 = udp|tcp: a port nothing listens on now
    "$py" - "$1" <<'EOF'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
with socket.socket(socket.AF_INET, kind) as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

set_property() {  # file key value: replaces "key = ..." in a Karaf .cfg
    sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
    grep -qE "^$2 = $3\$" "$1" || echo "$2 = $3" >>"$1"
}

udp_bound() {  # Java may show its socket as the IPv4-mapped [::ffff:127.0.0.1]
    local sockets
    sockets=$(ss -lunH "sport = :$1" 2>/dev/null || true)
    [[ "$sockets" =~ 127\.0\.0\.1\]?:$1[[:space:]] ]]
}

# --- 1. the client on its own ---------------------------------------------------------------
port=${HA_PORT:-$(free_port udp)}
log "client self-check (tshark decoding requests built by mip_client.py)"
"$py" "$here/client_selfcheck.py" --port "$port" --workdir "$work" | tee "$work/selfcheck.out" || true
count "$work/selfcheck.out"

# --- 2. the appliance -----------------------------------------------------------------------
if [[ ! -f "$tarball" ]]; then
    fail_step "appliance: $tarball not found (build it with: mvn -B install -DskipTests)"
    finish
    exit
fi
log "unpacking $(basename "$tarball") into $work"
tar -xzf "$tarball" -C "$work"
karaf_home=$(dirname "$(find "$work" -maxdepth 3 -path '*/bin/karaf' -type f | head -n 1)")
karaf_home=$(dirname "$karaf_home")
ssh_port=$(free_port tcp)
# Own ports for everything Karaf opens, so that another appliance on this host (a developer's,
# a Pax Exam run) can neither block this one nor answer bin/client in its place.
set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshPort "$ssh_port"
set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port tcp)"
set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port tcp)"
"$py" "$here/test_interop.py" write-config --karaf-home "$karaf_home" --port "$port"
log "starting Karaf in $karaf_home (home agent on 127.0.0.1 udp/$port, shell on tcp/$ssh_port)"
"$karaf_home/bin/start"

deadline=$((SECONDS + boot_timeout))
until udp_bound "$port"; do
    if ((SECONDS >= deadline)); then break; fi
    if [[ -s "$karaf_home/karaf.pid" ]] && ! kill -0 "$(cat "$karaf_home/karaf.pid")" 2>/dev/null; then
        fail_step "appliance: Karaf exited while starting"
        finish
        exit
    fi
    sleep 1
done
if ! udp_bound "$port"; then
    fail_step "appliance: udp/$port not bound on 127.0.0.1 within ${boot_timeout} s"
    finish
    exit
fi
[[ -s "$karaf_home/karaf.pid" ]] && karaf_pid=$(cat "$karaf_home/karaf.pid")
log "udp/$port bound after $((SECONDS - deadline + boot_timeout)) s; waiting for the mip: commands"
until echo 'mip:stats' | timeout 60 "$karaf_home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b \
        2>/dev/null | grep -q 'Registration requests received'; do
    if ((SECONDS >= deadline)); then
        fail_step "appliance: mip:stats did not answer within ${boot_timeout} s"
        finish
        exit
    fi
    sleep 2
done

# --- 3. the scenarios, captured ---------------------------------------------------------------
pcap="$work/interop.pcapng"
tshark -n -i lo -f "udp port $port" -w "$pcap" >"$work/tshark-capture.log" 2>&1 &
tshark_pid=$!
for _ in $(seq 100); do
    grep -q "Capturing on" "$work/tshark-capture.log" && break
    kill -0 "$tshark_pid" 2>/dev/null || break
    sleep 0.2
done
if ! grep -q "Capturing on" "$work/tshark-capture.log"; then
    cat "$work/tshark-capture.log"
    fail_step "tshark: capture on lo did not start"
    finish
    exit
fi
log "scenarios (tshark capturing udp port $port on lo)"
timeout 900 "$py" "$here/test_interop.py" run --karaf-home "$karaf_home" --port "$port" \
    --ssh-port "$ssh_port" --record "$work/datagrams.json" | tee "$work/scenarios.out" || true
count "$work/scenarios.out"
sleep 1   # let the last datagrams reach the capture file
stop_tshark

# --- 4. tshark judges the capture ---------------------------------------------------------------
log "tshark reading the capture back"
if [[ -f "$work/datagrams.json" ]]; then
    timeout 300 "$py" "$here/tshark_check.py" --pcap "$pcap" --port "$port" --record "$work/datagrams.json" \
        | tee "$work/tshark-check.out" || true
    count "$work/tshark-check.out"
else
    fail_step "tshark: no record of the datagrams (the scenarios did not run)"
fi

finish
