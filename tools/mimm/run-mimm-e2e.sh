#!/usr/bin/env bash
# MIMM end to end in network namespaces (docs/mimm.md "Client: end to end in namespaces"): the real
# client (`run`) on a mobile with three "radio" links, the appliance with the advisor and the
# user-space data plane, a correspondent. One appliance.
#
#   cn  correspondent 10.81.0.100 --- home link --- 10.81.0.1 (home0)  ha  the appliance
#                                                   10.81.1.1 (ra0) --- radio a --- wlan0 10.81.1.2 \
#                                                   10.81.2.1 (rb0) --- radio b --- wwan0 10.81.2.2  mn
#                                                   10.81.3.1 (rc0) --- radio c --- wlan1 10.81.3.2 /
#                                                             (radio a) --- wlan2 (no address of its own)
#   mn: home address 10.81.0.10 on the TUN device mip0; mobile_tunnel.py decapsulates the home
#   agent's IP-in-IP (this kernel has no ipip module) into mip0, so the mobile's own stack answers.
#
# Networks of the advisor: 1 wlan-a (radio a), 2 cell-b (radio b), 3 wlan-c (radio c, 50 kbit/s: the
# mobile's one 64 kbit/s session does not fit). Signal: a wireless file the client's monitor reads
# (veth has no /proc/net/wireless), rewritten by this script. The client ticks every 100 ms.
#
# 1. attach: wlan1 ranks first, the advisor says not now (network 3 full, bandwidth), the client takes
#    the alternative network 1 (wlan0): the default route via wlan0, mip:bindings at 10.81.1.2
# 2. wlan0 degrades (signal -83 dBm: deteriorating): make-before-break to wwan0 while the
#    correspondent pings the home address every 20 ms; loss counted; then nftables drops everything
#    on wlan0 and the pings still arrive (the traffic really left wlan0)
# 3. wlan0 recovers: the client moves back (better link)
# 4. net-snmp's snmptrap raises a mimmAlert for wlan-a (expiry 8 s, alternative 2): the advice is
#    pushed to the home address through the tunnel, the client moves to wwan0 within 1 s (trap to
#    route change measured), stays while the alert holds, and returns to wlan0 after the expiry
# 5. subnet group: wlan2 is a second radio on radio a's subnet sharing wlan0's care-of address; wlan0
#    fades: the client moves to wlan2 without asking or registering (the default route with the shared
#    address as source, the access router's neighbour entry moved by the ARP of an echo to the
#    gateway); pings counted; nftables then drops all of wlan0 and the pings still arrive
# 6. SIGTERM stops the client: it deregisters (lifetime 0, RFC 5944 §3.6.1.2), the binding is gone
# 7. tshark (capture in the mobile's namespace) decodes the Request Handoff CVSE and the Handoff
#    Advice NVSE (RFC 3115, our enterprise number 32473) field by field, the 200 refusal, the
#    deregistration
#
#   bash tools/mimm/run-mimm-e2e.sh     (root; the assembly and the client's jar built; about 2 min)
# Environment as tools/testbed/testbed.sh (HOMEAGENT_TARBALL, BOOT_TIMEOUT, KEEP_WORKDIR=1).
# Prints every check and last "N passed, N failed"; non-zero exit on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_NAME_PREFIX=${TB_NAME_PREFIX:-mmc}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
((EUID == 0)) || { echo "FAIL run-mimm-e2e.sh needs root (ip netns, TUN, nftables)"; echo "0 passed, 1 failed"; exit 1; }
testbed_init mimm-e2e

jar="$here/../mimm-client/target/homeagent-mimm-client.jar"
[[ -f "$jar" ]] || { fail_step "no $jar: build tools/mimm-client first"; testbed_finish; exit; }
command -v snmptrap >/dev/null || { fail_step "no snmptrap: install snmp (net-snmp)"; testbed_finish; exit; }
command -v nft >/dev/null || { fail_step "no nft: install nftables"; testbed_finish; exit; }

key=00112233445566778899aabbccddeeff
home=10.81.0.10
ha_addr=10.81.0.1
mib=1.3.6.1.4.1.32473.1.5
expiry=8

log "the network: home link, three radios"
for link in home ra rb rc; do testbed_link "$link"; done
testbed_node cn home=10.81.0.100/24
testbed_node ha home0@home=$ha_addr/24 ra0@ra=10.81.1.1/24 rb0@rb=10.81.2.1/24 rc0@rc=10.81.3.1/24
testbed_node mn wlan0@ra=10.81.1.2/24 wwan0@rb=10.81.2.2/24 wlan1@rc=10.81.3.2/24
# wlan2: a second radio on radio a's subnet, without an address of its own: with wlan0 one subnet group
# (the links file gives both the care-of address 10.81.1.2)
testbed_exec mn ip link add wlan2 type veth peer name wlan2p
testbed_exec mn ip link set wlan2p netns "$TB_SWITCH"
ip -n "$TB_SWITCH" link set wlan2p master "${TB_LINK[ra]}" up
testbed_exec mn ip link set wlan2 up
# triangular routing: the mobile's replies come in on a radio with the home address as source
testbed_exec ha sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
testbed_exec mn sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
# the subnet group's host setting: only the member the route to the asking router names answers ARP
# for the shared address (docs/mimm.md "Client: subnet groups")
testbed_exec mn sysctl -qw net.ipv4.conf.all.arp_filter=1
# a multihomed mobile: what leaves from a care-of address leaves by its own radio (the registration
# through the candidate is sent before the default route moves: make-before-break). Radio a's
# 10.81.1.2 belongs to the subnet group wlan0 + wlan2, whose member in use the main default route
# names: its rule comes after the main table, for the attach only (no default route yet)
for spec in wlan0:10.81.1:40000 wwan0:10.81.2:100 wlan1:10.81.3:100; do
    IFS=: read -r iface net priority <<<"$spec"
    testbed_exec mn ip rule add from "$net.2" table "${net##*.}1" priority "$priority"
    testbed_exec mn ip route add default via "$net.1" dev "$iface" table "${net##*.}1"
done

trap_port=$(free_port udp)
reactive_port=$(free_port udp)
mobile_port=$(free_port udp)
community=mimm-$$
HA_PORT=434 testbed_appliance ha net.homeagent.ha.homeAgentAddresses=$ha_addr net.homeagent.ha.maxLifetime=600 \
    net.homeagent.dataplane.implementation=user-space net.homeagent.dataplane.homeInterface=home0 \
    net.homeagent.dataplane.tunName=mmctun0 \
    net.homeagent.routes.trapReceiverEnabled=true net.homeagent.routes.trapPort="$trap_port" \
    net.homeagent.routes.trapCommunity="$community" \
    net.homeagent.mimm.reactivePort="$reactive_port" net.homeagent.mimm.mobilePort="$mobile_port" \
    net.homeagent.mimm.periodicSeconds=600 net.homeagent.mimm.trafficSampleSeconds=1 || { testbed_finish; exit; }
cat >"$karaf_home/etc/mimm-networks.conf" <<NETWORKS
# written by tools/mimm/run-mimm-e2e.sh
1 wlan-a wlan 10.81.1.0/24 100 100000 100000
2 cell-b cellular 10.81.2.0/24 100 100000
3 wlan-c wlan 10.81.3.0/24 100 50
NETWORKS
testbed_sa ha "$home" 300 "0x$key"
testbed_boot ha 'mip:dataplane' 'forwarding ON' || { testbed_finish; exit; }
testbed_shell ha 'feature:install homeagent-mimm' >/dev/null || true
deadline=$((SECONDS + 90))
until testbed_shell ha 'mimm:alerts' | grep -q 'Advice queued'; do
    ((SECONDS < deadline)) || { fail_step "the advisor did not answer within 90 s"; testbed_finish; exit; }
    sleep 2
done
expect "advisor up: mimm:alerts answers" true

log "the mobile: mip0 with the home address, the decapsulator, the client"
testbed_exec_bg mn "$py" "$here/mobile_tunnel.py" --tun mip0 --home-agent "$ha_addr" \
    --care-of 10.81.1.2 --care-of 10.81.2.2 --care-of 10.81.3.2
decap=$TB_BG decap_out=$TB_BG_OUT
for _ in $(seq 50); do grep -qs ready "$decap_out" && break; sleep 0.2; done
testbed_exec mn ip addr add "$home/32" dev mip0
testbed_exec mn ip link set mip0 up

signals() { # wlan0 wwan0 wlan1 wlan2, dBm: the wireless file the monitor reads, replaced in one step
    printf 'Inter-| sta-|   Quality        |   Discarded packets\n face | tus | link level noise |  nwid  crypt\n' >"$work/wireless.new"
    printf 'wlan0: 0000 50. %d. -95. 0 0\nwwan0: 0000 50. %d. -95. 0 0\nwlan1: 0000 50. %d. -95. 0 0\n' \
        "$1" "$2" "$3" >>"$work/wireless.new"
    printf 'wlan2: 0000 50. %d. -95. 0 0\n' "$4" >>"$work/wireless.new"
    mv "$work/wireless.new" "$work/wireless"
}
signals -50 -50 -50 -95   # wlan2 out of range until step 5
cat >"$work/links.conf" <<LINKS
# <iface> <type> <network> <care-of> <gateway> <kbit/s> <mW> <cost/MB> <preference>
wlan0 wlan     1 10.81.1.2 10.81.1.1 54000 800  0 3
wwan0 cellular 2 10.81.2.2 10.81.2.1 10000 1200 5 1
wlan1 wlan     3 10.81.3.2 10.81.3.1 54000 800  0 5
wlan2 wlan     1 10.81.1.2 10.81.1.1 54000 800  0 3
LINKS

testbed_capture mn/any "udp port 434" || { testbed_finish; exit; }
pcap=$TB_PCAP
testbed_exec_bg mn java -jar "$jar" run --links "$work/links.conf" --home-agent "$ha_addr" --port "$port" \
    --home "$home" --spi 300 --key "$key" --sessions 1 --kbps 64 --interval-ms 100 --averaging moving:2 \
    --failed-hold-s 2 --timeout-ms 1000 --attempts 3 --advice-port "$mobile_port" --advisor-port "$reactive_port" \
    --wireless "$work/wireless"
client=$TB_BG client_out=$TB_BG_OUT

radio_dead() { # nftables drops everything in and out of $1, ARP too: a radio that is gone (a member of
    # the subnet group still answering ARP for the shared address would pull its traffic back)
    testbed_exec mn nft -f - <<NFT
table inet mmcradio {
    chain in { type filter hook input priority 0; iifname "$1" drop; }
    chain out { type filter hook output priority 0; oifname "$1" drop; }
}
table arp mmcradio {
    chain in { type filter hook input priority 0; iifname "$1" drop; }
    chain out { type filter hook output priority 0; oifname "$1" drop; }
}
NFT
}
radio_back() { testbed_exec mn nft delete table inet mmcradio; testbed_exec mn nft delete table arp mmcradio; }
await_line() { # ERE, seconds: until the client printed a line matching it (its handoff lines come after the route)
    local deadline=$((SECONDS + $2))
    until grep -qE "$1" "$client_out"; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}
default_dev() { testbed_exec mn ip route show default | awk '/^default/ { for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1) }'; }
await_default() { # iface, seconds
    local deadline=$((SECONDS + $2))
    until [[ "$(default_dev)" == "$1" ]]; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}
pings() { # ping from the correspondent to the home address every 20 ms, in the background, into $work/$1.ping
    tb_in_ns cn
    # ip netns exec execs ping: $! is ping itself, which prints its summary on SIGINT
    "${TB_IN[@]}" ping -n -i 0.02 "$home" >"$work/$1.ping" 2>&1 &
    ping_pid=$!
    testbed_on_teardown "kill $ping_pid 2>/dev/null || true"
}
ping_stop() { # stops the ping of `pings $1`; sets sent and got (0 0 if it printed no summary)
    kill -INT "$ping_pid" 2>/dev/null || true
    wait "$ping_pid" 2>/dev/null || true
    read -r sent got < <(awk '/packets transmitted/ { sent = $1; got = $4 } END { print sent + 0, got + 0 }' "$work/$1.ping")
}

# move_under_pings NAME IFACE WHAT DBM...: pings the home address while the signals become DBM..., waits
# (5 s at most) for the default route via IFACE, and counts the pings lost meanwhile (target 0, at
# most 1 allowed: one in flight at the switch)
move_under_pings() {
    local name=$1 iface=$2 what=$3 fell moved
    shift 3
    pings "$name"
    sleep 1
    signals "$@"
    fell=$(date +%s%3N)
    expect "the default route via $iface within 5 s" await_default "$iface" 5
    moved=$(date +%s%3N)
    sleep 1
    ping_stop "$name"
    log "$what $((moved - fell)) ms after the signal fell; pings: $sent sent, $got answered, $((sent - got)) lost"
    expect "ping loss during $what: $((sent - got)) of $sent (target 0, at most 1 allowed)" \
        test "$sent" -ge 40 -a $((sent - got)) -le 1
}
at_ms() { date -d "$1" +%s%3N; }   # an ISO-8601 instant of the client's output, as epoch ms

log "1. attach: wlan1 (network 3) refused for bandwidth, the alternative network 1 taken"
expect "the default route via wlan0 within 30 s" await_default wlan0 30
expect "the handoff line: none -> wlan0 (ATTACH, advised)" await_line ' handoff none -> wlan0 \(ATTACH, advised\)$' 3
expect "mip:bindings: $home at 10.81.1.2" grep -qE "10\.81\.0\.10 .*10\.81\.1\.2" <<<"$(testbed_shell ha 'mip:bindings')"
stats=$(testbed_shell ha 'mimm:stats')
sed 's/^/   | /' <<<"$stats"
expect "mimm:stats: advice TARGET_FULL_BANDWIDTH given (network 3)" grep -qE '^ *TARGET_FULL_BANDWIDTH +[1-9]' <<<"$stats"
forwarded_kbps() { # network name: its "Forwarded kbit/s" column of mimm:networks (now/capacity)
    testbed_shell ha 'mimm:networks' | awk -v name="$1" '$2 == name { print $7 }'
}
pings settle
sleep 2
deadline=$((SECONDS + 10))
until [[ "$(forwarded_kbps wlan-a)" =~ ^[1-9][0-9]*/100000$ ]] || ((SECONDS >= deadline)); do sleep 0.5; done
forwarded=$(forwarded_kbps wlan-a)
ping_stop settle
expect "mimm:networks: the data plane's tunnel counters as load, wlan-a forwarded $forwarded kbit/s (non-zero, capacity 100000) while the pings run" \
    grep -qE '^[1-9][0-9]*/100000$' <<<"$forwarded"
expect "the correspondent reaches the home address through the tunnel to wlan0 ($got of $sent)" \
    test "$sent" -ge 20 -a "$got" -ge $((sent - 1))

log "2. wlan0 degrades: make-before-break to wwan0 under a ping every 20 ms"
move_under_pings handoff wwan0 "the handoff" -83 -50 -50 -95
expect "the handoff line: wlan0 -> wwan0 (DETERIORATING, advised)" \
    await_line ' handoff wlan0 -> wwan0 \(DETERIORATING, advised\)$' 3
expect "mip:bindings: $home at 10.81.2.2" grep -qE "10\.81\.0\.10 .*10\.81\.2\.2" <<<"$(testbed_shell ha 'mip:bindings')"
radio_dead wlan0
pings dead
sleep 2
ping_stop dead
expect "nftables drops all of wlan0: the pings still arrive ($got of $sent), the traffic is on wwan0" \
    test "$sent" -ge 20 -a "$got" -ge $((sent - 1))
drops=$(testbed_exec mn nft list ruleset | grep -c 'wlan0" drop')
expect "nftables rules in place ($drops)" test "$drops" -eq 4

log "3. wlan0 recovers: back to the better link"
radio_back
signals -50 -50 -50 -95
expect "the default route via wlan0 again within 10 s" await_default wlan0 10

log "4. snmptrap: mimmAlert for wlan-a (outage, expiry $expiry s, alternative 2)"
sleep 1
pings alert
trap_ms=$(date +%s%3N)
testbed_exec ha snmptrap -v 2c -c "$community" "127.0.0.1:$trap_port" '' "$mib.0.1" \
    "$mib.1.1.1.0" s wlan-a "$mib.1.1.2.0" i 2 "$mib.1.1.3.0" i "$expiry" "$mib.1.1.4.0" u 2
until [[ "$(default_dev)" == wwan0 ]] || (($(date +%s%3N) - trap_ms > 5000)); do sleep 0.01; done
route_ms=$(date +%s%3N)
elapsed=$((route_ms - trap_ms))
log "trap to route change: $elapsed ms"
expect "the alert moved the mobile to wwan0 within 1 s of the trap ($elapsed ms)" test "$elapsed" -le 1000
expect "the handoff line: wlan0 -> wwan0 (REACTIVE_ADVICE, advised)" \
    await_line ' handoff wlan0 -> wwan0 \(REACTIVE_ADVICE, advised\)$' 3
sleep $((expiry - 3))
expect "still on wwan0 $((expiry - 2)) s after the alert (wlan0 is the better link, but avoided)" \
    test "$(default_dev)" = wwan0
expect "back on wlan0 within 5 s after the expiry" await_default wlan0 8
# the advisor tells the expiry left in whole seconds (it may round down by up to 1 s): the mobile must
# stay away as long as it was told, counted from the advice's arrival
avoid=$(grep -oE 'avoid network 1 \(OUTAGE\) until [^ ]+' "$client_out" | tail -n 1 | awk '{ print $NF }')
back=$(grep -E '^[0-9][^ ]+ handoff wwan0 -> wlan0 \(BETTER_LINK' "$client_out" | tail -n 1 | cut -d' ' -f1)
if [[ -n "$avoid" && -n "$back" ]]; then
    log "advised at $(( $(at_ms "$(grep -E '^[0-9][^ ]+ handoff wlan0 -> wwan0 \(REACTIVE_ADVICE' "$client_out" | cut -d' ' -f1)") - trap_ms )) ms after the trap, avoid until $avoid, back at $back"
    expect "told to avoid network 1 for at least $((expiry - 1)) s ($(($(at_ms "$avoid") - trap_ms)) ms after the trap)" \
        test $(($(at_ms "$avoid") - trap_ms)) -ge $(((expiry - 1) * 1000))
    expect "not back on wlan0 before the advice expired ($(($(at_ms "$back") - $(at_ms "$avoid"))) ms after)" \
        test "$(at_ms "$back")" -ge "$(at_ms "$avoid")"
else
    fail_step "the client's output lacks the avoid line ('$avoid') or the handoff back ('$back')"
fi
ping_stop alert
log "pings during the alert's two handoffs: $sent sent, $got answered, $((sent - got)) lost"
expect "ping loss during the alert's two handoffs: $((sent - got)) of $sent (at most 2 allowed)" \
    test "$sent" -ge 100 -a $((sent - got)) -le 2

log "5. subnet group: wlan0 fades, wlan2 (same subnet, same care-of address) takes over at layer 2"
move_under_pings group wlan2 "the layer-2 move" -83 -50 -50 -50
expect "the handoff line: wlan0 -> wlan2 (DETERIORATING, same address)" \
    await_line '^[0-9][^ ]+ handoff wlan0 -> wlan2 \(DETERIORATING, same address\)$' 3
wlan2_mac=$(testbed_exec mn cat /sys/class/net/wlan2/address)
neighbour=$(testbed_exec ha ip neigh show 10.81.1.2 dev ra0)
expect "the access router's neighbour entry for 10.81.1.2 is wlan2's address $wlan2_mac ($neighbour)" \
    grep -qi "lladdr $wlan2_mac" <<<"$neighbour"
expect "the default route names the shared care-of address as source" \
    grep -qE 'default via 10.81.1.1 dev wlan2 .*src 10.81.1.2' <<<"$(testbed_exec mn ip route show default)"
radio_dead wlan0
pings group-dead
sleep 2
ping_stop group-dead
expect "nftables drops all of wlan0: the pings still arrive ($got of $sent), through wlan2" \
    test "$sent" -ge 20 -a "$got" -ge $((sent - 1))
expect "mip:bindings: still at 10.81.1.2 (nothing registered for the move)" \
    grep -qE "10\.81\.0\.10 .*10\.81\.1\.2" <<<"$(testbed_shell ha 'mip:bindings')"

log "6. the client stops (SIGTERM): it deregisters from the link in use"
kill -TERM "$client" 2>/dev/null || true
await_exit "$client" || fail_step "the client did not exit within 30 s of SIGTERM"
expect "the client's last line: deregistered via wlan2, accepted" grep -qE ' deregistered via wlan2: accepted 0 ' "$client_out"
bindings=$(testbed_shell ha 'mip:bindings') || bindings="mip:bindings did not answer: $home unknown"
expect "mip:bindings: no binding of $home left" test "$(grep -c '10\.81\.0\.10' <<<"$bindings")" -eq 0

log "7. tshark decodes the extensions"
testbed_capture_stop
dereg=$(tshark -n -r "$pcap" -Y 'mip.type == 1 && mip.life == 0' -T fields -e ip.src -e mip.coa 2>/dev/null | sort -u | tr '\t\n' '  ')
expect "the deregistration on the wire: from 10.81.1.2, lifetime 0, care-of = the home address ($dereg)" \
    test "$dereg" = "10.81.1.2 10.81.0.10 "
kill -TERM "$decap" 2>/dev/null || true
# a line per registration message, its fields that are there: type, code (replies), care-of (requests),
# IP destination, CVSE vendor / type / value, NVSE vendor / type / value
fields=$(tshark -n -r "$pcap" -Y mip -T fields -E occurrence=f -e mip.type -e mip.code -e mip.coa -e ip.dst \
    -e mip.ext.cvse.vendor_id -e mip.ext.cvse.vendor_type -e mip.ext.cvse.vendor_value -e mip.ext.nvse.vendor_id \
    -e mip.ext.nvse.vendor_type -e mip.ext.nvse.vendor_value 2>/dev/null |
    awk -F'\t' '{ line = ""; for (i = 1; i <= NF; i++) if ($i != "") line = line (line == "" ? "" : " ") $i; print line }' || true)
sed 's/^/   | /' <<<"$fields"
# docs/protocols.md "Request Handoff vendor data": version 1, T 0, target, current, signal, link type, sessions, kbit/s
expect "Request Handoff CVSE (38) 32473/1 from 10.81.3.2: target 3, current 0, -50 dBm, wlan, 1 session, 64 kbit/s" \
    grep -qx '1 10.81.3.2 10.81.0.1 32473 0x0001 010000030000ce01000100000040' <<<"$fields"
# "Handoff Advice vendor data": version 1, verdict, reason, C, hold, target, N, alternatives
expect "Handoff Advice NVSE (134) 32473/2 in the 200: not now, bandwidth, hold 30, target 3, alternatives 1 2" \
    grep -qx '3 200 10.81.3.2 32473 2 01010300001e0003020000010002' <<<"$fields"
expect "Handoff Advice in a 0: go, completed (C), hold 300, target 1" \
    grep -qx '3 0 10.81.1.2 32473 2 01000080012c00010000' <<<"$fields"
expect "Request Handoff from 10.81.2.2: target 2, current 1, cellular" \
    grep -qE '^1 10.81.2.2 10.81.0.1 32473 0x0001 010000020001..02' <<<"$fields"
sleep 0.5
sed 's/^/   | /' "$decap_out"
expect "the decapsulator delivered through both care-of addresses" \
    bash -c "grep -qE 'via 10.81.1.2: [1-9]' '$decap_out' && grep -qE 'via 10.81.2.2: [1-9]' '$decap_out'"
sed 's/^/   | /' "$client_out"
testbed_finish
