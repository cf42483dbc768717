#!/usr/bin/env bash
# The MIMM client against the real advisor (docs/mimm.md "Client: tests"): one appliance from the
# built assembly on the test bed (root namespace, loopback), the advisor installed, two networks whose
# care-of prefixes are loopback addresses the client can bind (127.0.0.2/32 takes one mobile,
# 127.0.0.3/32 a hundred), two mobiles with their security associations, and the client's jar:
#
# 1. advise, mobile 10.0.0.10 to network 1 from 127.0.0.2: go, registered (merged mode), hold 300;
#    mip:bindings shows 10.0.0.10 at 127.0.0.2
# 2. run (one sample, --routes print) for mobile 10.0.0.11 with two up links in a /sys/class/net of
#    its own: wlan0 (network 1, preferred) and wwan0 (network 2). Attach: the advisor says not now for
#    the full network 1 with network 2 as the alternative, the client asks for network 2, gets go, and
#    moves the route there after the registration: mip:bindings shows 10.0.0.11 at 127.0.0.3
#
#   bash tools/mimm-client/run-client-e2e.sh     (root; the jar built; about a minute, most of it the boot)
# Environment as tools/testbed/testbed.sh (HOMEAGENT_TARBALL, BOOT_TIMEOUT, KEEP_WORKDIR=1).
# Prints every check and last "N passed, N failed"; non-zero exit on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm-client

jar="$here/target/homeagent-mimm-client.jar"
[[ -f "$jar" ]] || { fail_step "no $jar: build tools/mimm-client first"; testbed_finish; exit; }
key1=00112233445566778899aabbccddeeff
key2=0f1e2d3c4b5a69788796a5b4c3d2e1f0

ok() { echo "ok   $*"; passed=$((passed + 1)); }
expect() { # description, then a command that must succeed
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail_step "$what"; fi
}

# reactive advice on a port of its own: another suite's advisor may hold the default 10434
testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.mimm.reactiveListenAddress=127.0.0.1 \
    net.homeagent.mimm.reactivePort="$(free_port udp)" || { testbed_finish; exit; }
cat >"$karaf_home/etc/mimm-networks.conf" <<NETWORKS
# written by tools/mimm-client/run-client-e2e.sh
1 wlan-a wlan 127.0.0.2/32 1 10000
2 cell-b cellular 127.0.0.3/32 100 100000
NETWORKS
testbed_sa ha 10.0.0.10 300 "0x$key1"
testbed_sa ha 10.0.0.11 301 "0x$key2"
testbed_boot ha || { testbed_finish; exit; }

advise() { # home spi key care-of network [option ...]
    local home=$1 spi=$2 key=$3 care_of=$4 network=$5
    shift 5
    java -jar "$jar" advise --home-agent 127.0.0.1 --port "$port" --home "$home" --spi "$spi" --key "$key" \
        --care-of "$care_of" --network "$network" --timeout-ms 2000 --attempts 2 "$@" 2>>"$work/client.err"
}

log "feature:install homeagent-mimm"
testbed_shell ha 'feature:install homeagent-mimm' || true
deadline=$((SECONDS + 90))
# a harmless probe: an unknown network is a "no" (exit 2) once the advisor is bound, 140 (exit 3) before
until advise 10.0.0.10 300 "$key1" 127.0.0.2 99 >"$work/probe.out"; [[ $? -eq 2 ]]; do
    ((SECONDS < deadline)) || { fail_step "the advisor was not bound within 90 s: $(cat "$work/probe.out")"; testbed_finish; exit; }
    sleep 1
done
ok "advisor bound: an unknown network is $(cat "$work/probe.out")"

log "1. advise: go in merged mode"
set +e
go=$(advise 10.0.0.10 300 "$key1" 127.0.0.2 1 --current 2 --signal -60 --link wlan)
status=$?
set -e
expect "advise exits 0 for a go ($status)" test "$status" -eq 0
expect "advice: $go" test "$go" = "advice GO reason NONE hold 300 s target 1 alternatives [] registered"
bindings=$(testbed_shell ha 'mip:bindings')
expect "mip:bindings: 10.0.0.10 at 127.0.0.2" grep -qE '10\.0\.0\.10 .*127\.0\.0\.2' <<<"$bindings"

log "2. run: not now for the full network, its alternative instead, make-before-break"
mkdir -p "$work/sys/wlan0" "$work/sys/wwan0"
for link in wlan0 wwan0; do
    echo up >"$work/sys/$link/operstate"
    echo 1 >"$work/sys/$link/carrier"
done
cat >"$work/links.conf" <<LINKS
wlan0 wlan     1 127.0.0.2 - 54000 800  0 2
wwan0 cellular 2 127.0.0.3 - 10000 1200 5 1
LINKS
set +e
java -jar "$jar" run --links "$work/links.conf" --home-agent 127.0.0.1 --port "$port" --home 10.0.0.11 --spi 301 \
    --key "$key2" --timeout-ms 2000 --attempts 2 --count 1 --routes print --sys "$work/sys" \
    --wireless "$work/no-wireless" >"$work/run.out" 2>"$work/run.err"
status=$?
set -e
sed 's/^/   | /' "$work/run.out" "$work/run.err"
expect "run exits 0 ($status)" test "$status" -eq 0
expect "the advisor said not now once (network 1 is full)" grep -qx '# advice NOT_NOW 1' "$work/run.err"
expect "then go once (network 2)" grep -qx '# advice GO 1' "$work/run.err"
expect "make-before-break: wlan0 up, wwan0 up, then the route through wwan0" \
    diff <(grep '^# ip' "$work/run.out") <(printf '%s\n' '# ip link set dev wlan0 up' '# ip link set dev wwan0 up' \
        '# ip route replace default dev wwan0')
expect "the handoff line" grep -qE ' handoff none -> wwan0 \(ATTACH, advised\)$' "$work/run.out"
bindings=$(testbed_shell ha 'mip:bindings')
expect "mip:bindings: 10.0.0.11 at 127.0.0.3" grep -qE '10\.0\.0\.11 .*127\.0\.0\.3' <<<"$bindings"
advice=$(testbed_shell ha 'mimm:advice 10.0.0.11')
expect "mimm:advice 10.0.0.11: go for network 2" grep -q 'GO' <<<"$advice"

testbed_finish
