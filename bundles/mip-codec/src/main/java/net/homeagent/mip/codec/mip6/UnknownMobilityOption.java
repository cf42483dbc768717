package net.homeagent.mip.codec.mip6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A mobility option of a type this codec does not know: RFC 6275 §6.2.1 says the receiver skips
 * it by its length and processes the rest. Kept so that the message encodes back to its octets
 * (and a Binding Authorization Data authenticator over it still verifies).
 */
public record UnknownMobilityOption(int type, byte[] data) implements MobilityOption {

    public UnknownMobilityOption {
        WireRanges.unsigned8(type, "option type");
        if (type <= BindingAuthorizationData.TYPE) {
            throw new IllegalArgumentException("mobility option type " + type + " is known: use its record");
        }
        data = data.clone();
        WireRanges.unsigned8(data.length, "option length");
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMobilityOption u && u.type == type && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnknownMobilityOption[type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
