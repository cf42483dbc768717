package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

class BindingRecordTest {

    @Test
    void aRecordStartsWithItsVersionAndIsCompact() {
        byte[] record = BindingRecord.encode(binding("10.0.0.1", "192.0.2.1").build());

        assertThat(record[0]).isEqualTo(BindingRecord.VERSION);
        assertThat(record).hasSize(53);
    }

    @Test
    void theEncapsulationInsideAUdpTunnelIsKept() {
        for (Encapsulation inside : List.of(Encapsulation.IP_IN_IP, Encapsulation.GRE, Encapsulation.MINIMAL)) {
            Binding b = binding("10.0.0.1", "192.0.2.1").udpTunnel(inside).build();

            assertThat(BindingRecord.decode(BindingRecord.keyOf(b), BindingRecord.encode(b))).isEqualTo(b);
        }
    }

    @Test
    void aRecordOfTheFirstVersionIsReadAsIpInIpInsideUdp() {
        Binding udp = binding("10.0.0.1", "192.0.2.1").udpTunnel(Encapsulation.IP_IN_IP).nai("a@b").build();
        Binding gre = binding("10.0.0.2", "192.0.2.1").udpTunnel(Encapsulation.GRE).build();

        assertThat(BindingRecord.decode(BindingRecord.keyOf(udp), version1(BindingRecord.encode(udp)))).isEqualTo(udp);
        assertThat(BindingRecord.decode(BindingRecord.keyOf(gre), version1(BindingRecord.encode(gre))).innerEncapsulation())
                .as("version 1 could not say GRE: it restores as what that release sent").isEqualTo(Encapsulation.IP_IN_IP);
    }

    @Test
    void anInnerEncapsulationThatCannotBeIsRefused() {
        Binding b = binding("10.0.0.1", "192.0.2.1").udpTunnel(Encapsulation.GRE).build();
        byte[] udpInUdp = BindingRecord.encode(b);
        udpInUdp[INNER_AT] = 4;

        assertThatThrownBy(() -> BindingRecord.decode(BindingRecord.keyOf(b), udpInUdp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot carry UDP");
    }

    /** Where the inner encapsulation byte of version 2 stands: after the encapsulation byte. */
    private static final int INNER_AT = 1 + 4 + 4 + 2 + 4 + 12 + 12 + 8 + 1 + 1;

    /** The record as the first release wrote it: version 1, no inner encapsulation byte. */
    static byte[] version1(byte[] record) {
        byte[] old = new byte[record.length - 1];
        System.arraycopy(record, 0, old, 0, INNER_AT);
        System.arraycopy(record, INNER_AT + 1, old, INNER_AT, record.length - INNER_AT - 1);
        old[0] = BindingRecord.VERSION_WITHOUT_INNER;
        return old;
    }

    @Test
    void anUnknownVersionATruncatedRecordOrTrailingBytesAreRefused() {
        Binding b = binding("10.0.0.1", "192.0.2.1").nai("a@b").build();
        byte[] record = BindingRecord.encode(b);
        long key = BindingRecord.keyOf(b);

        byte[] future = record.clone();
        future[0] = 3;
        assertThatThrownBy(() -> BindingRecord.decode(key, future)).hasMessageContaining("version 3");
        assertThatThrownBy(() -> BindingRecord.decode(key, Arrays.copyOf(record, record.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> BindingRecord.decode(key, Arrays.copyOf(record, record.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BindingRecord.decode(key, record)).isEqualTo(b);
    }
}
