package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class IdentificationClockTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00.5Z");

    @Test
    void isTheNtpTimestampOfNow() {
        long id = new IdentificationClock(Clock.fixed(NOW, ZoneOffset.UTC), 1).next(0);
        assertThat(id >>> 32).isEqualTo(NOW.getEpochSecond() + 2_208_988_800L);
        // half a second is 2^31 in the NTP fraction
        assertThat(id & 0xffff_ffffL).isEqualTo(1L << 31);
    }

    @Test
    void isStrictlyIncreasingPerNodeWhileTheClockStandsStill() {
        IdentificationClock ids = new IdentificationClock(Clock.fixed(NOW, ZoneOffset.UTC), 2);
        long first = ids.next(0);
        long second = ids.next(0);
        long third = ids.next(0);
        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(first + 2);
        assertThat(ids.next(1)).as("another node has its own sequence").isEqualTo(first);
    }

    @Test
    void followsTheClockWhenItMovesOn() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        IdentificationClock ids = new IdentificationClock(clock, 1);
        ids.next(0);
        now[0] = NOW.plusSeconds(3);
        assertThat(ids.next(0)).isEqualTo(IdentificationClock.ntp(NOW.plusSeconds(3)));
    }
}
