package net.homeagent.mimmclient.homeagent;

import java.time.Clock;
import java.time.Instant;

/**
 * Registration identifications for timestamp replay protection (RFC 5944 §5.7.1): the NTP form of
 * the injected clock's time (seconds since 1900 above, binary fraction below), one more than the
 * last if the clock has not moved on, so that no two requests of this mobile carry the same value.
 * After a 133 (identification mismatch) the clock is read with the offset the home agent's reply
 * showed ({@link #resync}): its high-order 32 bits are the home agent's time (§5.7.1).
 */
final class Identifications {

    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private final Clock clock;
    private long last;
    /** The home agent's time minus ours, in NTP units, learnt from its last 133 (0 before any). */
    private long offset;

    Identifications(Clock clock) {
        this.clock = clock;
    }

    synchronized long next() {
        long ntp = ntp(clock.instant()) + offset;
        last = Long.compareUnsigned(ntp, last) > 0 ? ntp : last + 1;
        return last;
    }

    /**
     * RFC 5944 §5.7.1: a 133 to a timestamp-protected request carries the home agent's time in the
     * high-order 32 bits of its Identification; from now on identifications follow that time (to the
     * second: the reply's low-order bits are the request's own). Earlier identifications no longer
     * bound the next one: if our clock was ahead, the next is behind the last, as the home agent wants.
     */
    synchronized void resync(long replyIdentification) {
        long homeAgentSeconds = replyIdentification >>> 32;
        long oursSeconds = ntp(clock.instant()) >>> 32;
        offset = (homeAgentSeconds - oursSeconds) << 32;
        last = 0;
    }

    private static long ntp(Instant time) {
        return ((time.getEpochSecond() + SECONDS_1900_TO_1970) << 32) | (((long) time.getNano() << 32) / 1_000_000_000L);
    }

    /** RFC 5944 §5.7.1: a reply keeps the request's low-order 32 bits; the high ones may be the home agent's time. */
    static boolean answers(long replyIdentification, long requestIdentification) {
        return (int) replyIdentification == (int) requestIdentification;
    }
}
