#!/usr/bin/env bash
# The data plane end to end, in network namespaces of its own (nodes cn, ha, coa, mn of the test
# bed, tools/testbed/; hadp-* below are their roles, the namespaces have run-unique names):
#
#   hadp-cn  correspondent 10.77.1.100 --+
#                                        +-- home link (a bridge of the test bed)
#   hadp-ha  the appliance  10.77.1.1 ---+   hadpha0 = home interface (proxy ARP), TUN hadptun0
#            10.77.2.1 (hadpha1) ---- foreign link ---- hadp-coa care-of host 10.77.2.2, 10.77.2.3
#                                                        coa_agent.py (scapy) unwraps, checks,
#                                                        delivers; tshark captures hadpco0
#   hadp-mn  mobile node, home address 10.77.1.10 ------ 10.77.3.1 (hadpco1) of the care-of host
#
#   bash tools/dataplane/run-dataplane.sh            (as root; CI runs it)
#
# Starts the built appliance inside hadp-ha with the user-space data plane, registers with an
# independent client (coa_agent.py, through tools/interop/mip_client.py), and checks
# (test_dataplane.py): each encapsulation with and without reverse tunnelling, reverse tunnels
# from the right and a wrong source, a care-of change, deregistration, expiry, nothing left
# installed; then tshark judges the capture; then kill -9 with a live binding and stale entries
# planted, and the next start must put back the one and remove the others; then proxy ARP by
# route (proxyArp = interface) instead of an entry per home address; last, Karaf without
# CAP_NET_ADMIN/CAP_NET_RAW: registrations served, forwarding OFF said in the log and the shell. The kernel implementation (ipip/gre) runs the same
# checks where the kernel has those modules and is skipped, with the reason, where it has not.
# Every wait is bounded; the namespaces and Karaf are gone on exit, whatever happened; the work
# folder too if the run passed and karaf.log has no ERROR, else the ERROR entries are printed
# whole and the folder is kept (its path printed). Last line: "N passed, N failed"; exit status non-zero on any failure.
#
# Environment: HOMEAGENT_TARBALL, BOOT_TIMEOUT (s, default 120), KEEP_WORKDIR=1, HADP_HOLD=<s> (keeps
# the network and the appliance up that long before the scenarios, for a look by hand).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=testbed.sh
source "$here/testbed.sh"

# --- inside hadp-ha: the appliance and the scenarios -------------------------------------------
scenarios() {  # $1 = implementation
    "$py" "$here/test_dataplane.py" --karaf-home "$karaf_home" --ssh-port "$ssh_port" --workdir "$work" \
        --implementation "$1" | tee "$work/scenarios-$1.out" || true
    count "$work/scenarios-$1.out"
}

phase() {  # $1 = crash-before | crash-after | proxy-by-route | unprivileged
    "$py" "$here/test_dataplane.py" --karaf-home "$karaf_home" --ssh-port "$ssh_port" --workdir "$work" \
        --phase "$1" | tee "$work/$1.out" || true
    count "$work/$1.out"
}

# kill -9 with a live binding and stale entries planted; the next start must reconcile the host
crash_recovery() {
    phase crash-before
    log "kill -9 of the appliance, then a new start"
    kill_karaf
    start_karaf 'mip:dataplane' 'forwarding ON' || return 0
    phase crash-after
}

# an orderly stop before a start with other settings; the stale pid file would read as a failed start
stop_for_restart() {
    stop_karaf
    rm -f "$karaf_home/karaf.pid"
}

# proxyArp = interface: the kernel answers ARP for the routed home addresses, no entry each
proxy_arp_by_route() {
    stop_for_restart
    set_property "$karaf_home/etc/net.homeagent.dataplane.cfg" proxyArp interface
    start_karaf 'mip:dataplane' 'forwarding ON' || return 0
    phase proxy-by-route
    set_property "$karaf_home/etc/net.homeagent.dataplane.cfg" proxyArp entries
    sysctl -qw net.ipv4.conf.hadpha0.proxy_arp=0   # inside the home agent's namespace
}

# Karaf without CAP_NET_ADMIN and CAP_NET_RAW (bounding set): the control plane must still serve
without_privileges() {
    stop_for_restart
    log "starting Karaf without CAP_NET_ADMIN and CAP_NET_RAW"
    setpriv --bounding-set=-net_admin,-net_raw -- "$karaf_home/bin/start"
    local deadline=$((SECONDS + boot_timeout))
    until udp_bound "$port" && shell 'mip:dataplane' | grep -q 'forwarding OFF'; do
        if ((SECONDS >= deadline)); then
            fail_step "appliance without privileges: not up within ${boot_timeout} s"
            return 0
        fi
        sleep 1
    done
    phase unprivileged
}

inside() {
    work=$1
    trap 'stop_karaf' EXIT
    HA_PORT=434 unpack_appliance "$tarball" "$work" || { finish; exit; }
    configure_appliance user-space
    start_karaf 'mip:dataplane' 'forwarding ON' || { finish; exit; }
    if [[ -n "${HADP_HOLD:-}" ]]; then   # debugging aid: the network and appliance stay up meanwhile
        log "holding ${HADP_HOLD} s: karaf $karaf_home, shell port $ssh_port"
        sleep "$HADP_HOLD"
    fi
    scenarios user-space
    crash_recovery
    proxy_arp_by_route
    without_privileges

    local probe
    if probe=$(ip link add hadpprobe0 type ipip local 10.77.2.1 remote 10.77.2.250 2>&1); then
        ip link del hadpprobe0
        log "kernel data plane: this kernel has ipip; same checks with implementation = kernel"
        stop_for_restart
        configure_appliance kernel
        start_karaf 'mip:dataplane' 'forwarding ON' || { finish; exit; }
        scenarios kernel
    else
        log "SKIP kernel data plane end to end: this kernel cannot make ipip tunnels ('ip link add type ipip':" \
            "${probe:-failed}); its requests to the kernel are checked by KernelDataPlaneTest"
    fi
    finish
}

if [[ "${1:-}" == "--inside" ]]; then
    inside "$2"
    exit
fi

# --- outside: the network, and its removal ------------------------------------------------------
if ((EUID != 0)); then
    echo "FAIL run-dataplane.sh needs root (ip netns, TUN, raw sockets)"
    echo "0 passed, 1 failed"
    exit 1
fi
testbed_init dataplane   # the work folder, and the network removed on any exit

log "building the test network (test bed nodes cn, ha, coa, mn on links home, foreign, mobile)"
build_network
# the whole appliance side runs in the home agent's namespace: Karaf, its shell, the driver
timeout 900 ip netns exec "$HADP_NS_HA" bash "${BASH_SOURCE[0]}" --inside "$work"
