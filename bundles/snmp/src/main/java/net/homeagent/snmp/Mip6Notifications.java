package net.homeagent.snmp;

import static net.homeagent.snmp.NotificationMapper.gauge;
import static net.homeagent.snmp.NotificationMapper.text;

import java.util.Map;
import java.util.Optional;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip.api.management.Mip6NodeView.RecoveryState;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.HomeagentMib;
import net.homeagent.snmp.mib.Mip6Mib;

/**
 * A Mobile IPv6 role's binding recovery as HOMEAGENT-MIP6-MIB's notifications (docs/mip6.md,
 * "Management"): the ROLE_CHANGED event {@code restored -> recovering} of source {@code mip6-<role>}
 * is hm6RecoveryStarted (total), {@code recovering -> recovered} is hm6RecoveryFinished (total,
 * validated, deleted). The objects are the role's row of hm6RoleTable (instance: its Hm6Owner
 * number) with the figures the event carries, since the table may have moved on when a manager reads
 * it. Any other event of a MIPv6 role stays the generic hamRoleChange.
 */
final class Mip6Notifications {

    private Mip6Notifications() {
    }

    static Optional<Notification> recovery(ApplianceEvent event) {
        Map<String, String> d = event.details();
        Optional<Owner> owner = Owner.ofSource(event.source());
        if (owner.isEmpty() || owner.get() == Owner.NODE || !d.containsKey("total")) {
            return Optional.empty();
        }
        int row = Mip6Mib.ownerNumber(owner.get());
        if (Mip6NodeView.RECOVERING.equals(d.get("to"))) {
            return Optional.of(new Notification(Mip6Mib.RECOVERY_STARTED, new VariableBinding[] {
                column(Mip6Mib.RECOVERY_STATE, row, Mip6Mib.state(RecoveryState.RUNNING)),
                column(Mip6Mib.RECOVERY_TOTAL, row, gauge(d.get("total"))),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0), text(event.text()))}));
        }
        if (Mip6NodeView.RECOVERED.equals(d.get("to"))) {
            return Optional.of(new Notification(Mip6Mib.RECOVERY_FINISHED, new VariableBinding[] {
                column(Mip6Mib.RECOVERY_STATE, row, Mip6Mib.state(RecoveryState.FINISHED)),
                column(Mip6Mib.RECOVERY_TOTAL, row, gauge(d.get("total"))),
                column(Mip6Mib.RECOVERY_VALIDATED, row, gauge(d.get("validated"))),
                column(Mip6Mib.RECOVERY_DELETED, row, gauge(d.get("deleted"))),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0), text(event.text()))}));
        }
        return Optional.empty();
    }

    private static VariableBinding column(OID column, int row, Variable value) {
        return new VariableBinding(new OID(column).append(row), value);
    }
}
