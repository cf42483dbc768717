package net.homeagent.snmp;

import static net.homeagent.snmp.NotificationMapper.gauge;
import static net.homeagent.snmp.NotificationMapper.number;
import static net.homeagent.snmp.NotificationMapper.text;
import static net.homeagent.snmp.NotificationMapper.vb;

import java.util.Map;
import java.util.Optional;

import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.management.ControlNodeView.Detection;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.HacnMib;
import net.homeagent.snmp.mib.HomeagentMib;

/**
 * The HA control node's appliance events as HOMEAGENT-HACN-MIB's notifications (docs/hacn.md): an
 * HA declared failed (FAILURE, source {@code hacn}, details ha, detection, bindings), a redundant HA
 * activated with a failed or switched-over HA's bindings (ROLE_CHANGED {@code hacn-ha-<id>} receiving
 * -> active, details takenFrom, bindings, cause) and the standby control node becoming active
 * (ROLE_CHANGED {@code hacn} standby -> active, details node, bindings). An event of the control node
 * that lacks what its notification needs is left to the generic hamComponentFailure / hamRoleChange
 * rather than be lost; the other state changes of the HAs stay hamRoleChange.
 */
final class HacnNotifications {

    private HacnNotifications() {
    }

    /** hacnAgentFailure, for a FAILURE event naming the HA and a detection the MIB knows. */
    static Optional<Notification> agentFailure(ApplianceEvent event) {
        Map<String, String> d = event.details();
        Optional<Detection> detection = Detection.ofLabel(d.getOrDefault("detection", ""));
        long ha = number(d.get("ha"));
        if (!ControlNodeView.SOURCE.equals(event.source()) || detection.isEmpty() || !nodeId(ha)) {
            return Optional.empty();
        }
        return Optional.of(new Notification(HacnMib.AGENT_FAILURE, new VariableBinding[] {
            vb(HacnMib.EVENT_AGENT, new UnsignedInteger32(ha)),
            vb(HacnMib.EVENT_DETECTION, HacnMib.detection(detection.get())),
            vb(HacnMib.EVENT_BINDINGS, gauge(d.get("bindings"))),
            vb(HomeagentMib.EVENT_TEXT, text(event.text()))}));
    }

    /** hacnTakeoverDone or hacnControlNodeActive, for the ROLE_CHANGED events that are one. */
    static Optional<Notification> roleChange(ApplianceEvent event) {
        Map<String, String> d = event.details();
        if (ControlNodeView.SOURCE.equals(event.source()) && "active".equals(d.get("to"))
                && nodeId(number(d.get("node")))) {
            return Optional.of(new Notification(HacnMib.CONTROL_NODE_ACTIVE, new VariableBinding[] {
                vb(HacnMib.PAIR_ACTIVE_NODE, new UnsignedInteger32(number(d.get("node")))),
                vb(HacnMib.EVENT_BINDINGS, gauge(d.get("bindings"))),
                vb(HomeagentMib.EVENT_TEXT, text(event.text()))}));
        }
        long ha = number(d.get("ha"));
        long from = number(d.get("takenFrom"));
        String cause = d.getOrDefault("cause", "");
        if (!event.source().startsWith(ControlNodeView.AGENT_SOURCE_PREFIX) || !"active".equals(d.get("to"))
                || !nodeId(ha) || !nodeId(from) || !(cause.equals("failure") || cause.equals("switchover"))) {
            return Optional.empty();
        }
        return Optional.of(new Notification(HacnMib.TAKEOVER_DONE, new VariableBinding[] {
            vb(HacnMib.EVENT_AGENT, new UnsignedInteger32(ha)),
            vb(HacnMib.EVENT_TAKEN_FROM, new UnsignedInteger32(from)),
            vb(HacnMib.EVENT_CAUSE, new Integer32(cause.equals("failure") ? 1 : 2)),
            vb(HacnMib.EVENT_BINDINGS, gauge(d.get("bindings"))),
            vb(HomeagentMib.EVENT_TEXT, text(event.text()))}));
    }

    private static boolean nodeId(long id) {
        return id >= 1 && id <= Integer.MAX_VALUE;
    }
}
