package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.Optional;

import io.netty.buffer.ByteBuf;

/**
 * The Destination Options header (RFC 2460 §4.6) with the Home Address option of RFC 6275 §6.3.
 * Encoding a header with a home address writes 24 octets:
 *
 * <pre>
 *  0: Next Header | Hdr Ext Len (2) | PadN (type 1, length 2, 2 zero octets)
 *  6: Option Type 201 | Option Length 16
 *  8: Home Address (128)
 * </pre>
 *
 * PadN puts the option at 8n+6, the alignment §6.3 asks for; without a home address the header is
 * Next Header, 0 and a PadN of 6 octets.
 */
public final class DestinationOptionsCodec {
    /** The IPv6 Next Header value of a Destination Options header. */
    public static final int NEXT_HEADER = 60;
    private static final int PAD1 = 0;
    private static final int PADN = 1;

    public void encode(DestinationOptionsHeader header, ByteBuf out) {
        out.writeByte(header.nextHeader());
        if (header.homeAddress().isEmpty()) {
            out.writeByte(0);
            out.writeByte(PADN);
            out.writeByte(4);
            out.writeInt(0);
            return;
        }
        out.writeByte(2);
        out.writeByte(PADN);
        out.writeByte(2);
        out.writeShort(0);
        out.writeByte(DestinationOptionsHeader.HOME_ADDRESS_OPTION);
        out.writeByte(Ipv6Fields.ADDRESS_LENGTH);
        Ipv6Fields.write(out, header.homeAddress().get());
    }

    /**
     * Reads one Destination Options header from {@code header}'s reader index and moves past it.
     * Options other than Pad1, PadN and the Home Address option are skipped or answered by their
     * type's two high bits (RFC 2460 §4.2).
     *
     * @throws MalformedMobilityHeaderException when the header runs past the data, an option runs
     *         past the header, the Home Address option does not have length 16, appears twice or
     *         is off its 8n+6 alignment, or an unknown option's type asks for the packet to be dropped
     */
    public DestinationOptionsHeader decode(ByteBuf header) throws MalformedMobilityHeaderException {
        int available = header.readableBytes();
        if (available < 2) {
            throw MalformedMobilityHeaderException.discard("Destination Options header of " + available + " octets");
        }
        int length = (header.getUnsignedByte(header.readerIndex() + 1) + 1) * 8;
        if (length > available) {
            throw MalformedMobilityHeaderException.discard("Destination Options header of " + length
                    + " octets runs past the " + available + " octets of the packet");
        }
        ByteBuf options = header.readSlice(length);
        Inet6Address homeAddress = null;
        int at = 2;
        while (at < length) {
            int type = options.getUnsignedByte(at);
            if (type == PAD1) {
                at++;
                continue;
            }
            if (at + 2 > length || at + 2 + options.getUnsignedByte(at + 1) > length) {
                throw MalformedMobilityHeaderException.discard("destination option type " + type + " at offset " + at
                        + " runs past the header's " + length + " octets");
            }
            int optionLength = options.getUnsignedByte(at + 1);
            if (type == DestinationOptionsHeader.HOME_ADDRESS_OPTION) {
                if (optionLength != Ipv6Fields.ADDRESS_LENGTH || homeAddress != null || at % 8 != 6) {
                    throw MalformedMobilityHeaderException.discard("Home Address option at offset " + at
                            + " with length " + optionLength + (homeAddress != null ? ", a second one" : "")
                            + " (RFC 6275 §6.3: once, length 16, at 8n+6)");
                }
                homeAddress = Ipv6Fields.read(options, at + 2);
            } else if (type != PADN) {
                skipUnknown(type, at);
            }
            at += 2 + optionLength;
        }
        return new DestinationOptionsHeader(options.getUnsignedByte(0), Optional.ofNullable(homeAddress));
    }

    /** RFC 2460 §4.2: the two high bits of an unknown option's type say what the receiver does. */
    private static void skipUnknown(int type, int at) throws MalformedMobilityHeaderException {
        switch (type >>> 6) {
            case 0:
                return;
            case 1:
                throw MalformedMobilityHeaderException.discard("unrecognized destination option type " + type
                        + " at offset " + at + " (action 01: discard)");
            default:
                throw MalformedMobilityHeaderException.unrecognizedOption("unrecognized destination option type "
                        + type + " at offset " + at + " (RFC 2460 §4.2)", at);
        }
    }
}
