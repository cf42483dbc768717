package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.HomeagentMib;

/** The control node's events as HOMEAGENT-HACN-MIB's notifications, by their OIDs in mibs/HOMEAGENT-HACN-MIB.mib. */
class HacnNotificationsTest {

    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");
    private static final String EVENTS = "1.3.6.1.4.1.32473.1.2.1.4.";

    /** The FAILURE event as ControlCore.fail publishes it. */
    private static ApplianceEvent failed(String ha, String detection) {
        return ApplianceEvent.of(ApplianceEvent.Kind.FAILURE, AT, "hacn", "HA " + ha + " failed (" + detection
                + "): silent", Map.of("component", "hacn", "ha", ha, "detection", detection, "reason", "silent",
                        "bindings", "300"));
    }

    /** The ROLE_CHANGED event of a redundant HA activated, as Takeover publishes it. */
    private static ApplianceEvent activated(String cause) {
        return ApplianceEvent.roleChanged(AT, "hacn-ha-3", "receiving", "active", "activated with HA 1's 300 bindings")
                .withDetail("ha", "3").withDetail("takenFrom", "1").withDetail("bindings", "300")
                .withDetail("cause", cause);
    }

    @Test
    void anHaFailureNamesTheHaTheDetectionAndItsBindings() {
        Notification n = NotificationMapper.map(failed("1", "poll")).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.2.0.1"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID(EVENTS + "1.0"), new UnsignedInteger32(1)),
                new VariableBinding(new OID(EVENTS + "2.0"), new Integer32(2)), // poll(2)
                new VariableBinding(new OID(EVENTS + "3.0"), new Gauge32(300)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0),
                        new OctetString("HA 1 failed (poll): silent")));
        assertThat(NotificationMapper.map(failed("2", "heartbeat")).orElseThrow().bindings()[1].getVariable())
                .isEqualTo(new Integer32(1));
        assertThat(NotificationMapper.map(failed("2", "rejoin")).orElseThrow().bindings()[1].getVariable())
                .isEqualTo(new Integer32(6));
    }

    @Test
    void aControlNodeFailureWithoutTheHaOrWithADetectionTheMibDoesNotKnowIsStillAComponentFailure() {
        assertThat(NotificationMapper.map(failed("x", "poll")).orElseThrow().trapOid())
                .isEqualTo(HomeagentMib.COMPONENT_FAILURE);
        assertThat(NotificationMapper.map(failed("0", "poll")).orElseThrow().trapOid())
                .isEqualTo(HomeagentMib.COMPONENT_FAILURE);
        assertThat(NotificationMapper.map(failed("1", "telepathy")).orElseThrow().trapOid())
                .isEqualTo(HomeagentMib.COMPONENT_FAILURE);
        // another component's failure naming an HA is not the control node's
        ApplianceEvent other = ApplianceEvent.of(ApplianceEvent.Kind.FAILURE, AT, "data-plane", "down",
                Map.of("ha", "1", "detection", "poll"));
        assertThat(NotificationMapper.map(other).orElseThrow().trapOid()).isEqualTo(HomeagentMib.COMPONENT_FAILURE);
    }

    @Test
    void aRedundantHaActivatedIsATakeoverDoneWithBothHasTheCauseAndTheBindings() {
        Notification n = NotificationMapper.map(activated("failure")).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.2.0.2"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID(EVENTS + "1.0"), new UnsignedInteger32(3)),
                new VariableBinding(new OID(EVENTS + "4.0"), new UnsignedInteger32(1)),
                new VariableBinding(new OID(EVENTS + "5.0"), new Integer32(1)), // failure(1)
                new VariableBinding(new OID(EVENTS + "3.0"), new Gauge32(300)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0),
                        new OctetString("hacn-ha-3: receiving -> active (activated with HA 1's 300 bindings)")));
        assertThat(NotificationMapper.map(activated("switchover")).orElseThrow().bindings()[2].getVariable())
                .isEqualTo(new Integer32(2));
    }

    @Test
    void theHasOtherStateChangesStayRoleChanges() {
        ApplianceEvent suspect = ApplianceEvent.roleChanged(AT, "hacn-ha-1", "active", "suspect", "silent")
                .withDetail("ha", "1");
        ApplianceEvent back = ApplianceEvent.roleChanged(AT, "hacn-ha-1", "suspect", "active", "heard")
                .withDetail("ha", "1");

        assertThat(NotificationMapper.map(suspect).orElseThrow().trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
        assertThat(NotificationMapper.map(back).orElseThrow().trapOid()).as("active again, but no takeover")
                .isEqualTo(HomeagentMib.ROLE_CHANGE);
        assertThat(NotificationMapper.map(activated("mystery")).orElseThrow().trapOid())
                .isEqualTo(HomeagentMib.ROLE_CHANGE);
    }

    @Test
    void theStandbyControlNodeBecomingActiveNamesItsNodeAndTheBindingsItResumedWith() {
        ApplianceEvent resumed = ApplianceEvent.roleChanged(AT, "hacn", "standby", "active", "keepalived MASTER")
                .withDetail("node", "9").withDetail("agents", "2").withDetail("bindings", "200");

        Notification n = NotificationMapper.map(resumed).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.2.0.3"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.2.1.2.3.0"), new UnsignedInteger32(9)),
                new VariableBinding(new OID(EVENTS + "3.0"), new Gauge32(200)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0),
                        new OctetString("hacn: standby -> active (keepalived MASTER)")));
        ApplianceEvent noNode = ApplianceEvent.roleChanged(AT, "hacn", "standby", "active", "keepalived MASTER");
        assertThat(NotificationMapper.map(noNode).orElseThrow().trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
    }
}
