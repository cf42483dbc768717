#!/usr/bin/env bash
# The peer link in the appliance, on the test bed:
#
#   ha1 192.0.2.1  --+-- "peer" link (a bridge; tshark captures it)
#   pn  192.0.2.50 --+   the python peer (peer_datagrams.py, written from docs/protocols.md)
#
#   bash tools/wireshark/run-peer-appliance.sh        (as root)
#
# One appliance boots with the peer link enabled (etc/net.homeagent.peer.cfg: node 1, group 7,
# multicast group 239.255.74.34 joined on its "peer" interface) and a key in etc/peer-keys.conf;
# peer:status says it runs. The python peer sends a valid datagram to the multicast group (no role
# has opened service 99: dropped as no-channel), the same datagram again by unicast (replay), an
# older epoch (replay), a bad HMAC, an unknown key id, another group and garbage: peer:status counts
# each under its reason. A second key marked send is added to the key file: the link reloads it.
# The key never shows in karaf.log or peer:status; tshark with homeagent-peer.lua decodes every
# peer link datagram of the capture. Last line "N passed, N failed"; exit non-zero on any failure.
#
# Environment: HOMEAGENT_TARBALL, BOOT_TIMEOUT (s, default 180), KEEP_WORKDIR=1. About 1-2 minutes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
boot_timeout=${BOOT_TIMEOUT:-180}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
peer="$here/peer_datagrams.py"
lua="$here/homeagent-peer.lua"
key=6b1f0e3a9c2d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab   # key id 1 of this test
key2=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0  # key id 2, the rollover
group_address=239.255.74.34
link_port=7434

send() {  # KIND DESTINATION [OPTIONS...]: one datagram from the python peer
    testbed_exec pn "$py" "$peer" "$1" "$2" "$link_port" --source 192.0.2.50 --key "$key" "${@:3}" >>"$work/peer.out"
}

status() { testbed_shell ha1 'peer:status'; }

status_shows() {  # ERE: peer:status prints a line matching it (polled: the datagrams are in flight)
    local tries
    for tries in $(seq 1 20); do
        status >"$work/status.out" 2>&1 || true
        grep -Eq "$1" "$work/status.out" && return 0
        sleep 0.5
    done
    echo "peer:status was:"; cat "$work/status.out"
    return 1
}

no_key_in() { ! grep -qiE "$key|$key2" "$@"; }

testbed_init peer-link
tb_require_root || { testbed_finish; exit; }
testbed_link peer
testbed_node pn peer=192.0.2.50/24
testbed_node ha1 peer=192.0.2.1/24
testbed_appliance ha1 net.homeagent.peer.enabled=true net.homeagent.peer.nodeId=1 net.homeagent.peer.groupId=7 \
    "net.homeagent.peer.port=$link_port" "net.homeagent.peer.multicastGroup=$group_address" \
    net.homeagent.peer.multicastInterface=peer "net.homeagent.peer.peers=9@192.0.2.50:$link_port"
testbed_peer_key ha1 "0x$key"
keys_file="$karaf_home/etc/peer-keys.conf" # rewritten below for the key rollover

testbed_boot ha1 || { testbed_finish; exit; }
testbed_capture peer "udp port $link_port" || { testbed_finish; exit; }

expect "peer:status: the link runs as node 1 of group 7" status_shows '^Peer link running: node 1, group 7$'
expect "peer:status: multicast group $group_address" status_shows "^Multicast /$group_address:$link_port$"

send valid "$group_address"
expect "a valid datagram to the multicast group reaches the link (no role opened service 99: no-channel)" \
    status_shows ' no-channel 1$'
expect "peer:status knows node 9" status_shows '^  node 9 +192\.0\.2\.50:'
send valid 192.0.2.1
expect "the same datagram again by unicast is a replay" status_shows ' replay 1 '
send valid 192.0.2.1 --epoch 999 --seq 2
expect "an older epoch of node 9 is a replay" status_shows ' replay 2 '
send bad-hmac 192.0.2.1 --seq 3
expect "a bad HMAC is dropped as bad-hmac" status_shows 'bad-hmac 1 '
send unknown-key 192.0.2.1 --seq 4
expect "key id 9 is dropped as unknown-key" status_shows 'unknown-key 1 '
send foreign-group 192.0.2.1 --seq 5
expect "group 8 is dropped as foreign-group" status_shows 'foreign-group 1 '
send garbage 192.0.2.1
expect "garbage is dropped as malformed" status_shows ' malformed 1 '
expect "nothing was delivered" status_shows ', delivered 0,'

printf '1 hmac-sha256 0x%s\n2 hmac-sha256 0x%s send\n' "$key" "$key2" >"$keys_file"
expect "a second key marked send is loaded (rollover)" status_shows '2 keys \[1, 2\], sending with key 2'
expect "no key in peer:status" no_key_in "$work/status.out"
expect "no key in karaf.log" no_key_in "$(testbed_log ha1)"

sleep 1   # let the last datagrams reach the capture file
testbed_capture_stop
decode=(tshark -n -X "lua_script:$lua" -r "$TB_PCAP")
decoded=$("${decode[@]}" -Y hapeer 2>/dev/null | wc -l)
# warnings and errors only: the dissector's own are errors, and the python peer's random source
# port now and then falls in 33435-33464, where tshark's UDP layer adds a chat-level "Possible
# traceroute" item (a CI run failed on it, source port 33459)
marked=$("${decode[@]}" -Y 'hapeer && (_ws.malformed || _ws.expert.severity >= warning)' 2>/dev/null | wc -l)
nodes=$("${decode[@]}" -Y hapeer -T fields -e hapeer.node 2>/dev/null | sort -u | paste -sd,)
expect "tshark decodes the 6 peer link datagrams of the python peer (saw $decoded, nodes $nodes)" \
    test "$decoded" -eq 6 -a "$nodes" = 9
expect "none of them malformed or marked by the dissector (saw $marked)" test "$marked" -eq 0

testbed_finish
