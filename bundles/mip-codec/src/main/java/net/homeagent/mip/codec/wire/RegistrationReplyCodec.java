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
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ext.Extension;

/**
 * Registration Reply, RFC 5944 §3.4: a 20-octet fixed part, then extensions.
 *
 * <pre>
 *  0: Type (3) | Code | Lifetime (16)
 *  4: Home Address
 *  8: Home Agent
 * 12: Identification (64)
 * 20: Extensions ...
 * </pre>
 *
 * Nobody answers a reply, so every malformed one is discarded silently.
 */
public final class RegistrationReplyCodec implements MessageCodec<RegistrationReply> {
    static final int FIXED_LENGTH = 20;

    @Override
    public Class<RegistrationReply> messageClass() {
        return RegistrationReply.class;
    }

    @Override
    public RegistrationReply decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
            throws MalformedMessageException {
        if (message.writerIndex() < FIXED_LENGTH) {
            throw MalformedMessageException.discard("Registration Reply of " + message.writerIndex()
                    + " octets is shorter than its " + FIXED_LENGTH + "-octet fixed part (RFC 5944 §3.4)");
        }
        int code = message.getUnsignedByte(1);
        int lifetime = message.getUnsignedShort(2);
        Inet4Address homeAddress = WireFields.readIpv4(message, 4);
        Inet4Address homeAgent = WireFields.readIpv4(message, 8);
        long identification = message.getLong(12);
        List<Extension> parsed;
        try {
            parsed = extensions.decode(message, FIXED_LENGTH);
        } catch (MalformedExtensionException e) {
            throw MalformedMessageException.discard("malformed Registration Reply: " + e.getMessage());
        }
        return new RegistrationReply(code, lifetime, homeAddress, homeAgent, identification, parsed,
                Optional.of(wire));
    }

    @Override
    public void encode(RegistrationReply reply, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer) {
        int start = out.writerIndex();
        out.writeByte(RegistrationReply.TYPE);
        out.writeByte((int) WireFields.checkUnsigned(reply.code(), 8, "code"));
        out.writeShort((int) WireFields.checkUnsigned(reply.lifetime(), 16, "lifetime"));
        WireFields.writeIpv4(out, reply.homeAddress());
        WireFields.writeIpv4(out, reply.homeAgent());
        out.writeLong(reply.identification());
        extensions.encode(reply.extensions(), out, start, signer);
    }
}
