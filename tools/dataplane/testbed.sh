# The data plane's test bed, shared by run-dataplane.sh and measure-forwarding.sh: the network
# drawn in run-dataplane.sh, and the appliance configured for it. Source it (as root) with `here`
# set to this folder; build_network first removes what an interrupted run left, remove_network
# kills what still runs in the namespaces and deletes them.

root=$(cd "$here/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1   # leave no __pycache__ in the work tree
py=/usr/bin/python3                # Debian's python3-scapy installs for this interpreter only
tarball=${HOMEAGENT_TARBALL:-$root/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
boot_timeout=${BOOT_TIMEOUT:-120}
namespaces=(hadp-cn hadp-link hadp-ha hadp-coa hadp-mn)
# the mobile node's security association (coa_agent.py has the same key)
KEY=0x00112233445566778899aabbccddeeff

# shellcheck source=../interop/appliance.sh
source "$root/tools/interop/appliance.sh"


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

configure_appliance() {  # $1 = implementation, in the unpacked appliance
    local ha="$karaf_home/etc/net.homeagent.ha.cfg" dp="$karaf_home/etc/net.homeagent.dataplane.cfg"
    set_property "$ha" homeAgentAddresses 10.77.1.1
    set_property "$ha" encapsulations "ip-in-ip,gre,minimal"
    set_property "$ha" maxLifetime 600
    echo "10.77.1.10 256 hmac-md5 $KEY timestamp" >"$karaf_home/etc/mobility-security.conf"
    chmod 600 "$karaf_home/etc/mobility-security.conf"
    set_property "$dp" implementation "$1"
    set_property "$dp" homeInterface hadpha0
    set_property "$dp" tunName hadptun0
}
