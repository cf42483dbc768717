#!/usr/bin/env bash
# What a feature costs every boot: the built assembly booted as shipped and with FEATURE added to
# featuresBoot, alternately, ROUNDS rounds, one appliance at a time on loopback (root namespace).
# The figure is the test bed's own "appliance X up (N s)" (start to the first mip:stats answer) and
# the wall time of testbed_boot; compare the two kinds as ratios within one run (docs/PERFORMANCE.md).
#
#   FEATURE=homeagent-alerts-http ROUNDS=3 bash tools/testbed/boot-cost.sh
#   WITH="net.homeagent.routes.alertEndpoint=netty-http:http://127.0.0.1:10180/alerts"  (PID.key=value
#   settings of the FEATURE boots only, words)
# Not in CI: a measurement, not a check. Prints one "boot <kind> round <r>" line per boot.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=testbed.sh
source "$here/testbed.sh"
testbed_init boot-cost
feature=${FEATURE:-homeagent-alerts-http}
tb_unpack_assembly || { testbed_finish; exit; }
version=$(sed -n 's/^    homeagent-routes\/\(.*\), \\$/\1/p' "$TB_ASSEMBLY/etc/org.apache.karaf.features.cfg")
[[ -n "$version" ]] || { fail_step "homeagent-routes not in the assembly's featuresBoot"; testbed_finish; exit; }
# shellcheck disable=SC2206
with=(${WITH:-})
for round in $(seq "${ROUNDS:-3}"); do
    for kind in shipped "$feature"; do
        node=boot$round${kind:0:3}
        settings=(net.homeagent.ha.listenAddresses=127.0.0.1 net.homeagent.snmp.listenAddress=127.0.0.1)
        [[ $kind == shipped ]] || settings+=("${with[@]}")
        testbed_appliance "$node" "${settings[@]}" || { testbed_finish; exit; }
        if [[ $kind != shipped ]]; then
            sed -i "/^    homeagent-routes\/$version, \\\\\$/a\\    $kind/$version, \\\\" "${TB_HOME[$node]}/etc/org.apache.karaf.features.cfg"
            grep -q "^    $kind/$version, " "${TB_HOME[$node]}/etc/org.apache.karaf.features.cfg" \
                || { fail_step "$kind not added to featuresBoot"; testbed_finish; exit; }
        fi
        start=$(date +%s%N)
        testbed_boot "$node" || { testbed_finish; exit; }
        bundles=$(testbed_shell "$node" 'bundle:list -t 0 --no-format' | grep -c '^ *[0-9]' || true)
        echo "boot $kind round $round: $(( ($(date +%s%N) - start) / 1000000 )) ms, $bundles bundles; load $(cut -d' ' -f1-3 /proc/loadavg)"
        testbed_stop "$node"
    done
done
testbed_finish
