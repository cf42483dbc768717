package net.homeagent.mip.codec.mip6;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * The mobility options of RFC 6275 §6.2 after a message's fixed part. Encoding places each option
 * at the alignment its section states (xn+y from the start of the Mobility Header) by inserting
 * Pad1 or PadN before it, and pads the end to a multiple of 8 octets (§6.1.1); padding already in
 * the list (a decoded message's) is written as it is, so a decoded message encodes back to its
 * own octets when its padding was minimal.
 */
final class MobilityOptionCodec {
    private static final int BINDING_REFRESH_ADVICE_LENGTH = 2;
    private static final int NONCE_INDICES_LENGTH = 4;

    private MobilityOptionCodec() {
    }

    /**
     * The options in {@code mh[offset, end)}.
     *
     * @throws MalformedMobilityHeaderException (discard) when an option runs past the end, a known
     *         option has the wrong length or is not at its alignment, or Binding Authorization Data
     *         is not the last option
     */
    static List<MobilityOption> decode(ByteBuf mh, int offset, int end) throws MalformedMobilityHeaderException {
        List<MobilityOption> options = new ArrayList<>();
        int at = offset;
        while (at < end) {
            int type = mh.getUnsignedByte(at);
            if (type == Pad1.TYPE) {
                options.add(new Pad1());
                at++;
                continue;
            }
            if (at + 2 > end) {
                throw MalformedMobilityHeaderException.discard("mobility option type " + type + " at offset " + at
                        + " has no length octet");
            }
            int length = mh.getUnsignedByte(at + 1);
            int data = at + 2;
            if (data + length > end) {
                throw MalformedMobilityHeaderException.discard("mobility option type " + type + " at offset " + at
                        + " of length " + length + " runs past the Mobility Header's end at " + end);
            }
            MobilityOption option = decodeOne(mh, type, at, data, length);
            int multiple = alignmentMultiple(option);
            if (at % multiple != alignmentOffset(option) % multiple) {
                // the alignment is part of the format (§6.2): the encoder could not write it back,
                // and a misplaced Binding Authorization Data would move the authenticator
                throw MalformedMobilityHeaderException.discard("mobility option type " + type + " at offset " + at
                        + " is not at its alignment " + multiple + "n+" + alignmentOffset(option)
                        + " (RFC 6275 §6.2)");
            }
            if (option instanceof BindingAuthorizationData && data + length != end) {
                throw MalformedMobilityHeaderException.discard("Binding Authorization Data at offset " + at
                        + " is not the last option (RFC 6275 §6.2.7)");
            }
            options.add(option);
            at = data + length;
        }
        return options;
    }

    private static MobilityOption decodeOne(ByteBuf mh, int type, int at, int data, int length)
            throws MalformedMobilityHeaderException {
        switch (type) {
            case PadN.TYPE:
                return new PadN(length);
            case BindingRefreshAdvice.TYPE:
                requireLength(type, at, length, BINDING_REFRESH_ADVICE_LENGTH);
                return new BindingRefreshAdvice(mh.getUnsignedShort(data));
            case AlternateCareOfAddress.TYPE:
                requireLength(type, at, length, Ipv6Fields.ADDRESS_LENGTH);
                return new AlternateCareOfAddress(Ipv6Fields.read(mh, data));
            case NonceIndices.TYPE:
                requireLength(type, at, length, NONCE_INDICES_LENGTH);
                return new NonceIndices(mh.getUnsignedShort(data), mh.getUnsignedShort(data + 2));
            case BindingAuthorizationData.TYPE:
                return new BindingAuthorizationData(bytes(mh, data, length));
            default:
                return new UnknownMobilityOption(type, bytes(mh, data, length));
        }
    }

    private static void requireLength(int type, int at, int length, int expected)
            throws MalformedMobilityHeaderException {
        if (length != expected) {
            throw MalformedMobilityHeaderException.discard("mobility option type " + type + " at offset " + at
                    + " has length " + length + ", RFC 6275 §6.2 gives " + expected);
        }
    }

    private static byte[] bytes(ByteBuf mh, int index, int length) {
        byte[] octets = new byte[length];
        mh.getBytes(index, octets);
        return octets;
    }

    /** Writes {@code options} aligned, then pads to a multiple of 8 octets from {@code mhStart}. */
    static void encode(List<MobilityOption> options, ByteBuf out, int mhStart) {
        for (MobilityOption option : options) {
            int multiple = alignmentMultiple(option);
            if (multiple > 1) {
                int position = out.writerIndex() - mhStart;
                pad(out, Math.floorMod(alignmentOffset(option) - position, multiple));
            }
            encodeOne(option, out);
            if (option instanceof BindingAuthorizationData && (out.writerIndex() - mhStart) % 8 != 0) {
                // padding after it would break "the last option" (§6.2.7): 12 octets fit, as do 8n+4
                throw new IllegalArgumentException("a Binding Authorization Data option of "
                        + ((BindingAuthorizationData) option).authenticator().length
                        + " octets cannot end the Mobility Header at a multiple of 8 octets");
            }
        }
        pad(out, Math.floorMod(mhStart - out.writerIndex(), 8));
    }

    /** x of the option's xn+y alignment requirement (§6.2.4-§6.2.7); 1 for none. */
    private static int alignmentMultiple(MobilityOption option) {
        if (option instanceof AlternateCareOfAddress || option instanceof BindingAuthorizationData) {
            return 8;
        }
        if (option instanceof BindingRefreshAdvice || option instanceof NonceIndices) {
            return 2;
        }
        return 1;
    }

    /** y of the option's xn+y alignment: Alternate CoA 8n+6, Binding Authorization Data 8n+2. */
    private static int alignmentOffset(MobilityOption option) {
        if (option instanceof AlternateCareOfAddress) {
            return 6;
        }
        if (option instanceof BindingAuthorizationData) {
            return 2;
        }
        return 0;
    }

    /** {@code octets} of padding: nothing, one Pad1, or one PadN (§6.2.2, §6.2.3). */
    private static void pad(ByteBuf out, int octets) {
        if (octets == 1) {
            out.writeByte(Pad1.TYPE);
        } else if (octets > 1) {
            out.writeByte(PadN.TYPE);
            out.writeByte(octets - 2);
            out.writeZero(octets - 2);
        }
    }

    private static void encodeOne(MobilityOption option, ByteBuf out) {
        if (option instanceof Pad1) {
            out.writeByte(Pad1.TYPE);
            return;
        }
        out.writeByte(option.type());
        if (option instanceof PadN padN) {
            out.writeByte(padN.dataLength());
            out.writeZero(padN.dataLength());
        } else if (option instanceof BindingRefreshAdvice advice) {
            out.writeByte(BINDING_REFRESH_ADVICE_LENGTH);
            out.writeShort(advice.refreshIntervalUnits());
        } else if (option instanceof AlternateCareOfAddress alternate) {
            out.writeByte(Ipv6Fields.ADDRESS_LENGTH);
            Ipv6Fields.write(out, alternate.careOfAddress());
        } else if (option instanceof NonceIndices indices) {
            out.writeByte(NONCE_INDICES_LENGTH);
            out.writeShort(indices.homeNonceIndex());
            out.writeShort(indices.careOfNonceIndex());
        } else if (option instanceof BindingAuthorizationData authorization) {
            byte[] authenticator = authorization.authenticator();
            out.writeByte(authenticator.length);
            out.writeBytes(authenticator);
        } else {
            byte[] data = ((UnknownMobilityOption) option).data();
            out.writeByte(data.length);
            out.writeBytes(data);
        }
    }
}
