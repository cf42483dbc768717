package net.homeagent.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Group commit of binding changes to the backup. Changes are queued by the threads that make them
 * (under the home address's lock, so the queue holds each home address's changes in order); one
 * writer thread takes whatever is queued, up to {@code maxBatch}, applies it to the map, commits
 * one MVStore chunk and forces it to disk ({@code FileChannel.force}) once for the whole batch,
 * and only then completes the {@link #sync()} futures of that batch. Under load a batch grows to
 * what arrived during the previous fsync, so the cost of an fsync is shared by every change in it.
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

    /** What the queue holds: a change, a request to be told when all before it is durable, or the end. */
    private sealed interface Entry permits Put, Delete, Sync, Stop {
    }

    private record Put(long key, byte[] record) implements Entry {
    }

    private record Delete(long key) implements Entry {
    }

    private record Sync(CompletableFuture<Void> done) implements Entry {
    }

    private record Stop() implements Entry {
    }

    private final MVStore store;
    private final MVMap<Long, byte[]> map;
    private final CommitMark mark;
    private final int maxBatch;
    private final Clock clock;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
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

    BackupWriter(MVStore store, MVMap<Long, byte[]> map, CommitMark mark, int maxBatch, Clock clock) {
        this.store = store;
        this.map = map;
        this.mark = mark;
        this.maxBatch = Math.max(1, maxBatch);
        this.clock = clock;
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
        this.lastHousekeeping = clock.instant();
    }

    /** Queues the backup side of one table change. */
    void record(BindingEvent event) {
        long key = BindingRecord.keyOf(event.binding());
        queue.add(event.type() == BindingEvent.Type.REMOVED ? new Delete(key)
                : new Put(key, BindingRecord.encode(event.binding())));
    }

    void delete(long key) {
        queue.add(new Delete(key));
    }

    /** Completes once every change queued before this call is forced to disk. */
    CompletionStage<Void> sync() {
        if (stopped) {
            return CompletableFuture.failedFuture(new IllegalStateException("binding backup closed"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Sync(done));
        return done;
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
        queue.add(new Stop());
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
     * Writes, on the calling thread, one batch of what is queued now (at most {@code maxBatch}
     * entries). The writer thread does the same after waiting for the first entry.
     *
     * @return whether a stop was among the entries
     */
    boolean writeQueued() {
        List<Entry> batch = new ArrayList<>(Math.min(maxBatch, 1024));
        queue.drainTo(batch, maxBatch);
        return write(batch);
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
        List<Entry> batch = new ArrayList<>(Math.min(maxBatch, 1024));
        boolean stop = false;
        while (!stop) {
            Entry first;
            try {
                first = queue.poll(MARK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                LOG.warn("Binding backup writer interrupted; writing what is queued and stopping");
                queue.add(new Stop());
                continue;
            }
            if (first == null) {
                // idle: bring the mark up to date and tidy the file
                markIfBehind();
                keepHouse();
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            stop = write(batch);
            batch.clear();
        }
        failLeftovers();
    }

    private boolean write(List<Entry> batch) {
        if (batch.isEmpty()) {
            return false;
        }
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        boolean stop = false;
        int changes = 0;
        for (Entry entry : batch) {
            if (entry instanceof Sync sync) {
                waiting.add(sync.done());
            } else if (entry instanceof Stop) {
                stop = true;
            } else {
                changes++;
            }
        }
        try {
            for (Entry entry : batch) {
                if (entry instanceof Put put) {
                    map.put(put.key(), put.record());
                } else if (entry instanceof Delete delete) {
                    map.remove(delete.key());
                }
            }
            if (changes > 0) {
                store.commit();
                store.sync(); // FileChannel.force: the batch is on the disk, not only in the page cache
                syncs.incrementAndGet();
                changesWritten.addAndGet(changes);
                lastSync = clock.instant();
                if (Duration.between(lastMark, lastSync).compareTo(MARK_INTERVAL) >= 0) {
                    markIfBehind();
                }
            }
            waiting.forEach(done -> done.complete(null));
        } catch (RuntimeException failure) {
            // The bindings are in memory and keep working; only their durable copy is missing.
            writeFailures.incrementAndGet();
            int lost = changes;
            failureLog.report(() -> "Binding backup could not write a batch of " + lost + " changes to "
                    + store.getFileStore().getFileName() + "; the bindings stay in memory but would not survive a "
                    + "restart: " + failure, failure);
            waiting.forEach(done -> done.completeExceptionally(failure));
        }
        return stop;
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
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        IllegalStateException closed = new IllegalStateException("binding backup closed");
        for (Entry entry : rest) {
            if (entry instanceof Sync sync) {
                sync.done().completeExceptionally(closed);
            }
        }
    }

}
