package net.homeagent.mip.codec;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decodes and encodes Mobile IPv4 control messages (RFC 5944 §3), one per UDP payload, through a
 * {@link CodecRegistry}. Stateless and thread-safe: one instance serves every channel.
 */
public final class MipCodec {
    private final CodecRegistry registry;

    public MipCodec(CodecRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A codec for every message and extension this bundle knows, see {@link StandardCodecs}. */
    public static MipCodec standard() {
        return new MipCodec(StandardCodecs.builder().build());
    }

    public CodecRegistry registry() {
        return registry;
    }

    /**
     * Decodes the UDP payload: all readable octets of {@code datagram}, which are consumed whether
     * or not they form a message. The message keeps a copy of them ({@code wire()}) for
     * authenticator checks.
     *
     * @throws MalformedMessageException when the payload is no well-formed message; it says whether
     *                                   to answer it with a reply code or to discard it silently
     */
    public MipMessage decode(ByteBuf datagram) throws MalformedMessageException {
        int length = datagram.readableBytes();
        if (length == 0) {
            throw MalformedMessageException.discard("empty datagram");
        }
        byte[] wire = new byte[length];
        datagram.readBytes(wire);
        int type = wire[0] & 0xff;
        MessageCodec<?> codec = registry.messageCodec(type);
        if (codec == null) {
            throw MalformedMessageException.discard("unknown Mobile IP message type " + type);
        }
        return codec.decode(Unpooled.wrappedBuffer(wire), wire, registry.extensionList());
    }

    /**
     * Appends {@code message} to {@code out}. Authentication extensions built with
     * {@link net.homeagent.mip.codec.ext.AuthenticationExtension#toSign} get their authenticator
     * from {@code signer} over the octets written before it (RFC 5944 §3.5.1).
     *
     * @throws IllegalArgumentException when the message cannot be expressed on the wire (a field
     *                                  out of range, an extension without codec): a local bug
     */
    public void encode(MipMessage message, ByteBuf out, MessageSigner signer) {
        MessageCodec<?> codec = registry.messageCodec(message.type());
        if (codec == null || !codec.messageClass().isInstance(message)) {
            throw new IllegalArgumentException("no codec registered for message type " + message.type() + " ("
                    + message.getClass().getSimpleName() + ")");
        }
        encode(codec, message, out, signer);
    }

    private <T extends MipMessage> void encode(MessageCodec<T> codec, MipMessage message, ByteBuf out,
            MessageSigner signer) {
        codec.encode(codec.messageClass().cast(message), out, registry.extensionList(), signer);
    }
}
