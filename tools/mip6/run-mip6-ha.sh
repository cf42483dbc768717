#!/usr/bin/env bash
# System test of the Mobile IPv6 home agent and binding cache recovery (issue 14, docs/mip6.md):
# the appliance with the homeagent-mip6 feature enabled, and NODES scapy mobile nodes in another
# namespace on one access link, their care-of addresses in PREFIXES /64s:
#
#   ha  2001:db8:f::1 --+   the appliance; its service address 2001:db8:100::1 (home prefix
#                       |   2001:db8:100::/64) is routed into its TUN device mip6ha0
#   mn  2001:db8:f::2 --+-- "access" link (a bridge; tshark captures it); care-of addresses
#                           2001:db8:a1::i .. 2001:db8:a<PREFIXES>::i; tools/mip6/mip6_mobiles.py
#   ha  2001:db8:100::fe -+-- "home" link, the home prefix on it (homeLinkInterface=home0)
#   hn  2001:db8:100::ff -+   a neighbour on the home link (its kernel's Neighbor Discovery, ping)
#
#   bash tools/mip6/run-mip6-ha.sh        (as root, after mvn install)
#
# Checks: every mobile's Binding Update (Home Address option, A and H) is acknowledged with 0
# through a type 2 routing header (checksums checked by the scapy side); mip6:bindings holds
# exactly the ledger; tshark decodes every Mobility Header without a warning. Then kill -9 of the
# appliance and a restart: Binding Refresh Requests go out paced (rate from the median gap) and
# shuffled (no two requests in a row to one /64 before the first retry, the gaps to one /64 at least 0.8 x the
# configured spacing but for at most 2 % bunched by the host's forwarding on a loaded box, home
# addresses not in order) - measured from the capture -, every mobile but each
# SILENT_EVERY-th answers with a Binding Update and is restored (0 answering mobiles lost), the
# silent ones are deleted after their timers; mip6:recovery's counts match. Each wait is bounded;
# each check prints PASS or FAIL; last line "N passed, N failed". Namespaces start with m6-.
# Traffic: echo requests from a correspondent address behind the link to 20 home addresses arrive
# at the care-of addresses tunnelled IPv6 in IPv6 from the home agent, and the mobiles' replies come
# back through their reverse tunnels (before the kill, and after the recovery: the deleted mobiles
# then get nothing). The same appliance is a MAP too (HMIPv6, RFC 5380, address 2001:db8:300::1): local Binding
# Updates (M and A, the regional care-of address in the Home Address option) from 20 mobiles are
# acknowledged with 0 and held in the MAP's binding cache, H at the MAP is 129, an RCoA outside its
# prefix 132; they are in the MAP's backup at the kill -9, its own recovery asks them (their answers
# are local Binding Updates; paced and shuffled, from the capture, as the home agent's), restores the
# answering ones and deletes the silent ones, and its tunnels then carry traffic to the restored
# on-link care-of addresses only.
# The care-of addresses are not on the mobile nodes' host (mip6-lib.sh, mip6_bed): its kernel drops what
# is sent to them; the tshark checks leave any ICMPv6 error (and the message it quotes) out all the same.
# The home link (RFC 6275 §10.4.1): every bound home address is proxied there (the neighbour's
# kernel resolves it to the home agent; its pings are tunnelled to the care-of address), one
# unsolicited Neighbor Advertisement with the Override flag per home address at least (tshark);
# after the kill -9 and the recovery only the restored ones are proxied.
#
# ESP (RFC 4877, docs/mip6.md "Security"; ipsecPolicy=when-keyed so that the other mobiles register in
# the clear): ESP_NODES mobiles with manually keyed SAs in the appliance's etc/mip6-ipsec.conf (keys
# new each run) register under ESP (scapy's SecurityAssociation) and decrypt their acknowledgements
# with scapy (SPI, ICV, then the checks of the others); a replay of their updates, the updates with a
# flipped ICV octet and the updates in the clear are each discarded (no answer) and counted in
# mip6:stats; they deregister under ESP before the kill; tshark decodes the ESP headers (it cannot
# decrypt them: it is not given the keys).
# Environment: NODES (200), ESP_NODES (4), MAP_NODES (20), PREFIXES (8), RATE (100 requests/s), SPACING (40 ms), SILENT_EVERY (4),
# TIMEOUT_MS (2000: the recovery's timer per node, doubled per retry; an answer the scapy mobiles send after
# the last one, on a box too loaded for them, is a deleted entry that their Binding Update then registers
# again), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-200}
esp_nodes=${ESP_NODES:-4}
prefixes=${PREFIXES:-8}
rate=${RATE:-100}
spacing=${SPACING:-40}
silent_every=${SILENT_EVERY:-4}
timeout_ms=${TIMEOUT_MS:-2000}
boot_timeout=${BOOT_TIMEOUT:-300}
ha_address=2001:db8:100::1
map_address=2001:db8:300::1   # the same appliance is a MAP too (HMIPv6, RFC 5380)
map_prefix=2001:db8:300::/64
map_nodes=${MAP_NODES:-20}
correspondent=2001:db8:c::9   # the echo requests' source: routed back to the mobile nodes' link
home_link_ha=2001:db8:100::fe   # the home agent's own address on the home link
neighbour=2001:db8:100::ff      # a node on the home link (hn)
traffic_nodes=20
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=mip6-lib.sh
source "$here/mip6-lib.sh"
mobiles="$here/mip6_mobiles.py"

mn() { testbed_exec mn "$py" "$mobiles" "$@"; }

proxies() { ip -n "${TB_NS[ha]}" -6 neigh show proxy dev home0 | grep -c . || true; }
await_proxies() {  # N: until the home agent proxies N home addresses on the home link (10 s at most, 1 s more per 100 nodes)
    for _ in $(seq "$((50 + nodes / 20))"); do [[ "$(proxies)" == "$1" ]] && return 0; sleep 0.2; done
    return 1
}
resolves_to_ha() {  # HOME: hn's kernel resolves HOME (its Neighbor Solicitation, the proxy's answer) to the home agent's home0
    testbed_exec hn ip -6 neigh flush to "$1" dev home0 >/dev/null 2>&1 || true
    testbed_exec hn ping -6 -n -q -c 1 -W 2 "$1" >/dev/null 2>&1 || true   # no echo reply comes: the mobile is scapy
    testbed_exec hn ip -6 neigh show "$1" dev home0 >"$work/neigh.out" 2>&1 || true
    grep -qi "lladdr $ha_home_mac" "$work/neigh.out"
}

deregistered() {  # HOME: the deregistration was acknowledged and mip6:binding HOME finds nothing
    grep -q '^acknowledged 1, refused 0, unanswered 0, wrong 0, bad 0' "$work/deregister.out" &&
        testbed_shell ha "mip6:binding $1" | tee "$work/deregistered-binding.txt" | grep -qE '^(no binding for|binding cache +none)'
}

testbed_init mip6
mip6_role="home agent"   # the MAP's cache is checked on its own
mip6_bed ha 2001:db8:100::/64 "$correspondent/128" || { testbed_finish; exit; }
# the home link (RFC 6275 §10.4.1): the home prefix is on it, shared with a neighbour hn; the home
# agent proxies each bound home address there (homeLinkInterface)
testbed_link home
testbed_attach ha home0@home=$home_link_ha/64
testbed_node hn home0@home=$neighbour/64
tentative_gone ha && tentative_gone hn || log "duplicate address detection still running on the home link"
ha_home_mac=$(ip -n "${TB_NS[ha]}" link show dev home0 | awk '/link\/ether/ {print $2}')
mip6_appliance ha "net.homeagent.mip6.homeAgentAddresses=$ha_address" net.homeagent.mip6.homePrefixes=2001:db8:100::/64 \
    net.homeagent.mip6.homeLinkInterface=home0 \
    "net.homeagent.mip6.mapAddresses=$map_address" "net.homeagent.mip6.mapPrefixes=$map_prefix" \
    net.homeagent.mip6.maxLifetimeSeconds=3600 "net.homeagent.mip6.recoveryTimeoutMillis=$timeout_ms" \
    net.homeagent.mip6.ipsecPolicy=when-keyed || { testbed_finish; exit; }
# the ESP mobiles' security associations: home addresses after the other mobiles', keys new each run
sas="${TB_HOME[ha]}/etc/mip6-ipsec.conf"
"$py" - "$nodes" "$esp_nodes" >"$sas" <<'PY'
import ipaddress, secrets, sys
first, count = int(sys.argv[1]), int(sys.argv[2])
for i in range(first + 1, first + count + 1):
    home = ipaddress.IPv6Network("2001:db8:100::/64")[0x10000 + i]
    print(home, hex(0x1000 + i), hex(0x2000 + i), "aes-cbc/hmac-sha1-96",
          *(secrets.token_hex(n) for n in (16, 20, 16, 20)))
PY
chmod 600 "$sas"

log "booting the appliance with the homeagent-mip6 feature"
testbed_boot ha 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
testbed_capture home "icmp6" || { testbed_finish; exit; }
home_pcap=$TB_PCAP
testbed_capture access "ip6" || { testbed_finish; exit; }

log "$nodes mobile nodes register from $prefixes care-of prefixes"
mn register --ha "$ha_address" --next-hop-mac "$router_mac" --nodes "$nodes" --prefixes "$prefixes" --ledger "$work/ledger" \
    | tee "$work/register.out" || true
expect "every Binding Update acknowledged with 0 through a type 2 routing header, checksums right ($(tail -1 "$work/register.out"))" \
    grep -q "^acknowledged $nodes, refused 0, unanswered 0, wrong 0, bad 0" "$work/register.out"
expect "mip6:bindings holds every acknowledged home address at its care-of address" bindings_match registered
mn register --ha "$ha_address" --next-hop-mac "$router_mac" --nodes 1 --prefixes 1 --home-prefix 2001:db8:200::/64 \
    --ledger "$work/foreign" >"$work/foreign.out" || true
expect "a home address outside the home prefix is refused with 132, not home subnet ($(cat "$work/foreign"))" \
    grep -q " 132$" "$work/foreign"
mn traffic --ha "$ha_address" --next-hop-mac "$router_mac" --ledger "$work/ledger" --correspondent "$correspondent" \
    --count "$traffic_nodes" | tee "$work/traffic-1.out" || true
expect "traffic through the home agent's tunnels: echo requests tunnelled IPv6 in IPv6 to the care-of addresses, replies reverse-tunnelled back ($(tail -1 "$work/traffic-1.out"))" \
    grep -q "^tunnelled $traffic_nodes of $traffic_nodes, reverse $traffic_nodes of $traffic_nodes, unbound not forwarded 0 of 0, stray 0" "$work/traffic-1.out"
testbed_shell ha 'mip6:stats' >"$work/stats-1.txt"
expect "mip6:stats counts $nodes registrations" grep -qE "^$nodes +registrations accepted" "$work/stats-1.txt"

log "the home link: proxy Neighbor Discovery for the bound home addresses (RFC 6275 §10.4.1)"
expect "every bound home address proxied on the home link ($(proxies) of $nodes)" await_proxies "$nodes"
second_home=2001:db8:100::1:2
expect "the neighbour's kernel resolves $second_home to the home agent's $ha_home_mac (Neighbor Discovery, the proxy answers)" \
    resolves_to_ha "$second_home"
# the neighbour's echo requests reach the mobile node through the tunnel (counted from the capture below)
testbed_exec hn ping -6 -n -q -c 3 -i 0.2 -W 1 "$second_home" >/dev/null 2>&1 || true

log "ESP (RFC 4877): $esp_nodes mobile nodes register under manually keyed security associations"
esp() { mn esp-register --ha "$ha_address" --next-hop-mac "$router_mac" --prefixes "$prefixes" --sas "$sas" "$@"; }
esp_stat() { awk -v text="$1" 'index($0, text) {print $1; exit}' "$work/stats-esp.txt"; }
esp --esp-seq 1 --ledger "$work/esp-ledger" | tee "$work/esp.out" || true
expect "every Binding Update under ESP acknowledged with 0 under ESP, decrypted by scapy with the home agent's SA, fields and checksum right ($(tail -1 "$work/esp.out"))" \
    grep -q "^acknowledged $esp_nodes, refused 0, unanswered 0, wrong 0, bad 0" "$work/esp.out"
cat "$work/ledger" "$work/esp-ledger" >"$work/ledger-with-esp"
testbed_shell_file ha 'mip6:bindings' "$work/bindings-esp.txt" || true
expect "mip6:bindings holds the ESP mobiles too ($("$py" "$mobiles" check-bindings --role "$mip6_role" --ledger "$work/ledger-with-esp" --bindings "$work/bindings-esp.txt"))" \
    "$py" "$mobiles" check-bindings --role "$mip6_role" --ledger "$work/ledger-with-esp" --bindings "$work/bindings-esp.txt"
esp --esp-seq 1 --seq 1 --expect-silence --ledger "$work/esp-replay" >"$work/esp-replay.out" || true
esp --esp-seq 2 --seq 2 --forge icv --ledger "$work/esp-forged" >"$work/esp-forged.out" || true
esp --seq 2 --forge clear --esp-seq 0 --ledger "$work/esp-clear" >"$work/esp-clear.out" || true
for kind in replay forged clear; do
    expect "ESP mobiles' updates $kind: none answered ($(tail -1 "$work/esp-$kind.out"))" \
        grep -q "^acknowledged 0, refused 0, unanswered $esp_nodes, wrong 0, bad 0" "$work/esp-$kind.out"
done
testbed_shell ha 'mip6:stats' >"$work/stats-esp.txt"
esp_counts="$(esp_stat 'ESP packets to the home agent that passed') $(esp_stat 'Binding Acknowledgements sent under ESP') $(esp_stat 'ESP packets replayed') $(esp_stat 'ESP packets whose ICV') $(esp_stat 'home registrations not under ESP')"
expect "mip6:stats: ESP accepted, acknowledgements under ESP, replayed, ICV failed, not protected ($esp_counts)" \
    test "$esp_counts" = "$esp_nodes $esp_nodes $esp_nodes $esp_nodes $esp_nodes"
esp --esp-seq 3 --seq 3 --lifetime-units 0 --ledger "$work/esp-deregistered" >"$work/esp-deregister.out" || true
expect "the ESP mobiles deregister under ESP, acknowledged with 0 ($(tail -1 "$work/esp-deregister.out"))" \
    grep -q "^acknowledged $esp_nodes, refused 0, unanswered 0, wrong 0, bad 0" "$work/esp-deregister.out"

log "HMIPv6: $map_nodes mobile nodes bind a regional care-of address at the MAP $map_address (local Binding Updates, M and A)"
mn register --ha "$map_address" --flags MA --next-hop-mac "$router_mac" --nodes "$map_nodes" --prefixes "$prefixes" \
    --home-prefix "$map_prefix" --ledger "$work/map-ledger" | tee "$work/map.out" || true
expect "every local Binding Update acknowledged with 0 by the MAP through a type 2 routing header ($(tail -1 "$work/map.out"))" \
    grep -q "^acknowledged $map_nodes, refused 0, unanswered 0, wrong 0, bad 0" "$work/map.out"
testbed_shell_file ha 'mip6:bindings' "$work/bindings-map.txt" || true
expect "mip6:bindings: the MAP's binding cache holds every regional care-of address at its on-link care-of address ($("$py" "$mobiles" check-bindings --role MAP --ledger "$work/map-ledger" --bindings "$work/bindings-map.txt"))" \
    "$py" "$mobiles" check-bindings --role MAP --ledger "$work/map-ledger" --bindings "$work/bindings-map.txt"
mn register --ha "$map_address" --next-hop-mac "$router_mac" --nodes 1 --prefixes 1 --home-prefix "$map_prefix" --seq 9 \
    --ledger "$work/map-home" >/dev/null || true
expect "a home registration (H) at the MAP's address is refused with 129 ($(cat "$work/map-home"))" grep -q " 129$" "$work/map-home"
mn register --ha "$map_address" --flags MA --next-hop-mac "$router_mac" --nodes 1 --prefixes 1 \
    --home-prefix 2001:db8:301::/64 --ledger "$work/map-foreign" >/dev/null || true
expect "a regional care-of address outside the MAP's prefix is refused with 132 ($(cat "$work/map-foreign"))" \
    grep -q " 132$" "$work/map-foreign"

log "kill -9 of the appliance; the mobile nodes of the home agent and of the MAP listen for Binding Refresh Requests"
# the MAP's mobile nodes answer its requests with local Binding Updates (RFC 5380 §4.1; the MAP's
# recovery is the home agent's code over its own cache and backup)
testbed_exec_bg mn "$py" "$mobiles" answer --ha "$map_address" --flags MA --home-prefix "$map_prefix" \
    --next-hop-mac "$router_mac" --ledger "$work/map-ledger" --silent-every "$silent_every" \
    --seconds "$((boot_timeout + 60 + $(asking_bound "$map_nodes")))" --log "$work/brr-map-scapy.log"
map_answerer=$TB_BG map_answer_out=$TB_BG_OUT
for _ in $(seq 120); do grep -q '^listening' "$map_answer_out" && break; sleep 0.5; done
mip6_restart_and_recover "the answering ones restored" "$py" "$mobiles" answer --ha "$ha_address" \
    --next-hop-mac "$router_mac" --ledger "$work/ledger" --silent-every "$silent_every" \
    --seconds "$((boot_timeout + 60 + $(asking_bound "$nodes")))" --log "$work/brr-scapy.log" || { testbed_finish; exit; }
answering=$((nodes - nodes / silent_every))

map_restored=$((map_nodes - map_nodes / silent_every)) map_silent=$((map_nodes / silent_every))
for _ in $(seq "$((60 + $(asking_bound "$map_nodes")))"); do kill -0 "$map_answerer" 2>/dev/null || break; sleep 1; done
expect "the MAP's mobile nodes asked, the answering ones restored with local Binding Updates ($(tail -1 "$map_answer_out"))" \
    grep -qE "^refresh requests [0-9]+ \(distinct $map_nodes\), answered $map_restored, acknowledged $map_restored, bad 0" "$map_answer_out"
map_recovery() {  # the MAP's part of mip6:recovery, finished (20 s at most)
    for _ in $(seq 20); do
        testbed_shell ha 'mip6:recovery' | sed -n '/^MAP:$/,/^$/p' >"$work/map-recovery.txt" || true
        grep -q '^state *finished' "$work/map-recovery.txt" && return 0
        sleep 1
    done
    return 1
}
map_field() { awk -v k="$1" '$1 == k {print $2}' "$work/map-recovery.txt"; }
map_recovery || true
expect "mip6:recovery of the MAP: total $map_nodes, validated $map_restored, deleted $map_silent, pending 0 ($(map_field total) $(map_field validated) $(map_field deleted) $(map_field pending))" \
    test "$(map_field state) $(map_field total) $(map_field validated) $(map_field deleted) $(map_field pending)" \
    = "finished $map_nodes $map_restored $map_silent 0"
testbed_shell_file ha 'mip6:bindings' "$work/bindings-map-recovered.txt" || true
expect "mip6:bindings: the MAP's cache holds the restored regional care-of addresses, not the deleted ones ($("$py" "$mobiles" check-bindings --role MAP --ledger "$work/map-ledger" --bindings "$work/bindings-map-recovered.txt"))" \
    "$py" "$mobiles" check-bindings --role MAP --ledger "$work/map-ledger" --bindings "$work/bindings-map-recovered.txt"

restored=$((traffic_nodes - traffic_nodes / silent_every))
mn traffic --ha "$ha_address" --next-hop-mac "$router_mac" --ledger "$work/ledger" --correspondent "$correspondent" \
    --count "$traffic_nodes" | tee "$work/traffic-2.out" || true
expect "after the recovery, the restored mobiles are forwarded to and the deleted ones are not ($(tail -1 "$work/traffic-2.out"))" \
    grep -q "^tunnelled $restored of $restored, reverse $restored of $restored, unbound not forwarded $((traffic_nodes - restored)) of $((traffic_nodes - restored)), stray 0" "$work/traffic-2.out"

first_home=2001:db8:100::1:1   # mobile node 1 answered: registered with sequence number 2
mn register --ha "$ha_address" --next-hop-mac "$router_mac" --nodes 1 --prefixes "$prefixes" --seq 3 --lifetime-units 0 \
    --ledger "$work/deregistered" >"$work/deregister.out" || true
expect "a deregistration (lifetime 0) is acknowledged with 0 and removes the binding ($(tail -1 "$work/deregister.out"))" \
    deregistered "$first_home"
# after the restart: the entries the kernel kept were taken over, the silent ones' withdrawn: the
# home link proxies exactly the home agent's binding cache, the answering mobiles (checked above
# against the ledger) less the deregistered one
expect "the home link after the recovery and the deregistration proxies what the binding cache holds ($((answering - 1)))" \
    await_proxies "$((answering - 1))"
silent_home=$(awk '$4 != 0 {print $1; exit}' "$work/ledger")
expect "a deleted mobile's home address ($silent_home) no longer resolves on the home link" \
    eval '! resolves_to_ha "$silent_home"'

mn traffic --ha "$map_address" --next-hop-mac "$router_mac" --ledger "$work/map-ledger" --correspondent "$correspondent" \
    --count "$traffic_nodes" | tee "$work/traffic-map.out" || true
expect "after the recovery, traffic through the MAP's tunnels to the restored on-link care-of addresses and back, none to the deleted ones ($(tail -1 "$work/traffic-map.out"))" \
    grep -q "^tunnelled $restored of $restored, reverse $restored of $restored, unbound not forwarded $((traffic_nodes - restored)) of $((traffic_nodes - restored)), stray 0" "$work/traffic-map.out"
sleep 1
testbed_capture_stop
mobility=$(tshark_count "$TB_PCAP" 'mipv6 && !icmpv6') || mobility=0
expect "tshark decodes every Mobility Header ($mobility) without a warning or a malformed packet" \
    tshark_clean "$TB_PCAP" 'mipv6 && !icmpv6'
esp_frames=$(tshark_count "$TB_PCAP" "esp && !icmpv6") || esp_frames=0
esp_acks=$(tshark_count "$TB_PCAP" "esp && !icmpv6 && ipv6.src == $ha_address && ipv6.routing.type == 2") || esp_acks=0
expect "tshark decodes the ESP headers ($esp_frames; $esp_acks from the home agent after a type 2 routing header, $((2 * esp_nodes)) expected) without a warning" \
    eval 'test "$esp_acks" -eq "$((2 * esp_nodes))" && tshark_clean "$TB_PCAP" "esp && !icmpv6 && ipv6.src == $ha_address"'
# tshark follows each SA's sequence numbers itself: the replayed updates must be what it flags, and only they
esp_flagged=$(tshark_count "$TB_PCAP" "esp && !icmpv6 && (_ws.malformed || _ws.expert.severity >= 0x00600000)") || esp_flagged=0
esp_repeated=$(tshark_count "$TB_PCAP" "esp && !icmpv6 && ipv6.src != $ha_address && _ws.expert.message contains \"repeated\"") || esp_repeated=0
expect "tshark flags the $esp_nodes replayed updates (Wrong Sequence Number, repeated) and nothing else in ESP ($esp_repeated of $esp_flagged flagged)" \
    test "$esp_repeated $esp_flagged" = "$esp_nodes $esp_nodes"
refreshes=$(tshark_count "$TB_PCAP" 'mip6.mhtype == 0 && !icmpv6') || refreshes=0
accepted=$(tshark_count "$TB_PCAP" 'mip6.mhtype == 6 && mip6.ba.status == 0 && !icmpv6') || accepted=0
expect "tshark: $refreshes Binding Refresh Requests to the $nodes mobile nodes, $accepted acknowledgements with 0 (at least $nodes + $answering + the deregistration; an answer slower than its timer is asked and acknowledged twice)" \
    test "$refreshes" -ge "$nodes" -a "$accepted" -ge "$((nodes + answering + 1))"
brr_paced_and_shuffled "$TB_PCAP" "!icmpv6 && ipv6.src == $ha_address" "the home agent's BRRs"
brr_paced_and_shuffled "$TB_PCAP" "!icmpv6 && ipv6.src == $map_address" "the MAP's BRRs"
# what the home agent and the MAP tunnelled (sent from their host's MAC)
tunnels="eth.src == $router_mac && ipv6.nxt == 41 && icmpv6.type == 128"
tunnelled=$(tshark_count "$TB_PCAP" "$tunnels") || tunnelled=0
least_tunnelled=$((2 * traffic_nodes - traffic_nodes / silent_every + restored))
tunnels_decoded() { ((tunnelled >= least_tunnelled)) && tshark_clean "$TB_PCAP" "$tunnels"; }
expect "tshark decodes the tunnelled echo requests, IPv6 in IPv6 ($tunnelled, at least $least_tunnelled), without a warning" \
    tunnels_decoded
from_neighbour=$(tshark_count "$TB_PCAP" "eth.src == $router_mac && ipv6.nxt == 41 && ipv6.src == $neighbour && icmpv6.type == 128") \
    || from_neighbour=0
expect "the home link neighbour's echo requests to $second_home tunnelled to its care-of address ($from_neighbour of 4)" \
    test "$from_neighbour" -ge 3
advertisements="ipv6.dst == ff02::1 && icmpv6.type == 136 && icmpv6.nd.na.flag.o == 1 && icmpv6.nd.na.flag.s == 0 && icmpv6.opt.linkaddr == $ha_home_mac"
advertised=$(tshark -n -r "$home_pcap" -Y "$advertisements" -T fields -e icmpv6.nd.na.target_address 2>/dev/null | sort -u | grep -c . || true)
expect "unsolicited Neighbor Advertisements on the home link (Override, not Solicited, the home agent's address) for $advertised distinct home addresses (all $nodes and the $esp_nodes ESP mobiles'), decoded without a warning" \
    eval 'test "$advertised" -eq "$((nodes + esp_nodes))" && tshark_clean "$home_pcap" "icmpv6.type == 136"'

testbed_finish
