#!/usr/bin/env bash
# Two-node smoke test of the test bed, and the template of every role's multi-node test:
#
#   ha1 192.0.2.1 --+
#   ha2 192.0.2.2 --+-- "home" link (a bridge; tshark captures it)
#   mn  192.0.2.100 +   the peer: mip_client.py registers one mobile node with each home agent
#
#   bash tools/testbed/run-two-nodes.sh        (as root)
#
# Two appliances, each in its own namespace, boot side by side; the peer registers 192.0.2.11
# with ha1 and 192.0.2.12 with ha2; each table holds its own binding only; ha1 is killed with
# kill -9 and started again: its binding is back from the durable journal, ha2 never noticed;
# tshark on the link saw the registrations. Everything is removed on exit, whatever happened.
# Last line "N passed, N failed"; exit status non-zero on any failure.
#
# Environment: HOMEAGENT_TARBALL, BOOT_TIMEOUT (s, default 180), KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# two JVMs booting side by side on a shared 2-core box: one took 127 s under a load of 12
boot_timeout=${BOOT_TIMEOUT:-180}
# shellcheck source=testbed.sh
source "$here/testbed.sh"
client="$TB_ROOT/tools/interop/mip_client.py"
key=0x00112233445566778899aabbccddeeff   # test key of both mobile nodes (SPI 256)

# expect DESCRIPTION COMMAND...: one PASS or FAIL line
# home_agent NAME ADDRESS: a home agent in its own namespace on the home link, serving ADDRESS on 434
home_agent() {
    testbed_node "$1" "home=$2/24"
    HA_PORT=434 testbed_appliance "$1" "net.homeagent.ha.listenAddresses=$2" "net.homeagent.ha.homeAgentAddresses=$2"
}

register() {  # HA-NODE HA-ADDRESS HOME-ADDRESS: a registration from the peer, accepted
    testbed_exec mn "$py" "$client" --server "$2" --ha "$2" --home "$3" --coa 198.51.100.1 \
        --lifetime 600 --spi 256 --key "$key" | tee -a "$work/register.out" | grep -q '^code 0 '
}

has_binding() {  # NODE HOME-ADDRESS
    testbed_shell "$1" 'mip:bindings' | grep -qF "$2"
}

lacks_binding() { ! has_binding "$@"; }

testbed_init two-nodes
tb_require_root || { testbed_finish; exit; }
testbed_link home
testbed_node mn home=192.0.2.100/24
home_agent ha1 192.0.2.1
home_agent ha2 192.0.2.2
testbed_sa ha1 192.0.2.11 256 "$key"
testbed_sa ha2 192.0.2.12 256 "$key"

# both boot at once: their boots overlap
testbed_boot_all ha1 ha2 || { testbed_finish; exit; }
testbed_capture home "udp port 434" || { testbed_finish; exit; }

expect "mn registers 192.0.2.11 with ha1 (192.0.2.1)" register ha1 192.0.2.1 192.0.2.11
expect "mn registers 192.0.2.12 with ha2 (192.0.2.2)" register ha2 192.0.2.2 192.0.2.12
expect "ha1 holds 192.0.2.11" has_binding ha1 192.0.2.11
expect "ha1 does not hold ha2's 192.0.2.12" lacks_binding ha1 192.0.2.12
expect "ha2 holds 192.0.2.12" has_binding ha2 192.0.2.12

log "kill -9 of ha1, then a new start"
testbed_restart ha1 || { testbed_finish; exit; }
expect "ha1 after kill -9 and restart holds 192.0.2.11 again (durable journal)" has_binding ha1 192.0.2.11
expect "ha2 kept 192.0.2.12 meanwhile" has_binding ha2 192.0.2.12
expect "ha1 answers registrations again" register ha1 192.0.2.1 192.0.2.11

sleep 1   # let the last datagrams reach the capture file
testbed_capture_stop
requests=$(tshark -n -r "$TB_PCAP" -Y 'mip.type == 1' 2>/dev/null | wc -l)
replies=$(tshark -n -r "$TB_PCAP" -Y 'mip.type == 3 && mip.code == 0' 2>/dev/null | wc -l)
expect "tshark on the home link: 3 requests, 3 accepting replies (saw $requests, $replies)" \
    test "$requests.$replies" = 3.3

testbed_finish
