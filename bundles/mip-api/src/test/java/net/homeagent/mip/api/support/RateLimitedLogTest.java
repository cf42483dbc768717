package net.homeagent.mip.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;

class RateLimitedLogTest {

    private final MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog(clock, Duration.ofSeconds(10), (line, error) -> lines.add(line));
    private final RuntimeException failure = new RuntimeException("boom");

    @Test
    void writesOneLinePerIntervalAndCountsTheOthers() {
        assertThat(log.report(() -> "first", failure)).isTrue();
        clock.advance(Duration.ofSeconds(3));
        assertThat(log.report(() -> "second", failure)).isFalse();
        clock.advance(Duration.ofMillis(6_999));
        assertThat(log.report(() -> "third", failure)).isFalse();
        clock.advance(Duration.ofMillis(1));

        assertThat(log.report(() -> "fourth", failure)).isTrue();

        assertThat(lines).containsExactly("first", "fourth (2 similar suppressed in the last 10 s)");
    }

    @Test
    void theCountStartsAgainAfterEachLine() {
        log.report(() -> "a", failure);
        log.report(() -> "b", failure);
        clock.advance(Duration.ofSeconds(10));
        log.report(() -> "c", failure);
        clock.advance(Duration.ofSeconds(10));

        log.report(() -> "d", failure);

        assertThat(lines).containsExactly("a", "c (1 similar suppressed in the last 10 s)", "d");
    }

    @Test
    void aSuppressedMessageIsNotEvenBuilt() {
        log.report(() -> "a", failure);

        log.report(() -> {
            throw new AssertionError("built while suppressed");
        }, failure);

        assertThat(lines).containsExactly("a");
    }

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
