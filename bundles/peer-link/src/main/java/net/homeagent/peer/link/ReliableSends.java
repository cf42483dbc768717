package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerUnreachableException;

/**
 * The reliable messages this link waits acknowledgements for, member by member, and their
 * retransmission schedule (docs/protocols.md, "Peer link"): unicast again after the interval,
 * which doubles up to the maximum, until acknowledged or until the give-up bound since the first
 * transmission passes. Used on the event loop only.
 */
final class ReliableSends {

    private final LinkSettings settings;
    private final long epoch;
    private final LinkTimer timer;
    private final OutboundBatches batches;
    private final LinkCounters counters;
    private final Consumer<Runnable> onLoop;
    private final Map<Long, ReliableMessage> waiting = new HashMap<>();
    /**
     * Give-ups logged per member at most once per {@link RateLimitedLog#INTERVAL_MILLIS}: a member
     * that died takes every message in flight to it down with it (a group's learn of 1,000,000
     * bindings logged 95,000 lines); the counter keeps the exact number.
     */
    private final RateLimitedLog giveUps;

    /** @param onLoop runs a task on the event loop (the timer's tasks may run on any thread) */
    ReliableSends(LinkSettings settings, long epoch, LinkTimer timer, OutboundBatches batches, LinkCounters counters,
            Consumer<Runnable> onLoop) {
        this.settings = settings;
        this.epoch = epoch;
        this.timer = timer;
        this.batches = batches;
        this.counters = counters;
        this.onLoop = onLoop;
        this.giveUps = new RateLimitedLog(LoggerFactory.getLogger(ReliableSends.class), timer);
    }

    /**
     * Queues message {@code sequence} of {@code service} once to {@code multicast} (when given) or
     * to each member, and starts each member's retransmission schedule.
     */
    List<MemberDelivery> start(int service, long sequence, byte[] payload, List<PeerNode> members,
            Optional<InetSocketAddress> multicast) {
        long now = timer.nowMillis();
        ReliableMessage message = new ReliableMessage(service, sequence,
                new PeerRecord.Data(true, service, sequence, payload).encode());
        members.forEach(member -> message.waiting.add(
                new MemberDelivery(member, now, settings.retransmitInitialMillis())));
        List<MemberDelivery> deliveries = List.copyOf(message.waiting);
        waiting.put(sequence, message);
        counters.messagesSent.incrementAndGet();
        if (multicast.isPresent()) {
            batches.add(multicast.get(), message.record);
        } else {
            members.forEach(member -> batches.add(member.address(), message.record));
        }
        deliveries.forEach(member -> schedule(message, member,
                Math.min(settings.retransmitInitialMillis(), settings.giveUpMillis())));
        return deliveries;
    }

    /** An ack from {@code from}: settles its member of the message, if the ack is for this epoch and still awaited. */
    void acknowledged(PeerNode from, PeerRecord.Ack ack) {
        ReliableMessage message = ack.epoch() == epoch ? waiting.get(ack.messageSequence()) : null;
        if (message == null) {
            return; // acknowledged before (a duplicate ack), given up, or of this node's previous life
        }
        message.waiting.stream().filter(member -> member.isFrom(from.nodeId(), from.address())).findFirst()
                .ifPresent(member -> settle(message, member, null));
    }

    /** Fails every member of the messages {@code which} selects. */
    void failAll(Predicate<ReliableMessage> which, RuntimeException failure) {
        List<ReliableMessage> failing = waiting.values().stream().filter(which).toList();
        failing.forEach(message -> new ArrayList<>(message.waiting).forEach(member -> settle(message, member, failure)));
    }

    /** Adds to {@code byPeer} each member's count of messages it has not acknowledged. */
    void countUnacknowledged(Map<PeerNode, Integer> byPeer) {
        waiting.values().forEach(message -> message.waiting.forEach(member -> byPeer.merge(member.node, 1, Integer::sum)));
    }

    private void schedule(ReliableMessage message, MemberDelivery member, long delay) {
        timer.schedule(() -> onLoop.accept(() -> retransmitIfDue(message, member)), delay);
    }

    private void retransmitIfDue(ReliableMessage message, MemberDelivery member) {
        if (member.acknowledged.isDone()) {
            return;
        }
        long elapsed = timer.nowMillis() - member.firstSentMillis;
        if (elapsed >= settings.giveUpMillis()) {
            counters.givenUp.incrementAndGet();
            giveUps.warn("gave-up-" + member.node.nodeId(),
                    "peer link gave up message {} of service {} to node {} at {} after {} transmissions",
                    message.sequence, message.service, member.node.nodeId(), member.node.address(),
                    member.transmissions);
            settle(message, member, new PeerUnreachableException(member.node, member.transmissions));
            return;
        }
        batches.add(member.node.address(), message.record);
        member.transmissions++;
        counters.retransmissions.incrementAndGet();
        member.intervalMillis = Math.min(member.intervalMillis * 2, settings.retransmitMaxMillis());
        schedule(message, member, Math.min(member.intervalMillis, settings.giveUpMillis() - elapsed));
    }

    private void settle(ReliableMessage message, MemberDelivery member, Throwable failure) {
        message.waiting.remove(member);
        if (message.waiting.isEmpty()) {
            waiting.remove(message.sequence);
        }
        if (failure == null) {
            member.acknowledged.complete(null);
        } else {
            member.acknowledged.completeExceptionally(failure);
        }
    }
}
