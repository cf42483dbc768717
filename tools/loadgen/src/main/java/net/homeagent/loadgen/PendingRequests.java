package net.homeagent.loadgen;

import java.util.ArrayDeque;

import net.homeagent.mip.codec.ReplyCode;

/**
 * The requests in flight, at most one per node, with their kind and the lifetime they asked,
 * matched to replies by (home address, identification) as RFC 5944 §3.4 makes a reply echo both
 * (for a code 133 reply only the low-order 32 bits, {@link #answeredIdentification}). A reply is
 * <ul>
 * <li>{@link Match#MATCHED} when its node has a request in flight with that identification;</li>
 * <li>{@link Match#LATE} when it answers one of the node's last {@value #REMEMBERED_TIMEOUTS}
 * requests that timed out (once: a second copy is mismatched);</li>
 * <li>{@link Match#MISMATCHED} otherwise (unknown node, another identification, a duplicate).</li>
 * </ul>
 * Timeouts are found in send order from a FIFO, so checking costs nothing per node. Not
 * thread-safe: used on the client's event loop only.
 */
final class PendingRequests {

    enum Match { MATCHED, LATE, MISMATCHED }

    private record Sent(int node, long identification, long intendedNanos) {
    }

    /** RFC 5944 §5.7.1: the low-order 32 bits of a timestamp identification, the ones a 133 keeps. */
    private static final long LOW_32 = 0xffff_ffffL;

    private final boolean[] inFlight;
    private final long[] identification;
    private final long[] intendedNanos;
    private final RequestKind[] kind;
    private final int[] askedLifetime;
    /** Timed-out identifications remembered per node, to tell a late reply from a wrong one. */
    static final int REMEMBERED_TIMEOUTS = 4;

    /** Per node, a ring of its last timed-out identifications; 0 is a free slot (no NTP timestamp is 0). */
    private final long[] timedOut;
    private final int[] timedOutLifetime;
    private final int[] timedOutNext;
    private final ArrayDeque<Sent> sendOrder = new ArrayDeque<>();
    private int count;

    PendingRequests(int nodes) {
        inFlight = new boolean[nodes];
        identification = new long[nodes];
        intendedNanos = new long[nodes];
        kind = new RequestKind[nodes];
        askedLifetime = new int[nodes];
        timedOut = new long[nodes * REMEMBERED_TIMEOUTS];
        timedOutLifetime = new int[nodes * REMEMBERED_TIMEOUTS];
        timedOutNext = new int[nodes];
    }

    boolean isInFlight(int node) {
        return inFlight[node];
    }

    int inFlightCount() {
        return count;
    }

    void sent(int node, long id, long intended, RequestKind requestKind, int lifetime) {
        if (inFlight[node]) {
            throw new IllegalStateException("node " + node + " already has a request in flight");
        }
        inFlight[node] = true;
        identification[node] = id;
        intendedNanos[node] = intended;
        kind[node] = requestKind;
        askedLifetime[node] = lifetime;
        sendOrder.addLast(new Sent(node, id, intended));
        count++;
    }

    /**
     * Classifies a reply for {@code node} (-1: not one of ours) without changing anything: a
     * reply that fails verification must leave its request in flight, as a mobile node discards
     * it (RFC 5944 §3.6.2.1).
     */
    Match classify(int node, long id) {
        if (node < 0 || node >= inFlight.length) {
            return Match.MISMATCHED;
        }
        if (inFlight[node] && identification[node] == id) {
            return Match.MATCHED;
        }
        return timedOutSlot(node, id) >= 0 ? Match.LATE : Match.MISMATCHED;
    }

    /** Classifies a reply like {@link #classify}; a match takes the request out of flight, a late one is forgotten. */
    Match reply(int node, long id) {
        Match match = classify(node, id);
        if (match == Match.MATCHED) {
            inFlight[node] = false;
            count--;
        } else if (match == Match.LATE) {
            timedOut[timedOutSlot(node, id)] = 0;
        }
        return match;
    }

    /**
     * The identification a reply with {@code code} answers: its own, except that a 133 carries the
     * home agent's time in the high-order 32 bits and only the low-order 32 bits of the request's
     * (RFC 5944 §5.7.1); those are matched against the request in flight, then the timed-out ones.
     */
    long answeredIdentification(int node, long id, int code) {
        if (code != ReplyCode.IDENTIFICATION_MISMATCH || node < 0 || node >= inFlight.length) {
            return id;
        }
        if (inFlight[node] && (identification[node] & LOW_32) == (id & LOW_32)) {
            return identification[node];
        }
        int base = node * REMEMBERED_TIMEOUTS;
        for (int i = base; i < base + REMEMBERED_TIMEOUTS; i++) {
            if (timedOut[i] != 0 && (timedOut[i] & LOW_32) == (id & LOW_32)) {
                return timedOut[i];
            }
        }
        return id;
    }

    /** The lifetime the request {@code id} of the node asked, for a MATCHED or LATE one; -1 if unknown. */
    int askedLifetime(int node, long id) {
        if (inFlight[node] && identification[node] == id) {
            return askedLifetime[node];
        }
        int slot = timedOutSlot(node, id);
        return slot >= 0 ? timedOutLifetime[slot] : -1;
    }

    /** The kind of the node's request in flight (valid until its reply or timeout). */
    RequestKind kind(int node) {
        return kind[node];
    }

    private int timedOutSlot(int node, long id) {
        int base = node * REMEMBERED_TIMEOUTS;
        for (int i = base; i < base + REMEMBERED_TIMEOUTS; i++) {
            if (id != 0 && timedOut[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** The intended send time of the node's last request (valid right after a MATCHED reply). */
    long intendedNanos(int node) {
        return intendedNanos[node];
    }

    /** Gives up on every request intended at or before {@code deadline}; calls back for each. */
    void expire(long deadline, TimeoutListener listener) {
        while (!sendOrder.isEmpty() && sendOrder.peekFirst().intendedNanos() <= deadline) {
            Sent sent = sendOrder.pollFirst();
            int node = sent.node();
            if (inFlight[node] && identification[node] == sent.identification()) {
                inFlight[node] = false;
                count--;
                int slot = node * REMEMBERED_TIMEOUTS + timedOutNext[node];
                timedOut[slot] = sent.identification();
                timedOutLifetime[slot] = askedLifetime[node];
                timedOutNext[node] = (timedOutNext[node] + 1) % REMEMBERED_TIMEOUTS;
                listener.timedOut(node, sent.intendedNanos(), kind[node]);
            }
        }
    }

    @FunctionalInterface
    interface TimeoutListener {
        void timedOut(int node, long intendedNanos, RequestKind kind);
    }
}
