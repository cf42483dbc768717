package net.homeagent.mip.codec;

import java.util.List;

import net.homeagent.mip.codec.ext.Extension;

/**
 * A Tunnel Data message, RFC 3519 §3.3: a datagram tunnelled in UDP between a mobile node behind a
 * NAT (or its foreign agent) and the home agent, on the registration port.
 *
 * <pre>
 *  0: Type (4) | Next Header | Reserved (16)
 *  4: the tunnelled datagram (an IPv4 packet when Next Header is 4) ...
 * </pre>
 *
 * @param nextHeader what follows the header, as an IP protocol number: 4 (IP, the encapsulation
 *                   every node supports, RFC 3519 §3.3) or 47 (GRE); the home agent's data plane
 *                   takes no other
 * @param wire       the whole message; the payload starts at {@link #PAYLOAD_OFFSET}
 */
public record TunnelData(int nextHeader, byte[] wire) implements MipMessage {

    public static final int TYPE = 4;
    public static final int PAYLOAD_OFFSET = 4;
    public static final int NEXT_HEADER_IP = 4;
    public static final int NEXT_HEADER_GRE = 47;

    @Override
    public int type() {
        return TYPE;
    }

    /** Tunnel Data carries no extensions (RFC 3519 §3.3). */
    @Override
    public List<Extension> extensions() {
        return List.of();
    }

    public int payloadLength() {
        return wire.length - PAYLOAD_OFFSET;
    }
}
