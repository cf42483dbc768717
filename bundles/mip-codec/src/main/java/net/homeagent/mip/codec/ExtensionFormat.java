package net.homeagent.mip.codec;

import io.netty.buffer.ByteBuf;

/**
 * The two header layouts of Mobile IPv4 extensions. RFC 5944 §1.9 defines the type-length
 * form with an 8-bit length; RFC 5944 §1.10 adds the long form (type, sub-type, 16-bit length)
 * used by the Generalized Authentication (RFC 4721) and CVSE (RFC 3115, whose second octet is
 * reserved) extensions. The length never counts the header itself.
 */
public enum ExtensionFormat {

    /** Type (8), Length (8), then Length octets of body. */
    SHORT(2, 0xff) {
        @Override
        int bodyLength(ByteBuf message, int offset) {
            return message.getUnsignedByte(offset + 1);
        }

        @Override
        int headerByte(ByteBuf message, int offset) {
            return 0;
        }

        @Override
        void writeHeader(ByteBuf out, int type, int headerByte, int bodyLength) {
            out.writeByte(type);
            out.writeByte(bodyLength);
        }
    },

    /** Type (8), Sub-Type or Reserved (8), Length (16), then Length octets of body. */
    LONG(4, 0xffff) {
        @Override
        int bodyLength(ByteBuf message, int offset) {
            return message.getUnsignedShort(offset + 2);
        }

        @Override
        int headerByte(ByteBuf message, int offset) {
            return message.getUnsignedByte(offset + 1);
        }

        @Override
        void writeHeader(ByteBuf out, int type, int headerByte, int bodyLength) {
            out.writeByte(type);
            out.writeByte(headerByte);
            out.writeShort(bodyLength);
        }
    };

    private final int headerLength;
    private final int maxBodyLength;

    ExtensionFormat(int headerLength, int maxBodyLength) {
        this.headerLength = headerLength;
        this.maxBodyLength = maxBodyLength;
    }

    /** Octets of type, (sub-type) and length before the body. */
    public int headerLength() {
        return headerLength;
    }

    /** The largest body the length field can express. */
    public int maxBodyLength() {
        return maxBodyLength;
    }

    /** The length field of the extension whose header starts at {@code offset}. */
    abstract int bodyLength(ByteBuf message, int offset);

    /** The sub-type (or reserved) octet of a long header; 0 for a short one. */
    abstract int headerByte(ByteBuf message, int offset);

    abstract void writeHeader(ByteBuf out, int type, int headerByte, int bodyLength);
}
