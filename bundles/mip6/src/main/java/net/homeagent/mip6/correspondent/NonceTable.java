package net.homeagent.mip6.correspondent;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Random;

/**
 * A correspondent node's nonces and node keys, RFC 6275 §5.2.7 ("Updating Node Keys and Nonces"):
 * a nonce is made on demand, when a Home Test Init or Care-of Test Init finds none younger than
 * {@link #ROTATION_MILLIS}, with a fresh Kcn; a nonce is acceptable until
 * {@link #MAX_NONCE_LIFETIME_MILLIS} after its first use and forgotten then. A nonce handed out at
 * the end of its 30 seconds is still accepted {@link #MAX_TOKEN_LIFETIME_MILLIS} later, as §5.2.7
 * asks ("keep each nonce acceptable for at least MAX_TOKEN_LIFETIME seconds after it has been
 * first used ... MUST NOT accept nonces beyond MAX_NONCE_LIFETIME seconds after the first use");
 * at most 8 nonces are held.
 *
 * <p>Nonce indices count up modulo 2^16 from a random start, so that after a restart (when every
 * nonce is gone) an index the mobile node still holds names no nonce here and is refused with 136,
 * 137 or 138 rather than matching a new nonce by chance and failing the authenticator silently.
 * Nothing of this table is backed up: a restarted correspondent asks its mobile nodes to run
 * return routability again (its Binding Refresh Requests, §9.5.5).
 *
 * <p>Time is the caller's ({@code nowMillis}); thread-safe.
 */
public final class NonceTable {

    /** RFC 6275 §12: MAX_NONCE_LIFETIME, 240 s. */
    public static final long MAX_NONCE_LIFETIME_MILLIS = 240_000;
    /** RFC 6275 §12: MAX_TOKEN_LIFETIME, 210 s. */
    public static final long MAX_TOKEN_LIFETIME_MILLIS = 210_000;
    /** §5.2.7: "generate a new nonce every 30 seconds", the difference of the two lifetimes. */
    public static final long ROTATION_MILLIS = MAX_NONCE_LIFETIME_MILLIS - MAX_TOKEN_LIFETIME_MILLIS;
    /** 64-bit nonces (the RFC leaves the length to the correspondent; §5.2.2 asks them unpredictable). */
    static final int NONCE_OCTETS = 8;
    /** Kcn of 20 octets, the HMAC_SHA1 key length (§5.2.3). */
    static final int KCN_OCTETS = 20;

    private final Random random;
    /** oldest first */
    private final ArrayDeque<NonceGeneration> generations = new ArrayDeque<>();
    private int nextIndex;

    /** @param random a {@link java.security.SecureRandom} in service (§5.2.3: Kcn is a random secret) */
    public NonceTable(Random random) {
        this.random = random;
        this.nextIndex = random.nextInt(0x10000);
    }

    /** The nonce to hand out now: the newest one, or a new one when it is {@link #ROTATION_MILLIS} old. */
    synchronized NonceGeneration current(long nowMillis) {
        forgetExpired(nowMillis);
        NonceGeneration newest = generations.peekLast();
        if (newest != null && nowMillis - newest.firstUsedMillis() < ROTATION_MILLIS) {
            return newest;
        }
        byte[] nonce = new byte[NONCE_OCTETS];
        byte[] kcn = new byte[KCN_OCTETS];
        random.nextBytes(nonce);
        random.nextBytes(kcn);
        NonceGeneration made = new NonceGeneration(nextIndex, nonce, kcn, nowMillis);
        nextIndex = (nextIndex + 1) & 0xffff;
        generations.addLast(made);
        return made;
    }

    /** The nonce of {@code index} if it is still acceptable at {@code nowMillis} (§5.2.7). */
    synchronized Optional<NonceGeneration> find(int index, long nowMillis) {
        forgetExpired(nowMillis);
        for (NonceGeneration generation : generations) {
            if (generation.index() == index) {
                return Optional.of(generation);
            }
        }
        return Optional.empty();
    }

    /** How many nonces are acceptable now (for mip6:stats). */
    public synchronized int held(long nowMillis) {
        forgetExpired(nowMillis);
        return generations.size();
    }

    private void forgetExpired(long nowMillis) {
        Iterator<NonceGeneration> oldestFirst = generations.iterator();
        while (oldestFirst.hasNext()
                && nowMillis - oldestFirst.next().firstUsedMillis() >= MAX_NONCE_LIFETIME_MILLIS) {
            oldestFirst.remove();
        }
    }
}
