package net.homeagent.mip6.wire;

/**
 * An IPv6 packet that cannot be read down to its upper layer (too short, not version 6, a payload
 * length beyond what arrived, an extension header running past the packet, two Home Address
 * options): discarded, as RFC 8200 gives no answer for these. The codec's
 * {@link net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException} covers the Mobility Header
 * and Destination Options themselves.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
