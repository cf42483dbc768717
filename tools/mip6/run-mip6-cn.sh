#!/usr/bin/env bash
# System test of the Mobile IPv6 correspondent node with route optimization and its binding cache
# recovery (issue 14, docs/mip6.md "The correspondent node"): the appliance with homeagent-mip6 enabled
# as a correspondent only, and NODES scapy mobile nodes (tools/mip6/mip6_cn_mobiles.py) in another
# namespace on one access link, their care-of addresses in PREFIXES /64s:
#
#   cn  2001:db8:f::1 --+   the appliance; its correspondent address 2001:db8:300::1 is routed into
#                       |   its TUN device mip6ha0; the home prefix 2001:db8:100::/64 and the care-of
#                       |   prefixes are routed back to the link
#   mn  2001:db8:f::2 --+-- "access" link (a bridge; tshark captures it)
#
#   bash tools/mip6/run-mip6-cn.sh        (as root, after mvn install)
#
# Checks: every mobile node's return routability (HoTI/HoT, CoTI/CoT: cookies echoed, checksums) and
# its Binding Update with Nonce Indices and Binding Authorization Data, whose acknowledgement (0) carries
# an authenticator that scapy's side verifies with its Kbm; mip6:bindings holds exactly the ledger; a
# Binding Update with one authenticator bit flipped gets no answer and is counted; kill -9 and a restart:
# every mobile node is asked with a Binding Refresh Request (paced, shuffled by care-of prefix, from the
# capture), the answering ones run return routability again and are restored (0 lost), the silent ones
# deleted; mip6:recovery's counts match; Binding Updates with the nonce indices from before the restart
# are refused with 138 (both), 136 (home) and 137 (care-of), without an authenticator; tshark decodes every
# Mobility Header the correspondent sent without a warning. Each wait is bounded; each check prints PASS
# or FAIL; last line "N passed, N failed". Namespaces start with m6-.
#
# Environment: NODES (100), PREFIXES (8), RATE (10 requests/s: each answer is a whole return
# routability in Python, about 20 a second at most on a loaded box; faster, answers come after the
# timers), SPACING (40 ms), SILENT_EVERY (4), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-100}
prefixes=${PREFIXES:-8}
rate=${RATE:-10}
spacing=${SPACING:-40}
silent_every=${SILENT_EVERY:-4}
boot_timeout=${BOOT_TIMEOUT:-300}
cn_address=2001:db8:300::1
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
cn_mobiles="$here/mip6_cn_mobiles.py"
mobiles="$here/mip6_mobiles.py"

expect() {  # DESCRIPTION COMMAND...: one PASS or FAIL line
    local what=$1
    shift
    if "$@"; then echo "PASS $what"; passed=$((passed + 1)); else fail_step "$what"; fi
}

mn() { testbed_exec mn "$py" "$cn_mobiles" "$@" --cn "$cn_address" --next-hop-mac "$router_mac"; }

tentative_gone() {  # NODE: IPv6 duplicate address detection finished on NODE's addresses
    for _ in $(seq 50); do
        [[ -z "$(ip -n "${TB_NS[$1]}" -6 addr show tentative 2>/dev/null)" ]] && return 0
        sleep 0.2
    done
    return 1
}

bindings_match() {  # LABEL: mip6:bindings holds exactly the ledger's acknowledged home addresses
    testbed_shell cn 'mip6:bindings' >"$work/bindings-$1.txt"
    "$py" "$mobiles" check-bindings --ledger "$work/ledger" --bindings "$work/bindings-$1.txt" | tee "$work/check-$1.txt"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

recovery_field() { awk -v k="$1" '$1 == k {print $2}' "$work/recovery.txt"; }

recovery_finished() {  # waits (60 s at most) until mip6:recovery says finished
    for _ in $(seq 60); do
        testbed_shell cn 'mip6:recovery' >"$work/recovery.txt" || true
        grep -q '^state *finished' "$work/recovery.txt" && return 0
        sleep 1
    done
    return 1
}

tshark_count() {  # PCAP FILTER: packets matched; fails if tshark refuses the filter
    local out
    out=$(tshark -n -r "$1" -Y "$2" -T fields -e frame.number 2>"$work/tshark.err") \
        || { log "tshark -Y '$2': $(grep -v 'Running as user' "$work/tshark.err")"; return 1; }
    grep -c . <<<"$out" || true
}

# every Mobility Header the correspondent sent decoded, none malformed, no expert info of warning or above
# (the mobile nodes' kernel answers what it cannot take with ICMPv6 errors quoting it: left out)
from_cn="ipv6.src == $cn_address && mipv6 && !icmpv6"
tshark_clean() {
    local bad
    bad=$(tshark_count "$1" "$from_cn && (_ws.malformed || _ws.expert.severity >= 0x00600000)") || return 1
    ((bad == 0)) || tshark -n -r "$1" -Y "$from_cn && (_ws.malformed || _ws.expert.severity >= 0x00600000)" \
        -T fields -e _ws.expert.message 2>/dev/null | sort | uniq -c | head
    ((bad == 0))
}

stale_refused() {  # MODE STATUS: Binding Updates with the old nonce indices refused with STATUS
    mn stale --mode "$1" --keys "$work/keys-stale" --ledger "$work/stale-$1" | tee "$work/stale-$1.out" || true
    grep -q "^acknowledged $(wc -l <"$work/keys-stale") with $2, other 0, unanswered 0, bad 0 " "$work/stale-$1.out"
}

testbed_init mip6
TB_PREFIX="m6-$(printf '%x' "$$")"
tb_require_root || { testbed_finish; exit; }
testbed_link access
testbed_node mn access=2001:db8:f::2/64
testbed_node cn access=2001:db8:f::1/64
{
    for ((i = 1; i <= nodes + 1; i++)); do
        printf 'addr add 2001:db8:a%x::%x/64 dev access nodad\n' $((1 + (i - 1) % prefixes)) "$i"
    done
    echo "route add 2001:db8:300::/64 via 2001:db8:f::1"
} | ip -n "${TB_NS[mn]}" -batch -
ip -n "${TB_NS[cn]}" -6 route add 2001:db8:a0::/44 via 2001:db8:f::2
ip -n "${TB_NS[cn]}" -6 route add 2001:db8:100::/64 via 2001:db8:f::2
router_mac=$(ip -n "${TB_NS[cn]}" link show dev access | awk '/link\/ether/ {print $2}')
expect "duplicate address detection finished on the access link" tentative_gone mn
tentative_gone cn || true

testbed_appliance cn net.homeagent.mip6.enabled=true "net.homeagent.mip6.correspondentAddresses=$cn_address" \
    "net.homeagent.mip6.recoveryRate=$rate" "net.homeagent.mip6.recoveryPrefixSpacingMillis=$spacing" \
    net.homeagent.mip6.recoveryJitter=0.2 net.homeagent.mip6.recoveryTimeoutMillis=4000 \
    net.homeagent.mip6.recoveryAttempts=2
sed -i -E 's|^([[:space:]]+config/[^,\\]+)$|\1, \\\n    homeagent-mip6|' "$karaf_home/etc/org.apache.karaf.features.cfg"
grep -q '^    homeagent-mip6$' "$karaf_home/etc/org.apache.karaf.features.cfg" \
    || { fail_step "could not add homeagent-mip6 to featuresBoot"; testbed_finish; exit; }

log "booting the appliance as a correspondent node"
testbed_boot cn 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
testbed_capture access "ip6" || { testbed_finish; exit; }

log "$nodes mobile nodes: return routability, then an authorized Binding Update each"
mn register --nodes "$nodes" --prefixes "$prefixes" --ledger "$work/ledger" --keys "$work/keys" \
    | tee "$work/register.out" || true
expect "return routability and every Binding Update acknowledged with 0, each acknowledgement's authenticator verified by scapy with its Kbm ($(tail -1 "$work/register.out"))" \
    grep -q "^acknowledged $nodes with 0, other 0, unanswered 0, bad 0 " "$work/register.out"
expect "mip6:bindings holds every acknowledged home address at its care-of address" bindings_match registered
mn register --nodes 1 --first "$((nodes + 1))" --prefixes "$prefixes" --corrupt --ledger "$work/corrupt" \
    --keys "$work/keys-corrupt" | tee "$work/corrupt.out" || true
testbed_shell cn 'mip6:stats' >"$work/stats-1.txt"
expect "a Binding Update with a wrong authenticator is dropped without an answer and counted ($(tail -1 "$work/corrupt.out"))" \
    eval 'grep -q "^answered 0" "$work/corrupt.out" && grep -qE "^1 +Binding Updates whose authenticator did not verify" "$work/stats-1.txt"'
stats_field() { awk -v t="$1" 'index($0, t) {print $1; exit}' "$work/stats-1.txt"; }
# a mobile node that lost a frame runs return routability again (the retries in register's last line)
expect "mip6:stats: $(stats_field 'registrations accepted') registrations, $(stats_field 'Home Test Init answered') Home Tests, $(stats_field 'Care-of Test Init answered') Care-of Tests (at least $nodes, $((nodes + 1)), $((nodes + 1)))" \
    test "$(stats_field 'registrations accepted')" -ge "$nodes" -a "$(stats_field 'Home Test Init answered')" -ge "$((nodes + 1))" \
    -a "$(stats_field 'Care-of Test Init answered')" -ge "$((nodes + 1))"
head -n 2 "$work/keys" >"$work/keys-stale"

log "kill -9 of the correspondent; the mobile nodes listen for Binding Refresh Requests"
testbed_kill9 cn
testbed_exec_bg mn "$py" "$cn_mobiles" answer --cn "$cn_address" --next-hop-mac "$router_mac" --ledger "$work/ledger" \
    --silent-every "$silent_every" --seconds "$((boot_timeout + 60))" --log "$work/brr-scapy.log"
answerer=$TB_BG
answer_out=$(ls -t "$work"/mn-bg*.out | head -n 1)
for _ in $(seq 120); do grep -q '^listening' "$answer_out" && break; sleep 0.5; done
expect "the mobile nodes listen before the restart" grep -q '^listening' "$answer_out"
restarted=$SECONDS
testbed_boot cn 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
for _ in $(seq 120); do kill -0 "$answerer" 2>/dev/null || break; sleep 1; done
cat "$answer_out"
silent=$((nodes / silent_every))
answering=$((nodes - silent))
expect "every mobile node asked again, the answering ones ran return routability and were restored ($(tail -1 "$answer_out"))" \
    grep -qE "^refresh requests [0-9]+ \(distinct $nodes\), answered $answering, acknowledged $answering, bad 0" "$answer_out"
expect "mip6:recovery finished ($((SECONDS - restarted)) s after the restart)" recovery_finished
cat "$work/recovery.txt"
expect "mip6:recovery: total $nodes, validated $answering, deleted $silent, pending 0" test \
    "$(recovery_field total) $(recovery_field validated) $(recovery_field deleted) $(recovery_field pending)" \
    = "$nodes $answering $silent 0"
expect "mip6:bindings: every answering mobile restored (0 lost), every silent one deleted" bindings_match recovered

log "Binding Updates with the nonce indices from before the restart"
expect "both nonce indices unknown: 138 expired nonces, no authenticator" stale_refused both 138
expect "the home nonce index unknown (a new Care-of Test): 136 expired home nonce index" stale_refused home 136
expect "the care-of nonce index unknown (a new Home Test): 137 expired care-of nonce index" stale_refused careof 137
sleep 1
testbed_capture_stop
sent=$(tshark_count "$TB_PCAP" "$from_cn") || sent=0
expect "tshark decodes every Mobility Header the correspondent sent ($sent) without a warning or a malformed packet" \
    tshark_clean "$TB_PCAP"
tests=$(tshark_count "$TB_PCAP" "$from_cn && (mip6.mhtype == 3 || mip6.mhtype == 4)") || tests=0
authorized=$(tshark_count "$TB_PCAP" "$from_cn && mip6.mhtype == 6 && mip6.ba.status == 0 && mip6.bad.auth") || authorized=0
expect "tshark: $tests Home and Care-of Tests, $authorized acknowledgements with 0 and Binding Authorization Data (at least $((nodes + answering)))" \
    test "$authorized" -ge "$((nodes + answering))" -a "$tests" -ge "$((2 * (nodes + answering)))"
tshark -n -r "$TB_PCAP" -Y "$from_cn && mip6.mhtype == 0" -T fields -E separator=' ' -e frame.time_epoch \
    -e ipv6.routing.mipv6.home_address -e ipv6.dst 2>/dev/null >"$work/brr.log" || true
"$py" "$mobiles" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing" | tee "$work/analyse.out" || true
expect "from the capture, the correspondent's BRRs paced and shuffled by care-of prefix ($(tail -1 "$work/analyse.out"))" \
    "$py" "$mobiles" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing"

testbed_finish
