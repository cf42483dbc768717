package net.homeagent.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The backup changes queued since the {@link BackupWriter} last took them, already encoded as a
 * journal frame's payload ({@link JournalFormat}) in one growing byte array, so queueing a change
 * makes no object. Each change is a home address with every binding it has after an operation
 * (none after its last was removed). Whoever calls {@code sync()} meanwhile shares one future,
 * completed when all of these are on disk. Not thread-safe: the writer guards it with its lock
 * while it is being filled, and owns it alone once it has taken it.
 */
final class PendingChanges {

    private static final int INITIAL_BYTES = 1 << 14;
    /** A buffer that grew beyond this (a mass expiry or import) is not kept for reuse. */
    private static final int KEPT_BYTES = 1 << 22;

    private ByteBuffer changes = ByteBuffer.allocate(INITIAL_BYTES);
    private int count;
    private CompletableFuture<Void> durable;
    private boolean stop;

    /** Queues "{@code home} now has exactly {@code bindings}" (all of them of that home address). */
    void home(int home, List<Binding> bindings) {
        if (bindings.size() > 0xffff) {
            throw new IllegalArgumentException(bindings.size() + " bindings of one home address cannot be stored");
        }
        int length = JournalFormat.HOME_OVERHEAD;
        byte[][] nais = new byte[bindings.size()][];
        for (int i = 0; i < nais.length; i++) {
            nais[i] = BindingRecord.naiBytes(bindings.get(i));
            length += JournalFormat.BINDING_OVERHEAD + BindingRecord.length(nais[i]);
        }
        if (changes.remaining() < length) {
            changes = ByteBuffer.wrap(Arrays.copyOf(changes.array(), Math.max(changes.capacity() * 2,
                    changes.position() + length))).position(changes.position());
        }
        changes.putInt(home);
        changes.putShort((short) bindings.size());
        for (int i = 0; i < nais.length; i++) {
            Binding binding = bindings.get(i);
            changes.putInt(Ipv4.toInt(binding.careOfAddress()));
            changes.putShort((short) BindingRecord.length(nais[i]));
            BindingRecord.encodeInto(binding, nais[i], changes);
        }
        count++;
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

    /** The bytes {@link #writeChanges} writes. */
    int encodedLength() {
        return changes.position();
    }

    /** Writes the changes in order, as a journal frame's payload holds them. */
    void writeChanges(ByteBuffer out) {
        out.put(changes.array(), 0, changes.position());
    }

    /** Empties the buffer for reuse; false if it grew too large to be worth keeping. */
    boolean reset() {
        count = 0;
        changes.clear();
        durable = null;
        stop = false;
        return changes.capacity() <= KEPT_BYTES;
    }
}
