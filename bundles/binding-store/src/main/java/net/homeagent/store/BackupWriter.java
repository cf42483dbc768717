package net.homeagent.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Group commit of binding changes to the backup. Changes are queued by the threads that make them
 * (under the home address's lock, so the queue holds each home address's changes in order) into a
 * {@link PendingChanges} buffer of primitive arrays; every {@link #sync()} meanwhile gets that
 * buffer's one future. The writer thread takes the whole buffer at once (the registering threads
 * go on filling a second one), appends it to the {@link ChangeLog} in slices of at most
 * {@code maxBatch} changes, each committed as one MVStore chunk and forced to disk ({@code FileChannel.force}), and
 * only when all of it is on disk completes its future. Under load a group grows to what arrived
 * during the previous fsync, so the cost of an fsync is shared by every change in it.
 * <p>
 * The queue is unbounded: the registration path never blocks on it. If the disk stalls, changes
 * pile up in memory and replies wait; nothing is dropped.
 */
final class BackupWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How often, when idle, partly used chunks are rewritten so that the file does not only grow. */
    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(60);
    private static final int TARGET_FILL_RATE_PERCENT = 50;
    private static final int HOUSEKEEPING_WRITE_BYTES = 16 << 20;
    /** How often at most the {@link CommitMark} follows the commits. */
    private static final Duration MARK_INTERVAL = Duration.ofSeconds(5);

    private final MVStore store;
    private final ChangeLog log;
    private final CommitMark mark;
    private final int maxBatch;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    /** Filled by the registering threads, under {@link #lock}. */
    private PendingChanges pending = new PendingChanges();
    /** A drained buffer kept for the next swap, under {@link #lock}; null while none is free. */
    private PendingChanges spare = new PendingChanges();
    /** The buffer being written and how much of it is (writer's own, no lock). */
    private PendingChanges taken;
    private int written;
    private RuntimeException takenFailure;
    private final RateLimitedLog failureLog;
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong changesWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private volatile Instant lastSync;
    private Instant lastHousekeeping;
    private Instant lastMark = Instant.MIN;
    private long markedVersion = -1;
    private Thread thread;
    private volatile boolean stopped;

    BackupWriter(MVStore store, ChangeLog log, CommitMark mark, int maxBatch, Clock clock) {
        this.store = store;
        this.log = log;
        this.mark = mark;
        this.maxBatch = Math.max(1, maxBatch);
        this.clock = clock;
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
        this.lastHousekeeping = clock.instant();
    }

    /** Queues the backup of {@code binding} as it is now (an add, renewal or change). */
    void put(Binding binding) {
        long key = BindingRecord.keyOf(binding);
        lock.lock();
        try {
            pending.put(key, binding);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues the removal of the binding of {@code key} ({@link Ipv4#packKey}). */
    void delete(long key) {
        lock.lock();
        try {
            pending.delete(key);
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

    /** Starts the writer thread. */
    synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "binding-backup-writer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    synchronized void stop() {
        if (thread == null) {
            return;
        }
        stopped = true;
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
     * Writes, on the calling thread, one slice (at most {@code maxBatch} changes, one commit and one
     * fsync) of what is queued; the writer thread does the same whenever something is queued. The
     * waiters of a group are told once its last slice is on disk.
     *
     * @return whether a stop was requested with the group just finished
     */
    boolean writeQueued() {
        if (taken == null && !take()) {
            return false;
        }
        int slice = Math.min(maxBatch, taken.count() - written);
        writeSlice(written, slice);
        written += slice;
        if (written < taken.count()) {
            return false;
        }
        return finishGroup();
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

    private void run() {
        boolean stop = false;
        while (!stop) {
            try {
                if (taken == null && !awaitQueued()) {
                    // idle: bring the mark up to date and tidy the file
                    markIfBehind();
                    keepHouse();
                    continue;
                }
            } catch (InterruptedException e) {
                LOG.warn("Binding backup writer interrupted; writing what is queued and stopping");
                requestStop();
                continue;
            }
            stop = writeQueued();
        }
        failLeftovers();
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

    /** Takes the whole pending buffer for writing and puts an empty one in its place; false if nothing was queued. */
    private boolean take() {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                return false;
            }
            taken = pending;
            pending = spare != null ? spare : new PendingChanges();
            spare = null;
        } finally {
            lock.unlock();
        }
        written = 0;
        takenFailure = null;
        return true;
    }

    /** Applies changes {@code from .. from + n} of the taken group, commits and forces them to disk. */
    private void writeSlice(int from, int n) {
        if (n == 0) {
            return;
        }
        try {
            for (int i = from; i < from + n; i++) {
                log.append(taken.change(i));
            }
            store.commit();
            store.sync(); // FileChannel.force: the slice is on the disk, not only in the page cache
            log.afterCommit();
            syncs.incrementAndGet();
            changesWritten.addAndGet(n);
            lastSync = clock.instant();
            if (Duration.between(lastMark, lastSync).compareTo(MARK_INTERVAL) >= 0) {
                markIfBehind();
            }
        } catch (RuntimeException failure) {
            // The bindings are in memory and keep working; only their durable copy is missing.
            writeFailures.incrementAndGet();
            takenFailure = failure;
            failureLog.report(() -> "Binding backup could not write a batch of " + n + " changes to "
                    + store.getFileStore().getFileName() + "; the bindings stay in memory but would not survive a "
                    + "restart: " + failure, failure);
        }
    }

    /** Tells the group's waiters, recycles its buffer; returns whether it asked to stop. */
    private boolean finishGroup() {
        PendingChanges group = taken;
        taken = null;
        CompletableFuture<Void> waiting = group.waiting();
        boolean stop = group.stopRequested();
        if (waiting != null) {
            if (takenFailure == null) {
                waiting.complete(null);
            } else {
                waiting.completeExceptionally(takenFailure);
            }
        }
        if (group.reset()) {
            lock.lock();
            try {
                spare = group;
            } finally {
                lock.unlock();
            }
        }
        return stop;
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

    /** Records the newest version on disk in the {@link CommitMark}, after its fsync, never before. */
    private void markIfBehind() {
        try {
            long version = store.getCurrentVersion();
            if (version != markedVersion && mark.write(version)) {
                markedVersion = version;
                lastMark = clock.instant();
            }
        } catch (RuntimeException closedAfterAFailure) {
            // the mark only sharpens the next start's check; a failed write is already reported
        }
    }

    /** Rewrites sparse chunks now and then, on this thread so that it never races a batch. */
    private void keepHouse() {
        Instant now = clock.instant();
        if (Duration.between(lastHousekeeping, now).compareTo(HOUSEKEEPING_INTERVAL) < 0) {
            return;
        }
        lastHousekeeping = now;
        try {
            if (store.compact(TARGET_FILL_RATE_PERCENT, HOUSEKEEPING_WRITE_BYTES)) {
                store.commit();
                store.sync();
            }
        } catch (RuntimeException failure) {
            failureLog.report(() -> "Binding backup housekeeping failed: " + failure, failure);
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
