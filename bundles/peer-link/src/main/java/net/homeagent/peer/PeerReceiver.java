package net.homeagent.peer;

import org.osgi.annotation.versioning.ConsumerType;

/** What a role gives {@link PeerLink#open} to receive its channel's messages. */
@ConsumerType
@FunctionalInterface
public interface PeerReceiver {

    /**
     * One accepted message, on the link's I/O thread: must be quick and never block (hand long
     * work to an executor). A reliable message is acknowledged when this returns normally; if it
     * throws, no acknowledgement is sent and the sender retransmits.
     */
    void receive(PeerMessage message);
}
