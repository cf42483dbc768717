#!/usr/bin/env bash
# Runs every system test suite against the built assembly (after `mvn -B verify`), in LANES lanes
# side by side (default 2): the suites are independent (each has its own work folder, free ports
# and run-unique namespaces, tools/testbed/), so two lanes cut the wall time of the CI run without
# changing what any suite checks. Each suite's output goes to its own log; a suite that fails has
# its whole log printed at the end. Prints one line per suite (exit status, seconds, its
# "N passed, N failed" line), then the totals; exits non-zero if any suite failed.
#
#   bash tools/run-system-tests.sh            LANES=1 runs them one after another
#
# The suites that run Maven (the fuzzers, the API baseline demo, the MIPv6 codec check, the
# dissector check, which compiles group-sync's test members) share
# lane 1, so that two Maven processes never write the local repository at once.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
lanes=${LANES:-2}
logs=$(mktemp -d "${TMPDIR:-/tmp}/homeagent-system-tests.XXXXXX")

# name | command; the two lanes' lists are balanced by the suites' durations in CI (about 20 minutes each on 2 cores, 2026-12-07)
lane1=(
    "mip6-codec|bash tools/interop/run-mip6-codec.sh"
    "fuzz|FUZZ_SECONDS=${FUZZ_SECONDS:-10} bash tools/fuzz/run-fuzz.sh"
    "api-baseline|bash tools/api/check-baseline-demo.sh"
    "dissector|bash tools/wireshark/check-dissector.sh"
    "mimm-client-wire|bash tools/mimm-client/run-wire-check.sh"
    "mimm-client-e2e|bash tools/mimm-client/run-client-e2e.sh"
    "mimm-e2e|bash tools/mimm/run-mimm-e2e.sh"
    "million|bash tools/recovery/run-million.sh"
    "delegation-dissector|bash tools/wireshark/check-delegation-dissector.sh"
    "delegation-after-ack|ORDER=after-ack bash tools/delegation/run-delegation.sh"
    "mip6-ha|bash tools/mip6/run-mip6-ha.sh"
    "delegation|bash tools/delegation/run-delegation.sh"
    "hacn-standby|bash tools/hacn/run-hacn-standby.sh"
)
lane2=(
    "interop|bash tools/interop/run-interop.sh"
    "snmp|bash tools/snmp/run-snmp.sh"
    "dataplane|bash tools/dataplane/run-dataplane.sh"
    "two-nodes|bash tools/testbed/run-two-nodes.sh"
    "fuzz-live|bash tools/interop/run-fuzz-live.sh"
    "peer-appliance|bash tools/wireshark/run-peer-appliance.sh"
    "group|bash tools/group/run-group.sh"
    "crash-recovery|bash tools/interop/run-crash-recovery.sh"
    "mimm|bash tools/interop/run-mimm.sh"
    "hacn|bash tools/hacn/run-hacn.sh"
    "mimm-alerts|bash tools/mimm/run-mimm-alerts.sh"
    "mimm-kamailio|bash tools/mimm/run-mimm-kamailio.sh"
    "mip6-cn|bash tools/mip6/run-mip6-cn.sh"
    "delegation-restart|SCENARIO=restart bash tools/delegation/run-delegation-load.sh"
    "delegation-load|SCENARIO=load bash tools/delegation/run-delegation-load.sh"
)

run_suite() {  # "name|command"
    local name=${1%%|*} command=${1#*|} start=$SECONDS status last
    echo "== start $name: $command"
    bash -c "$command" >"$logs/$name.log" 2>&1
    status=$?
    last=$(grep -E '[0-9]+ passed, [0-9]+ failed|VERIFIED|no finding|fuzz: |baseline demo: ' "$logs/$name.log" | tail -n 1)
    printf '%s|%d|%d|%s\n' "$name" "$status" "$((SECONDS - start))" "$last" >>"$logs/results"
    echo "== done  $name: exit $status in $((SECONDS - start)) s: $last"
}

run_lane() {
    local suite
    for suite in "$@"; do
        run_suite "$suite"
    done
}

started=$SECONDS
if ((lanes >= 2)); then
    run_lane "${lane1[@]}" &
    first=$!
    run_lane "${lane2[@]}"
    wait "$first"
else
    run_lane "${lane1[@]}" "${lane2[@]}"
fi

failed=()
echo
echo "== system tests, $lanes lane(s), $((SECONDS - started)) s"
while IFS='|' read -r name status seconds last; do
    printf '%-16s %-6s %5d s  %s\n' "$name" "$( ((status == 0)) && echo ok || echo FAILED)" "$seconds" "$last"
    ((status == 0)) || failed+=("$name")
done <"$logs/results"
for name in "${failed[@]}"; do
    echo
    echo "==================== $name: its whole output ===================="
    cat "$logs/$name.log"
done
if ((${#failed[@]} > 0)); then
    echo "${#failed[@]} suite(s) failed: ${failed[*]} (logs in $logs)"
    exit 1
fi
rm -rf "$logs"
echo "all $(wc -l <<<"$(printf '%s\n' "${lane1[@]}" "${lane2[@]}")") suites passed"
