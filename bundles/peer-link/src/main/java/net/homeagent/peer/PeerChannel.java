package net.homeagent.peer;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One role's protocol on the peer link. Payloads are opaque to the link: it frames, batches,
 * authenticates, acknowledges and retransmits them. Send methods never block: they queue the
 * payload and return; the link batches what is queued for one destination into datagrams up to
 * its MTU.
 *
 * <p>Reliable sends are acknowledged by the receiving link once its {@link PeerReceiver} has
 * returned, and retransmitted with exponential backoff until acknowledged or until the give-up
 * bound passes; then the stage fails with {@link PeerUnreachableException}. The link does not
 * order deliveries: a role whose messages must apply in order numbers them itself.
 */
@ProviderType
public interface PeerChannel extends AutoCloseable {

    /** Reliable unicast of {@code payload} to the node at {@code peer}. */
    CompletionStage<Void> send(InetSocketAddress peer, byte[] payload);

    /**
     * Reliable to each of {@code members}: sent once to the link's multicast group (or one
     * unicast per member when the link is configured for fan-out), acknowledged by each member;
     * a member that does not acknowledge gets unicast retransmissions.
     */
    GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload);

    /**
     * Best effort, sent once to the multicast group (or to every configured peer with fan-out),
     * never acknowledged: heartbeats, requests that are repeated anyway (a learn request).
     */
    void announce(byte[] payload);

    /** Stops delivering to this channel's receiver and fails what it still had to send. */
    @Override
    void close();
}
