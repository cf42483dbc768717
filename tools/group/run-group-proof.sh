#!/usr/bin/env bash
# The redundancy group's proof beyond the CI run (issue 11, "Proof"; docs/redundancy.md, "Proof"):
# the group of run-group.sh (group-lib.sh: MEMBERS appliances with keepalived on one bridged link,
# VIP 192.0.2.1) put through one scenario per run, the load generator (tools/loadgen) registering
# at the VIP with its ledger of what the group acknowledged.
#
#   bash tools/group/run-group-proof.sh SCENARIO        (as root)
#
#   scale       SCALE_NODES (100000) bindings registered at the active member are on every other
#               member within CONVERGE_SECONDS (60) of the last reply; mip:bindings agree member
#               by member (home, care-of, source, lifetime); each member's mip:backup-export
#               matches the ledger (--verify-ledger: missing, stale, extra, twice all 0)
#   loss        nftables drops LOSS_PERCENT (20) % of the peer link's datagrams (UDP 7434) in every
#               member's namespace (numgen random mod 100); LOSS_NODES (5000) registered, then a
#               mix; the group converges (no unacknowledged message on the active's link) and
#               every member matches the ledger (0 lost); the retransmission counters show the loss
#   forged      sync datagrams from tools/group/sync_sender.py onto a standby's link: a state change
#               with a bad HMAC, the same signed for another group id, and a datagram of the
#               active member captured on the link and sent again: each refused and counted
#               (peer:status bad-hmac, foreign-group, replay), no binding changes
#   tombstone   a signed delete of a home address nobody holds (sync_sender.py as node 9) leaves a
#               tombstone on the member (group:status, tombstones-unknown-home); a late add behind
#               it brings nothing back; the tombstone is purged after tombstoneSeconds (20)
#   empty       every member killed (kill -9), then one started alone: nobody answers its learn,
#               it serves its own durable backup (group:status "alone, own backup"), keepalived
#               makes it active, it holds every acknowledged binding and accepts renewals
#
# Each check prints PASS or FAIL; last line "N passed, N failed"; every wait is bounded.
# Environment: MEMBERS (3), BOOT_TIMEOUT (s, 300), the scenario's sizes above, HOMEAGENT_TARBALL,
# GROUP_OVERRIDES (PID.key=value ... for every member, e.g. net.homeagent.peer.replayWindow=16384).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scenario=${1:-}
members=${MEMBERS:-3}
boot_timeout=${BOOT_TIMEOUT:-300}
case $scenario in
    scale) nodes=${SCALE_NODES:-100000} ;;
    loss) nodes=${LOSS_NODES:-5000} ;;
    forged | tombstone) nodes=${NODES:-1000} ;;
    empty) nodes=${NODES:-2000} ;;
    *) echo "usage: $0 scale|loss|forged|tombstone|empty" >&2; exit 2 ;;
esac
read -ra group_overrides <<<"${GROUP_OVERRIDES:-}"
[[ $scenario != tombstone ]] || group_overrides+=(net.homeagent.group.tombstoneSeconds=20)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
# shellcheck source=group-lib.sh
source "$here/group-lib.sh"
sender="$TB_ROOT/tools/group/sync_sender.py"
spi_base=100000

# register_at_vip LEDGER [OPTION...]: the load generator's NODES nodes, closed loop at the VIP
# through the active member, until LEDGER is written; its report in $work/LEDGER.out
register_at_vip() {
    local ledger=$1
    shift
    loadgen_at_vip "$group_active" --nodes "$nodes" --spi-base "$spi_base" --mode closed --window 128 --warmup 0 \
        --lifetime 1800 --duration $((120 + nodes / 200)) --timeout-ms 3000 --ledger "$work/$ledger" "$@" \
        >"$work/$ledger.out" 2>&1 || true
    grep -E '^(sending to|ledger|accepted/s|timeouts)' "$work/$ledger.out" || true
    [[ -s "$work/$ledger" ]]
}

total_of() {  # NAME: how many bindings NAME holds (mip:bindings' total)
    list_bindings "$1" "$work/$1.all" >/dev/null || true
    grep -m1 -oE 'Total [0-9]+' "$work/$1.all" 2>/dev/null | grep -oE '[0-9]+' || echo 0
}

# bindings_rows NAME FILE: NAME's mip:bindings rows without the remaining lifetime (which differs
# by when each member was asked), sorted
bindings_rows() {
    list_bindings "$1" "$work/$1.all" || return 1
    awk '$1 ~ /^[0-9]+\./ { print $1, $2, $3, $4, $6, $7, $8 }' "$work/$1.all" | sort >"$2"
}

# the member with node id N is haN; a standby to aim the sender's datagrams at
a_standby() {
    local name
    for name in "${group_names[@]}"; do [[ "$name" == "$group_active" ]] || { echo "$name"; return; }; done
}
address_of() { echo "192.0.2.1${1#ha}"; }

scenario_scale() {
    local name bound converge_from deadline total expected looks
    log "the load generator registers $nodes nodes at $vip"
    expect "first registrations of $nodes nodes, ledger written" register_at_vip ledger --requests "$nodes"
    converge_from=$(date +%s%3N)
    expected=$(total_of "$group_active")
    bound=${CONVERGE_SECONDS:-60}
    for name in "${group_names[@]}"; do
        deadline=$((SECONDS + bound))
        total=$(total_of "$name")
        looks=1
        while ((total != expected && SECONDS < deadline)); do
            sleep 1
            total=$(total_of "$name")
            looks=$((looks + 1))
        done
        # each look lists the whole table (seconds at 100,000): the time says when it was seen, an upper bound
        expect "$name holds the active member's $expected bindings ($total at look $looks, $(($(date +%s%3N) - converge_from)) ms after the last reply, bound $bound s)" \
            test "$total" -eq "$expected"
    done
    bindings_rows "$group_active" "$work/rows.$group_active"
    for name in "${group_names[@]}"; do
        [[ "$name" == "$group_active" ]] && continue
        bindings_rows "$name" "$work/rows.$name"
        expect "mip:bindings of $name and $group_active agree row by row ($(wc -l <"$work/rows.$name") rows, $(
            diff "$work/rows.$group_active" "$work/rows.$name" | grep -c '^[<>]' || true) differ)" \
            cmp -s "$work/rows.$group_active" "$work/rows.$name"
    done
    for name in "${group_names[@]}"; do
        expect_ledger "$work/ledger" "$name" "$name's mip:backup-export matches the ledger"
    done
}

scenario_loss() {
    local name percent=${LOSS_PERCENT:-20} before after unacked deadline
    for name in "${group_names[@]}"; do
        testbed_exec "$name" nft -f - <<NFT
table inet peerloss {
    chain input {
        type filter hook input priority 0; policy accept;
        udp dport $peer_port numgen random mod 100 < $percent counter drop
    }
}
NFT
    done
    expect "nftables drops $percent % of the peer link's datagrams in every member ($(testbed_exec "$group_active" nft list ruleset | grep -c 'numgen random') rule(s) on $group_active)" \
        testbed_exec "$group_active" nft list chain inet peerloss input
    before=$(peer_counter "$group_active" retransmissions)
    log "the load generator registers $nodes nodes at $vip, then a mix of $((2 * nodes)) requests, under loss"
    expect "first registrations of $nodes nodes under loss, ledger written" register_at_vip ledger.0 --requests "$nodes"
    expect "a mix of care-of changes, renewals and deregistrations under loss, ledger written" \
        register_at_vip ledger.1 --requests $((2 * nodes)) --from-ledger "$work/ledger.0" \
        --mix care-of-change=50,renew=30,deregister=20
    # converged: nothing left unacknowledged on the active member's link (retransmissions give up
    # after the link's giveUpMillis, 10 s: bound 60 s)
    deadline=$((SECONDS + 60))
    unacked=1
    while ((SECONDS < deadline)); do
        unacked=$(testbed_shell "$group_active" 'peer:status' | awk '/unacknowledged/ { n += $NF } END { print n + 0 }')
        ((unacked == 0)) && break
        sleep 1
    done
    expect "the active member's link has nothing unacknowledged ($unacked)" test "$unacked" -eq 0
    after=$(peer_counter "$group_active" retransmissions)
    testbed_shell "$group_active" 'peer:status'
    expect "the active member's link retransmitted what was lost ($before -> $after retransmissions; given up $(
        peer_counter "$group_active" 'given up'))" test "$after" -gt "$before"
    testbed_shell "$group_active" 'group:members'
    for name in "${group_names[@]}"; do
        log "$name: nftables dropped $(testbed_exec "$name" nft list chain inet peerloss input | grep -oE 'packets [0-9]+');" \
            "peer:status $(testbed_shell "$name" 'peer:status' | grep -E '^(Messages|Dropped)' | tr '\n' ';')"
        expect_ledger "$work/ledger.1" "$name" "$name's table matches the ledger under $percent % loss"
    done
}

scenario_forged() {
    local target address rows before after reason payload
    target=$(a_standby)
    address=$(address_of "$target")
    testbed_capture home "udp port $peer_port" || return 1
    expect "first registrations of $nodes nodes, ledger written" register_at_vip ledger --requests "$nodes"
    testbed_capture_stop
    bindings_rows "$target" "$work/rows.before"
    # one datagram the active member sent to the target, as captured
    payload=$(tshark -n -r "$TB_PCAP" -Y "ip.src == $(address_of "$group_active") && ip.dst == $address && udp.dstport == $peer_port && udp.length > 100" \
        -T fields -e udp.payload 2>/dev/null | head -1)
    expect "a datagram of the active member to $target captured (${#payload} hex digits)" test -n "$payload"
    declare -A sent=(
        [bad-hmac]="change $address --key $peer_key_hex --home 10.99.0.1 --care-of 198.51.100.99 --sync-seq 1 --bad-hmac"
        [foreign-group]="change $address --key $peer_key_hex --home 10.99.0.2 --care-of 198.51.100.99 --sync-seq 1 --group 8"
        [replay]="resend $address --hex $payload"
    )
    for reason in bad-hmac foreign-group replay; do
        before=$(peer_counter "$target" "$reason")
        # shellcheck disable=SC2086
        testbed_exec mn "$py" "$sender" ${sent[$reason]}
        after=$before
        for _ in $(seq 10); do
            after=$(peer_counter "$target" "$reason")
            ((after > before)) && break
            sleep 0.5
        done
        expect "$target refused and counted the $reason datagram (peer:status $reason $before -> $after)" \
            test "$after" -eq $((before + 1))
    done
    testbed_shell "$target" 'peer:status' | grep -E '^Dropped'
    bindings_rows "$target" "$work/rows.after"
    expect "no binding of $target changed ($(wc -l <"$work/rows.after") rows; 10.99.0.1/2: $(
        grep -cE '^10\.99\.0\.[12] ' "$work/rows.after" || true))" cmp -s "$work/rows.before" "$work/rows.after"
    expect_ledger "$work/ledger" "$target" "$target still matches the ledger"
}

scenario_tombstone() {
    local target address home=10.99.0.3 unknown stale after tombstones deadline epoch
    target=$(a_standby)
    address=$(address_of "$target")
    expect "first registrations of $nodes nodes, ledger written" register_at_vip ledger --requests "$nodes"
    unknown=$(group_counter "$target" tombstones-unknown-home)
    stale=$(group_counter "$target" replication-stale)
    epoch=$(date +%s%3N)
    # the sender is a member the target has not heard of (node 9), signed with the group's key: a
    # delete of a home address nobody holds, then at once (well inside tombstoneSeconds, whatever
    # the shell's pace) a late add of the same sender with an older sync sequence
    testbed_exec mn "$py" "$sender" change "$address" --key "$peer_key_hex" --home "$home" --sync-seq 5 \
        --epoch "$epoch" --seq 1
    testbed_exec mn "$py" "$sender" change "$address" --key "$peer_key_hex" --home "$home" --care-of 198.51.100.77 \
        --sync-seq 4 --epoch "$epoch" --seq 2
    after=$unknown
    for _ in $(seq 10); do
        after=$(group_counter "$target" tombstones-unknown-home)
        ((after > unknown)) && break
        sleep 0.5
    done
    expect "$target counted the delete of $home it did not hold (tombstones-unknown-home $unknown -> $after)" \
        test "$after" -eq $((unknown + 1))
    after=$(group_counter "$target" replication-stale)
    expect "$target refused the late add as stale behind the tombstone (replication-stale $stale -> $after)" \
        test "$after" -eq $((stale + 1))
    list_bindings "$target" "$work/late.bindings" --home "$home" || true
    expect "the late add did not bring $home back ($(grep -m1 -oE 'Total [0-9]+' "$work/late.bindings"))" \
        grep -q 'Total 0' "$work/late.bindings"
    tombstones=$(testbed_shell "$target" 'group:status' | grep -oE 'tombstones [0-9]+' | grep -oE '[0-9]+')
    expect "group:status of $target shows the tombstone (tombstones ${tombstones:-?})" test "${tombstones:-0}" -ge 1
    log "group:stats of $target: $(testbed_shell "$target" 'group:stats' | grep -E 'tombstone|stale' | tr -s ' ' | tr '\n' ';')"
    deadline=$((SECONDS + 60))
    while ((SECONDS < deadline)); do
        tombstones=$(testbed_shell "$target" 'group:status' | grep -oE 'tombstones [0-9]+' | grep -oE '[0-9]+')
        ((${tombstones:-1} == 0)) && break
        sleep 1
    done
    expect "the tombstone was purged within 60 s (tombstoneSeconds 20; tombstones ${tombstones:-?})" test "${tombstones:-1}" -eq 0
    expect_ledger "$work/ledger" "$target" "$target still matches the ledger"
}

scenario_empty() {
    local name alone renewals
    expect "first registrations of $nodes nodes, ledger written" register_at_vip ledger --requests "$nodes"
    log "kill -9 of every member"
    for name in "${group_names[@]}"; do testbed_kill9 "$name"; done
    # the last standby comes back alone: the group it joins is empty
    alone=${group_names[-1]}
    [[ "$alone" != "$group_active" ]] || alone=${group_names[0]}
    log "$alone starts alone"
    testbed_boot "$alone" || return 1
    expect "$alone left the learn state alone" await_state "$alone" 'STANDBY|ACTIVE' 60
    expect "$alone serves its own backup ($(testbed_shell "$alone" 'group:status' | grep 'last learn' | tr -s ' '))" \
        bash -c '[[ "$1" == *"alone, own backup"* ]]' _ "$(testbed_shell "$alone" 'group:status')"
    group_names=("$alone")
    find_active 30 || true
    expect "keepalived made $alone active (${group_active:-none})" test "$group_active" == "$alone"
    [[ "$group_active" == "$alone" ]] || return 1
    expect_ledger "$work/ledger" "$alone" "$alone holds every acknowledged binding from its backup"
    register_at_vip ledger.renewed --requests 500 --from-ledger "$work/ledger" --mix renew=100 >/dev/null || true
    renewals=$(grep -oE '"renew":\{"sent":[0-9]+,"sentPerSecond":[0-9.]+,"accepted":[0-9]+' "$work/ledger.renewed.out" \
        | grep -oE '[0-9]+$' || echo 0)
    expect "renewals at the VIP accepted by $alone ($renewals of 500)" test "$renewals" -eq 500
}

group_init "proof-$scenario" || { testbed_finish; exit; }
[[ -f "$loadgen_jar" ]] || { fail_step "no $loadgen_jar (mvn -pl tools/loadgen package)"; testbed_finish; exit; }
loadgen_sa "$nodes" "$spi_base" "$work/loadgen-sa.conf"
group_add_sa "$work/loadgen-sa.conf"
group_members || { testbed_finish; exit; }
group_boot || { testbed_finish; exit; }
started=$SECONDS
"scenario_$scenario" || fail_step "scenario $scenario stopped early"
log "scenario $scenario: $((SECONDS - started)) s after the group was up"
testbed_finish
