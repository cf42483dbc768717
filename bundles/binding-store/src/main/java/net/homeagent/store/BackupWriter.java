package net.homeagent.store;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Group commit of binding changes to the {@link JournalLog}. Changes are queued by the threads that
 * make them, under the home address's lock, as the home address's whole state after the operation
 * (a care-of change is one change, not a removal and an add), into a {@link PendingChanges} buffer;
 * every
 * {@link #sync()} meanwhile gets that buffer's one future. The writer thread takes the whole
 * buffer at once (the registering threads go on filling a second one), appends it as one frame,
 * forces it to disk and only then completes its future. Under load a group grows to what arrived during the
 * previous fsync, so the cost of an fsync is shared by every change in it; the {@link CommitDelay} makes it
 * grow further under load.
 * <p>
 * After each frame the writer asks whether a checkpoint is due ({@link JournalLog#checkpointDue})
 * and, if the {@link Checkpointer} is free, starts a new segment and hands it over.
 * <p>
 * The queue is unbounded: the registration path never blocks on it. If the disk stalls, changes
 * pile up in memory and replies wait; nothing is dropped.
 */
final class BackupWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How often at most the {@link CommitMark} follows the frames. */
    private static final Duration MARK_INTERVAL = Duration.ofSeconds(5);

    private final Clock clock;
    private final String location;
    private final CommitDelay commitDelay;
    /** How many changes the writer thread's last group held (writer thread). */
    private int lastGroupChanges;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    /** Filled by the registering threads, under {@link #lock}. */
    private PendingChanges pending = new PendingChanges();
    /** A drained buffer kept for the next swap, under {@link #lock}; null while none is free. */
    private PendingChanges spare = new PendingChanges();
    private final RateLimitedLog failureLog;
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong changesWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private volatile Instant lastSync;
    private volatile String lastFailure;
    private Instant lastMark = Instant.MIN;
    private long markedSequence = -1;
    /** Where the changes go, from {@link #attach} on (writer thread). */
    private JournalDisk disk;
    private JournalLog log;
    private Checkpointer checkpointer;
    private Thread thread;
    private volatile boolean stopped;

    BackupWriter(Clock clock, String location, CommitDelay commitDelay) {
        this.clock = clock;
        this.location = location;
        this.commitDelay = commitDelay;
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
    }

    /**
     * Queues the state of {@code home} after an operation: exactly {@code bindings} (none: its last
     * binding is gone). The caller holds the home address's lock, so its states queue in order.
     */
    void home(int home, List<Binding> bindings) {
        lock.lock();
        try {
            pending.home(home, bindings);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Completes once every change queued before this call is forced to disk. */
    CompletionStage<Void> sync() {
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("binding backup closed"));
        }
        lock.lock();
        try {
            CompletableFuture<Void> durable = pending.durable();
            queued.signal();
            return durable;
        } finally {
            lock.unlock();
        }
    }

    /** From now on queued changes go to {@code log}; checkpoints are handed to {@code checkpointer}. */
    void attach(JournalDisk disk, JournalLog log, Checkpointer checkpointer) {
        this.disk = disk;
        this.log = log;
        this.checkpointer = checkpointer;
    }

    /** Starts the writer thread (after {@link #attach}). */
    synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "binding-backup-writer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    synchronized void stop() {
        stopped = true;
        if (thread == null) {
            failLeftovers();
            return;
        }
        requestStop();
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                LOG.error("Binding backup writer did not finish within {}; changes still queued may be lost", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        failLeftovers(); // a sync() that raced with the stop must not wait forever
        markIfBehind();
    }

    /**
     * Writes, on the calling thread, what is queued as one frame; the writer thread does the same
     * whenever something is queued.
     *
     * @return whether a stop was requested with the group just written
     */
    boolean writeQueued() {
        PendingChanges group = take();
        if (group == null) {
            return false;
        }
        IOException failure = null;
        lastGroupChanges = group.count();
        if (group.count() > 0) {
            failure = write(group);
        }
        CompletableFuture<Void> waiting = group.waiting();
        boolean stop = group.stopRequested();
        if (waiting != null) {
            if (failure == null) {
                waiting.complete(null);
            } else {
                waiting.completeExceptionally(failure);
            }
        }
        recycle(group);
        return stop;
    }

    /** Closes the log's segment, after {@link #stop}. */
    void closeLog() throws IOException {
        if (log != null) {
            log.close();
        }
    }

    long syncs() {
        return syncs.get();
    }

    long changesWritten() {
        return changesWritten.get();
    }

    long writeFailures() {
        return writeFailures.get();
    }

    Optional<Instant> lastSync() {
        return Optional.ofNullable(lastSync);
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private void run() {
        boolean stop = false;
        while (!stop) {
            try {
                if (!awaitQueued()) {
                    markIfBehind(); // idle: bring the mark up to date
                    continue;
                }
            } catch (InterruptedException e) {
                LOG.warn("Binding backup writer interrupted; writing what is queued and stopping");
                requestStop();
                continue;
            }
            commitDelay.beforeGroup(lastGroupChanges);
            stop = writeQueued();
        }
        failLeftovers();
    }

    /** Appends the group, then starts a checkpoint if one is due; returns the failure, if any. */
    private IOException write(PendingChanges group) {
        try {
            if (log == null) {
                throw new IOException("the backup could not be read at start, so nothing is written to it until the "
                        + "binding store restarts");
            }
            log.append(group);
        } catch (IOException failure) {
            // The bindings are in memory and keep working; only their durable copy is missing.
            writeFailures.incrementAndGet();
            lastFailure = clock.instant() + ": a group of " + group.count() + " changes could not be written: " + failure;
            failureLog.report(() -> "Binding backup could not write a group of " + group.count() + " changes to "
                    + location + "; the bindings stay in memory but would not survive a restart: " + failure,
                    failure);
            return failure;
        }
        syncs.incrementAndGet();
        changesWritten.addAndGet(group.count());
        lastSync = clock.instant();
        if (Duration.between(lastMark, lastSync).compareTo(MARK_INTERVAL) >= 0) {
            markIfBehind();
        }
        checkpointIfDue();
        return null;
    }

    private void checkpointIfDue() {
        long finished = checkpointer.takeFinished();
        if (finished >= 0) {
            log.checkpointed(finished);
        }
        if (log.checkpointDue() && checkpointer.ready()) {
            try {
                checkpointer.submit(log.rotate());
            } catch (IOException failure) {
                failureLog.report(() -> "Binding backup could not start a new log segment for a checkpoint: " + failure,
                        failure);
            }
        }
    }

    /** Waits up to the mark interval for something to write; true if there is. */
    private boolean awaitQueued() throws InterruptedException {
        lock.lock();
        try {
            long nanos = MARK_INTERVAL.toNanos();
            while (pending.isEmpty() && nanos > 0) {
                nanos = queued.awaitNanos(nanos);
            }
            return !pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the whole pending buffer and puts an empty one in its place; null if nothing was queued. */
    private PendingChanges take() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                return null;
            }
            PendingChanges taken = pending;
            pending = spare != null ? spare : new PendingChanges();
            spare = null;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private void recycle(PendingChanges group) {
        if (group.reset()) {
            lock.lock();
            try {
                spare = group;
            } finally {
                lock.unlock();
            }
        }
    }

    private void requestStop() {
        lock.lock();
        try {
            pending.requestStop();
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Records the newest frame on disk in the {@link CommitMark}, after its fsync, never before. */
    private void markIfBehind() {
        if (log == null) {
            return;
        }
        long sequence = log.lastSequence();
        if (sequence != markedSequence && sequence >= 0 && CommitMark.write(disk, sequence)) {
            markedSequence = sequence;
            lastMark = clock.instant();
        }
    }

    /** Anything queued after the stop can no longer be written: tell whoever waits for it. */
    private void failLeftovers() {
        CompletableFuture<Void> waiting;
        lock.lock();
        try {
            waiting = pending.waiting();
            pending.reset();
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException("binding backup closed"));
        }
    }
}
