# The control node's test bed shared by run-hacn.sh and run-hacn-standby.sh: appliances in their own
# namespaces on the home link with the peer link enabled and homeagent-hacn booting with the rest.
# Source it after testbed.sh.

key=0x00112233445566778899aabbccddeeff            # the mobile nodes' test key
peer_key=0x$(printf '6b%.0s' $(seq 32))           # the nodes' HMAC-SHA-256 test key (32 bytes)
client="$TB_ROOT/tools/group/group_client.py"

# node NAME ADDRESS NODE-ID PEERS [PID.key=value ...]: an appliance in its own namespace on the home
# link with the peer link enabled and the homeagent-hacn feature booting with the rest
node() {
    local name=$1 address=$2 id=$3 peers=$4
    shift 4
    testbed_node "$name" "home=$address/24"
    testbed_appliance "$name" \
        net.homeagent.peer.enabled=true "net.homeagent.peer.nodeId=$id" net.homeagent.peer.groupId=12 \
        "net.homeagent.peer.bindAddress=$address" "net.homeagent.peer.peers=$peers" "$@"
    testbed_peer_key "$name" "$peer_key"
    testbed_boot_feature "$name" homeagent-hacn \
        || { fail_step "$name: could not add homeagent-hacn to featuresBoot"; return 1; }
}
