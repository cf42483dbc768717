#!/usr/bin/env bash
# Issue 13's delegation figures at the unit level with a real peer link (docs/PERFORMANCE.md,
# "Delegation"): DelegationMeasurement (delegation test sources) runs a PHA and one SHA in one JVM,
# each on the production peer link (Netty UDP on 127.0.0.1, HMAC-SHA-256, acks, retransmission):
# delegating N bindings to the SHA (first Start to last Ack), and registrations per second into the
# binding table with the PHA's listener against without it, alternated ROUNDS times in the same JVM.
# Not in CI: bounded (the JVM is stopped after TIMEOUT seconds), it prints the figures and, with
# WRITE_DOC=1, puts them into docs/PERFORMANCE.md between its markers.
#
#   bash tools/delegation/bench-delegation.sh        (env N=100000 ROUNDS=3 TIMEOUT=600 WRITE_DOC=0 MVN_ARGS)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${N:-100000}
rounds=${ROUNDS:-3}
timeout_s=${TIMEOUT:-600}
module="$root/bundles/delegation"
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -q -o "${mvn_args[@]}" -f "$root/pom.xml" -pl bundles/delegation)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-delegation.XXXXXX")
trap 'rm -rf "$work"' EXIT

"${mvn[@]}" test-compile
"${mvn[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M')
timeout "$timeout_s" java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")" \
    net.homeagent.delegation.bench.DelegationMeasurement "$n" "$rounds" | tee "$work/out.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "machine: $(nproc) x $cpu, $(java -version 2>&1 | head -1); load average $load_before before, $load_after after"

if [[ "${WRITE_DOC:-0}" == 1 ]]; then
    doc="$root/docs/PERFORMANCE.md"
    {
        echo "<!-- bench-delegation: begin (written by tools/delegation/bench-delegation.sh) -->"
        echo "### Delegation (issue 13), $started UTC"
        echo
        echo "\`N=$n ROUNDS=$rounds bash tools/delegation/bench-delegation.sh\` on $(nproc) x $cpu; load average"
        echo "$load_before before, $load_after after. Unit level with the real peer link (see below):"
        echo
        echo '```'
        grep -v '^RESULT' "$work/out.txt"
        echo '```'
        echo "<!-- bench-delegation: end -->"
    } >"$work/section.md"
    python3 "$root/tools/perf/write_section.py" "$doc" bench-delegation "$work/section.md" || cat "$work/section.md"
fi
