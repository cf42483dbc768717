package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.testing.MutableClock;

class NotificationLimiterTest {

    @Test
    void letsThroughAtMostNPerIntervalAndKindAndCountsTheRest() {
        MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
        NotificationLimiter limiter = new NotificationLimiter(clock, 2, Duration.ofSeconds(60));

        assertThat(limiter.admit(Kind.FAILURE)).isTrue();
        assertThat(limiter.admit(Kind.FAILURE)).isTrue();
        assertThat(limiter.admit(Kind.FAILURE)).isFalse();
        assertThat(limiter.admit(Kind.BACKUP_PROBLEM)).as("each kind has its own window").isTrue();
        assertThat(limiter.suppressed()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.admit(Kind.FAILURE)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.admit(Kind.FAILURE)).isTrue();
        assertThat(limiter.suppressed()).isEqualTo(2);
    }
}
