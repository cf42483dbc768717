package net.homeagent.group;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.support.Futures;
import net.homeagent.peer.GroupDelivery;

/**
 * A registration's reply waits for the group (issue 11, "Replies and durability"): the home agent
 * asks this barrier after the change was made, the {@link ChangeReplicator} has just sent it, and
 * the reply goes when every member acknowledged it, so that an acknowledged binding survives the
 * active member's death. Bounded by {@code timeout}: past it the reply goes anyway, the members that
 * had not acknowledged are marked lagging and counted, and {@code reply-wait-timeouts} counts it. A
 * member the link gave up on releases the reply too (it is marked by the replicator). A member so
 * marked is not waited for until its next acknowledgement. Off, or with nothing sent for the home
 * address (no other member), the reply does not wait.
 */
final class ReplyWaits implements ReplyBarrier {

    /** The last change sent for a home address, until every member acknowledged it. */
    private record Pending(GroupDelivery delivery, CompletableFuture<Void> all) {
    }

    private final boolean enabled;
    private final Duration timeout;
    private final Scheduler timers;
    private final GroupMembers members;
    private final GroupCounters counters;
    private final Map<Inet4Address, Pending> pending = new ConcurrentHashMap<>();

    ReplyWaits(boolean enabled, Duration timeout, Scheduler timers, GroupMembers members, GroupCounters counters) {
        this.enabled = enabled;
        this.timeout = timeout;
        this.timers = timers;
        this.members = members;
        this.counters = counters;
    }

    /**
     * The replicator sent a change of {@code home}: a reply for it waits for these acknowledgements;
     * none when the change went to no member (one that fell silent): nothing to wait for, not even
     * an earlier change still retransmitted to it.
     */
    void sent(Inet4Address home, Optional<GroupDelivery> delivery) {
        if (!enabled) {
            return;
        }
        if (delivery.isEmpty()) {
            pending.remove(home);
            return;
        }
        Pending change = new Pending(delivery.get(), delivery.get().all().toCompletableFuture());
        pending.put(home, change);
        change.all().whenComplete((ok, failure) -> pending.remove(home, change));
    }

    @Override
    public CompletionStage<Void> beforeReply(Inet4Address homeAddress) {
        Pending change = pending.get(homeAddress);
        if (change == null) {
            return Futures.NOTHING_TO_WAIT_FOR;
        }
        Map<Integer, CompletableFuture<Void>> awaited = awaited(change.delivery());
        if (awaited.isEmpty()) {
            counters.increment("replies-past-lagging");
            return Futures.NOTHING_TO_WAIT_FOR;
        }
        CompletableFuture<Void> acknowledged = CompletableFuture.allOf(awaited.values().toArray(CompletableFuture[]::new));
        CompletableFuture<Void> reply = new CompletableFuture<>();
        Scheduler.Cancellable timer = timers.schedule(timeout, () -> {
            if (reply.complete(null)) {
                counters.increment("reply-wait-timeouts");
                awaited.forEach((nodeId, ack) -> {
                    if (!ack.isDone()) {
                        members.lagged(nodeId);
                        counters.increment("member-lagged");
                    }
                });
            }
        });
        acknowledged.whenComplete((ok, failure) -> {
            if (reply.complete(null)) {
                timer.cancel();
                counters.increment(failure == null ? "replies-after-group" : "replies-member-unreachable");
            }
        });
        return reply;
    }

    /**
     * The acknowledgements a reply waits for: those of the members not marked lagging. A member that
     * already held a reply up to the timeout is not waited for again until it acknowledges something
     * (which clears the mark): a member that died would otherwise hold every reply up to the timeout
     * until the link gives up on it or it falls silent (seconds), which stalled the new active
     * member's replies after a failover (docs/redundancy.md "Replies wait for the group").
     */
    private Map<Integer, CompletableFuture<Void>> awaited(GroupDelivery delivery) {
        Map<Integer, CompletableFuture<Void>> awaited = new HashMap<>();
        delivery.byMember().forEach((nodeId, ack) -> {
            if (!members.lagging(nodeId)) {
                awaited.put(nodeId, ack.toCompletableFuture());
            }
        });
        return awaited;
    }

    /** Home addresses whose last change some member has not acknowledged yet. */
    int unacknowledged() {
        return pending.size();
    }
}
