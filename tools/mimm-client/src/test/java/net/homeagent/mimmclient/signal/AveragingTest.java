package net.homeagent.mimmclient.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AveragingTest {

    @Test
    void movingAverageIsTheMeanOfTheLastWindowSamples() {
        MovingAverage average = new MovingAverage(3);
        assertThat(average.add(-60)).isEqualTo(-60.0);
        assertThat(average.add(-70)).isEqualTo(-65.0);
        assertThat(average.add(-80)).isEqualTo(-70.0);
        // -60 leaves the window
        assertThat(average.add(-90)).isEqualTo(-80.0);
    }

    @Test
    void movingAverageRestartsAsIfEveryPastSampleHadTheValue() {
        MovingAverage average = new MovingAverage(4);
        average.add(-50);
        average.add(-50);
        average.restartAt(-90);
        assertThat(average.add(-50)).isEqualTo((-90.0 * 3 - 50) / 4);
    }

    @Test
    void exponentialAverageStartsAtTheFirstSampleAndWeighsByAlpha() {
        ExponentialAverage average = new ExponentialAverage(0.25);
        assertThat(average.add(-80)).isEqualTo(-80.0);
        assertThat(average.add(-40)).isCloseTo(-70.0, within(1e-9));
        average.restartAt(-100);
        assertThat(average.add(-60)).isCloseTo(-90.0, within(1e-9));
    }

    @Test
    void alphaOneAndWindowOneAreTheRawSignal() {
        SignalAverage raw = Averaging.RAW.newAverage();
        SignalAverage alphaOne = Averaging.parse("exponential:1").newAverage();
        for (int dbm : new int[] {-50, -90, -70}) {
            assertThat(raw.add(dbm)).isEqualTo(dbm);
            assertThat(alphaOne.add(dbm)).isEqualTo(dbm);
        }
    }

    @Test
    void parsesBothKindsAndEachLinkGetsItsOwnAverage() {
        Averaging moving = Averaging.parse("moving:5");
        assertThat(moving).isEqualTo(new Averaging(Averaging.Kind.MOVING, 5));
        assertThat(moving.toString()).isEqualTo("moving:5");
        assertThat(Averaging.parse(" Exponential:0.3 ").kind()).isEqualTo(Averaging.Kind.EXPONENTIAL);
        SignalAverage a = moving.newAverage();
        SignalAverage b = moving.newAverage();
        a.add(-40);
        assertThat(b.add(-90)).isEqualTo(-90.0);
    }

    @Test
    void refusesBadConfigurationWithTheReason() {
        assertThatThrownBy(() -> Averaging.parse("moving")).hasMessageContaining("moving:<window>");
        assertThatThrownBy(() -> Averaging.parse("median:3")).hasMessageContaining("median:3");
        assertThatThrownBy(() -> Averaging.parse("moving:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Averaging.parse("moving:2.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Averaging.parse("moving:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Averaging.parse("exponential:0")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Averaging.parse("exponential:1.5")).hasMessageContaining("(0, 1]");
    }
}
