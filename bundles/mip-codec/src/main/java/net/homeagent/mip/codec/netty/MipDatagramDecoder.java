package net.homeagent.mip.codec.netty;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MipCodec;

/**
 * Turns each received {@link DatagramPacket} into an {@link InboundDatagram}, or into a
 * {@link MalformedDatagram} when it is not a well-formed message: bad input is passed on as a
 * value for the next handler to answer or count, never thrown. Stateless, hence shareable.
 */
@Sharable
public final class MipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private final Supplier<MipCodec> codec;

    public MipDatagramDecoder(MipCodec codec) {
        Objects.requireNonNull(codec, "codec");
        this.codec = () -> codec;
    }

    /**
     * Asks {@code codec} for the codec of each datagram, so that the registry can be replaced
     * while the channels stay open (codecs added by other bundles come and go).
     */
    public MipDatagramDecoder(Supplier<MipCodec> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            out.add(new InboundDatagram(codec.get().decode(packet.content()), packet.sender(), packet.recipient()));
        } catch (MalformedMessageException e) {
            out.add(new MalformedDatagram(e, packet.sender(), packet.recipient()));
        } catch (RuntimeException e) {
            // The standard codecs never get here (fuzz-tested); a codec registered later might. A
            // peer's datagram must still not reach exceptionCaught: drop it and say why.
            MalformedMessageException dropped = MalformedMessageException.discard("codec failure "
                    + e.getClass().getName() + ": " + e.getMessage());
            out.add(new MalformedDatagram(dropped, packet.sender(), packet.recipient()));
        }
    }
}
