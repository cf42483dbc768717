package net.homeagent.ha.transport;

import java.util.concurrent.ThreadFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * Netty's native epoll transport where it loads (Linux with the native library), else NIO. Only
 * epoll reads several datagrams per system call and shares a port between sockets
 * (SO_REUSEPORT); NIO reads one datagram per call and opens one socket per address.
 */
record UdpTransport(String name, EventLoopGroup group, Class<? extends DatagramChannel> channelClass,
        boolean epoll) {

    /**
     * The largest datagram read whole: Netty's default receive buffer of a datagram channel, kept
     * when reading in batches (each datagram of a batch gets a slot of this size). A longer one is
     * truncated by the kernel, as it was before batching.
     */
    static final int MAX_DATAGRAM_BYTES = 2048;

    static UdpTransport create(int threads, ThreadFactory threadFactory) {
        if (Epoll.isAvailable()) {
            return new UdpTransport("epoll", new EpollEventLoopGroup(threads, threadFactory),
                    EpollDatagramChannel.class, true);
        }
        return new UdpTransport("nio", new NioEventLoopGroup(threads, threadFactory), NioDatagramChannel.class, false);
    }

    /** Sockets to open per listen address: one per event loop where the port can be shared. */
    int socketsPerAddress(int eventLoops) {
        return epoll ? eventLoops : 1;
    }

    /** Reads up to {@code batch} datagrams per recvmmsg (epoll); NIO keeps one per read. */
    void readInBatches(Bootstrap bootstrap, int batch) {
        if (epoll && batch > 1) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(batch * MAX_DATAGRAM_BYTES));
        }
    }

    /** A bootstrap whose sockets share their address and port with the others of the group. */
    Bootstrap sharingThePort(Bootstrap bootstrap) {
        return bootstrap.clone().option(EpollChannelOption.SO_REUSEPORT, true);
    }
}
