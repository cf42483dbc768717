package net.homeagent.mimmclient.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.signal.Averaging;

class LinkStateMachineTest {

    /** available -80, active -75, stable -65, deteriorating -78, inactive -85. */
    static final Thresholds THRESHOLDS = new Thresholds(-80, -75, -65, -78, -85);

    private final Counters counters = new Counters();

    private LinkStateMachine machine(Averaging averaging) {
        return new LinkStateMachine("wlan0", THRESHOLDS, averaging.newAverage(), counters);
    }

    private static LinkSample up(int dbm) {
        return new LinkSample("wlan0", dbm, true);
    }

    @Test
    void climbsAndFallsThroughTheTableWithHysteresis() {
        LinkStateMachine link = machine(Averaging.RAW);
        assertThat(link.state()).isEqualTo(LinkState.DOWN);
        assertThat(link.update(up(-82))).isEqualTo(LinkState.INACTIVE);      // above inactive, below available
        assertThat(link.update(up(-80))).isEqualTo(LinkState.AVAILABLE);
        assertThat(link.update(up(-84))).isEqualTo(LinkState.AVAILABLE);     // between inactive and available: stays
        assertThat(link.update(up(-75))).isEqualTo(LinkState.ACTIVE);
        assertThat(link.update(up(-77))).isEqualTo(LinkState.ACTIVE);        // above deteriorating: stays
        assertThat(link.update(up(-65))).isEqualTo(LinkState.STABLE);
        assertThat(link.update(up(-74))).isEqualTo(LinkState.STABLE);        // above active: stays
        assertThat(link.update(up(-76))).isEqualTo(LinkState.ACTIVE);
        assertThat(link.update(up(-79))).isEqualTo(LinkState.DETERIORATING);
        assertThat(link.update(up(-76))).isEqualTo(LinkState.DETERIORATING); // needs active again
        assertThat(link.update(up(-60))).isEqualTo(LinkState.STABLE);
        assertThat(link.update(new LinkSample("wlan0", -60, false))).isEqualTo(LinkState.DOWN);
        assertThat(counters.get("link ACTIVE->DETERIORATING")).isEqualTo(1);
        assertThat(counters.get("link STABLE->DOWN")).isEqualTo(1);
        assertThat(counters.get("link DETERIORATING->STABLE")).isEqualTo(1);
    }

    @Test
    void oneRawSampleBelowInactiveMakesTheLinkInactiveWhateverItsAverage() {
        LinkStateMachine link = machine(Averaging.parse("moving:8"));
        for (int i = 0; i < 8; i++) {
            link.update(up(-55));
        }
        assertThat(link.state()).isEqualTo(LinkState.STABLE);
        assertThat(link.update(up(-90))).isEqualTo(LinkState.INACTIVE);
        // the average restarted at -90: one good sample does not bring it back
        assertThat(link.update(up(-55))).isEqualTo(LinkState.INACTIVE);
        assertThat(link.averageDbm()).isEqualTo((-90.0 * 7 - 55) / 8);
    }

    @Test
    void aShortFadeOnTheAverageDoesNotStartAHandoff() {
        LinkStateMachine link = machine(Averaging.parse("moving:4"));
        for (int i = 0; i < 4; i++) {
            link.update(up(-70));
        }
        assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
        // a -83 sample is below deteriorating but the average (-73.25) is not
        assertThat(link.update(up(-83))).isEqualTo(LinkState.ACTIVE);
        assertThat(link.rawDbm()).isEqualTo(-83);
    }

    @Test
    void aSingleThresholdHasNoHysteresis() {
        LinkStateMachine link = new LinkStateMachine("x", Thresholds.single(-75), Averaging.RAW.newAverage(), counters);
        assertThat(link.update(up(-75))).isEqualTo(LinkState.STABLE);
        assertThat(link.update(up(-76))).isEqualTo(LinkState.INACTIVE);
        assertThat(link.update(up(-75))).isEqualTo(LinkState.STABLE);
    }
}
