package net.homeagent.ha.registration;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * {@link ReplayState} in two concurrent maps. It is lost when the bundle stops, which is why
 * {@link #advance} takes a fallback (the identifications kept in the binding store); a mobile
 * node using nonces simply gets one 133 with a fresh nonce after a restart, as RFC 5944 §5.7.2
 * foresees for a lost nonce.
 *
 * <p>Timestamps of nodes keyed by home address, nearly all of them, live packed in
 * {@link AddressIdentifications} (no object per node: it is state every binding costs the heap);
 * those keyed by NAI in a map by the NAI. Never by the text form of the owner: formatting the
 * address as text for every request cost 7 % of the event loop (docs/PERFORMANCE.md). Later
 * requests of a node only look it up and compare under a lock, without allocating.
 */
public final class InMemoryReplayState implements ReplayState {

    private final AddressIdentifications byAddress = new AddressIdentifications();
    private final Map<String, LastAccepted> byNai = new ConcurrentHashMap<>();
    private final Map<Object, Integer> outstandingNonces = new ConcurrentHashMap<>();
    private final Random random;

    /** @param random thread-safe; cryptographically strong in production ({@link java.security.SecureRandom}) */
    public InMemoryReplayState(Random random) {
        this.random = random;
    }

    @Override
    public boolean advance(SecurityAssociation owner, long identification, Supplier<OptionalLong> fallback) {
        if (owner.homeAddress().isPresent()) {
            return byAddress.advance(Ipv4.toInt(owner.homeAddress().get()), identification, fallback);
        }
        String key = owner.nai().orElseThrow();
        LastAccepted last = byNai.get(key);
        if (last == null) {
            boolean[] first = {false};
            last = byNai.computeIfAbsent(key, k -> {
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

    /** The last accepted identification of one node keyed by NAI. */
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
