package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.testing.MutableClock;

/**
 * Group commit and the change log it appends to, driven on the test thread: the writer and folder
 * threads are never started here. Whatever the moment (before, during or after a fold, and across a
 * reopen) the file must read back as the last change of every key.
 */
class BackupWriterTest {

    private static final int FOLD_AFTER = 50;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private MVStore mvStore;

    @BeforeEach
    void open() {
        mvStore = open(dir.resolve("w.mv"));
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

    @Test
    void randomChangesReadBackAsTheirLastValueThroughFoldsAndAReopen() {
        ChangeLog log = new ChangeLog(mvStore, clock, FOLD_AFTER);
        BackupWriter writer = new BackupWriter(mvStore, log, new CommitMark(dir.resolve("w.mv")), 7, clock);
        Map<Long, Binding> model = new HashMap<>();
        Random random = new Random(2006);
        for (int op = 0; op < 2_000; op++) {
            Binding b = binding(Ipv4.fromBits(0x0a00_0000 + random.nextInt(120)), Ipv4.fromBits(0xc000_0201))
                    .identification(op).build();
            if (random.nextInt(4) == 0) {
                writer.delete(BindingRecord.keyOf(b));
                model.remove(BindingRecord.keyOf(b));
            } else {
                writer.put(b);
                model.put(BindingRecord.keyOf(b), b);
            }
            if (random.nextInt(10) == 0) {
                drain(writer);
                if (random.nextBoolean()) {
                    log.foldHandedOver();
                }
                assertThat(decoded(onDisk())).as("after op %d", op).isEqualTo(decodedModel(model));
            }
        }
        drain(writer);
        assertThat(log.folded()).as("generations were folded").isPositive();
        mvStore.close();

        mvStore = open(dir.resolve("w.mv"));
        assertThat(decoded(onDisk())).isEqualTo(decodedModel(model));
    }

    @Test
    void aHalfFoldedGenerationStillReadsRightAndIsFoldedAfterAReopen() {
        ChangeLog log = new ChangeLog(mvStore, clock, FOLD_AFTER);
        BackupWriter writer = new BackupWriter(mvStore, log, new CommitMark(dir.resolve("w.mv")), 1000, clock);
        Binding old = binding("10.0.0.1", "192.0.2.1").identification(1).build();
        Binding newer = binding("10.0.0.1", "192.0.2.1").identification(2).build();
        writer.put(newer);
        writer.writeQueued();
        // as if a fold had put an older value into the checkpoint and the process died before removing the generation
        mvStore.<Long, byte[]>openMap(ChangeLog.CHECKPOINT).put(BindingRecord.keyOf(old), BindingRecord.encode(old));
        mvStore.commit();
        assertThat(decoded(onDisk())).containsExactly(newer);
        mvStore.close();

        mvStore = open(dir.resolve("w.mv"));
        ChangeLog reopened = new ChangeLog(mvStore, clock, FOLD_AFTER);
        assertThat(reopened.generationCount()).as("the old generation and a new current one").isEqualTo(2);
        reopened.foldHandedOver();
        assertThat(reopened.generationCount()).isEqualTo(1);
        assertThat(decoded(onDisk())).containsExactly(newer);
        assertThat(mvStore.<Long, byte[]>openMap(ChangeLog.CHECKPOINT).get(BindingRecord.keyOf(newer)))
                .isEqualTo(BindingRecord.encode(newer));
    }

    /** Writes slice after slice (at most maxBatch changes each) until nothing is queued: more calls than slices. */
    private static void drain(BackupWriter writer) {
        for (int slice = 0; slice <= 2_000; slice++) {
            writer.writeQueued();
        }
    }

    private static MVStore open(Path file) {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    }

    private static List<Binding> decoded(TreeMap<Long, byte[]> records) {
        return records.entrySet().stream().map(e -> BindingRecord.decode(e.getKey(), e.getValue())).toList();
    }

    private static List<Binding> decodedModel(Map<Long, Binding> model) {
        return new TreeMap<>(model).values().stream().toList();
    }
}
