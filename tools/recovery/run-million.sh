#!/usr/bin/env bash
# Crash recovery at scale (issue 16): registers NODES mobile nodes with the load generator
# against the built appliance with the durable binding backup on, runs a mix of care-of changes,
# renewals and deregistrations, kill -9s the appliance at a seeded random moment, starts it again
# on the same folder and checks the restored table (mip:backup-export) against the generator's
# ledger of what the home agent acknowledged (java -jar homeagent-loadgen.jar --help: --ledger,
# --verify-ledger). The moment of the kill, per round (KILL_WHEN):
#   mix    2..KILL_WITHIN s into the mix, requests in flight;
#   idle   the mix sends NODES requests to its end, then the appliance idles 5..IDLE_WITHIN s and
#          is killed: the operator's sequence in issue 16, and the only way to kill it while the
#          backup writer is idle (it tidies the file, compacting, after 5 s without changes, at
#          most once a minute) and the folder may still be folding the last change-log generation;
#   alternate (default) odd rounds mix, even rounds idle.
#
#   bash tools/recovery/run-million.sh
#
# Environment: NODES (1000000), ROUNDS of kill/restart/verify (2), SEED (printed; random if
# unset), KILL_WHEN (alternate), KILL_WITHIN (s, 20), IDLE_WITHIN (s, 90), MIX
# (care-of-change=60,renew=25,deregister=15), BOOT_TIMEOUT (s, 300), HOMEAGENT_TARBALL (the
# assembly of this checkout). Traffic goes to 127.0.0.1 only; every wait is bounded.
#
# Per round it prints the restart-to-serving time (from the start command to the first accepted
# registration of a probe node outside the generator's range), the "Restored N bindings ... in
# X ms" line of karaf.log, mip:backup, and the verifier's counts. Exits non-zero on any violation
# or failed step; then prints the ERROR lines of karaf.log and keeps the folder, else removes it.
#
# Runs on the test bed (tools/testbed/testbed.sh): testbed_appliance (ports of its own for Karaf,
# SNMP), set_property, testbed_shell, testbed_boot (bounded boot, one retry after a hung JVM),
# testbed_kill9 (kill -9 and wait), the teardown (Karaf stopped, folder released), log, fail_step.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
loadgen=$root/tools/loadgen/target/homeagent-loadgen.jar
nodes=${NODES:-1000000}
rounds=${ROUNDS:-2}
seed=${SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
kill_when=${KILL_WHEN:-alternate}
kill_within=${KILL_WITHIN:-20}
idle_within=${IDLE_WITHIN:-90}
mix=${MIX:-care-of-change=60,renew=25,deregister=15}
boot_timeout=${BOOT_TIMEOUT:-300}
window=2048
lifetime=65000            # below maxLifetime, so the granted lifetime is the requested one
sockets=4                 # the appliance spreads client ports over its event loops
probe_home=10.127.255.254 # below the generator's 10.128.0.0 + i, so the verifier only counts it
probe_spi=$((256 + nodes))
probe_seed=7

case $kill_when in mix | idle | alternate) ;; *) echo "KILL_WHEN is mix, idle or alternate" >&2; exit 2 ;; esac
[[ -f "$loadgen" ]] || { echo "no $loadgen: mvn -pl tools/loadgen package" >&2; exit 2; }

# a million registrations and more: here the server compiler pays for itself (the test bed's
# appliances run with the client compiler only, tools/testbed/README.md)
export HOMEAGENT_JAVA_OPTS="${HOMEAGENT_JAVA_OPTS--Xms256m -Xmx2g -XX:+UseZGC}"
# shellcheck source=../testbed/testbed.sh
source "$root/tools/testbed/testbed.sh"
testbed_init million

violations=0
summary=()
started=$SECONDS

cleanup() {
    local status=$?
    # a failed check or verification keeps the folder and prints the ERROR entries (tools/run-folder.sh)
    testbed_teardown "$((status != 0 || failed > 0 || violations > 0))"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

loadgen_to_appliance() {  # loadgen options for the generator's nodes against the appliance
    echo --target "127.0.0.1:$port" --nodes "$nodes" --sockets "$sockets" --window "$window" --mode closed \
        --warmup 0 --lifetime "$lifetime" --mix "$mix" --json
}

# Waits at most $2 s for process $1 to end; kills it if it does not.
await_process() {
    local deadline=$((SECONDS + $2))
    while kill -0 "$1" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            fail_step "process $1 still running after $2 s: killed"
            kill "$1" 2>/dev/null || true
            wait "$1" 2>/dev/null || true
            return 1
        fi
        sleep 0.2
    done
    wait "$1"
}

# --- the appliance, backup on, one security association per node and one for the probe --------
testbed_appliance ha || exit 1
ha_cfg=$karaf_home/etc/net.homeagent.ha.cfg
set_property "$ha_cfg" listenAddresses 127.0.0.1
set_property "$ha_cfg" port "$port"
set_property "$ha_cfg" maxLifetime 65534
set_property "$karaf_home/etc/net.homeagent.store.cfg" backupEnabled true
sa_file=$karaf_home/etc/mobility-security.conf
java -jar "$loadgen" --nodes "$nodes" --write-sa-file "$sa_file"
java -jar "$loadgen" --nodes 1 --window 1 --home-base "$probe_home" --spi-base "$probe_spi" --key-seed "$probe_seed" \
    --write-sa-file "$work/probe.conf"
grep -v '^#' "$work/probe.conf" >>"$sa_file"
log "seed $seed, $nodes nodes, $rounds rounds, mix $mix, kill $kill_when (mix 2..$kill_within s, idle 5..$idle_within s)"
testbed_boot ha 'mip:backup' 'Last restore' || exit 1

# --- every node registers once, window 2048 --------------------------------------------------
log "first registrations of $nodes nodes, window $window"
register_bound=$((120 + nodes / 1000))   # s; at 1,000 registrations/s it would still finish
# shellcheck disable=SC2046
timeout $((register_bound + 60)) java -jar "$loadgen" $(loadgen_to_appliance) --requests "$nodes" \
    --duration "$register_bound" --timeout-ms 10000 --ledger "$work/ledger.0" \
    >"$work/register.json" 2>"$work/register.err"
cat "$work/register.err"
first_rate=$(grep -oE '"acceptedPerSecond":[0-9.]+' "$work/register.json" | cut -d: -f2)
log "first registrations: $first_rate accepted/s; $(grep -oE '"timeouts":[0-9]+' "$work/register.json")"
summary+=("first registrations: $(grep -o 'ledger .*' "$work/register.err"), $first_rate accepted/s")

# --- rounds: mix, kill -9, restart, export, verify --------------------------------------------
seeded_tenths() {  # round low high: a seeded moment in low..high s, in tenths of a second
    awk -v s="$seed" -v r="$1" -v lo="$2" -v hi="$3" 'BEGIN { srand(s * 100 + r); print int((lo + rand() * (hi - lo)) * 10) }'
}
as_seconds() { echo "$(($1 / 10)).$(($1 % 10))"; }

for round in $(seq 1 "$rounds"); do
    mode=$kill_when
    [[ $mode != alternate ]] || { ((round % 2 == 1)) && mode=mix || mode=idle; }
    if [[ $mode == mix ]]; then
        tenths=$(seeded_tenths "$round" 2 "$kill_within")
        moment="$(as_seconds "$tenths") s into the mix"
        # giving up (2 s of silence) before the requests in flight time out (5 s): a closed loop
        # replaces each timed-out request with one for another node, so a later give-up would
        # leave nodes with two or more unanswered requests, whose state the ledger no longer pins
        mix_end=(--duration $((kill_within + 60)) --give-up-after 2)
    else
        tenths=$(seeded_tenths "$round" 5 "$idle_within")
        moment="$(as_seconds "$tenths") s after the mix's $nodes requests"
        mix_end=(--requests "$nodes" --duration $((120 + nodes / 1000)))
    fi
    log "round $round: mix from ledger.$((round - 1)), kill -9 $moment"
    # shellcheck disable=SC2046
    java -jar "$loadgen" $(loadgen_to_appliance) "${mix_end[@]}" --timeout-ms 5000 \
        --from-ledger "$work/ledger.$((round - 1))" --ledger "$work/ledger.$round" \
        >"$work/mix.$round.json" 2>"$work/mix.$round.err" &
    mix_pid=$!
    if [[ $mode == mix ]]; then
        for _ in $(seq 600); do   # the JVM reads the earlier ledger first: at most 60 s
            grep -qs '^sending to' "$work/mix.$round.err" && break
            sleep 0.1
        done
        grep -q '^sending to' "$work/mix.$round.err" || { fail_step "round $round: the mix did not start"; exit 1; }
        sleep "$(as_seconds "$tenths")"
        testbed_kill9 ha
        log "round $round: appliance killed; the generator gives up after 2 s without a reply"
        await_process "$mix_pid" 90 || exit 1
    else
        await_process "$mix_pid" $((180 + nodes / 1000)) || exit 1
        sleep "$(as_seconds "$tenths")"
        testbed_kill9 ha
        log "round $round: appliance killed"
    fi
    cat "$work/mix.$round.err"
    mix_sent=$(grep -oE '"sent":[0-9]+' "$work/mix.$round.json" | head -1 | cut -d: -f2)

    # restart to serving: the probe tries every 200 ms from before the start command
    java -jar "$loadgen" --target "127.0.0.1:$port" --nodes 1 --home-base "$probe_home" --spi-base "$probe_spi" \
        --key-seed "$probe_seed" --window 1 --warmup 0 --duration "$boot_timeout" --timeout-ms 200 \
        --lifetime "$lifetime" --until-accepted --json >"$work/probe.$round.json" 2>"$work/probe.$round.err" &
    probe_pid=$!
    restart_ms=$(date +%s%3N)
    testbed_boot ha 'mip:backup' 'Last restore' || exit 1
    await_process "$probe_pid" "$((boot_timeout + 30))" || exit 1
    accepted_ms=$(grep -oE 'accepted at epoch-ms [0-9]+' "$work/probe.$round.err" | grep -oE '[0-9]+$' || true)
    [[ -n "$accepted_ms" ]] || { fail_step "round $round: the probe was never accepted"; exit 1; }
    serving_ms=$((accepted_ms - restart_ms))
    restored=$(grep -h 'Restored .* bindings' "$karaf_home"/data/log/karaf.log* | sort | tail -1 | sed 's/.*| //')
    backup=$(testbed_shell ha 'mip:backup')
    log "round $round: serving $serving_ms ms after the start command; $restored"
    echo "$backup"

    snapshot=$work/snapshot.$round
    echo "mip:backup-export $snapshot" | timeout 300 "$karaf_home/bin/client" -u karaf -p karaf -a "$ssh_port" \
        -r 3 -d 2 -b 2>/dev/null
    [[ -s "$snapshot" ]] || { fail_step "round $round: mip:backup-export wrote no $snapshot"; exit 1; }
    log "round $round: verifying $snapshot against ledger.$round"
    verdict=0
    java -jar "$loadgen" --verify-ledger "$work/ledger.$round" --snapshot "$snapshot" | tee "$work/verify.$round" \
        || verdict=$?
    ((verdict == 0)) || violations=$((violations + 1))
    summary+=("round $round: kill -9 $moment ($mix_sent mix requests sent);"
        "  restart to serving $serving_ms ms; $restored"
        "  mip:backup: $(echo "$backup" | grep -i 'last restore' | tr -s ' ')"
        "  $(grep -E '^(missing|found|expected)' "$work/verify.$round" | tr '\n' ';')"
        "  $(tail -1 "$work/verify.$round")")
done

log "summary: seed $seed, $nodes nodes, $rounds rounds, $((SECONDS - started)) s"
printf '%s\n' "${summary[@]}"
((failed == 0 && violations == 0))
