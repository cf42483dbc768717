package net.homeagent.mip.codec.wire;

import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionListCodec;
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

    @Override
    public Class<RegistrationRequest> messageClass() {
        return RegistrationRequest.class;
    }

    @Override
    public RegistrationRequest decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
            throws MalformedMessageException {
        RegistrationHeader.Fields header = RegistrationHeader.REQUEST.read(message);
        List<Extension> parsed = RegistrationHeader.REQUEST.extensions(message, extensions, e -> MalformedMessageException
                .reply(e.getMessage(), request(header, List.of(), wire), ReplyCode.POORLY_FORMED_REQUEST));
        return request(header, parsed, wire);
    }

    private static RegistrationRequest request(RegistrationHeader.Fields header, List<Extension> extensions,
            byte[] wire) {
        return new RegistrationRequest(header.octet(), header.lifetime(), header.homeAddress(), header.homeAgent(),
                header.careOfAddress().orElseThrow(), header.identification(), extensions, Optional.of(wire));
    }

    @Override
    public void encode(RegistrationRequest request, ByteBuf out, ExtensionListCodec extensions,
            MessageSigner signer) {
        int start = out.writerIndex();
        RegistrationHeader.REQUEST.write(out, new RegistrationHeader.Fields(request.flags(), request.lifetime(),
                request.homeAddress(), request.homeAgent(), Optional.of(request.careOfAddress()),
                request.identification()));
        extensions.encode(request.extensions(), out, start, signer);
    }
}
