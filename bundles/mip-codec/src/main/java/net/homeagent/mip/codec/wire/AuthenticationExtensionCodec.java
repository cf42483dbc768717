package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/**
 * Authentication extensions: the short format of RFC 5944 §3.5.2-3.5.4 (Type, Length, SPI (32),
 * Authenticator) and the long format of the Generalized Mobile IP Authentication Extension of
 * RFC 4721 (Type, Subtype, Length (16), SPI (32), Authenticator). In both the length counts the
 * SPI and the authenticator.
 *
 * <p>RFC 5944 §3.5.1: the authenticator covers the UDP payload from its first octet up to and
 * including this extension's SPI, i.e. everything before the authenticator field. On decode
 * that count becomes {@link AuthenticationExtension#authenticatedLength()}; on encode an
 * extension without authenticator is signed over exactly those octets.
 */
public final class AuthenticationExtensionCodec implements ExtensionCodec<AuthenticationExtension> {
    /** MN-HA (32), MN-FA (33) and FA-HA (34), RFC 5944 §3.5.2-3.5.4. */
    public static final AuthenticationExtensionCodec SHORT = new AuthenticationExtensionCodec(ExtensionFormat.SHORT);
    /** Generalized authentication (36), RFC 4721; its header octet is the subtype (1 = MN-AAA). */
    public static final AuthenticationExtensionCodec GENERALIZED =
            new AuthenticationExtensionCodec(ExtensionFormat.LONG);

    private static final int SPI_LENGTH = 4;

    private final ExtensionFormat format;

    private AuthenticationExtensionCodec(ExtensionFormat format) {
        this.format = format;
    }

    @Override
    public Class<AuthenticationExtension> extensionClass() {
        return AuthenticationExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return format;
    }

    @Override
    public AuthenticationExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        if (frame.bodyLength() <= SPI_LENGTH) {
            throw new MalformedExtensionException("authentication extension (type " + frame.type() + ") at offset "
                    + frame.offset() + " has length " + frame.bodyLength()
                    + ": no authenticator after the 4-octet SPI (RFC 5944 §3.5)");
        }
        long spi = body.getUnsignedInt(0);
        byte[] authenticator = ByteBufUtil.getBytes(body, SPI_LENGTH, frame.bodyLength() - SPI_LENGTH);
        return new AuthenticationExtension(frame.type(), frame.headerByte(), spi, authenticator,
                frame.bodyOffset() + SPI_LENGTH);
    }

    @Override
    public int bodyLength(AuthenticationExtension extension) {
        int authenticatorLength = extension.authenticatorLength();
        return SPI_LENGTH + (authenticatorLength == 0 ? AuthenticationAlgorithm.AUTHENTICATOR_LENGTH
                : authenticatorLength);
    }

    @Override
    public int headerByte(AuthenticationExtension extension) {
        return (int) WireFields.checkUnsigned(extension.subtype(), 8, "authentication subtype");
    }

    @Override
    public void encodeBody(AuthenticationExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeInt((int) WireFields.checkUnsigned(extension.spi(), 32, "SPI"));
        byte[] authenticator;
        if (extension.authenticatorLength() == 0) {
            byte[] covered = ByteBufUtil.getBytes(out, messageStart, out.writerIndex() - messageStart);
            authenticator = signer.sign(extension, covered, 0, covered.length);
            if (authenticator == null || authenticator.length != AuthenticationAlgorithm.AUTHENTICATOR_LENGTH) {
                throw new IllegalStateException("signer returned " + (authenticator == null ? "no" : authenticator.length
                        + " octets of") + " authenticator for extension type " + extension.type() + ", expected "
                        + AuthenticationAlgorithm.AUTHENTICATOR_LENGTH);
            }
        } else {
            authenticator = extension.authenticator();
        }
        out.writeBytes(authenticator);
    }
}
