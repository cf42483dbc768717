package net.homeagent.mip.codec.ext;

/**
 * Encapsulating Delivery Style extension, type 130, length 0 (RFC 3024 §3.3.1). Only
 * meaningful between mobile node and foreign agent; a foreign agent removes it before relaying,
 * so a home agent that receives it keeps and ignores it.
 */
public record EncapsulatingDeliveryStyleExtension() implements Extension {
    public static final int TYPE = 130;

    @Override
    public int type() {
        return TYPE;
    }
}
