package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.snmp.NotificationMapper.Notification;

class MimmAlertNotificationTest {

    private static final Instant AT = Instant.parse("2026-12-07T05:00:00Z");

    /** The details as the advisor's AlertEvents publishes them (ApplianceEvent.Kind.MIMM_ALERT's contract). */
    private static ApplianceEvent alert(String state, Map<String, String> changes) {
        Map<String, String> details = new HashMap<>(Map.of("alert", "7", "state", state, "networks", "1,3",
                "reason", "outage", "expiry", "8", "subject", "ap-17", "alternative", "2"));
        details.putAll(changes);
        return ApplianceEvent.of(ApplianceEvent.Kind.MIMM_ALERT, AT, "mimm", "MIMM alert 7 " + state, details);
    }

    @Test
    void aRaisedAlertIsMimmAlertStateChangeWithTheAdvisorsNumberStateNetworksAndTheAlertsFourObjects() {
        Notification n = NotificationMapper.map(alert("raised", Map.of())).orElseThrow();

        assertThat(n.trapOid()).isEqualTo(new OID("1.3.6.1.4.1.32473.1.5.0.2"));
        assertThat(n.bindings()).containsExactly(
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.5.0"), new UnsignedInteger32(7)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.6.0"), new Integer32(1)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.7.0"), new OctetString("1,3")),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.1.0"), new OctetString("ap-17")),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.2.0"), new Integer32(2)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.3.0"), new Integer32(8)),
                new VariableBinding(new OID("1.3.6.1.4.1.32473.1.5.1.1.4.0"), new UnsignedInteger32(2)));
    }

    @Test
    void expiredAndClearedAreStates2And3AndAnAlertForTheRestOfTheSessionHasExpiryMinus1() {
        Notification expired = NotificationMapper.map(alert("expired", Map.of())).orElseThrow();
        Notification cleared = NotificationMapper.map(alert("cleared", Map.of("expiry", "-1", "alternative", "0",
                "reason", "maintenance"))).orElseThrow();

        assertThat(expired.bindings()[1].getVariable()).isEqualTo(new Integer32(2));
        assertThat(cleared.bindings()[1].getVariable()).isEqualTo(new Integer32(3));
        assertThat(cleared.bindings()[4].getVariable()).isEqualTo(new Integer32(3));
        assertThat(cleared.bindings()[5].getVariable()).isEqualTo(new Integer32(-1));
        assertThat(cleared.bindings()[6].getVariable()).isEqualTo(new UnsignedInteger32(0));
    }

    @Test
    void valuesOutsideTheMibsRangesFallBackToItsNoneAndALongSubjectIsCutTo64Octets() {
        Notification n = NotificationMapper.map(alert("raised", Map.of("reason", "meteor", "expiry", "0",
                "alternative", "70000", "subject", "s".repeat(100)))).orElseThrow();

        assertThat(n.bindings()[3].getVariable()).isEqualTo(new OctetString("s".repeat(64)));
        assertThat(n.bindings()[4].getVariable()).as("other(5)").isEqualTo(new Integer32(5));
        assertThat(n.bindings()[5].getVariable()).isEqualTo(new Integer32(-1));
        assertThat(n.bindings()[6].getVariable()).isEqualTo(new UnsignedInteger32(0));
    }

    @Test
    void anEventWithoutAValidAlertNumberOrAKnownStateIsNotNotified() {
        assertThat(NotificationMapper.map(alert("raised", Map.of("alert", "0")))).isEmpty();
        assertThat(NotificationMapper.map(alert("raised", Map.of("alert", "x")))).isEmpty();
        assertThat(NotificationMapper.map(alert("raised", Map.of("alert", "4294967296")))).isEmpty();
        assertThat(NotificationMapper.map(alert("forgotten", Map.of()))).isEmpty();
    }
}
