package net.homeagent.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The baseline, a process of its own: a UDP echo with the home agent's transport settings and
 * nothing of its work, the best request/response loop of this kind the box runs. Like the home
 * agent (bundles/home-agent HomeAgentServer, UdpTransport, HomeAgentSettings defaults): Netty
 * epoll, one event loop per core unless told otherwise, as many SO_REUSEPORT sockets on one port
 * (the kernel spreads the client's source ports over them), up to {@code batch} datagrams of at
 * most 2,048 octets per recvmmsg, a 4 MiB SO_RCVBUF, and the replies of a read batch flushed
 * together (one sendmmsg). It sends each request back as it came: the same payload sizes.
 * <p>
 * The settings are copied, not the classes: UdpTransport is package-private in an implementation
 * bundle, which exports nothing (ARCHITECTURE.md, rule 1).
 * <p>
 * {@code EchoBaseline ADDRESS EVENT_LOOPS BATCH}: prints {@link #READY} and the bound
 * address:port on its first stdout line, and serves until its stdin closes (its parent, the
 * load generator, ended or died).
 */
public final class EchoBaseline {

    static final String READY = "echo baseline listening on ";
    /** HomeAgentConfig receiveBufferBytes and UdpTransport MAX_DATAGRAM_BYTES. */
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int MAX_DATAGRAM = 2048;

    private EchoBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (!Epoll.isAvailable()) {
            // NIO reads one datagram per call: not the baseline the home agent is measured against
            System.err.println("no echo baseline without Netty epoll: " + Epoll.unavailabilityCause());
            System.exit(2);
        }
        InetAddress address = InetAddress.getByName(args[0]);
        int eventLoops = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        EpollEventLoopGroup group = new EpollEventLoopGroup(eventLoops, new DefaultThreadFactory("echo", true));
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER).option(EpollChannelOption.SO_REUSEPORT, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(batch * MAX_DATAGRAM))
                    .handler(new Echo());
            List<Channel> sockets = new ArrayList<>();
            sockets.add(bootstrap.bind(address, 0).sync().channel());
            InetSocketAddress bound = (InetSocketAddress) sockets.get(0).localAddress();
            while (sockets.size() < eventLoops) {
                sockets.add(bootstrap.bind(bound).sync().channel());
            }
            System.out.println(READY + bound.getAddress().getHostAddress() + ":" + bound.getPort() + " (epoll, "
                    + eventLoops + " event loops and sockets, up to " + batch + " datagrams per read)");
            System.out.flush();
            awaitEndOfInput();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void awaitEndOfInput() throws IOException {
        while (System.in.read() >= 0) {
            // nothing to read: the parent only ever closes it
        }
    }

    /** Queues each datagram back to its sender; flushes once per read batch, as the home agent does. */
    @Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket packet = (DatagramPacket) msg;
            ctx.write(new DatagramPacket(packet.content(), packet.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
