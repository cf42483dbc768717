package net.homeagent.mip.codec;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ext.Extension;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads and writes the body of one kind of extension; the framing (type, length, the §1.9 rule
 * for unknown types) is done once for all by {@link ExtensionListCodec}. Registered in a
 * {@link CodecRegistry} under the type code(s) it serves. Implementations are stateless and
 * thread-safe.
 *
 * @param <E> the model class of the extension
 */
@ConsumerType
public interface ExtensionCodec<E extends Extension> {

    Class<E> extensionClass();

    /** The header layout of this extension type. */
    ExtensionFormat format();

    /**
     * Builds the extension from its body.
     *
     * @param frame where the extension sits in the message, with its type and header octet
     * @param body  exactly the body octets (index 0 is the first octet after the header)
     * @throws MalformedExtensionException when the body does not follow the specification
     */
    E decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException;

    /** The length field to write: the octets {@link #encodeBody} will write. */
    int bodyLength(E extension);

    /** The second header octet of a {@link ExtensionFormat#LONG} extension (sub-type or reserved). */
    default int headerByte(E extension) {
        return 0;
    }

    /**
     * Writes the body after the header the caller has written.
     *
     * @param messageStart index in {@code out} of the message's first octet, for authenticators
     * @param signer       computes authenticators of extensions built to be signed
     */
    void encodeBody(E extension, ByteBuf out, int messageStart, MessageSigner signer);
}
