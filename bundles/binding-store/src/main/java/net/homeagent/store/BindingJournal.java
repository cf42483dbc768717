package net.homeagent.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binding table's durable copy (docs/storage.md): a folder holding a checkpoint of the table
 * and the log of every change since, written by the {@link BackupWriter} with group commit, and
 * replaced by a new checkpoint written from memory by the {@link Checkpointer} once the log is as
 * large as the checkpoint. Read back by {@link JournalRestore} at start.
 * <p>
 * Why a journal of our own rather than an embedded database: the table lives in memory, and the
 * copy on disk is only ever appended to and read whole at start; it never answers a lookup. A log
 * plus a checkpoint is the least that gives that (one sequential write and one fsync per group, one
 * sequential read at start), and its correctness can be argued in a paragraph (see
 * {@link Checkpointer}) and checked against a model with simulated crashes. H2's MVStore,
 * which this replaces, lost that argument in the field: its background merge of the log into a
 * B-tree failed under load, and a log generation left unmerged was replayed over a newer state.
 */
final class BindingJournal implements AutoCloseable {

    /** A file being written under this suffix is incomplete; it is removed at start. */
    static final String PARTIAL_SUFFIX = ".partial";
    private static final String LOCK_FILE = "journal.lock";
    private static final long CHECKPOINT_STOP_GRACE_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(BindingJournal.class);

    private final JournalDisk disk;
    private final Clock clock;
    private final Executor checkpointExecutor;
    private final long minLogBytes;
    private final BackupWriter writer;
    private final CommitDelay commitDelay;
    private final String location;
    private final AutoCloseable lock;
    private final boolean writerThread;
    private Checkpointer checkpointer;

    /**
     * @param writerThread false: {@link #start} starts no thread, and whoever holds the journal
     *                     writes by calling {@code writer().writeQueued()} (the model check does)
     */
    BindingJournal(JournalDisk disk, Clock clock, Executor checkpointExecutor, long minLogBytes, String location,
            AutoCloseable lock, boolean writerThread, CommitDelay commitDelay) {
        this.writerThread = writerThread;
        this.disk = disk;
        this.clock = clock;
        this.checkpointExecutor = checkpointExecutor;
        this.minLogBytes = minLogBytes;
        this.location = location;
        this.lock = lock;
        this.commitDelay = commitDelay;
        this.writer = new BackupWriter(clock, location, commitDelay);
    }

    /**
     * The journal in {@code folder}, locked against a second appliance using it; nothing is read yet.
     *
     * @throws IOException if no journal can be kept there (the folder cannot be made, or another
     *                     process holds it)
     */
    static BindingJournal open(Path folder, Clock clock) throws IOException {
        return open(folder, clock, CommitDelay.NONE);
    }

    /** As {@link #open(Path, Clock)}, the writer thread waiting {@code commitDelay} under load. */
    static BindingJournal open(Path folder, Clock clock, CommitDelay commitDelay) throws IOException {
        DirectoryDisk disk = new DirectoryDisk(folder);
        FileChannel lockChannel = FileChannel.open(disk.folder().resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = lockChannel.tryLock();
        if (held == null) {
            lockChannel.close();
            throw new IOException("binding backup " + folder + " is in use by another process");
        }
        ExecutorService checkpoints = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "binding-backup-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        return new BindingJournal(disk, clock, checkpoints, JournalLog.MIN_LOG_BYTES, disk.folder().toString(), () -> {
            // a checkpoint being written gives up at its next frame (Checkpointer.stop): wait for it
            // so that nothing writes into the folder once another instance may own it
            checkpoints.shutdown();
            checkpoints.awaitTermination(CHECKPOINT_STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            lockChannel.close();
        }, true, commitDelay);
    }

    /**
     * Reads the journal into {@code target}, then opens a new log segment for the changes to come.
     * A fresh journal starts with an empty checkpoint; a damaged one is replaced at once by a
     * checkpoint of what could be restored, so that the damage is behind it before anything new is
     * written.
     */
    JournalRestore.Outcome restore(JournalRestore.Target target, Checkpointer.TableSource table) throws IOException {
        JournalRestore.Outcome outcome = JournalRestore.read(disk, clock, target);
        checkpointer = new Checkpointer(disk, table, checkpointExecutor, clock);
        boolean startOver = outcome.fresh() || outcome.problem().isPresent();
        JournalLog log = new JournalLog(disk, outcome.nextSegment(), outcome.nextSequence(),
                startOver ? 0 : outcome.logBytes(), outcome.checkpointBytes(), minLogBytes);
        if (startOver) {
            log.checkpointed(checkpointer.writeNow(new JournalFormat.Header(outcome.nextSegment(), outcome.nextSequence())));
        }
        writer.attach(disk, log, checkpointer);
        return outcome;
    }

    /** Starts writing to disk (after {@link #restore}); until then changes only queue. */
    void start() {
        if (writerThread) {
            writer.start();
        }
    }

    BackupWriter writer() {
        return writer;
    }

    String location() {
        return location;
    }

    Duration commitDelay() {
        return commitDelay.delay();
    }

    /** Checkpoints written since the start. */
    long checkpoints() {
        return checkpointer == null ? 0 : checkpointer.written();
    }

    /** The newest failed group write since the start, else the newest failed checkpoint. */
    Optional<String> lastFailure() {
        Optional<String> checkpoint = checkpointer == null ? Optional.empty() : checkpointer.lastFailure();
        return writer.lastFailure().or(() -> checkpoint);
    }

    /** Failed group writes and failed checkpoints since the start. */
    long failures() {
        return writer.writeFailures() + (checkpointer == null ? 0 : checkpointer.failures());
    }

    /** The bytes of the checkpoints and log segments. */
    long sizeBytes() {
        long bytes = 0;
        try {
            for (String name : disk.list()) {
                JournalFiles.Kind kind = JournalFiles.kindOf(name);
                if (kind == JournalFiles.Kind.CHECKPOINT || kind == JournalFiles.Kind.SEGMENT) {
                    bytes += disk.size(name);
                }
            }
        } catch (IOException vanishedMeanwhile) {
            // a checkpoint removed a file between the listing and its size: the next call is right
        }
        return bytes;
    }

    /** Writes what is queued, stops the checkpoints, and lets go of the folder. */
    @Override
    public void close() {
        writer.stop();
        if (checkpointer != null) {
            checkpointer.stop();
        }
        try {
            writer.closeLog();
            lock.close();
        } catch (Exception e) {
            LOG.warn("Binding backup {} did not close cleanly: {}", location, e.toString());
        }
    }
}
