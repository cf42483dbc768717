package net.homeagent.delegation.sha;

import java.time.Duration;

import net.homeagent.delegation.PeerAddress;
import net.homeagent.peer.PeerNode;

/** {@link ShaConfig} checked: every bad value is refused at activation with the key named. */
/**
 * @param loadReport      how often the SHA sends its PHA a Load Report (the packets of its entries);
 *                        zero: never (the PHA's load policies then see no rate for its mobiles)
 * @param phaRestartGrace how long the entries of a restarted PHA's earlier life are kept forwarding,
 *                        for it to tell them again (then they are announced again); zero: dropped at once
 */
public record ShaSettings(PeerNode pha, int capacity, Duration heartbeat, Duration loadReport,
        Duration phaRestartGrace) {

    /** Load Reports every second, 5 s of grace for a restarted PHA. */
    public ShaSettings(PeerNode pha, int capacity, Duration heartbeat) {
        this(pha, capacity, heartbeat, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    public ShaSettings {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " is negative");
        }
        if (heartbeat.toMillis() < 10 || heartbeat.toMillis() > 60_000) {
            throw new IllegalArgumentException("heartbeatMillis: " + heartbeat.toMillis() + " out of 10..60000");
        }
        if (!loadReport.isZero() && (loadReport.compareTo(heartbeat) < 0 || loadReport.toMillis() > 600_000)) {
            throw new IllegalArgumentException("loadReportMillis: " + loadReport.toMillis() + " neither 0 nor "
                    + heartbeat.toMillis() + "..600000 (it is sent with a heartbeat)");
        }
        if (phaRestartGrace.isNegative() || phaRestartGrace.toMillis() > 600_000) {
            throw new IllegalArgumentException("phaRestartGraceMillis: " + phaRestartGrace.toMillis()
                    + " out of 0..600000");
        }
    }

    public static ShaSettings from(ShaConfig config) {
        return new ShaSettings(PeerAddress.parse("pha", config.pha()), config.capacity(),
                Duration.ofMillis(config.heartbeatMillis()), Duration.ofMillis(config.loadReportMillis()),
                Duration.ofMillis(config.phaRestartGraceMillis()));
    }
}
