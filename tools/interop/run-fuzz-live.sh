#!/usr/bin/env bash
# Malformed datagrams against the running appliance (issue 10, docs/fuzzing.md): after them the
# home agent holds every binding it held, still answers, logged no ERROR and is still running.
#
#   bash tools/interop/run-fuzz-live.sh
#
# 1. unpacks karaf-assembly/target/homeagent-*.tar.gz into a temporary directory, configures the
#    home agent on a free loopback port with a security association per mobile node
#    (crash_recovery.py write-config), starts Karaf
# 2. registers N mobile nodes with the independent client (mip_client.py)
# 3. sends M malformed datagrams to the home agent's port (fuzz_live.py: scapy's fuzz() over its
#    MobileIP layers, truncations, bit flips and forgeries of a valid request, bad extension lengths)
# 4. checks: every binding is still there and no other appeared, a node renews and a new one
#    registers, mip:stats answers, the JVM is the same process, karaf.log has no ERROR
# Prints every check and last exactly one line "N passed, N failed"; exits non-zero on any
# failure. Loopback only; bounded (the sending stops after FUZZ_SECONDS); Karaf is gone on exit,
# the temporary directory too unless the run failed (release_appliance, ../run-folder.sh).
#
# Environment: HOMEAGENT_TARBALL (default karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz),
# NODES (N, default 50), DATAGRAMS (M, default 20000), FUZZ_SECONDS (default 60), SEED (default:
# the time, printed, so that a failing run can be repeated), BOOT_TIMEOUT (s, default 120),
# KEEP_WORKDIR=1 keeps the temporary directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1   # leave no __pycache__ in the work tree
py=/usr/bin/python3   # Debian's python3-scapy installs for this interpreter only
tarball=${HOMEAGENT_TARBALL:-$root/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
boot_timeout=${BOOT_TIMEOUT:-120}
nodes=${NODES:-50}
datagrams=${DATAGRAMS:-20000}
fuzz_seconds=${FUZZ_SECONDS:-60}
seed=${SEED:-$(date +%s)}

work=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-fuzz.XXXXXX")
# shellcheck source=appliance.sh
source "$here/appliance.sh"

cleanup() {
    local status=$?
    release_appliance "$work" "$status"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. the appliance: one more security association than nodes, for the fresh registration -----
unpack_appliance "$tarball" "$work" || { finish; exit; }
"$py" "$here/crash_recovery.py" write-config --karaf-home "$karaf_home" --port "$port" --count $((nodes + 1))
start_karaf 'mip:stats' 'Registration requests received' || { finish; exit; }
pid=$(karaf_pid)

# --- 2. register ------------------------------------------------------------------------------
log "registering $nodes mobile nodes"
timeout 120 "$py" "$here/fuzz_live.py" register --port "$port" --count "$nodes" --out "$work/acked.json" \
    | tee "$work/register.out" || true
count "$work/register.out"

# --- 3. malformed datagrams ---------------------------------------------------------------------
log "sending $datagrams malformed datagrams to udp/$port (seed $seed, at most ${fuzz_seconds} s)"
timeout $((fuzz_seconds + 60)) "$py" "$here/fuzz_live.py" fuzz --port "$port" --nodes "$nodes" \
    --count "$datagrams" --seconds "$fuzz_seconds" --seed "$seed" | tee "$work/fuzz.out" || true
count "$work/fuzz.out"
sleep 2   # what is still queued in the socket is read before the checks

# --- 4. still holding, still answering -----------------------------------------------------------
timeout 180 "$py" "$here/fuzz_live.py" check --karaf-home "$karaf_home" --ssh-port "$ssh_port" --port "$port" \
    --nodes "$nodes" --acked "$work/acked.json" | tee "$work/check.out" || true
count "$work/check.out"
if kill -0 "$pid" 2>/dev/null; then
    echo "PASS the appliance is the same process (pid $pid)"
    passed=$((passed + 1))
else
    fail_step "the appliance (pid $pid) is gone"
fi
errors=$(grep -cE "$KARAF_ERROR_LINE" "$karaf_home/data/log/karaf.log" || true)
if ((errors == 0)); then
    echo "PASS karaf.log has no ERROR"
    passed=$((passed + 1))
else
    fail_step "karaf.log has $errors ERROR line(s) (printed whole below)"
fi

finish
