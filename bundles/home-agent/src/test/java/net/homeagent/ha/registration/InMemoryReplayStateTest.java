package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

class InMemoryReplayStateTest {
    private final InMemoryReplayState state = new InMemoryReplayState(new Random(7));

    @Test
    void identificationsMustGrowAsUnsignedNumbers() {
        assertThat(state.advance("n", 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isTrue();
        assertThat(state.advance("n", 0x8000_0000_0000_0000L, OptionalLong::empty)).isTrue();
        assertThat(state.advance("n", 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isFalse();
        assertThat(state.advance("other", 1, OptionalLong::empty)).isTrue();
    }

    @Test
    void theFallbackIsConsultedOnlyWhenNothingIsRecorded() {
        assertThat(state.advance("n", 10, () -> OptionalLong.of(10))).isFalse();
        assertThat(state.advance("n", 11, () -> OptionalLong.of(10))).isTrue();
        assertThat(state.advance("n", 12, () -> OptionalLong.of(50))).isTrue();
    }

    @Test
    void anIssuedNonceIsConsumedOnce() {
        int nonce = state.issueNonce("n");

        assertThat(state.consumeNonce("n", nonce + 1)).isFalse();
        assertThat(state.consumeNonce("n", nonce)).isTrue();
        assertThat(state.consumeNonce("n", nonce)).isFalse();
    }
}
