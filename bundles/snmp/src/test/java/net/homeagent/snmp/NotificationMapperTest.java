package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.HomeagentMib;

class NotificationMapperTest {

    private static final Instant AT = Instant.parse("2026-12-06T03:00:00Z");

    /** The member's event as GroupMember publishes it. */
    private static ApplianceEvent memberChanged(String from, String to) {
        return ApplianceEvent.roleChanged(AT, RedundancyGroupView.ROLE, from, to, "keepalived_master")
                .withDetail("node", "2");
    }

    @Test
    void theGroupMembersStateChangeNamesItsNodeTheStateItLeftAndTheStateItEntered() {
        Notification n = NotificationMapper.map(memberChanged("standby", "active")).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.1.0.7"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.5.1.0"), new UnsignedInteger32(2)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.5.16.0"), new Integer32(3)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.5.2.0"), new Integer32(4)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0),
                        new OctetString("group-member: standby -> active (keepalived_master)")));
    }

    @Test
    void aMemberEventWithoutItsNodeOrWithAnUnknownStateIsStillSentAsARoleChange() {
        ApplianceEvent noNode = ApplianceEvent.roleChanged(AT, RedundancyGroupView.ROLE, "init", "learn", "start");
        ApplianceEvent unknownState = memberChanged("learn", "dreaming");

        assertThat(NotificationMapper.map(noNode).orElseThrow().trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
        assertThat(NotificationMapper.map(unknownState).orElseThrow().trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
    }

    @Test
    void anotherRolesChangeIsARoleChangeWithItsSourceAndText() {
        ApplianceEvent pha = ApplianceEvent.roleChanged(AT, "delegation-pha", "off", "primary", "2 SHAs");

        Notification n = NotificationMapper.map(pha).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(HomeagentMib.ROLE_CHANGE);
        assertThat(n.bindings()).extracting(VariableBinding::getOid).containsExactly(
                new OID(HomeagentMib.EVENT_SOURCE).append(0), new OID(HomeagentMib.EVENT_TEXT).append(0));
    }

    @Test
    void anShaDeclaredFailedIsHamDelegationShaLostWithItsNodeItsMobilesAndWhereTheyWent() {
        ApplianceEvent lost = ApplianceEvent.failure(AT, "delegation-sha-2", "SHA 2 failed: silent")
                .withDetail("node", "2").withDetail("mobiles", "140").withDetail("moved", "138");

        Notification n = NotificationMapper.map(lost).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.1.0.8"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.6.11.0"), new UnsignedInteger32(2)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.6.12.0"), new Gauge32(140)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.6.13.0"), new Gauge32(138)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0), new OctetString("SHA 2 failed: silent")));
        // another component's failure, or an SHA's without its node id, stays hamComponentFailure
        assertThat(NotificationMapper.map(ApplianceEvent.failure(AT, "data-plane", "ip -batch died")).orElseThrow()
                .trapOid()).isEqualTo(HomeagentMib.COMPONENT_FAILURE);
        assertThat(NotificationMapper.map(ApplianceEvent.failure(AT, "delegation-sha-x", "?")).orElseThrow()
                .trapOid()).isEqualTo(HomeagentMib.COMPONENT_FAILURE);
    }

    @Test
    void aPolicysMovesAreHamDelegationMovesWithThePolicyTheMovesAndThoseOverTheBudget() {
        ApplianceEvent moves = ApplianceEvent.of(ApplianceEvent.Kind.LOAD_MOVES, AT, "delegation-pha",
                "policy packet-threshold moved 10 mobiles, 4 more over the budget of 10",
                java.util.Map.of("policy", "packet-threshold", "moves", "10", "overBudget", "4"));

        Notification n = NotificationMapper.map(moves).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.1.0.9"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.6.1.0"), new OctetString("packet-threshold")),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.1.1.6.13.0"), new Gauge32(10)),
                new VariableBinding(new OID(HomeagentMib.EVENT_COUNT).append(0), new Gauge32(4)),
                new VariableBinding(new OID(HomeagentMib.EVENT_TEXT).append(0),
                        new OctetString("policy packet-threshold moved 10 mobiles, 4 more over the budget of 10")));
    }
}
