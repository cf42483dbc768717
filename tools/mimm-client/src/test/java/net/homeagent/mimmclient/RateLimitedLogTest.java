package net.homeagent.mimmclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void logsAKeyOnceAMinute() {
        HandClock clock = new HandClock();
        RateLimitedLog log = new RateLimitedLog(System.getLogger("test"), clock);
        assertThat(log.warn("a", "first")).isTrue();
        assertThat(log.warn("a", "again")).isFalse();
        assertThat(log.warn("b", "another problem")).isTrue();
        clock.now = clock.now.plus(RateLimitedLog.INTERVAL).minusMillis(1);
        assertThat(log.warn("a", "still within the minute")).isFalse();
        clock.now = clock.now.plus(Duration.ofMillis(1));
        assertThat(log.warn("a", "a minute later")).isTrue();
    }
}
