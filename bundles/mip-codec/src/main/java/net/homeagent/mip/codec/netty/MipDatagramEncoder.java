package net.homeagent.mip.codec.netty;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;

import net.homeagent.mip.codec.MipCodec;

/**
 * Turns an {@link OutboundDatagram} into a {@link DatagramPacket} addressed to its recipient and
 * sent from its sender address. Stateless, hence shareable. A message that cannot be encoded
 * (a local bug) fails the write's future; the buffer is released.
 */
@Sharable
public final class MipDatagramEncoder extends MessageToMessageEncoder<OutboundDatagram> {
    private final Supplier<MipCodec> codec;

    public MipDatagramEncoder(MipCodec codec) {
        Objects.requireNonNull(codec, "codec");
        this.codec = () -> codec;
    }

    /**
     * Asks {@code codec} for the codec of each datagram, so that the registry can be replaced
     * while the channels stay open (codecs added by other bundles come and go).
     */
    public MipDatagramEncoder(Supplier<MipCodec> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundDatagram datagram, List<Object> out) {
        ByteBuf buf = ctx.alloc().ioBuffer();
        try {
            codec.get().encode(datagram.message(), buf, datagram.signer());
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(new DatagramPacket(buf, datagram.recipient(), datagram.sender()));
    }
}
