package net.homeagent.mimmclient.homeagent;

import java.time.Clock;
import java.time.Instant;

/**
 * Registration identifications for timestamp replay protection (RFC 5944 §5.7.1): the NTP form of
 * the injected clock's time (seconds since 1900 above, binary fraction below), one more than the
 * last if the clock has not moved on, so that no two requests of this mobile carry the same value.
 */
final class Identifications {

    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private final Clock clock;
    private long last;

    Identifications(Clock clock) {
        this.clock = clock;
    }

    synchronized long next() {
        Instant now = clock.instant();
        long ntp = ((now.getEpochSecond() + SECONDS_1900_TO_1970) << 32) | (((long) now.getNano() << 32) / 1_000_000_000L);
        last = Long.compareUnsigned(ntp, last) > 0 ? ntp : last + 1;
        return last;
    }

    /** RFC 5944 §5.7.1: a reply keeps the request's low-order 32 bits; the high ones may be the home agent's time. */
    static boolean answers(long replyIdentification, long requestIdentification) {
        return (int) replyIdentification == (int) requestIdentification;
    }
}
