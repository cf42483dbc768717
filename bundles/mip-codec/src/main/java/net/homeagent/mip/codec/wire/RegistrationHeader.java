package net.homeagent.mip.codec.wire;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionListCodec;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.Extension;

/**
 * The fixed part the two registration messages share, read and written once. The request has a
 * care-of address between the home agent and the identification, the reply has none:
 *
 * <pre>
 *  0: Type | flags (request) or code (reply) | Lifetime (16)
 *  4: Home Address
 *  8: Home Agent
 * 12: Care-of Address (request only)
 * 12 or 16: Identification (64)
 * </pre>
 */
enum RegistrationHeader {
    REQUEST(RegistrationRequest.TYPE, "Registration Request", "RFC 5944 §3.3", "flags", true),
    REPLY(RegistrationReply.TYPE, "Registration Reply", "RFC 5944 §3.4", "code", false);

    /** The fields of one header; {@code careOfAddress} is empty in a reply. */
    record Fields(int octet, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
            Optional<Inet4Address> careOfAddress, long identification) {
    }

    private final int type;
    private final String name;
    private final String section;
    private final String octetName;
    private final boolean careOf;

    RegistrationHeader(int type, String name, String section, String octetName, boolean careOf) {
        this.type = type;
        this.name = name;
        this.section = section;
        this.octetName = octetName;
        this.careOf = careOf;
    }

    /** Where the extensions start. */
    int length() {
        return careOf ? 24 : 20;
    }

    /** A datagram too short for the fixed part is discarded: it names nobody to answer. */
    Fields read(ByteBuf message) throws MalformedMessageException {
        if (message.writerIndex() < length()) {
            throw MalformedMessageException.discard(name + " of " + message.writerIndex() + " octets is shorter than its "
                    + length() + "-octet fixed part (" + section + ")");
        }
        Optional<Inet4Address> careOfAddress = careOf ? Optional.of(WireFields.readIpv4(message, 12)) : Optional.empty();
        return new Fields(message.getUnsignedByte(1), message.getUnsignedShort(2), WireFields.readIpv4(message, 4),
                WireFields.readIpv4(message, 8), careOfAddress, message.getLong(length() - 8));
    }

    /**
     * The extensions after the fixed part; a malformed one becomes the message's answer to it,
     * {@code malformed} (a silent discard for a reply, code 134 for a request).
     */
    List<Extension> extensions(ByteBuf message, ExtensionListCodec codec,
            Function<MalformedExtensionException, MalformedMessageException> malformed) throws MalformedMessageException {
        try {
            return codec.decode(message, length());
        } catch (MalformedExtensionException e) {
            throw malformed.apply(e);
        }
    }

    void write(ByteBuf out, Fields fields) {
        if (fields.careOfAddress().isPresent() != careOf) {
            throw new IllegalArgumentException(name + (careOf ? " needs" : " has no") + " care-of address");
        }
        out.writeByte(type);
        out.writeByte((int) WireFields.checkUnsigned(fields.octet(), 8, octetName));
        out.writeShort((int) WireFields.checkUnsigned(fields.lifetime(), 16, "lifetime"));
        WireFields.writeIpv4(out, fields.homeAddress());
        WireFields.writeIpv4(out, fields.homeAgent());
        fields.careOfAddress().ifPresent(address -> WireFields.writeIpv4(out, address));
        out.writeLong(fields.identification());
    }
}
