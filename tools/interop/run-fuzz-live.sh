#!/usr/bin/env bash
# Malformed datagrams against the running appliance (issue 10, docs/fuzzing.md): after them the
# home agent holds every binding it held, still answers, logged no ERROR and is still running.
#
#   bash tools/interop/run-fuzz-live.sh
#
# 1. the test bed's appliance "ha" (../testbed/testbed.sh), the home agent on a free loopback port with a security association per mobile node
#    (crash_recovery.py write-config), starts Karaf
# 2. registers N mobile nodes with the independent client (mip_client.py)
# 3. sends M malformed datagrams to the home agent's port (fuzz_live.py: scapy's fuzz() over its
#    MobileIP layers, truncations, bit flips and forgeries of a valid request, bad extension lengths)
# 4. checks: every binding is still there and no other appeared, a node renews and a new one
#    registers, mip:stats answers, the JVM is the same process, karaf.log has no ERROR
# Prints every check and last exactly one line "N passed, N failed"; exits non-zero on any
# failure. Loopback only; bounded (the sending stops after FUZZ_SECONDS); Karaf is gone on exit,
# the work folder too unless the run failed (the test bed's teardown).
#
# Environment: HOMEAGENT_TARBALL, BOOT_TIMEOUT and KEEP_WORKDIR as for every test bed run
# (../testbed/README.md); NODES (N, default 50), DATAGRAMS (M, default 20000), FUZZ_SECONDS
# (default 60), SEED (default: the time, printed, so that a failing run can be repeated).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-50}
datagrams=${DATAGRAMS:-20000}
fuzz_seconds=${FUZZ_SECONDS:-60}
seed=${SEED:-$(date +%s)}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init fuzz   # work folder, and the teardown of everything below on any exit

# --- 1. the appliance: one more security association than nodes, for the fresh registration -----
testbed_appliance ha || { testbed_finish; exit; }
"$py" "$here/crash_recovery.py" write-config --karaf-home "$karaf_home" --port "$port" --count $((nodes + 1))
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit; }
pid=$(testbed_pid ha)

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
timeout 180 "$py" "$here/fuzz_live.py" check --ssh-port "$ssh_port" --port "$port" \
    --nodes "$nodes" --acked "$work/acked.json" | tee "$work/check.out" || true
count "$work/check.out"
if kill -0 "$pid" 2>/dev/null; then
    echo "PASS the appliance is the same process (pid $pid)"
    passed=$((passed + 1))
else
    fail_step "the appliance (pid $pid) is gone"
fi
errors=$(grep -cE "$KARAF_ERROR_LINE" "$(testbed_log ha)" || true)
if ((errors == 0)); then
    echo "PASS karaf.log has no ERROR"
    passed=$((passed + 1))
else
    fail_step "karaf.log has $errors ERROR line(s) (printed whole below)"
fi

testbed_finish
