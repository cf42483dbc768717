package net.homeagent.snmp.mib;

import java.util.function.LongSupplier;

import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationStatistics;

/**
 * The objects of our own HOMEAGENT-MIB (mibs/HOMEAGENT-MIB.mib) for what MIP-MIB lacks: the binding
 * store and its durable backup, and the objects our notifications carry ({@link GroupMib} serves the
 * module's redundancy group member). The OIDs here and in the
 * MIB text must agree: tools/snmp/run-snmp.sh walks the agent with net-snmp reading mibs/ and
 * checks the names it prints.
 */
public final class HomeagentMib extends MibModule {

    /** HOMEAGENT-SMI: enterprises.32473, the number RFC 5612 reserves for documentation (docs/snmp.md). */
    public static final OID HOMEAGENT = new OID("1.3.6.1.4.1.32473");
    /** sysObjectID of the appliance: homeagentProducts.1. */
    public static final OID APPLIANCE = new OID(HOMEAGENT).append(2).append(1);
    public static final OID MIB = new OID(HOMEAGENT).append(1).append(1);
    public static final OID NOTIFICATIONS = new OID(MIB).append(0);
    static final OID OBJECTS = new OID(MIB).append(1);

    static final OID STORE = new OID(OBJECTS).append(1);
    public static final OID STORE_BINDINGS = new OID(STORE).append(1);
    static final OID STORE_DEREGISTRATIONS = new OID(STORE).append(2);
    static final OID STORE_EXPIRED = new OID(STORE).append(3);

    static final OID BACKUP = new OID(OBJECTS).append(2);
    static final OID BACKUP_ENABLED = new OID(BACKUP).append(1);
    static final OID BACKUP_CHANGES_WRITTEN = new OID(BACKUP).append(2);
    static final OID BACKUP_SYNCS = new OID(BACKUP).append(3);
    public static final OID BACKUP_WRITE_FAILURES = new OID(BACKUP).append(4);
    static final OID BACKUP_RESTORED = new OID(BACKUP).append(5);
    static final OID BACKUP_RESTORE_DROPPED = new OID(BACKUP).append(6);
    static final OID BACKUP_RESTORE_FAILED = new OID(BACKUP).append(7);

    /** hamObjects.3 is reserved for the data plane's counters (added with the data plane). */
    static final OID EVENTS = new OID(OBJECTS).append(4);
    public static final OID EVENT_SOURCE = new OID(EVENTS).append(1);
    public static final OID EVENT_TEXT = new OID(EVENTS).append(2);
    public static final OID EVENT_COUNT = new OID(EVENTS).append(3);
    public static final OID EVENT_THRESHOLD = new OID(EVENTS).append(4);
    static final OID NOTIFICATIONS_SUPPRESSED = new OID(EVENTS).append(5);

    public static final OID BINDING_HIGH_WATER = new OID(NOTIFICATIONS).append(1);
    public static final OID BINDING_NORMAL = new OID(NOTIFICATIONS).append(2);
    public static final OID AUTH_FAILURE_BURST = new OID(NOTIFICATIONS).append(3);
    public static final OID BACKUP_PROBLEM = new OID(NOTIFICATIONS).append(4);
    public static final OID COMPONENT_FAILURE = new OID(NOTIFICATIONS).append(5);
    public static final OID ROLE_CHANGE = new OID(NOTIFICATIONS).append(6);
    public static final OID GROUP_STATE_CHANGE = new OID(NOTIFICATIONS).append(7);
    public static final OID DELEGATION_SHA_LOST = new OID(NOTIFICATIONS).append(8);
    public static final OID DELEGATION_MOVES = new OID(NOTIFICATIONS).append(9);

    /** TruthValue (RFC 2579): true(1), false(2). */
    static final int TRUE = 1;
    static final int FALSE = 2;

    public HomeagentMib(BindingStore store, RegistrationStatistics statistics, BindingBackupStatus backup,
            LongSupplier notificationsSuppressed) {
        serve(new LiveScalar<>(STORE_BINDINGS, () -> new Gauge32(store.size())));
        serve(new LiveScalar<>(STORE_DEREGISTRATIONS, () -> new Counter64(statistics.snapshot().deregistrations())));
        serve(new LiveScalar<>(STORE_EXPIRED, () -> new Counter64(statistics.snapshot().expiredBindings())));
        serve(new LiveScalar<>(BACKUP_ENABLED, () -> new Integer32(backup.enabled() ? TRUE : FALSE)));
        serve(new LiveScalar<>(BACKUP_CHANGES_WRITTEN, () -> new Counter64(backup.changesWritten())));
        serve(new LiveScalar<>(BACKUP_SYNCS, () -> new Counter64(backup.syncs())));
        serve(new LiveScalar<>(BACKUP_WRITE_FAILURES, () -> new Counter64(backup.writeFailures())));
        serve(new LiveScalar<>(BACKUP_RESTORED, () -> gauge(backup.lastRestore().restored())));
        serve(new LiveScalar<>(BACKUP_RESTORE_DROPPED, () -> gauge(backup.lastRestore().dropped())));
        serve(new LiveScalar<>(BACKUP_RESTORE_FAILED, () -> gauge(backup.lastRestore().failed())));
        serve(new LiveScalar<>(NOTIFICATIONS_SUPPRESSED,
                () -> new Counter32(notificationsSuppressed.getAsLong() & 0xFFFF_FFFFL)));
    }

    /** Gauge32 latches at its maximum (RFC 2578 §7.1.7). */
    static Gauge32 gauge(long value) {
        return new Gauge32(Math.min(Math.max(value, 0), 0xFFFF_FFFFL));
    }
}
