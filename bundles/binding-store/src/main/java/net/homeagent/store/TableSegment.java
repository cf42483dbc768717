package net.homeagent.store;

import static net.homeagent.store.BindingRow.CARE_OF;
import static net.homeagent.store.BindingRow.HOME;
import static net.homeagent.store.BindingRow.NEXT;
import static net.homeagent.store.BindingRow.STRIDE;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

import net.homeagent.mip.api.Binding;

/**
 * One of the {@link PackedBindingTable}'s segments: the bindings of the home addresses that hash
 * to it, as dense rows of ints ({@link BindingRow}) with a {@link HomeIndex} from home address to
 * its first row; the rows of one home address are chained through NEXT in care-of order. A removed
 * row is filled with the last row, so the rows stay dense and a listing is one linear pass.
 * <p>
 * Two locks, for two jobs:
 * <ul>
 * <li>{@link #changes}, re-entrant, held by a writer for a whole operation on a home address and
 * the delivery of its events (so its events stay in order and a listener may call back into the
 * store); it is the lock stripe of the former design.</li>
 * <li>{@link #data}, a {@link StampedLock} held for writing only while the arrays change, never while
 * anything else is waited for or called. Readers take no lock: they copy what they need under an
 * optimistic stamp and retry under the read lock if a change overlapped, so they never see half a
 * change and never wait for a listener (a listener reading another home address cannot deadlock).</li>
 * </ul>
 * The mutating methods require {@link #changes} held and the write stamp of {@link #beginWrite}: one
 * operation (a registration that replaces a node's other bindings, a removal of all of them) is one
 * write window, so a reader sees all of it or none.
 */
final class TableSegment {

    private static final int MIN_ROWS = 4;

    final ReentrantLock changes = new ReentrantLock();
    private final StampedLock data = new StampedLock();
    private final HomeIndex index = new HomeIndex();
    private int[] rows = new int[MIN_ROWS * STRIDE];
    /** The side column (NAI, exact times) per row, allocated when the first row needs it. */
    private Object[] extras;
    private int count;

    /** What a reader copied: {@code count} rows of {@code rows}, and their side column (null if none). */
    record Copy(int[] rows, Object[] extras, int count) {
        Object extra(int row) {
            return extras == null ? null : extras[row];
        }
    }

    static final Copy EMPTY = new Copy(new int[0], null, 0);

    // ---- readers (no lock held)

    /** The rows of {@code home}, in care-of order, as of one moment. */
    Copy copyOf(int home) {
        return consistent(() -> chainOf(home));
    }

    /** Every row, as of one moment. */
    Copy copyAll() {
        return consistent(this::allRows);
    }

    /** Copies under an optimistic stamp; if a change overlapped, again under the read lock. */
    private Copy consistent(Supplier<Copy> copier) {
        long stamp = data.tryOptimisticRead();
        try {
            Copy copy = copier.get();
            if (data.validate(stamp)) {
                return copy;
            }
        } catch (RuntimeException torn) {
            // the arrays changed under the copy (an index or a link out of range): read again, locked
        }
        stamp = data.readLock();
        try {
            return copier.get();
        } finally {
            data.unlockRead(stamp);
        }
    }

    /** Home addresses of this segment as of one moment (no lock needed): the home of each chain's first row. */
    int[] homes() {
        long stamp = data.readLock();
        try {
            int[] homes = new int[index.size()];
            int n = 0;
            for (int row = 0; row < count; row++) {
                int home = rows[row * STRIDE + HOME];
                if (index.get(home) == row) {
                    homes[n++] = home;
                }
            }
            return homes;
        } finally {
            data.unlockRead(stamp);
        }
    }

    // ---- for the holder of `changes`: reads see no concurrent writer, so they need no stamp

    int first(int home) {
        return index.get(home);
    }

    int next(int row) {
        return rows[row * STRIDE + NEXT];
    }

    int rowOf(int home, int careOf) {
        for (int row = index.get(home); row >= 0; row = next(row)) {
            if (rows[row * STRIDE + CARE_OF] == careOf) {
                return row;
            }
        }
        return -1;
    }

    /** The rows array and a row's base in it, valid until the next change. */
    int[] rows() {
        return rows;
    }

    Object extra(int row) {
        return extras == null ? null : extras[row];
    }

    int count() {
        return count;
    }


    /**
     * Stores {@code b} (home {@code home}, care-of {@code careOf}): over its row if the key has one,
     * else in a new row linked in care-of order. Returns the row.
     */
    int put(int home, int careOf, Binding b) {
        int row = rowOf(home, careOf);
        if (row < 0) {
            row = appendRow();
            link(row, home, careOf);
        }
        setExtra(row, BindingRow.write(rows, row * STRIDE, b));
        return row;
    }

    /** Removes {@code row}; the last row moves into its place (so row numbers held before are stale). */
    void remove(int row) {
        unlink(row);
        int last = count - 1;
        if (row != last) {
            moveRow(last, row);
        }
        setExtra(last, null);
        count--;
        shrinkIfSparse();
    }

    /** Removes every row of {@code home}. */
    void removeAll(int home) {
        for (int row = index.get(home); row >= 0; row = index.get(home)) {
            remove(row);
        }
    }

    /** Opens a write window; readers retry until {@link #endWrite}. Never wait for anything inside it. */
    long beginWrite() {
        return data.writeLock();
    }

    void endWrite(long stamp) {
        data.unlockWrite(stamp);
    }

    private Copy chainOf(int home) {
        int first = index.get(home);
        if (first < 0) {
            return EMPTY;
        }
        int n = 0;
        for (int row = first; row >= 0 && n <= count; row = next(row)) {
            n++;
        }
        if (n > count) {
            throw new IllegalStateException("chain of " + home + " loops: changed while read");
        }
        int[] copy = new int[n * STRIDE];
        Object[] side = null;
        int i = 0;
        for (int row = first; row >= 0 && i < n; row = next(row), i++) {
            System.arraycopy(rows, row * STRIDE, copy, i * STRIDE, STRIDE);
            Object extra = extra(row);
            if (extra != null) {
                side = side == null ? new Object[n] : side;
                side[i] = extra;
            }
        }
        return new Copy(copy, side, i);
    }

    private Copy allRows() {
        int n = count;
        return new Copy(Arrays.copyOf(rows, n * STRIDE), extras == null ? null : Arrays.copyOf(extras, n), n);
    }

    private int appendRow() {
        if ((count + 1) * STRIDE > rows.length) {
            int capacity = Math.max(MIN_ROWS, count + (count >> 1) + 1);
            rows = Arrays.copyOf(rows, capacity * STRIDE);
            if (extras != null) {
                extras = Arrays.copyOf(extras, capacity);
            }
        }
        return count++;
    }

    /** Links a new row into the chain of {@code home}, which is kept in ascending unsigned care-of order. */
    private void link(int row, int home, int careOf) {
        int previous = -1;
        int at = index.get(home);
        while (at >= 0 && Integer.compareUnsigned(rows[at * STRIDE + CARE_OF], careOf) < 0) {
            previous = at;
            at = next(at);
        }
        rows[row * STRIDE + NEXT] = at;
        if (previous < 0) {
            index.put(home, row);
        } else {
            rows[previous * STRIDE + NEXT] = row;
        }
    }

    private void unlink(int row) {
        repoint(rows[row * STRIDE + HOME], row, next(row));
    }

    /** Moves row {@code from} to the free row {@code to} and points whatever referred to it there. */
    private void moveRow(int from, int to) {
        System.arraycopy(rows, from * STRIDE, rows, to * STRIDE, STRIDE);
        setExtra(to, extra(from));
        repoint(rows[to * STRIDE + HOME], from, to);
    }

    /** Points what refers to row {@code from} of {@code home}'s chain (the index, or the row before it) at {@code to}; -1 ends the chain. */
    private void repoint(int home, int from, int to) {
        int first = index.get(home);
        if (first == from) {
            if (to < 0) {
                index.remove(home);
            } else {
                index.put(home, to);
            }
            return;
        }
        int previous = first;
        while (next(previous) != from) {
            previous = next(previous);
        }
        rows[previous * STRIDE + NEXT] = to;
    }

    private void setExtra(int row, Object extra) {
        if (extra == null && extras == null) {
            return;
        }
        if (extras == null) {
            extras = new Object[rows.length / STRIDE];
        }
        extras[row] = extra;
    }

    /** Gives memory back after a mass removal (expiry, clear): below a quarter used, the arrays halve. */
    private void shrinkIfSparse() {
        int capacity = rows.length / STRIDE;
        if (capacity > MIN_ROWS * 4 && count * 4 < capacity) {
            int smaller = capacity / 2;
            rows = Arrays.copyOf(rows, smaller * STRIDE);
            if (extras != null) {
                extras = Arrays.copyOf(extras, smaller);
            }
        }
    }
}
