package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.HomeagentMib;

class Mip6NotificationsTest {

    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");
    /** HOMEAGENT-MIP6-MIB hm6RoleEntry, as mibs/HOMEAGENT-MIP6-MIB.mib numbers it. */
    private static final String ROLE_ENTRY = "1.3.6.1.4.1.32473.1.3.1.3.1";

    @Test
    void aRecoveryStartIsHm6RecoveryStartedOnTheRolesRowWithItsTotal() {
        ApplianceEvent started = ApplianceEvent.roleChanged(AT, "mip6-correspondent-node", "restored", "recovering",
                "correspondent node binding recovery of 100 restored entries started").withDetail("total", "100");

        Notification n = NotificationMapper.map(started).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.3.0.1"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID(ROLE_ENTRY + ".4.3"), new Integer32(2)),    // running, correspondentNode(3)
                new VariableBinding(new OID(ROLE_ENTRY + ".5.3"), new Gauge32(100)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0), new OctetString(
                        "mip6-correspondent-node: restored -> recovering (correspondent node binding recovery of 100"
                                + " restored entries started)")));
    }

    @Test
    void aRecoveryEndIsHm6RecoveryFinishedWithTotalValidatedDeleted() {
        ApplianceEvent finished = ApplianceEvent.roleChanged(AT, "mip6-home-agent", "recovering", "recovered",
                "home agent binding recovery finished: 150 validated, 50 deleted of 200").withDetail("total", "200")
                .withDetail("validated", "150").withDetail("deleted", "50");

        Notification n = NotificationMapper.map(finished).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.3.0.2"));
        assertThat(n.bindings()).extracting(VariableBinding::getOid).containsExactly(new OID(ROLE_ENTRY + ".4.2"),
                new OID(ROLE_ENTRY + ".5.2"), new OID(ROLE_ENTRY + ".6.2"), new OID(ROLE_ENTRY + ".7.2"),
                new OID(HomeagentMib.EVENT_TEXT).append(0));
        assertThat(n.bindings()).extracting(VariableBinding::getVariable).startsWith(new Integer32(3),
                new Gauge32(200), new Gauge32(150), new Gauge32(50));
    }

    @Test
    void otherEventsOfAMip6RoleOrOfOthersNamedSoStayHamRoleChange() {
        ApplianceEvent noTotal = ApplianceEvent.roleChanged(AT, "mip6-map", "restored", "recovering", "?");
        ApplianceEvent otherState = ApplianceEvent.roleChanged(AT, "mip6-home-agent", "a", "b", "?")
                .withDetail("total", "1");
        ApplianceEvent notMip6 = ApplianceEvent.roleChanged(AT, "mip6-somebody", "restored", "recovering", "?")
                .withDetail("total", "1");

        for (ApplianceEvent event : new ApplianceEvent[] {noTotal, otherState, notMip6}) {
            assertThat(NotificationMapper.map(event).orElseThrow().trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
        }
    }
}
