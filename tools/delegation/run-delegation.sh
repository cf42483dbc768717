#!/usr/bin/env bash
# System test of the PHA/SHA delegation (issue 13, first slice; docs/delegation.md): a primary home
# agent and two secondary home agents on one bridged home link:
#
#   pha  192.0.2.1   --+  home agent 192.0.2.1:434, peer link node 1 on 192.0.2.1:7434
#   sha1 192.0.2.11  --+-- "home" link (a bridge; tshark captures it); SHA, peer link node 2
#   sha2 192.0.2.12  --+  SHA, peer link node 3
#   mn   192.0.2.100 --+  group_client.py (tools/interop/mip_client.py's requests: scapy + hmac);
#                         also the care-of side: 198.51.100.1 routed to it
#   cn   192.0.2.200 --+  a correspondent sending to a home address
#
#   bash tools/delegation/run-delegation.sh        (as root)
#
# Each appliance boots with the homeagent-delegation feature, its role enabled, the user-space
# data plane on its home interface. The client registers NODES mobile nodes at the PHA (equal
# split, order ORDER): every one is acknowledged, delegation:shas gives the SHAs counts within
# one of each other and each SHA's delegation:status lists as many entries; the correspondent's
# datagrams to a delegated home address leave an SHA tunnelled with the PHA's address as outer
# source (tshark); deregistrations remove the SHAs' entries; a new care-of address reaches the
# SHAs' entries; a delegated mobile asking for reverse tunnelling has its care-of address's IP-in-IP
# datagrams to the PHA's address unwrapped by the PHA and delivered to the correspondent (and those
# from another address refused); snmpwalk of HOMEAGENT-MIB hamDelegation agrees with delegation:shas;
# kill -9 of sha1: the PHA declares it
# failed (snmptrapd in the PHA's namespace receives hamDelegationShaLost) and its mobiles move to
# sha2. Each wait is bounded; each check prints PASS or FAIL; last
# line "N passed, N failed". Namespaces are named dlg-<pid>-*; the test bed removes them on exit.
#
# Environment: NODES (1000, the proof of issue 13), ORDER (at-once; after-ack), BOOT_TIMEOUT (s, 300), HEARTBEAT_MISSES (5),
# ACK_TIMEOUT_MILLIS (2000), HOMEAGENT_TARBALL, KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nodes=${NODES:-1000}
boot_timeout=${BOOT_TIMEOUT:-300}
pha_address=192.0.2.1
# three appliances on a shared two-core box stall for longer than the defaults' 400 ms of silence
# and 500 ms of ack timeout: the test gives them more (docs/delegation.md says what this costs)
misses=${HEARTBEAT_MISSES:-5}
ack_timeout=${ACK_TIMEOUT_MILLIS:-2000}
order=${ORDER:-at-once}            # or after-ack: each registration reply waits for its SHA's ack
snmp_port=1161 trap_port=1162 community=dlg-community   # in the PHA's namespace, on its loopback
engine=80001f88046864656c656761746532 auth=dlg-auth-pass priv=dlg-priv-pass   # engine: "hdelegate2"
hamd=.1.3.6.1.4.1.32473.1.1.1.6                          # HOMEAGENT-MIB hamDelegation
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=delegation-lib.sh
source "$here/delegation-lib.sh"

settled() {  # no Start on its way to any SHA
    [[ "$(sha_field 2 5)" == 0 && "$(sha_field 3 5)" == 0 ]]
}
both_hold() { [[ $(( $(entries sha1) + $(entries sha2) )) == "$1" ]]; }   # TOTAL: entries of the two SHAs

testbed_init delegation
# namespaces named after this suite (the test bed's teardown removes those with its prefix)
TB_PREFIX="dlg-$(printf '%x' "$$")"
tb_require_root || { testbed_finish; exit; }
"$py" "$client" write-sa --nodes "$nodes" --key "$key" >"$work/sa.conf"
testbed_link home
testbed_node mn home=192.0.2.100/24
testbed_node cn home=192.0.2.200/24
ip -n "${TB_NS[mn]}" addr add 198.51.100.1/32 dev lo
ip -n "${TB_NS[cn]}" route add 10.200.0.0/16 dev home       # the home addresses are on the home link
# the PHA's home agent on the standard port: the client sends there
# its SNMP agent on its loopback (walked with v2c community lab), notifications as SNMPv3 traps to
# snmptrapd beside it
HA_PORT=434 SNMP_PORT=$snmp_port node pha "$pha_address" 1 "2@192.0.2.11:7434,3@192.0.2.12:7434" \
    "net.homeagent.ha.listenAddresses=$pha_address" net.homeagent.snmp.listenAddress=127.0.0.1 \
    "net.homeagent.snmp.engineId=$engine" "net.homeagent.snmp.notificationTargets=udp:127.0.0.1/$trap_port v3 nms" \
    net.homeagent.delegation.pha.enabled=true \
    "net.homeagent.delegation.pha.shas=2@192.0.2.11:7434,3@192.0.2.12:7434" \
    "net.homeagent.delegation.pha.heartbeatMisses=$misses" "net.homeagent.delegation.pha.ackTimeoutMillis=$ack_timeout" \
    "net.homeagent.delegation.pha.order=$order"
cat "$work/sa.conf" >>"$karaf_home/etc/mobility-security.conf"
chmod 600 "$karaf_home/etc/mobility-security.conf"
printf 'user nms SHA-256 %s AES-128 %s read-only\ncommunity lab %s read-only\n' "$auth" "$priv" "$community" \
    >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
printf 'createUser -e 0x%s nms SHA-256 %s AES %s\nauthUser log nms authPriv\n' "$engine" "$auth" "$priv" \
    >"$work/snmptrapd.conf"
testbed_exec_bg pha snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$trap_port"
sha sha1 192.0.2.11 2
sha sha2 192.0.2.12 3

sha_macs="$(mac sha1) $(mac sha2)"
log "booting pha, sha1 and sha2 with the homeagent-delegation feature"
delegation_boot || { testbed_finish; exit; }
testbed_capture home "udp port 434 or udp port 7434 or ip proto 4" || { testbed_finish; exit; }

log "the client registers $nodes mobile nodes at the PHA $pha_address (care-of 198.51.100.1, order $order)"
register_all
await 30 "no Start on its way" settled || true
testbed_shell pha 'delegation:shas' | tee "$work/shas.before"
one=$(awk '$1 == 2 {print $4}' "$work/shas.before") two=$(awk '$1 == 3 {print $4}' "$work/shas.before")
expect "equal split: sha1 $one, sha2 $two, within one, $((one + two)) in all" \
    test $((one + two)) -eq "$acknowledged" -a $((one - two)) -le 1 -a $((two - one)) -le 1
expect "sha1's delegation:status lists the $one entries delegation:shas gives it" await 10 "sha1 entries" entries_are sha1 "$one"
expect "sha2's delegation:status lists the $two entries delegation:shas gives it" await 10 "sha2 entries" entries_are sha2 "$two"
walk_delegation() {  # FILE: the PHA's hamDelegation, numeric OIDs
    testbed_exec pha snmpwalk -v2c -c "$community" -On -t 2 -r 1 "127.0.0.1:$snmp_port" "$hamd" >"$1" 2>&1 || true
}
walked() {  # FILE LINE...: every LINE is in the walk
    local file=$1 line
    shift
    for line in "$@"; do grep -qxF -- "$line" "$file" || return 1; done
}
walk_delegation "$work/walk.before"
expect "snmpwalk hamDelegation: policy equal-split, sha1 and sha2 up (2) with $one and $two mobiles" \
    walked "$work/walk.before" "$hamd.1.0 = STRING: \"equal-split\"" "$hamd.10.1.3.2 = INTEGER: 2" \
    "$hamd.10.1.3.3 = INTEGER: 2" "$hamd.10.1.4.2 = Gauge32: $one" "$hamd.10.1.4.3 = Gauge32: $two"

log "the correspondent sends to 10.200.0.1 and 10.200.0.2 (one on each SHA)"
testbed_exec cn ping -c 3 -i 0.2 -W 1 10.200.0.1 >/dev/null 2>&1 || true
testbed_exec cn ping -c 3 -i 0.2 -W 1 10.200.0.2 >/dev/null 2>&1 || true

log "the first 20 mobile nodes deregister"
testbed_exec mn "$py" "$client" renew --server "$pha_address" --ledger "$work/ledger" --count 20 --lifetime 0 \
    --key "$key" | tee "$work/deregister.out" || true
expect "the deregistrations were acknowledged ($(tail -1 "$work/deregister.out"))" \
    grep -q '^acknowledged 20, refused 0, unanswered 0' "$work/deregister.out"
left=$((acknowledged - 20))
expect "the SHAs' entries went with them ($left left)" \
    await 15 "entries" both_hold "$left"

log "mobile nodes 21-40 move to care-of 198.51.100.2"
sed -n 21,40p "$work/ledger" >"$work/ledger.moved"
testbed_exec mn "$py" "$client" renew --server "$pha_address" --ledger "$work/ledger.moved" --count 20 \
    --coa 198.51.100.2 --key "$key" | tee "$work/move.out" || true
expect "the moves were acknowledged ($(tail -1 "$work/move.out"))" \
    grep -q '^acknowledged 20, refused 0, unanswered 0' "$work/move.out"
moved_at_shas() {  # the SHAs' entries at the new care-of address number 20
    local n1 n2
    n1=$(testbed_shell sha1 'delegation:status' | grep -c -- '-> 198\.51\.100\.2 ' || true)
    n2=$(testbed_shell sha2 'delegation:status' | grep -c -- '-> 198\.51\.100\.2 ' || true)
    [[ $((n1 + n2)) == 20 ]]
}
expect "the care-of change reached the SHAs: 20 entries tunnel to 198.51.100.2" await 15 "moved entries" moved_at_shas

log "mobile node 41 asks for reverse tunnelling (T); its care-of address tunnels datagrams to the PHA's address"
sed -n 41p "$work/ledger" >"$work/ledger.reverse"
reverse_home=$(awk '{print $1}' "$work/ledger.reverse")
testbed_exec mn "$py" "$client" renew --server "$pha_address" --ledger "$work/ledger.reverse" --count 1 --reverse \
    --key "$key" | tee "$work/reverse.out" || true
delegated_reverse() {  # an SHA forwards the home address with the reverse flag: it is delegated
    local status  # read whole first: grep -q ending the pipe early would fail it (pipefail)
    status="$(testbed_shell sha1 'delegation:status'; testbed_shell sha2 'delegation:status')"
    grep -Eq "^ +$reverse_home +-> 198\.51\.100\.1 .* reverse " <<<"$status"
}
expect "the renewal with T was acknowledged and $reverse_home is forwarded by an SHA with the reverse flag" \
    await 10 "reverse flag at the SHA" delegated_reverse
# RFC 3024 §5.2: the care-of address tunnels to the home agent address of the registration, the
# PHA's; the PHA no longer routes or proxies the home address but unwraps what lands there
testbed_exec_bg cn "$py" "$here/reverse_probe.py" listen --address 192.0.2.200 --port 9434 --duration 12 --count 5
reverse_listen=$TB_BG_OUT
# first from an address that is not the binding's care-of address: refused (RFC 3024 §4.2.1), so
# the first datagrams the correspondent gets are the 5 that follow, from the care-of address
testbed_exec mn "$py" "$here/reverse_probe.py" send --care-of 198.51.100.9 --home-agent "$pha_address" \
    --home "$reverse_home" --to 192.0.2.200 --port 9434 --count 3 || true
testbed_exec mn "$py" "$here/reverse_probe.py" send --care-of 198.51.100.1 --home-agent "$pha_address" \
    --home "$reverse_home" --to 192.0.2.200 --port 9434 --count 5 || true
wait "$TB_BG" || true
reverse_received=$(grep -c "^from $reverse_home: reverse 198.51.100.1 " "$reverse_listen" || true)
reverse_stray=$(grep -c "^from $reverse_home: reverse 198.51.100.9 " "$reverse_listen" || true)
testbed_shell pha 'mip:dataplane' | tee "$work/pha.dataplane"
expect "the correspondent received the 5 datagrams reverse-tunnelled from the care-of address through the PHA ($reverse_received), none of the 3 from another address ($reverse_stray)" \
    test "$reverse_received" -eq 5 -a "$reverse_stray" -eq 0
unwrapped=$(grep -o 'other nodes forward: [0-9]* bindings admitted, [0-9]* datagrams unwrapped' "$work/pha.dataplane" || true)
expect "the PHA's mip:dataplane counts them ($unwrapped)" \
    grep -q 'other nodes forward: [0-9]* bindings admitted, 5 datagrams unwrapped' "$work/pha.dataplane"

# sha1's box dies: its JVM and its home link. A JVM killed alone leaves its host answering ARP for
# every home address it intercepted (the per-home proxy entries of proxyArp = entries are kernel
# state and outlive the process): docs/delegation.md, "States of an SHA"
log "sha1's box dies: kill -9 and its link down"
killed_at=$(date +%s%3N)
testbed_kill9 sha1
testbed_exec sha1 ip link set dev home down
expect "the PHA declared sha1 failed ($(($(date +%s%3N) - killed_at)) ms after the kill)" await 15 "sha1 failed" sha_is 2 failed
expect "sha1's mobiles moved to sha2: it forwards all $left" await 20 "sha2 entries" entries_are sha2 "$left"
testbed_shell pha 'delegation:status' | tee "$work/pha.status"
sha1_lost() {  # hamDelegationShaLost for node 2 with its mobiles, in snmptrapd's log (one line a trap)
    grep -q -- "OID: .1.3.6.1.4.1.32473.1.1.0.8.*$hamd.11.0 = Gauge32: 2" "$work/traps.log" 2>/dev/null
}
await 10 "hamDelegationShaLost" sha1_lost || true
expect "snmptrapd received hamDelegationShaLost for sha1 (node 2): $(grep -o -- "$hamd.1[23].0 = Gauge32: [0-9]*" "$work/traps.log" 2>/dev/null | tr '\n' ' ')" \
    sha1_lost
walk_delegation "$work/walk.after"
failures=$(awk -v o="$hamd.9.0" '$1 == o {print $4}' "$work/walk.after")
walked_after_kill() {
    [[ "${failures:-0}" -ge 1 ]] && walked "$work/walk.after" "$hamd.10.1.3.2 = INTEGER: 3" "$hamd.10.1.4.3 = Gauge32: $left"
}
expect "snmpwalk hamDelegation after the kill: sha1 failed (3), ${failures:-no} SHA failures counted, sha2 with all $left mobiles" \
    walked_after_kill
testbed_shell pha 'delegation:shas' | tee "$work/shas.after"

# a new binding table makes sha2's data plane reconcile its host with the table, which holds none of
# the delegated home addresses: the SHA role's tunnels are kept (mip-api TunnelHolder), not removed
log "sha2's binding store restarts: its data plane reconciles with the new table"
reconciles() { grep -c "data plane reconciled with" "$(testbed_log sha2)" || true; }
before=$(reconciles)
restarted_at=$(date +%s)
testbed_shell sha2 'bundle:restart net.homeagent.binding-store' >/dev/null
reconciled_again() { (($(reconciles) > before)); }
await 20 "sha2's reconcile" reconciled_again || true
sha2_tunnels() { testbed_shell sha2 'mip:dataplane --limit 0' | awk '$1 == "Tunnels:" {print $2}' || true; }
kept="$(grep "data plane reconciled with" "$(testbed_log sha2)" | tail -1 | sed 's/.*| //'); mip:dataplane: $(sha2_tunnels) tunnels"
tunnels_kept() { reconciled_again && [[ "$(sha2_tunnels)" == "$left" ]] && entries_are sha2 "$left"; }
expect "after a reconcile sha2 still tunnels all $left delegated home addresses ($kept)" tunnels_kept
# mobile node 100 (registered, not moved, sha1's or sha2's before the kill): sha2's now. Three
# datagrams a second until 3 are seen tunnelled by sha2, for 15 s at most, and how long that took:
# in CI runs of 2026-12-07 (once the shell answered in milliseconds, not seconds) none of the first
# three, sent ~2 s after the reconcile, was tunnelled, in about half the runs; why is not known yet
tunnelled_by_sha2() {
    tshark -n -r "$TB_PCAP" -Y "ip.proto == 4 && ip.src == $pha_address && ip.dst == 10.200.0.100 \
        && eth.src == $(mac sha2) && frame.time_epoch >= $restarted_at" -T fields -e frame.number 2>/dev/null | grep -c . || true
}
pinged_at=$(date +%s%3N)
for _ in $(seq 15); do
    testbed_exec cn ping -c 3 -i 0.2 -W 1 10.200.0.100 >/dev/null 2>&1 || true
    sleep 0.5
    (($(tunnelled_by_sha2) >= 3)) && break
done
waited=$(($(date +%s%3N) - pinged_at))
testbed_capture_stop
after_reconcile=$(tunnelled_by_sha2)
expect "tshark: after the reconcile sha2 tunnels the correspondent's datagrams to 10.200.0.100 ($after_reconcile, 3 wanted; $waited ms from the first)" \
    test "$after_reconcile" -ge 3
tunnelled=$(tshark -n -r "$TB_PCAP" \
    -Y "ip.proto == 4 && ip.src == $pha_address && (ip.dst == 10.200.0.1 || ip.dst == 10.200.0.2)" \
    -T fields -e eth.src 2>/dev/null | sort -u | tr '\n' ' ')
from_shas() {  # every tunnelled frame came from an SHA's interface, and there were some
    local m
    [[ -n "$tunnelled" ]] || return 1
    for m in $tunnelled; do [[ " $sha_macs " == *" $m "* ]] || return 1; done
}
expect "tshark: the correspondent's datagrams to 10.200.0.1 and .2 left tunnelled with outer source $pha_address from SHA MACs only ($tunnelled; SHAs $sha_macs)" \
    from_shas
if [[ "$order" == after-ack ]]; then
    # each home address's first registration reply left the PHA after its SHA accepted the first Start
    tshark -n -r "$TB_PCAP" -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" \
        -Y 'hadeleg.type == 2 && hadeleg.result == 0' -T fields -E aggregator=, -e frame.time_epoch -e hadeleg.home \
        >"$work/accepted.txt" 2>/dev/null || true
    tshark -n -r "$TB_PCAP" -Y "mip.type == 3 && ip.src == $pha_address" -T fields -e frame.time_epoch -e mip.homeaddr \
        >"$work/replies.txt" 2>/dev/null || true
    early=$(awk 'FNR == NR { n = split($2, h, ","); for (i = 1; i <= n; i++) if (!(h[i] in acked)) acked[h[i]] = $1; next }
                 !($2 in replied) { replied[$2] = $1 }
                 END { for (home in replied) if (!(home in acked) || replied[home] < acked[home]) early++; print early + 0 }' \
        "$work/accepted.txt" "$work/replies.txt")
    expect "order after-ack: no first reply left before its Start was accepted ($early early of $(wc -l <"$work/replies.txt") replies)" \
        test "$early" -eq 0 -a "$(wc -l <"$work/replies.txt")" -ge "$acknowledged"
fi
link=$(tshark -n -r "$TB_PCAP" -Y 'hadeleg' -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" 2>/dev/null | wc -l)
expect "tshark decodes the delegation messages ($link frames with hadeleg)" test "$link" -gt 0
# the Starts due together left in Batches (type 7, as many as a burst of registrations made due at
# once: how many depends on the box's pace), and what both sides sent decodes without a flaw
batched=$(tshark -n -r "$TB_PCAP" -Y 'hadeleg.type == 7' -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" \
    2>/dev/null | wc -l)
flawed=$(tshark -n -r "$TB_PCAP" -Y 'hadeleg.malformed' -X "lua_script:$TB_ROOT/tools/wireshark/homeagent-peer.lua" \
    2>/dev/null | wc -l)
log "PHA: $(testbed_shell pha 'delegation:status' | grep -E '^  (starts-sent|starts-queued|starts-coalesced|changes-folded|batches-sent|batches-received):' | tr -s ' \n' ' ')"
expect "tshark: no delegation payload flagged malformed ($flawed of $link frames; $batched frames carry a Batch)" \
    test "$flawed" -eq 0

testbed_finish
