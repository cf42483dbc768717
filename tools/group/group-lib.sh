# The redundancy group on the test bed (tools/testbed/testbed.sh), shared by the group's system
# test (run-group.sh), its proof scenarios (run-group-proof.sh) and its figures (bench-group.sh):
# MEMBERS appliances, each with keepalived, on one bridged link "home" behind the virtual home
# agent address 192.0.2.1, member i at 192.0.2.1i; the peer link (UDP 7434) by unicast fan-out.
# Source it after testbed.sh, then: group_init LABEL, group_add_sa FILE..., group_members,
# group_boot. Settings (set before group_members):
#   members           how many (2 to 9)
#   advert_int        keepalived's VRRP advertisement interval (s, 1; 0.1 for the failover figure)
#   group_overrides   extra PID.key=value settings of every member (testbed_appliance)
# Uses: TB_ROOT, py, work, karaf_home (testbed.sh); sets group_names, group_active,
# group_keepalived (member -> its keepalived's pid).

vip=192.0.2.1
mn_key=0x00112233445566778899aabbccddeeff                # group_client.py's mobile nodes' key
peer_key_hex=$(printf '5a%.0s' $(seq 32))                # the members' HMAC-SHA-256 test key
peer_port=7434
loadgen_jar=$TB_ROOT/tools/loadgen/target/homeagent-loadgen.jar
group_client="$TB_ROOT/tools/group/group_client.py"
advert_int=${advert_int:-1}
declare -a group_overrides   # keeps what the suite set before sourcing
group_names=()
group_active=""
group_sa_files=()
declare -A group_keepalived=()

# group_init LABEL: the test bed's work folder, root and keepalived checked, the home link and the
# mobile nodes' host mn (192.0.2.100). False (with a failure counted) when it cannot run here.
group_init() {
    testbed_init "$1"
    ((members >= 2 && members <= 9)) || { fail_step "MEMBERS is 2 to 9"; return 1; }
    tb_require_root || return 1
    command -v keepalived >/dev/null || { fail_step "keepalived not installed"; return 1; }
    testbed_link home
    testbed_node mn home=192.0.2.100/24
}

# group_add_sa FILE: security associations every member gets (mobility-security.conf's format)
group_add_sa() { group_sa_files+=("$1"); }

# loadgen_sa NODES SPI-BASE FILE: the load generator's nodes' associations (home 10.128.0.0 + i)
loadgen_sa() { java -jar "$loadgen_jar" --nodes "$1" --spi-base "$2" --write-sa-file "$3" >/dev/null; }

# group_member NAME INDEX: an appliance in its own namespace on the home link, group member INDEX,
# with its keepalived (priority 100 for ha1, 90 for ha2 ...), holding the track file at 1
group_member() {
    local name=$1 i=$2 address=192.0.2.1$2 peers="" j file
    for ((j = 1; j <= members; j++)); do
        ((j == i)) || peers+="${peers:+,}$j@192.0.2.1$j:$peer_port"
    done
    testbed_node "$name" "home=$address/24"
    # the home agent listens on the VIP before keepalived gives it this node (standard for VRRP)
    testbed_exec "$name" sysctl -qw net.ipv4.ip_nonlocal_bind=1
    HA_PORT=434 testbed_appliance "$name" \
        "net.homeagent.ha.listenAddresses=$vip" "net.homeagent.ha.homeAgentAddresses=$vip" \
        net.homeagent.store.backupEnabled=true \
        net.homeagent.peer.enabled=true "net.homeagent.peer.nodeId=$i" net.homeagent.peer.groupId=7 \
        "net.homeagent.peer.bindAddress=$address" "net.homeagent.peer.peers=$peers" \
        "net.homeagent.group.virtualAddress=$vip" "net.homeagent.group.notifyFifo=$work/$name.fifo" \
        "net.homeagent.group.trackFile=$work/$name.learning" "${group_overrides[@]}"
    testbed_peer_key "$name" "0x$peer_key_hex"
    for file in "${group_sa_files[@]}"; do grep -v '^#' "$file" >>"$karaf_home/etc/mobility-security.conf"; done
    chmod 600 "$karaf_home/etc/mobility-security.conf"
    testbed_boot_feature "$name" homeagent-group \
        || { fail_step "$name: could not add homeagent-group to featuresBoot"; return 1; }
    # keepalived: the example of etc/keepalived-homeagent.conf, plus a check that the JVM lives (a
    # kill -9 of the appliance must give the address up as a dead box would: at the first failure)
    testbed_vrrp_conf "$name" VI_HA 51 $((110 - 10 * i)) "$advert_int" "$vip" 1
    testbed_keepalived "$name" "$work/$name.keepalived.conf" || return 1
    group_keepalived[$name]=$TB_BG
}

# group_members: the members ha1..haMEMBERS (group_names)
group_members() {
    local i
    for ((i = 1; i <= members; i++)); do
        group_member "ha$i" "$i" || return 1
        group_names+=("ha$i")
    done
}

status_of() { testbed_shell "$1" 'group:status' | grep -m1 '^Group member' || true; }   # "Group member 1: ACTIVE"

# await_state NAME STATE SECONDS: polls group:status until NAME is in STATE (an ERE: A|B)
await_state() {
    local deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        [[ "$(status_of "$1")" =~ :\ ($2) ]] && return 0
        sleep 1
    done
    log "$1 is not $2 after $3 s: $(status_of "$1")"
    return 1
}

# find_active SECONDS [EXCEPT]: the member (not EXCEPT) group:status says is active, polled every
# 0.5 s; sets group_active (empty when none within SECONDS)
find_active() {
    local deadline=$((SECONDS + $1)) name
    group_active=""
    while ((SECONDS < deadline)); do
        for name in "${group_names[@]}"; do
            [[ "$name" != "${2:-}" && "$(status_of "$name")" == *": ACTIVE"* ]] && group_active=$name && return 0
        done
        sleep 0.5
    done
    return 1
}

# group_boot: boots every member, waits until each has left the learn state, one is active and
# the others stand by; one PASS/FAIL per step; sets group_active. False when the group is not up.
group_boot() {
    local name
    log "booting ${group_names[*]} with the homeagent-group feature"
    testbed_boot_all "${group_names[@]}" || return 1
    for name in "${group_names[@]}"; do
        expect "$name: the group member is up and has left the learn state" await_state "$name" 'STANDBY|ACTIVE' 60
    done
    # nopreempt: the first member to have learned takes the address (ha1 unless its boot was slower)
    find_active 60 || true
    expect "keepalived made one member active (${group_active:-none})" test -n "$group_active"
    [[ -n "$group_active" ]] || return 1
    for name in "${group_names[@]}"; do
        [[ "$name" == "$group_active" ]] || expect "$name is standby" await_state "$name" STANDBY 30
    done
}

# list_bindings NAME FILE [OPTION...]: NAME's mip:bindings written by its own shell into FILE (the
# SSH client's output stops after about 200 KB); false unless FILE has every row its total says
list_bindings() {
    local name=$1 file=$2 total rows
    shift 2
    rm -f "$file"
    testbed_shell "$name" "mip:bindings $* > $file" >/dev/null
    total=$(grep -m1 -oE 'Total [0-9]+' "$file" 2>/dev/null | grep -oE '[0-9]+')
    rows=$(grep -cE '^[0-9]+\.' "$file" 2>/dev/null || true)
    [[ -n "$total" && "$total" == "$rows" ]] || { echo "mip:bindings of $name: total ${total:-none}, ${rows:-0} rows"; return 1; }
}

holds_every_binding() {  # NAME: mip:bindings of NAME holds every home address of group_client's ledger
    list_bindings "$1" "$work/$1.bindings" --care-of 198.51.100.1 || return 1
    "$py" "$group_client" check --ledger "$work/ledger" --bindings "$work/$1.bindings" | tee "$work/$1.check"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

# loadgen_at_vip NAME OPTION...: the load generator against the virtual address, run in member
# NAME's namespace: it aims only at addresses of its own host, and the VIP is one there while NAME
# is active (its requests reach the home agent through the namespace's loopback, not the link)
loadgen_at_vip() {
    local name=$1
    shift
    testbed_exec "$name" java -jar "$loadgen_jar" --target "$vip:434" "$@"
}

# export_snapshot NAME FILE: mip:backup-export of NAME's whole binding table into FILE
export_snapshot() {
    rm -f "$2"
    testbed_shell "$1" "mip:backup-export $2" >/dev/null
    [[ -s "$2" ]]
}

# verified_against LEDGER NAME: NAME's table (mip:backup-export) judged against the load
# generator's LEDGER (missing, stale care-of, extra, twice, wrong lifetime: all 0); the verdict in
# $work/NAME.verify
verified_against() {
    local snapshot="$work/$2.snapshot"
    export_snapshot "$2" "$snapshot" || { echo "mip:backup-export of $2 wrote nothing"; return 1; }
    java -jar "$loadgen_jar" --verify-ledger "$1" --snapshot "$snapshot" >"$work/$2.verify"
    local verdict=$?
    cat "$work/$2.verify"
    return "$verdict"
}

# expect_ledger LEDGER NAME DESCRIPTION: one PASS/FAIL line for verified_against, with the
# verifier's counts in it; the whole verdict printed when it fails
expect_ledger() {
    local status=0
    verified_against "$1" "$2" >/dev/null || status=$?
    ((status == 0)) || cat "$work/$2.verify"
    expect "$3 ($(grep -m1 '^missing' "$work/$2.verify" 2>/dev/null || echo "no verdict"))" test "$status" -eq 0
}

# peer_counter NAME 'DROP REASON|FIELD': a number of NAME's peer:status ("bad-hmac", "replay",
# "retransmissions" ...), 0 when not shown
peer_counter() {
    testbed_shell "$1" 'peer:status' | grep -oE "$2 [0-9]+" | head -1 | grep -oE '[0-9]+$' || echo 0
}

# group_counter NAME COUNTER: one counter of NAME's group:stats, 0 when not shown
group_counter() {
    testbed_shell "$1" 'group:stats' | awk -v c="$2" '$1 == c { print $2; found = 1 } END { if (!found) print 0 }'
}
