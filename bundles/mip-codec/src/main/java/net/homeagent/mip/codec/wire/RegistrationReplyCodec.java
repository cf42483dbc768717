package net.homeagent.mip.codec.wire;

import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionListCodec;
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

    @Override
    public Class<RegistrationReply> messageClass() {
        return RegistrationReply.class;
    }

    @Override
    public RegistrationReply decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
            throws MalformedMessageException {
        RegistrationHeader.Fields header = RegistrationHeader.REPLY.read(message);
        List<Extension> parsed = RegistrationHeader.REPLY.extensions(message, extensions,
                e -> MalformedMessageException.discard("malformed Registration Reply: " + e.getMessage()));
        return new RegistrationReply(header.octet(), header.lifetime(), header.homeAddress(), header.homeAgent(),
                header.identification(), parsed, Optional.of(wire));
    }

    @Override
    public void encode(RegistrationReply reply, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer) {
        int start = out.writerIndex();
        RegistrationHeader.REPLY.write(out, new RegistrationHeader.Fields(reply.code(), reply.lifetime(),
                reply.homeAddress(), reply.homeAgent(), Optional.empty(), reply.identification()));
        extensions.encode(reply.extensions(), out, start, signer);
    }
}
