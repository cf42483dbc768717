package net.homeagent.mimm.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.AlertReason;

class AlertTest {

    private static Alert alert(Instant raised, long seconds) {
        return new Alert(1, "ap-7", List.of(1), AlertReason.values()[0], seconds, OptionalInt.empty(), raised,
                seconds < 0 ? Optional.empty() : Optional.of(raised.plusSeconds(seconds)), "test");
    }

    @Test
    void theExpiryLeftIsRoundedUpSoThatNoMobileComesBackEarly() {
        Instant raised = Instant.parse("2026-12-07T03:00:00.900Z");
        Alert eight = alert(raised, 8);
        assertThat(eight.expiryLeft(raised)).isEqualTo(8);
        // 7.9 s left across a second boundary: still 8, where whole seconds of each instant said 7
        assertThat(eight.expiryLeft(Instant.parse("2026-12-07T03:00:01.000Z"))).isEqualTo(8);
        assertThat(eight.expiryLeft(Instant.parse("2026-12-07T03:00:08.000Z"))).isEqualTo(1);
        assertThat(eight.expiryLeft(raised.plusSeconds(9))).as("ended: at least 1").isEqualTo(1);
        assertThat(alert(raised, -1).expiryLeft(raised.plusSeconds(3600))).as("rest of the session").isEqualTo(-1);
    }
}
