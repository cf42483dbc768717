package net.homeagent.delegation.pha;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.homeagent.delegation.PeerAddress;
import net.homeagent.peer.PeerNode;

/**
 * {@link PhaConfig} checked: every bad value is refused at activation with the key named.
 *
 * @param startsInFlight   the most Starts awaiting their ack per SHA; the others wait at the PHA
 * @param startsPerMessage the most Starts sent together in one peer-link message (a Batch); 1: each
 *                         alone, as type 1 (an SHA of the first slice knows no Batch)
 */
public record PhaSettings(List<PeerNode> shas, String policy, ReplyOrder order, Duration ackTimeout,
        Duration heartbeat, int heartbeatMisses, LoadSettings load, int startsInFlight, int startsPerMessage) {

    /** {@link PhaConfig}'s default of {@code startsInFlight}. */
    public static final int DEFAULT_STARTS_IN_FLIGHT = 1024;
    /**
     * The largest window allowed: well inside the peer link's replay windows (65,536 messages by
     * default, counting every message of the sender to any node), so that a Start the link still
     * retransmits is never older than the SHA's window.
     */
    public static final int MAX_STARTS_IN_FLIGHT = 16_384;
    /** {@link PhaConfig}'s default of {@code startsPerMessage}: a Batch of 8 + 32 x 32 = 1,032 bytes. */
    public static final int DEFAULT_STARTS_PER_MESSAGE = 32;
    /**
     * The most Starts in one Batch: 8 + 40 x 32 = 1,288 bytes, inside the peer link's payload at its
     * default MTU (1,400 - 78 = 1,322 bytes).
     */
    public static final int MAX_STARTS_PER_MESSAGE = 40;

    /** With the load policies' defaults. */
    public PhaSettings(List<PeerNode> shas, String policy, ReplyOrder order, Duration ackTimeout, Duration heartbeat,
            int heartbeatMisses) {
        this(shas, policy, order, ackTimeout, heartbeat, heartbeatMisses, LoadSettings.DEFAULTS);
    }

    /** With the default window of Starts in flight. */
    public PhaSettings(List<PeerNode> shas, String policy, ReplyOrder order, Duration ackTimeout, Duration heartbeat,
            int heartbeatMisses, LoadSettings load) {
        this(shas, policy, order, ackTimeout, heartbeat, heartbeatMisses, load, DEFAULT_STARTS_IN_FLIGHT,
                DEFAULT_STARTS_PER_MESSAGE);
    }

    public PhaSettings {
        shas = List.copyOf(shas);
        Set<Integer> ids = new HashSet<>();
        for (PeerNode sha : shas) {
            if (!ids.add(sha.nodeId())) {
                throw new IllegalArgumentException("shas: node " + sha.nodeId() + " twice");
            }
        }
        if (ackTimeout.toMillis() < 10 || ackTimeout.toMillis() > 60_000) {
            throw new IllegalArgumentException("ackTimeoutMillis: " + ackTimeout.toMillis() + " out of 10..60000");
        }
        if (heartbeat.toMillis() < 10 || heartbeat.toMillis() > 60_000) {
            throw new IllegalArgumentException("heartbeatMillis: " + heartbeat.toMillis() + " out of 10..60000");
        }
        if (heartbeatMisses < 1 || heartbeatMisses > 100) {
            throw new IllegalArgumentException("heartbeatMisses: " + heartbeatMisses + " out of 1..100");
        }
        if (startsInFlight < 1 || startsInFlight > MAX_STARTS_IN_FLIGHT) {
            throw new IllegalArgumentException("startsInFlight: " + startsInFlight + " out of 1.." + MAX_STARTS_IN_FLIGHT);
        }
        if (startsPerMessage < 1 || startsPerMessage > MAX_STARTS_PER_MESSAGE) {
            throw new IllegalArgumentException("startsPerMessage: " + startsPerMessage + " out of 1.."
                    + MAX_STARTS_PER_MESSAGE);
        }
    }

    public static PhaSettings from(PhaConfig config) {
        List<PeerNode> shas = Arrays.stream(config.shas()).flatMap(v -> Arrays.stream(v.split("[,\\s]+")))
                .filter(s -> !s.isBlank()).map(s -> PeerAddress.parse("shas", s)).toList();
        return new PhaSettings(shas, config.policy().trim(), ReplyOrder.parse(config.order()),
                Duration.ofMillis(config.ackTimeoutMillis()), Duration.ofMillis(config.heartbeatMillis()),
                config.heartbeatMisses(), new LoadSettings(Duration.ofMillis(config.loadIntervalMillis()),
                        config.moveAbovePackets(), config.returnBelowPackets(), config.maxMovesPerInterval(),
                        config.holdIntervals(), config.evenBandPercent()), config.startsInFlight(),
                config.startsPerMessage());
    }

    /** How long an SHA may be silent before it is taken for failed. */
    public Duration silence() {
        return heartbeat.multipliedBy(heartbeatMisses);
    }
}
