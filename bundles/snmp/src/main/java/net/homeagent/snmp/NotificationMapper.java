package net.homeagent.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.mip.api.management.RedundancyGroupView.State;
import net.homeagent.snmp.mib.DelegationMib;
import net.homeagent.snmp.mib.GroupMib;
import net.homeagent.snmp.mib.HomeagentMib;

/**
 * Which appliance events become which HOMEAGENT-MIB (or HOMEAGENT-MIMM-MIB) notification, with the objects the MIB's
 * NOTIFICATION-TYPE lists (instance {@code .0} of each scalar or accessible-for-notify object).
 * Binding added/removed and received network alerts are not notified (they are too many, or came
 * from a manager in the first place); the agent's start is the standard coldStart SNMP4J-Agent sends.
 */
final class NotificationMapper {

    /** A notification to send: its snmpTrapOID and variable bindings. */
    record Notification(OID trapOid, VariableBinding[] bindings) {
    }

    private NotificationMapper() {
    }

    static Optional<Notification> map(ApplianceEvent event) {
        Map<String, String> d = event.details();
        List<VariableBinding> vbs = new ArrayList<>();
        OID trap;
        switch (event.kind()) {
            case BINDING_TABLE_HIGH_WATER, BINDING_TABLE_NORMAL -> {
                trap = event.kind() == ApplianceEvent.Kind.BINDING_TABLE_HIGH_WATER ? HomeagentMib.BINDING_HIGH_WATER
                        : HomeagentMib.BINDING_NORMAL;
                vbs.add(vb(HomeagentMib.STORE_BINDINGS, gauge(d.get("bindings"))));
                vbs.add(vb(HomeagentMib.EVENT_THRESHOLD, gauge(d.get("threshold"))));
            }
            case AUTHENTICATION_FAILURE_BURST -> {
                trap = HomeagentMib.AUTH_FAILURE_BURST;
                vbs.add(vb(HomeagentMib.EVENT_SOURCE, text(d.getOrDefault("protocol", event.source()))));
                vbs.add(vb(HomeagentMib.EVENT_COUNT, gauge(d.get("failures"))));
                vbs.add(vb(HomeagentMib.EVENT_TEXT, text(event.text())));
            }
            case BACKUP_PROBLEM -> {
                trap = HomeagentMib.BACKUP_PROBLEM;
                vbs.add(vb(HomeagentMib.BACKUP_WRITE_FAILURES, new Counter64(number(d.get("writeFailures")))));
                vbs.add(vb(HomeagentMib.EVENT_TEXT, text(event.text())));
            }
            case ROLE_CHANGED -> {
                // a role's own notification where it has one (group member, control node, MIPv6 recovery),
                // else the generic one
                Optional<Notification> specific = groupStateChange(event).or(() -> HacnNotifications.roleChange(event))
                        .or(() -> Mip6Notifications.recovery(event));
                if (specific.isPresent()) {
                    return specific;
                }
                trap = HomeagentMib.ROLE_CHANGE;
                vbs.add(vb(HomeagentMib.EVENT_SOURCE, text(event.source())));
                vbs.add(vb(HomeagentMib.EVENT_TEXT, text(event.text())));
            }
            case FAILURE -> {
                Optional<Notification> specific = delegationShaLost(event).or(() -> HacnNotifications.agentFailure(event));
                if (specific.isPresent()) {
                    return specific;
                }
                trap = HomeagentMib.COMPONENT_FAILURE;
                vbs.add(vb(HomeagentMib.EVENT_SOURCE, text(event.source())));
                vbs.add(vb(HomeagentMib.EVENT_TEXT, text(event.text())));
            }
            case LOAD_MOVES -> {
                trap = HomeagentMib.DELEGATION_MOVES;
                vbs.add(vb(DelegationMib.POLICY, text(d.getOrDefault("policy", ""))));
                vbs.add(vb(DelegationMib.EVENT_MOVED, gauge(d.get("moves"))));
                vbs.add(vb(HomeagentMib.EVENT_COUNT, gauge(d.get("overBudget"))));
                vbs.add(vb(HomeagentMib.EVENT_TEXT, text(event.text())));
            }
            case MIMM_ALERT -> {
                return MimmAlertNotification.of(event);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Notification(trap, vbs.toArray(VariableBinding[]::new)));
    }

    /**
     * The group member's state change as hamGroupStateChange, with the states the event names (the
     * member may have moved on by the time a manager reads hamGroupState). An event of the member that
     * lacks its node id or a known state goes out as the generic hamRoleChange rather than be lost.
     */
    private static Optional<Notification> groupStateChange(ApplianceEvent event) {
        Map<String, String> d = event.details();
        Optional<State> from = State.ofLabel(d.getOrDefault("from", ""));
        Optional<State> to = State.ofLabel(d.getOrDefault("to", ""));
        long node = number(d.get("node"));
        if (!RedundancyGroupView.ROLE.equals(event.source()) || from.isEmpty() || to.isEmpty() || node < 1
                || node > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Notification(HomeagentMib.GROUP_STATE_CHANGE, new VariableBinding[] {
            vb(GroupMib.NODE_ID, new UnsignedInteger32(node)),
            vb(GroupMib.PREVIOUS_STATE, GroupMib.state(from.get())),
            vb(GroupMib.STATE, GroupMib.state(to.get())),
            vb(HomeagentMib.EVENT_TEXT, text(event.text()))}));
    }

    /**
     * A PHA's SHA declared failed as hamDelegationShaLost: its node id, how many mobiles it forwarded
     * and how many of them went to another SHA (the rest the PHA forwards). A failure event of an SHA
     * without its node id goes out as the generic hamComponentFailure rather than be lost.
     */
    private static Optional<Notification> delegationShaLost(ApplianceEvent event) {
        Map<String, String> d = event.details();
        long node = number(d.get("node"));
        if (!event.source().startsWith(DelegationView.SHA_SOURCE_PREFIX) || node < 1 || node > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Notification(HomeagentMib.DELEGATION_SHA_LOST, new VariableBinding[] {
            vb(DelegationMib.EVENT_NODE, new UnsignedInteger32(node)),
            vb(DelegationMib.EVENT_MOBILES, gauge(d.get("mobiles"))),
            vb(DelegationMib.EVENT_MOVED, gauge(d.get("moved"))),
            vb(HomeagentMib.EVENT_TEXT, text(event.text()))}));
    }

    static VariableBinding vb(OID object, Variable value) {
        return new VariableBinding(new OID(object).append(0), value);
    }

    /** SnmpAdminString is at most 255 octets (RFC 3411). */
    static OctetString text(String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new OctetString(java.util.Arrays.copyOf(utf8, Math.min(utf8.length, 255)));
    }

    static Gauge32 gauge(String value) {
        return new Gauge32(Math.min(Math.max(number(value), 0), 0xFFFF_FFFFL));
    }

    static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
