package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * The control node's public home agent address: one Netty UDP socket bound to that address (not
 * the wildcard), so that every reply leaves from the address the mobile node or foreign agent sent
 * its request to (RFC 5944 §3.8.3.1). Datagrams go to the {@link ControlCore} as bytes: the HA
 * that decides them reads them with the same codec it reads its own socket's with.
 */
final class PublicFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublicFront.class);

    private final EventLoopGroup group = new NioEventLoopGroup(1, task -> {
        Thread thread = new Thread(task, "hacn-public-address");
        thread.setDaemon(true);
        return thread;
    });
    private final Channel channel;
    private final RateLimitedLog problems;

    PublicFront(InetSocketAddress publicAddress, ControlCore core, Clock clock) {
        this.problems = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::warn);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new Requests(core, publicAddress));
        ChannelFuture bound = bootstrap.bind(publicAddress).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the public address " + publicAddress, bound.cause());
        }
        this.channel = bound.channel();
        LOG.info("control node listening on the public home agent address {}", publicAddress);
    }

    /** Sends {@code reply} from the public address to {@code to}; any thread. */
    void send(byte[] reply, InetSocketAddress to) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), to)).addListener(sent -> {
            if (!sent.isSuccess()) {
                problems.log("send", () -> "reply to " + to + " not sent: " + sent.cause());
            }
        });
    }

    @Sharable
    private final class Requests extends SimpleChannelInboundHandler<DatagramPacket> {
        private final ControlCore core;
        private final InetSocketAddress publicAddress;

        Requests(ControlCore core, InetSocketAddress publicAddress) {
            this.core = core;
            this.publicAddress = publicAddress;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            try {
                core.request(ByteBufUtil.getBytes(packet.content()), packet.sender(), publicAddress);
            } catch (RuntimeException e) {
                core.counters().increment("requests-faulted");
                problems.log("fault", () -> "request from " + packet.sender() + " failed: " + e, e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problems.log("exception", () -> "error on the public address: " + cause, cause);
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
