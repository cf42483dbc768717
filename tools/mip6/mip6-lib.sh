# The Mobile IPv6 test bed shared by the home agent's and the correspondent node's system tests
# (run-mip6-ha.sh, run-mip6-cn.sh): one appliance NODE (ha or cn) and the scapy mobile nodes' host mn
# on one "access" link, the appliance's service prefix routed to it, the care-of addresses routed to
# mn (scapy's, not on its interface); the checks both make of the binding cache, its recovery and the
# capture. Source it after testbed.sh with nodes, prefixes, rate, spacing, silent_every set, then
# mip6_bed NODE SERVICE-PREFIX [ROUTE...], mip6_appliance NODE SETTING..., and the checks. Sets
# mip6_node, router_mac.

mip6_checker="$TB_ROOT/tools/mip6/mip6_mobiles.py"   # check-bindings and analyse, for both roles
# the shell's time limit grows with the entries (a command walks the whole cache)
TB_SHELL_TIMEOUT=${TB_SHELL_TIMEOUT:-$((60 + (nodes + ${map_nodes:-0}) / 100))}
mip6_node=""
mip6_role=""   # the role whose cache bindings_match compares (mip6:bindings' section name); "": every role's

tentative_gone() {  # NODE: IPv6 duplicate address detection finished on NODE's addresses
    for _ in $(seq 50); do
        [[ -z "$(ip -n "${TB_NS[$1]}" -6 addr show tentative 2>/dev/null)" ]] && return 0
        sleep 0.2
    done
    return 1
}

# mip6_bed NODE SERVICE-PREFIX [PREFIX...]: the access link, mn with a route to SERVICE-PREFIX
# through NODE, NODE routing the care-of prefixes (2001:db8:a<p>::<i>, `prefixes` /64s) and every
# PREFIX back to mn; sets router_mac (NODE's, the mobile nodes' next hop). Namespaces start with m6-.
# The care-of addresses are the scapy mobiles' alone, not on mn's interface: scapy builds its IPv6
# routing table at import in time quadratic in the host's addresses (10,000 of them: over 5 minutes
# for each process), and mn's kernel, without MIPv6, could only drop or refuse what is sent to them;
# without them it drops every such frame (not forwarding), and the mobiles read them from a packet socket.
mip6_bed() {
    local node=$1 service=$2 prefix
    shift 2
    mip6_node=$node
    TB_PREFIX="m6-$(printf '%x' "$$")" # the shell's pid keeps parallel runs apart
    tb_require_root || return 1
    testbed_link access
    testbed_node mn access=2001:db8:f::2/64
    testbed_node "$node" access=2001:db8:f::1/64
    ip -n "${TB_NS[mn]}" -6 route add "$service" via 2001:db8:f::1
    for prefix in 2001:db8:a0::/44 "$@"; do ip -n "${TB_NS[$node]}" -6 route add "$prefix" via 2001:db8:f::2; done
    router_mac=$(ip -n "${TB_NS[$node]}" link show dev access | awk '/link\/ether/ {print $2}')
    expect "duplicate address detection finished on the access link" tentative_gone mn
    tentative_gone "$node" || true
}

# mip6_appliance NODE SETTING...: NODE's appliance with homeagent-mip6 at boot, enabled, the
# recovery paced at rate and spacing, and SETTING... (PID.key=value); false if the feature could
# not be added
mip6_appliance() {
    local node=$1
    shift
    testbed_appliance "$node" net.homeagent.mip6.enabled=true "net.homeagent.mip6.recoveryRate=$rate" \
        "net.homeagent.mip6.recoveryPrefixSpacingMillis=$spacing" net.homeagent.mip6.recoveryJitter=0.2 \
        net.homeagent.mip6.recoveryAttempts=2 "$@"
    testbed_boot_feature "$node" homeagent-mip6 || { fail_step "could not add homeagent-mip6 to featuresBoot"; return 1; }
}

bindings_match() {  # LABEL: mip6:bindings (the part of role $mip6_role if set) holds exactly the ledger's acknowledged home addresses
    testbed_shell_file "$mip6_node" 'mip6:bindings' "$work/bindings-$1.txt" || true
    "$py" "$mip6_checker" check-bindings --ledger "$work/ledger" --bindings "$work/bindings-$1.txt" \
        ${mip6_role:+--role "$mip6_role"} | tee "$work/check-$1.txt"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

asking_bound() { echo $((2 * $1 / rate)); }   # N: twice the seconds the recovery's requests to N entries take at rate

recovery_field() { awk -v k="$1" '$1 == k {print $2; exit}' "$work/recovery.txt"; }   # the first role's

recovery_finished() {  # waits (60 s at most) until mip6:recovery says finished
    for _ in $(seq 60); do
        testbed_shell "$mip6_node" 'mip6:recovery' >"$work/recovery.txt" || true
        grep -q '^state *finished' "$work/recovery.txt" && return 0
        sleep 1
    done
    return 1
}

# mip6_restart_and_recover DESCRIPTION ANSWERER...: kill -9 of the appliance, ANSWERER (the mobile
# nodes answering Binding Refresh Requests, in mn, every silent_every-th silent) started and listening,
# the appliance booted again; then the checks of the recovery: every mobile asked, the answering
# ones restored (DESCRIPTION says how), mip6:recovery's counts, mip6:bindings
mip6_restart_and_recover() {
    local what=$1 answerer answer_out restarted silent answering
    shift
    testbed_kill9 "$mip6_node"
    testbed_exec_bg mn "$@"
    answerer=$TB_BG answer_out=$TB_BG_OUT
    # the restart waits until the mobile nodes listen (scapy takes a while to load on a busy box)
    for _ in $(seq 120); do grep -q '^listening' "$answer_out" && break; sleep 0.5; done
    expect "the mobile nodes listen before the restart" grep -q '^listening' "$answer_out"
    restarted=$SECONDS
    testbed_boot "$mip6_node" 'mip6:stats' 'MIPv6 node: running' || return 1
    for _ in $(seq "$((120 + $(asking_bound "$nodes")))"); do kill -0 "$answerer" 2>/dev/null || break; sleep 1; done
    cat "$answer_out"
    silent=$((nodes / silent_every))
    answering=$((nodes - silent))
    expect "every mobile node asked, $what ($(tail -1 "$answer_out"))" \
        grep -qE "^refresh requests [0-9]+ \(distinct $nodes\), answered $answering, acknowledged $answering, bad 0" "$answer_out"
    expect "mip6:recovery finished ($((SECONDS - restarted)) s after the restart)" recovery_finished
    cat "$work/recovery.txt"
    expect "mip6:recovery: total $nodes, validated $answering, deleted $silent, pending 0" test \
        "$(recovery_field total) $(recovery_field validated) $(recovery_field deleted) $(recovery_field pending)" \
        = "$nodes $answering $silent 0"
    expect "mip6:bindings: every answering mobile restored (0 lost), every silent one deleted" bindings_match recovered
}

# tshark_count PCAP FILTER: the number of packets FILTER matches; fails (and says why) if tshark
# refuses the filter, so that a mistyped filter cannot pass a check by matching nothing
tshark_count() {
    local out
    out=$(tshark -n -r "$1" -Y "$2" -T fields -e frame.number 2>"$work/tshark.err") \
        || { log "tshark -Y '$2': $(grep -v 'Running as user' "$work/tshark.err")"; return 1; }
    grep -c . <<<"$out" || true
}

# tshark_clean PCAP FILTER: none of the Mobility Headers FILTER takes malformed or with expert info
# of warning or above (FILTER leaves ICMPv6 errors out: one quoting a Mobility Header is not one sent)
tshark_clean() {
    local bad suspect="$2 && (_ws.malformed || _ws.expert.severity >= 0x00600000)"
    bad=$(tshark_count "$1" "$suspect") || return 1
    ((bad == 0)) || tshark -n -r "$1" -Y "$suspect" -T fields -e _ws.expert.message 2>/dev/null | sort | uniq -c | head
    ((bad == 0))
}

# brr_paced_and_shuffled PCAP FILTER WHAT: the Binding Refresh Requests FILTER takes, paced at rate
# and shuffled by care-of prefix (spacing), judged by mip6_mobiles.py analyse from the capture
brr_paced_and_shuffled() {
    tshark -n -r "$1" -Y "$2 && mip6.mhtype == 0" -T fields -E separator=' ' -e frame.time_epoch \
        -e ipv6.routing.mipv6.home_address -e ipv6.dst 2>/dev/null >"$work/brr.log" || true
    "$py" "$mip6_checker" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing" | tee "$work/analyse.out" || true
    expect "from the capture, $3 paced and shuffled by care-of prefix ($(tail -1 "$work/analyse.out"))" \
        "$py" "$mip6_checker" analyse --log "$work/brr.log" --rate "$rate" --spacing "$spacing"
}
