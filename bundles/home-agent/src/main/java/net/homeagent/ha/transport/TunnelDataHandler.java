package net.homeagent.ha.transport;

import java.util.function.Supplier;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.codec.TunnelData;
import net.homeagent.mip.codec.netty.InboundDatagram;

/**
 * Hands RFC 3519 Tunnel Data messages (type 4, reverse tunnelling from a mobile node behind a NAT)
 * to the data plane's {@link UdpTunnelReceiver}, and everything else on to the registration
 * handler. Without a data plane the message goes on too, and is counted and dropped there.
 */
@Sharable
final class TunnelDataHandler extends ChannelInboundHandlerAdapter {

    private final Supplier<UdpTunnelReceiver> receiver;

    TunnelDataHandler(Supplier<UdpTunnelReceiver> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UdpTunnelReceiver target = receiver.get();
        if (target != null && msg instanceof InboundDatagram datagram && datagram.message() instanceof TunnelData data) {
            // the receiver never throws out (bad input is its counter), and there is nothing to release
            target.tunnelData(data, datagram.sender(), datagram.recipient());
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
