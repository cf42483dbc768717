package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;

/**
 * UDP Tunnel Request extension, RFC 3519 §3.1, skippable type 144, length 6:
 * Sub-Type | Reserved 1 | F R Reserved 2 (8) | Encapsulation | Reserved 3 (16).
 * Reserved bits are sent as zero and ignored on reception.
 */
public final class UdpTunnelRequestExtensionCodec implements ExtensionCodec<UdpTunnelRequestExtension> {
    static final int FLAG_F = 0x80;
    static final int FLAG_R = 0x40;
    private static final int LENGTH = 6;

    @Override
    public Class<UdpTunnelRequestExtension> extensionClass() {
        return UdpTunnelRequestExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public UdpTunnelRequestExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        WireFields.requireBodyLength(frame, LENGTH, "UDP Tunnel Request extension (RFC 3519 §3.1)");
        int flags = body.getUnsignedByte(2);
        return new UdpTunnelRequestExtension(body.getUnsignedByte(0), (flags & FLAG_F) != 0, (flags & FLAG_R) != 0,
                body.getUnsignedByte(3));
    }

    @Override
    public int bodyLength(UdpTunnelRequestExtension extension) {
        return LENGTH;
    }

    @Override
    public void encodeBody(UdpTunnelRequestExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeByte((int) WireFields.checkUnsigned(extension.subtype(), 8, "UDP tunnel request subtype"));
        out.writeByte(0);
        out.writeByte((extension.force() ? FLAG_F : 0) | (extension.registrationThroughFa() ? FLAG_R : 0));
        out.writeByte((int) WireFields.checkUnsigned(extension.encapsulation(), 8, "encapsulation"));
        out.writeShort(0);
    }
}
