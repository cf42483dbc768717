package net.homeagent.mip6;

import io.netty.buffer.ByteBuf;

/** Where the home agent's outgoing IPv6 packets go (the signalling TUN device; a list in tests). */
public interface PacketSink {

    /** Sends one whole IPv6 packet (its readable octets); false when it could not be sent. */
    boolean send(ByteBuf packet);
}
