package net.homeagent.store;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * The layout of the backup file: a checkpoint map {@value #CHECKPOINT} (binding key -> record) and
 * change-log generations {@code changes.<n>} (sequence number -> change) that the
 * {@link BackupWriter} appends to. The bindings on disk are the checkpoint with every generation
 * replayed over it in order.
 * <p>
 * Why a log: MVStore is copy-on-write, so a put into a keyed map rewrites the whole leaf page of
 * its key at the next commit (a few KiB for a 60-byte record). A group commit of a few changes to
 * random home addresses wrote ~6.5 KiB per change, ~1.4 KiB at a thousand per group
 * (docs/PERFORMANCE.md), and the disk became the limit. Appended with ascending keys, a generation
 * only ever dirties its last leaf: a commit writes little more than the new records.
 * <p>
 * Folding: when the current generation holds {@link #foldAfter} changes, the writer starts a new
 * one and the folder thread ({@code binding-backup-folder}) applies the old one to the checkpoint
 * in key order (so each leaf is rewritten about once per fold, not once per change), then removes
 * it. The folder never commits: its changes reach the disk with the writer's next commits. That is
 * safe at every moment because a replay is idempotent: until the generation is removed (in the
 * same commit as, or after, the last of its folded puts) a restore replays it over a checkpoint
 * that may hold some of it already.
 */
final class ChangeLog {

    static final String CHECKPOINT = "bindings";
    private static final String GENERATION_PREFIX = "changes.";
    /** A generation is folded once it holds this many changes, or half the checkpoint's size if that is more. */
    static final int MIN_FOLD_AFTER = 1 << 16;
    /** In the folder's queue: stop after the generation before it. */
    private static final Object STOP = new Object();
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);

    /** One change as a generation stores it: the binding key, then the record ({@link BindingRecord}), none for a removal. */
    static byte[] change(long key, byte[] record, int offset, int length) {
        ByteBuffer change = ByteBuffer.allocate(Long.BYTES + Math.max(0, length));
        change.putLong(key);
        if (length > 0) {
            change.put(record, offset, length);
        }
        return change.array();
    }

    private final MVStore store;
    private final MVMap<Long, byte[]> checkpoint;
    private final BlockingQueue<Object> toFold = new LinkedBlockingQueue<>();
    private final int minFoldAfter;
    private final AtomicInteger foldsOutstanding = new AtomicInteger();
    private final AtomicLong folded = new AtomicLong();
    private final RateLimitedLog failureLog;
    private MVMap<Long, byte[]> current;
    private long generation;
    private long nextSequence;
    private Thread folder;
    private volatile boolean stopping;

    ChangeLog(MVStore store, Clock clock) {
        this(store, clock, MIN_FOLD_AFTER);
    }

    ChangeLog(MVStore store, Clock clock, int minFoldAfter) {
        this.store = store;
        this.minFoldAfter = minFoldAfter;
        this.checkpoint = store.openMap(CHECKPOINT);
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
        List<Long> generations = generations(store);
        // Generations left by the last run are folded first, in order; new changes go to a new one.
        for (long older : generations) {
            toFold.add(store.openMap(GENERATION_PREFIX + older));
            foldsOutstanding.incrementAndGet();
        }
        this.generation = generations.isEmpty() ? 1 : generations.get(generations.size() - 1) + 1;
        this.current = store.openMap(GENERATION_PREFIX + generation);
    }

    /**
     * Reads the bindings of the file into {@code records} (binding key -> record, in key order): the
     * checkpoint, then every generation replayed in order. If the file is damaged the library throws
     * part way, and {@code records} holds what was read before. A change without its key is counted
     * in {@code failed[0]} and skipped.
     */
    static void read(MVStore store, TreeMap<Long, byte[]> records, long[] failed) {
        MVMap<Long, byte[]> checkpoint = store.openMap(CHECKPOINT);
        Cursor<Long, byte[]> cursor = checkpoint.cursor(null);
        while (cursor.hasNext()) {
            long key = cursor.next();
            records.put(key, cursor.getValue());
        }
        for (long generation : generations(store)) {
            MVMap<Long, byte[]> changes = store.openMap(GENERATION_PREFIX + generation);
            Cursor<Long, byte[]> replay = changes.cursor(null);
            while (replay.hasNext()) {
                replay.next();
                byte[] change = replay.getValue();
                if (change.length < Long.BYTES) {
                    failed[0]++;
                } else {
                    apply(records, change);
                }
            }
        }
    }

    /** Starts the folder thread. */
    synchronized void start() {
        if (folder == null) {
            folder = new Thread(this::foldWhileRunning, "binding-backup-folder");
            folder.setDaemon(true);
            folder.start();
        }
    }

    /** Stops the folder thread after the change it is at; a half-folded generation stays and is replayed. */
    synchronized void stop() {
        stopping = true;
        toFold.add(STOP);
        if (folder != null) {
            try {
                folder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            folder = null;
        }
    }

    /** Appends one change to the current generation (writer thread only). */
    void append(byte[] change) {
        current.put(nextSequence++, change);
    }

    /** After a commit (writer thread): hands a long enough generation to the folder, if it is free. */
    void afterCommit() {
        if (nextSequence >= foldAfter() && foldsOutstanding.get() == 0) {
            foldsOutstanding.incrementAndGet();
            toFold.add(current);
            generation++;
            current = store.openMap(GENERATION_PREFIX + generation);
            nextSequence = 0;
        }
    }

    /** Changes folded into the checkpoint since the start. */
    long folded() {
        return folded.get();
    }

    private long foldAfter() {
        return Math.max(minFoldAfter, checkpoint.sizeAsLong() / 2);
    }

    private void foldWhileRunning() {
        while (true) {
            Object next;
            try {
                next = toFold.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP || stopping) {
                return;
            }
            @SuppressWarnings("unchecked")
            MVMap<Long, byte[]> changes = (MVMap<Long, byte[]>) next;
            try {
                fold(changes);
            } catch (RuntimeException failure) {
                // The generation stays in the file and is replayed at the next start; nothing is lost.
                failureLog.report(() -> "Binding backup could not fold " + changes.getName() + " into the checkpoint: "
                        + failure, failure);
            } finally {
                foldsOutstanding.decrementAndGet();
            }
        }
    }

    /** Folds, on the calling thread, every generation handed over so far (for tests, without the folder thread). */
    void foldHandedOver() {
        for (Object next = toFold.poll(); next != null; next = toFold.poll()) {
            if (next != STOP) {
                @SuppressWarnings("unchecked")
                MVMap<Long, byte[]> changes = (MVMap<Long, byte[]>) next;
                fold(changes);
                foldsOutstanding.decrementAndGet();
            }
        }
    }

    /** Generations in the file, the current one included. */
    int generationCount() {
        return generations(store).size();
    }

    /** Applies one generation to the checkpoint in key order, then removes it. */
    private void fold(MVMap<Long, byte[]> changes) {
        TreeMap<Long, byte[]> latest = new TreeMap<>();
        Cursor<Long, byte[]> cursor = changes.cursor(null);
        while (cursor.hasNext()) {
            cursor.next();
            byte[] change = cursor.getValue();
            if (change.length >= Long.BYTES) {
                latest.put(ByteBuffer.wrap(change).getLong(), change); // the last change of a key wins
            }
        }
        for (Map.Entry<Long, byte[]> entry : latest.entrySet()) {
            if (stopping) {
                return;
            }
            byte[] change = entry.getValue();
            if (change.length == Long.BYTES) {
                checkpoint.remove(entry.getKey());
            } else {
                checkpoint.put(entry.getKey(), Arrays.copyOfRange(change, Long.BYTES, change.length));
            }
        }
        store.removeMap(changes);
        folded.addAndGet(latest.size());
    }

    private static void apply(Map<Long, byte[]> records, byte[] change) {
        long key = ByteBuffer.wrap(change).getLong();
        if (change.length == Long.BYTES) {
            records.remove(key);
        } else {
            records.put(key, Arrays.copyOfRange(change, Long.BYTES, change.length));
        }
    }

    private static List<Long> generations(MVStore store) {
        return store.getMapNames().stream().filter(name -> name.startsWith(GENERATION_PREFIX))
                .map(name -> name.substring(GENERATION_PREFIX.length())).filter(n -> n.chars().allMatch(Character::isDigit))
                .map(Long::parseLong).sorted(Comparator.naturalOrder()).toList();
    }
}
