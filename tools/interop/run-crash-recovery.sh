#!/usr/bin/env bash
# Crash-recovery run of the binding backup (issue 3; docs/storage.md): the built appliance,
# registered by the independent client (mip_client.py), killed with kill -9 and started again.
#
#   bash tools/interop/run-crash-recovery.sh
#
# 1. unpacks karaf-assembly/target/homeagent-*.tar.gz into a temporary directory, configures the
#    home agent on a free loopback port with one security association per mobile node, starts Karaf
# 2. registers N mobile nodes (the last S with a 5 s lifetime) and kill -9s the JVM right after
#    the last reply
# 3. waits until the short bindings have expired, starts Karaf again: every acknowledged long
#    binding must be back (mip:bindings), the expired ones gone, mip:backup must count them
# 4. kill -9, truncates the backup file, starts: the appliance must run, mip:backup and the log
#    must report the damage, the damaged file must be kept beside the backup
# 5. kill -9, overwrites the start of the backup file with garbage, starts: the same
# Prints every check, the Karaf log tail on failure, and last exactly one line
# "N passed, N failed"; exits non-zero on any failure. Karaf and the temporary directory are gone
# on exit, whatever happened.
#
# Environment: HOMEAGENT_TARBALL (default karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz),
# BINDINGS (N, default 200), SHORT_LIVED (S, default 40), BOOT_TIMEOUT (s, default 120),
# KEEP_WORKDIR=1 keeps the temporary directory (logs, damaged files) for a post-mortem.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1   # leave no __pycache__ in the work tree
py=/usr/bin/python3   # Debian's python3-scapy installs for this interpreter only (STACK.md)
tarball=${HOMEAGENT_TARBALL:-$root/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
boot_timeout=${BOOT_TIMEOUT:-120}
bindings=${BINDINGS:-200}
short_lived=${SHORT_LIVED:-40}
short_lifetime=5

work=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-crash.XXXXXX")
karaf_home=""
passed=0
failed=0

log() { printf '== %s\n' "$*"; }

karaf_pid() { [[ -s "$karaf_home/karaf.pid" ]] && cat "$karaf_home/karaf.pid"; }

await_exit() {  # $1 = pid: bounded wait until it is gone
    for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

crash_karaf() {  # kill -9 the JVM, as a power cut or an OOM killer would
    local pid
    pid=$(karaf_pid) || return 0
    kill -KILL "$pid" 2>/dev/null || true
    await_exit "$pid" || log "Karaf (pid $pid) still there 30 s after kill -9"
    rm -f "$karaf_home/karaf.pid"
}

stop_karaf() {
    [[ -n "$karaf_home" && -x "$karaf_home/bin/stop" ]] || return 0
    local pid
    pid=$(karaf_pid) || return 0
    timeout 30 "$karaf_home/bin/stop" >/dev/null 2>&1 || true
    if ! await_exit "$pid"; then
        log "Karaf (pid $pid) did not stop within 30 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

cleanup() {
    local status=$?
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
    local summary
    summary=$(tail -n 1 "$1")
    if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        failed=$((failed + 1))
    fi
}

fail_step() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

finish() {
    if ((failed > 0)) && [[ -n "$karaf_home" && -f "$karaf_home/data/log/karaf.log" ]]; then
        log "warnings and errors in $karaf_home/data/log/karaf.log (last 30)"
        grep -E '\| (WARN|ERROR) ' "$karaf_home/data/log/karaf.log" | tail -n 30 || true
    fi
    echo "$passed passed, $failed failed"
    ((failed == 0))
}

free_port() {  # $1 = udp|tcp: a port nothing listens on now
    "$py" - "$1" <<'PY'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
with socket.socket(socket.AF_INET, kind) as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
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

# Starts Karaf and waits (bounded) for the home agent's port and the mip: commands; false if not.
start_karaf() {
    "$karaf_home/bin/start"
    local deadline=$((SECONDS + boot_timeout))
    until udp_bound "$port"; do
        if ((SECONDS >= deadline)); then
            fail_step "appliance: udp/$port not bound on 127.0.0.1 within ${boot_timeout} s"
            return 1
        fi
        sleep 0.5
    done
    until echo 'mip:backup' | timeout 60 "$karaf_home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b \
            2>/dev/null | grep -q 'Binding backup'; do
        if ((SECONDS >= deadline)); then
            fail_step "appliance: mip:backup did not answer within ${boot_timeout} s"
            return 1
        fi
        sleep 1
    done
    log "appliance up ($((SECONDS - deadline + boot_timeout)) s)"
}

# --- 1. the appliance -------------------------------------------------------------------------
if [[ ! -f "$tarball" ]]; then
    fail_step "appliance: $tarball not found (build it with: mvn -B install -DskipTests)"
    finish
    exit
fi
log "unpacking $(basename "$tarball") into $work"
tar -xzf "$tarball" -C "$work"
karaf_home=$(dirname "$(dirname "$(find "$work" -maxdepth 3 -path '*/bin/karaf' -type f | head -n 1)")")
port=$(free_port udp)
ssh_port=$(free_port tcp)
set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshPort "$ssh_port"
set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port tcp)"
set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port tcp)"
"$py" "$here/crash_recovery.py" write-config --karaf-home "$karaf_home" --port "$port" --count "$bindings"
backup="$karaf_home/data/bindings/bindings.mv"
log "starting Karaf in $karaf_home (home agent on 127.0.0.1 udp/$port, shell on tcp/$ssh_port)"
start_karaf || { finish; exit; }

# --- 2. register, then kill -9 right after the last reply --------------------------------------
log "registering $bindings mobile nodes ($short_lived of them for ${short_lifetime} s), then kill -9"
timeout 300 "$py" "$here/crash_recovery.py" register --port "$port" --count "$bindings" --short "$short_lived" \
    --short-lifetime "$short_lifetime" --kill-pid "$(karaf_pid)" --out "$work/acked.json" \
    | tee "$work/register.out" || true
count "$work/register.out"
crash_karaf
sleep $((short_lifetime + 1))   # the short-lived bindings expire while the appliance is down

# --- 3. start again: every acknowledged binding is back, the expired ones are gone -------------
log "starting Karaf again after the crash"
start_karaf || { finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-restored --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --acked "$work/acked.json" | tee "$work/restored.out" || true
count "$work/restored.out"

# --- 4. a truncated backup ---------------------------------------------------------------------
crash_karaf
size=$(stat -c %s "$backup")
log "truncating $backup from $size to $((size / 3)) bytes"
truncate -s $((size / 3)) "$backup"
start_karaf || { finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-damaged --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --port "$port" --reports 1 | tee "$work/truncated.out" || true
count "$work/truncated.out"

# --- 5. a backup whose start is garbage ----------------------------------------------------------
crash_karaf
log "overwriting the first 8 KiB of $backup with random bytes"
dd if=/dev/urandom of="$backup" bs=4096 count=2 conv=notrunc status=none
start_karaf || { finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-damaged --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --port "$port" --reports 2 | tee "$work/garbage.out" || true
count "$work/garbage.out"

finish
