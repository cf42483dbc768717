package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import net.homeagent.mip.api.Binding;

/**
 * One mobile delegated (or being delegated) to an SHA. Changed only under the {@link PrimaryAgent}'s
 * lock.
 *
 * <p>A Start for it is first due ({@link #queued}: in its SHA's queue, waiting for room in the
 * window of Starts in flight), then in flight ({@link #waitingForAck}), then answered. A Start due
 * while one is queued replaces it: the queued Start carries only the newest {@link #binding}.
 */
final class Delegation {

    final Inet4Address home;
    final SecondaryPeer sha;
    /** True once the SHA accepted a Start: it intercepts, the PHA does not. */
    boolean active;
    /** The binding its SHA is to hear of: the one of the Start queued or last sent. */
    Binding binding;
    /** A Start is due and waits in its SHA's queue. */
    boolean queued;
    /** A Start was sent for it: ending the delegation needs a Stop (one only queued needs none). */
    boolean told;
    /** The Start in flight: its transaction (-1: none). */
    long transaction = -1;
    /** When the Start in flight times out (the PHA then keeps the mobile). */
    Instant deadline;
    /**
     * Order after-ack: the registration whose reply waits for this delegation's Start was made at
     * most the ack timeout before this instant; a Start still queued or in flight then is abandoned
     * and the PHA keeps the mobile. Null: no reply waits.
     */
    Instant replyBy;
    /** What a reply in order after-ack waits on: completed once no Start of it is queued or in flight. */
    CompletableFuture<Void> acked;

    Delegation(Inet4Address home, SecondaryPeer sha) {
        this.home = home;
        this.sha = sha;
    }

    boolean waitingForAck() {
        return transaction >= 0;
    }

    /** A Start is queued or in flight. */
    boolean pending() {
        return queued || waitingForAck();
    }

    /** What a reply waits on until no Start of this delegation is pending. */
    CompletableFuture<Void> acked() {
        if (acked == null) {
            acked = new CompletableFuture<>();
        }
        return acked;
    }

    /** A Start with {@code transaction} was sent (it supersedes one still in flight) and waits until {@code deadline}. */
    void sent(long transactionNow, Instant deadlineNow) {
        if (!waitingForAck()) {
            sha.awaiting++;
        }
        told = true;
        transaction = transactionNow;
        deadline = replyBy != null && replyBy.isBefore(deadlineNow) ? replyBy : deadlineNow;
    }

    /**
     * The Start in flight was answered, timed out or abandoned: whatever waited for it goes on,
     * unless a newer Start is queued.
     */
    void answered() {
        if (waitingForAck()) {
            sha.awaiting--;
        }
        transaction = -1;
        deadline = null;
        if (!queued) {
            settled();
        }
    }

    /** Nothing is pending any more: the reply goes. */
    void settled() {
        replyBy = null;
        if (acked != null) {
            acked.complete(null);
            acked = null;
        }
    }
}
