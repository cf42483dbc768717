package net.homeagent.mip.codec.wire;

import java.net.Inet4Address;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;

/** Field helpers shared by the codecs of this package. */
final class WireFields {

    private WireFields() {
    }

    static Inet4Address readIpv4(ByteBuf buf, int index) {
        return Ipv4.of(buf.getInt(index));
    }

    static void writeIpv4(ByteBuf out, Inet4Address address) {
        out.writeBytes(address.getAddress());
    }

    /** Rejects a value that does not fit an unsigned wire field of {@code bits} bits. */
    static long checkUnsigned(long value, int bits, String field) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(field + " " + value + " does not fit " + bits + " unsigned bits");
        }
        return value;
    }

    /** Rejects an extension whose length field differs from the fixed length its RFC gives. */
    static void requireBodyLength(ExtensionFrame frame, int expected, String name) throws MalformedExtensionException {
        if (frame.bodyLength() != expected) {
            throw new MalformedExtensionException(name + " (type " + frame.type() + ") at offset " + frame.offset()
                    + " has length " + frame.bodyLength() + ", expected " + expected);
        }
    }
}
