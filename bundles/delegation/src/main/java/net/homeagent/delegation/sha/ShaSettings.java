package net.homeagent.delegation.sha;

import java.time.Duration;

import net.homeagent.delegation.PeerAddress;
import net.homeagent.peer.PeerNode;

/** {@link ShaConfig} checked: every bad value is refused at activation with the key named. */
public record ShaSettings(PeerNode pha, int capacity, Duration heartbeat) {

    public ShaSettings {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " is negative");
        }
        if (heartbeat.toMillis() < 10 || heartbeat.toMillis() > 60_000) {
            throw new IllegalArgumentException("heartbeatMillis: " + heartbeat.toMillis() + " out of 10..60000");
        }
    }

    public static ShaSettings from(ShaConfig config) {
        return new ShaSettings(PeerAddress.parse("pha", config.pha()), config.capacity(),
                Duration.ofMillis(config.heartbeatMillis()));
    }
}
