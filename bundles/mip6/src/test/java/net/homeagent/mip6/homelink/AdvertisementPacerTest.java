package net.homeagent.mip6.homelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AdvertisementPacerTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @Test
    void aBurstIsSpreadAtTheRateAndAQuietSpellStartsAgainFromNow() {
        AdvertisementPacer pacer = new AdvertisementPacer(1000, nanos::get);

        assertThat(pacer.reserveMillis()).isZero();
        assertThat(pacer.reserveMillis()).isEqualTo(1);
        assertThat(pacer.reserveMillis()).isEqualTo(2);

        nanos.addAndGet(1_000_000_000L); // a second later the slots reserved are long past
        assertThat(pacer.reserveMillis()).isZero();
        assertThat(pacer.reserveMillis()).isEqualTo(1);
    }

    @Test
    void timePassingBetweenReservationsShortensTheWait() {
        AdvertisementPacer pacer = new AdvertisementPacer(100, nanos::get);
        for (int i = 0; i < 10; i++) {
            pacer.reserveMillis();
        }
        nanos.addAndGet(40_000_000L);
        assertThat(pacer.reserveMillis()).as("the 11th slot is 100 ms after the first, 40 ms have passed").isEqualTo(60);
    }

    @Test
    void aRateOfNothingIsRefused() {
        assertThatThrownBy(() -> new AdvertisementPacer(0, nanos::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("homeLinkAdvertisementRate");
    }
}
