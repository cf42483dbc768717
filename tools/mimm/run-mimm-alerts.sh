#!/usr/bin/env bash
# MIMM reactive advice end to end (docs/mimm.md "Reactive advice"): one appliance from the built
# assembly on the test bed (root namespace, loopback) with the advisor, the routes' trap receiver and
# reactive advice paced at 20/s (burst 2); two networks whose care-of prefixes are loopback addresses
# (network 1 wlan-a 127.0.0.2/32, network 2 cell-b 127.0.0.3/32); five mobiles registered in network
# 1 and three in network 2 (real registrations: the client's advise, merged mode), their home
# addresses in 127.1.0.0/24 so that the host delivers the advice to them; one client `listen` for all
# eight. Then:
#
# 1. net-snmp's snmptrap sends a mimmAlert (HOMEAGENT-MIMM-MIB) for wlan-a: outage, expiry 120 s,
#    alternative 2. Every mobile of network 1 takes one authentic advice (network 1, OUTAGE, expiry,
#    alternative 2) and acks it, within the pacing budget (the burst at once, the rest at the rate,
#    plus 3 s for trap, route and queue); no mobile of network 2 takes anything;
# 2. mimm:alerts lists the alert; the advisor counts 5 sent, 5 acked, nothing unacknowledged;
# 3. pull: a second client asks for one mobile of each network: the network-1 mobile gets the advice
#    (pulled), the network-2 one "nothing to advise";
# 4. bad alerts: a trap with an unknown subject and one without expiry are counted, none raised;
# 5. mimm:alert-clear 1: the alert is gone;
# 1-5 with net-snmp's snmptrapd as the appliance's notification target (SNMPv2c): the advisor's
#    mimmAlertStateChange for the raised alert (alert 1, raised, networks "1", wlan-a, outage,
#    expiry 120, alternative 2) and for the cleared one (cleared); none for the refused alerts;
# 6. tshark on lo: the advice datagrams (46 octets, type 1) to the five network-1 home addresses and
#    their acks (38 octets, type 2) back to the advisor's port, none to network 2. There is no MIMM
#    dissector in tools/wireshark (homeagent-peer.lua reads the peer link only): tshark shows UDP with
#    the payload as data, checked field by field here;
# 7. the routes' HTTP alert endpoint (docs/mimm.md "Alerts over HTTP"), configured before the boot and
#    started when `feature:install homeagent-alerts-http` brings its component: curl (the independent
#    client) is refused for a wrong method (405), no token (401), a body that is not JSON (400) and an
#    unknown network (422), each with its line, counted by the endpoint, none reaching the advisor;
#    then curl POSTs the same alert as the trap of 1 (wlan-a, outage, 120 s, alternative 2): 202, and
#    every mobile of network 1 takes one more advice with the same fields, none of network 2;
#    mimm:alerts shows alert 2 from "http 127.0.0.1:<port>", alerts_bad still 2.
#
#   bash tools/mimm/run-mimm-alerts.sh   (root; the client jar and the assembly built; about a minute)
# Environment as tools/testbed/testbed.sh (HOMEAGENT_TARBALL, BOOT_TIMEOUT, KEEP_WORKDIR=1).
# Prints every check and last "N passed, N failed"; non-zero exit on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_NAME_PREFIX=${TB_NAME_PREFIX:-mm-}
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm-alerts

jar="$here/../mimm-client/target/homeagent-mimm-client.jar"
[[ -f "$jar" ]] || { fail_step "no $jar: build tools/mimm-client first"; testbed_finish; exit; }
command -v snmptrap >/dev/null || { fail_step "no snmptrap: install snmp (net-snmp)"; testbed_finish; exit; }

ok() { echo "ok   $*"; passed=$((passed + 1)); }
expect() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail_step "$what"; fi
}

rate=20 burst=2
trap_port=$(free_port udp)
reactive_port=$(free_port udp)
mobile_port=$(free_port udp)
community=mimm-$$
notify_port=$(free_port udp)
http_port=$(free_port tcp)
alert_url="http://127.0.0.1:$http_port/alerts"
alert_token=token-$$
testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 \
    net.homeagent.snmp.listenAddress=127.0.0.1 net.homeagent.snmp.notificationTargets="udp:127.0.0.1/$notify_port v2c nms" \
    net.homeagent.routes.trapReceiverEnabled=true net.homeagent.routes.trapPort="$trap_port" \
    net.homeagent.routes.trapCommunity="$community" \
    net.homeagent.routes.alertEndpoint="netty-http:$alert_url" net.homeagent.routes.alertToken="$alert_token" \
    net.homeagent.mimm.reactiveListenAddress=127.0.0.1 net.homeagent.mimm.reactivePort="$reactive_port" \
    net.homeagent.mimm.mobilePort="$mobile_port" net.homeagent.mimm.pushRate="$rate" \
    net.homeagent.mimm.pushBurst="$burst" net.homeagent.mimm.periodicSeconds=600 \
    || { testbed_finish; exit; }
cat >"$karaf_home/etc/mimm-networks.conf" <<NETWORKS
# written by tools/mimm/run-mimm-alerts.sh
1 wlan-a wlan 127.0.0.2/32 100 100000
2 cell-b cellular 127.0.0.3/32 100 100000
NETWORKS
declare -A network_of=()
: >"$work/mobiles.conf"
for i in 1 2 3 4 5 6 7 8; do
    home=127.1.0.$((10 + i))
    key=$(printf '%032x' $((0x1000 + i)))
    network_of[$home]=$((i <= 5 ? 1 : 2))
    testbed_sa ha "$home" $((300 + i)) "0x$key"
    echo "$home $((300 + i)) $key" >>"$work/mobiles.conf"
done
# the community the agent's v2c notifications carry (RFC 3584), and snmptrapd logging them
printf 'community nms %s read-only\n' "$community" >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
printf 'authCommunity log %s\n' "$community" >"$work/snmptrapd.conf"
testbed_exec_bg "" snmptrapd -f -n -On -C -c "$work/snmptrapd.conf" -Lf "$work/traps.log" "udp:127.0.0.1:$notify_port"
for _ in $(seq 50); do udp_bound "$notify_port" && break; sleep 0.2; done
udp_bound "$notify_port" || fail_step "snmptrapd not listening on udp/$notify_port"
testbed_boot ha || { testbed_finish; exit; }

advise() { # home spi key care-of network
    java -jar "$jar" advise --home-agent 127.0.0.1 --port "$port" --home "$1" --spi "$2" --key "$3" \
        --care-of "$4" --network "$5" --timeout-ms 3000 --attempts 3 2>>"$work/client.err"
}

log "feature:install homeagent-mimm"
testbed_shell ha 'feature:install homeagent-mimm' >/dev/null || true
deadline=$((SECONDS + 90))
until testbed_shell ha 'mimm:alerts' | grep -q 'Advice queued'; do
    ((SECONDS < deadline)) || { fail_step "mimm:alerts did not answer within 90 s"; testbed_finish; exit; }
    sleep 2
done
ok "reactive advice up: mimm:alerts answers"

log "registering 8 mobiles (5 in network 1, 3 in network 2) through the advisor"
# one after another, each tried up to three times: on this shared box a JVM that starts while
# others do can take longer than the home agent's timestamp skew (7 s) to get its request answered
registered=0
while read -r home spi key; do
    care_of=127.0.0.$((network_of[$home] + 1))
    for _ in 1 2 3; do
        if advise "$home" "$spi" "$key" "$care_of" "${network_of[$home]}" >"$work/advise-$home.out"; then
            registered=$((registered + 1))
            break
        fi
        echo "   | $home: $(cat "$work/advise-$home.out"), again"
    done
done <"$work/mobiles.conf"
expect "8 mobiles registered with a go ($registered)" test "$registered" -eq 8
bindings=$(testbed_shell ha 'mip:bindings')
expect "mip:bindings: 5 at 127.0.0.2, 3 at 127.0.0.3" test "$(grep -c '127\.0\.0\.2' <<<"$bindings")/$(grep -c '127\.0\.0\.3' <<<"$bindings")" = 5/3

testbed_capture lo "udp port $mobile_port or udp port $reactive_port" || { testbed_finish; exit; }
java -jar "$jar" listen --home-agent 127.0.0.1 --advisor-port "$reactive_port" --port "$mobile_port" \
    --mobiles "$work/mobiles.conf" --duration-s 150 >"$work/listen.out" 2>"$work/listen.err" &
listener=$!
testbed_on_teardown "kill $listener 2>/dev/null || true"
deadline=$((SECONDS + 30))
until grep -qs '^# listening' "$work/listen.err"; do
    ((SECONDS < deadline)) || { fail_step "the listener did not start: $(cat "$work/listen.err")"; testbed_finish; exit; }
    sleep 1
done

log "1. snmptrap: mimmAlert for wlan-a (outage, 120 s, alternative 2)"
mib=1.3.6.1.4.1.32473.1.5
sent_ms=$(date +%s%3N)
snmptrap -v 2c -c "$community" "127.0.0.1:$trap_port" '' "$mib.0.1" \
    "$mib.1.1.1.0" s wlan-a "$mib.1.1.2.0" i 2 "$mib.1.1.3.0" i 120 "$mib.1.1.4.0" u 2
deadline=$((SECONDS + 30))
until [[ $(grep -c ' advice ' "$work/listen.out" || true) -ge 5 ]] || ((SECONDS >= deadline)); do sleep 1; done
sed 's/^/   | /' "$work/listen.out"
for home in "${!network_of[@]}"; do
    lines=$(grep -c " advice $home " "$work/listen.out" || true)
    if [[ ${network_of[$home]} == 1 ]]; then
        line=$(grep " advice $home " "$work/listen.out" || true)
        expect "$home (network 1) took one advice: network 1 OUTAGE expiry 120 alternative 2 pushed" \
            grep -qE "^[0-9]+ advice $home network 1 reason OUTAGE expiry 1(19|20) alternative 2 pushed$" <<<"$line"
        [[ $lines == 1 ]] || fail_step "$home took $lines advices"
    else
        expect "$home (network 2) took nothing" test "$lines" -eq 0
    fi
done
last_ms=$(grep ' advice ' "$work/listen.out" | cut -d' ' -f1 | sort -n | tail -n 1)
budget_ms=$(( (5 - burst) * 1000 / rate + 3000 ))
took_ms=$(( ${last_ms:-999999999999999} - sent_ms ))
expect "the five within the pacing budget: ${took_ms} ms <= ${budget_ms} ms ($((5 - burst)) after the burst at $rate/s, + 3 s)" \
    test "$took_ms" -le "$budget_ms"

# mimmAlertStateChange (HOMEAGENT-MIMM-MIB, 1.3.6.1.4.1.32473.1.5.0.2) as snmptrapd logs it (-On):
# the trap OID, then each object's instance and value
state_change() {  # STATE(1 raised, 3 cleared) SECONDS: that notification of alert 1 reached snmptrapd
    local objects="$mib.1.1.5.0 = Gauge32: 1.*$mib.1.1.6.0 = INTEGER: $1.*$mib.1.1.7.0 = STRING: \"1\".*$mib.1.1.1.0 = STRING: \"wlan-a\".*$mib.1.1.2.0 = INTEGER: 2.*$mib.1.1.3.0 = INTEGER: 120.*$mib.1.1.4.0 = Gauge32: 2"
    for _ in $(seq $(($2 * 5))); do
        tr '\n\t' '  ' <"$work/traps.log" 2>/dev/null | grep -q -- "$mib.0.2 .*$objects" && return 0
        sleep 0.2
    done
    return 1
}
expect "snmptrapd: mimmAlertStateChange alert 1 raised, networks 1, wlan-a, outage, 120 s, alternative 2" state_change 1 10

log "2. mimm:alerts"
sleep 1   # the last ack on its way
alerts=$(testbed_shell ha 'mimm:alerts')
sed 's/^/   | /' <<<"$alerts"
expect "mimm:alerts lists alert 1: OUTAGE wlan-a [1] alternative 2" grep -qE '^1 +OUTAGE +wlan-a +\[1\] +2 ' <<<"$alerts"
expect "5 sent, 5 acked, none unacknowledged" \
    test "$(grep -E 'advice_sent|advice_acked|Advice queued' <<<"$alerts" | tr -s ' ' | tr '\n' ';')" \
    = "Advice queued 0, unacknowledged 0; advice_sent 5; advice_acked 5;"

log "3. pull: one mobile of each network asks"
grep -E '^127\.1\.0\.(11|16) ' "$work/mobiles.conf" >"$work/pull.conf"
java -jar "$jar" listen --home-agent 127.0.0.1 --advisor-port "$reactive_port" --port 0 --mobiles "$work/pull.conf" \
    --pull true --count 2 --duration-s 20 >"$work/pull.out" 2>"$work/pull.err" || true
sed 's/^/   | /' "$work/pull.out"
expect "127.1.0.11 (network 1) pulled the advice" \
    grep -qE '^[0-9]+ advice 127\.1\.0\.11 network 1 reason OUTAGE expiry [0-9]+ alternative 2 pulled$' "$work/pull.out"
expect "127.1.0.16 (network 2): nothing to advise" grep -qE '^[0-9]+ nothing 127\.1\.0\.16$' "$work/pull.out"

log "4. bad alerts: an unknown subject, a missing expiry"
snmptrap -v 2c -c "$community" "127.0.0.1:$trap_port" '' "$mib.0.1" \
    "$mib.1.1.1.0" s nowhere "$mib.1.1.2.0" i 2 "$mib.1.1.3.0" i 60
snmptrap -v 2c -c "$community" "127.0.0.1:$trap_port" '' "$mib.0.1" "$mib.1.1.1.0" s wlan-a "$mib.1.1.2.0" i 1
sleep 2
alerts=$(testbed_shell ha 'mimm:alerts')
expect "alerts_bad 2 (subject unknown 1, value missing 1), still one alert" \
    test "$(grep -E '^ +(alerts_bad|alert subject unknown|alert value missing) ' <<<"$alerts" | tr -s ' ' | tr '\n' ';')$(grep -cE '^[0-9]+ +[A-Z]' <<<"$alerts")" \
    = " alerts_bad 2; alert subject unknown 1; alert value missing 1;1"

log "5. mimm:alert-clear 1"
expect "alert-clear answers" grep -q 'alert 1 cleared' <<<"$(testbed_shell ha 'mimm:alert-clear 1')"
expect "no alert holds" grep -q 'No alert holds' <<<"$(testbed_shell ha 'mimm:alerts')"
expect "snmptrapd: mimmAlertStateChange alert 1 cleared" state_change 3 10
expect "snmptrapd: 2 mimmAlertStateChange in all (none for the refused alerts)" \
    test "$(grep -c -- "$mib.0.2" "$work/traps.log")" -eq 2

log "6. tshark"
testbed_capture_stop
fields=$(tshark -n -r "$TB_PCAP" -Y udp -T fields -e ip.src -e ip.dst -e udp.srcport -e udp.dstport -e udp.length -e data.data 2>/dev/null)
advices=$(awk -v p="$mobile_port" '$4 == p && $5 == 54 && substr($6, 1, 4) == "0101"' <<<"$fields")
acks=$(awk -v p="$reactive_port" '$4 == p && $5 == 46 && substr($6, 1, 4) == "0201"' <<<"$fields")
expect "5 advice datagrams (46 octets, type 1 version 1) from 127.0.0.1:$reactive_port" \
    test "$(awk -v p="$reactive_port" '$1 == "127.0.0.1" && $3 == p' <<<"$advices" | wc -l)" -eq 5
# the destination, and the home address the advice names (octets 4-7), when they are the same
named=$("$py" -c '
import sys
for line in sys.stdin:
    f = line.split()
    if len(f) == 6 and f[1] == ".".join(str(b) for b in bytes.fromhex(f[5])[4:8]):
        print(f[1])' <<<"$advices" | sort | tr '\n' ' ')
expect "to the five network-1 home addresses, each named inside ($named)" \
    test "$named" = "127.1.0.11 127.1.0.12 127.1.0.13 127.1.0.14 127.1.0.15 "
expect "5 acks (38 octets, type 2) back to the advisor" test "$(wc -l <<<"$acks")" -eq 5
expect "nothing sent to network 2's mobiles on the advice port" \
    test "$(awk -v p="$mobile_port" '$4 == p && $2 ~ /^127\.1\.0\.(16|17|18)$/' <<<"$fields" | wc -l)" -eq 0

log "7. the HTTP alert endpoint: feature:install homeagent-alerts-http, curl"
testbed_shell ha 'feature:install homeagent-alerts-http' >/dev/null || true
http() {  # METHOD AUTHORIZATION BODY: "status body" of curl's request
    local out
    out=$(curl -s -m 10 -X "$1" ${2:+-H "Authorization: $2"} -H 'Content-Type: application/json' \
        ${3:+--data "$3"} -w ' %{http_code}' "$alert_url") || true
    echo "${out##* } ${out% *}"
}
deadline=$((SECONDS + 60))
until [[ $(http GET "Bearer $alert_token") == 200\ * ]]; do
    ((SECONDS < deadline)) || { fail_step "the alert endpoint did not answer within 60 s"; break; }
    sleep 1
done
expect "PUT: 405 method" grep -q '^405 method PUT not allowed' <<<"$(http PUT "Bearer $alert_token" '{}')"
expect "no token: 401" grep -q "^401 missing or wrong 'Authorization: Bearer" <<<"$(http POST '' '{}')"
expect "a body that is not JSON: 400" grep -q '^400 not JSON: ' <<<"$(http POST "Bearer $alert_token" 'subject=wlan-a')"
unknown=$(http POST "Bearer $alert_token" '{"subject":"nowhere","reason":"outage","expiry":60}')
echo "   | $unknown"
expect "an unknown network: 422 with the advisor's reason" grep -q "^422 alert subject unknown: 'nowhere'" <<<"$unknown"
counted=$(http GET "Bearer $alert_token")
echo "   | $counted"
expect "the endpoint counted them" \
    test "$counted" = "200 {accepted=0, method=1, not_json=1, refused_by_advisor=1, unauthorized=1}"
good=$(http POST "Bearer $alert_token" '{"subject":"wlan-a","reason":"outage","expiry":120,"alternative":2}')
echo "   | $good"
expect "the trap's alert as JSON: 202 and what it raises" test "$good" \
    = "202 accepted: alert for 'wlan-a': networks [1], reason OUTAGE, expiry 120 s, alternative 2"
deadline=$((SECONDS + 30))
until [[ $(grep -c ' advice ' "$work/listen.out" || true) -ge 10 ]] || ((SECONDS >= deadline)); do sleep 1; done
for home in "${!network_of[@]}"; do
    lines=$(grep " advice $home " "$work/listen.out" || true)
    if [[ ${network_of[$home]} == 1 ]]; then
        expect "$home (network 1) took the HTTP alert's advice as the trap's: network 1 OUTAGE expiry 120 alternative 2" \
            test "$(grep -cE "^[0-9]+ advice $home network 1 reason OUTAGE expiry 1(19|20) alternative 2 pushed$" <<<"$lines")" -eq 2
    else
        expect "$home (network 2) took nothing" test -z "$lines"
    fi
done
alerts=$(testbed_shell ha 'mimm:alerts')
sed 's/^/   | /' <<<"$alerts"
expect "mimm:alerts: alert 2 OUTAGE wlan-a [1] alternative 2 from http 127.0.0.1" \
    grep -qE '^2 +OUTAGE +wlan-a +\[1\] +2 .*http 127\.0\.0\.1:[0-9]+' <<<"$alerts"
expect "the refused requests never reached the advisor: alerts_bad still 2" \
    grep -qE '^ +alerts_bad +2([^0-9]|$)' <<<"$alerts"

testbed_finish
