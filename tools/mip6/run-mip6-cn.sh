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
# Mobility Header the correspondent sent without a warning. Management (HOMEAGENT-MIP6-MIB, net-snmp over
# v2c on the correspondent's loopback): after the recovery, snmpwalk of the correspondent node's row of
# hm6RoleTable says finished with mip6:recovery's total, validated and deleted, hm6BindingTable holds as
# many correspondent rows as mip6:bindings, snmptrapd received hm6RecoveryStarted (the routes held it
# until the agent was up) and hm6RecoveryFinished with the same
# figures, and the event routes' audit log has the recovery's start and end. Each wait is bounded; each check prints PASS or FAIL; last
# line "N passed, N failed". Namespaces start with m6-.
#
# Environment: NODES (100), PREFIXES (8), RATE (10 requests/s: each answer is a whole return
# routability in Python, about 20 a second at most on a loaded box; faster, answers come after the
# timers), SPACING (40 ms), SILENT_EVERY (4), TIMEOUT_MS (4000: the recovery's timer per node, doubled per
# retry), SHARDS (1: the processes answering the refresh requests, a power of two; one does about 30 return
# routabilities a second), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL, KEEP_WORKDIR=1. A correspondent caches a binding for
# 420 s at most (RFC 6275 §12, MAX_RR_BINDING_LIFETIME) and the scapy mobiles do not renew: a recovery
# longer than that (NODES / RATE) sees its first validated entries expire before the last checks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-100}
prefixes=${PREFIXES:-8}
rate=${RATE:-10}
spacing=${SPACING:-40}
silent_every=${SILENT_EVERY:-4}
shards=${SHARDS:-1}   # processes answering the refresh requests (a power of two)
timeout_ms=${TIMEOUT_MS:-4000}   # the recovery's timer per node: a late answer after the last one is a lost mobile
boot_timeout=${BOOT_TIMEOUT:-300}
cn_address=2001:db8:300::1
snmp_port=1161 trap_port=1162 community=m6-community   # in the correspondent's namespace, on its loopback
hm6=.1.3.6.1.4.1.32473.1.3                              # HOMEAGENT-MIP6-MIB
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=mip6-lib.sh
source "$here/mip6-lib.sh"
cn_mobiles="$here/mip6_cn_mobiles.py"

mn() { testbed_exec mn "$py" "$cn_mobiles" "$@" --cn "$cn_address" --next-hop-mac "$router_mac"; }

# what the correspondent sent (an ICMPv6 error quoting a Mobility Header is not one sent: left out)
from_cn="ipv6.src == $cn_address && mipv6 && !icmpv6"

stale_refused() {  # MODE STATUS: Binding Updates with the old nonce indices refused with STATUS
    mn stale --mode "$1" --keys "$work/keys-stale" --ledger "$work/stale-$1" | tee "$work/stale-$1.out" || true
    grep -q "^acknowledged $(wc -l <"$work/keys-stale") with $2, other 0, unanswered 0, bad 0 " "$work/stale-$1.out"
}

testbed_init mip6
# the home prefix routed back to the link (the correspondent answers Home Tests to the home addresses)
mip6_bed cn 2001:db8:300::/64 2001:db8:100::/64 || { testbed_finish; exit; }
SNMP_PORT=$snmp_port mip6_appliance cn "net.homeagent.mip6.correspondentAddresses=$cn_address" \
    "net.homeagent.mip6.recoveryTimeoutMillis=$timeout_ms" net.homeagent.snmp.listenAddress=127.0.0.1 \
    "net.homeagent.snmp.notificationTargets=udp:127.0.0.1/$trap_port v2c lab" || { testbed_finish; exit; }
printf 'community lab %s read-only\n' "$community" >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
printf 'authCommunity log %s\n' "$community" >"$work/snmptrapd.conf"
testbed_exec_bg cn snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$trap_port"

log "booting the appliance as a correspondent node"
testbed_boot cn 'mip6:stats' 'MIPv6 node: running' || { testbed_finish; exit; }
testbed_capture access "ip6" || { testbed_finish; exit; }

log "$nodes mobile nodes: return routability, then an authorized Binding Update each"
mn register --nodes "$nodes" --prefixes "$prefixes" --ledger "$work/ledger" --keys "$work/keys" \
    | tee "$work/register.out" || true
expect "return routability and every Binding Update acknowledged with 0, each acknowledgement's authenticator verified by scapy with its Kbm ($(tail -1 "$work/register.out"))" \
    grep -q "^acknowledged $nodes with 0, other 0, unanswered 0, bad 0 " "$work/register.out"
expect "mip6:bindings holds every acknowledged home address at its care-of address" bindings_match registered
mn echo --count 20 --ledger "$work/ledger" | tee "$work/echo.out" || true
expect "echo on the optimized route: requests from the care-of addresses with the Home Address option answered through a type 2 routing header, an unbound home address answered with Binding Error 1 ($(tail -1 "$work/echo.out"))" \
    grep -q "^answered 20 of 20 on the optimized route, binding error 1 of 1, bad 0" "$work/echo.out"
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
mip6_restart_and_recover "the answering ones ran return routability and were restored" "$py" "$cn_mobiles" answer \
    --cn "$cn_address" --next-hop-mac "$router_mac" --ledger "$work/ledger" --silent-every "$silent_every" \
    --seconds "$((boot_timeout + 60 + $(asking_bound "$nodes")))" --log "$work/brr-scapy.log" --shards "$shards" \
    || { testbed_finish; exit; }
answering=$((nodes - nodes / silent_every))

log "HOMEAGENT-MIP6-MIB after the recovery: snmpwalk and the notifications"
mib_checks=$SECONDS
testbed_exec cn snmpwalk -v2c -c "$community" -On -t 2 -r 1 "127.0.0.1:$snmp_port" "$hm6.1" >"$work/walk.txt" 2>&1 || true
role_row() { awk -v oid="$hm6.1.3.1.$1.3" '$1 == oid {print $NF}' "$work/walk.txt"; }  # COLUMN: correspondentNode(3)'s
expect "snmpwalk hm6RoleTable, the correspondent node: recovery finished (3), total $(role_row 5), validated $(role_row 6), deleted $(role_row 7) = mip6:recovery's" \
    test "$(role_row 4) $(role_row 5) $(role_row 6) $(role_row 7)" \
    = "3 $(recovery_field total) $(recovery_field validated) $(recovery_field deleted)"
walked_rows=$(grep -c "^$hm6.1.5.1.3.3\." "$work/walk.txt" || true)
listed=$(awk '/^[0-9]+ bindings?\r?$/ {print $1}' "$work/bindings-recovered.txt")
expect "snmpwalk hm6BindingTable: $walked_rows correspondent rows, mip6:bindings lists $listed, hm6RoleBindings $(role_row 3)" \
    test "$walked_rows" = "$listed" -a "$(role_row 3)" = "$listed"
# one line a trap; at boot the recovery starts before the SNMP agent is up: the routes hold the start's
# event and hand it to the agent when it comes (docs/mip6.md "Management")
started_trap=$(grep -F "OID: $hm6.0.1" "$work/traps.log" 2>/dev/null | tail -n 1)
finished_trap=$(grep -F "OID: $hm6.0.2" "$work/traps.log" 2>/dev/null | tail -n 1)
trap_has() { grep -qF -- "$1" <<<"$finished_trap"; }
started_first() {  # hm6RecoveryStarted, running (2) with the total, came before hm6RecoveryFinished
    grep -qF -- "$hm6.1.3.1.4.3 = INTEGER: 2" <<<"$started_trap" && grep -qF -- "$hm6.1.3.1.5.3 = Gauge32: $nodes" <<<"$started_trap" \
        && (($(grep -nF "OID: $hm6.0.1" "$work/traps.log" | tail -n 1 | cut -d: -f1) < $(grep -nF "OID: $hm6.0.2" "$work/traps.log" | tail -n 1 | cut -d: -f1)))
}
expect "snmptrapd: hm6RecoveryStarted after the restart (held by the routes until the agent was up), running (2) with total $nodes, before the finish" \
    started_first
expect "snmptrapd: hm6RecoveryFinished, the correspondent node finished (3) with total $nodes, validated $answering, deleted $((nodes - answering))" \
    eval 'trap_has "$hm6.1.3.1.4.3 = INTEGER: 3" && trap_has "$hm6.1.3.1.5.3 = Gauge32: $nodes" \
        && trap_has "$hm6.1.3.1.6.3 = Gauge32: $answering" && trap_has "$hm6.1.3.1.7.3 = Gauge32: $((nodes - answering))"'
expect "the event routes' audit log: the correspondent's recovery started (total $nodes) and finished" \
    eval 'grep -q "audit .*ROLE_CHANGED mip6-correspondent-node: .*restored -> recovering.* total=$nodes" "$(testbed_log cn)" \
        && grep -q "audit .*ROLE_CHANGED mip6-correspondent-node: .*recovering -> recovered.* validated=$answering" "$(testbed_log cn)"'
log "the HOMEAGENT-MIP6-MIB checks took $((SECONDS - mib_checks)) s"

log "Binding Updates with the nonce indices from before the restart"
expect "both nonce indices unknown: 138 expired nonces, no authenticator" stale_refused both 138
expect "the home nonce index unknown (a new Care-of Test): 136 expired home nonce index" stale_refused home 136
expect "the care-of nonce index unknown (a new Home Test): 137 expired care-of nonce index" stale_refused careof 137
sleep 1
testbed_capture_stop
sent=$(tshark_count "$TB_PCAP" "$from_cn") || sent=0
expect "tshark decodes every Mobility Header the correspondent sent ($sent) without a warning or a malformed packet" \
    tshark_clean "$TB_PCAP" "$from_cn"
tests=$(tshark_count "$TB_PCAP" "$from_cn && (mip6.mhtype == 3 || mip6.mhtype == 4)") || tests=0
authorized=$(tshark_count "$TB_PCAP" "$from_cn && mip6.mhtype == 6 && mip6.ba.status == 0 && mip6.bad.auth") || authorized=0
expect "tshark: $tests Home and Care-of Tests, $authorized acknowledgements with 0 and Binding Authorization Data (at least $((nodes + answering)))" \
    test "$authorized" -ge "$((nodes + answering))" -a "$tests" -ge "$((2 * (nodes + answering)))"
brr_paced_and_shuffled "$TB_PCAP" "$from_cn" "the correspondent's BRRs"

testbed_finish
