# The delegation test bed shared by run-delegation.sh and run-delegation-load.sh: the appliances
# (a PHA and its SHAs, each in its own namespace on the home link, peer link and user-space data
# plane on, homeagent-delegation booting with the rest) and the probes of their shell. Source it
# after testbed.sh with pha_address set.

key=0x00112233445566778899aabbccddeeff            # the mobile nodes' test key
peer_key=0x$(printf '6b%.0s' $(seq 32))           # the nodes' HMAC-SHA-256 test key (32 bytes)
client="$TB_ROOT/tools/group/group_client.py"

# node NAME ADDRESS NODE-ID PEERS [PID.key=value ...]: an appliance in its own namespace on the home
# link, its peer link enabled, its user-space data plane on the home interface, and the
# homeagent-delegation feature booting with the rest
node() {
    local name=$1 address=$2 id=$3 peers=$4
    shift 4
    testbed_node "$name" "home=$address/24"
    testbed_appliance "$name" \
        net.homeagent.peer.enabled=true "net.homeagent.peer.nodeId=$id" net.homeagent.peer.groupId=13 \
        "net.homeagent.peer.bindAddress=$address" "net.homeagent.peer.peers=$peers" \
        net.homeagent.dataplane.implementation=user-space net.homeagent.dataplane.homeInterface=home "$@"
    testbed_peer_key "$name" "$peer_key"
    testbed_boot_feature "$name" homeagent-delegation \
        || { fail_step "$name: could not add homeagent-delegation to featuresBoot"; return 1; }
    # the care-of addresses are reached through the mobile nodes' host
    ip -n "${TB_NS[$name]}" route add 198.51.100.0/24 via 192.0.2.100
}

sha() {  # NAME ADDRESS NODE-ID [PID.key=value ...]: an SHA of the PHA at pha_address
    local name=$1 address=$2 id=$3
    shift 3
    node "$name" "$address" "$id" "1@$pha_address:7434" net.homeagent.ha.listenAddresses=127.0.0.1 \
        net.homeagent.delegation.sha.enabled=true "net.homeagent.delegation.sha.pha=1@$pha_address:7434" "$@"
}

# sha_field ID FIELD: a field of SHA ID's line of the PHA's delegation:shas
# ("2 192.0.2.11:7434 up 150 0 0 0 150 - 12 0 -": 3 state, 4 mobiles, 5 starting, 6 in flight, 7 queued)
sha_field() { testbed_shell pha 'delegation:shas' | awk -v id="$1" -v f="$2" '$1 == id {print $f}' || true; }
sha_is() { [[ "$(sha_field "$1" 3)" == "$2" ]]; }
entries() { testbed_shell "$1" 'delegation:status' | awk '$1 == "entries:" {print $2}' || true; }
entries_are() { [[ "$(entries "$1")" == "$2" ]]; }
mac() { ip -n "${TB_NS[$1]}" link show home | awk '/link\/ether/ {print $2}'; }

await() {  # SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds
    local deadline=$((SECONDS + $1)) what=$2
    shift 2
    while ((SECONDS < deadline)); do
        "$@" && return 0
        sleep 0.5
    done
    log "not so after the wait: $what"
    return 1
}

# delegation_boot: starts pha, sha1 and sha2 side by side and waits until each is up and the PHA
# sees both SHAs up (one check each); false if an appliance did not come up
delegation_boot() {
    testbed_start pha
    testbed_start sha1
    testbed_start sha2
    tb_await_boot pha 'delegation:status' 'primary' || return 1
    tb_await_boot sha1 'delegation:status' 'secondary' || return 1
    tb_await_boot sha2 'delegation:status' 'secondary' || return 1
    expect "the PHA sees sha1 up" await 60 "sha1 up" sha_is 2 up
    expect "the PHA sees sha2 up" await 60 "sha2 up" sha_is 3 up
}

# register_all: the client registers nodes mobile nodes at the PHA (ledger $work/ledger); one check
register_all() {
    testbed_exec mn "$py" "$client" register --server "$pha_address" --nodes "$nodes" --key "$key" --ledger "$work/ledger" \
        | tee "$work/register.out" || true
    acknowledged=$(wc -l <"$work/ledger")
    expect "every registration was acknowledged ($acknowledged of $nodes)" test "$acknowledged" -eq "$nodes"
}
