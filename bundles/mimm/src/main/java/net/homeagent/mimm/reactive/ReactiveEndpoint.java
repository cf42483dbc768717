package net.homeagent.mimm.reactive;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The advisor's UDP socket for reactive advice (Netty, one event loop): what a mobile sends (acks,
 * pulls) goes to {@code inbound} with its sender; {@link #send} writes an advice to the mobile's home
 * address and port, {@link #reply} an answer to a sender. A datagram that cannot leave is counted by {@code sendFailed}; inbound work never throws
 * into Netty (the advisor counts bad datagrams itself).
 *
 * <p>The receive buffer is asked for explicitly, as the home agent's registration sockets do: the
 * acks of a push to 100,000 mobiles come back at its pace (1,000/s by default) onto one event loop
 * that also paces and encodes, and what arrives while the loop is held up waits in this buffer or
 * is dropped by the kernel (the kernel's default is about 200 KB).
 */
final class ReactiveEndpoint implements AdviceSink {

    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("mimm-reactive"));
    private final int mobilePort;
    private final Runnable sendFailed;
    private Channel channel;

    ReactiveEndpoint(int mobilePort, Runnable sendFailed) {
        this.mobilePort = mobilePort;
        this.sendFailed = sendFailed;
    }

    /**
     * @param receiveBufferBytes the SO_RCVBUF asked for; the kernel caps it at net.core.rmem_max
     * @return the receive buffer the kernel granted (Linux reports twice what it reserves)
     */
    int bind(InetAddress address, int port, int receiveBufferBytes, BiConsumer<byte[], InetSocketAddress> inbound)
            throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        inbound.accept(ByteBufUtil.getBytes(packet.content()), packet.sender());
                    }
                })
                .bind(address, port).sync().channel();
        return ((DatagramChannel) channel).config().getReceiveBufferSize();
    }

    EventLoopGroup loop() {
        return group;
    }

    String listening() {
        return String.valueOf(channel.localAddress());
    }

    @Override
    public void send(Inet4Address home, byte[] datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), new InetSocketAddress(home, mobilePort)))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        sendFailed.run();
                    }
                });
    }

    /** An answer to where a datagram came from. */
    void reply(InetSocketAddress to, byte[] datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to)).addListener(f -> {
            if (!f.isSuccess()) {
                sendFailed.run();
            }
        });
    }

    void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
