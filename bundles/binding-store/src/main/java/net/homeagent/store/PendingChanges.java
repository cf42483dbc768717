package net.homeagent.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import net.homeagent.mip.api.Binding;

/**
 * The backup changes queued since the {@link BackupWriter} last took them, as primitive arrays:
 * per change a key, and for a put its {@link BindingRecord} encoded into one shared byte array,
 * so queueing a change makes no object. Whoever calls {@code sync()} meanwhile shares one future,
 * completed when all of these are on disk. Not thread-safe: the writer guards it with its lock
 * while it is being filled, and owns it alone once it has taken it.
 */
final class PendingChanges {

    private static final int INITIAL_CHANGES = 256;
    /** A buffer that grew beyond this (a mass expiry or import) is not kept for reuse. */
    private static final int KEPT_CHANGES = 1 << 16;
    private static final int DELETE = -1;

    private long[] keys = new long[INITIAL_CHANGES];
    private int[] offsets = new int[INITIAL_CHANGES];
    /** Record length of each change, {@link #DELETE} for a removal. */
    private int[] lengths = new int[INITIAL_CHANGES];
    private ByteBuffer records = ByteBuffer.allocate(INITIAL_CHANGES * 64);
    private int count;
    private CompletableFuture<Void> durable;
    private boolean stop;

    void put(long key, Binding binding) {
        byte[] nai = BindingRecord.naiBytes(binding);
        int length = BindingRecord.length(nai);
        if (records.remaining() < length) {
            records = ByteBuffer.wrap(Arrays.copyOf(records.array(), Math.max(records.capacity() * 2,
                    records.position() + length))).position(records.position());
        }
        int at = add(key, length);
        offsets[at] = records.position();
        BindingRecord.encodeInto(binding, nai, records);
    }

    void delete(long key) {
        add(key, DELETE);
    }

    /** The future of whoever waits for these changes; one for all of them. */
    CompletableFuture<Void> durable() {
        if (durable == null) {
            durable = new CompletableFuture<>();
        }
        return durable;
    }

    /** The future if anyone asked for one, else null. */
    CompletableFuture<Void> waiting() {
        return durable;
    }

    void requestStop() {
        stop = true;
    }

    boolean stopRequested() {
        return stop;
    }

    /** Whether the writer has anything to do with this buffer: a change, a waiter or a stop. */
    boolean isEmpty() {
        return count == 0 && durable == null && !stop;
    }

    int count() {
        return count;
    }

    /** Change {@code i} as the change log stores it ({@link ChangeLog#change}). */
    byte[] change(int i) {
        return ChangeLog.change(keys[i], records.array(), offsets[i], lengths[i]);
    }

    /** Empties the buffer for reuse; false if it grew too large to be worth keeping. */
    boolean reset() {
        count = 0;
        records.clear();
        durable = null;
        stop = false;
        return keys.length <= KEPT_CHANGES;
    }

    private int add(long key, int length) {
        if (count == keys.length) {
            int capacity = count * 2;
            keys = Arrays.copyOf(keys, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        keys[count] = key;
        lengths[count] = length;
        return count++;
    }
}
