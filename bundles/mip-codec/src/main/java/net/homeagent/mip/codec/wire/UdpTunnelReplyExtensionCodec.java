package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;

/**
 * UDP Tunnel Reply extension, RFC 3519 §3.2, non-skippable type 44, length 6:
 * Sub-Type | Reply Code | F Reserved (16) | Keepalive Interval (16).
 * Reserved bits are sent as zero and ignored on reception.
 */
public final class UdpTunnelReplyExtensionCodec implements ExtensionCodec<UdpTunnelReplyExtension> {
    static final int FLAG_F = 0x8000;
    private static final int LENGTH = 6;

    @Override
    public Class<UdpTunnelReplyExtension> extensionClass() {
        return UdpTunnelReplyExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public UdpTunnelReplyExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        WireFields.requireBodyLength(frame, LENGTH, "UDP Tunnel Reply extension (RFC 3519 §3.2)");
        return new UdpTunnelReplyExtension(body.getUnsignedByte(0), body.getUnsignedByte(1),
                (body.getUnsignedShort(2) & FLAG_F) != 0, body.getUnsignedShort(4));
    }

    @Override
    public int bodyLength(UdpTunnelReplyExtension extension) {
        return LENGTH;
    }

    @Override
    public void encodeBody(UdpTunnelReplyExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeByte((int) WireFields.checkUnsigned(extension.subtype(), 8, "UDP tunnel reply subtype"));
        out.writeByte((int) WireFields.checkUnsigned(extension.replyCode(), 8, "UDP tunnel reply code"));
        out.writeShort(extension.forced() ? FLAG_F : 0);
        out.writeShort((int) WireFields.checkUnsigned(extension.keepaliveInterval(), 16, "keepalive interval"));
    }
}
