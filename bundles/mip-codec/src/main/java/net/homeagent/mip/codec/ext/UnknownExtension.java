package net.homeagent.mip.codec.ext;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A skippable extension (type 128-255) this codec does not know. RFC 5944 §1.9 says it is
 * ignored but the rest of the message is still processed; it is kept so that authenticators
 * that cover it still verify.
 */
public record UnknownExtension(int type, byte[] body) implements Extension {

    public UnknownExtension {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownExtension u && u.type == type && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownExtension[type=" + type + ", body=" + HexFormat.of().formatHex(body) + "]";
    }
}
