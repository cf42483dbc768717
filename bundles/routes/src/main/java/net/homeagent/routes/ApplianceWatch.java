package net.homeagent.routes;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.management.SnmpAgentStatus;
import net.homeagent.mip.codec.ReplyCode;

/**
 * Turns levels and counters into events, once a second (the {@code appliance-watch} timer route):
 * the binding table's high-water mark (with a lower clear mark, so a table hovering at the mark
 * raises one event, not one a second), bursts of authentication failures in registrations (RFC 5944
 * codes 131 and 132) and at the SNMP agent (refused communities and users), and backup write
 * failures or a restore that found a damaged file. Counting stays where it is; only these decisions live here.
 */
final class ApplianceWatch {

    private final Supplier<BindingStore> store;
    private final Supplier<RegistrationStatistics> statistics;
    private final Supplier<BindingBackupStatus> backup;
    private final Supplier<SnmpAgentStatus> snmp;
    private final Clock clock;
    private final int highWater;
    private final int clear;
    private final BurstDetector registrationFailures;
    private final BurstDetector snmpFailures;
    private final int windowSeconds;
    private boolean aboveHighWater;
    private long backupFailuresSeen;
    private boolean restoreChecked;

    /** every supplier may supply null (that part is then not watched for the tick). */
    ApplianceWatch(Supplier<BindingStore> store, Supplier<RegistrationStatistics> statistics, Supplier<BindingBackupStatus> backup,
            Supplier<SnmpAgentStatus> snmp, Clock clock, int highWater, int clear, int burst, int windowSeconds) {
        this.store = store;
        this.statistics = statistics;
        this.backup = backup;
        this.snmp = snmp;
        this.clock = clock;
        this.highWater = highWater;
        this.clear = clear > 0 ? clear : highWater * 9 / 10;
        this.registrationFailures = new BurstDetector(burst, windowSeconds);
        this.snmpFailures = new BurstDetector(burst, windowSeconds);
        this.windowSeconds = windowSeconds;
    }

    /** One tick: every event it finds goes to {@code publish}. */
    synchronized void tick(Consumer<ApplianceEvent> publish) {
        watchHighWater(publish);
        RegistrationStatistics registrations = statistics.get();
        if (registrations != null) {
            Map<Integer, Long> byCode = registrations.snapshot().repliesByCode();
            long failures = byCode.getOrDefault(ReplyCode.MN_FAILED_AUTHENTICATION, 0L)
                    + byCode.getOrDefault(ReplyCode.FA_FAILED_AUTHENTICATION, 0L);
            burst(publish, registrationFailures.sample(failures), "registration", "home-agent");
        }
        SnmpAgentStatus agent = snmp.get();
        if (agent != null) {
            burst(publish, snmpFailures.sample(agent.status().counters().authenticationFailures()), "snmp", "snmp");
        }
        BindingBackupStatus durable = backup.get();
        if (durable != null) {
            watchBackup(durable, publish);
        }
    }

    private void watchHighWater(Consumer<ApplianceEvent> publish) {
        BindingStore table = store.get();
        if (highWater <= 0 || table == null) {
            return;
        }
        int size = table.size();
        if (!aboveHighWater && size >= highWater) {
            aboveHighWater = true;
            publish.accept(ApplianceEvent.of(Kind.BINDING_TABLE_HIGH_WATER, clock.instant(), "binding-store",
                    "binding table at " + size + " bindings, high-water mark " + highWater,
                    Map.of("bindings", Integer.toString(size), "threshold", Integer.toString(highWater))));
        } else if (aboveHighWater && size <= clear) {
            aboveHighWater = false;
            publish.accept(ApplianceEvent.of(Kind.BINDING_TABLE_NORMAL, clock.instant(), "binding-store",
                    "binding table back at " + size + " bindings, clear mark " + clear,
                    Map.of("bindings", Integer.toString(size), "threshold", Integer.toString(clear))));
        }
    }

    private void burst(Consumer<ApplianceEvent> publish, long failures, String protocol, String source) {
        if (failures < 0) {
            return;
        }
        publish.accept(ApplianceEvent.of(Kind.AUTHENTICATION_FAILURE_BURST, clock.instant(), source,
                failures + " " + protocol + " authentication failures in " + windowSeconds + " s",
                Map.of("protocol", protocol, "failures", Long.toString(failures),
                        "windowSeconds", Integer.toString(windowSeconds))));
    }

    private void watchBackup(BindingBackupStatus backup, Consumer<ApplianceEvent> publish) {
        if (!restoreChecked) {
            restoreChecked = true;
            backupFailuresSeen = backup.writeFailures();
            backup.lastRestore().problem().ifPresent(problem -> publish.accept(ApplianceEvent.of(Kind.BACKUP_PROBLEM,
                    clock.instant(), "binding-store", "backup restore: " + problem,
                    Map.of("writeFailures", Long.toString(backupFailuresSeen)))));
            return;
        }
        long failures = backup.writeFailures();
        if (failures > backupFailuresSeen) {
            publish.accept(ApplianceEvent.of(Kind.BACKUP_PROBLEM, clock.instant(), "binding-store",
                    (failures - backupFailuresSeen) + " backup write failures (bindings kept in memory only)",
                    Map.of("writeFailures", Long.toString(failures))));
            backupFailuresSeen = failures;
        }
    }
}
