package net.homeagent.mip.codec.mip6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Units, status table and range checks of the records. */
class MobilityValuesTest {

    @Test
    void lifetimesAreFourSecondUnitsRoundedDownAndClamped() {
        assertThat(FourSecondUnits.fromSeconds(3600)).isEqualTo(900);
        assertThat(FourSecondUnits.fromSeconds(7)).isEqualTo(1);
        assertThat(FourSecondUnits.fromSeconds(10_000_000)).isEqualTo(65535);
        assertThat(FourSecondUnits.toSeconds(65535)).isEqualTo(262_140);
        assertThat(new BindingUpdate(1, true, true, false, false, false, 900, List.of()).lifetimeSeconds())
                .isEqualTo(3600);
        assertThat(new BindingAcknowledgement(0, false, 1, 150, List.of()).lifetimeSeconds()).isEqualTo(600);
        assertThat(new BindingRefreshAdvice(75).refreshIntervalSeconds()).isEqualTo(300);
        assertThatThrownBy(() -> FourSecondUnits.fromSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BindingUpdate(1, true, true, false, false, false, 65536, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLifetimeOfZeroDeregisters() {
        assertThat(new BindingUpdate(1, true, true, false, false, false, 0, List.of()).isDeregistration()).isTrue();
        assertThat(new BindingUpdate(1, true, true, false, false, false, 1, List.of()).isDeregistration()).isFalse();
    }

    @Test
    void statusBelow128AcceptsAndUnknownCodesAreDescribed() {
        assertThat(new BindingAcknowledgement(1, false, 1, 1, List.of()).accepted()).isTrue();
        assertThat(new BindingAcknowledgement(128, false, 1, 1, List.of()).accepted()).isFalse();
        assertThat(BindingAckStatus.of(135)).contains(BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW);
        assertThat(BindingAckStatus.describe(139)).isEqualTo("139 Registration type change disallowed");
        assertThat(BindingAckStatus.describe(200)).isEqualTo("200 unknown (rejected)");
        assertThat(BindingAckStatus.describe(5)).isEqualTo("5 unknown (accepted)");
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new HomeTest(65536, 0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonceIndices(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BindingAcknowledgement(256, false, 0, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownMobilityOption(3, new byte[16]))
                .as("a known type goes in its record").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownMobilityOption(200, new byte[256]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsAreFoundByKind() {
        BindingAcknowledgement ack = new BindingAcknowledgement(0, false, 1, 1,
                List.of(new PadN(0), new BindingRefreshAdvice(9)));
        assertThat(ack.option(BindingRefreshAdvice.class)).contains(new BindingRefreshAdvice(9));
        assertThat(ack.option(NonceIndices.class)).isEmpty();
    }
}
