package net.homeagent.peer.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;

/** Links on 127.0.0.1 with manual timers, and the helpers the engine tests share. */
final class LinkFixture implements AutoCloseable {

    static final int GROUP = 7;
    static final byte[] KEY_1 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] KEY_2 = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f");
    static final PeerKeys KEYS_1 = new PeerKeys(Map.of(1, KEY_1), 1);

    private final List<PeerLinkEngine> engines = new ArrayList<>();

    static LinkSettings settings(int nodeId, List<PeerNode> peers) {
        return settings(nodeId, peers, 1400);
    }

    static LinkSettings settings(int nodeId, List<PeerNode> peers, int mtu) {
        return new LinkSettings(nodeId, GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), Optional.empty(), 1, peers, mtu, 200, 3200, 10_000, 1024);
    }

    PeerLinkEngine start(LinkSettings settings, PeerKeys keys, long epoch, ManualTimer timer) {
        PeerLinkEngine engine = new PeerLinkEngine(settings, () -> keys, epoch, loop -> timer);
        engines.add(engine);
        return engine;
    }

    PeerLinkEngine start(int nodeId, ManualTimer timer) {
        return start(settings(nodeId, List.of()), KEYS_1, 1000 + nodeId, timer);
    }

    static InetSocketAddress address(PeerLinkEngine engine) {
        return (InetSocketAddress) engine.channel().localAddress();
    }

    static PeerNode node(PeerLinkEngine engine) {
        return new PeerNode(engine.nodeId(), address(engine));
    }

    /** Runs everything queued on the link's event loop so far, the flush of batches included. */
    static void settle(PeerLinkEngine engine) {
        SingleThreadEventLoop loop = (SingleThreadEventLoop) engine.channel().eventLoop();
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        // tail tasks run in order: this one after the flush of what the tasks before it queued
        loop.execute(() -> loop.executeAfterEventLoopIteration(() -> flushed.complete(null)));
        flushed.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Waits (for loopback I/O, bounded) until {@code counter} reaches {@code value}. */
    static void awaitCount(LongSupplier counter, long value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < value) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counter at " + counter.getAsLong() + ", expected " + value);
            }
            Thread.sleep(2);
        }
    }

    /** A receiver that queues what it gets. */
    static final class Inbox {
        final BlockingQueue<PeerMessage> messages = new LinkedBlockingQueue<>();

        void receive(PeerMessage message) {
            messages.add(message);
        }

        PeerMessage next() throws InterruptedException {
            PeerMessage message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message");
            }
            return message;
        }
    }

    /** Loses the first {@code count} datagrams arriving at the link it is put in front of (from one sender, if given). */
    static final class LoseInbound extends ChannelInboundHandlerAdapter {
        private int left;
        private final Optional<InetSocketAddress> from;

        LoseInbound(int count) {
            this(count, Optional.empty());
        }

        LoseInbound(int count, Optional<InetSocketAddress> from) {
            this.left = count;
            this.from = from;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            boolean matches = from.isEmpty() || message instanceof DatagramPacket packet && packet.sender().equals(from.get());
            if (left > 0 && matches) {
                left--;
                ReferenceCountUtil.release(message);
                return;
            }
            context.fireChannelRead(message);
        }
    }

    /** Records the size of every datagram the link writes. */
    static final class SentSizes extends ChannelOutboundHandlerAdapter {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof DatagramPacket packet) {
                sizes.add(packet.content().readableBytes());
            }
            context.write(message, promise);
        }
    }

    @Override
    public void close() {
        engines.forEach(PeerLinkEngine::close);
    }
}
