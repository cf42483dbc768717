package net.homeagent.mip.codec;

import io.netty.buffer.ByteBuf;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads and writes one Mobile IP message type (the first octet of the UDP payload, RFC 5944 §3).
 * Registered in a {@link CodecRegistry} under its type code. Implementations are stateless and
 * thread-safe.
 *
 * @param <T> the model class of the message
 */
@ConsumerType
public interface MessageCodec<T extends MipMessage> {

    Class<T> messageClass();

    /**
     * Decodes one message.
     *
     * @param message    the whole UDP payload; index 0 is the type octet
     * @param wire       a copy of the same octets, to keep in the message for authenticator checks
     * @param extensions frames and decodes the extensions after the fixed part
     * @throws MalformedMessageException saying whether to answer (code 134) or discard silently
     */
    T decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions) throws MalformedMessageException;

    /**
     * Appends the message to {@code out}.
     *
     * @throws IllegalArgumentException when a field does not fit its wire field (a local bug)
     */
    void encode(T message, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer);
}
