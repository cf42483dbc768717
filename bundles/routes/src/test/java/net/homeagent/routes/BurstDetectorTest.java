package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BurstDetectorTest {

    @Test
    void reportsOncePerBurstWithinTheWindow() {
        BurstDetector d = new BurstDetector(5, 3);
        assertThat(d.sample(100)).as("the first sample only sets the base").isEqualTo(-1);
        assertThat(d.sample(102)).isEqualTo(-1);
        assertThat(d.sample(105)).isEqualTo(5);
        assertThat(d.sample(110)).as("still in the burst").isEqualTo(-1);
        assertThat(d.sample(111)).isEqualTo(-1);
        assertThat(d.sample(111)).isEqualTo(-1);
        assertThat(d.sample(111)).as("quiet for a window: the burst is over").isEqualTo(-1);
        assertThat(d.sample(116)).isEqualTo(5);
    }

    @Test
    void slowFailuresSpreadBeyondTheWindowAreNoBurst() {
        BurstDetector d = new BurstDetector(5, 3);
        long counter = 0;
        for (int i = 0; i < 20; i++) {
            assertThat(d.sample(counter += 1)).isEqualTo(-1);
        }
    }
}
