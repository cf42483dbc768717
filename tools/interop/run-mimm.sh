#!/usr/bin/env bash
# The MIMM handoff advisor (bundles/mimm, docs/mimm.md) on the test bed, against an independent
# client (tools/interop/mimm_interop.py on mip_client.py: scapy and the bytes of docs/protocols.md),
# with Wireshark's dissector (tshark) as the judge of the wire.
#
#   bash tools/interop/run-mimm.sh
#
# 1. one appliance from karaf-assembly/target/homeagent-*.tar.gz in the root namespace, home agent
#    on 127.0.0.1 and a free UDP port, three networks in etc/mimm-networks.conf, static sessions
# 2. boots it WITHOUT the advisor (homeagent-mimm is in system/ but not a boot feature)
# 3. under a tshark capture on lo, the scenarios: a Request Handoff refused with 140 by the
#    advisor-less home agent; feature:install homeagent-mimm; go (code 0, advice go completed,
#    mip:bindings moved); a full network (200, binding stays, mimm:advice not-now with an
#    alternative); target by care-of address; sessions past a network's kbit/s (200); a short
#    Request Handoff (134); mimm:stats and mimm:networks
# 4. tshark reads the capture back: nothing malformed, the CVSEs and NVSEs with our Vendor/Org-ID
#    and types, the advice values byte for byte as the client read them
# Prints every check and last exactly one line "N passed, N failed"; non-zero exit on failure.
# Environment as tools/testbed/testbed.sh (HOMEAGENT_TARBALL, BOOT_TIMEOUT, KEEP_WORKDIR=1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm

# reactive advice on a port of its own: another suite's advisor may hold the default 10434
testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.mimm.reactiveListenAddress=127.0.0.1 \
    net.homeagent.mimm.reactivePort="$(free_port udp)" || { testbed_finish; exit; }
"$py" "$here/mimm_interop.py" check-write-config | tee "$work/write-config.out" || true
count "$work/write-config.out"
reactive_port=$(grep -E '^reactivePort = ' "$karaf_home/etc/net.homeagent.mimm.cfg")
"$py" "$here/mimm_interop.py" write-config --karaf-home "$karaf_home"
expect "write-config kept the test bed's $reactive_port in net.homeagent.mimm.cfg" \
    grep -qx "$reactive_port" "$karaf_home/etc/net.homeagent.mimm.cfg"
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit; }

testbed_capture lo "udp port $port" || { testbed_finish; exit; }
pcap=$TB_PCAP
log "scenarios (tshark capturing udp port $port on lo)"
timeout 600 "$py" "$here/mimm_interop.py" run --karaf-home "$karaf_home" --port "$port" --ssh-port "$ssh_port" \
    --record "$work/datagrams.json" | tee "$work/scenarios.out" || true
count "$work/scenarios.out"
sleep 1   # let the last datagrams reach the capture file
testbed_capture_stop

log "tshark reading the capture back"
if [[ -f "$work/datagrams.json" ]]; then
    timeout 300 "$py" "$here/mimm_interop.py" tshark --pcap "$pcap" --port "$port" --record "$work/datagrams.json" \
        | tee "$work/tshark-check.out" || true
    count "$work/tshark-check.out"
else
    fail_step "tshark: no record of the datagrams (the scenarios did not run)"
fi

testbed_finish
