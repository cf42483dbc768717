package net.homeagent.mip.codec.mimm;

import java.time.Clock;
import java.time.Instant;

/**
 * Identifications in the timestamp form of RFC 5944 §5.7.1 (NTP: seconds since 1900 in the high 32
 * bits, the binary fraction below) for reactive advice: each sender takes the next from its clock,
 * one more than the last if the clock has not moved, so no two of its messages share one; a receiver
 * accepts a new one only near its own clock ({@link #near}) and above the last it accepted from that
 * sender. Since 1.1.0.
 */
public final class TimestampIdentifications {

    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private final Clock clock;
    private long last;

    public TimestampIdentifications(Clock clock) {
        this.clock = clock;
    }

    public synchronized long next() {
        long now = of(clock.instant());
        last = Long.compareUnsigned(now, last) > 0 ? now : last + 1;
        return last;
    }

    /** The identification of this instant. */
    public static long of(Instant at) {
        return ((at.getEpochSecond() + SECONDS_1900_TO_1970) << 32) | (((long) at.getNano() << 32) / 1_000_000_000L);
    }

    /**
     * RFC 5944 §5.7.1: a timestamp is accepted only if it is "sufficiently close" to the receiver's
     * time of day; the RFC's default tolerance is 7 seconds.
     */
    public static boolean near(long identification, Instant now, long toleranceSeconds) {
        long seconds = (identification >>> 32) - SECONDS_1900_TO_1970;
        return Math.abs(seconds - now.getEpochSecond()) <= toleranceSeconds;
    }
}
