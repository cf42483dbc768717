package net.homeagent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Writes checkpoints of the {@link BindingJournal}: the whole table, read from memory, into
 * {@code checkpoint-<n>.bin}, where n is the log segment the writer has just started
 * ({@link JournalLog#rotate}). Then the older checkpoint and segments are deleted.
 * <p>
 * Why this is right although the table changes while it is read: every change made before the
 * rotation is in the table before the reading starts, so in the checkpoint; every change made
 * after it is also in segment n or later, which a restore replays over the checkpoint. Each log
 * change is a binding's whole state (or its removal), so replaying one the checkpoint already
 * holds changes nothing, and each home address's bindings are read at one moment, so none is seen
 * half changed. The older files go only once the checkpoint is forced and named; a crash before
 * that leaves them, and the restore uses them.
 * <p>
 * Nothing is folded from the old files into a new one: a checkpoint that fails leaves the last good
 * checkpoint and every segment since in place, which is still the whole truth.
 */
final class Checkpointer {

    /** The table as the checkpoint reads it: each home address with all its bindings, read at one moment. */
    interface TableSource {
        void forEachHome(BiConsumer<Integer, List<Binding>> visitor);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final int FRAME_PAYLOAD = 1 << 18;
    /** After a failure the next checkpoint waits this long, so that a failing disk is not hammered. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final JournalDisk disk;
    private final TableSource table;
    private final Executor executor;
    private final Clock clock;
    private final RateLimitedLog failureLog;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong finishedBytes = new AtomicLong(-1);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant failedAt;
    private volatile String lastFailure;
    private volatile Instant lastWritten;
    private volatile boolean stopping;

    Checkpointer(JournalDisk disk, TableSource table, Executor executor, Clock clock) {
        this.disk = disk;
        this.table = table;
        this.executor = executor;
        this.clock = clock;
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
    }

    static String checkpointName(long number) {
        return String.format("checkpoint-%016d.bin", number);
    }

    /** Whether a checkpoint may start now: none is being written, and the last did not just fail. */
    boolean ready() {
        Instant failed = failedAt;
        return !busy.get() && !stopping
                && (failed == null || !clock.instant().isBefore(failed.plus(RETRY_AFTER)));
    }

    /** Writes a checkpoint replacing everything before segment {@code from.number()}, on the executor. */
    void submit(JournalFormat.Header from) {
        busy.set(true);
        executor.execute(() -> {
            try {
                long bytes = writeNow(from);
                failedAt = null;
                finishedBytes.set(bytes);
            } catch (IOException | RuntimeException failure) {
                if (stopping) {
                    // given up for the stop: the log it would have replaced is still there
                    LOG.info("Binding backup checkpoint {} abandoned: the binding store is stopping", from.number());
                    return;
                }
                failures.incrementAndGet();
                failedAt = clock.instant();
                lastFailure = clock.instant() + ": checkpoint " + from.number() + " could not be written: " + failure;
                failureLog.report(() -> "Binding backup " + lastFailure + "; the previous checkpoint and the log since "
                        + "stay in use, and a new checkpoint is tried in " + RETRY_AFTER.toSeconds() + " s", failure);
            } finally {
                busy.set(false);
            }
        });
    }

    /** The size of the checkpoint finished since the last call, -1 if none. */
    long takeFinished() {
        return finishedBytes.getAndSet(-1);
    }

    long written() {
        return written.get();
    }

    long failures() {
        return failures.get();
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    Optional<Instant> lastWritten() {
        return Optional.ofNullable(lastWritten);
    }

    /** A checkpoint being written gives up at its next frame; its partial file is removed at the next start. */
    void stop() {
        stopping = true;
    }

    /** Writes a checkpoint on the calling thread and removes what it replaces; returns its size. */
    long writeNow(JournalFormat.Header from) throws IOException {
        long bytes = write(from);
        removeOlderThan(from.number());
        written.incrementAndGet();
        lastWritten = clock.instant();
        return bytes;
    }

    /** Writes the checkpoint under a partial name, forces it, then gives it its name. */
    private long write(JournalFormat.Header from) throws IOException {
        String name = checkpointName(from.number());
        String partial = name + BindingJournal.PARTIAL_SUFFIX;
        long bytes;
        try (JournalDisk.AppendFile out = disk.create(partial)) {
            FrameFiller filler = new FrameFiller(out);
            out.write(JournalFormat.header(JournalFormat.CHECKPOINT_MAGIC, from.number(), from.firstSequence()));
            try {
                table.forEachHome(filler);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            filler.flush();
            filler.end();
            out.force();
            bytes = JournalFormat.HEADER_BYTES + filler.bytes;
        }
        disk.rename(partial, name);
        disk.syncDirectory();
        return bytes;
    }

    /** Deletes checkpoints and segments older than {@code number}: the checkpoint of that number holds them. */
    private void removeOlderThan(long number) throws IOException {
        for (String file : disk.list()) {
            JournalFiles.Kind kind = JournalFiles.kindOf(file);
            if ((kind == JournalFiles.Kind.CHECKPOINT || kind == JournalFiles.Kind.SEGMENT)
                    && JournalFiles.numberOf(file) < number) {
                disk.delete(file);
            }
        }
        disk.syncDirectory();
    }

    /** Packs records into frames of about {@link #FRAME_PAYLOAD} bytes. */
    private final class FrameFiller implements BiConsumer<Integer, List<Binding>> {
        private final JournalDisk.AppendFile out;
        private final PendingChanges change = new PendingChanges();
        private ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_OVERHEAD + FRAME_PAYLOAD + (1 << 17));
        private long sequence;
        private long bytes;

        FrameFiller(JournalDisk.AppendFile out) {
            this.out = out;
            frame.position(JournalFormat.FRAME_OVERHEAD);
        }

        @Override
        public void accept(Integer home, List<Binding> bindings) {
            if (stopping) {
                throw new UncheckedIOException(new IOException("binding store stopping"));
            }
            change.reset();
            change.home(home, bindings);
            if (frame.remaining() < change.encodedLength()) {
                ByteBuffer larger = ByteBuffer.allocate(frame.position() + change.encodedLength());
                frame = larger.put(frame.flip());
            }
            change.writeChanges(frame);
            if (frame.position() >= JournalFormat.FRAME_OVERHEAD + FRAME_PAYLOAD) {
                try {
                    flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** Writes the frame being filled, if it holds anything. */
        void flush() throws IOException {
            if (frame.position() > JournalFormat.FRAME_OVERHEAD) {
                seal();
            }
        }

        /** The frame without changes that says the checkpoint is complete. */
        void end() throws IOException {
            seal();
        }

        private void seal() throws IOException {
            ByteBuffer sealed = JournalFormat.seal(frame, sequence++);
            bytes += sealed.remaining();
            out.write(sealed);
            frame.clear().position(JournalFormat.FRAME_OVERHEAD);
        }
    }
}
