package net.homeagent.snmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.codec.mimm.AlertReason;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.MimmMib;

/**
 * A MIMM_ALERT event (the advisor raised, expired or cleared an alert) as HOMEAGENT-MIMM-MIB's
 * mimmAlertStateChange, from the details the event's kind documents (alert, state, networks, reason,
 * expiry, subject, alternative). The advisor's own alerts are few (one per monitoring entity's trap,
 * and its end), so each becomes one notification, bounded by the agent's per-kind limiter.
 */
final class MimmAlertNotification {

    /** mimmAlertNotifyState's values, by the event's {@code state} detail. */
    private static final Map<String, Integer> STATES = Map.of("raised", 1, "expired", 2, "cleared", 3);
    /** mimmAlertSubject is a DisplayString (SIZE (1..64)). */
    private static final int SUBJECT_OCTETS = 64;

    private MimmAlertNotification() {
    }

    /**
     * @return empty for an event without a valid alert number (1..2^32-1) and a known state: none the
     *         advisor publishes; the other details fall back to the MIB's "none" (no alternative,
     *         reason other) rather than lose the notification
     */
    static Optional<Notification> of(ApplianceEvent event) {
        Map<String, String> d = event.details();
        long id = number(d.get("alert"), 0);
        Integer state = STATES.get(d.getOrDefault("state", ""));
        if (id < 1 || id > 0xFFFF_FFFFL || state == null) {
            return Optional.empty();
        }
        AlertReason reason = Arrays.stream(AlertReason.values())
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(d.get("reason")))
                .findFirst().orElse(AlertReason.OTHER);
        long expiry = number(d.get("expiry"), -1);
        long alternative = number(d.get("alternative"), 0);
        return Optional.of(new Notification(MimmMib.ALERT_STATE_CHANGE, new VariableBinding[] {
            vb(MimmMib.ALERT_NOTIFY_ID, new UnsignedInteger32(id)),
            vb(MimmMib.ALERT_NOTIFY_STATE, new Integer32(state)),
            vb(MimmMib.ALERT_NOTIFY_NETWORKS, text(d.getOrDefault("networks", ""), 255)),
            vb(MimmMib.ALERT_SUBJECT, text(d.getOrDefault("subject", ""), SUBJECT_OCTETS)),
            vb(MimmMib.ALERT_REASON, new Integer32(reason.code())),
            // Integer32 (-1 | 1..2147483647): anything else the event could carry reads as -1
            vb(MimmMib.ALERT_EXPIRY, new Integer32(expiry >= 1 && expiry <= Integer.MAX_VALUE ? (int) expiry : -1)),
            vb(MimmMib.ALERT_ALTERNATIVE, new UnsignedInteger32(alternative >= 0 && alternative <= 0xFFFF ? alternative : 0))}));
    }

    private static VariableBinding vb(OID object, Variable value) {
        return new VariableBinding(new OID(object).append(0), value);
    }

    private static OctetString text(String s, int octets) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new OctetString(Arrays.copyOf(utf8, Math.min(utf8.length, octets)));
    }

    private static long number(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
