package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.testing.MutableClock;

/** Group commit, driven on the test thread: the writer thread is never started here. */
class BackupWriterTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private MVStore mvStore;

    @BeforeEach
    void open() {
        mvStore = new MVStore.Builder().fileName(dir.resolve("w.mv").toString()).autoCommitDisabled().open();
    }

    /** The bindings as a restore would read them from the file: checkpoint plus change log. */
    private TreeMap<Long, byte[]> onDisk() {
        TreeMap<Long, byte[]> records = new TreeMap<>();
        ChangeLog.read(mvStore, records, new long[1]);
        return records;
    }

    @AfterEach
    void close() {
        if (!mvStore.isClosed()) {
            mvStore.close();
        }
    }

    @Test
    void everythingQueuedBeforeABatchIsWrittenWithOneSync() {
        BackupWriter writer = new BackupWriter(mvStore, new ChangeLog(mvStore, clock), new CommitMark(dir.resolve("w.mv")), 1000, clock);
        for (int i = 1; i <= 10; i++) {
            writer.put(binding(Ipv4.fromBits(0x0a000000 | i), Ipv4.fromBits(0xc0000201)).build());
        }
        CompletableFuture<Void> first = writer.sync().toCompletableFuture();
        CompletableFuture<Void> second = writer.sync().toCompletableFuture();

        assertThat(first).isNotDone();
        writer.writeQueued();

        assertThat(writer.syncs()).isEqualTo(1);
        assertThat(writer.changesWritten()).isEqualTo(10);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(onDisk()).hasSize(10);
        assertThat(writer.lastSync()).contains(clock.instant());
    }

    @Test
    void aBatchIsNoLargerThanMaxBatchAndASyncWaitsForItsOwnBatch() {
        BackupWriter writer = new BackupWriter(mvStore, new ChangeLog(mvStore, clock), new CommitMark(dir.resolve("w.mv")), 4, clock);
        for (int i = 1; i <= 10; i++) {
            writer.put(binding(Ipv4.fromBits(0x0a000000 | i), Ipv4.fromBits(0xc0000201)).build());
        }
        CompletableFuture<Void> afterAll = writer.sync().toCompletableFuture();

        writer.writeQueued();
        writer.writeQueued();
        assertThat(afterAll).as("its changes are not all on disk yet").isNotDone();
        writer.writeQueued();

        assertThat(writer.syncs()).isEqualTo(3);
        assertThat(writer.changesWritten()).isEqualTo(10);
        assertThat(afterAll).isCompleted();
    }

    @Test
    void aRemovalDeletesTheRecordAndLaterChangesToTheSameKeyWinInOrder() {
        BackupWriter writer = new BackupWriter(mvStore, new ChangeLog(mvStore, clock), new CommitMark(dir.resolve("w.mv")), 1000, clock);
        Binding b = binding("10.0.0.1", "192.0.2.1").build();
        writer.put(b);
        writer.delete(BindingRecord.keyOf(b));
        writer.writeQueued();
        assertThat(onDisk()).doesNotContainKey(BindingRecord.keyOf(b));

        writer.delete(BindingRecord.keyOf(b));
        writer.put(b);
        writer.writeQueued();
        assertThat(BindingRecord.decode(BindingRecord.keyOf(b), onDisk().get(BindingRecord.keyOf(b)))).isEqualTo(b);
    }

    @Test
    void aFailedWriteIsCountedAndReportedToWhoeverWaitsAndTheWriterGoesOn() {
        BackupWriter writer = new BackupWriter(mvStore, new ChangeLog(mvStore, clock), new CommitMark(dir.resolve("w.mv")), 1000, clock);
        mvStore.close(); // the disk went away
        writer.put(binding("10.0.0.1", "192.0.2.1").build());
        CompletableFuture<Void> waiting = writer.sync().toCompletableFuture();

        writer.writeQueued();

        assertThat(waiting).isCompletedExceptionally();
        assertThat(writer.writeFailures()).isEqualTo(1);
        assertThat(writer.syncs()).isZero();
    }

    @Test
    void aSyncWithNothingToWriteCompletesWithoutAnFsync() {
        BackupWriter writer = new BackupWriter(mvStore, new ChangeLog(mvStore, clock), new CommitMark(dir.resolve("w.mv")), 1000, clock);
        CompletableFuture<Void> waiting = writer.sync().toCompletableFuture();

        writer.writeQueued();

        assertThat(waiting).isCompleted();
        assertThat(writer.syncs()).isZero();
    }
}
