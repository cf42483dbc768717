package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The journal's housekeeping and its failures, on a simulated disk with the writer and the
 * checkpoints driven on the test thread: the folder keeps to a checkpoint and the log since, a
 * failed write or checkpoint loses nothing that was on disk, and the next start reads it all.
 */
class JournalTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FaultyDisk disk = new FaultyDisk(new SimulatedDisk(new Random(3)));
    private BindingJournal journal;
    private DurableBindingStore store;

    private void start() {
        journal = new BindingJournal(disk, clock, Runnable::run, 1024, "simulated", () -> { }, false, CommitDelay.NONE);
        store = new DurableBindingStore(clock, journal);
        store.restoreFromBackup();
    }

    private CompletableFuture<Void> durable() {
        CompletableFuture<Void> done = store.sync().toCompletableFuture();
        while (!done.isDone()) {
            journal.writer().writeQueued();
        }
        return done;
    }

    private List<String> files(JournalFiles.Kind kind) throws IOException {
        return disk.list().stream().filter(name -> JournalFiles.kindOf(name) == kind).toList();
    }

    private List<Binding> registerMany(int count) {
        List<Binding> registered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Binding b = binding(Ipv4.of(0x0a000000 + i % 300), Ipv4.of(0xc0000200 + i % 7))
                    .identification(i).build();
            store.register(b, false);
            registered.add(b);
            if (i % 10 == 9) {
                durable();
            }
        }
        durable();
        return registered;
    }

    @Test
    void checkpointsReplaceTheLogSoThatTheFolderFollowsTheTableNotTheChanges() throws IOException {
        start();
        registerMany(20_000);

        assertThat(store.checkpoints()).isGreaterThan(10);
        assertThat(files(JournalFiles.Kind.CHECKPOINT)).hasSize(1);
        assertThat(files(JournalFiles.Kind.SEGMENT)).hasSizeLessThanOrEqualTo(2);
        // 300 bindings of 64 bytes in a frame: a checkpoint of ~20 KB, at most as much log again
        assertThat(store.sizeBytes()).isLessThan(3 * 300 * 64 + 1024 + 4096);
        List<Binding> before = store.list(b -> true);

        start();
        assertThat(store.list(b -> true)).isEqualTo(before);
        assertThat(store.lastRestore().problem()).isEmpty();
    }

    @Test
    void aFailedWriteIsCutAwaySoThatTheNextFrameFollowsTheLastWholeOne() throws IOException {
        start();
        Binding first = binding("10.0.0.1", "192.0.2.1").build();
        store.register(first, false);
        assertThat(durable()).isCompletedWithValue(null);

        disk.failNextWriteAfter(10); // ten bytes reach the file, then the disk refuses
        store.register(binding("10.0.0.2", "192.0.2.2").build(), false);
        assertThat(durable()).as("the reply is told the change is not durable").isCompletedExceptionally();
        assertThat(store.writeFailures()).isEqualTo(1);
        assertThat(store.lastWriteFailure()).hasValueSatisfying(text -> assertThat(text).contains("could not be written"));

        Binding third = binding("10.0.0.3", "192.0.2.3").build();
        store.register(third, false);
        assertThat(durable()).isCompletedWithValue(null);

        start();
        assertThat(store.lastRestore().problem()).isEmpty();
        assertThat(store.list(b -> true)).as("the failed change is lost, the one after it is not")
                .containsExactly(first, third);
    }

    @Test
    void aFailedCheckpointLeavesThePreviousOneAndTheLogAndIsTriedAgainLater() throws IOException {
        start();
        disk.failCheckpoints(true);
        List<Binding> registered = registerMany(3_000);

        assertThat(store.writeFailures()).isPositive();
        assertThat(store.lastWriteFailure()).hasValueSatisfying(text -> assertThat(text).contains("checkpoint"));
        long failures = store.writeFailures();
        registerMany(200);
        assertThat(store.writeFailures()).as("no new attempt within the retry interval").isEqualTo(failures);

        disk.failCheckpoints(false);
        clock.advance(Checkpointer.RETRY_AFTER);
        registerMany(200);
        assertThat(store.checkpoints()).isPositive();
        List<Binding> before = store.list(b -> true);

        start();
        assertThat(store.list(b -> true)).isEqualTo(before).hasSize(300);
        assertThat(registered).isNotEmpty();
    }

    @Test
    void aJournalThatCannotBeReadLeavesTheStoreServingAndEverySyncFailsInsteadOfWaiting() {
        disk.failReads(true);
        start();

        assertThat(store.lastRestore().problem()).hasValueSatisfying(p -> assertThat(p).contains("could not be read"));
        store.register(binding("10.0.0.1", "192.0.2.1").build(), false);
        assertThat(durable()).isCompletedExceptionally();
        assertThat(store.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
    }

    /** A {@link JournalDisk} that refuses what a test tells it to. */
    private static final class FaultyDisk implements JournalDisk {
        private final JournalDisk disk;
        private int failWriteAfter = -1;
        private boolean failCheckpoints;
        private boolean failReads;

        FaultyDisk(JournalDisk disk) {
            this.disk = disk;
        }

        void failNextWriteAfter(int bytes) {
            failWriteAfter = bytes;
        }

        void failCheckpoints(boolean fail) {
            failCheckpoints = fail;
        }

        void failReads(boolean fail) {
            failReads = fail;
        }

        @Override
        public List<String> list() throws IOException {
            if (failReads) {
                throw new IOException("simulated: the folder cannot be read");
            }
            return disk.list();
        }

        @Override
        public AppendFile create(String name) throws IOException {
            if (failCheckpoints && name.startsWith("checkpoint-")) {
                throw new IOException("simulated: no space left on device");
            }
            AppendFile file = disk.create(name);
            return new AppendFile() {
                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    if (failWriteAfter >= 0) {
                        ByteBuffer part = bytes.duplicate();
                        part.limit(part.position() + Math.min(failWriteAfter, part.remaining()));
                        file.write(part);
                        failWriteAfter = -1;
                        throw new IOException("simulated: I/O error");
                    }
                    file.write(bytes);
                }

                @Override
                public void force() throws IOException {
                    file.force();
                }

                @Override
                public void truncate(long length) throws IOException {
                    file.truncate(length);
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }

        @Override
        public InputStream read(String name) throws IOException {
            return disk.read(name);
        }

        @Override
        public long size(String name) throws IOException {
            return disk.size(name);
        }

        @Override
        public void truncate(String name, long length) throws IOException {
            disk.truncate(name, length);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            disk.rename(from, to);
        }

        @Override
        public void copy(String from, String to) throws IOException {
            disk.copy(from, to);
        }

        @Override
        public void delete(String name) throws IOException {
            disk.delete(name);
        }

        @Override
        public void syncDirectory() throws IOException {
            disk.syncDirectory();
        }

        @Override
        public String describe(String name) {
            return disk.describe(name);
        }
    }
}
