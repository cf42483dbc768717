package net.homeagent.loadgen;

import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The baseline: a minimal UDP echo on one Netty NIO event loop, one socket, one read and one
 * send system call per datagram - the plain request/response loop of issue 5's reference
 * (docs/PERFORMANCE.md), measured in the same run as the home agent. It does none of the home
 * agent's batching (recvmmsg, sendmmsg, several sockets), so the ratio says how the home agent
 * with its work compares to a plain UDP service without it.
 */
final class EchoServer implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("echo", true));
    private final Channel channel;

    EchoServer(InetSocketAddress bindTo) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        // one flush per reply: a plain UDP service
                        ctx.writeAndFlush(new DatagramPacket(packet.content().retain(), packet.sender()));
                    }
                }).bind(bindTo).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
