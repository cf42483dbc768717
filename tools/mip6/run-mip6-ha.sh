#!/usr/bin/env bash
# System test of the Mobile IPv6 home agent and binding cache recovery (issue 14, docs/mip6.md):
# the appliance with the homeagent-mip6 feature enabled, and NODES scapy mobile nodes in another
# namespace on one access link, their care-of addresses in PREFIXES /64s:
#
#   ha  2001:db8:f::1 --+   the appliance; its service address 2001:db8:100::1 (home prefix
#                       |   2001:db8:100::/64) is routed into its TUN device mip6ha0
#   mn  2001:db8:f::2 --+-- "access" link (a bridge; tshark captures it); care-of addresses
#                           2001:db8:a1::i .. 2001:db8:a<PREFIXES>::i; tools/mip6/mip6_mobiles.py
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
# The mobile nodes' kernel answers each message with a type 2 routing header with an ICMPv6 Parameter
# Problem (it has no MIPv6); the tshark checks leave those ICMPv6 errors (and the messages they quote) out.
#
# Environment: NODES (200), PREFIXES (8), RATE (100 requests/s), SPACING (40 ms), SILENT_EVERY (4),
# BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-200}
prefixes=${PREFIXES:-8}
rate=${RATE:-100}
spacing=${SPACING:-40}
silent_every=${SILENT_EVERY:-4}
boot_timeout=${BOOT_TIMEOUT:-300}
ha_address=2001:db8:100::1
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
mobiles="$here/mip6_mobiles.py"

expect() {  # DESCRIPTION COMMAND...: one PASS or FAIL line
    local what=$1
    shift
    if "$@"; then echo "PASS $what"; passed=$((passed + 1)); else fail_step "$what"; fi
}

mn() { testbed_exec mn "$py" "$mobiles" "$@"; }

# tentative_gone NODE: IPv6 duplicate address detection finished on NODE's addresses
tentative_gone() {
    for _ in $(seq 50); do
        [[ -z "$(ip -n "${TB_NS[$1]}" -6 addr show tentative 2>/dev/null)" ]] && return 0
        sleep 0.2
    done
    return 1
}

bindings_match() {  # LABEL: mip6:bindings holds exactly the ledger's acknowledged home addresses
    testbed_shell ha 'mip6:bindings' >"$work/bindings-$1.txt"
    "$py" "$mobiles" check-bindings --ledger "$work/ledger" --bindings "$work/bindings-$1.txt" | tee "$work/check-$1.txt"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

deregistered() {  # HOME: the deregistration was acknowledged and mip6:binding HOME finds nothing
    grep -q '^acknowledged 1, refused 0, unanswered 0, wrong 0, bad 0' "$work/deregister.out" &&
        testbed_shell ha "mip6:binding $1" | tee "$work/deregistered-binding.txt" | grep -qE '^(no binding for|binding cache +none)'
}

recovery_field() { awk -v k="$1" '$1 == k {print $2}' "$work/recovery.txt"; }

recovery_finished() {  # waits (60 s at most) until mip6:recovery says finished
    for _ in $(seq 60); do
        testbed_shell ha 'mip6:recovery' >"$work/recovery.txt" || true
        grep -q '^state *finished' "$work/recovery.txt" && return 0
        sleep 1
    done
    return 1
}

# tshark_count PCAP FILTER: the number of packets FILTER matches; fails (and says why) if tshark
# refuses the filter, so that a mistyped filter cannot pass a check by matching nothing
tshark_count() {
    local out
    out=$(tshark -n -r "$1" -Y "$2" -T fields -e frame.number 2>"$work/tshark.err") \
        || { log "tshark -Y '$2': $(grep -v 'Running as user' "$work/tshark.err")"; return 1; }
    grep -c . <<<"$out" || true
}

tshark_clean() {  # PCAP: every Mobility Header decoded, none malformed, no expert info of warning or above
    local bad
    bad=$(tshark_count "$1" 'mipv6 && !icmpv6 && (_ws.malformed || _ws.expert.severity >= 0x00600000)') || return 1
    ((bad == 0)) || tshark -n -r "$1" -Y 'mipv6 && !icmpv6 && (_ws.malformed || _ws.expert.severity >= 0x00600000)' \
        -T fields -e _ws.expert.message 2>/dev/null | sort | uniq -c | head
    ((bad == 0))
}

testbed_init mip6
# this suite's namespaces and veths start with m6- (the shell's pid keeps parallel runs apart)
TB_PREFIX="m6-$(printf '%x' "$$")"
tb_require_root || { testbed_finish; exit; }
testbed_link access
testbed_node mn access=2001:db8:f::2/64
testbed_node ha access=2001:db8:f::1/64
{
    for ((i = 1; i <= nodes; i++)); do
        printf 'addr add 2001:db8:a%x::%x/64 dev access nodad\n' $((1 + (i - 1) % prefixes)) "$i"
    done
    echo "route add 2001:db8:100::/64 via 2001:db8:f::1"
} | ip -n "${TB_NS[mn]}" -batch -
ip -n "${TB_NS[ha]}" -6 route add 2001:db8:a0::/44 via 2001:db8:f::2
# the mobile nodes' router towards the home agent is the appliance's access interface
router_mac=$(ip -n "${TB_NS[ha]}" link show dev access | awk '/link\/ether/ {print $2}')
expect "duplicate address detection finished on the access link" tentative_gone mn
tentative_gone ha || true

testbed_appliance ha net.homeagent.mip6.enabled=true "net.homeagent.mip6.homeAgentAddresses=$ha_address" \
    net.homeagent.mip6.homePrefixes=2001:db8:100::/64 net.homeagent.mip6.maxLifetimeSeconds=3600 \
    "net.homeagent.mip6.recoveryRate=$rate" "net.homeagent.mip6.recoveryPrefixSpacingMillis=$spacing" \
    net.homeagent.mip6.recoveryJitter=0.2 net.homeagent.mip6.recoveryTimeoutMillis=1000 \
    net.homeagent.mip6.recoveryAttempts=2
sed -i -E 's|^([[:space:]]+config/[^,\\]+)$|\1, \\\n    homeagent-mip6|' "$karaf_home/etc/org.apache.karaf.features.cfg"
grep -q '^    homeagent-mip6$' "$karaf_home/etc/org.apache.karaf.features.cfg" \
    || { fail_step "could not add homeagent-mip6 to featuresBoot"; testbed_finish; exit; }

log "booting the appliance with the homeagent-mip6 feature"
testbed_boot ha 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
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
testbed_shell ha 'mip6:stats' >"$work/stats-1.txt"
expect "mip6:stats counts $nodes registrations" grep -qE "^$nodes +registrations accepted" "$work/stats-1.txt"

log "kill -9 of the appliance; the mobile nodes listen for Binding Refresh Requests"
testbed_kill9 ha
testbed_exec_bg mn "$py" "$mobiles" answer --ha "$ha_address" --next-hop-mac "$router_mac" --ledger "$work/ledger" --silent-every "$silent_every" \
    --seconds "$((boot_timeout + 60))" --log "$work/brr-scapy.log"
answerer=$TB_BG
answer_out=$(ls -t "$work"/mn-bg*.out | head -n 1)
# the restart waits until the mobile nodes listen (scapy takes a while to load on a busy box)
for _ in $(seq 120); do grep -q '^listening' "$answer_out" && break; sleep 0.5; done
expect "the mobile nodes listen before the restart" grep -q '^listening' "$answer_out"
restarted=$SECONDS
testbed_boot ha 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
for _ in $(seq 120); do kill -0 "$answerer" 2>/dev/null || break; sleep 1; done
cat "$answer_out"
silent=$((nodes / silent_every))
answering=$((nodes - silent))
expect "every mobile node was asked, the answering ones restored ($(tail -1 "$answer_out"))" \
    grep -qE "^refresh requests [0-9]+ \(distinct $nodes\), answered $answering, acknowledged $answering, bad 0" "$answer_out"
expect "mip6:recovery finished ($((SECONDS - restarted)) s after the restart)" recovery_finished
cat "$work/recovery.txt"
expect "mip6:recovery: total $nodes, validated $answering, deleted $silent, pending 0" test \
    "$(recovery_field total) $(recovery_field validated) $(recovery_field deleted) $(recovery_field pending)" \
    = "$nodes $answering $silent 0"
expect "mip6:bindings: every answering mobile restored (0 lost), every silent one deleted" bindings_match recovered

first_home=2001:db8:100::1:1   # mobile node 1 answered: registered with sequence number 2
mn register --ha "$ha_address" --next-hop-mac "$router_mac" --nodes 1 --prefixes "$prefixes" --seq 3 --lifetime-units 0 \
    --ledger "$work/deregistered" >"$work/deregister.out" || true
expect "a deregistration (lifetime 0) is acknowledged with 0 and removes the binding ($(tail -1 "$work/deregister.out"))" \
    deregistered "$first_home"
sleep 1
testbed_capture_stop
mobility=$(tshark_count "$TB_PCAP" 'mipv6 && !icmpv6') || mobility=0
expect "tshark decodes every Mobility Header ($mobility) without a warning or a malformed packet" \
    tshark_clean "$TB_PCAP"
tshark -n -r "$TB_PCAP" -Y 'mip6.mhtype == 0 && !icmpv6' -T fields -E separator=' ' -e frame.time_epoch \
    -e ipv6.routing.mipv6.home_address -e ipv6.dst 2>/dev/null >"$work/brr.log" || true
accepted=$(tshark_count "$TB_PCAP" 'mip6.mhtype == 6 && mip6.ba.status == 0 && !icmpv6') || accepted=0
expect "tshark: $(wc -l <"$work/brr.log") Binding Refresh Requests to the $nodes mobile nodes, $accepted acknowledgements with 0 (at least $nodes + $answering + the deregistration; an answer slower than its timer is asked and acknowledged twice)" \
    test "$(wc -l <"$work/brr.log")" -ge "$nodes" -a "$accepted" -ge "$((nodes + answering + 1))"
"$py" "$mobiles" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing" | tee "$work/analyse.out" || true
expect "from the capture, BRRs paced and shuffled by care-of prefix ($(tail -1 "$work/analyse.out"))" \
    "$py" "$mobiles" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing"

testbed_finish
