package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * The Mobility Header, RFC 6275 §6.1.1, and its messages §6.1.2-§6.1.9.
 *
 * <pre>
 * 0: Payload Proto (59) | Header Len | MH Type | Reserved
 * 4: Checksum (16)      | Message Data (fixed part of the MH Type, then mobility options) ...
 * </pre>
 *
 * Header Len counts 8-octet units after the first 8, so the header is a multiple of 8 octets. The
 * Checksum is the Internet checksum over the IPv6 pseudo-header (RFC 2460 §8.1, next header 135)
 * and the whole Mobility Header. Its addresses are the ones the upper layer sees: the final
 * destination when a type 2 routing header is present (RFC 2460 §8.1), and the home address as
 * source when a Home Address option is, since the receiver has put it in place of the care-of
 * address before the Mobility Header is processed (RFC 6275 §9.3.1).
 *
 * <p>Stateless and thread-safe.
 */
public final class MobilityHeaderCodec {
    /** Payload Proto: IPPROTO_NONE, nothing follows the Mobility Header (§6.1.1). */
    public static final int PAYLOAD_PROTO_NONE = 59;
    /** The IPv6 Next Header value of the Mobility Header (IPPROTO_MH). */
    public static final int NEXT_HEADER = InternetChecksum.MOBILITY_HEADER;
    /** Header Len is 8 bits of 8-octet units: 2,048 octets at most. */
    public static final int MAX_LENGTH = 256 * 8;

    private static final int HEADER_LENGTH = 6;
    private static final int CHECKSUM_OFFSET = 4;
    /** Octets of each MH Type's fixed part after the 6-octet header, §6.1.2-§6.1.9, by MH Type. */
    private static final int[] FIXED_LENGTH = {2, 10, 10, 18, 18, 6, 6, 18};
    private static final int INIT_COOKIE_OFFSET = 8;
    private static final int KEYGEN_TOKEN_OFFSET = 16;
    private static final int AUTHENTICATOR_LENGTH = 12;

    /**
     * Decodes the Mobility Header that is the rest of the IPv6 packet: all readable octets of
     * {@code mobilityHeader}, which are consumed whether or not they form a message. The checks
     * and the answer to each failure are RFC 6275 §9.2's, in its order.
     *
     * @param source      the pseudo-header source (the home address when the packet has a Home
     *                    Address option)
     * @param destination the pseudo-header destination (the final one)
     * @throws MalformedMobilityHeaderException when the octets are not a well-formed message; it
     *         says how to answer
     */
    public MobilityMessage decode(ByteBuf mobilityHeader, Inet6Address source, Inet6Address destination)
            throws MalformedMobilityHeaderException {
        int length = mobilityHeader.readableBytes();
        ByteBuf mh = mobilityHeader.readSlice(length);
        if (length < 8) {
            throw MalformedMobilityHeaderException.discard("Mobility Header of " + length
                    + " octets is shorter than 8 (RFC 6275 §6.1.1)");
        }
        int declared = (mh.getUnsignedByte(1) + 1) * 8;
        if (declared != length) {
            throw MalformedMobilityHeaderException.discard("Header Len says " + declared
                    + " octets but the packet carries " + length);
        }
        int checksum = InternetChecksum.compute(source, destination, NEXT_HEADER, mh, 0, length);
        if (checksum != 0) {
            throw MalformedMobilityHeaderException.discard(String.format(
                    "bad Mobility Header checksum 0x%04x (RFC 6275 §9.2)", mh.getUnsignedShort(CHECKSUM_OFFSET)));
        }
        int mhType = mh.getUnsignedByte(2);
        if (mhType >= FIXED_LENGTH.length) {
            throw MalformedMobilityHeaderException.unrecognizedMhType(mhType);
        }
        int payloadProto = mh.getUnsignedByte(0);
        if (payloadProto != PAYLOAD_PROTO_NONE) {
            throw MalformedMobilityHeaderException.parameterProblem("Payload Proto " + payloadProto
                    + " is not IPPROTO_NONE (59) (RFC 6275 §9.2)", 0);
        }
        int optionsStart = HEADER_LENGTH + FIXED_LENGTH[mhType];
        if (length < optionsStart) {
            throw MalformedMobilityHeaderException.parameterProblem("Header Len " + mh.getUnsignedByte(1)
                    + " is less than MH Type " + mhType + " needs (RFC 6275 §9.2)", 1);
        }
        List<MobilityOption> options = MobilityOptionCodec.decode(mh, optionsStart, length);
        return message(mhType, mh, options);
    }

    private static MobilityMessage message(int mhType, ByteBuf mh, List<MobilityOption> options) {
        switch (mhType) {
            case BindingRefreshRequest.MH_TYPE:
                return new BindingRefreshRequest(options);
            case HomeTestInit.MH_TYPE:
                return new HomeTestInit(mh.getLong(INIT_COOKIE_OFFSET), options);
            case CareOfTestInit.MH_TYPE:
                return new CareOfTestInit(mh.getLong(INIT_COOKIE_OFFSET), options);
            case HomeTest.MH_TYPE:
                return new HomeTest(mh.getUnsignedShort(6), mh.getLong(INIT_COOKIE_OFFSET),
                        mh.getLong(KEYGEN_TOKEN_OFFSET), options);
            case CareOfTest.MH_TYPE:
                return new CareOfTest(mh.getUnsignedShort(6), mh.getLong(INIT_COOKIE_OFFSET),
                        mh.getLong(KEYGEN_TOKEN_OFFSET), options);
            case BindingUpdate.MH_TYPE: {
                int flags = mh.getUnsignedShort(8);
                return new BindingUpdate(mh.getUnsignedShort(6), (flags & BindingUpdate.FLAG_A) != 0,
                        (flags & BindingUpdate.FLAG_H) != 0, (flags & BindingUpdate.FLAG_L) != 0,
                        (flags & BindingUpdate.FLAG_K) != 0, (flags & BindingUpdate.FLAG_M) != 0,
                        mh.getUnsignedShort(10), options);
            }
            case BindingAcknowledgement.MH_TYPE:
                return new BindingAcknowledgement(mh.getUnsignedByte(6),
                        (mh.getUnsignedByte(7) & BindingAcknowledgement.FLAG_K) != 0, mh.getUnsignedShort(8),
                        mh.getUnsignedShort(10), options);
            default:
                return new BindingError(mh.getUnsignedByte(6), Ipv6Fields.read(mh, 8), options);
        }
    }

    /**
     * Appends {@code message} with its options aligned, padding to a multiple of 8 octets and the
     * checksum over the pseudo-header of {@code source} and {@code destination} (see the class
     * comment for which addresses those are).
     *
     * @throws IllegalArgumentException when the message does not fit in {@link #MAX_LENGTH} octets
     *         or a Binding Authorization Data option cannot end it; nothing is written then
     */
    public void encode(MobilityMessage message, Inet6Address source, Inet6Address destination, ByteBuf out) {
        int start = out.writerIndex();
        write(message, message.options(), out);
        finish(out, start, source, destination);
    }

    /**
     * Appends {@code message} (which must not carry Binding Authorization Data of its own) followed
     * by a Binding Authorization Data option with {@code authorizer}'s authenticator over it,
     * RFC 6275 §6.2.7: computed with the Checksum field zero, then the checksum computed over the
     * whole header, authenticator included.
     */
    public void encodeAuthorized(MobilityMessage message, Inet6Address source, Inet6Address destination,
            BindingAuthorizer authorizer, ByteBuf out) {
        if (message.option(BindingAuthorizationData.class).isPresent()) {
            throw new IllegalArgumentException("the message already carries Binding Authorization Data");
        }
        List<MobilityOption> options = new ArrayList<>(message.options());
        options.add(new BindingAuthorizationData(new byte[AUTHENTICATOR_LENGTH]));
        int start = out.writerIndex();
        write(message, options, out);
        int authenticatorAt = out.writerIndex() - AUTHENTICATOR_LENGTH;
        setLength(out, start);
        out.setBytes(authenticatorAt, authorizer.authenticator(out, start, authenticatorAt - start));
        finish(out, start, source, destination);
    }

    private static void write(MobilityMessage message, List<MobilityOption> options, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(PAYLOAD_PROTO_NONE);
        out.writeByte(0); // Header Len, known at the end
        out.writeByte(message.mhType());
        out.writeByte(0);
        out.writeShort(0); // Checksum, computed at the end
        writeFixedPart(message, out);
        try {
            MobilityOptionCodec.encode(options, out, start);
        } catch (IllegalArgumentException e) {
            out.writerIndex(start);
            throw e;
        }
        if (out.writerIndex() - start > MAX_LENGTH) {
            int length = out.writerIndex() - start;
            out.writerIndex(start);
            throw new IllegalArgumentException("Mobility Header of " + length + " octets exceeds " + MAX_LENGTH);
        }
    }

    private static void writeFixedPart(MobilityMessage message, ByteBuf out) {
        if (message instanceof BindingRefreshRequest) {
            out.writeShort(0);
        } else if (message instanceof HomeTestInit init) {
            out.writeShort(0);
            out.writeLong(init.homeInitCookie());
        } else if (message instanceof CareOfTestInit init) {
            out.writeShort(0);
            out.writeLong(init.careOfInitCookie());
        } else if (message instanceof HomeTest test) {
            out.writeShort(test.homeNonceIndex());
            out.writeLong(test.homeInitCookie());
            out.writeLong(test.homeKeygenToken());
        } else if (message instanceof CareOfTest test) {
            out.writeShort(test.careOfNonceIndex());
            out.writeLong(test.careOfInitCookie());
            out.writeLong(test.careOfKeygenToken());
        } else if (message instanceof BindingUpdate update) {
            out.writeShort(update.sequence());
            out.writeShort(update.flagBits());
            out.writeShort(update.lifetimeUnits());
        } else if (message instanceof BindingAcknowledgement ack) {
            out.writeByte(ack.status());
            out.writeByte(ack.keyManagementMobility() ? BindingAcknowledgement.FLAG_K : 0);
            out.writeShort(ack.sequence());
            out.writeShort(ack.lifetimeUnits());
        } else {
            BindingError error = (BindingError) message;
            out.writeByte(error.status());
            out.writeByte(0);
            Ipv6Fields.write(out, error.homeAddress());
        }
    }

    private static void setLength(ByteBuf out, int start) {
        out.setByte(start + 1, (out.writerIndex() - start) / 8 - 1);
    }

    private static void finish(ByteBuf out, int start, Inet6Address source, Inet6Address destination) {
        setLength(out, start);
        int length = out.writerIndex() - start;
        out.setShort(start + CHECKSUM_OFFSET, InternetChecksum.compute(source, destination, NEXT_HEADER, out, start,
                length));
    }
}
