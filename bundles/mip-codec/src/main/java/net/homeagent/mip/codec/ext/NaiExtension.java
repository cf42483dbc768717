package net.homeagent.mip.codec.ext;

/** Mobile Node NAI extension, type 131 (RFC 2794 §2): the user's Network Access Identifier. */
public record NaiExtension(String nai) implements Extension {
    public static final int TYPE = 131;

    @Override
    public int type() {
        return TYPE;
    }
}
