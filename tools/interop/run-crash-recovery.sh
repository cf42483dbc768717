#!/usr/bin/env bash
# Crash-recovery run of the binding backup (issue 3; docs/storage.md): the built appliance,
# registered by the independent client (mip_client.py), killed with kill -9 and started again.
#
#   bash tools/interop/run-crash-recovery.sh
#
# 1. unpacks karaf-assembly/target/homeagent-*.tar.gz into a temporary directory, configures the
#    home agent on a free loopback port with one security association per mobile node, starts Karaf
# 2. registers N mobile nodes (the last S with a 5 s lifetime) and kill -9s the JVM right after
#    the last reply
# 3. waits until the short bindings have expired, starts Karaf again: every acknowledged long
#    binding must be back (mip:bindings), the expired ones gone, mip:backup must count them
# 4. kill -9, truncates the backup file, starts: the appliance must run, mip:backup and the log
#    must report the damage, the damaged file must be kept beside the backup
# 5. kill -9, overwrites the start of the backup file with garbage, starts: the same
# Prints every check, the Karaf log tail on failure, and last exactly one line
# "N passed, N failed"; exits non-zero on any failure. Karaf is gone on exit, whatever happened;
# the temporary directory too if the run passed and karaf.log has no ERROR but the damage reports
# the run provokes, else the ERROR entries are printed whole and the directory is kept (its path
# printed).
#
# Environment: HOMEAGENT_TARBALL (default karaf-assembly/target/homeagent-0.1.0-SNAPSHOT.tar.gz),
# BINDINGS (N, default 200), SHORT_LIVED (S, default 40), BOOT_TIMEOUT (s, default 120),
# KEEP_WORKDIR=1 keeps the temporary directory (logs, damaged files) for a post-mortem.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bindings=${BINDINGS:-200}
short_lived=${SHORT_LIVED:-40}
short_lifetime=5

# shellcheck source=../testbed/testbed.sh
source "$here/../testbed/testbed.sh"
testbed_init crash   # work folder, and the teardown of everything below on any exit
# the damaged backups of steps 4 and 5 are reported at ERROR on purpose (check-damaged wants them)
TB_PROVOKED='journal is damaged|Binding backup: a copy of .* was kept as'
ready=('mip:backup' 'Binding backup')   # what says the appliance is up

# --- 1. the appliance -------------------------------------------------------------------------
testbed_appliance ha || { testbed_finish; exit; }
"$py" "$here/crash_recovery.py" write-config --karaf-home "$karaf_home" --port "$port" --count "$bindings"
journal="$karaf_home/data/bindings"   # the backup journal: checkpoint-<n>.bin, log-<n>.wal (docs/storage.md)
testbed_boot ha "${ready[@]}" || { testbed_finish; exit; }

# --- 2. register, then kill -9 right after the last reply --------------------------------------
log "registering $bindings mobile nodes ($short_lived of them for ${short_lifetime} s), then kill -9"
timeout 300 "$py" "$here/crash_recovery.py" register --port "$port" --count "$bindings" --short "$short_lived" \
    --short-lifetime "$short_lifetime" --kill-pid "$(testbed_pid ha)" --out "$work/acked.json" \
    | tee "$work/register.out" || true
count "$work/register.out"
testbed_kill9 ha
sleep $((short_lifetime + 1))   # the short-lived bindings expire while the appliance is down

# --- 3. start again: every acknowledged binding is back, the expired ones are gone -------------
log "starting Karaf again after the crash"
testbed_boot ha "${ready[@]}" || { testbed_finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-restored --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --acked "$work/acked.json" | tee "$work/restored.out" || true
count "$work/restored.out"

# --- 4. a truncated backup: the log segment holding the registrations ------------------------------
testbed_kill9 ha
backup=$(ls -S "$journal"/log-*.wal | head -1)
size=$(stat -c %s "$backup")
log "truncating $backup from $size to $((size / 3)) bytes"
truncate -s $((size / 3)) "$backup"
testbed_boot ha "${ready[@]}" || { testbed_finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-damaged --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --port "$port" --reports 1 | tee "$work/truncated.out" || true
count "$work/truncated.out"

# --- 5. a backup whose checkpoint starts with garbage ---------------------------------------------
testbed_kill9 ha
backup=$(ls "$journal"/checkpoint-*.bin | tail -1)
log "overwriting the first 8 KiB of $backup with random bytes"
dd if=/dev/urandom of="$backup" bs=4096 count=2 conv=notrunc status=none
testbed_boot ha "${ready[@]}" || { testbed_finish; exit; }
timeout 300 "$py" "$here/crash_recovery.py" check-damaged --karaf-home "$karaf_home" --ssh-port "$ssh_port" \
    --port "$port" --reports 2 | tee "$work/garbage.out" || true
count "$work/garbage.out"

testbed_finish
