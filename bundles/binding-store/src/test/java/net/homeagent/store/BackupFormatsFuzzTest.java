package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.homeagent.mip.api.Binding;

/**
 * Jazzer over the two formats a binding backup is read from: a journal file (a log segment or a
 * checkpoint, {@link JournalFormat}) and a snapshot ({@link SnapshotStream}). A damaged file must
 * become a {@link JournalFormat.JournalDamage} or an {@link IOException} saying so, and a record
 * this release cannot read an {@link IllegalArgumentException} (counted as failed): never any other
 * exception, since restore and import must keep what they could read. Every frame handed on was
 * whole, and every record that decodes fits the table and encodes back to a record that decodes to
 * the same binding (not always to the same bytes: a NAI that is not UTF-8, which no writer of ours
 * makes, comes back with replacement characters). Inputs: {@code BackupFormatsFuzzTestInputs/<method>} (tools/fuzz/write-seeds.sh).
 */
class BackupFormatsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void journalFile(byte[] file) throws IOException {
        byte[] magic = file.length > 3 && file[3] == 'C' ? JournalFormat.CHECKPOINT_MAGIC : JournalFormat.LOG_MAGIC;
        try (JournalFormat.Reader reader = new JournalFormat.Reader(new ByteArrayInputStream(file), "fuzz")) {
            reader.header(magic);
            long[] sequence = new long[1];
            for (byte[] payload = reader.next(sequence); payload != null; payload = reader.next(sequence)) {
                assertThat(reader.goodBytes()).as("a frame handed on was whole").isLessThanOrEqualTo(file.length);
                JournalFormat.forEachChange(payload, "fuzz", (home, bindings) -> {
                    for (JournalFormat.StoredBinding stored : bindings) {
                        checkRecord((long) home << 32 | stored.careOf() & 0xffff_ffffL, stored.record());
                    }
                });
            }
        } catch (JournalFormat.JournalDamage damage) {
            assertThat(damage.goodBytes()).isLessThanOrEqualTo(file.length);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void snapshot(byte[] file) {
        SnapshotStream.Snapshot snapshot;
        try {
            snapshot = SnapshotStream.read(new ByteArrayInputStream(file));
        } catch (IOException refused) {
            return;
        }
        for (SnapshotStream.Entry entry : snapshot.entries()) {
            checkRecord(entry.key(), entry.record());
        }
    }

    private static void checkRecord(long key, byte[] record) {
        Binding binding;
        try {
            binding = BindingRecord.decode(key, record);
        } catch (IllegalArgumentException unreadable) {
            return;
        }
        BindingRow.requireFits(binding);
        byte[] again = BindingRecord.encode(binding);
        assertThat(BindingRecord.decode(BindingRecord.keyOf(binding), again)).isEqualTo(binding);
        assertThat(BindingRecord.keyOf(binding)).isEqualTo(key);
    }
}
