package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;

/**
 * Revocation Support extension, RFC 3543 ("Revocation Support Extension"), skippable type 137,
 * length 6: I Reserved (16) | Timestamp (32). Reserved bits are sent as zero and ignored.
 */
public final class RevocationSupportExtensionCodec implements ExtensionCodec<RevocationSupportExtension> {
    static final int FLAG_I = 0x8000;
    private static final int LENGTH = 6;

    @Override
    public Class<RevocationSupportExtension> extensionClass() {
        return RevocationSupportExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public RevocationSupportExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        WireFields.requireBodyLength(frame, LENGTH, "Revocation Support extension (RFC 3543)");
        return new RevocationSupportExtension((body.getUnsignedShort(0) & FLAG_I) != 0, body.getUnsignedInt(2));
    }

    @Override
    public int bodyLength(RevocationSupportExtension extension) {
        return LENGTH;
    }

    @Override
    public void encodeBody(RevocationSupportExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeShort(extension.informMobileNode() ? FLAG_I : 0);
        out.writeInt((int) WireFields.checkUnsigned(extension.timestamp(), 32, "revocation timestamp"));
    }
}
