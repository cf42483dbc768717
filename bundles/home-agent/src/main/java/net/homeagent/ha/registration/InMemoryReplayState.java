package net.homeagent.ha.registration;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link ReplayState} in two concurrent maps. It is lost when the bundle stops, which is why
 * {@link #advance} takes a fallback (the identifications kept in the binding store); a mobile
 * node using nonces simply gets one 133 with a fresh nonce after a restart, as RFC 5944 §5.7.2
 * foresees for a lost nonce.
 */
public final class InMemoryReplayState implements ReplayState {

    private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> outstandingNonces = new ConcurrentHashMap<>();
    private final Random random;

    /** @param random thread-safe; cryptographically strong in production ({@link java.security.SecureRandom}) */
    public InMemoryReplayState(Random random) {
        this.random = random;
    }

    @Override
    public boolean advance(String owner, long identification, Supplier<OptionalLong> fallback) {
        boolean[] advanced = {false};
        lastAccepted.compute(owner, (key, last) -> {
            OptionalLong previous = last != null ? OptionalLong.of(last) : fallback.get();
            if (previous.isPresent() && Long.compareUnsigned(identification, previous.getAsLong()) <= 0) {
                return last;
            }
            advanced[0] = true;
            return identification;
        });
        return advanced[0];
    }

    @Override
    public boolean consumeNonce(String owner, int nonce) {
        return outstandingNonces.remove(owner, nonce);
    }

    @Override
    public int issueNonce(String owner) {
        int nonce = random.nextInt();
        outstandingNonces.put(owner, nonce);
        return nonce;
    }
}
