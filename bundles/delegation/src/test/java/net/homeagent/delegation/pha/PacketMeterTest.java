package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class PacketMeterTest {

    static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");
    final PacketMeter<String> meter = new PacketMeter<>(Duration.ofSeconds(1));

    @Test
    void theRateIsTheDifferenceOfTwoSamplesScaledToTheInterval() {
        meter.sample("a", 2, 1000, T0);
        assertThat(meter.rate("a")).isEmpty();
        meter.sample("a", 2, 1100, T0.plusMillis(500));
        assertThat(meter.rate("a")).isEqualTo(OptionalLong.of(200));
        meter.sample("a", 2, 1100, T0.plusMillis(2500));
        assertThat(meter.rate("a")).isEqualTo(OptionalLong.of(0));
        assertThat(meter.last("a", 2)).isEqualTo(OptionalLong.of(1100));
        assertThat(meter.last("a", 3)).isEmpty();
    }

    @Test
    void anotherPlaceOrACounterThatWentBackStartsOver() {
        meter.sample("a", 2, 1000, T0);
        meter.sample("a", 2, 3000, T0.plusSeconds(1));
        meter.sample("a", -1, 5000, T0.plusSeconds(2));
        assertThat(meter.rate("a")).isEmpty();
        meter.sample("a", -1, 5400, T0.plusSeconds(3));
        assertThat(meter.rate("a")).isEqualTo(OptionalLong.of(400));
        meter.sample("a", -1, 10, T0.plusSeconds(4));
        assertThat(meter.rate("a")).isEmpty();
    }

    @Test
    void aSampleAtTheSameInstantIsIgnoredAndForgettingEndsTheSeries() {
        meter.sample("a", 2, 1000, T0);
        meter.sample("a", 2, 1500, T0.plusSeconds(1));
        meter.sample("a", 2, 9000, T0.plusSeconds(1));
        assertThat(meter.rate("a")).isEqualTo(OptionalLong.of(500));
        meter.forget("a");
        assertThat(meter.rate("a")).isEmpty();
        assertThat(meter.last("a", 2)).isEmpty();
    }
}
