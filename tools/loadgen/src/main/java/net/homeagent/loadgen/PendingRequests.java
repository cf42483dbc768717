package net.homeagent.loadgen;

import java.util.ArrayDeque;

/**
 * The requests in flight, at most one per node, matched to replies by (home address,
 * identification) as RFC 5944 §3.4 makes a reply echo both. A reply is
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

    private final boolean[] inFlight;
    private final long[] identification;
    private final long[] intendedNanos;
    /** Timed-out identifications remembered per node, to tell a late reply from a wrong one. */
    static final int REMEMBERED_TIMEOUTS = 4;

    /** Per node, a ring of its last timed-out identifications; 0 is a free slot (no NTP timestamp is 0). */
    private final long[] timedOut;
    private final int[] timedOutNext;
    private final ArrayDeque<Sent> sendOrder = new ArrayDeque<>();
    private int count;

    PendingRequests(int nodes) {
        inFlight = new boolean[nodes];
        identification = new long[nodes];
        intendedNanos = new long[nodes];
        timedOut = new long[nodes * REMEMBERED_TIMEOUTS];
        timedOutNext = new int[nodes];
    }

    boolean isInFlight(int node) {
        return inFlight[node];
    }

    int inFlightCount() {
        return count;
    }

    void sent(int node, long id, long intended) {
        if (inFlight[node]) {
            throw new IllegalStateException("node " + node + " already has a request in flight");
        }
        inFlight[node] = true;
        identification[node] = id;
        intendedNanos[node] = intended;
        sendOrder.addLast(new Sent(node, id, intended));
        count++;
    }

    /** Classifies a reply for {@code node} (-1: not one of ours); a match takes the request out of flight. */
    Match reply(int node, long id) {
        if (node < 0 || node >= inFlight.length) {
            return Match.MISMATCHED;
        }
        if (inFlight[node] && identification[node] == id) {
            inFlight[node] = false;
            count--;
            return Match.MATCHED;
        }
        int base = node * REMEMBERED_TIMEOUTS;
        for (int i = base; i < base + REMEMBERED_TIMEOUTS; i++) {
            if (id != 0 && timedOut[i] == id) {
                timedOut[i] = 0;
                return Match.LATE;
            }
        }
        return Match.MISMATCHED;
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
                timedOut[node * REMEMBERED_TIMEOUTS + timedOutNext[node]] = sent.identification();
                timedOutNext[node] = (timedOutNext[node] + 1) % REMEMBERED_TIMEOUTS;
                listener.timedOut(node, sent.intendedNanos());
            }
        }
    }

    @FunctionalInterface
    interface TimeoutListener {
        void timedOut(int node, long intendedNanos);
    }
}
