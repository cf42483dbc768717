package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommitDelayTest {

    private final List<Long> pauses = new ArrayList<>();

    @Test
    void aLoneChangeIsWrittenAtOnce() {
        CommitDelay delay = new CommitDelay(Duration.ofNanos(200_000), pauses::add);

        delay.beforeGroup(0);
        delay.beforeGroup(1);

        assertThat(pauses).isEmpty();
    }

    @Test
    void underLoadTheWriterWaitsTheDelayBeforeTakingTheNextGroup() {
        CommitDelay delay = new CommitDelay(Duration.ofNanos(200_000), pauses::add);

        delay.beforeGroup(2);
        delay.beforeGroup(17);

        assertThat(pauses).containsExactly(200_000L, 200_000L);
    }

    @Test
    void aZeroDelayNeverWaits() {
        CommitDelay delay = new CommitDelay(Duration.ZERO, pauses::add);

        delay.beforeGroup(1_000);

        assertThat(pauses).isEmpty();
        assertThat(CommitDelay.of(Duration.ZERO)).isSameAs(CommitDelay.NONE);
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> new CommitDelay(Duration.ofNanos(-1), pauses::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
