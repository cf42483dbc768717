package net.homeagent.mip.codec.ext;

/**
 * Revocation Support extension, type 137, length 6 (RFC 3543 §3.1).
 *
 * @param informMobileNode I flag: the mobile node is to be told of a revocation
 * @param timestamp        the 32-bit revocation timestamp of the sender
 */
public record RevocationSupportExtension(boolean informMobileNode, long timestamp) implements Extension {
    public static final int TYPE = 137;

    @Override
    public int type() {
        return TYPE;
    }
}
