package net.homeagent.mimmclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;

class RateLimitedLogTest {

    @Test
    void logsAKeyOnceAMinute() {
        MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z");
        RateLimitedLog log = new RateLimitedLog(System.getLogger("test"), clock);
        assertThat(log.warn("a", "first")).isTrue();
        assertThat(log.warn("a", "again")).isFalse();
        assertThat(log.warn("b", "another problem")).isTrue();
        clock.advance(RateLimitedLog.INTERVAL.minusMillis(1));
        assertThat(log.warn("a", "still within the minute")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(log.warn("a", "a minute later")).isTrue();
    }
}
