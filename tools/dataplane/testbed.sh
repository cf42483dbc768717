# The data plane's network, shared by run-dataplane.sh and measure-forwarding.sh: the hosts drawn
# in run-dataplane.sh as nodes of the test bed (../testbed/testbed.sh) on three links, and the
# appliance configured for it. Source it (as root) with `here` set to this folder. The namespaces
# have the test bed's run-unique names; build_network exports them for the drivers that run inside
# the home agent's namespace: HADP_NS_HA, HADP_NS_CN, HADP_NS_COA. The interfaces keep their
# names (hadpha0, hadpco0, ...): they live inside the namespaces, where no other run sees them.

tarball=${HOMEAGENT_TARBALL:-$(cd "$here/../.." && pwd)/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
# the mobile node's security association (coa_agent.py has the same key)
KEY=0x00112233445566778899aabbccddeeff

# shellcheck source=../interop/appliance.sh
source "$here/../interop/appliance.sh"

# home: correspondent and home agent; foreign: home agent and care-of host; mobile: the care-of
# host's link to the mobile node (a bridge of two ports is a point-to-point link)
build_network() {
    testbed_link home
    testbed_link foreign
    testbed_link mobile
    testbed_node cn hadpcn0@home=10.77.1.100/24
    testbed_node ha hadpha0@home=10.77.1.1/24 hadpha1@foreign=10.77.2.1/24
    testbed_node coa hadpco0@foreign=10.77.2.2/24 hadpco0@foreign=10.77.2.3/24 hadpco1@mobile=10.77.3.1/24
    testbed_node mn hadpmn0@mobile=10.77.1.10/32
    export HADP_NS_HA=${TB_NS[ha]} HADP_NS_CN=${TB_NS[cn]} HADP_NS_COA=${TB_NS[coa]}

    testbed_exec cn ip route add default via 10.77.1.1
    # triangular routing (no reverse tunnel): the mobile node's replies reach the home agent from
    # the foreign link with the home address as source, which strict reverse-path filtering drops
    testbed_exec ha sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
        net.ipv4.conf.hadpha1.rp_filter=0
    testbed_exec coa ip route add default via 10.77.2.1
    testbed_exec coa ip route add 10.77.1.10/32 dev hadpco1
    testbed_exec coa sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
    testbed_exec mn ip route add 10.77.3.1/32 dev hadpmn0
    testbed_exec mn ip route add default via 10.77.3.1
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
