#!/usr/bin/env bash
# Management-plane run (issue 4; docs/snmp.md): the built appliance's SNMP agent and event routes
# against net-snmp's manager tools, snmptrapd, smilint and Debian's compiled MIP-MIB.
#
#   bash tools/snmp/run-snmp.sh
#
# 1. our MIB modules (mibs/): smilint -l 6 prints nothing, snmptranslate resolves their names;
#    the SMI base modules they import (SNMPv2-SMI, -TC, -CONF) come from Debian's erlang-snmp,
#    the one package of Debian main that ships their text (net-snmp's copies are non-free there)
# 2. unpacks the appliance on free loopback ports with one SNMPv3 user (SHA-256/AES-128), one
#    v2c community, a notification target at snmptrapd (SNMPv3 traps) and a small burst threshold,
#    and the redundancy group feature on: a group of one member (peer link on loopback, no peers)
# 3. snmptrapd receives the coldStart the agent sends when it starts; the member is alone, learns
#    nothing and stands by; the test writes keepalived's MASTER line into the member's notify FIFO
#    (as keepalived would) and the member becomes active, then BACKUP and MASTER again: snmptrapd
#    receives hamGroupStateChange for standby -> active and active -> standby with the node id
# 4. the scapy client (tools/interop/mip_client.py) registers real bindings (and one with a bad
#    key); snmpwalk over SNMPv3 authPriv of MIP-MIB is judged by snmp_check.py: names and types
#    against pysnmp's MIP-MIB, bindings and counters against mip:bindings and mip:stats
# 5. HOMEAGENT-MIB by name (hamGroup: node id, state active, a one-row member table, the changes
#    sent as group:stats counts them); a wrong community and a wrong user are refused and counted
#    (snmp:status); a burst of them reaches snmptrapd as hamAuthFailureBurst; camel:route-list
# Prints every check and last "N passed, N failed"; exits non-zero on any failure. Karaf and
# snmptrapd are gone on exit, whatever happened; the temporary directory too if the run passed and
# karaf.log has no ERROR, else the ERROR entries are printed whole and the directory is kept.
#
# Environment: HOMEAGENT_TARBALL, BOOT_TIMEOUT (s, default 120), KEEP_WORKDIR=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
root=$TB_ROOT
interop="$root/tools/interop"
# the SMI base modules (SNMPv2-SMI, -TC, -CONF) as Debian's erlang-snmp ships them
smi_dir=$(dirname "$(ls /usr/lib/erlang/lib/snmp-*/mibs/SNMPv2-SMI.mib 2>/dev/null | head -n 1)")
testbed_init snmp   # work folder, and the teardown of Karaf and snmptrapd on any exit

ok() {
    echo "ok   $*"
    passed=$((passed + 1))
}

expect() {  # description, then a command: ok if it succeeds
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail_step "$what"; fi
}

# --- 1. our MIB modules -----------------------------------------------------------------------
log "SMI base modules from $smi_dir; smilint -l 6 and snmptranslate on mibs/"
mkdir -p "$work/smi"
cp "$smi_dir"/SNMPv2-SMI.mib "$smi_dir"/SNMPv2-TC.mib "$smi_dir"/SNMPv2-CONF.mib "$work/smi/" \
    || fail_step "SMI base modules (SNMPv2-SMI, -TC, -CONF) not found: install erlang-snmp"
mibpath="$work/smi:$root/mibs"
for mib in "$root"/mibs/*.mib; do
    lint=$(SMIPATH="$mibpath" smilint -l 6 -s "$mib" 2>&1 || true)
    expect "smilint -l 6 $(basename "$mib"): clean${lint:+ ($lint)}" test -z "$lint"
done
# stderr apart: on a fresh machine net-snmp's first tool prints "Created directory:
# /var/lib/snmp/cert_indexes" there, which is not part of the translation
translate() { MIBDIRS="$mibpath" snmptranslate -m HOMEAGENT-MIB:HOMEAGENT-MIMM-MIB "$@" 2>"$work/snmptranslate.err"; }
for pair in hamStoreBindings:.1.3.6.1.4.1.32473.1.1.1.1.1 hamBackupWriteFailures:.1.3.6.1.4.1.32473.1.1.1.2.4 \
        hamAuthFailureBurst:.1.3.6.1.4.1.32473.1.1.0.3 hamBindingHighWater:.1.3.6.1.4.1.32473.1.1.0.1 \
        homeagentAppliance:.1.3.6.1.4.1.32473.2.1 hamGroupState:.1.3.6.1.4.1.32473.1.1.1.5.2 \
        hamGroupMemberLagging:.1.3.6.1.4.1.32473.1.1.1.5.17.1.8 hamGroupStateChange:.1.3.6.1.4.1.32473.1.1.0.7 \
        mimmAdviceNotNow:.1.3.6.1.4.1.32473.1.5.1.2.3 mimmNetworkSessions:.1.3.6.1.4.1.32473.1.5.1.3.1.7 \
        mimmAlertUntil:.1.3.6.1.4.1.32473.1.5.1.4.1.8; do
    name=${pair%%:*} oid=${pair#*:}
    got=$(translate -IR -On "$name")
    expect "snmptranslate $name = $oid (what the agent serves)${got:+, got $got}$(sed 's/^/; /' "$work/snmptranslate.err" | tr -d '\n')" \
        test "$got" = "$oid"
done

# --- 2. the appliance, configured -------------------------------------------------------------
testbed_appliance ha || { testbed_finish; exit; }
snmp_port=$(free_port udp)
trap_port=$(free_port udp)
engine=80001f88046861736e2d74657374   # enterprise 8072 format 4 (text) "hasn-test"
user=nms auth=hasn-auth-pass priv=hasn-priv-pass community=hasn-community
etc="$karaf_home/etc"
cat >"$etc/net.homeagent.snmp.cfg" <<CFG
listenAddress = 127.0.0.1
port = $snmp_port
engineId = $engine
notificationTargets = udp:127.0.0.1/$trap_port v3 $user
CFG
cat >"$etc/snmp-access.conf" <<CFG
user $user SHA-256 $auth AES-128 $priv read-only
community lab $community read-only
CFG
chmod 600 "$etc/snmp-access.conf"
printf 'authFailureBurst = 5\nauthFailureWindowSeconds = 10\nbindingSummarySeconds = 2\n' >"$etc/net.homeagent.routes.cfg"
printf 'listenAddresses = 127.0.0.1\nport = %s\n' "$port" >"$etc/net.homeagent.ha.cfg"
key=0x00112233445566778899aabbccddeeff
cat >"$etc/mobility-security.conf" <<CFG
10.0.0.10 256 hmac-md5 $key timestamp
10.0.0.11 256 hmac-md5 $key timestamp
10.0.0.12 256 hmac-md5 $key timestamp
CFG
chmod 600 "$etc/mobility-security.conf"
# the redundancy group member, alone: the peer link on loopback without peers, keepalived's notify
# FIFO made here (keepalived makes it when it starts) and written by the test below
peer_port=$(free_port udp)
fifo="$work/keepalived.fifo"
mkfifo "$fifo"
printf 'enabled = true\nnodeId = 1\ngroupId = 7\nbindAddress = 127.0.0.1\nport = %s\n' "$peer_port" \
    >"$etc/net.homeagent.peer.cfg"
testbed_peer_key ha "0x$(printf '5a%.0s' $(seq 32))"
printf 'virtualAddress = 192.0.2.1\nnotifyFifo = %s\ntrackFile = %s\n' "$fifo" "$work/group-learning" \
    >"$etc/net.homeagent.group.cfg"
expect "homeagent-group added to featuresBoot" testbed_boot_feature ha homeagent-group

# --- 3. snmptrapd, then the appliance: the coldStart ------------------------------------------
cat >"$work/snmptrapd.conf" <<CFG
createUser -e 0x$engine $user SHA-256 $auth AES $priv
authUser log $user authPriv
CFG
# a background process of the test bed: its teardown stops it
testbed_exec_bg "" snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$trap_port"
for _ in $(seq 50); do udp_bound "$trap_port" && break; sleep 0.2; done
expect "snmptrapd listening on udp/$trap_port" udp_bound "$trap_port"
testbed_boot ha 'snmp:status' 'listening on' || { testbed_finish; exit; }
await_trap() {  # OID, seconds
    for _ in $(seq $(($2 * 5))); do grep -q -- "$1" "$work/traps.log" 2>/dev/null && return 0; sleep 0.2; done
    return 1
}
expect "snmptrapd received coldStart (SNMPv2-MIB 1.3.6.1.6.3.1.1.5.1) over SNMPv3" \
    await_trap ".1.3.6.1.6.3.1.1.5.1" 20

member_state() { testbed_shell ha 'group:status' | grep -m1 -oE '^Group member [0-9]+: [A-Z]+' || true; }
await_member() {  # STATE SECONDS
    for _ in $(seq "$2"); do [[ "$(member_state)" == "Group member 1: $1" ]] && return 0; sleep 1; done
    return 1
}
await_member STANDBY 30 || true
expect "the member alone learns nothing and stands by (group:status: $(member_state))" await_member STANDBY 1
log "keepalived's word, as keepalived writes it into vrrp_notify_fifo: VI_HA is MASTER"
timeout 10 bash -c "echo 'INSTANCE \"VI_HA\" MASTER 100' >'$fifo'" || fail_step "could not write the notify FIFO"
await_member ACTIVE 15 || true
expect "the member is active (group:status: $(member_state))" await_member ACTIVE 1
# snmptrapd -Lf writes a notification on one line, its variable bindings separated by tabs
group_trap() {  # previous state, state: the hamGroupStateChange of that transition, node id 1
    local g='\.1\.3\.6\.1\.4\.1\.32473\.1\.1'
    await_trap ".1.3.6.1.4.1.32473.1.1.0.7" 15 && grep -qE "OID: $g\.0\.7"$'\t'"$g\.1\.5\.1\.0 = Gauge32: 1"$'\t'"$g\.1\.5\.16\.0 = INTEGER: $1"$'\t'"$g\.1\.5\.2\.0 = INTEGER: $2"$'\t' \
        "$work/traps.log"
}
# init -> learn and learn -> standby are not checked: the member may reach standby before the agent
# is up (one feature resolution, learnTimeoutMillis 3 s on a loaded box), and the routes hand an event
# to no notifier then, as any agent drops what happens before its coldStart. The transitions checked
# are the ones this test causes after the coldStart: standby -> active, then active -> standby (and back).
expect "snmptrapd received hamGroupStateChange (.1.3.6.1.4.1.32473.1.1.0.7): node 1, standby(3) -> active(4)" \
    group_trap 3 4
log "keepalived's word: VI_HA is BACKUP"
timeout 10 bash -c "echo 'INSTANCE \"VI_HA\" BACKUP 100' >'$fifo'" || fail_step "could not write the notify FIFO"
await_member STANDBY 15 || true
expect "the member stands by again (group:status: $(member_state))" await_member STANDBY 1
expect "snmptrapd received hamGroupStateChange: node 1, active(4) -> standby(3)" group_trap 4 3
timeout 10 bash -c "echo 'INSTANCE \"VI_HA\" MASTER 100' >'$fifo'" || fail_step "could not write the notify FIFO"
await_member ACTIVE 15 || true
expect "the member is active again (group:status: $(member_state))" await_member ACTIVE 1

# --- 4. real registrations, the walk, the shell -----------------------------------------------
register() {  # home care-of flags key -> the reply code
    "$py" "$interop/mip_client.py" --port "$port" --home "$1" --coa "$2" --flags "$3" --spi 256 --key "$4" \
        | awk '/^code /{print $2}' | tail -n 1
}
expect "10.0.0.10 at 192.0.2.1 (S) accepted" test "$(register 10.0.0.10 192.0.2.1 SD $key)" = 0
expect "10.0.0.10 at 192.0.2.2 (S) accepted" test "$(register 10.0.0.10 192.0.2.2 SD $key)" = 0
expect "10.0.0.11 at 198.51.100.7 accepted" test "$(register 10.0.0.11 198.51.100.7 D $key)" = 0
expect "10.0.0.12 with a wrong key refused 131" \
    test "$(register 10.0.0.12 198.51.100.8 D 0xffeeddccbbaa99887766554433221100)" = 131
v3=(-v3 -l authPriv -u "$user" -a SHA-256 -A "$auth" -x AES -X "$priv" -t 2 -r 1)
snmpwalk "${v3[@]}" -On -Oe "127.0.0.1:$snmp_port" 1.3.6.1.2.1.44 >"$work/mip-walk.txt" 2>&1 || true
testbed_shell ha 'mip:bindings' >"$work/bindings.txt"
testbed_shell ha 'mip:stats' >"$work/stats.txt"
"$py" "$here/snmp_check.py" names --walk "$work/mip-walk.txt" | tee "$work/names.out" || true
count "$work/names.out"
"$py" "$here/snmp_check.py" compare --walk "$work/mip-walk.txt" --bindings "$work/bindings.txt" \
    --stats "$work/stats.txt" | tee "$work/compare.out" || true
count "$work/compare.out"
rows=$(snmpbulkwalk "${v3[@]}" -Cr25 -On "127.0.0.1:$snmp_port" 1.3.6.1.2.1.44.1.6.3.1 2>/dev/null | wc -l)
expect "snmpbulkwalk (GETBULK) of haMobilityBindingTable: 3 rows x 8 columns ($rows)" test "$rows" = 24

# --- 5. our MIB by name; refusals; the burst; the routes ----------------------------------------
MIBDIRS="$mibpath" snmpwalk "${v3[@]}" -m HOMEAGENT-MIB "127.0.0.1:$snmp_port" 1.3.6.1.4.1.32473 \
    >"$work/homeagent-walk.txt" 2>&1 || true
expect "HOMEAGENT-MIB::hamStoreBindings.0 = Gauge32: 3 (names from our MIB text)" \
    grep -q "HOMEAGENT-MIB::hamStoreBindings.0 = Gauge32: 3" "$work/homeagent-walk.txt"
expect "HOMEAGENT-MIB::hamBackupEnabled.0 served" grep -q "HOMEAGENT-MIB::hamBackupEnabled.0 = INTEGER: true(1)" \
    "$work/homeagent-walk.txt"
expect "HOMEAGENT-MIB::hamGroupNodeId.0 = 1" grep -qE "HOMEAGENT-MIB::hamGroupNodeId.0 = Gauge32: 1$" \
    "$work/homeagent-walk.txt"
expect "HOMEAGENT-MIB::hamGroupState.0 = active(4)" grep -q "HOMEAGENT-MIB::hamGroupState.0 = INTEGER: active(4)" \
    "$work/homeagent-walk.txt"
expect "HOMEAGENT-MIB::hamGroupVirtualAddress.0 = 192.0.2.1" \
    grep -q 'HOMEAGENT-MIB::hamGroupVirtualAddress.0 = STRING: 192.0.2.1' "$work/homeagent-walk.txt"
member_rows=$(grep -c "HOMEAGENT-MIB::hamGroupMemberState\." "$work/homeagent-walk.txt" || true)
expect "hamGroupMemberTable: one row, the member itself ($member_rows)" test "$member_rows" = 1
expect "hamGroupMemberTable row 1: active(4), at the peer link's 127.0.0.1:$peer_port" bash -c \
    "grep -q 'HOMEAGENT-MIB::hamGroupMemberState.1 = INTEGER: active(4)' '$work/homeagent-walk.txt' \
    && grep -q 'HOMEAGENT-MIB::hamGroupMemberAddress.1 = STRING: 127.0.0.1:$peer_port' '$work/homeagent-walk.txt'"
sent=$(testbed_shell ha 'group:stats' | awk '$1 == "replication-sent" {print $2}')
expect "HOMEAGENT-MIB::hamGroupChangesSent.0 = group:stats replication-sent (${sent:-none}): the 3 registrations" \
    bash -c "test '${sent:-}' = 3 && grep -q 'HOMEAGENT-MIB::hamGroupChangesSent.0 = Counter64: 3$' '$work/homeagent-walk.txt'"
expect "v2c with the configured community answers" \
    snmpget -v2c -c "$community" -t 2 -r 1 "127.0.0.1:$snmp_port" 1.3.6.1.2.1.44.1.1.2.0
expect "v2c with a wrong community gets no answer" \
    bash -c "! snmpget -v2c -c wrong-community -t 1 -r 0 127.0.0.1:$snmp_port 1.3.6.1.2.1.44.1.1.2.0 >/dev/null 2>&1"
expect "SNMPv3 with an unknown user is refused" bash -c "! snmpget -v3 -l authPriv -u intruder -a SHA-256 \
    -A $auth -x AES -X $priv -t 1 -r 0 127.0.0.1:$snmp_port 1.3.6.1.2.1.44.1.1.2.0 >/dev/null 2>&1"
expect "SNMPv3 with a wrong passphrase is refused" bash -c "! snmpget -v3 -l authPriv -u $user -a SHA-256 \
    -A wrong-passphrase -x AES -X $priv -t 1 -r 0 127.0.0.1:$snmp_port 1.3.6.1.2.1.44.1.1.2.0 >/dev/null 2>&1"
testbed_shell ha 'snmp:status' >"$work/status.txt"
expect "snmp:status counts the wrong community: $(grep -o 'bad community [0-9]*' "$work/status.txt")" \
    grep -qE 'bad community [1-9]' "$work/status.txt"
expect "snmp:status counts the unknown user: $(grep -o 'unknown user [0-9]*' "$work/status.txt")" \
    grep -qE 'unknown user [1-9]' "$work/status.txt"
expect "snmp:status counts the wrong digest: $(grep -o 'wrong digest [0-9]*' "$work/status.txt")" \
    grep -qE 'wrong digest [1-9]' "$work/status.txt"
expect "snmp:status shows no passphrase or community" \
    bash -c "! grep -qE '$auth|$priv|$community' '$work/status.txt'"
log "a burst of wrong communities (authFailureBurst = 5 in 10 s)"
for _ in $(seq 6); do
    snmpget -v2c -c wrong-community -t 0.2 -r 0 "127.0.0.1:$snmp_port" 1.3.6.1.2.1.44.1.1.2.0 >/dev/null 2>&1 || true
done
expect "snmptrapd received hamAuthFailureBurst (.1.3.6.1.4.1.32473.1.1.0.3)" \
    await_trap ".1.3.6.1.4.1.32473.1.1.0.3" 15
expect "no authenticationFailure per refused message (.1.3.6.1.6.3.1.1.5.5); snmpEnableAuthenTraps says disabled(2)" \
    bash -c "! grep -q -- '.1.3.6.1.6.3.1.1.5.5' '$work/traps.log' \
        && snmpget -v3 -l authPriv -u '$user' -a SHA-256 -A '$auth' -x AES -X '$priv' -On -Oqv \
            '127.0.0.1:$snmp_port' .1.3.6.1.2.1.11.30.0 | grep -qx 2"
testbed_shell ha 'camel:route-list' >"$work/routes.txt"
for route in appliance-events snmp-notifications audit-log event-listeners operator-endpoints binding-summary \
        appliance-watch snmp-traps-in; do
    expect "camel:route-list: $route started" grep -qE "homeagent +$route +Started" "$work/routes.txt"
done
# the registrations may straddle a summary interval (bindingSummarySeconds = 2): add up the lines
audit_sum=$(grep -oE 'BINDINGS added [0-9]+, removed [0-9]+' "$karaf_home/data/log/karaf.log" \
    | awk '{added += $3; removed += $5} END {printf "added %d, removed %d", added, removed}')
expect "audit log: the three bindings added, in summary lines ($audit_sum)" \
    bash -c "test '$audit_sum' = 'added 3, removed 0' && grep -q 'BINDINGS added [0-9]*, removed 0, table 3' '$karaf_home/data/log/karaf.log'"
expect "audit log: APPLIANCE_STARTED and the burst" bash -c "grep -q 'APPLIANCE_STARTED' '$karaf_home/data/log/karaf.log' \
    && grep -q 'AUTHENTICATION_FAILURE_BURST snmp' '$karaf_home/data/log/karaf.log'"

testbed_finish
