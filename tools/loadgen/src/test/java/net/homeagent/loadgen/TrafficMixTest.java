package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private final TrafficMix mix = TrafficMix.parse("care-of-change=80,renew=15,deregister=5");

    @Test
    void picksEachKindInProportionToItsWeight() {
        assertThat(mix.pick(0.0)).isEqualTo(RequestKind.CARE_OF_CHANGE);
        assertThat(mix.pick(0.7999)).isEqualTo(RequestKind.CARE_OF_CHANGE);
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
        TrafficMix halves = TrafficMix.parse("care-of-change=1,deregister=1");
        assertThat(halves.pick(0.49)).isEqualTo(RequestKind.CARE_OF_CHANGE);
        assertThat(halves.pick(0.51)).isEqualTo(RequestKind.DEREGISTER);
    }

    @Test
    void registerIsTheFormerNameOfCareOfChange() {
        assertThat(TrafficMix.parse("register=1").pick(0.5)).isEqualTo(RequestKind.CARE_OF_CHANGE);
        assertThatThrownBy(() -> TrafficMix.parse("register=1,care-of-change=1")).hasMessageContaining("twice");
    }

    @Test
    void aNodeWithoutBindingRegistersWhateverTheDrawAndOnlyRegistrationsMove() {
        assertThat(mix.next(false, 0.99)).isEqualTo(RequestKind.REGISTER);
        assertThat(mix.next(true, 0.99)).isEqualTo(RequestKind.DEREGISTER);
        assertThat(RequestKind.REGISTER.moves()).isTrue();
        assertThat(RequestKind.CARE_OF_CHANGE.moves()).isTrue();
        assertThat(RequestKind.RENEW.moves()).isFalse();
        assertThat(RequestKind.DEREGISTER.moves()).isFalse();
    }

    @Test
    void rejectsBadMixes() {
        assertThatThrownBy(() -> TrafficMix.parse("care-of-change=0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> TrafficMix.parse("handoff=5")).hasMessageContaining("unknown request kind");
        assertThatThrownBy(() -> TrafficMix.parse("renew=1,renew=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> TrafficMix.parse("renew")).hasMessageContaining("kind=weight");
        assertThatThrownBy(() -> TrafficMix.parse("renew=-1")).hasMessageContaining(">= 0");
    }
}
