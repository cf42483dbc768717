package net.homeagent.mip.codec.wire;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionListCodec;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageCodec;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.Extension;

/**
 * Registration Request, RFC 5944 §3.3: a 24-octet fixed part, then extensions.
 *
 * <pre>
 *  0: Type (1) | S B D M G r T x | Lifetime (16)
 *  4: Home Address
 *  8: Home Agent
 * 12: Care-of Address
 * 16: Identification (64)
 * 24: Extensions ...
 * </pre>
 *
 * A datagram too short for the fixed part is discarded (there is nobody to answer); a fixed part
 * followed by malformed extensions is answered with code 134, poorly formed request (§3.4).
 */
public final class RegistrationRequestCodec implements MessageCodec<RegistrationRequest> {
    static final int FIXED_LENGTH = 24;

    @Override
    public Class<RegistrationRequest> messageClass() {
        return RegistrationRequest.class;
    }

    @Override
    public RegistrationRequest decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
            throws MalformedMessageException {
        if (message.writerIndex() < FIXED_LENGTH) {
            throw MalformedMessageException.discard("Registration Request of " + message.writerIndex()
                    + " octets is shorter than its " + FIXED_LENGTH + "-octet fixed part (RFC 5944 §3.3)");
        }
        int flags = message.getUnsignedByte(1);
        int lifetime = message.getUnsignedShort(2);
        Inet4Address homeAddress = WireFields.readIpv4(message, 4);
        Inet4Address homeAgent = WireFields.readIpv4(message, 8);
        Inet4Address careOfAddress = WireFields.readIpv4(message, 12);
        long identification = message.getLong(16);
        List<Extension> parsed;
        try {
            parsed = extensions.decode(message, FIXED_LENGTH);
        } catch (MalformedExtensionException e) {
            RegistrationRequest header = new RegistrationRequest(flags, lifetime, homeAddress, homeAgent,
                    careOfAddress, identification, List.of(), Optional.of(wire));
            throw MalformedMessageException.reply(e.getMessage(), header, ReplyCode.POORLY_FORMED_REQUEST);
        }
        return new RegistrationRequest(flags, lifetime, homeAddress, homeAgent, careOfAddress, identification,
                parsed, Optional.of(wire));
    }

    @Override
    public void encode(RegistrationRequest request, ByteBuf out, ExtensionListCodec extensions,
            MessageSigner signer) {
        int start = out.writerIndex();
        out.writeByte(RegistrationRequest.TYPE);
        out.writeByte((int) WireFields.checkUnsigned(request.flags(), 8, "flags"));
        out.writeShort((int) WireFields.checkUnsigned(request.lifetime(), 16, "lifetime"));
        WireFields.writeIpv4(out, request.homeAddress());
        WireFields.writeIpv4(out, request.homeAgent());
        WireFields.writeIpv4(out, request.careOfAddress());
        out.writeLong(request.identification());
        extensions.encode(request.extensions(), out, start, signer);
    }
}
