package net.homeagent.mip.codec;

import java.util.Map;
import java.util.Objects;

import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.wire.UnknownExtensionCodec;

/**
 * Message and extension codecs keyed by their type code, so that a new message or extension is
 * one registration rather than a change to a switch. Immutable once built; lookups are array
 * reads. An unregistered extension type of 128-255 is read as an {@link UnknownExtension}
 * (RFC 5944 §1.9: skippable); an unregistered one of 0-127 has no codec, and the message
 * carrying it is discarded.
 */
public final class CodecRegistry {
    private static final int TYPE_CODES = 256;
    private static final UnknownExtensionCodec SKIPPABLE_UNKNOWN = new UnknownExtensionCodec();

    private final MessageCodec<?>[] messages;
    private final ExtensionCodec<?>[] extensions;
    private final ExtensionListCodec extensionList;

    private CodecRegistry(Builder builder) {
        this.messages = builder.messages.clone();
        this.extensions = builder.extensions.clone();
        this.extensionList = new ExtensionListCodec(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The codec of message type {@code type}, or null when the type is not registered. */
    public MessageCodec<?> messageCodec(int type) {
        return type >= 0 && type < TYPE_CODES ? messages[type] : null;
    }

    /**
     * The codec reading extension type {@code type}: the registered one, else the unknown
     * skippable codec for 128-255, else null (unknown, not skippable).
     */
    public ExtensionCodec<?> extensionDecoder(int type) {
        if (type < 0 || type >= TYPE_CODES) {
            return null;
        }
        ExtensionCodec<?> codec = extensions[type];
        if (codec == null && Extension.isSkippable(type)) {
            return SKIPPABLE_UNKNOWN;
        }
        return codec;
    }

    /**
     * The codec writing {@code extension}: the one registered for its type if it handles the
     * extension's class; an {@link UnknownExtension} is written back as the raw octets it holds.
     *
     * @throws IllegalArgumentException when no codec can write it
     */
    public ExtensionCodec<?> extensionEncoder(Extension extension) {
        int type = extension.type();
        ExtensionCodec<?> codec = type >= 0 && type < TYPE_CODES ? extensions[type] : null;
        if (codec != null && codec.extensionClass().isInstance(extension)) {
            return codec;
        }
        if (extension instanceof UnknownExtension) {
            return SKIPPABLE_UNKNOWN;
        }
        throw new IllegalArgumentException("no codec registered for extension type " + type + " ("
                + extension.getClass().getSimpleName() + ")");
    }

    /** Frames and codes extension lists with this registry's extension codecs. */
    public ExtensionListCodec extensionList() {
        return extensionList;
    }

    /**
     * Collects registrations. With {@link #message} and {@link #extension} a later registration of
     * the same type code replaces the earlier; {@link #add} refuses to replace anything.
     */
    public static final class Builder {
        private final MessageCodec<?>[] messages = new MessageCodec<?>[TYPE_CODES];
        private final ExtensionCodec<?>[] extensions = new ExtensionCodec<?>[TYPE_CODES];

        private Builder() {
        }

        public Builder message(int type, MessageCodec<?> codec) {
            messages[checkType(type)] = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder extension(int type, ExtensionCodec<?> codec) {
            extensions[checkType(type)] = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Registers every codec of {@code provider}, or none of them.
         *
         * @throws IllegalArgumentException when one of its type codes is already registered (by
         *                                  the standard codecs or an earlier provider) or is no octet
         */
        public Builder add(CodecProvider provider) {
            Map<Integer, MessageCodec<?>> newMessages = provider.messageCodecs();
            Map<Integer, ExtensionCodec<?>> newExtensions = provider.extensionCodecs();
            newMessages.keySet().forEach(type -> checkFree("message", type, messages));
            newExtensions.keySet().forEach(type -> checkFree("extension", type, extensions));
            newMessages.forEach(this::message);
            newExtensions.forEach(this::extension);
            return this;
        }

        public CodecRegistry build() {
            return new CodecRegistry(this);
        }

        private static void checkFree(String kind, int type, Object[] registered) {
            if (registered[checkType(type)] != null) {
                throw new IllegalArgumentException(kind + " type " + type + " is already registered ("
                        + registered[type].getClass().getName() + ")");
            }
        }

        private static int checkType(int type) {
            if (type < 0 || type >= TYPE_CODES) {
                throw new IllegalArgumentException("type code " + type + " is not an octet");
            }
            return type;
        }
    }
}
