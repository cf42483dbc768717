# The single-appliance face of the test bed (../testbed/testbed.sh), for the drivers that run one
# appliance and still use these names (../dataplane, whose driver runs inside the appliance's
# namespace, and ../snmp/walk-under-load.sh): each one line over the test bed's node "ha". Source it; it sets
# `karaf_home`, `port` (the home agent's UDP port) and `ssh_port`. The work folder is released by
# ../run-folder.sh's rules.

# shellcheck source=../testbed/testbed.sh
source "$(dirname "${BASH_SOURCE[0]}")/../testbed/testbed.sh"

karaf_home=""

# Unpacks the tarball ($1) into the work folder $2 as the test bed's appliance "ha", with ports of
# its own (testbed_appliance: $HA_PORT, $SNMP_PORT or free ones). False (with a failure counted)
# when there is no tarball.
unpack_appliance() {
    TB_TARBALL=$1
    TB_WORK=${TB_WORK:-$2}
    testbed_appliance ha
}

karaf_pid() { testbed_pid ha; }
shell() { testbed_shell ha "$1"; }                 # one Karaf shell command line, its output
start_karaf() { testbed_boot ha "$1" "$2"; }      # start, wait for $1 to print $2 (bounded)
kill_karaf() { testbed_kill9 ha; }
stop_karaf() { [[ -z "$karaf_home" ]] || testbed_stop ha; }
finish() { testbed_finish; }

# For the EXIT trap: stops Karaf, then releases the work folder $1 (exit status $2, ERROR lines
# the run provokes $3) by ../run-folder.sh's rules.
release_appliance() {
    stop_karaf
    release_workdir "$@"
}
