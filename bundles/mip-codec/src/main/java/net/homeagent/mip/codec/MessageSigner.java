package net.homeagent.mip.codec;

import net.homeagent.mip.codec.ext.AuthenticationExtension;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplies the authenticator of an authentication extension while a message is encoded: the
 * encoder has written the message up to and including the extension's SPI and passes those
 * bytes (RFC 5944 §3.5.1).
 */
@ConsumerType
@FunctionalInterface
public interface MessageSigner {

    /** Used when a message carries no authentication extension to compute. */
    MessageSigner NONE = (ext, data, offset, length) -> {
        throw new IllegalStateException("no key to sign authentication extension type " + ext.type()
                + " spi " + ext.spi());
    };

    byte[] sign(AuthenticationExtension extension, byte[] data, int offset, int length);
}
