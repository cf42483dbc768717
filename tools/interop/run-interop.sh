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
# "N passed, N failed"; exits non-zero on any failure. Karaf and tshark are gone on exit (the test bed's teardown),
# whatever happened; the temporary directory too if the run passed and karaf.log has no ERROR,
# else the ERROR entries are printed whole and the directory is kept (its path printed).
#
# Environment: HOMEAGENT_TARBALL (default karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz),
# HA_PORT (default: a free UDP port; 434 works too, as root), BOOT_TIMEOUT (s, default 120),
# KEEP_WORKDIR=1 keeps the temporary directory (pcap, logs) for a post-mortem.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init interop   # work folder, and the teardown of everything below on any exit

# --- 1. the appliance, unpacked and configured; the client on its own -------------------------
testbed_appliance ha || { testbed_finish; exit; }
log "client self-check (tshark decoding requests built by mip_client.py)"
"$py" "$here/client_selfcheck.py" --port "$port" --workdir "$work" | tee "$work/selfcheck.out" || true
count "$work/selfcheck.out"

# --- 2. the appliance started -----------------------------------------------------------------
"$py" "$here/test_interop.py" write-config --karaf-home "$karaf_home" --port "$port"
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit; }

# --- 3. the scenarios, captured ---------------------------------------------------------------
testbed_capture lo "udp port $port" || { testbed_finish; exit; }
pcap=$TB_PCAP
log "scenarios (tshark capturing udp port $port on lo)"
timeout 900 "$py" "$here/test_interop.py" run --karaf-home "$karaf_home" --port "$port" \
    --ssh-port "$ssh_port" --record "$work/datagrams.json" | tee "$work/scenarios.out" || true
count "$work/scenarios.out"
sleep 1   # let the last datagrams reach the capture file
testbed_capture_stop

# --- 4. tshark judges the capture ---------------------------------------------------------------
log "tshark reading the capture back"
if [[ -f "$work/datagrams.json" ]]; then
    timeout 300 "$py" "$here/tshark_check.py" --pcap "$pcap" --port "$port" --record "$work/datagrams.json" \
        | tee "$work/tshark-check.out" || true
    count "$work/tshark-check.out"
else
    fail_step "tshark: no record of the datagrams (the scenarios did not run)"
fi

testbed_finish
