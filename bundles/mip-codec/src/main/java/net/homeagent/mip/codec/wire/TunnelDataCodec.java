package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionListCodec;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageCodec;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.TunnelData;

/**
 * Tunnel Data, RFC 3519 §3.3: Type 4, Next Header, 16 reserved bits, then the tunnelled datagram.
 * Nobody answers tunnel data, so every malformed message is discarded silently.
 */
public final class TunnelDataCodec implements MessageCodec<TunnelData> {

    @Override
    public Class<TunnelData> messageClass() {
        return TunnelData.class;
    }

    @Override
    public TunnelData decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
            throws MalformedMessageException {
        if (wire.length <= TunnelData.PAYLOAD_OFFSET) {
            throw MalformedMessageException.discard("Tunnel Data of " + wire.length + " octets carries no datagram"
                    + " after its " + TunnelData.PAYLOAD_OFFSET + "-octet header (RFC 3519 §3.3)");
        }
        return new TunnelData(message.getUnsignedByte(1), wire);
    }

    @Override
    public void encode(TunnelData message, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer) {
        // RFC 3519 §3.3: the reserved field is sent as zero; the wire form carries the header already
        out.writeByte(TunnelData.TYPE).writeByte(message.nextHeader()).writeShort(0)
                .writeBytes(message.wire(), TunnelData.PAYLOAD_OFFSET, message.payloadLength());
    }
}
