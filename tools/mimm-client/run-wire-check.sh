#!/usr/bin/env bash
# The MIMM client's Request Handoff judged by independent tools (docs/mimm.md "Client: tests"): the
# client (`advise`) sends one Registration Request to a port on loopback where nobody answers; tshark
# decodes the captured datagram as Mobile IP - flags, addresses, the CVSE (type 38, Vendor/Org-ID
# 32473, vendor type 1, the vendor data as docs/protocols.md lays it out) before the MN-HA extension
# with the SPI - and Python's hmac checks the MN-HA authenticator (HMAC-MD5 over the octets before it,
# RFC 5944 §3.5.1) with the key. Needs root (capture on lo), tshark, python3 and the built jar
# (mvn -B -o -pl tools/mimm-client -am package). About 10 s.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/homeagent-mimm-client.jar"
[ -f "$jar" ] || { echo "no $jar: build tools/mimm-client first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
key=00112233445566778899aabbccddeeff
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# one packet to that port, then tshark stops by itself
tshark -q -i lo -f "udp dst port $port" -c 1 -w "$work/advise.pcap" >"$work/tshark.log" 2>&1 &
capture=$!
for _ in $(seq 1 100); do [ -s "$work/advise.pcap" ] && break; sleep 0.1; done
set +e
java -jar "$jar" advise --home-agent 127.0.0.1 --port "$port" --home 10.0.0.10 --spi 300 --key "$key" \
    --care-of 127.0.0.1 --network 3 --current 1 --signal -71 --link cellular --sessions 2 --kbps 128 \
    --lifetime 600 --timeout-ms 500 --attempts 1 >"$work/advise.out" 2>&1
status=$?
set -e
wait "$capture"

passed=0 failed=0
check() { # name expected actual
    if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}
check "advise exits 3 (no advice: nobody answers)" 3 "$status"
field() { tshark -r "$work/advise.pcap" -d "udp.port==$port,mip" -T fields -E occurrence=a -E separator=, -e "$1" 2>/dev/null; }
check "message type" 1 "$(field mip.type)"
check "home address" 10.0.0.10 "$(field mip.homeaddr)"
check "care-of address" 127.0.0.1 "$(field mip.coa)"
check "lifetime" 600 "$(field mip.life)"
check "extensions in order: CVSE, MN-HA" 38,32 "$(field mip.ext.type)"
check "CVSE Vendor/Org-ID" 32473 "$(field mip.ext.cvse.vendor_id)"
check "CVSE vendor type" 1 "$(( $(field mip.ext.cvse.vendor_type) ))"
# version 1, T clear, target 3, current 1, -71 dBm, cellular (2), 2 sessions, 128 kbit/s
check "Request Handoff vendor data" 010000030001b902000200000080 "$(field mip.ext.cvse.vendor_value | tr -d ':')"
check "MN-HA SPI" 300 "$(( $(field mip.auth.spi) ))"
check "no malformed or expert warning" "" "$(tshark -r "$work/advise.pcap" -d "udp.port==$port,mip" -T fields -e _ws.malformed -e _ws.expert.severity 2>/dev/null | tr -d '\t')"
payload=$(tshark -r "$work/advise.pcap" -T fields -e udp.payload 2>/dev/null | tr -d ':')
check "MN-HA authenticator (Python hmac, HMAC-MD5)" True "$(python3 -c "
import hashlib, hmac
p = bytes.fromhex('$payload'); covered = len(p) - 16
print(hmac.new(bytes.fromhex('$key'), p[:covered], hashlib.md5).digest() == p[covered:])")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
