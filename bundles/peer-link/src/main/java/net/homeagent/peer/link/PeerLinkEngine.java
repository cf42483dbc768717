package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.crypto.Mac;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerReceiver;
import net.homeagent.peer.PeerUnreachableException;

/**
 * The peer link on one UDP socket and one event loop thread (docs/protocols.md, "Peer link"). All
 * protocol state (sender windows, batches, reliable messages, sequence numbers) is touched on that
 * thread only; the roles' calls hop onto it.
 *
 * <p>The transport is Netty NIO, not epoll: the link joins a multicast group, and NIO's join is the
 * JDK's ({@code MembershipKey}), the same on every platform and build, where a native transport's
 * depends on its native library; the link's rate does not need epoll's batched system calls.
 */
final class PeerLinkEngine implements PeerLink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLinkEngine.class);

    private final LinkSettings settings;
    private final Supplier<PeerKeys> keys;
    private final long epoch;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final LinkTimer timer;
    private final Channel channel;
    private final LinkCounters counters = new LinkCounters();
    private final RateLimitedLog dropLog;
    private final Map<Integer, LinkChannel> channels = new ConcurrentHashMap<>();

    // event loop state
    private final Map<Integer, SenderState> senders = new HashMap<>();
    private final Map<InetSocketAddress, Integer> nodeIdsByAddress = new HashMap<>();
    private final Map<Long, ReliableMessage> reliable = new HashMap<>();
    private final OutboundBatches batches;
    private PeerKeys macKeys = PeerKeys.NONE;
    private final Map<Integer, Mac> macs = new HashMap<>();
    private long lastMessageSequence;
    private long lastDatagramSequence;

    /**
     * Binds the socket (and joins the multicast group) now.
     *
     * @param epoch this life of the link: greater than every earlier one of this node (the start time
     *              in milliseconds)
     * @param timers the timer on the link's event loop ({@link EventLoopTimer} in production)
     */
    PeerLinkEngine(LinkSettings settings, Supplier<PeerKeys> keys, long epoch, Function<EventLoop, LinkTimer> timers) {
        this.settings = settings;
        this.keys = keys;
        this.epoch = epoch;
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("peer-link", true));
        this.loop = group.next();
        this.timer = timers.apply(loop);
        this.dropLog = new RateLimitedLog(LOG, timer);
        this.batches = new OutboundBatches(settings.mtu(), this::writeDatagram,
                () -> ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(this::flushBatches));
        settings.peers().forEach(peer -> nodeIdsByAddress.put(peer.address(), peer.nodeId()));
        try {
            this.channel = bind();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        LOG.info("peer link of node {} in group {} listening on {}{} (epoch {}, {})", settings.nodeId(),
                settings.groupId(), channel.localAddress(),
                settings.multicastGroup().map(g -> ", multicast group " + g).orElse(", unicast fan-out to "
                        + settings.peers().size() + " peers"), epoch, keys.get());
    }

    private Channel bind() {
        boolean multicast = settings.multicastGroup().isPresent();
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channelFactory(() -> new NioDatagramChannel(InternetProtocolFamily.IPv4))
                .option(ChannelOption.SO_REUSEADDR, multicast)
                .option(ChannelOption.IP_MULTICAST_TTL, settings.multicastTtl())
                .handler(new InboundDatagrams());
        settings.multicastInterface().ifPresent(nif -> bootstrap.option(ChannelOption.IP_MULTICAST_IF, nif));
        // Linux delivers a multicast datagram only to sockets bound to the group or the wildcard
        // address: with a group, the socket binds the wildcard address on the configured port
        InetSocketAddress local = multicast ? new InetSocketAddress(settings.bind().getPort()) : settings.bind();
        Channel bound = bootstrap.bind(local).syncUninterruptibly().channel();
        if (multicast) {
            ((DatagramChannel) bound).joinGroup(settings.multicastGroup().get(), settings.multicastInterface().get())
                    .syncUninterruptibly();
        }
        return bound;
    }

    @Override
    public int nodeId() {
        return settings.nodeId();
    }

    @Override
    public int groupId() {
        return settings.groupId();
    }

    @Override
    public PeerChannel open(int service, PeerReceiver receiver) {
        if (service < 0 || service > 0xFFFF) {
            throw new IllegalArgumentException("service must be 0 to 65535: " + service);
        }
        LinkChannel opened = new LinkChannel(service, receiver, this);
        if (channels.putIfAbsent(service, opened) != null) {
            throw new IllegalStateException("service " + service + " is already open on the peer link");
        }
        LOG.info("peer link service {} opened", service);
        return opened;
    }

    @Override
    public PeerLinkStatus status() {
        InetSocketAddress listening = (InetSocketAddress) channel.localAddress();
        return new PeerLinkStatus(settings.nodeId(), settings.groupId(), listening, settings.multicastGroup(), epoch,
                counters.datagramsSent.get(), counters.datagramsReceived.get(), counters.messagesSent.get(),
                counters.messagesDelivered.get(), counters.retransmissions.get(), counters.givenUp.get(),
                counters.droppedByReason());
    }

    /** The peers this link knows (configured or heard from) with how many messages each has not acknowledged. */
    CompletionStage<Map<PeerNode, Integer>> unacknowledgedByPeer() {
        CompletableFuture<Map<PeerNode, Integer>> result = new CompletableFuture<>();
        onLoop(result, () -> {
            Map<PeerNode, Integer> byPeer = new LinkedHashMap<>();
            nodeIdsByAddress.forEach((address, node) -> byPeer.put(new PeerNode(node, address), 0));
            reliable.values().forEach(message -> message.waiting
                    .forEach(member -> byPeer.merge(member.node, 1, Integer::sum)));
            result.complete(byPeer);
        });
        return result;
    }

    CompletionStage<Void> send(LinkChannel from, InetSocketAddress peer, byte[] payload) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Optional<IllegalArgumentException> tooLarge = tooLarge(payload);
        if (tooLarge.isPresent()) {
            acknowledged.completeExceptionally(tooLarge.get());
            return acknowledged;
        }
        onLoop(acknowledged, () -> {
            PeerNode node = new PeerNode(nodeIdsByAddress.getOrDefault(peer, 0), peer);
            startReliable(from, payload, List.of(node), false).get(0).acknowledged
                    .whenComplete((done, failure) -> complete(acknowledged, failure));
        });
        return acknowledged;
    }

    GroupDelivery sendToGroup(LinkChannel from, Collection<PeerNode> members, byte[] payload) {
        Map<Integer, CompletableFuture<Void>> stages = new LinkedHashMap<>();
        members.forEach(member -> stages.put(member.nodeId(), new CompletableFuture<>()));
        MemberDeliveries delivery = new MemberDeliveries(stages);
        CompletableFuture<Void> anyStage = new CompletableFuture<>();
        anyStage.whenComplete((done, failure) -> stages.values().forEach(stage -> complete(stage, failure)));
        Optional<IllegalArgumentException> tooLarge = tooLarge(payload);
        if (tooLarge.isPresent()) {
            anyStage.completeExceptionally(tooLarge.get());
            return delivery;
        }
        if (members.isEmpty()) {
            return delivery;
        }
        onLoop(anyStage, () -> {
            startReliable(from, payload, List.copyOf(members), settings.multicastGroup().isPresent())
                    .forEach(member -> member.acknowledged
                            .whenComplete((done, failure) -> complete(stages.get(member.node.nodeId()), failure)));
        });
        return delivery;
    }

    void announce(LinkChannel from, byte[] payload) {
        Optional<IllegalArgumentException> tooLarge = tooLarge(payload);
        if (tooLarge.isPresent()) {
            throw tooLarge.get();
        }
        // best effort: a link that is stopping just does not send it
        onLoop(new CompletableFuture<>(), () -> {
            if (!channels.containsKey(from.service)) {
                return;
            }
            byte[] record = new PeerRecord.Data(false, from.service, ++lastMessageSequence, payload).encode();
            counters.messagesSent.incrementAndGet();
            if (settings.multicastGroup().isPresent()) {
                batches.add(settings.multicastGroup().get(), record);
            } else {
                settings.peers().forEach(peer -> batches.add(peer.address(), record));
            }
        });
    }

    void close(LinkChannel closed) {
        if (channels.remove(closed.service, closed)) {
            LOG.info("peer link service {} closed", closed.service);
            onLoop(new CompletableFuture<>(), () -> failAll(message -> message.service == closed.service,
                    new IllegalStateException("peer link service " + closed.service + " was closed")));
        }
    }

    /** Closes the socket and stops the event loop; what was not acknowledged yet fails. */
    @Override
    public void close() {
        channels.clear();
        onLoop(new CompletableFuture<>(), () -> {
            failAll(message -> true, new IllegalStateException("the peer link stopped"));
            channel.close();
        });
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("peer link of node {} stopped", settings.nodeId());
    }

    /** The socket, for tests that put a handler in front of it (losing datagrams on purpose). */
    Channel channel() {
        return channel;
    }

    private Optional<IllegalArgumentException> tooLarge(byte[] payload) {
        int max = PeerWire.maxPayload(settings.mtu());
        return payload.length <= max ? Optional.empty() : Optional.of(new IllegalArgumentException("payload of "
                + payload.length + " bytes, the peer link carries at most " + max + " (mtu " + settings.mtu() + ")"));
    }

    /** Runs {@code task} on the event loop; a link that is stopping fails {@code stage} instead. */
    private void onLoop(CompletableFuture<?> stage, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            stage.completeExceptionally(new IllegalStateException("the peer link stopped", e));
        }
    }

    private static void complete(CompletableFuture<Void> stage, Throwable failure) {
        if (failure == null) {
            stage.complete(null);
        } else {
            stage.completeExceptionally(failure);
        }
    }

    // ---- sending (event loop) -------------------------------------------------------------

    /** Queues a reliable message to {@code members}; returns their deliveries (failed at once if the channel closed). */
    private List<MemberDelivery> startReliable(LinkChannel from, byte[] payload, List<PeerNode> members,
            boolean multicast) {
        long now = timer.nowMillis();
        List<MemberDelivery> deliveries = members.stream()
                .map(member -> new MemberDelivery(member, now, settings.retransmitInitialMillis())).toList();
        if (!channels.containsKey(from.service)) {
            deliveries.forEach(member -> member.acknowledged.completeExceptionally(
                    new IllegalStateException("peer link service " + from.service + " was closed")));
            return deliveries;
        }
        long sequence = ++lastMessageSequence;
        ReliableMessage message = new ReliableMessage(from.service,
                sequence, new PeerRecord.Data(true, from.service, sequence, payload).encode());
        message.waiting.addAll(deliveries);
        reliable.put(sequence, message);
        counters.messagesSent.incrementAndGet();
        if (multicast) {
            batches.add(settings.multicastGroup().get(), message.record);
        } else {
            members.forEach(member -> batches.add(member.address(), message.record));
        }
        deliveries.forEach(member -> scheduleRetransmission(message, member,
                Math.min(settings.retransmitInitialMillis(), settings.giveUpMillis())));
        return deliveries;
    }

    private void scheduleRetransmission(ReliableMessage message, MemberDelivery member, long delay) {
        timer.schedule(() -> onLoop(new CompletableFuture<>(), () -> retransmitIfDue(message, member)), delay);
    }

    /**
     * The retransmission schedule (docs/protocols.md, "Peer link"): unicast again after the
     * interval, which doubles up to the maximum, until acknowledged or the give-up bound since the
     * first transmission passes.
     */
    private void retransmitIfDue(ReliableMessage message, MemberDelivery member) {
        if (member.acknowledged.isDone()) {
            return;
        }
        long elapsed = timer.nowMillis() - member.firstSentMillis;
        if (elapsed >= settings.giveUpMillis()) {
            counters.givenUp.incrementAndGet();
            LOG.info("peer link gave up message {} of service {} to node {} at {} after {} transmissions",
                    message.sequence, message.service, member.node.nodeId(), member.node.address(),
                    member.transmissions);
            settle(message, member, new PeerUnreachableException(member.node, member.transmissions));
            return;
        }
        batches.add(member.node.address(), message.record);
        member.transmissions++;
        counters.retransmissions.incrementAndGet();
        member.intervalMillis = Math.min(member.intervalMillis * 2, settings.retransmitMaxMillis());
        scheduleRetransmission(message, member, Math.min(member.intervalMillis, settings.giveUpMillis() - elapsed));
    }

    private void settle(ReliableMessage message, MemberDelivery member, Throwable failure) {
        message.waiting.remove(member);
        if (message.waiting.isEmpty()) {
            reliable.remove(message.sequence);
        }
        complete(member.acknowledged, failure);
    }

    private void failAll(Predicate<ReliableMessage> which, RuntimeException failure) {
        List<ReliableMessage> failing = reliable.values().stream().filter(which).toList();
        failing.forEach(message -> failAll(message, failure));
    }

    private void failAll(ReliableMessage message, RuntimeException failure) {
        new ArrayList<>(message.waiting).forEach(member -> settle(message, member, failure));
        reliable.remove(message.sequence);
    }

    private void flushBatches() {
        batches.flushAll();
        channel.flush();
    }

    private void writeDatagram(InetSocketAddress destination, List<byte[]> records) {
        PeerKeys current = currentKeys();
        int keyId = current.sendKeyId();
        DatagramHeader header = new DatagramHeader(PeerWire.VERSION, settings.groupId(), settings.nodeId(), epoch,
                ++lastDatagramSequence, keyId, records.size());
        byte[] datagram = DatagramCodec.encode(header, records, mac(keyId).orElseThrow());
        channel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), destination));
        counters.datagramsSent.incrementAndGet();
    }

    // ---- receiving (event loop) -----------------------------------------------------------

    /** One datagram from the socket; never throws. */
    void onDatagram(byte[] datagram, InetSocketAddress source) {
        counters.datagramsReceived.incrementAndGet();
        currentKeys();
        DatagramCodec.Decoded decoded = DatagramCodec.decode(datagram, settings.groupId(), this::mac);
        if (!decoded.accepted()) {
            drop(decoded.drop(), decoded.detail(), source);
            return;
        }
        DatagramHeader header = decoded.header();
        if (header.senderNode() == settings.nodeId()) {
            return; // our own multicast, looped back to this host's sockets
        }
        SenderState known = senders.get(header.senderNode());
        if (known != null && header.senderEpoch() < known.epoch) {
            drop(DropReason.REPLAY, "epoch " + header.senderEpoch() + " of node " + header.senderNode()
                    + " is older than its epoch " + known.epoch, source);
            return;
        }
        SenderState sender = known != null && known.epoch == header.senderEpoch() ? known
                : new SenderState(header.senderEpoch(), settings.replayWindow());
        if (sender.datagrams.check(header.sequence()) != ReplayWindow.Verdict.NEW) {
            drop(DropReason.REPLAY, "datagram " + Long.toUnsignedString(header.sequence()) + " of node "
                    + header.senderNode() + " seen or older than the window", source);
            return;
        }
        sender.datagrams.mark(header.sequence());
        if (sender != known) {
            senders.put(header.senderNode(), sender);
            LOG.info("peer link: node {} at {} {} (epoch {})", header.senderNode(), source,
                    known == null ? "heard for the first time" : "restarted", header.senderEpoch());
        }
        nodeIdsByAddress.put(source, header.senderNode());
        PeerNode from = new PeerNode(header.senderNode(), source);
        for (PeerRecord record : decoded.records()) {
            if (record instanceof PeerRecord.Ack ack) {
                onAck(from, ack);
            } else if (record instanceof PeerRecord.Data data) {
                onData(from, sender, data);
            }
        }
    }

    private void onAck(PeerNode from, PeerRecord.Ack ack) {
        ReliableMessage message = ack.epoch() == epoch ? reliable.get(ack.messageSequence()) : null;
        if (message == null) {
            return; // acknowledged before (a duplicate ack), given up, or of this node's previous life
        }
        message.waiting.stream().filter(member -> member.isFrom(from.nodeId(), from.address())).findFirst()
                .ifPresent(member -> settle(message, member, null));
    }

    private void onData(PeerNode from, SenderState sender, PeerRecord.Data data) {
        LinkChannel target = channels.get(data.service());
        if (target == null) {
            drop(DropReason.NO_CHANNEL, "service " + data.service() + " is not open", from.address());
            return;
        }
        ReplayWindow.Verdict verdict = sender.messages.check(data.messageSequence());
        if (verdict == ReplayWindow.Verdict.TOO_OLD) {
            // whether it was delivered is forgotten: no ack, the sender gives up and says so
            drop(DropReason.REPLAY, "message " + Long.toUnsignedString(data.messageSequence()) + " of node "
                    + from.nodeId() + " is older than the duplicate window", from.address());
            return;
        }
        if (verdict == ReplayWindow.Verdict.NEW) {
            try {
                target.receiver.receive(new PeerMessage(data.service(), from, sender.epoch, data.payload()));
            } catch (RuntimeException e) {
                LOG.warn("peer link service {} failed on message {} of node {}; not acknowledged, it will come again",
                        data.service(), data.messageSequence(), from.nodeId(), e);
                return;
            }
            sender.messages.mark(data.messageSequence());
            counters.messagesDelivered.incrementAndGet();
        }
        // a duplicate (our ack was lost) is acknowledged again, not delivered again
        if (data.ackRequested()) {
            batches.add(from.address(), new PeerRecord.Ack(sender.epoch, data.messageSequence()).encode());
        }
    }

    private void drop(DropReason reason, String detail, InetSocketAddress source) {
        counters.drop(reason);
        dropLog.dropped(reason, detail, source);
    }

    /** The keys of the file's last good load; their Macs are rebuilt when a reload changed them. */
    private PeerKeys currentKeys() {
        PeerKeys latest = keys.get();
        if (latest != macKeys) {
            macKeys = latest;
            macs.clear();
        }
        return latest;
    }

    private Optional<Mac> mac(int keyId) {
        Mac cached = macs.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Mac> made = macKeys.mac(keyId);
        made.ifPresent(mac -> macs.put(keyId, mac));
        return made;
    }

    /** Hands each datagram's bytes to the engine, on the event loop. */
    private final class InboundDatagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
            byte[] bytes = new byte[packet.content().readableBytes()];
            packet.content().readBytes(bytes);
            try {
                onDatagram(bytes, packet.sender());
            } catch (RuntimeException e) {
                // a fault of ours, not the sender's: keep the socket, count and log it
                drop(DropReason.MALFORMED, "handling failed: " + e, packet.sender());
                LOG.debug("peer link failed on a datagram from {}", packet.sender(), e);
            }
        }
    }
}
