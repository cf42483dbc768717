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

# The data plane of the proof: each HA forwards with its user-space data plane on the home link, the
# care-of address 198.51.100.1 is on mn (reached through it), and the correspondent cn pings the home
# addresses (on the home link: answered by proxy ARP of the HA serving each).
care_of=198.51.100.1

# ha_forwarding NAME: NAME (an HA's appliance, made by node) forwards with its user-space data plane
ha_forwarding() {
    set_property "${TB_HOME[$1]}/etc/net.homeagent.dataplane.cfg" implementation user-space
    set_property "${TB_HOME[$1]}/etc/net.homeagent.dataplane.cfg" homeInterface home
    ip -n "${TB_NS[$1]}" route add 198.51.100.0/24 via 192.0.2.100
}

# mobiles_and_correspondent: the nodes mn (192.0.2.100, the client and the care-of address) and cn
# (192.0.2.200, the correspondent) on the home link
mobiles_and_correspondent() {
    testbed_node mn home=192.0.2.100/24
    ip -n "${TB_NS[mn]}" addr add "$care_of/32" dev lo
    testbed_node cn home=192.0.2.200/24
    ip -n "${TB_NS[cn]}" route add 10.200.0.0/16 dev home       # the home addresses are on the home link
}

# care_of_host: care_of_host.py on mn, logging every tunnelled datagram to $work/care-of.log and
# answering the correspondent's pings that came with the public address as outer source
care_of_host() {
    testbed_exec_bg mn "$py" "$TB_ROOT/tools/hacn/care_of_host.py" --interface home --care-of "$care_of" \
        --home-agent "$public" --log "$work/care-of.log"
}

# admits NAME COUNT DATAGRAMS: control node NAME's data plane admits COUNT bindings of its HAs'
# mobiles' reverse tunnels and unwrapped DATAGRAMS of them ($work/NAME.dataplane: its mip:dataplane)
admits() {
    testbed_shell "$1" 'mip:dataplane --limit 0' >"$work/$1.dataplane" || true
    grep -q "control node's home agents' mobiles): $2 bindings admitted, $3 datagrams unwrapped" "$work/$1.dataplane"
}

await_admits() {  # NAME COUNT DATAGRAMS: admits, polled for at most 15 s (a report on its way, the feed's thread)
    local deadline=$((SECONDS + 15))
    until admits "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.5; done
}

# asks_reverse N: the Nth mobile node of the ledger renews at the public address asking for reverse
# tunnelling (T, RFC 3024 §3); sets reverse_home
asks_reverse() {
    sed -n "$1p" "$work/ledger" >"$work/ledger.reverse"
    reverse_home=$(awk '{print $1}' "$work/ledger.reverse")
    testbed_exec mn "$py" "$client" renew --server "$public" --ledger "$work/ledger.reverse" --count 1 --reverse \
        --key "$key" | tee "$work/reverse.out" || true
}

# reverse_tunnels HOME: the mobile HOME's care-of host tunnels (IP in IP, RFC 3024 §5.2) 5 datagrams
# to the public address, and a host that is not its care-of address 3, each to the correspondent's
# UDP port 9434 (tools/delegation/reverse_probe.py); sets reverse_received (of the 5, at the
# correspondent) and reverse_stray (of the 3)
reverse_tunnels() {
    local probe=$TB_ROOT/tools/delegation/reverse_probe.py
    local listen_out
    testbed_exec_bg cn "$py" "$probe" listen --address 192.0.2.200 --port 9434 --duration 12 --count 5
    listen_out=$TB_BG_OUT
    sleep 1
    testbed_exec mn "$py" "$probe" send --care-of 198.51.100.9 --home-agent "$public" --home "$1" \
        --to 192.0.2.200 --port 9434 --count 3 || true
    testbed_exec mn "$py" "$probe" send --care-of "$care_of" --home-agent "$public" --home "$1" \
        --to 192.0.2.200 --port 9434 --count 5 || true
    wait "$TB_BG" || true
    reverse_received=$(grep -c "^from $1: reverse $care_of " "$listen_out" || true)
    reverse_stray=$(grep -c "^from $1: reverse 198.51.100.9 " "$listen_out" || true)
}

refused_from_elsewhere() {  # NAME COUNT: NAME's last mip:dataplane (admits) counts COUNT reverse tunnels not from the care-of address
    grep -qE "reverse tunnel not from the binding's care-of address:? +$2\$" "$work/$1.dataplane"
}

holds_every_binding() {  # NAME [LEDGER]: mip:bindings of NAME holds every home address of LEDGER (default: every acknowledged one)
    testbed_shell "$1" 'mip:bindings' >"$work/$1.bindings"
    "$py" "$client" check --ledger "${2:-$work/ledger}" --bindings "$work/$1.bindings" | tee "$work/$1.check"
    [[ "${PIPESTATUS[0]}" == 0 ]]
}

lost() { grep -oE '^missing [0-9]+' "$work/$1.check" || echo "no check"; }   # NAME: holds_every_binding's count

pings_answered() {  # LABEL LEDGER: a ping of every home address of LEDGER from the correspondent, each answered
    testbed_exec cn "$py" "$TB_ROOT/tools/hacn/ping_homes.py" --ledger "$2" | tee "$work/ping-$1.out" || true
    grep -q ', lost 0$' "$work/ping-$1.out"
}

mac() { ip -n "${TB_NS[$1]}" link show home | awk '/link\/ether/ {print $2}'; }   # NAME: its home interface's

# tunnelled_by MAC SINCE-MS HOMES-FILE: how many home addresses of HOMES-FILE the care-of host
# received an ICMP echo request for after SINCE-MS through MAC with the public address as outer source
tunnelled_by() {
    awk -v mac="$1" -v since="$2" -v pub="$public" 'NR == FNR {want[$1] = 1; next}
        $1 >= since && $2 == mac && $3 == pub && ($5 in want) && $6 == 8 {print $5}' \
        "$3" "$work/care-of.log" | sort -u | wc -l
}

# tunnelled_from_has MAC...: every IP-in-IP datagram of the capture $TB_PCAP to a care-of address
# left one of these Ethernet addresses with the public address as outer source (ip.src and ip.dst
# are "outer,inner"), and there were some; the mobiles' reverse tunnels (outer destination the
# public address, RFC 3024 §5.2) are not the HAs' and are left out; sets tunnelled (how many) and
# stray (how many did not)
tunnelled_from_has() {
    local macs=" $* "
    tshark -n -r "$TB_PCAP" -Y "ip.proto == 4" -T fields -e eth.src -e ip.src -e ip.dst 2>/dev/null \
        | awk -v pub="$public" '{split($3, d, ","); if (d[1] != pub) print}' >"$work/tunnelled" || true
    tunnelled=$(wc -l <"$work/tunnelled")
    stray=$(awk -v pub="$public" -v macs="$macs" \
        '{split($2, s, ","); if (s[1] != pub || index(macs, " " $1 " ") == 0) n++} END {print n + 0}' "$work/tunnelled")
    ((tunnelled > 0 && stray == 0))
}
