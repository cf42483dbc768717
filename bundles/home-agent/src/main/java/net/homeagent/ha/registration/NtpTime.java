package net.homeagent.ha.registration;

import java.time.Instant;

/**
 * The 64-bit NTP timestamp format (RFC 5905 §6) that timestamp identifications use (RFC 5944
 * §5.7.1): seconds since 1900-01-01 in the high 32 bits, the binary fraction of a second in the
 * low 32 bits. The seconds wrap in 2036 (NTP era 1); differences are taken modulo 2^64 so that
 * a check across the wrap still works
 * (correct while the two times are less than 68 years apart).
 */
final class NtpTime {
    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (Unix epoch). */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private NtpTime() {
    }

    static long of(Instant instant) {
        long seconds = (instant.getEpochSecond() + SECONDS_1900_TO_1970) & 0xffff_ffffL;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    /** The NTP units of {@code seconds}. */
    static long units(long seconds) {
        return seconds << 32;
    }
}
