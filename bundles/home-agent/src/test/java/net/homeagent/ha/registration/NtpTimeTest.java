package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void theUnixEpochIs2208988800NtpSeconds() {
        assertThat(NtpTime.of(Instant.EPOCH)).isEqualTo(2_208_988_800L << 32);
    }

    @Test
    void halfASecondIsHalfOfTheFraction() {
        assertThat(NtpTime.of(Instant.parse("1970-01-01T00:00:00.5Z")) & 0xffff_ffffL).isEqualTo(0x8000_0000L);
    }

    @Test
    void secondsWrapInFebruary2036AndDifferencesStayRight() {
        Instant beforeWrap = Instant.parse("2036-02-07T06:28:14Z");
        Instant afterWrap = beforeWrap.plusSeconds(3);

        assertThat(NtpTime.of(afterWrap) >>> 32).isEqualTo(1);
        assertThat(NtpTime.of(afterWrap) - NtpTime.of(beforeWrap)).isEqualTo(NtpTime.units(3));
    }
}
