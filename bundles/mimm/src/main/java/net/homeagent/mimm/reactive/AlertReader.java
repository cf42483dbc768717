package net.homeagent.mimm.reactive;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.codec.mimm.AlertReason;

/**
 * Reads a {@link ApplianceEvent.Kind#NETWORK_ALERT} into an {@link AlertRequest}: an SNMPv2c
 * {@code mimmAlert} trap of HOMEAGENT-MIMM-MIB (mibs/HOMEAGENT-MIMM-MIB.mib) as the routes' trap
 * receiver publishes it (the trap OID under {@code trap}, each variable binding under its dotted
 * OID), or an event any other source published on the routes with the same four values named
 * {@code subject}, {@code reason}, {@code expiry}, {@code alternative}. Another trap is not ours;
 * a {@code mimmAlert} with a missing or bad value is {@link Read.Bad}, never an exception.
 */
final class AlertReader {

    /** HOMEAGENT-MIMM-MIB: homeagentModules.5 under the project's enterprise arc. */
    static final String MIB = "1.3.6.1.4.1.32473.1.5";
    static final String ALERT_TRAP = MIB + ".0.1";
    static final String SUBJECT = MIB + ".1.1.1.0";
    static final String REASON = MIB + ".1.1.2.0";
    static final String EXPIRY = MIB + ".1.1.3.0";
    static final String ALTERNATIVE = MIB + ".1.1.4.0";
    static final int MAX_SUBJECT = 64;

    private final AlertSubjects subjects;

    AlertReader(AlertSubjects subjects) {
        this.subjects = subjects;
    }

    sealed interface Read {
        record Valid(AlertRequest alert) implements Read {
        }

        /** A trap of another MIB: counted, otherwise left alone. */
        record NotOurs(String trap) implements Read {
        }

        /** @param counterKey a fixed text for the counter; {@code detail} has the values */
        record Bad(String counterKey, String detail) implements Read {
        }
    }

    Read read(ApplianceEvent event) {
        Map<String, String> d = event.details();
        boolean trap = d.containsKey("trap");
        if (trap && !ALERT_TRAP.equals(d.get("trap"))) {
            return new Read.NotOurs(d.get("trap"));
        }
        String source = d.getOrDefault("peer", event.source());
        String subject = d.get(trap ? SUBJECT : "subject");
        String reasonText = d.get(trap ? REASON : "reason");
        String expiryText = d.get(trap ? EXPIRY : "expiry");
        String alternativeText = d.getOrDefault(trap ? ALTERNATIVE : "alternative", "0");
        if (subject == null || reasonText == null || expiryText == null) {
            return bad("alert value missing", "subject " + subject + ", reason " + reasonText + ", expiry "
                    + expiryText + " from " + source);
        }
        subject = subject.trim();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            return bad("alert subject", "'" + subject + "' from " + source + " (1.." + MAX_SUBJECT + " characters)");
        }
        Optional<List<Integer>> networks = subjects.networksOf(subject);
        if (networks.isEmpty()) {
            return bad("alert subject unknown", "'" + subject + "' from " + source
                    + " is no network id, network name or configured alertSubjects entry");
        }
        Optional<AlertReason> reason = reason(reasonText.trim());
        if (reason.isEmpty()) {
            return bad("alert reason", "'" + reasonText + "' from " + source + " (1..5 or congestion, outage,"
                    + " maintenance, security, other)");
        }
        long expiry;
        int alternative;
        try {
            expiry = Long.parseLong(expiryText.trim());
            alternative = Integer.parseInt(alternativeText.trim());
        } catch (NumberFormatException e) {
            return bad("alert number", "expiry '" + expiryText + "', alternative '" + alternativeText + "' from " + source);
        }
        if (expiry != -1 && (expiry < 1 || expiry > Integer.MAX_VALUE)) {
            return bad("alert expiry", expiry + " from " + source + " (positive seconds, or -1 for the rest of the session)");
        }
        if (alternative != 0 && (!subjects.knows(alternative) || networks.get().contains(alternative))) {
            return bad("alert alternative", "network " + alternative + " from " + source
                    + " (0 for none, else a known network the alert does not concern)");
        }
        return new Read.Valid(new AlertRequest(subject, networks.get(), reason.get(), expiry,
                alternative == 0 ? OptionalInt.empty() : OptionalInt.of(alternative), source));
    }

    private static Optional<AlertReason> reason(String text) {
        try {
            return AlertReason.ofCode(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(AlertReason.valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException notAName) {
                return Optional.empty();
            }
        }
    }

    private static Read bad(String key, String detail) {
        return new Read.Bad(key, key + ": " + detail);
    }
}
