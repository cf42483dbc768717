package net.homeagent.peer;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * The link's configuration and counters (for {@code peer:status}, the MIB and the tests). Drops are
 * counted by reason: {@code bad-hmac}, {@code unknown-key}, {@code replay}, {@code foreign-group},
 * {@code malformed}, {@code no-channel}.
 */
public record PeerLinkStatus(int nodeId, int groupId, InetSocketAddress listening, Optional<InetSocketAddress> multicastGroup,
        long epoch, long datagramsSent, long datagramsReceived, long messagesSent, long messagesDelivered,
        long retransmissions, long givenUp, Map<String, Long> dropped) {
}
