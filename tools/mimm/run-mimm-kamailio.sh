#!/usr/bin/env bash
# The MIMM advisor's kamailio real-time session source (docs/mimm.md "kamailio session source")
# against a real kamailio: one appliance from the built assembly on the test bed (root namespace,
# loopback) with sessionSource = kamailio, and Debian's kamailio (5.6) on loopback with a
# configuration written here: dialog module (dlg_manage on each initial INVITE, record_route), xhttp
# and jsonrpcs (dlg.list over HTTP at /RPC), free ports from the test bed. Then
# (tools/mimm/mimm_kamailio.py, networks and mobiles of tools/interop/mimm_interop.py):
#
# 1. feature:install homeagent-mimm; the caller 10.0.0.12 attaches to network 3 (2000 kbit/s) by a
#    Request Handoff; mimm:networks names kamailio's figures, network 3 carries 0 sessions;
# 2. sip_calls.py places 4 real dialogs through kamailio (INVITE/100/200/ACK, Contact 10.0.0.12):
#    mimm:networks shows 4 sessions, 1600 kbit/s in network 3 (400 kbit/s a session leg);
# 3. a newcomer asking for network 3 with 500 kbit/s: 200 not now, TARGET_FULL_BANDWIDTH;
#    snmpget/snmpwalk of HOMEAGENT-MIMM-MIB (the appliance's SNMP agent) agree: mimmNetworkTable
#    row 3 sessions 4, 1600 kbit/s, load 80 %, sessions known; mimmAdviceNotNow 1;
# 4. the BYEs: network 3 back to 0; the same Request Handoff: go, the binding moved;
# 5. kamailio stopped: after kamailioStaleSeconds network 3's sessions are "unknown", the failures
#    "unreachable" (mimmNetworkSessionsKnown.3 false), and Request Handoffs are still answered;
# 6. the advice given is summarised every 2 s (adviceEventSeconds) as MIMM_ADVICE events, which the
#    routes' audit leg writes to karaf.log.
#
#   bash tools/mimm/run-mimm-kamailio.sh   (root; the assembly built; apt-get install kamailio)
# Environment as tools/testbed/testbed.sh (HOMEAGENT_TARBALL, BOOT_TIMEOUT, KEEP_WORKDIR=1).
# Prints every check and last "N passed, N failed"; non-zero exit on failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_NAME_PREFIX=mms-
# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init mimm-kamailio

command -v kamailio >/dev/null || { fail_step "no kamailio: apt-get install kamailio"; testbed_finish; exit; }
# the module folder of Debian's multiarch layout (or a plain one); no pipe that pipefail could trip on
modules=$(dirname "$(ls /usr/lib/*/kamailio/modules/dialog.so /usr/lib/kamailio/modules/dialog.so 2>/dev/null | head -n 1)")
[[ -f "$modules/dialog.so" ]] || { fail_step "kamailio's dialog module not found"; testbed_finish; exit; }

sip_port=$(free_port udp)
http_port=$(free_port tcp)
mkdir -p "$work/kamailio"
cat >"$work/kamailio/kamailio.cfg" <<CFG
#!KAMAILIO
# written by tools/mimm/run-mimm-kamailio.sh: a record-routing proxy that tracks dialogs, and
# its dialogs over JSON-RPC on HTTP (what the advisor's kamailio session source asks)
debug=2
log_stderror=yes
children=2
tcp_children=1
auto_aliases=no
listen=udp:127.0.0.1:$sip_port
listen=tcp:127.0.0.1:$http_port
tcp_accept_no_cl=yes
mpath="$modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "maxfwd.so"
loadmodule "dialog.so"
loadmodule "xhttp.so"
loadmodule "jsonrpcs.so"
modparam("jsonrpcs", "transport", 1)
modparam("jsonrpcs", "pretty_format", 0)
modparam("dialog", "default_timeout", 600)
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("INVITE")) { dlg_manage(); record_route(); }
    t_relay();
}
event_route[xhttp:request] {
    if (\$hu =~ "^/RPC") { jsonrpc_dispatch(); } else { xhttp_reply("404", "Not Found", "text/plain", "no such path"); }
}
CFG

# kamailio forks its workers: it runs in a session (and process group) of its own, so that the
# teardown ends the whole group and nothing else
kamailio_stop() {
    [[ -n "${kamailio_pgid:-}" ]] || return 0
    kill -TERM -- "-$kamailio_pgid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$kamailio_pgid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL -- "-$kamailio_pgid" 2>/dev/null || true
}
testbed_on_teardown kamailio_stop
log "kamailio: SIP udp/$sip_port, JSON-RPC http://127.0.0.1:$http_port/RPC"
setsid kamailio -f "$work/kamailio/kamailio.cfg" -DD -E -Y "$work/kamailio" -P "$work/kamailio/kamailio.pid" \
    >"$work/kamailio/kamailio.log" 2>&1 &
kamailio_pgid=$!
up=0
for _ in $(seq 100); do
    if curl -s -m 1 -d '{"jsonrpc":"2.0","method":"dlg.list","id":1}' "http://127.0.0.1:$http_port/RPC" \
        | grep -q '"result":\[\]'; then up=1; break; fi
    sleep 0.1
done
if ((up)); then echo "PASS kamailio answers dlg.list with no dialogs"; passed=$((passed + 1))
else fail_step "kamailio did not answer dlg.list within 10 s: $(tail -n 5 "$work/kamailio/kamailio.log")"; testbed_finish; exit; fi

snmp_port=$(free_port udp)
community=mms-$$
SNMP_PORT=$snmp_port testbed_appliance ha net.homeagent.ha.listenAddresses=127.0.0.1 \
    net.homeagent.mimm.reactiveListenAddress=127.0.0.1 net.homeagent.mimm.reactivePort="$(free_port udp)" \
    net.homeagent.snmp.listenAddress=127.0.0.1 || { testbed_finish; exit; }
# HOMEAGENT-MIMM-MIB read with net-snmp's snmpget/snmpwalk (SNMPv2c, read-only community)
echo "community lab $community read-only" >"$karaf_home/etc/snmp-access.conf"
chmod 600 "$karaf_home/etc/snmp-access.conf"
"$py" "$here/mimm_kamailio.py" write-config --karaf-home "$karaf_home" \
    --kamailio-url "http://127.0.0.1:$http_port/RPC"
testbed_boot ha 'mip:stats' 'Registration requests received' || { testbed_finish; exit; }

log "scenarios"
timeout 300 "$py" "$here/mimm_kamailio.py" run --karaf-home "$karaf_home" --port "$port" --ssh-port "$ssh_port" \
    --sip "$sip_port" --kamailio-pgid "$kamailio_pgid" --work "$work" --snmp "127.0.0.1:$snmp_port" \
    --community "$community" | tee "$work/scenarios.out" || true
count "$work/scenarios.out"

testbed_finish
