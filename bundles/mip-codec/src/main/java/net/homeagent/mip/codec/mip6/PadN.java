package net.homeagent.mip.codec.mip6;

/**
 * PadN, RFC 6275 §6.2.3: two or more octets of padding, type 1; the receiver ignores its data.
 *
 * @param dataLength the Length field: octets of (zero) data after the two-octet header
 */
public record PadN(int dataLength) implements MobilityOption {
    public static final int TYPE = 1;

    public PadN {
        WireRanges.unsigned8(dataLength, "PadN length");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
