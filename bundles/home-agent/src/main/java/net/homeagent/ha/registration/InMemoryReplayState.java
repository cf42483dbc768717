package net.homeagent.ha.registration;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import net.homeagent.mip.api.SecurityAssociation;

/**
 * {@link ReplayState} in two concurrent maps. It is lost when the bundle stops, which is why
 * {@link #advance} takes a fallback (the identifications kept in the binding store); a mobile
 * node using nonces simply gets one 133 with a fresh nonce after a restart, as RFC 5944 §5.7.2
 * foresees for a lost nonce.
 *
 * <p>The key is {@link ReplayState#nodeOf}, not the text form of the owner: formatting the
 * address as text for every request cost 7 % of the event loop (docs/PERFORMANCE.md). A node's entry is created once; later requests only
 * look it up and compare under its own lock, without allocating.
 */
public final class InMemoryReplayState implements ReplayState {

    private final Map<Object, LastAccepted> lastAccepted = new ConcurrentHashMap<>();
    private final Map<Object, Integer> outstandingNonces = new ConcurrentHashMap<>();
    private final Random random;

    /** @param random thread-safe; cryptographically strong in production ({@link java.security.SecureRandom}) */
    public InMemoryReplayState(Random random) {
        this.random = random;
    }

    @Override
    public boolean advance(SecurityAssociation owner, long identification, Supplier<OptionalLong> fallback) {
        Object key = ReplayState.nodeOf(owner);
        LastAccepted last = lastAccepted.get(key);
        if (last == null) {
            boolean[] first = {false};
            last = lastAccepted.computeIfAbsent(key, k -> {
                OptionalLong previous = fallback.get();
                first[0] = previous.isEmpty();
                return new LastAccepted(previous.orElse(identification));
            });
            if (first[0]) {
                return true; // nothing known before: any identification is the first accepted one
            }
        }
        return last.advance(identification);
    }

    @Override
    public boolean consumeNonce(SecurityAssociation owner, int nonce) {
        return outstandingNonces.remove(ReplayState.nodeOf(owner), nonce);
    }

    @Override
    public int issueNonce(SecurityAssociation owner) {
        int nonce = random.nextInt();
        outstandingNonces.put(ReplayState.nodeOf(owner), nonce);
        return nonce;
    }

    /** The last accepted identification of one node. */
    private static final class LastAccepted {
        private long identification;

        LastAccepted(long identification) {
            this.identification = identification;
        }

        synchronized boolean advance(long candidate) {
            if (Long.compareUnsigned(candidate, identification) <= 0) {
                return false;
            }
            identification = candidate;
            return true;
        }
    }
}
