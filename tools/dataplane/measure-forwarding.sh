#!/usr/bin/env bash
# Packets per second through the user-space forwarder (docs/PERFORMANCE.md), in the
# test network of run-dataplane.sh: a registered binding (IP in IP or $ENCAPSULATION), a bounded
# UDP flood (flood.py, $COUNT datagrams of $SIZE octets) from the correspondent to the home
# address, and the counts on the way: sent by the correspondent, routed into the TUN device,
# tunnelled by the forwarder (mip:binding), received at the care-of host (its interface counter).
# Then the same flood to the care-of host itself, routed by the kernel without a tunnel: the
# baseline of the generator and the veth path, measured in the same run.
# Not part of CI (it measures, it does not judge). As root:
#
#   COUNT=300000 SIZE=64 bash tools/dataplane/measure-forwarding.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_PRODUCTION_JVM=1 # the appliance measured as it runs on a box of its own
# shellcheck source=testbed.sh
source "$here/testbed.sh"
COUNT=${COUNT:-300000}
SIZE=${SIZE:-64}
ENCAPSULATION=${ENCAPSULATION:-ipip}

rx_packets() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
rate() { awk "BEGIN{ if ($2 > 0) printf \"%d\", $1 / $2; else print \"n/a\" }"; }

# floods $1 from the correspondent while the care-of host counts what arrives (arrivals.py);
# sets sent, seconds (the sender's), arrived, window (the receiver's first to last arrival)
flood_and_count() {
    local fifo="$work/arrivals.$$" counter
    mkfifo "$fifo"
    ip netns exec "$HADP_NS_COA" "$py" "$here/arrivals.py" hadpco0 60 >"$fifo" &
    counter=$!
    exec 3<"$fifo"
    read -r -t 10 _ <&3   # "ready"
    read -r sent seconds <<<"$(ip netns exec "$HADP_NS_CN" "$py" "$here/flood.py" "$1" "$COUNT" "$SIZE")"
    read -r -t 70 arrived window <&3
    exec 3<&-
    wait "$counter" || true
    rm -f "$fifo"
}

inside() {
    work=$1
    trap 'stop_karaf' EXIT
    HA_PORT=434 unpack_appliance "$tarball" "$work" || exit 1
    configure_appliance user-space
    start_karaf 'mip:dataplane' 'forwarding ON' || exit 1
    # the care-of host: raw sockets so that its kernel (no ipip/gre) does not answer each datagram
    # with an ICMP error, and a registration of the mobile node from 10.77.2.2
    ip netns exec "$HADP_NS_COA" "$py" -c 'import socket, time
held = [socket.socket(socket.AF_INET, socket.SOCK_RAW, p) for p in (4, 47, 55)]
time.sleep(600)' &
    local holder=$!
    local flags=D
    [[ "$ENCAPSULATION" == gre ]] && flags=DG
    [[ "$ENCAPSULATION" == minimal ]] && flags=DM
    local udp=false
    [[ "$ENCAPSULATION" == udp ]] && udp=true
    echo "{\"cmd\":\"register\",\"coa\":\"10.77.2.2\",\"flags\":\"$flags\",\"udp\":$udp,\"lifetime\":600}" \
        | timeout 30 ip netns exec "$HADP_NS_COA" "$py" "$here/coa_agent.py" | tail -n 1
    ip netns exec "$HADP_NS_CN" ping -c 1 -W 2 10.77.1.10 >/dev/null || true   # ARP resolved before the flood
    local tun_before tun_after result sent seconds arrived window
    # warm-up, not counted: the JIT compiles the forwarding loop during the first tens of thousands
    ip netns exec "$HADP_NS_CN" "$py" "$here/flood.py" 10.77.1.10 50000 "$SIZE" >/dev/null
    sleep 2
    tun_before=$(rx_packets "$HADP_NS_HA" hadptun0 tx_packets)
    flood_and_count 10.77.1.10
    tun_after=$(rx_packets "$HADP_NS_HA" hadptun0 tx_packets)
    echo "== flood: $sent datagrams of $SIZE octets to the home address in $seconds s ($(rate "$sent" "$seconds") /s)"
    echo "== routed into the TUN device: $((tun_after - tun_before))"
    echo "== arrived at the care-of host, encapsulated ($ENCAPSULATION): $arrived in $window s" \
         "= $(rate "$arrived" "$window") /s"
    shell "mip:binding 10.77.1.10" | grep -E "Tunnelled" || true
    shell "mip:dataplane" | grep -E "dropped" || true
    # baseline in the same run: the same flood to the care-of host itself, routed by the home agent's
    # kernel without any tunnel; what the generator and the veth path manage on this machine now
    flood_and_count 10.77.2.2
    echo "== baseline, kernel routing without tunnel: $sent sent in $seconds s, $arrived arrived in $window s" \
         "= $(rate "$arrived" "$window") /s"
    echo "== load average: $(cat /proc/loadavg)"
    kill "$holder" 2>/dev/null || true
}

if [[ "${1:-}" == "--inside" ]]; then
    inside "$2"
    exit
fi
((EUID == 0)) || { echo "needs root"; exit 1; }
testbed_init dpperf   # the work folder, and the network removed on any exit
build_network
timeout 600 ip netns exec "$HADP_NS_HA" bash "${BASH_SOURCE[0]}" --inside "$work"
