package net.homeagent.loadgen;

/**
 * Per node, the last state the home agent acknowledged with an accepted reply (code 0 or 1,
 * RFC 5944 §3.4) that a mobile node believes ({@link ReplyVerifier}; a discarded reply never
 * reaches this ledger): never acknowledged, registered at a care-of address with a lifetime, or
 * deregistered; and the requests sent since then that no reply answered (in flight when the run
 * ended, or timed out). Such a request may have changed the binding although its reply never
 * came (the home agent was killed between its disk and its reply, or the reply was lost), so
 * the binding table may hold the acknowledged state or the state of the newest unanswered
 * request; with two or more unanswered, an older one may be the last the home agent applied,
 * and this ledger no longer knows which (it keeps only the newest, for memory). An unanswered
 * request's lifetime is the one requested: the home agent may have granted less.
 * <p>
 * Fed by {@link LoadRun} on its event loop only; read after the run. Not thread-safe.
 */
final class AcknowledgementLedger {

    static final byte NEVER = 0;
    static final byte REGISTERED = 1;
    static final byte DEREGISTERED = 2;
    /** More unanswered requests than this are counted as this many. */
    static final int MAX_UNANSWERED = 255;

    private final byte[] acknowledged;
    private final int[] acknowledgedCareOf;
    private final int[] acknowledgedLifetime;
    private final int[] sentCareOf;
    private final int[] sentLifetime;
    private final long[] sentIdentification;
    private final int[] unanswered;
    private final int[] unansweredCareOf;
    private final int[] unansweredLifetime;
    private final long[] unansweredIdentification;

    AcknowledgementLedger(int nodes) {
        acknowledged = new byte[nodes];
        acknowledgedCareOf = new int[nodes];
        acknowledgedLifetime = new int[nodes];
        sentCareOf = new int[nodes];
        sentLifetime = new int[nodes];
        sentIdentification = new long[nodes];
        unanswered = new int[nodes];
        unansweredCareOf = new int[nodes];
        unansweredLifetime = new int[nodes];
        unansweredIdentification = new long[nodes];
    }

    int nodes() {
        return acknowledged.length;
    }

    /** A request left for {@code node}; lifetime 0 is a deregistration of {@code careOf}. */
    void sent(int node, long identification, int careOf, int lifetime) {
        sentIdentification[node] = identification;
        sentCareOf[node] = careOf;
        sentLifetime[node] = lifetime;
    }

    /**
     * The reply to the node's request in flight came; only an accepting one changes the state, to
     * the request's care-of address with the lifetime the reply grants (RFC 5944 §3.4: it may be
     * shorter than the one requested; 0 for a deregistration).
     */
    void answered(int node, boolean accepted, int grantedLifetime) {
        if (accepted) {
            acknowledge(node, sentCareOf[node], grantedLifetime);
        }
    }

    /** The node's request in flight got no reply in time (or the run ended before one came). */
    void timedOut(int node) {
        unanswered[node] = Math.min(unanswered[node] + 1, MAX_UNANSWERED);
        unansweredCareOf[node] = sentCareOf[node];
        unansweredLifetime[node] = sentLifetime[node];
        unansweredIdentification[node] = sentIdentification[node];
    }

    /**
     * A reply to a request that had timed out. Only the newest unanswered request is known:
     * accepted, it is the node's state; refused, and the only one, the node is back to its
     * acknowledged state. Anything else leaves the doubt as it is.
     */
    void answeredLate(int node, long identification, boolean accepted, int grantedLifetime) {
        if (unanswered[node] == 0 || unansweredIdentification[node] != identification) {
            return;
        }
        if (accepted) {
            acknowledge(node, unansweredCareOf[node], grantedLifetime);
        } else if (unanswered[node] == 1) {
            unanswered[node] = 0;
        }
    }

    private void acknowledge(int node, int careOf, int lifetime) {
        acknowledged[node] = lifetime == 0 ? DEREGISTERED : REGISTERED;
        acknowledgedCareOf[node] = careOf;
        acknowledgedLifetime[node] = lifetime;
        unanswered[node] = 0;
    }

    /** Sets a node's state as read from a ledger file. */
    void restore(int node, byte state, int careOf, int lifetime, int unansweredCount, int lastUnansweredCareOf,
            int lastUnansweredLifetime) {
        if (state != NEVER && state != REGISTERED && state != DEREGISTERED) {
            throw new IllegalArgumentException("node " + node + ": unknown state " + state);
        }
        acknowledged[node] = state;
        acknowledgedCareOf[node] = careOf;
        acknowledgedLifetime[node] = lifetime;
        unanswered[node] = unansweredCount;
        unansweredCareOf[node] = lastUnansweredCareOf;
        unansweredLifetime[node] = lastUnansweredLifetime;
        unansweredIdentification[node] = 0; // no reply to another process's request can reach this one
    }

    /**
     * The care-of address a deregistration of the node names so that, accepted, it leaves the node
     * without a binding, as this ledger then records (RFC 5944 §3.8.2.2: Lifetime 0 deletes the
     * binding of the care-of address named, and a home agent accepts it even where there is none):
     * the acknowledged one; or, with requests unanswered, when the binding may be at either of two
     * addresses, the home address, which deletes every binding of the node. The address the node
     * moved to last is not enough: a care-of change that was refused or never arrived left the
     * binding where it was.
     */
    int deregistrationCareOf(int node, int homeAddress) {
        return unanswered[node] == 0 ? acknowledgedCareOf[node] : homeAddress;
    }

    /** Whether the node's last acknowledged state is a binding (what the traffic mix goes by). */
    boolean isRegistered(int node) {
        return acknowledged[node] == REGISTERED;
    }

    byte acknowledged(int node) {
        return acknowledged[node];
    }

    int acknowledgedCareOf(int node) {
        return acknowledgedCareOf[node];
    }

    int acknowledgedLifetime(int node) {
        return acknowledgedLifetime[node];
    }

    int unanswered(int node) {
        return unanswered[node];
    }

    /** Care-of address of the newest unanswered request (valid when {@link #unanswered} > 0). */
    int unansweredCareOf(int node) {
        return unansweredCareOf[node];
    }

    /** Lifetime of the newest unanswered request, 0 for a deregistration. */
    int unansweredLifetime(int node) {
        return unansweredLifetime[node];
    }

    /** Counts of the states, for a line on the console. */
    String summary() {
        long registered = 0;
        long deregistered = 0;
        long never = 0;
        long inDoubt = 0;
        for (int node = 0; node < nodes(); node++) {
            switch (acknowledged[node]) {
                case REGISTERED -> registered++;
                case DEREGISTERED -> deregistered++;
                default -> never++;
            }
            inDoubt += unanswered[node] > 0 ? 1 : 0;
        }
        return registered + " registered, " + deregistered + " deregistered, " + never + " never acknowledged; "
                + inDoubt + " with unanswered requests";
    }
}
