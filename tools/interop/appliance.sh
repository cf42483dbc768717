# Shared by the appliance-level test drivers (run-interop.sh, run-crash-recovery.sh): totals of
# "N passed, N failed", free loopback ports, and unpacking, configuring, starting and stopping
# the built appliance with bounded waits. Source it; it expects `py` (the interpreter with
# python3-scapy) and `boot_timeout` (seconds) to be set, and sets `karaf_home`, `port` (the home
# agent's UDP port) and `ssh_port`. The work folder is released by ../run-folder.sh's rules.

# shellcheck source=../run-folder.sh
source "$(dirname "${BASH_SOURCE[0]}")/../run-folder.sh"

passed=0
failed=0
karaf_home=""

log() { printf '== %s\n' "$*"; }

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

# A driver step that failed: one failure, with its reason.
fail_step() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

# Prints the Karaf log's warnings and its tail on failure, then the totals line; true when
# nothing failed. Its ERROR entries are printed whole when the work folder is released.
finish() {
    if ((failed > 0)) && [[ -n "$karaf_home" && -f "$karaf_home/data/log/karaf.log" ]]; then
        log "warnings in $karaf_home/data/log/karaf.log (last 30)"
        grep -E '\| WARN ' "$karaf_home/data/log/karaf.log" | tail -n 30 || true
        log "tail of $karaf_home/data/log/karaf.log"
        tail -n 40 "$karaf_home/data/log/karaf.log"
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

# Unpacks the tarball ($1) into the directory $2 and gives Karaf its own ports for everything
# it opens, so that another appliance on this host (a developer's, a Pax Exam run) can neither
# block this one nor answer bin/client in its place. The home agent's port is $HA_PORT or a
# free one; the SNMP agent's $SNMP_PORT or a free one. False (with a failure counted) when there is no tarball.
unpack_appliance() {
    if [[ ! -f "$1" ]]; then
        fail_step "appliance: $1 not found (build it with: mvn -B install -DskipTests)"
        return 1
    fi
    log "unpacking $(basename "$1") into $2"
    tar -xzf "$1" -C "$2"
    karaf_home=$(dirname "$(dirname "$(find "$2" -maxdepth 3 -path '*/bin/karaf' -type f | head -n 1)")")
    port=${HA_PORT:-$(free_port udp)}
    ssh_port=$(free_port tcp)
    set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshPort "$ssh_port"
    set_property "$karaf_home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port tcp)"
    set_property "$karaf_home/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port tcp)"
    set_property "$karaf_home/etc/net.homeagent.snmp.cfg" port "${SNMP_PORT:-$(free_port udp)}"
}

karaf_pid() { [[ -s "$karaf_home/karaf.pid" ]] && cat "$karaf_home/karaf.pid"; }

shell() {  # runs one Karaf shell command line ($1) and prints its output
    echo "$1" | timeout 60 "$karaf_home/bin/client" -u karaf -p karaf -a "$ssh_port" -r 3 -d 2 -b 2>/dev/null
}

await_exit() {  # $1 = pid: bounded wait (30 s) until it is gone
    for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

# Starts Karaf and waits, at most boot_timeout seconds, until the home agent's UDP port is bound
# and the shell command $1 prints a line matching $2; false (with a failure counted) if not.
# A JVM that hangs while booting is dumped (jstack, printed) and killed, and the start is tried
# once more: seen twice in many runs here, on a busy machine, with an empty karaf.log, i.e.
# before any bundle of ours ran. The second hang in a row fails the run.
start_karaf() {
    local outcome
    boot_karaf "$1" "$2" && return 0
    outcome=$?
    ((outcome == 2)) || { fail_step "appliance: $boot_failure"; return 1; }
    log "WARN first start hung: $boot_failure; thread dump of the JVM follows, then one more try"
    dump_and_kill_karaf
    boot_karaf "$1" "$2" && return 0
    fail_step "appliance: $boot_failure (second start in a row)"
    dump_and_kill_karaf
    return 1
}

# One start; returns 0 when up, 1 when Karaf died, 2 when it is still booting at the deadline.
boot_karaf() {
    log "starting Karaf in $karaf_home (home agent on 127.0.0.1 udp/$port, shell on tcp/$ssh_port)"
    "$karaf_home/bin/start"
    local deadline=$((SECONDS + boot_timeout)) pid
    until udp_bound "$port"; do
        pid=$(karaf_pid) || true
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            boot_failure="Karaf exited while starting"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            boot_failure="udp/$port not bound on 127.0.0.1 within ${boot_timeout} s"
            return 2
        fi
        sleep 0.5
    done
    until shell "$1" | grep -q "$2"; do
        if ((SECONDS >= deadline)); then
            boot_failure="'$1' did not answer within ${boot_timeout} s"
            return 2
        fi
        sleep 1
    done
    log "appliance up ($((SECONDS - deadline + boot_timeout)) s)"
}

dump_and_kill_karaf() {
    local pid
    pid=$(karaf_pid) || return 0
    log "karaf.log has $(wc -l <"$karaf_home/data/log/karaf.log" 2>/dev/null || echo no) lines; threads of pid $pid:"
    timeout 30 jstack "$pid" 2>&1 | grep -v '^$' | head -n 150 || true
    kill_karaf
}

kill_karaf() {  # kill -9 the JVM, as a power cut or an OOM killer would
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

# For the EXIT trap: stops Karaf, then removes the work folder $1 if the run (exit status $2)
# passed and Karaf logged no ERROR but those matching $3 (provoked by the run, optional); else
# prints the ERROR entries and keeps it (release_workdir).
release_appliance() {
    stop_karaf
    release_workdir "$@"
}
