package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.UnknownExtension;

/**
 * Any skippable extension type (128-255) without a registered codec, RFC 5944 §1.9: framed as
 * Type, Length (8), body, and kept as opaque octets so that it is written back exactly and the
 * authenticators covering it verify.
 */
public final class UnknownExtensionCodec implements ExtensionCodec<UnknownExtension> {

    @Override
    public Class<UnknownExtension> extensionClass() {
        return UnknownExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public UnknownExtension decode(ExtensionFrame frame, ByteBuf body) {
        return new UnknownExtension(frame.type(), ByteBufUtil.getBytes(body));
    }

    @Override
    public int bodyLength(UnknownExtension extension) {
        return extension.body().length;
    }

    @Override
    public void encodeBody(UnknownExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeBytes(extension.body());
    }
}
