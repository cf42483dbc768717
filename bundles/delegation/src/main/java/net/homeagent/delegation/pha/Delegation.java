package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import net.homeagent.mip.api.Binding;

/**
 * One mobile delegated (or being delegated) to an SHA. Changed only under the {@link PrimaryAgent}'s
 * lock.
 */
final class Delegation {

    final Inet4Address home;
    final SecondaryPeer sha;
    /** True once the SHA accepted a Start: it intercepts, the PHA does not. */
    boolean active;
    /** The binding last sent in a Start. */
    Binding binding;
    /** The Start waiting for its ack: its transaction, deadline, and what a reply in order (a) waits on. */
    long transaction = -1;
    Instant deadline;
    CompletableFuture<Void> acked;

    Delegation(Inet4Address home, SecondaryPeer sha) {
        this.home = home;
        this.sha = sha;
    }

    boolean waitingForAck() {
        return transaction >= 0;
    }

    /** A Start with {@code transaction} was sent and waits until {@code deadline}. */
    void sent(long transactionNow, Instant deadlineNow) {
        if (!waitingForAck()) {
            sha.awaiting++;
        }
        transaction = transactionNow;
        deadline = deadlineNow;
        if (acked == null) {
            acked = new CompletableFuture<>();
        }
    }

    /** The Start was answered, timed out or abandoned: whatever waited for it goes on. */
    void answered() {
        if (waitingForAck()) {
            sha.awaiting--;
        }
        transaction = -1;
        deadline = null;
        if (acked != null) {
            acked.complete(null);
            acked = null;
        }
    }
}
