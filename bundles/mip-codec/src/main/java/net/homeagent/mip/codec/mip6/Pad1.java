package net.homeagent.mip.codec.mip6;

/** Pad1, RFC 6275 §6.2.2: one octet of padding, type 0 with no length field. */
public record Pad1() implements MobilityOption {
    public static final int TYPE = 0;

    @Override
    public int type() {
        return TYPE;
    }
}
