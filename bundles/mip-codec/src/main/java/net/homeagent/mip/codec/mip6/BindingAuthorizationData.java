package net.homeagent.mip.codec.mip6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Binding Authorization Data, RFC 6275 §6.2.7 (type 5, alignment 8n+2 since it is the last
 * option): the authenticator of a Binding Update or Acknowledgement between a mobile node and a
 * correspondent, {@link ReturnRoutability#authenticator} (96 bits).
 */
public record BindingAuthorizationData(byte[] authenticator) implements MobilityOption {
    public static final int TYPE = 5;

    public BindingAuthorizationData {
        authenticator = authenticator.clone();
        WireRanges.unsigned8(authenticator.length, "authenticator length");
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingAuthorizationData b && Arrays.equals(b.authenticator, authenticator);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "BindingAuthorizationData[" + HexFormat.of().formatHex(authenticator) + "]";
    }
}
