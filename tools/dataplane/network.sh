# The data plane's test network (drawn in run-dataplane.sh), shared by run-dataplane.sh and
# measure-forwarding.sh. Source it as root; build_network first removes what an interrupted run
# left, remove_network kills what still runs in the namespaces and deletes them.

namespaces=(hadp-cn hadp-link hadp-ha hadp-coa hadp-mn)

remove_network() {
    local ns pid
    for ns in "${namespaces[@]}"; do
        if ip netns list | grep -qw "$ns"; then
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
}

build_network() {
    remove_network   # what an interrupted run may have left
    local ns
    for ns in "${namespaces[@]}"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
    done
    ip -n hadp-link link add hadpbr0 type bridge
    ip -n hadp-link link set hadpbr0 up
    ip link add hadpcn0 netns hadp-cn type veth peer name hadpcnb netns hadp-link
    ip link add hadpha0 netns hadp-ha type veth peer name hadphab netns hadp-link
    ip link add hadpha1 netns hadp-ha type veth peer name hadpco0 netns hadp-coa
    ip link add hadpco1 netns hadp-coa type veth peer name hadpmn0 netns hadp-mn
    ip -n hadp-link link set hadpcnb master hadpbr0 up
    ip -n hadp-link link set hadphab master hadpbr0 up

    ip -n hadp-cn addr add 10.77.1.100/24 dev hadpcn0
    ip -n hadp-cn link set hadpcn0 up
    ip -n hadp-cn route add default via 10.77.1.1

    ip -n hadp-ha addr add 10.77.1.1/24 dev hadpha0
    ip -n hadp-ha addr add 10.77.2.1/24 dev hadpha1
    ip -n hadp-ha link set hadpha0 up
    ip -n hadp-ha link set hadpha1 up
    # triangular routing (no reverse tunnel): the mobile node's replies reach the home agent from
    # the foreign link with the home address as source, which strict reverse-path filtering drops
    ip netns exec hadp-ha sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
        net.ipv4.conf.hadpha1.rp_filter=0

    ip -n hadp-coa addr add 10.77.2.2/24 dev hadpco0
    ip -n hadp-coa addr add 10.77.2.3/24 dev hadpco0
    ip -n hadp-coa addr add 10.77.3.1/24 dev hadpco1
    ip -n hadp-coa link set hadpco0 up
    ip -n hadp-coa link set hadpco1 up
    ip -n hadp-coa route add default via 10.77.2.1
    ip -n hadp-coa route add 10.77.1.10/32 dev hadpco1
    ip netns exec hadp-coa sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0

    ip -n hadp-mn addr add 10.77.1.10/32 dev hadpmn0
    ip -n hadp-mn link set hadpmn0 up
    ip -n hadp-mn route add 10.77.3.1/32 dev hadpmn0
    ip -n hadp-mn route add default via 10.77.3.1
}

