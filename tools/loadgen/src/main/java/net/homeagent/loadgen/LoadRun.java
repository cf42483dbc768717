package net.homeagent.loadgen;

import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import net.homeagent.loadgen.PendingRequests.Match;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.codec.mimm.RequestHandoffCodec;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One bounded run against one target over Netty NIO UDP sockets ({@code --sockets}, all on one
 * event loop). Every piece of state lives on that event loop; the open-loop pacer only hands it
 * intended send times. The requests a read batch of replies triggers are flushed together.
 * <ul>
 * <li>closed loop: {@code window} requests in flight; each reply or timeout sends the next;</li>
 * <li>open loop: a request every {@code 1/rate} s; latency runs from the intended send time, so
 * a stall of the target or of this client shows up as latency instead of a slower pace
 * (no coordinated omission).</li>
 * </ul>
 * Stops sending after warm-up + duration, or (closed loop) after {@code --requests} requests, at
 * the first accepted reply ({@code --until-accepted}), or when no reply at all came for
 * {@code --give-up-after} seconds (the target died); waits at most the timeout for the last
 * replies, then counts what is left as timeouts. Every request, verified reply and timeout goes
 * to the {@link AcknowledgementLedger}.
 * <p>
 * Replies are believed as a mobile node believes them ({@link ReplyVerifier}): one that fails is
 * counted by why and otherwise ignored, so its request stays in flight and times out. A request
 * that comes back unchanged is the answer only {@link Against#ECHO}; against a home agent it is
 * counted as an echo and ignored likewise.
 */
final class LoadRun {

    /** What the run sends to: the echo baseline or a home agent. */
    enum Against {
        ECHO("echo"), HOME_AGENT("home-agent");

        private final String label;

        Against(String label) {
            this.label = label;
        }
    }

    /**
     * --request-handoff: the MIMM Request Handoff CVSE (critical, before the MN-HA extension),
     * target by care-of address (T flag), no current network, -65 dBm WLAN, no sessions.
     */
    private static final VendorSpecificExtension REQUEST_HANDOFF = new VendorSpecificExtension(true,
            MimmVendor.ENTERPRISE_NUMBER, MimmVendor.REQUEST_HANDOFF,
            RequestHandoffCodec.encode(new RequestHandoff(OptionalInt.empty(), 0, -65, LinkType.WLAN, 0, 0)));
    private static final int SOCKET_BUFFER = 4 << 20;
    /** Whether the client reads and writes in batches (epoll: recvmmsg, sendmmsg) or one datagram a call (NIO). */
    static final boolean BATCHED = Epoll.isAvailable();
    private static final int READ_BATCH = 16;
    private static final int MAX_DATAGRAM = 2048;
    private static final long TIMEOUT_CHECK_MILLIS = 5;
    private static final long SPIN_MARGIN_NANOS = 100_000;
    private static final long END_CHECK_MILLIS = 20;

    private final LoadOptions options;
    private final MobileNodes nodes;
    private final AcknowledgementLedger ledger;
    private final InetSocketAddress target;
    private final Against against;
    private final RunCounts counts;
    private final ReplyVerifier verifier;
    private final MipCodec codec = MipCodec.standard();
    private final PendingRequests pending;
    private final IdentificationClock identifications;
    private final SplittableRandom random;
    private final long timeoutNanos;
    /** The client sockets; node i sends from {@code channels[i % channels.length]}. */
    private Channel[] channels;
    /** Sockets written to since their last flush: flushed together once per read batch. */
    private boolean[] unflushed;
    private int cursor;
    private long measureFrom;
    private boolean sending = true;
    /** Set on the event loop, read by the thread that decides when the run ends. */
    private volatile boolean budgetSpent;
    private volatile long lastReplyNanos;
    private volatile long acceptedAtEpochMillis;

    LoadRun(LoadOptions options, MobileNodes nodes, AcknowledgementLedger ledger, InetSocketAddress target,
            Against against) {
        this.options = options;
        this.nodes = nodes;
        this.ledger = ledger;
        this.target = target;
        this.against = against;
        this.counts = new RunCounts(against.label);
        this.verifier = new ReplyVerifier(nodes);
        this.pending = new PendingRequests(nodes.count());
        this.identifications = new IdentificationClock(Clock.systemUTC(), nodes.count());
        this.random = new SplittableRandom(options.keySeed());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
    }

    RunCounts run() throws InterruptedException {
        EventLoopGroup group = BATCHED ? new EpollEventLoopGroup(1, new DefaultThreadFactory("loadgen", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("loadgen", true));
        long cpuAtStart = processCpuNanos();
        try {
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER).option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER);
            if (BATCHED) {
                // recvmmsg reads up to READ_BATCH replies a call; a flush of several requests on a
                // connected socket goes out in one sendmmsg (Netty's epoll datagram channel)
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BATCH * MAX_DATAGRAM));
            } else {
                bootstrap.channel(NioDatagramChannel.class);
            }
            bootstrap
                    .handler(new SharedReplyHandler() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            onReply(packet.content());
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            flushWritten();
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            // nothing listens on the target's port (not up yet, or killed): that
                            // request's timeout counts it, and the socket stays usable
                            if (!(cause instanceof PortUnreachableException)) {
                                ctx.fireExceptionCaught(cause);
                            }
                        }
                    });
            channels = new Channel[options.sockets()];
            unflushed = new boolean[channels.length];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = bootstrap.connect(target).sync().channel();
            }
            EventLoop loop = channels[0].eventLoop();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            long warmup = TimeUnit.SECONDS.toNanos(options.warmupSeconds());
            long duration = TimeUnit.SECONDS.toNanos(options.durationSeconds());
            measureFrom = start + warmup;
            lastReplyNanos = start;
            long stopAt = measureFrom + duration;
            loop.scheduleAtFixedRate(this::expireOverdue, TIMEOUT_CHECK_MILLIS, TIMEOUT_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
            if (options.closedLoop()) {
                loop.schedule(() -> {
                    for (int i = 0; i < options.window(); i++) {
                        sendNext(System.nanoTime());
                    }
                    flushWritten();
                }, Math.max(0, start - System.nanoTime()), TimeUnit.NANOSECONDS);
                System.err.println("sending to " + target + " (" + counts.name + ")");
                awaitEnd(loop, stopAt);
            } else {
                pace(loop, start, stopAt);
            }
            runOn(loop, () -> sending = false);
            // a closed loop may end before its deadline (--requests, --until-accepted, --give-up-after)
            long measuredNanos = Math.max(0, Math.min(System.nanoTime(), stopAt) - measureFrom);
            long drainUntil = System.nanoTime() + timeoutNanos;
            while (System.nanoTime() < drainUntil && inFlight(loop) > 0) {
                Thread.sleep(5);
            }
            runOn(loop, () -> pending.expire(Long.MAX_VALUE, this::timedOut));
            counts.measuredSeconds = measuredNanos / 1e9;
            for (Channel channel : channels) {
                channel.close().sync();
            }
            counts.cpuNanos = processCpuNanos() - cpuAtStart;
            return counts;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Closed loop: until the deadline, the request budget, the first acceptance, or the target's silence. */
    private void awaitEnd(EventLoop loop, long stopAt) throws InterruptedException {
        long giveUpNanos = TimeUnit.SECONDS.toNanos(options.giveUpSeconds());
        while (System.nanoTime() < stopAt && !budgetSpent
                && !(options.untilAccepted() && acceptedAtEpochMillis != 0)) {
            if (giveUpNanos > 0 && System.nanoTime() - lastReplyNanos > giveUpNanos && inFlight(loop) > 0) {
                System.err.println("no reply for " + options.giveUpSeconds() + " s: giving up");
                return;
            }
            Thread.sleep(END_CHECK_MILLIS);
        }
    }

    /** Wall-clock time of the first accepted reply (epoch ms), 0 if none came. */
    long acceptedAtEpochMillis() {
        return acceptedAtEpochMillis;
    }

    /** Open loop: hands each intended send time to the event loop when it comes. */
    private void pace(EventLoop loop, long start, long stopAt) {
        double interval = 1e9 / options.rate();
        for (long k = 0;; k++) {
            long intended = start + (long) (k * interval);
            if (intended >= stopAt) {
                return;
            }
            waitUntil(intended);
            loop.execute(() -> {
                sendNext(intended);
                flushWritten();
            });
        }
    }

    /**
     * Parks until {@code deadline}; with {@code --pacer spin} parks only until
     * {@link #SPIN_MARGIN_NANOS} before it and spins the rest, since a park wakes some 50-100 us
     * late (the kernel's timer slack) and that lateness would count as latency.
     */
    private void waitUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            if (!options.spinPacer()) {
                LockSupport.parkNanos(wait);
            } else if (wait > SPIN_MARGIN_NANOS) {
                LockSupport.parkNanos(wait - SPIN_MARGIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void sendNext(long intended) {
        if (!sending) {
            return;
        }
        if (options.requests() > 0 && counts.sentInRun >= options.requests()) {
            sending = false;
            budgetSpent = true;
            return;
        }
        int node = idleNode();
        boolean measured = intended >= measureFrom;
        if (node < 0) {
            if (measured) {
                counts.notSent++;
            }
            return;
        }
        RequestKind kind = options.mix().next(ledger.isRegistered(node), random.nextDouble());
        if (kind.moves()) {
            nodes.move(node);
        }
        long id = identifications.next(node);
        Inet4Address homeAgent = (Inet4Address) target.getAddress();
        int lifetime = kind == RequestKind.DEREGISTER ? 0 : options.lifetime();
        int careOf = kind == RequestKind.DEREGISTER
                ? ledger.deregistrationCareOf(node, nodes.homeAddressInt(node)) : nodes.careOfInt(node);
        AuthenticationExtension mobileHome = AuthenticationExtension.mobileHome(nodes.spi(node));
        RegistrationRequest request = new RegistrationRequest(0, lifetime, nodes.homeAddress(node), homeAgent,
                Ipv4.of(careOf), id, options.requestHandoff() && lifetime > 0
                        ? List.of(REQUEST_HANDOFF, mobileHome) : List.of(mobileHome));
        Channel channel = channels[node % channels.length];
        ByteBuf out = channel.alloc().directBuffer(128);
        byte[] key = nodes.key(node);
        // RFC 5944 §3.5.1, RFC 2104: the codec's HMAC-MD5, one Mac per thread
        codec.encode(request, out, (extension, data, offset, length) ->
                AuthenticationAlgorithm.HMAC_MD5.compute(key, data, offset, length));
        pending.sent(node, id, intended, kind, lifetime);
        ledger.sent(node, id, careOf, lifetime);
        counts.sentInRun++;
        if (measured) {
            counts.sentByKind[kind.ordinal()]++;
            counts.sendLagNanos.recordValue(Math.min(Math.max(0, System.nanoTime() - intended),
                    counts.sendLagNanos.getHighestTrackableValue()));
        }
        channel.write(out).addListener(f -> {
            if (!f.isSuccess() && measured) {
                counts.sendFailures++;
            }
        });
        unflushed[node % channels.length] = true;
    }

    /** One flush per socket for everything written since: one send per request, fewer wake-ups. */
    private void flushWritten() {
        for (int i = 0; i < channels.length; i++) {
            if (unflushed[i]) {
                unflushed[i] = false;
                channels[i].flush();
            }
        }
    }

    /** One handler for every client socket: all of them live on the one event loop. */
    @Sharable
    private abstract static class SharedReplyHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The next node in round-robin order without a request in flight, or -1. */
    private int idleNode() {
        for (int tries = 0; tries < nodes.count(); tries++) {
            int node = cursor;
            cursor = cursor + 1 == nodes.count() ? 0 : cursor + 1;
            if (!pending.isInFlight(node)) {
                return node;
            }
        }
        return -1;
    }

    private void onReply(ByteBuf datagram) {
        long now = System.nanoTime();
        lastReplyNanos = now;
        MipMessage message;
        try {
            message = codec.decode(datagram);
        } catch (MalformedMessageException e) {
            counts.malformed += now >= measureFrom ? 1 : 0;
            return;
        }
        if (message instanceof RegistrationReply reply) {
            onRegistrationReply(reply, now);
        } else if (message instanceof RegistrationRequest echoed) {
            onEcho(echoed, now);
        } else {
            counts.malformed += now >= measureFrom ? 1 : 0;
        }
    }

    private void onRegistrationReply(RegistrationReply reply, long now) {
        int node = nodes.nodeOf(reply.homeAddress());
        long id = pending.answeredIdentification(node, reply.identification(), reply.code());
        if (pending.classify(node, id) == Match.MISMATCHED) {
            counts.mismatched += now >= measureFrom ? 1 : 0;
            return;
        }
        ReplyVerifier.Verdict verdict = verifier.check(node, reply, pending.askedLifetime(node, id));
        if (verdict.discarded()) {
            counts.discardedByVerdict[verdict.ordinal()]++;
            return;
        }
        answer(node, id, reply.code(), reply.lifetime(), verdict == ReplyVerifier.Verdict.UNVERIFIED_REFUSAL, now);
    }

    /** A request that came back: the answer of an echo, a failure of a home agent. */
    private void onEcho(RegistrationRequest echoed, long now) {
        if (against != Against.ECHO) {
            counts.echoes++;
            return;
        }
        int node = nodes.nodeOf(echoed.homeAddress());
        long id = echoed.identification();
        if (pending.classify(node, id) == Match.MISMATCHED) {
            counts.mismatched += now >= measureFrom ? 1 : 0;
            return;
        }
        ReplyVerifier.Verdict verdict = verifier.checkEcho(node, echoed);
        if (verdict.discarded()) {
            counts.discardedByVerdict[verdict.ordinal()]++;
            return;
        }
        answer(node, id, RunCounts.ECHO, echoed.lifetime(), false, now);
    }

    /** A verified (or unverifiable refusal) answer to the node's request {@code id}, in flight or timed out. */
    private void answer(int node, long id, int code, int lifetime, boolean unverified, long now) {
        boolean accepted = ReplyCode.isAccepted(code) || code == RunCounts.ECHO;
        RequestKind kind = pending.kind(node);
        if (pending.reply(node, id) == Match.LATE) {
            // counted once measuring started, like the requests they could belong to
            counts.late += now >= measureFrom ? 1 : 0;
            ledger.answeredLate(node, id, accepted, lifetime);
            return;
        }
        if (pending.intendedNanos(node) >= measureFrom) {
            counts.repliesByCode[code]++;
            (accepted ? counts.acceptedByKind : counts.refusedByKind)[kind.ordinal()]++;
            counts.unverifiedRefusals += unverified ? 1 : 0;
            counts.latencyNanos.recordValue(Math.min(now - pending.intendedNanos(node),
                    counts.latencyNanos.getHighestTrackableValue()));
        }
        ledger.answered(node, accepted, lifetime);
        if (accepted && options.untilAccepted() && acceptedAtEpochMillis == 0) {
            acceptedAtEpochMillis = System.currentTimeMillis();
            sending = false;
        }
        if (options.closedLoop()) {
            sendNext(now);
        }
    }

    private void expireOverdue() {
        pending.expire(System.nanoTime() - timeoutNanos, this::timedOut);
        flushWritten();
    }

    private void timedOut(int node, long intended, RequestKind kind) {
        ledger.timedOut(node);
        if (intended >= measureFrom) {
            counts.timeouts++;
            counts.timedOutByKind[kind.ordinal()]++;
        }
        if (options.closedLoop()) {
            sendNext(System.nanoTime());
        }
    }

    private int inFlight(EventLoop loop) throws InterruptedException {
        int[] result = new int[1];
        runOn(loop, () -> result[0] = pending.inFlightCount());
        return result[0];
    }

    private static void runOn(EventLoop loop, Runnable task) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }
}
