package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;

class BindingRecordTest {

    @Test
    void aRecordStartsWithItsVersionAndIsCompact() {
        byte[] record = BindingRecord.encode(binding("10.0.0.1", "192.0.2.1").build());

        assertThat(record[0]).isEqualTo(BindingRecord.VERSION);
        assertThat(record).hasSize(52);
    }

    @Test
    void anUnknownVersionATruncatedRecordOrTrailingBytesAreRefused() {
        Binding b = binding("10.0.0.1", "192.0.2.1").nai("a@b").build();
        byte[] record = BindingRecord.encode(b);
        long key = BindingRecord.keyOf(b);

        byte[] future = record.clone();
        future[0] = 2;
        assertThatThrownBy(() -> BindingRecord.decode(key, future)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> BindingRecord.decode(key, Arrays.copyOf(record, record.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> BindingRecord.decode(key, Arrays.copyOf(record, record.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BindingRecord.decode(key, record)).isEqualTo(b);
    }
}
