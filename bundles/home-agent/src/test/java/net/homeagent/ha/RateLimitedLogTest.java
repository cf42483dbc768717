package net.homeagent.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;

class RateLimitedLogTest {
    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog(clock, Duration.ofSeconds(10),
            (line, failure) -> lines.add(line));

    @Test
    void oneLinePerKeyAndIntervalWithTheCountOfSuppressedOnes() {
        assertThat(log.log("a", () -> "first a")).isTrue();
        assertThat(log.log("a", () -> "second a")).isFalse();
        assertThat(log.log("b", () -> "first b")).isTrue();
        log.log("a", () -> "third a");
        clock.advance(Duration.ofSeconds(10));
        log.log("a", () -> "fourth a");

        assertThat(lines).containsExactly("first a", "first b", "fourth a (2 similar suppressed in the last 10 s)");
    }
}
