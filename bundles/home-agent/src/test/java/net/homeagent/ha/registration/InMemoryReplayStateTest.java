package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.wire.Ipv4;

class InMemoryReplayStateTest {
    private static final SecurityAssociation NODE = byAddress("10.0.0.10", 256);
    private static final SecurityAssociation OTHER = byAddress("10.0.0.11", 256);

    private final InMemoryReplayState state = new InMemoryReplayState(new Random(7));

    private static SecurityAssociation byAddress(String homeAddress, long spi) {
        return new SecurityAssociation(Ipv4.parse(homeAddress), Optional.empty(), spi,
                AuthenticationAlgorithm.HMAC_MD5, new byte[16], ReplayProtection.TIMESTAMP);
    }

    private static SecurityAssociation byNai(String nai) {
        return new SecurityAssociation(Optional.empty(), Optional.of(nai), 256, AuthenticationAlgorithm.HMAC_MD5,
                new byte[16], ReplayProtection.TIMESTAMP);
    }

    @Test
    void identificationsMustGrowAsUnsignedNumbers() {
        assertThat(state.advance(NODE, 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isTrue();
        assertThat(state.advance(NODE, 0x8000_0000_0000_0000L, OptionalLong::empty)).isTrue();
        assertThat(state.advance(NODE, 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isFalse();
        assertThat(state.advance(OTHER, 1, OptionalLong::empty)).isTrue();
    }

    @Test
    void theFirstIdentificationIsAcceptedWhateverItIs() {
        assertThat(state.advance(NODE, 0, OptionalLong::empty)).isTrue();
        assertThat(state.advance(NODE, 0, OptionalLong::empty)).isFalse();
    }

    @Test
    void theFallbackIsConsultedOnlyWhenNothingIsRecorded() {
        assertThat(state.advance(NODE, 10, () -> OptionalLong.of(10))).isFalse();
        assertThat(state.advance(NODE, 11, () -> OptionalLong.of(10))).isTrue();
        assertThat(state.advance(NODE, 12, () -> OptionalLong.of(50))).isTrue();
    }

    @Test
    void theStateBelongsToTheHomeAddressOrNaiNotToTheAssociationObject() {
        // a reloaded security association file makes new association objects (and another SPI)
        assertThat(state.advance(NODE, 100, OptionalLong::empty)).isTrue();
        assertThat(state.advance(byAddress("10.0.0.10", 257), 100, OptionalLong::empty)).isFalse();
        // an NAI that reads like the address is another owner
        assertThat(state.advance(byNai("10.0.0.10"), 100, OptionalLong::empty)).isTrue();
        assertThat(state.advance(byNai("10.0.0.10"), 100, OptionalLong::empty)).isFalse();
    }

    @Test
    void anIssuedNonceIsConsumedOnce() {
        int nonce = state.issueNonce(NODE);

        assertThat(state.consumeNonce(OTHER, nonce)).isFalse();
        assertThat(state.consumeNonce(NODE, nonce + 1)).isFalse();
        assertThat(state.consumeNonce(NODE, nonce)).isTrue();
        assertThat(state.consumeNonce(NODE, nonce)).isFalse();
    }
}
