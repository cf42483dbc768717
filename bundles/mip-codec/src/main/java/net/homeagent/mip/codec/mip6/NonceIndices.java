package net.homeagent.mip.codec.mip6;

/**
 * Nonce Indices, RFC 6275 §6.2.6 (type 4, length 4, alignment 2n): in a Binding Update to a
 * correspondent, which nonces the keygen tokens of the Kbm came from.
 */
public record NonceIndices(int homeNonceIndex, int careOfNonceIndex) implements MobilityOption {
    public static final int TYPE = 4;

    public NonceIndices {
        WireRanges.unsigned16(homeNonceIndex, "home nonce index");
        WireRanges.unsigned16(careOfNonceIndex, "care-of nonce index");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
