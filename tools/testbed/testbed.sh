# The test bed of the system tests: N appliances unpacked from the built assembly, each with its
# own configuration, karaf.data and ports, started in the root namespace or in a network namespace
# of its own on bridged links, with peers (scapy, mip_client.py), keepalived and tshark captures
# beside them; kill -9 and restart; one teardown, run by the EXIT trap, that removes every process,
# namespace, bridge and veth the run made, even after a failure. Source it (bash, root for
# namespaces); README.md beside it shows a whole test. The one way of starting an appliance:
# ../interop/appliance.sh is its single-appliance face for the suites that run one.
#
# Names: every namespace and interface the run makes starts with $TB_PREFIX, unique per run
# (the shell's pid), so parallel runs never meet and a teardown removes only its own.

# shellcheck source=../run-folder.sh
source "$(dirname "${BASH_SOURCE[0]}")/../run-folder.sh"

TB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Debian's python3-scapy installs for this interpreter only
py=${py:-/usr/bin/python3}
export PYTHONDONTWRITEBYTECODE=1   # leave no __pycache__ in the work tree
# Appliances run side by side here (a group, a control node and its home agents, several suites at
# once in CI): each starts with a small heap that grows as it needs, up to the 2 GB of bin/setenv,
# instead of committing the 2 GB at start as a production box does (ZGC's committed heap is real
# memory: ten appliances held 20 of this machine's 24 GB), and with the client compiler only
# (TieredStopAtLevel=1): a test appliance spends most of its CPU booting Karaf, and C2's compiles
# of code that runs a few hundred times are pure cost there (one boot on 2 shared cores: 32 s of CPU
# with C2, 16-20 s without; the CI run boots about 30). A bench that measures the appliance sets
# TB_PRODUCTION_JVM=1 and gets bin/setenv's JVM; HOMEAGENT_JAVA_OPTS set by the caller is kept.
[[ "${TB_PRODUCTION_JVM:-0}" == 1 ]] \
    || export HOMEAGENT_JAVA_OPTS="${HOMEAGENT_JAVA_OPTS--Xms256m -Xmx2g -XX:+UseZGC -XX:TieredStopAtLevel=1}"
TB_TARBALL=${HOMEAGENT_TARBALL:-$TB_ROOT/karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz}
boot_timeout=${boot_timeout:-${BOOT_TIMEOUT:-120}}   # a suite may set its own default first
TB_BOOT_STALL=${BOOT_STALL:-60}   # s without a karaf.log line before the port is bound: a hung boot

TB_PREFIX=""
TB_WORK=""
TB_PROVOKED=""          # ERE of the Karaf ERROR lines the run provokes on purpose (release_workdir)
TB_SWITCH=""            # the namespace holding every link's bridge
TB_VETHS=0              # veths made so far: numbers the bridge side's names
TB_ASSEMBLY=""          # the assembly unpacked once; each appliance is a copy of it
declare -A TB_LINK=()   # link -> its bridge's name (in $TB_SWITCH)
declare -A TB_NS=()     # node -> its namespace ("" = the root namespace)
declare -A TB_HOME=()   # appliance -> karaf home
declare -A TB_PORT=()   # appliance -> the home agent's UDP port
declare -A TB_SSH=()    # appliance -> the shell's SSH port (127.0.0.1 of its namespace)
declare -A TB_STARTED=()  # appliance -> $SECONDS at its last bin/start (boot times are said from it)
declare -a TB_PIDS=()   # background processes of the run: captures, keepalived, peers
declare -a TB_PCAPS=()  # captures running: "pid pcap"
declare -a TB_ON_TEARDOWN=()  # the suite's own cleanups, run first
passed=${passed:-0}
failed=${failed:-0}

log() { printf '== %s\n' "$*"; }

# A driver step that failed: one failure, with its reason.
fail_step() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

# expect DESCRIPTION COMMAND...: runs the command; one PASS line if it succeeds, else one failure
expect() {
    local what=$1
    shift
    if "$@"; then echo "PASS $what"; passed=$((passed + 1)); else fail_step "$what"; fi
}

# Adds the "N passed, N failed" line a part printed last to the totals; a part that died
# before printing it counts as one failure.
count() {
    local summary
    summary=$(tail -n 1 "$1")
    if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        failed=$((failed + 1))
    fi
}

# --- the run: prefix, work folder, teardown ------------------------------------------------------

# testbed_init LABEL: a work folder /tmp/homeagent-LABEL.XXXXXX and the traps that tear the test
# bed down on any exit. Sets TB_WORK (and `work`, the name the suites use).
testbed_init() {
    TB_PREFIX="${TB_NAME_PREFIX:-tb}$(printf '%x' "$$")"   # TB_NAME_PREFIX: an engineer's own, e.g. hcn-
    tb_remove_namespaces "$(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$TB_PREFIX-" || true)"
    TB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-$1.XXXXXX")
    work=$TB_WORK
    trap testbed_exit EXIT
    trap 'exit 130' INT TERM
}

# testbed_on_teardown COMMAND: run (eval) before the test bed is removed, e.g. a suite's receiver
testbed_on_teardown() { TB_ON_TEARDOWN+=("$1"); }

testbed_exit() {
    local status=$?
    testbed_teardown "$status"
    exit "$status"
}

# Stops everything the run started, removes its namespaces (with their bridges and veths), then
# releases the work folder by ../run-folder.sh's rules: removed if the run passed and no Karaf
# logged an unexpected ERROR, else kept with the ERROR entries printed.
testbed_teardown() {
    local status=${1:-0} hook node pid left
    for hook in "${TB_ON_TEARDOWN[@]}"; do eval "$hook" || true; done
    testbed_capture_stop
    for pid in "${TB_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for node in "${!TB_HOME[@]}"; do testbed_stop "$node"; done
    for pid in "${TB_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    tb_remove_namespaces "${TB_NS[*]} $TB_SWITCH"
    if [[ -n "$TB_PREFIX" ]]; then
        left=$(ip netns list 2>/dev/null | grep "^$TB_PREFIX-" || true)
        [[ -z "$left" ]] || log "WARN namespaces of $TB_PREFIX left: $(echo "$left" | tr '\n' ' ')"
    fi
    TB_NS=() TB_HOME=()
    [[ -z "$TB_WORK" ]] || release_workdir "$TB_WORK" "$status" "$TB_PROVOKED"
}

# --- the network: links (bridges) and nodes (namespaces) ----------------------------------------

# tb_remove_namespaces 'NS ...': kills what runs in each and deletes it, with its veths and bridges.
# testbed_init gives it those named with its prefix: the pid in the prefix is this shell's, so
# they are what a run killed before its teardown left, never a live run's.
tb_remove_namespaces() {
    local ns pid
    for ns in $1; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
}

tb_require_root() {
    ((EUID == 0)) || { fail_step "test bed: network namespaces need root"; return 1; }
}

# testbed_link NAME: a bridge for the link NAME, in the run's switch namespace (made on first use):
# nodes joined to it see each other as on one Ethernet segment, and nothing of the host's.
testbed_link() {
    tb_require_root || return 1
    if [[ -z "$TB_SWITCH" ]]; then
        TB_SWITCH="$TB_PREFIX-sw"
        ip netns add "$TB_SWITCH"
    fi
    local bridge="br-$1"
    ((${#bridge} <= 15)) || { fail_step "test bed: link name '$1' too long (12 characters at most)"; return 1; }
    ip -n "$TB_SWITCH" link add "$bridge" type bridge
    ip -n "$TB_SWITCH" link set "$bridge" up
    TB_LINK[$1]=$bridge
}

# testbed_node NAME [[IFNAME@]LINK=ADDRESS/LEN ...]: a namespace $TB_PREFIX-NAME with loopback up
# and, for each LINK=ADDRESS/LEN, an interface on that link's bridge with that address, named LINK
# or IFNAME (an interface given twice gets the second address too).
testbed_node() {
    tb_require_root || return 1
    local node=$1 ns="$TB_PREFIX-$1"
    ip netns add "$ns"
    TB_NS[$node]=$ns
    ip -n "$ns" link set lo up
    testbed_attach "$@"
}

# testbed_attach NODE [[IFNAME@]LINK=ADDRESS/LEN ...]: the interfaces of testbed_node, for a node
# that exists already (e.g. a second link of an appliance's node)
testbed_attach() {
    local node=$1 ns=${TB_NS[$1]} spec link address peer iface
    shift
    for spec in "$@"; do
        link=${spec%%=*} address=${spec#*=}
        iface=${link%@*} link=${link#*@}
        [[ -n "${TB_LINK[$link]:-}" ]] || { fail_step "test bed: node $node: no link '$link' (testbed_link first)"; return 1; }
        if ! ip -n "$ns" link show dev "$iface" >/dev/null 2>&1; then   # "dev": "home" alone is a keyword
            TB_VETHS=$((TB_VETHS + 1))
            peer="${TB_PREFIX}v$TB_VETHS"
            ip link add "$iface" netns "$ns" type veth peer name "$peer" netns "$TB_SWITCH"
            ip -n "$TB_SWITCH" link set "$peer" master "${TB_LINK[$link]}" up
            ip -n "$ns" link set dev "$iface" up
        fi
        ip -n "$ns" addr add "$address" dev "$iface"
    done
}

# Sets TB_IN to the words that run a command in NODE's namespace (none for the root namespace),
# for the places that wrap it in timeout, which runs programs, not shell functions.
tb_in_ns() {
    TB_IN=()
    [[ -n "$1" ]] || return 0
    # an unknown name must not quietly run the command in the root namespace
    [[ -v "TB_NS[$1]" ]] || { fail_step "test bed: no node '$1' (testbed_node or testbed_appliance first)"; return 1; }
    [[ -z "${TB_NS[$1]}" ]] || TB_IN=(ip netns exec "${TB_NS[$1]}")
}

# exec_in_ns COMMAND...: replaces the shell with COMMAND in the namespace tb_in_ns chose; for a
# background job (`exec_in_ns ... &`), whose $! is then the command's own pid.
exec_in_ns() { exec "${TB_IN[@]}" "$@"; }

# testbed_exec NODE COMMAND...: runs COMMAND in NODE's namespace (the root one for a node made by
# testbed_appliance alone), e.g. a scapy peer or mip_client.py.
testbed_exec() {
    tb_in_ns "$1" || return 1
    "${TB_IN[@]}" "${@:2}"
}

# testbed_exec_bg NODE COMMAND...: the same in the background, stopped by the teardown; sets TB_BG
# to its pid and TB_BG_OUT to the file of its output, $TB_WORK/NODE-bg<n>.out, which exists on
# return (the redirection of a background command happens in the child, maybe after a caller
# looked for the file: made here first)
testbed_exec_bg() {
    TB_BG_OUT="$TB_WORK/${1:-root}-bg$((${#TB_PIDS[@]} + 1)).out"
    tb_in_ns "$1" || return 1
    : >"$TB_BG_OUT"
    # exec, not a function in a subshell: $! must be the command itself, or the teardown's kill
    # would end the subshell and leave the command running
    exec_in_ns "${@:2}" >>"$TB_BG_OUT" 2>&1 &
    TB_BG=$!
    TB_PIDS+=("$TB_BG")
}

# testbed_vrrp_conf NODE INSTANCE ROUTER-ID PRIORITY ADVERT-INT ADDRESS FALL: writes
# $TB_WORK/NODE.keepalived.conf for testbed_keepalived, the configuration an appliance that follows
# keepalived needs (etc/keepalived-homeagent.conf's example): VRRPv3 instance INSTANCE on the home
# link, BACKUP with nopreempt, ADDRESS (/24) for the master, the notify FIFO $TB_WORK/NODE.fifo, the
# track file $TB_WORK/NODE.learning (1 until the appliance says it may serve), and a check that
# NODE's JVM lives (FALL failures of 5 s at most give the address up, as a dead box would).
testbed_vrrp_conf() {
    local node=$1 instance=$2 router_id=$3 priority=$4 advert_int=$5 address=$6 fall=$7
    cat >"$TB_WORK/$node.alive" <<ALIVE
#!/bin/sh
[ -s "${TB_HOME[$node]}/karaf.pid" ] && kill -0 "\$(cat "${TB_HOME[$node]}/karaf.pid")"
ALIVE
    chmod 755 "$TB_WORK/$node.alive"
    cat >"$TB_WORK/$node.keepalived.conf" <<CONF
global_defs {
    vrrp_notify_fifo $TB_WORK/$node.fifo
    script_user root
}
vrrp_script appliance_alive {
    script "$TB_WORK/$node.alive"
    interval 1
    timeout 5
    fall $fall
    rise 1
    weight 0
}
track_file appliance_learning {
    file "$TB_WORK/$node.learning"
    weight 0
    init_file 1
}
vrrp_instance $instance {
    interface home
    virtual_router_id $router_id
    state BACKUP
    nopreempt
    priority $priority
    advert_int $advert_int
    version 3
    virtual_ipaddress {
        $address/24
    }
    track_file {
        appliance_learning weight 0
    }
    track_script {
        appliance_alive
    }
}
CONF
}

# testbed_keepalived NODE CONF: keepalived in NODE's namespace with the configuration file CONF,
# its pid files and log in the work folder (never /run: parallel runs would share them).
testbed_keepalived() {
    local node=$1 conf=$2 base="$TB_WORK/keepalived-$1"
    command -v keepalived >/dev/null || { fail_step "test bed: keepalived not installed (tools/install-test-deps.sh)"; return 1; }
    testbed_exec_bg "$node" keepalived --dont-fork --log-console --log-detail --use-file "$conf" \
        --pid "$base.pid" --vrrp_pid "$base-vrrp.pid" --checkers_pid "$base-checkers.pid"
}

# testbed_capture WHERE [FILTER]: tshark writing WHERE's traffic to a pcapng in the work folder
# (path in TB_PCAP) until testbed_capture_stop; WHERE is a link (its bridge sees every frame of
# the link), NODE/INTERFACE, or lo (the root namespace's loopback). Waits until tshark captures.
testbed_capture() {
    local where=$1 filter=${2:-} node="" iface log pid
    if [[ -n "${TB_LINK[$where]:-}" ]]; then
        iface=${TB_LINK[$where]}
    elif [[ "$where" == */* ]]; then
        node=${where%%/*} iface=${where#*/}
    else
        iface=$where
    fi
    TB_PCAP="$TB_WORK/capture-${where//\//-}-$((${#TB_PCAPS[@]} + 1)).pcapng"
    log="${TB_PCAP%.pcapng}.log"
    # tshark runs as root here: it must be allowed to write the folder mktemp made for us
    chmod 755 "$TB_WORK"
    if [[ -n "${TB_LINK[$where]:-}" ]]; then
        ip netns exec "$TB_SWITCH" tshark -n -i "$iface" ${filter:+-f "$filter"} -w "$TB_PCAP" >"$log" 2>&1 &
    else
        tb_in_ns "$node" || return 1
        exec_in_ns tshark -n -i "$iface" ${filter:+-f "$filter"} -w "$TB_PCAP" >"$log" 2>&1 &
    fi
    pid=$!
    TB_PCAPS+=("$pid $TB_PCAP")
    for _ in $(seq 100); do
        grep -q "Capturing on" "$log" && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    cat "$log"
    fail_step "tshark: capture on $where did not start"
    return 1
}

# testbed_capture_stop: stops every capture (SIGINT, so tshark closes its file), bounded.
testbed_capture_stop() {
    local entry pid
    for entry in "${TB_PCAPS[@]}"; do
        pid=${entry%% *}
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    TB_PCAPS=()
}

# --- appliances ----------------------------------------------------------------------------------

free_port() {  # $1 = udp|tcp: a port nothing listens on now
    "$py" - "$1" <<'PY'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
with socket.socket(socket.AF_INET, kind) as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

set_property() {  # file key value: replaces "key = ..." in a Karaf .cfg
    sed -i -E "s|^[[:space:]]*$2[[:space:]]*=.*|$2 = $3|" "$1"
    grep -qE "^$2 = $3\$" "$1" || echo "$2 = $3" >>"$1"
}

# The assembly unpacked once per run (TB_ASSEMBLY); each appliance is a copy: measured here,
# a copy of the unpacked 57 MB takes 0.1 s where tar -xzf of the 50 MB tarball takes 1.2 s.
tb_unpack_assembly() {
    [[ -z "$TB_ASSEMBLY" ]] || return 0
    if [[ ! -f "$TB_TARBALL" ]]; then
        fail_step "appliance: $TB_TARBALL not found (build it with: mvn -B install -DskipTests)"
        return 1
    fi
    log "unpacking $(basename "$TB_TARBALL")"
    mkdir -p "$TB_WORK/.assembly"
    tar -xzf "$TB_TARBALL" -C "$TB_WORK/.assembly"
    TB_ASSEMBLY=$(dirname "$(dirname "$(find "$TB_WORK/.assembly" -maxdepth 3 -path '*/bin/karaf' -type f | head -n 1)")")
    tb_shell_key "$TB_ASSEMBLY"
}

# tb_shell_key ASSEMBLY: a key pair of this run ($TB_WORK/.shell-key, ECDSA: Karaf's public key
# login reads RSA, DSA and EC keys) whose public half the copies of ASSEMBLY accept for the user
# karaf (etc/keys.properties), and the OpenSSH client configuration that logs in with it
# (TB_SHELL_SSH_CONFIG, exported: testbed_shell and the python drivers' karaf_shell.py share it)
tb_shell_key() {
    ssh-keygen -q -t ecdsa -b 256 -N '' -C homeagent-testbed -f "$TB_WORK/.shell-key" <<<y >/dev/null
    echo "karaf=$(cut -d' ' -f2 "$TB_WORK/.shell-key.pub"),_g_:admingroup" >>"$1/etc/keys.properties"
    export TB_SHELL_SSH_CONFIG="$TB_WORK/.shell-ssh-config"
    cat >"$TB_SHELL_SSH_CONFIG" <<CONFIG
Host *
    User karaf
    IdentityFile $TB_WORK/.shell-key
    IdentitiesOnly yes
    BatchMode yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    LogLevel ERROR
    ConnectTimeout 10
CONFIG
}

# testbed_appliance NAME [PID.key=value ...]: the appliance NAME in $TB_WORK/NAME, a copy of the
# assembly with its own karaf.data and its own ports for everything Karaf opens (shell SSH on
# 127.0.0.1, RMI, SNMP), so several run side by side even in one namespace and none answers
# the shell client in another's place. Each override sets key in etc/PID.cfg, e.g.
# net.homeagent.ha.homeAgentAddresses=192.0.2.1. The node keeps the namespace testbed_node gave
# it (root namespace if none). The home agent's UDP port is $HA_PORT or a free one, its SNMP
# port $SNMP_PORT or a free one. Sets karaf_home, port, ssh_port (testbed_use).
testbed_appliance() {
    local node=$1 home override pid key
    shift
    tb_unpack_assembly || return 1
    home="$TB_WORK/$node"
    cp -a "$TB_ASSEMBLY" "$home"
    TB_HOME[$node]=$home
    TB_NS[$node]=${TB_NS[$node]:-}
    TB_PORT[$node]=${HA_PORT:-$(free_port udp)}
    TB_SSH[$node]=$(free_port tcp)
    set_property "$home/etc/org.apache.karaf.shell.cfg" sshPort "${TB_SSH[$node]}"
    set_property "$home/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    set_property "$home/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$(free_port tcp)"
    set_property "$home/etc/org.apache.karaf.management.cfg" rmiServerPort "$(free_port tcp)"
    set_property "$home/etc/net.homeagent.snmp.cfg" port "${SNMP_PORT:-$(free_port udp)}"
    set_property "$home/etc/net.homeagent.ha.cfg" port "${TB_PORT[$node]}"
    for override in "$@"; do
        key=${override%%=*}
        pid=${key%.*}
        set_property "$home/etc/$pid.cfg" "${key##*.}" "${override#*=}"
    done
    testbed_use "$node"
}

# testbed_sa NAME HOME-ADDRESS SPI KEY [REPLAY]: one mobility security association of NAME
# (etc/mobility-security.conf, mode 600: it holds keys), replay protection timestamp by default.
testbed_sa() {
    local file="${TB_HOME[$1]}/etc/mobility-security.conf"
    touch "$file"
    chmod 600 "$file"
    echo "$2 $3 hmac-md5 $4 ${5:-timestamp}" >>"$file"
}

# testbed_boot_feature NAME FEATURE: NAME boots FEATURE (a role's feature) with the rest of
# featuresBoot in etc/org.apache.karaf.features.cfg, after its last entry (the one without a
# backslash); fails if the file does not have that shape.
testbed_boot_feature() {
    local cfg="${TB_HOME[$1]}/etc/org.apache.karaf.features.cfg"
    sed -i -E 's|^([[:space:]]+config/[^,\\]+)$|\1, \\\n    '"$2"'|' "$cfg"
    grep -q "^    $2\$" "$cfg"
}

# testbed_peer_key NAME KEY: NAME's peer link key file (etc/peer-keys.conf, mode 600: it holds a
# key), key id 1, HMAC-SHA-256 with KEY (0x and 64 hex digits), used to send.
testbed_peer_key() {
    local file="${TB_HOME[$1]}/etc/peer-keys.conf"
    echo "1 hmac-sha256 $2 send" >"$file"
    chmod 600 "$file"
}

# testbed_use NAME: makes NAME the appliance of the single-appliance names karaf_home, port,
# ssh_port (what the test drivers pass to their python checks).
testbed_use() {
    tb_current=$1
    karaf_home=${TB_HOME[$1]}
    port=${TB_PORT[$1]}
    ssh_port=${TB_SSH[$1]}
}

testbed_pid() {  # NAME: the JVM's pid, false when there is none
    [[ -s "${TB_HOME[$1]}/karaf.pid" ]] && cat "${TB_HOME[$1]}/karaf.pid"
}

testbed_log() { echo "${TB_HOME[$1]}/data/log/karaf.log"; }   # NAME: its karaf.log's path

# testbed_shell NAME 'COMMAND LINE': runs a Karaf shell command line in NAME and prints its output;
# its exit status is the command's. OpenSSH on 127.0.0.1 of NAME's namespace with the run's key and
# client configuration (tb_shell_key), not bin/client: that is a JVM, ~2.6 s of CPU a call on this 2-core box against
# ~0.01 s, and the suites poll the shell thousands of times a CI run. A connection refused (the
# shell is not up yet) is tried again 3 times, 2 s apart, as bin/client -r 3 -d 2 did; nothing else
# is, so that a command is never run twice.
testbed_shell() {
    local attempt status errors
    tb_in_ns "$1"
    errors=$(mktemp "$TB_WORK/.shell-errors.XXXXXX")
    for attempt in 1 2 3 4; do
        timeout "${TB_SHELL_TIMEOUT:-60}" "${TB_IN[@]}" ssh -F "$TB_SHELL_SSH_CONFIG" -n -q -p "${TB_SSH[$1]}" \
            127.0.0.1 "$2" 2>"$errors"
        status=$?
        if ((status != 255 || attempt == 4)) || ! grep -q 'Connection refused' "$errors"; then
            break
        fi
        sleep 2
    done
    rm -f "$errors"
    return "$status"
}

# testbed_shell_file NAME 'LINE' FILE: LINE's output written into FILE by the appliance itself (the
# shell's redirection, FILE absolute): a long listing through bin/client's ssh channel came back cut
# short on a loaded box (13,723 of 20,007 lines, in mid-line), a file does not; false if nothing was written
testbed_shell_file() {
    rm -f "$3"
    testbed_shell "$1" "$2 > $3" >/dev/null || true
    [[ -s "$3" ]]
}

udp_bound() {  # PORT [NODE]: a UDP socket bound to PORT (in NODE's namespace), on any address
    local sockets
    sockets=$(testbed_exec "${2:-}" ss -lunH "sport = :$1" 2>/dev/null || true)
    [[ "$sockets" =~ :$1[[:space:]] ]]
}

await_exit() {  # $1 = pid: bounded wait (30 s) until it is gone
    for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

# testbed_start NAME: starts Karaf (bin/start) in NAME's namespace; START_WRAPPER (words) runs
# before it, e.g. "setpriv --bounding-set=-net_admin".
testbed_start() {
    local node=$1
    log "starting Karaf ${node} in ${TB_HOME[$node]} (home agent on udp/${TB_PORT[$node]}, shell on tcp/${TB_SSH[$node]}${TB_NS[$node]:+, namespace ${TB_NS[$node]}})"
    rm -f "${TB_HOME[$node]}/karaf.pid"   # a stale one would read as a dead JVM
    TB_STARTED[$node]=$SECONDS
    # shellcheck disable=SC2086
    testbed_exec "$node" ${START_WRAPPER:-} "${TB_HOME[$node]}/bin/start"
}

# testbed_wait_ready NAME [COMMAND PATTERN]: waits, at most boot_timeout seconds, until NAME's
# home agent port is bound and the shell command (default mip:stats) prints a line matching
# PATTERN. Returns 0 when up, 1 when Karaf died (boot_failure says why), 2 when still booting.
testbed_wait_ready() {
    local node=$1 command=${2:-mip:stats} pattern=${3:-Registration requests received}
    local deadline=$((SECONDS + boot_timeout)) pid size=-1 grown=$SECONDS now
    until udp_bound "${TB_PORT[$node]}" "$node"; do
        pid=$(testbed_pid "$node") || true
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            boot_failure="Karaf $node exited while starting"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            boot_failure="udp/${TB_PORT[$node]} of $node not bound within ${boot_timeout} s"
            return 2
        fi
        # the hang seen here (Felix's bundle lock, features never installed) leaves karaf.log
        # still; a booting Karaf writes to it every few seconds even on a saturated box
        now=$(stat -c %s "$(testbed_log "$node")" 2>/dev/null || echo 0)
        ((now == size)) || { size=$now grown=$SECONDS; }
        if ((SECONDS - grown >= TB_BOOT_STALL)); then
            boot_failure="karaf.log of $node unchanged for ${TB_BOOT_STALL} s while booting"
            return 2
        fi
        sleep 0.5
    done
    until testbed_shell "$node" "$command" | grep -q "$pattern"; do
        if ((SECONDS >= deadline)); then
            boot_failure="'$command' did not answer on $node within ${boot_timeout} s"
            return 2
        fi
        sleep 1
    done
    log "appliance $node up ($((SECONDS - ${TB_STARTED[$node]:-$((deadline - boot_timeout))})) s)"
}

# testbed_boot NAME [COMMAND PATTERN]: start and wait; false (with a failure counted) if it does
# not come up (tb_await_boot).
testbed_boot() {
    testbed_start "$1" && tb_await_boot "$@"
}

# testbed_boot_all NAME...: starts them all, then waits for each (default readiness): side by
# side, their boots overlap. False (with a failure counted for each) if any does not come up.
testbed_boot_all() {
    local node ok=0
    for node in "$@"; do testbed_start "$node"; done
    for node in "$@"; do tb_await_boot "$node" || ok=1; done
    return "$ok"
}

# tb_await_boot NAME [COMMAND PATTERN]: testbed_wait_ready after testbed_start. A JVM that hangs
# while booting is dumped (jstack, printed) and killed, and the start is tried once more: seen
# in many runs here, on a busy machine, with a karaf.log that stops before any bundle of ours ran.
# The second hang in a row fails the run.
tb_await_boot() {
    local node=$1 outcome
    testbed_wait_ready "$@" && return 0
    outcome=$?
    ((outcome == 2)) || { fail_step "appliance: $boot_failure"; return 1; }
    log "WARN first start of $node hung: $boot_failure; thread dump of the JVM follows, then one more try"
    tb_dump_and_kill "$node"
    testbed_start "$node" && testbed_wait_ready "$@" && return 0
    fail_step "appliance: $boot_failure (second start in a row)"
    tb_dump_and_kill "$node"
    return 1
}

tb_dump_and_kill() {
    local pid
    pid=$(testbed_pid "$1") || return 0
    log "karaf.log has $(wc -l <"$(testbed_log "$1")" 2>/dev/null || echo no) lines; threads of pid $pid:"
    timeout 30 jstack "$pid" 2>&1 | grep -v "^$" || true
    testbed_kill9 "$1"
}

# testbed_kill9 NAME: kill -9 of the JVM, as a power cut or the OOM killer would; waits until gone.
testbed_kill9() {
    local pid
    pid=$(testbed_pid "$1") || return 0
    kill -KILL "$pid" 2>/dev/null || true
    await_exit "$pid" || log "Karaf $1 (pid $pid) still there 30 s after kill -9"
    rm -f "${TB_HOME[$1]}/karaf.pid"
}

# testbed_stop NAME: an orderly stop (bin/stop), kill -9 after 30 s.
testbed_stop() {
    local pid
    [[ -x "${TB_HOME[$1]:-}/bin/stop" ]] || return 0
    pid=$(testbed_pid "$1") || return 0
    tb_in_ns "$1"
    timeout 30 "${TB_IN[@]}" "${TB_HOME[$1]}/bin/stop" >/dev/null 2>&1 || true
    if ! await_exit "$pid"; then
        log "Karaf $1 (pid $pid) did not stop within 30 s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "${TB_HOME[$1]}/karaf.pid"
}

# testbed_restart NAME [COMMAND PATTERN]: kill -9, then start and wait (testbed_boot).
testbed_restart() {
    testbed_kill9 "$1"
    testbed_boot "$@"
}

# testbed_finish: the Karaf logs' warnings and tails on failure, then the totals line "N passed,
# N failed"; true when nothing failed. ERROR entries are printed whole by the teardown.
testbed_finish() {
    local node log
    if ((failed > 0)); then
        for node in "${!TB_HOME[@]}"; do
            log=$(testbed_log "$node")
            [[ -f "$log" ]] || continue
            log "warnings in $log (last 30)"
            grep -E '\| WARN ' "$log" | tail -n 30 || true
            log "tail of $log"
            tail -n 40 "$log"
        done
    fi
    echo "$passed passed, $failed failed"
    ((failed == 0))
}
