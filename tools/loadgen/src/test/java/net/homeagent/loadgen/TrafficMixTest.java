package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private final TrafficMix mix = TrafficMix.parse("register=80,renew=15,deregister=5");

    @Test
    void picksEachKindInProportionToItsWeight() {
        assertThat(mix.pick(0.0)).isEqualTo(RequestKind.REGISTER);
        assertThat(mix.pick(0.7999)).isEqualTo(RequestKind.REGISTER);
        assertThat(mix.pick(0.8001)).isEqualTo(RequestKind.RENEW);
        assertThat(mix.pick(0.9499)).isEqualTo(RequestKind.RENEW);
        assertThat(mix.pick(0.9501)).isEqualTo(RequestKind.DEREGISTER);
        assertThat(mix.pick(0.9999)).isEqualTo(RequestKind.DEREGISTER);
    }

    @Test
    void weightsAreNormalisedAndMissingKindsAreNeverPicked() {
        TrafficMix renewOnly = TrafficMix.parse("renew=3");
        assertThat(renewOnly.pick(0.0)).isEqualTo(RequestKind.RENEW);
        assertThat(renewOnly.pick(0.9999)).isEqualTo(RequestKind.RENEW);
        TrafficMix halves = TrafficMix.parse("register=1,deregister=1");
        assertThat(halves.pick(0.49)).isEqualTo(RequestKind.REGISTER);
        assertThat(halves.pick(0.51)).isEqualTo(RequestKind.DEREGISTER);
    }

    @Test
    void aNodeWithoutBindingRegistersWhateverTheDraw() {
        assertThat(mix.next(false, 0.99)).isEqualTo(RequestKind.REGISTER);
        assertThat(mix.next(true, 0.99)).isEqualTo(RequestKind.DEREGISTER);
    }

    @Test
    void rejectsBadMixes() {
        assertThatThrownBy(() -> TrafficMix.parse("register=0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> TrafficMix.parse("handoff=5")).hasMessageContaining("unknown request kind");
        assertThatThrownBy(() -> TrafficMix.parse("renew=1,renew=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> TrafficMix.parse("renew")).hasMessageContaining("kind=weight");
        assertThatThrownBy(() -> TrafficMix.parse("renew=-1")).hasMessageContaining(">= 0");
    }
}
