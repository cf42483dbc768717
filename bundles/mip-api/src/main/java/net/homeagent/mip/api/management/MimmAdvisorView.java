package net.homeagent.mip.api.management;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The MIMM handoff advisor as a manager sees it (docs/mimm.md, "Operator"; the SNMP agent serves it
 * as HOMEAGENT-MIMM-MIB's mimmAdvisor, mimmNetworkTable and mimmAlertTable): read-only. Provided
 * by the mimm bundle while the advisor runs; no service, no advisor. Since 1.1.0.
 */
@ProviderType
public interface MimmAdvisorView {

    /** Every configured network with its live load, by id. */
    List<NetworkRow> networks();

    /** The advice counters since the advisor started. */
    Counters counters();

    /** The alerts that hold now, by id. */
    List<AlertRow> alerts();

    /**
     * A network and its load.
     *
     * @param sessionsKnown false while the real-time session source has no current figures (then
     *                      sessions and sessionKbps are 0)
     */
    record NetworkRow(int id, String name, String type, int capacityMobiles, long capacityKbps, int mobiles,
            int sessions, long sessionKbps, boolean sessionsKnown) {

        /** The scarcer of mobiles and kbit/s as a percentage of capacity (may pass 100), 0 for a network of no capacity. */
        public int loadPercent() {
            long byMobiles = capacityMobiles == 0 ? 0 : 100L * mobiles / capacityMobiles;
            long byKbps = capacityKbps == 0 ? 0 : 100L * sessionKbps / capacityKbps;
            return (int) Math.min(Integer.MAX_VALUE, Math.max(byMobiles, byKbps));
        }
    }

    /**
     * @param requests      Request Handoffs received
     * @param go            answered go
     * @param notNow        answered not now
     * @param no            answered no
     * @param pushesSent    reactive advice datagrams sent the first time
     * @param pushesAcked   reactive advice acknowledged
     * @param pushesGivenUp reactive advice unacknowledged after every retransmission
     * @param pulls         pulls received
     */
    record Counters(long requests, long go, long notNow, long no, long pushesSent, long pushesAcked, long pushesGivenUp,
            long pulls) {
    }

    /**
     * An alert that holds.
     *
     * @param reason      1 congestion, 2 outage, 3 maintenance, 4 security, 5 other (HOMEAGENT-MIMM-MIB)
     * @param expiry      what the mobiles are told: seconds, or -1 for the rest of the session
     * @param alternative a network to go to instead, 0 for none
     * @param until       when the advisor forgets it; empty when it holds until cleared
     */
    record AlertRow(int id, String subject, List<Integer> networks, int reason, long expiry, int alternative,
            Instant raisedAt, Optional<Instant> until) {

        public AlertRow {
            networks = List.copyOf(networks);
        }
    }
}
