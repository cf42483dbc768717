package net.homeagent.peer;

import java.util.Objects;

/**
 * A payload the link accepted: authenticated, of this group, not a replay. {@code senderEpoch}
 * changes each time the sender's link starts, so a receiver can tell a restarted peer from a
 * late message of its previous life.
 */
public record PeerMessage(int service, PeerNode sender, long senderEpoch, byte[] payload) {
    public PeerMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(payload, "payload");
    }
}
