package net.homeagent.store;

import java.util.Arrays;

/**
 * An open-addressing map from a home address (its 32 bits) to the row of its first binding in a
 * {@link TableSegment}: two primitive arrays, linear probing, no object per entry. The caller
 * holds the segment's lock.
 * <p>
 * Removal shifts the following entries of the probe run back (Knuth's algorithm R, "deletion with
 * linear probing"), so there are no tombstones and a lookup never walks over dead slots however
 * many registrations and deregistrations have passed. The table doubles when it is 70 % full.
 */
final class HomeIndex {

    static final int NONE = -1;
    private static final int MIN_CAPACITY = 8;

    private int[] keys;
    private int[] rows;
    private int size;
    private int mask;

    HomeIndex() {
        allocate(MIN_CAPACITY);
    }

    /** The row stored for {@code home}, or {@link #NONE}. */
    int get(int home) {
        for (int i = slotOf(home); ; i = (i + 1) & mask) {
            int row = rows[i];
            if (row == NONE) {
                return NONE;
            }
            if (keys[i] == home) {
                return row;
            }
        }
    }

    /** Sets the row of {@code home} (a new key or a new row for a known one); {@code row} must not be NONE. */
    void put(int home, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row " + row);
        }
        int i = slotOf(home);
        while (rows[i] != NONE) {
            if (keys[i] == home) {
                rows[i] = row;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = home;
        rows[i] = row;
        if (++size * 10 > keys.length * 7) {
            rehash(keys.length * 2);
        }
    }

    /** Forgets {@code home}; returns its row, or {@link #NONE} if it was not there. */
    int remove(int home) {
        int i = slotOf(home);
        while (rows[i] != NONE && keys[i] != home) {
            i = (i + 1) & mask;
        }
        if (rows[i] == NONE) {
            return NONE;
        }
        int removed = rows[i];
        // Algorithm R: move back every later entry of the run whose home slot is not between the hole and it.
        int hole = i;
        for (int j = (hole + 1) & mask; rows[j] != NONE; j = (j + 1) & mask) {
            int wanted = slotOf(keys[j]);
            boolean stays = hole <= j ? hole < wanted && wanted <= j : hole < wanted || wanted <= j;
            if (!stays) {
                keys[hole] = keys[j];
                rows[hole] = rows[j];
                hole = j;
            }
        }
        rows[hole] = NONE;
        size--;
        if (keys.length > MIN_CAPACITY && size * 10 < keys.length) {
            rehash(keys.length / 2);
        }
        return removed;
    }

    int size() {
        return size;
    }

    /** Slots allocated (for the memory accounting of the tests). */
    int capacity() {
        return keys.length;
    }

    private int slotOf(int home) {
        // murmur3's finaliser: consecutive addresses (a pool) spread over the table instead of forming
        // one run; independent of the multiplicative hash that chose the segment (PackedBindingTable).
        int h = home ^ home >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return (h ^ h >>> 16) & mask;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        int[] oldRows = rows;
        allocate(capacity);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRows[i] != NONE) {
                put(oldKeys[i], oldRows[i]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        rows = new int[capacity];
        Arrays.fill(rows, NONE);
        mask = capacity - 1;
    }
}
