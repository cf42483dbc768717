package net.homeagent.ha.registration;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The order of one mobile node's registrations, so that a request that waited for a late policy
 * verdict never writes over a newer one. RFC 5944 §5.7 makes the replay check the order: of two
 * requests of a node, the newer is the one that passed it later. Each request takes its turn in
 * the same atomic step as its replay check, and a request that waited writes its binding only if
 * no later request of the node (a registration, a deregistration, even one a policy then refuses)
 * has taken a turn meanwhile; otherwise it is discarded as superseded: the node has moved on and
 * retransmits only its newest request (§3.6.3). A turn taken while a late write is under way waits
 * for that write, so the newer binding is always written after it. Identifications are not
 * compared: with nonces (§5.7.2) they do not grow.
 *
 * <p>Keyed like {@link ReplayState}, by the owner of the node's security association; only nodes
 * with a request being decided have an entry, which leaves with its request.
 */
final class RegistrationTurns {

    private final ConcurrentHashMap<Object, Turn> newest = new ConcurrentHashMap<>();

    /** One request's place in its node's order. */
    static final class Turn {
        private final Object node;

        private Turn(Object node) {
            this.node = node;
        }
    }

    /**
     * Runs the replay check and, if it passes, makes the request its node's newest.
     *
     * @return the replay check's refusal, or the request's turn
     */
    Taken take(Object node, Supplier<Optional<RefusalReason>> replayCheck) {
        Turn mine = new Turn(node);
        RefusalReason[] stale = {null};
        newest.compute(node, (key, current) -> {
            Optional<RefusalReason> refusal = replayCheck.get();
            if (refusal.isPresent()) {
                stale[0] = refusal.get();
                return current;
            }
            return mine;
        });
        return stale[0] != null ? new Taken(Optional.of(stale[0]), null) : new Taken(Optional.empty(), mine);
    }

    /** @param turn empty when the replay check refused the request, which then has no turn */
    record Taken(Optional<RefusalReason> stale, Turn turn) {
    }

    /**
     * Runs {@code write} if {@code turn} is still its node's newest; no turn can be taken for the
     * node while it runs.
     *
     * @return what {@code write} made, or empty when a newer request took a turn meanwhile
     */
    <T> Optional<T> ifNewest(Turn turn, Supplier<T> write) {
        Object[] written = {null};
        newest.computeIfPresent(turn.node, (key, current) -> {
            if (current == turn) {
                written[0] = write.get();
            }
            return current;
        });
        @SuppressWarnings("unchecked")
        T result = (T) written[0];
        return Optional.ofNullable(result);
    }

    /** The request is answered: its node has no entry left unless a newer request took a turn. */
    void leave(Turn turn) {
        newest.remove(turn.node, turn);
    }

    /** Nodes with a request being decided (for tests: nothing may be left behind). */
    int size() {
        return newest.size();
    }
}
