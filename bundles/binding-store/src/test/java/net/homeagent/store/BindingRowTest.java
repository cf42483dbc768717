package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** A row gives back exactly the binding that was written, in the common case and in every odd one. */
class BindingRowTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00.123456789Z");

    @Test
    void everyFieldComesBackAsWritten() {
        for (Encapsulation encapsulation : Encapsulation.values()) {
            Binding b = new Binding(ip("10.0.0.1"), ip("200.1.2.3"), ip("10.0.0.254"), ip("255.255.255.254"), 65535,
                    Optional.empty(), 0xfffe, T0, T0.plusSeconds(0xfffe), 0xfedc_ba98_7654_3210L, 0xff, encapsulation,
                    true);
            assertThat(roundTrip(b)).isEqualTo(b);
        }
        for (Encapsulation inside : List.of(Encapsulation.IP_IN_IP, Encapsulation.GRE, Encapsulation.MINIMAL)) {
            Binding udp = binding("10.0.0.1", "192.0.2.1").udpTunnel(inside).infinite().nai("n@example.net").build();
            assertThat(roundTrip(udp)).isEqualTo(udp);
        }
    }

    @Test
    void oddValuesGoToTheSideColumnAndStillComeBackExactly() {
        List<Binding> odd = List.of(
                binding("10.0.0.1", "192.0.2.1").nai("mn@example.net").build(),
                binding("10.0.0.1", "192.0.2.1").registeredAt(T0).expiresAt(Instant.MAX).build(),
                binding("10.0.0.1", "192.0.2.1").registeredAt(T0).expiresAt(T0.plusMillis(1500)).build(),
                binding("10.0.0.1", "192.0.2.1").registeredAt(Instant.parse("1960-01-01T00:00:00Z")).build(),
                binding("10.0.0.1", "192.0.2.1").registeredAt(Instant.parse("2200-01-01T00:00:00Z")).build(),
                binding("10.0.0.1", "192.0.2.1").registeredAt(T0).expiresAt(T0.minusSeconds(1)).build(),
                binding("10.0.0.1", "192.0.2.1").lifetime(70_000).build(),
                binding("10.0.0.1", "192.0.2.1").lifetime(-1).build());
        for (Binding b : odd) {
            assertThat(roundTrip(b)).isEqualTo(b);
        }
    }

    @Test
    void expiryQuestionsAreAnsweredFromTheRowAsTheBindingWouldAnswerThem() {
        Binding b = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(60).build();
        int[] rows = new int[BindingRow.STRIDE];
        Object extra = BindingRow.write(rows, 0, b);
        for (Instant now : List.of(T0, b.expiresAt().minusNanos(1), b.expiresAt(), b.expiresAt().plusNanos(1))) {
            assertThat(BindingRow.isExpiredAt(rows, 0, extra, now)).as("at %s", now).isEqualTo(b.isExpiredAt(now));
        }
        assertThat(BindingRow.expiresSecond(rows, 0, extra)).isEqualTo(b.expiresAt().getEpochSecond());
        assertThat(BindingRow.neverExpires(rows, 0, extra)).isFalse();
        Binding infinite = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(0xffff).build();
        assertThat(BindingRow.neverExpires(rows, 0, BindingRow.write(rows, 0, infinite))).isTrue();
    }

    @Test
    void whatNeitherTheRowNorTheBackupRecordCanHoldIsRefused() {
        Binding wideFlags = new Binding(ip("10.0.0.1"), ip("192.0.2.1"), ip("10.0.0.254"), ip("192.0.2.1"), 434,
                Optional.empty(), 600, T0, T0.plusSeconds(600), 1, 0x100, Encapsulation.IP_IN_IP, false);
        Binding widePort = new Binding(ip("10.0.0.1"), ip("192.0.2.1"), ip("10.0.0.254"), ip("192.0.2.1"), 65536,
                Optional.empty(), 600, T0, T0.plusSeconds(600), 1, 0, Encapsulation.IP_IN_IP, false);
        assertThatThrownBy(() -> BindingRow.requireFits(wideFlags)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BindingRow.requireFits(widePort)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Binding roundTrip(Binding b) {
        BindingRow.requireFits(b);
        int[] rows = new int[BindingRow.STRIDE * 2];
        Object extra = BindingRow.write(rows, BindingRow.STRIDE, b);
        return BindingRow.toBinding(rows, BindingRow.STRIDE, extra, null, new AddressCache());
    }
}
