package net.homeagent.peer.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The link's counters: written on its event loop, read by peer:status from any thread. */
final class LinkCounters {

    final AtomicLong datagramsSent = new AtomicLong();
    final AtomicLong datagramsReceived = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong messagesDelivered = new AtomicLong();
    final AtomicLong retransmissions = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);

    void drop(DropReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    long dropped(DropReason reason) {
        return dropped.get(reason.ordinal());
    }

    /** Every reason, zero or not, in the order of {@link DropReason}. */
    Map<String, Long> droppedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            out.put(reason.key(), dropped(reason));
        }
        return out;
    }
}
