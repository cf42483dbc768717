package net.homeagent.loadgen;

import java.time.Clock;
import java.time.Instant;

/**
 * Identification values for timestamp replay protection (RFC 5944 §5.7.1): the 64-bit NTP
 * format of the current time (seconds since 1900 in the high 32 bits, binary fraction in the low
 * 32), kept strictly increasing per node so that two requests of one node within the same clock
 * tick are not taken for a replay. Not thread-safe: one instance per sending thread.
 */
final class IdentificationClock {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final Clock clock;
    private final long[] last;

    IdentificationClock(Clock clock, int nodes) {
        this.clock = clock;
        this.last = new long[nodes];
    }

    static long ntp(Instant instant) {
        long seconds = instant.getEpochSecond() + NTP_EPOCH_OFFSET;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The next identification of {@code node}: now in NTP format, or one more than its last if that is not later. */
    long next(int node) {
        long now = ntp(clock.instant());
        long previous = last[node];
        long id = Long.compareUnsigned(now, previous) > 0 ? now : previous + 1;
        last[node] = id;
        return id;
    }
}
