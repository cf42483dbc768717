package net.homeagent.mip.codec.mip6;

import io.netty.buffer.ByteBuf;

/**
 * The type 2 routing header, RFC 6275 §6.4, 24 octets:
 *
 * <pre>
 *  0: Next Header | Hdr Ext Len (2) | Routing Type (2) | Segments Left (1)
 *  4: Reserved (32)
 *  8: Home Address (128)
 * </pre>
 */
public final class Type2RoutingHeaderCodec {
    private static final int LENGTH = 24;
    private static final int HDR_EXT_LEN = LENGTH / 8 - 1;

    public void encode(Type2RoutingHeader header, ByteBuf out) {
        out.writeByte(header.nextHeader());
        out.writeByte(HDR_EXT_LEN);
        out.writeByte(Type2RoutingHeader.ROUTING_TYPE);
        out.writeByte(header.segmentsLeft());
        out.writeInt(0);
        Ipv6Fields.write(out, header.homeAddress());
    }

    /**
     * Reads one routing header from {@code header}'s reader index and moves past it. A routing
     * header of another type reaches here only with Segments Left non-zero (with zero the
     * receiver ignores it, RFC 2460 §4.4), so it is a parameter problem at the Routing Type.
     *
     * @throws MalformedMobilityHeaderException when the data is too short (discard), or the routing
     *         type is not 2, Hdr Ext Len not 2 or Segments Left neither 0 nor 1 (parameter
     *         problem at that field, RFC 6275 §6.4, RFC 2460 §4.4)
     */
    public Type2RoutingHeader decode(ByteBuf header) throws MalformedMobilityHeaderException {
        int available = header.readableBytes();
        int start = header.readerIndex();
        if (available < 4) {
            throw MalformedMobilityHeaderException.discard("routing header of " + available + " octets");
        }
        int hdrExtLen = header.getUnsignedByte(start + 1);
        int routingType = header.getUnsignedByte(start + 2);
        int segmentsLeft = header.getUnsignedByte(start + 3);
        if (routingType != Type2RoutingHeader.ROUTING_TYPE) {
            header.skipBytes(Math.min(available, (hdrExtLen + 1) * 8));
            throw MalformedMobilityHeaderException.parameterProblem("routing type " + routingType
                    + " with segments left " + segmentsLeft + " is not a type 2 routing header", 2);
        }
        if (hdrExtLen != HDR_EXT_LEN) {
            header.skipBytes(Math.min(available, (hdrExtLen + 1) * 8));
            throw MalformedMobilityHeaderException.parameterProblem("type 2 routing header with Hdr Ext Len "
                    + hdrExtLen + " (RFC 6275 §6.4: 2)", 1);
        }
        if (available < LENGTH) {
            header.skipBytes(available);
            throw MalformedMobilityHeaderException.discard("type 2 routing header of " + available + " octets");
        }
        ByteBuf routing = header.readSlice(LENGTH);
        if (segmentsLeft > 1) {
            throw MalformedMobilityHeaderException.parameterProblem("type 2 routing header with Segments Left "
                    + segmentsLeft + " (RFC 6275 §6.4: 1)", 3);
        }
        return new Type2RoutingHeader(routing.getUnsignedByte(0), segmentsLeft, Ipv6Fields.read(routing, 8));
    }
}
