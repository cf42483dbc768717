package net.homeagent.mip.codec;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ext.Extension;

/**
 * Frames the extensions that follow a message's fixed part (RFC 5944 §1.9, §1.10) and hands each
 * body to the codec registered for its type. Unknown types are handled here, once, as §1.9
 * says: 128-255 are kept as {@link net.homeagent.mip.codec.ext.UnknownExtension} so that the
 * authenticators covering them still verify; 0-127 make the whole message silently discarded.
 */
public final class ExtensionListCodec {
    private final CodecRegistry registry;

    ExtensionListCodec(CodecRegistry registry) {
        this.registry = registry;
    }

    /**
     * Decodes every extension from {@code offset} to the end of {@code message}.
     *
     * @param message the whole message; index 0 is its first octet
     * @throws MalformedMessageException   (silent discard) on an unknown non-skippable type
     * @throws MalformedExtensionException on a truncated header, a length overrunning the message,
     *                                     or a body its codec rejects
     */
    public List<Extension> decode(ByteBuf message, int offset)
            throws MalformedMessageException, MalformedExtensionException {
        int end = message.writerIndex();
        if (offset == end) {
            return List.of();
        }
        // most messages carry one or two extensions: an immutable list of them is what the
        // message keeps (its List.copyOf then copies nothing), without an ArrayList first
        Extension first = null;
        Extension second = null;
        List<Extension> more = null;
        while (offset < end) {
            int type = message.getUnsignedByte(offset);
            ExtensionCodec<?> codec = registry.extensionDecoder(type);
            if (codec == null) {
                throw MalformedMessageException.discard("unrecognized non-skippable extension type " + type
                        + " at offset " + offset + " (RFC 5944 §1.9)");
            }
            ExtensionFormat format = codec.format();
            int bodyOffset = offset + format.headerLength();
            if (bodyOffset > end) {
                throw new MalformedExtensionException("extension type " + type + " at offset " + offset
                        + ": header truncated, " + (end - offset) + " octet(s) left");
            }
            int bodyLength = format.bodyLength(message, offset);
            if (bodyLength > end - bodyOffset) {
                throw new MalformedExtensionException("extension type " + type + " at offset " + offset
                        + ": length " + bodyLength + " overruns the message by " + (bodyLength - (end - bodyOffset))
                        + " octet(s)");
            }
            ExtensionFrame frame = new ExtensionFrame(type, format.headerByte(message, offset), offset, bodyOffset,
                    bodyLength);
            Extension decoded = codec.decode(frame, message.slice(bodyOffset, bodyLength));
            if (first == null) {
                first = decoded;
            } else if (second == null) {
                second = decoded;
            } else {
                if (more == null) {
                    more = new ArrayList<>(8);
                    more.add(first);
                    more.add(second);
                }
                more.add(decoded);
            }
            offset = bodyOffset + bodyLength;
        }
        return more != null ? List.copyOf(more) : second != null ? List.of(first, second) : List.of(first);
    }

    /**
     * Appends {@code extensions} in order.
     *
     * @param messageStart index in {@code out} of the message's first octet (authenticators cover
     *                     the message from there, RFC 5944 §3.5.1)
     * @throws IllegalArgumentException when an extension has no codec or does not fit its length field
     */
    public void encode(List<Extension> extensions, ByteBuf out, int messageStart, MessageSigner signer) {
        for (int i = 0; i < extensions.size(); i++) {
            Extension extension = extensions.get(i);
            encodeOne(registry.extensionEncoder(extension), extension, out, messageStart, signer);
        }
    }

    private static <E extends Extension> void encodeOne(ExtensionCodec<E> codec, Extension extension, ByteBuf out,
            int messageStart, MessageSigner signer) {
        E typed = codec.extensionClass().cast(extension);
        if (extension.type() < 0 || extension.type() > 0xff) {
            throw new IllegalArgumentException("extension type " + extension.type() + " is not an octet");
        }
        ExtensionFormat format = codec.format();
        int bodyLength = codec.bodyLength(typed);
        if (bodyLength > format.maxBodyLength()) {
            throw new IllegalArgumentException("extension type " + extension.type() + ": body of " + bodyLength
                    + " octets exceeds the " + format + " length field (max " + format.maxBodyLength() + ")");
        }
        format.writeHeader(out, extension.type(), codec.headerByte(typed), bodyLength);
        int bodyStart = out.writerIndex();
        codec.encodeBody(typed, out, messageStart, signer);
        int written = out.writerIndex() - bodyStart;
        if (written != bodyLength) {
            throw new IllegalStateException(codec.getClass().getSimpleName() + " announced " + bodyLength
                    + " octets but wrote " + written);
        }
    }
}
