package net.homeagent.ha.transport;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** Netty's native epoll transport where it loads (Linux with the native library), else NIO. */
record UdpTransport(String name, EventLoopGroup group, Class<? extends DatagramChannel> channelClass) {

    static UdpTransport create(int threads, ThreadFactory threadFactory) {
        if (Epoll.isAvailable()) {
            return new UdpTransport("epoll", new EpollEventLoopGroup(threads, threadFactory),
                    EpollDatagramChannel.class);
        }
        return new UdpTransport("nio", new NioEventLoopGroup(threads, threadFactory), NioDatagramChannel.class);
    }
}
